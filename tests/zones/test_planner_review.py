"""Review findings 6, 7, 12, 13 and 17 on the 就近划片 outputs: 教学点 take no zone, the
pupils over capacity that remain are explained, the ratios are named by what they measure,
maps carry 学年 and 学段 with zone areas coloured apart, and 民办 pupils left out are counted."""

from __future__ import annotations

import json

import numpy as np
import openpyxl
from shapely.geometry import Point, shape

from junheng.demo.generator import county_specs, generate_county
from junheng.jobs.zones_county import county_zone_input, zones_title
from junheng.report.zones_outputs import write_zone_outputs, zones_map_data
from junheng.zones.build import build_input
from junheng.zones.io import Blocks, Schools
from junheng.zones.problem import ZoneProblem
from junheng.zones.summary import over_reasons, per_school, single_moves

# A path 0 – 1 – 2 – 3: 甲小学 in block 0, 乙小学 in block 3, 村一 50 pupils, 村二 40.
NAMES = ["甲校址", "村一", "村二", "乙校址"]


def _path(capacity_b: float) -> ZoneProblem:
    return ZoneProblem(pupils=[0, 50, 40, 0], edges=[[0, 1], [1, 2], [2, 3]], root=[0, 3],
                       capacity=[60, capacity_b], distance=np.zeros((4, 2)))


def test_over_capacity_that_no_whole_block_can_relieve_says_why():
    # 甲 holds 90 for 60 places. 村一 cannot leave (甲's zone would split); 村二 (40) would
    # push 乙 (30 places) over: nothing is left to move.
    p, plan = _path(30), np.array([0, 0, 0, 1])
    assert single_moves(p, plan, 0) == []
    lines = over_reasons(p, plan, NAMES, ["甲小学", "乙小学"])
    assert lines[0] == ("甲小学 超员 30 人：学区 2 个地块，最大的地块“村一”有 50 人，每个地块只能整体划给一所"
                        "学校；任何一个地块整体改划到相邻学区，都会使那所学校超员或本学区不连通。")
    assert "按小区" in lines[-1] and "多校划片" in lines[-1] and len(lines) == 2


def test_a_whole_block_that_could_move_is_named():
    p, plan = _path(50), np.array([0, 0, 0, 1])
    assert single_moves(p, plan, 0) == [(2, 1)]
    assert "仍可整体改划的地块（如“村二”的 40 人划入乙小学）" in over_reasons(
        p, plan, NAMES, ["甲小学", "乙小学"])[0]


def test_no_over_capacity_no_reasons():
    assert over_reasons(_path(50), np.array([0, 0, 1, 1]), NAMES, ["甲小学", "乙小学"]) == []


def test_each_school_row_shows_both_bases_of_use():
    # 甲: 1,200 on the roll, 600 places (200.0 %); the villages zoned to it hold 90 (150.0 %).
    rows = per_school(_path(30), np.array([0, 0, 0, 1]), ["甲小学", "乙小学"],
                      np.array([1200.0, 20.0]))
    assert (rows[0]["在校生"], rows[0]["在校生利用率"], rows[0]["方案学生"],
            rows[0]["方案利用率"]) == (1200, "2000.0%", 90, "150.0%")
    assert rows[1]["在校生利用率"] == "66.7%"


def _points_input():
    # Four villages in a row 0.01° apart, 甲 at the west end, 乙 and 丙 further east.
    xs = [112.40, 112.41, 112.42, 112.43]
    blocks = Blocks(names=["东村", "西村", "南村", "北村"],
                    geometries=[Point(x, 34.6) for x in xs],
                    pupils=np.array([10.0, 10.0, 10.0, 10.0]),
                    current=["甲小学", "甲小学", "乙小学", "丙小学"])
    schools = Schools(["甲小学", "乙小学", "丙小学"], np.array([112.40, 112.42, 112.43]),
                      np.array([34.6, 34.6, 34.6]), np.array([20.0, 10.0, 10.0]),
                      enrolled=np.array([25.0, 9.0, 11.0]), notes=("民办学校 1 所（在校生 5 人）不参与划片。",))
    return build_input(blocks, schools, source="村居")


