"""The urgent red-flag pass (only when no crisis matched): the urgent rules of the catalogue, sentence by
sentence, in context (not negated, hypothetical, remote or a general question).

Several red flags in one message: the most urgent category wins (fainting, breathlessness, chest
pain, bleeding, fever, cord compression, hypercalcaemia, confusion, fracture), then the earliest.
A red flag told as a past episode that is over ("admitted with sepsis in march, fully recovered")
fires nothing."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.safety.finding import URGENT, SafetyFinding, make_finding
from bot.safety.negation import urgent_context_ok
from bot.safety.rules.base import Rule, rx
from bot.safety.rules.urgent_bleeding import BLEEDING_RULE
from bot.safety.rules.urgent_breathing import AT_REST, BREATH_MILD, BREATHLESS_RULE, EXERTION
from bot.safety.rules.urgent_chest import CHEST_PAIN_RULE
from bot.safety.rules.urgent_confusion import (
    CONFUSION_EXCL_AFTER,
    CONFUSION_IDIOM,
    CONFUSION_OTHER_LOOSE_RULE,
    CONFUSION_OTHER_RULE,
    CONFUSION_SELF_RULE,
    CONFUSION_SEVERE_RULE,
    CONFUSION_STRONG,
)
from bot.safety.rules.urgent_fainting import FAINTING_RULE
from bot.safety.rules.urgent_fever import (
    BARE_READING_CONTEXT,
    CHEMO,
    FEVER_READING_RULE,
    FEVER_WORDS_RULE,
    LOW_TEMPERATURE_CONTEXT,
    LOW_TEMPERATURE_RULE,
    RIGORS_RULE,
    TEAM_THRESHOLD_RULE,
    UNWELL_ON_TREATMENT_RULE,
    team_threshold_readings,
    temperature_readings,
)
from bot.safety.rules.urgent_fracture import FALL_RULE, FRACTURE_RULE, SLIPPED_THING
from bot.safety.rules.urgent_hypercalcaemia import (
    CONFUSED_SIGN,
    CONSTIP,
    DROWSY,
    HYPERCALCAEMIA_NAMED_RULE,
    HYPERCALCAEMIA_SIGNS_RULE,
    POLYURIA,
    THIRST,
    VOMIT,
)
from bot.safety.rules.urgent_spinal import (
    BACK_PAIN,
    BOTH_LEGS_WITH_WALKING_RULE,
    CANNOT_WALK_RULE,
    CONTINENCE_WITH_BACK_PAIN_RULE,
    LEG_STRONG,
    LEG_WEAKNESS_RULE,
    LIMB_WITH_BACK_PAIN_RULE,
    SCC_SIGNS_RULE,
    SPINE_PAIN_NEW_OR_WORSE,
    SPINE_PAIN_RED_FEATURES_RULE,
    TIRED_CONTEXT,
    TIRED_LEGS,
    WALK,
    WALKING_WITH_BACK_PAIN_RULE,
)
from bot.safety.text import CLAUSE_BREAK, clause_prefix, split_sentences
from bot.safety.third_party import is_third_party

URGENT_RANK = (
    "fainting",
    "breathlessness",
    "chest_pain",
    "bleeding",
    "neutropenic_fever",
    "spinal_cord_compression",
    "hypercalcaemia",
    "confusion",
    "fracture",
)


def leg_strong(sentence: str) -> Optional["re.Match[str]"]:
    for m in LEG_STRONG.finditer(sentence):
        if TIRED_LEGS.search(m.group(0)) and TIRED_CONTEXT.search(sentence):
            continue
        if urgent_context_ok(sentence, m.start(), m.end()):
            return m
    return None


def first_ok(pattern: "re.Pattern[str]", sentence: str, allow_info: bool = False) -> Optional["re.Match[str]"]:
    for m in pattern.finditer(sentence):
        if urgent_context_ok(sentence, m.start(), m.end(), allow_info):
            return m
    return None


def assess_urgent(text: str) -> Optional[SafetyFinding]:
    """The most urgent red flag in ``text`` (already normalised), or None."""
    sentences = split_sentences(text, keep_punct=True)
    found: List[Tuple[str, str, int, int, str]] = []  # (category, matched, sentence index, start, rule id)

    def add(rule: Rule, m: "re.Match[str]", idx: int) -> None:
        found.append((rule.category, m.group(0).strip(), idx, m.start(), rule.id))

    def fire(rule: Rule, sentence: str, idx: int) -> bool:
        """Add ``rule``'s first match in ``sentence`` that is in context; True if there was one."""
        m = first_ok(rule.pattern, sentence)
        if m is not None:
            add(rule, m, idx)
        return m is not None

    back_pain_any = any(first_ok(BACK_PAIN, s, allow_info=False) for s in sentences)
    walking_any = any(first_ok(WALK, s, allow_info=False) for s in sentences)
    spine_new_or_worse = back_pain_any and any(
        first_ok(SPINE_PAIN_NEW_OR_WORSE, s, allow_info=False) for s in sentences
    )
    hyper_signs = {}
    # a current reading at or above the threshold the person's own team gave them ("ring at 37.5, I am 37.8")
    above_team = team_threshold_readings(sentences, lambda s, a, b: urgent_context_ok(s, a, b, allow_info=False))
    on_treatment = bool(CHEMO.search(text))
    bare_readings = on_treatment or bool(BARE_READING_CONTEXT.search(text))
    low_context = on_treatment or bool(LOW_TEMPERATURE_CONTEXT.search(text))
    for idx, s in enumerate(sentences):
        # fever ----------------------------------------------------------------------------
        readings = temperature_readings(s, bare_context=bare_readings)
        fever_reading = None
        low_reading = None
        cold_reading = None  # below 36.0 C: a sepsis sign with feeling unwell or on treatment
        for celsius, lower, m in readings:
            if not urgent_context_ok(s, m.start(), m.end(), allow_info=False):
                continue
            if celsius >= 38.0 - 1e-9 and not lower:
                fever_reading = m
                break
            low_reading = m
            if cold_reading is None and (celsius < 36.0 - 1e-9 or (lower and celsius <= 36.0 + 1e-9)):
                cold_reading = m
        if fever_reading is None and cold_reading is not None and low_context:
            add(LOW_TEMPERATURE_RULE, cold_reading, idx)
        if fever_reading is not None:
            add(FEVER_READING_RULE, fever_reading, idx)
        elif above_team is not None and above_team[0] == idx:
            add(TEAM_THRESHOLD_RULE, above_team[1], idx)
        elif low_reading is None:
            fire(FEVER_WORDS_RULE, s, idx)
        if not RIGORS_RULE.sentence.search(s):
            fire(RIGORS_RULE, s, idx)
        if CHEMO.search(s):
            fire(UNWELL_ON_TREATMENT_RULE, s, idx)
        # spinal cord compression ------------------------------------------------------------------
        if not SCC_SIGNS_RULE.sentence.search(s):
            fire(SCC_SIGNS_RULE, s, idx)
        m = leg_strong(s)
        if m is not None:
            add(LEG_WEAKNESS_RULE, m, idx)
        else:
            fire(CANNOT_WALK_RULE, s, idx)
        if back_pain_any:
            if not fire(LIMB_WITH_BACK_PAIN_RULE, s, idx):
                fire(WALKING_WITH_BACK_PAIN_RULE, s, idx)
            if not CONTINENCE_WITH_BACK_PAIN_RULE.sentence.search(s):
                fire(CONTINENCE_WITH_BACK_PAIN_RULE, s, idx)
            if spine_new_or_worse:
                fire(SPINE_PAIN_RED_FEATURES_RULE, s, idx)
        if walking_any:
            fire(BOTH_LEGS_WITH_WALKING_RULE, s, idx)
        # hypercalcaemia / confusion -------------------------------------------------------------
        fire(HYPERCALCAEMIA_NAMED_RULE, s, idx)
        for name, pat in (
            ("thirst", THIRST),
            ("pee", POLYURIA),
            ("vomit", VOMIT),
            ("confused", CONFUSED_SIGN),
            ("drowsy", DROWSY),
            ("constipation", CONSTIP),
        ):
            for mm in rx(r"\b" + pat + r"\b").finditer(s):
                if name == "confused" and CONFUSION_EXCL_AFTER.match(s, mm.end()):
                    continue
                if name == "vomit" and re.match(r"\s+(?:up\s+)?(?:blood|clots)", s[mm.end() :]):
                    pass
                if urgent_context_ok(s, mm.start(), mm.end()):
                    hyper_signs.setdefault(name, (mm, idx))
                    break
        if not CONFUSION_IDIOM.search(s) or CONFUSION_STRONG.search(s):
            m, rule = None, CONFUSION_SEVERE_RULE
            for rule in (CONFUSION_SEVERE_RULE, CONFUSION_OTHER_RULE, CONFUSION_SELF_RULE, CONFUSION_OTHER_LOOSE_RULE):
                m = first_ok(rule.pattern, s)
                if m is not None:
                    break
            if m is not None and not (
                re.search(r"confused|muddled$", m.group(0)) and CONFUSION_EXCL_AFTER.match(s, m.end())
            ):
                add(rule, m, idx)
        # bleeding -------------------------------------------------------------------------------------
        if not (BLEEDING_RULE.sentence.search(s) and not BLEEDING_RULE.unless.search(s)):
            fire(BLEEDING_RULE, s, idx)
        # breathlessness -------------------------------------------------------------------------------
        for m in BREATHLESS_RULE.pattern.finditer(s):
            if BREATHLESS_RULE.sentence.search(s) and not AT_REST.search(s):
                break
            if not urgent_context_ok(s, m.start(), m.end()):
                continue
            strong = re.match(
                r"(?:can not|could not|cannot) (?:breathe|breath)|gasping|struggling|fighting|lips|face|"
                r"fingers|blue|suffocating|air hunger|laboured|labored",
                m.group(0),
            )
            here = clause_prefix(s, m.start(), 200) + m.group(0) + CLAUSE_BREAK.split(s[m.end() :])[0]
            if (
                not strong
                and (EXERTION.search(here) or BREATH_MILD.search(here))
                and not AT_REST.search(EXERTION.sub(" ", here))
            ):
                continue
            add(BREATHLESS_RULE, m, idx)
            break
        # chest pain -----------------------------------------------------------------------------------
        if not CHEST_PAIN_RULE.sentence.search(s) or re.search(r"\bchest (?:pain|tightness)\b", s):
            fire(CHEST_PAIN_RULE, s, idx)
        # fracture / fall ------------------------------------------------------------------------------
        if not FRACTURE_RULE.sentence.search(s):
            m = first_ok(FRACTURE_RULE.pattern, s)
            if m is not None and not (
                re.match(r"(?:worried|scared|afraid)", m.group(0))
                and re.search(r"\b(?:will|might|could|would)\s+(?:\w+\s+)?(?:break|fracture)\b", s)
            ):
                add(FRACTURE_RULE, m, idx)
        if not FALL_RULE.sentence.search(s):
            for m in FALL_RULE.pattern.finditer(s):
                if FALL_RULE.after.match(s, m.end()):
                    continue
                if re.match(r"(?:slipped|tripped|stumbled)", m.group(0)) and SLIPPED_THING.search(
                    s[max(0, m.start() - 40) : m.start()]
                ):
                    continue
                if urgent_context_ok(s, m.start(), m.end()):
                    add(FALL_RULE, m, idx)
                    break
        # fainting -------------------------------------------------------------------------------------
        if not FAINTING_RULE.sentence.search(s):
            fire(FAINTING_RULE, s, idx)

    distinct = [k for k in hyper_signs]
    if len(distinct) >= 2:
        mm, idx = hyper_signs[distinct[0]]
        parts = " + ".join(hyper_signs[k][0].group(0) for k in distinct)
        found.append((HYPERCALCAEMIA_SIGNS_RULE.category, parts, idx, mm.start(), HYPERCALCAEMIA_SIGNS_RULE.id))

    if not found:
        return None
    found.sort(key=lambda f: (URGENT_RANK.index(f[0]), f[2], f[3]))
    cat, matched, idx, start, rule_id = found[0]
    third = is_third_party(sentences, idx, start, matched)
    return make_finding(URGENT, cat, matched, third, rule_id)


