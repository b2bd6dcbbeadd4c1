"""Crisis rules: goodbye messages to be passed on or told through small last acts (split out of
crisis_goodbye.py, 2026-12-07, when that module reached the 800-line limit; ids and evaluation order
unchanged)."""

from __future__ import annotations

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import WARNING_SIGN_SOURCES

# "(please) tell them / my kids / the nurse (that) ...": a message to be passed on, opening the sentence
_TELL = (
    r"^(?:(?:please|pls|plz|just|and|so|but)\s+)*tell (?:them|him|her|everyone|my \w+|the (?:kids|children|boys|girls|"
    r"family|nurses?|doctors?|team))(?: that)? "
)

RULES = (
    Rule(
        id="crisis.goodbye.not_their_fault",
        category="goodbye",
        rationale=(
            'A message to be passed on, as a goodbye note says it: "tell them it wasn\'t their fault", '
            '"tell my kids none of this is their fault" (blind set 17, read after its measurement: '
            '"bye. i love my kids. tell them it wasnt their fault"). The request opens the sentence; '
            'not "how do I tell my kids it is not their fault I have cancer" (a parent\'s question).'
        ),
        pattern=rx(
            _TELL
            + r"(?:(?:it|this) (?:was|is|were) (?:not|never) |none of (?:it|this) (?:was|is) |(?:it|this) (?:was|is) "
            r"(?=nobody's|no one's))(?:their|his|her|your|anyone's|nobody's|no one's)? ?fault\b|"
            # "please tell my nurse i'm sorry, and that i love my kids" (dev set 19)
             + _TELL + r"i am sorry\b(?=.*\b(?:love|loved|goodbye|bye|fault|forgive)\b)"
        ),
        sentence=rx(r"\b(?:cancer|diagnosis|illness|disease|genes?|brca|ill|sick|caught|got it|inherited)\b"),
        unless=rx(r"\b(?:bye|goodbye|gone|sorry|forgive|love (?:them|him|her|you))\b"),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "please tell my nurse it was nobody's fault",
            "tell them it wasn't their fault",
            "please tell my boys none of this was their fault. i love them",
        ),
        does_not_fire_on=(
            "how do I tell my kids it's not their fault I have cancer",
            "tell my daughter it's not her fault she inherited the brca gene from me, how do i say that",
        ),
    ),
    Rule(
        id="crisis.goodbye.not_after_a_day",
        category="goodbye",
        rationale=(
            'Telling others not to worry about them after a given day ("dont worry about me after thursday", dev '
            "set 7): a goodbye with a chosen time. Not travel, an operation or a discharge (\"don't worry about me "
            'after thursday, the surgery will be done").'
        ),
        pattern=rx(
            r"\b(?:do not|no need to|never) worry about me (?:after|from|past|beyond) (?:monday|tuesday|wednesday|thursday|"
            r"friday|saturday|sunday|tonight|tomorrow|this weekend|the weekend|next week|christmas|my birthday|today)\b"
        ),
        sentence=rx(
            r"\b(?:surgery|operation|op|scan|results|appointment|discharge|discharged|home|holiday|flight|trip|back|"
            r"sister|brother|friend|nurse|carers?) (?:will|is|are|comes?|is coming|arrives?|starts?|be)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("don't worry about me after friday",),
        does_not_fire_on=("don't worry about me after thursday, my sister is coming to stay for a fortnight",),
    ),
    Rule(
        id="crisis.goodbye.last_time_acts",
        category="goodbye",
        rationale=(
            'Small everyday acts done "for the last time" with things settled ("cancelled my subscriptions, left the '
            'spare key with the neighbour and fed the cat for the last time", dev set 18): a goodbye. Not a '
            "last appointment, a last shift or a last chemo, and not a move, a holiday or a retirement."
        ),
        pattern=rx(
            r"\b(?:fed|walked|hugged|kissed|cuddled|stroked|watered|tucked in|said goodnight to|made the bed|locked up|"
            r"tidied|cleaned)\b(?:\s+\w+){0,4}?\s+for the (?:very )?last time\b(?=.*\b(?:cancelled|canceled|spare key|key|"
            r"left|sorted|affairs|letters?|note|sorry|fault|goodbye|bye|love you|everything is|all done)\b)"
        ),
        sentence=rx(
            r"\b(?:moving|move|moved|house|flat|holiday|hospital stay|retir\w*|shift|job|last day at work|before (?:the|my|her|"
            r"his)|until|till|this year|new owners|selling|sold|hospice admission|going into)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("left the key with next door and fed the dog for the last time. sorry everyone",),
        does_not_fire_on=("fed the cat for the last time before we left the house to the new owners, all sorted",),
    ),
    Rule(
        id="crisis.goodbye.thank_them_for_me",
        category="goodbye",
        rationale=(
            'A goodbye that leaves thanks for others in the past tense ("goodnight and goodbye. tell the nurses they '
            'were kind to me", blind set 22, read after its measurement; pending review): a last message. The thanks'
            " alone (leaving hospital, a card for the ward) is not; it needs a goodbye or a farewell in the message."
        ),
        pattern=rx(
            r"\btell (?:the |my |all (?:the |my )?|everyone (?:at|on) (?:the )?)?(?:\w+\s+){0,2}?(?:that\s+)?(?:they|she|he|you)\s+"
            r"(?:were|was|have been|has been)\s+(?:so |very |really |always |all |ever so )?(?:kind|good|lovely|wonderful|"
            r"the best|amazing)\s+to\s+(?:me|us)\b"
        ),
        negatable=False,
        message_needs=rx(
            r"\b(?:goodbye|good bye|farewell|bye for (?:ever|good|now and)|for the last time|this is it|"
            r"i love you all|love you all|take care of (?:each other|mum|dad|the kids)|sorry for everything)\b"
        ),
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("goodnight and goodbye. tell the nurses they were kind to me",),
        does_not_fire_on=("i'm being discharged tomorrow, please tell the nurses they were so kind to me",),
    ),
    Rule(
        id="crisis.goodbye.sorry_for_what_i_am_about_to_do",
        category="goodbye",
        rationale=(
            '"Sorry for what I\'m about to do", "if anything happens to me tonight it\'s nobody\'s fault" (blind set 25,'
            " caught by the classifier of the landed model and lost by a retrained one, 2026-12-08, pending review): an "
            "apology or absolution for an act to come, as a suicide note words it. Not sorry for what one is about to "
            "say or ask, nor a fall risk or a will told calmly."
        ),
        pattern=rx(
            r"\b(?:i am |i m |so )?sorry for what (?:i am|i m|i) (?:about to|going to|gonna) do\b|"
            r"\bif (?:anything|something) (?:happens|should happen|were to happen) to me (?:tonight|today|tomorrow|later|"
            r"this weekend|soon)\b(?:\W+\w+){0,4}?\W+(?:it is|it was|it will be|it s|its) (?:nobody|no one|noone|not anyone)(?:s|.s)? "
            r"fault\b"
        ),
        negatable=False,
        sentence=rx(r"\b(?:say|ask|write|tell you|type|rant|moan|vent)\b"),
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "sorry for what i'm going to do. i love you all",
            "if something happens to me tonight, it's nobody's fault",
        ),
        does_not_fire_on=(
            "sorry for what i'm about to say but the parking at the hospital is a joke",
            "if anything happens to me during the operation, who do my kids call?",
        ),
    ),
)
