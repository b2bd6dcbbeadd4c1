"""Runs `rasa test core` on tests/test_stories.yml against the trained model: every
end-to-end story (intents from the real NLU model + safety layer, then the predicted
actions) must pass."""

from __future__ import annotations

import subprocess

import pytest

from tests.servers import BIN, MODEL, ROOT

pytestmark = pytest.mark.integration


def test_conversation_stories_pass(tmp_path):
    if not MODEL.exists():
        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)")
    out = tmp_path / "results"
    proc = subprocess.run(
        [
            str(BIN / "rasa"),
            "test",
            "core",
            "--stories",
            "tests/test_stories.yml",
            "-m",
            str(MODEL),
            "--out",
            str(out),
            "--no-plot",
            "--successes",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    failed = out / "failed_test_stories.yml"
    failed_text = failed.read_text() if failed.exists() else ""
    assert "story:" not in failed_text, failed_text
    stories = (ROOT / "tests" / "test_stories.yml").read_text().count("- story:")
    passed = (out / "successful_test_stories.yml").read_text().count("- story:")
    assert stories >= 7 and passed == stories
