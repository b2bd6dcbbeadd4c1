"""The crisis pass: every crisis rule of the catalogue (bot/safety/rules/) on every sentence of each view of the message.

Among the matches that survive their exclusions and the shared vetoes (negation, "die of
embarrassment", a screening question answered "no", a suicide long ago remembered, one's own
thoughts or self-harm told as history that is over: bot/safety/crisis_history.py), the writer's own
finding wins over a third party's, then plan_or_intent > method > goodbye > self_harm >
suicidal_ideation, then the earliest sentence, then the rule that comes first in the catalogue
order (bot.safety.rules.ORDER). A desire, self-harm or method match with an intent cue
("going to", "tonight") becomes plan_or_intent."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.safety.crisis_history import told_as_over
from bot.safety.finding import CRISIS, SafetyFinding, make_finding
from bot.safety.negation import crisis_negated
from bot.safety.rules import CRISIS_RULES
from bot.safety.rules.base import Rule
from bot.safety.text import split_sentences
from bot.safety.third_party import is_third_party

INTENT_CUE = re.compile(
    r"\b(?:going to|gonna|about to|planning to|planning on|plan to|intend to|intending to|decided to|have decided|"
    r"made up my mind|determined to|(?:i|she|he|they) will (?!not|never|be)|(?:i|she|he) am going|tonight|"
    r"tomorrow|this weekend|when everyone|tried to|attempted|attempt|attempts|attempting)\b"
)


ACTION = re.compile(
    r"\b(?:k+i*l+\w*|end\w*|tak\w*|took|overdos\w*|od|jump\w*|hang\w*|cut\w*|hurt\w*|harm\w*|shoot\w*|"
    r"drown\w*|off|top|do|die|unaliv\w*|suicid\w*|burn\w*|poison\w*|swallow\w*|step\w*|drive|crash)\b"
)


INTENT_AFTER = re.compile(r"^\W*(?:\w+\s+){0,3}?(?:tonight|tomorrow|this weekend|today|right now)\b")


PAST_ATTEMPT = re.compile(r"\b(?:tried to|attempted|attempt|attempts)\b")


CRISIS_RANK = {"plan_or_intent": 0, "method": 1, "goodbye": 2, "self_harm": 3, "suicidal_ideation": 4}


DO_IT_EXCL = re.compile(
    r"\s+(?:all|with|without|on (?:my|her|his|our) own|alone|by (?:my|her|him)self|myself|herself|himself|again|"
    r"properly|differently|better|for (?:me|her|him|you|them)|at home|at work)\b"
)


def rule_hits(rule: Rule, sentence: str, message: str = "") -> List["re.Match[str]"]:
    """The matches of ``rule`` in ``sentence`` that survive the rule's own exclusions."""
    hits: List["re.Match[str]"] = []
    for m in rule.pattern.finditer(sentence):
        if m.group(0).endswith("do it") and DO_IT_EXCL.match(sentence, m.end()):
            continue
        if rule.after is not None and rule.after.match(sentence, m.end()):
            continue
        if rule.before is not None and rule.before.search(sentence[max(0, m.start() - 60) : m.start()]):
            continue
        if (
            rule.sentence is not None
            and rule.sentence.search(sentence)
            and not (rule.unless is not None and rule.unless.search(sentence))
        ):
            continue
        if rule.check is not None and rule.check(sentence, m):
            continue
        hits.append(m)
    # the whole-message tests are only looked at once the rule has matched (they are rare; messages can be long)
    if hits and rule.message_needs is not None and not rule.message_needs.search(message):
        return []
    if (
        hits
        and rule.message is not None
        and rule.message.search(message)
        and not (rule.message_unless is not None and rule.message_unless.search(message))
    ):
        return []
    return hits


# "could just die of embarrassment": the hyperbole, not a wish.
DIE_IDIOM_AFTER = re.compile(r"\s+(?:of|from) (?:embarrassment|shame|laughing|laughter|boredom|cringe|happiness|joy)\b")


