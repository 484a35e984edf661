"""The layout plan's 求解信息 (solve information) as rows of 项目, 值 and 说明, shared by the
workbook's sheet and the Word 布局调整方案: each money row says why it is there (spent, or a
weight that only compares plans) and a total whose rounded parts do not add up says so."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from junheng.model import numbers
from junheng.model.labels import SCHOOL_TYPE_LABELS, STAGE_LABELS, quota_funding, school_count
from junheng.planning.borrow_counts import priced_status, priced_words
from junheng.planning.layout_compare import HIRES_APART, SCORE, SCORE_ROW
from junheng.planning.layout_costs import closed_kinds, floor_unpaid_closed, shown_metrics
from junheng.planning.layout_model import RELIEF_SHORT_YUAN
from junheng.planning.layout_naming import plan_label
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_reviewed import reviews_shown
from junheng.report.layout_pupil_rates import pupil_rates
from junheng.report.signed_text import signed
from junheng.report.solve_gap import gap_row

SOLVE_HEADS = ("项目", "值", "说明")
#: rule (25) of the layout model as a reader names it
LAND_RULE = "扩充体育运动场地用地（接收学校在校内补不足分流带来的体育运动场馆面积时，征用或置换相邻用地建室外场地）"
#: Column widths: characters in the workbook, relative widths in Word (one tuple for both).
SOLVE_WIDTHS = (46, 22, 40)

#: Why a money row of each group is in the table.
MONEY_REASONS = {
    "财政支出单价": "计入财政支出（见“调整前后对比”的财政支出各行）",
    "权重（不是财政支出）": "只用于比选方案，计入综合评价值，不是财政支出",
    "财政支出口径": "计入财政支出的范围，不是单价",
    "单价": "计入一次性建设投资（见“调整方案”的建设投资列）",
    # two uses (review rv 10: say each): the land rule (25) buys, in the 建设投资, and the land a
    # hall beyond the ground would need, estimated only (layout_areas.sports_ground_text); the
    # rule by what it does, not its number (review rv5 13)
    "land_yuan_per_m2": f"{LAND_RULE}按此价加室外体育运动场地单价计入一次性建设投资（见“调整方案”）；"
                        "室内体育馆校内空地容纳不下、需另行用地的面积按此估算，不计入，见“调整方案”的说明，需论证",
    "规则": "方案的约束，不计入支出",
    # the 过渡期's 临时周转 is paid in its school year, not in a school's 建设投资 (layout_waiting)
    "temporary_room_yuan": "计入过渡期当年一次性投入（见“过渡期”表和“分年度财政支出”表），不计入建设投资列",
}
OBJECTIVE_PARTS = (("operating_yuan", 1), ("operating_pupil_yuan", -1), ("capital_annual_yuan", 1),
                   ("travel_weight_yuan", 1), ("staff_weight_yuan", 1),
                   ("hire_staff_yuan", -1), ("hall_beyond_weight_yuan", 1))
#: the parts every plan has (an older plan.json lacks the last two: they were 0)
BASE_PARTS = 5


def rounding_note(total: float, parts: list[float]) -> str:
    """A note when the parts, each rounded to 0.01 万元, do not add up to the rounded total.

    >>> rounding_note(36_491_393, [48_260_424, -28_912_200, 2_400_716, 14_058_242, 684_211])
    '各项四舍五入到 0.01 万元，相加为 3,649.13 万元，与合计 3,649.14 万元相差 0.01 万元（舍入所致）'
    >>> rounding_note(300, [100, 200])
    ''
    """
    shown = round(sum(numbers.wan(p) for p in parts), 2)
    whole = numbers.wan(total)
    if abs(shown - whole) < 0.005:
        return ""
    return (f"各项四舍五入到 0.01 万元，相加为 {shown:,.2f} 万元，与合计 {whole:,.2f} 万元相差 "
            f"{abs(whole - shown):,.2f} 万元（舍入所致）")


def solve_rows(plan: LayoutOutcome, data=None) -> list[list]:
    """求解信息 rows: 项目, 值, 说明 (the per-pupil rates from the county's ``data``)."""
    after = plan.metrics.get("after", {})
    # the total as the tables print it, the sum of its printed parts (review rv3 5), and the
    # parts as printed too (review ht 5: 3,919.65 from the unrounded parts beside 3,919.64)
    shown = shown_metrics(plan.metrics).get("after", {})
    parts = [sign * float(shown.get(k, 0.0)) for k, sign in OBJECTIVE_PARTS]
    score = shown.get("objective_yuan", plan.objective)
    rounding = rounding_note(score, parts) if "objective_yuan" in after and all(
        k in after for k, _ in OBJECTIVE_PARTS[:BASE_PARTS]) else ""
    seconds = "—" if plan.seconds is None else f"{plan.seconds:,.1f}"
    why = {"是否满足差异系数上限": "按优质均衡 2017 差异系数上限复核规划后的县域"}
    borrowed = _borrowed_note(plan.objective, after, score)
    return [["方案", plan_label(plan), ""],
            *([label, text, why.get(label, "")] for label, text in status_lines(plan)),
            [SCORE_ROW.replace("（", "（每年，", 1), numbers.money(score), "；".join(filter(None, (
                "只用于比选方案，不是财政支出", rounding, borrowed, priced_words(plan, score))))],
            [f"{SCORE}说明", objective_note(after, plan.weights), ""],
            *_bound_rows(plan, bool(borrowed)),
            ["求解用时（秒）", seconds, "计算机求出本方案所用的时间"],
            *setting_rows(plan, data)]


def _bound_rows(plan: LayoutOutcome, apart: bool) -> list[list]:
    """The bound and the gap, of the 综合评价值 or, where the solver's objective differs from
    it (``apart``: rooms met by 临时周转 priced as built, the 分流下限's amount), of that
    objective, so a bound above the 综合评价值 is not read as its bound; 下界 said once, in
    words (review rv5 13: a 局务会 member does not know a 下界).

    >>> rows = _bound_rows(LayoutOutcome("optimal", (), {}, bound=1_000_000.0, gap=0.0), False)
    >>> rows[0][0], rows[1][:2]
    ('可能的最低值（下界，每年）', ['与可能的最低值的差距（最优性差距）', '0%'])

    ``apart``: the solver's objective is its own row, beside its bound and named with it
    (review rv6 N6: a bound of 4,463.39 万 read against a 综合评价值 of 3,850.79 万):

    >>> rows = _bound_rows(LayoutOutcome("optimal", (), {}, objective=1_200_000.0, bound=1_100_000.0), True)
    >>> [r[:2] for r in rows[:2]]
    [['求解器目标值（每年）', '120.00 万元'], ['求解器目标值的可能最低值（下界，每年）', '110.00 万元']]
    """
    what = "求解器目标值" if apart else SCORE
    gap = gap_row(plan, what)
    if not apart:
        return [["可能的最低值（下界，每年）", numbers.money(plan.bound),
                 f"下界：求解器证明任何方案的{SCORE}都不会低于此数；"
                 "本方案与它相差越小，越能说明在所设单价和权重下已没有更好的方案"], gap]
    return [["求解器目标值（每年）", numbers.money(plan.objective),
             f"{SCORE}加上按新建计入的以临时周转解决的教室和分流下限的计入额（见{SCORE}行），"
             "最优和差距按此计算；与下行的下界比较，不与综合评价值比较"],
            ["求解器目标值的可能最低值（下界，每年）", numbers.money(plan.bound),
             "下界：求解器证明任何方案的求解器目标值（上行，含按新建计入的教室和分流下限的计入额）都不会低于此数；"
             "本方案与它相差越小，越能说明在所设单价和权重下已没有更好的方案"], gap]


def status_said(plan: LayoutOutcome, values: bool = False, running: bool = False, among: str = "") -> str:
    """The solve status as every document writes it (review rv 8: 「最优」 headlined a plan
    that fails 5 rules and 3 CV limits): 最优 is optimal under the set weights only, then how
    many rules the plan does not meet, counted without the CVs as 表5 and the headline count
    them, and the CVs over their limit apart (review rv3 6: 「4 项」 in 表5 beside 「5 项（含差异系数
    2 项超限）」 in the 说明); with ``values`` (方案乙, whose CVs no table gives) those CVs.

    >>> print(status_said(LayoutOutcome("optimal", (), {}, gap=0.000068)))
    求解目标在设定权重和计入额下最优（与下界差 0.0068%，在容差 0.01% 内）
    >>> print(status_said(LayoutOutcome("feasible", (), {}, gap=0.02, rules={"boarding_per_town_unmet": "…"})))
    求解目标在设定权重和计入额下的可行方案，与最优的差距不超过 2%；未满足规则 1 项（不含差异系数）

    ``running``: as a document's running text says it, without 最优 (review rv3 7,
    :func:`~junheng.optimize.status_words.measured_words`):

    >>> print(status_said(LayoutOutcome("optimal", (), {}, gap=0.0, rules={"boarding_per_town_unmet": "…"}), running=True))
    按所设单价和权重测算，求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）；未满足规则 1 项（不含差异系数）
    """
    from junheng.planning.layout_cv_words import plan_count
    from junheng.planning.layout_rules import weighted_status
    from junheng.planning.layout_unmet import unmet_labels

    cv = plan.evaluation
    over = plan_count(plan)
    rules = len(unmet_labels(plan, cvs=False))
    said = [f"未满足规则 {rules} 项（不含差异系数）"] if rules else []
    if over:
        said.append(over + (f"：{cv.over_text(plan.target_year, plan.year)}" if values else ""))
    if running:
        from junheng.planning.layout_options import measured_status

        head = measured_status(plan, among)
    else:
        head = weighted_status(plan.status_label) + priced_status(plan)  # review rv18 2
    from junheng.planning.layout_ranking import plan_caveat

    if caveat := plan_caveat(plan):  # review rv17 8: not 「最低」 plainly where a weight decides
        said.append(caveat)
    return head + "".join(f"；{t}" for t in said)


def status_lines(plan: LayoutOutcome) -> list[tuple[str, str]]:
    """:meth:`~.LayoutOutcome.status_lines` with the status as :func:`status_said` writes it
    and the rules unmet as :func:`unmet_row` counts them."""
    said = {"求解状态": status_said(plan), "未满足的规则": unmet_row(plan)}
    return [(label, said.get(label, text)) for label, text in plan.status_lines()]


def unmet_row(plan: LayoutOutcome) -> str:
    """The 未满足的规则 row of the 求解信息 sheet: the rules without the CVs counted as the
    status, 表5 and the checker count them, each numbered in full, then what is said beside
    them (the CVs have their own row; review ht 4: six items listed under 「4 项」).

    >>> plan = LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet": "…", "cv_kept": ["P"]})
    >>> print(unmet_row(plan))
    1 项（不含差异系数）：（1）“每个乡镇保留寄宿制小学和初中”未全部满足，原因见说明。另：因差异系数约束保留P（方案在此前提下求解）
    >>> unmet_row(LayoutOutcome("optimal", (), {}))
    '无'
    """
    from junheng.planning.layout_unmet import other_lines, rule_lines

    rules, others = rule_lines(plan), other_lines(plan)
    head = (f"{len(rules)} 项（不含差异系数）：" + "；".join(f"（{i}）{t}" for i, t in enumerate(rules, start=1))
            if rules else "无（不含差异系数）" if others else "无")
    return head + (f"。另：{'；'.join(others)}" if others else "")


def _borrowed_note(objective: float, after: dict, shown: float | None = None) -> str:
    """The solver's objective (最优 and the gap are proven on it) said once as a sum the reader can
    check (review rv28 1: the 分流下限's 600 万元, 15 % of it, beside 「在设定权重下最优」): the plan's
    综合评价值 (``shown`` as printed), rooms met by 临时周转 priced as built, ``RELIEF_SHORT_YUAN``
    a pupil short of a relief floor (12); neither is part of the 综合评价值 ("" if equal to the 元).

    >>> print(_borrowed_note(46_120_100.0, {"objective_yuan": 40_078_100.0, "relief_short_pupils": 6}))
    求解器的目标值 4,612.01 万元 ＝ 本方案的综合评价值 4,007.81 万元 ＋ 以临时周转解决的教室按新建计入的建设投资年均摊 4.20 万元（借用不建，不计入综合评价值） ＋ 保留学校低于分流下限的 6 人的计入额 600.00 万元（每人每年 100.00 万元，为保证保留学校留住分流下限所定生源的约束，不是支出，不计入综合评价值），最优和差距按求解器的目标值计算（综合评价值见“调整前后对比”）
    >>> _borrowed_note(46_120_100.0, {"objective_yuan": 46_120_100.2})  # the same to the 元: ''
    ''
    """
    plan = after.get("objective_yuan")
    if plan is None or objective - float(plan) < 0.5:
        return ""
    pupils = float(after.get("relief_short_pupils") or 0.0)
    relief, borrowed = RELIEF_SHORT_YUAN * pupils, objective - float(plan) - RELIEF_SHORT_YUAN * pupils
    parts = [(f"本方案的{SCORE}", float(plan if shown is None else shown), "")]
    if borrowed >= 0.5:
        parts.append(("以临时周转解决的教室按新建计入的建设投资年均摊", borrowed, "（借用不建，不计入综合评价值）"))
    if pupils > 0:
        parts.append((f"保留学校低于分流下限的 {pupils:,.0f} 人的计入额", relief,
                      f"（每人每年 {numbers.money(RELIEF_SHORT_YUAN)}，为保证保留学校留住分流下限所定生源的约束，"
                      "不是支出，不计入综合评价值）"))
    said = " ＋ ".join(f"{what} {numbers.money_in(yuan, objective)}{why}" for what, yuan, why in parts)
    rounding = rounding_note(objective, [yuan for _, yuan, _ in parts])
    return (f"求解器的目标值 {numbers.money(objective)} ＝ {said}{f'；{rounding}' if rounding else ''}，"
            f"最优和差距按求解器的目标值计算（{SCORE}见“调整前后对比”）")


def objective_note(after: dict, weights: Mapping[str, Any] | None = None) -> str:
    """What the objective holds and leaves out (review finding 7: it stood beside the spending
    figures unexplained): every weight that is not money, term by term, so that the sum is
    the solver's objective (less the rooms met by 临时周转, which 建设投资年均摊 leaves out:
    borrowed, not built); the per-pupil 公用经费 left out is named by where its price came
    from (``weights``: the plan's, :func:`~junheng.model.labels.quota_funding`).

    >>> objective_note({"operating_pupil_yuan": 28_973_900.0, "travel_weight_yuan": 1_000_000.0,
    ...                 "staff_weight_yuan": 0.0})
    '综合评价值＝每年财政支出（不含按生均公用经费基准定额测算的公用经费 2,897.39 万元：学生数不随方案变化，各方案相同）＋建设投资年均摊＋权重（通行时间折算 100.00 万元、小规模学校多配教职工 0.00 万元），只用于比选方案，不是财政支出'
    >>> objective_note({"operating_pupil_yuan": 28_973_900.0, "travel_weight_yuan": 1_000_000.0,
    ...                 "staff_weight_yuan": 0.0, "hall_beyond_weight_yuan": 25_000.0})[-56:]
    '接收学校体育运动场馆面积缺口 2.50 万元（按每平方米权重折算，不是建设费用）），只用于比选方案，不是财政支出'
    """
    keys = ("operating_pupil_yuan", "travel_weight_yuan", "staff_weight_yuan",
            "hall_beyond_weight_yuan")
    scale = max(abs(float(after.get(k, 0.0))) for k in keys)

    def part(key: str) -> str:
        return numbers.money(after.get(key, 0.0), scale)
    staff = float(after.get("hire_staff_yuan", 0.0))
    new = f"；也不含新聘教师人员经费 {numbers.money(staff, scale)}：{HIRES_APART}" if staff else ""  # rv20 5
    extra = "".join(f"、{label} {part(key)}{why}" for key, label, why in (
        ("hall_beyond_weight_yuan", "接收学校体育运动场馆面积缺口", "（按每平方米权重折算，不是建设费用）"),)
        if after.get(key))
    return (f"{SCORE}＝每年财政支出（不含{quota_funding(weights)} {part('operating_pupil_yuan')}：学生数不随方案变化，"
            f"各方案相同{new}）＋建设投资年均摊＋权重（通行时间折算 {part('travel_weight_yuan')}、"
            f"小规模学校多配教职工 {part('staff_weight_yuan')}{extra}），只用于比选方案，不是财政支出")


# Settings whose YAML documentation names other keys: the sheet's own wording.
SETTING_NAMES = {"bed_block_yuan": "新增一组宿舍床位的造价", "new_sites": "候选新校址",
                 "target_year": "规划目标学年（空则为数据学年加设定年数）",
                 "keep": "必须保留的学校", "closures_reviewed": "已完成撤并论证的学校",
                 "cv_kept": "因差异系数约束恢复保留的学校（方案的取舍，不是指定保留；理由见调整方案）"}
SETTING_VALUES = {"town_centres": "各乡镇驻地及城区各片区中心", "none": "不设", "costs.yaml": "内置单价",
                  "whole": "整个学段当年一次转入",
                  "lasting": "缺口持续（或仍有学校超过校额上限）时才新建", "any": "不论缺口是否持续",
                  "entry": "只对起始年级新生（一年级、七年级新生按新片区入学，其他年级在原校就读至毕业）"}
#: What an unset setting means, where "—" would not say it.
SETTING_UNSET = {"annual_budget_yuan": "未设（按达标路径的默认预算分年度安排：一般公共预算教育支出的 10%，见下一行和方案说明；无此数据时不限）",
                 "default_budget_yuan": "未用（已给每年建设预算，或县级年度数据没有一般公共预算教育支出、不限）",
                 "yuan_per_m2": "未设（教室、宿舍分别按其每平方米造价）",
                 "classroom_yuan": "未设（按面积计价）", "bed_block_yuan": "未设（按面积计价）"}


#: Weights that only value the plan's trade-offs (travel time, small sites' extra staff; those
#: described 权重（不是支出） too); every other weight is money the bureau spends (review
#: item 9: the 10 万元 per site was labelled 权重 in 求解信息 but 财政支出 in 调整前后对比).
WEIGHT_ONLY = frozenset({"yuan_per_pupil_minute", "day_trips_per_year", "boarder_trips_per_year",
                         "capital_years"})
WEIGHT_PREFIX = "权重（不是支出）："
#: Settings that say which spending counts, not what it costs (a number of pupils, a distance).
SPENT_RULES = frozenset({"funding_floor_pupils", "transport_min_km"})
#: Settings whose one value is used twice, a row per use: the group and what it says there
#: (review 2026-12-04 finding 9: the 人员经费 row was labelled 权重 although the layout's
#: 新聘教师人员经费, 720 万元 a year in the demo, is that value times the ledger's hires).
SPLIT_ROWS = {
    "teacher_yuan_per_year": (
        ("财政支出单价", "新聘教师人员经费（元/人·年）：调配、调剂后按编制（生师比）需招聘的教师每人每年按此计入"
                        "财政支出（见“教师配置汇总”；不计入综合评价值）"),
        ("权重（不是财政支出）", "小规模学校和教学点多配教职工的折算额（元/人·年，与“财政支出单价：新聘教师人员经费”同一数值）：实有教职工（不超过"
                              "按班师比核定的人数）比按生师比核定多出的人数每人每年按此计入综合评价值（撤并后教师调配，"
                              "不是节省）")),
    "capital_years": (
        ("权重（不是财政支出）", "建设投资折算年限（年）：综合评价值中建设投资按此年数均摊（财政支出按投资年份全额计）"),),
}


def setting_rows(plan: LayoutOutcome, data=None) -> list[list[str]]:
    """The weights, unit costs and rules in force, each under its Chinese description (the
    plan YAML's documentation) with its value written for a reader: 是/否, —, names joined; a money
    value (a key with 元) has the group's reason in 说明; the per-pupil rates as used (:func:`pupil_rates`)."""
    from junheng.planning.layout_board_option import OPTIONS_KEY  # printed in 表 2 and the notes
    from junheng.planning.layout_config import Costs, Weights, setting_label
    rates = pupil_rates(plan, data)  # rv24 10b: 「—」 beside the 2,842.16 万元 they price

    def described(model):  # the annex is signed: no "请以…替换" of the form's help (review 9)
        return lambda key: signed(getattr(model.model_fields.get(key), "description", "") or "")

    def rows(prefix: str, label, values) -> list[list[str]]:
        out = []
        for k, v in values.items():
            name = (SETTING_NAMES.get(k) or label(k) or "其他设置").removeprefix(WEIGHT_PREFIX)
            value = (schools_text(v, plan.names) if k in SCHOOL_LISTS else reviews_shown(v, plan.names)
                     if k == "closures_reviewed" else SETTING_VALUES.get(v, v) if isinstance(v, str) else _setting(v, k))
            reason = MONEY_REASONS.get(k, MONEY_REASONS[prefix]) if "yuan" in k or "元" in name else ""
            out.append([f"{prefix}：{name}", *rates.get(k, (value, reason))])
        return out

    weights = {k: v for k, v in plan.weights.items() if k not in SPLIT_ROWS}
    spent = {k: v for k, v in weights.items() if k not in WEIGHT_ONLY | SPENT_RULES
             and not described(Weights)(k).startswith(WEIGHT_PREFIX)}
    only = {k: v for k, v in weights.items() if k not in spent and k not in SPENT_RULES}
    split = {group: [[f"{group}：{name}", _setting(plan.weights[k], k), MONEY_REASONS[group]]
                     for k, uses in SPLIT_ROWS.items() if k in plan.weights
                     for g, name in uses if g == group]
             for group in ("财政支出单价", "权重（不是财政支出）")}
    return [*rows("财政支出单价", described(Weights), spent), *split["财政支出单价"],
            *rows("财政支出口径", described(Weights),
                  {k: v for k, v in weights.items() if k in SPENT_RULES}),
            *rows("权重（不是财政支出）", described(Weights), only), *split["权重（不是财政支出）"],
            *relief_row(plan),
            *rows("单价", described(Costs), plan.costs),
            *(cv_rule_text(plan, *r) if r[0] == f"规则：{setting_label('cv_limits')}" and r[1] == "是" else r
              for r in rows("规则", setting_label, {k: v for k, v in plan.rules.items() if k != OPTIONS_KEY}))]


def cv_rule_text(plan: LayoutOutcome, name: str, value: str, reason: str) -> list[str]:
    """The 差异系数 rule's row with the figures it is checked against (its words end
    「不高于规划年不调整布局时」): the CVs over their limit in the planning year without the layout (rv13 4: 「是」 beside a CV rising from
    0.632 to 0.712 read as false; the rule holds it to the 2030 不调整 0.737).

    >>> from junheng.planning.layout_outcome import CvComparison
    >>> k = "sports_area_per_student"
    >>> cvs = CvComparison({"primary": {k: 0.737}, "junior": {k: 0.3}}, {}, (),
    ...                    {"primary": {k: 0.5}, "junior": {k: 0.45}})
    >>> cv_rule_text(LayoutOutcome("optimal", (), {}, evaluation=cvs, target_year=2030), "规则：甲", "是", "")[0]
    '规则：甲（小学生均体育运动场馆面积差异系数 0.737）'
    """
    from junheng.planning.layout_outcome import cv_name

    cvs = plan.evaluation
    over = [] if cvs is None else [
        f"{STAGE_LABELS.get(stage, stage)}{cv_name(key)}差异系数 {numbers.cv3(cvs.before[stage][key])}"
        for stage, limits in cvs.limits.items() for key, limit in limits.items()
        if cvs.before.get(stage, {}).get(key) is not None and cvs.before[stage][key] > limit + 1e-9]
    return [name + (f"（{'、'.join(over)}）" if over else ""), value, reason]


#: the 分流下限 amount is in the solver's objective only (:func:`_borrowed_note` takes it out)
RELIEF_REASON = "只用于求出方案，不计入综合评价值，不是财政支出"


def relief_row(plan: LayoutOutcome) -> list[list[str]]:
    """The 分流下限 penalty's weight as its own row (review rv 8: 100 万元 per pupil-year was
    only in the 综合评价值说明's prose); [] for a plan solved without it (no such term).

    >>> relief_row(LayoutOutcome("optimal", (), {"after": {"relief_short_weight_yuan": 0.0}}))[0][1:]
    ['1,000,000 元', '只用于求出方案，不计入综合评价值，不是财政支出']
    >>> relief_row(LayoutOutcome("optimal", (), {"after": {}}))
    []
    """
    if "relief_short_weight_yuan" not in (plan.metrics or {}).get("after", {}):
        return []
    return [["权重（不是财政支出）：保留学校低于分流下限的学生计入额（元/人·年）：超规模学校分流后本校保留的学生"
             "低于分流下限时，每缺 1 人每年按此计入求解器的目标值（为保证分流下限的约束，不是支出；远高于其他各项，"
             "只在通行时间等规则下无法满足时才出现）",
             f"{RELIEF_SHORT_YUAN:,.0f} 元", RELIEF_REASON]]


#: rules whose value is a list of school ids: shown by name (review item 10: "必须保留的
#: 学校标识码 | 4103310800" with no name; rv10: no ten-digit code in the annex's prose)
SCHOOL_LISTS = frozenset({"keep", "cv_kept"})


def schools_text(ids, names: dict[str, str]) -> str:
    """School ids as their names, joined; the 标识码 only where a name is missing or two
    schools of the list share one; "—" for none.

    >>> schools_text(["4103310800", "9"], {"4103310800": "洛北县第一小学"})
    '洛北县第一小学、标识码 9'
    >>> schools_text(["1", "2"], {"1": "中心小学", "2": "中心小学"})
    '中心小学（标识码 1）、中心小学（标识码 2）'
    """
    if not ids:
        return "—"
    ids = [ids] if isinstance(ids, str) else ids
    shown = [names.get(i) for i in ids]
    return "、".join(f"标识码 {i}" if not name else f"{name}（标识码 {i}）" if shown.count(name) > 1 else name
                    for i, name in zip(ids, shown, strict=True))


def _setting(value, key: str = "") -> str:
    """A setting's value for a reader; an amount of money (a key ending in ``_yuan``) with its
    unit (second review: unit prices and the budget were printed without 元).

    >>> _setting(800_000, "classroom_yuan"), _setting(80_000_000, "annual_budget_yuan")
    ('800,000 元', '8,000.00 万元')
    >>> _setting(0.2, "yuan_per_pupil_minute"), _setting(True), _setting(12.0, "speed_kmh_urban")
    ('0.2', '是', '12 公里/小时')
    >>> _setting(None, "annual_budget_yuan"), _setting(3500.0, "teaching_yuan_per_m2")
    ('未设（按达标路径的默认预算分年度安排：一般公共预算教育支出的 10%，见下一行和方案说明；无此数据时不限）', '3,500 元/平方米')
    """
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None and key in SETTING_UNSET:
        return SETTING_UNSET[key]
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, int | float) and key.endswith("_yuan_per_m2"):
        return f"{numbers.money(value)}/平方米"
    if isinstance(value, int | float) and key.endswith("_yuan"):
        return numbers.money(value)
    if isinstance(value, int | float):  # a speed with its unit (rv18 10: 「平均速度 | 12」)
        return numbers.trimmed(value, 6) + (" 公里/小时" if key.startswith("speed_kmh") else "")
    if isinstance(value, list | tuple):
        return "、".join(SETTING_VALUES.get(v, v) if isinstance(v, str) else _setting(v)
                        for v in value)
    if isinstance(value, dict):
        names = {**STAGE_LABELS, **SCHOOL_TYPE_LABELS}
        return "；".join(f"{names.get(str(k), str(k))} {_setting(v)}" for k, v in value.items())
    return str(value)


