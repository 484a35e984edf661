"""One split of a school's buildings between its stages in both plans (brief vb 1), and the
layout's land, hall and field prices from the 达标路径's unit-price file (brief vb 2).

The county: 第四中学, a 完全中学 with 645 junior and 2,556 senior pupils today, 12,701 m² of
spare ground (20,000 占地 − 4,000 校舍 − 3,299 运动场馆); a primary school with a 幼儿班."""

from __future__ import annotations

import pandas as pd
import pytest

from junheng.evaluate.units import UnitRules, build_units
from junheng.model import CountyData
from junheng.planning import load_layout_config
from junheng.planning.layout_areas import layout_senior, receiver_note
from junheng.planning.layout_forecast import OTHER_TABLE, with_forecast
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.stage_split import compulsory_share
from junheng.standards import load_standard


def _classes(school, grades, pupils):
    return [{"school_id": school, "grade": g, "class_no": "1", "students": pupils} for g in grades]


def county() -> CountyData:
    return CountyData.from_records(
        {"county_code": "410331", "school_year": 2025},
        schools=[{"school_id": "D", "name": "第四中学", "school_type": "complete_secondary",
                  "urban_rural_code": "111"},
                 {"school_id": "P", "name": "村小学", "school_type": "primary_school",
                  "urban_rural_code": "220"}],
        classes=[*_classes("D", ["g7", "g8", "g9"], 215), *_classes("D", ["s1", "s2", "s3"], 852),
                 *_classes("P", ["g1", "g2"], 60), *_classes("P", ["k1"], 7)],
        facilities=[{"school_id": "D", "site_area": 20_000, "building_area": 4_000,
                     "sports_area": 3_299, "teaching_area": 3_000},
                    {"school_id": "P", "site_area": 5_000, "building_area": 800,
                     "sports_area": 1_000, "teaching_area": 700}])


def test_the_split_is_the_evaluations_weighted_one():
    # 645 : 1.2 × 2,556 = 645 : 3,067.2 → 645 / 3,712.2 = 17.375 % (today's pupils unweighted,
    # as the layout split before: 645 / 3,201 = 20.15 %); a primary school's 幼儿班 take none
    data = county()
    share = compulsory_share(data)
    assert share["D"] == pytest.approx(645 / 3712.2) and round(share["D"], 4) == 0.1738
    assert share["P"] == 1.0
    units = build_units(data, UnitRules(split_weights=load_standard("quality-2017").split_weights))
    junior = units.frame.set_index("unit_id").at["D:junior", "sports_area"]
    assert junior == pytest.approx(3_299 * share["D"])  # the engine's unit: 573.2 m²


def test_a_plans_pupils_replace_todays_for_the_stages_it_lists():
    # 747 planned junior pupils, 高中 today's: 747 / (747 + 3,067.2) = 19.58 %
    later = pd.DataFrame({"school_id": ["D"], "stage": ["junior"], "students": [747]})
    assert compulsory_share(county(), later)["D"] == pytest.approx(747 / 3814.2)


def _plan(costs=None) -> LayoutOutcome:
    fourth = PlannedSchool("D", "第四中学", "expand", kind="complete_secondary", phase=2,
                           students_after={"primary": 0, "junior": 747}, added_sports_area=530.0,
                           sports_field=True)
    return LayoutOutcome("optimal", (fourth,), {}, year=2025, target_year=2030,
                         costs=dict(costs or {}))


def _forecast_2030() -> pd.DataFrame:
    """The forecast of 2030: 747 junior and 2,570 senior pupils at 第四中学."""
    rows = [("g7", 249), ("g8", 249), ("g9", 249), ("s1", 857), ("s2", 857), ("s3", 856)]
    return pd.DataFrame([{"school_id": "D", "grade": g, "year": 2030, "students": float(n)}
                         for g, n in rows])


