"""Section 一、调整方案 of 布局调整方案.docx as a 局务会 reads it (review rv 13): a short lead,
the 方案概要 table (撤并, 新建、扩建, 一次性投资, 每年运行支出变化, 未满足规则, 差异系数), then
each subject under its own sub-head, each explanation once: money, teachers (the staffing
ledger's sentence in full, its one place in this document), the actions by school year (a
closure with its 撤并程序 status, the 教学点 kept as 应留必留 with their reasons) and the procedure each closure year needs (rv10 finding 7), the
过渡期 with its 临时周转 rooms as a table by school and year (the caveat on borrowing said once,
as the table's note), the comparison before and after, the CVs.

The figures are the ones the other sections print: the same sentences
(:func:`~junheng.report.layout_money_text.spending_headline`, :func:`~.layout_years.transition_text`)
cut at their subjects, never recomputed.
"""

from __future__ import annotations

from dataclasses import replace

from junheng.planning.layout_ground import (
    BORROW,
    GROUND_HEAD,
    ground_text,
    room_m2,
    temporary_school_years,
)
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_procedure import SECTION_HEAD, STATUS_HEAD, procedure_paragraphs
from junheng.planning.layout_runs import MOVE_WAIT, waiting_at
from junheng.report.layout_choice import VERSUS
from junheng.report.layout_decisions import instead_lead, versus_short
from junheng.report.layout_notes import BUILD_FIRST
from junheng.report.plan_phases import acting_years
from junheng.report.plan_rows import LayoutSummary, action_words
from junheng.report.report_format import short_paragraphs
from junheng.report.word_document import Column, WordReport

#: the sub-head of the layout decisions left to the 局务会 (review rv10 8)
DECIDE_HEAD = "须由局务会决定的布局事项"

#: the table opening 一、调整方案
OVERVIEW_TITLE = "方案概要"
#: its rows' labels, in order
OVERVIEW_LABELS = ("撤并", "新建、扩建", "一次性投资", "每年运行支出变化", "未满足规则", "差异系数")
#: the 过渡期 table
GROUND_TITLE = "过渡期临时周转教室（逐校逐学年）"
GROUND_HEADS = ("学校", "学年", "临时周转教室（间）", "场地说明")
#: a 场地说明 cell where the rooms need borrowing: the note under the table says how, once
SEE_NOTE = "须借用或租用（见表注）"
#: where the subjects of the plan's money sentence start (layout_money_text.spending_headline,
#: layout_cv_text.composite_change), in the order they come
PARTS = ("编制：", "通行：", "差异系数：")


def split_money(text: str) -> dict[str, str]:
    """The plan's money sentence (:attr:`LayoutSummary.money`) cut at its subjects: 财政支出,
    编制 (with the teachers' sentence), 通行, 差异系数; a subject it lacks is ''.

    >>> split_money("财政支出：甲；乙。编制：丙。教师（2030 学年）：丁。通行：戊。差异系数：己。")
    {'财政支出：': '财政支出：甲；乙。', '编制：': '编制：丙。教师（2030 学年）：丁。', '通行：': '通行：戊。', '差异系数：': '差异系数：己。'}
    >>> split_money("财政支出：甲。")["编制："]
    ''
    """
    marks = [(text.find(m), m) for m in PARTS if text.find(m) > 0]
    if "编制：" not in text and (at := text.find("。教师（")) > 0:  # a plan without posts
        marks.append((at + 1, "编制："))
    cuts = [(0, "财政支出："), *sorted(marks), (len(text), "")]
    out = dict.fromkeys(("财政支出：", *PARTS), "")
    for (start, mark), (end, _) in zip(cuts, cuts[1:], strict=False):
        out[mark] = text[start:end]
    return out


