"""Urgent: possible neutropenic sepsis -- a temperature of 38.0 C / 100.4 F or more, fever words,
shivering or rigors, feeling unwell on treatment."""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Tuple

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import MARROW_INVOLVEMENT, NCI_INFECTION, NHS_SEPSIS, NICE_CG151, UKONS_TRIAGE

TEMP_WORD = re.compile(
    r"\b(?:temp|temps|temperature|temperatures|tempreture|temprature|temperture|tempature|fever|fevers|feverish|"
    r"febrile|pyrexia|pyrexic|thermometer|degrees|reading|readings|running|spiked|spiking|spike|hot|burning up|"
    r"chills|shivering|shivers|rigou?rs|celsius|fahrenheit)\b"
)


NUM = re.compile(
    r"(?<![\d.])(?P<cmp>(?:over|above|more than|higher than|greater than|at least|under|below|less than|"
    r"lower than|just under|almost|nearly|about|around)\s+)?(?P<num>\d{2,3}(?:\.\d{1,2})?)"
    r"(?:\s*(?P<unit>degrees? c(?:elsius)?|degrees? f(?:ahrenheit)?|degrees?|deg|celsius|centigrade|fahrenheit|c|f)\b)?"
)


NUM_NOT_TEMP = re.compile(
    r"\s*(?:years?|yrs?|yo|year old|mg|mcg|ml|kg|kilos?|lbs?|pounds|stone|hours?|hrs?|minutes?|mins?|days?|weeks?|"
    r"months?|%|percent|pills?|tablets?|times|am|pm|o clock|cycles?|rounds?|bpm|beats|breaths|mmhg|over \d|\/|"
    r"units?|doses?|sessions?|miles|km|kms|metres|meters|cm|mm|x|people|patients)\b"
)


NUM_PRE_OK = re.compile(
    r"(?:temp|temps|temperature|tempreture|temprature|temperture|tempature|fever|thermometer|reading|readings|reads|read|"
    r"spiked|spiking|spike|hit|hits|running|registering|registered|showing|shows|showed|measured|says|said|of|is|was|"
    r"at|to|up|been|now|has been|went|gone|around|about|over|above|nearly|almost|just|still|currently|highest|high|"
    r"reached|reaching|rose|rising|climbed|climbing|back|under|below|less than|more than|than|between|and|it|"
    r"c|f|oral|ear|forehead|armpit|:)$"
)


# A bare decimal reading with no temperature word ("38.6 tonight", "38 point 7 and feeling terrible")
# is read as a temperature when the message is about treatment (CHEMO, below), the marrow or feeling
# ill (dev sets 16, 17), unless a blood result or marker names it ("CA 15-3 went up to 38.7").
BARE_READING_CONTEXT = re.compile(
    r"\b(?:treatments|marrow|white cells|counts|(?:feel|feeling|feels|felt) (?:really |so |very |absolutely )?"
    r"(?:terrible|awful|dreadful|rough|grim|unwell|poorly|ill|rubbish|horrendous|shocking|shivery|hot|boiling))\b"
)
LAB_BEFORE = re.compile(
    r"\b(?:marker|markers|ca ?15|ca ?27|cea|hb|haemoglobin|hemoglobin|platelets?|neutrophils?|count|counts|level|"
    r"levels|calcium|potassium|sodium|creatinine|egfr|bmi|weight|weigh|weighs|score|psa|alt|ast|ferritin|vitamin|"
    r"glucose|sugar|result|results|pulse|heart rate|oxygen|sats|saturation|blood pressure|bp)\b[^.?!]{0,25}$"
)


