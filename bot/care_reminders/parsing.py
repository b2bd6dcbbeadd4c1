"""Free text -> a reminder draft, and a reminder described back in plain words (pure).

Only what the person asked for is kept: what (a drug name or a short phrase), when, and
how often. Dose amounts are never parsed or stored. Anything that does not look like a
short request (very long, binary, markup or SQL-looking text) gives an empty draft.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any, Dict, List, Optional, Tuple

from bot import number_words
from bot.care_reminders.vocabulary import DRUGS, INJECTED
from bot.checkins.parsing import parse_time_of_day

LABEL_MAX = 80
TEXT_MAX = 400  # a real request is a sentence or two
KINDS = ("medication", "appointment")
PATTERNS = ("daily", "cycle", "every_n_weeks", "once")

# --- vocabulary (the medicine names: bot/care_reminders/vocabulary.py) -----------------

_FORM = (
    r"(?:tablets?|pills?|capsules?|injections?|infusions?|jabs?|shots?|medications?|"
    r"medicines?|meds|drugs?|patch(?:es)?|drops|inhaler|chemo(?:therapy)?)"
)
_NOT_TAKEN = re.compile(r"\b(?:injections?|infusions?|jabs?|shots?|chemo(?:therapy)?)\b", re.I)

# (regex, label) — most specific first; label None: use the matched words
_APPOINTMENTS: List[Tuple[str, Optional[str]]] = [
    (r"bone[- ]marrow (?:biopsy|test|aspirate)", "bone marrow biopsy"),
    (r"(?:core |liver |breast |bone )?biopsy", None),
    (r"(?:mri|m\.r\.i\.?)(?: scan)?", "MRI"),
    (r"(?:pet[- /]ct|pet)(?: scan)?", "PET scan"),
    (r"(?:ct|cat)(?: scan)?", "CT scan"),
    (r"bone scan", "bone scan"),
    (r"(?:x-?ray|ultrasound|mammogram|echo(?:cardiogram)?|dexa scan|dexa)", None),
    (r"scan", "scan"),
    (r"blood tests?|bloods|blood work|blood draw", "blood test"),
    (r"check[- ]?up", "check-up"),
    (
        r"(?:oncolog(?:ist|y)|clinic|hospital|doctor'?s?|gp|nurse|dentist|hospice|"
        r"radiotherapy|physio(?:therapy)?)(?: appointment| appt| visit)",
        None,
    ),
    (
        r"appointment with (?:the |my |her )?(?:oncologist|doctor|consultant|nurse|gp|team|"
        r"surgeon|specialist)",
        None,
    ),
    (r"oncologist|consultant|consultation|clinic", None),
    (r"appointment|appt", "appointment"),
]
_APPOINTMENT_RE = [(re.compile(rf"\b{pattern}\b", re.I), label) for pattern, label in _APPOINTMENTS]
_DRUG_RE = re.compile(
    r"\b(" + "|".join(re.escape(d) for d in sorted(DRUGS, key=len, reverse=True)) + r")\b"
    rf"(?:\s+({_FORM}))?",
    re.I,
)
_GENERIC_RE = re.compile(rf"\b(?:my|the|her|his|our|your)\s+((?:[a-z][a-z'-]*\s+)?)({_FORM})\b", re.I)
_BARE_FORM_RE = re.compile(rf"\b({_FORM})\b", re.I)
_TAKE_RE = re.compile(r"\btake\s+(?:my|the|her|his|a|an|some)?\s*([a-z][a-z0-9 '-]{1,40})", re.I)
_STOP_WORDS = {
    "at",
    "every",
    "each",
    "on",
    "in",
    "daily",
    "tomorrow",
    "today",
    "tonight",
    "morning",
    "evening",
    "night",
    "afternoon",
    "before",
    "after",
    "with",
    "and",
    "then",
    "starting",
    "from",
    "for",
    "twice",
    "once",
    "when",
    "it",
    "please",
    "by",
    "around",
    "about",
    "days",
    "weeks",
    "week",
    "day",
    "nightly",
    "until",
    "next",
    "this",
    "is",
    "are",
    "was",
    "to",
    "a",
    "an",
    "of",
    "or",
    "me",
    "you",
    "i",
    "my",
    "the",
}
_NOT_A_LABEL = {
    "it",
    "them",
    "that",
    "this",
    "something",
    "one",
    "medicine",
    "yes",
    "no",
    "ok",
    "okay",
    "sure",
    "hi",
    "hello",
    "thanks",
    "thank you",
    "none",
    "nothing",
    "dunno",
    "not sure",
}

_NUM_WORDS = {
    **number_words.span(1, 12),
    **number_words.pick("fourteen"),
    "twenty-one": 21,
    "twenty one": 21,
    "twenty-eight": 28,
    "twenty eight": 28,
    "a": 1,
    "an": 1,
}
_NUM = r"(\d{1,3}|" + number_words.alternation(_NUM_WORDS) + r")"
_CYCLE_RE = re.compile(
    rf"\b{_NUM}\s*(days?|d|weeks?|wks?|w)?\s*on\b[\s,;/-]*(?:then\s+|and\s+|followed by\s+)?"
    rf"{_NUM}\s*(days?|d|weeks?|wks?|w)?\s*off\b",
    re.I,
)
_EVERY_N_WEEKS_RE = re.compile(rf"\bevery\s+{_NUM}\s*(weeks?|wks?|days?)\b", re.I)
_EVERY_OTHER_WEEK_RE = re.compile(
    r"\b(?:every other week|every second week|fortnightly|"
    r"every fortnight|biweekly|bi-weekly)\b",
    re.I,
)
_WEEKLY_RE = re.compile(r"\b(?:weekly|every week|once a week|once weekly|each week)\b", re.I)
_DAILY_RE = re.compile(
    r"\b(?:every ?day|everyday|daily|each day|every (?:morning|evening|night|afternoon)|"
    r"each (?:morning|evening|night)|nightly|once a day|once daily|a day|per day|"
    r"every single day|day by day|mornings|evenings|nights)\b",
    re.I,
)
_ONCE_RE = re.compile(
    r"\b(?:just once|only once|one[- ]off|one time|once)\b(?!\s+(?:a|per|"
    r"daily|weekly|every|each)\b)",
    re.I,
)

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY_RE = re.compile(
    r"\b(next\s+|this\s+|every\s+(?:other\s+)?|on\s+)?"
    r"(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday|ues|urs|t|rs)?s?\b",
    re.I,
)
_MONTHS = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY_RE = re.compile(
    rf"\b{_MONTH}\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:am|pm|a\.m|p\.m|:|\.\d))"
    r"(?:,?\s+(\d{4}))?",
    re.I,
)
_ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ORDINAL_RE = re.compile(r"\b(?:the\s+)?(\d{1,2})(st|nd|rd|th)\b(?!\s+(?:day|week|cycle|dose))", re.I)
_THE_DAY_RE = re.compile(r"\bthe\s+(\d{1,2})\b(?!\s*(?:am|pm|:|\.\d|days?|weeks?|o'?clock))", re.I)

_AMPM_RE = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.?|p\.m\.?)(?![a-z])", re.I)
_CLOCK_RE = re.compile(r"(?<![\d.:/-])(?:[01]?\d|2[0-3])[:.h][0-5]\d(?![\d.:/-])")
_OCLOCK_RE = re.compile(r"\b(\d{1,2})\s*o'?\s?clock\b", re.I)
_AT_HOUR_RE = re.compile(
    r"\b(?:at|@|around|about|by)\s+(\d{1,2})\b(?!\s*(?:st|nd|rd|th|days?|weeks?|mg|ml|"
    r"tablets?|pills?|/|-\d))",
    re.I,
)
_NAMED_TIME_RE = re.compile(r"\b(noon|midday|midnight)\b", re.I)
_PM_CONTEXT = re.compile(r"\b(?:evening|night|tonight|afternoon|bedtime|nightly|pm)\b", re.I)
_BAD_CHARS = re.compile(r"[<>{}\[\]\\;`|$^~=*\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|--|/\*")


# --- the draft -------------------------------------------------------------------------


@dataclass
class ReminderDraft:
    """A reminder being put together in the conversation (all fields optional)."""

    kind: Optional[str] = None  # "medication" | "appointment"
    label: Optional[str] = None
    time_of_day: Optional[str] = None  # "HH:MM"
    pattern: Optional[str] = None  # "daily" | "cycle" | "every_n_weeks" | "once"
    days_on: Optional[int] = None
    days_off: Optional[int] = None
    interval_weeks: Optional[int] = None
    start_date: Optional[date] = None

    def missing(self) -> List[str]:
        """Fields still needed, in asking order (daily starts today by default)."""
        needed = []
        if not self.label:
            needed.append("label")
        if not self.time_of_day:
            needed.append("time_of_day")
        if (
            not self.pattern
            or (self.pattern == "cycle" and (self.days_on is None or self.days_off is None))
            or (self.pattern == "every_n_weeks" and self.interval_weeks is None)
        ):
            needed.append("pattern")
        if self.pattern in ("once", "cycle", "every_n_weeks") and self.start_date is None:
            needed.append("start_date")
        return needed

    def is_empty(self) -> bool:
        """True when nothing was understood."""
        return all(getattr(self, f.name) is None for f in fields(self))

    def merge(self, other: "ReminderDraft") -> "ReminderDraft":
        """A copy with ``other``'s set fields replacing ours."""
        data = asdict(self)
        data.update({k: v for k, v in asdict(other).items() if v is not None})
        return ReminderDraft(**data)

    def to_dict(self) -> dict:
        """JSON-safe dict (dates as ISO strings), e.g. for a Rasa slot."""
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "ReminderDraft":
        """Inverse of ``to_dict``; unknown keys and bad values are dropped, never raised."""
        if not isinstance(data, dict):
            return cls()
        draft = cls()
        if data.get("kind") in KINDS:
            draft.kind = data["kind"]
        if isinstance(data.get("label"), str) and data["label"].strip():
            draft.label = _clean_label(data["label"])
        if isinstance(data.get("time_of_day"), str) and re.fullmatch(r"(?:[01]\d|2[0-3]):[0-5]\d", data["time_of_day"]):
            draft.time_of_day = data["time_of_day"]
        if data.get("pattern") in PATTERNS:
            draft.pattern = data["pattern"]
        for name in ("days_on", "days_off", "interval_weeks"):
            value = data.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                setattr(draft, name, value)
            elif isinstance(value, str) and value.isdigit():
                setattr(draft, name, int(value))
        value = data.get("start_date")
        if isinstance(value, date):
            draft.start_date = value
        elif isinstance(value, str):
            try:
                draft.start_date = date.fromisoformat(value)
            except ValueError:
                pass
        return draft


