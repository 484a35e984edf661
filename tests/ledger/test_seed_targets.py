"""Seed-plan targets the review found untracked or manual though the data answers them
(review finding 13): each is run through the ledger on small counties built by hand."""

from __future__ import annotations

import openpyxl
import pytest
from ledger_builders import classes, county, school

from junheng.ledger import compute_measure, run_ledger
from junheng.ledger.plan import load_plan, plan_from_dict
from junheng.report.ledger_xlsx import write_ledger_xlsx

ZHONGMOU = load_plan("examples/plans/zhongmou.yaml")
MENGJIN = load_plan("examples/plans/mengjin.yaml")
XINXIANG = load_plan("examples/plans/xinxiang.yaml")


def only(plan, *ids: str):
    """``plan`` with only the targets ``ids``, as the plan file words them."""
    raw = plan.model_dump()
    raw["targets"] = [t.model_dump() for t in plan.targets if t.id in ids]
    for t in raw["targets"]:
        if t["deadline_date"] is None:
            del t["deadline_date"]
        else:
            t["deadline"] = t.pop("deadline_date")
    return plan_from_dict(raw)


def run(plan, data: dict):
    """Run ``plan`` over ``data`` ({(code, year): CountyData})."""
    return run_ledger(plan, lambda c, y: data[(c, y)], list(data))


# --- 中牟 ---------------------------------------------------------------------------------


def test_zhongmou_tracks_the_resource_gap_in_both_stages():
    gaps = [ZHONGMOU.target(i) for i in ("resource_gap_primary", "resource_gap_junior")]
    assert [(t.measure.name, t.measure.params["stage"], t.comparator, t.target) for t in gaps] == [
        ("quality_cv", "primary", "<", "baseline"), ("quality_cv", "junior", "<", "baseline")]
    assert {t.quote for t in gaps} == {"城乡、校际资源配置差距显著缩小"}


def special_county(year: int, funding: float):
    """One special-education school of 40 pupils, its public funding ``funding``."""
    return county(year, schools=[school("P1"), school("S", "special_education")],
                  classes=[*classes("P1", "g1", 40), *classes("S", "g1", 40)],
                  funding=[{"school_id": "S", "public_funding": funding}])


def test_zhongmou_special_school_funding_is_measured_from_the_evaluation():
    # 2024: 232,000 / 40 = 5,800 < 6,000; 2025: 260,000 / 40 = 6,500 ≥ 6,000 → 已达成
    plan = only(ZHONGMOU, "special_school_funding")
    ledger = run(plan, {("410306", 2024): special_county(2024, 232_000.0),
                        ("410306", 2025): special_county(2025, 260_000.0)})
    row = ledger.targets[0]
    assert (row.label, row.unit) == ("优质均衡评估县级项目数值", "元")
    assert row.values == {2024: pytest.approx(5800.0), 2025: pytest.approx(6500.0)}
    assert row.status.value == "已达成"
    assert row.items[2025] == ("全县特殊教育学校生均公用经费不低于 6000 元",)


def test_quality_item_without_such_a_county_item_has_no_value():
    reading = compute_measure("quality_item", special_county(2025, 1.0), {"item": "no_such_item"})
    assert reading.numerator is None
    assert reading.note == "优质均衡评估没有县级项目 no_such_item（按学段分列的项目不适用）"


# --- 孟津 “两个只增不减” -------------------------------------------------------------------


def spending(year: int, through: int) -> object:
    """A county-year whose 县级年度数据 runs to ``through`` (figures as in the demo's 表4)."""
    table = {"public_education_spending": {2023: 65_267.0, 2024: 67_816.0},
             "primary_public_spending_per_pupil": {2023: 9_044.0, 2024: 9_543.0},
             "junior_public_spending_per_pupil": {2023: 12_226.0, 2024: 12_138.0}}
    figures = [{"year": y, "figure": f, "value": v, "unit": "元", "evidence": "决算"}
               for f, by_year in table.items() for y, v in by_year.items() if y <= through]
    return county(year, schools=[school("P1")], classes=classes("P1", "g1", 40),
                  county_figures=figures)


