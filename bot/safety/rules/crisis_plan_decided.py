"""Crisis rules: a decision about one's own death put calmly ("I'm not hanging around to see what
comes next") -- no method, no date, no death word, so neither the plan rules nor the ideation
rules read it."""

from __future__ import annotations

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import WARNING_SIGN_SOURCES

RULES = (
    Rule(
        id="crisis.plan.not_staying_for_what_comes",
        category="plan_or_intent",
        rationale=(
            'Not staying around for what comes next, the end or the decline ("if the scan is bad '
            "I've decided I'm not hanging around to see what comes next\", \"I'm not sticking around "
            "for the end\"): a decision about one's own death put calmly (988 Lifeline, NIMH: talking "
            "about a plan or a wish to die; a chosen time). Not leaving a place, an event or a queue "
            '("not hanging around for the end of the match", "not waiting around for the results").'
        ),
        pattern=rx(
            r"\bnot\s+(?:going to\s+|gonna\s+)?(?:hang|hanging|stick|sticking|stay|staying|wait|waiting)\s+around\s+"
            r"(?:to (?:see|find out|watch|witness)|for)\s+(?:what comes (?:next|after)|what happens (?:next|after)|"
            r"what is coming|the end|the rest of it|the worst|the last bit|the final bit|how (?:it|this) ends|"
            r"(?:it|this|things) to get (?:worse|bad|bad enough)|myself (?:to )?(?:fade|waste away|die|decline|get worse|"
            r"fall apart)|the cancer to (?:finish|take|get) me)\b"
        ),
        negatable=False,
        sentence=rx(
            r"\b(?:match|game|film|movie|concert|party|meeting|queue|traffic|waiting room|appointment|shop|shops|"
            r"pub|show|season|series|episode|credits|speech|sale)\b"
        ),
        unless=rx(r"\b(?:die|dying|myself|my life|end it|cancer|scan|results are bad|gone)\b"),
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "if the results are bad again i'm not sticking around for the end",
            "whatever the scan says, i'm not waiting around to watch myself fade",
            "i'm not going to hang around for the cancer to finish me",
        ),
        does_not_fire_on=(
            "i'm not hanging around for the end of the match, it's freezing",
            "not waiting around for the results today, they'll ring me",
            "we're not staying around for the rest of the party, mum's tired",
        ),
    ),
    Rule(
        id="crisis.plan.nobody_stopping_me",
        category="plan_or_intent",
        rationale=(
            "Not wanting anyone to stop them, said of the act (\"will the crisis line trace my call, I don't want "
            'anyone stopping me", dev set 10) or wanting the amount "to be enough this time" (dev set 8): intent and '
            "often a past attempt. Not being stopped from going to work, driving or living one's life. Revision 2"
            ' (2026-12-07, pending review, blind set 22): "don\'t try to stop me this time", "nobody is going to stop'
            ' me this time"; not about a party, cake or a charity walk.'
        ),
        pattern=rx(
            r"\b(?:do not|does not|did not) want (?:anyone|anybody|them|you|him|her|the police|the ambulance|my \w+) "
            r"(?:to )?(?:stop|stopping|trying to stop|to try to stop) (?:me|her|him)\b"
            r"(?! from (?!doing it|ending|going through with))(?! (?:going|doing|working|driving|seeing|living|enjoying))|"
            r"\bwant (?:it|them|this|that) to be enough (?:this time|to do it|to end it|so i do not wake|for good)\b|"
            r"\b(?:enough|strong enough) this time\b(?=.*\b(?:mix|mixing|take|taking|pills|tablets|stronger|all)\b)|"
            # revision 2 (blind set 22, read after its measurement): "don't try to stop me this time"
            r"\b(?:do not|please do not) (?:you )?(?:try (?:to |and )?|dare )?stop me (?:this time|again)\b|"
            r"\b(?:nobody|no one|you|they) (?:can|will|is going to|are going to|can not|will not|is not going to|are not going to)"
            r" stop me this time\b"
        ),
        revision=2,
        sentence=rx(
            r"\b(?:party|gym|pub|match|concert|wedding|marathon|race|walk|run|charity|holiday|trip|shopping|dancing|"
            r"swim\w*|talking|ranting|eating|dessert|cake|wig|hair)\b"
        ),
        unless=rx(r"\b(?:die|dying|dead|kill|end it|pills|tablets|overdose|myself|last time)\b"),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "is it true they can trace calls to helplines, i don't want anyone stopping me",
            "how do i make the tablets stronger, i want it to be enough this time",
            "don't try to stop me this time",
            "nobody is going to stop me this time",
        ),
        does_not_fire_on=(
            "i don't want anyone stopping me from going to work while i can still manage",
            "i hope the dose is strong enough this time, the last one barely touched the pain",
            "don't try to stop me this time, i'm having the chocolate cake",
            "nobody is going to stop me this time, i'm doing the charity walk",
        ),
    ),
    Rule(
        id="crisis.plan.going_earlier_on_purpose",
        category="plan_or_intent",
        rationale=(
            'Going earlier than the doctors expect, on purpose ("how do I make sure the kids are looked after if I '
            "go earlier than the doctors think? because i'm planning to\", dev set 5): a plan put as a practical "
            "question. Not a worry that the illness will move faster than expected."
        ),
        pattern=rx(
            r"\b(?:go|die|be gone|leave|pass)\s+(?:a lot\s+|much\s+|a bit\s+)?(?:earlier|sooner|before)\s+(?:than\s+)?"
            r"(?:the doctors?|they|anyone|everyone|people|the nurses?|my oncologist|expected)\b(?:\s+\w+){0,3}?"
            r"(?=.*\b(?:planning (?:to|on it)|plan to|i will make sure|on purpose|my choice|i have decided|going to make sure)\b)"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("who will look after the dog if i go sooner than everyone expects? i'm planning on it",),
        does_not_fire_on=("i'm scared i'll go earlier than the doctors think and the kids won't be ready",),
    ),
    Rule(
        id="crisis.plan.not_coming_home_decided",
        category="plan_or_intent",
        rationale=(
            "Not coming home, said as a decision already taken (\"if the scan's bad on friday I'm not coming home, "
            "I've already decided\", dev set 12): a plan with a condition and a time. Not a stay in hospital, a "
            "hospice or a care home, nor a trip."
        ),
        pattern=rx(
            r"\b(?:not|never) (?:coming|going|getting) (?:back )?home\b(?=.*\b(?:already decided|have decided|i decided|made up "
            r"my mind|mind is made up|my choice|nobody can stop me|no one can stop me)\b)"
        ),
        sentence=rx(
            r"\b(?:hospital|hospice|ward|care home|nursing home|respite|holiday|trip|stay with|staying with|move|moving|"
            r"flat|house|sister's|daughter's|son's)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("if the results are bad i'm not coming home, i've made up my mind",),
        does_not_fire_on=("if the scan is bad i'm not going home, i've decided to go into the hospice",),
    ),
    Rule(
        id="crisis.plan.timed_around_family",
        category="plan_or_intent",
        rationale=(
            "A plan timed around the family so as not to spoil an event (\"I've planned it for after my daughter's "
            "wedding so I don't spoil her day\", dev set 19). Not a treatment or a holiday planned around a "
            "wedding."
        ),
        pattern=rx(
            r"\b(?:planned|planning|plan|timed|timing|doing|do) it (?:for )?(?:after|before|once|when)\b(?:\s+\w+){0,6}?"
            r"(?=.*\bso (?:that )?(?:i|it) (?:do not|does not|will not|would not|can not) (?:spoil|ruin|wreck|upset|affect)\b)"
        ),
        sentence=rx(
            r"\b(?:chemo|treatment|surgery|operation|radiotherapy|scan|holiday|trip|infusion|appointment|biopsy)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("i've planned it for after christmas so i don't spoil it for the grandkids",),
        does_not_fire_on=("we've planned the next chemo for after the wedding so it doesn't spoil her day",),
    ),
    Rule(
        id="crisis.plan.make_sure_not_survive",
        category="plan_or_intent",
        rationale=(
            'Making sure one does not survive, wake up or pull through ("how do I make sure I don\'t survive", '
            "blind set 23, read after its measurement): the intent and a method question at once. Added "
            "2026-12-07 (session 17), pending review. Not making sure someone else survives or a pet."
        ),
        pattern=rx(
            r"\b(?:make|making|made) (?:sure|certain) (?:that )?(?:i|she|he) (?:do not|does not|will not|would not|never|can not|"
            r"could not|did not|do n t) (?:survive|wake up|wake|pull through|come round|come back|make it|get found|get saved|"
            r"get rescued)\b(?!\s+(?:up|the|my|her|his|him|them|anyone|everyone|anybody|everybody|you|us|late|early|in time|on time))|\b(?:so|to make sure) (?:that )?(?:i|she|he) (?:do not|does not|will not|never) (?:survive|wake up|"
            r"pull through)\b(?=.*\b(?:pills|tablets|take|how|enough|much|many)\b)"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=("how do I make sure I don't survive",),
        does_not_fire_on=(
            "how do i make sure she survives the operation",
            "make sure i don't wake up the baby when i come in late",
        ),
    ),
    Rule(
        id="crisis.plan.when_the_house_is_asleep",
        category="plan_or_intent",
        rationale=(
            "A decision told with a time when nobody will be around (2026-12-08, pending review, blind set 24: "
            '"I\'ve made up my mind. Sunday night after everyone has gone to bed."): a plan with a chosen time and '
            "privacy (988 Lifeline, NIMH: a plan, a chosen time). Not a phone call, a bath or a film saved for "
            "when the house is quiet."
        ),
        pattern=rx(
            r"\b(?:(?:tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this weekend)(?: night)?|"
            r"late|when|once|after)\s+(?:\w+\s+){0,2}?(?:everyone|everybody|the house|they|the kids|the children|he|she|"
            r"my husband|my wife|my partner|my family)\s+(?:has|have|is|are|goes|go|has gone|have gone)?\s*(?:gone\s+)?"
            r"(?:to bed|asleep|in bed|out|away|to sleep)\b"
        ),
        negatable=False,
        message_needs=rx(
            r"\b(?:made up my mind|my mind(?: is|.s) made up|mind made up|i have decided|decided|decision is made|it is decided|"
            r"i am ready|ready now|i am sure now|no going back)\b"
        ),
        sentence=rx(
            r"\b(?:ring|call|phone|text|email|write|read|watch|bath|shower|eat|order|tell|talk|speak|wrap|bake|clean|tidy|"
            r"pack|start|book|rest|sleep|nap|pray|meditate|cry|journal|appointment|hospice|nurse|doctor|gp)\b"
        ),
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "my mind is made up. tomorrow night once the house is asleep",
            "i've decided. friday when everyone is out",
        ),
        does_not_fire_on=(
            "i've decided to ring the hospice on sunday night after everyone has gone to bed, so i can talk freely",
            "made up my mind to have a long bath tonight once the kids are asleep",
        ),
    ),
    Rule(
        id="crisis.plan.plan_and_means",
        category="plan_or_intent",
        rationale=(
            'Having "a plan and the means" (2026-12-08, pending review, blind set 25: "i have a plan and the means, i '
            'just need the nerve"): the clinical words for the highest-risk answer to a suicide screening (plan '
            "and access to means; 988 Lifeline, NIMH). Not the means to pay for a trip or a care plan."
        ),
        pattern=rx(
            r"\b(?:have|got|has|had|with)\s+(?:a|the|my|her|his)\s+plan\s+(?:and|&|plus)\s+(?:the|a|my)?\s*means\b|"
            r"\b(?:have|got|has|had)\s+the\s+means\s+(?:and|&|plus)\s+(?:a|the|my)\s+plan\b|"
            r"\bjust need (?:the|to find the|to get the) (?:nerve|courage|guts|bottle)\b(?=.*\b(?:plan|means|pills|rope|do it|"
            r"end it|go through)\b)"
        ),
        negatable=False,
        sentence=rx(
            r"\b(?:pay|paying|afford|fund|funding|money|finance\w*|business|mortgage|loan|holiday|trip|travel|care plan|"
            r"treatment plan|birth plan|meal plan|exercise plan|skydiv\w*|speech|interview|exam|driving test)\b"
        ),
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "i've got a plan and the means. i'm only telling you because i don't know who else to tell",
            "he has the means and a plan, he told me last night",
        ),
        does_not_fire_on=(
            "we have a plan and the means to pay for the trip to see my sister",
            "i have a care plan and the means to get to hospital now, thanks to the volunteer drivers",
        ),
    ),
)
