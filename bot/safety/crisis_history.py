"""Suicidal thoughts, an attempt or self-harm told as history that is over.

"When I was 19 I attempted suicide. That was 30 years ago and I'm in a good place now",
"I used to self harm as a teenager, it's not been an issue for decades", "my husband was
suicidal back in 2015, he's been well for years": the person is telling us their history,
not a crisis now. Answering it as an emergency ignores what they said (clinical-safety.md,
"replies that ignore what they said"). They get their own reply instead (actions/escalation.py:
thanks, the crisis lines in case the thoughts come back, a person offered), never silence.

A crisis match counts as told as history only when all three hold:

* the clause it sits in is in the past: a time long gone ("years ago", "as a teenager",
  "back in 2015", "last year") or a past-tense verb ("attempted", "used to", "went through");
* the message says it is over (``OVER``: "haven't had them since", "in a good place now",
  "no thoughts like that anymore", "been well for years");
* nothing in the message says it is back, current or planned (``STILL_OR_AGAIN``: "again",
  "coming back", "lately", "since the diagnosis", "thinking about it", "tonight", "urges").

A current statement in another clause ("..., but I want to die now") is a match of its own
that is not in the past, so it still fires. Pending clinician review (hazard log H1).
"""

from __future__ import annotations

import re

PAST_TIME = re.compile(
    r"\b(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|many|several|a few|few|"
    r"a couple of|some) (?:years|decades) (?:ago|back)|years ago|decades ago|long ago|a long time ago|ages ago|"
    r"when (?:i|she|he|we) (?:was|were) (?:a |little|young|younger|small|at (?:school|uni|university|college)|\d+|"
    r"(?:in )?(?:my|her|his) (?:teens|twenties|thirties|20s|30s))|as a (?:child|kid|teen|teenager|student|young \w+)|"
    r"in (?:my|her|his) (?:teens|twenties|thirties|forties|early \w+|late \w+|20s|30s|40s)|back in (?:19|20)\d\d|"
    r"in (?:19|20)\d\d|back then|at the time|last year|the year before|in the past|"
    # session 18 (blind set 25): "more than a year ago"
    r"(?:more than |over |about |nearly |almost |well over )?a year ago|after (?:my|her|his) "
    r"(?:divorce|breakup|break up|first husband|first marriage|son|daughter|baby|dad|mum|mother|father) (?:\w+ )?"
    r"(?:years|decades) ago)\b"
)

PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|used to|attempted|tried to|survived|went through|thought|felt|wanted|did not want|"
    r"took|overdosed|self harmed|cut|harmed|hurt|wished)\b"
)

OVER = re.compile(
    r"\b(?:(?:have|has) not (?:had|felt|done|thought|been)\b[^.?!]{0,40}\bsince|not (?:had|felt|done) (?:it|them|that|"
    r"those|any|one)\b[^.?!]{0,20}\bsince|never (?:again|since)|not since|"
    r"(?:not|never) (?:been )?(?:an issue|a problem)|long (?:in the )?past|(?:all |well )?behind (?:me|her|him|us)|"
    r"in a (?:good|better|much better|really good|great|safe|happy) place|"
    r"(?:much|a lot|so much|way|far|loads) (?:better|happier|stronger) now|no (?:thoughts|urges|feelings) like (?:that|"
    r"those|this)|(?:those|the|these) (?:thoughts|urges|feelings) (?:have )?(?:gone|went away|stopped|passed)|"
    r"(?:been|is|am|was) (?:well|fine|ok|okay|good|stable|safe) (?:for (?:years|decades|a long time|ages)|ever since|"
    # "I've been fine for over 20 years" (blind set 22, read after its measurement)
    r"for (?:over |more than |well over |about |nearly |almost |at least )?(?:\d+|two|three|four|five|six|seven|eight|nine|"
    r"ten|fifteen|twenty|thirty|forty|many|several|a few|a good few) (?:years|decades))|"
    r"(?:i am|she is|he is|we are) (?:fine|ok|okay|well|safe|good|happy|doing well) now|"
    r"fighting to (?:stay alive|live|be here)|(?:i|she|he) (?:really )?(?:want|wants) to live|"
    r"coping (?:ok|okay|fine|well)|now (?:i|she|he) (?:volunteer|volunteers|help|helps|work|works|support|"
    r"supports|campaign|campaigns)|"
    # session 18 (blind set 25, read after its measurement): "haven't felt that way in over a decade", "it's not
    # something I do or think about any more", "none since", "which is thirty years ago now"
    r"(?:have|has) not (?:had|felt|done|thought|been)\b[^.?!]{0,40}\bin (?:over |more than |well over )?(?:a decade|"
    r"decades|years|ages|a long time|(?:\d+|two|three|four|five|ten|twenty|thirty|many) (?:years|decades))|"
    r"not something (?:i|she|he) (?:do|does|think about|thinks about|feel|feels)\b[^.?!]{0,30}\b(?:any ?more|now)|"
    # blind set 26 (read after its measurement): "i haven't for thirty years"
    r"(?:have|has) not (?:done (?:it|that) )?(?:in|for) (?:over |more than |well over )?(?:a decade|decades|years|ages|"
    r"a long time|(?:\d+|two|three|four|five|ten|fifteen|twenty|thirty|forty|many) (?:years|decades))|"
    r"(?:none|nothing like (?:that|it)) since|"
    r"(?:which|that|it) (?:is|was) (?:now )?(?:over |more than |nearly |almost )?(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|fifteen|twenty|thirty|forty|fifty|many) (?:years|decades) ago)\b"
)

