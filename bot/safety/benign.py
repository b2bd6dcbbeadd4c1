"""Recognise messages that only *look* alarming, to overrule a model-only false alarm.

The NLU model (DIET) fires ``crisis`` on idioms ("her lasagne is to die for", "my feet are
killing me") and ``urgent_symptom`` on questions about fevers or on normal readings. Those
false alarms send people emergency numbers they did not need. The rule-based detector
(``bot.safety.detector``) already ignores such phrasings; this module says *why* a message
is benign so the safety component can overrule the model, and only the model.

Guards (recall first): ``benign_reason`` answers only when

- a benign pattern covers the alarming words: after the idiom spans are masked, no
  alarming word (die, dead, kill, end, suicide, overdose, ...) is left; and
- no concern cue appears anywhere in the message (a wish to die or not wake, "no point",
  "can't go on", "better off without me", "burden", "end it", self-harm words, pills).

Reasons: ``idiom`` ("killing time", "dead cert", "ready to drop", "laughed so much I thought I'd
die", legs "dead" after a walk, "done with this queue"); ``fear_or_planning`` (fear of dying,
calm funeral planning, "it will get me eventually"); ``info_question`` (a general question about
a red flag, including a sub-38 reading asked about in general, or one drink with a medicine);
``negated_or_normal`` (an explicit "no", or readings below 37.5 °C with nothing saying unwell --
a current report between 37.5 and 38 keeps the model's alarm); ``past_episode`` (a red flag told
as over, by the detector's own test: "a fall last winter, nothing was broken", with no word of
death or harm); an overdose of a vitamin or mineral supplement asked about as a medicine-safety
question is an ``info_question`` (the lethal-dose rule's own exclusion); ``medicine_practical`` (a
question about keeping, storing, collecting, splitting, swallowing or disposing of one's medicine,
its usual dose, a side effect or an interaction, with no amount, count, saving or hiding, no death
word and no red-flag symptom in it); ``will_to_live`` (wanting to live, not being ready to die,
fighting it, so much left to do -- with no "but", despair or other alarm word beside it).

The component calls it only when the detector found nothing; a detector finding always
wins. Everything is pure, stdlib-only and works on the detector's normalised text.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from bot.safety.crisis import THIRD_PERSON_ACT as _THIRD_PERSON_ACT
from bot.safety.crisis import fiction_only, screening_answered_no, screening_question_asked_about
from bot.safety.detector import normalise
from bot.safety.rules.medicine_questions import (
    SUPPLEMENT,
    factual_overdose,
    supplement_safety_question,
    without_factual_overdose,
)
from bot.safety.rules.words import DRUG
from bot.safety.third_party import OWN_CRISIS, SUBJECT
from bot.safety.urgent import resolved_episode

IDIOM = "idiom"
FEAR_OF_DYING = "fear_or_planning"
INFO_QUESTION = "info_question"
REASSURING = "negated_or_normal"
PAST_EPISODE = "past_episode"
MEDICINE_PRACTICAL = "medicine_practical"
WILL_TO_LIVE = "will_to_live"
CARE_QUESTION = "care_question"
ACCIDENTAL_CUT = "accidental_cut"
GOOD_NEWS = "good_news"
SCREENING_DENIED = "screening_answered_no"
FICTION = "fiction"

# Crisis-looking words used figuratively. Each pattern covers the alarming word itself.
_IDIOMS = [
    re.compile(p)
    for p in (
        # "to die for" as praise, not "wanting to die for weeks"
        r"\bto die for\b(?! (?:\w+ )?(?:weeks|days|months|years|ages|a while|so long|some time|a long time|now))",
        r"\b(?:killing|killed|smashed|nailed) it\b",
        r"\b(?:is|are|was|were|been|keeps?) (?:absolutely |really |just )?killing (?:me|us|him|her|them|my \w+)\b",
        r"\b(?:would|could|will|might|nearly|almost|thought i would|thought i had) (?:have )?(?:die|died) "
        r"(?:of|from|laughing|without|for|if)\b",
        r"\b(?:die|died|dying) (?:of|from) (?:embarrassment|shame|laughter|laughing|boredom|cringe)\b",
        # a child's or a friend's hyperbole (blind set 23): "he'll literally die if he doesn't get that game"
        r"\b(?:he|she|they|my \w+) (?:will|would|is going to) (?:literally |actually |just )?die if (?:he|she|they) (?:does not|do not|"
        r"can not|did not) (?:get|have|go|see|win|watch|buy|meet)\b",
        # "ready to throw my phone out of the window, the app keeps crashing" (blind set 23)
        r"\b(?:throw|chuck|lob|hurl|fling)\w* (?:my|the|this|that|her|his) (?:phone|mobile|laptop|tablet|ipad|computer|pc|tv|telly|"
        r"remote|printer|router|kindle) (?:out of|through) (?:the|a) window\b",
        r"\bdying (?:to|for) (?:know|see|try|meet|hear|go|get|tell|a|an|some|my)\b",
        r"\b(?:bored|scared|worried|embarrassed|frightened|sick) to death\b",
        # "the stairs are murder on my knees", "these steroid cravings are murder"
        r"\b(?:is|are|was|were|been|be) (?:absolute |sheer |pure |just |plain )?murder\b(?! (?:myself|herself|himself|me))",
        r"\bi (?:could|would|will|am going to|am gonna) (?:honestly |actually |literally )?(?:kill|murder|strangle|throttle) "
        r"(?:him|her|them|my (?!self)\w+|the \w+|a \w+|for a \w+)\b",
        r"\b(?:would|will|is going to|are going to) kill me (?:if|when|for)\b",
        # "I'd kill to taste chocolate properly again", "would kill for a lie-in" (blind set 21)
        r"\b(?:i|we) (?:would|could) (?:honestly |literally |actually )?kill (?:to|for) (?:be able to |have |get |taste |"
        r"eat |see |go |sleep |a |an |some |one |my |proper )",
        r"\bdead (?:against|tired|on (?:my|her|his) feet|beat|easy|right|set|serious|keen|chuffed|proud|good|jealous|cert|"
        r"certain|certainty|sure|ringer|loss|heat|centre|center|straight|ahead|slow|quiet|boring|funny|lucky|cheap)\b",
        # tired legs after a walk / a dance: only the "dead" goes, "gone dead" (numb) is not matched
        r"\b(?:legs?|feet|arms?|body)\s+(?:(?:are|were|is|was|feel|felt|feels|have been|has been)\s+)?(?:absolutely\s+|completely\s+|"
        r"totally\s+|so\s+|just\s+|a bit\s+)?(?:dead|like jelly)\b(?=(?:\s+\w+){0,6}?\s+(?:from|after|since)\s+(?:the\s+|a\s+|my\s+|"
        r"our\s+|all\s+(?:the\s+|that\s+)?|that\s+|this\s+)?(?:walk|walking|hike|hiking|run|running|gym|exercise|class|dancing|"
        r"dance|stairs|shopping|wedding|party|day out|trip|swim|swimming|cycle|cycling|bike ride|workout|yoga|gardening|"
        r"standing|sightseeing|parkrun)\b)",
        r"\b(?:ready|fit|about|going|set) to drop\b",
        r"\blaugh(?:ed|ing)? (?:so (?:much|hard)|that (?:much|hard)|till|until)\b(?:\s+\w+){0,4}?\s+(?:thought (?:i|she|he|we) "
        r"(?:would|had|was going to|were going to) (?:die|died)|(?:nearly|almost|could have|practically) died|(?:would|could) "
        r"(?:have )?die|was dying|died)\b",
        r"\b(?:was|were|am|is|are) (?:dying|dead) (?:laughing|of laughter)\b|\bdied laughing\b",
        r"\b(?:done|finished|fed up|sick|tired|over) (?:with|of) (?:this|the|that|these|those|all this|all the) (?:bloody |stupid |"
        r"endless |long |slow )?(?:queue|queues|line|wait|waiting|waiting room|traffic|weather|rain|heat|heatwave|snow|wind|"
        r"cold|hospital food|food|parking|car park|paperwork|forms?|admin|phone calls?|hold music|app|website|printer|"
        r"meeting|telly|tv|programme|show|film|book|noise|builders|roadworks|game|jigsaw|ironing|housework|shopping|bus|"
        r"train|drive|journey|nonsense|rubbish|red tape|form filling)\b",
        r"\b(?:phone|battery|laptop|car|plant|plants|garden|flowers|tablet computer|wifi|signal)(?:'s| is| was| are| were| has| had) "
        r"(?:(?:completely|totally|just) )?(?:dead|died|gone)\b",
        r"\bwanted the (?:ground|floor|earth) to swallow me(?: up)?\b",
        # exasperation with the assistant and a journey told as hell (blind set 25, read after its
        # measurement): "why do I even bother with this stupid app", "the drive is ninety minutes of hell"
        r"\bwhy (?:do|should|would|did) (?:i|we) (?:even |still )?bother (?:with|using|asking|talking to) (?:this|the|your|that|you) "
        r"?(?:stupid |useless |bloody |rubbish |silly |pointless )?(?:app|bot|chatbot|chat|thing|website|site|form|questionnaire|"
        r"diary|check ?in|machine|you)?\b",
        r"\b(?:drive|journey|trip|commute|wait|waiting|queue|parking|traffic|bus ride|train ride|ride|ferry|flight|car park)\b"
        r"(?:\s+\w+){0,6}?\s+(?:is|was|are|were|has been|have been)\s+(?:\w+\s+){0,3}?(?:hell|hellish|torture)\b",
        r"\bkill(?:ing|ed|s)? (?:time|an hour|a few hours|half an hour|the (?:time|pain|germs|bugs|weeds|mood|vibe))\b",
        r"\b(?:the death of me|over my dead body|dead to the world|dead of night|dead end|deadline|deadlines)\b",
        # "my knitting project is going to be the end of me" (not the illness: that is fear, and stays)
        r"\b(?<!cancer )(?<!illness )(?<!disease )(?<!this )(?<!it )(?:is|are|will be|is going to be|are going to be|gonna be) "
        r"the end of (?:me|us)\b(?!.*\b(?:cancer|illness|disease|treatment|chemo|pain)\b)",
        # "the hold music is going to finish me off", "these stairs will do me in" (blind set 20); not the
        # illness, its treatment or pain, which is fear and stays
        r"\b(?<!cancer )(?<!illness )(?<!disease )(?<!treatment )(?<!chemo )(?<!pain )(?<!this )(?<!it )"
        r"(?:is|are|will|is going to|are going to|gonna|is gonna|are gonna) (?:finish|do) (?:me|us) (?:off|in)\b"
        r"(?!.*\b(?:cancer|illness|disease|treatment|chemo|pain|pills|tablets|tonight)\b)",
        r"\bend of (?:the (?:day|week|month|year|term|road works|queue|film|movie|show|book|series|season|episode|match|"
        r"game|concert|play|programme|program|night|holiday|line|corridor|street|road|garden|chapter|meeting)|my (?:shift|tether))\b",
    )
]

# Fear of dying, and calm end-of-life planning, are not a wish to die.
_FEAR_OR_PLANNING = [
    re.compile(p)
    for p in (
        r"\b(?:i|she|he|we|they|mum|mom|dad) (?:do|does|did) not want (?:her |him |them |me )?to die\b",
        r"\b(?:scared|afraid|frightened|terrified|worried) (?:of|about) (?:dying|death|the end)\b",
        r"\b(?:scared|afraid|frightened|terrified|worried) (?:i|she|he) (?:am|is|will|might) (?:going to )?die\b",
        r"\b(?:the )?time (?:i|she|he|we) (?:have|has) left\b",
        r"\bstop (?:the )?(?:chemo|chemotherapy|treatment)\b.*\bquality of life\b",
        r"\b(?:will|does|would) it hurt at the end\b",
        r"\b(?:when|after) i am gone\b.*\b(?:kids|children|family|husband|wife|partner|dog|cat|grandchildren|grandkids|"
        r"grandsons?|granddaughters?)\b",
        r"\bhad a good life\b",
        r"\b(?:plan|plans|planning|planned|chose|chosen|choosing|choose|picked|picking|pick|sorting|sorted|arranging|arranged|"
        r"organising|organizing|organised|organized|writing|wrote|written|talking about|discussing|discussed)\b(?:\s+\w+){0,3}?\s+"
        r"(?:my|her|his|mum's|mom's|dad's|the|our)\s+(?:own\s+)?funeral\b",
        r"\bfuneral (?:songs?|music|hymns?|readings?|plans?|wishes|arrangements|flowers|playlist|service|poems?|outfit)\b",
        # acceptance that the illness will end a life some day, not a wish for it to be soon
        r"\b(?:know|knows|realise|realize|accept|accepted|expect|guess|suppose|understand|aware)\b(?:\s+\w+){0,4}?\s+"
        r"(?:the |this |my |her |his )?(?:cancer|it|disease|illness)\s+(?:will|is going to|might|may|could)\s+(?:probably |"
        r"likely |most likely |definitely |almost certainly )?(?:get|take|kill)\s+(?:me|her|him)\b(?:\s+\w+){0,2}?\s+(?:eventually|"
        r"in the end|one day|some day|someday|sooner or later|at some point|at some stage)\b",
    )
]

# Wanting to live, hope and fight (blind set 14: "I'm not ready to die, I have so much left to do",
# "I want to live long enough to see my son graduate" got the crisis question from the model).
_WILL_TO_LIVE = [
    re.compile(p)
    for p in (
        r"\b(?:i|she|he|we) (?:really |just |so |desperately )?(?:want|wants|would like|would love|hope|am determined|"
        r"is determined|are determined|need) to (?:live|be (?:here|around) (?:for|to|long enough|until|when)|stay (?:alive|"
        r"around) (?:for|to|long enough|until))\b",
        r"\b(?:i am|she is|he is|we are) not ready to (?:die|leave (?:them|my|her|his))\b",
        r"\b(?:i am|she is|he is|we are) (?:going to |gonna )?(?:fight|fighting|battling|beat|beating) (?:this|it|the cancer)\b"
        r"(?:\s+\w+){0,3}?\s+(?:with everything|with all|every step|all the way|every day|as long as|for as long)\b",
        r"\b(?:so much|a lot|lots|plenty|everything) (?:left )?to (?:live for|do|see|look forward to)\b",
    )
]
# Any of these next to the hope keeps the model's alarm: "not ready to die, but I can't take this"
_DESPAIR = re.compile(
    r"\b(?:but|however|though|yet|can not (?:take|cope|bear|stand|keep|face)|could not (?:take|cope|bear)|no longer|"
    r"tired of|sick of|had enough|not worth|pointless|hopeless|what is the point|no point|wish|anymore|any more|"
    # the hope only performed: "how much longer i can keep pretending i want to live"
    r"pretend\w*|supposed to|meant to|act(?:ing)? like|fak(?:e|ing)|how (?:much )?longer)\b"
)


def _wants_to_live(norm: str) -> bool:
    """Hope, fight or wanting to live, with no despair beside it and no other alarm word left."""
    masked = _mask(norm, _WILL_TO_LIVE)
    return masked is not None and not _ALARM_WORDS.search(masked) and not _DESPAIR.search(norm)


# Questions about red-flag symptoms in general, not a report of one happening now.
_QUESTION_START = re.compile(
    # "can't stop shaking, temperature 101.3" is a report, not a question (blind set 24)
    r"^(?:what|how|when|why|which|can(?! not\b)|could(?! not\b)|does|do|is|are|should|would|at what|where)\b|"
    # a plan for a "what if": "if I get a fever in the night, who should I call?"
    r"^(?:and |so |but )?(?:if|in case|say) (?:i|she|he|we|they|mum|mom|dad|my \w+) (?:ever |suddenly |then )?(?:get|gets|"
    r"develop|develops|run|runs|spike|spikes|start|starts|notice|notices)\b(?=.*\b(?:who|what|when|should|do|does|how|"
    r"which|where|is it)\b)"
)
# "... when I have bone mets": the condition the question is asked in, not a red flag reported now
_HAVING_THE_CONDITION = re.compile(
    r"\b(?:when|if|as|since|because|now that|given) (?:i|she|he|you|we) (?:have|has|am|is|are) (?:got )?"
    r"(?:(?:bone|breast|secondary|metastatic|advanced|stage \w+) )*(?:mets|metastases|secondaries|cancer|disease)\b"
)
_RED_FLAG_TOPIC = re.compile(
    r"\b(?:fever|temperature|temp|chest pain|black stools?|bleeding|bleed|breathless(?:ness)?|"
    r"short of breath|spinal cord|cord compression|hypercalcaemia|hypercalcemia|fracture|confus\w*|blood clots?|clots?|dvt|"
    r"deep vein thrombosis|thrombosis|embolism|sepsis|seizures?|stroke|broken|a break)\b"
)
_CURRENT_REPORT = re.compile(
    r"\b(?:my|her|his|mum's|mom's|dad's) (?:temp|temperature|fever|reading|thermometer) (?:is|was|has been|reads|read|says|"
    r"said|showed|shows|hit|of|at)\b|"
    r"\b(?:i|she|he|my (?:mum|mom|dad|wife|husband|partner)) (?:have|has|am|is|got|have got|has got|"
    r"had|feel|feels|felt|started|keep|keeps)\b(?! to\b)|\bright now\b|\bat the moment\b|\bsince (?:this|last)\b"
)

# "Is it OK to have a glass of wine with my oramorph?" -- one drink, asked as a question.
_ONE_DRINK_QUESTION = re.compile(
    r"^(?:is|would it be|will it be|can i|could i|may i|am i allowed to|are we allowed to|should i|do i need to|"
    r"does|do)\b.{0,60}?\b(?:a (?:small |single |little )?(?:glass|drink|beer|pint|half|g and t|gin and tonic|sherry|"
    r"shandy|glass of \w+)|the odd (?:glass|drink|beer|pint)|one (?:glass|drink|beer|pint|small)|alcohol|drinking)\b.{0,50}"
    r"\b(?:with|on|while on|while taking|alongside|after|before|and)\b"
)

# A normal reading or an explicit "no" to the symptom.
_NEGATED_SYMPTOM = re.compile(
    r"\b(?:no|not|without|do not have|does not have|have not got|has not got|never had)\s+(?:a |any )?"
    r"(?:fever|temperature|temp|chest pain|bleeding|breathlessness)\b"
    # not "bring my fever down" or "gone down to 35.5" (below 36 is a sepsis sign; heldout17)
    r"|(?<!bring my )(?<!bring her )(?<!bring his )(?<!bring the )(?<!get my )(?<!get her )(?<!get his )"
    r"\b(?:temperature|temp|fever)(?: is| was| has been)? (?:normal|fine|okay|ok|down|gone|back to normal)\b"
    r"(?! (?:to|down|up|below|under)\b)"
    # a nosebleed that stopped with pinching (dev set 15), unless it came back
    r"|\b(?:nosebleed|nose bleed|bleed|bleeding)\b(?:[\s,]+\w+){0,9}?[\s,]+(?:it |but it |and it )?(?<!not )(?<!never )(?<!barely )(?:stopped|has stopped|had stopped|"
    r"settled|eased off)\b(?!.*\b(?:again|started|still|will not|would not|keeps|keep|back)\b)"
)
_READING = re.compile(r"\b(3[4-9](?:[.,]\d)?|9[0-9](?:[.,]\d)?|1[01][0-9](?:[.,]\d)?)\s*(?:°|degrees?)?\s*([cf])?\b")
_TEMP_WORD = re.compile(r"\b(?:temp|temperature|thermometer|reading|fever)\b")
# A bare body-temperature reading ("37.2 the day after chemo") has a decimal point or a degree unit.
_BARE_READING = re.compile(r"(?<![\d.])(3[5-9][.,]\d)(?![\d.])|\b(3[4-9](?:[.,]\d)?)\s*(?:degrees?\s*c?|c)\b")
# Feeling unwell after treatment is a red flag whatever the thermometer says (clinical-safety.md).
_UNWELL = re.compile(
    r"\b(?:unwell|poorly|awful|terrible|dreadful|rough|ill|sick|shak\w*|shiver\w*|rigou?rs?|chills|"
    r"cold sweats?|clammy|hot and cold|flu|fluey|achy|aching|not right|not myself|worse|off colour)\b"
)

# Anything here keeps the model's alarm, whatever else the message says.
_CONCERN = re.compile(
    r"\b(?:suicid\w*|kms|kys|unalive|ctb|self[- ]?harm\w*|overdos\w*|lethal|fatal|pills|tablets saved|"
    r"end it|end (?:it|things|my life)|take my (?:own )?life|kill (?:myself|herself|himself)|"
    r"no point|can not go on|cannot go on|can not do this any ?more|better off without|burden|give up|"
    r"giving up|not wake|never wake|not be here|not being here|want (?:it|this|everything) (?:all )?(?:to )?"
    r"(?:end|stop|be over)|(?<!not )(?<!never )(?:want|wanted|wanting|wants) to (?:die|be dead|disappear|go to sleep)|wish (?:i|she|he) (?:was|were|could|would)"
    r" (?:dead|die|gone|not)|ready to go|goodbye|cut(?:ting)? (?:myself|herself|himself)|hurt (?:myself|herself|himself)|"
    r"rope|bridge|jump\w*|bleed(?:ing)? out|wrists?|slit\w*|how long (?:does|would|will) it take to|"
    # a note left behind (a goodbye), whatever else the message says
    r"(?:left|leaving|leaves|wrote|written|writing|found|find) (?:a |her |his |my |their |me a |us a )?(?:note|letter)|"
    r"not (?:scared|afraid|frightened) of (?:death|dying)|welcome death|i want it|"
    r"all at once|at once|on purpose|deliberately|the whole (?:bottle|box|packet|lot)|bottles? of (?:vodka|whisky|whiskey|gin|"
    r"rum)|stockpil\w*|saved up|stash\w*|enough to|make it quicker|quicker|speed (?:it|things) up|hurry (?:it|things) up|"
    r"the sooner the better|sooner rather than later|(?:can not|could not) come soon enough|hope (?:it|that) (?:is|comes|"
    r"happens) (?:soon|quick|quickly)|on my own terms|choose when|my last (?:day|night)|be gone by|join me when|"
    r"why am i (?:even |still )+(?:alive|here)|worth more dead|look like an accident|(?:i|she|he) (?:have|has) (?:got )?a plan|"
    r"will not need|not be needing|not long now|not be long now|"
    # "I don't think I want to be here any more ... take everything in the cupboard" (heldout17)
    r"(?:do not|does not|did not) (?:\w+ )?(?:want|wish) to be (?:here|alive|around)|take everything|"
    r"everything in the (?:cupboard|cabinet|drawer|pill box|dosette))\b"
)
# Red-flag symptom words: an idiom next to one ("my back is killing me and my legs are weak")
# may be an emergency described casually, so the model's alarm stands.
_SYMPTOM_WORDS = re.compile(
    r"\b(?:weak|weakness|numb\w*|can not (?:feel|walk|move|stand|control)|bladder|bowels?|pee|pees|peed|peeing|wee|wees|weed|weeing|"
    r"poo|poos|pooed|pooing|poop\w*|poorly|wet myself|"
    r"soil\w*|incontinen\w*|pins and needles|fever|"
    r"temperature|shiver\w*|bleed\w*|blood|breath\w*|chest|fracture\w*|(?:fell|fall)(?! asleep| behind| in love| apart)|"
    r"broke|confus\w*|drowsy|"
    r"vomit\w*|thirst\w*|faint\w*|collapse\w*)\b"
)
# Alarming words the masking must remove before a message counts as an idiom.
_ALARM_WORDS = re.compile(
    r"\b(?:die|dies|died|dying|dead|death|kill|kills|killed|killing|murder|end|ending|gone|"
    r"suicid\w*|overdos\w*)\b"
)


def _mask(text: str, patterns: Iterable["re.Pattern[str]"]) -> Optional[str]:
    """``text`` with every pattern's matches blanked, or None if nothing matched."""
    hit = False
    for pattern in patterns:
        text, n = pattern.subn(" ", text)
        hit = hit or n > 0
    return text if hit else None


