"""The layout comparison compares like with like: 大班额 of the target year without and with the
plan are counted the same way (pupils formed into the rooms), 当前 is today's actual classes,
and every output (plan.json, plan.xlsx, the HTML and Word reports' rows, the web page, the CLI)
prints the same three figures, money written once by model/numbers.py.

The county (layout_builders.line_county without village 4, C1 with 2 rooms): by the target year
2025, C1 teaches villages 1 and 2's grades 1–6 (60 + 60 + 30 + 30) and village 3's grades 4–6
(12) = 192 primary pupils in 2 rooms, 96 a room: both classes 大班额 without the plan. The
plan merges TP (village 3's 12 in grades 1–3) into C1 and adds 3 rooms: 204 in 5 rooms, 40.8 a
room, none. Today C1 has classes of 60, 40 and 40: one 大班额 (56 or more).
"""

from __future__ import annotations

import re

from layout_builders import C1, FLAT_COSTS, TP, J, county, school, village
from openpyxl import load_workbook

from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.report.html_report import _layout as html_layout
from junheng.report.layout_xlsx import write_layout_xlsx
from junheng.report.plan_rows import layout_summary
from junheng.web.layout_view import result_context

# today_shares off: the figures are worked out from the villages' children (see
# test_layout_real for the scaling to today's pupils)
# keep_points_beyond_review off: worked before that rule (TP's young pupils ride 28.8
# minutes to C1, so the rule would keep TP)
RULES = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
         "weights": FLAT_COSTS, "today_shares": False, "keep_points_beyond_review": False}
#: rv29 7: today's actual classes and the plan year's modelled ones in rows of their own
LABEL = "大班额班级数（按平均班额测算，不是实际班级数，见说明）"
ACTUAL = "大班额班级数（实际班级，按班级表逐班计）"


def crowded_county():
    villages = [village(1, 112.00, g13=60, g46=60, g79=60),
                village(2, 112.05, g13=30, g46=30, g79=30),
                village(3, 112.10, g13=12, g46=12, g79=12)]
    schools = [school(C1, "primary_school", 112.00, beds=100),
               school(TP, "teaching_point", 112.10, central=C1),
               school(J, "junior_school", 112.05, beds=200)]
    classes = [{"school_id": C1, "grade": g, "class_no": "1", "students": n}
               for g, n in (("g1", 60), ("g2", 40), ("g3", 40))]
    return county(villages, schools, {C1: 2, TP: 2, J: 12}, classes)


def _plan():
    return plan_layout(crowded_county(), load_layout_config(None, **RULES), evaluate_cvs=False)


def test_oversized_classes_before_and_after_share_one_basis_and_today_is_apart():
    plan = _plan()
    actions = {s.school_id: (s.action, s.added_classrooms) for s in plan.outcome.schools}
    # rule (27): C1's 204 primary pupils in 2025 form, grade by grade (its grades 1–3 at 60/40/40 of
    # 140, grades 4–6 a third each), 3 + 3 classes beyond its 2 rooms: 4 added (3 by its seats, 204 / 45)
    assert actions == {C1: ("expand", 4), TP: ("close", 0), J: ("keep", 0)}
    m = plan.metrics
    assert (m["now"]["oversized_classes"], m["before"]["oversized_classes"],
            m["after"]["oversized_classes"]) == (1, 2, 0)