def floor_unpaid_note(plan: LayoutOutcome) -> list[str]:
    """What of the 公用经费保底 saving is not spent today (review 2026-12-04 finding 7: 表2
    took every small school as paid the 保底, while the 自评报告 says 48.6% are, 126.98 万元
    short): the 经费表's count and shortfall (``metrics["now"]``, planning.layout_costs.
    with_floor_unpaid) and the part of the saving it may be; [] without a saving or without
    the figures (a plan stored before them).

    Hand-worked: 37 schools, 18 paid (18 / 37 = 48.6%), 1,269,800 元 short; the 保底 falls
    4,110,500 − 388,100 = 3,722,400 元 a year, so at most 1,269,800 of it is not spent now:

    >>> plan = LayoutOutcome("optimal", (), {"now": {"floor_schools": 37, "floor_paid_schools": 18, "floor_points": 30, "floor_paid_points": 15,
    ...     "floor_unpaid_yuan": 1_269_800.0}, "before": {"funding_floor_yuan": 4_110_500.0},
    ...     "after": {"funding_floor_yuan": 388_100.0}}, year=2025, weights={"funding_floor_pupils": 100})
    >>> note = floor_unpaid_note(plan)[0]
    >>> [part in note for part in ("调整后每年少 372.24 万元", "共 7 所学校、30 个教学点，只有 3 所学校、15 个教学点（48.6%）",
    ...                            "共少拨 126.98 万元", "至多 126.98 万元目前并未支出")]
    [True, True, True, True]
    >>> floor_unpaid_note(LayoutOutcome("optimal", (), {"before": {}, "after": {}}))
    []

    With the per-school figure (review 2026-12-05 finding 4) the sentence names the closed
    schools' part: two of them short 300,000 + 150,000 = 450,000 元 of their 保底, so
    3,722,400 − 450,000 = 3,272,400 元 a year is money paid today:

    >>> from dataclasses import replace
    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> closed = replace(plan, schools=tuple(PlannedSchool(i, i, "close") for i in ("P", "Q", "R")),
    ...     metrics={**plan.metrics, "now": {**plan.metrics["now"], "floor_unpaid_by_school": {
    ...         "P": 300_000.0, "Q": 150_000.0, "K": 819_800.0}}})
    >>> print(floor_unpaid_note(closed)[0].partition("同一算法）。")[2])
    其中本方案撤并的村小学和教学点有 2 所学校目前未按 100 人足额拨付，其保底部分共少拨 45.00 万元（每校为按 100 人核定额减去实际拨款，至多为其保底部分，即按 100 人与按实有学生核定额之差）：这部分目前并未支出，撤并后也不会节省；按目前实际拨付计（现金口径），这项节省每年约 327.24 万元。按整改措施要求自 2026 学年起足额拨付保底计，撤并全部生效后这项节省每年 372.24 万元；足额拨付须补足的公用经费（每年）：2026 学年起每年 81.98 万元（撤并的学校不再补足；县财政支出，不是本方案的支出，见“分年度财政支出”表）。

    (On the lawful baseline 327.24 + 45.00 = 372.24 万元; the top-up 126.98 − 45.00 = 81.98
    万元 a year from the year the two close, 2026 for a plan without phases.)
    """
    now, m = plan.metrics.get("now", {}), plan.metrics
    before = m.get("before", {}).get("funding_floor_yuan")
    after = m.get("after", {}).get("funding_floor_yuan")
    if not now.get("floor_unpaid_yuan") or before is None or after is None or before - after < 1:
        return []
    floor = numbers.trimmed((plan.weights or {}).get("funding_floor_pupils", 100))
    saved, unpaid = before - after, now["floor_unpaid_yuan"]
    scale = max(saved, unpaid)
    year = f" {plan.year} 学年" if plan.year else ""
    n, paid = now["floor_schools"], now["floor_paid_schools"]
    points, paid_points = now.get("floor_points"), now.get("floor_paid_points")
    if points is None:  # a plan stored before the 教学点 were counted apart
        covered, funded = f"{n:,} 个（所）", f"{paid:,} 个（所）"
    elif n == points:  # all 教学点: not 「村小学和教学点共 70 个教学点」 (rv13 13)
        covered, funded = f"{points:,} 个（均为教学点）", f"{paid_points:,} 个"
    else:  # 所 for schools, 个 for 教学点 (review 2026-12-05 finding 11: 「70 个（所）」)
        covered, funded = school_count(n - points, points), school_count(paid - paid_points, paid_points)
    return [f"公用经费保底：本表按不足 {floor} 人的村小学和教学点都已按 {floor} 人拨付公用经费计算，调整后每年少 "
            f"{numbers.money(saved, scale)}；但按经费表{year}各校的公用经费拨款，这类村小学和教学点共 {covered}，只有 {funded}"
            f"（{numbers.percent(paid / n)}）已按 {floor} 人拨付，其余共少拨 {numbers.money(unpaid, scale)}（与自评报告"
            f"“不足 {floor} 名学生的村小学和教学点按 {floor} 名学生核定公用经费”一项同一算法）。"
            + _closed_unpaid(plan, saved, floor, scale, min(saved, unpaid))]


