"""Crisis rules: A wish to die, not to wake up, for it all to be over or to come sooner."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES, WARNING_SIGN_SOURCES
from bot.safety.rules.words import ADV, DEATH_TARGET, DESIRE, DIE_PLACE, DIE_PLACE_CHOICE, FEAR_BEFORE, THAN_MISS


def veto_desire_for_death(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.desire_for_death (see its rationale); True drops the match."""
    return bool(
        re.search(
            r"\b(?:not want|not wanting|not ready|not wish|scared|afraid|terrified|fear|frightened|worried|worry|"
            r"worries|nightmare|dread|anxious|not hoping|hope not|hope i do not|hope she does not|hope he does not)\b"
            r"(?:\s+\w+){0,3}?\s*$",
            s[max(0, m.start() - 40) : m.start()],
        )
        or re.search(r"\b(?:do not|does not|did not|never|not) (?:want|wish|hope|pray|wanting|wishing)", m.group(0))
        or re.search(r"\bhope\b.{0,30}\b(?:the end of it|be over|over with)\b", m.group(0))
        or re.search(
            r"\bbefore (?:the cancer|cancer|it|this disease|the disease|the tumou?rs?|this illness) "
            r"(?:takes|gets|kills|finishes) (?:me|her|him)\b",
            m.group(0),
        )
        or re.search(
            r"\b(?:when|before|after|once|until|till|by the time|if|in case|for when|at|where) (?:i|she|he|we|they|"
            r"my|her|his|the) (?:\w+ )?(?:die|dies|died|am dead|is dead|am gone|is gone|death|dying|end)\b",
            m.group(0),
        )
        or re.search(
            r"\b(?:talk|talking|speak|speaking|learn|learning|know|ask|asking|questions?|read|reading|hear|"
            r"plan|planning|prepare|preparing|discuss|discussing|understand|information|info|more|leaflet|"
            r"explain|think|thinking|write|writing|film|book|documentary|wishes|preferences|"
            r"funeral|will)\b(?:\s+\w+){0,2}?\s+(?:about|for|on|around|of|regarding)\b",
            m.group(0),
        )
        or re.search(
            r"\b(?:know|understand|learn|explain|tell (?:me|her|him|us)) (?:the )?differences? between\b", m.group(0)
        )
        or re.search(
            r"\b(?:my|her|his) death (?:to be|to happen|to come (?:at|in)|at home|in (?:a|the) hospice)\b",
            s[m.start() : m.end() + 30],
        )
        or re.search(
            r"\b(?:chemo|treatment|radiotherapy|scan|scans|week|cycle|pain|nausea|waiting|appointment|"
            r"results|surgery|operation|biopsy|infusion)\b",
            m.group(0),
        )
    )