def _normal_readings_only(text: str) -> bool:
    """All temperature readings in the message are from 36.0 to below 37.5 °C (under 36 can be sepsis,
    clinical-safety.md), and nothing says unwell ("can not stop shaking" is not a negation)."""
    if any(
        not re.search(
            r"\b(?:no|not|without|nor|never|any)\b(?! stop)[^,.;!?]*$", text[max(0, m.start() - 40) : m.start()]
        )
        for m in _UNWELL.finditer(text)
    ):
        return False
    if not _TEMP_WORD.search(text):
        bare = [float((a or b).replace(",", ".")) for a, b in _BARE_READING.findall(text)]
        return bool(bare) and max(bare) < 37.5 and min(bare) >= 36.0
    readings = []
    for value, unit in _READING.findall(text):
        number = float(value.replace(",", "."))
        celsius = (number - 32) * 5 / 9 if (unit == "f" or number >= 90) else number
        readings.append(celsius)
    return bool(readings) and max(readings) < 37.5 and min(readings) >= 36.0


# A practical question about one's own medicine -- keeping, storing, supply, splitting or
# swallowing, disposal, the usual dose, a side effect -- with no amount that harms, no death
# word and no concern cue: "can I cut my oxycontin in half to make it easier to swallow?",
# "how long does oramorph keep once it's opened". The classifier reads the medicine's name
# as a method question.
_PRACTICAL = re.compile(
    r"\b(?:keep|keeps|kept|store|stored|storing|fridge|expire\w*|expiry|out of date|go off|goes off|once (?:it is )?opened|"
    r"locked|lock (?:it|them)|out of reach|travel\w* with|on (?:the|a) plane|on holiday|pharmacy|pharmacist|chemist|"
    r"prescriptions?|repeat|run(?:ning)? out|ran out|won't be in|will not be in|supply|collect|pick (?:it|them) up|"
    r"cut (?:it|them|\w+) in half|in half|halve|split|crush\w*|swallow\w*|liquid|dissolve|under the tongue|with food|"
    r"empty stomach|before bed|at night or|in the morning or|take (?:it|them) back|get rid of|dispos\w*|left ?over|"
    r"normal dose|usual dose|standard dose|side effects?|drowsy|constipat\w*|interact\w*|grapefruit|"
    # the daily limit, and flying with one's medicine (dev sets 4 and 8)
    r"max(?:imum)? (?:daily |safe )?(?:dose |amount )?(?:(?:of )?[\w-]+ )?(?:per|a|each|in a) day|daily (?:limit|max\w*)|"
    r"fly|flying|flight|abroad|airport|customs|letter from (?:the |my |a )?(?:gp|doctor))\b"
)
_QUESTION_SHAPE = re.compile(
    r"\?|^(?:can|could|should|do|does|is|are|will|would|how|what|when|where|which|why|may)\b|\bis (?:that|it) (?:ok|okay|"
    r"normal|safe|right|enough)\b"
)
_HARMFUL_AMOUNT = re.compile(
    # "swallow them whole" is how a tablet is taken, not an amount (dev set 20)
    r"\b(?:too (?:much|many)|how (?:much|many)|all (?:of )?(?:them|my|the)|(?<!swallow them )(?<!swallow it )"
    r"(?<!swallowed whole )(?<!swallow these )(?<!swallow those )whole|lot of|lots of|enough|extra|more than|"
    r"double|at once|in one go|stockpil\w*|sav(?:e|ed|es|ing)|stash\w*|hoard\w*|hid(?:e|den|ing)?|do it|do the job|"
    r"be enough|kill|end)\b|\b\d+\s+(?:\w+\s+)?" + DRUG + r"\b|"
    # the whole supply, asked how fast it works (blind set 25, read after its measurement)
    r"\b(?:everything|the lot|every (?:pill|tablet)) (?:in|from|out of) (?:the|my|our|her|his)\b|"
    r"\bwould (?:it|that|they) be (?:quick|painless|peaceful)\b|"
    # kept from someone: "so my husband does not find them"
    r"\bwithout (?:anyone|him|her|them|my \w+) (?:knowing|noticing|finding|seeing)\b|"
    r"\b(?:does not|do not|will not|would not|can not|never) (?:find|know|notice|see|check|count)\b|\bsecret\w*\b"
)
_DRUG_WORD = re.compile(r"\b" + DRUG + r"\b")


