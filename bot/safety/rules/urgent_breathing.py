"""Urgent: breathlessness at rest, sudden or worsening (not on exertion alone)."""

from __future__ import annotations

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import NHS_BREATHLESSNESS

BREATH = rx(
    r"\b(?:short(?:ness)? of breath|breathless(?:ness)?|out of breath|(?:can not|could not|cannot) (?:breathe|breath)\b|"
    r"(?:can not|could not) catch (?:my|her|his|their) breath|"
    r"(?:fighting|fights|battling|straining|labouring|laboring) (?:to breathe|to breath|for breath|for air|to get (?:air|a breath))|"
    r"struggling (?:to breathe|to breath|for breath|for air|"
    r"to get (?:my|her|his)? ?breath)|struggles? to breathe|difficulty (?:in )?breathing|trouble breathing|"
    r"breathing (?:difficulties|problems|is difficult|is hard|is bad|is awful|is really bad|is very bad|is laboured|"
    r"is labored|is fast|is rapid|is shallow|is noisy|is rattly|is heavy|sounds? (?:bad|awful|rattly|wet))|"
    r"hard to breathe|hard time breathing|hard for (?:me|her|him) to breathe|fighting for (?:breath|air)|"
    r"gasping(?: for (?:air|breath))?|(?:can not|could not) get (?:enough )?(?:air|my breath|her breath|his breath)|"
    r"laboured breathing|labored breathing|rapid breathing|fast breathing|(?:lips|face|fingers|fingertips|skin) "
    r"(?:are |is |have |has )?(?:gone |turning |turned |going |looking |look |looks |went |)(?:a bit |slightly |very |really )?"
    r"(?:blue|grey|gray|purple|bluish|blueish)|breathing (?:has |is )?(?:got|gotten|getting|become|became|gone) (?:much |a lot |"
    r"really |so |very )?(?:worse|bad|laboured|labored|difficult|fast|noisy)|"
    r"breathing (?:is |sounds |seems |looks |)(?:really |very |so |quite )?"
    r"(?:fast|rapid|shallow|laboured|labored|noisy|rattly|difficult|heavy|gaspy)|blue lips|wheezing badly|suffocating|air hunger|"
    r"(?:not|can not) breath(?:e|ing) properly|breathing really fast|panting (?:at rest|all the time)|"
    r"breathless at rest|puffed out (?:at rest|sitting)|"
    # "can't get a proper breath", "I'm panting" (revision 2, dev set 17; exertion still excludes)
    r"(?:can not|could not) get a (?:proper|decent|full|deep|good|real) breath|(?:i am|she is|he is|i have been|she has been|"
    r"he has been) panting|(?:can not|could not) (?:speak|talk|finish) (?:in )?(?:full |whole |a )?"
    r"sentences?|too breathless to (?:talk|speak|walk|eat))\b"
)


BREATH_IDIOM = rx(
    r"\b(?:through (?:my|her|his|the) nose|blocked nose|stuffy|laugh|laughing|laughed|funny|hilarious|take my breath|"
    r"took my breath|breath ?taking|catch my breath after|smoke|anxiety attack|panic attack|in this heat|humid)\b"
)


EXERTION = rx(
    r"\b(?:stairs|staircase|steps|walking|walk|walks|hill|hills|uphill|climb|climbing|exercise|exercising|exertion|gym|"
    r"running|jogging|housework|hoovering|vacuuming|gardening|carrying|shopping|on exertion|when (?:i|she|he) (?:do|move|"
    r"exert|rush|hurry)|doing (?:anything|things|too much|much)|after (?:a|my|her|his) (?:walk|shower|bath)|"
    r"swimming|dancing|cycling|bike|physio|yoga|sex)\b"
)


AT_REST = rx(
    r"\b(?:at rest|resting|sitting|sat|lying|laying|in bed|doing nothing|while (?:talking|eating|sitting|resting)|"
    r"even (?:when|while|at|sitting|lying|resting|talking)|talking|asleep|sleeping|wakes? (?:me|her|him) up|"
    r"woke (?:me|her|him) up|at night|all the time|constantly|suddenly|sudden|worse|worsening|getting worse|much worse|"
    r"severe|badly|really bad|very bad|can not breathe|gasping|blue|can not speak|can not talk|can not finish|"
    r"even (?:a few|one|two|short)|to the (?:toilet|loo|bathroom)|across the room|a few steps)\b"
)


BREATH_MILD = rx(
    r"\b(?:a (?:bit|little|tad) (?:more )?|slightly |mildly |somewhat |bit more |a touch )(?:short of breath|breathless|"
    r"out of breath|puffed)\b"
)


SOURCES = (NHS_BREATHLESSNESS,)

BREATHLESS_RULE = Rule(
    id="urgent.breathing.breathless_at_rest",
    category="breathlessness",
    kind="urgent_symptom",
    pattern=BREATH,
    sentence=BREATH_IDIOM,
    rationale=(
        "Breathlessness at rest, sudden, worse or at night, cannot breathe, gasping, blue lips; "
        'breathless only on exertion ("on the stairs") or "a bit" breathless does not fire, nor a '
        "blocked nose, laughing or a panic attack."
    ),
    sources=SOURCES,
    review=PENDING,
    fires_on=(
        "He's gasping",
        "I can't catch my breath even sitting still",
        "struggling to breathe tonight and i haven't even moved from the sofa, like breathing through a straw",
    ),
    does_not_fire_on=(
        "I'm not short of breath",
        "no fever, no chest pain, no breathlessness, just a runny nose. ok to go to my grandson's party?",
    ),
)

RULES = (BREATHLESS_RULE,)