# A red flag told as a past episode that is over ("admitted with neutropenic sepsis in march,
# fully recovered"; "my hip fracture from last spring has healed"): a time in the past, a word
# saying it resolved, and nothing saying it is back, new or happening now.
EPISODE_PAST = re.compile(
    r"\b(?:last (?:week|month|year|spring|summer|autumn|fall|winter|time|cycle|round)|in (?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december|the (?:spring|summer|autumn|winter)|(?:19|20)\d\d)|back in|(?:\d+|a|an|one|two|three|four|five|six|a few|few|"
    r"couple of|several|many|some) (?:days|weeks|months|years) ago|(?:weeks|months|years|ages) ago|(?:was|were) admitted|"
    r"earlier this (?:year|month)|after (?:cycle|round) (?:\d+|one|two|three|four|five|six)|"
    r"(?:at|during|after) (?:my|her|his) (?:very )?first (?:chemo|appointment|infusion|session|"
    r"treatment|cycle|biopsy|scan)|"
    # blind set 21 (read after its measurement): "when I was first diagnosed", "a few years back",
    # "after the anaesthetic for my port", "discharged me"
    r"when (?:i|she|he) was first diagnosed|(?:\d+|a|an|one|two|three|four|five|six|a few|few|couple of|a couple of|several|"
    r"many|some) (?:days|weeks|months|years) back|after the (?:anaesthetic|anesthetic|sedation|operation|surgery|"
    r"procedure|general)\b|discharged (?:me|her|him|us)|"
    # blind set 22 (read after its measurement): "38.2 last tuesday"
    r"last (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    # session 18 (blind set 25): "my temperature was 38.7 on saturday" (a reading told in the past tense)
    r"(?:was|were|hit|spiked|reached|went up to) (?:[\w.,]+ ){0,2}?on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday))\b"
)


