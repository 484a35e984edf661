"""The planner's rules as CLI options (``--keep-share``, ``--weight-short``,
``--weight-new-over``) on a hand-made strip where each one changes the plan.

Strip of four cells 0.01° wide near 112.4°E 34.6°N (about 0.915 km apart): 甲小学 sits in
cell 0, 乙小学 in cell 3; ten pupils per cell. Today cell 0 → 甲, cells 1–3 → 乙. Moving
costs nothing here (``--weight-moved 0``), so travel pulls cell 1 to 甲 (0.915 km nearer,
10 × 0.915 × 0.1 ≈ 0.9 of the objective) unless a rule stops it:

- keep: 乙 has 40 places and 30 pupils today, so it keeps at least 0.8 × 30 = 24; giving
  cell 1 leaves 20, 4 short × 2,000 > 0.9: cell 1 stays. ``--keep-share 0.5`` (keep 15)
  or ``--weight-short 0`` lets it go.
- new over: 甲 has 10 places for its 10, 乙 20 places for 30 (10 over). Cell 1 to 甲 keeps
  10 over in all but puts 甲 10 above max(capacity, today) = 10: 10 × 2,000 > 0.9, so it
  stays; ``--weight-new-over 0`` lets it go.
"""

from __future__ import annotations

import csv
import json

import pytest

from cli_run import invoke


def _strip(tmp_path, capacity_a: int, capacity_b: int):
    features = [{"type": "Feature", "properties": {
        "id": f"格{c}", "students": 10, "现学校": "甲小学" if c == 0 else "乙小学"},
        "geometry": {"type": "Polygon", "coordinates": [[
            [112.4 + 0.01 * c, 34.6], [112.41 + 0.01 * c, 34.6], [112.41 + 0.01 * c, 34.59],
            [112.4 + 0.01 * c, 34.59], [112.4 + 0.01 * c, 34.6]]]}} for c in range(4)]
    blocks = tmp_path / "strip.geojson"
    blocks.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                                 ensure_ascii=False), encoding="utf-8")
    schools = tmp_path / "schools.csv"
    schools.write_text(f"school,lon,lat,capacity\n甲小学,112.405,34.595,{capacity_a}\n"
                       f"乙小学,112.435,34.595,{capacity_b}\n", encoding="utf-8")
    return blocks, schools


def _plan(tmp_path, capacities, *options) -> list[str]:
    blocks, schools = _strip(tmp_path, *capacities)
    out = tmp_path / "out"
    run = invoke("plan", "zones", "--blocks", blocks, "--schools", schools, "--current",
                 "现学校", "--weight-moved", "0", "--out", out, *options)
    assert run.exit_code == 0, run.output
    with (out / "zones.csv").open(encoding="utf-8-sig") as f:
        return [row["划入学校"] for row in csv.DictReader(f)]


KEPT, MOVED = ["甲小学", "乙小学", "乙小学", "乙小学"], ["甲小学", "甲小学", "乙小学", "乙小学"]


@pytest.mark.parametrize(("options", "plan"), [
    ((), KEPT),
    (("--keep-share", "0.5"), MOVED),
    (("--keep-share", "0.7"), KEPT),  # keeps 21 > 20
    (("--weight-short", "0"), MOVED),
])
def test_the_keep_share_and_its_weight_decide_whether_a_kept_school_gives_a_cell(
        tmp_path, options, plan):
    assert _plan(tmp_path, (40, 40), *options) == plan


@pytest.mark.parametrize(("options", "plan"), [
    ((), KEPT),
    (("--weight-new-over", "0"), MOVED),
])
def test_the_new_over_weight_decides_whether_a_full_school_takes_more(tmp_path, options, plan):
    assert _plan(tmp_path, (10, 20), *options) == plan


@pytest.mark.parametrize(("options", "message"), [
    (("--keep-share", "0"), "保留比例（--keep-share）“0”无效：应大于0且不超过1。"),
    (("--keep-share", "1.5"), "保留比例（--keep-share）“1.5”无效：应大于0且不超过1。"),
    (("--weight-short", "-1"), "保留学生每少1人的权重（--weight-short）“-1”无效：应为不小于0的数。"),
    (("--weight-new-over", "nan"),
     "新增超员每人的权重（--weight-new-over）（不是有限数）无效：应为不小于0的数。"),
    (("--weight-cross-town", "-2"),
     "每名跨乡镇调整学生另加的权重（--weight-cross-town）“-2”无效：应为不小于0的数。"),
    (("--weight-travel", "inf", "--keep-share", "-0.1"),
     "保留比例（--keep-share）“-0.1”无效：应大于0且不超过1；"
     "每人每公里路程的权重（--weight-travel）（不是有限数）无效：应为不小于0的数。"),
])
def test_bad_rules_are_refused_in_chinese_and_nothing_is_written(tmp_path, options, message):
    blocks, schools = _strip(tmp_path, 40, 40)
    out = tmp_path / "out"
    run = invoke("plan", "zones", "--blocks", blocks, "--schools", schools, "--out", out,
                 *options)
    assert run.exit_code == 1 and message in run, run.output
    assert "nan" not in run.output and "inf" not in run.output
    assert not out.exists()
