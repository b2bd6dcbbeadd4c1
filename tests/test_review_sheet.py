"""``python -m bot content review-sheet``: a well-formed, printable HTML document holding
every knowledge entry's replies exactly as patients and caregivers get them, its public
sources, staff-only notes, review status; everything escaped."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from bot.content import DEFAULT_PATH, load_knowledge, review
from bot.content.review_items import all_items, knowledge_items
from bot.content.review_sheet import build_context, generate, render_sheet
from bot.db.session import dispose_engines, session_scope, upgrade

ROOT = Path(__file__).resolve().parent.parent
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class SheetParser(HTMLParser):
    """Checks that every element is closed in order, and collects the reply texts,
    element ids and the text of elements by class."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids = [], [], []
        self.replies, self._reply, self.scripts = [], None, 0
        self.classes = {}
        self._capture = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag in VOID:
            return
        self.stack.append(tag)
        css = (attrs.get("class") or "").split()
        if tag == "pre" and "reply" in css and "rule-text" not in css:
            self._reply = []
        self._capture.append((len(self.stack), css, []))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        depth = len(self.stack)
        if self._capture and self._capture[-1][0] == depth:
            _, css, parts = self._capture.pop()
            for c in css:
                self.classes.setdefault(c, []).append("".join(parts))
        self.stack.pop()
        if tag == "pre" and self._reply is not None:
            self.replies.append("".join(self._reply))
            self._reply = None

    def handle_data(self, data):
        if self._reply is not None:
            self._reply.append(data)
        for _, _, parts in self._capture:
            parts.append(data)


def parse(html: str) -> SheetParser:
    parser = SheetParser()
    parser.feed(html)
    parser.close()
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert not parser.errors, parser.errors[:5]
    assert parser.stack == [], parser.stack
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids"
    return parser


@pytest.fixture
def cli(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("COMPANION_ENV",)}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'companion.db'}",
        COMPANION_VAR_DIR=str(tmp_path / "var"),
        COMPANION_HMAC_KEY="sheet-test-key",
    )
    upgrade(env["DATABASE_URL"])

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )

    run.db_url = env["DATABASE_URL"]
    yield run
    dispose_engines(run.db_url)


def test_cli_writes_every_entry_as_people_see_it(cli, tmp_path):
    knowledge = load_knowledge()
    signed = "knowledge:biopsy.preparation"
    with session_scope(cli.db_url) as s:
        version = review.get_item(s, signed, knowledge).item.text_hash
        review.sign_off(s, signed, text_hash=version, actor="staff:dr.lee", role="clinician", knowledge=knowledge)
    out = tmp_path / "sheets" / "review.html"
    proc = cli("content", "review-sheet", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    sheet = parse(html)
    items = knowledge_items(knowledge)
    expected = [v.text for item in items for v in item.views]
    # every reply text, for patients and caregivers, exactly as the renderer produces it
    assert sheet.replies == expected
    for c in knowledge.categories():
        for k in knowledge.keys(c):
            topic = knowledge.topic(c, k)
            assert knowledge.render(topic, role="patient") in sheet.replies
            assert knowledge.render(topic, role="caregiver") in sheet.replies
            assert f"knowledge:{c}.{k}" in sheet.ids
    # statuses: one reviewed with its reviewer, the rest not reviewed
    statuses = sheet.classes["status"]
    assert statuses.count("Reviewed") == 2  # summary row + its section
    assert statuses.count("Not reviewed") == 2 * (len(all_items(knowledge)) - 1)  # entries and rules
    assert "dr.lee" in html
    # print styles and staff-only notes are there; public sources are links
    assert "@media print" in html and "@page" in html
    assert "Staff only" in html and 'href="https://www.' in html
    assert sheet.scripts == 0
    # the side-effect triage table, every row with what the person is told and its review record
    from bot.triage.table import load_table

    cells = sheet.classes.get("triage-cell", [])
    for row in load_table().rows.values():
        assert row.says in cells and row.id in cells
    assert "triage table is not available" not in html


def test_cli_to_stdout_and_refuses_a_directory(cli, tmp_path):
    proc = cli("content", "review-sheet")
    assert proc.returncode == 0 and parse(proc.stdout).replies
    proc = cli("content", "review-sheet", "--out", str(tmp_path))
    assert proc.returncode == 1 and "directory" in proc.stderr


def test_cli_without_a_database_says_so(tmp_path):
    env = dict(os.environ, DATABASE_URL="postgresql://nobody@127.0.0.1:1/none", COMPANION_ENV="development")
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "content", "review-sheet"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "database error" in proc.stderr


def test_everything_is_escaped(session, tmp_path):
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data["topics"]["condition"]["general"]["short"] = f"Short {evil} text."
    data["topics"]["condition"]["general"]["review_note"] = f"Note {evil}"
    path = tmp_path / "knowledge.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    knowledge = load_knowledge(path)
    html = generate(session, knowledge)
    sheet = parse(html)
    assert sheet.scripts == 0 and "<img" not in html
    assert "&lt;script&gt;" in html
    assert any(f"Short {evil} text." in r for r in sheet.replies)  # shown as text, unchanged


def test_triage_and_rules_sections_show_what_they_are_given(session):
    knowledge = load_knowledge()
    statuses = review.list_items(session, knowledge)
    triage = {
        "columns": ["medicine_class", "symptom", "action"],
        "legend": "{name} legend",
        "rows": [["her2_adc", "new cough <b>", "call the hotline today"]],
    }
    html = render_sheet(build_context(statuses, knowledge, triage))
    sheet = parse(html)
    assert "new cough &lt;b&gt;" in html and "call the hotline today" in html
    assert "triage table is not available" not in html
    entries_only = [x for x in statuses if x.item.kind == "knowledge"]
    without = render_sheet(build_context(entries_only, knowledge, None))
    assert "triage table is not available" in without
    assert "rule catalogue (bot/safety/rules) is not available" in without
    # a rule is shown with its id, its text as the detector applies it, and its sources
    from bot.content.review import _status_of
    from bot.content.review_items import rule_item

    rule = rule_item(
        {
            "id": "crisis.test_rule",
            "category": "crisis",
            "pattern": r"\bend <it>\b",
            "rationale": "Test rationale",
            "sources": [{"title": "NIMH", "url": "https://www.nimh.nih.gov/"}],
        }
    )
    with_rule = render_sheet(build_context(entries_only + [_status_of(rule, {})], knowledge, None))
    assert 'id="rule:crisis.test_rule"' in with_rule and "end &lt;it&gt;" in with_rule
    assert '<a href="https://www.nimh.nih.gov/">NIMH</a>' in with_rule
    assert "rule catalogue (bot/safety/rules) is not available" not in with_rule
    assert sheet.ids.count("triage") == 1
