"""Review rv28 5 and 6 (brief hdates): 整改 表 1's own rule on its 完成学年 applied to the 班额
row whose rooms still borrowed wait on a 局务会 decision (no year) and to the rows met by the
forecast's middle figure within its error (the year, said so, and the rule saying how); the
county's yearly rows of the year tables carry no 合计 over a table's span, whatever the span."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.evaluate.engine import item_failure
from junheng.evaluate.items import ItemResult, Status
from junheng.evaluate.verdict import Verdict
from junheng.model import numbers
from junheng.planning.compliance_due import decided_due, status_line
from junheng.planning.compliance_measures import Context, _unit_rows, measure_rows
from junheng.planning.layout_footprint import borrowing_words
from junheng.planning.policy_costs import policy_year_rows
from junheng.standards import load_standard

STD = load_standard("quality-2017")
CLASSES = ItemResult(STD.indicator("class_size"), 0.779, Status.NOT_MET, base="未超标准班额班级 1,000/1,284 个")
SIZE = ItemResult(STD.indicator("school_size"), 0.909, Status.NOT_MET, base="未超规模学校 50/55 所")


def _evaluation(*failing: ItemResult) -> SimpleNamespace:
    """An evaluation by hand with the 班额 and 校额 items, failing as ``failing`` says."""
    return SimpleNamespace(verdict=Verdict(tuple(item_failure(r) for r in failing), ()),
                           guarantee=(SIZE, CLASSES), quality=(), conditions=(), stages={},
                           basic_standard=None, standard=STD)


def _row(rows, name: str):
    return next(r for r in rows if r["item"] == name)


def test_the_class_row_whose_borrowed_rooms_wait_on_the_bureau_has_no_year():
    # 3 + 2 = 5 rooms still borrowed in 2030, not built: the rest waits on the 局务会
    where = borrowing_words([("甲中学", 3, True), ("乙中学", 2, False)])
    ctx = Context(_evaluation(), frozenset(), True, 2027, 2030, rooms_short=5, rooms_where=where)
    row = _row(measure_rows(_evaluation(CLASSES), ctx), CLASSES.indicator.name)
    assert row["after"].startswith("待核实：按平均班额测算 2030 学年不超过标准班额，但该学年仍缺普通教室 5 间")
    assert decided_due(row, {}) == "—（须局务会决定：核定用地后新建，或调整起始年级的学区，本方案无计价措施）"
    # no room short, or short with no school left borrowing: nothing waits, the year stands
    for short, said in ((0, ""), (5, "")):
        ctx = Context(_evaluation(), frozenset(), True, 2027, 2030, rooms_short=short, rooms_where=said)
        assert decided_due(_row(measure_rows(_evaluation(CLASSES), ctx), CLASSES.indicator.name), {}) == "2030 学年"


def test_the_size_row_within_the_forecast_error_keeps_its_year_said_so_and_the_rule_says_how():
    # margins 2 and 14 pupils, each below the forecast's error (about ±50 per 2,000)
    near = ({"name": "第一初级中学", "margin": 2}, {"name": "实验中学", "margin": 14})
    ctx = Context(_evaluation(), frozenset(), True, 2027, 2030, near_cap=near)
    rows = measure_rows(_evaluation(SIZE), ctx)
    assert decided_due(_row(rows, SIZE.indicator.name), {}) == "2030 学年（余量小于预测误差）"
    doc = {"target_year": 2030, "confirmed": False, "measures": {"rows": rows}}
    assert status_line(doc) == (
        "按本方案已安排的措施，2030 学年全县仍不能通过复核；表 1 的完成学年按局务会决定相应事项后计（标“须局务会决定”），"
        "本方案无计价措施的事项不列完成学年，并写明原因；余量小于预测误差的按预测中位数列并注明。")
    # clear of the cap: the bare year, and the rule without the clause
    plain = measure_rows(_evaluation(SIZE), Context(_evaluation(), frozenset(), True, 2027, 2030))
    assert decided_due(_row(plain, SIZE.indicator.name), {}) == "2030 学年"
    assert status_line({**doc, "measures": {"rows": plain}}).endswith("本方案无计价措施的事项不列完成学年，并写明原因。")


def test_a_school_rule_row_passing_within_the_error_keeps_its_year_said_so():
    failing = SimpleNamespace(id="school_rule", stage="junior")
    current = SimpleNamespace(standard=STD, stages={"junior": SimpleNamespace(units=18, units_passing=5)},
                              verdict=SimpleNamespace(failures=(failing,)))
    after = SimpleNamespace(stages={"junior": SimpleNamespace(units=18, units_passing=18)},
                            units=pd.DataFrame(columns=["school_id", "stage", "name", "passes"]))
    met = _unit_rows(current, Context(after, frozenset(), True, 2027, 2030, fragile={"junior": ["一初中"]}), set())
    assert decided_due(met[0], {}) == "2030 学年（余量小于预测误差）"
    safe = _unit_rows(current, Context(after, frozenset(), True, 2027, 2030, fragile={}), set())
    assert decided_due(safe[0], {}) == "2030 学年"
    # still failing: the 仍未达标 rules, not the margin's
    still = _unit_rows(current, Context(after, frozenset(), True, 2027, 2030, fragile={"junior": ["一初中"]}),
                       {("school_rule", "junior")})
    assert "margin" not in still[0]


def test_a_yearly_row_has_no_total_over_any_table_s_years():
    # the same 26.55 a year in a 5-year and an 8-year table: 132.75 and 212.40 before, two 合计
    # for one item; now each year's figure and 「—」 in both, as Word, web and workbook print it
    doc = {"policy": {"floor_topup": {"2027": 126.98, "2028": 77.57, **{str(y): 8.57 for y in range(2029, 2035)}},
                      "training": 26.55, "from": 2027}}
    five = policy_year_rows(doc, range(2027, 2032))
    eight = policy_year_rows(doc, range(2027, 2035))
    assert [r[1] for r in five] == [[126.98, 77.57, 8.57, 8.57, 8.57], [26.55] * 5]
    assert [r[1] for r in eight] == [[126.98, 77.57, *[8.57] * 6], [26.55] * 8]
    assert {r[2] for r in five + eight} == {numbers.DASH}
    assert numbers.number(five[0][2], 2) == "—"
