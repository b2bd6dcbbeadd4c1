"""Named word lists the safety rules are built from (reflexives, medicines, wish words, death targets,
family words ...). A list used by one rule file only lives in that file."""

from __future__ import annotations

import re

from bot.safety.rules.base import rx

KIN = (
    r"(?:mum|mom|mother|mam|mummy|mommy|mama|momma|dad|father|daddy|papa|wife|husband|partner|spouse|"
    r"fiance|fiancee|girlfriend|boyfriend|daughter|son|child|kid|sister|brother|sis|bro|sibling|"
    r"friend|bestie|mate|gran|granny|grandma|grandmother|nan|nanna|nana|grandad|granddad|grandpa|"
    r"grandfather|aunt|auntie|aunty|uncle|cousin|niece|nephew|patient|client|neighbour|neighbor|"
    r"colleague|flatmate|roommate|teenager|teen|stepmum|stepmom|stepdad|stepdaughter|stepson|"
    r"mother in law|father in law|sister in law|brother in law|loved one|lady|man|woman|relative)s?"
)


REFL = r"(?:myself|herself|himself|themselves|themself|yourself|yourselves|ourselves|oneself|meself)"


POSS = r"(?:my|her|his|their|your|our|one's)"


ADV = (
    r"(?:(?:just|really|simply|honestly|actually|literally|seriously|truly|so|fucking|freaking|"
    r"fkn|effing|kind of|sort of|sometimes|often|still|also|even|badly|secretly|quietly|all|"
    r"genuinely|desperately|totally|completely|only|kinda)\s+)"
)


KILL = r"(?:k+i*l+(?:ing|ed|s)?)"


DRUG = (
    r"(?:pills?|tablets?|meds|medications?|medicines?|painkillers?|pain killers?|sleeping (?:pills|tablets)|"
    r"paracetamol|acetaminophen|tylenol|panadol|ibuprofen|aspirin|morphine|oramorph|oxycodone|oxycontin|"
    r"oxynorm|oxy|codeine|co codamol|cocodamol|tramadol|fentanyl|patch(?:es)?|zopiclone|zolpidem|ambien|"
    r"diazepam|valium|lorazepam|ativan|temazepam|benzos?|xanax|alprazolam|opioids?|opiates?|insulin|"
    r"amitriptyline|sertraline|citalopram|fluoxetine|mirtazapine|antidepressants?|warfarin|digoxin|"
    r"gabapentin|pregabalin|methadone|heroin|barbiturates?|nembutal|pentobarbital|hydromorphone|dilaudid|"
    r"percocet|vicodin|hydrocodone|quetiapine|seroquel|lithium|propranolol|drugs|capsules|dose|doses|"
    r"liquid morphine|oromorph|the lot)"
)


# Exclusions shared by several "die" rules: place-of-death / natural-death preferences.
DIE_PLACE = (
    r"\s+(?:at home|in (?:my |her |his |a |the )?(?:own )?(?:home|bed|hospice|hospital|house)|"
    r"peacefully|comfortably|naturally|in peace|with dignity and|surrounded|with (?:my |her |his )?"
    r"(?:family|loved ones|kids|children|husband|wife|partner)|when (?:the|it is|my|her|his) time|"
    r"of natural|from (?:the )?cancer|of (?:the )?cancer|before (?:my|her|his)|without pain|pain free|"
    r"in (?:my|her|his) sleep when|(?:of|from) (?:embarrassment|shame|laughter|laughing|boredom|cringe|"
    r"curiosity|happiness|excitement|fright|shock))"
)


FEAR_BEFORE = re.compile(
    r"\b(?:scared|afraid|terrified|worried|worry|worries|fear|fears|frightened|panic|panicking|"
    r"anxious|nightmare|nightmares|dread)\b"
)


