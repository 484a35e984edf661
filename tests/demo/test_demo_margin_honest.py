"""Brief hhonest2 on the demo (洛北县; review rv13 findings 1, 2, 12). integ said 「按测算 2030 学年
达到标准」 for the 2,000-pupil cap on 第一初级中学's 2 pupils of margin, counted 42/44 and 14/18
达标 without saying they rest on margins inside the forecast's error, and printed 大班额 「0」
while 10 classrooms were still short in the target year."""

from __future__ import annotations

import json

from demo_helpers import docx_text

from docx import Document
from openpyxl import load_workbook

from junheng.planning.compliance_summary import held as held_apart

#: the documents with the 指标整改措施 table (the 自评 points to it since brief hshort3)
MEASURES = ("compliance/整改措施.docx",)


def _rows(path) -> list[list[str]]:
    return [[c.text for c in r.cells] for t in Document(str(path)).tables for r in t.rows]


def _plan(demo_run) -> dict:
    return json.loads((demo_run.out / "compliance" / "plan.json").read_text(encoding="utf-8"))


def test_no_size_row_says_met_on_a_margin_inside_the_forecast_error(demo_run):
    # plan.json: 第一初级中学 1,998 of 2,000 (margin 2) and 实验中学 1,986 (margin 14), both under
    # ⌈pupils × 2.56 %⌉ ≈ 51–52: the row is 待核实 with both named, in 整改措施 and 自评 alike
    near = [(m["name"], m["margin"]) for m in _plan(demo_run)["size_margins"]]
    assert near == [("洛北县第一初级中学", 2), ("洛北县实验中学", 14)]
    for name in MEASURES:
        (row,) = [r for r in _rows(demo_run.out / name) if r[0].startswith("所有小学、初中规模不超过 2000 人")
                  and r[-1].startswith("计入本方案测算")]
        assert "达到标准" not in row[-1]
        # rv28 5: 「均小于预测误差」 is the 完成学年's now, the year kept beside it
        assert row[-1] == ("计入本方案测算；待核实：按预测中位数 2030 学年不超过上限（洛北县第一初级中学余 2 人、"
                           "洛北县实验中学余 14 人），须逐年核定招生")
        assert row[-2] == "2030 学年（余量小于预测误差）"


def test_school_counts_say_the_middle_figure_and_the_fragile_beside(demo_run):
    doc = _plan(demo_run)
    fragile = {s: v["fragile_passing"] for s, v in doc["after"]["stages"].items()}
    # every fragile unit passes and is named by the one rule (standard_margins / sports floor)
    assert {"洛北县第一初级中学", "洛北县第三初级中学", "洛北县新区实验学校"} <= set(fragile["junior"])
    assert {"洛北县东城小学", "洛北县第四小学"} <= set(fragile["primary"])
    # rv14 N4: a pass at a school whose new rooms have no site is held apart (2 of each stage),
    # and not counted among the fragile either
    # brief hland: and a pass only with the layout's land not yet granted (东城小学) likewise
    # rv29 2: and a pass only once new 骨干 are 认定 (7 小学, 3 初中) likewise: 32/44 and 9/18
    held = {s: {n for names, _ in held_apart(v) for n in names} for s, v in doc["after"]["stages"].items()}
    shown = {s: len([f for f in fragile[s] if f not in held[s]]) for s in fragile}
    primary = f"按预测中位数 32/44 所达标（另 11 所待核实），其中 {shown['primary']} 所余量小于预测误差"
    junior = f"按预测中位数 9/18 所达标（另 5 所待核实），其中 {shown['junior']} 所余量小于预测误差"
    for name in MEASURES:
        cells = [r[-1] for r in _rows(demo_run.out / name) if "学校达标（资源配置 7 项指标）" in r[0]]
        assert any(primary in c for c in cells) and any(junior in c for c in cells)
    book = load_workbook(demo_run.out / "compliance" / "达标路径工作簿.xlsx", read_only=True, data_only=True)
    counts = [row for row in book["差异系数"].iter_rows(values_only=True) if row[1] == "达标学校数"]
    assert counts and all(str(row[-2]).startswith("按预测中位数 ") for row in counts)


def test_the_floor_schools_get_the_priced_margin_past_the_error(demo_run):
    cover = _plan(demo_run)["floor_cover"]
    first = [c for c in cover if c["name"] == "洛北县第一初级中学"]
    assert first and first[0]["fits"]  # 1,835 m² of its own ground left (rv13 2)
    text = docx_text(demo_run.out / "compliance" / "整改措施.docx")
    c = first[0]
    assert (f"洛北县第一初级中学（初中，可多容纳 {c['error']:,} 人）须再建室外体育运动场地 {c['m2']:,} 平方米、约 "
            f"{c['cost']:,.2f} 万元（校内空地建设后余 {c['spare']:,} 平方米，够用）") in text


def test_oversized_classes_are_not_a_bare_zero_while_rooms_are_short(demo_run):
    rows = _rows(demo_run.out / "布局调整方案.docx")
    (now, big) = [r for r in rows if r[0].startswith("大班额班级数")]
    # rv29 7: today's 191 actual classes in a row of their own, the modelled row without them
    assert now[1:] == ["191", "—", "—", "—"] and big[1:3] == ["—", "38"]
    (short,) = [r for r in rows if r[0].startswith("县城（主城区、城乡结合区）学校缺少的普通教室")]
    # 5 since brief hnewsch rule (T) builds the target-year rooms of the schools that extend
    # (实验中学 3 and 第四中学 2 still short: they build nothing)
    assert short[3] == "5"
    assert big[3] == "0（待核实：规划年仍缺普通教室 5 间，在借用教室上课的班级按平均班额计入）"
    for name in MEASURES:
        (row,) = [r for r in _rows(demo_run.out / name) if r[0].startswith("小学、初中所有班级学生数")
                  and r[-1].startswith("计入本方案测算")]
        assert "仍缺普通教室 5 间" in row[-1] and "达到标准" not in row[-1]
        # rv28 5: the 5 rooms wait on the 局务会, whose choice the plan does not price: no year
        assert row[-2] == "—（须局务会决定：核定用地后新建，或调整起始年级的学区，本方案无计价措施）"


def test_the_workbook_sheet_the_self_report_names_has_the_same_completion_years(demo_run):
    # rv28 5: the 自评报告 names the workbook's 指标整改措施 sheet for table 1's rows; its 完成学年
    # column (the 7th) reads as the 整改措施's, from the one function (compliance_due.decided_due)
    book = load_workbook(demo_run.out / "compliance" / "达标路径工作簿.xlsx", read_only=True)
    due = {str(r[0]): r[6] for r in book["指标整改措施"].iter_rows(values_only=True) if r and r[0] and len(r) > 6}
    assert due["小学、初中所有班级学生数分别不超过 45 人、50 人"] == (
        "—（须局务会决定：核定用地后新建，或调整起始年级的学区，本方案无计价措施）")
    assert due["所有小学、初中规模不超过 2000 人，九年一贯制、十二年一贯制学校义务教育阶段规模不超过 2500 人"] == (
        "2030 学年（余量小于预测误差）")
    report = docx_text(demo_run.out / "自评报告.docx")
    assert "“指标整改措施”表的完成学年按局务会决定相应事项后计" in report and "余量小于预测误差的按预测中位数列并注明。" in report
