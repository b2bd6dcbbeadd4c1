"""Medicine-safety questions the method rules must tell apart from method questions: supplements
("can you overdose on vitamin D on denosumab?") and factual overdoses (an accident to guard against,
news, signs to watch for, a warning given). The vetoes of crisis_method_medicine and the component's
benign check (bot/safety/benign.py) share them."""

from __future__ import annotations

import re

from bot.safety.rules.words import DRUG

# Vitamins and minerals people take as supplements: "can you overdose on vitamin D while
# on denosumab?" is a medicine-safety question (too much vitamin D or calcium matters with
# bone treatments), not a method question -- unless the sentence also says harm is meant.
SUPPLEMENT = (
    r"(?:vitamin|vitamins|vit|multivitamins?|multi vitamins?|calcium|adcal|supplements?|iron tablets?|"
    r"magnesium|zinc|fish oil|cod liver oil|folic acid|b12|vitamin d3?|d3)"
)
SELF_HARM_CUE = (
    r"\b(?:myself|kill|die|dying|dead|end (?:it|my life|things)|on purpose|deliberately|not wake|"
    r"never wake|suicid\w*|want to|wanna|going to|gonna|planning|plan to|tempted|so i can|"
    r"over with|hurt (?:myself|me))\b"
)


# a medicine people overdose on, named next to the supplement, keeps the alarm
_RISKY_DRUG = re.sub(r"pills\?\|tablets\?\|meds\|medications\?\|medicines\?\|", "", DRUG)


# "I want to know what to watch for" is a question, not a cue of meaning harm
_WANT_TO_KNOW = re.compile(
    r"\bwant to (?:know|understand|learn|check|ask|find out|be ready|be prepared|make sure (?:he|she|they))\b"
)


def supplement_safety_question(s: str) -> bool:
    """A vitamin or mineral supplement asked about, with no word of meaning harm and no
    other medicine named."""
    return (
        bool(re.search(r"\b" + SUPPLEMENT + r"\b", s))
        # "I want to know how much is too much" is the question, not a cue of meaning harm (blind set 24)
        and not re.search(SELF_HARM_CUE, _WANT_TO_KNOW.sub(" ", s))
        and not re.search(r"\b" + _RISKY_DRUG + r"\b", s)
    )


def veto_supplement_safety_question(s: str, m: "re.Match[str]") -> bool:
    """The rule veto form of `supplement_safety_question` (True drops the match)."""
    return supplement_safety_question(s)


