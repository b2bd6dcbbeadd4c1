"""Public sources the safety rules rest on (shared/clinical-safety.md lists the clinical facts).

Crisis rules follow the warning signs these name (talking about wanting to die, being a burden,
having no reason to live, looking for a way to die, giving things away, saying goodbye);
urgent rules follow the red flags for cancer in the bone and marrow.
"""

from __future__ import annotations

from bot.safety.rules.base import Source

NIMH_WARNING_SIGNS = Source(
    "NIMH: Warning Signs of Suicide", "https://www.nimh.nih.gov/health/publications/warning-signs-of-suicide"
)
NHS_SUICIDAL_THOUGHTS = Source(
    "NHS: Help for suicidal thoughts",
    "https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/behaviours/help-for-suicidal-thoughts/",
)
NICE_NG225 = Source(
    "NICE NG225: Self-harm: assessment, management and preventing recurrence (2022)",
    "https://www.nice.org.uk/guidance/ng225",
)
NHS_SELF_HARM = Source("NHS: Self-harm", "https://www.nhs.uk/mental-health/conditions/self-harm/")
AFSP_WARNING_SIGNS = Source(
    "American Foundation for Suicide Prevention: Risk factors, protective factors and warning signs "
    "(giving away possessions, saying goodbye, hoarding medicine, being a burden)",
    "https://afsp.org/risk-factors-protective-factors-and-warning-signs/",
)
LIFELINE_988_SIGNS = Source(
    "988 Suicide & Crisis Lifeline (SAMHSA): We can all prevent suicide -- know the signs",
    "https://988lifeline.org/how-we-can-all-prevent-suicide/",
)
SAMARITANS_WORRIED = Source(
    "Samaritans: If you're worried about someone else (signs someone may be struggling)",
    "https://www.samaritans.org/how-we-can-help/if-youre-worried-about-someone-else/",
)
PHQ9_ITEM9 = Source(
    "Simon et al., Does response on the PHQ-9 item 9 predict suicide attempt or death? (Psychiatric Services 2013)",
    "https://psychiatryonline.org/doi/full/10.1176/appi.ps.201200587",
)

NICE_CG151 = Source("NICE CG151: Neutropenic sepsis in people with cancer", "https://www.nice.org.uk/guidance/cg151")
NCI_INFECTION = Source(
    "NCI: Infection and Neutropenia during Cancer Treatment",
    "https://www.cancer.gov/about-cancer/treatment/side-effects/infection",
)
NHS_SEPSIS = Source("NHS: Sepsis", "https://www.nhs.uk/conditions/sepsis/")
UKONS_TRIAGE = Source(
    "UKONS Oncology/Haemato-oncology 24 Hour Triage Toolkit (UK acute-oncology hotline triage; "
    "many hotlines act below 38.0 C, e.g. at 37.5 C)",
    "https://ukacuteoncology.co.uk/information-hub/ao-guidelines/ukons-guidelines/ukons-24-hour-triage",
)
NICE_NG234 = Source(
    "NICE NG234: Spinal metastases and metastatic spinal cord compression (2023, replaces CG75)",
    "https://www.nice.org.uk/guidance/ng234",
)
CRUK_HIGH_CALCIUM = Source(
    "Cancer Research UK: High calcium levels in people with cancer",
    "https://www.cancerresearchuk.org/about-cancer/coping/physically/blood-calcium/high-calcium-people-cancer",
)
MARIE_CURIE_HYPERCALCAEMIA = Source(
    "Marie Curie: Hypercalcaemia (palliative care knowledge zone)",
    "https://mariecurie.org.uk/professionals/palliative-care-knowledge-zone/hypercalcaemia",
)
NHS_CONFUSION = Source("NHS: Sudden confusion (delirium)", "https://www.nhs.uk/conditions/confusion/")
NHS_STROKE = Source("NHS: Stroke symptoms", "https://www.nhs.uk/conditions/stroke/symptoms/")
NCI_BLEEDING = Source(
    "NCI: Bleeding and Bruising (Thrombocytopenia) and Cancer Treatment",
    "https://www.cancer.gov/about-cancer/treatment/side-effects/bleeding-bruising",
)
MARROW_INVOLVEMENT = Source(
    "Bone marrow metastasis in solid tumours: low blood counts (PMC10225181)",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC10225181/",
)
NHS_BREATHLESSNESS = Source("NHS: Shortness of breath", "https://www.nhs.uk/conditions/shortness-of-breath/")
NHS_CHEST_PAIN = Source("NHS: Chest pain", "https://www.nhs.uk/conditions/chest-pain/")
NCI_METASTATIC = Source(
    "NCI: Metastatic Cancer: When Cancer Spreads (bone pain, fractures)",
    "https://www.cancer.gov/types/metastatic-cancer",
)
NHS_FAINTING = Source("NHS: Fainting", "https://www.nhs.uk/conditions/fainting/")

# The crisis lines the replies give outside the US and UK (shared/clinical-safety.md, "Crisis lines"):
# each line's own public page, cited as a source of the crisis-lines reply (utter_crisis_lines).
CANADA_988 = Source("9-8-8: Suicide Crisis Helpline (Canada; call or text 9-8-8): About", "https://988.ca/about")
LIFELINE_AUSTRALIA = Source("Lifeline Australia (13 11 14; text 0477 13 11 14)", "https://www.lifeline.org.au/")
CRISIS_TEXT_LINE = Source("Crisis Text Line (US: text HOME to 741741)", "https://www.crisistextline.org/")
CRISIS_LINE_SOURCES = (CANADA_988, LIFELINE_AUSTRALIA, CRISIS_TEXT_LINE)

CRISIS_SOURCES = (NIMH_WARNING_SIGNS, NHS_SUICIDAL_THOUGHTS, PHQ9_ITEM9)
SELF_HARM_SOURCES = (NICE_NG225, NHS_SELF_HARM)
# Behavioural warning signs (preparing, saying goodbye, gathering the means, being a burden): the
# public lists of what to look out for. Rules about self-poisoning add NICE_NG225.
WARNING_SIGN_SOURCES = (NIMH_WARNING_SIGNS, AFSP_WARNING_SIGNS, LIFELINE_988_SIGNS, SAMARITANS_WORRIED)
