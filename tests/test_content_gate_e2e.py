"""End to end over REST (real Rasa with the trained model, real action server, SQLite) with
the action server in production: an entry without a sign-off is not served -- the person
gets the reviewed general answer of its category, or the safe fallback with the care-team
line -- while crisis replies are never held back. Marked ``integration``."""

from __future__ import annotations

import uuid

import pytest

from bot.content import gate, load_knowledge, review
from bot.db.session import dispose_engines, session_scope
from tests.servers import MODEL, make_stack, texts

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("models/companion.tar.gz is missing: run `make train` (make test does)", pytrace=False)
    s = make_stack(tmp_path_factory.mktemp("gate-e2e"))
    knowledge = load_knowledge()
    # signed off before the action server reads the sign-offs for the first time
    with session_scope(s.env["DATABASE_URL"]) as session:
        version = review.get_item(session, "knowledge:biopsy.general", knowledge).item.text_hash
        review.sign_off(
            session,
            "knowledge:biopsy.general",
            text_hash=version,
            actor="staff:dr.lee",
            role="clinician",
            knowledge=knowledge,
        )
    dispose_engines(s.env["DATABASE_URL"])
    s.env = dict(s.env, COMPANION_ENV="production")
    s.env.pop("COMPANION_SERVE_UNREVIEWED", None)
    try:
        s.start_actions()
        s.start_rasa()
        yield s
    finally:
        s.stop_all()


def _sender() -> str:
    return f"gate-{uuid.uuid4().hex[:10]}"


def test_unreviewed_entry_gets_the_reviewed_general_answer(stack):
    knowledge = load_knowledge()
    replies = texts(stack.say(_sender(), "how do I prepare for the bone marrow biopsy?"))
    general = knowledge.topic("biopsy")
    assert knowledge.body(general, region="US") in replies
    assert knowledge.topic("biopsy", "preparation").short.split(".")[0] not in replies


def test_unreviewed_category_gets_the_fallback(stack):
    knowledge = load_knowledge()
    replies = texts(stack.say(_sender(), "what does Ibrance do?"))
    assert f"{gate.FALLBACK}\n\n{knowledge.care_team_line}" in replies
    assert "palbociclib" not in replies.lower()


def test_crisis_replies_are_never_gated(stack):
    replies = texts(stack.say(_sender(), "I want to end my life"))
    assert "988" in replies
