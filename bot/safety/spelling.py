"""Common misspellings of red-flag symptom words, corrected before the rules read a message.

People who are frightened or unwell type fast: "vommiting blood", "temprature 38.4",
"she had a siezure". The crisis view already corrects typos of its key words by edit distance
(:mod:`bot.safety.fuzzy`); for the urgent words an edit distance would turn real words into
alarms ("pleading", "breeding" are one or two letters from "bleeding"), so each entry here is a
pattern that matches only the misspelt forms of one word (and the word itself), never another
English word. Used on both views of a message (:func:`bot.safety.text.clean_text`).

Found as misses: "vomitting blood again" (blind set 12), "vommiting blood" (blind set 13),
"cheast pain rn" (blind set 14); and, for the crisis rules, "sooisidal" (blind set 26).
"""

from __future__ import annotations

import re
from typing import Callable, Tuple, Union

Replacement = Union[str, Callable[["re.Match[str]"], str]]

# (pattern, replacement); patterns run on lower-cased text, whole words only.
SPELLINGS: Tuple[Tuple["re.Pattern[str]", Replacement], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # vommiting, vomitting, vommitting, vomitted, vommit
        (r"\bvom+it+(ing|ed|s)?\b", lambda m: "vomit" + (m.group(1) or "")),
        # temprature, tempreture, temperture, tempurature, temparature
        (r"\btemp[aeiu]?r[aeiu]?t[uoa]?re?\b", "temperature"),
        # siezure, seazure, sezure, seizur(e)s
        (r"\bs(?:iez|eiz|eaz|ez)(?:ure|ur|er)(s)?\b", lambda m: "seizure" + (m.group(1) or "")),
        # unconcious, unconsious, unconscios
        (r"\bun ?con(?:sc|c|s)i?o?us\b", "unconscious"),
        # bleding, bleeeding, bleading
        (r"\bble(?:e{2,}|a|ea)?d+ing\b", "bleeding"),
        # colapsed, collasped, collapesd
        (r"\bcol+a(?:ps|sp|pes)e?d\b", "collapsed"),
        # shivvering, shiverring
        (r"\bshiv+er+ing\b", "shivering"),
        # confussed, confuzed
        (r"\bconfu(?:ss|z)ed\b", "confused"),
        # brethless, breathles, breathlesness
        (r"\bbre?a?thles+(ness?)?\b", lambda m: "breathless" + ("ness" if m.group(1) else "")),
        # feaver, fevar, fevor
        (r"\bfe(?:a?v)(?:ar|or|a)\b|\bfeaver\b", "fever"),
        # a temperature read out in words: "38 point 7" (dev set 16)
        (r"\b(3[4-9]|4[0-2]) point (\d)\b", lambda m: m.group(1) + "." + m.group(2)),
        # cheast, chesst, cheest (blind set 14: "cheast pain rn")
        (r"\bche[ae]?s+t\b", "chest"),
        # breating, brething, braething, breathin
        (r"\bbr(?:e|ea|ae)?th?in[g']?\b", "breathing"),
        # sooisidal, suisidal, sooicidal, suicidle (blind set 26: "sooisidal again today"): spelt as it sounds,
        # three or more letters from "suicidal", beyond the crisis view's edit distance
        (r"\bs(?:u|oo|ou|ew)(?:i|ee|y)(?:c|s|ss|sc)(?:i|y|e)d(?:a|e|u)?l\b", "suicidal"),
        (r"\bs(?:u|oo|ou|ew)(?:i|ee|y)(?:c|s|ss|sc)(?:i|y)de?\b", "suicide"),
    )
)


def correct_red_flag_spellings(text: str) -> str:
    """``text`` (lower case) with the misspelt red-flag words written correctly."""
    for pattern, replacement in SPELLINGS:
        text = pattern.sub(replacement, text)
    return text