ACCIDENT = rx(
    r"\b(?:fell|fall|falls|falling|fallen|slip|slipped|trip|tripped|lifting|lifted|carrying|moving|"
    r"accident|accidentally|accidental|by mistake|gardening|cooking|chopping|shaving|ironing|"
    r"kettle|oven|stove|door|corner|knife|glass|tin|can opener|paper|at the gym|gym|exercis\w*|"
    r"walking|bumped|banged|knocked|stood up|getting up|getting out of|playing|sport|injection|"
    r"needle|if i (?:fall|move|lift)|walk without|without (?:my|her|his) (?:frame|stick|walker)|"
    r"workout|yoga|dancing|running|doing too much|housework|hoovering|lifting)\b"
)


ASSISTED_DYING = rx(
    r"\b(?:euthanas(?:ia|e)|euthani[sz](?:e|ed|ing)|assisted (?:dying|death)|dignitas|medical (?:aid|assistance) in "
    r"dying|physician assisted|voluntary assisted dying|right to die|death with dignity|die with dignity|"
    # "maid" / "vad" are ordinary words too (a hotel maid): only in the assisted-dying sense
    r"(?:maid|vad) (?:assessment|assessor|application|request|provider|eligibility|process|track|team|program|programme)|"
    r"(?:get|getting|apply for|applied for|request|requested|qualify for|eligible for|approved for|choose|chose|chosen|"
    r"considering|access|accessing) (?:maid|vad))\b"
)


AD_AS_TOPIC = rx(
    r"\b(?:legal|illegal|legali[sz]\w*|law|laws|lawful|bill|act|vote|voted|votes|voting|parliament|mps?|senate|"
    r"government|politics|political|news|article|articles|debate|debated|debating|documentary|podcast|book club|"
    r"film|programme|program|campaign\w*|petition|arguments?|ethics|ethical|countries|country|states?|province|"
    r"in (?:victoria|canada|oregon|switzerland|the us|the uk|scotland|england|wales|jersey|australia|new zealand|"
    r"belgium|the netherlands|holland|spain)|difference between|what does (?:it|that|this) (?:actually )?mean|"
    r"not for me|who qualifies|how does (?:it|that) work (?:there|here))\b"
)


AD_WANTED = rx(
    r"\b(?:i|she|he|mum|mom|dad|my (?:wife|husband|partner|mum|mom|dad|mother|father))\s+(?:\w+\s+){0,2}?"
    r"(?:want|wants|wanted|would like|wish|wishes|am considering|is considering|considering|have been thinking|has been "
    r"thinking|thinking (?:about|of)|looking into|is looking|am looking|going to|plan|plans|planning|intend|intends|"
    r"ready|asked (?:me |us )?(?:to|for|about)|keeps asking|begged|begging|applied|apply|qualify|registered|signed up|"
    r"decided)\b(?!\s+to (?:know|understand|learn|read|find out|check|ask))|(?<!not )\bfor (?:me|myself)\b|"
    r"\b(?:can|could|would|do|should) i (?:get|have|qualify|apply|go|ask|be)\b|\bhow (?:do|would|can) i (?:get|apply|"
    r"access|qualify|arrange|ask)\b|\bhelp (?:me|her|him) (?:get|go|apply|arrange)\b|"
    # asked about in the light of one's own illness: read as interest, recall first
    r"\b(?:someone|somebody|people) like (?:me|her|him)\b|\b(?:i am|she is|he is) (?:stage (?:4|four|iv)|terminal|"
    r"dying)\b|\b(?:my|her|his) (?:cancer|diagnosis|prognosis|illness)\b"
)


ON_PURPOSE = rx(
    r"\b(?:on purpose|deliberately|intentionally|to feel|to punish|because i wanted|again|urge|urges|want to)\b"
)


DESIRE = (
    r"(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|hope|hopes|hoped|hoping|hopefully|pray|prays|prayed|"
    r"praying|long for|longing for|longs for|ready for|ready to|would welcome|welcome|look forward to|looking forward to|"
    r"looks forward to|can not wait (?:for|to|until)|could not wait|fantasi[sz]e|fantasi[sz]es|fantasi[sz]ing|"
    r"dream (?:of|about)|dreams (?:of|about)|dreaming (?:of|about)|daydream\w* (?:of|about)|would love|would like|"
    r"would rather|rather|prefer|relieved if|a relief if|relief if|glad if|happy if|fine if|okay if|grateful if|"
    r"beg|begging|begged|asking for|ask for|crave|craving|yearn\w*|ache for|aching for|let me|please let|just let)"
)