def _closed_unpaid(plan: LayoutOutcome, saved: float, floor: str, scale: float, at_most: float) -> str:
    """What of the 保底 saving the closed schools are not paid today (review 2026-12-05
    finding 4), or, for a plan stored before the per-school figure, its upper bound."""
    closed = floor_unpaid_closed(plan)
    if closed is None:
        return f"这项节省中至多 {numbers.money(at_most, scale)}目前并未支出，实际节省可能相应减少。"
    count, short = closed
    # the rest as the shown saving less the shown shortfall, so a reader's subtraction agrees
    (a, unit), (b, _) = numbers.money_parts(saved, scale), numbers.money_parts(short, scale)
    rest = f"{numbers.number(max(a - b, 0.0), numbers.UNIT_DECIMALS[unit])} {unit}"
    if not count:
        return "本方案撤并的村小学和教学点目前没有少拨保底的，这项节省按目前实际拨付的公用经费计算。"
    return (f"其中本方案撤并的村小学和教学点有 {closed_kinds(plan)}目前未按 {floor} 人足额拨付，其保底部分共少拨 "
            f"{numbers.money(short, scale)}（每校为按 {floor} 人核定额减去实际拨款，至多为其保底部分，即按 {floor} 人与按实有学生核定额之差）："
            f"这部分目前并未支出，撤并后也不会节省；按目前实际拨付计（现金口径），这项节省每年约 {rest}。"
            + floor_rest_words(plan, scale) + lawful_floor_words(plan, saved, scale))