# --- helpers ---------------------------------------------------------------------------


def _usable(text: Any) -> Optional[str]:
    """The text squeezed to single spaces, or None when it is not a plausible request."""
    if not isinstance(text, str) or not text.strip() or len(text) > TEXT_MAX:
        return None
    if _BAD_CHARS.search(text):
        return None
    printable = sum(ch.isprintable() for ch in text)
    if printable < len(text) * 0.95:
        return None
    text = re.sub(r"\s+", " ", text).strip()
    if not re.search(r"[a-zA-Z0-9]", text):
        return None
    return text


def _num(token: str) -> Optional[int]:
    token = token.lower().strip()
    if token.isdigit():
        return int(token)
    return _NUM_WORDS.get(token)


def _clean_label(text: str) -> Optional[str]:
    text = re.sub(r"[^\w '&()+./-]", "", text, flags=re.UNICODE)
    text = re.sub(r"\s+", " ", text).strip(" .-/")
    return text[:LABEL_MAX].strip() or None


def _weeks_or_days(n: int, unit: Optional[str]) -> int:
    return n * 7 if unit and unit.lower().startswith("w") else n


# --- labels and kinds ------------------------------------------------------------------


def _appointment_label(text: str) -> Optional[str]:
    for regex, label in _APPOINTMENT_RE:
        match = regex.search(text)
        if match:
            if label:
                return label
            words = match.group(0).lower()
            words = re.sub(r"\b(?:ct|mri|pet|gp)\b", lambda m: m.group(0).upper(), words)
            return re.sub(r"\bappt\b", "appointment", words)
    return None


