"""Rule-based crisis and red-flag symptom detector (pure Python, stdlib only).

The rules live in a catalogue a clinician can read, one file per category under
bot/safety/rules/ (each rule: id, category, pattern from named word lists, exclusions,
rationale, sources, review record, examples that are tests). This module is the public API
and the order of the passes; the shared text machinery is in bot/safety/text.py, fuzzy.py,
negation.py and third_party.py, the passes in crisis.py and urgent.py. Every finding carries
``rule_id``, the id of the rule that decided.

``assess(text)`` returns a :class:`SafetyFinding` for a message that shows a
crisis (suicidal thoughts, self-harm, a plan or intent, a method question, a
goodbye message -- the writer's own or someone else's that a caregiver reports)
or an urgent red-flag symptom, and ``None`` otherwise. It does no I/O, keeps no
state and needs no model, so it keeps working when the database, the action
server or the NLU model are down. It is the safety floor under the NLU model,
not a replacement for it.

Pipeline
--------
1. Normalise: HTML entities unescaped, Unicode NFKC, accents stripped,
   case-folded, zero-width/control characters and markup punctuation removed,
   whitespace collapsed, contractions expanded ("don't" -> "do not", "I'm" ->
   "i am", "wanna" -> "want to"), chat slang expanded ("rn", "idk", "u", "2nite").
   For crisis matching only, a second pass also undoes leetspeak inside words
   ("k1ll", "su1c1de", "d!e"), joins spaced/dotted letters ("k.m.s"), treats
   "*" as a wildcard letter ("s**cide") and corrects one- or two-letter typos of
   key words ("sucide", "suicidial", "myslef", "overdoes"); elongated letters
   ("diiie") are tried both kept and collapsed.
   Dropped g's ("thinkin", "killin") are restored, "'d" + participle is read
   as "had" ("I wish I'd gone" is not "would gone").
2. Crisis rules (regular expressions over one sentence at a time), each with
   its category and its own idiom exclusions. They are tried on several views
   of the message: as written, elongations collapsed, filler adverbs removed
   ("can't *really* feel", "I just honestly want to"), and the whole message
   as one sentence (a thought split over full stops). Besides phrase rules
   there are class rules: a desire word (want, wish, hope, pray, long for,
   can't wait, relieved if ...) followed within ten words by a death /
   non-existence / not-waking target; medication at hand, counted out or
   saved "so I'd have enough"; "sad I'm still here"; dying + "sooner / speed
   it up"; a note or letter + "sorry / explaining why"; places (bridge,
   platform, cliff) + a thought about them. Round 3 class rules (concepts
   behind whole-pipeline misses on heldout3/heldout4): making a death look
   like an accident / "worth more dead" (insurance); having "a plan" given as
   the reason for feeling calm; being a burden + removing oneself ("save
   everyone the bother", "stop being a burden"); choosing the time of one's
   death ("on my own terms", "beat the cancer to it", a date picked next to
   letters); someone wanting to follow / join the patient in death (or the
   reverse), pacts; the lethality of a fall from a height; a quantity of
   medication "saved up / stashed", "enough morphine for when the time
   comes"; a declared last day / night; "gone / at peace / over" by a named
   near time; "why am I still alive". Each has its own exclusions (legacy
   and funeral planning, travel and discharge, prognosis given by others,
   dosette boxes, falls that happened, ...); some look at the whole message.
   The first matching *self* finding wins over third-party findings ("he'd
   be happier if I wasn't here" is about the writer); among those,
   plan_or_intent > method > goodbye > self_harm > suicidal_ideation.
3. Urgent rules, only if no crisis matched ("crisis wins over urgent").

Measured limits (bench/safety/REPORT.md)
---------------------------------------
On three held-out sets written independently of the rules, crisis recall at
first measurement was 67.8 %, 69.3 % and 68.6 %. Urgent recall was 84.6 %,
86.2 % and 91.9 %, and false positives on non-crisis text were 0.8 %, 2.3 %
and 2.4 %. Indirect crisis language the rules have not seen is often missed.
This module is a floor that keeps working when everything else is down. It
is not the crisis classifier: combine it with the NLU model (crisis if
either fires).

Recall first -- choices made deliberately
-----------------------------------------
* Any mention of suicide / suicidal fires, even in a question ("what are the
  warning signs of suicide?") -- a human follows up. The only thing that stops it
  is a clear negation (below). Assisted dying / euthanasia / MAiD fire the same
  way, except as law, news or debate with nobody in the message wanting it ("is
  assisted dying legal in victoria? not for me", "a book club article about
  dignitas"); "is it legal here? I want it" fires.
* Not a disclosure, so not fired on: a screening question reported with a clear
  "no" ("the counsellor asked if I ever think about hurting myself, I said no"),
  unless the answer is taken back ("...but I lied"); someone else's suicide long
  ago, remembered ("my uncle took his own life 10 years ago today"), unless the
  writer speaks of joining them or of the same; "die of embarrassment".
* A red flag told as a past episode that is over fires no urgent finding ("admitted
  with neutropenic sepsis in march, fully recovered"): it needs a past time, a word
  saying it resolved, and nothing saying it is back, new or happening now.
* Any mention of an overdose, a lethal/fatal/toxic dose, or "how many pills
  would it take" fires as ``method``, including "can you overdose on
  paracetamol?" and accidental overdoses.
* A count of tablets too large for one dose (8 or more, in digits or words, "all of
  them", "the whole box") of a medicine people overdose on, asked about as "enough" /
  "would that do it" / "would I need more", fires as ``method`` ("is 20 temazepam enough",
  "would thirty of her morphine tablets do it"); so does any count with an explicit purpose
  ("would 5 be enough to not wake up"). Dose and supply questions do not: mg / ml /
  minutes, small counts ("is 2 paracetamol enough for the pain", "would 2 be enough to help
  me sleep"), "a day", "to last the week", "left", medicines taken by the handful
  (capecitabine, dexamethasone, Creon).
* Negation is trusted only when it is unambiguous and close: "not", "never",
  "no longer", "nor" followed by at most a few function words ("I'm not
  suicidal", "I have never had thoughts of hurting myself", "I don't want to
  hurt myself"), or "no/without/denies" + "thoughts/plans/urges ... of"
  ("no thoughts of suicide", "no suicidal ideation"). "can't"/"couldn't" are
  not negations of a crisis ("I can't stop thinking about killing myself",
  "I couldn't kill myself because of my kids" both fire).
* A negation is ignored (the message fires) when the sentence also hedges or
  qualifies it: "not sure", "don't know", "maybe", "might", "not really",
  "sometimes", "lately", "right now", "at the moment", "today", "anymore",
  "part of me", "I guess", "at least" ... and when it is followed by "but"
  plus a thought/urge/want ("I'm not suicidal but I keep thinking about it").
* Negations that ARE the crisis are their own rules and are never suppressed:
  "I don't want to live (anymore)", "don't want to be here / be alive / exist",
  "don't want to wake up" (also "didn't want to wake up this morning"), "not sure
  I want to go on", "can't go on", "can't do this anymore", "can't take it
  anymore", "no point in living", "no reason to live", "don't care if I die",
  "wouldn't mind not waking up", "nobody would miss me".
* "I don't want to die" (fear of dying) is NOT a crisis, nor are "I'm scared of
  dying", "am I going to die", "how long do I have", "I want to die at home /
  peacefully / when the time comes" (place-of-death preferences),
  "talking about dying/death", "thinking about death", "I feel like a burden"
  (alone), "I'm tired of fighting", "I want to stop chemo", "I can't cope"
  (without "anymore"), "I feel hopeless". These are distress or palliative
  conversations handled by the NLU model, not crisis.
* Ambiguous passive wishes fire: "I'd rather die than have more chemo",
  "I'm ready to die", "I want it all to be over", "I wish I could disappear",
  "I'm in a really dark place", "dark thoughts", "just kill me now",
  "I wish the cancer would just take me", "I might do something stupid".
* Goodbye signs fire: "this is goodbye", "giving away my things", "written
  letters to my kids" -- except when the letters are explicitly legacy work
  ("for their birthdays", "memory box", "for when they grow up").
* "kys"/"kill yourself" (abuse directed at someone) fires as crisis too;
  "kms" fires unless it follows a number ("3 kms").
* Idioms that do not fire: "this fatigue / my back is killing me", "dying to
  know/see/try", "to die for", "scared/bored/worried to death", "dead tired",
  "killing it", "I could kill for a coffee", "death by powerpoint",
  "killing myself trying to keep the house clean", "I cut myself shaving",
  "I hurt myself when I fell", "say goodbye to my hair".

Urgent red flags (clinical-safety.md)
--------------------------------------
Categories: neutropenic_fever, spinal_cord_compression, hypercalcaemia,
bleeding, breathlessness, chest_pain, fracture, fainting, confusion.
* Temperatures are parsed ("38.2", "temp of 101", "39 degrees", "38,5 C"):
  >= 38.0 C / >= 100.4 F fires, a reading below that does not (on its own),
  "over 38" counts as >= 38, "under/below 38" does not. "I have a fever /
  high temperature" without a number fires; so do shivering/rigors/shaking
  chills and "feeling unwell after chemo".
* Spinal cord compression: leg numbness/weakness/can't feel or move legs/legs
  giving way fire alone; arm symptoms, tingling or heaviness fire together
  with back/neck pain; band-like pain and bladder/bowel control loss fire;
  saddle anaesthesia in everyday words ("no feeling down below", "can't feel
  the loo roll when I wipe") fires, numbness from sitting or a local
  anaesthetic does not. "Dead" / "like jelly" legs after a walk, a dance or
  the gym are tired legs; "gone dead" still fires. Numb fingers/toes (chemo
  neuropathy) alone do not. Back pain alone does not.
* Hypercalcaemia: two or more of extreme thirst, passing lots of urine,
  vomiting, constipation, confusion, drowsiness.
* Confusion: "very/suddenly confused", a third person "is confused" (not
  "confused about ..."), disoriented, not making sense, can't be woken,
  seizures and stroke signs. "I'm confused (about my treatment)" does not fire.
* Breathlessness on exertion ("on the stairs", "when I walk") or "a bit"
  breathless does not fire unless at rest / sudden / worse / at night.
* An urgent symptom does not fire when negated ("no fever", "she isn't
  breathless"), when only hypothetical ("what should I do if I get a fever"),
  when in the remote past ("I had a fever last year"), or when the sentence is
  an information question with no current event -- no first/third person,
  no time marker, no reading ("can chemo cause fever?", "what are the signs of
  cord compression?", "what does chest pain on treatment mean in general?").
  "I have chest pain", "she has a fever of 38.5", "am I having a heart attack?"
  fire.

``third_party`` is True when the crisis or symptom is about someone else
(she/he/they, "my mum/wife/husband ...", herself/himself, "her pills"). For a
third-party crisis the category is ``"third_party"`` (whatever its sub-type);
urgent findings keep their symptom category. ``matched`` is the triggering span
of the *normalised* text (lower-case, contractions expanded). ``rule_id`` names the deciding
rule ("crisis.method.lethal_dose", "urgent.fever.temperature_reading").
"""