def floor_rest_words(plan: LayoutOutcome, scale: float) -> str:
    """How today's shortfall splits between the closed schools (their whole shortfall, the
    保底 part and what they lack even on their own pupils) and the kept ones, so that the year
    table's last top-up reconciles (rv13 13: 126.98 − 116.42 = 10.56 beside the table's 8.57);
    '' for a plan stored before the whole shortfall per school.

    Hand-worked: 30 万 short; closed P 12 万 (保底 part 10 万); kept K 18 万 = 30 − 12:

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲", "close", "teaching_point"),
    ...     PlannedSchool("K", "乙", "keep", "teaching_point")), {"now": {
    ...     "floor_unpaid_yuan": 300_000.0, "floor_unpaid_by_school": {"P": 100_000.0},
    ...     "floor_due_by_school": {"P": 120_000.0, "K": 180_000.0}}})
    >>> floor_rest_words(plan, 3_000_000.0)
    '这些学校少拨合计 12.00 万元（保底部分 10.00 万元，另 2.00 万元为按实有学生核定也未拨足的部分）；保留的 1 个教学点少拨 18.00 万元（30.00 − 12.00），撤并全部生效后每年仍须补足。'
    """
    from junheng.model.labels import count_of_kinds

    now = (plan.metrics or {}).get("now") or {}
    due, unpaid = now.get("floor_due_by_school"), now.get("floor_unpaid_by_school") or {}
    if not due:
        return ""
    closed = {s.school_id for s in plan.schools if s.action == "close"}
    whole = sum(float(v) for k, v in due.items() if k in closed)
    part = sum(float(v) for k, v in unpaid.items() if k in closed)
    kinds = {s.school_id: s.kind for s in plan.schools}
    kept = [kinds.get(k, "") for k, v in due.items() if k not in closed and v]
    money = lambda yuan: numbers.money(yuan, scale)  # noqa: E731
    total, (a, unit), (b, _) = now.get("floor_unpaid_yuan", 0.0), numbers.money_parts(
        now.get("floor_unpaid_yuan", 0.0), scale), numbers.money_parts(whole, scale)
    extra = f"，另 {money(whole - part)}为按实有学生核定也未拨足的部分" if whole - part >= 50 else ""
    rest = numbers.number(max(a - b, 0.0), numbers.UNIT_DECIMALS[unit])
    if not kept:
        return f"这些学校少拨合计 {money(whole)}（保底部分 {money(part)}{extra}），为现状少拨的全部，撤并后不再须补足。"
    return (f"这些学校少拨合计 {money(whole)}（保底部分 {money(part)}{extra}）；保留的 {count_of_kinds(kept)}"
            f"少拨 {rest} {unit}（{numbers.number(a, numbers.UNIT_DECIMALS[unit])} − "
            f"{numbers.number(b, numbers.UNIT_DECIMALS[unit])}），撤并全部生效后每年仍须补足。") if total else ""