def _medicine_practical(norm: str) -> bool:
    return bool(
        _DRUG_WORD.search(norm)
        and _PRACTICAL.search(norm)
        and _QUESTION_SHAPE.search(norm)
        and not _HARMFUL_AMOUNT.search(norm)
        and not _ALARM_WORDS.search(norm)
        # a red-flag symptom asked about ("is fainting a side effect?") keeps the model's alarm
        and not _SYMPTOM_WORDS.search(norm)
    )


# A small cut by accident ("cut myself shaving my legs, tiny nick, plaster sorted it", blind set 22,
# read after its measurement): with the marrow involved it may bleed longer, which the bleeding
# rules read; it is not self-harm. "Again", "on purpose", an urge or a blade kept keep the alarm.
_ACCIDENTAL_CUT = re.compile(
    r"\bcut (?:myself|herself|himself|my (?:\w+ )?(?:finger|thumb|hand|leg|legs|knee|shin|chin|lip|foot|toe)s?|"
    r"(?:her|his) (?:\w+ )?(?:finger|thumb|hand|leg|legs|knee|shin|chin|foot)s?)\s+(?:while |when |on |with )?"
    r"(?:shaving|cooking|chopping|slicing|peeling|gardening|pruning|opening|on (?:a|the|some) (?:tin|can|glass|paper|"
    r"knife|bramble|rose|razor)|by accident|accidentally|on a (?:kitchen )?knife)\b|\bshaving (?:cut|nick)\b|"
    r"\bpaper cut\b"
)
_ACCIDENT_ALARM = re.compile(
    r"\b(?:again and again|on purpose|deliberately|meant to|wanted to|urge|urges|keep cutting|every (?:day|night)|"
    r"deeper|punish|hide|hiding|nobody knows|release|relief|feel something|numb|pouring|gushing|spurting|soaked|"
    r"still going|won t stop|will not stop|not stopp\w*|keeps? (?:going|coming)|counts|platelets)\b"
)
# Harmless phrases that hold a concern word: a broken wrist, an overdose of a vitamin asked
# about as a medicine-safety question (the lethal-dose rule's own exclusion). Masked before
# the concern check only.
_HARMLESS_WITH_CONCERN_WORD = re.compile(
    r"\b(?:broke|broken|break|breaking|fractured?|sprained?|sprain|strained?|bruised)\s+(?:my|her|his|their|a|the|both)\s+"
    r"wrists?\b|\bwrists? (?:fracture|break|sprain|splint|cast|brace|support|watch|band|strap)\b|"
    # living "long enough to see" someone's day is hope, not an amount "enough to" harm
    r"\b(?:live|living|be (?:here|around)|stay (?:alive|around)) long enough to (?:see|meet|watch|hold|be|get|make|walk|"
    r"celebrate|finish|go)\b"
)
# the overdose word must be about the supplement itself ("overdose on vitamin D"), so "thinking
# about taking an overdose ... and her calcium tablets" keeps its concern cue
_SUPPLEMENT_OVERDOSE = re.compile(r"\boverdos\w*\s+(?:on|of|with)\s+(?:\w+\s+){0,3}?" + SUPPLEMENT + r"\b")


