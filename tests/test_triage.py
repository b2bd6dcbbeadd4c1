"""Side-effect triage (bot/triage): every medicine x symptom pair of issue 18, lay and
brand/generic phrasings, negation, memory of an earlier medicine, no triage without the
medicine a row needs, and a table whose every row carries a public source and a review
record. Action-level tests (reply + escalation row) are in tests/test_actions_triage.py."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from bot.triage import assess, load_lexicon, load_table, remember, render, staff_summary
from bot.triage.engine import parse_memory
from bot.triage.lexicon import parse_lexicon
from bot.triage.render import EMERGENCY_NUMBERS
from bot.triage.table import LEVELS, PUBLIC_SOURCE_HOSTS, TABLE_PATH, parse_table
from tests.timing import within_budget

ROOT = Path(__file__).resolve().parents[1]

# (message, remembered medicine, region, level, a row that must be among the findings)
PAIRS = [
    # new cough or breathlessness on an HER2 antibody-drug conjugate
    ("I'm on Enhertu and I've got a new cough", None, None, "hotline", "her2_adc.cough"),
    ("started trastuzumab deruxtecan and now i keep coughing", None, None, "hotline", "her2_adc.cough"),
    ("on enhertu, getting breathless walking to the shop", None, None, "hotline", "her2_adc.breathless"),
    # ... or a CDK4/6 inhibitor
    ("Since starting Kisqali I have a dry cough", None, None, "hotline", "cdk46.cough"),
    ("palbociclib and I get out of breath doing the stairs now", None, None, "hotline", "cdk46.breathless"),
    ("verzenio, a cough that won't go away", None, None, "hotline", "cdk46.cough"),
    # fever on any marrow-suppressing treatment; with marrow cancer whatever the treatment
    ("I'm on Ibrance and feel shivery", None, None, "emergency", "marrow_suppressing.fever"),
    ("taking capecitabine, temperature is 38.4", None, None, "emergency", "marrow_suppressing.fever"),
    ("olaparib and my temp is 37.6", None, "UK", "emergency", "marrow_suppressing.fever"),
    ("olaparib and my temp is 37.6", None, "US", "hotline", "any.raised_temperature"),
    ("I have a temperature of 38.3", None, None, "emergency", "any.fever"),
    ("my temperature is 35.4 and I'm on tamoxifen", None, None, "emergency", "any.fever"),
    ("I'm running a temp, 101 F", None, None, "emergency", "any.fever"),
    (
        "docetaxel last week and I suddenly feel really unwell",
        None,
        None,
        "emergency",
        "marrow_suppressing.suddenly_unwell",
    ),
    # jaw pain / loose teeth on a bone agent
    ("my jaw aches and a tooth feels loose, I have Xgeva injections", None, None, "hotline", "denosumab.jaw"),
    ("I get the zometa drip and there's bone showing in my mouth", None, None, "hotline", "bisphosphonate.jaw"),
    ("pain in my jaw since the zoledronic acid", None, None, "hotline", "bisphosphonate.jaw"),
    # cramps or tingling on denosumab; spasms/seizures/palpitations/fainting -> emergency
    ("Prolia and I keep getting cramps in my legs", None, None, "hotline", "denosumab.cramps"),
    ("tingling around my lips since my denosumab injection", None, None, "hotline", "denosumab.tingling"),
    ("on xgeva and my muscles keep going into spasms", None, None, "emergency", "denosumab.spasms_seizure"),
    # a carpopedal spasm in lay words (set O, session 17); a calf cramp at night stays a cramp
    ("on xgeva my hands keep cramping into claws", None, None, "emergency", "denosumab.spasms_seizure"),
    (
        "on prolia and my fingers keep locking up and won't straighten",
        None,
        None,
        "emergency",
        "denosumab.spasms_seizure",
    ),
    ("on xgeva, bit of cramp in my calf at night", None, None, "hotline", "denosumab.cramps"),
    ("having palpitations since the prolia jab", None, None, "emergency", "denosumab.palpitations"),
    ("I feel faint, I'm on denosumab", None, None, "emergency", "denosumab.fainting"),
    # leg swelling or chest pain on tamoxifen (clot)
    ("Nolvadex and my left calf is swollen and sore", None, None, "emergency", "tamoxifen.leg_swelling"),
    ("tamoxifen and my leg is swollen", None, None, "emergency", "tamoxifen.leg_swelling"),
    ("tightness in my chest, I take tamoxifen", None, None, "emergency", "tamoxifen.chest_pain"),
    # diarrhoea on immunotherapy or abemaciclib
    ("Keytruda has given me diarrhoea", None, None, "hotline", "immunotherapy.diarrhoea"),
    ("pembrolizumab and runny poo all day", None, None, "hotline", "immunotherapy.diarrhoea"),
    ("on keytruda, blood in my poo", None, None, "hotline", "immunotherapy.blood_in_stool"),
    ("Verzenio and I've got the runs", None, None, "hotline", "diarrhoea_risk.diarrhoea"),
    ("diarrhea 5 times today since starting abemaciclib", None, None, "hotline", "diarrhoea_risk.diarrhoea"),
    # bruising / bleeding on a PARP inhibitor
    ("Lynparza and I'm bruising really easily", None, None, "hotline", "parp.bruising_bleeding"),
    ("talazoparib, my nose keeps bleeding", None, None, "hotline", "parp.bruising_bleeding"),
    ("my gums bleed when I brush, I'm on Talzenna", None, None, "hotline", "parp.bruising_bleeding"),
    # mention at the next visit
    ("hot flushes on tamoxifen", None, None, "next_visit", "hormone.hot_flushes"),
    ("tingling in my toes since docetaxel", None, None, "next_visit", "neuropathy.tingling"),
    ("I'm more tired than usual on olaparib", None, None, "next_visit", "parp.tiredness"),
    # the medicine named earlier in the conversation
    ("I've had a cough for three days", "ribociclib", None, "hotline", "cdk46.cough"),
    ("my calf is swollen and hot", "tamoxifen", None, "emergency", "tamoxifen.leg_swelling"),
    ("the diarrhoea started yesterday", "pembrolizumab", None, "hotline", "immunotherapy.diarrhoea"),
    ("a tooth came out and my jaw hurts", "denosumab", None, "hotline", "denosumab.jaw"),
]


@pytest.mark.parametrize("text,remembered,region,level,row", PAIRS)
def test_every_pair_gets_its_level(text, remembered, region, level, row):
    result = assess(text, remembered, region=region)
    assert result is not None, text
    assert result.level == level
    assert row in [f.row.id for f in result.findings]
    assert result.escalates is (level != "next_visit")


def test_brand_and_generic_names_are_the_same_medicine():
    lexicon = load_lexicon()
    pairs = [
        ("Enhertu", "trastuzumab deruxtecan"),
        ("Herceptin", "trastuzumab"),
        ("Ibrance", "palbociclib"),
        ("Kisqali", "ribociclib"),
        ("Verzenio", "abemaciclib"),
        ("Keytruda", "pembrolizumab"),
        ("Xgeva", "denosumab"),
        ("Prolia", "denosumab"),
        ("Zometa", "zoledronic acid"),
        ("Lynparza", "olaparib"),
        ("Talzenna", "talazoparib"),
        ("Xeloda", "capecitabine"),
        ("Taxol", "paclitaxel"),
        ("Taxotere", "docetaxel"),
        ("Halaven", "eribulin"),
        ("Nolvadex", "tamoxifen"),
    ]
    for brand, generic in pairs:
        assert lexicon.find(f"I take {brand}")[0] == lexicon.find(f"I take {generic.upper()}")[0] != [], brand


def test_longest_name_wins_and_slips_are_forgiven():
    lexicon = load_lexicon()
    assert lexicon.find("trastuzumab deruxtecan")[0] == ["trastuzumab_deruxtecan"]
    assert lexicon.find("trastuzumab")[0] == ["trastuzumab"]
    assert lexicon.find("palbocyclib")[0] == ["palbociclib"]  # one letter changed
    assert lexicon.find("tamoxfen")[0] == ["tamoxifen"]  # one letter dropped
    assert lexicon.find("I'm on Ibrance and Xgeva")[0] == ["palbociclib", "denosumab"]
    assert lexicon.find("probably nothing")[0] == []
    assert lexicon.find("prolific")[0] == []  # not Prolia


def test_enhertu_cough_differs_from_herceptin_cough():
    assert assess("I'm on Enhertu and I have a cough").level == "hotline"
    assert assess("I'm on Herceptin and I have a cough") is None  # not in the table for trastuzumab
    assert assess("I'm on Herceptin and I'm breathless").findings[0].row.id == "her2_antibody.breathless"


@pytest.mark.parametrize(
    "text",
    [
        "I'm on Ibrance, no fever and no cough",
        "I don't have diarrhoea on Keytruda",
        "no bruising at all on lynparza",
        "I'm on Enhertu and I'm not coughing",
        "tamoxifen, my calf isn't swollen",
        "I'm not pregnant, I'm on Herceptin",
        "temperature 36.8 today, I'm on ibrance",
    ],
)
def test_negated_or_normal_is_not_triaged(text):
    assert assess(text) is None


def test_negation_covers_only_its_own_symptom():
    result = assess("no fever, but I'm on Kisqali and have a cough")
    assert [f.row.symptom for f in result.findings] == ["cough"]
    assert assess("no fever, just a cough, I'm on Kisqali").level == "hotline"


@pytest.mark.parametrize(
    "text",
    [
        "I have a new cough",
        "my jaw hurts",
        "I keep getting cramps",
        "I've got diarrhoea",
        "I bruise easily",
        "hot flushes at night",
        "tingling in my toes",
    ],
)
def test_no_triage_without_a_medicine_where_the_row_needs_one(text):
    assert assess(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "does Enhertu cause a cough?",
        "can xgeva cause jaw problems",
        "what are the side effects of Keytruda",
        "is diarrhoea common with verzenio",
    ],
)
def test_general_questions_get_the_knowledge_answer(text):
    assert assess(text) is None


def test_memory_names_newest_first_forgets_stopped_and_ignores_junk():
    assert remember("I'm on Kisqali", None) == "ribociclib"
    assert remember("what does Ibrance do", None, ["cdk46_inhibitor"]) == "palbociclib"
    assert remember("I also get Xgeva", "ribociclib") == "denosumab,ribociclib"
    assert remember("I stopped Kisqali last month", "denosumab,ribociclib") == "denosumab"
    assert remember("I'm no longer on tamoxifen", "tamoxifen") is None
    assert remember("hello", "ribociclib") == "ribociclib"
    assert remember("I'm on chemo", None, ["chemotherapy"]) == "chemotherapy_generic"
    assert remember("thanks", None, ["her2_targeted"]) == "her2_generic"  # the NLU entity stands in
    assert parse_memory("<script>,ribociclib,ribociclib,DROP TABLE") == ["ribociclib"]
    assert remember("a b c d e", "a,b,c,d,e,f") is None


def test_stopped_medicine_is_not_used_even_if_remembered():
    assert assess("I stopped Ibrance and now I have a cough", "palbociclib") is None


TRIAGE_SYMPTOMS = [
    "I have a cough",
    "I'm breathless",
    "I feel shivery",
    "my temperature is 37.7",
    "my jaw hurts",
    "I keep getting cramps",
    "tingling around my mouth",
    "I had a seizure",
    "I have palpitations",
    "I fainted",
    "my calf is swollen",
    "I have chest pain",
    "I have diarrhoea",
    "blood in my poo",
    "I'm bruising",
    "I'm exhausted all the time",
    "I'm tired",
    "my eyes look yellow",
    "hot flushes",
    "I might be pregnant",
    "I'm peeing much less",
    "I suddenly feel unwell",
    "I have a sore throat",
]


def _rank(result) -> int:
    return -1 if result is None else LEVELS.index(result.level)


@pytest.mark.parametrize("region", ["US", "UK"])
def test_a_remembered_medicine_never_lowers_the_level(region):
    lexicon = load_lexicon()
    for text in TRIAGE_SYMPTOMS:
        alone = _rank(assess(text, region=region))
        for medicine_id in lexicon.medicines:
            assert _rank(assess(text, medicine_id, region=region)) >= alone, (text, medicine_id)
            both = ",".join([medicine_id, "denosumab", "tamoxifen"])
            assert _rank(assess(text, both, region=region)) >= _rank(assess(text, medicine_id, region=region))


# ---- the table --------------------------------------------------------------------------

REQUIRED = {
    ("her2_adc", "cough"): "hotline",
    ("her2_adc", "breathless"): "hotline",
    ("cdk46", "cough"): "hotline",
    ("cdk46", "breathless"): "hotline",
    ("marrow_suppressing", "fever"): "emergency",
    ("any", "fever"): "emergency",
    ("denosumab", "jaw"): "hotline",
    ("bisphosphonate", "jaw"): "hotline",
    ("denosumab", "cramps"): "hotline",
    ("denosumab", "tingling"): "hotline",
    ("denosumab", "spasms_seizure"): "emergency",
    ("denosumab", "palpitations"): "emergency",
    ("denosumab", "fainting"): "emergency",
    ("tamoxifen", "leg_swelling"): "emergency",
    ("tamoxifen", "chest_pain"): "emergency",
    ("immunotherapy", "diarrhoea"): "hotline",
    ("diarrhoea_risk", "diarrhoea"): "hotline",
    ("parp", "bruising_bleeding"): "hotline",
}


def test_required_rows_have_their_levels():
    table = load_table()
    for (cls, symptom), level in REQUIRED.items():
        assert table.row(cls, symptom) is not None, (cls, symptom)
        assert table.row(cls, symptom).level == level, (cls, symptom)
    assert "abemaciclib" in [m.id for m in load_lexicon().medicines.values() if "diarrhoea_risk" in m.classes]


def test_every_row_has_a_public_source_and_a_review_record():
    table = load_table()
    assert len(table.rows) >= len(REQUIRED)
    for row in table.rows.values():
        assert row.sources, row.id
        for source in row.sources:
            assert source.url.startswith("https://")
            assert any(h in source.url for h in PUBLIC_SOURCE_HOSTS), source.url
            assert not re.search(r"seed|clinical-safety|internal|\.md\b", source.title + source.url, re.I)
        assert row.review.status in ("draft", "reviewed", "returned")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.review.date)
        assert row.review.version >= 1
        assert row.review.status == "draft" or row.review.reviewer


def _raw_table():
    with open(TABLE_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.mark.parametrize(
    "breakage,message",
    [
        (lambda r: r.pop("sources"), "source"),
        (
            lambda r: r.update(sources=[{"title": "Seed article", "url": "file:///work/shared/seed-article.md"}]),
            "public",
        ),
        (lambda r: r.update(sources=[{"title": "Blog", "url": "https://example.com/x"}]), "public"),
        (lambda r: r.pop("review"), "review"),
        (
            lambda r: r.update(review={"status": "reviewed", "reviewer": None, "date": "2026-12-06", "version": 1}),
            "reviewer",
        ),
        (lambda r: r.update(review={"status": "draft", "reviewer": None, "date": "soon", "version": 1}), "date"),
        (lambda r: r.update(says="Take 2 tablets a day of {name}."), "dosing"),
        (lambda r: r.update(says="Stop taking {name} now."), "dosing"),
        (lambda r: r.update(level="urgent"), "level"),
        (lambda r: r.update(symptom="itchy_elbow"), "concept"),
        (lambda r: r.update(says="Hello {patient_name}"), "placeholder"),
        # "now" (promoted to urgent_symptom) only on a hotline row whose words say to call the hotline now
        (lambda r: r.update(now="yes"), "'now'"),
        (lambda r: r.update(level="next_visit", says="Mention it at your next visit.", now=True), "'now'"),
        (lambda r: r.update(level="hotline", says="Tell your team today.", now=True), "'now'"),
    ],
)
def test_the_table_validator_refuses_bad_rows(breakage, message):
    data = copy.deepcopy(_raw_table())
    breakage(data["rows"][2])
    with pytest.raises(ValueError, match=message):
        parse_table(data, load_lexicon().classes)


def test_duplicate_rows_and_unknown_classes_are_refused():
    data = copy.deepcopy(_raw_table())
    data["rows"].append(copy.deepcopy(data["rows"][0]))
    with pytest.raises(ValueError, match="duplicate"):
        parse_table(data, load_lexicon().classes)
    data = copy.deepcopy(_raw_table())
    data["rows"][3]["class"] = "homeopathy"
    with pytest.raises(ValueError, match="unknown class"):
        parse_table(data, load_lexicon().classes)


def test_a_name_cannot_belong_to_two_medicines():
    with open(ROOT / "bot" / "triage" / "medicines.yml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    data["medicines"]["tamoxifen"]["names"].append("Xgeva")
    with pytest.raises(ValueError, match="belongs to"):
        parse_lexicon(data)


# ---- the words people see ----------------------------------------------------------------


def test_emergency_reply_names_the_regions_emergency_number():
    result = assess("Nolvadex and my left calf is swollen and sore")
    for region, number in [("US", "911"), ("UK", "999"), ("CA", "911"), ("AU", "000"), ("EU", "112"), (None, "911")]:
        text = render(result, region)
        assert f"Call {number} or go to the nearest emergency department now" in text
        assert "tamoxifen" in text and "clot" in text


def test_emergency_numbers_agree_with_the_domain():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for variant in domain["responses"]["utter_emergency_number"]:
        region = next((c["value"] for c in variant.get("condition", []) if c["name"] == "region"), "US")
        assert variant["text"] == f"Emergency number: {EMERGENCY_NUMBERS[region]}."


def test_fever_threshold_follows_the_region():
    result = assess("I have a temperature of 38.3")
    assert "37.5 °C" in render(result, "UK") and "38.0 °C" not in render(result, "UK")
    assert "38.0 °C (100.4 °F)" in render(result, "US")
    assert "or the temperature your team gave you" in render(result, "US")
    assert "paracetamol" in render(result, "US")


def test_hotline_reply_names_the_medicine_the_hotline_and_the_source():
    text = render(assess("I've had a cough for three days", "ribociclib"), "US")
    assert text.startswith("Please call your oncology hotline or care team today.")
    assert "Kisqali (ribociclib)" in text and "lung inflammation" in text
    assert "fda.gov" in text and "care team" in text
    assert "call 911" in text


def test_next_visit_reply_does_not_send_anyone_to_emergency():
    text = render(assess("hot flushes on tamoxifen"), "UK")
    assert "next visit" in text and "999" not in text and "emergency" not in text.lower()


def test_caregiver_wording():
    text = render(assess("Keytruda has given her diarrhoea"), "US", role="caregiver")
    assert text.startswith("Please call their oncology hotline")
    assert "they seem very unwell" in text


def test_no_reply_gives_dosing_advice_and_every_reply_points_to_the_team():
    dose = re.compile(r"\b\d+\s*(mg|mcg|ml|tablets?|pills?)\b|\bdose\b|\bdosing\b|\btake (more|less|another)\b", re.I)
    for text, remembered, region, _, _ in PAIRS:
        for role in ("patient", "caregiver"):
            reply = render(assess(text, remembered, region=region), region, role)
            assert not dose.search(reply), reply
            assert "care team" in reply and "Sources: " in reply


def test_staff_summary_names_level_medicine_and_row():
    summary = staff_summary(assess("Keytruda has given me diarrhoea"))
    assert summary == (
        "[side-effect triage: hotline now; medicines: Keytruda (pembrolizumab); rows: immunotherapy.diarrhoea]"
    )
    cough = staff_summary(assess("I've had a cough for three days", "ribociclib"))
    assert cough.startswith("[side-effect triage: hotline today;")


@pytest.mark.parametrize(
    "text, role, headline",
    [
        ("On Keytruda and I've got diarrhoea with blood in it", "patient", "Please call your oncology hotline now."),
        ("Keytruda has given her diarrhoea", "caregiver", "Please call their oncology hotline now."),
        ("on pembrolizumab, my skin has gone yellow", "patient", "Please call your oncology hotline now."),
    ],
)
def test_a_row_that_says_call_now_gets_a_headline_that_says_now(text, role, headline):
    """clinical-safety.md: pembrolizumab's red flags are 'call the hotline now'; the headline must
    not say 'today' above a row that says 'now'."""
    reply = render(assess(text), "US", role)
    assert reply.startswith(headline), reply
    assert "today" not in reply.splitlines()[0]


def test_huge_binary_and_markup_input_is_handled():
    assert assess("") is None and assess("   ") is None
    assert assess("\x00\x01\xff" * 1000) is None
    assert assess("<script>alert(1)</script> '; DROP TABLE escalations; --") is None
    big = "I'm on Enhertu and I have a cough. " + "blah " * 20000
    assert assess(big).level == "hotline"


def test_symptoms_that_are_themselves_a_not():
    assert assess("my gum won't heal after the extraction", "denosumab").level == "hotline"
    assert assess("I'm hardly peeing at all", "zoledronic_acid").level == "hotline"
    assert assess("tamoxifen, my calf isn't swollen") is None


def test_every_row_and_reply_reads_at_grade_8_or_below():
    import textstat

    lexicon = load_lexicon()
    for row in load_table().rows.values():
        for name in [m.display for m in lexicon.medicines.values() if row.cls in m.classes] or [""]:
            says = row.says.format(name=name, fever_threshold="38.0 °C (100.4 °F)")
            assert textstat.flesch_kincaid_grade(says) <= 8.0, (row.id, says)
    for text, remembered, region, _, _ in PAIRS:
        for role in ("patient", "caregiver"):
            body = render(assess(text, remembered, region=region), region, role).split("\n\nSources:")[0]
            assert textstat.flesch_kincaid_grade(body) <= 8.0, (text, role, body)


def test_an_episode_that_is_over_is_not_triaged_unless_it_is_back():
    assert assess("I had a fever last month on ibrance but it's gone") is None
    assert assess("I used to get cramps on prolia") is None
    assert assess("I had a fever last month on ibrance and now it's back").level == "emergency"
    assert assess("the cough went away but it's worse again on kisqali").level == "hotline"


def test_a_huge_message_is_read_by_its_start_and_end_quickly():
    filler = "abcdefgh " * 11000

    def both():
        return assess(filler + "my calf is swollen", "tamoxifen"), assess("I'm on Keytruda with diarrhoea. " + filler)

    timed = within_budget(both, 1.0)
    calf, diarrhoea = timed.result
    assert calf.level == "emergency" and diarrhoea.level == "hotline"
    assert timed.ok, f"fastest of 3 runs took {timed.fastest:.2f} s"


@pytest.mark.parametrize(
    "text",
    [
        "on pembrolizumab and my eyes have turned yellow",
        "my skin has gone a bit yellow since starting keytruda",
        "her eyes have become yellowish, she's on immunotherapy",
        "the whites of my eyes have gone yellow on keytruda",
    ],
)
def test_yellow_skin_or_eyes_on_immunotherapy_is_a_hotline_call_however_it_is_said(text):
    """Immune hepatitis (Keytruda label: yellowing of skin or whites of the eyes): call the
    hotline now. "have gone yellow" was missed by the concept before (blind set 10)."""
    result = assess(text, region="US")
    assert result is not None and result.level == "hotline", (text, result)
    assert "yellow_skin" in {f.row.symptom for f in result.findings}


def test_gone_or_stopped_with_what_it_became_is_not_an_episode_that_is_over():
    """'has gone yellow' read as 'it has gone (away)' dropped the triage (blind set 10)."""
    from bot.triage.engine import is_over

    for text in ("my skin has gone yellow", "my legs have stopped working", "her hands have gone numb"):
        assert not is_over(text), text
    for text in ("the cough has gone", "the bleeding has stopped", "the rash has all gone"):
        assert is_over(text), text
    result = assess("my skin has gone yellow, i'm on pembrolizumab", region="US")
    assert result is not None and result.level == "hotline"


def test_the_rows_marked_now_are_the_immunotherapy_signs_to_call_about_now():
    """clinical-safety.md: on pembrolizumab these signs mean "call the hotline now"."""
    table = load_table()
    marked = {row.id for row in table.rows.values() if row.now}
    assert {
        "immunotherapy.diarrhoea",
        "immunotherapy.blood_in_stool",
        "immunotherapy.yellow_skin",
        "immunotherapy.thirst_urine",
        "immunotherapy.confusion",
        "immunotherapy.severe_tiredness",
        "immunotherapy.headache",
        "immunotherapy.palpitations",
        "immunotherapy.cough",
    } <= marked
    assert all(
        table.rows[key].level == "hotline" and "hotline now" in table.rows[key].says.lower()
        for key in table.rows
        if table.rows[key].now
    )
    assert not table.row("immunotherapy", "tiredness").now  # ordinary tiredness: next visit