def overview_rows(plan: LayoutOutcome, summary: LayoutSummary, money: str, section: str) -> list[list[str]]:
    """The 方案概要 rows (:data:`OVERVIEW_LABELS`): ``money`` the 财政支出 sentence the
    document prints under （一） (its one-off part, then its first running clause), ``section``
    where the rules unmet are listed in full.

    >>> from junheng.report.plan_rows import layout_summary
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025)
    >>> for row in overview_rows(plan, layout_summary(plan), "财政支出：一次性建设投资 0 元；每年运行支出不变。", "三"):
    ...     print(row)
    ['撤并', '无']
    ['新建、扩建', '无']
    ['一次性投资', '一次性建设投资 0.00 万元']
    ['每年运行支出变化', '每年运行支出不变（分项见（一）财政支出）']
    ['未满足规则', '无']
    ['差异系数', '未复核（本方案未按优质均衡标准复核差异系数）']
    """
    from junheng.model import numbers
    from junheng.planning.layout_unmet import rule_lines
    from junheng.report.layout_info import status_lines
    from junheng.report.layout_money_text import one_off_text, running_cell, unsecured_text

    counts = dict(summary.counts)
    closed = plan.closed_words() if counts.get("close") else ""
    when = acting_years(plan.year, [s.phase for s in plan.schools if s.action == "close"])
    built = {k: v for k, v in counts.items() if k != "close"}
    _, _, running = money.removeprefix("财政支出：").rstrip("。").partition("；")
    # the document's first 临时周转 total says its price is an assumption (review rv9 3)
    once = one_off_text(plan, lambda yuan, beside=0.0: numbers.money(yuan, max(beside, numbers.WAN_FROM)),
                        priced=True)
    rules = rule_lines(plan)
    cv = dict(status_lines(plan)).get("是否满足差异系数上限", "—")
    return [["撤并", f"{closed.strip()}（{when}）" if closed and when else closed.strip() or "无"],
            ["新建、扩建", action_words(built) if any(built.values()) else "无"],
            ["一次性投资", "；".join(x for x in (once, unsecured_text(plan)) if x) or "—"],  # rv28 3
            ["每年运行支出变化", running_cell(plan, running.split('；')[0]) if running else "—"],
            ["未满足规则", f"{len(rules)} 项（不含差异系数），逐项见“{section}”" if rules else "无"],
            ["差异系数", cv]] + ([[VERSUS, versus]] if (versus := versus_short(plan, options_section(plan))) else [])


def options_section(plan: LayoutOutcome) -> str:
    """The heading of the document's comparison of the two options ('' without them)."""
    from junheng.planning.layout_options import OPTIONS_TITLE

    return f"二、{OPTIONS_TITLE}" if plan.alternative else ""


def ground_rows(plan: LayoutOutcome) -> list[list[str]]:
    """The 过渡期 table (:data:`GROUND_HEADS`): a row per school and school year with 临时周转
    rooms (most rooms first, then by year), the school's ground said on its first row as
    :func:`~junheng.planning.layout_ground.ground_text` says it, the way out of rooms that do
    not fit (:data:`BORROW`) left to the note (:func:`ground_note`).

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "东小学", "keep", spare_ground_m2=50.0),), {},
    ...     year=2025, transition=(YearRooms(2027, "E", "primary", 520, 2, 0, 2),
    ...                            YearRooms(2028, "E", "primary", 500, 1, 0, 1)))
    >>> for row in ground_rows(plan): print(row)
    ['东小学', '2027 学年', '2', '最多 2 间，按每间 100 平方米需 200 平方米，校内空地至少 50 平方米，按数据不能确认有搭建的空地，须借用或租用（见表注）']
    ['东小学', '2028 学年', '1', '同上']
    """
    rooms = {k: n for k, n in temporary_school_years(plan).items() if n > 0}
    if not rooms:
        return []
    waiting = waiting_at(plan)
    peak: dict[str, int] = {}
    for (school, _), n in rooms.items():
        peak[school] = max(peak.get(school, 0), n)
    spare = {s.school_id: s.spare_ground_m2 for s in plan.schools}
    room = {s.school_id: s.room_ground_m2 for s in plan.schools}
    kind = {s.school_id: s.kind for s in plan.schools}
    per_room, rows, said = room_m2(plan), [], set()
    for (school, year), n in sorted(rooms.items(), key=lambda x: (-peak[x[0][0]], x[0][0], x[0][1])):
        name = plan.names.get(school, school)
        if school in said:
            text = "同上"
        else:
            said.add(school)
            text = ground_text(name, peak[school], spare.get(school), per_room, room.get(school),
                               kind.get(school, ""))
            text = text.removeprefix(name).lstrip("：").replace(BORROW, SEE_NOTE)
        rows.append([name, f"{year} 学年", f"{n:,}" + _waiting_part(waiting, school, year), text])
    return rows