def _drug_label(text: str) -> Optional[str]:
    match = _DRUG_RE.search(text)
    if not match:
        return None
    name = DRUGS[match.group(1).lower()]
    form = (match.group(2) or "").lower()
    if form in (
        "injection",
        "injections",
        "infusion",
        "infusions",
        "jab",
        "jabs",
        "shot",
        "shots",
        "tablets",
        "tablet",
        "pills",
        "capsules",
        "patch",
    ):
        return f"{name} {form}"
    return name


def _generic_label(text: str) -> Optional[str]:
    match = _GENERIC_RE.search(text)
    if match:
        qualifier = match.group(1).strip().lower()
        if qualifier in _STOP_WORDS or re.search(r"\d", qualifier):
            qualifier = ""
        return _clean_label(f"{qualifier} {match.group(2).lower()}")
    match = _BARE_FORM_RE.search(text)
    return match.group(1).lower() if match else None


def _take_label(text: str) -> Optional[str]:
    match = _TAKE_RE.search(text)
    if not match:
        return None
    words: List[str] = []
    for word in match.group(1).split():
        if word.lower() in _STOP_WORDS or re.search(r"\d", word) or len(words) == 3:
            break
        words.append(word)
    label = _clean_label(" ".join(words))
    if not label or label.lower() in _NOT_A_LABEL:
        return None
    return label