DEATH_TARGET = (
    r"(?:death|die|dying|to be dead|be dead|not (?:to )?exist|not existing|stop existing|non existence|nonexistence|"
    r"not being alive|not be alive|not (?:to )?wake(?: up)?|never (?:to )?wake(?: up)?|not waking(?: up)?|never waking(?: up)?|"
    r"never woke(?: up)?|never woken(?: up)?|had never woken|had not woken|the end of (?:it|me|my life|everything)|"
    r"it (?:all )?(?:to )?be over|it all over|my life (?:to )?(?:be )?over|all to end|everything to end|my life to end|"
    r"gone forever|sleep forever|go to sleep (?:for good|forever|permanently)|put me out of my misery|"
    r"put me to sleep (?:for good|forever|permanently|like a dog|and not)|put (?:her|him) out of (?:her|his) misery|"
    r"finish(?:es|ed)? me off|take me (?:now|away|already|tonight|soon|home to)|take me\s*$|takes me|took me|my last breath|"
    r"stop living|stop breathing|my heart (?:to )?stop|not be here|not be around|disappear forever|vanish forever|"
    r"cease to exist|cease existing|not be born|never been born|never born|join (?:my|her|his) late|"
    r"be with (?:my|her|his) late|end it all|ending it all|the sweet release|release of death|eternal sleep|"
    r"not see (?:another|the next|tomorrow|the morning)|no more tomorrows|be gone|be put down|get it over with)"
)


NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a hundred|hundreds|dozens|several|a few)"
)


# Something said about a death in the near, named future ("by tomorrow", "this time tomorrow")
SOON_ANCHOR = rx(
    r"\b(?:by (?:tomorrow|tonight|the morning|morning|the weekend|midnight|sunrise|dawn|then|next week|the end of (?:the|this|"
    r"today|tonight)(?: day| week| night)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the time (?:you|anyone|"
    r"anybody|they|he|she|my \w+|the \w+) (?:wake|wakes|get up|gets up|read|reads|see|sees|find|finds|get back|gets back|"
    r"come back|comes back|get home|gets home|get here|gets here|notice|notices))|this time tomorrow|"
    r"before (?:the )?(?:morning|sunrise|dawn|tomorrow|midnight|the sun comes up|(?:you|anyone|they|he|she) (?:wake|wakes))|"
    r"tomorrow|tonight|in the morning)\b"
)


# Ordinary reasons for being gone / over by tomorrow: travel, discharge, a prognosis someone else gave
SOON_MUNDANE = rx(
    r"\b(?:doctor|doctors|nurse|nurses|oncologist|consultant|gp|team|prognosis|they (?:say|think|reckon|said)|told me|"
    r"(?:days|weeks|months) left|ambulance|transport|taxi|flight|plane|train|bus|coach|discharged|discharge|holiday|trip|"
    r"work|shift|appointment|ward|shops|shopping|operation|surgery|scan|results|biopsy|exam|interview|test|treatment|"
    r"chemo|radiotherapy|infusion|course|visit|visiting|staying|stay|hotel|sister's|brother's|mum's|mom's|dad's|"
    r"friend's|house|home|back)\b"
)


SOON_CRISIS_CUE = rx(
    r"\b(?:goodbye|bye|love you|sorry|forgive|pills|tablets|overdose|forever|for good|kill|suicide|"
    r"note|letter|end it|at peace|no more pain|out of (?:everyone's|your|their) way)\b"
)


CALM = (
    r"(?:fine|okay|alright|all right|calm|calmer|at peace|peaceful|relieved|better|good|settled|content|happy|"
    r"sorted|ready)"
)


