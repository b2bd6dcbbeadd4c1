"""Crisis rules: Goodbye messages: farewells, notes and letters, giving things away, "I won't be here tomorrow"."""
from __future__ import annotations

import re

from bot.safety.rules.base import PENDING, Rule, rx
from bot.safety.rules.sources import CRISIS_SOURCES
from bot.safety.rules.words import SOON_ANCHOR, SOON_CRISIS_CUE, SOON_MUNDANE


def veto_note_or_farewell(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.goodbye.note_or_farewell (see its rationale); True drops the match."""
    return (bool(re.search(r"\b(?:bye for now|see you|talk (?:to you )?(?:soon|tomorrow|later)|speak soon|"
                                            r"until next time|till next time|night night|catch you later|for now|"
                                            r"for today|said yesterday|i said|i did yesterday|earlier)\b", s)))


def veto_giving_things_away(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.goodbye.giving_things_away (see its rationale); True drops the match."""
    return (not re.search(r"\baway\b", m.group(0)) and not re.search(
              r"\b(?:away|to (?:charity|my|her|his|the|friends|family|people))\b", s[m.end():m.end() + 40]))


def veto_gone_by_tomorrow(s: str, m: "re.Match[str]") -> bool:
    """Exclusion of crisis.goodbye.gone_by_tomorrow (see its rationale); True drops the match."""
    return (not SOON_ANCHOR.search(s))


SOURCES = CRISIS_SOURCES

RULES = (
    Rule(
        id="crisis.goodbye.wont_be_here",
        category="goodbye",
        rationale=('"I won\'t be here tomorrow / by the morning / much longer to bother you": a '
                   'farewell with a time.'),
        pattern=rx(
        r"\b(?:will not|not going to|will no longer|am not going to|is not going to|may not|might not)\s+be\s+"
        r"(?:here|around|alive|in this world|on this earth)\s+(?:anymore|any more|tomorrow|by (?:the )?(?:morning|"
        r"tomorrow|tonight|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|then)|"
        r"after tonight|after today|much longer to bother|to bother (?:you|anyone)|for (?:you|anyone) to worry)\b"),
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
        rationale=('Saying (final) goodbyes to family or everyone, acting as if she will not see them '
                   'again, a note saying goodbye; not a pet at the vet, moving house, a holiday or a '
                   'death that already happened.'),
        pattern=rx(
        r"\b(?:say|said|saying|says)\s+(?:my |her |his |our )?(?:final |last )?goodbyes\b|"
        r"\b(?:said|say|saying|says)\s+goodbye\s+to\s+(?:(?:the|my|her|his|our)\s+(?:dog|dogs|cat|cats|pets|kids|children|family|"
        r"husband|wife|partner|son|daughter|sons|daughters|parents|friends|grandchildren)|everyone|everybody|all of us|us all|"
        r"all of them|the family|all her friends|all his friends)\b|"
        r"\b(?:like|as if|as though|acting like)\s+(?:she|he|i|they)\s+(?:will not|would not|is not going to|am not going to|"
        r"was not going to|will never|would never)\s+see\s+(?:them|us|you|anyone|everyone|me|her|him)\s+again\b|"
        r"\b(?:note|letter|message|text|email|voicemail|card)\s+(?:\w+\s+){0,4}?(?:saying|that said|said|says|to say)\s+"
        r"(?:goodbye|good bye|farewell|sorry for everything|(?:she|he|i) (?:loves?|loved) (?:us|me|them|everyone) and goodbye)\b"),
        sentence=rx(r"\b(?:vet|vets|put down|put to sleep|rehom\w*|before (?:she|he|they|mum|dad|my \w+) (?:died|passed|went)|"
                      r"at the (?:airport|station|door|school gate)|holiday|moving|new job|leaving do|work)\b"),
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
        rationale='A note, letter or video explaining why, so they understand.',
        pattern=rx(
        r"\b(?:note|letter|message|video)\s+(?:\w+\s+){0,8}?(?:explaining why|to explain why|saying why|so (?:they|he|she|you) "
        r"(?:understand|know why)|explaining (?:everything|what i (?:did|have done)))\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "I've left instructions for the funeral and a letter for each of the kids explaining why I did it",
        ),
        does_not_fire_on=(
            "I wrote letters to my kids for their future birthdays",
            "I'm writing letters for my kids to open on their birthdays",
        ),
    ),
    Rule(
        id="crisis.goodbye.tell_them_i_love_them",
        category="goodbye",
        rationale=('"Tell the kids I love them / I\'m sorry", "I won\'t need it where I\'m going", '
                   'sorting out who gets my things; not a wig, crutches or chemo hair.'),
        pattern=rx(
        r"\b(?:tell|let) (?:the|my|our|her|his)?\s*(?:kids|children|family|boys|girls|grandkids|grandchildren|husband|wife|"
        r"everyone|everybody) (?:that )?(?:i|she|he) (?:love|loves|loved|am sorry|is sorry|was sorry)\b|"
        r"\b(?:will not|would not|is not going to|am not going to|does not|do not)\s+need (?:it|them|this|these|those|my \w+|"
        r"her \w+|his \w+|anything|any of (?:it|this|them))\s+(?:soon|much longer|for much longer|where (?:i am|she is|he is) going|"
        r"after (?:tonight|today|this week)|anymore(?= soon))\b|"
        r"\bsort(?:ing|ed)? out who (?:gets|will get|should have|is having) (?:my|her|his)\b"),
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
        rationale=('A note or letter saying sorry, why or goodbye; "sorry for everything" with a '
                   'farewell; "forgive me"; a found note. Not ordinary sign-offs ("bye for now", '
                   '"speak soon").'),
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
        r"hospital)|about|for (?:the|my) (?:milkman|neighbour)))"),
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
        rationale=('"This is goodbye", "goodbye forever / cruel world", "saying my final goodbyes", '
                   'wanting to say goodbye to everyone; not "goodbye for now", hair loss, moving '
                   'house, or a death that already happened.'),
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
        r"daughters|mum|mom|dad|parents|loved ones|sister|brother|grandchildren|babies))\b"),
        sentence=rx(r"\b(?:before (?:she|he|they|mum|dad|my \w+) (?:died|passed|went)|got to say goodbye|"
                      r"did not get to|never got to|hair|eyebrows|nails|breast|boob|job|house|holiday|trip|"
                      r"airport|leaving for|before i go (?:away|on|to)|move|moving)\b"),
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
        rationale=('"This is my last message", "you won\'t hear from me again", "by the time you read '
                   'this", a suicide or goodbye note, "my last day alive"; not a clinic letter or a '
                   'previous message.'),
        pattern=rx(
        r"\b(?:this is|this will be|these are|consider this|here is|here are|this is probably|this might be|"
        r"this could be)\s+(?:my|the|her|his)\s+(?:very\s+)?(?:last|final)\s+(?:message|messages|text|post|words|note|"
        r"chat|time (?:you will|you would|anyone will) hear from me|time i (?:talk|write|message))\b|"
        r"\b(?:you|they|nobody|no one|anyone|everyone)\s+(?:will not|will never|are not going to|would not|"
        r"will no longer)\s+(?:hear|see)\s+(?:from\s+)?(?:me|her|him)\s+(?:again|anymore|any more|after (?:today|"
        r"tonight|this)|ever again)\b|"
        r"\bby the time (?:you|anyone|someone|somebody|they|my \w+|the \w+) (?:read|reads|see|sees|find|finds|get|gets|"
        r"hear|hears) (?:this|these|it|me)\b|"
        r"\b(?:suicide|goodbye|farewell|final|last) (?:note|notes|letter|letters|message|messages|video|videos)\b|"
        r"\bmy last (?:day|night|morning|sunset|weekend) (?:alive|on earth|on this earth|of my life|in this world|ever|here)\b|"
        r"\b(?:will not|would not|do not|will no longer) need (?:this|these|you|them|it|my \w+|any of (?:this|it|my \w+))\s+"
        r"(?:anymore |any more )?(?:where (?:i am|she is|he is) going|after (?:tonight|today|tomorrow))\b|"
        r"\bwhere (?:i am|she is|he is) going\b(?=.*\b(?:need|take)\b)|"
        r"\b(?:tell|let) (?:my |our )?(?:kids|children|family|husband|wife|partner|son|sons|daughter|daughters|mum|mom|"
        r"dad|parents|everyone|everybody|them|my loved ones) (?:know )?(?:that )?(?:i|how much i) (?:love|loved|am sorry|"
        r"was sorry|tried|did my best|never meant)\b|"
        r"\b(?:please )?look after (?:my|the) (?:kids|children|cat|dog|pets|family) (?:for me )?(?:when i am gone|after i am gone|"
        r"after i go|once i am gone|for me now)\b(?=.*\b(?:tonight|tomorrow|soon|now|goodbye|sorry)\b)"),
        sentence=rx(r"\b(?:my (?:last|final) (?:message|text) (?:was|about|on)|last message (?:i|you) sent|"
                      r"the last message|read my last|your last|did you get my last|final letter from the|"
                      r"last letter from|appointment letter|discharge letter|clinic letter|hospital letter)\b"),
        sources=SOURCES,
        review=PENDING,
        fires_on=(
            "goodbye letters",
            "help me write a goodbye note for my sons",
            "this is my last message. thank you for listening to me all these months 💔",
        ),
        does_not_fire_on=(
            "My wife asked me to help her write her will",
            "how can i help her write down her end of life wishes",
        ),
    ),
    Rule(
        id="crisis.goodbye.letters_to_family",
        category="goodbye",
        rationale=('Letters or videos written for the children or family; not legacy work (birthdays, '
                   'a memory box, "for when they grow up").'),
        pattern=rx(
        r"\b(?:wrote|written|writing|write|left|leave|leaving|finished|prepared|preparing|drafted|recorded|recording)\s+"
        r"(?:(?:a |some |the |my |her |his |all the |all my |little )*(?:letter|letters|videos)|"
        r"(?:a |some |the |my |her |his |all the |all my |little )*(?:goodbye |farewell |final |last )"
        r"(?:note|notes|message|messages|video|videos|card|cards))\s+"
        r"(?:to|for)\s+(?:each of\s+|all of\s+)?(?:us|us all|them all|all of us|everyone|everybody|"
        r"(?:my|her|his|the|our|all)\s+(?:\w+\s+){0,1}?"
        r"(?:kids|children|family|husband|wife|son|sons|daughter|daughters|mum|mom|dad|parents|partner|everyone|"
        r"loved ones|friends|grandchildren|girls|boys|babies|sister|brother))\b"),
        sentence=rx(r"\b(?:birthday|birthdays|memory box|memory boxes|legacy|wedding|weddings|graduation|"
                      r"milestones?|when (?:they|he|she) (?:are|is|grow|grows|get|gets) (?:older|up|bigger)|grow up|"
                      r"each year|every year|christmas|future birthdays|18th|21st|first day at|shopping|school trip|"
                      r"thank you (?:card|note)s?|get well|party|reminder|remind|appointment)\b"),
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
        rationale=('Giving away one\'s things, belongings or pets, "keeps saying goodbye"; not '
                   'decluttering, moving house, clothes that no longer fit or an allergy.'),
        pattern=rx(
        r"\b(?:giv(?:e|es|ing|en)|gave|gifting|gifted|hand(?:ing|ed)? out|sorting out who gets)\s+(?:away\s+)?"
        r"(?:all\s+(?:of\s+)?)?(?:my|her|his|their)\s+(?:\w+\s+){0,1}?(?:things|stuff|belongings|possessions|"
        r"jewel(?:le)?ry|clothes|books|pets|cat|dog|cats|dogs|collection|treasures|savings|furniture|records|games|"
        r"plants|everything|valuables|prized \w+|guitar|car|bike|laptop|tools|watch|rings?|necklaces?|medals|art|paintings|"
        r"photos|photographs|instruments?|cameras?|phone|money)\s*(?:away)?\b|"
        r"\bgiv(?:e|es|ing|en)\s+(?:all\s+)?(?:of\s+)?(?:my|her|his|their)\s+(?:\w+\s+){1,2}?away\b|"
        r"\b(?:been|keeps?|kept|started|is|was|has been) saying goodbye\b(?!\s+to (?:my|her|his|the) (?:hair|eyebrows))|"
        r"\bgiv(?:e|ing|en)\s+(?:everything|all (?:my|her|his) (?:stuff|things))\s+away\b|\bgave\s+(?:everything|"
        r"all (?:my|her|his) (?:stuff|things))\s+away\b"),
        check=veto_giving_things_away,
        sentence=rx(r"\b(?:spring clean|declutter|decluttering|moving house|downsizing|charity shop|"
                      r"too small|grown out|do not fit|does not fit|no longer fit|allergic|allergy|allergies)\b"),
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
        ),
    ),
    Rule(
        id="crisis.goodbye.gone_by_tomorrow",
        category="goodbye",
        rationale=('"By tomorrow I\'ll be gone / at peace", "it will all be over" with a near time; not'
                   ' travel, discharge, shopping or a prognosis someone gave, unless with a crisis '
                   'cue.'),
        pattern=rx(
        r"\b(?:i|she|he)\s+(?:will|am going to|is going to|shall|should|will probably|will definitely|will already|"
        r"will be long)\s+(?:already\s+|probably\s+|definitely\s+|long\s+)?be\s+(?:gone|dead|no more|not here|no longer here|"
        r"history|six feet under|at peace|out of (?:everyone's|your|their) (?:hair|way))\b"
        r"(?!\s+(?:to|for|on|out|away|till|until|all|at|with|shopping|a few|overnight|back|from|in|into|by (?:\d|nine|ten|"
        r"eleven|noon|lunch|midday)|when i get|before you get))|"
        r"\b(?:it|everything|this|all (?:of )?this|the pain|my suffering|the suffering)\s+(?:will|is going to|shall)\s+"
        r"(?:all\s+)?be\s+(?:over|finished)\b(?!\s+(?:with|and|for|soon enough|in a (?:few|couple)))|"
        r"\b(?:i|she|he)\s+(?:will not|am not going to|is not going to|will no longer|will not still)\s+be\s+(?:here|around|alive)\b"
        r"(?!\s+(?:for|when|to|at|on|in|with|all))"),
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
)