def _find_label(text: str) -> Tuple[Optional[str], Optional[str]]:
    """(label, kind) from the explicit vocabulary, then "take <something>"."""
    drug = _drug_label(text)
    appointment = _appointment_label(text)
    if appointment and (not drug or not _recurring(text)):
        return appointment, "appointment"
    if drug:
        return drug, "medication"
    generic = _generic_label(text)
    if generic:
        return generic, "medication"
    take = _take_label(text)
    if take:
        return take, "medication"
    return None, None


def parse_label(text: str) -> Optional[str]:
    """What the reminder is for: a drug name, an appointment, or a short answer like
    "my water tablets" -> "water tablets". None for nothing usable."""
    usable = _usable(text)
    if usable is None:
        return None
    text = usable
    label, _ = _find_label(text)
    if label:
        return label
    # A short reply to "what is it called?": take it as it is (minus fillers).
    bare = re.sub(r"^(?:it'?s|it is|its|my|the|her|his|called|for|take|taking)\s+", "", text, flags=re.I)
    bare = re.sub(r"^(?:my|the|her|his)\s+", "", bare, flags=re.I)
    if (
        len(bare.split()) <= 4
        and re.fullmatch(r"[A-Za-z][A-Za-z0-9 '&+./-]*", bare)
        and bare.lower() not in _NOT_A_LABEL
    ):
        return _clean_label(bare)
    return None


# --- time and date ---------------------------------------------------------------------


def _parse_time(text: str) -> Optional[str]:
    for regex in (_AMPM_RE, _CLOCK_RE):
        match = regex.search(text)
        if match:
            return parse_time_of_day(match.group(0).replace("h", ":"))
    match = _NAMED_TIME_RE.search(text)
    if match:
        return parse_time_of_day(match.group(1))
    match = _OCLOCK_RE.search(text) or _AT_HOUR_RE.search(text)
    if match:
        hour = int(match.group(1))
        if hour > 23:
            return None
        if 1 <= hour <= 11 and _PM_CONTEXT.search(text):
            hour += 12
        return f"{hour:02d}:00"
    return None


def _next_day_of_month(day: int, today: date) -> Optional[date]:
    if not 1 <= day <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(13):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            return candidate
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return None


def _month_date(day: int, month_word: str, year: Optional[str], today: date) -> Optional[date]:
    month = _MONTHS.get(month_word.lower()[:3])
    if month is None:
        return None
    try:
        if year:
            return date(int(year), month, day)
        candidate = date(today.year, month, day)
        if candidate < today:
            candidate = date(today.year + 1, month, day)
        return candidate
    except ValueError:
        return None


