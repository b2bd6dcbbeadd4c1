"""Side-effect triage through the knowledge-answer action (actions/content.py ->
actions/triage.py) with a CollectingDispatcher and a real migrated SQLite database:
the reply people see, the escalation row staff see, and the remembered medicine."""

from __future__ import annotations

from sqlalchemy import select

from actions import common
from actions.content import ActionAnswerTopic
from actions.dialogue import ActionAffirm
from actions.triage import SLOT, TEAM_TOLD
from bot.db.models import Escalation, Outbox
from bot.db.session import session_scope
from bot.privacy.pseudonym import user_key
from bot.triage import assess, render
from tests.action_harness import count, ent, run, slot_events, tracker


def _escalations(url):
    with session_scope(url) as s:
        return [
            (e.reason, e.severity, e.excerpt, e.user.user_key)
            for e in s.execute(select(Escalation).order_by(Escalation.id)).scalars()
        ]


async def test_hotline_triage_reply_escalation_and_memory(action_db):
    text = "I'm on Enhertu and I've got a new cough"
    t = tracker(text, "ask_treatment", [ent("treatment", "her2_targeted")], sender="tg-7")
    messages, events = await run(ActionAnswerTopic(), t)
    expected = render(assess(text), "US") + "\n" + TEAM_TOLD["patient"]
    assert [m["text"] for m in messages] == [expected]
    assert "Please call your oncology hotline" in expected and "Enhertu (trastuzumab deruxtecan)" in expected
    assert not messages[0]["buttons"]
    assert slot_events(events) == {SLOT: "trastuzumab_deruxtecan", "pending_offer": None}
    [(reason, severity, excerpt, key)] = _escalations(action_db)
    assert (reason, severity) == ("urgent_symptom", "high")
    # Enhertu's cough row says "call the hotline now" (boxed warning, 2026-12-07); the NLU promotes it to
    # urgent_symptom when told as now, and the knowledge action's own triage says "now" too
    assert excerpt.startswith(
        "[side-effect triage: hotline now; medicines: Enhertu (trastuzumab deruxtecan); rows: her2_adc.cough]"
    )
    assert excerpt.endswith(text)
    assert key == user_key("rest", "tg-7")
    assert count(action_db, Outbox, kind="escalation_opened") == 1


async def test_emergency_triage_is_critical_and_uses_the_regions_number(action_db):
    text = "Nolvadex and my left calf is swollen and sore"
    messages, _ = await run(ActionAnswerTopic(), tracker(text, "ask_symptom", slots={"region": "UK"}))
    reply = messages[0]["text"]
    assert reply.startswith("This needs help now.")
    assert "Call 999 or go to the nearest emergency department now" in reply and "clot" in reply
    assert reply.endswith(TEAM_TOLD["patient"])
    [(reason, severity, excerpt, _)] = _escalations(action_db)
    assert (reason, severity) == ("urgent_symptom", "critical")
    assert "tamoxifen.leg_swelling" in excerpt


async def test_first_contact_region_is_used_in_the_same_turn(action_db):
    t = tracker(
        "on xgeva and my muscles keep going into spasms",
        "ask_symptom",
        slots={"consent_noticed": False},
        metadata={"region": "AU"},
    )
    messages, events = await run(ActionAnswerTopic(), t)
    assert "Before we start" in messages[0]["text"]
    assert "Call 000" in messages[1]["text"]
    assert slot_events(events)["region"] == "AU"


async def test_next_visit_triage_does_not_escalate(action_db):
    messages, events = await run(ActionAnswerTopic(), tracker("hot flushes on tamoxifen", "ask_symptom"))
    assert messages[0]["text"].startswith("This is worth telling your care team at your next visit.")
    assert "support team" not in messages[0]["text"]
    assert _escalations(action_db) == []
    assert slot_events(events)[SLOT] == "tamoxifen"


async def test_medicine_named_earlier_is_remembered_and_used(action_db):
    first = tracker("what does Kisqali do", "ask_treatment", [ent("treatment", "cdk46_inhibitor")])
    messages, events = await run(ActionAnswerTopic(), first)
    assert "Please call" not in messages[0]["text"]  # a knowledge answer
    assert slot_events(events)[SLOT] == "ribociclib"
    assert _escalations(action_db) == []

    second = tracker("I've had a cough for three days", "ask_symptom", slots={SLOT: "ribociclib"})
    messages, events = await run(ActionAnswerTopic(), second)
    assert "Kisqali (ribociclib)" in messages[0]["text"] and "lung inflammation" in messages[0]["text"]
    assert SLOT not in slot_events(events)  # unchanged
    assert [e[:2] for e in _escalations(action_db)] == [("urgent_symptom", "high")]


async def test_without_a_medicine_the_knowledge_answer_is_unchanged(action_db):
    t = tracker("I have a new cough", "ask_symptom")
    messages, events = await run(ActionAnswerTopic(), t)
    assert messages[0]["buttons"][0]["payload"] == "/affirm"  # the usual answer
    assert "Please call your oncology hotline" not in messages[0]["text"]
    assert SLOT not in slot_events(events)
    assert _escalations(action_db) == []


async def test_caregiver_gets_caregiver_triage(action_db):
    t = tracker("Keytruda has given her diarrhoea", "ask_symptom", slots={"role": "caregiver"})
    messages, _ = await run(ActionAnswerTopic(), t)
    assert messages[0]["text"].startswith("Please call their oncology hotline")
    assert messages[0]["text"].endswith(TEAM_TOLD["caregiver"])


async def test_reply_goes_out_when_the_database_is_down(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    monkeypatch.setenv("COMPANION_VAR_DIR", str(tmp_path / "var"))
    common.settings.cache_clear()
    try:
        messages, _ = await run(ActionAnswerTopic(), tracker("Lynparza and I'm bruising really easily", "ask_symptom"))
        assert messages[0]["text"].startswith("Please call your oncology hotline")
        spooled = list((tmp_path / "var").rglob("*.json"))
        assert spooled, "the escalation was neither stored nor spooled"
        assert "parp.bruising_bleeding" in spooled[0].read_text()
    finally:
        common.settings.cache_clear()


async def test_delete_my_data_forgets_the_medicine(action_db):
    t = tracker("yes", "affirm", slots={"pending_offer": "delete", SLOT: "tamoxifen,denosumab"})
    _, events = await run(ActionAffirm(), t)
    assert {"event": "reset_slots", "timestamp": None} in events


async def test_a_refusal_heard_as_yes_deletes_nothing(action_db):
    """'definitely not' classified as affirm after "shall I delete your data?" keeps the data."""
    t = tracker("definitely not", "affirm", slots={"pending_offer": "delete", SLOT: "tamoxifen,denosumab"})
    messages, events = await run(ActionAffirm(), t)
    assert {"event": "reset_slots", "timestamp": None} not in events
    assert slot_events(events) == {"pending_offer": None}
    assert messages[0].get("response") == "utter_delete_cancelled"
