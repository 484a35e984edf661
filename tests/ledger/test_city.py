"""The city view: ranking counties per year, ties, and the Xinxiang 问责 rule."""

from __future__ import annotations

import pytest
from ledger_builders import classes, county, school

from junheng.errors import ConfigError
from junheng.ledger import CountyYearRef, plan_from_dict, rank_city, rank_year
from junheng.ledger.serialize import ranking_dict

PLAN = plan_from_dict({
    "plan": "排名测试计划", "region": {"city": "示例市"}, "baseline_year": 2023,
    "targets": [
        {"id": "public", "name": "公办园占比", "quote": "原文", "measure": "public_kindergarten_share",
         "comparator": ">=", "target": 0.5, "deadline": 2026, "responsible": "教育局"},
        {"id": "points", "name": "教学点清零", "quote": "原文", "measure": "teaching_points",
         "comparator": "<=", "target": 0, "deadline": 2026, "responsible": "教育局"},
        {"id": "classes", "name": "消除大班额", "quote": "原文",
         "measure": {"name": "oversized_classes", "params": {"include_extra": True}},
         "comparator": "<=", "target": 0, "deadline": 2026, "responsible": "教育局"},
        {"id": "manual", "name": "手工目标", "quote": "原文", "measure": "manual",
         "comparator": "==", "target": True, "deadline": 2026, "responsible": "教育局"},
    ],
})


def county_meeting(code: str, year: int, met: int) -> object:
    """A county-year meeting the first ``met`` of the plan's three measured targets."""
    public = 60 if met >= 1 else 40            # share 0.6 or 0.4 against >= 0.5
    points = [] if met >= 2 else [school("P1", "teaching_point", central_school="S1")]
    size = 40 if met >= 3 else 60              # a 60-pupil class is oversized
    return county(year, code, schools=[school("S1"), school("K1", "kindergarten"),
                                       school("K2", "kindergarten", ownership="private"),
                                       *points],
                  classes=[*classes("S1", "g1", size), *classes("K1", "k1", public),
                           *classes("K2", "k1", 100 - public)])


# targets met per county and year; D has no 2025 data
MET = {
    ("410301", 2023): 3, ("410302", 2023): 2, ("410303", 2023): 1, ("410304", 2023): 0,
    ("410301", 2024): 3, ("410302", 2024): 1, ("410303", 2024): 1, ("410304", 2024): 2,
    ("410301", 2025): 0, ("410302", 2025): 3, ("410303", 2025): 2,
}
NAMES = {"410301": "甲区", "410302": "乙区", "410303": "丙区", "410304": "丁区"}
DATA = {key: county_meeting(key[0], key[1], met) for key, met in MET.items()}
REFS = [CountyYearRef(c, y, NAMES[c], "示例市") for c, y in MET]


_RANKING = []


def ranking():
    """The ranking of the four counties, computed once for the module."""
    if not _RANKING:
        _RANKING.append(rank_city(lambda c, y: DATA[(c, y)], REFS, city="示例市", plan=PLAN,
                                  use_evaluation=False))
    return _RANKING[0]


def standing(result, code, year):
    return next(s for s in result.standings if (s.county_code, s.school_year) == (code, year))


def test_completion_counts_measured_targets_only():
    result = ranking()
    first = standing(result, "410302", 2023)
    # 2 of the 3 measured targets (the manual target is left out)
    assert (first.targets_met, first.targets_measured) == (2, 3)
    assert first.completion == pytest.approx(2 / 3)


def test_ranks_per_year_best_first():
    result = ranking()
    assert [(s.county_code, s.rank) for s in result.year(2023)] == [
        ("410301", 1), ("410302", 2), ("410303", 3), ("410304", 4)]
    # 2024: 甲 3, 丁 2, 乙 1, 丙 1 -> 乙 and 丙 tie for third
    assert [(s.county_code, s.rank) for s in result.year(2024)] == [
        ("410301", 1), ("410304", 2), ("410302", 3), ("410303", 3)]


def test_bottom_two_per_year():
    result = ranking()
    bottom = {y: sorted(s.county_code for s in result.year(y) if s.bottom_two)
              for y in result.years}
    # 2023: 丙, 丁; 2024: the tied 乙 and 丙 (no county below them); 2025 (3 counties): 丙, 甲
    assert bottom == {2023: ["410303", "410304"], 2024: ["410302", "410303"],
                      2025: ["410301", "410303"]}


def test_accountability_needs_the_bottom_two_in_consecutive_years():
    result = ranking()
    flagged = [(s.county_code, s.school_year) for s in result.accountable]
    # 丙: bottom in 2023, 2024 and 2025 -> flagged in 2024 and 2025;
    # 乙: bottom only in 2024; 丁: bottom 2023 only; 甲: bottom 2025 only
    assert flagged == [("410303", 2024), ("410303", 2025)]
    body = ranking_dict(result)
    assert body["accountable"][0] == {"county_code": "410303", "county_name": "丙区",
                                      "school_year": 2024}
    assert body["rankings"]["2023"][0]["county_name"] == "甲区"
    assert any("未使用优质均衡评估结果" in n for n in body["notes"])


