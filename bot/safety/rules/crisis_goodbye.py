"""Crisis rules: Goodbye messages: farewells, notes and letters, giving things away, "I won't be here tomorrow"."""

from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES, WARNING_SIGN_SOURCES
from bot.safety.rules.words import SOON_ANCHOR, SOON_CRISIS_CUE, SOON_MUNDANE


def veto_note_or_farewell(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.goodbye.note_or_farewell (see its rationale); True drops the match."""
    return bool(
        re.search(
            r"\b(?:bye for now|see you|talk (?:to you )?(?:soon|tomorrow|later)|speak soon|"
            r"until next time|till next time|night night|catch you later|for now|"
            r"for today|said yesterday|i said|i did yesterday|earlier)\b",
            s,
        )
    )


def veto_giving_things_away(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.goodbye.giving_things_away (see its rationale); True drops the match."""
    if re.search(r"\b(?:old|unwanted|outgrown|spare|unused)\b", m.group(0)) and not re.search(
        r"\b(?:need|needing|after|gone|goodbye|soon|tonight|sorry|why|for good|everything|all (?:my|her|his))\b", s
    ):
        return True  # revision 2: old or unwanted things given away is clearing out
    return not re.search(r"\baway\b", m.group(0)) and not re.search(
        r"\b(?:away|to (?:charity|my|her|his|the|friends|family|people))\b", s[m.end() : m.end() + 40]
    )


def veto_gone_by_tomorrow(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.goodbye.gone_by_tomorrow (see its rationale); True drops the match."""
    return not SOON_ANCHOR.search(s)


# crisis.goodbye.message_then_unreachable: a message, call or post ... and now no answer.
_CONTACT = (
    r"text\w*|messag\w*|sent|send|posted|post|rang|ring|called|call|phoned|voicemail|wrote|emailed|whatsapp\w*|"
    r"said|facebook|instagram|note|goodbye|bye"
)
_UNREACHABLE = (
    r"(?:(?:is|are|was|has been|have been|now)\s+)?not (?:answering|picking up|replying|responding)|"
    r"will not (?:answer|pick up|reply|respond)|(?:has|have|had) not (?:answered|replied|responded|picked up|been in touch)|"
    r"(?:turned|switched|shut) (?:her|his|their|the) phone off|(?:turned|switched) off (?:her|his|their|the) phone|"
    r"phone(?:'s|s)?\s+(?:is\s+|has been\s+|was\s+|been\s+|is now\s+|now\s+)?(?:off|switched off|turned off|dead|going "
    r"(?:straight )?to voicemail|goes (?:straight )?to voicemail|went (?:straight )?to voicemail)|"
    r"(?:nobody|no one|noone|none of us|we|i) (?:can|could|has been able to|have been able to|is able to) (?:reach|get hold of|"
    r"get through to|contact) (?:her|him|them)|(?:can not|could not|cannot) (?:reach|get hold of|get through to|contact) "
    r"(?:her|him|them)|no (?:answer|reply|response)|gone (?:quiet|silent|offline|dark)|not heard (?:from (?:her|him|them)|"
    r"anything|back)|blocked (?:me|us|everyone)|(?:is|are) (?:missing|unreachable|not reachable)"
)
_FAREWELL_STRONG = re.compile(
    r"\b(?:goodbye|good bye|farewell|bye forever|last message|final message|(?:look after|take care of|care for) "
    r"(?:\w+\s+){1,3}?for me|(?:look after|take care of) each other|sorry for everything|thank(?:s| you) for everything|love you all|forgive me|"
    r"(?:it is|it was) not your fault|it will (?:all )?be over)\b"
)
_FAREWELL_WEAK = (r"\bsorry\b", r"\blove (?:you|u|ya)\b", r"\b(?:look after|take care of)\b", r"\bthank(?:s| you)\b")


def veto_not_a_farewell(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.goodbye.message_then_unreachable: the message must read as a farewell
    (goodbye, "look after ... for me", "sorry for everything" ...) or carry two of sorry / love you /
    look after / thank you. True drops the match."""
    if _FAREWELL_STRONG.search(s):
        return False
    return sum(1 for w in _FAREWELL_WEAK if re.search(w, s)) < 2


# crisis.goodbye.treasured_item_given: what "prized possessions" means in practice.
_TREASURED = (
    r"(?:(?:wedding|engagement|eternity|signet|mother's|grandmother's|nan's|gran's|mum's|mom's|mums|moms|mothers)\s+"
    r"(?:rings?|band|necklace|brooch|pearls|watch|locket)|wedding band|rings?|watch|medals|jewel(?:le)?ry|necklace|locket|"
    r"brooch|pearls|heirlooms?|(?:fishing|golf|camera|camping|sewing|painting|woodwork(?:ing)?)\s+(?:gear|kit|stuff|"
    r"things|tools|rods?|clubs|tackle|collection)|record collection|stamp collection|collection|"
    r"(?:good|best|favourite|favorite|precious|treasured|prized|special|beloved|lucky|expensive|designer|vintage|"
    r"antique)\s+(?:\w+\s+)?(?:coat|jacket|dress|handbag|bag|scarf|shoes|boots|books?|guitar|piano|violin|camera|"
    r"paintings?|art|car|bike|tools|records|vinyl|collection|pen|china|clothes|things|stuff|possessions|belongings|"
    r"pieces?|jewel(?:le)?ry))"
)


# crisis.goodbye.settling_affairs: an act of closing things down ...
_PET = (
    r"(?:dog|dogs|cat|cats|puppy|kitten|kittens|pets?|budgie|rabbit|rabbits|bunny|hamster|guinea pigs?|parrot|"
    r"horse|pony|tortoise)"
)
_CLOSING_ACT = (
    r"(?:rehom\w*|re hom\w*|found (?:a )?(?:new )?homes? for|gave|given|giving|handed|handing)\s+(?:away\s+)?"
    r"(?:the|my|our|her|his)\s+(?:\w+\s+)?" + _PET + r"|"
    r"(?:dropped|dropping|took|taken|taking|left|leaving)\s+(?:the|my|our|her|his)\s+(?:\w+\s+)?"
    + _PET
    + r"\b(?:\s+\w+){0,6}?\s+(?:for good|permanently|for keeps|to keep|forever|for ever)|"
    r"(?:the|my|our|her|his)\s+"
    + _PET
    + r"(?:'s| is| are)\s+going to (?:live with |stay with )?(?!the vet|vet|be\b|get|"
    r"have|need|the groomer|kennels|cattery|sleep|bed|miss)\w+|"
    r"cancel(?:led|ed|ling|ing|s)?\s+(?:all\s+(?:of\s+)?|the rest of\s+|the remainder of\s+)?(?:my|her|his|the)\s+"
    r"(?:next\s+|remaining\s+|other\s+|upcoming\s+|"
    r"future\s+)?(?:\w+\s+)?(?:appointments?|appts?|appt|scans?|treatment|chemo|radiotherapy|infusions?|prescriptions?|"
    r"repeats?|phone contract|contract|subscriptions?|direct debits?|standing orders?|milk|papers|newspapers|deliveries)|"
    r"(?:affairs|everything|things|it all)\s+(?:is\s+|are\s+)?(?:now\s+)?in order|(?:sorted|put|got|getting|putting|set)\s+"
    r"(?:all\s+)?(?:my|her|his)\s+affairs|sorted (?:it all|everything) out(?!\s+(?:for|with))|sorted out everything"
    r"(?!\s+(?:for|with))|tied up (?:all )?(?:the )?"
    r"loose ends|(?:is|are|will be) having (?:my|the|her|his) (?:car|house|flat|keys|house keys|car keys|jewel\w*|rings?|"
    r"watch|things|stuff)|passwords"
)
# ... and a word of finality in the same message.
_FINALITY = (
    r"(?:i am|i feel|feeling|she is|he is|and|now)?\s*ready now\b(?!\s+(?:for|to\b|when|if))|i am ready\s*$|"
    r"no (?:reason|point|need) (?:to |in )?(?:hang(?:ing)? around|stick(?:ing)? around|stay(?:ing)?|carry(?:ing)? on|"
    r"go(?:ing)? on|wait(?:ing)?)\b|"
    r"(?:will not|would not|do not|am not going to|is not going to|not going to) (?:be )?need(?:ing)? (?:it|them|this|that|"
    r"these|those|any of (?:it|them|this)|(?:the rest of |any more of |anymore of )?(?:my|her|his|the) \w+)\b(?!\s+(?:with|"
    r"because|since|as|now that|if|until|till|for (?:a|the|this|now)|while|during))|"
    r"(?:nothing|no need) (?:for (?:you|anyone|anybody) )?to worry about\b|(?:do not|no need to|you do not need to|please do "
    r"not|nobody needs to|no one needs to) (?:worry|check) (?:about|on) me\b|made other arrangements\b|my choice\b|"
    r"which is soon\b|not waiting for (?:the cancer|cancer|it|the end|the disease)\b"
)


SOURCES = CRISIS_SOURCES

RULES = (
    Rule(
        id="crisis.goodbye.wont_be_here",
        category="goodbye",
        rationale=('"I won\'t be here tomorrow / by the morning / much longer to bother you": a farewell with a time.'),
        pattern=rx(
            r"\b(?:will not|not going to|will no longer|am not going to|is not going to|may not|might not)\s+be\s+"
            r"(?:here|around|alive|in this world|on this earth)\s+(?:anymore|any more|tomorrow|by (?:the )?(?:morning|"
            r"tomorrow|tonight|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|then)|"
            r"after tonight|after today|much longer to bother|to bother (?:you|anyone)|for (?:you|anyone) to worry)\b"
        ),
        negatable=False,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I won't be here tomorrow",
            "I won't be around anymore",
        ),
        does_not_fire_on=(
            "I won't be here for my appointment tomorrow",
            "talk tomorrow",
        ),
    ),
    Rule(
        id="crisis.goodbye.saying_goodbyes",
        category="goodbye",
        rationale=(
            "Saying (final) goodbyes to family or everyone, acting as if she will not see them "
            "again, a note saying goodbye; not a pet at the vet, moving house, a holiday or a "
            "death that already happened."
        ),
        pattern=rx(
            r"\b(?:say|said|saying|says)\s+(?:my |her |his |our )?(?:final |last )?goodbyes\b|"
            r"\b(?:said|say|saying|says)\s+goodbye\s+to\s+(?:(?:the|my|her|his|our)\s+(?:dog|dogs|cat|cats|pets|kids|children|family|"
            r"husband|wife|partner|son|daughter|sons|daughters|parents|friends|grandchildren)|everyone|everybody|all of us|us all|"
            r"all of them|the family|all her friends|all his friends)\b|"
            r"\b(?:like|as if|as though|acting like)\s+(?:she|he|i|they)\s+(?:will not|would not|is not going to|am not going to|"
            r"was not going to|will never|would never)\s+see\s+(?:them|us|you|anyone|everyone|me|her|him)\s+again\b|"
            r"\b(?:note|letter|message|text|email|voicemail|card)\s+(?:\w+\s+){0,4}?(?:saying|that said|said|says|to say)\s+"
            r"(?:goodbye|good bye|farewell|sorry for everything|(?:she|he|i) (?:loves?|loved) (?:us|me|them|everyone) and goodbye)\b"
        ),
        sentence=rx(
            r"\b(?:vet|vets|put down|put to sleep|rehom\w*|before (?:she|he|they|mum|dad|my \w+) (?:died|passed|went)|"
            r"at the (?:airport|station|door|school gate)|holiday|moving|new job|leaving do|work)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "i've said my goodbyes",
            "She said goodbye to all of us tonight like it was the last time",
            "planning to say goodbye to everyone at my birthday lunch on saturday. they don't know it's goodbye",
        ),
        does_not_fire_on=(
            "the police said it looked like an accident",
            "When the time comes I'd like to die peacefully",
        ),
    ),
    Rule(
        id="crisis.goodbye.note_explaining_why",
        category="goodbye",
        rationale="A note, letter or video explaining why, so they understand.",
        pattern=rx(
            r"\b(?:note|letter|message|video)\s+(?:\w+\s+){0,8}?(?:explaining why|to explain why|saying why|so (?:they|he|she|you) "
            r"(?:understand|know why)|explaining (?:everything|what i (?:did|have done)))\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=("I've left instructions for the funeral and a letter for each of the kids explaining why I did it",),
        does_not_fire_on=(
            "I wrote letters to my kids for their future birthdays",
            "I'm writing letters for my kids to open on their birthdays",
        ),
    ),
    Rule(
        id="crisis.goodbye.tell_them_i_love_them",
        category="goodbye",
        rationale=(
            '"Tell the kids I love them / I\'m sorry", "I won\'t need it where I\'m going", '
            "sorting out who gets my things; not a wig, crutches or chemo hair."
        ),
        pattern=rx(
            r"\b(?:tell|let) (?:the|my|our|her|his)?\s*(?:kids|children|family|boys|girls|grandkids|grandchildren|husband|wife|"
            r"everyone|everybody) (?:that )?(?:i|she|he) (?:love|loves|loved|am sorry|is sorry|was sorry)\b|"
            r"\b(?:will not|would not|is not going to|am not going to|does not|do not)\s+need (?:it|them|this|these|those|my \w+|"
            r"her \w+|his \w+|anything|any of (?:it|this|them))\s+(?:soon|much longer|for much longer|where (?:i am|she is|he is) going|"
            r"after (?:tonight|today|this week)|anymore(?= soon))\b|"
            r"\bsort(?:ing|ed)? out who (?:gets|will get|should have|is having) (?:my|her|his)\b"
        ),
        sentence=rx(r"\b(?:wig|crutches|walking stick|wheelchair|cast|sling|scarf|hat|chemo|hair)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "Please tell my kids I love them",
            "tell my girls i love them if anything happens tonight",
            "She's been sorting out who gets her jewellery and says she won't need it soon",
        ),
        does_not_fire_on=(
            "yes please tell me more",
            "how do i tell my kids i'm dying",
        ),
    ),
    Rule(
        id="crisis.goodbye.note_or_farewell",
        category="goodbye",
        rationale=(
            'A note or letter saying sorry, why or goodbye; "sorry for everything" with a '
            'farewell; "forgive me"; a found note. Not ordinary sign-offs ("bye for now", '
            '"speak soon").'
        ),
        pattern=rx(
            r"\b(?:note|letter|letters|message|text|email|video)\b(?:\s+\w+){0,8}?\s+(?:saying|that says|that said|to say|says|"
            r"said|explaining|to explain|telling (?:them|him|her|us|everyone))\s+(?:why|sorry|goodbye|good bye|farewell|"
            r"how sorry|what i did|what i am going to do|i love)\b|"
            r"\b(?:sorry for everything|forgive me|please forgive me|i love you all|love you all|take care of each other|"
            r"look after each other|it is not your fault|it was not your fault|do not blame yourself|do not blame yourselves|"
            r"this is not your fault)\b(?=.*\b(?:bye|goodbye|good bye|farewell|last|note|letter|gone|end|forever|"
            r"for good|sorry)\b)|"
            r"\b(?:bye|goodbye|good bye|farewell)\b(?=.*\b(?:sorry for everything|forgive me|love you all|"
            r"take care of each other|look after each other|not your fault|for the last time)\b)|"
            r"^\s*(?:sorry for everything|forgive me)\s*$|"
            r"\bfound (?:my|her|his|the) (?:suicide |goodbye |last )?(?:note|letter)\b(?!\s+(?:from (?:the|my) (?:doctor|gp|school|"
            r"hospital)|about|for (?:the|my) (?:milkman|neighbour)))"
        ),
        sentence=rx(r"\b(?:appointment|clinic|hospital|gp|doctor|results|school|shopping|milkman|delivery|parcel)\b"),
        unless=rx(r"\b(?:sorry|goodbye|bye|forgive|why|suicide)\b"),
        check=veto_note_or_farewell,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "my son found my note",
            "goodbye. i'm sorry for everything",
            "God will forgive me if I end it early won't He? He knows how much this hurts",
        ),
        does_not_fire_on=(
            "bye for now, speak soon",
            "found a lovely spot for my ashes by the lake. no rush though, i plan to annoy everyone for a good while yet",
        ),
    ),
    Rule(
        id="crisis.goodbye.this_is_goodbye",
        category="goodbye",
        rationale=(
            '"This is goodbye", "goodbye forever / cruel world", "saying my final goodbyes", '
            'wanting to say goodbye to everyone; not "goodbye for now", hair loss, moving '
            "house, or a death that already happened."
        ),
        pattern=rx(
            r"\b(?:this is|it is|this will be|this is my|it is my|so this is)\s+(?:my\s+|the\s+)?(?:final|last|real)?\s*"
            r"(?:goodbye|farewell|good bye|bye)\b(?!\s+(?:for now|for today|until|till|for the day|for tonight|from me for now|"
            r"for this week|till next))|"
            r"\b(?:goodbye|farewell|good bye|bye bye|bye)\s+(?:forever|for ever|for good|cruel world|world|"
            r"everyone|everybody|all of you|my friends|my loves|my darlings|my babies)\b"
            r"(?!\s+(?:see you|talk (?:to you|soon)|until|till|tomorrow|later|for now|next|for today|have a|x+\s*$))|"
            r"\bsaying (?:my |her |his |our )?(?:final |last )?goodbyes\b|\b(?:my|a) (?:final|last) goodbye\b|"
            r"\b(?:want|need|going|have|time|wanted|had|ready|trying|like)\s+to\s+say\s+goodbye\s+to\s+(?:everyone|everybody|"
            r"the world|you all|all of you|my (?:kids|children|family|husband|wife|partner|friends|son|sons|daughter|"
            r"daughters|mum|mom|dad|parents|loved ones|sister|brother|grandchildren|babies))\b"
        ),
        sentence=rx(
            r"\b(?:before (?:she|he|they|mum|dad|my \w+) (?:died|passed|went)|got to say goodbye|"
            r"did not get to|never got to|hair|eyebrows|nails|breast|boob|job|house|holiday|trip|"
            r"airport|leaving for|before i go (?:away|on|to)|move|moving)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "This is goodbye",
            "i'm done, this is goodbye",
            "goodbye everyone, I won't be needing this app after tonight",
        ),
        does_not_fire_on=(
            "goodbye for now",
            "thanks, goodbye",
        ),
    ),
    Rule(
        id="crisis.goodbye.last_message",
        category="goodbye",
        rationale=(
            '"This is my last message", "you won\'t hear from me again", "by the time you read '
            'this", a suicide or goodbye note, "my last day alive"; not a clinic letter or a '
            'previous message. Revision 2 (2026-12-07, pending review, blind set 20): "when you read'
            ' this I\'ll be gone / at peace" (not "gone to the clinic"). Revision 3 (session 17, pending review,'
            ' blind set 23): "this is the last time I will write here". Revision 4 (2026-12-08, pending review,'
            ' blind set 24): not a last message "for a while" before a trip, told with the day the person is back.'
        ),
        pattern=rx(
            r"\b(?:this is|this will be|these are|consider this|here is|here are|this is probably|this might be|"
            r"this could be)\s+(?:my|the|her|his)\s+(?:very\s+)?(?:last|final)\s+(?:message|messages|text|post|words|note|"
            r"chat|time (?:you will|you would|anyone will) hear from me|time i (?:talk|write|message))\b|"
            # revision 3 (blind set 23): "this is the last time I will write here" (with thanks for everything)
            r"\bthis is the (?:very )?last time (?:i will|i am going to|i shall|i ll) (?:write|message|talk|text|post|be)\s+"
            r"(?:here|to you|on here|in here)\b(?!\s+(?:about|regarding|re|on the|over|for the))|"
            r"\b(?:you|they|nobody|no one|anyone|everyone)\s+(?:will not|will never|are not going to|would not|"
            r"will no longer)\s+(?:hear|see)\s+(?:from\s+)?(?:me|her|him)\s+(?:again|anymore|any more|after (?:today|"
            r"tonight|this)|ever again)\b|"
            r"\bby the time (?:you|anyone|someone|somebody|they|my \w+|the \w+) (?:read|reads|see|sees|find|finds|get|gets|"
            r"hear|hears) (?:this|these|it|me)\b|"
            # "when you read this I'll be gone" (revision 2, blind set 20); not "gone to the clinic"
            r"\b(?:when|once|after) (?:you|anyone|someone|somebody|they|my \w+|the \w+) (?:read|reads|see|sees|find|finds|"
            r"get|gets) (?:this|these|it)\W+(?:i will|ill|i would|i am going to|i should|i might) (?:already |probably |hopefully )?"
            r"(?:be gone(?! to| for| on| till| until| by| out| away for)|be dead|be at peace|not be here|no longer be here|"
            r"be in a better place|have gone(?! to| for| out)|be long gone|have ended it)\b|"
            r"\b(?:suicide|goodbye|farewell|final|last) (?:note|notes|letter|letters|message|messages|video|videos)\b|"
            r"\bmy last (?:day|night|morning|sunset|weekend) (?:alive|on earth|on this earth|of my life|in this world|ever|here)\b|"
            r"\b(?:will not|would not|do not|will no longer) need (?:this|these|you|them|it|my \w+|any of (?:this|it|my \w+))\s+"
            r"(?:anymore |any more )?(?:where (?:i am|she is|he is) going|after (?:tonight|today|tomorrow))\b|"
            r"\bwhere (?:i am|she is|he is) going\b(?=.*\b(?:need|take)\b)|"
            r"\b(?:tell|let) (?:my |our )?(?:kids|children|family|husband|wife|partner|son|sons|daughter|daughters|mum|mom|"
            r"dad|parents|everyone|everybody|them|my loved ones) (?:know )?(?:that )?(?:i|how much i) (?:love|loved|am sorry|"
            r"was sorry|tried|did my best|never meant)\b|"
            r"\b(?:please )?look after (?:my|the) (?:kids|children|cat|dog|pets|family) (?:for me )?(?:when i am gone|after i am gone|"
            r"after i go|once i am gone|for me now)\b(?=.*\b(?:tonight|tomorrow|soon|now|goodbye|sorry)\b)"
        ),
        sentence=rx(
            r"\b(?:my (?:last|final) (?:message|text) (?:was|about|on)|last message (?:i|you) sent|"
            r"the last message|read my last|your last|did you get my last|final letter from the|"
            r"last letter from|appointment letter|discharge letter|clinic letter|hospital letter)\b"
        ),
        # revision 4 (session 18, blind set 24): "my last message for a while, we're going camping. Back Sunday!"
        message=rx(
            r"\b(?:last|final) (?:message|messages|text|post|chat) (?:for a (?:while|bit|few days|week|fortnight)|for now|"
            r"until|till)\b(?=.*\b(?:back (?:on|next|in|by|soon|home|monday|tuesday|wednesday|thursday|friday|saturday|"
            r"sunday)|holiday|camping|trip|signal|wifi|speak soon|talk soon|see you)\b)"
        ),
        message_unless=rx(
            r"\b(?:around (?:much )?longer|be gone|gone for good|dead|die|dying|end it|end my life|for good|forever|"
            r"any more|anymore|no longer|goodbye|sorry for everything|better off)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "goodbye letters",
            "help me write a goodbye note for my sons",
            "this is my last message. thank you for listening to me all these months 💔",
            "when you read this i'll be gone. thank you for everything",
            "this is the last time I will write here. Thank you, Companion, for everything.",
            "this is my last message for a while. i won't be around much longer, you were kind to me",
        ),
        does_not_fire_on=(
            "My wife asked me to help her write her will",
            "how can i help her write down her end of life wishes",
            "when you read this i'll be gone to my chemo, back by four",
            "this is the last time i will write to you about the parking, please fix it",
            "this is my last message for a while, off to my sister's with no wifi. back on monday!",
        ),
        revision=4,
    ),
    Rule(
        id="crisis.goodbye.letters_to_family",
        category="goodbye",
        rationale=(
            "Letters or videos written for the children or family; not legacy work (birthdays, "
            'a memory box, "for when they grow up").'
        ),
        pattern=rx(
            r"\b(?:wrote|written|writing|write|left|leave|leaving|finished|prepared|preparing|drafted|recorded|recording)\s+"
            r"(?:(?:a |some |the |my |her |his |all the |all my |little )*(?:letter|letters|videos)|"
            r"(?:a |some |the |my |her |his |all the |all my |little )*(?:goodbye |farewell |final |last )"
            r"(?:note|notes|message|messages|video|videos|card|cards))\s+"
            r"(?:to|for)\s+(?:each of\s+|all of\s+)?(?:us|us all|them all|all of us|everyone|everybody|"
            r"(?:my|her|his|the|our|all)\s+(?:\w+\s+){0,1}?"
            r"(?:kids|children|family|husband|wife|son|sons|daughter|daughters|mum|mom|dad|parents|partner|everyone|"
            r"loved ones|friends|grandchildren|girls|boys|babies|sister|brother))\b"
        ),
        sentence=rx(
            r"\b(?:birthday|birthdays|memory box|memory boxes|legacy|wedding|weddings|graduation|"
            r"milestones?|when (?:they|he|she) (?:are|is|grow|grows|get|gets) (?:older|up|bigger)|grow up|"
            r"each year|every year|christmas|future birthdays|18th|21st|first day at|shopping|school trip|"
            r"thank you (?:card|note)s?|get well|party|reminder|remind|appointment)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I've written letters to my kids",
            "i wrote letters to everyone and put them in the desk. theyll find them after",
            "I've written letters to each of the kids and put them in my bedside drawer. they'll know when to open them",
        ),
        does_not_fire_on=(
            "I wrote letters to my kids for their future birthdays",
            "i'm recording videos for my daughter to watch on her wedding day, is there a service that helps with that",
        ),
    ),
    Rule(
        id="crisis.goodbye.giving_things_away",
        category="goodbye",
        rationale=(
            'Giving away one\'s things, belongings or pets, "keeps saying goodbye"; not '
            "decluttering, moving house, clothes that no longer fit or an allergy. Revision 2: not "
            "old, unwanted or spare things given away with no word of needing them no more "
            '("giving away my old clothes").'
        ),
        pattern=rx(
            r"\b(?:giv(?:e|es|ing|en)|gave|gifting|gifted|hand(?:ing|ed)? out|sorting out who gets)\s+(?:away\s+)?"
            r"(?:all\s+(?:of\s+)?)?(?:my|her|his|their)\s+(?:\w+\s+){0,1}?(?:things|stuff|belongings|possessions|"
            r"jewel(?:le)?ry|clothes|books|pets|cat|dog|cats|dogs|collection|treasures|savings|furniture|records|games|"
            r"plants|everything|valuables|prized \w+|guitar|car|bike|laptop|tools|watch|rings?|necklaces?|medals|art|paintings|"
            r"photos|photographs|instruments?|cameras?|phone|money)\s*(?:away)?\b|"
            r"\bgiv(?:e|es|ing|en)\s+(?:all\s+)?(?:of\s+)?(?:my|her|his|their)\s+(?:\w+\s+){1,2}?away\b|"
            r"\b(?:been|keeps?|kept|started|is|was|has been) saying goodbye\b(?!\s+to (?:my|her|his|the) (?:hair|eyebrows))|"
            r"\bgiv(?:e|ing|en)\s+(?:everything|all (?:my|her|his) (?:stuff|things))\s+away\b|\bgave\s+(?:everything|"
            r"all (?:my|her|his) (?:stuff|things))\s+away\b"
        ),
        check=veto_giving_things_away,
        sentence=rx(
            r"\b(?:spring clean|declutter|decluttering|moving house|downsizing|charity shop|"
            r"too small|grown out|do not fit|does not fit|no longer fit|allergic|allergy|allergies)\b"
        ),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I'm giving away my things",
            "i've started giving my jewellery away so nobody fights over it after",
            "gave my jewellery away to my nieces today and cancelled my phone contract from next month. won't need either",
        ),
        does_not_fire_on=(
            "giving away my old clothes because they no longer fit",
            "decluttering and giving my books to the charity shop",
            "giving away my old clothes",
        ),
        revision=2,
    ),
    Rule(
        id="crisis.goodbye.gone_by_tomorrow",
        category="goodbye",
        rationale=(
            '"By tomorrow I\'ll be gone / at peace", "it will all be over" with a near time; not'
            " travel, discharge, shopping or a prognosis someone gave, unless with a crisis "
            "cue."
        ),
        pattern=rx(
            r"\b(?:i|she|he)\s+(?:will|am going to|is going to|shall|should|will probably|will definitely|will already|"
            r"will be long)\s+(?:already\s+|probably\s+|definitely\s+|long\s+)?be\s+(?:gone|dead|no more|not here|no longer here|"
            r"history|six feet under|at peace|out of (?:everyone's|your|their) (?:hair|way))\b"
            r"(?!\s+(?:to|for|on|out|away|till|until|all|at|with|shopping|a few|overnight|back|from|in|into|by (?:\d|nine|ten|"
            r"eleven|noon|lunch|midday)|when i get|before you get))|"
            r"\b(?:it|everything|this|all (?:of )?this|the pain|my suffering|the suffering)\s+(?:will|is going to|shall)\s+"
            r"(?:all\s+)?be\s+(?:over|finished)\b(?!\s+(?:with|and|for|soon enough|in a (?:few|couple)))|"
            r"\b(?:i|she|he)\s+(?:will not|am not going to|is not going to|will no longer|will not still)\s+be\s+(?:here|around|alive)\b"
            r"(?!\s+(?:for|when|to|at|on|in|with|all))"
        ),
        negatable=False,
        check=veto_gone_by_tomorrow,
        message=SOON_MUNDANE,
        message_unless=SOON_CRISIS_CUE,
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "by tomorrow I'll be gone",
            "I'll be at peace by tomorrow morning",
            "she texted that she'll be gone by the morning",
        ),
        does_not_fire_on=(
            "the doctors think I'll be gone by the weekend",
            "I'll be gone by tomorrow, the ambulance is taking me to the hospice",
        ),
    ),
    Rule(
        id="crisis.goodbye.message_then_unreachable",
        category="goodbye",
        rationale=(
            'A farewell message followed by silence: someone texted, rang or posted goodbye, "sorry '
            'for everything", "look after the kids for me" or "love you all" and now is not '
            "answering, has turned the phone off or cannot be reached (NIMH, AFSP, 988 Lifeline: "
            "saying goodbye, withdrawing; Samaritans: act on a goodbye). The message must read as a "
            'farewell -- goodbye, "look after ... for me", "sorry for everything", or two of sorry / '
            "love you / look after / thank you. Not a phone off for a flight, a flat battery, "
            "driving, work, sleep, or a goodbye on leaving a job or going on holiday."
        ),
        pattern=rx(
            r"\b(?:" + _CONTACT + r")\b.{0,250}?\b(?:" + _UNREACHABLE + r")|"
            r"\b(?:"
            + _UNREACHABLE
            + r").{0,150}?\b(?:since|after|when) (?:she|he|they|i|my \w+) (?:sent|texted|posted|rang|"
            r"called|phoned|messaged|wrote|left)\b"
        ),
        sentence=rx(
            r"\b(?:flight|plane|boarding|boarded|airport|abroad|holiday|cruise|festival|signal|reception|battery|"
            r"charger|charging|roaming|wifi|driving|at work|on shift|night shift|in surgery|theatre|anaesthetic|"
            r"asleep|sleeping|went to bed|gone to bed|exam|meeting|leaving do|new job|retir\w*|moving|night night|"
            r"see you|speak soon|talk soon|talk tomorrow|sleep well|sleep tight|leaving (?:facebook|it|the group|"
            r"social media|whatsapp|instagram|twitter)|deleted|deleting|deactivat\w*|social media|taking a break|"
            r"detox|row|argument|argued|fight|fought|fell out|falling out|cross with|angry|annoyed|sulk\w*|"
            r"hung up|typical|nap|napping|probably|busy|bingo|church|gym|class|lesson|party|birthday)\b"
        ),
        unless=rx(
            r"\b(?:pills|tablets|overdose|kill|suicid\w*|end it|hurt (?:herself|himself|themselves)|last message|"
            r"final message)\b"
        ),
        check=veto_not_a_farewell,
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "mum texted me 'look after your dad for me, love you all' at 3am and now she's not answering her phone. "
            "she's on palliative care at home",
            "my stepdaughter (29, spread to bone and marrow) sent her mum a goodbye text and then turned her phone off",
            "my partner texted me 'sorry for everything, look after the dog' and now isn't answering",
            "a mate from my mets group posted a goodbye on facebook and nobody can reach her",
            "my brother rang to say thank you for everything and that he's sorry, now his phone goes straight to voicemail",
        ),
        does_not_fire_on=(
            "mum texted goodbye from the airport and now her phone's off for the flight",
            "my sister texted 'love you, sorry, running late' and now she's not answering, she'll be driving",
            "dad sent a goodbye message to his team when he retired and hasn't replied to anyone since",
            "she texted me 'love you' at 3am and now she isn't answering",
            "the nurse rang to say the results are back but she's not answering now",
            "my friend posted goodbye to facebook as she's leaving it for good, now nobody can reach her there",
            "gran rang to say thank you for everything at her birthday and now she's not answering, probably napping",
        ),
    ),
    Rule(
        id="crisis.goodbye.treasured_item_given",
        category="goodbye",
        rationale=(
            "Giving a treasured possession to someone: a wedding or engagement ring, a watch, medals, "
            'jewellery, "my good coat", a collection or a hobby kit ("gave my sister my wedding ring '
            'and my good coat today. she doesn\'t know why", "handed his watch to my brother") -- '
            '"giving away prized possessions" (NIMH, AFSP, 988 Lifeline). Not old clothes, lending, '
            "a present for a birthday or wedding, a ring handed over to hold before a scan or "
            'surgery, selling, repairs, decluttering, or legacy gifts "to remember me by" with no '
            "sign of haste or secrecy."
        ),
        pattern=rx(
            r"\b(?:gave|given|giving|give|gives|handed|handing|hand|hands|passed on|passing on|pass on)\s+(?:(?:away|over|on)\s+)?"
            r"(?:\w+\s+){0,3}?(?:my|her|his)\s+(?:own\s+)?" + _TREASURED + r"\b"
        ),
        sentence=rx(
            r"\b(?:old|spare|unused|outgrown|no longer fit|too big|too small|do not fit|does not fit|lend|lent|"
            r"borrow|borrowed|to wear|wear it|for (?:her|his|their|the) (?:\w+ )?(?:wedding|birthday|christmas|"
            r"graduation|engagement|prom|big day|party|anniversary|interview|holiday|18th|21st)|birthday|"
            r"christmas present|as a present|present for|gift for|to mind|to hold|hold it|hold onto it|look after "
            r"it|keep it safe|safe keeping|safekeeping|while (?:i|she|he) (?:am|is|was|have|has)|during|before "
            r"(?:the|my|her|his) (?:scan|mri|ct|surgery|operation|x ray|radiotherapy|procedure|op)|mri|ct scan|"
            r"swollen|swelling|fingers|resiz\w*|repair\w*|valu\w*|insur\w*|clean|cleaned|cleaning|engrav\w*|"
            r"declutter\w*|charity|moving|downsiz\w*|sell|sold|selling|back|remember me|memory box|keepsake|"
            r"museum|exhibition|display|auction|dealer|jeweller\w*|pawn\w*|"
            r"as (?:she|he|they) (?:starts?|is starting|are starting|goes|leaves|turns)|graduat\w*|uni|"
            r"legacy|when (?:she|he|they) (?:is|are|gets?) (?:older|married)|grow up)\b"
        ),
        unless=rx(
            r"\b(?:does not know why|did not say why|would not say why|without (?:saying|telling|explaining)|"
            r"will not (?:be )?need\w*|not need (?:it|them)|goodbye|for good|sorry|tonight|soon|ready now|"
            r"odd|strange|not like (?:her|him|me))\b"
        ),
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "gave my sister my wedding ring and my good coat today. she doesnt know why. its fine",
            "dad's been saying odd stuff like 'you'll be fine without me', he's redone his will and handed his watch "
            "to my brother. he's got bone mets. this isn't like him at all",
            "My dad has started giving away all his fishing gear and his medals",
            "i've given my daughter my engagement ring and my mum's pearls this week",
        ),
        does_not_fire_on=(
            "giving away my old clothes, nothing fits since the steroids",
            "gave my husband my wedding ring to hold before the mri",
            "gave my granddaughter my locket for her 18th, she loved it",
            "handed my watch in to be repaired and it's still not back",
            "gave my best friend a hug and my nurse a card today",
        ),
    ),
    Rule(
        id="crisis.goodbye.settling_affairs",
        category="goodbye",
        rationale=(
            "Settling affairs as an exit: an act of closing things down (a pet rehomed or given to "
            'someone for good, appointments, scans, treatment or prescriptions cancelled, "affairs '
            'in order", "sorted it all out", someone "having" the car and the keys) together, in '
            'the same message, with a word of finality ("I\'m ready now", "no reason to hang '
            'around", "won\'t be needing the rest of my prescriptions", "nothing to worry about", '
            '"don\'t check on me after tonight", "I\'ve made other arrangements", "not waiting '
            'for the cancer"). NIMH, AFSP, 988 Lifeline: putting affairs in order, giving away '
            "possessions, sudden calm. Either half alone is ordinary (calm funeral or will "
            "planning is support, not crisis); so are a pet minded for a week, an appointment "
            'moved, or "ready now" for the ambulance.'
        ),
        pattern=rx(
            r"\b(?:"
            + _CLOSING_ACT
            + r")\b(?=.*\b(?:"
            + _FINALITY
            + r"))|\b(?:"
            + _FINALITY
            + r")(?=.*\b(?:"
            + _CLOSING_ACT
            + r")\b)"
        ),
        sentence=rx(
            r"\b(?:while (?:i|we|she|he) (?:am|are|is|have|has|go|get)|for the (?:week|weekend|month|fortnight|"
            r"night|day|holiday|summer)|until (?:i|we|she|he) (?:get|am|are|come|is) back|till (?:i|we|she|he) "
            r"(?:get|am|are|is) back|(?:on|for|our|my|the) holiday|kennels?|cattery|groomer\w*|snow|weather|"
            r"strike|covid|flu|infection|rescheduled|reschedul\w*|rebook\w*|postpon\w*|moved (?:it|them) to|"
            r"clash\w*|they cancelled|(?:hospital|clinic|team|doctor|oncologist|consultant) cancelled|"
            r"allerg\w*|landlord|moving house|new flat|new house|ambulance|transport|taxi|lift|"
            r"(?:oncologist|doctor|doctors|team|nurse|consultant|gp) (?:said|says|told|advised|wants|decided)|"
            r"bloods?|counts|neutrophils|platelets|too low|too high|unwell|poorly|"
            r"(?:my|the|her|his|a) will\b|power of attorney|attorney|solicitor|lawyer|advance (?:care|directive|"
            r"decision|statement)|lpa|dnr|dnacpr|respect form|care plan|hospice|palliative|funeral director|"
            r"undertaker|new one|switch\w*|upgrad\w*|cheaper|better deal|provider|away|abroad|trip|travel\w*|"
            r"carers?|visit\w*)\b"
        ),
        unless=rx(
            r"\b(?:for good|forever|permanently|pills|tablets|patches|overdose|goodbye|end it|not waiting|"
            r"after tonight|my choice|other arrangements)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "dropped the cat at my neighbours for good today, made the bed, tidied everything. i'm ready now",
            "Cancelled all my appointments and paid off the funeral plan. Won't be needing the rest of my prescriptions",
            "i'm fine now honestly, i've sorted it all out. gave the dog to my sister and cancelled my appointments. "
            "nothing to worry about",
            "cancelled my next scan and my oncology appt. no point, i've made other arrangements",
            "cancelled the rest of my chemo and my scans. no need to worry about me now",
            "ive got my affairs in order now so theres no reason to hang around",
        ),
        does_not_fire_on=(
            "we dropped the cat at the neighbours for the week while i'm in the hospice, i'm ready now",
            "paid off the funeral plan and sorted the will, one less thing for the kids to worry about",
            "bag packed for the ward tomorrow, i'm ready now",
            "cancelled my appointments this week because of the snow, nothing to worry about",
            "my affairs are in order and i feel calmer, the hospice team helped with the will",
            "the dog is going to my sister for good because i can't walk him with my hip now, she loves him",
            "everything is in order now with the power of attorney, don't worry about me",
            "cancelled my chemo this week, the oncologist said my bloods were too low, no need to worry about me",
            "cancelled the milk and papers as we're away, nothing to worry about",
        ),
    ),
    Rule(
        id="crisis.goodbye.last_appointment",
        category="goodbye",
        rationale=(
            "A goodbye to the care team that closes every future contact: thanks for everything to "
            "the nurse, doctor or team together with \"I won't be coming to my appointment. or any "
            'appointment", "I won\'t need any more appointments after this week", "won\'t be at any '
            'more appointments" (NIMH, AFSP, 988 Lifeline: saying goodbye, putting affairs in order; '
            "Samaritans: act on a goodbye). Both halves are needed: thanks alone, or one appointment "
            'missed or cancelled ("i won\'t be coming on tuesday, i\'ve got a cold", "cancel my '
            'appointment please"), is ordinary; so is an end of appointments with a reason -- '
            "discharged to the GP, care moved to another hospital or the hospice, treatment finished, "
            "an illness or a holiday -- unless the message also has a crisis word."
        ),
        pattern=rx(
            r"\b(?:thank|thanks|thank you|grateful|goodbye|say bye|bye)\b.{0,80}?\b(?:nurses?|team|doctors?|oncologist|"
            r"consultant|staff|everyone|everybody|you all|all of you|ward|clinic|for everything|for all)\b"
            r".{0,120}?\b(?:i|she|he)\s+(?:will not|am not going to|is not going to|will no longer|shall not|do not|does not)\s+"
            r"(?:be\s+)?(?:coming|come|going|go|attending|attend|making it|make it|at|needing|need|turning up|showing up)\s+"
            r"(?:to\s+|at\s+|in\s+for\s+)?(?:(?:any|no)\s+(?:more|other|further|future)?\s*|another\s+|the rest of (?:my|her|his|"
            r"the)\s+|(?:my|her|his|the|this|that|next)\s+\w*\s*(?:appointments?|appts?)\b.{0,30}?\bor any\s+(?:more|other|"
            r"further|future)?\s*)(?:appointments?|appts?|clinics?|check ?ups?|visits?|sessions?)\b|"
            r"\b(?:i|she|he)\s+(?:will not|am not going to|is not going to|will no longer|shall not|do not|does not)\s+"
            r"(?:be\s+)?(?:coming|come|going|go|attending|attend|making it|make it|at|needing|need|turning up|showing up)\s+"
            r"(?:to\s+|at\s+)?(?:(?:any|no)\s+(?:more|other|further|future)?\s*|another\s+|the rest of (?:my|her|his|the)\s+)"
            r"(?:appointments?|appts?|clinics?|check ?ups?|visits?|sessions?)\b.{0,120}?\b(?:thank|thanks|thank you|grateful|"
            r"goodbye|bye)\b.{0,80}?\b(?:nurses?|team|doctors?|oncologist|consultant|staff|everyone|everybody|you all|"
            r"all of you|ward|clinic|for everything|for all)\b"
        ),
        sentence=rx(
            r"\b(?:discharg\w*|gp|moving|moved|move|transfer\w*|another hospital|other hospital|new hospital|"
            r"closer to home|nearer home|all clear|remission|no evidence|finished (?:my |the )?(?:treatment|chemo|"
            r"radiotherapy)|end of (?:my |the )?treatment|last (?:chemo|treatment|radiotherapy)|cold|flu|covid|"
            r"virus|infection|unwell|poorly|holiday|away|abroad|reschedul\w*|rebook\w*|hospice|palliative|"
            r"district nurses?|community nurses?|home visits|at home|by phone|telephone|video|online|private\w*|"
            r"second opinion|follow up|follow ups|surgery went well|cured|till|until|for now|for a while|"
            r"for (?:a|the next|another) (?:few |couple of )?(?:weeks|months|year)|new year|christmas|"
            r"better|improv\w*|stable|counsell\w*|physio\w*|therap\w*|trial)\b"
        ),
        unless=rx(
            r"\b(?:for good|forever|ever again|pills|tablets|overdose|end it|not be here|will not be here|"
            r"after tonight|my choice|other arrangements|ready now|sorry for everything|goodbye)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "tell the nurse thanks for everything, I won't be coming to my appointment. or any appointment",
            "please thank the team, i won't need any more appointments after this week",
            "thank the doctors for everything for me. i won't be at any more appointments",
            "i won't be coming to any more appointments. thank you all for everything",
            "can you tell the oncology team thank you for all they did, i won't need another appointment",
        ),
        does_not_fire_on=(
            "thank the nurse, i won't be coming to my appointment on tuesday, i've got a cold",
            "I won't need any more appointments, the oncologist discharged me to the GP",
            "cancel my appointment please",
            "thank the team for everything, i won't need any more appointments here as my care is moving to the hospice",
            "please thank the nurses, i won't be coming to my appointment next week as we're on holiday",
            "thanks for everything, see you at my next appointment",
            "thank you for all your help. i won't need any more sessions with the counsellor, i feel much better",
            "thanks for everything, i won't need any more appointments till the new year",
        ),
    ),
    Rule(
        id="crisis.goodbye.if_you_read_this",
        category="goodbye",
        rationale=(
            'A message left for someone to find, "if you ever read this", with what a goodbye note '
            "says in the same sentence: it was not your fault, I'm sorry, forgive me, I love you, "
            "look after ... (dev set 6, a message the classifier found on one training and lost on "
            "the next, 2026-12-07). Not an apology for a long message."
        ),
        pattern=rx(
            r"\bif (?:you|anyone|someone|somebody|my \w+|they) (?:ever )?(?:read|reads|see|sees|find|finds) (?:this|these|"
            r"it|my (?:messages?|chats?|chat history|history|diary|notes?|phone))\b"
            r"(?=.*\b(?:(?:was|is|were) (?:not|never|nobody's|no one's) (?:your|anyone's|his|her|their) fault|not your fault|"
            r"nobody's fault|no one's fault|forgive me|i love you|love you all|i am sorry|goodbye|i tried|did my best|"
            r"look after|take care of|could not (?:face|go on|do)|can not (?:face|go on|do))\b)"
        ),
        sentence=rx(
            r"\bsorry (?:for|about) (?:the|this|my|such a) (?:long|late|rambling|rant|essay|message|delay|typos?)\b"
        ),
        negatable=False,
        sources=WARNING_SIGN_SOURCES,
        review=PENDING,
        fires_on=(
            "dad if you ever read this chat history, it wasnt your fault. i just couldnt face another round",
            "if my husband finds this, i love you and i'm sorry",
        ),
        does_not_fire_on=(
            "if you ever read this, mum, sorry for the long message, it's been a hard week",
            "if you read this can you tell me when the clinic opens",
            "if anyone reads this and has had a marrow biopsy, how bad was it",
        ),
    ),
)
