"""Content review in the staff console over HTTP (real app and database, SQLite and
PostgreSQL): a clinician reads an entry as people see it, signs it off or sends it back
(CSRF, audit); other roles and the API token can read but never decide (403)."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from bot.content import load_knowledge
from bot.content.review_items import knowledge_item
from bot.db.models import AuditLog, ContentReview, Staff
from bot.db.session import session_scope
from tests.test_console_api import (  # noqa: F401 - pytest fixtures
    BEARER,
    PASSWORD,
    XSS,
    _hasher,
    client,
    client_factory,
    fake_rasa,
    login,
    staff_accounts,
)

ITEM = "knowledge:treatment.denosumab"


@pytest.fixture
async def clinician_client(client_factory, db_url):
    with session_scope(db_url) as s:
        s.add(Staff(username="dr.lee", password_hash=_hasher.hash(PASSWORD), role="clinician", failed_logins=0))
    client = await client_factory()
    token = await login(client, "dr.lee")
    return client, token


def _version(item_id=ITEM):
    knowledge = load_knowledge()
    category, _, key = item_id.split(":", 1)[1].partition(".")
    return knowledge_item(knowledge, knowledge.topic(category, key)).text_hash


def _rows(db_url):
    with session_scope(db_url) as s:
        return [
            (r.item_id, r.decision, r.reviewer, r.note)
            for r in s.execute(select(ContentReview).order_by(ContentReview.id)).scalars()
        ]


def _audit(db_url, action):
    with session_scope(db_url) as s:
        return [
            (a.actor, a.detail_dict) for a in s.execute(select(AuditLog).where(AuditLog.action == action)).scalars()
        ]


async def test_clinician_reads_an_entry_as_people_see_it_and_signs_it_off(clinician_client, db_url):
    client, token = clinician_client
    listing = await client.get("/content")
    text = await listing.text()
    assert listing.status == 200 and f'href="/content/{ITEM}"' in text
    assert 'class="status review-draft"' in text and "review-reviewed" not in text
    page = await client.get(f"/content/{ITEM}")
    body = await page.text()
    assert page.status == 200
    knowledge = load_knowledge()
    topic = knowledge.topic("treatment", "denosumab")
    for role in ("patient", "caregiver"):
        assert str(escape(knowledge.render(topic, role=role))) in body
    assert str(escape(knowledge.render(topic, aspect="side_effects"))) in body
    version = re.search(r'name="version" value="([0-9a-f]{64})"', body).group(1)
    assert version == _version()
    resp = await client.post(
        f"/content/{ITEM}/review",
        data={"csrf_token": token, "version": version, "action": "sign_off"},
        allow_redirects=False,
    )
    assert resp.status == 303 and "done=reviewed" in resp.headers["Location"]
    page = await (await client.get(resp.headers["Location"])).text()
    assert re.search(r'id="review-status">reviewed<', page)
    assert 'id="review-reviewer">dr.lee<' in page
    assert _rows(db_url) == [(ITEM, "reviewed", "dr.lee", None)]
    assert _audit(db_url, "content_signed_off") == [
        ("staff:dr.lee", {"item_id": ITEM, "text_hash": version, "review_id": 1})
    ]
    listing = await (await client.get("/content?status=reviewed")).text()
    assert f'data-item="{ITEM}"' in listing and listing.count("data-item=") == 1


async def test_send_back_keeps_the_note_escaped_and_refuses_an_empty_one(clinician_client, db_url):
    client, token = clinician_client
    version = _version()
    resp = await client.post(
        f"/content/{ITEM}/review",
        data={"csrf_token": token, "version": version, "action": "send_back", "note": "  "},
        allow_redirects=False,
    )
    assert resp.status == 303 and "error=note" in resp.headers["Location"]
    assert _rows(db_url) == []
    resp = await client.post(
        f"/content/{ITEM}/review",
        data={"csrf_token": token, "version": version, "action": "send_back", "note": XSS},
        allow_redirects=False,
    )
    assert "done=sent_back" in resp.headers["Location"]
    page = await (await client.get(f"/content/{ITEM}")).text()
    assert "changes requested" in page and str(escape(XSS)) in page and XSS not in page
    assert _rows(db_url) == [(ITEM, "changes_requested", "dr.lee", XSS)]
    ((actor, detail),) = _audit(db_url, "content_sent_back")
    assert actor == "staff:dr.lee" and "pwned" not in str(detail)


async def test_a_stale_version_is_refused(clinician_client, db_url):
    client, token = clinician_client
    resp = await client.post(
        f"/content/{ITEM}/review",
        data={"csrf_token": token, "version": "0" * 64, "action": "sign_off"},
        allow_redirects=False,
    )
    assert resp.status == 303 and "error=stale" in resp.headers["Location"]
    resp = await client.post(
        f"/api/content/{ITEM}/review",
        headers={"X-CSRF-Token": token},
        json={"decision": "reviewed", "version": "0" * 64},
    )
    assert resp.status == 409
    assert _rows(db_url) == []


async def test_forms_need_the_csrf_token(clinician_client, db_url):
    client, _ = clinician_client
    resp = await client.post(
        f"/content/{ITEM}/review",
        data={"csrf_token": "forged", "version": _version(), "action": "sign_off"},
        allow_redirects=False,
    )
    assert resp.status == 403
    resp = await client.post(f"/api/content/{ITEM}/review", json={"decision": "reviewed", "version": _version()})
    assert resp.status == 403
    assert _rows(db_url) == []


@pytest.mark.parametrize("username", ["nurse", "boss"])
async def test_other_roles_read_but_cannot_decide(client, db_url, username):
    token = await login(client, username)
    assert (await client.get("/content")).status == 200
    page = await client.get(f"/content/{ITEM}")
    body = await page.text()
    assert page.status == 200 and "Only a clinician can sign off" in body and 'id="sign-off"' not in body
    resp = await client.post(
        f"/content/{ITEM}/review",
        data={"csrf_token": token, "version": _version(), "action": "sign_off"},
        allow_redirects=False,
    )
    assert resp.status == 403
    resp = await client.post(
        f"/api/content/{ITEM}/review",
        headers={"X-CSRF-Token": token},
        json={"decision": "reviewed", "version": _version()},
    )
    assert resp.status == 403 and "clinician" in (await resp.json())["error"]
    assert _rows(db_url) == []


async def test_api_token_reads_but_cannot_decide(client, db_url):
    resp = await client.get("/api/content", headers=BEARER)
    items = (await resp.json())["items"]
    knowledge = load_knowledge()
    assert len([i for i in items if i["kind"] == "knowledge"]) == sum(
        len(knowledge.keys(c)) for c in knowledge.categories()
    )
    assert {i["status"] for i in items} == {"draft"}
    detail = await (await client.get(f"/api/content/{ITEM}", headers=BEARER)).json()
    topic = knowledge.topic("treatment", "denosumab")
    views = {v["key"]: v["text"] for v in detail["views"]}
    assert views["caregiver/short"] == knowledge.render(topic, role="caregiver")
    assert detail["version"] == _version() and detail["public_sources"]
    resp = await client.post(
        f"/api/content/{ITEM}/review", headers=BEARER, json={"decision": "reviewed", "version": _version()}
    )
    assert resp.status == 403
    assert _rows(db_url) == []


async def test_api_sign_off_and_input_validation(clinician_client, db_url):
    client, token = clinician_client
    h = {"X-CSRF-Token": token}
    url = f"/api/content/{ITEM}/review"
    bad = [
        ({"decision": "approved", "version": _version()}, 400),
        ({"decision": "reviewed"}, 400),
        ({"decision": "reviewed", "version": _version(), "extra": 1}, 400),
        ({"decision": "changes_requested", "version": _version()}, 400),  # no note
        ({"decision": "changes_requested", "version": _version(), "note": "x" * 2001}, 400),
        ({"decision": "changes_requested", "version": _version(), "note": "bin\x00ary"}, 400),
        ({"decision": "reviewed", "version": "'; DROP TABLE content_reviews; --"}, 400),
        ([1, 2], 400),
    ]
    for body, status in bad:
        resp = await client.post(url, headers=h, json=body)
        assert resp.status == status, (body, resp.status, await resp.text())
        assert "error" in await resp.json()
    resp = await client.post(url, headers=h, data=b"\xff\xfe", allow_redirects=False)
    assert resp.status == 415
    for missing in ("/api/content/knowledge:nope.nope/review", "/api/content/nope/review"):
        resp = await client.post(missing, headers=h, json={"decision": "reviewed", "version": _version()})
        assert resp.status == 404
    assert (await client.get("/api/content?status=bogus", headers=BEARER)).status == 400
    assert _rows(db_url) == []
    resp = await client.post(url, headers=h, json={"decision": "reviewed", "version": _version()})
    record = await resp.json()
    assert resp.status == 200 and record["status"] == "reviewed" and record["reviewer"] == "dr.lee"
    assert record["version"] == _version()
    listed = await (await client.get("/api/content?status=reviewed", headers=BEARER)).json()
    assert [i["item_id"] for i in listed["items"]] == [ITEM]


async def test_review_operations_are_documented(client):
    spec = await (await client.get("/api/openapi.json", headers=BEARER)).json()
    assert {"get"} == set(spec["paths"]["/api/content"]) == set(spec["paths"]["/api/content/{item_id}"])
    review_op = spec["paths"]["/api/content/{item_id}/review"]["post"]
    assert {"200", "403", "404", "409"} <= set(review_op["responses"])


async def test_every_role_can_download_the_printable_sheet(client, db_url):
    await login(client, "nurse")
    resp = await client.get("/content/review-sheet.html")
    body = await resp.text()
    assert resp.status == 200 and "attachment" in resp.headers["Content-Disposition"]
    knowledge = load_knowledge()
    topic = knowledge.topic("treatment", "denosumab")
    assert str(escape(knowledge.render(topic, role="caregiver"))) in body and "@media print" in body