# A screening question reported with a clear "no" ("the counsellor asked if I ever think about
# hurting myself, I said no and I meant it") is not a disclosure -- unless the answer is taken back.
# The question must be about the writer ("asked me whether I...", "asks everyone if they..."):
# "she asked about killing herself and I said no" is her crisis, not a screening.
SCREENING_QUESTION = re.compile(
    r"\b(?:asked|asks|ask|asking)\s+(?:me\s+|us\s+|everyone\s+|every patient\s+|all (?:her |his |their )?patients\s+|"
    r"patients\s+|people\s+)?(?:if|whether)\s+(?:i|we|they|people|patients|anyone|everyone)\b[^.?!;]{0,90}$|"
    r"\b(?:asked|asks)\s+(?:me|us)\s+about\b[^.?!;]{0,90}$|\b(?:screening|questionnaire)\b[^.?!;]{0,90}$"
)


SAID_NO = re.compile(
    # "... I honestly haven't; I just feel sad some days" (blind set 23): the answer given without "said"
    r"\b(?:i|she|he) (?:honestly |truly |really |definitely |genuinely )?(?:have not|had not|do not|did not|am not|was not|"
    r"have never|never have)\b(?=\s*(?:$|[.;,!]|and |but |i just |just |at all|not once|never))|"
    r"\b(?:i|she|he|we) (?:said|say|told (?:them|her|him|the \w+)|answered|replied|put|ticked)(?: that)? (?:no|not|"
    r"i was not|i am not|i do not|i did not|i had not|i have not|never|she was not|he was not|she is not|he is not|"
    r"she does not|he does not)\b|\bthe answer (?:is|was) no\b"
)


SCREENING_TAKEN_BACK = re.compile(
    r"\b(?:lied|lie|lying|was not honest|not (?:really )?true|not the truth|should have said yes|actually (?:i|she|he) "
    r"(?:do|does|have|has)|but (?:i|she|he) (?:do|does|have|has|think|thinks|am|is|keep|keeps|sometimes|still))\b"
)


# Someone's suicide long ago, remembered ("my uncle took his own life 10 years ago today"):
# grief, unless the writer speaks of joining them or it is happening again.
COMPLETED_SUICIDE = re.compile(
    r"\b(?:took|taken) (?:his|her|their) (?:own )?life|killed (?:himself|herself|themselves)|(?:died|died by|death by|"
    r"lost (?:him|her|them|my \w+|our \w+) to) suicide|committed suicide\b"
)


LONG_AGO = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|many|several|a few|few) years ago|years ago|"
    r"decades ago|anniversary|when i was (?:a |little|young|small|\d+)|as a (?:child|kid|teenager)|back in (?:19|20)\d\d|"
    r"in (?:19|20)\d\d\b"
)


FOLLOWING = re.compile(
    # "now I worry about my kids losing a parent too" is fear for the children, not following (blind set 17)
    r"\b(?:join|be with|see|follow) (?:him|her|them)\b|\bsame\b|\bagain\b|\b(?:tried|attempt\w*)\b|"
    r"\bnow (?:i|she|he)\b(?! (?:worry|worries|fear|fears|am (?:worried|scared|afraid|frightened)|is (?:worried|scared|"
    r"afraid)|miss|understand|know|realise|realize|see))|"
    r"\b(?:i|she|he) (?:want|wants|wish|wishes|plan|plans|am going|is going|think|thinks|keep thinking)\b"
    r"[^.?!]{0,40}\b(?:too|as well|do it|like (?:him|her|them))\b"
)


# A question about the screening question itself, with no answer in the message ("why does the
# questionnaire ask whether I've had thoughts of being better off dead?", blind set 22, read after its
# measurement). Any answer, hedge or word of the writer's own keeps the alarm.
ABOUT_THE_SCREENING = re.compile(
    r"\b(?:why|how come|what for|what is the point of|is it normal that|is it usual that|do all)\b[^.?!;]{0,40}?"
    r"\b(?:questionnaire|form|forms|survey|screening|phq ?9?|mood (?:form|questions?)|nurses?|doctors?|gp|they|you|it|"
    r"the app|hospital|clinic)\s+(?:\w+\s+){0,2}?(?:ask|asks|asking|asked)\s+(?:me\s+|us\s+|everyone\s+|patients\s+|"
    r"people\s+)?(?:whether|if|about)\b[^.?!;]{0,90}$"
)
SCREENING_ANSWERED = re.compile(
    r"\b(?:yes|yeah|yep|honestly|to be honest|truth is|sometimes|often|a lot|every day|lately|recently|i (?:do|have|am|did|"
    r"might|sometimes|keep|feel)|because i|scared to (?:answer|say|tell)|what (?:if|happens if) i (?:say|said|answer|tick))\b"
)