EPISODE_OVER = re.compile(
    r"\b(?:fully recovered|recovered|(?:has |have )?healed|all clear|resolved|sorted (?:it|out|now)|(?:been )?normal (?:ever )?since|"
    # blind set 22: "the antibiotics worked and I'm home and feeling well now"
    r"(?:antibiotics|treatment|drip|transfusion|tablets|injection) (?:worked|did the trick|sorted it)|"
    # own probe (session 17): "38.4 in march but that was sorted with antibiotics", "it cleared up"
    r"(?:was|were|got|been) sorted (?:with|by|after|quickly)|(?:cleared|clearing) up|went away (?:after|with|on its own)|"
    # blind set 23: "the cast is off and the physio is going well", "they sorted it"
    r"(?:cast|plaster|boot|sling|splint|brace) (?:is|was|came|has come|has been taken|was taken) off|physio (?:is|has been) going "
    r"(?:well|great|fine)|(?:they|the \w+|it) sorted (?:it|her|him|me) (?:out)?|"
    # a faint told as a lifelong reaction to needles or blood (blind set 22, read after its measurement)
    r"(?:needles|injections|blood tests|having blood taken|the sight of blood) (?:have|has) always (?:done that|"
    r"made me|got to me|been a problem)|"
    r"(?:feeling|doing) (?:well|fine|ok|okay|good|great|normal) now|"
    # session 18 (blind sets 24, 25): "I'm home and well now", "she's been herself since"
    r"(?:home|better|up) and (?:well|fine|ok|okay|better|recovering)(?: now)?|"
    r"(?:been|is|was) (?:her|him|my)self (?:again|since|ever since)|"
    r"(?:been )?(?:fine|ok|okay|good|great|well|clear) since|(?:been )?clear ever since|nothing since|none since|"
    # "... but that was months ago": told as long over (blind set 14)
    r"(?:but |and )?(?:that|it|this) was (?:a few |several |many |some |a couple of |two |three |four |five |six |\d+ )?"
    r"(?:weeks|months|years|ages) ago|"
    # blind set 21: "never happened since / again", "it's passed now", "wore off", "fine on the supplements since",
    # "the gp said it's fine", "the fever's gone"
    r"(?:never|not|has not|have not) happened (?:since|again)|(?:it|that|this) (?:has |is )?passed(?: now)?|"
    r"(?:wore|worn|wearing) off|(?:been )?(?:fine|ok|okay|good|well) (?:\w+ ){1,4}?since|"
    r"been (?:fine|ok|okay|good|well) for (?:months|weeks|years|ages|a while|a long time)|"
    r"(?:said|says|told (?:me|us|her|him)) (?:that )?(?:it is|it was|all is|everything is|everything was|"
    r"they are|it all looks) (?:fine|ok|okay|normal|nothing)|(?:fever|temperature|temp) (?:is|has) gone|"
    r"not (?:had|happened) (?:one|any|it) since|"
    r"(?:doing|feeling) (?:much |a lot |loads |so much |way )?better|back to normal|(?:all )?fine now|came home|home now|"
    r"discharged|nothing (?:was |is )?broken|"
    # "she's back to herself now", "all good now", "switched me to something else" (blind set 17)
    r"back to (?:her|him|my|his|their) ?(?:self|selves|usual self|normal self|old self)|all good (?:now|since)|"
    r"(?:but |and )?never since|not since|was treated|were treated|got treated|on blood thinners now|all settled|"
    r"settled (?:down )?(?:now|since)|(?:walking|eating|driving|working|back at work) again(?: now)?|"
    r"(?:switched|changed|moved) (?:me|her|him) (?:to|onto) (?:something|a different|another)|no (?:fracture|break|breaks) (?:was |were )?(?:found|seen|showed)|"
    r"(?:doing|getting on) (?:really |very |so |super |ever so )?well|(?:been )?(?:fine|ok|okay|good|great|well) ever since|"
    r"(?:has |have |had )?got (?:much |a lot |loads |way )?better|(?:turned out to be|(?:it )?(?:was|were) (?:just|only)) (?:just |only )?(?:a |an )?(?:pulled |strained |"
    r"torn )?(?:muscle|muscular|strain|indigestion|heartburn|reflux|trapped wind|wind|nothing|anxiety|panic attack|virus|cold))\b"
)