def temperature_readings(
    sentence: str, context: bool = False, bare_context: bool = False
) -> List[Tuple[float, bool, "re.Match[str]"]]:
    """(value in celsius, is_lower_bound_only, match) for each plausible temperature in the sentence.

    ``context`` says the message is already about temperature (e.g. it states the team's threshold),
    as a temperature word in the sentence would. ``bare_context`` says the message is about treatment
    or feeling ill (BARE_READING_CONTEXT): then a decimal reading with no temperature word counts too,
    unless a blood result or marker names it."""
    has_ctx = context or bool(TEMP_WORD.search(sentence))
    out = []
    for m in NUM.finditer(sentence):
        num_s, unit, cmp_ = m.group("num"), (m.group("unit") or "").strip(), (m.group("cmp") or "").strip()
        if NUM_NOT_TEMP.match(sentence, m.end()) and not (
            "." in num_s
            and re.search(
                r"\b(?:temp|temperature|fever|thermometer|reading)\s*(?:is|was|of|at)?\s*$",
                sentence[max(0, m.start() - 30) : m.start()],
            )
        ):
            continue
        try:
            val = float(num_s)
        except ValueError:  # pragma: no cover - regex guarantees a number
            continue
        if not unit:
            bare = (
                not has_ctx
                and bare_context
                and "." in num_s
                and not LAB_BEFORE.search(sentence[max(0, m.start() - 60) : m.start()])
            )
            if not (bare or has_ctx):
                continue
            before = sentence[max(0, m.start() - 60) : m.start()].split()
            before = [
                w for w in before if w not in ("a", "an", "the", "my", "her", "his", "temperature", "temp")
            ] or before
            near = " ".join(sentence[max(0, m.start() - 60) : m.start()].split()[-4:])
            if "." not in num_s and not re.search(
                r"\b(?:temp|temps|temperature|tempreture|temprature|temperture|tempature|fever|thermometer|reading|"
                r"reads|spiked|spiking|hit|running|registering|showing|measured|reached|degrees)\b",
                near,
            ):
                continue
            if (
                "." in num_s
                and not bare
                and not NUM_PRE_OK.search(sentence[max(0, m.start() - 25) : m.start()].rstrip())
                and not re.search(r"\b(?:temp|temperature|fever|degrees|thermometer)\b", near)
                and not has_ctx
            ):
                continue
        is_f = unit.startswith(("f", "degrees f", "degree f", "fahrenheit")) or (
            not unit.endswith("c") and 93 <= val <= 110
        )
        if unit in ("c", "celsius", "centigrade") or unit.endswith(" c") or unit.endswith("celsius"):
            is_f = False
        if is_f:
            if not 93 <= val <= 110:
                continue
            celsius = (val - 32) * 5 / 9
            celsius = 38.0 if abs(val - 100.4) < 0.05 else celsius
        else:
            if not 34 <= val <= 44:
                continue
            celsius = val
        lower = cmp_ in ("under", "below", "less than", "lower than", "just under", "almost", "nearly")
        out.append((celsius, lower, m))
    return out


FEVER_WORDS = rx(
    r"\b(?:fever|fevers|feverish|febrile|pyrexia|pyrexic|high (?:temp|temperature)|raised (?:temp|temperature)|"
    r"(?:temp|temperature) (?:is|was|has been|has gone|went|is going|keeps going|keeps|has|spiked|spiking|shot|keeps spiking)"
    r"\s*(?:really\s+|very\s+|quite\s+|so\s+|a bit\s+|right\s+)?(?:up|high|higher|rising|raised|sky high|through the roof)|"
    r"running (?:a |a high |a bit of a |a slight |quite a )?(?:temp|temperature|fever)|burning up|"
    r"(?:have|has|had|got|with|having|develop(?:ed)?|running) (?:a |an )?(?!normal |low |regular |good |fine |steady )(?:\w+ ){0,2}?"
    r"(?:temp|temperature)\b(?! (?:of|check|reading|was|is|at|probe|strip|gun))|"
    r"spik(?:ed|ing|es) (?:a )?(?:temp|temperature|fever)|neutropenic (?:sepsis|fever)|neutropaenic (?:sepsis|fever)|"
    r"febrile neutropenia|sepsis|septic|(?:feels|feel|felt|feeling) (?:really |very |so )?(?:hot and cold|burning hot|"
    r"feverish|boiling hot))\b"
)


RIGORS = rx(
    r"\b(?:shivering|shivers|shivery|shiver|rigou?rs|shaking chills|the chills|chills|shaking (?:uncontrollably|all over|"
    r"violently|and cold|and shivering)|(?:can not|could not) stop shaking|teeth (?:are )?chattering|uncontrollable shaking|"
    r"hot and cold|hot then cold|hot one minute and cold|sweats and chills|cold sweats?|clammy and shaking|the shakes|"
    r"shaky and (?:cold|hot|shivery|feverish))\b"
)