def _waiting_part(waiting: dict[str, dict[int, tuple[int, str]]], school: str, year: int) -> str:
    """'（其中等待转出的学生 8 间：等待新校建成或接收学校就绪）' of the rooms a school year
    rents for pupils waiting there (:func:`~junheng.planning.layout_runs.waiting_at`); '' none.

    >>> _waiting_part({"E": {2027: (8, MOVE_WAIT)}}, "E", 2027)
    '（其中等待划片转入的接收学校就绪的学生 8 间）'
    >>> _waiting_part({"P": {2027: (3, "新初中")}}, "P", 2027), _waiting_part({}, "P", 2027)
    ('（其中等待新初中建成启用的学生 3 间）', '')
    """
    rooms, why = waiting.get(school, {}).get(year, (0, ""))
    if not rooms:
        return ""
    return f"（其中等待{why if why == MOVE_WAIT else why + '建成启用'}的学生 {rooms:,} 间）"


def ground_note(plan: LayoutOutcome, rows: list[list[str]]) -> str:
    """The 过渡期 table's note: how the ground is counted, and (once) what a school does with
    the rooms its ground cannot be shown to hold.

    >>> note = ground_note(LayoutOutcome("optimal", (), {}), [["甲", "2027 学年", "1", SEE_NOTE]])
    >>> note.startswith("注：临时周转用地（以装配式临时教室周转时"), note.endswith("可现场核定能否在校内搭建更多）。")
    (True, True)
    """
    head = GROUND_HEAD.format(m2=f"{room_m2(plan):,.0f}").removesuffix("：")
    borrow = (f"标“{SEE_NOTE.removesuffix('（见表注）')}”的学校，按数据不能在校内搭建的教室{BORROW}。"
              if any(SEE_NOTE in r[3] for r in rows) else "")
    return f"注：{head}。{borrow}"


def write_ground(r: WordReport, plan: LayoutOutcome) -> None:
    """The 过渡期 table and its note (nothing for a plan without 临时周转)."""
    if not (rows := ground_rows(plan)):
        return
    r.table(GROUND_TITLE, [Column(h, w, a) for h, w, a in zip(
        GROUND_HEADS, (2.0, 0.9, 0.9, 4.2), ("left", "center", "right", "left"), strict=True)], rows)
    r.note(ground_note(plan, rows))


def lead_sentence(summary: LayoutSummary) -> str:
    """The plan in one sentence, without its money (the 方案概要 table and （一） give it)."""
    return replace(summary, money="").sentence() + BUILD_FIRST