def test_mengjin_two_no_decrease_rules_track_both_stages_and_the_junior_fall_shows():
    plan = only(MENGJIN, "education_spending_no_decrease", "spending_per_pupil_no_decrease",
                "junior_spending_per_pupil_no_decrease")
    ledger = run(plan, {("410306", 2024): spending(2024, 2023),
                        ("410306", 2025): spending(2025, 2024)})
    rows = {t.target.id: t for t in ledger.targets}
    # total 65,267 → 67,816 and 小学 9,044 → 9,543 rise: 已达成
    assert rows["education_spending_no_decrease"].status.value == "已达成"
    assert rows["spending_per_pupil_no_decrease"].status.value == "已达成"
    # 初中 12,226 → 12,138 falls: the 2025 year misses, and the latest is below the first → 倒退
    junior = rows["junior_spending_per_pupil_no_decrease"]
    assert junior.values == {2024: 12_226.0, 2025: 12_138.0}
    assert junior.assessment.met == {2024: None, 2025: False}
    assert junior.status.value == "倒退"
    assert "每年均须达到：2025 学年未达到" in junior.notes
    assert junior.notes[1] == ("2025：取 2024 年“生均一般公共预算教育经费（初中）”（元，县级年度数据）；"
                               "县级年度数据中 2024 年低于上一年（12,226 → 12,138 元）")
    assert all(t.target.name.startswith("全面落实“两个只增不减”：") for t in ledger.targets)


# --- 每年核验 in the workbook --------------------------------------------------------------


def test_a_fall_before_the_first_ledger_year_is_named_on_the_row():
    # the 2025 school year reads 2024; the series 2022 → 2023 fell (as the demo's 表4 shows),
    # before any year the ledger judges, so the row names it rather than hiding it
    figures = [{"year": y, "figure": "junior_public_spending_per_pupil", "value": v, "unit": "元",
                "evidence": "决算"} for y, v in ((2021, 11_798.0), (2022, 12_226.0),
                                                 (2023, 12_138.0), (2024, 13_183.0))]
    reading = compute_measure("county_figure", county(2025, county_figures=figures),
                              {"figure": "junior_public_spending_per_pupil"})
    assert reading.numerator == 13_183.0
    assert reading.note.endswith("；县级年度数据中 2023 年低于上一年（12,226 → 12,138 元）")


def test_an_every_year_target_met_only_in_the_latest_year_says_why_it_is_behind(tmp_path):
    # 2024: 6.4% < 10%, 2025: 10.04% ≥ 10% — every year must meet it → 滞后
    plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"},
                           "baseline_year": 2024, "targets": [{
                               "id": "rotation", "name": "交流轮岗比例每年不低于10%", "quote": "……",
                               "measure": "manual", "comparator": ">=", "target": 0.10,
                               "deadline": 2025, "responsible": "县教育局", "unit": "比例",
                               "every_year": True, "manual_values": {
                                   2024: {"value": 0.064, "evidence": "名单"},
                                   2025: {"value": 0.1004, "evidence": "名单"}}}]})
    ledger = run_ledger(plan, lambda c, y: None, [])
    row = ledger.targets[0]
    assert row.status.value == "滞后"
    assert row.notes == ("每年均须达到：2024 学年未达到；本目标每年核验，最新学年虽已达到，仍为滞后",)
    book = openpyxl.load_workbook(write_ledger_xlsx(ledger, tmp_path / "台账.xlsx"))
    sheet = book["台账"]
    heads = [c.value for c in sheet[4]]
    assert sheet.cell(5, heads.index("说明") + 1).value.endswith("最新学年虽已达到，仍为滞后")
    rules = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True) if r[0]}
    assert rules["已达成"].startswith("最新学年的数值达到目标；每年核验的目标")
    assert "任一学年未达到即为滞后" in rules["每年核验"]


# --- 新乡 -----------------------------------------------------------------------------------


