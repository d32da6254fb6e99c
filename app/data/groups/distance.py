"""Distances on the Earth for searching near a place: the exact great-circle distance, and
a cheap box for an indexed first cut in SQL. Pure functions."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344


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
