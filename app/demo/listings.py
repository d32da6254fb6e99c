"""Demo listings: the Oxfordshire organisations named in the Keeping People Well paper
(shared/seeds/000), with services like the ones it describes, in the real towns it
names. Every listing is marked "demo listing"; phone numbers are Ofcom's reserved drama
range (01632 960xxx), web addresses are example.org, and street addresses are left out
so no real building is named. They go in through the ORUK importer, like any feed.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import update

from app.data.database import db
from app.data.groups import taxonomy
from app.data.groups.models import Service
from app.groups.importer import DEMO_PUBLISHER, ImportReport, import_records
from app.groups.places import find_place, gazetteer

DEMO = uuid.uuid5(uuid.NAMESPACE_URL, "https://keepwell.example.org/demo-directory")

ORGANISATIONS = {
    "archway": (
        "Archway Foundation",
        "Befriending and social groups for people who feel isolated.",
    ),
    "bridewell": ("Bridewell Organic Gardens", "A therapeutic organic garden near Witney."),
    "occac": (
        "Oxfordshire Chinese Community and Advice Centre",
        "Advice and support for people from the Chinese community.",
    ),
    "mind": ("Oxfordshire Mind", "Community resource projects and groups across the county."),
    "survivors": (
        "Oxford Survivors",
        "A group run by and for people who use mental health services.",
    ),
    "restore": ("Restore", "Therapeutic work projects: gardening, crafts and a café."),
    "gemini": ("Rethink Gemini", "A day service supporting recovery in Oxford."),
    "rootbranch": ("Root and Branch", "A therapeutic gardening service near Faringdon."),
    "carers": ("Rethink Carers' Support Project", "Support for unpaid carers."),
}

# key, organisation, name, town, types, access, days, opens, closes, cost, languages, text
GROUPS: list[tuple[Any, ...]] = [
    (
        "archway-oxford",
        "archway",
        "Archway befriending",
        "Oxford",
        ["befriending"],
        ["wheelchair"],
        "WE",
        "14:00",
        "16:00",
        None,
        [],
        "A trained volunteer meets you each week for a chat, a walk or a cup of tea.",
    ),
    (
        "archway-abingdon",
        "archway",
        "Archway Friday social (Abingdon)",
        "Abingdon",
        ["befriending", "peer-support"],
        ["wheelchair", "hearing-loop"],
        "FR",
        "18:00",
        "20:00",
        None,
        [],
        "A relaxed evening social group: games, food and good company.",
    ),
    (
        "bridewell-garden",
        "bridewell",
        "Bridewell garden days",
        "Witney",
        ["gardening-outdoors"],
        [],
        "TU,TH",
        "10:00",
        "15:00",
        None,
        [],
        "Grow organic fruit and vegetables with others. Lunch is shared. No experience needed.",
    ),
    (
        "bridewell-women",
        "bridewell",
        "Bridewell women's garden day",
        "Witney",
        ["gardening-outdoors", "peer-support"],
        ["women-only", "quiet-space"],
        "WE",
        "10:00",
        "15:00",
        None,
        [],
        "A garden day for women only, with quiet corners when you need them.",
    ),
    (
        "occac-advice",
        "occac",
        "Chinese community advice and wellbeing",
        "Oxford",
        ["money-benefits-advice", "peer-support"],
        ["wheelchair"],
        "SA",
        "10:00",
        "13:00",
        None,
        [("yue", "Cantonese"), ("cmn", "Mandarin"), ("en", "English")],
        "Advice about money, benefits and housing, and a wellbeing group, "
        "in Cantonese and Mandarin.",
    ),
    (
        "mind-cowley",
        "mind",
        "Cowley community resource project",
        "Cowley",
        ["peer-support", "creative"],
        ["wheelchair", "hearing-loop"],
        "MO,WE",
        "10:00",
        "16:00",
        None,
        [],
        "Drop in for art, cooking, a chat and support to plan what keeps you well.",
    ),
    (
        "mind-banbury",
        "mind",
        "Banbury wellbeing drop-in",
        "Banbury",
        ["peer-support"],
        ["wheelchair"],
        "TU",
        "17:30",
        "19:30",
        None,
        [],
        "An evening drop-in for anyone who wants company and support.",
    ),
    (
        "mind-bicester",
        "mind",
        "Bicester walking group",
        "Bicester",
        ["physical-activity"],
        [],
        "SU",
        "10:30",
        "12:00",
        None,
        [],
        "A gentle Sunday walk of about an hour, at the pace of the slowest.",
    ),
    (
        "mind-didcot",
        "mind",
        "Didcot creative writing group",
        "Didcot",
        ["creative"],
        ["quiet-space"],
        "TH",
        "13:00",
        "15:00",
        None,
        [],
        "Write poems and stories with others. Nobody has to read out.",
    ),
    (
        "mind-wantage",
        "mind",
        "Wantage money and benefits advice",
        "Wantage",
        ["money-benefits-advice"],
        ["wheelchair"],
        "MO",
        "10:00",
        "12:00",
        None,
        [],
        "Help with benefits forms, debts and bills, by appointment or drop in.",
    ),
    (
        "mind-henley",
        "mind",
        "Henley peer support group",
        "Henley-on-Thames",
        ["peer-support"],
        ["hearing-loop"],
        "WE",
        "18:30",
        "20:00",
        None,
        [],
        "Meet people who understand. Share what helps, or just listen.",
    ),
    (
        "mind-wallingford",
        "mind",
        "Wallingford craft café",
        "Wallingford",
        ["creative"],
        ["wheelchair"],
        "SA",
        "11:00",
        "14:00",
        "£2 for materials",
        [],
        "Crafts, cake and conversation on Saturdays.",
    ),
    (
        "mind-thame",
        "mind",
        "Thame recovery college course",
        "Thame",
        ["learning-recovery-college"],
        ["wheelchair", "hearing-loop"],
        "TU",
        "10:00",
        "12:30",
        None,
        [],
        "Free short courses about recovery, written and taught with people who have been there.",
    ),
    (
        "mind-chipping",
        "mind",
        "Chipping Norton wellbeing group",
        "Chipping Norton",
        ["peer-support"],
        [],
        "TH",
        "14:00",
        "16:00",
        None,
        [],
        "A small friendly group for the north of the county.",
    ),
    (
        "mind-carterton",
        "mind",
        "Carterton wellbeing walk",
        "Carterton",
        ["physical-activity"],
        [],
        "SA",
        "09:30",
        "11:00",
        None,
        [],
        "A Saturday morning walk with a café stop.",
    ),
    (
        "mind-kidlington",
        "mind",
        "Kidlington community resource project",
        "Kidlington",
        ["peer-support", "employment-volunteering"],
        ["wheelchair"],
        "FR",
        "10:00",
        "15:00",
        None,
        [],
        "Support, activities and help to find volunteering that suits you.",
    ),
    (
        "mind-bsl",
        "mind",
        "Deaf wellbeing group (BSL)",
        "Oxford",
        ["peer-support"],
        ["bsl", "hearing-loop", "wheelchair"],
        "TH",
        "18:00",
        "20:00",
        None,
        [("bfi", "British Sign Language")],
        "A peer support group for Deaf people, in BSL.",
    ),
    (
        "mind-safe-haven",
        "mind",
        "Oxford safe haven",
        "Oxford",
        ["crisis-safe-haven"],
        ["wheelchair", "quiet-space"],
        "FR,SA,SU,MO",
        "18:00",
        "23:00",
        None,
        [],
        "A calm place to go in the evening if you are struggling. No appointment needed.",
    ),
    (
        "survivors-evening",
        "survivors",
        "Oxford Survivors evening group",
        "Oxford",
        ["peer-support"],
        ["wheelchair"],
        "TU",
        "18:00",
        "20:00",
        None,
        [],
        "Run by people with lived experience. Talk, plan campaigns, or just have a cup of tea.",
    ),
    (
        "restore-beehive",
        "restore",
        "Restore Beehive",
        "Oxford",
        ["employment-volunteering", "creative"],
        ["wheelchair"],
        "MO,TU,WE,TH",
        "09:30",
        "15:30",
        None,
        [],
        "Work-like days in crafts and a café, building confidence and skills.",
    ),
    (
        "restore-elder-stubbs",
        "restore",
        "Restore Elder Stubbs garden",
        "Cowley",
        ["gardening-outdoors", "employment-volunteering"],
        [],
        "TU,WE,TH",
        "09:30",
        "15:30",
        None,
        [],
        "A large allotment garden project in east Oxford.",
    ),
    (
        "restore-fleet-meadow",
        "restore",
        "Restore Fleet Meadow",
        "Didcot",
        ["gardening-outdoors"],
        [],
        "MO,WE",
        "10:00",
        "15:00",
        None,
        [],
        "A community garden near Didcot with polytunnels and a woodland walk.",
    ),
    (
        "gemini-day",
        "gemini",
        "Gemini recovery days",
        "Oxford",
        ["peer-support", "learning-recovery-college"],
        ["wheelchair", "quiet-space"],
        "MO,WE,FR",
        "10:00",
        "15:00",
        None,
        [],
        "Groups and one-to-one support to plan your recovery.",
    ),
    (
        "root-branch",
        "rootbranch",
        "Root and Branch garden",
        "Faringdon",
        ["gardening-outdoors"],
        [],
        "WE,FR",
        "10:00",
        "15:00",
        None,
        [],
        "Therapeutic gardening in a walled garden near Faringdon.",
    ),
    (
        "carers-group",
        "carers",
        "Carers' support evening",
        "Oxford",
        ["carers-support"],
        ["wheelchair", "hearing-loop"],
        "TH",
        "18:30",
        "20:30",
        None,
        [],
        "For family and friends who care for someone. "
        "Share, rest, and find out what help there is.",
    ),
]


def _id(*parts: str) -> str:
    return str(uuid.uuid5(DEMO, "/".join(parts)))


def demo_records() -> list[dict[str, Any]]:
    return [_record(*group) for group in GROUPS]


def _record(
    key: str,
    org: str,
    name: str,
    town: str,
    types: list[str],
    access: list[str],
    days: str,
    opens: str,
    closes: str,
    cost: str | None,
    languages: list[tuple[str, str]],
    text: str,
) -> dict[str, Any]:
    place = find_place(town).place
    assert place is not None, town
    org_name, org_text = ORGANISATIONS[org]
    codes = [*types, *access, taxonomy.SELF_REFERRAL.code]
    return {
        "id": _id("service", key),
        "name": name,
        "description": text,
        "url": f"https://{org}.example.org/{key}",
        "email": f"hello@{org}.example.org",
        "status": "active",
        "application_process": "You can just turn up, or ring first if you would like to.",
        "eligibility_description": "Adults (18 and over) in Oxfordshire.",
        "minimum_age": 18,
        # One listing was last checked long ago, so the manager's "needs checking" shows.
        "assured_date": str(date.today() - timedelta(days=240 if key == "mind-chipping" else 30)),
        "organization": {
            "id": _id("org", org),
            "name": org_name,
            "description": org_text,
            "website": f"https://{org}.example.org",
        },
        "service_at_locations": [
            {
                "id": _id("sal", key),
                "location": {
                    "id": _id("location", key),
                    "location_type": "physical",
                    "name": f"{town} (demo location)",
                    "latitude": round(place.latitude + 0.002, 5),
                    "longitude": round(place.longitude - 0.002, 5),
                    "transportation": "Buses stop nearby. Ask the group for directions.",
                    "addresses": [
                        {
                            "id": _id("address", key),
                            "address_1": f"Demo address, {town}",
                            "city": town,
                            "state_province": place.county or "Oxfordshire",
                            "postal_code": _nearest_district(place.latitude, place.longitude),
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": _id("schedule", key),
                "freq": "WEEKLY",
                "interval": 1,
                "byday": days,
                "opens_at": opens,
                "closes_at": closes,
            }
        ],
        "attributes": [
            {"id": _id("attribute", key, code), "taxonomy_term": _term(code)} for code in codes
        ],
        "phones": [
            {"id": _id("phone", key), "number": f"01632 960{GROUPS.index(_group(key)) + 100:03d}"}
        ],
        "cost_options": [
            {"id": _id("cost", key), "option": cost, "currency": "GBP"}
            if cost
            else {"id": _id("cost", key), "option": "Free", "amount": 0, "currency": "GBP"}
        ],
        "languages": [
            {"id": _id("language", key, code), "code": code, "name": lang}
            for code, lang in (languages or [("en", "English")])
        ],
    }


def _group(key: str) -> tuple[Any, ...]:
    return next(group for group in GROUPS if group[0] == key)


def _term(code: str) -> dict[str, Any]:
    term = taxonomy.term_for(code)
    return {
        "id": term.id,
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": term.taxonomy.name,
        "taxonomy_id": term.taxonomy.id,
        "taxonomy_detail": {
            "id": term.taxonomy.id,
            "name": term.taxonomy.name,
            "description": term.taxonomy.description,
        },
    }


def _nearest_district(latitude: float, longitude: float) -> str:
    """The postcode district nearest the demo place (a district, never a full postcode)."""
    districts = gazetteer().districts.values()
    return min(
        districts, key=lambda d: (d.latitude - latitude) ** 2 + (d.longitude - longitude) ** 2
    ).name


def load_demo_directory() -> ImportReport:
    """Load (or reload) the demo listings; the same ids each time, so no duplicates."""
    report = import_records(demo_records(), publisher=DEMO_PUBLISHER, demo=True)
    ids = [_id("service", group[0]) for group in GROUPS]
    db.session.execute(update(Service).where(Service.id.in_(ids)).values(is_demo=True))
    db.session.commit()
    return report
