"""Brief hm 3: the land bought beside receivers (rule (25), 600 + 900 元/m², at most 1,000 m² a
school) is priced at an assumed land price; the 布局调整方案 says so where it gives the land's
money (the 需论证 note, each receiver's 扩充体育运动场地用地 with its 万元), and the scenario
docs list the keys with unit, default and source."""

from pathlib import Path

import pandas as pd

from junheng.planning.layout_areas import receiver_note
from junheng.planning.layout_config import load_layout_config

DOCS = Path(__file__).resolve().parents[2] / "docs" / "layout-yaml.md"


def _receivers(land: float) -> pd.DataFrame:
    # 东城小学 of the demo: 617 m² of field on its ground and 267 m² of land beside it, the land
    # at 600 + 900 = 1,500 元: 267 × 1,500 = 400,500 元; the field 617 × 900 = 555,300 元
    return pd.DataFrame([{"site_id": "E", "name": "东城小学", "action": "expand",
                          "students_expected": 459, "students_primary": 595, "students_junior": 0,
                          "added_teaching_area": 0.0, "added_sports_area": 617.0,
                          "sports_field": True, "sports_land_area": land,
                          "sports_land_yuan": land * 1_500, "area_cost_yuan": 555_300 + land * 1_500,
                          "sports_beyond_cap_area": 0.0}])


def test_the_note_giving_the_land_money_says_the_price_is_assumed():
    note = receiver_note(_receivers(267.0), None, load_layout_config().costs, 2030)[0]
    assert ("东城小学（规划年学生 459 → 595 人：室外体育运动场地 617 平方米、扩充体育运动场地用地"
            "（征用或置换相邻用地，建室外体育运动场地） 267 平方米，95.58 万元") in note
    assert note.endswith("条件不具备的应减少分流或另选接收学校。土地价格按 600 元/平方米估算"
                         "（假设值，另加室外体育运动场地每平方米 900 元），请以本县基准地价替换。")


def test_a_price_the_county_set_is_not_called_an_assumption():
    costs = load_layout_config().costs.model_copy(update={"land_yuan_per_m2": 800.0})
    note = receiver_note(_receivers(267.0), None, costs, 2030)[0]
    assert note.endswith("土地价格按 800 元/平方米估算（取自方案设置或县区单价文件，"
                         "另加室外体育运动场地每平方米 900 元）。")


def test_no_land_bought_no_land_price_sentence():
    note = receiver_note(_receivers(0.0), None, load_layout_config().costs, 2030)[0]
    assert "土地价格" not in note and note.endswith("另选接收学校。")


def test_the_scenario_docs_list_the_land_keys_with_unit_default_and_source():
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:5]]
            for line in DOCS.read_text(encoding="utf-8").splitlines() if line.startswith("| `")}
    for key, unit, default, source in (
            ("`costs.land_yuan_per_m2`", "元/平方米", "600", "单价文件 `sports_remedy.land_unit_cost`，假设值"),
            ("`costs.field_yuan_per_m2`", "元/平方米", "900", "单价文件 `items.field`"),
            ("`sports_land_max_m2`", "平方米", "1,000", "假设值"),
            ("`sports_land_by_school`", "学校标识码: 平方米", "空", "自然资源、规划部门意见")):
        got_unit, got_default, _ = rows[key]
        assert got_unit == unit and got_default.startswith(default) and source in got_default, key
