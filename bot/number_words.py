"""English number words ("one" -> 1) for the free-text parsers, in one table.

The check-in score (:mod:`bot.checkins.parsing`) and the reminder schedule
(:mod:`bot.care_reminders.parsing`) each build the table of words they accept from
``CARDINALS`` with :func:`span` and :func:`pick`, and add their own words ("nought",
"a", "twenty-one"): what one parser accepts does not change what the other does.
Stdlib only; imports no project module.
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, Mapping

CARDINALS: Mapping[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1000000,
}


def span(first: int, last: int) -> Dict[str, int]:
    """The words of ``CARDINALS`` for the numbers ``first`` to ``last`` (both included), in order."""
    return {word: value for word, value in CARDINALS.items() if first <= value <= last}


def pick(*words: str) -> Dict[str, int]:
    """``words`` with their numbers, in the order given (each one a word of ``CARDINALS``)."""
    return {word: CARDINALS[word] for word in words}


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, escaped, longest first ("fourteen"
    before "four"); no group and no word boundaries around it."""
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))
