"""Crisis rules: Suicidal thoughts said in so many words: suicide and its slang, killing or ending oneself, dark thoughts."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES, PHQ9_ITEM9, WARNING_SIGN_SOURCES
from bot.safety.rules.words import AD_AS_TOPIC, AD_WANTED, ASSISTED_DYING, DRUG, KILL, POSS, REFL


def veto_off_myself(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.off_myself (see its rationale); True drops the match."""
    return m.group(0).startswith("do") and not m.group(0).endswith(" in")


# crisis.ideation.preoccupied_with_means: a means, named with "the / my / a".
_MEANS_DRUG = DRUG.replace("|dose|doses", "").replace("|the lot", "")
_MEANS_NOUN = (
    r"(?:" + _MEANS_DRUG + r"|rope|noose|razors?|razor blades?|blades?|knife|knives|gun|shotgun|bridge|"
    r"tracks|railway|train line|cliffs?|balcony|car park|multi ?storey|garage|hose|exhaust)"
)
_MEANS = (
    r"(?:the|my|her|his|those|these|that|a|all the|all my|all (?:of )?(?:my|her|his|the))\s+(?:\w+\s+){0,3}?"
    + _MEANS_NOUN
    + r"\b(?!\s+(?:swings?|ladder|course|climb\w*|skipping|lights?|club|game|loan|organi[sz]er|box|"
    r"tracks?|music|song|album))"
)
_RECURRING = re.compile(
    r"\b(?:(?:every|each|most|all|some|other) (?:night|nights|day|days|morning|mornings|evening|evenings)|all the time|"
    r"constantly|non stop|nonstop|can not stop|cannot stop|could not stop|can not get|keep|keeps|kept|keeping|again|"
    r"over and over|at night|all night|that is all|nightly|obsess\w*|fixated|day and night|round and round|"
    r"(?:this|all) week|lately|for weeks|for days)\b"
)
_MEANS_AT_HAND = re.compile(r"\b(?:" + _MEANS_NOUN + r"|box of \w+|bottle of \w+|packet of \w+)\b")