def test_point_zones_are_areas_coloured_apart_and_the_ratios_are_named(tmp_path):
    data = _points_input()
    plan = np.array([0, 0, 1, 2])
    write_zone_outputs(data, plan, tmp_path, title="洛北县2025 学年小学就近划片方案",
                       notes=["说明一"])
    features = json.loads((tmp_path / "zones.geojson").read_text(encoding="utf-8"))["features"]
    areas = [shape(f["geometry"]) for f in features]
    assert [a.geom_type for a in areas] == ["Polygon"] * 3
    for a, b in ((0, 1), (1, 2)):  # neighbours share a border, they do not overlap
        assert areas[a].intersects(areas[b]) and areas[a].intersection(areas[b]).area < 1e-12
    payload = zones_map_data(data, plan, per_school(data.problem, plan, data.schools.names))
    colours = [s["colour"] for s in payload["schools"]]
    assert colours[0] != colours[1] and colours[1] != colours[2]
    county = openpyxl.load_workbook(tmp_path / "zones.xlsx")["全县汇总"]
    labels = [c.value for c in county["A"]]
    assert {"划入最近 3 所学校之一的学生比例", "现状学区学位可容纳比例",
            "方案学区学位可容纳比例", "比例的含义"} <= set(labels)
    assert "就近入学比例" not in labels
    assert any("评估报告" in str(c.value) for c in county["B"])
    sheet = openpyxl.load_workbook(tmp_path / "zones.xlsx")["各校前后对比"]
    assert [c.value for c in sheet[1]][2:4] == ["在校生（学校填报）", "在校生利用率（在校生 ÷ 容量）"]
    assert "洛北县2025 学年小学就近划片方案" in (tmp_path / "map.html").read_text(encoding="utf-8")


def test_teaching_points_take_no_zone_of_their_own_in_the_demo_county():
    data = generate_county(county_specs()[0], years=2, first_year=2024)[-1]
    zones = county_zone_input(data, "primary", projects_year=2026)
    names = zones.schools.names
    # 112 public sites with primary places, 70 of them 教学点: 42 zone schools remain, with
    # 47,190 places (the 高中 classes' rooms left out: review finding 8) less the 4,240 of the
    # points' 9,030 beyond their own villages' children (review finding 11), and the 630 of
    # 实验小学's 改扩建 (在建, done 2025-12, in use by 2026, the year asked: 14 rooms of 45;
    # by default, the data year 2025, it is not counted), and the 30,486
    # pupils on the roll (1,291 of them in the points).
    assert len(names) == 42 and not any(n.endswith("教学点") for n in names)
    assert zones.schools.capacity.sum() == 43_580 and zones.schools.enrolled.sum() == 30_486
    assert zones.schools.capacity[names.index("洛北县实验小学")] == 2340
    assert "郑沟镇中心小学（含教学点 5 个）" in names
    assert county_zone_input(data, "primary").schools.capacity.sum() == 42_950
    notes = zones.schools.notes
    assert notes[0] == (
        "民办学校 1 所（在校生 967 人）不参与划片：“在校生”只计公办学校（全县 31,453 人中的 30,486 人；"
        "全县另有特殊教育学校在校生 50 人，也不参与划片，共 31,503 人）。")
    assert notes[1].startswith("已计入的在建、规划项目（2026 学年开学前竣工，共 5 项）：")
    assert notes[2].startswith("未计入的项目（共 9 项）：")
    assert notes[3:] == (
        "教学点 70 个（在校生 1,291 人）只开设低年级，不单独划片：其所在村居划入所属中心校的学区，"
        "学位和在校生计入该校（校名注“含教学点”）。教学点只招收本村学生，其学位按不超过本村适龄儿童数计入："
        "计入 4,790 个（共有 9,030 个）。",)
    assert zones_title(data, "primary") == "洛北县2025 学年小学就近划片方案"


def test_a_folded_point_counts_its_places_only_for_its_own_village():
    """古岭乡中心小学 (855 places) and its 14 points (1,590 places, 266 pupils): each point
    counts min(places, its village's children aged 6–11), e.g. 邵河村 min(120, 36) = 36,
    魏前堡村 min(150, 117) = 117, 上桃寨村 min(180, 22) = 22; the 14 give 861, so 1,716 places
    (not 2,445) for 815 pupils: 47.5% used (not 33.3%)."""
    data = generate_county(county_specs()[0], years=2, first_year=2024)[-1]
    schools = county_zone_input(data, "primary").schools
    i = schools.names.index("古岭乡中心小学（含教学点 14 个）")
    assert (schools.capacity[i], schools.enrolled[i]) == (1716, 815)
    assert f"{schools.enrolled[i] / schools.capacity[i]:.1%}" == "47.5%"


def test_the_closing_advice_claims_no_dead_end_while_a_block_could_move():
    lines = over_reasons(_path(50), np.array([0, 0, 0, 1]), NAMES, ["甲小学", "乙小学"])
    assert lines[-1].startswith("要进一步减少超员：可把城区按小区分成更细的地块")
    stuck = over_reasons(_path(30), np.array([0, 0, 0, 1]), NAMES, ["甲小学", "乙小学"])
    assert stuck[-1].startswith("按现有地块已无法再减少超员")
