"""Our group types, access needs and ways in, as Open Referral taxonomies.

The filters a person sees on Find groups are terms of three small taxonomies that
Keepwell publishes through its ORUK API (`/api/oruk/taxonomies`). The mapping from
each filter to its term is written out here, once: a term's id is derived from its
taxonomy and code, so it never changes between servers or releases, and another
system reading our feed can rely on it. Listings imported from other feeds keep their
own taxonomies too; only terms in these three drive the filters.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

# Fixed namespace for Keepwell's own taxonomy ids (uuid5 of "keepwell-directory").
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://keepwell.example.org/directory")
TAXONOMY_URI = "https://keepwell.example.org/taxonomies/"


@dataclass(frozen=True)
class TaxonomyDefinition:
    code: str
    name: str  # English: taxonomies are data in the API, which is not translated
    description: str

    @cached_property
    def id(self) -> str:  # worked out once: every search card asks (issue 16)
        return str(uuid.uuid5(NAMESPACE, f"taxonomy/{self.code}"))

    @property
    def uri(self) -> str:
        return TAXONOMY_URI + self.code


@dataclass(frozen=True)
class Term:
    taxonomy: TaxonomyDefinition
    code: str
    name: str  # the term as published in the API
    label: LazyString  # what a person reads on the page, in their language
    icon: str = ""  # name of an inline SVG in groups/_icons.html (access needs only)

    @cached_property
    def id(self) -> str:  # worked out once: every search card asks (issue 16)
        return str(uuid.uuid5(NAMESPACE, f"term/{self.taxonomy.code}/{self.code}"))

    @property
    def description(self) -> str:
        return f"{self.name}: one of the {self.taxonomy.name}."

    @property
    def uri(self) -> str:
        return f"{self.taxonomy.uri}#{self.code}"


GROUP_TYPES = TaxonomyDefinition(
    "group-types", "Keepwell group types", "The kind of group or service, in plain words."
)
ACCESS = TaxonomyDefinition(
    "access-needs", "Keepwell access needs", "How a group meets people's access needs."
)
WAYS_IN = TaxonomyDefinition("ways-in", "Keepwell ways in", "How a person can start going.")
TAXONOMIES = (GROUP_TYPES, ACCESS, WAYS_IN)

TYPES = (
    Term(GROUP_TYPES, "peer-support", "Peer support", _l("Peer support")),
    Term(GROUP_TYPES, "befriending", "Befriending", _l("Befriending")),
    Term(GROUP_TYPES, "gardening-outdoors", "Gardening and outdoors", _l("Gardening and outdoors")),
    Term(GROUP_TYPES, "creative", "Creative", _l("Creative")),
    Term(GROUP_TYPES, "physical-activity", "Physical activity", _l("Physical activity")),
    Term(
        GROUP_TYPES,
        "employment-volunteering",
        "Employment and volunteering",
        _l("Employment and volunteering"),
    ),
    Term(
        GROUP_TYPES,
        "learning-recovery-college",
        "Learning and recovery college",
        _l("Learning and recovery college"),
    ),
    Term(
        GROUP_TYPES,
        "money-benefits-advice",
        "Money and benefits advice",
        _l("Money and benefits advice"),
    ),
    Term(GROUP_TYPES, "housing", "Housing", _l("Housing")),
    Term(GROUP_TYPES, "carers-support", "Carers' support", _l("Carers' support")),
    Term(GROUP_TYPES, "crisis-safe-haven", "Crisis and safe haven", _l("Crisis and safe haven")),
)

ACCESS_NEEDS = (
    Term(ACCESS, "bsl", "British Sign Language (BSL)", _l("BSL"), icon="hands"),
    Term(ACCESS, "wheelchair", "Wheelchair accessible", _l("Wheelchair access"), icon="wheelchair"),
    Term(ACCESS, "hearing-loop", "Hearing loop", _l("Hearing loop"), icon="ear"),
    Term(ACCESS, "women-only", "Women only", _l("Women only"), icon="person"),
    Term(ACCESS, "quiet-space", "Quiet space", _l("Quiet space"), icon="leaf"),
)

SELF_REFERRAL = Term(WAYS_IN, "self-referral", "Self-referral", _l("You can refer yourself"))
WAYS = (SELF_REFERRAL,)

ALL_TERMS = TYPES + ACCESS_NEEDS + WAYS
TERMS_BY_CODE = {term.code: term for term in ALL_TERMS}
TERMS_BY_ID = {term.id: term for term in ALL_TERMS}
TYPE_CODES = [term.code for term in TYPES]
ACCESS_CODES = [term.code for term in ACCESS_NEEDS]


def term_for(code: str) -> Term:
    return TERMS_BY_CODE[code]


def type_terms(term_ids: set[str]) -> list[Term]:
    return [term for term in TYPES if term.id in term_ids]


def access_terms(term_ids: set[str]) -> list[Term]:
    return [term for term in ACCESS_NEEDS if term.id in term_ids]
