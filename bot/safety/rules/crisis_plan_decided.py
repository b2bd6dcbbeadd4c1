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
)