RIGOR_EXCL = rx(
    r"\b(?:gives? me (?:the )?chills|gave me (?:the )?chills|send(?:s)? (?:a )?(?:chills?|shivers?)|chills? down|"
    r"shivers? down|shiver (?:down|up)|(?:cold|freezing) (?:outside|out|weather|today|house|room|in here)|snow|rain|"
    r"air ?con|air conditioning|swim|swimming|pool|winter|heating (?:is )?(?:off|broken)|chill out|chilling|"
    r"hot flush|hot flushes|hot flash|hot flashes|menopaus\w*|scary|spooky|horror|film|movie|story|song|music)\b"
)


# a pet that has been poorly is not the person on treatment (blind set 25: "... switching me to capecitabine ...
# and the cat's been poorly too")
_PET = r"(?<!\bcat.s )(?<!\bdog.s )(?<!\bcat )(?<!\bdog )(?<!\bcat has )(?<!\bdog has )"
UNWELL = rx(
    r"\b"
    + _PET
    + r"(?:feel|feeling|felt|feels|is|seems|looks|been|am|was|became|getting)\s+(?:really\s+|very\s+|so\s+|quite\s+|"
    r"extremely\s+|a bit\s+|suddenly\s+|really really\s+)?(?:unwell|flu ?like|fluey|shivery|poorly|rough and shivery|"
    r"like (?:i have|i have got|she has|he has) (?:the )?flu|grotty and hot)\b|\bflu like symptoms\b"
    # r2: feeling rough / awful with shaking, shivers or clamminess in the same clause ("now shaking and
    # feeling really rough" after an infusion, dev set 7); "feel awful since chemo, so tired" alone is not
    r"|\b(?:shak\w*|shiver\w*|clammy|sweating|hot and cold)\s+and\s+(?:feel|feeling|felt|feels)\s+(?:really\s+|very\s+|so\s+)?"
    r"(?:rough|awful|terrible|dreadful|horrendous|grim)\b|\b(?:feel|feeling|felt|feels)\s+(?:really\s+|very\s+|so\s+)?"
    r"(?:rough|awful|terrible|dreadful|horrendous|grim)\s+and\s+(?:shak\w*|shiver\w*|clammy|sweaty|hot and cold)\b"
)


CHEMO = re.compile(
    r"\b(?:chemo|chemotherapy|infusion|treatment|cycle|round|paclitaxel|taxol|docetaxel|taxotere|capecitabine|"
    r"xeloda|eribulin|halaven|carboplatin|cisplatin|doxorubicin|epirubicin|cyclophosphamide|gemcitabine|"
    r"vinorelbine|enhertu|trastuzumab deruxtecan|sacituzumab|trodelvy|palbociclib|ribociclib|abemaciclib|"
    r"immunotherapy|pembrolizumab|keytruda|zoledronic|denosumab|neutropenic|neutropaenic|low white|"
    r"low (?:blood )?counts?|neutrophils)\b"
)


SOURCES = (NICE_CG151, NCI_INFECTION, NHS_SEPSIS, MARROW_INVOLVEMENT)

FEVER_READING_RULE = Rule(
    id="urgent.fever.temperature_reading",
    category="neutropenic_fever",
    kind="urgent_symptom",
    pattern=NUM,
    revision=2,
    rationale=(
        'A temperature reading of 38.0 C / 100.4 F or more ("38.2", "temp of 101", "39 degrees", '
        '"38,5 C"); "over 38" counts, "under 38" does not, and a lower reading on its own does not '
        "fire. With cancer in the marrow, a fever may be neutropenic sepsis. Revision 2 (2026-12-07, "
        "issue 17): a decimal reading with no temperature word counts when the message is about "
        'treatment, the marrow or feeling ill ("38.4 this evening and I feel awful"), not when a blood '
        "result or marker names the number."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "my temp is 38.2",
        "help my wife has a temperature of 38.5 after chemo",
        "38.0 exactly on the ear thermometer, 10 days after chemo. Should I take paracetamol and wait till morning?",
        "38.4 this evening and I feel awful, chemo was last week",
    ),
    does_not_fire_on=(
        "biopsy at 10",
        "my CA 15-3 went up to 38.7 after this cycle",
        "37.4 this evening, chemo was last week",
        "she had a temperature of 38.6 three weeks ago, went in, and came home on antibiotics. doing loads better",
    ),
)

