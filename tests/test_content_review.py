"""Clinician review records (bot/content/review.py) on SQLite and PostgreSQL, the item
versions they are keyed by (bot/content/review_items.py), the serving gate
(bot/content/gate.py) and the 0006 migration's role change."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from bot.content import DEFAULT_PATH, gate, load_knowledge, review
from bot.content.review_items import all_items, knowledge_item, knowledge_item_id, rule_item
from bot.db.models import AuditLog, ContentReview, Staff
from bot.db.session import alembic_config, dispose_engines, make_engine, session_scope

ACTOR, ROLE = "staff:dr.lee", "clinician"


def edited_knowledge(tmp_path: Path, category: str, key: str, field: str, new_text: str):
    """A copy of knowledge.yml with one field of one entry replaced, loaded."""
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["topics"][category][key][field] = new_text
    path = tmp_path / f"knowledge-{category}-{key}-{field}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_knowledge(path)


@pytest.fixture
def knowledge():
    return load_knowledge()


def _item(status_list, item_id):
    return next(s for s in status_list if s.item.item_id == item_id)


# --- item versions -----------------------------------------------------------------------


def test_every_entry_is_an_item_with_its_rendered_texts(knowledge):
    items = [i for i in all_items(knowledge) if i.kind == "knowledge"]
    names = [f"{c}.{k}" for c in knowledge.categories() for k in knowledge.keys(c)]
    assert [i.item_id for i in items] == [f"knowledge:{n}" for n in names]
    topic = knowledge.topic("condition", "general")
    item = knowledge_item(knowledge, topic)
    texts = {v.key: v.text for v in item.views}
    # exactly what the action sends, for a patient and for a caregiver
    assert texts["patient/short"] == knowledge.render(topic, role="patient")
    assert texts["caregiver/short"] == knowledge.render(topic, role="caregiver")
    assert texts["patient/more"] == knowledge.render(topic, role="patient", detail=True)
    assert all(len(i.text_hash) == 64 for i in items)
    assert len({i.text_hash for i in items}) == len(items)


def test_side_effect_views_only_where_an_entry_has_them(knowledge):
    with_se = [
        knowledge.topic(c, k)
        for c in knowledge.categories()
        for k in knowledge.keys(c)
        if knowledge.topic(c, k).side_effects
    ]
    without = [
        knowledge.topic(c, k)
        for c in knowledge.categories()
        for k in knowledge.keys(c)
        if not knowledge.topic(c, k).side_effects
    ]
    assert with_se and without
    se_views = [v for v in knowledge_item(knowledge, with_se[0]).views if "side_effects" in v.key]
    assert se_views and se_views[0].text == knowledge.render(with_se[0], aspect="side_effects")
    assert not [v for v in knowledge_item(knowledge, without[0]).views if "side_effects" in v.key]


@pytest.mark.parametrize("field", ["short", "caregiver", "more", "title"])
def test_any_edit_to_a_shown_text_changes_the_version(knowledge, tmp_path, field):
    before = knowledge_item(knowledge, knowledge.topic("condition", "general"))
    changed = edited_knowledge(tmp_path, "condition", "general", field, "Edited text for the test.")
    after = knowledge_item(changed, changed.topic("condition", "general"))
    assert after.text_hash != before.text_hash
    # an untouched entry keeps its version
    other = ("symptom", "general")
    assert (
        knowledge_item(changed, changed.topic(*other)).text_hash
        == knowledge_item(knowledge, knowledge.topic(*other)).text_hash
    )


def test_staff_only_notes_do_not_change_the_version(knowledge, tmp_path):
    # review notes are never shown to people, so editing one needs no new sign-off
    changed = edited_knowledge(tmp_path, "condition", "general", "review_note", "A new note for staff.")
    assert (
        knowledge_item(changed, changed.topic("condition", "general")).text_hash
        == knowledge_item(knowledge, knowledge.topic("condition", "general")).text_hash
    )
    item = knowledge_item(changed, changed.topic("condition", "general"))
    assert ("review_note", "A new note for staff.") in item.staff_notes
    assert all("A new note for staff." not in v.text for v in item.views)


def test_rule_items_hash_the_rule_but_not_its_review_record():
    rule = {
        "id": "crisis.method_question",
        "category": "crisis",
        "pattern": r"\blethal dose\b",
        "rationale": "Method questions are crisis.",
        "sources": [{"name": "NICE", "url": "https://nice.org.uk"}],
        "examples": {"fires_on": ["what is a lethal dose"], "does_not_fire_on": ["dose of my tablets"]},
        "review": {"status": "draft"},
        "check": lambda text: True,
    }
    item = rule_item(rule)
    assert item.item_id == "rule:crisis.method_question" and item.kind == "rule"
    assert item.public_sources == (("NICE", "https://nice.org.uk"),)
    assert item.file_review == {"status": "draft"}
    assert rule_item(dict(rule, review={"status": "reviewed"})).text_hash == item.text_hash
    assert rule_item(dict(rule, file="bot/safety/rules/other.py")).text_hash == item.text_hash
    assert rule_item(dict(rule, pattern=r"\bfatal dose\b")).text_hash != item.text_hash
    assert "lambda" not in item.views[0].text  # callables are not part of the version


# --- the service ---------------------------------------------------------------------------


def test_everything_starts_as_draft(session, knowledge):
    statuses = review.list_items(session, knowledge)
    assert statuses and {s.status for s in statuses} == {"draft"}
    record = statuses[0].record()
    assert record["status"] == "draft" and record["reviewer"] is None
    assert record["version"] == statuses[0].item.text_hash


def test_sign_off_records_reviewer_date_version_and_audit(session, knowledge):
    item_id = "knowledge:treatment.general"
    version = review.get_item(session, item_id, knowledge).item.text_hash
    done = review.sign_off(session, item_id, text_hash=version, actor=ACTOR, role=ROLE, knowledge=knowledge)
    session.commit()
    assert done.status == "reviewed"
    record = done.record()
    assert record["reviewer"] == "dr.lee" and record["version"] == version and record["date"]
    assert _item(review.list_items(session, knowledge), item_id).status == "reviewed"
    assert _item(review.list_items(session, knowledge), "knowledge:treatment.denosumab").status == "draft"
    audit = session.execute(select(AuditLog).where(AuditLog.action == "content_signed_off")).scalars().all()
    assert len(audit) == 1 and audit[0].actor == ACTOR
    assert audit[0].detail_dict["item_id"] == item_id and audit[0].detail_dict["text_hash"] == version
    assert review.reviewed_versions(session) == {(item_id, version)}


def test_a_text_change_makes_the_entry_unreviewed_again(session, knowledge, tmp_path):
    item_id = "knowledge:condition.general"
    version = review.get_item(session, item_id, knowledge).item.text_hash
    review.sign_off(session, item_id, text_hash=version, actor=ACTOR, role=ROLE, knowledge=knowledge)
    session.commit()
    changed = edited_knowledge(tmp_path, "condition", "general", "short", "Completely new wording.")
    now = review.get_item(session, item_id, changed)
    assert now.status == "draft" and now.current is None
    assert now.previous is not None and now.previous.status == "reviewed" and now.previous.text_hash == version
    # signing off the old version of the new text is refused
    with pytest.raises(review.StaleVersion):
        review.sign_off(session, item_id, text_hash=version, actor=ACTOR, role=ROLE, knowledge=changed)
    # the original text is still the reviewed one
    assert review.get_item(session, item_id, knowledge).status == "reviewed"


def test_send_back_needs_a_note_and_keeps_it_out_of_the_audit_detail(session, knowledge):
    item_id = "knowledge:symptom.infection"
    version = review.get_item(session, item_id, knowledge).item.text_hash
    with pytest.raises(review.ReviewError, match="empty"):
        review.send_back(session, item_id, text_hash=version, note="   ", actor=ACTOR, role=ROLE, knowledge=knowledge)
    note = "Say 'or the temperature your team gave you' <b>here</b>."
    done = review.send_back(session, item_id, text_hash=version, note=note, actor=ACTOR, role=ROLE, knowledge=knowledge)
    session.commit()
    assert done.status == "changes_requested" and done.record()["note"] == note
    audit = session.execute(select(AuditLog).where(AuditLog.action == "content_sent_back")).scalar_one()
    assert "temperature" not in (audit.detail or "")
    assert review.reviewed_versions(session) == set()
    # a later sign-off of the same text wins over the send-back
    review.sign_off(session, item_id, text_hash=version, actor="staff:dr.kim", role=ROLE, knowledge=knowledge)
    session.commit()
    assert review.get_item(session, item_id, knowledge).status == "reviewed"
    rows = session.execute(select(ContentReview).where(ContentReview.item_id == item_id)).scalars().all()
    assert [r.decision for r in rows] == ["changes_requested", "reviewed"]  # history kept


@pytest.mark.parametrize("role", ["staff", "admin", None])
def test_only_clinicians_decide(session, knowledge, role):
    version = review.get_item(session, "knowledge:condition.general", knowledge).item.text_hash
    with pytest.raises(review.NotAllowed):
        review.sign_off(
            session, "knowledge:condition.general", text_hash=version, actor="staff:x", role=role, knowledge=knowledge
        )
    assert session.execute(select(ContentReview)).first() is None


@pytest.mark.parametrize("item_id", ["", "knowledge:nope.nope", "rule:' OR 1=1 --", "x" * 500, "knowledge:\x00"])
def test_unknown_items_are_not_found(session, knowledge, item_id):
    with pytest.raises(review.ItemNotFound):
        review.sign_off(session, item_id, text_hash="a" * 64, actor=ACTOR, role=ROLE, knowledge=knowledge)


@pytest.mark.parametrize(
    "note,message",
    [
        ("x" * (review.NOTE_MAX + 1), "too long"),
        ("bad\x00byte", "control"),
        (42, "text"),
    ],
)
def test_bad_notes_are_refused(session, knowledge, note, message):
    version = review.get_item(session, "knowledge:condition.general", knowledge).item.text_hash
    with pytest.raises(review.ReviewError, match=message):
        review.send_back(
            session,
            "knowledge:condition.general",
            text_hash=version,
            note=note,
            actor=ACTOR,
            role=ROLE,
            knowledge=knowledge,
        )


@pytest.mark.parametrize("bad_hash", ["", "abc", "G" * 64, None])
def test_bad_versions_are_refused(session, knowledge, bad_hash):
    with pytest.raises(review.ReviewError, match="version"):
        review.sign_off(
            session, "knowledge:condition.general", text_hash=bad_hash, actor=ACTOR, role=ROLE, knowledge=knowledge
        )


# --- the serving gate -------------------------------------------------------------------------

PROD = {"COMPANION_ENV": "production"}


def test_gate_is_off_in_development_and_with_the_opt_in():
    assert not gate.gate_active({})
    assert not gate.gate_active({"COMPANION_ENV": "development"})
    assert gate.gate_active(PROD)
    assert not gate.gate_active(dict(PROD, COMPANION_SERVE_UNREVIEWED="1"))
    assert gate.gate_active(dict(PROD, COMPANION_SERVE_UNREVIEWED="yes"))  # only "1" opts in


def _sign(db_url, knowledge, *item_ids):
    with session_scope(db_url) as s:
        for item_id in item_ids:
            version = review.get_item(s, item_id, knowledge).item.text_hash
            review.sign_off(s, item_id, text_hash=version, actor=ACTOR, role=ROLE, knowledge=knowledge)


def test_gate_in_production_serves_reviewed_general_or_fallback(db_url, knowledge):
    topic = knowledge.topic("treatment", "denosumab")
    general = knowledge.topic("treatment")
    expected = knowledge.render(topic, role="caregiver")
    # development: served as written, no database needed
    assert (
        gate.render_gated(
            knowledge, topic, role="caregiver", environ={}, index=gate.ReviewIndex("sqlite:////nonexistent/x.db")
        )
        == expected
    )
    index = gate.ReviewIndex(db_url, ttl=0)
    # production, nothing reviewed: the safe fallback with the care-team line
    fallback = gate.render_gated(knowledge, topic, role="caregiver", environ=PROD, index=index)
    assert fallback == f"{gate.CAREGIVER_FALLBACK}\n\n{knowledge.care_team_line}"
    assert (
        gate.render_gated(knowledge, topic, role="patient", environ=PROD, index=index)
        == f"{gate.FALLBACK}\n\n{knowledge.care_team_line}"
    )
    assert knowledge.care_team_line in fallback and "denosumab" not in fallback.lower()
    # the general answer reviewed: that one (never another topic's side effects)
    _sign(db_url, knowledge, "knowledge:treatment.general")
    assert gate.render_gated(knowledge, topic, role="caregiver", environ=PROD, index=index) == knowledge.render(
        general, role="caregiver"
    )
    assert gate.render_gated(knowledge, topic, aspect="side_effects", environ=PROD, index=index) == knowledge.render(
        general
    )
    # the entry reviewed: the entry itself
    _sign(db_url, knowledge, knowledge_item_id(topic))
    assert gate.render_gated(knowledge, topic, role="caregiver", environ=PROD, index=index) == expected
    # the operator's opt-in serves unreviewed entries
    other = knowledge.topic("treatment", "chemotherapy")
    assert gate.render_gated(knowledge, other, environ=PROD, index=index) == knowledge.render(general)
    assert gate.render_gated(
        knowledge, other, environ=dict(PROD, COMPANION_SERVE_UNREVIEWED="1"), index=index
    ) == knowledge.render(other)


def test_gate_stops_serving_an_entry_whose_text_changed(db_url, knowledge, tmp_path):
    _sign(db_url, knowledge, "knowledge:condition.general")
    index = gate.ReviewIndex(db_url, ttl=0)
    topic = knowledge.topic("condition")
    assert gate.render_gated(knowledge, topic, environ=PROD, index=index) == knowledge.render(topic)
    changed = edited_knowledge(tmp_path, "condition", "general", "short", "Unreviewed new wording.")
    served = gate.render_gated(changed, changed.topic("condition"), environ=PROD, index=index)
    assert "Unreviewed new wording" not in served and served.startswith("I can't give you")


def test_review_index_caches_and_keeps_last_known_pairs_when_the_database_fails(db_url, knowledge):
    now = [0.0]
    index = gate.ReviewIndex(db_url, ttl=30, clock=lambda: now[0])
    assert index.pairs() == frozenset()
    _sign(db_url, knowledge, "knowledge:condition.general")
    assert index.pairs() == frozenset()  # cached for 30 s
    now[0] = 31
    assert len(index.pairs()) == 1
    index.database_url = "postgresql://nobody@127.0.0.1:1/none"  # unreachable
    now[0] = 62
    assert len(index.pairs()) == 1  # last known kept
    unreadable = gate.ReviewIndex("postgresql://nobody@127.0.0.1:1/none")
    assert unreadable.pairs() == frozenset()  # never read: nothing is servable (fail closed)


# --- migration 0006 -------------------------------------------------------------------------


def test_migration_adds_clinician_and_keeps_escalation_assignees(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    cfg = alembic_config(url)
    command.upgrade(cfg, "0005")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO staff (id, username, password_hash, role, failed_logins, created_at) "
                    "VALUES (1, 'nurse', 'x', 'staff', 0, '2026-12-01 10:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO users (id, user_key, channel, timezone, handoff_active, created_at) "
                    "VALUES (1, 'k', 'widget', 'UTC', 0, '2026-12-01 10:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO escalations (id, user_id, severity, reason, status, channel, "
                    "assignee_id, occurrences, created_at, updated_at, last_seen_at) VALUES "
                    "(1, 1, 'high', 'crisis', 'open', 'widget', 1, 1, '2026-12-01 10:00:00', "
                    "'2026-12-01 10:00:00', '2026-12-01 10:00:00')"
                )
            )
        command.upgrade(cfg, "head")
        with session_scope(url) as s:
            s.add(Staff(username="dr.lee", password_hash="x", role="clinician", failed_logins=0))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT assignee_id FROM escalations WHERE id = 1")).scalar() == 1
        command.downgrade(cfg, "0005")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT role FROM staff WHERE username = 'dr.lee'")).scalar() == "staff"
            assert conn.execute(text("SELECT assignee_id FROM escalations WHERE id = 1")).scalar() == 1
    finally:
        engine.dispose()
        dispose_engines(url)


def test_database_refuses_unknown_decisions(session):
    session.add(
        ContentReview(item_id="knowledge:condition.general", text_hash="a" * 64, decision="approved", reviewer="x")
    )
    with pytest.raises(IntegrityError):  # the decision CHECK constraint
        session.flush()


@pytest.mark.parametrize("text", [gate.FALLBACK, gate.CAREGIVER_FALLBACK])
def test_fallbacks_are_plain_and_point_to_urgent_help(text):
    import textstat

    assert textstat.flesch_kincaid_grade(text) <= 8.0  # the grade every reply keeps (issue 18)
    assert "oncology hotline or emergency services" in text