STILL_OR_AGAIN = re.compile(
    r"\b(?:again|back again|(?:are|is|have|has|came|come|coming|creeping|crept|crawling|flooding) back|"
    r"return\w*|lately|recently|these days|this (?:week|month|morning|afternoon|evening|year|weekend)|tonight|today|"
    # a recent time is not history: "I cut myself last night, I'm fine now" is self-harm to review now
    r"last (?:night|week|weekend|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|"
    r"the other (?:day|night|week)|(?:\d+|a|one|two|three|four|five|six|a few|few|a couple of|couple of|some) "
    r"(?:days|nights|weeks|months) ago|(?:days|weeks|months) ago|on (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|"
    r"since (?:the|my|her|his|this|getting the|being) (?:diagnosis|scan|news|results|cancer|relapse|spread|"
    r"diagnosed)|start(?:ed|ing)? (?:to )?(?:think|feel|want|have|get|cut|hurt)|(?<!no )urges?|tempt\w*|plan\w*|"
    r"going to|gonna|thinking (?:about|of) (?:it|that|doing|ending|killing|hurting|taking|cutting|dying|suicide)|"
    r"wonder\w* (?:if|whether|about)|can not stop|still (?:think|thinking|want|wanting|wish|feel like|feeling like|"
    r"have (?:the |those |these )?(?:thoughts|urges)|get (?:the |those |these )?(?:thoughts|urges)|cut|cutting|hurt|"
    r"harm)|what if|(?:scared|afraid|worried|frightened) (?:that )?(?:i|it|they|she|he) (?:will|might|could|am|is|are)|"
    r"(?<!not )(?<!never )(?:feel|feeling|felt) (?:the same|like that|that way)|same (?:thoughts|feelings|way)|"
    r"(?:but |and )?now (?:i|she|he) (?:want|wants|think|thinks|feel like|feels like|am thinking|is thinking|keep|keeps)|"
    r"but (?:now|lately|recently|since)|relaps\w*|slipping|finish (?:the job|it)|next time|this time)\b"
)

# where a clause ends: punctuation or "but" (a past clause and a present one are often joined so)
_CLAUSE_EDGE = re.compile(r"[,;.!?]|\bbut\b")


def clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` that holds the span start..end."""
    left = 0
    for edge in _CLAUSE_EDGE.finditer(sentence, 0, start):
        left = edge.end()
    right_edge = _CLAUSE_EDGE.search(sentence, end)
    return sentence[left : right_edge.start() if right_edge else len(sentence)]


def told_as_over(sentence: str, start: int, end: int, message: str) -> bool:
    """True when the crisis match at sentence[start:end] is history the message says is over."""
    if not OVER.search(message) or STILL_OR_AGAIN.search(message):
        return False
    clause = clause_around(sentence, start, end)
    return bool(PAST_TIME.search(clause) or PAST_VERB.search(clause))
