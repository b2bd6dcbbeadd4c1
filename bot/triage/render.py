"""The words a person sees for a triage result: what to do now, why (per medicine),
the public sources, and the care-team line. Never a dose; always a human route."""

from __future__ import annotations

from typing import Dict, List, Optional

from bot.triage.concepts import fever_threshold_c
from bot.triage.engine import TriageResult
from bot.triage.lexicon import load_lexicon
from bot.triage.table import LEVELS

#: Emergency numbers by region (clinical-safety.md "Crisis lines"; same as domain.yml).
EMERGENCY_NUMBERS: Dict[str, str] = {"US": "911", "UK": "999", "CA": "911", "AU": "000", "EU": "112"}
DEFAULT_REGION = "US"
MAX_POINTS = 4
CARE_TEAM_LINE = (
    "I can't examine anyone or change a treatment: your oncology care team knows the full "
    "picture and decides what to do."
)

HEADLINE = {
    ("emergency", "patient"): "This needs help now.",
    ("emergency", "caregiver"): "This needs help now for the person you care for.",
    ("hotline", "patient"): "Please call your oncology hotline or care team today.",
    ("hotline", "caregiver"): "Please call their oncology hotline or care team today.",
    ("next_visit", "patient"): "This is worth telling your care team at your next visit.",
    ("next_visit", "caregiver"): "This is worth telling their care team at the next visit.",
}
# Rows whose own words say to call the hotline *now* (clinical-safety.md: pembrolizumab "call the
# hotline now"): the headline says now too, not "today" under a row that says "now".
HOTLINE_NOW_HEADLINE = {
    "patient": "Please call your oncology hotline now.",
    "caregiver": "Please call their oncology hotline now.",
}
ACTION = {
    ("emergency", "patient"): (
        "Call {number} or go to the nearest emergency department now. Say you have cancer in the "
        "bone marrow{taking}. Then let your oncology team know."
    ),
    ("emergency", "caregiver"): (
        "Call {number} or take them to the nearest emergency department now. Say they have cancer "
        "in the bone marrow{taking}. Then let their oncology team know."
    ),
    ("hotline", "patient"): (
        "Use the 24-hour number your team gave you; don't wait for your next appointment. If it gets "
        "worse fast or you feel very unwell, call {number}.{keep}"
    ),
    ("hotline", "caregiver"): (
        "Use the 24-hour number their team gave you; don't wait for the next appointment. If it gets "
        "worse fast or they seem very unwell, call {number}.{keep}"
    ),
    ("next_visit", "patient"): (
        "Write it down so you remember to mention it. Call your oncology hotline sooner if it gets "
        "worse, worries you, or comes with a fever.{keep}"
    ),
    ("next_visit", "caregiver"): (
        "Write it down so it gets mentioned. Call their oncology hotline sooner if it gets worse, "
        "worries you, or comes with a fever.{keep}"
    ),
}


def emergency_number(region: Optional[str]) -> str:
    return EMERGENCY_NUMBERS.get((region or "").upper(), EMERGENCY_NUMBERS[DEFAULT_REGION])


def fever_threshold_text(region: Optional[str]) -> str:
    celsius = fever_threshold_c(region)
    fahrenheit = celsius * 9 / 5 + 32
    return f"{celsius:.1f} °C ({fahrenheit:.1f} °F)"


def _names(result: TriageResult) -> str:
    lexicon = load_lexicon()
    names = [lexicon.medicines[i].display for i in result.medicines]
    return " and ".join(names)


def points(result: TriageResult, region: Optional[str] = None) -> List[str]:
    """One sentence group per matching row, most urgent first, without repeats."""
    lexicon = load_lexicon()
    out: List[str] = []
    for finding in result.findings:
        name = lexicon.medicines[finding.medicine_id].display if finding.medicine_id else ""
        text = finding.row.says.format(name=name, fever_threshold=fever_threshold_text(region))
        text = text[0].upper() + text[1:]
        if text not in out:
            out.append(text)
    return out[:MAX_POINTS]


def calls_now(result: TriageResult) -> bool:
    """A hotline-level result whose deciding rows say to call the hotline now."""
    return result.level == "hotline" and any(
        "hotline now" in f.row.says.lower() for f in result.findings if LEVELS[f.row.rank] == "hotline"
    )


def render(result: TriageResult, region: Optional[str] = None, role: Optional[str] = "patient") -> str:
    """The reply for ``result``: headline, reasons, what to do, sources, care-team line."""
    role = "caregiver" if role == "caregiver" else "patient"
    names = _names(result)
    they = "they take" if role == "caregiver" else "you take"
    taking = f" and that {they} {names}" if names else ""
    keep = f" Please don't stop or change {names} on your own: the team will say what to do." if names else ""
    headline = HEADLINE[(result.level, role)]
    if calls_now(result):
        headline = HOTLINE_NOW_HEADLINE[role]
    lines = [headline]
    lines += [f"- {p}" for p in points(result, region)]
    lines.append(ACTION[(result.level, role)].format(number=emergency_number(region), taking=taking, keep=keep))
    sources = list(dict.fromkeys(s for f in result.findings for s in f.row.sources))
    lines.append("")
    lines.append("Sources: " + "; ".join(f"{s.title} ({s.url})" for s in sources))
    lines.append(CARE_TEAM_LINE)
    return "\n".join(lines)


def staff_summary(result: TriageResult) -> str:
    """One line for the escalation excerpt: level, medicines, symptoms, rows."""
    level = {"emergency": "EMERGENCY", "hotline": "hotline today", "next_visit": "next visit"}[result.level]
    if calls_now(result):
        level = "hotline now"
    rows = ", ".join(dict.fromkeys(f.row.id for f in result.findings))
    return f"[side-effect triage: {level}; medicines: {_names(result) or 'none named'}; rows: {rows}]"