FEVER_WORDS_RULE = Rule(
    id="urgent.fever.fever_words",
    category="neutropenic_fever",
    kind="urgent_symptom",
    pattern=FEVER_WORDS,
    rationale=(
        'A fever said without a number ("I have a fever", "high temperature", "burning up", '
        '"sepsis"); not when the same sentence gives a reading below 38.'
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "hide a fever",
        "I have a high temperature after chemo",
        "she was discharged 3 days ago after sepsis and she feels hot and shivery",
    ),
    does_not_fire_on=(
        "no fever today",
        "was admitted with neutropenic sepsis in march, fully recovered. how do i lower the risk next time?",
    ),
)

RIGORS_RULE = Rule(
    id="urgent.fever.rigors",
    category="neutropenic_fever",
    kind="urgent_symptom",
    pattern=RIGORS,
    sentence=RIGOR_EXCL,
    rationale=(
        "Shivering, rigors, shaking chills, hot and cold: early signs of infection; not chills from a"
        " film or song, cold weather, or hot flushes."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "I feel shivery",
        "I'm shaking uncontrollably and feel hot, had my infusion Monday",
        "my wife is shivering like crazy and says she feels awful, she had chemo yesterday. thermometer says 37.9",
    ),
    does_not_fire_on=(
        "no fever, no chills",
        "37.4 this evening, no shivers, feel completely fine, chemo was 2 weeks ago. just logging it",
    ),
)

UNWELL_ON_TREATMENT_RULE = Rule(
    id="urgent.fever.unwell_on_treatment",
    category="neutropenic_fever",
    kind="urgent_symptom",
    pattern=UNWELL,
    rationale=(
        "Feeling unwell, flu-like or shivery in a sentence that names chemotherapy, a marrow-"
        "suppressing treatment or low counts (the sentence must match CHEMO). Revision 2 (2026-12-08, pending "
        "review, blind set 25): a poorly cat or dog is not the person (\"... capecitabine ... and the cat's been "
        'poorly too").'
    ),
    revision=2,
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "i feel like i have flu and i'm on chemo",
        "docetaxel last week and I suddenly feel really unwell",
        "feeling really shivery and just awful since my infusion this morning, we don't have a thermometer",
    ),
    does_not_fire_on=(
        "I suddenly feel unwell",
        "Call your team if you feel unwell. Keep your phone near you. Rest when you can.",
        "they're switching me to capecitabine next month and the cat's been poorly too",
    ),
)

# The threshold the person's own team gave them ("ring at 37.5", "card says 37.5", "call if it goes over 37.5"):
# the text right before a number names who set it and/or says to call at it.
TEAM_THRESHOLD_CUE = rx(
    r"(?:\b(?:ring|call|phone|contact|rang|called|phoned)\b[^.?!\d]{0,40}?\b(?:at|if|when|once|over|above|from)\b"
    r"|\b(?:card|hotline|helpline|line|nurse|nurses|team|oncologist|oncology|consultant|doctor|doctors|ward|unit|"
    r"leaflet|booklet|sheet|they|she|he)\b[^.?!\d]{0,25}?\b(?:says?|said|told|tells|advised|gave|give|wrote|writes)\b"
    r"|\b(?:threshold|cut ?off|trigger|limit)\b)[^.?!\d]{0,30}$"
)
# a number the team called fine is not a threshold ("the nurse said 37.8 is fine")
TEAM_THRESHOLD_NOT = rx(r"\s*(?:c|degrees?)?\s*(?:is|was|were|are)\s+(?:fine|ok|okay|normal|nothing|not)\b")