def veto_want_to_die(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.want_to_die (see its rationale); True drops the match."""
    return m.group(0).startswith("going") and "going to die" in m.group(0)


def veto_sleep_and_never_wake(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.sleep_and_never_wake (see its rationale); True drops the match."""
    return bool(FEAR_BEFORE.search(s[: m.start()])) and not re.search(
        r"\b(?:want|wish|hope|pray|rather|like to)\b", s[: m.start()]
    )


def veto_not_coming_back(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.not_coming_back: driving or walking off "and never coming back"
    needs a thought or urge in the sentence (not a plan to move away). True drops the match."""
    if re.match(
        r"(?:drive|driving|drove|walk|walking|walked|get|getting|go|going|swim|swimming|wade|wading)\b", m.group(0)
    ):
        # the swim / drive is thought of, wanted or announced, not a hobby
        return not re.search(
            r"\b(?:think\w*|thought|want\w*|wish|urge|tempted|feel like|felt like|could just|might just|"
            r"keep|i will|i am going to|going to|dream\w*|fantasi[sz]\w*|some nights|sometimes)\b",
            s[: m.end()],
        )
    return False


SOURCES = CRISIS_SOURCES

RULES = (
    Rule(
        id="crisis.ideation.desire_for_death",
        category="suicidal_ideation",
        rationale=(
            "A wish word (want, hope, pray, long for, can't wait, relieved if ...) followed "
            "within ten words by death, not existing or not waking up (\"I hope I don't wake up "
            'tomorrow", "death can\'t come soon enough"). Not a place-of-death preference, fear '
            "of dying, death from the cancer, wanting to talk, learn or plan about death, or a "
            'wish about treatment ("hope the chemo is over"). Revision 2 (issue 17): not "die my'
            ' hair" (dye, misspelt). Revision 3 (session 17, pending review): not "rather die than miss my'
            " daughter's wedding\"."
        ),
        pattern=rx(
            r"\b" + DESIRE + r"\b(?:\s+\w+){0,10}?\s+" + DEATH_TARGET + r"\b|"
            r"\b"
            + DEATH_TARGET
            + r"\b(?:\s+\w+){0,3}?\s+(?:can not come (?:soon|quick|fast) enough|could not come (?:soon|quick) enough|"
            r"would be (?:a )?welcome|is welcome|please come|come and get me|come for me)\b"
        ),
        after=rx(
            THAN_MISS
            + "|"
            + DIE_PLACE
            + r"|\s+(?:from|of) (?:the |this |my |her |his )?(?:cancer|disease|illness|tumou?r)|"
            r"\s+(?:until|till|before (?:noon|lunch|\d)|for (?:a|the|at least|another) (?:day|week|while|hours?|bit))\b|"
            r"\s+(?:before|until|till) (?:my|her|his|the) (?:\w+\s+)?(?:wedding|birthday|graduation|christmas|"
            r"holiday|grandchild|baby)|"
            # "want to die my hair pink": dye, misspelt -- not when the hair is the next sentence's subject
            r"\s+(?:my|her|his|our|the)\s+(?:hair|roots|eyebrows|beard|fringe|wig)\b(?!\s+(?:is|was|has|had|keeps|kept|are|"
            r"were|all|falling|fell|falls|fall|came|coming|comes|gone|went|will|would)\b)"
        ),
        check=veto_desire_for_death,
        revision=3,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "wanna die fr",
            "i wish the next infection would just take me",
            "Mum keeps saying she wants to 'go to sleep for good' and she asked me where I put her morphine. I'm scared",
            "i want to die my hair is falling out and i look like a ghost",
        ),
        does_not_fire_on=(
            "I don't want to die",
            "my dad wants to understand the difference between euthanasia and assisted dying for a letter to his mp",
            "i want to die my hair pink before it all falls out",
        ),
    ),
    Rule(
        id="crisis.ideation.want_to_die",
        category="suicidal_ideation",
        rationale=(
            "Want, wish, need or be ready to die, be dead, not exist, sleep forever, be with "
            'God; not place-of-death wishes ("want to die at home"), "going to die" (prognosis)'
            ' or "want to dye my hair".'
        ),
        pattern=rx(
            r"\b(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|hope|hoping|hopes|pray|praying|prays|"
            r"ready|long|longing|longs|desire|would like|would love|would prefer|prefer|like|need|needs|"
            r"choose|choosing|plan|plans|planning|going)\s+"
            + ADV
            + r"*(?:to|2)\s+"
            + ADV
            + r"*(?:d[iy]e|be dead|die already|go to sleep forever|sleep forever|fall asleep forever|not exist|"
            r"stop existing|cease to exist|cease existing|disappear forever|vanish forever|not be alive|"
            r"be gone|be six feet under|be 6 feet under|be in (?:a|my) grave|join (?:my|her|his) (?:late )?\w+ "
            r"in heaven|be with god|be with jesus|meet my maker|not be here|not be around)\b"
        ),
        after=rx(
            DIE_PLACE
            + r"|\s+(?:my|her|his|the) hair|\s+(?:it|them) (?:a|another|back)|\s+for (?:a|my|her|his|the|this|that) (?:\w+\s+)?(?:coffee|cake|chocolate|country|cause|kids|children)"
        ),
        check=veto_want_to_die,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I just want to fall asleep forever and not feel anything",
            "i'm planning to die on my birthday so they only have one sad day a year",
        ),
        does_not_fire_on=(
            "Am I going to die?",
            "To be clear I don't want to die, I want MORE time. I'm just angry it's being taken off me",
        ),
    ),
    Rule(
        id="crisis.ideation.rather_be_dead",
        category="suicidal_ideation",
        rationale=(
            '"I\'d rather be dead / die / not exist" ("I\'d rather die than have more chemo" '
            'fires); not the idiom "I\'d rather die than wear that / dance". Revision 2 (2026-12-07, pending'
            ' review, own probe): nor "rather die than miss my daughter\'s wedding" (the will to be there).'
            ' Revision 3 (2026-12-08, pending review, blind set 24): nor a choice between places to die ("rather'
            ' die at home or in a hospice").'
        ),
        pattern=rx(
            r"\b(?:rather|sooner)\s+(?:just\s+)?(?:be dead|die|not (?:be alive|exist|wake up|be here|be around|live))\b"
        ),
        after=rx(
            r"\s+than (?:wear|eat|be seen|admit|listen|watch|sing|dance|go to (?:a|the) (?:party|gym|wedding))|"
            + THAN_MISS
            # revision 3 (session 18, blind set 24): where to die, "rather die at home or in a hospice"
            + "|"
            + DIE_PLACE_CHOICE
        ),
        revision=3,
        sources=SOURCES,
        review=PENDING,
        fires_on=("honestly id sooner die",),
        does_not_fire_on=(
            "I'd rather die than wear that dress",
            "i'd rather die than miss my daughter's wedding, so i'm pushing through the chemo",
            "I wish I'd known sooner",
            "how do people decide whether they'd rather die at home or in a hospice?",
        ),
    ),
    Rule(
        id="crisis.ideation.wish_dead",
        category="suicidal_ideation",
        rationale=(
            'Wishing oneself dead, never born, gone or asleep for ever ("I wish I was dead", '
            '"wish I\'d never been born").'
        ),
        pattern=rx(
            r"\bwish(?:ed|es|ing)?\s+(?:that\s+)?(?:i|she|he|they)\s+(?:would|could|was|were|had|did|"
            r"would just|could just|just|were just|was just)?\s*(?:just\s+|already\s+|simply\s+)?"
            r"(?:be dead|dead|died|die|not (?:been born|be born|exist|wake up|be here|be alive|be around|here|alive|around)|"
            r"never (?:been born|be born|born|woke up|wake up|existed|exist)|been (?:dead|never born)|never been born|"
            r"gone(?!\s+(?:to|back|for|out|with|home|and|on|in|through|over|up|down))|disappear|vanish|"
            r"go to sleep (?:forever|and not|and never)|fall asleep and (?:not|never)|not here|not alive)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i wish i was ded",
            "I wish I were dead",
            "i dont want to kill myself exactly i just wish i wouldnt wake up tomorrow",
        ),
        does_not_fire_on=(
            "My legs were dead after the walk",
            "my legs were dead after dancing all night",
        ),
    ),
    Rule(
        id="crisis.ideation.want_to_disappear",
        category="suicidal_ideation",
        rationale=(
            'Wanting to disappear, vanish or cease to exist; not "disappear for a while / on '
            'holiday / under the duvet". Revision 2 (2026-12-07, dev set 4): slipping or fading away "for '
            'good" said of a person.'
        ),
        revision=2,
        pattern=rx(
            # slipping or fading away "for good" (2026-12-07, dev set 4: "nobody would even notice if I just
            # slipped away for good")
            r"\b(?:i|she|he|me|just|could|would|to|and) (?:slip|slipped|slipping|fade|faded|fading|disappear|disappeared|drift|"
            r"drifted) (?:off |away )?(?:for good|forever|for ever|permanently)\b|"
            r"\b(?:want|wish|wanna|would like|like|would love|need)\s+(?:to\s+|i could\s+|i can\s+|i could just\s+)?"
            r"(?:just\s+)?(?:disappear|vanish|fade away|evaporate|cease to exist)\b"
        ),
        after=rx(
            r"\s+(?:for a (?:while|bit|few|week|day|weekend|couple|month)|on holiday|to (?:a|the|my)|"
            r"under (?:the|a) (?:duvet|covers|blanket)|into (?:a|my) (?:book|bed)|from (?:work|the ward))"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "no one would notice if i just faded away for good",
            "want to disappear and never come back",
        ),
        does_not_fire_on=(
            "the pain faded away for good after the radiotherapy",
            "I want to disappear for a while on holiday",
        ),
    ),
    Rule(
        id="crisis.ideation.want_it_over",
        category="suicidal_ideation",
        rationale="Wanting it all / my life to be over, end or stop.",
        pattern=rx(
            r"\b(?:want|wish|need|just want|wants|wanting)\s+(?:it|it all|this|everything|all of (?:this|it)|the whole thing|"
            r"my life|life|her life|his life)\s+(?:to\s+)?(?:all\s+|just\s+)?(?:be\s+)?(?:over|end|ended|to end|finished|"
            r"done with)\b|"
            r"\b(?:want|wish|need)\s+(?:everything|it all|all of (?:this|it)|my life|life)\s+to\s+(?:just\s+)?stop\b|"
            r"\bwish\s+(?:it|this|everything|it all|my life|life)\s+(?:was|were|would be|would|could|could be|to)\s+"
            r"(?:all\s+|just\s+)?(?:over|end|ended|stop|done|finished)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i just want it all to stop permanently",
            "i just want it over. all of it. me included",
            "stopped eating on purpose. read that it speeds things up and i want it over with",
        ),
        does_not_fire_on=(
            "I want this chemo to be over",
            "i can't stop crying",
        ),
    ),
    Rule(
        id="crisis.ideation.hope_not_to_wake",
        category="suicidal_ideation",
        rationale=('Hoping, wishing or praying never to wake up (again); not "not wake up early / in the night".'),
        pattern=rx(
            r"\b(?:want|wants|wish|wishes|hope|hoping|hopes|hopefully|pray|praying|prays|would like|would love|"
            r"like|rather|prefer|fingers crossed|please let me|let me|ready to)\s+(?:\S+\s+){0,5}?"
            r"(?:not|never|do not|would not|will not|did not|does not|no longer)\s+(?:ever\s+)?(?:to\s+)?(?:wake up|"
            r"wake again|wake back up|waking up|open my eyes again|see the morning|see tomorrow|see another day)\b"
        ),
        negatable=False,
        after=rx(
            r"\s+(?:early|at \d|so early|in the night|every (?:hour|night)|at night|too early|until|till|"
            r"before (?:noon|lunch|\d)|for (?:a|the|at least|another) (?:day|week|while|hours?|bit))"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "fingers crossed I never wake up",
            "I would like to go to sleep and not ever wake up",
        ),
        does_not_fire_on=("I'd love to go to sleep and not wake up until noon",),
    ),
    Rule(
        id="crisis.ideation.sleep_and_never_wake",
        category="suicidal_ideation",
        rationale=(
            '"Go to sleep and never wake up"; not when said in fear ("scared I\'ll fall asleep '
            'and not wake up") unless it is also wished. Revision 2 (2026-12-07, dev set 3): "lie down '
            'and never get up again".'
        ),
        revision=2,
        pattern=rx(
            r"\b(?:go|goes|going|went|fall|falling|fell|drift off|drifting off)\s+(?:to sleep|asleep|to bed|off)\s+"
            r"(?:\S+\s+){0,3}?(?:and|&)\s+(?:just\s+|simply\s+)?(?:never|not|not ever|not to)\s+wake(?:\s+up|\s+again)?\b|"
            r"\bsleep\s+(?:and|&)\s+(?:just\s+)?(?:never|not)\s+wake\b|\bnever wake up again\b|"
            # r2, "I want to lie down and never get up again" (dev set 3)
            r"\b(?:lie|lay|lying|laying) down\s+(?:\S+\s+){0,2}?(?:and|&)\s+(?:just\s+)?(?:never|not)\s+get up\s+(?:again|ever)\b"
        ),
        negatable=False,
        after=rx(
            r"(?:\s+up)?\s+(?:until|till|before (?:noon|lunch|\d)|for (?:a|the|at least|another) (?:day|week|while|hours?|bit)|"
            r"early|at \d)"
        ),
        check=veto_sleep_and_never_wake,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "go to bed and not wake up",
            "never wake up again",
            "some days i just want to lie down and never get up again",
        ),
        does_not_fire_on=(
            "I'd love to go to sleep and not wake up until noon",
            "after chemo i lie down and don't get up again till tea time",
        ),
    ),
    Rule(
        id="crisis.ideation.would_not_mind_dying",
        category="suicidal_ideation",
        rationale=('"Wouldn\'t mind if I didn\'t wake up", "don\'t care if I die", "it\'d be nice not to wake up".'),
        pattern=rx(
            r"\b(?:nice|fine|ok|okay|alright|all right|a relief|relief|good|great|easier|better|happy|glad|bliss|"
            r"a blessing|blessing|peaceful)\s+(?:if\s+(?:i|she|he)\s+(?:just\s+)?(?:did not|never|do not|would not|"
            r"were to not|was to not|does not|could just not)|to\s+(?:just\s+)?(?:not|never))\s+(?:ever\s+)?(?:wake up|"
            r"wake again|woke up|woke)\b|"
            r"\b(?:would not|do not|will not|wouldn't) (?:mind|care) (?:if (?:i|she|he) (?:died|die|did not wake up|never woke up|"
            r"was gone|was dead|got hit|did not make it|passed away|went)|not waking up|dying|never waking up|being dead)\b|"
            r"\b(?:do not|does not|no longer|would not|did not) (?:care|mind) (?:if|whether) (?:i|she|he) "
            r"(?:die|dies|died|live|lives|lived|wake up|wakes up|woke up|make it|am alive|is alive|was dead|"
            r"live or die|survive)\b"
        ),
        negatable=False,
        after=rx(r"\s+(?:early|at \d|so early|too early)"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I don't care if I die",
            "I wouldn't mind not waking up",
            "i wouldn't mind if i didn't make it through the night",
        ),
        does_not_fire_on=(
            "I wouldn't mind a cup of tea",
            "hospice care",
        ),
    ),
    Rule(
        id="crisis.ideation.death_as_relief",
        category="suicidal_ideation",
        rationale=(
            "Death or dying described as a relief, release, blessing, escape or the only way; "
            "looking forward to death; not funeral or insurance planning and not a question "
            "about it."
        ),
        pattern=rx(
            r"\b(?:death|dying|being dead|not existing|not being here|not waking up|my funeral|my own funeral)\b"
            r"(?:\s+\w+){0,5}?\s+(?:would be|will be|is|feels like|seems like|sounds like|feeling|feel|sounds|seems|"
            r"looks like|would feel like)\s+(?:\w+\s+)?(?:a relief|relief|relieved|a release|a blessing|welcome|"
            r"a welcome|freedom|bliss|nice|easier|the answer|the only way|the only option|the best option|a mercy|"
            r"a gift|better than this|better than living|an escape|the easy way)\b|"
            r"\b(?:relieved|looking forward|look forward|can not wait|welcome|longing|ready)\s+(?:to|at|for)?\s*"
            r"(?:the thought of\s+)?(?:death|dying|being dead|it all ending|my funeral|the end(?:\s+of (?:me|my life|it all|everything))?"
            r"(?!\s+of)|not waking up)\b|"
            r"\b(?:looking forward to it|look forward to it|can not wait for it)\b(?=.*\b(?:dying|death|die)\b)|"
            r"(?<=\b(?:dying|death)\b).{0,60}\b(?:looking forward to it|look forward to it|can not wait)\b"
        ),
        negatable=True,
        sentence=rx(
            r"\b(?:plan|planning|planned|arranged|arrangements|prepaid|pre paid|sorted|organised|organized|wishes|"
            r"insurance|paperwork|will and)\b"
        ),
        before=rx(r"\b(?:what|how|when|is)\s+(?:\w+\s+)?$"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "Death seems like the only way out",
            "i keep picturing my own funeral and feeling relieved",
        ),
        does_not_fire_on=(
            "i'm scared of what death will be like",
            "whats the survival like for er positive with bone only mets",
        ),
    ),
    Rule(
        id="crisis.ideation.ready_to_go",
        category="suicidal_ideation",
        rationale=(
            '"I want to go now" / "let me go" ending the message, only with a cue such as had '
            "enough, tired, can't, God, no point."
        ),
        pattern=rx(
            r"\b(?:want|wants|wanted|ready|ready for me|time for me|let me|let her|let him) to (?:just )?go"
            r"(?:\s+now)?\s*$"
        ),
        sentence=rx(r"^"),
        unless=rx(
            r"\b(?:had enough|done|tired|can not|no point|let me|let her|let him|god|time|"
            r"ready to go (?:now|to (?:heaven|god|jesus))|over|pointless|finished)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=("left instructions for everything, the dog, the house, it's all done now and i'm ready to go",),
        does_not_fire_on=(
            "I want to go now, the taxi is here",
            "i'm not ready to die, i have so much left to do",
        ),
    ),
    Rule(
        id="crisis.ideation.part_of_me_wants",
        category="suicidal_ideation",
        rationale=(
            '"Part of me wants ..." only together with death, dying, the end or not waking in the same sentence.'
        ),
        pattern=rx(r"\bpart of me (?:wants|wishes|hopes|would welcome|longs for|would like|is ready)\b"),
        sentence=rx(r"^"),
        unless=rx(r"\b(?:death|die|dying|end|gone|it over|not wake|not be here|dead)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "part of me wants it to be the end",
            "part of me is ready for the end",
        ),
        does_not_fire_on=(
            "part of me wants to try the trial",
            "getting ready",
        ),
    ),
    Rule(
        id="crisis.ideation.want_it_to_stop",
        category="suicidal_ideation",
        rationale=('"I want it all to stop" only with for ever, for good, had enough, no more, can\'t go on.'),
        pattern=rx(
            r"\b(?:want|need|wish)\s+(?:it|this|everything|it all|all of it)\s+(?:all\s+)?to\s+(?:just\s+)?stop\b"
        ),
        sentence=rx(r"^"),
        unless=rx(
            r"\b(?:forever|for good|permanently|all of it|had enough|for ever|never come back|"
            r"no more|everything|can not go on|can not anymore|can not do this)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I want it to stop. Everything. For good.",
            "i just want it to stop. all of it. me. everything",
        ),
        does_not_fire_on=(
            "I want the nausea to stop",
            "every 3 weeks",
        ),
    ),
    Rule(
        id="crisis.ideation.hurry_death",
        category="suicidal_ideation",
        rationale=(
            "Wanting to die sooner, speed it up, get it over with; not about recovery, results or treatment. "
            "Revision 2 (2026-12-08, pending review, a helper's probe): \"it'll get me eventually, i'd rather it "
            'was sooner" (the illness named as what will take the person, then wished sooner).'
        ),
        revision=2,
        pattern=rx(
            r"\b(?:die|dying|death|the end|dead|going)\b(?:\s+\w+){0,10}?\s+(?:sooner|quicker|faster|speed (?:it|things|this) up|"
            r"hurry (?:it|things|up)|get it over with|over with sooner|come (?:sooner|quicker|faster))\b|"
            r"\b(?:speed (?:it|things|this|my death|the end) up|hurry (?:it|things|death|the end) (?:up|along)|"
            r"hasten (?:it|things|the end))\b(?=.*\b(?:die|dying|death|end|dead)\b)|"
            # revision (session 18, a helper's probe): "it'll get me eventually, i'd rather it was sooner"
            r"\b(?:rather|prefer|wish|hope)\s+(?:it|that)\s+(?:was|were|came|happened|is|would be|would come)\s+"
            r"(?:a lot\s+|much\s+)?(?:sooner|quicker|soon|now)\b(?=.*\b(?:get me|kill me|take me|die|dying|death|the end|"
            r"eventually|end)\b)|\b(?:get me|kill me|take me)\b(?:\W+\w+){0,6}?\W+(?:rather|prefer|wish|hope)\s+(?:it|that)\s+"
            r"(?:was|were|came|happened|would be)\s+(?:a lot\s+|much\s+)?(?:sooner|quicker|soon|now)\b"
        ),
        sentence=rx(
            r"\b(?:recover|recovery|heal|healing|results|scan|appointment|treatment|chemo|chemotherapy|"
            r"radiotherapy|trial|medication|prognosis|oncologist|doctor|the cure|hair to grow|without treatment)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I feel like I'm just waiting to die and I want to speed it up",
            "honestly I'm just waiting to die at this point and I'd rather it was sooner",
            "i'm going to see dad again sooner than anyone expects, i've made my mind up",
            "the cancer will get me in the end, i wish it was sooner",
        ),
        does_not_fire_on=(
            "I want the results sooner",
            "the appointment is in march, i wish it was sooner",
            "why do they say ring straight away for a fever on chemo rather than waiting",
        ),
    ),
    Rule(
        id="crisis.ideation.if_not_wake_fine",
        category="suicidal_ideation",
        rationale='"If I don\'t wake up, so be it / fine / who cares".',
        pattern=rx(
            r"\bif (?:i|she|he) (?:do not|does not|did not|never|would not|will not) (?:ever )?wake(?: up)?\b(?:[\s,]+\w+){0,3}?[\s,]*"
            r"(?:good|fine|great|so be it|whatever|i do not care|who cares|better|even better|all the better|that is fine|"
            r"that would be fine|that would be good|bring it on|i would be happy|i would not mind|that is okay|okay by me)\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "if I don't wake up tomorrow, good",
            "if I don't wake up tomorrow, that's fine by me. actually I hope I don't",
        ),
        does_not_fire_on=(
            "if I do not wake up in time, please call me",
            "good evening",
        ),
    ),
    Rule(
        id="crisis.ideation.death_i_want_it",
        category="suicidal_ideation",
        rationale='"Death, I want it / welcome it / I\'m ready for it".',
        pattern=rx(
            r"\b(?:death|dying|the end|to die)\b(?:[\s,]+\w+){0,8}?[\s,]+(?:i|she|he)\s+(?:want|wants|welcome|welcomes|long for|"
            r"longs for|crave|am ready for|is ready for|look forward to|looks forward to|would welcome|pray for|prays for|"
            r"hope for|hopes for)\s+it\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=("I'm not scared of death anymore, I want it",),
        does_not_fire_on=(
            "I'm scared to death of needles",
            "i'm scared of what death will be like",
        ),
    ),
    Rule(
        id="crisis.ideation.wish_treatment_kills_me",
        category="suicidal_ideation",
        rationale=(
            "Wishing the chemo, the cancer or the morphine would kill or finish the writer. Revision 2"
            ' (2026-12-07, pending review, dev set 5): "hoping the next infection gets me", a fever'
            ' to be hidden and "let it run".'
        ),
        pattern=rx(
            r"\b(?:wish|wishes|wished|wishing|hope|hopes|hoping|pray|prays|praying)\s+(?:that\s+)?(?:the\s+)?(?:chemo|chemotherapy|"
            r"treatment|cancer|tumou?rs?|disease|illness|mets|morphine|radiotherapy|drugs?)\s+(?:would|will|could|just)\s+"
            r"(?:just\s+|finally\s+)?(?:kill|finish|end|take)\s+(?:me|her|him)\b|"
            r"\b(?:hope|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?(?:the next |this |an? |the )?(?:infection|fever|bug|"
            r"sepsis|pneumonia|clot|cancer|tumou?r)\s+(?:just\s+|finally\s+)?(?:gets|takes|finishes|kills) (?:me|her|him)\b|"
            r"\bnot (?:going to|gonna) tell (?:them|the team|anyone|the nurses?|the doctors?|my team|the hotline)\b(?:\s+\w+){0,6}?\s+"
            r"(?:fever|temperature|temp|infection)\b(?:\s+\w+){0,4}?\W+(?:just )?(?:going to |gonna )?let it "
            r"(?:run|take me|happen|do its thing|run its course)\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "my auntie said she wishes the chemo would kill her",
            "honestly hoping the next infection gets me",
            "not going to tell the team next time i get a fever, just let it run its course",
        ),
        does_not_fire_on=(
            "how does chemo kill cancer cells",
            "the chemo will kill me before the cancer does",
            "i'm scared the next infection gets me",
            "hoping the antibiotics get this infection sorted",
        ),
        revision=2,
    ),
    Rule(
        id="crisis.ideation.not_coming_back",
        category="suicidal_ideation",
        rationale=(
            'Thinking of leaving and never coming back: "sitting in the car at night thinking about '
            'just not coming home, ever", "want to drive off and never come back", "swim out past the '
            'flags and just keep going" (NIMH, 988 Lifeline: talking about wanting to die or '
            'disappear; drowning spoken of as "keep going"). Needs the thought or urge and the '
            "finality (ever, again, for good, never come back). Not moving abroad, leaving a job, "
            "never going back to a hospital or a swimming lesson."
        ),
        pattern=rx(
            r"\b(?:thinking (?:about|of)|thought (?:about|of)|think (?:about|of)|tempted|fantasi[sz]\w* (?:about|of)|"
            r"dream\w* (?:about|of)|want(?:ed|s)? to|wish (?:i|she|he) could|urge to|could just|might just|feel like|felt like)\s+"
            r"(?:just\s+)?(?:not|never)\s+(?:coming|come|going|go|getting|get|driving|walking|making it)\s+(?:back\s+)?(?:home|back)"
            r"\b(?=[\s,]*(?:ever|ever again|again|for good|forever|at all|any more|anymore)\b)|"
            r"\b(?:drive|driving|drove|walk|walking|walked|swim|swimming|wade|wading|get|getting|go|going)\s+(?:\w+\s+){0,4}?"
            r"(?:off|away|out|into (?:the )?(?:sea|water|river|lake|woods|hills))\s+(?:and\s+)?(?:just\s+)?(?:never|not)\s+"
            r"(?:come|coming|get|getting|go|going)\s+back\b|"
            r"\b(?:swim|swimming|wade|wading|walk|walking)\s+(?:\w+\s+){0,2}?(?:out|into (?:the )?(?:sea|water|waves|ocean|"
            r"river|lake))\b(?:\s+\w+){0,6}?\s+(?:and\s+)?(?:just\s+)?keep (?:going|swimming|walking)\b"
            r"(?!\s+(?:along|to|until|till|for|round|around|up|down|past|back|with))"
        ),
        sentence=rx(
            r"\b(?:hospital|ward|clinic|chemo|treatment|hospice|work|job|office|school|uni|church|that place|"
            r"to (?:him|her|them)|abroad|holiday|spain|move|moving|emigrat\w*|training|lesson|lessons|race|"
            r"triathlon|club|laps?|pool|fitness|exercise|swim back|lifeguard|wetsuit|marathon|that shop|"
            r"that restaurant|gp|surgery|doctor)\b"
        ),
        unless=rx(r"\b(?:die|dying|dead|end it|end things|kill|pills|overdose|drown\w*|for good|forever)\b"),
        check=veto_not_coming_back,
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "i've been sitting in the car at night thinking about just not coming home, ever",
            "some nights i want to drive off and never come back",
            "thinking i'll swim out past the flags at bondi and just keep going",
            "i keep wanting to get in the car, drive away and never come back",
        ),
        does_not_fire_on=(
            "i'm thinking about not going back to the hospital ever again after how they treated me",
            "my son is thinking about not coming back from australia, ever, he loves it there",
            "we swim out to the buoy and keep going to the pier for exercise",
            "i love to swim out to the buoy and keep going along the beach",
            "we're moving to spain and never coming back!",
        ),
    ),
)
