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
