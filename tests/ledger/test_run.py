"""Running a plan over county-years: values per year, city aggregation, manual targets, JSON."""

from __future__ import annotations

import json

import pytest
from ledger_builders import classes, county, school

from junheng.errors import ConfigError, StoreError
from junheng.ledger import (
    CountyYearRef,
    Status,
    plan_from_dict,
    run_ledger,
    select_region,
)
from junheng.ledger.serialize import ledger_dict


def target(id_, measure, comparator, value, deadline=2026, **extra):
    return {"id": id_, "name": id_, "quote": "原文", "measure": measure,
            "comparator": comparator, "target": value, "deadline": deadline,
            "responsible": "教育局", **extra}


def make_plan(*targets, region=None, baseline=2023):
    return plan_from_dict({"plan": "测试计划", "region": region or {"county_code": "410306"},
                           "baseline_year": baseline, "targets": list(targets)})


def kindergartens(year, code, public, private, points=0, name="示例县"):
    """A county-year with one public and one private kindergarten and ``points`` teaching points."""
    return county(year, code, name=name,
                  schools=[school("K1", "kindergarten"),
                           school("K2", "kindergarten", ownership="private", affordable=False),
                           school("C1"),
                           *[school(f"P{i}", "teaching_point", code="220", central_school="C1")
                             for i in range(points)]],
                  classes=[*classes("K1", "k1", public), *classes("K2", "k1", private)])


# County A: public share 40/100 -> 50/100 -> 55/100; teaching points 5 -> 3 -> 2.
COUNTY_A = {
    2023: kindergartens(2023, "410306", 40, 60, points=5),
    2024: kindergartens(2024, "410306", 50, 50, points=3),
    2025: kindergartens(2025, "410306", 55, 45, points=2),
}
# County B (same city): public share 90/300 -> 120/300; teaching points 4 -> 4.
COUNTY_B = {
    2023: kindergartens(2023, "410307", 90, 210, points=4, name="乙县"),
    2024: kindergartens(2024, "410307", 120, 180, points=4, name="乙县"),
}
STORE = {("410306", y): d for y, d in COUNTY_A.items()} | {
    ("410307", y): d for y, d in COUNTY_B.items()}


def load(code, year):
    return STORE[(code, year)]


def test_county_plan_values_for_every_year_with_status_and_projection():
    plan = make_plan(target("public", "public_kindergarten_share", ">=", 0.6),
                     target("merged", "teaching_points_merged", ">=", 3))
    ledger = run_ledger(plan, load, [("410306", y) for y in (2023, 2024, 2025)])
    public, merged = ledger.targets
    assert public.values == {2023: 0.40, 2024: 0.50, 2025: 0.55}
    # least squares through (2023, .40), (2024, .50), (2025, .55): slope .075, mean .4833;
    # 2026: .4833 + .075 * 2 = .6333 >= .60 -> on track
    assert public.projected == pytest.approx(0.63333333)
    assert public.status is Status.ON_TRACK
    # merged since 2023: P3, P4 gone in 2024 (2), P2 also in 2025 (3) -> achieved
    assert merged.values == {2023: 0, 2024: 2, 2025: 3}
    assert merged.items[2025] == ("撤销:P2", "撤销:P3", "撤销:P4")
    assert merged.status is Status.ACHIEVED


def test_city_plan_sums_numerators_and_denominators_not_shares():
    plan = make_plan(target("public", "public_kindergarten_share", ">=", 0.5),
                     target("points", "teaching_points", "<=", 0),
                     region={"city": "示例市"})
    pairs = [("410306", y) for y in (2023, 2024, 2025)] + [("410307", y) for y in (2023, 2024)]
    ledger = run_ledger(plan, load, pairs)
    public, points = ledger.targets
    # 2023: (40 + 90) / (100 + 300) = 0.325 (the mean of shares would be (0.4 + 0.3) / 2 = 0.35)
    # 2024: (50 + 120) / (100 + 300) = 0.425; 2025: only county A has data -> 55 / 100
    assert public.values[2023] == pytest.approx(0.325)
    assert public.values[2024] == pytest.approx(0.425)
    assert public.values[2025] == pytest.approx(0.55)
    # the county by its name, never its code (planner review 2026-12-04)
    assert public.notes == ("2025：1 个县区无数据（乙县），未计入",)
    # teaching points: 2023 5 + 4 = 9; 2024 3 + 4 = 7
    assert points.values[2023] == 9 and points.values[2024] == 7
    assert ledger.county_codes == ("410306", "410307")


