"""A real boundary study, for development only: Baltimore County Public Schools, south-west
area elementary redistricting, 2015 (https://github.com/mattmck/bcps-sw-redistricting,
``angular-app/public/assets``). The repository has no licence, so nothing of it is copied
here: give the folder of a local copy.

Blocks: ``151111.geo.json`` (182 planning blocks, polygons in CRS84; ``PBID``, ``K5LiveAtt``
= K-5 pupils living there, ``ES1516`` = today's school, the staff options ``OptA``–``OptL``,
``Opt1``–``Opt3``). Schools: the 11 elementary schools of ``schoolLocations.geo.json`` with
their state rated capacity ``SRC``; as the study's app does, "Edmonson Heights ES" is
Edmondson Heights ES and Catonsville ES is the new building (``NewCatonsville ES``, 715
places), and the 2016 capacities of Westchester (699) and Westowne (650) apply.

    python -m bench.zones_bcps DIR [--time-limit 20] [--staff OptA,OptB]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

OPTIONS = "OptA,OptB,OptC,OptD,OptE,OptF,OptG,OptH,OptI,OptJ,OptK,OptL,Opt1,Opt2,Opt3"
RENAMED = {"Edmonson Heights ES": "Edmondson Heights ES", "NewCatonsville ES": "Catonsville ES"}
CAPACITY_2016 = {"Catonsville ES": 715, "Westchester ES": 699, "Westowne ES": 650}


def schools_csv(folder: Path, blocks: Path, out: Path) -> Path:
    """The schools of today's zones, with the capacities of the module docstring."""
    wanted = {f["properties"]["ES1516"] for f in json.loads(blocks.read_text())["features"]}
    lines = ["school,lon,lat,capacity"]
    for f in json.loads((folder / "schoolLocations.geo.json").read_text())["features"]:
        p = f["properties"]
        name = RENAMED.get(p["NAME"], p["NAME"])
        if p["TYPE"] == "ES" and name in wanted and p["NAME"] != "Old Catonsville ES":
            lon, lat = f["geometry"]["coordinates"]
            lines.append(f"{name},{lon:.6f},{lat:.6f},{CAPACITY_2016.get(name, int(p['SRC']))}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main() -> None:
    from junheng.jobs.zones import ZoneFiles, run_zones_from_files

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--staff", default=OPTIONS)
    args = parser.parse_args()
    blocks = args.folder / "151111.geo.json"
    with tempfile.TemporaryDirectory() as tmp:
        schools = schools_csv(args.folder, blocks, Path(tmp) / "schools.csv")
        files = ZoneFiles(blocks, schools, current_field="ES1516", pupils_field="K5LiveAtt",
                          staff_fields=tuple(args.staff.split(",")), id_field="PBID")
        run = run_zones_from_files(files, Path(tmp) / "out", time_limit=args.time_limit)
    print("| staff option | staff over / moved | ours over / moved | gap |")
    print("|---|---|---|---|")
    for c in run.comparisons:
        row = c.row()
        print(f"| {c.name} | {row['人工方案超员']:,} / {row['人工方案调整学区']:,} | "
              f"{row['本方案超员']} / {row['本方案调整学区']} | {row['最优性差距']} |")


if __name__ == "__main__":
    main()
