"""The layout plan as an Excel workbook: actions by school and phase, assignments, before/after."""

from __future__ import annotations

import math
from pathlib import Path

from junheng.io.excel import new_workbook
from junheng.model import numbers
from junheng.model.areas import COUNTY_SEAT_LABEL
from junheng.model.labels import (
    QUOTA_FUNDING,
    SCHOOL_TYPE_LABELS,
    STAGE_LABELS,
    quota_funding,
)
from junheng.model.memo import per_object
from junheng.planning.borrow_counts import BorrowCount, borrow_counts
from junheng.planning.layout_borrow import kept_rooms, short_rooms
from junheng.planning.layout_compare import SCORE_ROW
from junheng.planning.layout_costs import shown_metrics
from junheng.planning.layout_entry import entry_note
from junheng.planning.layout_forecast import FORECAST_RULE
from junheng.planning.layout_funds import funding_note
from junheng.planning.layout_land import beyond_reason
from junheng.planning.layout_lend import lend_note
from junheng.planning.layout_new_steps import STEP_HEADS, STEP_TITLE, site_lines, step_rows
from junheng.planning.layout_newsite import shown_id
from junheng.planning.layout_options import OPTION_HEADS, option_table
from junheng.planning.layout_outcome import CvComparison, LayoutOutcome, PlannedSchool, by_school
from junheng.planning.layout_procedure import STATUS_HEAD, hearing_premise, procedure_status
from junheng.planning.layout_reasons import action_reasons
from junheng.planning.layout_receivers import receivers
from junheng.planning.layout_room_words import no_ground_note
from junheng.planning.layout_trips import BEDLESS_ONLY, BEDLESS_WORDS, bedless_only, young_far_rows
from junheng.planning.layout_zone_price import zone_price_note, zone_year_notes
from junheng.planning.staffing_absorb import plan_absorption
from junheng.report import layout_rent as rent
from junheng.report.layout_assignments import ASSIGNMENT_HEADS, assignment_rows
from junheng.report.layout_community import COMMUNITY_HEADS, community_rows
from junheng.report.layout_cv_text import LIMIT_HEADS, cv_limit_rows
from junheng.report.layout_info import (
    SOLVE_HEADS,
    SOLVE_WIDTHS,
    STAFF_WEIGHT_LABEL,
    floor_unpaid_note,
    setting_rows,
    solve_rows,
    staff_weight_label,
)
from junheng.report.layout_money_text import site_cost_note, total_label
from junheng.report.layout_notes import (
    BASIS_NOTE,
    limits_note,
    straight_line_note,
    unchanged_beds_note,
    with_boarding_target,
    without_basis,
    without_caveat,
)
from junheng.report.layout_xlsx_notes import oversized_note, uncertainty_note  # noqa: F401  (re-exported)
from junheng.report.layout_years import (
    HEADS,
    money_heads,
    money_rows,
    phase_label,
    transition_rows,
)
from junheng.report.plan_rows import cv_before_basis
from junheng.report.sheet_rows import rows_or_none
from junheng.report.signed_text import signed_notes
from junheng.report.staffing_rows import HEADER, SHEET_TITLE, ledger_sheet_rows, staffing_sentence