# an answer or a hint of one, even inside the question's own sentence ("..., what happens if I say yes")
ANSWER_ANYWHERE = re.compile(
    r"\b(?:yes|yeah|yep|honestly|to be honest|truth is|what (?:if|happens if|would happen if) i (?:say|said|answer|tick)|"
    r"if i (?:say|said|answer|tick) yes)\b"
)


_ABOUT_THE_SCREENING_ANYWHERE = re.compile(ABOUT_THE_SCREENING.pattern[: -len("[^.?!;]{0,90}$")])


def screening_question_asked_about(message: str) -> Optional[str]:
    """The message with its question about the screening taken out ("why does the questionnaire ask
    whether I've had thoughts of being better off dead?" up to the end of that sentence), or None
    when it asks no such question or answers it there ("... because honestly I have")."""
    m = _ABOUT_THE_SCREENING_ANYWHERE.search(message)
    if not m:
        return None
    end = re.search(r"[.?!;]", message[m.end() :])
    question_end = m.end() + end.start() if end else len(message)
    rest = message[: m.start()] + " " + message[question_end:]
    if SCREENING_ANSWERED.search(rest) or ANSWER_ANYWHERE.search(message):
        return None
    return rest


def denied_screening(sentence: str, start: int, message: str) -> bool:
    """A screening question reported with a clear "no", or asked about with no answer at all."""
    prefix = sentence[max(0, start - 120) : start]
    if ABOUT_THE_SCREENING.search(prefix):
        return screening_question_asked_about(message) is not None
    return bool(
        SCREENING_QUESTION.search(prefix) and SAID_NO.search(message) and not SCREENING_TAKEN_BACK.search(message)
    )


def past_loss(matched: str, message: str) -> bool:
    return bool(COMPLETED_SUICIDE.search(matched) and LONG_AGO.search(message) and not FOLLOWING.search(message))


# A character in a book, film or series who takes their own life (blind set 23, read after its measurement:
# "the novel I'm reading has a character who takes her own life; beautifully written but it made me sad"):
# told of someone in a story, with nothing of the writer's own beside it.
FICTION = re.compile(
    r"\b(?:novel|book|film|movie|series|show|episode|play|story|documentary|drama|soap|programme|character|plot|"
    r"audiobook|podcast|poem)\b"
)
THIRD_PERSON_ACT = re.compile(
    r"\b(?:her|his|their) own life|\b(?:herself|himself|themselves)\b|\b(?:she|he|they) (?:dies|died)\b"
)
OWN_IN_MESSAGE = re.compile(
    r"\b(?:myself|my own life|me too|same as her|same as him|like her|like him|same way|i could|i want|i wish|"
    r"tempting|tempted|made me think about (?:it|doing|ending)|i have thought)\b"
)


# between the story and the act: someone's own wish or report ("... a documentary and now she says she wants
# to take her own life") is a real person's crisis, not the plot
REAL_PERSON = re.compile(
    r"\b(?:says|said|told|tells|wants|want|wanted|wanting|wishes|wish|keeps|kept|threaten\w*|plans?|planning|going to|"
    r"gonna|now|tried|trying|thinking|thinks|talks|talking|mum|mom|dad|my|i)\b"
)


