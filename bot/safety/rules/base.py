"""What a safety rule is: a named, reviewable pattern with its exclusions, reasons and examples.

A crisis rule fires on one sentence of the normalised message when ``pattern`` matches and no
exclusion vetoes the match (see :func:`bot.safety.crisis.rule_hits` for the order they are
checked in). Urgent rules use the same record; their matching is the procedure in
:mod:`bot.safety.urgent`, which reads the rule's pattern and exclusions from here.

Every rule carries what a clinician needs to review it: a stable ``id`` (findings carry it, so
staff can see why a message was flagged), a plain-English ``rationale``, public ``sources``
where the rule is clinical, a ``review`` record, and ``fires_on`` / ``does_not_fire_on``
examples that tests/test_safety_rules_catalogue.py runs through the whole detector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Tuple


def rx(pattern: str) -> "re.Pattern[str]":
    """Compile a rule pattern (rules are matched against lower-case normalised text)."""
    return re.compile(pattern)


@dataclass(frozen=True)
class Source:
    """A public reference a clinical rule rests on."""

    title: str
    url: str


@dataclass(frozen=True)
class Review:
    """A clinician's review of one revision of a rule.

    ``status`` is ``pending`` (never reviewed), ``reviewed`` or ``returned`` (sent back with a
    note); ``version`` is the rule revision the review applies to, so editing a rule (and
    bumping its ``revision``) makes an old sign-off visibly stale.
    """

    status: str = "pending"
    reviewer: str = ""
    date: str = ""  # ISO date of the review
    version: int = 1
    note: str = ""


PENDING = Review()
STATUSES = ("pending", "reviewed", "returned")


@dataclass(frozen=True)
class Rule:
    id: str  # stable, e.g. "crisis.method.lethal_dose"; never reuse an id for another meaning
    category: str  # the finding category (crisis sub-type or red-flag category)
    pattern: "re.Pattern[str]"
    rationale: str
    negatable: bool = True  # a close, unhedged negation ("I'm not suicidal") drops the match
    after: Optional["re.Pattern[str]"] = None  # exclusion right after the match
    before: Optional["re.Pattern[str]"] = None  # exclusion right before the match (anchored at its end)
    sentence: Optional["re.Pattern[str]"] = None  # exclusion anywhere in the sentence ...
    unless: Optional["re.Pattern[str]"] = None  # ... unless this is also in the sentence
    check: Optional[Callable[[str, "re.Match[str]"], bool]] = None  # a named veto function (True = drop)
    message: Optional["re.Pattern[str]"] = None  # exclusion anywhere in the whole message ...
    message_unless: Optional["re.Pattern[str]"] = None  # ... unless this is also in the message
    message_needs: Optional["re.Pattern[str]"] = None  # the rule fires only when this is also in the message
    kind: str = "crisis"  # "crisis" or "urgent_symptom"
    sources: Tuple[Source, ...] = ()
    review: Review = PENDING
    revision: int = 1  # bump when the rule's behaviour changes (a review applies to one revision)
    fires_on: Tuple[str, ...] = ()  # messages the detector must decide by this rule
    does_not_fire_on: Tuple[str, ...] = ()  # near misses this rule must not decide

    def exclusions(self) -> Tuple[Tuple[str, str], ...]:
        """(kind, pattern or veto name) of every exclusion, for the review sheet."""
        out = []
        for name in ("after", "before", "sentence", "unless", "message", "message_unless", "message_needs"):
            value = getattr(self, name)
            if value is not None:
                out.append((name, value.pattern))
        if self.check is not None:
            out.append(("check", f"{self.check.__name__}: {(self.check.__doc__ or '').strip()}"))
        if not self.negatable:
            out.append(("negation", "not suppressed by a negation (the negation is the crisis)"))
        return tuple(out)
