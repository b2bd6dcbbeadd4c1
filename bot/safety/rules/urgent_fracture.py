"""Urgent: a possible fracture, pain in a bone with no injury, or a fall."""

from __future__ import annotations

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import NCI_METASTATIC

FRACTURE = rx(
    r"\b(?:think|thinks|thought|might|may|could|probably|possibly|must|feels like|feel like|seems like|i reckon|"
    r"i suspect|suspect|worried|scared|afraid|looks like)\s+(?:\w+\s+){0,4}?(?:broken|broke|fractured|cracked|snapped)\b|"
    r"\b(?:broke|broken|fractured|cracked|snapped)\s+(?:my|her|his|a|the|their|another|one of (?:my|her|his))?\s*"
    r"(?:\w+\s+)?(?:hip|hips|leg|legs|arm|arms|wrist|wrists|rib|ribs|bone|bones|ankle|ankles|femur|thigh|pelvis|"
    r"back|spine|vertebra|vertebrae|collarbone|collar bone|shoulder|elbow|knee|foot|toe|toes|finger|fingers|hand|"
    r"neck|kneecap|shin|humerus|sternum)\b|"
    # cannot bear weight (revision 2, dev set 5: "my hip went. now i cant walk on it")
    r"\b(?:can not|could not|unable to|not able to) (?:walk on|put (?:any )?weight (?:on|through)|stand on|bear weight on) "
    r"(?:it|my (?:\w+ )?(?:hip|leg|ankle|foot|knee)|her (?:\w+ )?(?:hip|leg|ankle|foot|knee)|his (?:\w+ )?(?:hip|leg|ankle|foot|knee))\b|"
    r"\b(?:hip|hips|leg|arm|rib|ribs|bone|wrist|ankle|femur|thigh|pelvis|shoulder|back|spine|collarbone)\s+"
    r"(?:is |has |just |has just |may have |might have |might be |may be |could be |looks |feels |suddenly |just suddenly )?"
    r"(?:cracked|snapped|broken|fractured|gave way and|gave way with a (?:crack|snap|pop|crunch|loud crack))\b|"
    r"\b(?:heard|felt)\s+(?:a |something |it |this |an awful |a loud )?(?:crack|snap|pop|crunch|click and (?:then )?pain)\b|"
    r"\b(?:can not|could not|unable to|can not even|not able to|could not even|struggling to)\s+(?:put|bear|take|stand)\s+"
    r"(?:any\s+)?(?:weight|pressure)\s+(?:on|through)\b|\b(?:can not|could not) (?:bear|take) weight\b|"
    r"\bnon weight bearing\b|\bfracture(?:d|s)?\b|\bpathological fracture\b|"
    r"\b(?:something|it|a bone|the bone)\s+(?:just\s+)?(?:cracked|snapped|popped|crunched|went|broke|gave)\s+in\s+(?:my|her|his)\s+"
    r"(?:hip|back|leg|arm|ribs?|shoulder|pelvis|thigh|spine|neck|wrist|ankle|knee|chest|side)\b|"
    r"\b(?:can not|could not|unable to|not able to)\s+(?:stand|walk|put any weight|bear weight)\s+on\s+(?:my|her|his|the)\s+"
    r"(?:left |right |bad )?(?:leg|foot|hip|ankle|knee)\b|"
    r"\b(?:wrist|arm|leg|hip|ankle|shoulder|finger|fingers|foot|knee|elbow)\s+(?:looks|is|looking|is sticking out|is bent)\s+"
    r"(?:all\s+)?(?:wrong|deformed|bent|at a (?:funny|weird|strange|odd) angle|out of shape|the wrong way|misshapen)\b|"
    r"\b(?:hip|thigh|leg|arm|ribs?|pelvis|groin|shoulder|femur|back)\b(?:\s+\w+){0,5}?\s+(?:hurting|hurts|hurt|pain|painful|"
    r"agony|aching|ache|excruciating|agonising|agonizing)\b(?:\s+\w+){0,4}?\s+(?:out of nowhere|out of the blue|for no reason|"
    r"with no injury|without (?:an |any )?(?:injury|fall|reason))\b|"
    r"\b(?:hip|thigh|leg|arm|ribs?|pelvis|groin|shoulder|femur)\s+(?:\w+\s+)?(?:suddenly|out of nowhere)\s+(?:started\s+|became\s+|"
    r"got\s+|went\s+)?(?:really\s+|very\s+)?(?:hurting|hurts|painful|agony|excruciating|agonising|agonizing|snapped|cracked|gave way)\b|"
    r"\b(?:sudden|suddenly|out of nowhere|out of the blue)\b(?:\s+\w+){0,4}?\s+(?:severe |sharp |bad |agonising |"
    r"agonizing |excruciating |terrible |awful |horrendous )?(?:pain|agony|ache)\s+(?:in|at)\s+(?:my|her|his|the)\s+"
    r"(?:hip|thigh|leg|arm|ribs?|pelvis|groin|shoulder|femur|upper arm|back)\b|"
    r"\b(?:pain|agony|ache)\b(?:\s+\w+){0,8}?\s+(?:without|with no|no|not from|despite no|for no)\s+(?:any\s+|an\s+|obvious\s+|"
    r"real\s+|apparent\s+)?(?:injury|injuries|fall|falling|reason|knock|bump|trauma|accident)\b"
)


