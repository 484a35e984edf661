"""Both plans' money by year against the 达标路径's yearly budget and the school years already
begun (:mod:`~junheng.planning.plans_combined`'s year table, review 2026-12-03 finding 3 and
review 2026-12-04): which year is over and by how much, what its spending is made of, and
the spending put in a school year the layout plan's day finds begun."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from junheng.planning.layout_config import SAVED_APART, SITE_COST_SEE, TRACED_BASIS
from junheng.planning.layout_costs import shown_metrics
from junheng.planning.layout_floor import floor_basis
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.plans_transition import TEMPORARY_NAME

#: the lines of the year table, in order, and what each is called (a summary written before
#: ``layout_temporary`` has its 临时周转 inside ``layout_construction``: :func:`line`)
YEAR_LINES = {
    "layout_construction": "布局调整：一次性建设投资",
    "layout_temporary": TEMPORARY_NAME + "（计入当年一次性投入，不计入建设投资）",
    "compliance_construction": "达标路径：一次性建设投资",
    "compliance_other_once": "达标路径：设备、培训等一次性投入",
    "layout_yearly": f"布局调整：经常性支出变化（运行、寄宿、交通等，{TRACED_BASIS}）",
    "compliance_yearly": "达标路径：经常性支出（新聘教师、场地租用、交流补助）",
}
#: the 达标路径's yearly items (compliance_actions.PROJECT_OF) and what the line calls each
YEARLY_PARTS = {"teachers": "新聘教师", "lease": "场地租用", "rotation": "交流补助"}


def priced(weights, key: str) -> bool:
    """Whether the plan's ``weights`` give ``key`` a positive unit price.

    >>> priced({"school_bus_yuan_per_pupil_year": 3000}, "school_bus_yuan_per_pupil_year"), priced(None, "x")
    (True, False)
    """
    price = (weights or {}).get(key)
    return isinstance(price, int | float) and price > 0


def transport_priced(weights) -> bool:
    """Whether the school bus or 交通补助 has a unit price (the yearly spending counts it)."""
    return priced(weights, "school_bus_yuan_per_pupil_year") or priced(
        weights, "transport_yuan_per_pupil_year")


def unpriced_bus(plan: LayoutOutcome) -> int | None:
    """The layout's day pupils beyond the bus distance after the plan when it prices no 校车
    or 交通补助 (``school_bus_yuan_per_pupil_year`` and ``transport_yuan_per_pupil_year``
    unset or 0), else None (priced, in its
    running change): the summary then says the saving leaves them out (review2 B9).

    >>> plan = LayoutOutcome("optimal", (), {"after": {"day_pupils_need_bus": 1288}})
    >>> unpriced_bus(plan), unpriced_bus(LayoutOutcome("optimal", (), {}, weights={
    ...     "transport_yuan_per_pupil_year": 1000}))
    (1288, None)
    """
    if transport_priced(plan.weights):
        return None
    return int((plan.metrics or {}).get("after", {}).get("day_pupils_need_bus") or 0)


def bus_text(doc: Mapping[str, Any]) -> str:
    """The clause after the layout's yearly change when it prices no bus (``layout_bus``,
    :func:`unpriced_bus`; review2 B9: 1,288 pupils need a bus, priced 0, beside a saving of
    332.93 万元 a year); '' when priced or for a summary written before the key.

    >>> bus_text({"layout_bus": 1288})
    '，不含校车或交通补助费用（未设单价；规划后走读直线距离超过校车距离、需校车接送的学生 1,288 人）'
    >>> bus_text({"layout_bus": 0}), bus_text({"layout_bus": None}), bus_text({})
    ('，不含校车或交通补助费用（未设单价）', '', '')
    """
    if doc.get("layout_bus") is None:
        return ""
    n = int(doc["layout_bus"])
    far = f"；规划后走读直线距离超过校车距离、需校车接送的学生 {n:,} 人" if n else ""
    return f"，不含校车或交通补助费用（未设单价{far}）"


def yearly_keys(actions) -> list[str]:
    """The 达标路径's yearly items (project keys) whose yearly cost is at least 0.01 万元 in
    ``actions`` (after :func:`~.plans_apart.without_ledger_hires`: hires the layout pays are 0).

    >>> import pandas as pd
    >>> yearly_keys(pd.DataFrame({"project": ["teachers", "rotation", "building"],
    ...                           "annual_cost": [0.0, 6.0, 0.0]}))
    ['rotation']
    """
    if not len(actions):
        return []
    cents = actions.groupby("project")["annual_cost"].sum().map(_cents)
    return sorted(k for k, c in cents.items() if c > 0)


def yearly_parts(doc: Mapping[str, Any]) -> str:
    """What the 达标路径's yearly line holds, from its non-zero parts (``compliance_yearly_parts``,
    project keys): after the layout's staffing ledger pays the hires, the line may hold only
    the rotation allowances and must not name teachers. A summary written before the key
    names all three; one whose line is empty names none ('').

    >>> yearly_parts({"compliance_yearly_parts": ["rotation"]}), yearly_parts({})
    ('交流补助', '新聘教师、场地租用、交流补助')
    >>> yearly_parts({"compliance_yearly_parts": []})
    ''
    """
    parts = doc.get("compliance_yearly_parts", list(YEARLY_PARTS))
    return "、".join(name for key, name in YEARLY_PARTS.items() if key in parts)


def year_line_names(doc: Mapping[str, Any]) -> dict[str, str]:
    """:data:`YEAR_LINES` with the 达标路径's yearly line naming only what it holds.

    >>> year_line_names({"compliance_yearly_parts": ["rotation"]})["compliance_yearly"]
    '达标路径：经常性支出（交流补助）'
    >>> year_line_names({"compliance_yearly_parts": []})["compliance_yearly"]
    '达标路径：经常性支出'
    """
    parts = yearly_parts(doc)
    return {**YEAR_LINES, "compliance_other_once": "达标路径：" + other_once_name(doc),
            "compliance_yearly": "达标路径：经常性支出" + (f"（{parts}）" if parts else "")}


#: the 达标路径's one-off spending named beside 设备、培训: 租赁校舍 is 校舍, not 临时周转 (hlease 1)
OTHER_ONCE = (("compliance_temporary", "临时周转"), ("compliance_rented", "租赁校舍"))


def other_once_name(doc: Mapping[str, Any]) -> str:
    """What the 达标路径's one-off spending beside its construction is called, its 临时周转 and
    its 租赁校舍 named with their 万元 when they hold some (:data:`OTHER_ONCE`; review rv3
    finding 9: 「设备、培训等一次性投入 180.02」 held 16.00 万元 of 临时周转 unnamed).

    >>> other_once_name({"compliance_temporary": 16.0}), other_once_name({})
    ('设备、培训、临时周转等一次性投入（其中临时周转 16.00 万元，不计入建设投资）', '设备、培训等一次性投入')
    >>> other_once_name({"compliance_temporary": 0.0, "compliance_rented": 12.62})
    '设备、培训、租赁校舍等一次性投入（其中租赁校舍 12.62 万元，不计入建设投资）'
    """
    held = [(words, doc.get(key) or 0.0) for key, words in OTHER_ONCE if _cents(doc.get(key) or 0.0)]
    if not held:
        return "设备、培训等一次性投入"
    return (f"设备、培训、{'、'.join(w for w, _ in held)}等一次性投入（其中"
            f"{'、'.join(f'{w} {wan:,.2f} 万元' for w, wan in held)}，不计入建设投资）")


def other_once(actions, cents: int) -> dict[str, float]:
    """The summary's keys of the 达标路径's other one-off spending: ``compliance_other_once``
    (``cents`` of 万元, its year line's sum), ``compliance_temporary``, the 临时周转 in it
    (project ``temporary``, 万元) and ``compliance_rented``, the 租赁校舍 (``rented_area``).

    >>> import pandas as pd
    >>> other_once(pd.DataFrame({"project": ["temporary", "books", "rented_area"], "cost": [8.0, 39.52, 4.3]}), 5182)
    {'compliance_other_once': 51.82, 'compliance_temporary': 8.0, 'compliance_rented': 4.3}
    """
    def spent(project: str) -> float:
        return round(float(actions.loc[actions["project"] == project, "cost"].sum()), 2) if len(actions) else 0.0
    return {"compliance_other_once": cents / 100, "compliance_temporary": spent("temporary"),
            "compliance_rented": spent("rented_area")}


def other_once_text(doc: Mapping[str, Any]) -> str:
    """The summary's words for the 达标路径's other one-off spending and its 万元.

    >>> other_once_text({"compliance_other_once": 180.02, "compliance_temporary": 16.0})
    '设备、培训、临时周转等一次性投入 180.02 万元（其中临时周转 16.00 万元，不计入建设投资）'
    """
    return other_once_name(doc).replace(
        "一次性投入", f"一次性投入 {doc['compliance_other_once']:,.2f} 万元", 1)


#: How each yearly line's years are said: the layout's changes as closures and new schools
#: take effect (review 2026-12-04 finding 5), the 达标路径's the same each year.
YEARLY_WORDS = {"layout_yearly": "逐年，自撤并、新建学校生效的学年起，", "compliance_yearly": "每年，"}


def spanned_line_names(doc: Mapping[str, Any], spans: Mapping[str, str]) -> dict[str, str]:
    """:func:`year_line_names` with the yearly lines' years (``spans``: line -> "2026—2030 学年").

    >>> spanned_line_names({"compliance_yearly_parts": []},
    ...                    {"compliance_yearly": "2026—2030 学年"})["compliance_yearly"]
    '达标路径：经常性支出（每年，2026—2030 学年）'
    """
    def spanned(key: str, name: str) -> str:
        words = YEARLY_WORDS[key] + spans[key]
        return name.replace("）", f"；{words}）") if "）" in name else f"{name}（{words}）"
    return {k: spanned(k, v) if k in spans else v for k, v in year_line_names(doc).items()}


def _cents(value: Any) -> int:
    return round(float(value or 0.0) * 100)


def line(by_year: Mapping[str, Any], key: str, j: int) -> float:
    """Line ``key``'s amount in the ``j``-th year; 0 for a line a summary written before it
    lacks (``layout_temporary``).

    >>> line({"layout_construction": [5.0]}, "layout_temporary", 0)
    0
    """
    return by_year[key][j] if key in by_year else 0


def paid_years(doc: Mapping[str, Any], *keys: str) -> list[int]:
    """The years of ``doc["by_year"]`` in which any of the lines ``keys`` is paid."""
    by = doc["by_year"]
    return [y for j, y in enumerate(by["years"]) if any(line(by, k, j) for k in keys)]


def has_lines(by_year: Mapping[str, Any]) -> bool:
    """Whether a summary's year table holds every line (one written before the 临时周转 line
    counts: :func:`line`)."""
    return all(k in by_year for k in YEAR_LINES if k != "layout_temporary")


def over_budget(by_year: Mapping[str, Any], budget: float | None) -> dict[int, float]:
    """Year -> 万元 by which both plans' spending that year (one-off and yearly lines) exceeds
    the yearly ``budget`` (万元; None: no budget, {}) — review 2026-12-03 finding 3: the
    达标路径 kept within its budget while the layout's construction fell in the same year
    unbudgeted, 2.3 times the budget together, and neither file said so.

    >>> by = {"years": [2026, 2027], "layout_construction": [100.0, 0.0],
    ...       "compliance_construction": [50.0, 20.0], "compliance_other_once": [0.0, 0.0],
    ...       "layout_yearly": [0.0, -5.0], "compliance_yearly": [0.0, 0.0]}
    >>> over_budget(by, 80.0), over_budget(by, None)
    ({2026: 70.0}, {})
    """
    if budget is None or not by_year.get("years"):
        return {}
    out = {}
    for j, year in enumerate(by_year["years"]):
        spent = sum(_cents(line(by_year, k, j)) for k in YEAR_LINES)
        if spent > _cents(budget):
            out[int(year)] = (spent - _cents(budget)) / 100
    return out


def ready_by_school(plan: LayoutOutcome) -> dict[str, int]:
    """The school year the layout's build at each school is in use (data year + phase): a
    达标路径 action of the same item there is part of the same building. A school that only
    borrows (临时周转, its phase the first year borrowed) builds nothing.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> ready_by_school(LayoutOutcome("optimal", (PlannedSchool("B", "乙", "expand", phase=4,
    ...     capital_yuan=1.0), PlannedSchool("C", "丙", "close", phase=1), PlannedSchool(
    ...     "D", "丁", "expand", phase=2, added_classrooms=1, temporary_classrooms=1)), {}, year=2025))
    {'B': 2029}
    """
    return {s.school_id: int(plan.year) + int(s.phase) for s in plan.schools
            if s.action != "close" and s.phase and plan.year and s.shown_action != "temporary" and (
                s.capital_yuan or s.area_yuan or s.added_classrooms or s.action == "new")}


def opening_years(plan: LayoutOutcome) -> dict[str, int]:
    """The school year each new school of the layout opens (review2 item 11: the 达标路径
    spends nothing there before).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> opening_years(LayoutOutcome("optimal", (PlannedSchool("N", "新", "new", phase=4),
    ...     PlannedSchool("B", "乙", "expand", phase=2, capital_yuan=1.0)), {}, year=2025))
    {'N': 2029}
    """
    ready = ready_by_school(plan)
    return {s.school_id: ready[s.school_id] for s in plan.schools
            if s.action == "new" and s.school_id in ready}


def committed_by_year(plan: LayoutOutcome) -> dict[int, float]:
    """The layout's one-off construction by school year (万元, to 0.01 as the year table shows
    it): what the 达标路径 after it counts as already committed in its yearly budget (3).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("B", "乙", "expand", phase=2,
    ...     capital_yuan=1_234_567.0),), {}, year=2025)
    >>> committed_by_year(plan)
    {2027: 123.46}
    """
    from junheng.planning.layout_spending import once_by_year

    return {y: _cents(v / 10_000) / 100 for y, v in once_by_year(plan).items() if _cents(v / 10_000)}


def committed_note(committed: Mapping[int, float] | None, budget: float | None) -> list[str]:
    """The plan's sentence on the layout's construction counted in its yearly budget ([] when
    there is none or no budget).

    >>> print(committed_note({2027: 7700.53, 2029: 42.0}, 7160.7)[0])
    年度预算已计入布局调整方案的一次性投入（建设投资和过渡期临时周转）（2027 学年 7,700.53 万元、2029 学年 42.00 万元）：达标路径各年只在预算扣除该投资后的余额内安排；2027 学年布局调整的投资已超出年度预算，达标路径该年不安排投入。
    """
    spent = {y: v for y, v in sorted((committed or {}).items()) if v}
    if budget is None or not spent:
        return []
    text = "、".join(f"{y} 学年 {v:,.2f} 万元" for y, v in spent.items())
    over = [y for y, v in spent.items() if _cents(v) >= _cents(budget)]
    tail = (f"；{'、'.join(map(str, over))} 学年布局调整的投资已超出年度预算，达标路径该年不安排投入"
            if over else "")
    return [f"年度预算已计入布局调整方案的一次性投入（建设投资和过渡期临时周转）（{text}）：达标路径各年只在预算扣除该投资后的余额内安排"
            f"{tail}。"]


def first_year_of(rules: Mapping[str, Any]) -> tuple[int, str] | None:
    """The layout plan's first school year not yet begun and its day (``plan_date`` of its
    rules, as the plan file keeps it); None for a plan written without it.

    >>> first_year_of({"plan_date": "2026-12-04"}), first_year_of({})
    ((2027, '2026-12-04'), None)
    """
    from junheng.planning.layout_phases import first_school_year

    day = (rules or {}).get("plan_date")
    if not day:
        return None
    day = str(day)
    return first_school_year(date.fromisoformat(day)), day


def begun_lines(doc: Mapping[str, Any]) -> list[str]:
    """The sentence on the compliance plan's spending in school years already begun on the
    layout plan's day (``first_year``: that year and the day), [] when there is none.

    >>> by = {"years": [2026, 2027], "compliance_construction": [5361.76, 0.0],
    ...       "compliance_other_once": [117.0, 0.0], "compliance_yearly": [0.0, 0.0]}
    >>> print(begun_lines({"by_year": by, "first_year": [2027, "2026-12-04"]})[0])
    达标路径在 2026 学年安排 5,478.76 万元，该学年在布局方案编制日期 2026-12-04 已开学（首个可实施学年为 2027 学年）：需顺延到 2027 学年及以后，并在该学年与布局调整的投入一并纳入年度预算。
    >>> by.update(layout_construction=[0.0, 7700.53], layout_yearly=[0.0, -172.93])
    >>> print(begun_lines({"by_year": by, "first_year": [2027, "2026-12-04"],
    ...                    "budget": 7160.7})[0].split("；")[-1])
    全部顺延到 2027 学年，该年布局调整与达标路径合计 13,006.36 万元，超出预算 5,845.66 万元。

    (7,700.53 − 172.93 + 5,478.76 = 13,006.36; less 7,160.70 = 5,845.66.)
    """
    by, first = doc.get("by_year") or {}, doc.get("first_year")
    if not first or not by.get("years"):
        return []
    year, day = int(first[0]), str(first[1])
    keys = ("compliance_construction", "compliance_other_once", "compliance_yearly")
    early = {y: sum(_cents(by[k][j]) for k in keys if k in by) for j, y in enumerate(by["years"])
             if y < year}
    early = {y: c for y, c in early.items() if c}
    if not early:
        return []
    spent = "、".join(f"{y} 学年安排 {c / 100:,.2f} 万元" for y, c in sorted(early.items()))
    text = (f"达标路径在 {spent}，该学年在布局方案编制日期 {day} 已开学（首个可实施学年为 {year} 学年）："
            f"需顺延到 {year} 学年及以后，并在该学年与布局调整的投入一并纳入年度预算")
    budget = doc.get("budget")
    if budget is None or year not in by["years"] or not has_lines(by):
        return [text + "。"]
    j = by["years"].index(year)
    total = sum(_cents(line(by, k, j)) for k in YEAR_LINES) + sum(early.values())
    over = total - _cents(budget)
    return [text + f"；全部顺延到 {year} 学年，该年布局调整与达标路径合计 {total / 100:,.2f} 万元，"
            + (f"超出预算 {over / 100:,.2f} 万元。" if over > 0 else "不超出预算。")]


# --- the note under the year table ------------------------------------------------------------

#: what the note says of the yearly lines and the school years, whatever the build times
YEAR_NOTE_TAIL = ("布局调整与达标路径的经常性支出各单列一行，布局调整的自撤并、新建学校生效的学年起计，达标路径的按其目标学年起计入的年数列出，"
                  "两行都计到达标路径计入的最后一年；一次性投入与经常性支出各有合计，两者不相加，每行合计为各年之和。各年均为学年（2027 学年即 2027 年秋季至 2028 年夏季），年度预算按同一学年比较。")


def build_years(plan: LayoutOutcome) -> dict[str, int] | None:
    """The layout plan's own build times (学年, its ``expansion_lead_years`` and
    ``new_school_lead_years``); None for a plan written without them (its money falls in the
    year each build is in use, :func:`~.layout_spending.build_lead`).

    >>> build_years(LayoutOutcome("optimal", (), {}, rules={"expansion_lead_years": 2,
    ...                                                     "new_school_lead_years": 3}))
    {'expansion': 2, 'new': 3}
    >>> build_years(LayoutOutcome("optimal", (), {})) is None
    True
    """
    rules = plan.rules or {}
    if "expansion_lead_years" not in rules:
        return None
    return {"expansion": int(rules.get("expansion_lead_years") or 0),
            "new": int(rules.get("new_school_lead_years") or 0)}


def year_note(doc: Mapping[str, Any]) -> str:
    """The note under the two plans' year table (xlsx, Word, HTML, CLI): how the layout's
    builds are spread over the school years, by this plan's own build times (``doc``: the
    combined summary, its ``build_years``: :func:`build_years`).

    >>> year_note({"build_years": {"expansion": 2, "new": 3}}).partition("；布局调整与达标路径")[0]
    '布局调整的每项建设在其投入使用（调整方案所列学年）前的建设周期内平均投入（本布局方案的建设周期：扩建、改扩建 2 学年，新建学校 3 学年；首个可实施学年起）'
    >>> year_note({"build_years": {"expansion": 0, "new": 2}}).partition("；布局调整与达标路径")[0]
    '布局调整的每项建设在其投入使用（调整方案所列学年）前的建设周期内平均投入（本布局方案的建设周期：扩建、改扩建在投入使用当年投入，新建学校 2 学年；首个可实施学年起）'
    >>> year_note({}).partition("；布局调整与达标路径")[0]
    '布局调整的每项建设计入其投入使用的学年（调整方案所列学年；该布局方案未记录建设周期）'
    """
    leads, tail = doc.get("build_years"), YEAR_NOTE_TAIL  # one horizon for both tables (hyears 2)
    if not leads:
        return "布局调整的每项建设计入其投入使用的学年（调整方案所列学年；该布局方案未记录建设周期）；" + tail
    times = "，".join(f"{what} {leads[key]} 学年" if leads[key] > 0 else f"{what}在投入使用当年投入"
                     for key, what in (("expansion", "扩建、改扩建"), ("new", "新建学校")))
    return ("布局调整的每项建设在其投入使用（调整方案所列学年）前的建设周期内平均投入"
            f"（本布局方案的建设周期：{times}；首个可实施学年起）；" + tail)


#: the parts of the layout's yearly running change (its ``operating_yuan``), as the summary's
#: basis names them (the comparison table's rows)
RUNNING_PARTS = {"operating_site_yuan": "校点运行费用", "funding_floor_yuan": "公用经费保底",
                 "boarding_cost_yuan": "寄宿生管理费用", "school_bus_yuan": "校车运行费用",
                 "transport_yuan": "走读学生交通补助", "operating_pupil_yuan": "按基准定额测算的公用经费",
                 "hire_staff_yuan": "新聘教师人员经费"}


#: how :func:`running_parts` marks a part said apart, not added into the yearly change (the
#: per-site cost at its reference price, a fall at a set unit price; brief hwords3 1)
APART = "（另列，不计入）"
#: the marks of both, this and a summary's stored before brief hwords3 (the per-site cost only)
APART_MARKS = (APART, "（按参考单价测算，不计入）")


def running_parts(plan: LayoutOutcome) -> list[list]:
    """The layout's yearly running change by part: [name, 万元 a year, basis] for each part
    that changes, the 保底 as paid today, the per-site cost at its assumed price last and
    named :data:`APART` (review rv 1: :func:`~.layout_spending.running_change`).

    >>> plan = LayoutOutcome("optimal", (), {"before": {"operating_site_yuan": 12_500_000.0},
    ...     "after": {"operating_site_yuan": 6_100_000.0, "hire_staff_yuan": 7_200_000.0}},
    ...     weights={"operating_yuan_per_school": 19_200, "teacher_yuan_per_year": 100_000},
    ...     staffing={"county": {"hire": 72}})
    >>> for part in running_parts(plan): print(part)
    ['新聘教师人员经费', 720.0, '72 人，每人每年按 10.00 万元测算']
    ['校点运行费用（另列，不计入）', -640.0, '单价按 1 名专职保安计，见《布局调整方案》“测算方法和未满足的规则”']
    """
    from junheng.planning.layout_spending import running_change, set_price_savings, site_assumed

    # each part from the figures the table prints, as running_change's whole (rv 10: 校车 28.25 beside 28.24)
    after, before = (shown_metrics(plan.metrics).get(k, {}) for k in ("after", "before"))
    price = float(plan.weights.get("teacher_yuan_per_year") or 0.0)
    hires = round((float(after.get("hire_staff_yuan", 0.0)) - float(before.get("hire_staff_yuan", 0.0))) / price) if price else 0
    basis = {"operating_site_yuan": ("operating_yuan_per_school", SITE_COST_SEE),
             "hire_staff_yuan": ("teacher_yuan_per_year", f"{abs(hires):,} 人，每人每年按 {{}} 万元测算" if hires else "每名教师每年按 {} 万元测算")}
    unpaid, out, site, apart = running_change(plan).unpaid_yuan, [], [], site_assumed(plan)
    saved = set_price_savings(plan)
    for key, name in RUNNING_PARTS.items():
        change = round((float(after.get(key, 0.0)) - float(before.get(key, 0.0))
                        + (unpaid if key == "funding_floor_yuan" else 0.0)) / 10_000, 2)
        weight, text = basis.get(key, ("", ""))
        price = float(plan.weights.get(weight) or 0.0) if weight else 0.0
        mine = (apart and key == "operating_site_yuan") or key in saved
        ((site if mine else out) if change else []).append([name + (APART if mine else ""), change,
             text.format(f"{price / 10_000:,.2f}") if price else floor_basis(plan) if key == "funding_floor_yuan" else ""])
    return out + site


def recurring_text(doc: Mapping[str, Any], years: str) -> str:
    """The yearly change as an estimate beside the one-off need, never netted against it
    (review 2026-12-05 finding 8: 「财政支出合计 8,459.54 万元（一次性 12,259.84 万元，经常性
    -3,800.30 万元）」 read as the amount requested): the change once all in force, its main
    parts (each at least 1 % of the largest) with their basis, and its sum over ``years``.
    (The demo: −640.00 − 409.39 − 1.70 + 26.81 + 720.00 = −304.28, the layout's −304.29 less
    a cent of rounding, + 14.40 = −289.89 a year; −1.70 is under 1 % of 720.00.)

    >>> doc = {"yearly": -289.89, "recurring": -3800.3, "layout_yearly": -304.29, "compliance_yearly": 14.4,
    ...        "compliance_yearly_parts": ["rotation"], "layout_parts": [
    ...        ["校点运行费用", -640.0, "按每个校点每年 10.00 万元测算"], ["公用经费保底", -409.39, ""],
    ...        ["寄宿生管理费用", -1.7, ""], ["校车运行费用", 26.81, ""],
    ...        ["新聘教师人员经费", 720.0, "72 人，每人每年按 10.00 万元测算"]]}
    >>> print(recurring_text(doc, "2027—2034 学年"))
    经常性支出全部生效后每年约减少 289.89 万元（新增支出按所设单价计，节省只计目前实际拨付的；主要来自布局调整：校点运行费用每年减少 640.00 万元（按每个校点每年 10.00 万元测算）、公用经费保底每年减少 409.39 万元、新聘教师人员经费每年增加 720.00 万元（72 人，每人每年按 10.00 万元测算）、校车运行费用每年增加 26.81 万元；达标路径：交流补助每年增加 14.40 万元），2027—2034 学年累计约减少 3,800.30 万元，单独列示，不抵减一次性投入
    >>> print(recurring_text({"yearly": 30.0, "recurring": 120.0, "layout_yearly": 20.0, "compliance_yearly": 10.0,
    ...        "compliance_yearly_parts": ["teachers"], "layout_parts": [["新聘教师人员经费", 50.0, ""]]},
    ...        "2027—2031 学年"))
    经常性支出全部生效后每年约增加 30.00 万元（新增支出按所设单价计，节省只计目前实际拨付的；主要来自布局调整：其他运行支出每年减少 30.00 万元、新聘教师人员经费每年增加 50.00 万元；达标路径：新聘教师每年增加 10.00 万元），2027—2031 学年累计约增加 120.00 万元，单独列示，不抵减一次性投入
    >>> doc["layout_parts"].append(["校点运行费用" + APART, -640.0, "单价按 1 名专职保安计"])
    >>> print(recurring_text(doc, "2027—2034 学年").partition("不抵减一次性投入")[2])
    ；按单价测算、县未报实际支出的节省另列，不计入：校点运行费用每年减少 640.00 万元（单价按 1 名专职保安计）
    >>> recurring_text({"yearly": 0.0, "recurring": 0.0}, "2027 学年")
    '经常性支出不变'
    """

    def change(v: float) -> str:
        return f"{'减少' if v < 0 else '增加'} {abs(v):,.2f} 万元"

    if not round(doc["yearly"], 2) and not round(doc["recurring"], 2):
        return "经常性支出不变"
    parts = [tuple(p) for p in doc.get("layout_parts") or []]
    # the per-site cost at its assumed price: said after, never in the change (review rv 1)
    apart = "、".join(f"{name.removesuffix(APART_MARKS[0]).removesuffix(APART_MARKS[1])}每年{change(v)}"
                     + (f"（{why}）" if why else "") for name, v, why in parts if name.endswith(APART_MARKS))
    apart = f"；{SAVED_APART}：{apart}" if apart else ""
    parts = [p for p in parts if not p[0].endswith(APART_MARKS)]
    # what the parts leave of the layout's change (all of it in an older summary), beyond
    # the parts' rounding to 0.01 万元
    rest = round((doc.get("layout_yearly") or 0.0) - sum(v for _, v, _ in parts), 2)
    if abs(rest) > 0.01 * len(parts):
        parts.append(("其他运行支出" if parts else "运行、寄宿、交通等", rest, ""))
    ours = [(yearly_parts(doc) or "经常性支出", doc["compliance_yearly"], "")] if round(doc.get("compliance_yearly") or 0.0, 2) else []
    largest = max((abs(v) for _, v, _ in parts + ours), default=0.0)
    # each part under the plan it comes from (review rv14 N8: the layout's 校车 +28.24 read as
    # the 达标路径's), decreases first
    said = [f"{who}：" + "、".join(f"{name}每年{change(v)}" + (f"（{why}）" if why else "")
                                  for name, v, why in sorted(main, key=lambda p: (p[1] >= 0, -abs(p[1]))))
            for who, main in (("布局调整", [p for p in parts if abs(p[1]) >= 0.01 * largest]),
                              ("达标路径", [p for p in ours if abs(p[1]) >= 0.01 * largest])) if main]
    basis = "；".join(said)
    return (f"经常性支出全部生效后每年约{change(doc['yearly'])}（{TRACED_BASIS}" + (f"；主要来自{basis}" if basis else "")
            + f"），{years}累计约{change(doc['recurring'])}，单独列示，不抵减一次性投入{apart}")
