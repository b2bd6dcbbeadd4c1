"""End to end with the real Rasa server (trained model) and action server (issue 19 item 2):
outside support hours the reply to a crisis or a request for a person names when the team
is back, in hours it says soon, and with the action server down the crisis reply (a domain
response chosen by a rule) still reaches the person."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.servers import MODEL, make_stack, texts

pytestmark = pytest.mark.integration

CRISIS = "I want to end my life"
US_LINE = "988"  # utter_crisis_lines for the default region


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: train it with `scripts/train-if-stale.sh`", pytrace=False)
    s = make_stack(tmp_path_factory.mktemp("support-hours"))
    # Open for one hour three days from now, in UTC: closed now, whatever the time of the run.
    later = datetime.now(timezone.utc) + timedelta(days=3)
    s.env.update(
        SUPPORT_HOURS_TZ="UTC",
        COMPANION_DEFAULT_TIMEZONE="UTC",
        SUPPORT_HOURS=f"{later:%a} 09:00-10:00",
        SUPPORT_HOLIDAYS="",
    )
    s.back_day = f"{later:%A}"
    try:
        s.start_actions()
        s.start_rasa()
        yield s
    finally:
        s.stop_all()


def test_out_of_hours_crisis_reply_names_when_the_team_is_back(stack):
    reply = texts(stack.say("hours-1", CRISIS))
    assert US_LINE in reply
    assert f"The team is back at 9:00 on {stack.back_day}; until then" in reply
    assert "will see this soon" not in reply


def test_out_of_hours_request_for_a_person_gets_the_time_and_the_crisis_lines(stack):
    reply = texts(stack.say("hours-2", "can I talk to a real person please"))
    assert f"The team is back at 9:00 on {stack.back_day} and will reply here then" in reply
    assert US_LINE in reply


def test_in_hours_the_reply_says_soon(stack):
    stack.stop_actions()
    stack.env["SUPPORT_HOURS"] = "24/7"
    stack.start_actions()
    reply = texts(stack.say("hours-3", CRISIS))
    assert US_LINE in reply and "A member of the team will see this soon." in reply
    assert "back at" not in reply


def test_crisis_reply_does_not_need_the_action_server(stack):
    stack.stop_actions()
    reply = texts(stack.say("hours-4", CRISIS))
    assert US_LINE in reply  # the rule's domain responses, sent before action_escalate