from __future__ import annotations

from functools import lru_cache
from typing import List, Optional, Tuple

from bot.safety.crisis import assess_crisis_view
from bot.safety.crisis_history import OVER
from bot.safety.finding import CRISIS, URGENT, SafetyFinding
from bot.safety.text import clean_text, crisis_views, drop_fillers, normalise, unicode_base
from bot.safety.urgent import assess_urgent, resolved_episode

__all__ = ["CRISIS", "URGENT", "SafetyFinding", "assess", "normalise", "told_as_history"]


@lru_cache(maxsize=256)
def _crisis_views(base: str) -> Tuple[str, ...]:
    """The crisis views of ``base``, kept for the last messages: the component asks
    :func:`told_as_history` about the same text right after :func:`assess`."""
    return tuple(crisis_views(base))


def assess(text: str) -> Optional[SafetyFinding]:
    """Return the most important safety finding in ``text`` (crisis wins over urgent), or None."""
    base = unicode_base(text)
    if not base.strip():
        return None
    best: Optional[SafetyFinding] = None
    for view in _crisis_views(base):
        finding = assess_crisis_view(view)
        if finding is None:
            continue
        if best is None or (best.third_party and not finding.third_party):
            best = finding
        if not best.third_party:
            break
    if best is not None:
        return best
    urgent_text = clean_text(base, crisis=False)
    finding = assess_urgent(urgent_text)
    if finding is None:
        de_adv = drop_fillers(urgent_text)
        if de_adv != urgent_text:
            finding = assess_urgent(de_adv)
    if finding is not None and resolved_episode(urgent_text):
        return None
    return finding


def told_as_history(text: str) -> bool:
    """True when ``text`` tells suicidal thoughts, an attempt or self-harm as history that is over
    and no crisis rule fires on it otherwise (bot/safety/crisis_history.py): the component gives
    such a message its own reply instead of an alarm or silence."""
    base = unicode_base(text)
    if not base.strip():
        return False
    views = _crisis_views(base)
    # the cheap test first: most messages say nothing is over, and then no crisis pass is run again
    if not any(OVER.search(view) for view in views):
        return False
    history: List[str] = []
    for view in views:
        if assess_crisis_view(view, history) is not None:
            return False
    return bool(history)
