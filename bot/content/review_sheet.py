"""The clinician's review sheet: one printable HTML document with every knowledge entry
exactly as a patient and a caregiver see it (rendered by the same code as the replies),
its public sources, the staff-only provenance and review notes, its review status, the
safety replies of domain.yml (every variant, its rationale and sources), the side-effect
triage table and the safety rule catalogue (each when present).

``python -m bot content review-sheet [--out file.html]``. Everything goes through
Jinja2 with autoescape on: content is shown as text, never interpreted as markup.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterable, Optional

import jinja2

from bot.content import Knowledge, load_knowledge
from bot.content.review import STATUSES, ItemStatus, list_items
from bot.db.types import utcnow

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_LABELS = {"draft": "Not reviewed", "reviewed": "Reviewed", "changes_requested": "Changes requested"}
LEVEL_LABELS = {
    "emergency": "Emergency now",
    "hotline": "Call the hotline today",
    "next_visit": "Mention at the next visit",
}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.globals["status_label"] = lambda s: STATUS_LABELS.get(s, s)
    return env


def triage_table() -> Optional[Dict[str, Any]]:
    """{"columns": [...], "rows": [[...]]} from the side-effect triage table (bot/triage),
    or None when this build has none. Each row keeps the review record the table carries."""
    try:
        from bot.triage.table import load_table
    except ImportError:
        return None
    try:
        from bot.triage.lexicon import load_lexicon

        classes = dict(load_lexicon().classes)
    except Exception:  # noqa: BLE001 - class descriptions are a nicety
        classes = {}
    table = load_table()
    columns = ["row", "treatment class", "symptom", "level", "what the person is told", "sources", "review"]
    rows = []
    for row in table.rows.values():
        review = row.review
        rows.append(
            [
                row.id,
                f"{row.cls}: {classes[row.cls]}" if row.cls in classes else row.cls,
                row.symptom.replace("_", " "),
                LEVEL_LABELS.get(row.level, row.level),
                row.says,
                "; ".join(f"{src.title} ({src.url})" for src in row.sources),
                f"{review.status}, version {review.version}, {review.date}"
                + (f", {review.reviewer}" if review.reviewer else ""),
            ]
        )
    legend = "{name} is the medicine as the person named it."
    try:
        from bot.triage.render import fever_threshold_text

        legend += (
            f" {{fever_threshold}} is {fever_threshold_text('UK')} in the UK and "
            f"{fever_threshold_text('US')} elsewhere."
        )
    except ImportError:
        pass
    return {"columns": columns, "rows": rows, "legend": legend}


def build_context(
    statuses: Iterable[ItemStatus],
    knowledge: Knowledge,
    triage: Optional[Dict[str, Any]] = None,
    rules_available: bool = False,
) -> Dict[str, Any]:
    statuses = list(statuses)
    entries = [s for s in statuses if s.item.kind == "knowledge"]
    rules = [s for s in statuses if s.item.kind == "rule"]
    replies = [s for s in statuses if s.item.kind == "reply"]
    counts = Counter(s.status for s in statuses)
    return {
        "generated_at": utcnow().strftime("%Y-%m-%d %H:%M UTC"),
        "knowledge": knowledge,
        "entries": entries,
        "rules": rules,
        "replies": replies,
        "rules_available": rules_available or bool(rules),
        "counts": {s: counts.get(s, 0) for s in STATUSES},
        "total": len(statuses),
        "triage": triage,
    }


def render_sheet(context: Dict[str, Any]) -> str:
    return _environment().get_template("review_sheet.html").render(**context)


def generate(session, knowledge: Optional[Knowledge] = None) -> str:
    """The whole review sheet as HTML, with review statuses read from ``session``."""
    from bot.content.review_items import load_rule_catalogue

    knowledge = knowledge or load_knowledge()
    statuses = list_items(session, knowledge)
    return render_sheet(
        build_context(statuses, knowledge, triage_table(), rules_available=load_rule_catalogue() is not None)
    )


def cli_review_sheet(args, settings) -> int:
    """``python -m bot content review-sheet``: write the sheet to --out (or stdout)."""
    from bot.db.session import session_scope

    with session_scope(settings.database_url) as session:
        html = generate(session)
    if not args.out or args.out == "-":
        sys.stdout.write(html)
        return 0
    out = Path(args.out)
    if out.is_dir():
        raise ValueError(f"--out {out} is a directory; give a file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)  # never leave half a sheet behind
    print(f"wrote the review sheet to {out}", file=sys.stderr)
    return 0