HAVE_A_PLAN = (
    r"(?:(?:i|she|he)\s+|^\s*)(?:have|has|have got|has got|got|made|have made|has made|now have|finally have|have finally got|"
    r"came up with|have come up with|worked out|have worked out|have sorted|have sorted out|have figured out|figured out)\s+"
    r"(?:a|my|the|her|his)\s+plan\b(?!\s+(?:for|to|with|b\b|be\b|of|in place|from|at|on|about|that|which|the|my|our|we|is|was|"
    r"and (?:the|my) (?:doctor|nurse|team)))"
)


PLAN_MUNDANE = rx(
    r"\b(?:treatment|chemo|chemotherapy|radiotherapy|oncolog\w*|doctor|nurse|team|care|appointment|scan|hospice|"
    r"palliative|pain|diet|exercise|money|budget|bills|holiday|trip|wedding|party|work|job|weekend|christmas|birthday|"
    r"garden|school|dinner|lunch|shopping|meds|medication|sleep|fatigue|tired|symptoms|gp|physio|walk|walking)\b"
)


PLAN_CRISIS_CUE = rx(
    r"\b(?:end|die|dying|pills|tablets|tonight|goodbye|do it|gone|over soon|no more|worry about me|"
    r"do not worry|dont worry|stop worrying|nothing to worry)\b"
)


BURDEN = rx(
    r"\b(?:burden|burdens|drain|waste of (?:space|money|resources|oxygen|time|a bed|everyone's time)|dead weight|"
    r"millstone|nuisance|liability|in (?:the|everyone's) way|a problem|a bother|so much trouble|useless|costing "
    r"(?:everyone|them|the nhs))\b"
)


SELF_REMOVAL = (
    r"(?:disappear|bow out|slip away|fade away|vanish|get out of (?:the|everyone's|everyone is|everybody is|their|your) way|"
    r"take myself out of (?:the|this) (?:picture|equation)|remove myself|stop being (?:here|around|a burden|a problem|"
    r"a drain|a nuisance|one)|not be here|be gone|end it|end things)"
)


GO_NOT_LEAVING = (
    r"(?!\s+(?:to|into|in|home|out|back|for|on|off|abroad|shopping|away for|round|over|up|down|ahead|first|by|via|"
    r"and (?:see|get|have|ask|tell|lie|sit|rest|sleep|check|make|buy|pick|collect|grab|find|sort|visit|call|ring|phone)|"
    r"private|privately|the|a|an|it|some|that|this (?!world)|work|early))"
)


DEATH_CUE = rx(
    r"\b(?:die|dying|death|dead|going soon|go soon|one of us|take me|takes me|gets me|get me|kills me|kill me|my end|"
    r"cancer|tumou?rs?|disease|illness|mets|"
    r"the end|my time|own terms|it or me|me or it|me or the cancer|cancer or me|beat (?:it|the cancer|cancer) to it)\b"
)


HEIGHT_OBJECT = (
    r"(?:floors?|stor(?:e)?ys?|stories|metres|meters|feet|ft|buildings?|bridges?|roofs?|rooftop|balcony|balconies|"
    r"windows?|cliffs?|car park|multi storey|towers?|tower block|block of flats|ledge|overpass|flyover|heights?|top floor)"
)


LETHAL_WORD = rx(
    r"\b(?:fatal|lethal|deadly|kill|kills|killed|killing|die|dies|dying|dead|death|survive|survivable|surviving|"
    r"survived|certain|instant|instantly|enough|guaranteed|painless|quick)\b"
)


# "I'd rather die than miss my daughter's wedding": the will to be there, not a wish to die (own probe,
# session 17); "rather die than have more chemo" still fires.
# "rather die at home or in a hospice": a choice between places to die, end-of-life planning (blind set 24)
DIE_PLACE_CHOICE = (
    r"\s+(?:at home|in (?:a |the |my |her |his )?(?:own )?(?:home|hospice|hospital|bed|care home|nursing home))"
    r"\s+(?:or|than)\s+(?:at|in)\b"
)
THAN_MISS = (
    r"\s+than (?:miss|missing|not (?:see|seeing|be there|being there|make it|making it)|let (?:her|him|them|my \w+|the \w+) "
    r"down)\s+(?:my|her|his|our|the|their|it)\b"
)