# An overdose told as an accident to guard against, as news, or as what happens to other people
# (blind set 15, read after its measurement: "is there a risk of accidental overdose from my
# fentanyl patch in a hot bath?", "naloxone at home in case of an accidental opioid overdose",
# "the fentanyl overdose crisis in America", "people dying from overdoses of it").
_FACTUAL_OVERDOSE = re.compile(
    r"\baccidental(?:ly)?\s+(?:\w+\s+)?overdos\w*|\boverdos\w*\s+(?:by accident|by mistake|accidentally)\b|"
    r"\b(?:news|story|stories|article|documentary|report|reports|paper|papers|headlines?|in america|in the us|in the states)\b"
    r"(?:\s+\w+){0,10}?\s+overdos\w*|\boverdose (?:crisis|epidemic|deaths|figures|statistics|rates?)\b|"
    r"\b(?:people|patients|addicts|users|others|folk|celebrities)\s+(?:\w+\s+){0,3}?(?:dying|die|died|who die|who died)\s+"
    r"(?:of|from)\s+(?:\w+\s+)?overdos\w*|"
    # revision 7 (blind set 20): signs of an overdose to watch for in someone, to get them help;
    # a warning read on the leaflet or given by the nurse; why an overdose harms the liver
    r"\b(?:signs?|symptoms?|warning signs?)\s+of\s+(?:an?\s+)?(?:\w+\s+)?overdos\w*(?:\s+\w+){0,8}?\s+(?:to |i should |"
    r"we should |i need to |we need to )?(?:watch|look|spot|recognise|recognize|notice|check)\b(?:\s+(?:out\s+)?for)?|"
    r"\bso (?:that )?(?:i|we) (?:can|could) (?:get (?:her|him|them|some|you)?\s*help|call (?:for help|an ambulance|999|911|"
    r"112|000))\b|"
    r"\b(?:leaflet|label|packet|box|insert|nurse|pharmacist|doctor|gp|oncologist|team|consultant)\s+(?:\w+\s+){0,4}?"
    r"(?:says?|said|mentions?|mentioned|warned|warns|told (?:me|us)|explained)\b(?:\s+\w+){0,6}?\s+(?:an?\s+)?"
    r"(?:\w+\s+)?overdos\w*|"
    r"\bwhy (?:is|are|does|do|would)\s+(?:an?\s+)?(?:\w+\s+)?overdos\w*(?:\s+of\s+\w+)?\s+(?:so\s+|be\s+)?(?:bad|dangerous|harmful|"
    r"damaging|toxic|serious)\s+(?:for|to|on)\s+(?:the|your|my|her|his)?\s*(?:liver|kidneys?|heart|stomach|body)\b|"
    # session 17 (blind set 23, read after its measurement): the leaflet that "goes on so much about overdose",
    # an overdose covered "in my old first-aid course", the signs that someone "has had too much morphine"
    r"\b(?:leaflet|label|packet|insert|information sheet)\s+(?:\w+\s+){0,2}?(?:go|goes|going|went|harp|harps|harping)\s+on\s+"
    r"(?:\w+\s+){0,3}?about\s+(?:an?\s+)?(?:\w+\s+)?overdos\w*|"
    r"\boverdos\w*\b(?:\W+[\w']+){0,12}?\W+(?:first aid|first-aid|course|training|exam|lecture|nursing|module|class|"
    r"revision|textbook)\b|"
    # session 18 (blind set 25, read after its measurement): the leaflet that "lists overdose signs like slow
    # breathing", with what a carer "should watch for"
    r"\b(?:leaflet|label|packet|insert|information sheet)\s+(?:\w+\s+){0,2}?(?:lists?|listed|describes?|described|"
    r"shows?|explains?)\s+(?:the\s+)?(?:\w+\s+)?overdos\w*\s+(?:signs?|symptoms?)\b|"
    r"\boverdos\w*\s+(?:signs?|symptoms?)\b(?=.*\b(?:watch|look|spot|notice|check)\s+(?:out\s+)?for\b)|"
    r"\b(?:signs?|symptoms?)\s+(?:(?:that|of|if|to show)\s+)?(?:someone|somebody|a person|he|she|they|my \w+|your \w+)\s+"
    r"(?:has|have|had|is|are)\s+(?:had\s+|taken\s+|on\s+)?too much\s+(?:of\s+)?(?:(?:his|her|their|the|my)\s+)?(?:\w+\s+)?"
    + DRUG
    + r"\b"
)
# ... with nothing of the person's own beside it ("I could do the same", "me next")
_OWN_TURN = re.compile(
    r"\b(?:do the same|the same way|same thing|me next|my turn|i could|i might|i should|tempting|tempted|easy way|blame)\b"
)


_WHOLE_SUPPLY_DEATH = re.compile(
    r"\b(?:die|dying|dead|kill|killed|fatal|lethal|end it|do it|not wake|never wake|be enough)\b"
)


def veto_whole_supply_without_death(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.method.if_i_took_all revision 3: "if I took my whole month of X at once" is a
    method question only with a word of dying in the sentence ("could I die ...", "would it kill me");
    without one it is a medicine-safety question (True drops the match)."""
    return bool(re.search(r"\b(?:my|her|his) (?:whole|entire)\b", m.group(0))) and not _WHOLE_SUPPLY_DEATH.search(s)


def factual_overdose(s: str) -> bool:
    """An overdose told as an accident to guard against, as news, as other people's, as signs to
    watch for, a warning given or why it harms the liver, with nothing of meaning harm or of the
    person's own turn once that phrase is set aside (the lethal-dose rule's exclusion; the
    component's benign check uses it too)."""
    if not _FACTUAL_OVERDOSE.search(s):
        return False
    rest = _WANT_TO_KNOW.sub(" ", _FACTUAL_OVERDOSE.sub(" ", s))
    return not re.search(SELF_HARM_CUE, rest) and not _OWN_TURN.search(rest)


def without_factual_overdose(s: str) -> str:
    """``s`` with its factual overdose phrases blanked out (see :func:`factual_overdose`)."""
    return _FACTUAL_OVERDOSE.sub(" ", s)


def veto_lethal_dose(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.method.lethal_dose: a supplement safety question, or an overdose told
    as an accident to guard against, as news or as other people's, with no word of meaning harm
    once that phrase is set aside (True drops the match)."""
    if supplement_safety_question(s):
        return True
    return factual_overdose(s)