METRIC_LABELS = {
    "teaching_points": "教学点数", "schools": "公办义务教育学校数（不含教学点）", "pupils": "学生数（公办学校）",
    "urban_pupils": f"其中{COUNTY_SEAT_LABEL}学校学生数",
    "mean_travel_min": "平均单程通行时间（分钟）", "p95_travel_min": "95% 学生单程通行时间不超过（分钟）",
    # what is counted, the same in every column (rv18 4)
    "day_pupils_over_limit": "走读超时学生数（单程超过走读上限、不寄宿的学生，各列同一口径，当前按现有床位）",
    "boarders": "寄宿生数", "beds": "宿舍床位数",
    "oversized_now": "大班额班级数（实际班级，按班级表逐班计）",
    "oversized_classes": "大班额班级数（按平均班额测算，不是实际班级数，见说明）",
    "urban_classroom_shortfall": f"{COUNTY_SEAT_LABEL}学校缺少的普通教室（间，见说明：按标准班额逐校逐年级编班计；调整后为方案新建教室后仍缺的，临时周转借用的不算已有教室）",
    "added_classrooms": "方案新增普通教室（间）",  # plans written before 2026-12-05
    "built_classrooms": "方案新建普通教室（间，永久建设）",
    "temporary_classrooms": "方案以临时周转解决的普通教室（间，不新建：借用、租用或校内调剂）",
    "cross_town_pupils": "跨乡镇转入其他学校的学生数",
    "young_day_over_review": "一至三年级走读单程超过论证时间的学生数（见方案规则）",
    "day_pupils_need_bus": "需校车接送的学生数（走读直线距离超过校车距离的，及按规则须寄宿但没有床位、每日往返的）",
    "bus_pupils_without_bed": "其中按规则须寄宿但没有床位、每日乘校车往返的学生数",
    "capital_cost_yuan": "财政支出：建设投资（一次性）：新建、扩建",
    "receiver_area_yuan": "财政支出：建设投资（一次性）：接收学校补足生均面积（计入方案的取舍、预算和分期，需论证）",
    "operating_site_yuan": "财政支出：校点运行费用（每年）",
    "funding_floor_yuan": "财政支出：公用经费保底（每年，不足 100 人按 100 人核定多拨部分）",
    "boarding_cost_yuan": "财政支出：寄宿生管理费用（每年）",
    "school_bus_yuan": "财政支出：校车运行费用（每年，需校车接送的学生按每生每年单价计，床位只够部分学生的按走读比例计）",
    "transport_yuan": "财政支出：走读学生交通补助（每年，不乘校车的）",
    "operating_pupil_yuan": f"财政支出：{QUOTA_FUNDING}（每年）",
    "hire_staff_yuan": "财政支出：新聘教师人员经费（每年，按编制需招聘人数 × 每名教师年人员经费，不调整、调整后两列同一口径；调入教师已在岗，不计；不计入综合评价值）",
    "operating_yuan": "财政支出：运行支出合计（每年）",
    "staff_posts": "编制：公办义务教育学校按标准（生师比与小规模学校班师比结合）核定的教职工（人）",
    "staff_posts_class_ratio": "编制：其中小规模学校、教学点按班师比多于生师比核定的教职工（人，不计入教师配置汇总）",
    "teachers_to_redeploy": "编制：撤并学校需调配的教师（人）",
    "new_school_posts": "编制：新建学校按生师比核定的教师（人）",
    "travel_pupil_minutes": "通行：学生单程通行时间合计（人·分钟/年）",
    "travel_weight_yuan": "权重（不是支出）：通行时间折算（每年）",
    "staff_weight_yuan": STAFF_WEIGHT_LABEL,
    "capital_annual_yuan": "综合评价：建设投资年均摊（每年，临时周转教室不计）",
    "hall_beyond_weight_yuan": "权重（不是支出）：接收学校未能补足的体育运动场馆面积（超出室内体育馆面积上限、超出留足本校缺口后的校内空地可建面积或不足一座最小馆，每年）",
    "relief_short_pupils": "分流下限（为保证保留学校留住生源的约束，不是支出，不计入综合评价值）：保留学校低于分流下限的学生（人）",
    # plan.json written before the penalty was kept apart (older plans still read)
    "relief_short_weight_yuan": "权重（不是支出）：保留学校低于分流下限的学生计入额（每年，旧版方案）",
    "objective_yuan": SCORE_ROW.replace("（", "（每年，", 1),
    # plan.json written before the money was split (older plans still read)
    "operating_cost_yuan": "校点运行成本（每年，旧版方案）",
    "travel_cost_yuan": "通行时间折算成本（每年，旧版方案）",
    "total_cost_yuan": "年度总成本（每年，含通行时间折算，旧版方案）",
}
#: the land bought beside receivers (rule (25)), a part of the line above it
LAND_ROW = ("财政支出：建设投资（一次性）：其中扩充体育运动场地用地 {m2:,.0f} 平方米（征用或置换接收学校相邻用地并建室外体育运动场地，"
            "含于上行，待决策，须经自然资源部门确认用地）")
#: the unit of each non-money row of the comparison (money: 元 or 万元 by the table's largest
#: amount, :func:`metric_unit`); one table for the workbook's 单位 column and the texts (rv 1:
#: 寄宿生数 read 「0.91 万元」 when the workbook counted its money rows apart from its rows)
METRIC_UNITS = {
    "teaching_points": "个", "schools": "所", "mean_travel_min": "分钟", "p95_travel_min": "分钟",
    "beds": "张", "oversized_classes": "个", "oversized_now": "个", "urban_classroom_shortfall": "间",
    "added_classrooms": "间", "built_classrooms": "间", "temporary_classrooms": "间",
    "travel_pupil_minutes": "人·分钟/年",
    **dict.fromkeys(("pupils", "urban_pupils", "day_pupils_over_limit", "boarders", "cross_town_pupils",
                     "young_day_over_review", "day_pupils_need_bus", "bus_pupils_without_bed",
                     "staff_posts", "staff_posts_class_ratio", "teachers_to_redeploy",
                     "new_school_posts", "relief_short_pupils"), "人"),
}
MONEY_FORMATS = {"万元": '#,##0.00" 万元"', "元": '#,##0" 元"'}
KIND_LABELS = {**SCHOOL_TYPE_LABELS, "new": "新建学校"}