def test_city_verdict_share_and_worst_county_for_indicator_values():
    def with_indicator(code, value):
        data = county(2024, code, name={"410306": "甲县", "410307": "乙县"}[code], county_indicators=[
            {"indicator_code": "disabled_enrolment_rate", "indicator_name": "残疾儿童入学率",
             "value": value}])
        return data

    data = {("410306", 2024): with_indicator("410306", 0.99),
            ("410307", 2024): with_indicator("410307", 0.96)}
    plan = make_plan(target("disabled", "disabled_enrolment_rate", ">=", 0.98, deadline=2024),
                     region={"city": "示例市"}, baseline=2024)
    ledger = run_ledger(plan, lambda c, y: data[(c, y)], list(data))
    (disabled,) = ledger.targets
    # the city is judged by its worst county for a >= target: 0.96 < 0.98
    assert disabled.values == {2024: 0.96}
    assert disabled.status is Status.BEHIND
    assert disabled.notes[0] == "2024：取最不利的县区乙县"  # by name (planner review 2026-12-04)
    # its 测算明细 item is the county's code, shown by name (report.ledger_xlsx.item_text)
    assert disabled.items == {2024: ("410307",)} and ledger.names["410307"] == "乙县"


def test_missing_baseline_year_falls_back_and_says_so():
    plan = make_plan(target("merged", "teaching_points_merged", ">=", 1), baseline=2022)
    ledger = run_ledger(plan, load, [("410306", 2023), ("410306", 2024)])
    (merged,) = ledger.targets
    # baseline 2022 absent -> 2023 used: 5 -> 3 points = 2 merged
    assert merged.values == {2023: 0, 2024: 2}
    # named by its 基本信息 name, not its code 410306 (review 2026-12-04 finding 19)
    assert "示例县没有基准年 2022 学年的数据，以最早的 2023 学年为基准。" in ledger.notes


def test_since_baseline_measure_without_any_year_after_baseline_awaits_data():
    plan = make_plan(target("merged", "teaching_points_merged", ">=", 1), baseline=2026)
    ledger = run_ledger(plan, load, [("410306", 2024), ("410306", 2025)])
    assert ledger.targets[0].status is Status.AWAITING
    assert any("没有基准年 2026 学年及以后的数据" in n for n in ledger.notes)


def test_manual_targets_use_their_entries_and_await_without_them():
    plan = make_plan(
        target("talent", "manual", ">=", 50, unit="人",
               manual_values={2023: {"value": 10, "evidence": "名单一"},
                              2024: {"value": 30, "evidence": "名单二"}}),
        target("committee", "manual", "==", True))
    ledger = run_ledger(plan, load, [("410306", 2024)])
    talent, committee = ledger.targets
    # 10 -> 30: slope 20, 2026: 30 + 40 = 70 >= 50 -> on track
    assert talent.values == {2023: 10, 2024: 30}
    assert talent.evidence == {2023: "名单一", 2024: "名单二"}
    assert talent.status is Status.ON_TRACK
    assert talent.projected == pytest.approx(70)
    assert committee.status is Status.AWAITING


def test_json_has_the_documented_shape():
    plan = make_plan(target("public", "public_kindergarten_share", ">=", 0.6),
                     target("committee", "manual", "==", True,
                            manual_values={2024: {"value": True, "evidence": "文件"}}))
    ledger = run_ledger(plan, load, [("410306", 2023), ("410306", 2024)], region="示例县")
    body = json.loads(json.dumps(ledger_dict(ledger), ensure_ascii=False))
    assert body["plan"] == "测试计划" and body["region"] == "示例县"
    public, committee = body["targets"]
    assert {"id", "name", "kind", "target", "deadline", "values", "status", "projected"} <= set(
        public)
    assert public["kind"] == "measured" and committee["kind"] == "manual"
    assert public["values"] == {"2023": 0.4, "2024": 0.5}
    # 0.40 -> 0.50: 2026 on the line = 0.70
    assert public["projected"] == pytest.approx(0.7)
    assert public["status"] == "按期推进"
    assert committee["values"] == {"2024": True} and committee["status"] == "已达成"
    assert body["summary"]["按期推进"] == 1 and body["summary"]["已达成"] == 1


