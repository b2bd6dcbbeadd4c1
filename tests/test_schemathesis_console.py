"""schemathesis against the staff console's OpenAPI, over real HTTP.

schemathesis cannot share a venv with Rasa 3.6.21's pins (docs/SECURITY.md), so it runs
from its own venv (.venv-fuzz, requirements-fuzz.txt, built by scripts/fuzz-venv.sh) as a
black-box client: the real console app (create_app) listens on a TCP port with a migrated
SQLite database, one open escalation and the recording stand-in for Rasa, and ``st run``
reads /api/openapi.json from it and generates requests for every operation. Two runs:

- with the API token (given for the spec's bearer scheme): every check schemathesis has --
  no 5xx, status codes, content types, headers and bodies as documented, bad input
  refused, good input accepted, 405s with an Allow header, requests without or with bad
  credentials refused (``ignored_auth``), stateful sequences along the inferred links;
- without credentials: every operation is exercised and nothing but 401 comes back.

Derandomised and bounded (``--max-examples``), so the run is repeatable.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest
from aiohttp import web

from bot.console.app import create_app
from tests.telegram_fixtures import sqlite_db_url  # noqa: F401 - fixture
from tests.test_console_api import API_TOKEN, FakeRasa, add_escalation, make_settings

ROOT = Path(__file__).resolve().parent.parent
MAX_EXAMPLES = 40


@pytest.fixture(scope="module")
def schemathesis_cli() -> Path:
    """``st`` from .venv-fuzz (built on first use; pinned in requirements-fuzz.txt)."""
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "fuzz-venv.sh")], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def console_url(sqlite_db_url, make_key):  # noqa: F811
    """The real console app on 127.0.0.1:<free port>, served from its own thread's loop."""
    # with a basis, so the documented "basis" items are checked against a real one (issue 18)
    add_escalation(sqlite_db_url, make_key, basis="crisis.method.lethal_dose")
    loop = asyncio.new_event_loop()
    started = threading.Event()
    box = {}

    async def start():
        rasa = FakeRasa()
        await rasa.server.start_server()
        # event streams end after a second (CONSOLE_SSE_MAX_SECONDS), so reading one ends
        runner = web.AppRunner(create_app(make_settings(sqlite_db_url, rasa.url, sse_max_seconds=1.0)))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        box.update(rasa=rasa, runner=runner, port=site._server.sockets[0].getsockname()[1])

    def serve():
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(30), "console did not start"
    try:
        yield f"http://127.0.0.1:{box['port']}"
    finally:

        async def stop():
            await box["runner"].cleanup()
            await box["rasa"].server.close()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()


def _st_run(cli: Path, url: str, tmp_path: Path, name: str, *args: str, config_file: Path = None) -> tuple:
    """Run ``st run`` against the console; returns (exit code, output, ndjson events)."""
    report = tmp_path / f"{name}.ndjson"
    config = ["--config-file", str(config_file)] if config_file else []
    spec_file = tmp_path / "openapi.json"  # the served description (it needs the token itself)
    spec_file.write_text(json.dumps(_served_spec(url)))
    result = subprocess.run(
        [
            str(cli),
            *config,
            "run",
            str(spec_file),
            "--url",
            url,
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            "7",
            "--workers",
            "1",
            "--no-color",
            "--generation-database",
            "none",
            "--report",
            "ndjson",
            "--report-ndjson-path",
            str(report),
            *args,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "", "CONSOLE_API_TOKEN": API_TOKEN},
    )
    (tmp_path / f"{name}.log").write_text(result.stdout + result.stderr)  # kept for a failing run
    events = [json.loads(line) for line in report.read_text().splitlines() if line.strip()] if report.exists() else []
    return result.returncode, result.stdout + result.stderr, events


def _served_spec(url: str) -> dict:
    with urllib.request.urlopen(
        urllib.request.Request(f"{url}/api/openapi.json", headers={"Authorization": f"Bearer {API_TOKEN}"}), timeout=30
    ) as response:
        return json.load(response)


def _spec_operations(url: str) -> set:
    return {f"{method.upper()} {path}" for path, ops in _served_spec(url)["paths"].items() for method in ops}


def _operations_and_statuses(events) -> tuple:
    """The operations schemathesis sent requests to (a skipped scenario does not count) and
    the response status codes it saw, from its NDJSON report."""
    operations, statuses = set(), set()
    for event in events:
        recorder = event.get("ScenarioFinished", {}).get("recorder") or {}
        interactions = recorder.get("interactions") or {}
        if interactions and " /api/" in recorder.get("label", ""):
            operations.add(recorder["label"])
        statuses |= {i["response"]["status_code"] for i in interactions.values() if i.get("response")}
    return operations, statuses


def test_every_schemathesis_check_passes_with_the_api_token(schemathesis_cli, console_url, tmp_path):
    # the token is given for the spec's "bearer" scheme, so that schemathesis knows what it
    # authenticates and its ignored_auth check can send requests without it or with a bad one
    config = tmp_path / "schemathesis.toml"
    config.write_text('[auth.openapi.bearer]\nbearer = "${CONSOLE_API_TOKEN}"\n')
    code, output, events = _st_run(
        schemathesis_cli, console_url, tmp_path, "authorised", "--checks", "all", config_file=config
    )
    assert code == 0, output[-6000:]
    operations, statuses = _operations_and_statuses(events)
    spec_ops = _spec_operations(console_url)
    assert spec_ops and spec_ops <= operations, spec_ops - operations  # every operation was exercised
    assert any(200 <= s < 300 for s in statuses) and any(400 <= s < 500 for s in statuses), statuses


def test_without_credentials_every_operation_refuses(schemathesis_cli, console_url, tmp_path):
    code, output, events = _st_run(
        schemathesis_cli,
        console_url,
        tmp_path,
        "anonymous",
        "--checks",
        "not_a_server_error",
        "--phases",
        "examples,coverage,fuzzing",
    )
    operations, statuses = _operations_and_statuses(events)
    assert _spec_operations(console_url) <= operations, output[-3000:]
    assert statuses == {401}, (statuses, output[-3000:])
