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