def test_every_output_prints_the_same_three_figures(tmp_path):
    outcome = layout_from_json(layout_json(_plan().outcome))  # through plan.json
    row, actual = ["—", "2", "0", "-2"], ["1", "—", "—", "—"]
    ws = load_workbook(write_layout_xlsx(outcome, tmp_path / "plan.xlsx"))["调整前后对比"]
    cells = {r[0].value: [c.value for c in r[1:]] for r in ws.iter_rows(min_row=2)}
    assert (cells[ACTUAL], cells[LABEL]) == (["个", 1, "—", "—", "—"], ["个", "—", 2, 0, -2])
    assert ws.cell(1, 2).value == "单位"
    assert ws.cell(1, 3).value == "当前（2025 学年）"
    assert ws.cell(1, 4).value == "规划年（2025 学年，不调整：按村居划片）"
    summary = layout_summary(outcome)  # the rows of the HTML and Word reports
    assert [r[1:] for r in summary.metrics if r[0] in (ACTUAL, LABEL)] == [tuple(actual), tuple(row)]
    assert summary.notes[0].startswith("“当前”和“规划年（不调整）”两列按村居适龄儿童测算")
    assert any(n.startswith("大班额：“当前”为 2025 学年实际班级中 56 人及以上的班级数（按班级表逐班计）；"
                            "规划年两列没有实际班级，按平均班额测算") and "按平均班额测算为 0 不等于没有大班额" in n
               for n in summary.notes[1:])
    html = html_layout(outcome)
    for cells in ([ACTUAL, *actual], [LABEL, *row]):
        assert "<td>" + "</td><td>".join(cells) + "</td>" in html.replace('<td class="n">', "<td>")
    page = result_context(outcome, crowded_county())
    assert [r[1:] for r in page["metrics"] if r[0] in (ACTUAL, LABEL)] == [actual, row]
    # the page shows every note behind 更多说明 (those asking for work first), a short few above
    assert sorted(page["more_notes"]) == sorted(summary.notes)
    assert len(page["metric_notes"]) <= 5


def test_money_is_written_in_yuan_or_wan_by_magnitude_in_every_output(tmp_path):
    outcome = _plan().outcome
    # 4 classrooms (rule (27), the test above) × 120 m² × 3,500 元 = 1,680,000 元 ≥ one million: 168.00 万元;
    # the yearly share over 20 years, 84,000 元, is written in 万元 too: all money rows read in the unit of
    # the largest (review2 finding 9: "建设投资年均摊 714,000 元" among 万元 rows).
    summary = layout_summary(outcome)
    capital = next(r for r in summary.metrics if r[0] == "财政支出：建设投资（一次性）：新建、扩建")
    assert capital[2:] == ("0.00 万元", "168.00 万元", "168.00 万元")
    annual = next(r for r in summary.metrics if r[0] == "综合评价：建设投资年均摊（每年，临时周转教室不计）")
    assert annual[2:] == ("0.00 万元", "8.40 万元", "8.40 万元")
    ws = load_workbook(write_layout_xlsx(outcome, tmp_path / "plan.xlsx"))["调整前后对比"]
    cells = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert [c.value for c in cells["财政支出：建设投资（一次性）：新建、扩建"][1:5]] == ["万元", 0, 0, 168]
    assert [c.number_format for c in cells["财政支出：建设投资（一次性）：新建、扩建"][3:5]] == ['#,##0.00" 万元"'] * 2
    assert [c.value for c in cells["综合评价：建设投资年均摊（每年，临时周转教室不计）"][4:5]] == [8.4]
    assert cells["综合评价：建设投资年均摊（每年，临时周转教室不计）"][4].number_format == '#,##0.00" 万元"'


def test_cli_prints_the_three_columns_and_the_bases(tmp_path):
    from junheng.cli.app import console
    from junheng.cli.plan import _print_plan

    with console.capture() as captured:
        _print_plan(_plan().outcome, tmp_path)
    text = captured.get()
    assert "当前（2025 学年）" in text and "不调整" in text and "调整后" in text
    assert "说明：大班额：“当前”为 2025 学年实际班级中 56 人及以上的班级数" in " ".join(text.split())
    lines = [x for x in text.splitlines() if "大班额班级数" in x]
    # a table row where the console is wide enough, one 「指标：当前 …；不调整 …；调整后 …」 line
    # below 100 columns (cli/console.stack_below, review rw 10); today's actual classes in a row
    # of their own (rv29 7)
    cells = [[c.strip() for c in line.split("│")[2:5]] if "│" in line else re.findall(
        r"(?:当前|不调整|调整后)[^；：]*?\s(\d+|—)", line) for line in lines]
    assert cells == [["1", "—", "—"], ["—", "2", "0"]]


def test_web_form_calls_the_per_site_cost_what_it_is():
    from junheng.web.layout_view import FORM_FIELDS

    label = next(f.label for f in FORM_FIELDS if f.key == "weights.operating_yuan_per_school")
    # brief hsite: the default is one full-time guard (brief hguard: at 河南's minimum wage, a lower bound); water, power, heating and upkeep are 公用经费
    assert label == ("每个校点每年的校点运行费用（默认 1.92 万元：1 名专职保安，按河南最低工资标准计，下限；水电、取暖和维修在生均公用经费和公用经费保底中，"
                     "不重复计；不含教职工人员经费）")
