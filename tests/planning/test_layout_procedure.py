"""The procedure a closure needs before it takes effect (review rv10 finding 7): the section
撤并程序 of 布局调整方案, the 撤并程序 column of 表 3 and of the workbook's 调整方案 sheet."""

from __future__ import annotations

from dataclasses import replace

from docx import Document
from openpyxl import load_workbook

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
from junheng.planning.layout_procedure import (
    BASIS,
    PENDING,
    STATUS_HEAD,
    hearing_premise,
    pending_clause,
    procedure_paragraphs,
    procedure_status,
    unfit_closures,
)
from junheng.report.layout_docx import write_layout_docx
from junheng.report.layout_xlsx import write_layout_xlsx
from junheng.report.plan_rows import layout_summary


def _school(sid: str, name: str, action: str, **kw) -> PlannedSchool:
    return PlannedSchool(sid, name, action, capacity={"primary": 0, "junior": 0},
                         students_after={"primary": 0, "junior": 0}, **kw)


def _plan(**kw) -> LayoutOutcome:
    """Two closure years from data year 2025: phase 2 (2027 学年) closes two points of 11 and
    7 pupils with 2 and 1 teachers, phase 4 (2029 学年) one school of 40 pupils and 5 teachers;
    丁小学 expands in 2029 and closes nothing."""
    schools = (
        _school("P1", "甲村教学点", "close", kind="teaching_point", merged_into="E", phase=2,
                students_now=11, teachers_to_redeploy=2),
        _school("P2", "乙村教学点", "close", kind="teaching_point", merged_into="E", phase=2,
                students_now=7, teachers_to_redeploy=1),
        _school("S3", "丙村小学", "close", kind="primary", merged_into="E", phase=4,
                students_now=40, teachers_to_redeploy=5),
        _school("E", "丁小学", "expand", kind="primary", phase=4, added_classrooms=2))
    return LayoutOutcome("optimal", schools, {"before": {}, "after": {}}, year=2025, target_year=2030,
                         rules={"day_travel_limit_min": 30}, **kw)


def test_each_closure_year_says_what_is_due_by_when_and_what_an_objection_does():
    # By hand: 2027 学年 closes 2 points, 11 + 7 = 18 pupils, 2 + 1 = 3 teachers; each step
    # dated from the year before (论证 by September, 听证 by December, before the spring term);
    # 2029 学年 closes 1 school (40 pupils, 5 teachers), its steps from 2028; the last closure
    # year is 2029, so its closures moved go past the plan's years.
    assert procedure_paragraphs(_plan()) == [
        BASIS,
        "2027 学年撤并教学点 2 个（现有在校生 18 人、教师 3 人）：2026 年 9 月底前完成逐点论证报告，"
        "2026 年 12 月底前（2027 年春季学期开学前）召开听证会，2027 年 3 月底前公示撤并方案和听证结果，"
        "2027 年 5 月底前完成报批，2027 年 9 月秋季开学起撤并。",
        "2029 学年撤并学校 1 所（现有在校生 40 人、教师 5 人）：2028 年 9 月底前完成逐点论证报告，"
        "2028 年 12 月底前（2029 年春季学期开学前）召开听证会，2029 年 3 月底前公示撤并方案和听证结果，"
        "2029 年 5 月底前完成报批，2029 年 9 月秋季开学起撤并。",
        "论证报告逐点写明：学生并入哪所学校、撤并后上学距离和单程时间（走读单程不超过 30 分钟，超过的安排校车或"
        "寄宿）、上下学交通安全，并入学校的教室、住宿和就餐条件，教师调配；不得因撤并造成学生上学不便或辍学。"
        "听证会听取学生家长、学校师生、村民自治组织和乡镇人民政府的意见。“布局调整项目与实施学年”表和"
        "《布局调整方案工作簿》“调整方案”表的“撤并程序”列逐点记录进度（现均为“待论证、听证”）。",
        "多数学生家长反对或听证会多数代表反对的，该校点不撤并：顺延到下一学年重新论证、听证，或不再撤并"
        "（2029 学年撤并的顺延后超出本方案的实施期）。本方案是按“布局调整项目与实施学年”表的撤并全部如期实施"
        "求解的：顺延或不撤并的校点，其学生和教师留在原校点，接收学校的学生数和所需教室、教师调配和编制、"
        "分年度财政支出中运行支出的节省、调整前后对比中的教学点数和校际差异系数都与本方案不同，须把该校点改为"
        "保留重新测算。",
    ]


