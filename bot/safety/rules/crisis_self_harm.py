"""Crisis rules: Self-harm: cutting, burning or hurting oneself, urges and relapses."""

from __future__ import annotations

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import SELF_HARM_SOURCES
from bot.safety.rules.words import ACCIDENT, ON_PURPOSE, REFL

SOURCES = SELF_HARM_SOURCES

RULES = (
    Rule(
        id="crisis.self_harm.cutting_again",
        category="self_harm",
        rationale=(
            '"Been cutting (again)", "cutting" ending the message; not hair, grass, vegetables, nails or fabric.'
        ),
        pattern=rx(
            r"\b(?:i have been|i am|i have started|started|been|keep|kept|i keep|still|back to|caught me)\s+cutting\s*"
            r"(?:again|myself|\s*$)|\bcutting\s*$"
        ),
        sentence=rx(
            r"\b(?:hair|grass|hedge|lawn|coupons|veg|vegetables|onions|wood|cake|bread|nails|toenails|"
            r"hairdresser|barber|fabric|pattern)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I've been cutting myself",
            "My daughter found out I've been cutting",
            "i've started cutting again. just my thighs, where nobody looks",
        ),
        does_not_fire_on=(
            "I have been cutting the grass",
            "hi, i'm her daughter",
        ),
    ),
    Rule(
        id="crisis.self_harm.what_i_might_do",
        category="self_harm",
        rationale='"Scared of what I might do to myself".',
        pattern=rx(
            r"\b(?:what|something) (?:i|she|he) (?:might|could|may|will|would|am going to|is going to) do to "
            + REFL
            + r"\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=("I'm scared of what I might do to myself tonight",),
        does_not_fire_on=(
            "what she might do to the garden while I am away",
            "I might be pregnant",
        ),
    ),
    Rule(
        id="crisis.self_harm.do_something_to_myself",
        category="self_harm",
        rationale='"Do something (stupid) to myself".',
        pattern=rx(
            r"\b(?:do|doing|did|does) (?:something|anything) (?:stupid |silly |bad |terrible )?to " + REFL + r"\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I am scared I will do something to myself",
            "afraid she will do something to herself",
        ),
        does_not_fire_on=(
            "afraid of what dying will feel like. not that i want to, i'm just scared of it",
            "I'm scared of falling",
        ),
    ),
    Rule(
        id="crisis.self_harm.self_harm_word",
        category="self_harm",
        rationale="Self-harm, self-injury or self-mutilation in any form.",
        pattern=rx(r"\bself\s*harm(?:ing|ed|s)?\b|\bself\s*injur(?:y|e|ed|ing|ious|ies)\b|\bself\s*mutilat\w*"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I've started self-harming again",
            "self harm is the only thing that helps me cope",
            "found blood on my daughter's sleeves, she's been self harming since she became my carer",
        ),
        does_not_fire_on=(
            "no self harm",
            "I have never self harmed",
        ),
    ),
    Rule(
        id="crisis.self_harm.hurt_myself",
        category="self_harm",
        rationale=(
            "Cutting, burning, hurting, hitting or starving oneself; not an accident (a fall, "
            'cooking, shaving, the gym) unless on purpose, and not "beating myself up over it".'
        ),
        pattern=rx(
            r"\b(?:cut|cuts|cutting|burn|burns|burning|burnt|burned|hurt|hurts|hurting|harm|harms|harming|harmed|"
            r"injure|injuring|injured|scratch|scratching|scratched|punch|punching|punched|hit|hitting|bang|banging|"
            r"starve|starving|starved|mutilate|mutilating|bruise|bruising|carve|carving|"
            r"pick at|picking at)\s+" + REFL + r"\b"
        ),
        sentence=ACCIDENT,
        unless=ON_PURPOSE,
        after=rx(r"\s+(?:by|with) (?:worrying|thinking|overthinking|working)|\s+over (?:this|it|that)|\s+up about"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I want to hurt myself",
            "i've been hurting myself where nobody can see",
            "burned myself with the kettle on purpose last night to feel something other than the bone pain",
        ),
        does_not_fire_on=(
            "I don't want to hurt myself",
            "my counsellor asked if i ever think about hurting myself, i said no and i meant it. is it normal they ask that",
        ),
    ),
    Rule(
        id="crisis.self_harm.cut_body_part",
        category="self_harm",
        rationale=(
            "Cutting, burning or scratching one's arms, thighs or wrists; not an accident, "
            "surgery, a line or port, radiotherapy or sunburn unless on purpose. Revision 2 (2026-12-08, "
            'pending review, blind set 24): "sliced" is read like "cut" ("i sliced my thigh again tonight, it '
            'helps for a bit"); slicing while cooking is an accident.'
        ),
        pattern=rx(
            r"\b(?:cut|cutting|cuts|slash|slashing|slashed|slice|sliced|slicing|carve|carving|carved|burn|burning|burned|burnt|"
            r"scratch|scratching|scratched|stabbed|stab|stabbing|hit|hitting|punched|punching|bit|biting)\s+(?:my|her|his|their)\s+(?:own\s+|left\s+|right\s+)?"
            r"(?:arms?|thighs?|skin|legs?|stomach|tummy|hips?|body|wrists?|hands?|face|head)\b(?=.*\b(?:on purpose|deliberately|"
            r"intentionally|to feel|to punish|to cope|because|again|so i|so that|until|till|urge|release|numb)\b)|"
            r"\b(?:cut|cutting|cuts|slash|slashing|slice|sliced|slicing|carve|carving|burn|burning|scratch|scratching)\s+"
            r"(?:my|her|his|their)\s+"
            r"(?:arms?|thighs?|skin|legs|stomach|tummy|hips?|body|wrists?)\b"
        ),
        sentence=rx(
            r"\b(?:shaving|cooking|chopping|gardening|accident|accidentally|by mistake|on (?:a|the) "
            r"(?:fence|nail|glass|knife|tin|door|table|oven|stove|kettle|bramble|rose|branch|corner)|"
            r"picc|port|line|cannula|needle|surgery|operation|scar|radiotherapy|radiation|sunburn|sun)\b"
        ),
        unless=ON_PURPOSE,
        sources=SOURCES,
        review=PENDING,
        revision=2,
        fires_on=(
            "I burned my arm with the iron on purpose",
            "sliced my arm again last night, it's the only thing that helps",
            "i burned my arm on purpose so i could feel something else",
            "burned my arm with the lighter again last night. it's the only thing that makes the noise in my head stop",
        ),
        does_not_fire_on=(
            "I cut my arm on the fence",
            "I burnt my hand on the oven",
            "sliced my thumb chopping onions, it bled for ages because of my platelets",
        ),
    ),
    Rule(
        id="crisis.self_harm.head_banging",
        category="self_harm",
        rationale=(
            "Banging or hitting one's head against a wall or the floor until something stops, until it hurts or "
            'bleeds, or to make the noise stop (2026-12-08, pending review, blind set 24: "i keep banging my head '
            'against the wall until everything goes quiet"): self-injury to cope. Not the idiom for frustration ("like '
            'banging my head against a brick wall trying to get an appointment").'
        ),
        pattern=rx(
            r"\b(?:bang|bangs|banging|banged|smash|smashing|smashed|slam|slamming|slammed)\s+"
            r"(?:my|her|his|their)\s+head\s+(?:against|on|into|off)\s+(?:the|a|my|her|his)?\s*(?:brick\s+)?"
            r"(?:walls?|floor|door|headboard|table)\b(?=.*\b(?:until|till|so hard|to make (?:it|the|everything)|to stop|"
            r"quiet|numb|on purpose|deliberately|every night|to feel|when it (?:gets|all gets) too much)\b)"
        ),
        sentence=rx(
            r"\b(?:like|trying to|try to|with (?:the|this|that|these|those|my|her|his)|over (?:the|this|that)|"
            r"until (?:they|someone|somebody|the \w+|he|she) (?:listen|listens|answer|answers|reply|replies|call|calls|sort|"
            r"sorts|get back|gets back))\b"
        ),
        unless=rx(r"\b(?:on purpose|deliberately|to feel|until (?:it|everything|the noise|my head) )"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i keep banging my head on the floor until it goes numb",
            "she bangs her head against the wall till it bleeds when the pain gets too much",
        ),
        does_not_fire_on=(
            "it's like banging my head against a brick wall trying to get an appointment",
            "i fainted, banged my head on the table and there's a lump, it hurts and it bled a bit",
            "banging my head against the wall with this insurance form again",
        ),
    ),
    Rule(
        id="crisis.self_harm.urge_or_relapse",
        category="self_harm",
        rationale=("Cutting or self-harming again, urges to cut, a relapse into self-harm, a blade to the skin."),
        pattern=rx(
            r"\b(?:cutting|self harming|harming myself|hurting myself|burning myself)\s+again\b|"
            r"\b(?:urges?|urge|tempted|temptation|wanting|want)\s+to\s+(?:cut|self harm|harm myself|hurt myself|burn myself)\b|"
            r"\brelaps(?:e|ed|ing)\s+(?:into|on|with)?\s*(?:self harm|cutting)\b|\b(?:razor|blade)s?\s+(?:to|on|against)\s+"
            r"(?:my|her|his)\s+(?:arm|arms|skin|wrist|wrists|thigh|thighs|leg|legs)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I keep getting the urge to cut",
            "used my husband's razor on my thighs again",
        ),
        does_not_fire_on=("I don't want to hurt myself",),
    ),
)