def _without_harmless(norm: str) -> str:
    masked = _HARMLESS_WITH_CONCERN_WORD.sub(" ", norm)
    if not _ACCIDENT_ALARM.search(masked):
        masked = _ACCIDENTAL_CUT.sub(" ", masked)
    if supplement_safety_question(masked):
        masked = _SUPPLEMENT_OVERDOSE.sub(" ", masked)
    # the lethal-dose rule's own factual overdoses (signs to watch for, a warning from the leaflet or
    # the nurse, an accidental overdose to guard against): the model's alarm on them is overruled
    # too (dev set 20); "fatal" beside them is the warning's word, not the person's
    if factual_overdose(masked):
        masked = re.sub(r"\b(?:can be|could be|is|are) (?:fatal|lethal)\b", " ", without_factual_overdose(masked))
    return masked


# A caregiver's practical question about looking after someone ("how do I know if mum's in pain if she
# won't tell me", "what can I tempt her with", blind set 22, read after its measurement): eating, pain,
# sleep, washing, moving. Anything of refusing, giving up or wanting to go keeps the model's alarm.
_CARE_TOPIC = re.compile(
    r"\b(?:eat|eats|eating|food|foods|appetite|meals?|snacks?|tempt|drink|drinks|fluids|pain|sore|comfortable|comfort|"
    r"sleep|sleeps|sleeping|wash|washing|bath|bathing|shower|showering|lift|lifting|move|moving|turn her|turn him|"
    r"dress|dressing|toilet|constipat\w*|mouth care|pressure sores?|visit|visitors|tired|fatigue)\b"
)
_CARE_QUESTION = re.compile(
    r"\?|^(?:how|what|which|when|where|is|are|can|could|should|do|does|any|worried|wondering)\b"
)
_CARE_ALARM = re.compile(
    r"\b(?:refus\w*|stopped|stop|won t (?:eat|drink|take)|will not (?:eat|drink|take)|not (?:eating|drinking) (?:at all|"
    r"anything)|nothing at all|ready|wants? to go|let (?:her|him) go|no more|point|any ?more|enough of|had enough|"
    r"pills|tablets|morphine|medication|meds|overdos\w*|alone|goodbye|wish|wants? to|do it|worked out|decided|plan\w*|"
    r"tonight|which (?:night|day))\b"
)


