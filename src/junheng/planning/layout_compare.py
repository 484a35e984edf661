"""Two layout plans compared term by term on the solver's objective ("最优" honesty).

A plan is optimal for its objective, which holds money (the yearly spending less its per-pupil
part, construction over ``capital_years``) and weights that are not money (travel time, the
small sites' extra staff, the receivers' sports area beyond the hall cap or without a hall;
the relief floor's penalty is the solver's alone, counted in pupils apart):
:mod:`~junheng.planning.layout_costs`. The plan's
``objective_yuan`` is the sum of :func:`objective_terms`, each a row of its 调整前后对比, so a
note that one plan is dearer than another says by how much in every term, and which terms
are not money (:func:`difference_note`).

>>> a = {"operating_yuan": 5_000_000.0, "operating_pupil_yuan": 1_000_000.0,
...      "capital_annual_yuan": 300_000.0, "travel_weight_yuan": 2_000_000.0,
...      "staff_weight_yuan": 100_000.0, "objective_yuan": 6_400_000.0}
>>> b = {**a, "operating_yuan": 5_600_000.0, "capital_annual_yuan": 0.0,
...      "travel_weight_yuan": 2_500_000.0, "objective_yuan": 7_200_000.0}
>>> sum(v for _, v, _ in objective_terms(b)) == b["objective_yuan"]
True
>>> print(difference_note("默认方案", a, "不新建学校", b))
“不新建学校”方案与“默认方案”相比：计入综合评价值的财政支出每年多 300,000 元（运行支出（不含按生均公用经费基准定额测算的公用经费和新聘教师人员经费）多 600,000 元、建设投资年均摊少 300,000 元）；权重（不是支出）每年多 500,000 元（通行时间折算多 500,000 元）；综合评价值（两者之和）每年多 800,000 元。
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from junheng.model import numbers
from junheng.model.labels import quota_funding
from junheng.planning.layout_costs import shown_totals

#: the objective as a planner reads it (review: "目标函数值（含权重）" was jargon)
SCORE = "综合评价值"
#: why the 新聘教师人员经费 is not in the 综合评价值 (rv20 5: 「学生在哪所学校都需要教师」 while
#: the alternative hired none): the solver does not count the hires, the ledger finds them after
HIRES_APART = "招聘人数在求解后按教师配置汇总核定，求解模型不计"
#: its row in a table: what it adds up and which way is better
SCORE_ROW = "综合评价值（支出加上对通行时间、面积缺口等的折算，越低越好）"

def terms(weights: Mapping[str, Any] | None = None) -> tuple[tuple[str, tuple, tuple, bool], ...]:
    """(label, keys added, keys subtracted, money?) of each term of the objective; the
    running term names the per-pupil 公用经费 it leaves out by where its price came from
    (``weights``: the plan's, :func:`~junheng.model.labels.quota_funding`).

    >>> terms({"operating_yuan_per_pupil_primary": 700, "operating_yuan_per_pupil_junior": 900})[0][0]
    '运行支出（财政支出，不含按方案设定的生均公用经费（小学 700 元/生·年、初中 900 元/生·年）测算的公用经费和新聘教师人员经费）'
    """
    return (
        (f"运行支出（财政支出，不含{quota_funding(weights)}和新聘教师人员经费）", ("operating_yuan",),
         ("operating_pupil_yuan", "hire_staff_yuan"), True),
        ("建设投资年均摊（财政支出）", ("capital_annual_yuan",), (), True),
        ("通行时间折算（权重，不是支出）", ("travel_weight_yuan",), (), False),
        ("小规模学校多配教职工（权重，不是支出）", ("staff_weight_yuan",), (), False),
        ("接收学校体育运动场馆面积缺口（权重，不是支出）", ("hall_beyond_weight_yuan",), (), False),
    )


def objective_terms(after: dict, weights: Mapping[str, Any] | None = None
                    ) -> list[tuple[str, float, bool]]:
    """(label, 元 a year, money?) per term of a plan's objective (plan.json "metrics"
    "after"; ``weights`` its "weights", which name the running term, :func:`terms`); their
    sum is its ``objective_yuan``."""
    return [(label, sum(float(after.get(k, 0.0)) for k in plus)
             - sum(float(after.get(k, 0.0)) for k in minus), money)
            for label, plus, minus, money in terms(weights)]


def _called(name: str, suffix: str = "方案") -> str:
    """A plan as a comparison names it: an option by its own name (方案甲), a scenario
    quoted (“不新建学校”方案 first, “默认方案” after 与)."""
    return name if name.startswith("方案") else f"“{name}”{suffix}"


def difference_note(name: str, after: dict, other: str, other_after: dict,
                    weights: Mapping[str, Any] | None = None) -> str:
    """The note comparing plan ``name`` with the alternative ``other`` (the alternative's
    figure less the plan's; terms equal in both are left out): the money (财政支出) and the
    weights (not money) each with their own subtotal, then the objective, their sum (review
    item 1: a lower objective read as "cheaper" although the money said the opposite).
    ``weights``: the plan's settings, which name the per-pupil 公用经费 left out (:func:`terms`)."""
    def apart(mine: dict, alt: dict) -> list:
        return [(label, o - p, money) for (label, p, money), (_, o, _) in zip(
            objective_terms(mine, weights), objective_terms(alt, weights), strict=True)]

    diff = apart(after, other_after)
    scale = max([abs(sum(d for _, d, _ in diff))] + [abs(d) for _, d, _ in diff])
    unit = numbers.money_parts(0.0, scale)[1]
    if unit == "万元":  # the totals as the tables print them (review rv3 5: 266.06 beside 266.05)
        after, other_after = shown_totals(after, True), shown_totals(other_after, True)
        diff = apart(after, other_after)
    # every figure as printed (0.01 万元), each sum the sum of the printed parts, the objective
    # the difference of the two printed objectives (review 2026-12-04 finding 12: "每年多
    # 314.31 万元" beside 4,091.94 − 3,777.64 = 314.30)
    def shown(yuan: float) -> float:  # in the note's unit, as printed
        return round(yuan / 10_000, 2) if unit == "万元" else float(round(yuan))

    diff = [(label, shown(d), money) for label, d, money in diff]
    total = round(shown(float(other_after["objective_yuan"])) - shown(float(after["objective_yuan"])), 2) \
        if "objective_yuan" in after and "objective_yuan" in other_after \
        else round(sum(d for _, d, _ in diff), 2)
    parts_sum = round(sum(d for _, d, _ in diff), 2)

    def said(d: float) -> str:
        digits = numbers.UNIT_DECIMALS[unit]
        return (f"{'多' if d > 0 else '少'} {numbers.number(abs(d), digits)} {unit}"
                if round(d, digits) else "相同")

    def short(label: str) -> str:  # the group says 财政支出 or 权重
        return (label.replace("（财政支出，", "（").replace("（财政支出）", "")
                .replace("（权重，不是支出）", ""))

    def group(head: str, money: bool) -> str:
        terms = [(label, d) for label, d, m in diff if m == money]
        sub = round(sum(d for _, d in terms), 2)
        parts = "、".join(f"{short(label)}{said(d)}" for label, d in terms if round(d, 2) != 0)
        return f"{head}每年{said(sub)}" + (f"（{parts}）" if parts else "")
    if not any(round(d, 2) for _, d, _ in diff) and not round(total, 2):
        return f"{_called(other)}与{_called(name, '')}相比：{SCORE}相同（财政支出和权重各项均相同）。"
    gap = abs(round(parts_sum - total, 2))
    apart = (f"（为两方案{SCORE}之差，上列各项四舍五入后相加为每年{said(parts_sum)}，相差 "
             f"{numbers.number(gap, numbers.UNIT_DECIMALS[unit])} {unit}，舍入所致）" if gap else "")
    # rv20 5: the hires only one plan makes are left out of the 综合评价值 (the solver does not count
    # the ledger's hires): said with their difference and the 综合评价值's difference with them
    hires = shown(float(other_after.get("hire_staff_yuan", 0.0))) - shown(float(after.get("hire_staff_yuan", 0.0)))
    hired = (f"{_called(other)}新聘教师人员经费每年{said(hires)}（{HIRES_APART}，不计入{SCORE}），计入后{SCORE}每年"
             f"{said(round(total + hires, 2))}。" if round(hires, 2) else "")
    return (f"{_called(other)}与{_called(name, '')}相比：{group(f'计入{SCORE}的财政支出', True)}；"
            f"{group('权重（不是支出）', False)}；{SCORE}（两者之和）每年{said(total)}{apart}。{hired}")


def difference_terms(note: str) -> tuple[str, list[str], str] | None:
    """:func:`difference_note` read back as its head, its two subtotals with their terms (a
    page lists them) and its last sentence, the objective; None for another note or one
    without terms.

    >>> head, terms, last = difference_terms(
    ...     "“乙”方案与“甲”相比：计入综合评价值的财政支出每年多 300,000 元（运行支出多 600,000 元、建设投资年均摊少 "
    ...     "300,000 元）；权重（不是支出）每年多 500,000 元（通行时间折算多 500,000 元）；综合评价值（两者之和）每年多 "
    ...     "800,000 元。")
    >>> head, last
    ('“乙”方案与“甲”相比', '综合评价值（两者之和）每年多 800,000 元。')
    >>> terms  # doctest: +NORMALIZE_WHITESPACE
    ['计入综合评价值的财政支出每年多 300,000 元（运行支出多 600,000 元、建设投资年均摊少 300,000 元）',
     '权重（不是支出）每年多 500,000 元（通行时间折算多 500,000 元）']
    """
    head, found, body = note.partition("相比：")
    parts = body.split("；")
    if not found or not head.startswith(("“", "方案")) or len(parts) != 3:
        return None
    return f"{head}相比", parts[:2], parts[2]


def area_cost(area_m2: float, prices: tuple[float, float]) -> float:
    """元 to buy and build ``area_m2`` of sports ground at ``prices`` (land beside a school and
    an outdoor field, 元/m²), as shown: to 0.01 万元, half up.

    >>> area_cost(10_555.3, (600.0, 900.0))  # 10,555.3 × 1,500 = 15,832,950 元
    15833000
    """
    return math.floor(round(area_m2 * sum(prices), 2) / 100 + 0.5) * 100


def area_price_note(area_m2: float, prices: tuple[float, float], once_less: float,
                    per_m2_weight: float | None = None, rent_more: float = 0.0) -> str:
    """What closing the other plan's extra sports-area gap (``area_m2``) costs at the plan's
    own unit prices (``prices``: land beside a school and an outdoor field, 元/m²), set
    against how much less the other plan builds (``once_less``, 元): review rv 2, 方案甲 won
    by a 10,000 元/m² weight while buying and building the land costs 1,500 元/m². With
    ``rent_more`` (元 of 过渡期 临时周转 the other plan rents more) that is added too, so the
    sentence sets like against like (brief hnew 3, :mod:`~.layout_like`). '' for no gap or no
    price.

    Hand-worked, the demo: 10,555.3 m² × (600 + 900) = 15,832,950 元, shown 1,583.30 万元;
    3,679.61 − 1,583.30 = 2,096.31 万元 still less:

    >>> print(area_price_note(10_555.3, (600.0, 900.0), 36_796_100.0, 10_000.0))
    按本方案单价补足方案乙多出的体育运动场馆面积缺口 10,555.3 平方米（相邻用地每平方米 600 元、室外体育运动场地每平方米 900 元），一次约 1,583.30 万元，方案乙加上这笔仍比方案甲少 2,096.31 万元；面积缺口的权重每平方米 10,000 元高于这一造价，方案甲综合评价值较低来自权重，不是少花钱
    >>> area_price_note(0.0, (600.0, 900.0), 1.0)
    ''

    The demo of rv9: 6,602 m² × 1,500 = 990.30 万元 and 98.00 万元 more rent; 3,249.89 − 990.30 −
    98.00 = 2,161.59 万元:

    >>> area_price_note(6_602.0, (600.0, 900.0), 32_498_900.0, rent_more=980_000.0).split("，")[-1]
    '方案乙加上这笔和多出的过渡期临时周转 98.00 万元仍比方案甲少 2,161.59 万元'

    方案乙 renting 6.00 万元 less (the demo of hwords3): it builds 3,037.86 less, adds 991.65 for
    the area and pays 6.00 less rent, so it is 3,037.86 − 991.65 + 6.00 = 2,052.21 less:

    >>> area_price_note(6_611.0, (600.0, 900.0), 30_378_600.0, rent_more=-60_000.0).split("万元，", 1)[1]
    '方案乙加上这笔、又少付过渡期临时周转 6.00 万元，仍比方案甲少 2,052.21 万元（3,037.86 − 991.65 + 6.00）'
    """
    per = sum(prices)
    if area_m2 <= 0 or per <= 0:
        return ""
    cost = area_cost(area_m2, prices)
    scale = max(abs(cost), abs(once_less))
    left = once_less - cost - rent_more
    after = (f"仍比方案甲少 {numbers.money(left, scale)}" if left > 0
             else f"比方案甲多 {numbers.money(-left, scale)}")
    if rent_more < 0 and round(rent_more):  # 乙 pays less rent: it is not added (brief hwords3 3)
        figure = [numbers.money(v, scale).rsplit(" ", 1)[0] for v in (once_less, cost, -rent_more)]
        after = (f"方案乙加上这笔、又少付过渡期临时周转 {numbers.money(-rent_more, scale)}，{after}"
                 f"（{figure[0]} − {figure[1]} + {figure[2]}）")
    else:
        this = f"这笔和多出的过渡期临时周转 {numbers.money(rent_more, scale)}" if round(rent_more) else "这笔"
        after = f"方案乙加上{this}{after}"
    weight = (f"；面积缺口的权重每平方米 {numbers.money(per_m2_weight)}高于这一造价，方案甲综合评价值较低来自权重，不是少花钱"
              if per_m2_weight and per_m2_weight > per and left > 0 else "")
    return (f"按本方案单价补足方案乙多出的体育运动场馆面积缺口 {numbers.trimmed(area_m2, 1)} 平方米（相邻用地每平方米 "
            f"{numbers.money(prices[0])}、室外体育运动场地每平方米 {numbers.money(prices[1])}），一次约 "
            f"{numbers.money(cost, scale)}，{after}{weight}")


def idle_after_peak(plan) -> str:
    """The rooms the plan adds that stand idle in the 过渡期's last year, town-wide (every
    school with rooms of the plan, not only the new school; review rv 2): per stage, each
    school's rooms standing less the rooms its pupils fill beyond its old seats (a school
    absent from the last year fills none). '' when none stands idle.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新中", "new"), PlannedSchool("A", "甲中", "expand")),
    ...     {}, transition=(YearRooms(2030, "N", "junior", 1064, 22, 23, 0), YearRooms(2030, "A", "junior", 523, 2, 2, 0),
    ...                     YearRooms(2033, "N", "junior", 792, 16, 23, 0)))
    >>> idle_after_peak(plan)  # 23 − 16 = 7 at 新中, 2 − 0 = 2 at 甲中
    '2033 学年方案新增初中教室 25 间中 9 间闲置（新中 7 间、甲中 2 间）'
    """
    rows = list(plan.transition or ())
    if not rows:
        return ""
    last = max(r.year for r in rows)
    names, stages, out = plan.names, {"primary": "小学", "junior": "初中"}, []
    for stage in stages:
        built = {}
        for r in rows:
            if r.stage == stage:
                built[r.school_id] = max(built.get(r.school_id, 0), r.built)
        fill = {r.school_id: r.overflow for r in rows if r.year == last and r.stage == stage}
        idle = {sid: n - min(fill.get(sid, 0), n) for sid, n in built.items() if n}
        if sum(idle.values()):
            each = "、".join(f"{names.get(sid, sid)} {n} 间" for sid, n in sorted(idle.items(), key=lambda x: -x[1]) if n)
            out.append(f"{last} 学年方案新增{stages[stage]}教室 {sum(built.values())} 间中 {sum(idle.values())} 间闲置（{each}）")
    return "；".join(out)