def _parse_date(text: str, today: date) -> Optional[date]:
    lowered = text.lower()
    match = _ISO_DATE_RE.search(text)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    match = _DAY_MONTH_RE.search(text)
    if match:
        return _month_date(int(match.group(1)), match.group(2), match.group(3), today)
    match = _MONTH_DAY_RE.search(text)
    if match:
        return _month_date(int(match.group(2)), match.group(1), match.group(3), today)
    if re.search(r"\b(?:day after tomorrow)\b", lowered):
        return today + timedelta(days=2)
    if re.search(r"\b(?:tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)\b", lowered):
        return today + timedelta(days=1)
    if re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", lowered):
        return today
    match = _WEEKDAY_RE.search(text)
    if match:
        target = _WEEKDAYS[match.group(2).lower()]
        ahead = (target - today.weekday()) % 7
        if (match.group(1) or "").strip().lower() == "next" and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)
    match = _ORDINAL_RE.search(text) or _THE_DAY_RE.search(text)
    if match:
        return _next_day_of_month(int(match.group(1)), today)
    return None


def parse_when(text: str, today: date) -> Dict[str, Any]:
    """Time and/or date in a reply: {"time_of_day": "HH:MM", "start_date": date} (either
    may be absent). A bare number 0-23 is read as an hour."""
    usable = _usable(text)
    if usable is None:
        return {}
    text = usable
    found: Dict[str, Any] = {}
    hhmm = _parse_time(text)
    if hhmm is None and re.fullmatch(r"\d{1,2}", text.strip()):
        hhmm = parse_time_of_day(text.strip())
    if hhmm:
        found["time_of_day"] = hhmm
    start = _parse_date(text, today)
    if start:
        found["start_date"] = start
    return found


# --- pattern ---------------------------------------------------------------------------


def _recurring(text: str) -> bool:
    return bool(
        _CYCLE_RE.search(text)
        or _EVERY_N_WEEKS_RE.search(text)
        or _EVERY_OTHER_WEEK_RE.search(text)
        or _WEEKLY_RE.search(text)
        or _DAILY_RE.search(text)
        or re.search(r"\bevery\s+(?:other\s+)?(?:mon|tue|wed|thu|fri|sat|sun)", text, re.I)
    )


