"""End to end on a realistic instance: 240 real Gateshead output areas (ONS, OGL v3.0) in
British National Grid metres, with schools, today's nearest-school zones and a hand-fixed
staff plan made by the rules of ``bench/zones_gateshead.py`` (see tests/zones/data/README.md).
The staff plan puts 27 pupils over capacity and moves 160 (worked out by the generator and
checked below from the files); the planner must do better on both."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from cli_run import invoke

DATA = Path(__file__).parent / "data"


def _staff_figures():
    """Pupils over capacity and moved under the staff plan, from the files alone."""
    with (DATA / "gateshead_schools.csv").open(encoding="utf-8") as f:
        capacity = {r["学校"]: float(r["学位"]) for r in csv.DictReader(f)}
    with (DATA / "gateshead_blocks.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    load = dict.fromkeys(capacity, 0.0)
    for r in rows:
        load[r["人工方案"]] += float(r["children"])
    over = sum(max(load[s] - capacity[s], 0) for s in capacity)
    moved = sum(float(r["children"]) for r in rows if r["人工方案"] != r["现学校"])
    return over, moved


def test_the_planner_beats_the_hand_fixed_staff_plan(tmp_path):
    assert _staff_figures() == (27.0, 160.0)
    out = tmp_path / "out"
    run = invoke("plan", "zones", "--blocks", DATA / "gateshead_blocks.csv", "--schools",
                 DATA / "gateshead_schools.csv", "--crs", "EPSG:27700", "--id", "oa11cd",
                 "--pupils", "children", "--current", "现学校", "--staff", "人工方案",
                 "--time-limit", 10, "--out", out)  # 30 until 2026-12-07: 5 s and 10 s give the same
    # plan (超员 18, 调整 157; its gap 81 % unproven either way), 20 s of the suite saved
    assert run.exit_code == 0, run.output
    over, moved = (int(v.replace(",", "")) for v in re.search(
        r"人工方案“人工方案”：超员27人，调整学区160人；本方案：超员([\d,]+)人，调整学区([\d,]+)人",
        run.text).groups())
    assert over < 27 and moved <= 160
    assert "超员少于人工方案，调整人数不多于人工方案" in run.text
    with (out / "zones.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 240
    # Distances are in kilometres on the ground (not degrees, not metres): the areas lie
    # within a few km of their schools (2.6-3.2 km at most, by the time limit and load).
    assert 1 < max(float(r["距离（公里）"]) for r in rows) < 5