def write_layout_xlsx(plan: LayoutOutcome, path: str | Path, *,
                      scenario_rows: list[dict] | None = None, data=None) -> Path:
    """Write a layout plan to a print-ready workbook; with the county's ``data``, the primary
    surplus year by year under the 教师配置汇总 (:mod:`~junheng.planning.staffing_absorb`)."""
    path = Path(path)
    wb = new_workbook(path)
    try:
        f = _formats(wb)
        names = plan.names
        reasons, straight = without_caveat(action_reasons(plan))  # said once (layoutfix)
        reasons, basis = without_basis(reasons, plan.target_year)  # said once too (rv 13)
        notes = ([f"说明：{straight_line_note(plan, '本表')}"] if straight else []) + \
            ([f"说明：{BASIS_NOTE}"] if basis else [])
        into = receivers(plan)
        # the most rooms a school borrows in a year, as 表3 and the 过渡期 sheet have it (hsize),
        # and apart, named, those of the target year (review rv18 2: one column read as both)
        counts = borrow_counts(plan)
        _sheet(wb, f, "调整方案", ["学校标识码", "学校名称", "类型", "措施", "并入学校（分到几所的，人数为实施学年撤并时的在校生）", "实施学年",
                                 STATUS_HEAD, "新建教室", BORROW_HEADS[0], target_head(plan), "新增床位", "小学学位（不含临时周转）",
                                 "初中学位（不含临时周转）", "当前在校生",
                                 "规划年不调整（预计）", "规划后小学生", "规划后初中生",
                                 "需调配教师", "补足接收学生所需教学及辅助用房（平方米）",
                                 "补足接收学生所需体育运动场馆（平方米）",
                                 "扩充体育运动场地用地（平方米，征用或置换相邻用地并建室外场地，需论证）",
                                 "未能补足的体育运动场馆（平方米，需征地/租用/布局分流，需论证）",
                                 "未能补足的原因",
                                 "建设投资（万元）", CLASSES_HEAD, SPORTS_HEAD, "理由"],
               [*(_action_row(s, into, reasons, plan.year, counts.get(s.school_id), plan)
                  for s in sorted(plan.schools, key=_order)),
                *([[], *([n] for n in notes)] if notes else [])])
        day = (plan.rules or {}).get("day_travel_limit_min")
        _sheet(wb, f, "学生分配", list(ASSIGNMENT_HEADS), assignment_rows(plan.assignments, names, day))
        _sheet(wb, f, "城区划片", list(COMMUNITY_HEADS), community_rows(plan))
        review = float((plan.rules or {}).get("review_minutes_grades_1_3", 20))
        _sheet(wb, f, "一至三年级远距离", ["村居代码", "村居名称", "学校标识码", "学校名称", "学生数", "距离（公里）",
                                    f"单程时间（分钟，超过 {review:g} 分钟）", "需做的工作"],
               young_far_rows(by_school(plan.assignments), review, names, day))
        if steps := step_rows(plan):  # review rv15 14: the 布局调整方案's table, its site lines after
            _sheet(wb, f, STEP_TITLE, list(STEP_HEADS), [*steps, [], *([t] for t in site_lines(plan))])
        if plan.transition:
            _sheet(wb, f, "过渡期", HEADS, transition_rows(plan))
        if money := money_rows(plan):
            notes = [[n] for n in (funding_note(plan), hearing_premise(plan)) if n]  # rv10 9, rv11 5
            _sheet(wb, f, "分年度财政支出", money_heads(plan), [*money, *([[], *notes] if notes else [])])
        _comparison_sheet(wb, f, plan)
        if options := option_table(plan):
            _sheet(wb, f, "两个方案比较", list(OPTION_HEADS), [["结论", options[0], "", ""],
                                                             *map(list, options[1])])
        if plan.evaluation is not None:
            head, basis = cv_before_basis(plan)
            _sheet(wb, f, "差异系数对比", ["学段", "指标", head, "调整后差异系数", *LIMIT_HEADS],
                   _cv_rows(plan.evaluation, basis))
        if scenario_rows:
            heads = list(scenario_rows[0])
            _sheet(wb, f, "方案比较", heads, [[r[h] for h in heads] for r in scenario_rows])
        if plan.staffing:
            write_staffing_sheet(wb, f, plan.staffing, plan_absorption(plan, data))
        _solve_sheet(wb, f, plan, data)
    finally:
        wb.close()
    return path


#: the 调整方案 sheet's columns saying why a school builds, as 表3 (brief hfourth)
CLASSES_HEAD = "新建教室依据（规划年学生按年级编班的班数与现有教室）"
SPORTS_HEAD = "补足体育运动场馆依据（学生 × 生均标准、现有面积，各项平方米 × 单价）"


#: the 调整方案 sheet's 临时周转 columns: the most rooms in a school year, then the target year's
BORROW_HEADS = ("临时周转教室（各学年最多，间）", "临时周转教室（间，不新建）")