def team_threshold_readings(
    sentences: List[str], ok: Callable[[str, int, int], bool]
) -> Optional[Tuple[int, "re.Match[str]"]]:
    """(sentence index, match) of a current reading at or above a fever threshold the person's team gave
    them (37.0-40 C) elsewhere in the message, or None.

    ``ok(text, start, end)`` says a reading is current (not negated, hypothetical, remote or a question);
    a reading after the threshold in the same sentence is judged on the text after the threshold, so the
    instruction itself ("told me to ring at 37.5") does not make it hypothetical. A threshold given as
    "under/below" (the low-temperature sepsis sign) and whole-number thresholds without a temperature
    word are left to the other fever rules."""
    readings = [temperature_readings(s, context=True) for s in sentences]
    thresholds = {}  # (sentence index, start) -> (celsius, end)
    for idx, s in enumerate(sentences):
        for celsius, lower, m in readings[idx]:
            if (
                not lower
                and 37.0 - 1e-9 <= celsius <= 40.0
                and TEAM_THRESHOLD_CUE.search(s[max(0, m.start() - 80) : m.start()])
                and not TEAM_THRESHOLD_NOT.match(s, m.end())
            ):
                thresholds[(idx, m.start())] = (celsius, m.end())
    if not thresholds:
        return None
    threshold = min(celsius for celsius, _ in thresholds.values())
    for idx, s in enumerate(sentences):
        for celsius, lower, m in readings[idx]:
            if (idx, m.start()) in thresholds or lower or not threshold - 1e-9 <= celsius <= 40.0:
                continue
            cut = max((end for (i, start), (_, end) in thresholds.items() if i == idx and start < m.start()), default=0)
            if ok(s[cut:], m.start() - cut, m.end() - cut):
                return idx, m
    return None


TEAM_THRESHOLD_RULE = Rule(
    id="urgent.fever.above_team_threshold",
    category="neutropenic_fever",
    kind="urgent_symptom",
    pattern=NUM,
    rationale=(
        "A current reading at or above the fever threshold the person says their own team, hotline, card "
        'or nurse gave them ("my card says ring at 37.5 and I am 37.8"): many UK acute-oncology hotlines '
        "act at 37.5 C, below the 38.0 C of the reading rule, and the team's own threshold wins. Not a "
        "reading below the threshold, a threshold with no reading, or a reading told as past and over."
    ),
    sources=(NICE_CG151, UKONS_TRIAGE, NHS_SEPSIS),
    review=PENDING,
    fires_on=(
        "my hotline card says ring at 37.5 and I'm 37.8",
        "the chemo nurse said call if it goes over 37.5, it's 37.7 now",
        "card says 37.5, she's at 37.6",
        "my team told me to ring at 37.5 and the thermometer says 37.9",
        "The oncology team said to phone them at 37.5. Her temperature is 37.6 now.",
        "they said call at 99.5 F and she is 99.9 F",
    ),
    does_not_fire_on=(
        "they said ring at 37.5, i'm 37.2",
        "what temperature should I call at, the card says 37.5",
        "my hotline card says ring at 37.5 and it was 37.8 last week, fine now",
        "the hotline said ring at 37.5. it was 37.8 last month, fine now",
        "the nurse said 37.8 is fine, she's 37.6 now",
        "call if it goes below 36, she's 37.1",
    ),
)

# With a reading below 36.0 C: feeling unwell, shaky or cold, or marrow disease (being on treatment is
# CHEMO's)
LOW_TEMPERATURE_CONTEXT = re.compile(
    r"\b(?:shak\w*|shiver\w*|weird|not right|unwell|poorly|awful|terrible|rough|clammy|cold|freezing|dizzy|faint|"
    r"confused|drowsy|off|ill|marrow|counts)\b"
)

LOW_TEMPERATURE_RULE = Rule(
    id="urgent.fever.low_temperature",
    category="neutropenic_fever",
    kind="urgent_symptom",
    pattern=NUM,
    rationale=(
        "A current temperature below 36.0 C (96.8 F) with feeling unwell, shaky or cold, or on treatment or "
        "with marrow disease: a low temperature can be a sign of sepsis (clinical-safety.md, 'Thresholds "
        "that vary'; the fever reply already names it). Not a low reading on its own with nothing else, "
        "one told as past and over, or a question. Added 2026-12-07 (issue 17, dev set 9)."
    ),
    sources=(NHS_SEPSIS, UKONS_TRIAGE, NICE_CG151),
    review=PENDING,
    fires_on=(
        "my temperature is 35.6 and I feel shaky and cold, chemo was on tuesday",
        "she's only 35.4 on the ear thermometer and she doesn't seem right, she has cancer in her marrow",
    ),
    does_not_fire_on=(
        "my temp is 35.8, feeling fine, is that normal for me",
        "what if my temperature goes below 36 on chemo",
    ),
)

RULES = (
    FEVER_READING_RULE,
    FEVER_WORDS_RULE,
    RIGORS_RULE,
    UNWELL_ON_TREATMENT_RULE,
    TEAM_THRESHOLD_RULE,
    LOW_TEMPERATURE_RULE,
)