def write_plan_section(r: WordReport, plan: LayoutOutcome, pool: str = "", section: str = "",
                       absorb: dict | None = None, decide: list[str] | None = None,
                       compliance: dict | None = None) -> None:
    """一、调整方案 (module docstring); ``pool``: the primary teachers to check for a junior post
    (:func:`~junheng.report.teacher_pool.transfer_pool`), ``section`` where the rules unmet
    are listed in full, ``absorb`` the primary surplus year by year
    (:func:`~junheng.planning.staffing_absorb.absorption`), ``decide`` the 局务会 decisions
    (:mod:`~junheng.planning.layout_boarders`), ``compliance`` a 达标路径 made after the plan
    (its plan.json): both plans' totals and the 总投资 table under （一）财政支出."""
    from junheng.report.compliance_joint_docx import write_layout_totals
    from junheng.report.layout_community import community_summary
    from junheng.report.layout_years import money_rows
    from junheng.report.plan_rows import layout_summary
    from junheng.report.staffing_rows import imbalance_sentence

    summary = layout_summary(plan)
    parts = split_money(summary.money)
    r.para(lead_sentence(summary) + instead_lead(plan))  # brief hyears 3: the one sentence
    r.table(OVERVIEW_TITLE, [Column("项目", 1.4), Column("内容", 6.6)],
            overview_rows(plan, summary, parts["财政支出："], section))
    write_decisions(r, plan, section, decide)
    heads = iter(f"（{n}）" for n in "一二三四五六七八九十")
    if parts["财政支出："] or money_rows(plan) or (compliance or {}).get("combined"):
        r.heading(f"{next(heads)}财政支出", 2)
        if parts["财政支出："]:
            r.para(parts["财政支出："].removeprefix("财政支出："))  # the sub-heads name the subjects
        _money_table(r, plan)
        write_layout_totals(r, compliance, plan)  # brief hwords6 1: the 总投资 table of the other two documents
    staff, imbalance = parts["编制："], imbalance_sentence(plan.staffing)
    if staff or imbalance:
        r.heading(f"{next(heads)}教师编制与调配", 2)
        _staffing(r, plan, staff, imbalance + pool if imbalance else "", absorb)
    _actions(r, plan, summary, heads)
    if transition := (summary.transition and _transition(plan)):
        r.heading(f"{next(heads)}过渡期", 2)
        for text in transition:  # a paragraph a school year (rv6 N13: one of 2,055 characters)
            r.para(text)
        write_ground(r, plan)
    if zoning := community_summary(plan):
        r.heading(f"{next(heads)}城区划片", 2)
        r.para(zoning)
    if summary.metrics:
        r.heading(f"{next(heads)}调整前后对比", 2)
        if parts["通行："]:
            r.para(parts["通行："].removeprefix("通行："))
        _metrics(r, plan, summary)
    if summary.cvs:
        r.heading(f"{next(heads)}校际差异系数", 2)
        if parts["差异系数："]:
            r.para(parts["差异系数："].removeprefix("差异系数："))
        _cvs(r, plan, summary)
    if decide:  # review rv10 8: the boarders the plan keeps, the campus a relocation left
        r.heading(f"{next(heads)}{DECIDE_HEAD}", 2)
        for text in decide:
            r.para(text)


def _staffing(r: WordReport, plan: LayoutOutcome, staff: str, imbalance: str,
              absorb: dict | None) -> None:
    """（…）教师编制与调配: the ledger's sentence, the imbalance and, with ``absorb``, who fills
    the new schools' posts and the primary surplus year by year (review rv10 14)."""
    from junheng.planning.staffing_peak import early_transfers
    from junheng.planning.teacher_moves_words import posts_not_rotation
    from junheng.report.staffing_rows import STAFFING_KEY
    from junheng.report.teacher_absorb import (
        ABSORB_TITLE,
        absorb_heads,
        absorb_paragraph,
        absorb_rows,
    )

    if staff:  # the staffing ledger's sentence in full: its one place in this document
        for part in short_paragraphs(staff.removeprefix("编制：")):  # rv6 N13: 1,103 characters
            r.para(part)
        r.said[STAFFING_KEY] = "见上文"
        if any((plan.staffing or {}).get("moved_by_kind", {}).values()):  # brief hwords6 3
            r.para(posts_not_rotation("本节所列教师的调配、调剂和转任"))
    if imbalance:
        r.para(imbalance)
    if absorb and absorb["rows"]:
        r.para(absorb_paragraph(absorb, plan.staffing))
        early = early_transfers(plan.staffing)  # brief hwords 2: the advice 表 5 carries out
        r.table(ABSORB_TITLE, [Column(h, 1.6 if i == 0 else 1.3, "center" if i == 0 else "right")
                               for i, h in enumerate(absorb_heads(early))], absorb_rows(absorb, early))


def _actions(r: WordReport, plan: LayoutOutcome, summary: LayoutSummary, heads) -> None:
    """（…）调整项目与实施学年: the actions by school year, the 教学点 kept as 应留必留 with their
    reasons (audit haudit 1: only the workbook and plan.json named them), then the procedure
    each closure year needs under its own sub-head (``heads``: the sub-head numbers)."""
    kept = kept_point_rows(plan)
    if not (summary.actions or kept):
        return
    r.heading(f"{next(heads)}调整项目与实施学年", 2)
    if summary.actions:
        _actions_table(r, summary)
        write_new_steps(r, plan)
    if kept:
        r.para(kept_lead(kept))
        r.table(KEPT_TITLE, [Column(h, w, a) for h, w, a in zip(
            kept_heads(plan), (1.7, 0.8, 0.7, 0.8, 4.0), ("left", "center", "right", "right", "left"),
            strict=True)], kept)
    if summary.actions and (procedure := procedure_paragraphs(plan)):
        r.heading(f"{next(heads)}{SECTION_HEAD}", 2)
        for text in procedure:
            r.para(text)