def target_head(plan: LayoutOutcome) -> str:
    """The target year's 临时周转 column, its year named (review rv18 2).

    >>> target_head(LayoutOutcome("optimal", (), {}, target_year=2030))
    '规划年 2030 学年临时周转教室（间，不新建）'
    """
    return f"规划年{f' {plan.target_year} 学年' if plan.target_year else ''}{BORROW_HEADS[1]}"


def _action_row(s: PlannedSchool, into: dict[str, str], reasons, year: int | None = None,
                borrowed: BorrowCount | None = None, plan: LayoutOutcome | None = None) -> list:
    from junheng.planning.layout_later import classes_words
    from junheng.planning.layout_sports import sports_words

    classes = classes_words(s, plan).strip("（）") if plan is not None and s.built_classrooms else ""
    return [shown_id(s.school_id, s.name), s.name, KIND_LABELS.get(s.kind, s.kind), s.action_label,
            into.get(s.school_id, ""),
            phase_label(year, s.phase) if s.phase else "", procedure_status(s, plan),
            s.built_classrooms, borrowed.most if borrowed and borrowed.most else "",
            borrowed.target if borrowed and borrowed.target else "", s.added_beds,
            s.lasting_capacity["primary"], s.lasting_capacity["junior"],
            s.students_now, s.students_expected,
            s.students_after["primary"], s.students_after["junior"],
            s.teachers_to_redeploy or "", round(s.added_teaching_area) or "",
            round(s.added_sports_area) or "", round(s.sports_land_area) or "",
            round(s.sports_beyond_cap_area) or "",
            beyond_reason(s.added_sports_area > 0, s.sports_field)
            if round(s.sports_beyond_cap_area) else "",
            round(s.shown_capital_yuan / 10_000, 2) or "", classes,
            sports_words(s, plan.costs) if plan is not None else "",
            reasons.get(s.school_id, "")]


def comparison_heads(plan: LayoutOutcome) -> list[str]:
    """当前（data year）, 规划年（不调整）, 规划年（调整后） and the change the plan makes."""
    year = f"{plan.year} 学年" if plan.year else "数据学年"
    target = f"{plan.target_year} 学年" if plan.target_year else "规划年"
    basis = "保持各乡镇现有在校生占比" if (plan.rules or {}).get("today_shares") else "按村居划片"
    return ["指标", f"当前（{year}）", f"规划年（{target}，不调整：{basis}）",
            f"规划年（{target}，调整后）", "调整带来的变化"]


def comparison_rows(plan: LayoutOutcome) -> list[list]:
    """One row per metric: today's figure (blank in a plan written before it was kept), the
    target year without and with the plan, and the change; money in 元 (the writers show it
    by :func:`junheng.model.numbers.money`); then the notes (说明)."""
    # the totals (运行支出合计, 综合评价值) as the sums of the parts the table shows
    shown = shown_metrics(plan.metrics)
    now, before, after = (shown.get(k, {}) for k in ("now", "before", "after"))
    now, before = rent.oversized_apart(now, before)  # actual classes apart from the modelled (rv29 7)
    if plan.transition and "temporary_classrooms" in after:  # the target year's borrowed (hsize)
        after = {**after, "temporary_classrooms": kept_rooms(plan)}
    # the per-pupil 公用经费 named by where this plan's price came from
    labels = {**METRIC_LABELS, "operating_pupil_yuan": f"财政支出：{quota_funding(plan.weights)}（每年）",
              "staff_weight_yuan": staff_weight_label(plan),
              "temporary_classrooms": rent.temporary_label(plan, METRIC_LABELS["temporary_classrooms"]),
              "operating_yuan": total_label(plan, METRIC_LABELS["operating_yuan"])}  # review rv 1
    labels["sports_land_yuan"] = LAND_ROW.format(m2=after.get("sports_land_m2", 0))
    if bedless_only(plan.metrics):
        labels["day_pupils_over_limit"] = BEDLESS_ONLY
    # the land row is the plan's alone: none bought today either (rv 1: its 当前 was blank)
    land = {"sports_land_yuan": 0.0} if now else {}
    held = {"oversized_classes": rent.oversized_cell(after["oversized_classes"], short_rooms(plan, after))
            } if "oversized_classes" in after else {}  # brief hhonest2 3: not a bare 0 while rooms are short
    keys = metric_keys(plan.metrics)
    rows = [[labels.get(k, "其他指标"), now.get(k, land.get(k, "")), before.get(k, 0.0), held.get(k, after.get(k, "")),
             after[k] - before.get(k, 0.0) if k in after else ""] for k in keys]
    return rent.dashed_apart(keys, rows) + [["说明", note, "", "", ""] for note in comparison_notes(plan)]


