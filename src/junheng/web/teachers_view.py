"""What the teacher pages show: the staffing report, training shortfalls and the rotation
plan of a county-year, as plain rows for the templates (county-wide or one school's)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from junheng.evaluate.frames import CountyFrames
from junheng.jobs.teachers import AREA_LABELS, priority_shortage_line, subject_label
from junheng.model import CountyData, numbers
from junheng.report.staffing_rows import group_label
from junheng.report.subject_gaps import anyone, gap_text
from junheng.teachers.rules import StaffingRules, load_rules
from junheng.teachers.staffing import staffing_report
from junheng.teachers.training import meets_hours, rule_text, short_of_hours
from junheng.web.summaries import rotated_in

#: the training list's scope, the 自评's (表10 教师培训: evaluate.guarantee.training_hours)
TRAINING_SCOPE = ("口径与自评报告“教师培训”一项相同：义务教育学校小学、初中专任教师，近五年（学年及其前 4 年）培训学时"
                  "按“教师培训”表记录计（没有记录的教师按“教师”表近五年培训学时），" + rule_text()
                  + "或未填报的计为不达标（幼儿园、高中教师不计）。")


@dataclass(frozen=True)
class TeacherPages:
    """Everything the pages need, computed once per county-year and data stamp."""

    schools: list[dict]
    subjects: list[dict]
    findings: list[dict]
    training: list[dict]
    #: the stored 交流轮岗 plan (:func:`junheng.web.rotation_view.page_doc`), set per request
    rotation: dict | None
    rotation_error: str
    priority_line: str = ""
    #: where the 教师培训 records and 近五年培训学时 disagree (teachers.training.meets_hours)
    training_notice: str = ""
    #: how the standard quota (测算编制) is worked out, in the rules' figures
    quota_rule: str = ""
    #: per school, the full-time teachers it reports as 本学年交流轮岗 in (a fact, not the plan)
    reported_in: dict[str, int] = field(default_factory=dict)


def quota_rule(rules: StaffingRules) -> str:
    """The 测算编制 rule in words, from the rules file.

    >>> quota_rule(load_rules())[:54]
    '按编制标准的生师比，小学每 19 名学生、初中每 13.5 名学生、高中每 12.5 名学生配 1 名教职工'
    """
    stages = {"primary": "小学", "junior": "初中", "senior": "高中"}
    ratios = "、".join(f"{label}每 {numbers.trimmed(rules.student_ratio[key])} 名学生"
                       for key, label in stages.items() if key in rules.student_ratio)
    by_class = "、".join(f"{stages[key]}每班 {numbers.trimmed(ratio)} 人"
                         for key, ratio in rules.class_ratio.items() if key in stages)
    areas = "、".join(AREA_LABELS.get(a, a) for a in rules.small_areas)
    return (f"按编制标准的生师比，{ratios}配 1 名教职工；{areas}学生不足 {rules.small_max_students} "
            f"人的小规模学校和教学点另按班级数（{by_class}）测算，取较大者；各学段合计后向上取整")


def teacher_pages(data: CountyData) -> TeacherPages:
    """The pages' figures of a county-year, without the 交流轮岗 plan: the pages add the
    stored plan (:mod:`junheng.web.rotation_view`; review rvweb 9: solved here, it held the
    first page 11–16 s)."""
    rules = load_rules()
    report = staffing_report(data, rules)
    approved = report.schools["approved_quota"]
    schools = report.schools.assign(area_label=report.schools["area"].map(AREA_LABELS),
                                    approved_quota=approved.astype(object).where(
                                        approved.notna(), None))
    subjects = report.subjects[(report.subjects["shortage"] > 0) | (report.subjects["surplus"] > 0)]
    subjects = subjects.assign(subject_label=subjects["subject"].map(row_label),
                               anyone=subjects["subject"].map(anyone))
    names = dict(zip(data.schools["school_id"], data.schools["name"], strict=True))
    # the 自评's rule and scope (表10 教师培训): full-time compulsory teachers of compulsory
    # schools whose 近五年培训学时 is under 360 or not filled
    staff, records = CountyFrames(data).compulsory_teachers, data.tables.get("training")
    short = short_of_hours(staff, data.school_year, records).sort_values(
        "shortfall", ascending=False, kind="stable")
    notice = meets_hours(staff, data.school_year, records)[1]
    short = short.assign(school=short["school_id"].map(names))
    return TeacherPages(schools.to_dict("records"), subjects.to_dict("records"),
                        report.consistency.to_dict("records"), short.to_dict("records"),
                        None, "", priority_shortage_line(report), notice,
                        quota_rule(rules), _reported_in(data))


def row_label(subject: str) -> str:
    """A 学科余缺 row's subject: the group any teacher may teach by the documents' name
    (综合实践活动等, :mod:`junheng.report.subject_gaps`), the others by their own.

    >>> row_label("practice"), row_label("science")
    ('综合实践活动等', '科学')
    """
    return group_label(subject) if anyone(subject) else subject_label(subject)


def shared_gap(rows: list[dict]) -> str:
    """The gap of the group any teacher may teach among one school's rows, as the documents
    write it (:func:`~junheng.report.subject_gaps.gap_text`); "" without one.

    >>> shared_gap([{"subject": "practice", "shortage": 5}, {"subject": "pe", "shortage": 2}])
    '综合实践活动等 5 人（任一学科教师可兼任）'
    """
    return next((gap_text(r["subject"], int(r["shortage"])) for r in rows
                 if anyone(r["subject"]) and r["shortage"]), "")


def _reported_in(data: CountyData) -> dict[str, int]:
    teachers = data.teachers
    return {str(k): int(v) for k, v in
            teachers[rotated_in(teachers)].groupby("school_id").size().items()}


def for_school(pages: TeacherPages, school_id: str) -> dict:
    """One school's rows: its staffing row, subject gaps, findings, training and moves."""
    moves = (pages.rotation or {}).get("moves", [])
    findings = [r for r in pages.findings if r["school_id"] == school_id]
    # 应配 in whole teachers: the round-half-up target the 缺额 and 超额 are counted from
    # (teachers.staffing.subject_gaps), so 应配 − 现有 = 缺额 − 超额 on every row
    subjects = [{**r, "target": r["have"] + r["shortage"] - r["surplus"]}
                for r in pages.subjects if r["school_id"] == school_id]
    return {
        "school": next((s for s in pages.schools if s["school_id"] == school_id), None),
        "subjects": subjects,
        "shared_gap": shared_gap(subjects),
        "findings": findings,
        "quota_matched": not any(f["kind"] in ("vacancy", "over_quota") for f in findings),
        "quota_rule": pages.quota_rule,
        "reported_in": pages.reported_in.get(school_id, 0),
        "training": [r for r in pages.training if r["school_id"] == school_id],
        "training_scope": TRAINING_SCOPE,
        "moves_out": [m for m in moves if m["from_school_id"] == school_id],
        "moves_in": [m for m in moves if m["to_school_id"] == school_id],
    }


