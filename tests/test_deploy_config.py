"""The deploy/ compose file cannot run here (no Docker engine); check what can be checked:
docker-compose itself validates and resolves it, our images build on the official Rasa
images at the versions of requirements.txt, the app image's requirements import every
module it runs (in a venv without Rasa), every process of the local run has its service,
secrets have no defaults, and the production endpoints get every variable they need."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from bot import supervisor

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
RAW_COMPOSE = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def _pins(path: Path) -> dict:
    return dict(
        line.split("#")[0].strip().split("==", 1)
        for line in path.read_text().splitlines()
        if "==" in line and not line.lstrip().startswith("#")
    )


PINS = _pins(ROOT / "requirements.txt")
CONSTRAINTS = {k.lower(): v for k, v in _pins(ROOT / "constraints.txt").items()}
# Variables the compose file refuses to start without (`${NAME:?...}`), given dummy values.
SECRETS = sorted(set(re.findall(r"\$\{(\w+):\?", (DEPLOY / "docker-compose.yml").read_text())))
# Modules that only the Rasa server runs (they import rasa); everything else in actions/
# and bot/ runs in the app image, including modules added later.
RASA_SERVER_ONLY = (
    "bot.rasa_ext",
    "bot.safety.component",
    "bot.safety.policy",
    "bot.nlu.minilm_featurizer",
    "bot.nlu.topic_resolver",
    "bot.nlu.request_guard",
    "bot.dialogue.interrupt_policy",
    "bot.safety.semantic",
    "bot.triage.nlu_router",
    "bot.channels.socketio_channel",
    "bot.channels.telegram",
)


def _dummy(name: str) -> str:
    """The stand-in value a secret gets in these tests."""
    return f"dummy-{name}-0123456789"


def _docker_compose(*args: str, env: dict) -> subprocess.CompletedProcess:
    binary = shutil.which("docker-compose")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("docker-compose missing: scripts/ensure-debian-packages.sh installs it")
        pytest.skip("docker-compose not installed (scripts/ensure-debian-packages.sh)")
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS and not k.startswith("COMPOSE_")}
    return subprocess.run(
        [binary, "--project-directory", str(DEPLOY), "-f", str(DEPLOY / "docker-compose.yml"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def compose() -> dict:
    """The file as docker-compose resolves it (anchors merged, variables set), all profiles."""
    result = _docker_compose("--profile", "telegram", "config", env={name: _dummy(name) for name in SECRETS})
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def _ports(service: dict) -> list:
    """Published ports as "[host_ip:]published:target", whichever form compose printed."""
    out = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            host = f"{port['host_ip']}:" if port.get("host_ip") else ""
            out.append(f"{host}{port['published']}:{port['target']}")
        else:
            out.append(str(port).split("/")[0])
    return out


def _services_built_from(compose: dict, target: str) -> list:
    return sorted(name for name, s in compose["services"].items() if s.get("build", {}).get("target") == target)


def test_docker_compose_validates_the_file_and_finds_every_service(compose):
    assert set(compose["services"]) == {
        "postgres",
        "redis",
        "rabbitmq",
        "migrate",
        "actions",
        "scheduler",
        "console",
        "notifier",
        "telegram",
        "rasa",
        "nginx",
    }
    assert SECRETS == [
        "COMPANION_ADDRESS_KEY",
        "COMPANION_HMAC_KEY",
        "CONSOLE_SECRET",
        "POSTGRES_PASSWORD",
        "RABBITMQ_PASSWORD",
        "RASA_AUTH_TOKEN",
    ]


@pytest.mark.parametrize("missing", SECRETS)
def test_compose_refuses_to_start_without_each_secret(missing):
    env = {name: _dummy(name) for name in SECRETS if name != missing}
    result = _docker_compose("config", "-q", env=env)
    assert result.returncode != 0
    assert f"set {missing}" in result.stderr


def test_our_images_build_on_the_official_images_at_the_pinned_versions(compose):
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    stages = dict((target, image) for image, target in re.findall(r"^FROM\s+(\S+)\s+AS\s+(\w+)", dockerfile, re.M))
    assert stages == {"app": f"rasa/rasa-sdk:{PINS['rasa-sdk']}", "rasa": f"rasa/rasa:{PINS['rasa']}"}
    for service in compose["services"].values():
        if "build" in service:
            assert service["build"]["dockerfile"] == "deploy/Dockerfile"
            assert Path(service["build"]["context"]) == ROOT
    assert _services_built_from(compose, "rasa") == ["rasa"]
    assert _services_built_from(compose, "app") == [
        "actions",
        "console",
        "migrate",
        "notifier",
        "scheduler",
        "telegram",
    ]
    # the model is trained in the image from the same inputs and name as the local run
    assert "rasa train --fixed-model-name companion --out models" in dockerfile
    assert "--fixed-model-name companion --out models" in (ROOT / "scripts" / "train-if-stale.sh").read_text()


def test_app_requirements_use_the_same_pins_and_leave_rasa_out():
    app = _pins(DEPLOY / "requirements-app.txt")
    assert "rasa" not in app and "tensorflow" not in {k.lower() for k in app}
    for name, version in app.items():
        pinned = PINS.get(name) or CONSTRAINTS.get(name.lower())
        assert pinned == version, (name, version, pinned)


def test_the_rasa_image_installs_no_test_only_package():
    test_only = _pins(ROOT / "requirements-test.txt")
    assert test_only and not set(test_only) & set(PINS), set(test_only) & set(PINS)
    assert (ROOT / "requirements-test.txt").read_text().count("-r requirements.txt") == 1
    assert "-r requirements-test.txt" in (ROOT / "Makefile").read_text()  # the dev venv gets both
    rasa_stage = (DEPLOY / "Dockerfile").read_text().split("AS rasa", 1)[1]
    assert "pip install --no-cache-dir -r requirements.txt" in rasa_stage and "requirements-test" not in rasa_stage
    # and nothing the images run imports a test-only package
    test_modules = {name.lower().replace("-", "_") for name in test_only}
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "actions").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            for name in names:
                assert name.split(".")[0] not in test_modules, (path, name)


@pytest.fixture(scope="module")
def app_image_venv(tmp_path_factory) -> Path:
    """A venv holding only deploy/requirements-app.txt (what the app image adds to rasa-sdk)."""
    venv = tmp_path_factory.mktemp("app-image") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-r",
            str(DEPLOY / "requirements-app.txt"),
            "-c",
            str(ROOT / "constraints.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout
    return python


IMPORT_EVERY_APP_MODULE = textwrap.dedent("""
    import importlib, importlib.abc, pkgutil, sys
    class NoRasa(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "rasa" or name.startswith("rasa."):
                raise ImportError("rasa is not in the app image: " + name)
    sys.meta_path.insert(0, NoRasa())
    server_only = tuple(sys.argv[1:])
    imported, failed = [], []
    for package in ("actions", "bot"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, package + "."):
            name = info.name
            if name.endswith(".__main__") or name == "bot.supervisor" or name.startswith(server_only):
                continue
            try:
                importlib.import_module(name)
                imported.append(name)
            except Exception as exc:
                failed.append(f"{name}: {type(exc).__name__}: {exc}")
    print("\\n".join(failed) or "imported " + str(len(imported)))
    sys.exit(1 if failed else 0)
""")


def test_every_app_image_module_imports_with_only_the_app_requirements(app_image_venv):
    result = subprocess.run(
        [str(app_image_venv), "-W", "ignore", "-c", IMPORT_EVERY_APP_MODULE, *RASA_SERVER_ONLY],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert int(result.stdout.split()[-1]) > 40  # actions, the DB layer, workers, console


def test_the_server_only_modules_really_need_rasa(app_image_venv):
    # the exclusion list above must not hide an app module: each of these fails without Rasa
    for module in RASA_SERVER_ONLY:
        name = module if module != "bot.rasa_ext" else "bot.rasa_ext.lock_store"
        result = subprocess.run(
            [str(app_image_venv), "-W", "ignore", "-c", f"import {name}"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0, name


def test_every_process_of_the_local_run_has_its_compose_service(compose):
    local = dict(supervisor.commands("models/companion.tar.gz"), **supervisor._optional_processes())
    services = compose["services"]
    assert set(local) <= set(services), set(local) - set(services)
    for name, argv in local.items():
        if argv[1:3] == ["-m", "bot"]:  # our CLI: same subcommand in the container
            assert services[name]["entrypoint"][:4] == ["python", "-m", "bot", argv[3]], name
    # Rasa through the one entry point that installs our speed-ups, locally and in compose
    assert local["rasa"][1:3] == ["-m", "bot.rasa_server"] and "run" not in local["rasa"]
    assert services["rasa"]["entrypoint"] == ["python", "-m", "bot.rasa_server"]
    assert "run" not in services["rasa"]["command"] and services["rasa"]["command"][0] == "--enable-api"
    assert services["actions"]["command"][services["actions"]["command"].index("--actions") + 1] == "actions"
    assert (ROOT / "actions" / "__init__.py").exists()
    assert services["migrate"]["entrypoint"] == ["python", "-m", "bot", "db", "upgrade"]
    for name in _services_built_from(compose, "app"):
        if name != "migrate":
            assert services[name]["depends_on"].get("migrate", {}).get("condition") in (
                "service_completed_successfully",
                None,
            ), name


def test_every_long_running_service_has_a_health_check_or_a_restart_policy(compose):
    for name, service in compose["services"].items():
        if name == "migrate":
            assert service["restart"] == "no"
            continue
        assert "healthcheck" in service or service.get("restart") == "unless-stopped", name
    for name in ("postgres", "redis", "rabbitmq", "actions", "rasa", "console", "nginx"):
        assert "healthcheck" in compose["services"][name], name


def test_production_endpoints_variables_are_all_provided(compose):
    endpoints = (ROOT / "endpoints.production.yml").read_text()
    needed = set(re.findall(r"\$\{(\w+)\}", endpoints))
    rasa = compose["services"]["rasa"]
    assert needed <= set(rasa["environment"]), needed - set(rasa["environment"])
    assert "endpoints.production.yml" in rasa["command"]
    assert (ROOT / "endpoints.production.yml").exists()


def test_rasa_api_requires_token_and_model_matches_local_run(compose):
    command = compose["services"]["rasa"]["command"]
    assert "--enable-api" in command and command[command.index("--auth-token") + 1] == _dummy("RASA_AUTH_TOKEN")
    assert command[command.index("-m") + 1] == "models/companion.tar.gz"
    assert "models/companion.tar.gz" in (ROOT / "Makefile").read_text()


def test_only_nginx_is_published_and_the_console_only_on_loopback(compose):
    published = {name: _ports(s) for name, s in compose["services"].items() if s.get("ports")}
    assert published == {"nginx": ["80:80"], "console": ["127.0.0.1:8080:8080"]}
    assert compose["services"]["console"]["environment"]["CONSOLE_SECURE_COOKIES"] == "1"


# --- nginx in front of the replicas (deploy/nginx.conf) ---------------------------------

NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text()


def _upstreams(conf: str) -> dict:
    return {name: body for name, body in re.findall(r"upstream\s+(\w+)\s*\{(.*?)\}", conf, re.S)}


def _location(conf: str, path: str) -> str:
    match = re.search(r"location\s+" + re.escape(path) + r"\s*\{(.*?)\n    \}", conf, re.S)
    assert match, f"no location {path} in deploy/nginx.conf"
    return match.group(1)


def test_nginx_is_pinned_mounts_our_config_and_waits_for_healthy_replicas(compose):
    nginx = compose["services"]["nginx"]
    assert re.fullmatch(r"nginx:\d+\.\d+\.\d+(-alpine)?", nginx["image"]), nginx["image"]
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in RAW_COMPOSE["services"]["nginx"]["volumes"]
    assert nginx["depends_on"]["rasa"]["condition"] == "service_healthy"


def test_nginx_upstreams_reference_every_rasa_replica_service(compose):
    rasa_services = _services_built_from(compose, "rasa")
    assert rasa_services
    upstreams = _upstreams(NGINX_CONF)
    assert set(upstreams) == {"rasa_http", "rasa_socketio"}
    for name, body in upstreams.items():
        servers = re.findall(r"^\s*server\s+([\w.-]+):5005\b", body, re.M)
        assert sorted(servers) == sorted(rasa_services), (name, servers)
    assert re.search(r"^\s*ip_hash;", upstreams["rasa_socketio"], re.M)
    assert "ip_hash" not in upstreams["rasa_http"]  # REST/webhooks: round-robin


def test_nginx_routes_socketio_with_websocket_upgrade_and_hides_the_api(compose):
    socketio = _location(NGINX_CONF, "/socket.io/")
    assert "proxy_pass http://rasa_socketio;" in socketio
    assert "proxy_http_version 1.1;" in socketio
    assert "proxy_set_header Upgrade $http_upgrade;" in socketio
    assert "proxy_set_header Connection $connection_upgrade;" in socketio
    assert "proxy_pass http://rasa_http;" in _location(NGINX_CONF, "/webhooks/")
    assert "return 404;" in _location(NGINX_CONF, "/")
    size = re.findall(r"client_max_body_size\s+(\d+)k;", NGINX_CONF)
    assert size and all(int(s) <= 64 for s in size)
    # the published port is the public server's; the API listener stays internal
    assert re.findall(r"^\s*listen\s+(\d+);", NGINX_CONF, re.M) == ["80", "5005"]
    assert _ports(compose["services"]["nginx"]) == ["80:80"]


def test_replicas_share_socketio_rooms_through_redis(compose):
    for name in _services_built_from(compose, "rasa"):
        assert compose["services"][name]["environment"]["SOCKETIO_REDIS_URL"].startswith("redis://redis:"), name