def test_xinxiang_principal_grading_is_measured_and_only_the_start_stays_manual():
    started, graded = XINXIANG.target("principal_review_started"), XINXIANG.target("principal_grading")
    assert (started.is_manual, graded.measure.name, graded.target) == (True, "principal_ranked_share", 1.0)
    # 2023 年 11 月 falls after the 2023 school year's September count → the 2024 school year
    assert (graded.deadline, graded.deadline_label) == (2024, "2023年11月")


def city_county(code: str, name: str, year: int):
    return county(year, code, name=name, schools=[school("S1")], classes=classes("S1", "g1", 40))


NAMES = {"410701": "甲区", "410702": "乙区", "410703": "丙区"}


def test_accountability_flags_the_counties_in_the_bottom_two_two_years_running():
    # three identical counties tie every year; a tie reaching the bottom two flags all three
    # (rank_year), so 2024 has no previous year and flags none, 2025 flags all three
    plan = only(XINXIANG, "accountability_ranking")
    data = {(c, y): city_county(c, n, y) for c, n in NAMES.items() for y in (2024, 2025)}
    row = run(plan, data).targets[0]
    assert row.values == {2024: 0.0, 2025: 3.0}
    assert row.items[2025] == ("410701", "410702", "410703")
    assert row.status.value == "倒退"  # 0 → 3 against ≤ 0
    assert ("2025：后两名：甲区、乙区、丙区；连续两年排在后两名：甲区、乙区、丙区") in row.notes
    assert "2024：后两名：甲区、乙区、丙区；没有县区连续两年排在后两名" in row.notes


def test_accountability_needs_three_counties_and_a_city():
    plan = only(XINXIANG, "accountability_ranking")
    two = {(c, 2025): city_county(c, n, 2025) for c, n in list(NAMES.items())[:2]}
    row = run(plan, two).targets[0]
    assert row.values == {2025: None} and row.status.value == "待填报"
    assert row.notes == ("2025：2025 学年县区不足 3 个，不判定后两名",)
    reading = compute_measure("accountable_counties", city_county("410701", "甲区", 2025))
    assert reading.note == "连续两年排在后两名的县区数须在地市的全部县区上计算，不能按单个县区计算"


# --- 孟津 寄宿制学校 ---------------------------------------------------------------------------


def test_mengjin_boarding_row_names_the_towns_without_a_boarding_school():
    # town 101 has a boarding nine-year school; town 102 only a day primary → 1 of 2 towns
    schools = [school("N1", "nine_year", town="410306101", boarding=True),
               school("P2", town="410306102")]
    towns = [{"town_code": "410306101", "town_name": "甲镇"},
             {"town_code": "410306102", "town_name": "乙镇"}]
    data = county(2025, schools=schools, classes=[*classes("N1", "g1", 40), *classes("P2", "g1", 40)],
                  towns=towns)
    row = run(only(MENGJIN, "boarding_towns"), {("410306", 2025): data}).targets[0]
    assert row.values == {2025: 0.5}
    # 乙镇 has a day primary only: it lacks both (review rv 13: say what each town lacks)
    assert row.notes[0] == "2025：未同时有寄宿制小学和寄宿制初中的乡镇：乙镇寄宿制小学和寄宿制初中都没有"


@pytest.mark.parametrize("plan", [ZHONGMOU, MENGJIN, XINXIANG], ids=["zhongmou", "mengjin", "xinxiang"])
def test_seed_plan_texts_name_pages_not_the_software_or_its_commands(plan):
    # rv3 13: 「本系统」 and a command name (junheng ledger city) reached the 督学 in the seed
    # ledgers' 佐证材料 and 说明; the page is named instead (「“地市排名”页面」).
    texts = [str(v) for t in plan.targets for v in t.model_dump().values() if isinstance(v, str)]
    assert [t for t in texts if "本系统" in t or "junheng" in t] == []


def test_accountability_measure_description_names_the_page():
    from junheng.ledger.registry import MEASURES

    assert MEASURES["accountable_counties"].description.startswith("按“地市排名”（台账完成率、优质均衡评估）")
