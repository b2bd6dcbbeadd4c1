"""The knowledge action behind the serving gate: with COMPANION_ENV=production a person
gets only clinician-reviewed text (bot/content/gate.py); in development, or with the
operator's opt-in, the entry as written."""

from __future__ import annotations

import pytest

from actions.content import ActionAnswerTopic, detail_for
from bot.content import gate, load_knowledge, review
from bot.db.session import session_scope
from tests.action_harness import ent, run, tracker


@pytest.fixture
def gated(action_db, monkeypatch):
    """Production settings on the action server's database; the review index rebuilt."""
    monkeypatch.setenv("COMPANION_ENV", "production")
    monkeypatch.setenv("COMPANION_HMAC_KEY", "gate-test-key")
    monkeypatch.delenv("COMPANION_SERVE_UNREVIEWED", raising=False)
    monkeypatch.setattr(gate, "REFRESH_SECONDS", 0.0)
    gate.reset_default_index()
    yield action_db
    gate.reset_default_index()


def sign(db_url, *item_ids):
    knowledge = load_knowledge()
    with session_scope(db_url) as s:
        for item_id in item_ids:
            version = review.get_item(s, item_id, knowledge).item.text_hash
            review.sign_off(s, item_id, text_hash=version, actor="staff:dr.lee", role="clinician", knowledge=knowledge)


def ask():
    return tracker("what is xgeva", "ask_treatment", [ent("treatment", "denosumab")], slots={"region": "US"})


async def test_production_serves_only_reviewed_answers(gated):
    k = load_knowledge()
    topic, general = k.topic("treatment", "denosumab"), k.topic("treatment")
    messages, _ = await run(ActionAnswerTopic(), ask())
    assert messages[0]["text"] == f"{gate.FALLBACK}\n\n{k.care_team_line}"
    sign(gated, "knowledge:treatment.general")
    messages, _ = await run(ActionAnswerTopic(), ask())
    assert messages[0]["text"] == k.render(general, region="US")
    sign(gated, "knowledge:treatment.denosumab")
    messages, events = await run(ActionAnswerTopic(), ask())
    assert messages[0]["text"] == k.render(topic, region="US")
    # "tell me more" goes through the same gate
    more = tracker("yes", "affirm", slots={"last_topic": "treatment:denosumab", "region": "US"})
    assert detail_for(more) == k.render(topic, detail=True, region="US")
    other = tracker("yes", "affirm", slots={"last_topic": "treatment:chemotherapy", "region": "US"})
    assert detail_for(other) == k.render(general, detail=True, region="US")


async def test_operator_opt_in_and_development_serve_as_written(gated, monkeypatch):
    k = load_knowledge()
    expected = k.render(k.topic("treatment", "denosumab"), region="US")
    monkeypatch.setenv("COMPANION_SERVE_UNREVIEWED", "1")
    assert (await run(ActionAnswerTopic(), ask()))[0][0]["text"] == expected
    monkeypatch.delenv("COMPANION_SERVE_UNREVIEWED")
    monkeypatch.setenv("COMPANION_ENV", "development")
    assert (await run(ActionAnswerTopic(), ask()))[0][0]["text"] == expected


def test_biopsy_reminder_tip_is_gated_too(gated):
    from datetime import date

    from bot.care_reminders.texts import BIOPSY_TIP_EXTRA, day_before_text

    short = load_knowledge().topic("biopsy", "preparation").short
    text = day_before_text("bone marrow biopsy", date(2026, 12, 11), "10:00")
    assert short not in text and text.endswith(BIOPSY_TIP_EXTRA)
    sign(gated, "knowledge:biopsy.preparation")
    assert f"{short} {BIOPSY_TIP_EXTRA}" in day_before_text("bone marrow biopsy", date(2026, 12, 11), "10:00")