def test_rank_year_ties_share_a_rank_and_a_bottom_tie_is_flagged_whole():
    # keys: smaller is better; three tie for last among five
    ranks = rank_year({"a": (0,), "b": (1,), "c": (2,), "d": (2,), "e": (2,)})
    assert ranks == {"a": (1, False), "b": (2, False), "c": (3, True), "d": (3, True),
                     "e": (3, True)}


def test_no_bottom_two_with_fewer_than_three_counties():
    assert rank_year({"a": (0,), "b": (1,)}) == {"a": (1, False), "b": (2, False)}
    two = [CountyYearRef(c, y, NAMES[c], "示例市") for c, y in MET if c in ("410301", "410302")]
    result = rank_city(lambda c, y: DATA[(c, y)], two, city="示例市", plan=PLAN,
                       use_evaluation=False)
    assert result.accountable == []
    assert any("不足 3 个，不判定后两名" in n for n in result.notes)


def test_city_without_counties_is_refused():
    with pytest.raises(ConfigError, match="地市 “空市” 没有任何县区数据"):
        rank_city(lambda c, y: None, [], city="空市", plan=PLAN)


def test_primary_and_junior_cvs_are_shown_apart_never_as_a_mean(monkeypatch):
    from types import SimpleNamespace

    from junheng.ledger import city

    cvs = {"410301": (0.385, 0.331), "410302": (0.30, None), "410303": (0.40, 0.20)}

    def facts(data):
        primary, junior = cvs[data.county_code]
        return SimpleNamespace(passes=False, failures=("x",), status="fail", failed_indicators=1,
                               failed_units=0, cv=lambda s: primary if s == "primary" else junior)

    monkeypatch.setattr(city.quality, "facts", facts)
    refs = [r for r in REFS if r.school_year == 2025]
    result = rank_city(lambda c, y: DATA[(c, y)], refs, city="示例市", plan=PLAN,
                       evaluator=lambda d: d)
    first = standing(result, "410301", 2025)
    assert (first.primary_cv, first.junior_cv) == (0.385, 0.331)
    assert (standing(result, "410302", 2025).primary_cv,
            standing(result, "410302", 2025).junior_cv) == (0.30, None)
    row = ranking_dict(result)["rankings"]["2025"][0]
    assert (row["county_code"], row["primary_cv"], row["junior_cv"]) == ("410302", 0.30, None)


def test_indicators_and_units_are_counted_apart(monkeypatch):
    """rv2 finding 2: the ranking read 「未达标项 60」 where the 自评 says 「未达标指标 15 项，另有 45 个
    评估单位未达到学校达标要求」. In 2024 乙区 and 丙区 both meet 1 of 3 targets; 乙区 fails 1 indicator
    and 45 units (46 failures), 丙区 2 indicators and no unit: 乙区 ranks ahead on indicators (it
    was behind on the 46 counted as 项)."""
    from types import SimpleNamespace

    from junheng.ledger import city

    counts = {"410301": (0, 0), "410302": (1, 45), "410303": (2, 0), "410304": (0, 0)}

    def facts(data):
        n, units = counts[data.county_code]
        return SimpleNamespace(passes=False, failures=("x",) * (n + units), status="fail",
                               failed_indicators=n, failed_units=units, cv=lambda s: 0.3)

    monkeypatch.setattr(city.quality, "facts", facts)
    refs = [r for r in REFS if r.school_year == 2024]
    result = rank_city(lambda c, y: DATA[(c, y)], refs, city="示例市", plan=PLAN,
                       evaluator=lambda d: d)
    b, c = standing(result, "410302", 2024), standing(result, "410303", 2024)
    assert (b.quality_failures, b.quality_failed_units) == (1, 45)
    assert (c.quality_failures, c.quality_failed_units) == (2, 0)
    assert (b.rank, c.rank) == (3, 4)
    row = next(r for r in ranking_dict(result)["rankings"]["2024"] if r["county_code"] == "410302")
    assert (row["quality_failures"], row["quality_failed_units"]) == (1, 45)


def test_the_city_workbook_writes_cvs_with_three_decimals(monkeypatch, tmp_path):
    # the 差异系数 columns took the ledger's general number format #,##0.00## (0.3714 where the
    # evaluation writes 0.371); they take the CV format 0.000
    from types import SimpleNamespace

    import openpyxl

    from junheng.ledger import city
    from junheng.report.ledger_xlsx import write_city_xlsx

    def facts(data):
        return SimpleNamespace(passes=False, failures=("x",), status="fail", failed_indicators=1,
                               failed_units=0, cv=lambda s: 0.371406 if s == "primary" else 0.325564)

    monkeypatch.setattr(city.quality, "facts", facts)
    refs = [r for r in REFS if r.school_year == 2025]
    result = rank_city(lambda c, y: DATA[(c, y)], refs, city="示例市", plan=PLAN,
                       evaluator=lambda d: d)
    sheet = openpyxl.load_workbook(write_city_xlsx(result, tmp_path / "排名.xlsx"))["排名"]
    heads = [c.value for c in sheet[4]]
    cells = [sheet.cell(5, heads.index(h) + 1) for h in ("优质均衡小学综合差异系数", "优质均衡初中综合差异系数")]
    assert [(c.value, c.number_format) for c in cells] == [(0.371406, "0.000"), (0.325564, "0.000")]