# A question about managing an everyday symptom ("is there anything for the bone pain and the
# constant fatigue together", set O, read after its measurement): no red-flag word, nothing sudden,
# new, worse or unbearable. The classifier's urgent alarm on it is overruled.
_MANAGING = re.compile(
    r"^(?:so |and |but |hi |hello )?(?:is there anything (?:for|to help|that helps|i can (?:do|take))|what (?:helps|can help|can i do|"
    r"could i do|do people do|works) (?:for|with|about)|how (?:do|can|should) (?:i|we|you|people) (?:manage|cope with|deal with|"
    r"handle|ease|help)|any (?:tips|ideas|advice) (?:for|on|about))\b"
)
_EVERYDAY_SYMPTOM = re.compile(
    r"\b(?:pain|pains|ache|aches|aching|sore|fatigue|tired|tiredness|exhausted|exhaustion|sleep|sleeping|appetite|nausea|"
    r"queasy|hot flushes|flushes|joint|joints|stiff|stiffness|brain fog|memory|mouth ulcers|dry skin|hair)\b"
)
_NOT_EVERYDAY = re.compile(
    r"\b(?:sudden|suddenly|new|worse|worsening|severe|unbearable|agony|excruciating|can not|cannot|now|tonight|today|"
    r"right now|emergency|hospital|ambulance|999|911|112|scared|frightened)\b"
)