def kept_lead(kept: list[list[str]]) -> str:
    """The sentence before the 应留必留 table (``kept``: its rows, the reason last), with the
    points the plan only proposes to keep, pending their 论证 (rv29 11).

    >>> kept_lead([["甲", "超过走读上限"], ["乙", "待论证（建议保留），是否转学…"]])
    '以下 2 个教学点应留必留，保留不撤并（其中 1 个待论证，建议保留），理由如下表。'
    >>> kept_lead([["甲", "超过走读上限"]])
    '以下 1 个教学点应留必留，保留不撤并，理由如下表。'
    """
    from junheng.planning.layout_trips import PENDING

    pending = sum(PENDING in str(row[-1]) for row in kept)
    some = f"（其中 {pending} 个待论证，建议保留）" if pending else ""
    return f"以下 {len(kept)} 个教学点应留必留，保留不撤并{some}，理由如下表。"


#: the table of the 教学点 kept as 应留必留
KEPT_TITLE = "应留必留的教学点"


def kept_heads(plan: LayoutOutcome) -> tuple[str, ...]:
    """The heads of :data:`KEPT_TITLE`'s table."""
    return ("学校", "乡镇", "现有在校生", f"{plan.target_year} 学年预计", "理由")


def kept_point_rows(plan: LayoutOutcome) -> list[list[str]]:
    """Each school the plan keeps as 应留必留 (its reason begins so): name, 乡镇 (from the
    names of the schools of its town), pupils today and in the target year without the plan,
    and its reason in full, as the workbook's 调整方案 sheet gives it.

    >>> from types import SimpleNamespace as NS
    >>> point = NS(school_id="P", name="马沟镇田大河村教学点", town_code="410331101",
    ...            students_now=13, students_expected=6)
    >>> plan = NS(schools=(point,), kept_reasons={"P": "应留必留：田大河村……"})
    >>> kept_point_rows(plan)
    [['马沟镇田大河村教学点', '马沟镇', '13', '6', '应留必留：田大河村……']]
    """
    from junheng.model.places import town_label, town_names_from

    names = town_names_from((s.town_code, s.name) for s in plan.schools)
    return [[s.name, town_label(s.town_code, names), f"{s.students_now:,}", f"{s.students_expected:,}",
             plan.kept_reasons[s.school_id]]
            for s in plan.schools if plan.kept_reasons.get(s.school_id, "").startswith("应留必留")]


def write_new_steps(r: WordReport, plan: LayoutOutcome) -> None:
    """Each new school's candidate site and land, then the 新建学校实施步骤 table (review rv15 2
    and 14; :mod:`~junheng.planning.layout_new_steps`)."""
    from junheng.planning.layout_new_steps import STEP_HEADS, STEP_TITLE, site_lines, step_rows

    rows = step_rows(plan)
    for line in site_lines(plan) if rows else ():
        r.para(line)
    if rows:
        r.table(STEP_TITLE, [Column(h, w) for h, w in zip(STEP_HEADS, (1.6, 1.3, 1.4, 3.7), strict=True)], rows)


def _actions_table(r: WordReport, summary: LayoutSummary) -> None:
    """表 3: each action by school year, a closure with its 撤并程序 status (rv10 finding 7)."""
    columns = [Column("实施学年", 0.8, "center"), Column("学校", 2.0), Column("调整方式", 0.7, "center"),
               Column("内容", 2.7), Column(STATUS_HEAD, 0.8, "center")]
    r.table("布局调整项目与实施学年", columns,
            [[summary.phase_text(a.phase), a.name, a.action, a.detail, a.procedure] for a in summary.actions])