def metric_keys(metrics) -> list[str]:
    """The comparison's rows by metric: the columns' (``before``), and the land bought beside
    receivers (rule (25)) under the receivers' areas where the plan buys any; the bed-less bus
    riders' row left out where it repeats 走读超时 in every column (:func:`bedless_only`)."""
    keys = [k for k in metrics["before"] if k != "bus_pupils_without_bed" or not bedless_only(metrics)]
    if "oversized_classes" in keys and "oversized_classes" in metrics.get("now", {}):
        keys.insert(keys.index("oversized_classes"), rent.OVERSIZED_NOW)
    if "sports_land_yuan" in metrics.get("after", {}):
        at = keys.index("receiver_area_yuan") + 1 if "receiver_area_yuan" in keys else len(keys)
        keys.insert(at, "sports_land_yuan")
    return keys


def signed_rows(rows: list[list]) -> list[list]:
    """The comparison's rows as the workbook sent with the plan prints them: its 说明 without
    data-entry prompts (:func:`~junheng.report.signed_text.signed_notes`; the web page keeps them).

    >>> signed_rows([["学生数", 1, 2, 3, 1], ["说明", "甲楼（在建；计划竣工已过，请更新项目状态）", "", "", ""]])
    [['学生数', 1, 2, 3, 1], ['说明', '甲楼（在建，已逾期（计划竣工时间已过））', '', '', '']]
    """
    notes = signed_notes(r[1] for r in rows if r[0] == "说明")
    return [r for r in rows if r[0] != "说明"] + [["说明", n, "", "", ""] for n in notes]


def comparison_text(plan: LayoutOutcome) -> list[list[str]]:
    """:func:`comparison_rows` as the CLI, the web page and the HTML and Word reports print
    it: counts whole, minutes to 2 decimals, money by :func:`junheng.model.numbers.money`
    (万元 from one million 元, all money rows in the unit of the largest), "—" where a plan
    has no figure (当前 in an older plan)."""
    keys = comparison_keys(plan)
    rows = comparison_rows(plan)
    scale = money_scale(keys, rows)
    return [[row[0], *(metric_text(key, v, scale) for v in row[1:])]
            for key, row in zip(keys, rows, strict=True)]


def comparison_keys(plan: LayoutOutcome) -> list[str]:
    """The key of each row of :func:`comparison_rows` ("说明" for a note): the one list the
    text, the workbook's number formats and its 单位 column read their row's unit from."""
    return [*metric_keys(plan.metrics), *("说明" for _ in comparison_notes(plan))]


def money_scale(keys: list[str], rows: list[list]) -> float:
    """The largest amount of all the comparison's money rows (``keys``: each row's metric):
    the one unit they are all written in (review2 finding 9: "建设投资年均摊 714,000 元" among
    万元 rows). A count beside them does not count (rv 1: the rows were paired with the wrong
    keys once the land row was put in).

    >>> money_scale(["capital_annual_yuan", "boarders", "capital_cost_yuan"],
    ...             [["年均摊", 714_000, 0], ["寄宿生", 9_137_000, 0], ["投资", 0, 1_428_000.0]])
    1428000.0
    """
    return max((row_scale(row) for key, row in zip(keys, rows, strict=False)
                if key.endswith("_yuan")), default=0.0)


def metric_unit(key: str, scale: float = 0.0) -> str:
    """The unit a comparison row is written in: money in 元 or 万元 by the table's largest
    amount (``scale``, as :func:`metric_text` prints it), the others by :data:`METRIC_UNITS`.

    >>> metric_unit("operating_yuan", 3_000_000), metric_unit("boarders"), metric_unit("说明")
    ('万元', '人', '')
    >>> metric_unit("travel_pupil_minutes"), metric_unit("capital_cost_yuan", 500_000)
    ('人·分钟/年', '元')
    """
    if key.endswith("_yuan"):
        return numbers.money_parts(0.0, scale)[1]
    return METRIC_UNITS.get(key, "")


def row_scale(row: list) -> float:
    """The largest amount of a comparison row (its label first): the unit the whole row of
    money is written in (:func:`junheng.model.numbers.money_parts`).

    >>> row_scale(["建设投资", 0, 3_400_000.0, "", -200_000])
    3400000.0
    """
    return max((abs(v) for v in row[1:] if isinstance(v, int | float)), default=0.0)


def metric_text(key: str, value, scale: float = 0.0) -> str:
    """One figure of the comparison for a reader (money in the unit of the row's largest
    figure, ``scale``, so a row never mixes 万元 and 元).

    >>> metric_text("capital_cost_yuan", 11_300_000.0), metric_text("boarders", 6964)
    ('1,130.00 万元', '6,964')
    >>> metric_text("floor_cost_yuan", 486_720, scale=3_055_000)
    '48.67 万元'
    >>> metric_text("mean_travel_min", 7.31), metric_text("说明", "注"), metric_text("pupils", "")
    ('7.31', '注', '—')
    """
    if isinstance(value, str) or value is None:
        return value or ("" if key == "说明" else numbers.DASH)
    if key.endswith("_yuan"):
        return numbers.money(value, scale)
    return numbers.trimmed(value, 2)