def veto_means_not_recurring(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.ideation.preoccupied_with_means: the thought must recur (every night, keep,
    can't stop, again ...), and going back to look at "it" needs a means named in the sentence.
    True drops the match."""
    if m.group(0).startswith("keep"):
        return not _MEANS_AT_HAND.search(s)
    return not _RECURRING.search(s)


# "suicide prevention" / "awareness" as the subject of a programme, a fundraiser or a donation
# (blind set 14: "watched a documentary on suicide prevention charities last night")
_PREVENTION_AFTER = re.compile(r"\s+(?:prevention|awareness)\b")
_MEDIA_OR_EVENT = re.compile(
    r"\b(?:documentar(?:y|ies)|programme|tv|film|podcast|article|fundrais\w*|sponsored|fun run|marathon|"
    r"bake sale|charity (?:walk|run|event|shop)|volunteer\w*|donat\w*|raising money|raise money)\b"
)
# anything of the person's own in the sentence keeps the alarm ("I rang a suicide prevention
# line", "I watched a suicide prevention film because I want to die")
_OWN_CUE = re.compile(
    r"\b(?:hurt|harm|kill|die|dying|dead|end (?:it|my life|things)|not wake|never wake|want|wanted|wanna|"
    r"going to|gonna|plan\w*|tempted|feel|felt|think|thinking|thought|called|rang|phoned|texted|helpline|"
    r"hotline|line|need|needed|join|same|too|again|me too|keep)\b"
)
# someone else's death by suicide, told as a loss ("my friend's brother died by suicide last year and
# she's still struggling": dev set 15, read after its measurement)
_OTHERS_DEATH_BEFORE = re.compile(r"\b(?:died|dies|death|lost|losing)\s+(?:\w+\s+){0,3}?(?:by|of|to|from)\s+$")
_SOMEONE_ELSE = re.compile(
    r"\b(?:friend|friends|brother|sister|uncle|aunt|auntie|cousin|colleague|neighbour|neighbor|son|daughter|dad|father|"
    r"mum|mom|mother|husband|wife|partner|grandad|grandfather|nephew|niece|classmate|someone|somebody|man|woman|"
    r"boy|girl|person|he|she|they)\b"
)


def veto_suicide_as_topic(sentence: str, m: "re.Match[str]") -> bool:
    """'suicide prevention / awareness' as the subject of a programme, fundraiser or donation, or
    someone else's death by suicide told as a loss, with nothing of the person's own in the
    sentence (True drops the match)."""
    if _OWN_CUE.search(sentence):
        return False
    if _PREVENTION_AFTER.match(sentence, m.end()) and _MEDIA_OR_EVENT.search(sentence):
        return True
    return bool(
        m.group(0) == "suicide"
        and _OTHERS_DEATH_BEFORE.search(sentence[max(0, m.start() - 40) : m.start()])
        and _SOMEONE_ELSE.search(sentence[: m.start()])
    )


# suicide as a subject someone studies, writes about or reads a definition of, with a purpose named in
# the message ("what's the suicide rate among people with cancer? I'm writing a piece for our charity
# newsletter"; "what does passive suicidal ideation mean? it was on a leaflet": blind set 17) ...
SUICIDE_AS_STUDY = re.compile(
    r"\b(?:writing|write|wrote|making|make|made|putting together|designing|preparing) (?:a |an |my |our |the |some )?"
    r"(?:piece|article|essay|leaflet|newsletter|blog|dissertation|thesis|report|presentation|poster|talk|assignment)\b|"
    r"\bfor (?:our|the|my|a) (?:charity |support group |church )?(?:newsletter|leaflet|poster|course|training|class|"
    r"presentation|dissertation|essay|assignment|magazine)\b|\b(?:on|in) (?:a|the) (?:leaflet|poster|pamphlet|"
    r"booklet)\b|\bwhat does (?:the (?:word|term|phrase) )?[^.?!]{0,40}\bmean\b|"
    # revision 6 (session 18, blind set 25): a question about people in general and the warning signs to look
    # out for ("why do some people with cancer become suicidal? Mum seems okay, I want to know the warning signs")
    r"\b(?:why|how often|how common|how many|do|does|is it common for|can)\s+(?:some\s+|many\s+|so many\s+|a lot of\s+|"
    r"other\s+)?(?:people|patients|cancer patients|women|men|folk|someone|somebody)\b[^.?!]{0,50}\bsuicid\w*"
    r"(?=.*\b(?:warning signs?|signs to (?:look|watch) (?:out )?for|what to (?:look|watch) (?:out )?for|look out for)\b)"
)
# ... unless the writer speaks of their own feelings anywhere in it
SUICIDE_OWN = re.compile(
    r"\b(?:i|i am|i have|i feel|i felt|i keep|i think|i want|me|myself)\b[^.?!]{0,30}\b(?:suicid\w*|die|dying|"
    r"kill myself|end (?:it|it all|my life|things)|hurt myself|harm myself|not (?:be )?here)\b|\bi have it\b|"
    r"\b(?:about|describes|describe|sounds like|like) me\b|\bmy (?:own )?(?:thoughts|feelings)\b|"
    # "... i think i am": the writer's own, said after the question
    r"\b(?:i think|i feel like|maybe|perhaps|i guess) (?:i am|i might be|i may be|that is me)\b|\bi am one of them\b|"
    # someone reported as suicidal keeps the alarm (their words, told by a caregiver)
    r"\b(?:she|he|they|mum|mom|dad|my \w+) (?:said|says|told|tells|mentioned|talks|talked|keeps saying|has been saying|is|"
    r"was|feels|felt|seems|sounds|has been|might be)\b[^.?!]{0,30}\bsuicid\w*"
)

SOURCES = CRISIS_SOURCES

RULES = (
    Rule(
        id="crisis.ideation.suicide_word",
        category="suicidal_ideation",
        rationale=(
            "Any mention of suicide or suicidal, and its slang (unalive, ctb, kys, sewerslide, "
            "self-delete), fires even in a question: recall first, a person follows up. Only a "
            'clear, unhedged negation stops it ("I\'m not suicidal"). Revision 2 (issue 17): not'
            ' the biology terms "suicide gene (therapy)" and "cell suicide" (programmed cell death).'
            ' Revision 3: not "suicide prevention / awareness" as the subject of a programme, a'
            " fundraiser or a donation with nothing of the person's own in the sentence (blind set"
            ' 14); "I rang a suicide prevention line" still fires. Revision 4 (dev set 15): not someone'
            " else's death by suicide told as a loss ('my friend's brother died by suicide last year'), with"
            " nothing of the person's own in the sentence; a documentary that made me grateful is a topic too."
            " Revision 5 (2026-12-07, blind set 17): not suicide as a subject the person writes or reads about"
            " (a newsletter piece, a leaflet, what a term means) with nothing of their own in the message."
        ),
        pattern=rx(
            r"\b(?:suicid(?:e|al|es|ally|ality)|sewer ?slide|sewerslide|self ?delet(?:e|ing|ion)|"
            r"un ?aliv(?:e|ing|ed)|ctb|kys|hasten (?:my|her|his|their) death|speed up (?:my|her|his) death)\b"
        ),
        after=rx(r"\s+genes?\b"),
        before=rx(r"\b(?:cell|cells|cellular|programmed cell|cancer cell|tumou?r cell)\s+$"),
        check=veto_suicide_as_topic,
        message=SUICIDE_AS_STUDY,
        message_unless=SUICIDE_OWN,
        revision=6,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I feel sucidal",
            "I've thought of comitting suicde",
            "my pastor says suicide is unforgivable. does that still apply when you're terminal? because i want to",
            "I rang a suicide prevention line last night after watching a documentary",
            "watched a documentary about suicide prevention and now I can't stop thinking about doing it",
            "my brother died by suicide and i want to join him",
            "my dad died by suicide, i think about doing the same",
            "she is suicidal and won't talk to me",
            "what does suicidal ideation mean? I think I have it",
        ),
        does_not_fire_on=(
            "I'm not suicidal",
            "my gp asks everyone if they've thought about suicide. i told her no. is that standard?",
            "what is suicide gene therapy, is it used for breast cancer",
            "Watched a documentary on suicide prevention charities last night, really well made.",
            "my daughter is doing a sponsored walk for a suicide prevention charity",
            "My friend's brother died by suicide last year and she's still struggling.",
            "We watched a documentary about suicide prevention and it made me realise how lucky I am",
            "how common is suicide in people with advanced cancer? I'm making a poster for the ward",
        ),
    ),
    Rule(
        id="crisis.ideation.assisted_dying",
        category="suicidal_ideation",
        rationale=(
            "Assisted dying, euthanasia, MAiD or Dignitas fire like suicide, except when the "
            'message only discusses the law, news or a debate and nobody in it wants it ("is '
            'assisted dying legal in Victoria? not for me").'
        ),
        pattern=ASSISTED_DYING,
        message=AD_AS_TOPIC,
        message_unless=AD_WANTED,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i want to go to dignitas",
            "can i get euthanasia in belgium if i'm stage 4",
            "mum's MAiD assessment got delayed and now she says she'll 'do it herself' with her hydromorphone",
        ),
        does_not_fire_on=(
            "is euthanasia legal in the uk",
            "my dad wants to understand the difference between euthanasia and assisted dying for a letter to his mp",
        ),
    ),
    Rule(
        id="crisis.ideation.kms",
        category="suicidal_ideation",
        rationale='"kms" (kill myself) chat slang; not a distance after a number ("3 kms").',
        pattern=rx(r"\bkms\b"),
        before=rx(r"(?<!want )(?<!going )(?<!about )(?<!need )(?<!wanna )(?<!gonna )\b\d+(?:\.\d+)?\s*$"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "honestly kms",
            "kms lol. no but actually",
            "kms fr, this pain is unbearable and nobody listens",
        ),
        does_not_fire_on=(
            "I walked 3 kms today",
            "ran 5 kms this morning",
        ),
    ),
    Rule(
        id="crisis.ideation.kill_myself",
        category="suicidal_ideation",
        rationale=(
            '"Kill myself" in any spelling; not the idiom "killing myself trying to keep the house clean / over work".'
        ),
        pattern=rx(r"\b" + KILL + r"\s*" + REFL + r"\b|\bkil+\s*my\s*self\b"),
        after=rx(
            r"\s+(?:trying|working|to get|to keep|to make|to finish|to please|at work|with work|"
            r"over (?:this|that|it|work|the|a)|laughing|for (?:a|the|my|this|that|work)|doing|"
            r"to look after|cleaning)"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I want to kll myself",
            "my mum says she wants to kill herself",
            "dad asked me if it's a sin to kill yourself when you're terminal, now i'm scared why he's asking",
        ),
        does_not_fire_on=(
            "I would never kill myself, I have my kids",
            "my grandad killed himself when i was little, i still think of him at christmas",
        ),
    ),
    Rule(
        id="crisis.ideation.kill_me_plea",
        category="suicidal_ideation",
        rationale=(
            'A plea to be killed ("just kill me now", "God, kill me", "cancer, kill me '
            'already"); not "it will kill me if ...". Revision 2 (2026-12-07, dev set 19): not a joke about '
            'a chore ("kill me now lol, 40 minutes on hold"), unless it says it is meant.'
        ),
        pattern=rx(
            r"(?:^|\b(?:just|please|pls|somebody|someone|anyone|anybody|god|lord|jesus|cancer|you)\s+"
            r"(?:please\s+|just\s+|come\s+(?:and\s+)?|already\s+)*)kill\s+me\b(?!\s+(?:if|when))"
        ),
        # r2 (dev set 19): "kill me now lol, 40 minutes on hold with the pharmacy" -- a joke about a chore
        sentence=rx(
            r"\b(?:lol|lmao|haha+|on hold|in a queue|queueing|queuing|traffic|parking|paperwork|forms?|call centre|"
            r"hold music|the pharmacy|waiting room)\b"
        ),
        unless=rx(
            r"\b(?:really|seriously|not joking|i mean it|want to die|end it|cancer|pain|cannot go on|can not go on)\b"
        ),
        revision=2,
        sources=SOURCES,
        review=PENDING,
        fires_on=("please just kill me", "kill me now lol, i mean it, i can't go on"),
        does_not_fire_on=(
            "kill me now, 50 minutes on hold to the hospital switchboard",
            "this fatigue is killing me",
            "my husband will kill me if I forget the milk",
        ),
    ),
    Rule(
        id="crisis.ideation.wish_someone_kill_me",
        category="suicidal_ideation",
        rationale=("A wish that someone or something (the cancer, God, a bus) would kill, take or finish the writer."),
        pattern=rx(
            r"\b(?:wish|want|need|hope|hoping|pray|praying|like)\s+(?:that\s+)?(?:someone|somebody|you|they|god|"
            r"it|the cancer|this cancer|this|something|death|the disease|a bus|the tumou?rs?)\s+(?:would|will|"
            r"to|could)\s+(?:just\s+|finally\s+|hurry up and\s+|come and\s+)?(?:kill|take|finish(?: off)?|"
            r"come for|end)\s+(?:me|her|him)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I wish someone would kill me",
            "I need someone to finish me off",
        ),
        does_not_fire_on=(
            "i need to talk to someone from the team",
            "i think i need someone to talk to, like a professional",
        ),
    ),
    Rule(
        id="crisis.ideation.take_me_let_me_die",
        category="suicidal_ideation",
        rationale=(
            '"God take me", "let the cancer take me", "let me die"; not "let me die at home / '
            'peacefully / in the hospice" (place-of-death wishes).'
        ),
        pattern=rx(
            r"\b(?:god|lord|jesus|death)\s+(?:please\s+)?(?:just\s+)?(?:take|come (?:and )?(?:take|get)|"
            r"come for)\s+me\b|\blet (?:it|the cancer|this|the disease|the tumou?rs?) (?:just )?"
            r"(?:kill|take|finish) me\b|\b(?:let|help) (?:me|her|him) (?:to )?(?:die|go)\b(?!\s+(?:home|out|to|at|peacefully|"
            r"comfortably|in (?:peace|hospital|the hospice|a hospice|her own bed|his own bed|my own bed|comfort)|with dignity))"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "mum asked me to help her die",
            "what if i just stop taking my meds and let it take me quicker",
            "my daughter (34, bone mets) keeps asking me to help her die. i found her looking up how much fentanyl it takes",
        ),
        does_not_fire_on=(
            "please let me die at home",
            "My wife asked me to help her write her will",
        ),
    ),
    Rule(
        id="crisis.ideation.off_myself",
        category="suicidal_ideation",
        rationale=(
            'Slang for suicide: "top myself", "off myself", "end myself", "neck myself", "do '
            'myself in"; not "do myself a favour / proud / justice".'
        ),
        pattern=rx(
            r"\b(?:neck|necking|top|topping|off|offing|offed|end|ending|ended|do|doing) (?:myself|herself|himself|themselves|"
            r"yourself)(?: in)?\b"
        ),
        after=rx(r"\s+(?:up|out|over|a favou?r|proud|justice|credit|good|harm)\b"),
        check=veto_off_myself,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "gonna off myself",
            "might just top myself",
            "my dad says he'd rather top himself than go into a hospice",
        ),
        does_not_fire_on=(
            "I'm going to do myself a favour and rest",
            "I don't want to hurt myself",
        ),
    ),
    Rule(
        id="crisis.ideation.end_my_life",
        category="suicidal_ideation",
        rationale=(
            "Ending or taking one's own life; not when the cancer, a drug or treatment is the "
            'subject ("the cancer nearly took my life") and not "take my life back / one day at'
            ' a time". Revision 2 (2026-12-07, issue 17): not a character in a film, book or '
            "programme, unless the writer speaks of doing the same. Revision 3 (2026-12-08, pending review, a "
            'helper\'s probe while writing training data): "i want to finish my life" (not a life story).'
        ),
        pattern=rx(
            r"\b(?:end|ends|ending|ended|take|takes|taking|took|taken|terminate|terminating|finish|finishing)\s+"
            + POSS
            + r"\s+(?:own\s+)?(?:life|existence)\b(?!\s*(?:'s|s\b|story|work|book|memoir|savings|insurance|policy))"
        ),
        before=rx(
            r"\b(?:cancer|it|this|disease|illness|chemo|treatment|which|that|tumou?rs?|has|have|had|"
            r"nearly|almost|mets|drug|drugs)\s+(?:has\s+|have\s+|had\s+|nearly\s+|almost\s+|will\s+|would\s+)?$"
        ),
        after=rx(
            r"\s+(?:back|away|over|from (?:me|her|him)|into (?:my|her|his) own hands|in (?:my|her|his) "
            r"(?:own )?hands|seriously|one day at a time|day by day|as it comes)\b"
        ),
        # a character in a film, book or programme (revision 2, blind set 17), unless the writer joins in
        sentence=rx(
            r"\b(?:film|movie|book|novel|series|programme|program|documentary|drama|episode|soap|play|podcast|"
            r"musical|show)\b[^.?!]{0,40}\babout (?:a|an|the|this|some) (?:\w+ ){0,2}?(?:who|that)\b"
        ),
        unless=rx(
            r"\b(?:i|me) (?:want|wanted|think|thought|keep thinking|wish|could|might|should|would|am going)\b[^.?!]{0,40}"
            r"\b(?:same|too|do it|as well|like (?:her|him|them))\b"
        ),
        revision=3,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "end her life",
            "i dont see a future, i want to end my life",
            "i want to finish my life",
            "my dad took his own life years ago and now i think about doing the same",
            "watched a film about a man who took his own life and i keep thinking i could do the same",
        ),
        does_not_fire_on=(
            "my uncle took his own life years ago, does depression run in families",
            "it's 20 years ago today that my sister took her own life. lit a candle for her",
            "the book club read a novel about a woman who took her own life, it was beautifully written",
            "i want to finish my life story for the grandchildren before the next scan",
        ),
    ),
    Rule(
        id="crisis.ideation.end_it",
        category="suicidal_ideation",
        rationale=(
            'Wanting, planning or thinking of ending it / things / my suffering; not "end it '
            'with him", "end things on a high", "end it early for the day".'
        ),
        pattern=rx(
            r"\b(?:want|wants|wanted|wanting|wish|wishes|going to|gonna|about to|planning to|planning on|plan to|"
            r"thinking (?:about|of)|think about|thought about|thought of|considering|consider|considered|ready to|"
            r"decided to|could just|should just|might just|will just|would just|tempted to|time to|need to|have to|"
            r"like to|would|will|to|just|gonna|might|may|could|should|urge to|close to|talking about|talks about|"
            r"talked about|keeps? talking about|said (?:she|he|they|i) (?:wants?|wanted) to|feel like|feels like|felt like|"
            r"feeling like|researching|googling|looking up|ways to|how to)\s+(?:\w+\s+){0,2}?"
            r"(?:end(?:ing)?|finish(?:ing)? it all)\s+(?:it all|it|things|everything|my suffering|this suffering|"
            r"the suffering|my misery|this misery|it now|my existence|this existence|this life|myself|"
            r"it once and for all)\b"
        ),
        after=rx(
            r"\s+(?:with|between|off with|early|for the (?:day|night)|there|here|on a (?:high|good|positive)|"
            r"by saying|now and go|up)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I want to end it",
            "i'm going to end it tonight lol jk... mostly",
            "is there any way to get a doctor to help me end it sooner. i cant do months more of this",
        ),
        does_not_fire_on=(
            "I want to end it with my boyfriend",
            "time to end things on a high",
        ),
    ),
    Rule(
        id="crisis.ideation.end_it_all",
        category="suicidal_ideation",
        rationale='"End it all" in any tense.',
        pattern=rx(r"\b(?:end|ending|ended) it all\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "end it all",
            "ended it all",
        ),
        does_not_fire_on=("PostgreSQL came back before the conversations ended",),
    ),
    Rule(
        id="crisis.ideation.dark_thoughts",
        category="suicidal_ideation",
        rationale=(
            '"Dark thoughts", "a dark place", "do something stupid", "thoughts of ending it", '
            '"death wish", "want out of life", "check out for good": indirect but recognised '
            'warning signs. Revision 2 (2026-12-07, issue 17): "checking out early" with what it means '
            '("if you get my meaning", "before the pain gets worse"), not leaving a hotel or ward.'
        ),
        pattern=rx(
            r"\b(?:dark|darkest|suicidal|scary|morbid|black) (?:thoughts|place|hole|headspace|head space)\b|"
            r"\b(?:do|doing|did) (?:something|anything) (?:stupid|silly|drastic|final|i (?:will|would) regret|rash)\b|"
            r"\bthoughts? (?:of|about) (?:ending|hurting|harming|killing|taking|not being (?:here|around|alive)"
            r"(?!\s+(?:for|when|to see|at|on|in time|by))|not waking|being dead|wanting to die)\b|\bend (?:of )?(?:the )?road for me\b|\bthis is the end for me\b|"
            r"\bdeath wish\b|\bpassive (?:ideation|death)\b|\bwant(?:s)? out of (?:this|life|here)\b|"
            r"\bcheck(?:ing)? out (?:for good|permanently|of life)\b|\bfinal exit\b|"
            r"\b(?:letting|let) (?:it all |everything )?go (?:for good|permanently|of (?:life|it all|everything))\b|"
            # "checking out early, if you get my meaning" (revision 2, blind set 17)
            r"\b(?:check|checking|checked|clock|clocking|bow|bowing) out (?:early|earlier|sooner|before (?:the|it|this|things|my))\b"
            r"(?!\s+(?:of|from) (?:the )?(?:hotel|hospital|ward|hospice|clinic|work|the office|b ?and ?b))"
            r"(?=.*\b(?:if you (?:get|know|catch|understand) (?:my|what i) (?:meaning|mean|drift)|know what i mean|"
            r"for good|on my own terms|before (?:the|this|my|it) (?:\w+ ){0,2}?(?:gets?|takes?|kills?|finish\w*) "
            r"(?:any |much )?(?:worse|bad|me|over|hold))\b)"
        ),
        message=SUICIDE_AS_STUDY,
        message_unless=SUICIDE_OWN,
        revision=2,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I'm in a really dark place",
            "I'm not going to do anything stupid... probably",
            "everyone keeps telling me to fight. I'd rather just check out. permanently.",
            "thinking about clocking out early before this cancer gets any worse, you know what i mean",
        ),
        does_not_fire_on=(
            "I have no suicidal thoughts",
            "what does passive ideation mean, it was in a leaflet",
            "checking out early from the hotel before the pain clinic appointment",
            "the nurse asked me whether i'd had thoughts of harming myself, i said no and that's the truth",
        ),
    ),
    Rule(
        id="crisis.ideation.thoughts_of_method",
        category="suicidal_ideation",
        rationale=(
            'Thinking about hanging, jumping, overdosing, cutting, drowning ...; not "thinking '
            'about cutting my hair / jumping the queue / hanging the washing".'
        ),
        pattern=rx(
            r"\b(?:thought|thinking|think|thoughts)\s+(?:about|of)\s+(?:hanging|jumping|overdosing|cutting|drowning|shooting|gassing|"
            r"poisoning|slitting|hurting|harming|ending|killing|taking (?:all|an overdose|the lot)|stabbing|crashing)\b"
            r"(?!\s+(?:up|the|a|some|out|washing|pictures|curtains|coat|clothes|wallpaper|down on|back on|in the|into the "
            r"(?:pool|sea for a swim)|through|ahead|hair|my hair|the hair|queue|at the chance))"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=("I keep having thoughts about hanging",),
        does_not_fire_on=(
            "I've never had thoughts of killing myself",
            "my counsellor asked if i ever think about hurting myself, i said no and i meant it. is it normal they ask that",
        ),
    ),
    Rule(
        id="crisis.ideation.preoccupied_with_means",
        category="suicidal_ideation",
        rationale=(
            "Thoughts that keep returning to a means: \"I've thought about the pills every night this "
            'week", "can\'t stop thinking about the pills", "the bath and a razor, that\'s all I keep '
            'thinking about", or going back again and again to look at a box of tablets or a blade '
            "she has (NIMH, 988 Lifeline: talking or thinking about a way to die; PHQ-9 item 9). The "
            "thought must recur (every night, keep, can't stop, again, all the time). Not "
            "thinking about when to take tablets, whether to start them, their side effects or "
            "cost, or a bridge on the way to work."
        ),
        pattern=rx(
            r"\b(?:thought|thinking|think|thinks|thoughts|obsess\w*|fixated|fantasi[sz]\w*|dwell\w*)\s+(?:about|of|on)\s+"
            + _MEANS
            + r"|"
            r"\b"
            + _MEANS
            + r"(?:[\s,]+\w+){0,6}?[\s,]+(?:that is |is |are )?all (?:i|she|he) (?:keeps? thinking about|"
            r"can think about|think about|ever think about|think of)\b|"
            r"\bkeep(?:s|ing)?\s+(?:going back (?:to|and)|taking (?:it|them) out(?: and)?|getting (?:it|them) out(?: and)?)\s+"
            r"(?:look(?:ing)?|star(?:e|ing)) at (?:it|them)\b|\bkeep(?:s|ing)?\s+(?:looking|staring) at (?:it|them)\b"
        ),
        sentence=rx(
            r"\b(?:side effects?|cycle|course|start|starting|switch\w*|change|whether|should i|forgot|forget|"
            r"remember|did i|have i|missed|miss|dose|cost|price|pharmacy|repeat|refill|prescri\w*|interact\w*|"
            r"working|work|help|helping|holiday|trip|walk|crossed|built|traffic|commute|view|swim|fishing|film|"
            r"book|news|documentary|instructions|leaflet|label|expiry|which day|what day|colour|color|shiny|"
            r"new wig|present|gift|organi[sz]er|dosette|pill box|pillbox|arrived|delivery|parcel|as (?:kids|a child)|"
            r"when i was|childhood|memories|remember when|is it making|are they making|making me|constipat\w*|"
            r"addict\w*|dependen\w*|wean\w*|cut down|reduce|increase|stronger|weaker|pain relief|safe to|"
            r"safe with|doing anything|helping)\b"
        ),
        unless=rx(r"\b(?:die|dying|dead|end it|end things|kill|overdose|all of them|all at once|take them all)\b"),
        check=veto_means_not_recurring,
        negatable=False,
        sources=WARNING_SIGN_SOURCES + (PHQ9_ITEM9,),
        review=PENDING,
        fires_on=(
            "told the palliative nurse i was 'ok' but honestly i've thought about the pills every night this week",
            "u up? cant stop thinking about the pills",
            "the bath and a razor. that's all i keep thinking about",
            "keep thinking about the bath and a razor blade. ignore me, bad night",
            "there's a full box of zopiclone in the cupboard and i keep going back to look at it",
            "i have a razor blade in my makeup bag and i keep taking it out and looking at it",
        ),
        does_not_fire_on=(
            "i keep thinking about the tablets the oncologist offered, should i start them",
            "can't stop thinking about the side effects of the pills",
            "i keep thinking about the bridge we crossed on holiday in cornwall",
            "thought about the pills you mentioned, are they safe with letrozole",
            "my new wig came and i keep taking it out and looking at it",
            "i keep thinking about the rope swing we had as kids",
            "i've been thinking about the morphine every night, is it making me constipated",
        ),
    ),
)