def test_the_layout_states_its_senior_part_by_the_target_years_weighted_pupils():
    # 747 / (747 + 1.2 × 2,570) = 747 / 3,831 = 19.499 %, the 达标路径's 19.5 %: the field of
    # 530 compulsory m² is 530 / 0.19499 = 2,718 m² whole, 高中 2,188 m² × 900 元 = 196.92 万元
    # (before: today's pupils unweighted, 20.2 %: 2,630 whole, 2,100 m², 189.00 万元)
    data = with_forecast(county(), _forecast_2030())
    assert len(data.tables[OTHER_TABLE]) == 3
    row = layout_senior(_plan(), data).iloc[0]
    assert (row["built"], row["senior"], row["senior_cost"], row["year"]) == (
        2718.0, 2188.0, 196.92, 2027)


def test_the_达标路径_passes_its_own_share_and_prices():
    row = layout_senior(_plan(), county(), share=pd.Series({"D": 0.25}),
                        prices=(600.0, 4_200.0, 1_000.0)).iloc[0]
    # 530 / 0.25 = 2,120 whole, 1,590 m² 高中 × 1,000 元 = 159.00 万元
    assert (row["built"], row["senior"], row["senior_cost"]) == (2120.0, 1590.0, 159.0)


@pytest.fixture
def county_prices_file(tmp_path):
    file = tmp_path / "洛北县单价.yaml"
    file.write_text("items:\n  field: {unit_cost: 0.1}\n  gym: {unit_cost: 0.5}\n"
                    "sports_remedy: {land_unit_cost: 0.08}\n", encoding="utf-8")
    return file


def test_the_layout_prices_land_hall_and_field_from_the_county_file(county_prices_file):
    costs = load_layout_config(price_file=county_prices_file).costs
    assert (costs.land_yuan_per_m2, costs.gym_yuan_per_m2, costs.field_yuan_per_m2) == (
        800.0, 5_000.0, 1_000.0)
    # the 高中 part at the county's 1,000 元 a m² of field: 2,188 × 1,000 = 218.80 万元
    data = with_forecast(county(), _forecast_2030())
    row = layout_senior(_plan(costs.model_dump(mode="json")), data).iloc[0]
    assert row["senior_cost"] == 218.8


def _receivers(field: bool, sports: float) -> pd.DataFrame:
    return pd.DataFrame([{"site_id": "D", "name": "第四中学", "action": "expand",
                          "students_expected": 695, "students_primary": 0, "students_junior": 747,
                          "added_teaching_area": 0.0, "added_sports_area": sports,
                          "sports_field": field, "area_cost_yuan": sports * 1_000,
                          "sports_beyond_cap_area": 0.0}])


def test_the_receiver_note_prices_and_names_the_county_file(county_prices_file):
    costs = load_layout_config(price_file=county_prices_file).costs
    data = with_forecast(county(), _forecast_2030())
    note = receiver_note(_receivers(True, 530.0), data, costs, 2030)[0]
    assert ("整块 2,718 平方米，其中义务教育阶段 530 平方米计入本方案，高中部分 2,188 平方米"
            "（按每平方米 1,000 元约 218.80 万元）") in note
    assert note.endswith("条件不具备的应减少分流或另选接收学校（单价取自县区单价文件 洛北县单价.yaml）。")
    # the land beyond the spare ground at the county's 800 元: 2,600 compulsory m² of field are
    # 2,600 / 0.19499 = 13,334 m² whole on 12,701 m² spare, 633 m² × 800 元 = 50.64 万元
    short = receiver_note(_receivers(True, 2_600.0), data, costs, 2030)[0]
    assert "须另行用地 633 平方米（按每平方米 800 元约 50.64 万元" in short


def test_without_a_county_file_the_shipped_prices_and_no_source_clause():
    data = with_forecast(county(), _forecast_2030())
    note = receiver_note(_receivers(True, 530.0), data, load_layout_config().costs, 2030)[0]
    assert "（按每平方米 900 元约 196.92 万元）" in note and "单价取自" not in note