@per_object  # the workbook, the documents and the web page each ask for every plan's notes
def comparison_notes(plan: LayoutOutcome) -> list[str]:
    """What the comparison's less obvious rows count: the 大班额 bases and the per-site cost."""
    target = f"{plan.target_year} 学年" if plan.target_year else "规划年"
    year = f"{plan.year} 学年" if plan.year else "数据学年"
    sizes = "、".join(f"{name} {plan.rules[key]} 人" for name, key in (
        ("小学", "class_size_primary"), ("初中", "class_size_junior"),
        ("教学点", "class_size_teaching_point")) if key in plan.rules) or "方案设定"
    base = FORECAST_NOTE if (plan.rules or {}).get(FORECAST_RULE) else \
        TODAY_SHARES_NOTE if (plan.rules or {}).get("today_shares") else BASELINE_NOTE
    source = ("规划年两列取招生预测（“调整后”另加减方案转入、转出的学生），与招生预测同一学年同一来源"
              if (plan.rules or {}).get(FORECAST_RULE) else
              "规划年两列按各村适龄儿童逐年推算，招生预测按各校历年招生推算，同一学年两者的间数因此不同")
    return [base, uncertainty_note(plan),
            oversized_note(year, target),
            f"县城学校缺少的普通教室：城区（主城区、城乡结合区）各校按标准班额（{sizes}）逐年级编班所需班数"
            "（加上高中、附设幼儿园班级现有学生所需班数）减全校普通教室数，逐校相加（一校富余不抵另一校不足），"
            "编班和逐校相加的算法与招生预测的“逐校相加”缺口相同"
            f"{'' if (plan.rules or {}).get(FORECAST_RULE) else '，学生数来源不同'}：“当前”按各校填报在校生，与招生预测"
            f"基年的缺口相同；{source}（自评报告“主要数据”在招生预测的同一学年旁列出本表“不调整”“调整后”两数）。"
            f"“不调整”为{target}按现有学校就读，“调整后”含分流和方案新建的教室，不含临时周转借用的教室：即按本方案新建"
            "教室后仍缺的间数，由临时周转借用的就是“方案以临时周转解决的普通教室”行规划年借用的县城学校部分（同为逐校逐年级编班，"
            "见“过渡期”），其余由达标路径复核；完全中学高中班级的教室不在布局调整范围内，故“调整后”不一定为 0。"
            "招生预测的“县城教室缺口”按学段分计，为同学段县城各校合计（同学段一校富余可抵另一校不足，不跨学段相抵）；"
            "达标路径按其目标学年逐校重新编班计算。",
            BOARDERS_NOTE, site_cost_note(plan.weights), *floor_unpaid_note(plan), *limits_note(plan),
            *unchanged_beds_note(plan), *with_boarding_target(plan.notes, plan), *no_ground_note(plan),
            *(n for n in (lend_note(plan), entry_note(plan)) if n),
            *(n for n in (zone_price_note(plan),) if n), *zone_year_notes(plan)]


#: One basis for the boarders of every column, and 当前 as reported (review2 findings 1, 4).
BOARDERS_NOTE = (
    "寄宿生数：三列同一口径——四至九年级单程超过走读时间上限的学生全部寄宿，学校床位不够的除外（" + BEDLESS_WORDS
    + "的学生，见走读超时学生数行，“当前”按现有床位）；其余学生按其现就读学校今天的寄宿比例"
    "（该校四至六或七至九年级寄宿生 ÷ 在校生）在该校寄宿；保留学校的农村学生分到别校仍按此比例寄宿（在保留学校之间调整"
    "不减少寄宿生，不计为节省）；城区、镇区社区在保留学校按此比例计入的寄宿生是外村到城镇学校寄宿的学生，留在原校寄宿"
    "（本方案不移动他们），社区其余学生走读，分到别校、单程在走读时间上限内的仍走读，不为其建床位；"
    "撤并学校的学生只按通行时间寄宿。“当前”为各校填报数据（校舍、床位不含在建、规划项目），"
    "在建、规划项目只计入规划年两列。")