def told_in_fiction(sentence: str, start: int, matched: str, message: str) -> bool:
    prefix = sentence[max(0, start - 120) : start]
    stories = list(FICTION.finditer(prefix))
    story = stories[-1] if stories else None
    return bool(
        story is not None
        and re.search(r"\b(?:character|who|heroine|hero|narrator|protagonist)\b", prefix[story.start() :])
        and not REAL_PERSON.search(prefix[story.end() :])
        and THIRD_PERSON_ACT.search(matched + " " + sentence[start : start + 60])
        and not OWN_IN_MESSAGE.search(message)
    )


_HARM_QUESTION = re.compile(
    r"\b(?:harm\w*|hurt\w*|suicid\w*|kill\w*|end(?:ing)? (?:my|your|their|her|his) (?:own )?life|better off dead|self harm\w*|"
    r"taking (?:my|your|their) (?:own )?life|thoughts of (?:death|dying|ending))\b"
)
_SAFE_QUESTION = re.compile(r"\b(?:safe|safety|okay|ok|alright|all right|coping|cope|managing)\b")


def screening_answered_no(message: str) -> Optional[str]:
    """The message with its screening sentences taken out when it reports a screening question
    answered with a clear no ("The nurse asked whether I've had thoughts of harming myself. I
    honestly haven't; I just feel sad some days."), else None. For the benign check of the
    classifier's alarm; the detector's own test is `denied_screening`."""
    if not SAID_NO.search(message) or SCREENING_TAKEN_BACK.search(message):
        return None
    sentences = split_sentences(message)
    asked = [s for s in sentences if re.search(r"\b(?:asked|asks|ask|asking)\b[^.?!;]*\b(?:if|whether|about)\b", s)]
    # the question must be about suicide or self-harm, where "no" means none: "asked if I was safe. I said
    # no" is a person who is not safe
    if not asked or not all(_HARM_QUESTION.search(s) and not _SAFE_QUESTION.search(s) for s in asked):
        return None
    return " ".join(s for s in sentences if s not in asked and not SAID_NO.search(s))


def fiction_only(message: str) -> bool:
    """A story's character who takes their own life, with nothing of the writer's own (benign check)."""
    for m in THIRD_PERSON_ACT.finditer(message):
        if told_in_fiction(message, m.start(), m.group(0), message):
            return True
    return False


def assess_crisis_view(text: str, history: Optional[List[str]] = None) -> Optional[SafetyFinding]:
    """The deciding crisis finding in one view of the message (see the module docstring), or None.

    ``history``, when given, collects the ids of rules whose matches were left out only because
    the message tells them as history that is over (bot/safety/crisis_history.py)."""
    sentences = split_sentences(text)
    best: Optional[Tuple[Tuple[int, int, int], SafetyFinding]] = None
    for idx, sentence in enumerate(sentences):
        for rule in CRISIS_RULES:
            for m in rule_hits(rule, sentence, text):
                if rule.negatable and crisis_negated(sentence, m.start(), m.end()):
                    continue
                if DIE_IDIOM_AFTER.match(sentence, m.end()) and re.search(r"\bdie$", m.group(0)):
                    continue
                if (
                    denied_screening(sentence, m.start(), text)
                    or past_loss(m.group(0), text)
                    or told_in_fiction(sentence, m.start(), m.group(0), text)
                ):
                    continue
                if told_as_over(sentence, m.start(), m.end(), text):
                    if history is not None:
                        history.append(rule.id)
                    continue
                matched = m.group(0).strip()
                category = rule.category
                window = sentence[max(0, m.start() - 40) : m.end()]
                if (
                    category in ("suicidal_ideation", "self_harm", "method")
                    and ACTION.search(matched)
                    and (INTENT_CUE.search(window) or INTENT_AFTER.search(sentence[m.end() : m.end() + 40]))
                ):
                    if PAST_ATTEMPT.search(window) or not re.search(
                        r"\b(?:what if|how|can|could|would|should|if)\b", sentence[max(0, m.start() - 40) : m.start()]
                    ):
                        category = "plan_or_intent"
                third = is_third_party(sentences, idx, m.start(), matched)
                key = (1 if third else 0, CRISIS_RANK[category], idx)
                if best is None or key < best[0]:
                    best = (key, make_finding(CRISIS, "third_party" if third else category, matched, third, rule.id))
    return best[1] if best else None