def _nothing_alarming(norm: str) -> bool:
    """No death or harm word and no red-flag symptom word in the message."""
    return not _ALARM_WORDS.search(norm) and not _SYMPTOM_WORDS.search(norm)


def _managing_everyday_symptom(norm: str) -> bool:
    return bool(
        _MANAGING.search(norm) and _EVERYDAY_SYMPTOM.search(norm) and not _NOT_EVERYDAY.search(norm)
    ) and _nothing_alarming(norm)


# Good news told with nothing alarming in it ("My daughter is pregnant, I'm going to be a grandma!",
# blind set 23, read after its measurement: the classifier called it a crisis).
_GOOD_NEWS = re.compile(
    r"\b(?:pregnant|expecting (?:a baby|twins)|going to be a (?:grandma|granny|nan|nana|grandad|grandpa|granddad|grandmother|"
    r"grandfather|great grandma|great grandad|auntie|aunt|uncle|mum|mom|dad)|engaged|got married|getting married|"
    r"new baby|baby (?:boy|girl) (?:was )?born|graduat\w*|passed (?:her|his|my|their) (?:exams?|driving test|test)|"
    r"promotion|new job|got the job|stable disease|no evidence of disease|scan (?:was|is|came back) (?:clear|good|stable)|"
    r"tumou?r markers? (?:have |has )?(?:gone|come) down|shrunk|shrinking|responding (?:well|to))\b"
)
_NEWS_TURN = re.compile(r"\b(?:but|although|though|except|shame|pity|sad|won t|will not|never|not be|wish|if only)\b")