#: What 当前 and 规划年（不调整） count (review finding 5), with ``today_shares`` ...
TODAY_SHARES_NOTE = (
    "“当前”和“规划年（不调整）”两列：各村适龄儿童按全县民办学校在校生占比扣除民办部分（民办学校不参与布局调整），"
    "再按现状就读学校逐校折算：各校现有在校生（分一至三、四至六、七至九年级）÷ 在该校就读的各村适龄儿童；城区社区"
    "现状由多所学校就读（多校划片），按各校填报的在校生分成几部分（通行时间最短），每部分整体就读一所学校，"
    "农村村居整体就读一所学校（教学点所在村的一至三年级多于教学点在校生的，其余在本村四至六年级就读的学校）。所以“当前”每所学校的学生数等于其填报的公办在校生，“规划年（不调整）”保持各校现有"
    "在校生占比、随其生源村适龄儿童增减；“调整方案”表的“规划年不调整（预计）”为现有在校生 × 本乡镇适龄儿童增减。")
#: ... with the forecast (rules.pupil_forecast, planning.layout_forecast): the forecast's.
FORECAST_NOTE = (
    "“当前”为各校填报的公办在校生；“规划年（不调整）”和“调整方案”表的“规划年不调整（预计）”为各校的招生预测数"
    "（与招生预测报表同一数字）：各村学生按现状就读学校分摊该校的招生预测数（按各村适龄儿童占比），"
    "“调整后”为招生预测数加减方案转入、转出的学生；规划年以外各学年的学生也按各校招生预测逐年增减。")
#: ... and without it: village-based, not the schools' 在校生.
BASELINE_NOTE = (
    "“当前”和“规划年（不调整）”两列按村居适龄儿童测算（按全县民办学校在校生占比扣除民办部分，民办学校不参与布局调整），"
    "每个村的学生在其划片学校就读（一至三年级在本村附近的教学点，如有）。户籍在乡镇、现在县城学校就读的学生按划片计入乡镇学校，"
    "所以县城学校的学生数少于学校填报的在校生、乡镇学校多于在校生；“调整方案”表的“规划年不调整（预计）”"
    "也按此口径（现有在校生 × 本乡镇规划年适龄儿童 ÷ 本乡镇现有在校生）。")


#: the 不调整 column's hires are counted as the plan's (review2 finding 2: 0 there booked the
#: hires enrolment causes against the adjustment)


class Cv(float):
    """A 差异系数 cell: written unrounded with three decimals (0.503 over a 0.50 limit must not
    read 0.5)."""


def _cv_rows(cvs: CvComparison, basis: str = "") -> list[list]:
    """The 差异系数对比 rows: the CVs at three decimals, the limit at two as 表 11 prints it,
    and 表 11's verdict (:func:`~.layout_cv_text.cv_limit_rows`, review rv25 8: 0.500 beside
    the docx's 0.50, and no verdict); the composite's limit and verdict 「—」."""
    def shown(v):  # a CV the county's data cannot give (NaN) is left blank
        return Cv(v) if isinstance(v, int | float) and math.isfinite(v) else ""

    verdicts = iter(cv_limit_rows(cvs))  # the same stages and indicators in the same order
    rows = []
    for stage, before in cvs.before.items():
        for ind, cv in before.items():
            limit = cvs.limits.get(stage, {}).get(ind)
            rows.append([STAGE_LABELS.get(stage, "其他"), cv_name(ind), shown(cv), shown(cvs.after.get(stage, {}).get(ind)),
                         "—" if limit is None else float(limit), next(verdicts)[5]])
    return rows + [["说明", a, "", "", "", ""]
                   for a in filter(None, (*cvs.causes, basis, *cvs.assumptions))]


def cv_name(key: str) -> str:
    """The Chinese name of a resource indicator of 优质均衡 2017 (``composite``: the system's
    reference figure, :data:`~junheng.evaluate.cv.COMPOSITE_REFERENCE`)."""
    from junheng.evaluate.cv import COMPOSITE_REFERENCE
    from junheng.planning.layout_outcome import cv_name as name

    return COMPOSITE_REFERENCE if key == "composite" else name(key)


def write_compare_xlsx(rows: list[dict], path: Path) -> Path:
    """The scenarios side by side, one column each (``junheng plan layout --compare``)."""
    wb = new_workbook(path)
    try:
        ws = wb.add_worksheet("方案比较")
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        f = {"cell": wb.add_format({"border": 1, "num_format": "#,##0"}),
             "dec": wb.add_format({"border": 1, "num_format": "#,##0.00"})}
        ws.set_landscape()
        ws.set_paper(9)
        ws.write_string(0, 0, "指标", head)
        ws.set_column(0, 0, 28)
        for j, r in enumerate(rows, start=1):
            ws.set_column(j, j, 18)
            for i, (k, v) in enumerate(r.items()):
                if j == 1:
                    ws.write_string(i, 0, k, head)
                if i == 0:
                    ws.write(i, j, v, head)
                else:
                    write_cell(ws, i, j, v, f)
    finally:
        wb.close()
    return path


def _order(s: PlannedSchool) -> tuple:
    return ({"close": 0, "new": 1, "expand": 2, "keep": 3}[s.action], s.phase or 0, s.school_id)