def test_the_rule_is_quoted_from_the_2016_notice_restating_48号():
    # the words as 中国教育报 printed the 通报 (2016-10): 论证、公示、报批, 听证会, 不得强行撤并
    assert "国办发〔2012〕48号《国务院办公厅关于规范农村义务教育学校布局调整的意见》" in BASIS
    assert ("“各地必须严格履行撤并方案的制订、论证、公示、报批等程序，并通过举行听证会等多种有效途径，"
            "保障群众充分参与并监督决策过程。多数学生家长反对或听证会多数代表反对，") in BASIS
    assert BASIS.endswith("均不得强行撤并。”")


def test_a_plan_closing_nothing_has_no_procedure_and_no_clause():
    plan = LayoutOutcome("optimal", (PlannedSchool("E", "丁小学", "expand", phase=4),), {}, year=2025)
    assert procedure_paragraphs(plan) == []
    assert pending_clause(plan) == ""


def test_a_plan_without_a_data_year_gives_the_steps_relative_to_the_closure_year():
    plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲村教学点", "close", kind="teaching_point",
                                                   phase=1, students_now=6, teachers_to_redeploy=1),), {})
    assert procedure_paragraphs(plan)[1] == (
        "第 1 期撤并教学点 1 个（现有在校生 6 人、教师 1 人）：实施学年前一年 9 月底前完成逐点论证报告，"
        "12 月底前（春季学期开学前）召开听证会，实施学年 3 月底前公示撤并方案和听证结果，5 月底前完成报批，"
        "9 月秋季开学起撤并。")
    assert "（最后一期撤并的顺延后超出本方案的实施期）" in procedure_paragraphs(plan)[-1]


def test_every_closure_in_table_3_and_the_sheet_is_pending_and_nothing_else_is(tmp_path):
    assert {a.name: a.procedure for a in layout_summary(_plan()).actions} == {
        "甲村教学点": PENDING, "乙村教学点": PENDING, "丙村小学": PENDING, "丁小学": ""}
    head, *rows = [[c.value for c in r] for r in
                   load_workbook(write_layout_xlsx(_plan(), tmp_path / "plan.xlsx"))["调整方案"].iter_rows()]
    assert head[5:7] == ["实施学年", STATUS_HEAD]
    assert {r[1]: r[6] for r in rows if r[1]} == {
        "甲村教学点": "待论证、听证", "乙村教学点": "待论证、听证", "丙村小学": "待论证、听证", "丁小学": None}


def test_the_word_plan_has_the_section_after_table_3_and_the_column(tmp_path):
    doc = Document(str(write_layout_docx(_plan(), tmp_path / "布局调整方案.docx")))
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("（三）撤并程序")  # right after 表 3, the next sub-head
    assert texts[at - 2:at] == ["（二）调整项目与实施学年", "表 3  布局调整项目与实施学年"]
    assert texts[at + 1:at + 3] == procedure_paragraphs(_plan())[:2]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "实施学年")
    assert [c.text for c in table.rows[0].cells] == ["实施学年", "学校", "调整方式", "内容", "撤并程序"]
    assert [c.text for c in table.rows[1].cells][::4] == ["2027 学年", "待论证、听证"]


def test_a_step_due_before_the_plan_was_made_is_said_to_be_late():
    # made on 2026-12-06: the 2027 closures' 论证 was due by 2026-09-30 (late), their 听证 by
    # 2026-12-31 (not yet); the 2029 closures' steps all lie ahead
    plan = _plan()
    made = LayoutOutcome(plan.status, plan.schools, plan.metrics, year=2025, target_year=2030,
                         rules={"day_travel_limit_min": 30, "plan_date": "2026-12-06"})
    _, first, last, *_ = procedure_paragraphs(made)
    assert first == (
        "2027 学年撤并教学点 2 个（现有在校生 18 人、教师 3 人）：2026 年 9 月底前完成逐点论证报告（本方案编制日期 "
        "2026 年 12 月 6 日已过此期限，须在下一步之前补做，来不及的该学年撤并顺延一年），2026 年 12 月底前（2027 年春季学期"
        "开学前）召开听证会，2027 年 3 月底前公示撤并方案和听证结果，2027 年 5 月底前完成报批，2027 年 9 月秋季开学起撤并。")
    assert last == procedure_paragraphs(_plan())[2]


