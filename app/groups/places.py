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
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent / "data" / "gazetteer.csv.gz"
EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344

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


# Distance ---------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance: exact enough for "how far is the group" at any UK range."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def bounding_box(latitude: float, longitude: float, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box holding every point within `radius_km`: a
    cheap indexed filter in SQL before the exact distance is worked out."""
    d_lat = math.degrees(radius_km / EARTH_RADIUS_KM)
    # Longitude degrees shrink towards the pole: size the box for its poleward edge.
    cos_lat = max(math.cos(math.radians(min(abs(latitude) + d_lat, 89.9))), 1e-6)
    d_lon = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    return BoundingBox(latitude - d_lat, latitude + d_lat, longitude - d_lon, longitude + d_lon)


def miles_to_km(miles: float) -> float:
    return miles * KM_PER_MILE


def km_to_miles(km: float) -> float:
    return km / KM_PER_MILE