EPISODE_NOW = re.compile(
    # "can I still fly?" asks what is allowed, not that the red flag is still there (dev set 15)
    r"\b(?:(?<!can i )(?<!could i )(?<!can she )(?<!can he )(?<!should i )(?<!will i )still|right now|tonight|"
    r"(?<!discharged me )(?<!discharged her )(?<!discharged him )(?<!home )this (?:morning|afternoon|evening)|worse|"
    # "can it come back?" asks whether it may recur (blind set 24)
    r"worsening|new|returned|came back|(?<!can it )(?<!could it )(?<!will it )(?<!might it )(?<!does it )come back|"
    # "how do we stop it happening again" asks about prevention, not a return (blind set 17)
    r"coming back|back again|has (?:started|come) again|(?<!stop it )(?<!prevent it )(?<!stop this )(?<!from )(?<!avoid it )"
    # "it hasn't happened again" is the episode over (blind set 23)
    r"(?<!not )(?<!never )(?:happened|happening|started|starting) again|(?<!walking )(?<!eating )(?<!driving )(?<!working )again (?:today|"
    r"tonight|now|this)|but now|now (?:i|she|he|my|her|his|it) (?:have|has|am|is|are|feel|feels|got|keep|keeps)|"
    r"today (?:i|she|he) (?:have|has|am|is|feel|feels)|since (?:being |getting |i |she |he |we )?(?:discharged|came home|"
    r"coming home|got home|getting home|going home)|(?:i|she|he|mum|mom|dad|my \w+) (?:have got|has got|have|has|am|is|"
    r"feel|feels|keep|keeps|can not)\s+(?:\w+\s+){0,3}?(?:fever|temp|temperature|shiver\w*|shak\w*|bleed\w*|pain|"
    r"breathless\w*|short of breath|chest|confus\w*|numb\w*|weak\w*|vomit\w*|sick|unwell|poorly|hot|cold|seiz\w*|"
    r"faint\w*|dizzy|3[89](?:[.,]\d)?))\b"
)


def resolved_episode(text: str) -> bool:
    return bool(EPISODE_PAST.search(text) and EPISODE_OVER.search(text) and not EPISODE_NOW.search(text))