def _bedless(beds: int = 0, share: float = 0.0, **kw) -> LayoutOutcome:
    """:func:`_plan` where 丙村小学's closure sends 丁小学 12 pupils of grades 4–6 from 戊村 at
    34.0 minutes one way (beyond the 30-minute day limit, so they board by the rule), counted
    as boarders at ``share``, and 丁小学 has ``beds`` beds after the plan; 甲村教学点's 5 pupils
    of grades 1–3 from 己村 at 35.0 minutes do not board by the rule; 丁小学's own 9 pupils of
    grades 4–6 from 庚村 at 33.0 minutes keep their school, day pupils as today (rule (20))."""
    plan = _plan()
    schools = tuple(replace(s, beds_after=beds) if s.school_id == "E" else s for s in plan.schools)
    far = (VillageAssignment("V5", "grades_4_6", "E", 12, 14.0, 34.0, True, share, "戊村", before_school="S3"),
           VillageAssignment("V6", "grades_1_3", "E", 5, 14.5, 35.0, True, 0.0, "己村", before_school="P1"),
           VillageAssignment("V7", "grades_4_6", "E", 9, 13.5, 33.0, True, 0.0, "庚村", before_school="E"))
    return replace(plan, schools=schools, assignments=far,
                   costs={"dormitory_yuan_per_m2": 3500.0, "bed_area_m2": 8.0},
                   rules={"day_travel_limit_min": 30, "bed_block": 50}, **kw)


def test_a_closure_sending_boarders_to_a_school_without_beds_is_marked_unfit():
    # 丙村小学 sends 12 pupils who board by the rule to 丁小学, 0 beds: its closure breaks
    # 「并入学校住宿…不能满足需要…不得强行撤并」; the points send grades 1–3, who never board
    plan = _bedless()
    assert unfit_closures(plan) == {"S3": (("E", 12),)}
    assert {a.name: a.procedure for a in layout_summary(plan).actions} == {
        "甲村教学点": PENDING, "乙村教学点": PENDING,
        "丙村小学": "不具备撤并条件：接收学校无寄宿床位（转入须寄宿 12 人）", "丁小学": ""}
    # counted as boarders, 10 beds: 12 boarders, so 2 of the closure's have no bed; a closure
    # split between two receivers names the one short
    short = _bedless(beds=10, share=1.0)
    assert unfit_closures(short) == {"S3": (("E", 2),)}
    split = replace(short.schools[2], moved_pupils={"E": 8, "F": 3})
    assert procedure_status(split, short) == (
        "不具备撤并条件：接收学校丁小学寄宿床位不足（规划后 10 张，转入须寄宿的另有 2 人没有床位）")
    # 50 beds hold them; without the plan (or with no pupil beyond the limit) only pending
    assert unfit_closures(_bedless(beds=50, share=1.0)) == {}
    assert procedure_status(split) == PENDING
    assert procedure_status(split, _plan()) == PENDING
    assert unfit_closures(_plan()) == {}


def test_the_receivers_own_pupils_beyond_the_day_limit_do_not_bar_a_closure():
    # rv11 5 as the demo had it (brief hbed): 丁小学's own 9 pupils of 庚村 keep their school
    # beyond the limit without a bed (rule (20): as today); the closures send it no boarder
    plan = _bedless()
    own = replace(plan, assignments=plan.assignments[1:])
    assert unfit_closures(own) == {}
    assert {a.name: a.procedure for a in layout_summary(own).actions}["丙村小学"] == PENDING


