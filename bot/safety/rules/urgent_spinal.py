"""Urgent: signs of metastatic spinal cord compression."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import NICE_NG234

BACK_PAIN = rx(
    r"\b(?:pain|pains|ache|aching|agony|soreness|shooting pains?|stabbing pains?)\s+(?:\w+\s+){0,2}?(?:down|across|along|"
    r"around|up|in|through) (?:my|her|his|the) (?:back|spine|neck|lower back|upper back|middle back)\b|"
    r"\b(?:back|spine|spinal|neck|lower back|upper back|middle back|mid back|backache|back ache)\b(?:'s)?(?:\s+\w+){0,4}?\s*"
    r"(?:pain|pains|ache|aching|aches|hurts|hurting|is sore|agony|killing|throbbing|stabbing|shooting|worse|worsening|"
    r"spasms?|painful|sore|tender|hurts so much|really hurting|(?:really |so |very )?bad|awful|terrible|playing up)\b|\b(?:pain|pains|ache|aching|agony|soreness)\s+(?:\w+\s+){0,3}?in (?:my|her|his|the) "
    r"(?:back|spine|neck|lower back|upper back|middle back)\b|\bbackache\b|\bsciatica\b|"
    # "pain in the middle of my spine" (dev set 15)
    r"\b(?:pain|pains|ache|aching|agony|soreness)\s+(?:\w+\s+)?in (?:the )?(?:middle|top|bottom|base|centre|center) of "
    r"(?:my|her|his|the) (?:back|spine|neck)\b"
)


LIMB = r"(?:legs?|thighs?|knees|arms?|hands?|feet|foot|toes|fingers|lower body|bottom half|waist down)"


LEG = r"(?:legs?|thighs?|lower body|bottom half|from the waist down|waist down|both feet)"


NEURO_WORD = (
    r"(?:numb|numbness|tingl\w*|pins and needles|weak|weakness|weaker|heavy|heaviness|dead|wobbly|jelly|"
    r"giving way|gave way|give way|buckl\w*|won't hold|will not hold|would not hold|can not hold|paralys\w*|"
    r"paralyz\w*|no feeling|lost feeling|loss of feeling|lost the feeling|can not feel|could not feel|"
    r"can not move|could not move|can not lift|could not lift|not working|stopped working|floppy|clumsy|"
    r"unsteady|keep giving way|keeps giving way|like they do not belong to (?:me|her|him)|not (?:my|her|his) own|"
    r"(?:do not|does not) feel like (?:mine|my own|hers|his|they are mine))"
)


NEURO_STRONG = (
    r"(?:numb|numbness|weak|weakness|weaker|giving way|gave way|give way|buckl\w*|won't hold|will not hold|"
    r"would not hold|can not hold|paralys\w*|paralyz\w*|no feeling|lost feeling|loss of feeling|lost the feeling|"
    r"can not feel|could not feel|can not move|could not move|can not lift|could not lift|not working|"
    r"stopped working|floppy|keep giving way|keeps giving way|like jelly|gone dead|dead|went from under|gone from under|"
    r"go from under|gave out|give out|will not work|would not work|will not support|would not support|will not move|"
    r"would not move|can not support|will not hold|would not carry)"
)


def near_pattern(a: str, b: str, gap: int = 4) -> "re.Pattern[str]":
    return rx(
        r"\b"
        + a
        + r"\b(?:\s+\w+){0,"
        + str(gap)
        + r"}?\s+"
        + b
        + r"\b|\b"
        + b
        + r"\b(?:\s+\w+){0,"
        + str(gap)
        + r"}?\s+"
        + a
        + r"\b"
    )


# numbness or weakness creeping up the legs (an ascending level), however many words apart (dev set 16)
LEG_ASCENDING = (
    r"\b(?:numb|numbness|tingling|tingly|pins and needles|weakness|no feeling|dead feeling)\b(?:\s+\w+){0,3}?\s+"
    r"(?:spreading|spread|creeping|crept|moving|moved|travelling|traveling|working its way|climbing|climbed|rising|"
    r"going|gone|getting higher) (?:further |higher |right |all the way )?up (?:\w+\s+){0,3}?" + LEG + r"\b"
)


LEG_STRONG = rx(near_pattern(LEG, NEURO_STRONG, 4).pattern + "|" + LEG_ASCENDING)


LIMB_NEURO = near_pattern(LIMB, NEURO_WORD, 4)


WALK = rx(
    r"\b(?:can not|could not|unable to|struggling to|struggle to|difficulty|trouble|hard to|not able to|can barely|"
    r"can hardly|could barely|could hardly)\s+"
    r"(?:walk|walking|stand|standing|stand up|get up|move (?:my|her|his) legs)\b"
)


WALK_STRONG = rx(
    r"\b(?:can not|could not|unable to|not able to)\s+(?:walk|stand|stand up|move (?:my|her|his) legs|feel (?:my|her|his) legs)\b"
    r"(?:\s+(?:suddenly|anymore|any more|properly|at all|since|today|this morning|now))|"
    r"\bsuddenly\s+(?:can not|could not|unable to)\s+(?:walk|stand)\b|\b(?:can not|could not) (?:feel|move) (?:my|her|his|either|both) "
    r"(?:legs?|feet|lower body)\b"
)


SADDLE = (
    r"(?:down below|down there|(?:my|her|his) (?:privates|private parts|private area|genitals|genital area|vagina|"
    r"vulva|labia|perineum|anus|back passage|bottom|bum|backside|buttocks|bum cheeks|groin|crotch|saddle area|"
    r"inner thighs)|between (?:my|her|his) legs|around (?:my|her|his) (?:bottom|bum|back passage|anus|privates))"
)


SCC_DIRECT = rx(
    r"\bband(?:s)?\s+(?:like|of pain)|\bband like\b|\blike a (?:tight )?(?:band|belt|girdle|corset)\b|\blike a (?:tight )?(?:band|belt|girdle|vice|corset)\b(?:\s+\w+){0,3}?\s*"
    r"(?:around|round|across|pain|squeez)|\b(?:tight )?band (?:of pain )?(?:around|round|across) (?:my|her|his|the)\b|"
    r"\bbelt(?: like)? (?:pain|of pain)\b|\bgirdle (?:pain|like)\b|\bpain (?:that )?(?:wraps|wrapping|goes|going|spreads|"
    r"spreading|radiates|radiating|travels|travelling) (?:all the way )?(?:around|round) (?:my|her|his|the) (?:chest|ribs|body|"
    r"tummy|stomach|waist|belly|middle|trunk|side)\b|"
    r"\b(?:cord compression|spinal cord compression|mscc|compress(?:ed|ion of|ing) (?:the |my |her |his )?(?:spinal )?cord)\b|"
    r"\b(?:can not|could not|unable to|not able to|struggling to|difficulty|trouble|hard to)\s+(?:pee|wee|urinate|pass urine|"
    r"pass water|empty (?:my|her|his) bladder|control (?:my|her|his) (?:bladder|bowels?|wee|pee|poo|toilet))\b|"
    r"\b(?:can not|could not|unable to) (?:hold|hold in|control|stop) (?:my |her |his |the )?(?:wee|pee|urine|bladder|bowels?|"
    r"poo|water)\b|\b(?:can not|could not|unable to) control (?:when|if|my|her|his)\b(?:\s+\w+){0,3}?\s+(?:wee|pee|bladder|bowels?|poo|"
    r"toilet|go)\b|\b(?:accidents?|leaking|leaks) (?:with|from) (?:my|her|his) (?:bladder|bowels?|wee|pee)\b|"
    r"\b(?:had|passed|done|produced) (?:no|hardly any) (?:wee|pee|urine|water)\b|"
    r"\b(?:have not|has not|had not|not|did not)\s+(?:had|done|passed|been for)\s+(?:a |any )?(?:wee|pee|urine|water)\s+"
    r"(?:since|all day|for|in)\b|\burine (?:keeps |is |has been )?leaking\b|"
    r"\bleaking (?:urine|wee|pee)\b|\b(?:have not|has not|had not|not) been able to (?:pass urine|pass water|urinate|go for a wee|"
    r"wee|pee)\b|\bno (?:wee|pee|urine) (?:since|all day|for|in)\b|"
    r"\b(?:lost|losing|loss of|no|lack of) (?:control (?:of|over) )?(?:my |her |his |the )?(?:bladder|bowel|bowels)"
    r"(?: control)?\b|\b(?:wet|wetting|soiled|soiling|pooed|pooped|peed|weed|wee d|peeing|weeing|pooing|pooping|"
    r"wees|pees)\s+(?:myself|herself|himself|"
    r"themselves|the bed|my pants|her pants|his pants)\b|\bincontinen(?:t|ce)\b|"
    r"\b(?:have not|has not|had not|not|did not)\s+(?:peed|weed|urinated|passed urine|passed water|been able to pee|"
    r"been able to wee|been for a wee|been to the toilet)\s+(?:since|all day|in|for)\b|"
    r"\bnumb(?:ness)?\s+(?:around|in|between|on)\s+(?:my|her|his|the)\s+(?:bottom|bum|groin|genitals|saddle|buttocks|"
    r"private|privates|inner thighs|backside)\b|\b(?:bottom|bum|groin|genitals|saddle area|buttocks|backside|private parts|"
    r"privates)\s+(?:feels|feel|is|are|has gone|have gone|gone|went|has been|feeling)\s+(?:\w+\s+)?numb\b|\bsaddle (?:numbness|anaesthesia|anesthesia|area)\b|"
    r"\b(?:can not|could not) (?:feel|tell) (?:when|if) (?:i|she|he) (?:need|needs) (?:to go|to pee|to wee|to poo|the toilet|the loo)\b|"
    r"\b(?:can not|could not) feel (?:my|her|his) (?:bottom|bum|bladder)\b|"
    r"\b(?:no|lost|lost the|losing|loss of|reduced|less|lack of|without|not much|hardly any|barely any|lost all|gone)\s+"
    r"(?:\w+\s+)?(?:feeling|sensation)\s+(?:\w+\s+){0,2}?" + SADDLE + r"|"
    r"\b"
    + SADDLE
    + r"\s+(?:\w+\s+){0,3}?(?:feels?|is|are|has gone|have gone|gone|went|going|feeling|has been|has|have)\s+"
    r"(?:\w+\s+)?(?:numb|dead|no feeling|no sensation|lost (?:its|all|the) feeling)\b|"
    r"\b(?:can not|could not|do not|barely|hardly|can hardly|can barely)\s+feel\s+(?:anything\s+|much\s+|a thing\s+)?"
    r"(?:\w+\s+)?(?:" + SADDLE + r"|(?:the )?(?:toilet|loo) (?:paper|roll|tissue)|(?:anything|it|myself|much) when "
    r"(?:i|she|he) (?:wipe|wipes))\b|"
    r"\b(?:numb|numbness|no feeling|no sensation|feel nothing|can not feel (?:anything|it|a thing))\b(?:\s+\w+){0,4}?\s+when "
    r"(?:i|she|he) (?:wipe|wipes|wiping)\b|"
    r"\bnumb(?:ness)?\s+(?:\w+\s+){0,2}?" + SADDLE
)


SCC_EXCL = rx(
    r"\b(?:stress incontinence|when (?:i|she|he) (?:sneeze|sneezes|cough|coughs|laugh|laughs|jump)|laughing|"
    r"pelvic floor|bowel control pad|always had|after childbirth|since (?:i|she) had (?:the )?(?:kids|children|baby)|"
    r"from sitting|after sitting|sitting (?:on|for|in) (?:a|the|that|this|hard|those)|hard (?:chair|seat|bench)|"
    r"long (?:drive|flight|journey|car journey)|bike ride|cycling|spin class|local anaesthetic|local anesthetic|epidural|"
    r"(?:at|from) the dentist)\b"
)


# "dead" / "like jelly" legs are also how people describe tired legs after a walk or a dance; then only
# "gone/went dead" (numbness) still counts.
TIRED_LEGS = rx(r"(?<!gone )(?<!went )(?<!going )(?<!go )\b(?:dead|like jelly|jelly)\b")


TIRED_CONTEXT = rx(
    r"\b(?:walk|walks|walking|walked|hike|hiking|run|running|ran|gym|exercise|exercising|workout|class|dancing|danced|"
    r"dance|stairs|shopping|wedding|party|day out|trip|swim|swimming|cycle|cycling|bike ride|yoga|pilates|gardening|"
    r"standing all day|on my feet all day|marathon|parkrun|steps|step count|sightseeing|zumba)\b"
)


SOURCES = (NICE_NG234,)

SCC_SIGNS_RULE = Rule(
    id="urgent.spinal.cord_compression_signs",
    category="spinal_cord_compression",
    kind="urgent_symptom",
    pattern=SCC_DIRECT,
    sentence=SCC_EXCL,
    rationale=(
        "Band-like pain around the body, cord compression named, loss of bladder or bowel control, "
        "not able to pass urine, numbness in the saddle area in everyday words (\"can't feel the loo "
        'roll when I wipe"); not stress incontinence, numbness from sitting or a local anaesthetic.'
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "my bottom feels numb",
        "suddenly can't control my bowels and both legs feel heavy",
        "numb around my bum and privates, like when you've sat too long but it's not going away. back's been sore too",
    ),
    does_not_fire_on=(
        "what is MSCC",
        "what are the signs of spinal cord compression I should watch for? the nurse mentioned it",
    ),
)

LEG_WEAKNESS_RULE = Rule(
    id="urgent.spinal.leg_weakness",
    category="spinal_cord_compression",
    kind="urgent_symptom",
    pattern=LEG_STRONG,
    revision=2,
    rationale=(
        'Legs numb, weak, giving way or "gone dead" fire alone; "dead" or "like jelly" legs after a '
        "walk, a dance or the gym (TIRED_CONTEXT) are tired legs. Revision 2 (2026-12-07, issue 17): "
        'numbness or weakness "spreading up" or "creeping up" the legs, however it is worded.'
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "I can't feel my legs",
        "my legs feel weak and heavy and my lower back is killing me",
        "pins and needles in both legs and they feel weak, nearly fell on the stairs",
        "the tingling has been creeping further up both of her legs since yesterday",
    ),
    does_not_fire_on=(
        "Is it bad if my legs feel weak?",
        "my legs were dead after the walk and now they're numb",
    ),
)

CANNOT_WALK_RULE = Rule(
    id="urgent.spinal.cannot_walk",
    category="spinal_cord_compression",
    kind="urgent_symptom",
    pattern=WALK_STRONG,
    rationale="Suddenly cannot walk or stand, cannot feel or move the legs.",
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "I can't walk properly and my spine is really sore",
        "husband can't feel his feet properly and the back pain is new, he has spinal mets",
        "Dad can't feel his feet properly and he's wet himself, he's never done that. He has mets in his spine",
    ),
    does_not_fire_on=(
        "is back pain always a sign of spinal cord compression",
        "no back pain and no numbness, the spine MRI was clear too",
    ),
)

LIMB_WITH_BACK_PAIN_RULE = Rule(
    id="urgent.spinal.limb_symptoms_with_back_pain",
    category="spinal_cord_compression",
    kind="urgent_symptom",
    pattern=LIMB_NEURO,
    rationale=(
        "Arm or leg numbness, tingling, heaviness or weakness, only when back or neck pain "
        "(BACK_PAIN) is in the same message. Back pain alone and numb fingers or toes alone (chemo "
        'neuropathy) do not fire. Revision 2 (2026-12-07): BACK_PAIN also reads "my back\'s been agony".'
    ),
    revision=2,
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "new neck pain and my arms are tingling",
        "new pain in my neck and my hands have gone numb and tingly",
        "sudden weakness in both arms since i woke up, can't grip my toothbrush, and my neck is so painful",
    ),
    does_not_fire_on=(
        "tingling in my toes",
        "my legs went tingly a few weeks ago but it went away and the scan was clear, what causes that",
    ),
)

WALKING_WITH_BACK_PAIN_RULE = Rule(
    id="urgent.spinal.walking_with_back_pain",
    category="spinal_cord_compression",
    kind="urgent_symptom",
    pattern=WALK,
    rationale=(
        "Trouble walking or standing, only when back or neck pain (BACK_PAIN) is in the same message."
        ' Revision 2 (2026-12-07): "can barely / hardly get up" is trouble too, and BACK_PAIN reads'
        ' "my back\'s been agony".'
    ),
    revision=2,
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "fell off the back step and my thigh hurts loads, it's swelling fast and i cant stand",
        "my back's been agony for 3 days and now i can barely get up the stairs",
    ),
    does_not_fire_on=(
        "i had a dizzy spell after standing up too fast last week, it's fine now, is that the anaemia",
        "my jaw hurts",
    ),
)

BOTH_LEGS_NEURO = near_pattern(
    r"(?:both (?:my |her |his )?legs|both (?:my |her |his )?feet and legs|(?:my|her|his) legs|both thighs)",
    NEURO_WORD,
    4,
)


BOTH_LEGS_WITH_WALKING_RULE = Rule(
    id="urgent.spinal.both_legs_with_walking",
    category="spinal_cord_compression",
    kind="urgent_symptom",
    pattern=BOTH_LEGS_NEURO,
    rationale=(
        "Tingling, numbness, heaviness or weakness in the legs together with new trouble walking, standing or"
        " getting up (WALK) in the same message, even with no back pain: NICE NG234 lists limb weakness,"
        " sensory change and difficulty walking as signs of spinal cord compression on their own. Numb toes"
        " or fingertips alone (chemotherapy neuropathy) do not fire. Added 2026-12-07 (issue 17)."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=("pins and needles down both legs today and i'm struggling to get up the stairs",),
    does_not_fire_on=(
        "pins and needles in my toes since the paclitaxel",
        "my legs ache after the walk but i can get up the stairs fine",
    ),
)


CONTINENCE_ACCIDENT = rx(
    r"\b(?:bowel|bladder|toilet|wee|poo|pee) accidents?\b|\baccidents? in (?:my|her|his) (?:pants|underwear|knickers|trousers|bed)\b"
)


CONTINENCE_WITH_BACK_PAIN_RULE = Rule(
    id="urgent.spinal.continence_with_back_pain",
    category="spinal_cord_compression",
    kind="urgent_symptom",
    pattern=CONTINENCE_ACCIDENT,
    sentence=SCC_EXCL,
    rationale=(
        'A bowel or bladder "accident", only when back or neck pain (BACK_PAIN) is in the same message:'
        " bladder or bowel dysfunction with back pain is a sign of spinal cord compression (NICE NG234)."
        " An accident with diarrhoea and no back pain is left to the classifier. Added 2026-12-07 (issue 17)."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=("had a bowel accident today, didnt even feel it. thats new. lower back ache has been building too",),
    does_not_fire_on=("had a toilet accident with the diarrhoea from the capecitabine, so embarrassing",),
)

# NICE NG234 / CG75: spinal pain that is progressive, worse at night or worse on coughing, sneezing
# or straining is a red flag of cord compression even with no neurological sign (clinical-safety.md:
# contact the team within 24 hours; the spinal reply says both that and when to go now).
SPINE_PAIN_FEATURE = rx(
    r"\b(?:worse|worst|bad|agony|unbearable)\b(?:\s+\w+){0,4}?\s+(?:at night|every night|in the night|overnight|"
    r"when (?:i|she|he) (?:cough|coughs|sneeze|sneezes|strain|strains|lie down|lies down|lie flat|lies flat)|"
    r"(?:coughing|sneezing|straining|lying down|lying flat))\b|"
    r"\bwakes? (?:me|her|him) (?:up )?(?:at night|in the night|every night)\b|\bkeeps? (?:me|her|him) awake\b|"
    r"\bwakes? (?:me|her|him) up\b"
)
SPINE_PAIN_NEW_OR_WORSE = rx(
    r"\b(?:new|newish|recent|started (?:recently|last week|a few days ago|this week)|getting worse|gets worse|"
    r"keeps getting worse|worse and worse|worsening|worse every (?:day|night|week)|progressive|progressively|"
    r"more and more)\b"
)

SPINE_PAIN_RED_FEATURES_RULE = Rule(
    id="urgent.spinal.pain_red_features",
    category="spinal_cord_compression",
    kind="urgent_symptom",
    pattern=SPINE_PAIN_FEATURE,
    rationale=(
        "Back or neck pain (BACK_PAIN) that is new or getting worse, and worse at night, waking the "
        "person, or worse on coughing, sneezing or straining, in the same message: the spinal pain "
        "red flags of NICE CG75 / NG234 (clinical-safety.md: contact the team within 24 hours; "
        "the spinal reply gives that and when to go now). Added 2026-12-07 (dev set 15: two such "
        "messages were answered as distress). Back pain alone, or worse at night with nothing new "
        "or worsening, does not fire."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "New pain in the middle of my spine, it's worse every night and much worse when I cough or strain",
        "The pain in my upper back keeps getting worse every day and it wakes me up at night",
    ),
    does_not_fire_on=(
        "my back aches at night after a day in the garden",
        "the pain in my back is much better now, it used to wake me up",
        "new mattress arrived, can't wait to sleep on it",
    ),
)


RULES = (
    SCC_SIGNS_RULE,
    LEG_WEAKNESS_RULE,
    CANNOT_WALK_RULE,
    LIMB_WITH_BACK_PAIN_RULE,
    WALKING_WITH_BACK_PAIN_RULE,
    BOTH_LEGS_WITH_WALKING_RULE,
    CONTINENCE_WITH_BACK_PAIN_RULE,
    SPINE_PAIN_RED_FEATURES_RULE,
)