def write_decisions(r: WordReport, plan: LayoutOutcome, section: str, decide: list[str] | None) -> None:
    """The 需局务会决定的事项 table (:mod:`~junheng.report.layout_decisions`; nothing for a plan
    without a decision to take); ``decide`` the decisions said in full under :data:`DECIDE_HEAD`."""
    from junheng.report.layout_decisions import (
        DECISIONS_HEADS,
        DECISIONS_TITLE,
        decision_rows,
        other_row,
    )

    rows = decision_rows(plan, options_section(plan), section)
    if rows := [*rows, *([other] if (other := other_row(decide or [], DECIDE_HEAD)) else [])]:
        r.table(DECISIONS_TITLE, [Column(h, w) for h, w in zip(DECISIONS_HEADS, (1.6, 4.8, 1.6), strict=True)],
                rows)


def _transition(plan: LayoutOutcome) -> list[str]:
    from junheng.report.layout_years import transition_paragraphs

    return transition_paragraphs(plan, ground=False)


def _money_table(r: WordReport, plan: LayoutOutcome) -> None:
    from junheng.planning.layout_funds import funding_note
    from junheng.planning.layout_procedure import hearing_premise
    from junheng.report.layout_years import money_heads, money_rows, money_text

    if not (money := money_rows(plan)):
        return
    r.para(money_text(plan))
    heads = money_heads(plan)
    last = len(heads) - 1
    r.table("分年度财政支出", [Column(h, 2.0 if i == last else 1.0, "left" if i == last else "right")
                            for i, h in enumerate(heads)],
            [[y, *(f"{v:,.2f}" for v in vs), what] for y, *vs, what in money])
    if funds := funding_note(plan):  # review rv10 9
        r.note(f"注：{funds}")
    if premise := hearing_premise(plan):  # review rv11 5: the 2027 hearings are due in weeks
        r.note(f"注：{premise}")


#: 调整前后对比 rows that only rank the options (weights, the 综合评价值, the 分流下限's
#: penalty): the 附录's, not the body's (rv13 15: 权重（不是支出） rows in the body's table)
TECHNICAL_ROWS = ("权重（不是支出）", "权重（不是财政支出）", "综合评价", "分流下限")


def technical_row(label: str) -> bool:
    """Whether a 调整前后对比 row goes to the 附录 (:data:`TECHNICAL_ROWS`).

    >>> technical_row("权重（不是支出）：通行时间折算（每年）"), technical_row("综合评价值（每年）")
    (True, True)
    >>> technical_row("财政支出：校点运行费用（每年）"), technical_row("寄宿生数")
    (False, False)
    """
    return label.startswith(TECHNICAL_ROWS)


def metric_columns(summary: LayoutSummary) -> list[Column]:
    heads = summary.metric_heads
    return [Column(heads[0], 2.2), *(Column(h, 1.1, "right") for h in heads[1:])]


def _metrics(r: WordReport, plan: LayoutOutcome, summary: LayoutSummary) -> None:
    from junheng.report.signed_text import layout_notes

    r.table("布局调整前后对比", metric_columns(summary),
            [list(row) for row in summary.metrics if not technical_row(str(row[0]))])
    if any(technical_row(str(row[0])) for row in summary.metrics):
        r.note("注：只用于比选方案的权重、综合评价值各行（不是财政支出）见附录“布局调整前后的综合评价值”表。")
    from junheng.report.layout_decisions import referenced_notes

    # rows say 见说明; asks: 报送前核对; the two options compared once, in 二 (rv10 15)
    for line in referenced_notes(layout_notes(plan, summary.notes), options_section(plan)):
        for part in short_paragraphs(f"说明：{line}"):  # rv6 N13: notes of 1,717 characters
            r.note(part)


def _cvs(r: WordReport, plan: LayoutOutcome, summary: LayoutSummary) -> None:
    from junheng.report.layout_cv_text import LIMIT_HEADS, cv_limit_rows

    columns = [Column("学段", 0.6, "center"), Column("指标", 2.2),
               Column(summary.cv_before_head, 1.6, "right"), Column("调整后差异系数", 1.0, "right"),
               Column(LIMIT_HEADS[0], 0.6, "right"), Column(LIMIT_HEADS[1], 0.8, "center")]
    r.table("布局调整前后校际差异系数", columns, cv_limit_rows(plan.evaluation))  # 限值: rv24 2
    for line in filter(None, (summary.cv_basis, *summary.assumptions)):
        r.note(f"注：{line}")