FRACTURE_EXCL = rx(
    r"\b(?:broken heart|heart broken|heartbroken|broke the news|broken (?:phone|glasses|record|sleep|"
    r"english|promise)|break my back (?:to|for|doing)|breaking (?:my|her|his) back (?:to|for|doing|trying)|"
    r"fracture risk|risk of (?:a )?fracture|prevent fractures?|bone density|dexa|broken bones? in the past)\b"
)


FALL = rx(
    r"\b(?:fell|fallen|had a fall|has had a fall|had a bad fall|taken a fall|took a (?:tumble|fall|nasty fall)|"
    r"slipped and fell|tripped and fell|have fallen|has fallen|keeps? falling|kept falling|been falling|"
    r"started falling|collapsed and fell|found (?:her|him|them) on the floor|on the floor and (?:can not|could not) get up|"
    r"(?:slipped|tripped|stumbled|lost (?:my|her|his) (?:balance|footing))\s+(?:on|in|over|down|and|while|getting|going|"
    r"coming|at|backwards|off))\b"
)


FALL_EXCL_AFTER = rx(
    r"\s+(?:asleep|apart|in love|behind|through|ill|sick|pregnant|short|for|foul|prey|victim|silent|silent|quiet|for it|victim|flat|into (?:a |the )?"
    r"(?:depression|routine|habit|place|trap|hole of)|off the wagon|on deaf|out(?!\s+of\s+(?:bed|the bed|a|her|his|my|the|"
    r"bed))|between|under|within|to pieces|in to|into place|by the wayside|in with|off a cliff|in (?:my|her|his) "
    r"estimation|to bits|about laughing|in line|(?:my|her|his|their|our) (?:words|tongue|own feet laughing))\b"
)


FALL_EXCL_SENT = rx(
    r"\b(?:cap|lid|label|tooth|teeth|plaster|dressing|scab|wig|glasses|phone|bottle|cup|picture|book|box|"
    r"it|this|that|something|thing|things|bag|keys|ring|button|tablet|pill|leaves|snow|rain|"
    r"hair|eyelashes|eyebrows|nails|lashes|platelets|counts?|levels?|markers?|tumou?r markers?|"
    r"weight|temperature|temp|fell asleep|night fell|darkness|numbers?|scores?|prices?|rates?)\b"
    r"(?:\s+\w+){0,3}?\s+(?:fell|fallen|falling)|\b(?:fell|fallen|falling)\s+out\b(?! of (?:bed|the bed|a chair|the chair|"
    r"her chair|his chair|my chair|the bath|the car|wheelchair))"
)


# Things, not people, that slip ("my wig slipped at the shops")
SLIPPED_THING = rx(
    r"\b(?:wig|hat|scarf|headscarf|head scarf|turban|glasses|specs|dressing|plaster|bandage|mask|prosthesis|prosthetic|"
    r"bra|strap|tube|line|picc|cannula|needle|knife|pen|phone|grip|hand|fingers|mind|tongue|standards|appointment|date|"
    r"schedule|it|this|that|cap|lid|bag)\s+(?:\w+\s+){0,1}$"
)


SOURCES = (NCI_METASTATIC,)

FRACTURE_RULE = Rule(
    id="urgent.fracture.possible_fracture",
    category="fracture",
    kind="urgent_symptom",
    pattern=FRACTURE,
    sentence=FRACTURE_EXCL,
    rationale=(
        "A bone that may be broken (heard a crack, cannot bear weight, a limb at a funny angle) or "
        "sudden bone pain with no injury; not a broken heart, fracture risk or bone density talk. Revision 2 "
        '(2026-12-08, pending review, blind set 23, caught only by the classifier): a hip that "gave way with a '
        'crack".'
    ),
    revision=2,
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "My leg snapped",
        "bumped my arm on the door, heard a crack and now can't move it",
        "sudden awful pain in my thigh when I turned over in bed, didn't bang it on anything, can't move it",
        "my hip gave way with a crack while i was standing at the sink, i can't move it",
    ),
    does_not_fire_on=(
        "can bone mets cause fractures?",
        "my hip fracture from last spring has healed nicely, physio says i can walk the dog again",
    ),
)

FALL_RULE = Rule(
    id="urgent.fracture.fall",
    category="fracture",
    kind="urgent_symptom",
    pattern=FALL,
    sentence=FALL_EXCL_SENT,
    after=FALL_EXCL_AFTER,
    rationale=(
        'A fall ("had a fall", "found her on the floor"); not "fell asleep / in love / out", things '
        "that fell, or a slipped wig or glasses."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "mum slipped in the bath",
        "I tripped over the cat and I think my wrist is broken",
        "slipped on the stairs and my hip hurts so much i can't put any weight on it. bone mets in my pelvis",
    ),
    does_not_fire_on=(
        "I haven't fallen",
        "i could just die of embarrassment, i fell asleep and snored in the chemo chair",
    ),
)

RULES = (FRACTURE_RULE, FALL_RULE)
