"""Build the packaged region registry from Statistics Finland's classification.

Inputs (this folder and the package):

* ``_raw_municipalities.tsv``: every municipality of 2025 (292 mainland + 16 Åland) with the
  official employment area (työllisyysalue 1-45, 46 = Åland), wellbeing services county
  (1-21, 90 Helsinki, 91 Åland), region (maakunta), sub-region (seutukunta) and language
  group (kielisuhde) codes and fi/sv/en names, and Pertunmaa (588), a municipality of 2024
  only. Written from the geofi municipality key with ``--from-geofi KEY_2025.csv``.
* ``src/vaikuttavuus/opendata/data/statfin_vaerak_11ra_2025_municipalities.json``:
  population 31.12.2025 (table 11ra), the population of the 2025 registry.
* ``geofi_sotkadata_population_2000_2022.csv`` (``--sotkanet``): population 31.12.2022
  (THL Sotkanet indicator 127) for the 2024 division (no later per-municipality table of
  the 2024 division is at hand).

Output: ``src/vaikuttavuus/regions/data/<year>/{counties,areas,municipalities,sources}.csv``
for 2025 (292 municipalities, valid from 1.1.2025; the 2026 key has the same memberships)
and 2024 (293 municipalities: Pertunmaa separate, placed in the area and county of
Mäntyharju, into which it merged on 1.1.2025).

    python data/regions/build_registry.py            # rebuild the packaged CSVs
    python data/regions/build_registry.py --from-geofi KEY_2025.csv   # rewrite the TSV
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RAW = HERE / "_raw_municipalities.tsv"
OUT = ROOT / "src" / "vaikuttavuus" / "regions" / "data"
POPULATION_11RA = (
    ROOT
    / "src"
    / "vaikuttavuus"
    / "opendata"
    / "data"
    / "statfin_vaerak_11ra_2025_municipalities.json"
)
SOTKANET_2022 = HERE / "_sotkanet_population_2022.tsv"

GEOFI = "rOpenGov/geofi"
GEOFI_2025 = "a2fa3e3d618a36b97e61c98cf85496bd225068d0"
GEOFI_SOTKA = "18c8c7fa27d5f445823e95a76dd7a270f4d9fd21"
MAPS_11RA = "1dccc323f4f1bcc94f30ec8cf172888777e0bb8b"

SOURCES = [
    (
        "statfi_class_2025",
        "Statistics Finland classification service, municipalities 2025 (kunta_1_20250101) with "
        "the correspondences to employment areas (tyollisyysalue_1_20250101), wellbeing "
        "services counties (hyvinvointialue), regions, sub-regions and language groups "
        "(kielisuhde); retrieved via rOpenGov/geofi data/municipality_key_2025.rda, commit "
        f"{GEOFI_2025}; licence CC BY 4.0",
        f"https://github.com/{GEOFI}/blob/{GEOFI_2025}/data/municipality_key_2025.rda",
    ),
    (
        "statfin_11ra_2025",
        "Statistics Finland, table 11ra (Väestörakenne), population 31.12.2025 by municipality "
        "(1.1.2026 division); retrieved via OskarWestmeijer/maps "
        f"static/data/age_register_kunnat_11ra.json, commit {MAPS_11RA}; licence CC BY 4.0",
        "https://pxdata.stat.fi/PxWeb/pxweb/fi/StatFin/StatFin__vaerak/statfin_vaerak_pxt_11ra.px/",
    ),
    (
        "merger_2025_pertunmaa",
        "Municipal division 1.1.2025: Pertunmaa (588) merged into Mäntyharju (507) "
        "(Statistics Finland classification kunta_1_20250101); in the 2024 registry Pertunmaa "
        "is placed in the employment area and wellbeing county of Mäntyharju, as Statistics "
        "Finland applies the current division to older data",
        "https://www.stat.fi/fi/luokitukset/kunta/",
    ),
    (
        "sotkanet_127_2022",
        "THL Sotkanet indicator 127, population 31.12.2022 by municipality (2024 division); "
        f"retrieved via rOpenGov/geofi data/sotkadata_population.rda, commit {GEOFI_SOTKA}; "
        "licence CC BY 4.0",
        "https://sotkanet.fi/sotkanet/fi/metadata/indicators/127",
    ),
]
LANGUAGE = {"0": "fi", "1": "fi,sv", "2": "sv", "3": "sv,fi"}
RAW_COLUMNS = (
    "code name_fi name_sv name_en area area_name_fi area_name_sv area_name_en county "
    "county_name_fi county_name_sv county_name_en maakunta seutukunta kielisuhde years"
).split()
GEOFI_COLUMNS = (
    "kunta_code municipality_name_fi municipality_name_sv municipality_name_en "
    "tyollisyysalue_code tyollisyysalue_name_fi tyollisyysalue_name_sv tyollisyysalue_name_en "
    "hyvinvointialue_code hyvinvointialue_name_fi hyvinvointialue_name_sv "
    "hyvinvointialue_name_en maakunta_code seutukunta_code kielisuhde_code"
).split()
PERTUNMAA = ["588", "Pertunmaa", "Pertunmaa", "Pertunmaa"]


def raw_from_geofi(key_csv: Path, sotkanet_csv: Path | None) -> None:
    """Rewrite the TSV (and the 2022 population of the 2024 division) from geofi files."""
    with key_csv.open(encoding="utf-8") as fh:
        rows = [[r[c] for c in GEOFI_COLUMNS] + ["2024-"] for r in csv.DictReader(fh)]
    manty = next(r for r in rows if r[0] == "507")
    rows.append(PERTUNMAA + manty[4:15] + ["2024"])
    rows.sort(key=lambda r: r[0])
    with RAW.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(RAW_COLUMNS)
        w.writerows(rows)
    if sotkanet_csv is not None:
        with sotkanet_csv.open(encoding="utf-8") as fh:
            pop = {
                r["kunta_code"]: r["primary.value"]
                for r in csv.DictReader(fh)
                if r["year"] == "2022"
            }
        with SOTKANET_2022.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["code", "population_2022"])
            w.writerows(sorted(pop.items()))


def _read_raw() -> list[dict[str, str]]:
    with RAW.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _population_11ra() -> dict[str, int]:
    data = json.loads(POPULATION_11RA.read_text(encoding="utf-8"))
    return {
        d["key"][0][2:]: int(d["values"][0]) for d in data["data"] if d["key"][0].startswith("KU")
    }


def _population_2022() -> dict[str, int]:
    with SOTKANET_2022.open(encoding="utf-8") as fh:
        return {r["code"]: int(r["population_2022"]) for r in csv.DictReader(fh, delimiter="\t")}


def tables(year: int) -> dict[str, list[list[str]]]:
    """The four CSV tables of one registry year (2024 or 2025) as rows with a header."""
    raw = [r for r in _read_raw() if r["area"] != "46"]  # Åland: outside both reforms
    if year == 2024:
        members = [r for r in raw if r["years"] in ("2024", "2024-")]
        pop, pop_year, pop_src = _population_2022(), "2022", "sotkanet_127_2022"
    else:
        members = [r for r in raw if r["years"] == "2024-"]
        pop, pop_year, pop_src = _population_11ra(), "2025", "statfin_11ra_2025"
    munis = [
        "code name_fi name_sv name_en county_code area_code maakunta_code seutukunta_code "
        "population population_year language source".split()
    ]
    for r in members:
        src = ["statfi_class_2025", pop_src]
        if r["code"] == "588":
            src.insert(1, "merger_2025_pertunmaa")
        munis.append(
            [
                r["code"],
                r["name_fi"],
                r["name_sv"],
                r["name_en"],
                r["county"].zfill(2),
                f"TA{int(r['area']):02d}",
                r["maakunta"].zfill(2),
                r["seutukunta"].zfill(3),
                str(pop[r["code"]]),
                pop_year,
                LANGUAGE[r["kielisuhde"]],
                ";".join(src),
            ]
        )
    areas: dict[str, list[str]] = {}
    counties: dict[str, list[str]] = {}
    area_counties: dict[str, set[str]] = {}
    for r in members:
        code = f"TA{int(r['area']):02d}"
        areas[code] = [code, r["area_name_fi"], r["area_name_sv"], r["area_name_en"]]
        area_counties.setdefault(code, set()).add(r["county"].zfill(2))
        cc = r["county"].zfill(2)
        counties[cc] = [cc, r["county_name_fi"], r["county_name_sv"], r["county_name_en"]]
    area_rows = [
        [*areas[a], ";".join(sorted(area_counties[a])), "statfi_class_2025"] for a in sorted(areas)
    ]
    county_rows = [[*counties[c], "statfi_class_2025"] for c in sorted(counties)]
    used = {k for row in munis[1:] for k in row[-1].split(";")}
    return {
        "counties.csv": [["code", "name_fi", "name_sv", "name_en", "source"], *county_rows],
        "areas.csv": [
            ["area_code", "name_fi", "name_sv", "name_en", "county_codes", "source"],
            *area_rows,
        ],
        "municipalities.csv": munis,
        "sources.csv": [["key", "description", "url"]] + [list(s) for s in SOURCES if s[0] in used],
    }


def outside_rows() -> list[list[str]]:
    """Åland's municipalities: in the snapshots, outside both reforms (area 46, county 91)."""
    rows = [["code", "name_fi", "name_sv", "reason"]]
    for r in _read_raw():
        if r["area"] == "46":
            rows.append([r["code"], r["name_fi"], r["name_sv"], "Åland (area 46, county 91)"])
    return rows


def write(out: Path = OUT) -> list[Path]:
    """Write every registry year and the Åland list below ``out``; return the paths."""
    written = []
    for year in (2024, 2025):
        folder = out / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in tables(year).items():
            path = folder / name
            with path.open("w", encoding="utf-8", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerows(rows)
            written.append(path)
    path = out / "outside_reform.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(outside_rows())
    written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-geofi", type=Path, help="geofi municipality key 2025 CSV")
    parser.add_argument("--sotkanet", type=Path, help="geofi sotkadata population CSV")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.from_geofi:
        raw_from_geofi(args.from_geofi, args.sotkanet)
    for path in write(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