ROWS = [CountyYearRef("410306", 2024, "示例县", "示例市"),
        CountyYearRef("410307", 2024, "邻县", "示例市"),
        CountyYearRef("410308", 2024, "远县", "别的市")]


def test_select_region_by_code_name_or_city():
    rows, label = select_region(ROWS, county="邻县")
    assert [r.county_code for r in rows] == ["410307"] and label == "邻县（410307）"
    rows, label = select_region(ROWS, city="示例市")
    assert [r.county_code for r in rows] == ["410306", "410307"] and label == "示例市"
    with pytest.raises(StoreError, match="没有县区 “410399” 的数据：已有 示例市示例县（410306）"):
        select_region(ROWS, county="410399")
    twins = [*ROWS, CountyYearRef("410309", 2024, "邻县", "别的市")]
    with pytest.raises(ConfigError, match="“邻县” 对应多个县区（410307、410309）：请改用县区代码"):
        select_region(twins, county="邻县")


def test_expected_by_now_is_on_the_line_to_the_deadline_and_none_for_every_year_targets():
    # public share 0.40 (2023) → 0.55 (2025) against ≥ 0.60 by 2026: 0.40 + 0.20 × 2 / 3;
    # the same values as an every-year target are judged each year, not by a line
    plan = make_plan(target("public", "public_kindergarten_share", ">=", 0.6),
                     target("yearly", "public_kindergarten_share", ">=", 0.6, every_year=True))
    public, yearly = run_ledger(plan, load, [("410306", y) for y in (2023, 2024, 2025)]).targets
    assert public.expected == pytest.approx(0.40 + 0.20 * 2 / 3)
    assert yearly.values == public.values and yearly.expected is None


def test_expected_count_by_now_is_whole_rounded_towards_the_target():
    # review rv2 finding 7 ("应达 93.50 个"): teaching points 5 (2023) → 0 by 2026 is
    # 5 − 5 × 2 / 3 = 1.67 by 2025, so at most 1 left; 4 merged by 2026 is 4 × 2 / 3 = 2.67,
    # so at least 3 merged; the values themselves stay as measured
    plan = make_plan(target("left", "teaching_points", "<=", 0),
                     target("merged", "teaching_points_merged", ">=", 4))
    left, merged = run_ledger(plan, load, [("410306", y) for y in (2023, 2024, 2025)]).targets
    assert left.values == {2023: 5, 2024: 3, 2025: 2} and left.kind == "count"
    assert (left.expected, merged.expected) == (1.0, 3.0)


def test_a_count_whose_label_could_mean_another_scope_says_its_scope():
    # review rv2 finding 9: 大班额 185 (56–65 人, 学年对比) beside 187 (56 人以上 in the
    # ledger), 寄宿制学校 20 (自评) beside 17 (公办 in the ledger), under the same label
    from junheng.report.ledger_xlsx import _measure_text
    def measured(id_, name, comparator, value, **params):
        return {**target(id_, name, comparator, value), "measure": {"name": name, "params": params}}

    plan = make_plan(measured("big", "oversized_classes", "<=", 0, include_extra=True),
                     target("band", "oversized_classes", "<=", 0),
                     measured("boarding", "boarding_schools", ">=", 1, ownership="public"),
                     target("points", "teaching_points", "<=", 0))
    rows = run_ledger(plan, load, [("410306", y) for y in (2023, 2024, 2025)]).targets
    assert [t.label for t in rows] == ["大班额班级数（56 人以上，含超大班额）", "大班额班级数（56–65 人）",
                                       "寄宿制学校数（公办义务教育学校）", "教学点数"]
    assert _measure_text(rows[2]) == "寄宿制学校数（公办义务教育学校，举办者 公办）"
