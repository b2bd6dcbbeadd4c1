"""Headless Chromium for the browser tests (Debian ``chromium`` + ``chromium-driver``,
driven by Selenium), plus the console server and small waiting helpers.

Chromium is never downloaded: the Debian packages must be installed. If they are
missing the tests FAIL with the command to install them (nothing is skipped).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, TypeVar

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
INSTALL_HINT = "apt-get install -y chromium chromium-driver"
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-default-apps",
    "--password-store=basic",
    "--use-mock-keychain",
]
T = TypeVar("T")


def require_chromium() -> None:
    """Fail (never skip) when the Debian Chromium packages are missing."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (Path(p).exists() and os.access(p, os.X_OK))]
    if missing:
        pytest.fail(
            f"headless Chromium is required for the browser tests; missing {missing}. Install it with: {INSTALL_HINT}",
            pytrace=False,
        )


class Browser:
    """One Chromium (fresh profile) driven by chromedriver."""

    def __init__(self, width: int = 1280, height: int = 900):
        require_chromium()
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="companion-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in CHROME_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(executable_path=CHROMEDRIVER, log_output=str(Path(self.profile) / "driver.log"))
        try:
            self.driver = webdriver.Chrome(service=service, options=options)
        except Exception as exc:  # noqa: BLE001
            shutil.rmtree(self.profile, ignore_errors=True)
            pytest.fail(f"could not start headless Chromium ({exc}). Is it installed? {INSTALL_HINT}", pytrace=False)
        self.driver.set_page_load_timeout(30)

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    # --- helpers ------------------------------------------------------------------------
    def get(self, url: str) -> None:
        self.driver.get(url)

    def css(self, selector: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector: str) -> list:
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def wait_for(self, selector: str, timeout: float = 20):
        return wait_until(
            lambda: (self.all(selector) or [None])[0],
            timeout,
            f"element {selector!r} on {self.driver.current_url}",
            self,
        )

    def text_of(self, selector: str) -> str:
        return " ".join(e.text for e in self.all(selector))

    def wait_text(self, selector: str, needle: str, timeout: float = 30) -> str:
        def found():
            text = self.text_of(selector)
            return text if needle.lower() in text.lower() else None

        return wait_until(found, timeout, f"{needle!r} in {selector!r}", self)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def console_log(self) -> List[dict]:
        try:
            return self.driver.get_log("browser")
        except Exception:  # noqa: BLE001
            return []

    def set_size(self, width: int, height: int) -> None:
        self.driver.set_window_size(width, height)


def wait_until(
    check: Callable[[], Optional[T]],
    timeout: float,
    what: str,
    browser: Optional[Browser] = None,
    interval: float = 0.25,
) -> T:
    deadline = time.time() + timeout
    last_error: Optional[Exception] = None
    while time.time() < deadline:
        try:
            value = check()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - stale elements while the page changes
            last_error = exc
        time.sleep(interval)
    detail = f" (last error: {last_error!r})" if last_error else ""
    if browser is not None:
        shot = browser.screenshot(f"timeout-{int(time.time())}")
        logs = "\n".join(str(e) for e in browser.console_log()[-20:])
        detail += f"\nscreenshot: {shot}\nbrowser console:\n{logs}"
    raise AssertionError(f"timed out after {timeout}s waiting for {what}{detail}")


@dataclass
class ConsoleServer:
    """``python -m bot console`` in a subprocess, against a test stack's database and Rasa."""

    env: Dict[str, str]
    port: int
    log_path: Path
    proc: Optional[subprocess.Popen] = field(default=None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "console"], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"console exited: {self.log_path.read_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/login", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise TimeoutError("console did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