#: rows of each long list the county page shows (review rw 8: /teachers was 80,952 px tall
#: with every row of four lists); the full lists are in the downloads
LIST_ROWS = 20


def page_lists(pages: TeacherPages, school_id: str = "") -> dict[str, tuple[list[dict], int]]:
    """The county page's long lists as (rows shown, rows in all): the first
    :data:`LIST_ROWS` of each, or every row of one school (``school_id``: its staffing row,
    subject gaps, findings, moves out or in, and teachers short of training hours).

    >>> pages = TeacherPages(schools=[{"school_id": str(i)} for i in range(30)], subjects=[],
    ...     findings=[], training=[{"school_id": "3"}] * 25, rotation=None, rotation_error="")
    >>> {k: (len(rows), total) for k, (rows, total) in page_lists(pages).items()}
    {'schools': (20, 30), 'subjects': (0, 0), 'findings': (0, 0), 'moves': (0, 0), 'training': (20, 25)}
    >>> {k: (len(rows), total) for k, (rows, total) in page_lists(pages, "3").items()}
    {'schools': (1, 1), 'subjects': (0, 0), 'findings': (0, 0), 'moves': (0, 0), 'training': (25, 25)}
    """
    moves = (pages.rotation or {}).get("moves", [])
    lists = {"schools": pages.schools, "subjects": pages.subjects, "findings": pages.findings,
             "moves": moves, "training": pages.training}
    if not school_id:
        return {key: (rows[:LIST_ROWS], len(rows)) for key, rows in lists.items()}
    own = {key: [r for r in rows if school_id in (r.get("school_id"), r.get("from_school_id"),
                                                   r.get("to_school_id"))]
           for key, rows in lists.items()}
    return {key: (rows, len(rows)) for key, rows in own.items()}


def training_sheet(pages: TeacherPages) -> dict[str, pd.DataFrame]:
    """The teachers short of training hours as a table, hours to 1 decimal (the county page
    shows the first :data:`LIST_ROWS`); an unfilled 近五年学时 reads 未填报."""
    rows = pages.training
    return {"培训学时不足": pd.DataFrame({
        "教师编号": [r["teacher_id"] for r in rows],
        "学校标识码": [r["school_id"] for r in rows],
        "学校名称": [r["school"] for r in rows],
        "近五年学时": [round(float(r["hours_5y"]), 1) if r["hours_5y"] == r["hours_5y"]
                  else "未填报" for r in rows],
        "应达学时": [round(float(r["required"]), 1) for r in rows],
        "差额": [round(float(r["shortfall"]), 1) for r in rows],
    }, columns=["教师编号", "学校标识码", "学校名称", "近五年学时", "应达学时", "差额"])}