def lawful_floor_words(plan: LayoutOutcome, saved: float, scale: float) -> str:
    """The saving on the lawful baseline and the top-up the county pays until the short
    schools close (review rv10 10: 297.29 万元 counted money not paid in breach of the floor
    the 整改 tells the county to fund from 2027); '' without a top-up."""
    from junheng.planning.layout_floor import topup_words
    from junheng.planning.layout_spending import yearly_money

    years = [r.year for r in yearly_money(plan)]
    topup = topup_words(plan, years, lambda yuan: numbers.money(yuan, scale)) if years else ""
    if not topup:
        return ""
    return (f"按整改措施要求自 {years[0]} 学年起足额拨付保底计，撤并全部生效后这项节省每年 {numbers.money(saved, scale)}；"
            f"足额拨付须补足的公用经费（每年）：{topup}（撤并的学校不再补足；县财政支出，不是本方案的支出，见“分年度财政支出”表）。")


#: how the small sites' extra staff is printed (review rv 12: 「105.05 人」 said to be 折合; review
#: ht 3: a count of people printed is whole): the 折合人数 (pupils ÷ 生师比 not rounded) rounded
#: half up to whole people; the weight is priced on the unrounded figure
FTE_WHY = "（在校生数 ÷ 生师比不取整，人数为折合人数四舍五入取整，金额按未取整的折合人数计）"
#: the comparison's row of the small sites' extra staff before its figures are known
STAFF_WEIGHT_LABEL = "权重（不是支出）：小规模学校多配的教职工（每年）"


