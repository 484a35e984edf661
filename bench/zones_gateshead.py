"""A realistic zoning test instance on real geometry: writes ``tests/zones/data/gateshead_*.csv``.

Real (ONS, Open Government Licence v3.0, via ``bench/data/oa_gateshead.csv``): the 2011 output
areas of central Gateshead — the :data:`AREAS` areas nearest the children-weighted centre
of the borough — with their population-weighted centroids in British National Grid metres
(EPSG:27700) and their children aged 4-10. Made up here, by rules a person would use:

* :data:`SCHOOLS` schools at output-area centroids spread by k-means++ seeding weighted by
  children (seed :data:`SEED`), named 第1小学…;
* capacity: the children nearest each school times a factor drawn in [0.7, 1.3], rounded
  to 30 places (one class of 30 a year), scaled so all places are 1.03 × the children;
* 现学校 (today's zones): the nearest school in a straight line (a block whose nearest
  school's zone would not be connected goes to a neighbour's);
* 人工方案 (the "staff plan"): today's zones, then the hand fixes of
  :func:`bench.zones.staff_plan` — for each school over capacity, most over first, border
  blocks handed to the touching zone with most free places while every zone stays
  connected, at most :data:`EDITS` blocks.

    python -m bench.zones_gateshead     # rewrites the two files (deterministic)
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from bench.school_data import areas
from bench.zones import staff_plan
from junheng.zones.build import build_input
from junheng.zones.check import check_plan
from junheng.zones.io import Blocks, Schools

OUT = Path(__file__).resolve().parent.parent / "tests" / "zones" / "data"
AREAS, SCHOOLS, SEED, EDITS, SLACK = 240, 10, 7, 25, 1.03


def instance():
    """(area codes, BNG xy, children, school xy, capacity, today's school per area)."""
    import csv as _csv

    from bench.school_data import DATA

    with open(DATA / "oa_gateshead.csv", newline="") as f:
        codes = [r["oa11cd"] for r in _csv.DictReader(f)]
    xy, pupils = areas("gateshead")
    centre = (xy * pupils[:, None]).sum(0) / pupils.sum()
    keep = np.sort(np.argsort(((xy - centre) ** 2).sum(1), kind="stable")[:AREAS])
    codes, xy, pupils = [codes[i] for i in keep], xy[keep], pupils[keep]
    rng = np.random.default_rng(SEED)
    sites = [int(np.argmax(pupils))]
    near = ((xy - xy[sites[0]]) ** 2).sum(1)
    for _ in range(SCHOOLS - 1):
        weight = near * pupils
        sites.append(int(rng.choice(len(xy), p=weight / weight.sum())))
        near = np.minimum(near, ((xy - xy[sites[-1]]) ** 2).sum(1))
    school_xy = xy[sites]
    today = np.argmin(((xy[:, None, :] - school_xy[None]) ** 2).sum(-1), axis=1)
    base = np.bincount(today, weights=pupils, minlength=SCHOOLS) * rng.uniform(0.7, 1.3, SCHOOLS)
    capacity = np.maximum(np.round(base / 30) * 30, 90)
    capacity = np.round(capacity * SLACK * pupils.sum() / capacity.sum())
    return codes, xy, pupils, school_xy, capacity, today


def _degrees(xy):
    from pyproj import Transformer

    lon, lat = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform(
        xy[:, 0], xy[:, 1])
    return np.asarray(lon), np.asarray(lat)


def main() -> None:
    import shapely

    codes, xy, pupils, school_xy, capacity, today = instance()
    names = [f"第{s + 1}小学" for s in range(SCHOOLS)]
    lon, lat = _degrees(xy)
    slon, slat = _degrees(school_xy)
    blocks = Blocks(codes, list(shapely.points(lon, lat)), pupils, [names[s] for s in today])
    schools = Schools(names, slon, slat, capacity)
    problem = build_input(blocks, schools).problem
    broken = check_plan(problem, problem.current, codes, names)
    assert not broken, broken  # nearest-school zones of these areas are connected
    staff = staff_plan(problem, EDITS)
    assert not check_plan(problem, staff, codes, names)
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "gateshead_blocks.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["oa11cd", "x", "y", "children", "现学校", "人工方案"])
        for i, code in enumerate(codes):
            w.writerow([code, f"{xy[i, 0]:.0f}", f"{xy[i, 1]:.0f}", f"{pupils[i]:.0f}",
                        names[today[i]], names[staff[i]]])
    with (OUT / "gateshead_schools.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["学校", "x", "y", "学位"])
        for s, name in enumerate(names):
            w.writerow([name, f"{school_xy[s, 0]:.0f}", f"{school_xy[s, 1]:.0f}",
                        f"{capacity[s]:.0f}"])
    over = problem.over
    print(f"{AREAS} 个地块，{pupils.sum():,.0f} 名儿童，学位 {capacity.sum():,.0f}；"
          f"现状超员 {over(problem.current).sum():,.0f}，人工方案超员 {over(staff).sum():,.0f}，"
          f"调整 {problem.moved(staff):,.0f}")


if __name__ == "__main__":
    main()
