"""Crisis rules: No reason, point or will to live; negations that are themselves the crisis ("I don't want to live")."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES
from bot.safety.rules.words import ADV, DIE_PLACE, DIE_PLACE_CHOICE, DRUG, THAN_MISS

SOURCES = CRISIS_SOURCES

_BODILY = re.compile(
    r"\b(?:pain|pains|ache|aches|aching|itch\w*|nausea|sickness|heat|cold|noise|wait|waiting|headache|cramps?|hot flushes|"
    r"burning|throbbing|sore|soreness|side effects?|diarrh\w*|constipation|hiccups|cough\w*)\b"
)


def veto_unbearable_symptom(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.life_not_worth_living revision 2: "it is unbearable" said of a
    pain or another symptom in the sentence ("is there anything for the pain, it is unbearable
    tonight") is a symptom to treat, not life found unbearable (True drops the match)."""
    return bool(re.match(r"it\b", m.group(0))) and m.group(0).endswith("unbearable") and bool(_BODILY.search(s))


RULES = (
    Rule(
        id="crisis.ideation.not_want_to_live",
        category="suicidal_ideation",
        rationale=(
            '"I don\'t want to live / be here / wake up / go on": negations that are the crisis,'
            " never suppressed. Not about a place or a treatment (\"don't want to live in this "
            'house", "don\'t want to go on with the chemo") and not next to "I don\'t want to '
            'die".'
        ),
        pattern=rx(
            r"\b(?:not|never|no longer|nor)\s+" + ADV + r"*(?:really\s+)?(?:want|wants|wanted|wanting|wish|wishes|"
            r"like|feel like|care|see the point|see a reason|see any reason|see any point|have the will|have a reason|"
            r"have any reason|have the energy|think i (?:want|can)|sure i want|sure i can|sure (?:if|that) i (?:want|can))\s+"
            r"(?:to\s+|2\s+)?(?:live|living|be alive|being alive|stay alive|staying alive|be here|being here|exist|existing|"
            r"be around|being around|go on|going on|carry on|carrying on|keep going|keep living|continue living|"
            r"continue|wake up|waking up|be in this world|be on this earth|see tomorrow|see another day|"
            r"face another day|make it through|get up (?:again|anymore|tomorrow)|keep fighting for my life|"
            r"be part of this world|breathe anymore|do this anymore|do this any more|do life)\b"
        ),
        negatable=False,
        after=rx(
            r"\s+(?:with\s+)?(?:the|that|this|a|an|another|any|my|her|his|those|these|their)\s+(?!life\b|living\b|"
            r"existence\b|world\b|way\b|pain\b|suffering\b|body\b|misery\b|illness\b|disease\b|cancer\b|"
            r"earth\b|planet\b|hell\b|nightmare\b|torture\b|agony\b)[a-z]+|"
            r"\s+(?:on (?:holiday|a (?:trip|cruise|date|holiday))|on the (?:trip|pill|list|drug|ward|trial|waiting)|"
            r"with (?:the |this |my |her |his )?(?:treatment|chemo|chemotherapy|radiotherapy|radiation|medication|"
            r"drug|trial|tablets|pills|injections|infusions|it|the (?:appointment|scan|surgery|operation|study))|"
            r"(?:with )?(?:the |this |my |her |his )?(?:chemo|chemotherapy|treatment|radiotherapy|radiation|"
            r"medication|tablets|pills|trial|injections|infusions|conversation|chat|check in|checkin|"
            r"survey|questionnaire|session|course|cycle|appointment)\b|"
            r"(?:in|at|near|with|on) (?:a |the |this |that |my |an |her |his )?(?:house|flat|apartment|"
            r"care home|nursing home|town|city|country|area|street|village|parents|in laws|mum|mom|dad|"
            r"london|bungalow|hospice|hospital|ward|clinic|place|room|waiting room|queue|appointment|"
            r"chemo (?:unit|suite|room))|early|at \d|so early|every (?:night|hour|morning)|in the (?:night|middle)|"
            r"for (?:the|my|her|his) (?:appointment|scan|results|surgery)|to (?:the|a|an|work)\b|"
            r"when (?:the|my|her|his) (?:results|doctor|oncologist|nurse))"
        ),
        sentence=rx(r"\b(?:do not want to die|scared of dying|afraid of dying|terrified of dying)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I don't want to be here",
            "I do not want to be here anymore",
            "folding laundry and thinking i dont want to be here to fold the next lot. i want to be gone",
        ),
        does_not_fire_on=(
            "I don't want to go on that trial",
            "I don't want to be here in this hospital anymore, I want to go home",
        ),
    ),
    Rule(
        id="crisis.ideation.cannot_go_on",
        category="suicidal_ideation",
        rationale=(
            '"Can\'t go on", "can\'t take it anymore", "can\'t face another day", "can\'t see a way'
            ' out"; not "can\'t go on with the chemo / to work".'
        ),
        pattern=rx(
            r"\b(?:can not|could not|can no longer|am unable to|unable to|do not think i can|not sure i can|"
            r"not sure if i can|not sure how (?:much )?longer i can|do not know how (?:much )?longer i can|"
            r"do not know if i can|no longer able to|too tired to|can not bring myself to)\s+"
            r"(?:go on|carry on|keep going|keep living|continue living|go on living|live like this|live with this|"
            r"do this anymore|do this any more|do it anymore|do it any more|take (?:it|this) (?:anymore|any more)|"
            r"take any more|take much more|cope anymore|cope any more|handle (?:it|this|life) (?:anymore|any more)|"
            r"bear (?:it|this|life|living|to live|existing|being alive)(?: like this| this way)? (?:anymore|any more)|face another day|face tomorrow|keep doing this|"
            r"keep fighting|live anymore|be here anymore|stand (?:it|this|living) (?:anymore|any more)|"
            r"see a way out|see a future|see any future|see a way forward)\b"
        ),
        negatable=False,
        after=rx(
            r"\s+(?:with|because of|due to) (?:the|my|all|this|these|those|her|his|work|chemo)\s+(?!life\b|living\b|"
            r"existence\b|world\b)|"
            r"\s+(?:on (?:holiday|a (?:trip|cruise|date))|to (?:the|a|work|see)|with (?:the |this |my )?"
            r"(?:treatment|chemo|chemotherapy|radiotherapy|trial|medication|job|work|course)|"
            r"(?:the |this |my )?(?:chemo|treatment|trial|medication|job|course|shift)\b|"
            r"at (?:work|the)|working|walking|going to (?:work|the))"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I can't go on",
            "i can't keep living like this",
            "do you think god forgives people who can't do it anymore and decide to leave early",
        ),
        does_not_fire_on=("i just can't cope anymore with the appointments and the pain",),
    ),
    Rule(
        id="crisis.ideation.no_point_of_living",
        category="suicidal_ideation",
        rationale=(
            '"What\'s the point of living", "no reason / will / purpose to live or go on"; not '
            "about a treatment or a place."
        ),
        pattern=rx(
            r"\b(?:what is the|what the)\s+(?:real\s+)?(?:point|reason)\s+(?:in\s+|of\s+|to\s+|for\s+)?"
            r"(?:(?:me\s+)?(?:living|live|going on|go on|carrying on|carry on|being alive|be alive|"
            r"being here|be here|staying alive|stay alive|keep going|keeping going|continuing|continue|life|anything|"
            r"it all|any of (?:it|this)|anymore|any more|trying anymore|fighting anymore|waking up|wake up|"
            r"getting up anymore|existing|exist|be around|being around))\b|"
            r"\b(?:no|not (?:any|much of a|a single)|without (?:a|any)|lost (?:my|her|his|the|all)|"
            r"do not see the|can not see the|can not see any|can not find a|can not find any|"
            r"can not think of a|can not think of any|see no|there is no|is there (?:even )?(?:a|any)|"
            r"losing (?:my|her|his|the)|have no|has no|had no|is no)\s+(?:real\s+|single\s+|more\s+|longer\s+)?"
            r"(?:point|reason|purpose|will|meaning|sense|desire|motivation)\s+(?:in\s+|of\s+|to\s+|for\s+)?"
            r"(?:(?:me|her|him)\s+)?(?:living|live|going on|go on|carrying on|carry on|being alive|be alive|"
            r"being here|be here|staying alive|stay alive|keep going|keeping going|continuing|continue|life|anything|"
            r"it all|any of (?:it|this)|anymore|any more|trying anymore|fighting anymore|waking up|wake up|"
            r"getting up anymore|existing|exist|be around|being around)\b"
        ),
        negatable=False,
        after=rx(
            r"\s+(?:treatment|chemo|with (?:the )?(?:treatment|chemo)|in (?:this|that|the) (?:country|area|house|city))"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "no point going on",
            "There's no point in living",
            "whats the point of another round of chemo. whats the point in anything. i've been looking up ways",
        ),
        does_not_fire_on=(
            "what's the point of this treatment",
            "are you there",
        ),
    ),
    Rule(
        id="crisis.ideation.what_is_the_point",
        category="suicidal_ideation",
        rationale='"What is the point (anymore)" as a whole sentence.',
        pattern=rx(r"\bwhat is the point\s*(?:anymore|any more|now|of it)?\s*$"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "What is the point",
            "what is the point now",
        ),
        does_not_fire_on=(
            "what's the point of this bot",
            "at what point does 37.9 count as a fever?",
        ),
    ),
    Rule(
        id="crisis.ideation.life_not_worth_living",
        category="suicidal_ideation",
        rationale=(
            "Nothing to live for, life not worth living / pointless / unbearable, lost the will"
            ' to live, given up on life. Revision 2 (2026-12-07, pending review): "it is unbearable" said'
            " of a pain or symptom in the sentence is that symptom (an urgent pain question for the team),"
            " not life found unbearable."
        ),
        pattern=rx(
            r"\b(?:nothing|no one|nobody|nothing left|not much left|no(?:thing)? more)\s+(?:left\s+)?(?:to\s+live\s+for|"
            r"worth living for|to keep going for|to stay alive for|to get up for|to go on for)\b|"
            r"\b(?:life|living|my life|her life|his life|this life|existence|it)\s+(?:is|feels|seems|has become|became|"
            r"is just|just feels|really is)\s+(?:so\s+|completely\s+|totally\s+|just\s+)?(?:not worth (?:living|it)|pointless|"
            r"meaningless|worthless|unbearable|unliveable|unlivable|not worth the effort|over)\b|"
            r"\bnot worth living\b|\bno will to live\b|\b(?:lost|losing|lose) (?:the|my|her|his|all) will to live\b|"
            r"\bgiv(?:e|en|ing) up on (?:life|living|myself|herself|himself|everything)\b|"
            r"\bgave up on (?:life|living|myself|herself|himself)\b"
        ),
        negatable=False,
        before=rx(r"\b(?:makes?|making|made) (?:me )?$"),
        check=veto_unbearable_symptom,
        revision=2,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "life is pointless now",
            "it is unbearable, every single day of it",
            "Life's not worth it anymore",
            "if i stop my steroids and everything else on purpose how long till it's over",
        ),
        does_not_fire_on=(
            "making end of life plans with the hospice",
            "I'm not bleeding anymore",
            "is there anything for the pain, it is unbearable tonight",
        ),
    ),
    Rule(
        id="crisis.ideation.tired_of_living",
        category="suicidal_ideation",
        rationale=('Tired, sick or done with living, life or being alive; not "tired of living in this house".'),
        pattern=rx(
            r"\b(?:tired|sick|weary|exhausted|done|fed up|finished|so over)\s+(?:of|with)\s+(?:living|life|being alive|"
            r"existing|it all|this life|my life|her life|his life|being here|being on this earth|waking up)\b"
        ),
        negatable=False,
        after=rx(r"\s+(?:in|at) (?:this|the|a) (?:house|hospital|ward|town|city|place|country)"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I'm tired of living",
            "I'm ready to be done with life",
            "I am so sick of existing. if there was a button to stop everything I'd press it",
        ),
        does_not_fire_on=(
            "I'm tired of living in this house",
            "always tired",
        ),
    ),
    Rule(
        id="crisis.ideation.not_being_here",
        category="suicidal_ideation",
        rationale=(
            "Not being around / here / alive anymore, said as a wish; not fear or sadness about"
            ' it ("scared of not being here for the kids") unless someone wants or talks about '
            "it."
        ),
        pattern=rx(
            r"\b(?:not|no longer)\s+(?:being|be)\s+(?:around|here|alive|in this world|on this earth)\b"
            r"(?:\s+(?:anymore|any more))?"
        ),
        negatable=False,
        after=rx(
            r"\s+(?:for|when|at|to see|on|in time|next|tomorrow for|by|with|during|until|till|while)\b|"
            r"\s+(?:to|at) (?:the|her|his|my)"
        ),
        before=rx(
            r"\b(?:scared|afraid|terrified|worried|sad|fear|fearful|hate|hates|the thought|the idea|"
            r"thinking|worry|worries|upset|anxious|cope with|imagine|imagining)\s+(?:\w+\s+){0,3}$"
        ),
        unless=rx(
            r"\b(?:talk|talks|talking|talked|keeps|kept|said|says|saying|mentions|mentioned|wants|want|"
            r"prefer|prefers|rather|would be better)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "he talks about not being around",
            "feels like the only way out of this is to not be here",
        ),
        does_not_fire_on=(
            "i'm scared she won't be here for christmas",
            "I'm afraid I won't be around for my daughter's wedding",
        ),
    ),
    Rule(
        id="crisis.ideation.indirect_wishes",
        category="suicidal_ideation",
        rationale=(
            'Indirect wishes to be dead: hoping the cancer wins, deserving to die, "might as '
            'well die", planning one\'s exit, "what\'s the point of me", "nobody would notice if '
            'I died", "they\'d be free of me", the pain of living, hating being alive, '
            'disappointed to wake, wanting out, "why bother living", "had enough of life", '
            '"feel like ending it"; not "want out of this hospital / job" or waking "at 3am '
            "drenched\". Revision 2 (2026-12-07, pending review): not \"I'd rather die than miss my daughter's"
            ' wedding". Revision 3 (2026-12-08, pending review, blind set 24): nor a choice between places to die'
            ' ("rather die at home or in a hospice").'
        ),
        pattern=rx(
            r"\b(?:hope|hoping|hopes|wish|wishing|pray|praying|want|wants)\s+(?:that\s+)?(?:the cancer|cancer|it|the disease|"
            r"death|the tumou?rs?|this illness)\s+(?:just\s+|will\s+|would\s+|to\s+)?(?:wins?|takes? me|gets? me|hurr(?:y|ies) up|"
            r"is quick|comes? quickly|comes? soon|finish(?:es)? me|gets? it over with|takes? over quickly|spreads? faster|"
            r"wins? quickly)\b|"
            r"\b(?:deserve|deserves|deserved)\s+to\s+(?:die|be dead|suffer and die|not (?:live|exist|be here))\b|"
            r"\b(?:do not|does not|did not) deserve to (?:live|be alive|exist|be here)\b|"
            r"\b(?:should|might as well|may as well|ought to|could just|better just)\s+(?:just\s+|go and\s+)?(?:die|be dead|"
            r"drop dead|not exist|not be here|not be alive|disappear|end it|kill myself|not wake up)\b|"
            r"\b(?:happily|gladly|rather|prefer to|would love to)\s+(?:just\s+)?(?:not exist|be dead|die|not be here|not be alive|"
            r"not wake up|never wake up|stop existing|cease to exist)\b|"
            r"\b(?:planning|plan|planned|planning out|organising|organizing)\s+(?:my|her|his)\s+(?:exit|suicide|way out|"
            r"escape from life|final exit|death)\b(?!\s+(?:from|strategy|interview|at work|with the (?:hospice|palliative)))|"
            r"\bwhat is (?:even |really |actually )?the point (?:of|in) (?:me|my life|her life|his life|being me|anything|"
            r"any of (?:this|it)|it all|living|going on|carrying on|even trying|trying anymore|existing)\b|"
            r"\b(?:better|happier|easier|lighter|simpler)\s+(?:off\s+)?without\s+(?:me|her|him)\b|"
            r"\b(?:no|not (?:a|any)|is no|there is no)\s+(?:real\s+|good\s+)?(?:reason|point|purpose)\s+for\s+(?:me|her|him)\s+to\s+"
            r"(?:live|keep going|go on|carry on|be here|be alive|stay|exist|continue|keep living|get up|bother)\b|"
            r"\bif (?:i|she|he) (?:died|was gone|were gone|disappeared|killed (?:myself|herself|himself)|did not wake up|"
            r"was dead|were dead|just went|passed|vanished|was not here|were not here)\b(?:\s+\w+){0,4}?\s+(?:nobody|no one|"
            r"noone|none of them|would anyone|would anybody|anyone|everyone|they|it)\b(?:\s+\w+){0,3}?\s+(?:notice|care|miss|"
            r"mind|be better|be relieved|be happier|be fine|be easier|relief)\b|"
            r"\b(?:when|once|after|if) (?:i am|i was|i were|she is|he is|she was|he was) (?:gone|dead|not here|not around)\b"
            r"(?:\s+\w+){0,5}?\s+(?:finally\s+)?(?:be free|be better off|be happier|be relieved|be rid|be a relief|"
            r"be easier for)\b|\b(?:be |finally be )?(?:free of|free from|rid of|shot of) (?:me|her|him)\b|"
            r"\bpain of (?:living|life|being alive|existing|existence|being me|waking up)\b|"
            r"\bhate (?:being alive|living|existing|that i am (?:still )?alive|that i woke up|waking up alive|being me so much)\b|"
            r"\b(?:disappointed|gutted|upset|sad|annoyed|angry) (?:that |when |because )?(?:i|she|he) (?:woke|wake|wakes|"
            r"am still alive|is still alive|survived)\b(?!\s+(?:up\s+)?(?:at|early|so early|again at|in the night|to|with|from|"
            r"because|after|the|my|her|his|surgery|the operation))|"
            r"\bwant(?:s|ed)? out\s*(?:$|and\b|of (?:this life|life|it all|everything|this world|existence)\b)|"
            r"\bwhy (?:should|would|do|does|bother|even|must|keep)\s+(?:i|she|he|anyone)?\s*(?:even\s+)?(?:bother\s+)?"
            r"(?:keep|carry|go|stay|bother|continue)\s*(?:on\s+)?(?:living|going|on|alive|trying|fighting|existing|waking up|"
            r"getting up)\b|\bwhy bother (?:living|going on|carrying on|anymore|with (?:life|living|anything))\b|"
            r"\b(?:had|have had|has had) enough of (?:life|living|everything|being alive|it all|this life|existing|this world)\b|"
            r"\b(?:feel|feels|felt|feeling) like (?:dying|giving up on life|not existing|not being here|disappearing forever|"
            r"ending it|ending things|ending everything|ending my life|just ending it|i should not be alive|i should not be here)\b|"
            r"\b(?:do not|can not|could not|no longer) see (?:a|any) (?:way out|way forward|reason to (?:live|go on|carry on)|"
            r"point (?:in|to) (?:living|anything|going on))\b"
        ),
        negatable=False,
        after=rx(
            r"\s+(?:of (?:this|the) (?:hospital|ward|house|place|relationship|job|marriage|chat|group))\b|"
            r"\s+(?:of|from) (?:work|the job|my job)|"
            r"\s+(?:at \d+(?:am|pm|\b)|at night|early|so early|in the night|during the night|every (?:night|hour|morning)|drenched|"
            r"soaked|sweating|coughing|needing|in (?:a|the) (?:sweat|night))\b|"
            + THAN_MISS
            # revision 2 (session 17, pending review): "rather die than miss my daughter's wedding"
            # revision 3 (session 18, pending review, blind set 24): "rather die at home or in a hospice"
            + "|"
            + DIE_PLACE_CHOICE
        ),
        revision=3,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i could just die",
            "the world would be lighter without me in it",
            "told the palliative nurse im fine but truthfully i've been planning my exit. march 3rd, our anniversary",
        ),
        does_not_fire_on=(
            "why do I keep waking up at 3am",
            "i could just die of embarrassment, i fell asleep and snored in the chemo chair",
        ),
    ),
    Rule(
        id="crisis.ideation.why_carry_on",
        category="suicidal_ideation",
        rationale=(
            "Can't see why I should carry on, stopping or hiding medication to let it happen, "
            'joining a late husband, "can\'t do it anymore" at the end of the message, "won\'t be'
            ' a burden much longer", "I have a plan", wanting to ... and die. Revision 2 (2026-12-07,'
            ' pending review, dev set 20): "I have a plan and a date" (not "... a date for the surgery").'
        ),
        pattern=rx(
            r"\b(?:do not|can not|could not) see why (?:i|she|he) (?:should|would|need to|have to|must) (?:carry on|go on|keep going|"
            r"live|bother|stay alive|be here|continue|keep living|keep fighting)\b|"
            r"\b(?:not taking|stop taking|stopping|skip|skipping|stopped taking|hide|hiding|throw away|throwing away|flush|flushing)\s+"
            r"(?:all\s+)?(?:my|her|his)\s+(?:\w+\s+)?(?:meds|medication|medications|pills|tablets|insulin|steroids|anticoagulants|"
            r"blood thinners|injections)\s+(?:and|so|to)\s+(?:just\s+)?(?:let|letting|hope|hoping|wait|waiting|see)\s+"
            r"(?:it|the end|death|things)\s+(?:happen|come|for it to)\b|"
            r"\b(?:be|join|reunite|reunited)\s+(?:with\s+)?(?:my|her|his)\s+late\s+\w+\b|"
            r"\b(?:want|wants|ready|wish|hope|hoping|can not wait|long|longing|would love)\s+(?:to\s+)?(?:see|join|be with|meet|"
            r"go to)\s+(?:\w+\s+){0,3}?in heaven\b|"
            r"\bcan not (?:do it |take it |cope |go on |do this )?any ?more\s*$|"
            r"\b(?:will not|not going to|am not going to|is not going to) be a (?:burden|problem|bother|nuisance|trouble|weight)\s+"
            r"(?:(?:to|for|on) (?:anyone|you|them|anybody|everyone|you all|my family|the family)\s+)?(?:much longer|for long|anymore|"
            r"any more|soon|for much longer|after (?:today|tonight|this))\b|"
            r"\bsoon (?:i|she|he) (?:will not|will no longer|am not going to) be (?:a )?(?:burden|problem|bother|here|around)\b|"
            r"\b(?:i|she|he) (?:have|has|got|have got|has got|made|have made|has made) a plan\s*(?:now|already|sorted)?\s*$|"
            # "I have a plan and a date" (revision 2, dev set 20; not "a plan and a date for the surgery")
            r"\b(?:i|she|he) (?:have|has|got|have got|has got|made|have made|has made|have picked|picked) a (?:plan|method) and a "
            r"(?:date|day|time)\b(?!\s+(?:for|of|with|to|at|in|on)\b)|"
            r"\b(?:want|wants|wanted|wish|wishes)\s+to\s+(?:\w+\s+){0,4}?and\s+(?:just\s+)?(?:die|be dead|never wake up|"
            r"not wake up|end it|disappear forever)\b"
        ),
        negatable=True,
        after=rx(DIE_PLACE),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I have a plan",
            "i won't be a problem for anyone much longer",
            "i won't be a burden much longer, i've made my plans",
            "i have a plan and a date",
        ),
        does_not_fire_on=(
            "how much longer will the chemo go on",
            "anyone here?",
            "i have a plan and a date for the operation now",
        ),
        revision=2,
    ),
    Rule(
        id="crisis.ideation.no_future_wanted",
        category="suicidal_ideation",
        rationale=(
            'Not wanting to see another birthday or Christmas, "the only way out", "why can\'t I'
            ' just die", the world better without me, how much longer I can keep going, decided'
            " I won't be here, kinder for everyone if I ..., can't face another day, how many "
            "pills I would need, letters finished and ready. The negation is the crisis."
        ),
        pattern=rx(
            r"\b(?:not|never|no longer)\s+(?:want|wants|wanted|wanting|wish|like|feel like|care)\s+to\s+(?:see|live (?:to see|through))\s+"
            r"(?:another|one more|the next|next)\s+(?:birthday|christmas|day|year|morning|summer|spring|winter|autumn|week|"
            r"new year|anniversary|mothers day)\b|"
            r"\b(?:not|never|no longer)\s+(?:want|wants|wanted|wanting)\s+to\s+(?:do|live)\s+(?:this|that|my|her|his)\s+life\b|"
            r"\b(?:no|the only|only one|one)\s+way out\s+(?:except|but|other than|apart from|is|left is)\s+(?:to\s+)?(?:dying|death|die|"
            r"suicide|ending it|end it|to end it|killing myself)\b|"
            r"\bwhy (?:can not|could not|will not) (?:i|she|he) (?:just )?(?:die|be dead|go|stop existing)\b|"
            r"\b(?:a )?better (?:place|world)\s+without\s+(?:me|her|him)\b|"
            r"\bhow much longer (?:i|she|he) (?:want|wants|can|could|will be able|am able|is able) to (?:keep going|go on|carry on|live|"
            r"do this|cope|fight|keep fighting|be here|keep living|take (?:it|this))\b|"
            r"\b(?:decided|made up my mind|made up her mind|made up his mind|determined|planned)\b(?:\s+\w+){0,3}?\s+(?:not going to|"
            r"will not|am not going to|is not going to) be (?:here|around|alive)\b|"
            r"\b(?:can not|could not|do not)\s+see\s+(?:myself|her|him|herself|himself)\s+(?:being\s+)?(?:here|around|alive)\s+"
            r"(?:next|by|for|in|at|much|after)\b(?=.*\b(?:made up|decided|my mind|plan|going to|will|ready|enough|goodbye)\b)|"
            r"\b(?:kinder|fairer|better|easier|best) (?:to|for|on) (?:everyone|everybody|them|my family|the family|all of them|my kids|"
            r"my husband|my wife) if (?:i|she|he)\b|"
            r"\bcan not face (?:another|one more|living|life|going on|tomorrow|waking up)\b|"
            r"\b(?:only|one|the only|just one|only one) way out\s*$|\b(?:the )?only way out (?:is|left|now)\b|"
            r"\bif (?:i|she|he) (?:was not|were not|was no longer|were no longer|did not exist|was gone|were gone|was dead|were dead|"
            r"died|disappeared)\b(?:\s+(?:here|around|alive))?(?:\s+\w+){0,6}?\s+(?:would|will|could)\s+(?:\w+\s+){0,3}?"
            r"(?:stop|better|easier|happier|fine|okay|relief|relieved|free|lighter|end|be over)\b|"
            r"\b(?:should|might as well|may as well|better|ought to) (?:just (?:go|check out)\s*$|leave this world)|"
            r"\bhow (?:many|much) (?:of (?:my|her|his|the) )?"
            + DRUG
            + r"(?:\s+(?:bottles|boxes|packets|packs|strips|tablets|pills))?\s+"
            r"would (?:i|you|someone|one|she|he|a person) need\b|"
            r"\b(?:written|wrote|finished|done|sorted|prepared) (?:all )?(?:my|her|his) (?:letters|notes|goodbye letters)\b"
            r"(?=.*\b(?:ready|goodbye|time|done now|tonight|tomorrow|it is time|the end|over|gone)\b)"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "There's no way out except dying",
            "Not sure how much longer I want to keep going",
            "i dont see myself being around much longer and i'm fine with that, i'll make sure of it",
        ),
        does_not_fire_on=(
            "three and a much longer sentence about bone pain",
            "i don't want to die, there's so much i haven't done",
        ),
    ),
    Rule(
        id="crisis.ideation.sad_still_alive",
        category="suicidal_ideation",
        rationale=("Sad, disappointed or angry to be still here or to have woken up; not when glad or grateful."),
        pattern=rx(
            r"\b(?:sad|disappointed|upset|gutted|angry|annoyed|devastated|cry|crying|cried|hate|hating|sorry|unfortunately|sadly|"
            r"why am i)\b(?:\s+\w+){0,4}?\s+(?:that\s+|because\s+|when\s+)?(?:i am|i am still|i|she is|he is)\s+(?:still\s+)?"
            r"(?:here|alive|breathing|around|woke up|waking up|wake up)\b(?!\s+(?:at|to|early|for|in|with|on|because))|"
            r"\b(?:still|another day)\s+(?:here|alive)\b(?=.*\b(?:sad|disappointed|unfortunately|sadly|why|wish|hate|"
            r"do not want|cry|gutted)\b)"
        ),
        negatable=False,
        sentence=rx(r"\b(?:glad|grateful|thankful|happy|lucky|blessed|thank god|thankfully|relieved)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=("Every day I wake up and I'm sad I'm still here",),
        does_not_fire_on=(
            "why am I still here in this hospital, they said noon",
            "i'm scared and overwhelmed but i'm still here fighting",
        ),
    ),
    Rule(
        id="crisis.ideation.no_point_in_living",
        category="suicidal_ideation",
        rationale="Can't see the point in living or going on; nothing left to live for.",
        pattern=rx(
            r"\b(?:not|no longer|never|can not|could not)\s+(?:really\s+)?(?:see|find)\s+(?:the|any|a|much)\s+(?:point|reason|purpose)\s+"
            r"(?:in|of|to|for)\s+(?:(?:me|her|him)\s+)?(?:living|life|going on|carrying on|being alive|staying alive|being here|"
            r"existing|anything|it all|waking up|getting up|continuing|keep going|trying anymore)\b(?!\s+without)|"
            r"\b(?:not|no longer|never|can not)\s+(?:really\s+)?(?:see|find)\s+(?:the|any|a|much)\s+(?:point|reason|purpose)\s+"
            r"(?:in|of|to|for)\s+(?:living|life|going on|being alive)\s+without\b|"
            r"\bnothing\s+(?:left\s+)?(?:for (?:me|her|him)\s+)?(?:left\s+)?to\s+(?:live|stay|keep going|get up|go on)\s+for\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "there's nothing left for me to live for",
            "My husband said he doesn't see the point of living without me",
        ),
        does_not_fire_on=(
            "I can't see the point of this scan",
            "my husband does not know how scared I am",
        ),
    ),
    Rule(
        id="crisis.ideation.why_still_alive",
        category="suicidal_ideation",
        rationale=(
            '"Why am I still alive", "why won\'t my body give up", "why do they keep me alive"; '
            "not gratitude or waiting-room talk."
        ),
        pattern=rx(
            r"\bwhy\s+(?:am|is|are)\s+(?:i|she|he)\s+(?:(?:even|still|actually|really)\s+)+(?:alive|here|breathing|living|around|"
            r"on this earth|in this world|bothering|existing|fighting)\b|"
            r"\bwhy\s+(?:am|is)\s+(?:i|she|he)\s+(?:alive|breathing|existing)\b|"
            r"\bwhat\s+(?:am|is)\s+(?:i|she|he)\s+(?:(?:even|still)\s+)+(?:alive|here|living|breathing|around)\s+for\b|"
            r"\bwhy\s+(?:did|do|does|must|should)\s+(?:i|she|he)\s+(?:(?:even|still|have to|ever)\s+)+(?:wake up|survive|"
            r"live through|make it through|exist|live)\b|"
            r"\bwhy\s+(?:will not|would not|does not|can not|could not|do not)\s+(?:god|my body|the cancer|cancer|death|it|"
            r"this disease|the disease|this body|my heart)\s+(?:just\s+)?(?:(?:take|kill|finish|let)\s+(?:me|her|him)\b|"
            r"(?:give up|stop|pack (?:it |up )?in|shut down|give out|quit)\b(?!\s+(?:hurting|aching|itching|bleeding|being|"
            r"doing|making|feeling|working so)))|"
            r"\bwhy\s+(?:does|do|would|will|did)\s+(?:god|the universe|my body|this body|everyone|they|the doctors|you)\s+"
            r"(?:still\s+)?(?:keep|keeps|kept)\s+(?:me|her|him)\s+(?:alive|going|here|breathing)\b"
        ),
        negatable=False,
        after=rx(
            r"\s+(?:so|(?:this|that) (?:fast|hard|heavily|badly|quickly|much|loud)|like (?:this|that)|fast|heavily|hard|"
            r"badly|through|in (?:the|this|a|hospital)|at (?:the|this|\d)|on (?:the|this|a)|waiting|with (?:the|this|my)|"
            r"against all)\b"
        ),
        message=rx(
            r"\b(?:glad|grateful|thankful|lucky|blessed|thank god|thankfully|miracle|amazing|not complaining|lol|"
            r"haha|ward|hospital|waiting room|queue|clinic|discharged|discharge|appointment|transport|"
            r"(?:doctors?|they|oncologist|consultant) (?:gave|said|told))\b"
        ),
        message_unless=rx(
            r"\b(?:want to die|wish i (?:was|were) dead|end it|kill myself|no point|do not want to (?:be here|"
            r"live|wake))\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "why am I still here",
            "what am I even still alive for",
            "why is she still alive, she keeps asking me",
        ),
        does_not_fire_on=(
            "why am I still breathing so fast after the stairs",
            "why am I still alive? The doctors gave me six months two years ago. Not complaining!",
        ),
    ),
    Rule(
        id="crisis.ideation.does_not_want_to_live",
        category="suicidal_ideation",
        rationale=(
            'Not wanting to live, said by contrast: "they should spend it on someone who actually wants to live. i '
            'don\'t" (dev set 6), "everyone says fight. i want to lose. on purpose" (dev set 7). Not "I want to live '
            "and I don't want to lose\"."
        ),
        pattern=rx(
            r"\b(?:wants?|want) to (?:live|be here|be alive|get better)\b[.,;!]? (?:and |but )?(?:i|she|he) (?:do not|does not)"
            r"(?: anymore| any more)?(?=\s*(?:[.,;!]|$))|"
            r"\b(?:i|she|he) (?:want|wants|wanna) to (?:lose|give in|stop fighting)(?: this fight| the fight| this battle)?"
            r"(?=\s*(?:[.,;!]\s*)?(?:on purpose|deliberately|for good|and go|and die)\b)"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "give the bed to someone who actually wants to live. i don't",
            "they all say keep fighting. i want to lose, on purpose",
        ),
        does_not_fire_on=(
            "i'm someone who wants to live and i don't want to lose this fight",
            "i want to lose a bit of weight on purpose before the wedding",
        ),
    ),
    Rule(
        id="crisis.ideation.stop_being_here",
        category="suicidal_ideation",
        rationale=(
            "Time to stop being here, or not wanting to still be alive at a coming event (\"I think it's time I "
            'stopped being here", "I don\'t want to still be alive for the next scan", dev set 19). Not stopping '
            "being here in a place (this ward, this hospital, this town)."
        ),
        pattern=rx(
            r"\b(?:time (?:i|for me to)|want to|going to|should|ready to) (?:just )?(?:stop|stopped|stopping) being "
            r"(?:here|around|alive)\b(?!\s+(?:in|at|on|for (?:a|the) (?:while|day|night|week)))|"
            r"\b(?:do not|does not) want to (?:still )?be (?:alive|here|around) (?:for|by|at|when|on)\b"
            r"(?!\s+(?:the )?(?:visit|visitors|visiting|appointment|appointments|checks?|the ward round|christmas dinner))"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "honestly i think it's time i stopped being here",
            "i don't want to still be alive for the next round of chemo",
        ),
        does_not_fire_on=(
            "i think it's time i stopped being here in this ward and went home",
            "i don't want to be here for the ward round, can i go home first",
        ),
    ),
)