def staff_weight_label(plan: LayoutOutcome) -> str:
    """The comparison's 小规模学校多配 row label with how its figures follow from people
    (review 2026-12-05 finding 2: 346 people of the 编制 row beside 1,050.53 万元): each
    column's weight ÷ the price a teacher is the staff it counts, the small sites' teachers
    (at most what their classes need by the 班师比) beyond their pupils ÷ 生师比, from today's
    pupils and teachers of the sites still open (:func:`~junheng.planning.layout_costs.site_costs`);
    not the 编制 row, which counts the posts the 班师比 gives. Unchanged without a price.

    Hand-worked: 10,505,300 元 ÷ 100,000 元 = 105.05 people, half up 105; 905,300 ÷ 100,000 =
    9.05, half up 9 (and 2.5 would print 3, not 2):

    >>> plan = LayoutOutcome("optimal", (), {"now": {"staff_weight_yuan": 10_505_300.0},
    ...     "before": {"staff_weight_yuan": 10_505_300.0}, "after": {"staff_weight_yuan": 905_300.0}},
    ...     year=2025, weights={"teacher_yuan_per_year": 100_000})
    >>> print(staff_weight_label(plan))
    权重（不是支出）：小规模学校多配的教职工（每年，= 折合人数 × 每人每年 10 万元；人数：当前 105 人、规划年不调整 105 人、调整后 9 人，为仍开办的小规模学校和教学点实有教职工（不超过按班师比核定的人数）比在校生数 ÷ 生师比多出的人数（在校生数 ÷ 生师比不取整，人数为折合人数四舍五入取整，金额按未取整的折合人数计），三列均按 2025 学年在校生和教职工计；不是上面按标准核定的编制人数）
    >>> staff_weight_label(LayoutOutcome("optimal", (), {"after": {}}))
    '权重（不是支出）：小规模学校多配的教职工（每年）'
    """
    price = float((plan.weights or {}).get("teacher_yuan_per_year") or 0.0)
    columns = [(name, (plan.metrics.get(key) or {}).get("staff_weight_yuan"))
               for key, name in (("now", "当前"), ("before", "规划年不调整"), ("after", "调整后"))]
    if price <= 0 or any(v is None for _, v in columns):
        return STAFF_WEIGHT_LABEL
    people = "、".join(f"{name} {whole_people(float(v) / price):,} 人" for name, v in columns)
    year = f" {plan.year} 学年" if plan.year else "当前"
    return (f"{STAFF_WEIGHT_LABEL.removesuffix('）')}，= 折合人数 × 每人每年 {numbers.trimmed(price / 10_000)} 万元；人数：{people}，"
            "为仍开办的小规模学校和教学点实有教职工（不超过按班师比核定的人数）比在校生数 ÷ 生师比多出的人数"
            f"{FTE_WHY}，"
            f"三列均按{year}在校生和教职工计；不是上面按标准核定的编制人数）")


def whole_people(fte: float) -> int:
    """A 折合人数 as whole people, rounded half up (四舍五入) once from the figure itself.

    >>> whole_people(105.05), whole_people(9.05), whole_people(2.5), whole_people(0.49)
    (105, 9, 3, 0)
    """
    return int(Decimal(repr(float(fte))).quantize(Decimal(1), rounding=ROUND_HALF_UP))
