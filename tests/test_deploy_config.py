"""The deploy/ compose file cannot run here (no Docker engine); check what can be checked:
it parses, uses the same Rasa / SDK versions as requirements.txt, every service has a
health check, and every variable the production endpoints need is provided."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())
PINS = dict(
    line.split("==", 1) for line in (ROOT / "requirements.txt").read_text().splitlines()
    if "==" in line and not line.startswith("#")
)


def test_images_match_pinned_versions():
    services = COMPOSE["services"]
    assert services["rasa"]["image"] == f"rasa/rasa:{PINS['rasa']}"
    assert services["actions"]["image"] == f"rasa/rasa-sdk:{PINS['rasa-sdk']}"


def test_every_service_has_a_health_check_or_is_a_job():
    for name, service in COMPOSE["services"].items():
        assert "healthcheck" in service or name == "migrate", name


def test_production_endpoints_variables_are_all_provided():
    endpoints = (ROOT / "endpoints.production.yml").read_text()
    needed = set(re.findall(r"\$\{(\w+)\}", endpoints))
    rasa = COMPOSE["services"]["rasa"]
    provided = set(rasa["environment"])
    assert needed <= provided, needed - provided
    assert "endpoints.production.yml" in rasa["command"]
    assert (ROOT / "endpoints.production.yml").exists()


def test_rasa_api_requires_token_and_model_matches_local_run():
    command = COMPOSE["services"]["rasa"]["command"]
    assert "--enable-api" in command and "--auth-token" in command
    assert "models/companion.tar.gz" in command
    makefile = (ROOT / "Makefile").read_text()
    assert "models/companion.tar.gz" in makefile


def test_action_server_command_points_at_our_actions_package():
    command = COMPOSE["services"]["actions"]["command"]
    assert command[command.index("--actions") + 1] == "actions"
    assert (ROOT / "actions" / "__init__.py").exists()


# --- nginx in front of the replicas (deploy/nginx.conf) ---------------------------------

NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text()


def _upstreams(conf: str) -> dict:
    return {name: body for name, body in re.findall(r"upstream\s+(\w+)\s*\{(.*?)\}", conf, re.S)}


def _location(conf: str, path: str) -> str:
    match = re.search(r"location\s+" + re.escape(path) + r"\s*\{(.*?)\n    \}", conf, re.S)
    assert match, f"no location {path} in deploy/nginx.conf"
    return match.group(1)


def test_nginx_is_the_only_published_service_with_a_pinned_image():
    services = COMPOSE["services"]
    nginx = services["nginx"]
    assert re.fullmatch(r"nginx:\d+\.\d+\.\d+(-alpine)?", nginx["image"]), nginx["image"]
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in nginx["volumes"]
    assert [name for name, s in services.items() if s.get("ports")] == ["nginx"]
    assert nginx["depends_on"]["rasa"]["condition"] == "service_healthy"


def test_nginx_upstreams_reference_every_rasa_replica_service():
    rasa_services = [name for name, s in COMPOSE["services"].items()
                     if str(s.get("image", "")).startswith("rasa/rasa:")]
    assert rasa_services
    upstreams = _upstreams(NGINX_CONF)
    assert set(upstreams) == {"rasa_http", "rasa_socketio"}
    for name, body in upstreams.items():
        servers = re.findall(r"^\s*server\s+([\w.-]+):5005\b", body, re.M)
        assert sorted(servers) == sorted(rasa_services), (name, servers)
    assert re.search(r"^\s*ip_hash;", upstreams["rasa_socketio"], re.M)
    assert "ip_hash" not in upstreams["rasa_http"]  # REST/webhooks: round-robin


def test_nginx_routes_socketio_with_websocket_upgrade_and_hides_the_api():
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
    assert COMPOSE["services"]["nginx"]["ports"] == ["80:80"]


def test_replicas_share_socketio_rooms_through_redis():
    for name, service in COMPOSE["services"].items():
        if str(service.get("image", "")).startswith("rasa/rasa:"):
            assert service["environment"]["SOCKETIO_REDIS_URL"].startswith("redis://redis:"), name
