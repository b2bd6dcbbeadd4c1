"""Named public sources that replies cite, with stable links.

Entries in knowledge.yml list source ids (``sources:``); the renderer shows the
organisation and the link. Links are section or topic pages of each
organisation (stable), never deep article paths that move often. Internal
provenance (seed-article sections, review notes) lives in other fields and is
never rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping, Tuple

__all__ = ["PublicSource", "SOURCES", "resolve"]


@dataclass(frozen=True)
class PublicSource:
    """A public organisation's page: who says it, and where to read it."""

    name: str
    url: str

    def cite(self) -> str:
        """How the source appears in a reply."""
        return f"{self.name} ({self.url})"


_NCI = "U.S. National Cancer Institute"
_ACS = "American Cancer Society"
_NHS = "NHS"

SOURCES: Mapping[str, PublicSource] = MappingProxyType(
    {
        # US National Cancer Institute
        "nci_breast": PublicSource(f"{_NCI}: breast cancer", "https://www.cancer.gov/types/breast"),
        "nci_metastatic": PublicSource(f"{_NCI}: metastatic cancer", "https://www.cancer.gov/types/metastatic-cancer"),
        "nci_side_effects": PublicSource(
            f"{_NCI}: side effects of treatment", "https://www.cancer.gov/about-cancer/treatment/side-effects"
        ),
        "nci_treatment": PublicSource(
            f"{_NCI}: types of treatment", "https://www.cancer.gov/about-cancer/treatment/types"
        ),
        "nci_chemotherapy": PublicSource(
            f"{_NCI}: chemotherapy", "https://www.cancer.gov/about-cancer/treatment/types/chemotherapy"
        ),
        "nci_hormone": PublicSource(
            f"{_NCI}: hormone therapy", "https://www.cancer.gov/about-cancer/treatment/types/hormone-therapy"
        ),
        "nci_immunotherapy": PublicSource(
            f"{_NCI}: immunotherapy", "https://www.cancer.gov/about-cancer/treatment/types/immunotherapy"
        ),
        "nci_targeted": PublicSource(
            f"{_NCI}: targeted therapy", "https://www.cancer.gov/about-cancer/treatment/types/targeted-therapies"
        ),
        "nci_diagnosis": PublicSource(
            f"{_NCI}: diagnosis and tests", "https://www.cancer.gov/about-cancer/diagnosis-staging"
        ),
        "nci_tumor_markers": PublicSource(
            f"{_NCI}: tumor markers",
            "https://www.cancer.gov/about-cancer/diagnosis-staging/diagnosis/tumor-markers-fact-sheet",
        ),
        "nci_trials": PublicSource(
            f"{_NCI}: clinical trials", "https://www.cancer.gov/about-cancer/treatment/clinical-trials"
        ),
        "nci_coping": PublicSource(f"{_NCI}: coping with cancer", "https://www.cancer.gov/about-cancer/coping"),
        "nci_advanced": PublicSource(f"{_NCI}: advanced cancer", "https://www.cancer.gov/about-cancer/advanced-cancer"),
        # American Cancer Society and ASCO (Cancer.Net)
        "acs_breast": PublicSource(f"{_ACS}: breast cancer", "https://www.cancer.org/cancer/types/breast-cancer.html"),
        "asco_mbc": PublicSource(
            "Cancer.Net, from ASCO: metastatic breast cancer",
            "https://www.cancer.net/cancer-types/breast-cancer-metastatic",
        ),
        # UK
        "nhs_breast": PublicSource(f"{_NHS}: breast cancer", "https://www.nhs.uk/conditions/breast-cancer/"),
        "nhs_breast_men": PublicSource(
            f"{_NHS}: breast cancer in men", "https://www.nhs.uk/conditions/breast-cancer-in-men/"
        ),
        "nhs_sepsis": PublicSource(f"{_NHS}: sepsis", "https://www.nhs.uk/conditions/sepsis/"),
        "nhs_chemotherapy": PublicSource(f"{_NHS}: chemotherapy", "https://www.nhs.uk/conditions/chemotherapy/"),
        "nhs_biopsy": PublicSource(f"{_NHS}: biopsy", "https://www.nhs.uk/conditions/biopsy/"),
        "nhs_blood_tests": PublicSource(f"{_NHS}: blood tests", "https://www.nhs.uk/conditions/blood-tests/"),
        "nhs_mri": PublicSource(f"{_NHS}: MRI scan", "https://www.nhs.uk/conditions/mri-scan/"),
        "nhs_ct": PublicSource(f"{_NHS}: CT scan", "https://www.nhs.uk/conditions/ct-scan/"),
        "nhs_pet": PublicSource(f"{_NHS}: PET scan", "https://www.nhs.uk/conditions/pet-scan/"),
        "nhs_trials": PublicSource(f"{_NHS}: clinical trials", "https://www.nhs.uk/conditions/clinical-trials/"),
        "nhs_end_of_life": PublicSource(
            f"{_NHS}: end of life and palliative care", "https://www.nhs.uk/conditions/end-of-life-care/"
        ),
        "cruk_breast": PublicSource(
            "Cancer Research UK: breast cancer", "https://www.cancerresearchuk.org/about-cancer/breast-cancer"
        ),
        "macmillan": PublicSource("Macmillan Cancer Support", "https://www.macmillan.org.uk/"),
        "macmillan_breast": PublicSource(
            "Macmillan Cancer Support: breast cancer",
            "https://www.macmillan.org.uk/cancer-information-and-support/breast-cancer",
        ),
        "macmillan_treatments": PublicSource(
            "Macmillan Cancer Support: treatments and drugs",
            "https://www.macmillan.org.uk/cancer-information-and-support/treatments-and-drugs",
        ),
        "bcn": PublicSource("Breast Cancer Now", "https://breastcancernow.org/"),
        "bcn_bone": PublicSource(
            "Breast Cancer Now: secondary breast cancer in the bone",
            "https://breastcancernow.org/information-support/facing-breast-cancer/secondary-metastatic-breast-cancer/"
            "secondary-metastatic-breast-cancer-in-bone",
        ),
        "nice_mscc": PublicSource(
            "NICE guideline NG234, which replaced CG75: spinal cord compression",
            "https://www.nice.org.uk/guidance/ng234",
        ),
        "nice_neutropenic_sepsis": PublicSource(
            "NICE guideline CG151: neutropenic sepsis", "https://www.nice.org.uk/guidance/cg151"
        ),
        # Medicine labels
        "fda_labels": PublicSource(
            "U.S. FDA: medicine labels, Drugs@FDA", "https://www.accessdata.fda.gov/scripts/cder/daf/"
        ),
        "dailymed": PublicSource(
            "DailyMed, U.S. National Library of Medicine: medicine labels", "https://dailymed.nlm.nih.gov/dailymed/"
        ),
        "fda_cdk46_lung": PublicSource(
            "U.S. FDA 2019 safety warning: lung inflammation with CDK4/6 inhibitors",
            "https://www.fda.gov/drugs/drug-safety-and-availability/"
            "fda-warns-about-rare-severe-lung-inflammation-ibrance-kisqali-and-verzenio-breast-cancer",
        ),
        # --- added with the issue 18 gap topics (biopsy aftercare, bone and supportive care,
        # newer medicines, fertility, brain spread, helplines, trial finders)
        "nci_biomarker_testing": PublicSource(
            f"{_NCI}: biomarker testing for cancer treatment",
            "https://www.cancer.gov/about-cancer/treatment/types/biomarker-testing-cancer-treatment",
        ),
        "nci_breast_drugs": PublicSource(
            f"{_NCI}: drugs approved for breast cancer", "https://www.cancer.gov/about-cancer/treatment/drugs/breast"
        ),
        "nci_hormone_breast": PublicSource(
            f"{_NCI}: hormone therapy for breast cancer",
            "https://www.cancer.gov/types/breast/breast-hormone-therapy-fact-sheet",
        ),
        "nci_radiation": PublicSource(
            f"{_NCI}: radiation therapy", "https://www.cancer.gov/about-cancer/treatment/types/radiation-therapy"
        ),
        "nci_surgery": PublicSource(f"{_NCI}: surgery", "https://www.cancer.gov/about-cancer/treatment/types/surgery"),
        "nci_pain": PublicSource(
            f"{_NCI}: cancer pain", "https://www.cancer.gov/about-cancer/treatment/side-effects/pain"
        ),
        "nci_anemia": PublicSource(
            f"{_NCI}: anemia", "https://www.cancer.gov/about-cancer/treatment/side-effects/anemia"
        ),
        "nci_bleeding": PublicSource(
            f"{_NCI}: bleeding and bruising",
            "https://www.cancer.gov/about-cancer/treatment/side-effects/bleeding-bruising",
        ),
        "nci_infection": PublicSource(
            f"{_NCI}: infection and neutropenia", "https://www.cancer.gov/about-cancer/treatment/side-effects/infection"
        ),
        "nci_fertility_women": PublicSource(
            f"{_NCI}: fertility issues in women with cancer",
            "https://www.cancer.gov/about-cancer/treatment/side-effects/fertility-women",
        ),
        "nci_fertility_men": PublicSource(
            f"{_NCI}: fertility issues in men with cancer",
            "https://www.cancer.gov/about-cancer/treatment/side-effects/fertility-men",
        ),
        "nci_contact": PublicSource(
            f"{_NCI}: Cancer Information Service, 1-800-4-CANCER", "https://www.cancer.gov/contact"
        ),
        "nci_trial_search": PublicSource(
            f"{_NCI}: find a clinical trial", "https://www.cancer.gov/research/participate/clinical-trials-search"
        ),
        "medlineplus_bone_marrow": PublicSource(
            "MedlinePlus, U.S. National Library of Medicine: bone marrow tests",
            "https://medlineplus.gov/lab-tests/bone-marrow-tests/",
        ),
        "clinicaltrials_gov": PublicSource(
            "ClinicalTrials.gov, U.S. National Library of Medicine", "https://clinicaltrials.gov/"
        ),
        "acs_home": PublicSource(f"{_ACS}: helpline 1-800-227-2345", "https://www.cancer.org/"),
        "nhs_brain_tumours": PublicSource(f"{_NHS}: brain tumours", "https://www.nhs.uk/conditions/brain-tumours/"),
        "nhs_radiotherapy": PublicSource(
            f"{_NHS}: radiotherapy", "https://www.nhs.uk/tests-and-treatments/radiotherapy/"
        ),
        "nhs_transfusion": PublicSource(
            f"{_NHS}: blood transfusion", "https://www.nhs.uk/conditions/blood-transfusion/"
        ),
        "nice_advanced_breast": PublicSource(
            "NICE guideline CG81: advanced breast cancer", "https://www.nice.org.uk/guidance/cg81"
        ),
        "nice_brain_mets": PublicSource(
            "NICE guideline NG99: brain tumours and brain metastases", "https://www.nice.org.uk/guidance/ng99"
        ),
        "nice_fertility": PublicSource(
            "NICE guideline CG156: fertility problems, including people with cancer",
            "https://www.nice.org.uk/guidance/cg156",
        ),
        "cruk_bone_marrow_test": PublicSource(
            "Cancer Research UK: bone marrow test",
            "https://www.cancerresearchuk.org/about-cancer/tests-and-scans/bone-marrow-test",
        ),
        "cruk_drugs": PublicSource(
            "Cancer Research UK: cancer drugs A to Z", "https://www.cancerresearchuk.org/about-cancer/treatment/drugs"
        ),
        "cruk_trial_finder": PublicSource(
            "Cancer Research UK: find a clinical trial",
            "https://www.cancerresearchuk.org/about-cancer/find-a-clinical-trial",
        ),
        "cancer_council": PublicSource("Cancer Council Australia: helpline 13 11 20", "https://www.cancer.org.au/"),
        "australian_cancer_trials": PublicSource(
            "Australian Cancer Trials, Cancer Australia", "https://www.australiancancertrials.gov.au/"
        ),
        "canadian_cancer_society": PublicSource(
            "Canadian Cancer Society: helpline 1-888-939-3333", "https://cancer.ca/"
        ),
    }
)


def resolve(ids: Iterable[str]) -> Tuple[PublicSource, ...]:
    """The sources for ``ids``, in order; KeyError names an unknown id."""
    found = []
    for source_id in ids:
        try:
            found.append(SOURCES[source_id])
        except KeyError:
            raise KeyError(f"unknown public source {source_id!r}; add it to bot/content/sources.py") from None
    return tuple(found)