def _good_news(norm: str) -> bool:
    return bool(_GOOD_NEWS.search(norm) and not _NEWS_TURN.search(norm)) and _nothing_alarming(norm)


def _care_question_about_other(norm: str) -> bool:
    return bool(
        _CARE_TOPIC.search(norm)
        and _CARE_QUESTION.search(norm)
        and not _CARE_ALARM.search(norm)
        and _nothing_alarming(norm)
        and any(m.group("third") for m in SUBJECT.finditer(norm))
        and not OWN_CRISIS.search(norm)
    )


# "... I'm home now and it's gone" (blind set 26): the fever gone, not a person
_SYMPTOM_GONE = re.compile(
    r"\b(?:it|the (?:fever|temperature|temp|pain|bleeding|rash|infection|swelling)|that) (?:is|has|was) (?:all )?gone\b"
)


def _calm(rest: Optional[str]) -> bool:
    """The rest of a message, once a screening question is taken out, holds no concern or alarm word."""
    return rest is not None and not _CONCERN.search(rest) and not _ALARM_WORDS.search(rest)


def benign_reason(text: object) -> Optional[str]:
    """Why an alarming-looking message is not a crisis or an emergency, or None."""
    norm = normalise(text)
    if not norm.strip():
        return None
    # "why does the questionnaire ask whether I've had thoughts of being better off dead?" with no
    # answer: the detector does not fire (bot/safety/crisis.py), and the model's alarm is overruled
    if _calm(screening_question_asked_about(norm)):
        return INFO_QUESTION
    # a screening question answered no, told with nothing else of concern (blind set 23)
    if _calm(screening_answered_no(norm)):
        return SCREENING_DENIED
    if fiction_only(norm) and not _CONCERN.search(_THIRD_PERSON_ACT.sub(" ", norm)):
        return FICTION
    if _CONCERN.search(_without_harmless(norm)):
        return None
    if supplement_safety_question(norm) and _SUPPLEMENT_OVERDOSE.search(norm):
        return INFO_QUESTION
    if factual_overdose(norm):
        return INFO_QUESTION
    # a red flag told as a past episode that is over ("I broke my wrist in 2021 and it healed
    # fine", "a fall last winter, nothing broken"): the detector's own test for its urgent rules
    if resolved_episode(norm) and not _ALARM_WORDS.search(_SYMPTOM_GONE.sub(" ", norm)):
        return PAST_EPISODE
    if _medicine_practical(norm):
        return MEDICINE_PRACTICAL
    masked = _mask(norm, _IDIOMS)
    if masked is not None and not _ALARM_WORDS.search(masked) and not _SYMPTOM_WORDS.search(norm):
        return IDIOM
    if _mask(norm, _FEAR_OR_PLANNING) is not None:
        return FEAR_OF_DYING
    if _wants_to_live(norm):
        return WILL_TO_LIVE
    if _care_question_about_other(norm):
        return CARE_QUESTION
    if _good_news(norm):
        return GOOD_NEWS
    if _managing_everyday_symptom(norm):
        return INFO_QUESTION
    if _ACCIDENTAL_CUT.search(norm) and not _ACCIDENT_ALARM.search(norm) and _nothing_alarming(norm):
        return ACCIDENTAL_CUT
    if _NEGATED_SYMPTOM.search(norm) or _normal_readings_only(norm):
        return REASSURING
    if _ONE_DRINK_QUESTION.search(norm):
        return INFO_QUESTION
    sentences = [
        _HAVING_THE_CONDITION.sub(" ", s).strip() for s in re.split(r"(?<!\d)\.(?!\d)|[!?\n]+", norm) if s.strip(" .")
    ]
    if (
        sentences
        and all(_QUESTION_START.search(s) and not _CURRENT_REPORT.search(s) for s in sentences)
        and any(_RED_FLAG_TOPIC.search(s) for s in sentences)
    ):
        return INFO_QUESTION
    return None