def parse_pattern(text: str) -> Dict[str, Any]:
    """How often: {"pattern": ..., "days_on"/"days_off"/"interval_weeks": ...} or {}."""
    usable = _usable(text)
    if usable is None:
        return {}
    text = usable
    match = _CYCLE_RE.search(text)
    if match:
        on_unit = match.group(2)
        off_unit = match.group(4) or on_unit
        on, off = _num(match.group(1)), _num(match.group(3))
        if on is not None and off is not None:
            return {
                "pattern": "cycle",
                "days_on": _weeks_or_days(on, on_unit),
                "days_off": _weeks_or_days(off, off_unit),
            }
    match = _EVERY_N_WEEKS_RE.search(text)
    if match:
        n, unit = _num(match.group(1)), match.group(2).lower()
        if n is not None:
            if unit.startswith("d"):
                if n == 1:
                    return {"pattern": "daily"}
                if n % 7 == 0:
                    return {"pattern": "every_n_weeks", "interval_weeks": n // 7}
                return {}
            return {"pattern": "every_n_weeks", "interval_weeks": n}
    if _EVERY_OTHER_WEEK_RE.search(text):
        return {"pattern": "every_n_weeks", "interval_weeks": 2}
    match = re.search(r"\bevery\s+(other\s+)?(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", text, re.I)
    if match:
        return {"pattern": "every_n_weeks", "interval_weeks": 2 if match.group(1) else 1}
    if _WEEKLY_RE.search(text):
        return {"pattern": "every_n_weeks", "interval_weeks": 1}
    if _DAILY_RE.search(text):
        return {"pattern": "daily"}
    if _ONCE_RE.search(text):
        return {"pattern": "once"}
    return {}


# --- whole request ---------------------------------------------------------------------


def parse_reminder_request(text: str, today: date) -> ReminderDraft:
    """Everything a first message tells us; unknown parts stay None (never raises)."""
    usable = _usable(text)
    if usable is None:
        return ReminderDraft()
    text = usable
    draft = ReminderDraft()
    draft.label, draft.kind = _find_label(text)
    pattern = parse_pattern(text)
    for key, value in pattern.items():
        setattr(draft, key, value)
    when = parse_when(text, today)
    draft.time_of_day = when.get("time_of_day")
    draft.start_date = when.get("start_date")
    if draft.kind == "appointment":
        draft.pattern, draft.days_on, draft.days_off, draft.interval_weeks = "once", None, None, None
    elif draft.pattern is None and draft.kind is None:
        return (
            ReminderDraft(time_of_day=draft.time_of_day, start_date=draft.start_date)
            if draft.time_of_day or draft.start_date
            else ReminderDraft()
        )
    if draft.kind is None and draft.pattern is not None:
        draft.kind = "medication"
    return draft


# --- describing ------------------------------------------------------------------------


def format_time(hhmm: str) -> str:
    """'09:00' -> '9:00 am', '18:30' -> '6:30 pm', '00:00' -> '12:00 am'."""
    hour, minute = (int(p) for p in hhmm.split(":"))
    suffix = "am" if hour < 12 else "pm"
    return f"{hour % 12 or 12}:{minute:02d} {suffix}"


def format_date(day: date, today: Optional[date] = None) -> str:
    """'Friday 4 December' (with the year when it is not this year)."""
    text = f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def _relative(day: Optional[date], today: date) -> str:
    if day is None or day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return format_date(day, today)


def _verb(label: str) -> str:
    lowered = label.lower()
    if _NOT_TAKEN.search(lowered) or lowered in INJECTED:
        return label
    return f"take {label}"


def describe(draft_or_reminder: Any, timezone: str = "UTC", today: Optional[date] = None) -> str:
    """The reminder in plain words, for the person to confirm."""
    from bot.care_reminders.schedule import appointment_slot_times, parse_hhmm, zone

    r = draft_or_reminder
    tz_name = getattr(r, "timezone", None) or timezone
    if today is None:
        today = datetime.now(zone(tz_name)).date()
    label = r.label or "your reminder"
    at = format_time(r.time_of_day) if r.time_of_day else "a time to be set"
    if r.kind == "appointment" or r.pattern == "once":
        day = r.start_date or today
        text = f"your {label} on {format_date(day, today)} at {at}"
        if r.kind == "appointment" and r.time_of_day:
            appointment = datetime.combine(day, parse_hhmm(r.time_of_day))
            day_of = appointment_slot_times(day, appointment.time())[1][1]
            lead = appointment - day_of
            when = (
                f"{int(lead.total_seconds() // 3600)} hours before"
                if lead.seconds % 3600 == 0 and lead >= timedelta(hours=2)
                else f"at {format_time(day_of.strftime('%H:%M'))}"
            )
            if lead == timedelta(hours=1):
                when = "1 hour before"
            text += f" — I'll remind you the day before at 6 pm and {when}"
        elif r.kind != "appointment":
            text = f"{_verb(label)} on {format_date(day, today)} at {at}"
        return text
    if r.pattern == "daily":
        return f"{_verb(label)} at {at} every day, starting {_relative(r.start_date, today)} ({tz_name})"
    if r.pattern == "cycle":
        start = r.start_date or today
        off = f"then {r.days_off} days off" if r.days_off else "with no break"
        return f"{_verb(label)} at {at}, {r.days_on} days on {off}, cycle starting {format_date(start, today)}"
    if r.pattern == "every_n_weeks":
        n = r.interval_weeks or 1
        every = "every week" if n == 1 else f"every {n} weeks"
        start = r.start_date or today
        next_day = start
        if start < today:
            step = 7 * n
            next_day = start + timedelta(days=-(-(today - start).days // step) * step)
        return (
            f"{_verb(label)} {every} at {at}, next on {_relative(next_day, today)}"
            if next_day <= today + timedelta(days=1)
            else f"{_verb(label)} {every} at {at}, next on {format_date(next_day, today)}"
        )
    return f"{_verb(label)} at {at}"