def _formats(wb):
    return {"head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                   "text_wrap": True, "valign": "vcenter"}),
            "cell": wb.add_format({"border": 1, "num_format": "#,##0"}),
            "dec": wb.add_format({"border": 1, "num_format": "#,##0.00"}),
            "cv": wb.add_format({"border": 1, "num_format": "0.000"}),
            **{unit: wb.add_format({"border": 1, "num_format": fmt})
               for unit, fmt in MONEY_FORMATS.items()}}


def write_cell(ws, i: int, j: int, v, f) -> None:
    """A number rounded to 2 decimals, shown ``#,##0`` when whole and ``#,##0.00`` otherwise;
    a :class:`Cv` with three decimals as the documents print it (rv13 15: a cell read 0.711714
    beside the documents' 0.712), 无法计算 when NaN (xlsxwriter refuses NaN)."""
    if isinstance(v, Cv):
        if math.isfinite(v):
            ws.write_number(i, j, float(numbers.cv3(v)), f["cv"])
        else:
            ws.write_string(i, j, numbers.cv3(v), f["cell"])
        return
    if isinstance(v, float) and math.isfinite(v):
        v = round(v, 2)
        if v == int(v):
            v = int(v)
    ws.write(i, j, v, f["dec"] if isinstance(v, float) else f["cell"])


def write_money(ws, i: int, j: int, yuan, f, scale: float = 0.0) -> None:
    """An amount of money as a number in the unit :func:`junheng.model.numbers.money` writes
    it in (万元 from one million 元; ``scale``: the row's largest amount, so a row keeps one
    unit), the unit shown by the cell's format."""
    if not isinstance(yuan, int | float) or numbers.is_missing(yuan):
        write_cell(ws, i, j, yuan, f)
        return
    value, unit = numbers.money_parts(yuan, scale)
    ws.write_number(i, j, value, f[unit])


def _sheet(wb, f, name, heads, rows, money_rows=frozenset(), money_scale=0.0) -> None:
    ws = wb.add_worksheet(name)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.freeze_panes(1, 0)
    for j, h in enumerate(heads):
        ws.write_string(0, j, str(h), f["head"])
        ws.set_column(j, j, max(10, len(str(h)) * 2 + 2))
    for i, row in enumerate(rows_or_none(name, rows), start=1):
        scale = max(row_scale(row), money_scale)
        for j, v in enumerate(row):
            if i in money_rows and j:
                write_money(ws, i, j, v, f, scale)
            else:
                write_cell(ws, i, j, v, f)


def _comparison_sheet(wb, f, plan: LayoutOutcome) -> None:
    """调整前后对比: each row with its unit in a 单位 column after 指标, money in the one unit
    of the table's largest amount (as the Word table prints it), the unit and the format of a
    row taken from its key (:func:`comparison_keys`)."""
    keys = comparison_keys(plan)
    rows = comparison_rows(plan)
    scale = money_scale(keys, rows)
    counted = len(metric_keys(plan.metrics))  # then the notes, without data-entry prompts
    heads = comparison_heads(plan)
    _sheet(wb, f, "调整前后对比", [heads[0], "单位", *heads[1:]],
           [*([row[0], metric_unit(k, scale), *row[1:]] for k, row in zip(keys, rows[:counted], strict=False)),
            *(row + [""] for row in signed_rows(rows)[counted:])],
           money_rows={i for i, k in enumerate(keys[:counted], start=1) if k.endswith("_yuan")},
           money_scale=scale)


def write_staffing_sheet(wb, f, doc, absorb: dict | None = None) -> None:
    """The 教师配置汇总 sheet: the ledger's sentence, its schools, its stages (with the
    自然减员), the moves behind them, then ``absorb`` (the primary surplus year by year)."""
    from junheng.report.teacher_absorb import absorb_sheet_rows
    from junheng.report.teacher_walk import walk_finding

    finding = walk_finding(doc)  # rv28 4: the walk the ledger's sentence refers to
    rows = [[staffing_sentence(doc)], *([[finding]] if finding else []), *ledger_sheet_rows(doc),
            *absorb_sheet_rows(absorb, doc)]
    _sheet(wb, f, SHEET_TITLE, list(HEADER), rows)


def _solve_sheet(wb, f, plan: LayoutOutcome, data=None) -> None:
    """求解信息: 项目, 值 and 说明 (why a money row is there), at widths a reader can scan; the
    per-pupil rates the county's ``data`` gives where the scenario sets none (rv24 10b)."""
    _sheet(wb, f, "求解信息", list(SOLVE_HEADS), solve_rows(plan, data))
    ws = wb.worksheets()[-1]
    wrap = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    for j, width in enumerate(SOLVE_WIDTHS):
        ws.set_column(j, j, width, wrap)


__all__ = ["setting_rows", "write_layout_xlsx"]
