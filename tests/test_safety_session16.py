"""Session 16 (issue 17) detector changes, each concept next to a twin that must still fire.

Own paraphrases of what blind set 21 showed after its measurement: red flags told as past
episodes that are over, short crisis words typed fast, an overdose told by someone who then went
quiet, a gun kept "for when it gets bad"."""

from __future__ import annotations

import pytest

from bot.safety.detector import assess

PAST_AND_OVER = [
    "when she was first diagnosed her calcium went high and she was muddled, a drip fixed it and she's been fine for months",
    "i had neutropenic sepsis after cycle one, that was three years ago",
    "i passed out at a concert in 2018 because of the heat, never happened since",
    "he was being sick for a day last week with a bug but it has passed now",
    "i had a dvt a few years back, it was treated and i'm off the tablets",
    "the dark stools last week were the iron, the nurse checked my bloods and said it's fine",
    "my temperature is gone and they discharged me this morning",
    "i was very confused after the anaesthetic for my line, it wore off by teatime",
]

STILL_URGENT = [
    "i had neutropenic sepsis after cycle one three years ago and now i have a temperature of 38.6",
    "i passed out in 2018, never happened since, but i fainted again this morning",
    "the nurse said it's fine last week but today i am vomiting blood",
    "i was confused after the anaesthetic and i am still very confused and drowsy now",
]


@pytest.mark.parametrize("text", PAST_AND_OVER)
def test_a_red_flag_told_as_a_past_episode_that_is_over_fires_nothing(text):
    assert assess(text) is None, assess(text)


@pytest.mark.parametrize("text", STILL_URGENT)
def test_a_red_flag_that_is_back_or_current_still_fires(text):
    finding = assess(text)
    assert finding is not None and finding.kind == "urgent_symptom", (text, finding)


@pytest.mark.parametrize(
    "text",
    ["i wsh i was ded", "gna tak all my pils tonigt", "im going to kil myself"],
)
def test_short_crisis_words_typed_fast_are_read(text):
    finding = assess(text)
    assert finding is not None and finding.kind == "crisis", text


@pytest.mark.parametrize("text", ["the ded sea was lovely on holiday", "my pils are in the blue box, is that ok"])
def test_the_typo_table_does_not_invent_a_crisis(text):
    assert assess(text) is None


def test_an_overdose_told_then_silence_is_a_crisis():
    finding = assess("my sister texted 'i'm done, i've taken everything' and now she's not answering")
    assert finding is not None and finding.kind == "crisis"
    assert assess("we have taken everything to the car, she is not answering her phone though") is None


def test_a_gun_kept_for_when_it_gets_bad_is_a_crisis_but_painkillers_for_the_pain_are_not():
    finding = assess("dad has kept his old rifle in the loft for when it gets bad, he told me so")
    assert finding is not None and finding.kind == "crisis"
    assert assess("we keep the oramorph by the bed for when the pain gets bad at night") is None
