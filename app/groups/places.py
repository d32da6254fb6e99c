"""Turning "Witney", "OX28" or "OX28 4AB" into a point, on this server.

The gazetteer (app/groups/data/gazetteer.csv.gz, see ATTRIBUTION.md there) lists UK
towns from GeoNames and postcode districts from Ordnance Survey Code-Point Open. No
outside geocoding service is ever asked: what a person types stays here.
"""

from __future__ import annotations

import csv
import difflib
import gzip
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent / "data" / "gazetteer.csv.gz"

# A full postcode ("OX28 4AB"), or a district alone ("OX28", "SW1A").
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})?$")


@dataclass(frozen=True)
class Place:
    name: str  # as people write it: "Witney", "OX28"
    county: str
    latitude: float
    longitude: float
    kind: str  # town | district

    @property
    def label(self) -> str:
        return f"{self.name}, {self.county}" if self.county else self.name


@dataclass(frozen=True)
class Lookup:
    place: Place | None
    suggestions: tuple[Place, ...] = ()


@dataclass
class Gazetteer:
    towns: dict[str, list[Place]]  # folded name -> places of that name, biggest first
    districts: dict[str, Place]

    def find(self, text: str) -> Lookup:
        query = " ".join(text.split())
        if not query:
            return Lookup(None)
        postcode = POSTCODE.match(query.upper())
        if postcode:
            district = self.districts.get(postcode.group(1))
            if district is not None:
                return Lookup(district)
            return Lookup(None, self._similar_districts(postcode.group(1)))
        name, _, county = (part.strip() for part in query.partition(","))
        places = self.towns.get(fold(name), [])
        if county:
            in_county = [p for p in places if fold(p.county).startswith(fold(county))]
            places = in_county or places
        if places:
            return Lookup(places[0], tuple(places[1:4]))
        return Lookup(None, self._similar_towns(name))

    def _similar_towns(self, name: str) -> tuple[Place, ...]:
        folded = fold(name)
        # Compare against names of a similar length only: fast, and the right shortlist.
        pool = [n for n in self.towns if abs(len(n) - len(folded)) <= 3]
        matches = difflib.get_close_matches(folded, pool, n=5, cutoff=0.72)
        return tuple(self.towns[match][0] for match in matches)

    def _similar_districts(self, district: str) -> tuple[Place, ...]:
        area = re.match(r"^[A-Z]+", district)
        prefix = area.group(0) if area else district
        same_area = [code for code in self.districts if re.match(rf"^{prefix}[0-9]", code)]
        matches = difflib.get_close_matches(district, same_area, n=5, cutoff=0.5)
        return tuple(self.districts[match] for match in matches)


def fold(text: str) -> str:
    """Case, accents, "St." and hyphens aside: "Stratford-upon-Avon" = "stratford upon avon"."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return re.sub(r"^st ", "saint ", text)


@cache
def gazetteer() -> Gazetteer:
    towns: dict[str, list[tuple[int, Place]]] = defaultdict(list)
    districts: dict[str, Place] = {}
    text = gzip.decompress(GAZETTEER.read_bytes()).decode()
    for row in csv.DictReader(io.StringIO(text)):
        place = Place(
            row["name"], row["county"], float(row["latitude"]), float(row["longitude"]), row["kind"]
        )
        if row["kind"] == "district":
            districts[row["name"]] = place
        else:
            towns[fold(row["name"])].append((int(row["weight"]), place))
    ranked = {
        name: [place for _weight, place in sorted(entries, key=lambda e: -e[0])]
        for name, entries in towns.items()
    }
    return Gazetteer(ranked, districts)


def find_place(text: str) -> Lookup:
    return gazetteer().find(text)