def test_the_section_names_the_unfit_closures_and_what_beds_would_cost():
    # 12 pupils need 1 block of 50 beds: 50 × 8 m² × 3,500 元 = 1,400,000 元 = 140.00 万元
    _, _, _, unfit, steps, _ = procedure_paragraphs(_bedless())
    assert unfit == (
        "不具备撤并条件：学校 1 所撤并后转入的学生中有按规则须寄宿的（四至九年级走读单程按直线距离估算超过 30 分钟），"
        "接收学校没有床位给他们，不符合上引“并入学校住宿和就餐条件不能满足需要……均不得强行撤并”："
        "丁小学（规划后床位 0 张）接收丙村小学（2029 学年 12 人）。这些校点撤并前须先解决住宿：按实际道路核实通行时间"
        "（在 30 分钟内则走读，不需床位），或在接收学校新建宿舍床位（丁小学 50 张、140.00 万元，未计入本方案总投资）；"
        "未解决的，该校点不撤并，按下文“顺延或不撤并”的办法重新测算。")
    assert steps.endswith("逐点记录进度（现为“待论证、听证”，接收学校不具备条件的写明“不具备撤并条件”和原因）。")
    # the 整改 and 自评 say so where they call the layout's measures done 按计划
    assert pending_clause(_bedless()) == (
        "（其中撤并须先经论证、听证、公示、报批，听证后顺延或不撤并的，须重新测算；学校 1 所的接收学校"
        "没有床位给转入的按规则须寄宿的学生，不具备撤并条件（见布局调整方案“撤并程序”））")
    assert pending_clause(_plan()) == "（其中撤并须先经论证、听证、公示、报批，听证后顺延或不撤并的，须重新测算）"


def test_the_sheet_marks_the_unfit_closures(tmp_path):
    rows = [[c.value for c in r] for r in
            load_workbook(write_layout_xlsx(_bedless(), tmp_path / "plan.xlsx"))["调整方案"].iter_rows()][1:]
    assert {r[1]: r[6] for r in rows if r[1] in ("甲村教学点", "丙村小学")} == {
        "甲村教学点": PENDING, "丙村小学": "不具备撤并条件：接收学校无寄宿床位（转入须寄宿 12 人）"}


def _saving(made: str | None) -> LayoutOutcome:
    """Two points close in 2027 (phase 2 from 2025): the floor falls 8 万 and boarding 1 万 a
    year (a fall at the set price, apart: brief hwords3 1), so the closures' step is −8.00 万元
    a year from 2027 (as running_steps' doctest); the whole change −12.84 万 less the two points'
    2 × −1.92 万 at the shipped price (brief hsite, hguard) and boarding's −1 万 leaves −8 万."""
    return LayoutOutcome(
        "optimal", (PlannedSchool("P", "甲教学点", "close", kind="teaching_point", phase=2),
                    PlannedSchool("Q", "乙教学点", "close", kind="teaching_point", phase=2)),
        {"before": {"operating_yuan": 500_000.0, "funding_floor_yuan": 100_000.0, "boarding_cost_yuan": 50_000.0},
         "after": {"operating_yuan": 371_600.0, "funding_floor_yuan": 20_000.0, "boarding_cost_yuan": 40_000.0}},
        year=2025, target_year=2027, weights={"operating_yuan_per_school": 19_200},
        rules={"plan_date": made} if made else {})


def test_table_2_says_a_late_tranches_saving_rests_on_its_hearings():
    # made 2026-12-06: the 2027 closures' 论证 was due by 2026-09-30; moved a year, 2027's
    # −8.00 万元 becomes 0.00 and the 累计 loses one year of it, 8.00 万元 (−9.00 before brief
    # hwords3 1 set boarding's −1 万 fall at the set price apart)
    assert hearing_premise(_saving("2026-12-06")) == (
        "2027 学年撤并教学点 2 个的论证报告期限（2026 年 9 月底）在本方案编制日期（2026 年 12 月 6 日）前已过，"
        "表中自 2027 学年起计的运行成本节省以 2026 年 12 月底前完成论证和听证为前提；这批撤并全部顺延一年的，"
        "2027 学年年度运行成本变化由 -8.00 万元变为 0.00 万元，年度运行成本变化累计少节省 8.00 万元，"
        "2028 学年起不变。")
    # made on the last day of the 论证 month, or with no date: nothing is late
    assert hearing_premise(_saving("2026-09-30")) == ""
    assert hearing_premise(_saving(None)) == ""
