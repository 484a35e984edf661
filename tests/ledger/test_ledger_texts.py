"""The ledger workbook's target text: a relative target (上一学年数值, 基准年数值) carries no
unit — the review found "不低于 上一学年数值人"."""

from __future__ import annotations

from ledger_builders import classes, county, school
from python_calamine import CalamineWorkbook

from junheng.ledger import plan_from_dict, run_ledger
from junheng.report.ledger_xlsx import write_ledger_xlsx


def _ledger(target, comparator):
    plan = plan_from_dict({
        "plan": "示例县规划", "region": {"county_code": "410306"}, "baseline_year": 2024,
        "targets": [{"id": "pupils", "name": "学位数逐年增加", "quote": "……",
                     "measure": "oversized_classes", "comparator": comparator,
                     "target": target, "unit": "个", "deadline": 2026,
                     "responsible": "县教育局"}]})
    years = {y: county(y, schools=[school("S1")], classes=classes("S1", "g1", 40 + y - 2024))
             for y in (2024, 2025)}
    return run_ledger(plan, lambda code, year: years[year], [("410306", 2024), ("410306", 2025)])


def _cells(path) -> list[str]:
    book = CalamineWorkbook.from_path(str(path))
    return [str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
            for c in row]


def test_a_relative_target_has_no_unit_and_a_number_keeps_it(tmp_path):
    relative = _cells(write_ledger_xlsx(_ledger("previous", "<="), tmp_path / "a.xlsx"))
    assert "不高于 上一学年数值" in relative
    assert not any("上一学年数值个" in c for c in relative)
    number = _cells(write_ledger_xlsx(_ledger(3, "<="), tmp_path / "b.xlsx"))
    assert "不高于 3个" in number


def test_a_pay_ratio_prints_three_decimals_as_the_evaluation_does():
    # Review finding 14: the ledger showed teacher pay at "0.99" where the evaluation says
    # "0.995 倍"; the 县级指标 is a ratio (比值), so the ledger row is in 倍 with 3 decimals
    from ledger_builders import indicator

    from junheng.cli.ledger import _shown
    from junheng.report.plan_rows import ledger_rows
    from junheng.web.app import _format_target_value

    plan = plan_from_dict({
        "plan": "示例县规划", "region": {"county_code": "410306"}, "baseline_year": 2024,
        "targets": [{"id": "pay", "name": "教师平均工资不低于公务员平均工资", "quote": "……",
                     "measure": {"name": "county_indicator", "params": {"code": "teacher_pay_ratio"}},
                     "comparator": ">=", "target": 1, "deadline": 2026, "responsible": "县财政局"}]})
    data = county(2025, county_indicators=[indicator("teacher_pay_ratio", 0.995)])
    (t,) = run_ledger(plan, lambda code, year: data, [("410306", 2025)]).targets
    assert t.unit == "倍"
    assert _shown(t.values[2025], t.kind, t.unit) == "0.995"  # the CLI
    assert _format_target_value(t.values[2025], t.unit) == "0.995 倍"  # the web
    (row,) = ledger_rows(run_ledger(plan, lambda code, year: data, [("410306", 2025)]))
    assert (row.target, row.latest) == ("不低于 1 倍", "0.995 倍")  # the 自评报告 (review2 finding 8: "0.995倍")


def test_the_measure_column_names_a_backbone_level_and_a_training_category_each_in_its_own_words():
    # Review rv finding 14: 最低骨干等级 read "县培" (the 培训类别 label of the same code "county")
    from junheng.report.ledger_xlsx import _measure_text

    plan = plan_from_dict({
        "plan": "示例县规划", "region": {"county_code": "410306"}, "baseline_year": 2024,
        "targets": [{"id": "new", "name": "选拔县级骨干教师500名以上", "quote": "……",
                     "measure": {"name": "backbone_designated", "params": {"min_level": "county", "since": 2024}},
                     "comparator": ">=", "target": 500, "unit": "人", "deadline": 2026, "responsible": "县教育局"},
                    {"id": "trained", "name": "每年培训一线教师不少于1000名", "quote": "……",
                     "measure": {"name": "teachers_trained",
                                 "params": {"ownership": "public", "min_category": "county"}},
                     "comparator": ">=", "target": 1000, "unit": "人", "deadline": 2026, "responsible": "县教育局"}]})
    data = county(2025, schools=[school("S1")], classes=classes("S1", "g1", 40))
    new, trained = run_ledger(plan, lambda code, year: data, [("410306", 2025)]).targets
    assert _measure_text(new) == "新认定骨干教师数（最低骨干等级 县级，起始学年 2024）"
    assert _measure_text(trained) == "年度参训教师数（举办者 公办，最低培训类别 县培）"
