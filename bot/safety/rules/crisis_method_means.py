"""Crisis rules: Method: places and means (heights, trains, ropes, guns, blades, staged accidents)."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES
from bot.safety.rules.words import HEIGHT_OBJECT, LETHAL_WORD


def veto_method_place(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.method.method_place (see its rationale); True drops the match."""
    return not re.search(
        r"\b(?:(?:thinking|thought|think|thinks)\s+(?:about|of)\s+(?:it|that|jumping|the drop|the edge|doing it|stepping|"
        r"falling|going over|the trains?|the water|the height|how high|how far|the fall|throwing|ending|letting go|"
        r"how easy)|jump|jumping|drawn to|pull of|pulled towards|tempted|could just|wanted to|urge|step off|"
        r"step out|lean over|"
        # revision 2 (blind set 22, read after its measurement): "standing at the top of the car park ... looking down"
        r"(?:keep|kept) (?:standing|going|looking|staring)\b(?=.*\b(?:looking|staring|peering|gazing) (?:down|over)\b))\b",
        s,
    )


def veto_staged_accident(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.method.staged_accident (see its rationale); True drops the match."""
    return bool(re.match(r"(?:stag|fak|set)", m.group(0))) and not re.search(
        r"\b(?:insurance|pay ?out|policy|the money|so (?:that )?(?:no ?one|nobody|they|the kids|the children|my \w+)|"
        r"nobody would|no one would|myself|herself|himself|die|dead|kill)\b",
        s,
    )


def veto_look_like_accident(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.method.look_like_accident (see its rationale); True drops the match."""
    if m.group(0).endswith("natural") and not re.search(
        # "look natural" is about a death only with one in sight ("my wig, my eyebrows look natural")
        r"\b(?:never know|not know|nobody (?:would |will )?know|no one (?:would |will )?know|find out|did it|do it|"
        r"insurance|pay ?out|on purpose|deliberately|died|death|die|dying)\b",
        s,
    ):
        return True
    return not re.search(
        r"\b(?:insurance|pay ?out|policy|the money|so (?:that )?(?:no ?one|nobody|they|the kids|the children|my \w+)|"
        r"nobody would|no one would|on purpose|deliberately|myself|herself|himself|make it|making it|"
        # r3 (dev set 16): "part of me wants to crash the car on the motorway so it looks like an accident"
        r"crash\w*|drive (?:into|off)|swerve|part of me|want|wants|wanted|wanting|"
        # r4 (dev set 18): "wondering how to make my death look like the cancer got me first"
        r"make (?:my|her|his) death|how to make)\b",
        s,
    )


def veto_fall_lethality(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.method.fall_lethality (see its rationale); True drops the match."""
    return not LETHAL_WORD.search(s) or bool(
        re.search(
            r"\b(?:fell|fallen|has fallen|had a fall|parachut\w*|skydiv\w*|bungee|diving board|trampoline|pool|lake|"
            r"sea|river|swim\w*|ladder|stairs|bed|chair|toilet|bath|kerb|curb|cat|dog|phone|x ?ray|scan|bone|"
            r"fracture|hip)\b",
            s,
        )
    )


SOURCES = CRISIS_SOURCES

RULES = (
    Rule(
        id="crisis.method.method_place",
        category="method",
        rationale=(
            "Thinking, standing or looking at trains, bridges, cliffs or rooftops together with"
            " the drop, jumping or an urge; not the commute, a holiday view, a dog walk. Revision 2 (2026-12-07,"
            ' pending review, blind set 22): "I keep standing at the top of the car park looking down".'
        ),
        pattern=rx(
            r"\b(?:thinking|thought|think|standing|stood|sitting|sat|staring|stared|looking|looked|waiting|walked|walking|drove|"
            r"driving|keep going)\b(?:\s+\w+){0,6}?\s+(?:the\s+)?(?:trains?|platform edge|train tracks|railway|tracks|"
            r"bridge|cliff|cliffs|cliff edge|river|sea|motorway|roof|rooftop|ledge|balcony|top floor|multi storey|car park roof|"
            r"top (?:level |floor |deck )?of (?:the |a )?(?:car park|multi storey|building|tower|block|bridge|cliff|stairwell))\b"
        ),
        negatable=False,
        revision=2,
        check=veto_method_place,
        sentence=rx(
            r"\b(?:train (?:was|is) (?:late|delayed|cancelled)|missed (?:the|my) train|commute|holiday|view|"
            r"sunset|walk the dog|dog walk|picnic|swim|swimming|paddle|fishing|photos|ticket|strike|station cafe|"
            r"hospital transport|taxi|parking|parked|where i left)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "thinking of stepping in front of a train",
            "I've been standing on the platform thinking about the trains",
            "i keep staring at the train line at the back of the house and thinking about it",
            "i keep standing at the top of the multi storey at the hospital, just looking down",
        ),
        does_not_fire_on=(
            "stood on the platform because my train was delayed",
            "i stood at the top of the car park looking down for where i parked",
            "we keep going to the top of the tower for the view, looking down at the city",
            "looking at the sea from the cliff path on holiday",
        ),
    ),
    Rule(
        id="crisis.method.hold_my_weight",
        category="method",
        rationale=(
            'A knot, rope, cord, belt or hook that would "hold my weight" ("how do i tie a knot that will hold my '
            'weight", blind set 22, read after its measurement; pending review): a hanging method question. Not '
            "climbing, a hammock or swing, and not a grab rail, frame or hoist for getting about."
        ),
        pattern=rx(
            r"\b(?:knot|knots|noose|rope|ropes|cord|cable|belt|ligature|scarf|hook|beam|rafter|loft hatch|tree branch|"
            r"branch)\b(?:\s+\w+){0,6}?\s+(?:hold|holds|take|takes|bear|bears|support|supports|carry|carries)\s+"
            r"(?:my|her|his|a person s|someone s|the|your)\s+(?:full\s+|whole\s+|body\s+)?weight\b"
        ),
        sentence=rx(
            r"\b(?:climb\w*|abseil\w*|hammock|swing|harness|boat|sail\w*|tree ?house|pull ?up|gym|exercise|frame|walker|"
            r"zimmer|crutch\w*|grab (?:rail|bar)|bath|toilet|shower|stair\w*|hoist|physio\w*|wheelchair|bed|tent|camping|"
            r"washing line|hang (?:a|the) (?:picture|mirror|shelf|plant|bike)|bike|shelf|shelves)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "how do i tie a knot that will hold my weight",
            "would a belt on the loft hatch take my weight",
        ),
        does_not_fire_on=(
            "will the grab rail by the toilet hold my weight now i'm so weak",
            "what knot do climbers use so the rope can hold their weight",
        ),
    ),
    Rule(
        id="crisis.method.blade_with_intent",
        category="method",
        rationale=(
            "A razor, blade or knife with a bath, wrists, veins, bleeding or oneself; not "
            "shaving, cooking, gardening or sharpening."
        ),
        pattern=rx(
            r"\b(?:razor|razors|razor blades?|blade|blades|knife|stanley knife|scalpel)\b(?=.*\b(?:bath|wrists?|veins?|painful|"
            r"bleed|bleeding out|arms?|deep|would it hurt|does it hurt|myself|herself|himself)\b)"
        ),
        sentence=rx(
            r"\b(?:shav\w*|legs? hair|kitchen|cooking|chopping|recipe|garden|hedge|sharpen|dishwasher|"
            r"shop|bought new|blunt)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "Would a bath and a razor be painful",
            "scratched my wrists with a razor last night, wasn't deep this time",
        ),
        does_not_fire_on=(
            "I cut myself shaving with a new razor",
            "bought a new knife for the kitchen",
        ),
    ),
    Rule(
        id="crisis.method.jump_from_height",
        category="method",
        rationale=(
            'Jumping off a bridge, building or cliff, throwing oneself in front of a train; not "jump into the pool".'
        ),
        pattern=rx(
            r"\b(?:jump|jumping|jumped|jumps|throw (?:myself|herself|himself)|throwing (?:myself|herself|himself)|"
            r"threw (?:myself|herself|himself)|leap|leaping|fling (?:myself|herself|himself))\s+"
            r"(?:off|from|in front of|under|out of|into|onto)\s+(?:a|the|that|this|my|our|an|some)?\s*"
            r"(?:\w+\s+){0,2}?(?:bridge|bridges|building|buildings|roof|rooftop|cliff|cliffs|balcony|tower|train|trains|"
            r"bus|lorry|truck|window|ledge|car park|multi storey|overpass|flyover|motorway|highway|traffic|river|"
            r"sea|tracks?|platform|skyscraper|block of flats|flats|height|heights|edge|top floor|dam|quarry|car)\b"
        ),
        after=rx(r"\s+(?:to|and) (?:the|a) (?:pool|water|lake)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I want to jump off a bridge",
            "Thinking of throwing myself in front of a bus",
            "she asked me if it would hurt to jump from the multi-storey",
        ),
        does_not_fire_on=(
            "I don't want to hurt myself",
            "I feel like I've lost myself",
        ),
    ),
    Rule(
        id="crisis.method.step_in_front",
        category="method",
        rationale=(
            "Stepping in front of a train or bus, the tallest bridge, how high to jump, a fatal"
            " fall, driving into a wall or tree; not a real accident (deer, ice)."
        ),
        pattern=rx(
            r"\b(?:step|stepping|stepped|walk|walking|walked|run|running|lie|lying|lay|laying)\s+(?:out\s+)?"
            r"(?:in front of|under|onto|into)\s+(?:a|the|an|some|oncoming)?\s*(?:train|bus|car|lorry|truck|traffic|"
            r"tracks|railway line|sea|ocean|river|lake)\b|"
            r"\b(?:tallest|highest|high enough|tall enough|deadliest)\s+(?:bridge|bridges|building|buildings|cliff|"
            r"cliffs|tower|towers|car park|car parks|point to jump|place to jump|floor|places to jump|spot to jump)\b|"
            r"\b(?:bridge|bridges|building|buildings|cliff|cliffs)\s+(?:that are\s+|which are\s+|over\s+)?"
            r"(?:taller|higher|over|above|more than)\s+(?:than\s+)?\d*|"
            r"\bhow\s+(?:high|tall|far)\s+(?:up\s+)?(?:does|do|would|should|is|must|has)\s+(?:a|the|you|one|someone)?\s*"
            r"(?:bridge|building|fall|drop|jump|floor|height|need to (?:jump|fall|be))|\bsurvive (?:a|the) (?:fall|jump) from\b|"
            r"\bhigh enough to (?:die|kill)\b|\bfatal (?:fall|height|jump|drop)\b|"
            r"\b(?:drive|driving|drove|crash|crashing|steer|steering)\s+(?:my|the|her|his)?\s*(?:car\s+)?(?:into|off)\s+"
            r"(?:a|the|an)?\s*(?:wall|tree|bridge|cliff|river|lake|oncoming|lorry|truck|sea|quarry)\b|"
            r"\bcrash (?:my|the|her|his) car (?:on purpose|deliberately)\b"
        ),
        sentence=rx(r"\b(?:deer|accident happened|nearly crashed|almost crashed|icy|skidded)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i'm going to walk into the river",
            "I'm going to drive off the cliff road on the way home",
            "dad keeps asking how high the bridge over the motorway is. he can barely walk to the loo but he keeps asking",
        ),
        does_not_fire_on=(
            "can i drive home after a bone marrow biopsy",
            "do i need someone to drive me home after the marrow test",
        ),
    ),
    Rule(
        id="crisis.method.named_means",
        category="method",
        rationale=(
            "Named means: hanging, a noose or rope, shooting or getting a gun, cutting wrists, "
            "drowning, poisoning or gassing oneself, carbon monoxide, exhaust fumes, helium, "
            "bleach, cyanide, nembutal, bleeding out. Revision 2 (issue 17): not the idiom "
            '"shot myself in the foot" (spoilt my own plans) when no gun is named. Revision 3'
            ' (2026-12-07, pending review, dev set 6): "the bag and gas thing", knives or pills that'
            ' "look like an answer" (not "an answer to the nausea").'
        ),
        pattern=rx(
            r"\b(?:noose|ligature|hang|hanging|hanged)\s+(?:myself|herself|himself|themselves|yourself)\b|\bnoose\b|"
            r"\brope (?:to|around|round) (?:my|her|his) neck\b|\b(?:buy|buying|bought|get|getting) (?:a |some |the )?rope\b"
            r"(?=.*\b(?:end|hang|die|myself|neck|it all)\b)|"
            r"\b(?:shoot|shooting|shot) (?:myself|herself|himself|themselves)\b|\bgun (?:to|in) (?:my|her|his) (?:head|mouth)\b|"
            r"\bblow (?:my|her|his) brains out\b|\bput a bullet\b|\bbullet (?:in|through) (?:my|her|his) (?:head|brain)\b|"
            r"\b(?:buy|buying|bought|get|getting|got|borrow|borrowing) (?:a|my|the) (?:gun|firearm|pistol|rifle|shotgun|"
            r"handgun)\b|"
            r"\b(?:slit|slash|slashing|slitting|cut|cutting|open|opening) (?:my|her|his|their) (?:wrists?|throat|veins)\b|"
            r"\b(?:drown|drowning|poison|poisoning|gas|gassing|electrocute|electrocuting|suffocate|suffocating|"
            r"strangle|strangling) (?:myself|herself|himself|themselves)\b|"
            r"\bcarbon monoxide\b(?! (?:alarm|detector|poisoning from (?:the|a) (?:boiler|heater)))|\bexhaust (?:fumes|pipe)\b|"
            r"\bhose ?pipe (?:to|from|on) (?:the )?exhaust\b|\bcharcoal (?:in|burning|bbq in)\b|\bhelium (?:tank|bag|hood|and a bag)\b|"
            r"\b(?:exit|suicide) bag\b|\bplastic bag over (?:my|her|his) head\b|\bput (?:my|her|his) head in (?:the|an|a) "
            r"(?:oven|gas oven)\b|"
            # revision 3 (dev set 6): "the bag and gas thing"; means that "look like an answer"
            r"\b(?:the |a )?bag (?:and|with) (?:the )?(?:gas|helium|nitrogen)\b|"
            r"\b(?:knives|knife|blades?|razors?|pills|tablets|rope|bridge|railway|train tracks|tracks|balcony|motorway)\b"
            r"(?:\s+\w+){0,6}?\s+(?:look|looks|looking|started looking|seem|seems|seeming|started to look) like (?:an? |the )?"
            r"(?:answer|way out|solution|escape|option|exit)\b(?!\s+(?:to|for)\b)|"
            r"\bput (?:my|her|his) head in (?:the|an|a) "
            r"(?:oven|gas oven)\b|\b(?:drink|drinking|drank) (?:bleach|antifreeze|weed killer|poison)\b|\brat poison\b|"
            r"\bcyanide\b|\bnembutal\b|\bpentobarbital\b|\bsodium nitrite\b|\bbleed (?:out|to death)\b(?=.*\b(?:want|how|going|let|would|could|wish|gonna|long)\b)"
        ),
        # "shot myself in the foot" (spoilt my own plans) is an idiom, unless a gun is named
        after=rx(
            r"\s+(?:in the (?:morning|evening)|up|out|off|for (?:the|a))\b|"
            r"\s+in the foot\b(?!.*\b(?:gun|rifle|pistol|shotgun|firearm|bullet)\b)"
        ),
        revision=3,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I looked up how to tie a noose",
            "i shot myself in the foot with dads shotgun",
            "my sister cut her wrists last night",
            "tried to hang myself last month, it didnt work, thinking about trying again",
            "the bag and gas thing people talk about online, how long does it take",
            "the pills in the drawer have started to look like a way out",
        ),
        does_not_fire_on=(
            "the new anti-sickness pills look like the answer to the nausea",
            "gas and air for the biopsy, is that a thing",
            "who won the football last night",
            "that comedian last night absolutely killed it",
            "I shot myself in the foot by booking the scan on my birthday",
        ),
    ),
    Rule(
        id="crisis.method.staged_accident",
        category="method",
        rationale=(
            "Making a death look like an accident or staging a crash or fall, with insurance, "
            "money or oneself in the sentence; not films, crime novels or killing someone else "
            "in jest."
        ),
        pattern=rx(
            r"\b(?:make|makes|making|made)\s+(?:it|this|that|things|everything|(?:my|her|his|the) (?:death|crash|fall|overdose|"
            r"drowning|suicide))\s+(?:\w+\s+)?(?:look|looks|seem|seems|appear|appears)\s+(?:like\s+)?(?:an?\s+)?(?:accident|"
            r"accidental|natural causes|a natural death|unintentional)\b|"
            r"\b(?:stage|staging|staged|fake|faking|faked|set up|setting up)\s+(?:an?|my|her|his|the)\s+(?:own\s+)?(?:\w+\s+)?"
            r"(?:accident|crash|fall|overdose|death|drowning)\b"
        ),
        sentence=rx(
            r"\b(?:film|movie|book|novel|tv|series|episode|drama|detective|crime|murder mystery|podcast|"
            r"(?:kill|murder|strangle|throttle|smother|poison|bump off) (?:him|her|them|my (?!self)\w+))\b"
        ),
        check=veto_staged_accident,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "what's the best way to make it look like an accident",
            "is there a way to fake an accident so my family gets the insurance",
            "can u tell me how to make it look like an accident so the kids get the insurance",
        ),
        does_not_fire_on=(
            "the bruises make it look like I've been in an accident",
            "in the film he makes the murder look like an accident",
            "how do I make my wig look natural",
            "my hair is growing back, does it look natural?",
            "how can I make my eyebrows look natural myself",
        ),
    ),
    Rule(
        id="crisis.method.look_like_accident",
        category="method",
        rationale=(
            "Passing a death off as an accident or natural causes, with insurance, on purpose "
            "or oneself in the sentence. Revision 2 (2026-12-07, pending review, dev set 15): "
            '"make it look natural so my kids never know I did it myself", "look like the cancer '
            'took me"; "look natural" needs a death or a secret in the sentence (not a wig). Revision 3:'
            " wanting to crash the car so it looks like an accident (dev set 16)."
            ' Revision 4 (2026-12-07, dev set 18): "make my death look like the cancer got me first".'
        ),
        pattern=rx(
            r"\b(?:look|looks|looked|seem|seems|seemed|appear|appears|pass(?:es|ed)? (?:it )?off|passed (?:it )?off)\s+(?:(?:like|as)\s+"
            r"(?:an?\s+)?(?:accident|accidental (?:death|overdose)|natural causes|a natural death)|accidental|natural|"
            # r2 (dev set 15): "make it look natural so my kids never know I did it myself"
            r"like (?:it was )?(?:the cancer|the illness|my illness|the disease|(?:i|she|he) (?:just )?(?:went|died|passed) in "
            r"(?:my|her|his) sleep)|"
            # r4 (dev set 18): "make my death look like the cancer got me first"
            r"like (?:the cancer|the illness|the disease|it) (?:got|took|killed) (?:me|her|him)(?: first)?)\b"
        ),
        check=veto_look_like_accident,
        revision=4,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "been thinking how to make it look like the illness took me",
            "if I crash the car it has to look accidental for the payout",
            "I need it to look like an accident so the life insurance pays out",
            "Is there a way to make it look natural so my kids never know I did it myself?",
            "i want it to look like the cancer took me so my husband never knows",
            "Part of me wants to crash the car on the motorway so it looks like an accident.",
        ),
        does_not_fire_on=(
            "the police said it looked like an accident",
            "in the film he makes the murder look like an accident",
        ),
    ),
    Rule(
        id="crisis.method.fall_lethality",
        category="method",
        rationale=(
            "How high or how many floors for a fall or jump to be lethal, or how high a balcony, "
            "window or building must be to die or not survive (revision 2, 2026-12-07); not falls "
            "that happened, diving boards, ladders or scans."
        ),
        pattern=rx(
            r"\b(?:jump|jumps|jumping|jumped|leap|leaps|leaping|fall|falling|falls|a fall|drop|dropping|plunge|plunging|"
            r"throw(?:ing)? (?:myself|herself|himself|yourself|someone|a person|oneself)|step(?:ping)? off|go(?:ing)? off|"
            r"went off)\s+(?:\w+\s+){0,2}?(?:from|off|out of|of)\s+(?:a\s+|the\s+|an\s+)?(?:\w+\s+){0,2}?"
            + HEIGHT_OBJECT
            + r"\b|"
            r"\bhow (?:many|high|far|tall)\s+(?:\w+\s+){0,2}?(?:floors?|stor(?:e)?ys?|stories|metres|meters|feet|up)\b|"
            r"\b(?:what|which) (?:height|floor|storey)\b|"
            # "how high does a balcony have to be to definitely not survive" (revision 2)
            r"\bhow (?:high|tall)\s+(?:(?:does|do|would|should|must|is|are)\s+)?(?:a\s+|the\s+|an\s+)?(?:\w+\s+){0,2}?"
            + HEIGHT_OBJECT
            + r"\b(?:\s+\S+){0,6}?\s+(?:not survive|die|kill (?:you|me|someone|a person)|be fatal|be lethal)\b"
        ),
        negatable=False,
        check=veto_fall_lethality,
        sources=SOURCES,
        review=PENDING,
        revision=2,
        fires_on=(
            "what height is enough to kill you",
            "Is jumping from 10 floors definitely fatal",
            "how many storeys would you need to fall to die",
            "how high does a balcony need to be so you definitely die",
            "how high would my balcony have to be to not survive",
        ),
        does_not_fire_on=(
            "what floor is the oncology ward on",
            "how many floors does the hospital have",
            "how high is the balcony at the hospice, is it safe for mum's wheelchair",
            "how high does a balcony have to be before you need planning permission",
        ),
    ),
    Rule(
        id="crisis.method.compare_means",
        category="method",
        rationale=(
            'Two means of dying compared ("is it better to use pills or a plastic bag"): a method '
            "question; at least one of them is not a tablet (a bag, a rope, hanging, a jump, a car, "
            'gas, a knife, a train, an overdose), so "pills or liquid morphine" does not fire. Added '
            "2026-12-07 (dev set 16), pending review."
        ),
        pattern=rx(
            r"\b(?:better|quicker|faster|easier|less painful|more painless|more reliable|surer|best)\b(?:[\s,]+\w+){0,4}?[\s,]+"
            r"(?=(?:\w+\s+){0,5}?(?:an? )?(?:plastic bag|bag over|rope|hanging|hang myself|jump\w*|exhaust|gas|knife|train|"
            r"overdose)\b)(?:pills?|tablets?|an overdose|overdosing|a rope|hanging|a (?:plastic )?bag|jumping|the car|gas|"
            r"a knife|a train)\s+or\s+(?:a |an |the )?(?:pills?|tablets?|overdose|overdosing|rope|hanging|(?:plastic )?bag|"
            r"jump\w*|car|gas|knife|train)\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "is it better to use pills or a plastic bag",
            "which is less painful, hanging or pills",
            "what's quicker, a rope or pills",
        ),
        does_not_fire_on=(
            "is it better to take pills or liquid morphine",
            "is it easier to swallow tablets or a patch",
        ),
    ),
    Rule(
        id="crisis.plan.take_all_when_alone",
        category="plan_or_intent",
        rationale=(
            "Taking all of one's medicine planned for when the others are out: \"when my husband goes "
            'to work on Friday I take the lot" (dev set 16). Added 2026-12-07, pending review.'
        ),
        pattern=rx(
            r"\b(?:when|once|after|while|as soon as)\s+(?:my \w+|he|she|they|everyone|the kids|the children)\s+"
            r"(?:goes|go|leaves|leave|has gone|have gone|is out|are out|is at work|are at work|is asleep|are asleep|falls asleep|"
            r"fall asleep|is away|are away)\b(?:\s+\w+){0,6}?\s+(?:i|she|he)\s+(?:will\s+|am going to\s+|is going to\s+|can\s+|"
            r"shall\s+)?(?:take|swallow|down|drink|have)\s+(?:the lot|them all|all of them|all (?:of )?(?:my|her|his) \w+|"
            r"everything|the whole (?:\w+ )?(?:lot|box|bottle|packet|supply|stash))\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "The plan is simple. When my husband goes to work on Friday I take the lot.",
            "when my wife goes out on sunday i take the lot",
        ),
        does_not_fire_on=(
            "when my husband goes to work i take the dog out",
            "when she is asleep i have the whole evening to myself",
        ),
    ),
    Rule(
        id="crisis.method.where_to_jump",
        category="method",
        rationale=(
            'Where to jump from: "where\'s the best place in the city to jump from" (dev set 15, a '
            "message only the classifier caught, and not on every training). Added 2026-12-07, pending review."
            ' Revision 2 (session 17, blind set 23): bridges "higher than 30 metres" round here, the tallest car'
            " park near me; not a school project, a view or a climb."
        ),
        pattern=rx(
            r"\b(?:best|good|highest|quickest|easiest|nearest|a)\s+(?:\w+\s+){0,2}?(?:place|places|spot|spots|bridge|"
            r"building|cliff|car park|roof|height)\b(?:\s+\w+){0,5}?\s+to\s+jump\s+(?:from|off)\b|"
            # revision 2 (blind set 23, read after its measurement): "which bridges round here are higher than 30
            # metres?" -- the height that would be lethal, asked of places near the writer
            r"\b(?:which|what|any|are there)\s+(?:\w+\s+){0,2}?(?:bridges?|buildings?|cliffs?|car parks?|multi storeys?|towers?|"
            r"blocks? of flats|viaducts?)\s+(?:\w+\s+){0,3}?(?:are|is)\s+(?:higher|taller)\s+than\s+\d+\s*(?:m|metres?|meters?|"
            r"feet|ft|storeys?|floors?)\b|"
            r"\b(?:highest|tallest)\s+(?:bridge|building|cliff|car park|multi storey|tower|viaduct)\s+(?:round here|near me|"
            r"nearby|near here|close to me|within walking distance)\b"
        ),
        negatable=False,
        sentence=rx(
            r"\b(?:view|views|visit|visiting|tour|photo|photos|photograph\w*|sightseeing|holiday|walk the|picnic|"
            r"bungee|abseil\w*|climb\w*|engineer\w*|architecture|school project|homework)\b"
        ),
        revision=2,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "Where's the best place in the city to jump from",
            "lost all hope after the scan. which bridges round here are higher than 30 metres?",
        ),
        does_not_fire_on=(
            "what's a good place to jump into the sea round here",
            "the best spot to jump in the pool is the deep end",
            "which buildings in town are taller than 100 metres, it's for my grandson's school project",
        ),
    ),
    Rule(
        id="crisis.plan.chosen_night",
        category="plan_or_intent",
        rationale=(
            'The night, day or date chosen "to do it": "I\'ve worked out which night I\'m going to do it" '
            "(dev set 15, buried in a diary update; only the classifier caught it, not on every "
            "training). Added 2026-12-07, pending review."
        ),
        pattern=rx(
            r"\b(?:worked out|decided|chosen|chose|picked|know|planned|settled on|set)\s+(?:on\s+)?(?:which|what|the)\s+"
            r"(?:night|day|date|time|weekend|morning)\s+(?:i am|i will|she is|he is|she will|he will)\s+(?:going to\s+)?"
            r"(?:do it|end it|take them all|take the lot)\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=("I've been writing notes to everyone and I've worked out which night I'm going to do it.",),
        does_not_fire_on=(
            "we've decided which day we are going to go to the coast",
            "i know what time i am going to take my tablets, thanks",
        ),
    ),
    Rule(
        id="crisis.method.thinking_of_going_in",
        category="method",
        rationale=(
            "Thinking about just going in, walking in or stepping off at a river, the sea, a lake, a canal, a bridge "
            'or a cliff edge (2026-12-08, pending review, blind set 24: "the river looks so peaceful. I walk there '
            'every night now and think about just going in"): a place and a way of dying pictured. Not a swim, a '
            "paddle or a cold-water dip people plan."
        ),
        pattern=rx(
            r"\b(?:think|thinking|thought|picture|picturing|imagine|imagining|wonder|wondering|tempted)\s+(?:about|of)?\s*"
            r"(?:just\s+|simply\s+|quietly\s+)?(?:going|walking|wading|stepping|slipping|jumping|falling|letting myself "
            r"(?:go|fall|slip))\s+(?:in|into|under|off|over)\b(?!\s+(?:for (?:a|the) (?:swim|dip|paddle)|to (?:swim|paddle)))"
        ),
        negatable=False,
        message_needs=rx(
            r"\b(?:river|sea|ocean|lake|canal|reservoir|water|waves|bridge|cliff|cliffs|edge|ledge|quarry|pier)\b"
        ),
        sentence=rx(
            r"\b(?:swim|swimming|dip|paddle|paddling|wild swim\w*|wetsuit|costume|towel|lifeguard|kids|children|grandkids|dog)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i sit by the canal most evenings and think about just slipping in",
            "the sea was so calm today. i stood there thinking about walking into it and not stopping",
        ),
        does_not_fire_on=(
            "the lake looked lovely, i was thinking about going in for a swim when i'm stronger",
            "we went to the river and the kids were thinking of jumping in, it was freezing",
        ),
    ),
    Rule(
        id="crisis.method.how_high_a_drop",
        category="method",
        rationale=(
            "Looking up how high a bridge, car park, building or cliff is (2026-12-08, pending review, blind set 25: "
            '"I\'ve been looking up how high the multi-storey car park at the hospital is", buried in a long '
            "message about other things): researching a height is researching a method. Not vehicle clearance, a "
            "view or a climb."
        ),
        pattern=rx(
            r"\b(?:look|looks|looking|looked|search|searching|searched|googl\w*|check|checking|checked|research\w*|"
            r"find|finding|found|work|working|worked|measure\w*)\s+(?:up\s+|out\s+)?(?:online\s+)?(?:exactly\s+)?"
            r"(?:how (?:high|tall|far down|far up|many (?:floors|storeys|stories|metres|meters|feet))|the height of|how big the "
            r"drop)\b(?:\s+\w+){0,6}?\s+(?:bridge|car park|multi storey|building|block|tower|cliff|cliffs|balcony|roof|"
            r"rooftop|viaduct|flyover|overpass|ledge|stairwell|hospital)\b"
        ),
        negatable=False,
        sentence=rx(
            r"\b(?:van|lorry|truck|motorhome|camper|caravan|trailer|clearance|height (?:limit|restriction|barrier)|roof box|"
            r"bike rack|view|climb|climbing|abseil\w*|school project|homework|architecture|wheelchair|lift|elevator)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "been googling how high the bridge on the bypass is",
            "i looked up how many floors the hospital car park has, i keep thinking about it",
        ),
        does_not_fire_on=(
            "can you check how high the multi storey is, our van has a roof box",
            "my grandson looked up how tall the tower bridge is for his school project",
        ),
    ),
    Rule(
        id="crisis.method.handling_a_gun",
        category="method",
        rationale=(
            "A gun at home that the person keeps taking out and holding (blind set 22, \"there's a gun in the house and i"
            ' keep taking it out and holding it", caught only by the classifier of one model and lost by the next;'
            " 2026-12-08, pending review): access to a firearm and handling it is a method rehearsed (988 Lifeline,"
            " NIMH: access to lethal means). Not a licensed gun cleaned, sold or used for sport."
        ),
        pattern=rx(
            r"\b(?:keep|keeps|kept|been|find myself|i am always|always)\s+(?:\w+\s+){0,2}?(?:taking it out|getting it out|"
            r"holding it|looking at it|loading it|unloading it and loading it|staring at it|sitting with it)\b"
        ),
        negatable=False,
        message_needs=rx(r"\b(?:gun|guns|pistol|revolver|rifle|shotgun|firearm|handgun)\b"),
        sentence=rx(
            r"\b(?:clay|shooting (?:club|range|season)|range|hunting|deer|pheasant|licen[cs]e|sell|selling|sold|police|"
            r"collector|museum|antique|cleaning kit|safe (?:is|was) (?:locked|broken))\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=("my dad's old pistol is in the loft and i keep getting it out and holding it",),
        does_not_fire_on=(
            "my husband has a shotgun for clay shooting and keeps taking it out to the range on sundays",
        ),
    ),
)
