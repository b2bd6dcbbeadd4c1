"""Misspelt red-flag words are read as the word (bot/safety/spelling.py), real words are not."""

from __future__ import annotations

import pytest

from bot.safety.detector import assess, normalise
from bot.safety.spelling import correct_red_flag_spellings


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("vommiting", "vomiting"),
        ("vomitting", "vomiting"),
        ("vommitting", "vomiting"),
        ("vomitted", "vomited"),
        ("temprature", "temperature"),
        ("tempreture", "temperature"),
        ("temperture", "temperature"),
        ("tempurature", "temperature"),
        ("siezure", "seizure"),
        ("sezures", "seizures"),
        ("unconcious", "unconscious"),
        ("bleding", "bleeding"),
        ("bleeeding", "bleeding"),
        ("colapsed", "collapsed"),
        ("collasped", "collapsed"),
        ("shivvering", "shivering"),
        ("confussed", "confused"),
        ("brethless", "breathless"),
        ("breathlesness", "breathlessness"),
        ("feaver", "fever"),
        ("cheast", "chest"),
        ("chesst", "chest"),
        ("breating", "breathing"),
        ("brething", "breathing"),
        ("breathin", "breathing"),
        ("38 point 7", "38.7"),
    ],
)
def test_misspellings_are_corrected(typed, meant):
    assert correct_red_flag_spellings(typed) == meant
    assert meant in normalise(f"she is {typed} now")


@pytest.mark.parametrize(
    "word",
    [
        "breeding",
        "pleading",
        "bleeping",
        "blending",
        "size",
        "seize",
        "seizing",
        "temper",
        "tempura",
        "tempt",
        "collapse",
        "consist",
        "omitting",
        "vomit",
        "fever",
        "confuse",
        "shiver",
        "cheat",
        "chess",
        "cheers",
        "bathing",
        "breath",
        "bring",
        "breaking",
        "brain",
    ],
)
def test_real_words_are_left_alone(word):
    assert correct_red_flag_spellings(word) == word


@pytest.mark.parametrize(
    "text, category",
    [
        ("vommiting blood", "bleeding"),
        ("been vomitting blood since lunch on ibrance", "bleeding"),
        ("her temprature is 38.6 after chemo", "neutropenic_fever"),
        ("my wife just had a siezure", "confusion"),
        ("cheast pain rn", "chest_pain"),
        ("my temperature is 38 point 7, had chemo last week", "neutropenic_fever"),
    ],
)
def test_misspelt_red_flags_still_fire(text, category):
    finding = assess(text)
    assert finding is not None and finding.kind == "urgent_symptom" and finding.category == category, (text, finding)


@pytest.mark.parametrize("text", ["dog breeding is her hobby", "pleading with the council about parking"])
def test_near_words_do_not_fire(text):
    assert assess(text) is None
