"""Sequencing the end state into phases: builds under a cumulative yearly budget, and
closures only after their receivers are built (先建后撤).

Phase ``t`` is the school year data year + ``t``. No build or closure takes effect in a
school year already begun on the day the plan is made (``LayoutConfig.plan_date``, default
today; a school year starts on 9-1, :data:`YEAR_STARTS`): the first phase is the next school
year's (:func:`first_phase`), and the yearly budget counts from it. No closure takes effect in a
school year whose 逐点论证报告 was due before that day (:func:`closure_first_year`: the procedure's
first step, :data:`REPORT_DUE`; layout_model rule (26), review rv13 5).

>>> from datetime import date
>>> first_school_year(date(2026, 12, 4)), first_school_year(date(2026, 8, 31))
(2027, 2026)
>>> first_phase(2025, date(2026, 12, 4)), first_phase(2025, date(2025, 10, 1))
(2, 1)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from junheng.errors import JunhengError
from junheng.model.times import today_beijing

#: the (month, day) a school year starts (学年 2026: 2026-09-01 to 2027-08-31)
YEAR_STARTS = (9, 1)


def first_school_year(on: date) -> int:
    """The first school year that has not begun on ``on`` (a 学年 starts on 9-1)."""
    return on.year + 1 if (on.month, on.day) >= YEAR_STARTS else on.year


#: a closure in school year Y needs its 逐点论证报告 by the end of this month of Y + offset:
#: (offset, month), the first of :data:`~.layout_procedure.STEPS` (论证 → 听证 → 公示 → 报批)
REPORT_DUE = (-1, 9)
#: each step's deadline for a closure in school year Y, (offset, month) as :data:`REPORT_DUE`:
#: 论证报告, 听证会, 公示, 报批 (:data:`~.layout_procedure.STEPS`; a county's steps already done
#: count from their days, :mod:`~.layout_reviewed`)
STEP_DUE = (REPORT_DUE, (-1, 12), (0, 3), (0, 5))


def closure_first_year(on: date) -> int:
    """The first school year a closure may take effect in for a plan made on ``on``: the first
    whose 逐点论证报告 (due by the end of September of the year before, :data:`REPORT_DUE`) is
    not yet overdue on ``on`` (review rv13 5: 2027's closures planned on 2026-12-06).

    >>> closure_first_year(date(2026, 12, 6)), closure_first_year(date(2026, 9, 30))
    (2028, 2027)
    >>> closure_first_year(date(2026, 10, 1)), closure_first_year(date(2026, 5, 4))
    (2028, 2027)
    """
    offset, month = REPORT_DUE
    return on.year - offset + (on.month > month)


def closure_window(cfg, data_year: int) -> tuple[int, int]:
    """(the first phase a closure may use, the phases its closures spread over): no sooner
    than :func:`closure_first_year` of the plan's day, and spread to the last of the plan's
    ``phases`` from its first phase (at least one).

    >>> from types import SimpleNamespace as NS
    >>> closure_window(NS(plan_date=date(2026, 12, 6), phases=3), 2025)
    (3, 2)
    >>> closure_window(NS(plan_date=date(2026, 9, 15), phases=3), 2025)
    (2, 3)
    >>> closure_window(NS(plan_date=date(2026, 5, 4), phases=3), 2025)  # 2026 学年 not begun, its 论证 late
    (2, 2)
    """
    first = first_phase(data_year, plan_day(cfg))
    shut = max(first, closure_first_year(plan_day(cfg)) - data_year)
    return shut, max(first + int(cfg.phases) - shut, 1)


def closure_note(data_year: int, on: date, done: int = 0) -> str:
    """The plan's sentence on a first closure year later than its first school year ('' when
    it is not); ``done``: the plan's closures the county has 论证'd already (:mod:`.layout_reviewed`).

    >>> print(closure_note(2025, date(2026, 12, 6)))
    撤并须先完成逐点论证报告，再听证、公示、报批（见“撤并程序”）：2027 学年撤并的论证报告期限（2026 年 9 月底）在编制日期 2026 年 12 月 6 日前已过，撤并最早自 2028 学年起实施。
    >>> print(closure_note(2025, date(2026, 12, 6), 2)[-70:])
    撤并最早自 2028 学年起实施；方案设置“已完成撤并论证的学校”所列 2 个校点已完成论证，自其论证、听证、公示均未超过期限的学年起撤并。
    >>> closure_note(2025, date(2026, 9, 15))
    ''
    """
    year, first = closure_first_year(on), data_year + first_phase(data_year, on)
    if year <= first:
        return ""
    offset, month = REPORT_DUE
    return (f"撤并须先完成逐点论证报告，再听证、公示、报批（见“撤并程序”）：{year - 1} 学年撤并的论证报告期限"
            f"（{year - 1 + offset} 年 {month} 月底）在编制日期 {on.year} 年 {on.month} 月 {on.day} 日前已过，"
            f"撤并最早自 {year} 学年起实施" + (f"；方案设置“已完成撤并论证的学校”所列 {done} 个校点已完成论证，"
                                         "自其论证、听证、公示均未超过期限的学年起撤并" if done else "") + "。")


def opening_years(plan) -> dict[str, int]:
    """A layout plan's new school -> the school year it opens (data year + its phase); {} for a
    plan without its data year.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> opening_years(LayoutOutcome("optimal", (PlannedSchool("N", "新", "new", phase=4),
    ...     PlannedSchool("B", "乙", "expand", phase=2)), {}, year=2025))
    {'N': 2029}
    """
    return {s.school_id: int(plan.year or 0) + (s.phase or 1) for s in plan.schools
            if s.action == "new" and plan.year}


def first_phase(data_year: int, on: date) -> int:
    """The first phase a plan made on ``on`` can use (phase t: data year + t), at least 1."""
    return max(first_school_year(on) - data_year, 1)


_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_day(text: str | None) -> date | None:
    """A 编制日期 typed as 年-月-日, or as an office writes it: 2026/9/1, 2026.9.1,
    2026年9月1日 (web review rw 15); blank: None, today.

    >>> parse_day("2026-12-04"), parse_day(" ")
    (datetime.date(2026, 12, 4), None)
    >>> parse_day("2026/9/1"), parse_day("2026.9.1"), parse_day("2026年9月1日")
    (datetime.date(2026, 9, 1), datetime.date(2026, 9, 1), datetime.date(2026, 9, 1))
    >>> parse_day("12/4")
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 编制日期“12/4”无效：应为 年-月-日，如 2026-12-04；不填为当天。
    >>> parse_day("2026年2月30日")
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 编制日期“2026年2月30日”无效：应为 年-月-日，如 2026-12-04；不填为当天。
    """
    from junheng.errors import ConfigError

    if text is None or not str(text).strip():
        return None
    typed = str(text).strip()
    found = _DAY.fullmatch(typed)
    try:
        if found is None:
            raise ValueError(typed)
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        raise ConfigError(f"编制日期“{typed}”无效：应为 年-月-日，如 2026-12-04；不填为当天。") from None


class ZeroBudget(JunhengError):
    """A build priced above 0 with a yearly budget of 0 (the solver does not give one)."""


def plan_day(cfg) -> date:
    """The day the plan is made: the config's ``plan_date``, else today."""
    return cfg.plan_date or today_beijing()


def phase_budget(cfg) -> float | None:
    """The yearly budget (元) the builds are phased within: ``annual_budget_yuan`` when given
    (0 too: docs/layout-yaml.md, a given budget also caps the total at budget × phases, so
    0 builds nothing; the solver and the checker read it so), else ``default_budget_yuan``
    (the 达标路径's default, set by the job) when above 0; None: no limit (no figure).

    >>> from types import SimpleNamespace as NS
    >>> phase_budget(NS(annual_budget_yuan=None, default_budget_yuan=5.0)), phase_budget(
    ...     NS(annual_budget_yuan=0.0, default_budget_yuan=5.0)), phase_budget(
    ...     NS(annual_budget_yuan=None, default_budget_yuan=0.0))
    (5.0, 0.0, None)
    """
    given = cfg.annual_budget_yuan
    if given is not None:
        return given
    default = getattr(cfg, "default_budget_yuan", None)
    return default if default else None


def plan_phase(cfg, data_year: int) -> int:
    """:func:`first_phase` of a layout config's day (:func:`plan_day`)."""
    return first_phase(data_year, plan_day(cfg))


def phase_note(cfg, data_year: int, schools=None) -> str:
    """:func:`first_year_note` of a layout config's day (:func:`plan_day`) and, when the
    plan opens a new school (``schools["action"]``), :func:`lead_note` of its
    ``new_school_lead_years``."""
    first = first_phase(data_year, plan_day(cfg))
    opens = schools is not None and bool((schools["action"] == "new").any())
    closed = schools[schools["action"] == "close"] if schools is not None else None
    spread = "" if closed is None or closed.empty else closure_note(data_year, plan_day(cfg), int(
        closed["site_id"].isin(list(getattr(cfg, "closures_reviewed", None) or {})).sum())) + spread_note(
        dict(zip(closed["site_id"], closed["phase"].astype(int), strict=True)),
        dict(zip(closed["site_id"], closed["kind"], strict=True)), data_year, *closure_window(cfg, data_year))
    return first_year_note(data_year, plan_day(cfg)) + (
        lead_note(data_year + first, cfg.new_school_lead_years) if opens else "") + spread


def lead_note(first_year: int, lead: int) -> str:
    """The plan's sentence on when a new school can open at the earliest.

    >>> print(lead_note(2027, 2))
    新建学校须征地、立项和建设，最早在首个可实施学年之后 2 个学年即 2029 学年启用（建设周期 2 学年）；其接收学生的撤并随之顺延，此前学生在现就读学校过渡。
    >>> lead_note(2027, 0)
    ''
    """
    if lead <= 0:
        return ""
    return (f"新建学校须征地、立项和建设，最早在首个可实施学年之后 {lead} 个学年即 {first_year + lead} 学年启用"
            f"（建设周期 {lead} 学年）；其接收学生的撤并随之顺延，此前学生在现就读学校过渡。")


def site_leads(cfg, sites) -> dict[str, int]:
    """Each site's build time (学年 from the first school year its money can be arranged in to
    its use): a new site (``sites["existing"]`` false) ``cfg.new_school_lead_years``, an
    existing one ``cfg.expansion_lead_years`` (the same table as the 达标路径's 实施周期,
    docs/layout-yaml.md).

    >>> import pandas as pd
    >>> from types import SimpleNamespace as NS
    >>> sites = pd.DataFrame({"existing": [True, False]}, index=["A", "N"])
    >>> site_leads(NS(new_school_lead_years=2, expansion_lead_years=1), sites)
    {'A': 1, 'N': 2}
    """
    lead = {True: int(getattr(cfg, "expansion_lead_years", 0)),
            False: int(cfg.new_school_lead_years)}
    return {s: lead[bool(e)] for s, e in zip(sites.index, sites["existing"], strict=True)}


def build_earliest(cfg, sites, first_need: Mapping[str, int], data_year: int, first: int
                   ) -> dict[str, int]:
    """Each site's earliest build phase (the school year its build is in use): the school
    year it is first needed (``first_need``, 学年 by site), and no sooner than its build time
    (:func:`site_leads`) phases after ``first``.

    >>> import pandas as pd
    >>> from types import SimpleNamespace as NS
    >>> sites = pd.DataFrame({"existing": [True, False, False]}, index=["A", "N", "M"])
    >>> build_earliest(NS(new_school_lead_years=2, expansion_lead_years=0), sites,
    ...                {"A": 2027, "N": 2027}, 2025, 2)
    {'A': 2, 'N': 4, 'M': 4}
    >>> build_earliest(NS(new_school_lead_years=2, expansion_lead_years=1), sites,
    ...                {"A": 2027}, 2025, 2)["A"]
    3
    """
    out = {s: y - data_year for s, y in first_need.items()}
    for s, lead in site_leads(cfg, sites).items():
        out[s] = max(out.get(s, first), first + lead)
    return out


def pay_years(year: int, lead: int) -> list[int]:
    """The school years a build in use from ``year`` is paid in: the ``lead`` years before
    it (its build time), or ``year`` itself for a build of 0 years.

    >>> pay_years(2029, 2), pay_years(2027, 0)
    ([2027, 2028], [2027])
    """
    return list(range(year - lead, year)) if lead > 0 else [year]


def payments(amount: float, year: int, lead: int, step: float = 100.0) -> dict[int, float]:
    """``amount`` split evenly over :func:`pay_years`, each part a whole ``step`` (100 元 =
    0.01 万元, as the tables show money) but the last, which takes the rest.

    >>> payments(51_864_200.0, 2029, 2), payments(1_000_050.0, 2029, 2), payments(5.0, 2027, 0)
    ({2027: 25932100.0, 2028: 25932100.0}, {2027: 500000.0, 2028: 500050.0}, {2027: 5.0})
    """
    years = pay_years(year, lead)
    part = round(amount / len(years) / step) * step if len(years) > 1 else amount
    out = dict.fromkeys(years[:-1], part)
    out[years[-1]] = amount - part * (len(years) - 1)
    return out


def first_year_note(data_year: int, on: date, acts: str = "建设和撤并") -> str:
    """The plan's sentence on its first school year and the day it was computed from
    (``acts``: what may start no earlier, as the plan names it).

    >>> print(first_year_note(2025, date(2026, 12, 4)))
    首个可实施学年：2027 学年（按编制日期 2026 年 12 月 4 日推算：2026 学年已于 2026 年 9 月 1 日开学，建设和撤并最早自下一学年起实施，年度预算自该学年起计）。
    >>> print(first_year_note(2025, date(2026, 5, 4)))
    首个可实施学年：2026 学年（按编制日期 2026 年 5 月 4 日推算：2026 学年尚未开学，年度预算自该学年起计）。
    >>> print(first_year_note(2026, date(2026, 5, 4)))
    首个可实施学年：2027 学年（按编制日期 2026 年 5 月 4 日推算：方案自数据学年 2026 学年的下一学年起，年度预算自该学年起计）。
    """
    year = data_year + first_phase(data_year, on)
    begun = (on.month, on.day) >= YEAR_STARTS
    month, day = YEAR_STARTS
    why = (f"{on.year} 学年已于 {on.year} 年 {month} 月 {day} 日开学，{acts}最早自下一学年起实施"
           if begun else f"{on.year} 学年尚未开学")
    if year > first_school_year(on):
        why = f"方案自数据学年 {data_year} 学年的下一学年起"
    return (f"首个可实施学年：{year} 学年（按编制日期 {on.year} 年 {on.month} 月 {on.day} 日推算："
            f"{why}，年度预算自该学年起计）。")


def schedule_builds(costs: Mapping[str, float], priority: Mapping[str, int], *,
                    annual_budget: float | None, phases: int,
                    earliest: Mapping[str, int] | None = None, first: int = 1,
                    leads: Mapping[str, int] | None = None) -> dict[str, int]:
    """Phase (1-based: the school year the build is in use) of every build so that the money
    paid up to phase t is ≤ (t − first + 1) × budget, and no build before its ``earliest``
    phase (the school year it is first needed) nor before ``first`` (the first school year
    not yet begun, :func:`first_phase`). A build with a build time in ``leads`` is paid
    evenly in the years before its phase (:func:`payments`), else in its phase.

    Builds needed sooner go first, then those that enable more closures, then cheaper ones.
    A build larger than what any phase can hold goes to the first phase whose cumulative
    budget covers it (possibly after ``phases``), so the plan states honestly how long the
    money takes.

    >>> schedule_builds({"A": 5, "B": 5}, {}, annual_budget=None, phases=3, earliest={"B": 3})
    {'A': 1, 'B': 3}
    >>> schedule_builds({"A": 5, "B": 5}, {"B": 1}, annual_budget=6, phases=3, earliest={"A": 2})
    {'B': 1, 'A': 2}
    >>> schedule_builds({"A": 5, "B": 5}, {"B": 1}, annual_budget=6, phases=3, first=2)
    {'B': 2, 'A': 3}

    With two years' build time each, A and B (in use from phase 4) are paid 2.5 + 2.5 in each
    of phases 2 and 3 (5 ≤ 6, 10 ≤ 12). C (8: 4 a year) does not fit in use from phase 4
    (5 + 4 > 6 in phase 2) nor 5 (10 + 4 > 12 by phase 3); from phase 6 it is paid in 4–5
    (14 ≤ 18, 18 ≤ 24).

    >>> schedule_builds({"A": 5, "B": 5, "C": 8}, {}, annual_budget=6, phases=3, first=2,
    ...                 earliest={"A": 4, "B": 4, "C": 4}, leads={"A": 2, "B": 2, "C": 2})
    {'A': 4, 'B': 4, 'C': 6}

    A budget of 0 is a budget (:func:`phase_budget`): only builds costing nothing fit.

    >>> schedule_builds({"A": 0.0}, {}, annual_budget=0.0, phases=3, earliest={"A": 2})
    {'A': 2}
    """
    least = {s: max((earliest or {}).get(s, 1), first, 1) for s in costs}
    order = sorted(costs, key=lambda s: (least[s], -priority.get(s, 0), costs[s], s))
    if annual_budget is None:
        return {s: least[s] for s in order}
    if annual_budget <= 0 and (dear := [s for s in order if costs[s] > 1e-6]):
        raise ZeroBudget(f"年度建设预算为 0 元，不能安排建设投资 {sum(costs[s] for s in dear):,.0f} 元"
                         "（求解结果与预算不符）。")
    spent: dict[int, float] = {}
    out = {}
    for site in order:
        cost, lead = costs[site], (leads or {}).get(site, 0)
        t = least[site]
        while not _fits(spent, payments(cost, t, lead, 1e-9), annual_budget, first):
            t += 1
        for year, part in payments(cost, t, lead, 1e-9).items():
            spent[year] = spent.get(year, 0.0) + part
        out[site] = t
    return out


def over_paid(paid: Mapping[int, float], budget: float, first: int) -> int | None:
    """The first phase by which the money ``paid`` (phase -> amount) exceeds the cumulative
    budget (t − first + 1) × ``budget``; None when it never does.

    >>> over_paid({2: 4.0, 3: 9.0}, 6.0, 2), over_paid({2: 4.0, 3: 8.0}, 6.0, 2)
    (3, None)
    """
    running = 0.0
    for k in range(min(paid, default=first), max(paid, default=first) + 1):
        running += paid.get(k, 0.0)
        if running > (k - max(first, 1) + 1) * budget + 1e-6:
            return k
    return None


def _fits(spent: dict[int, float], pay: Mapping[int, float], budget: float, first: int) -> bool:
    merged = dict(spent)
    for k, v in pay.items():
        merged[k] = merged.get(k, 0.0) + v
    return over_paid(merged, budget, first) is None


def closure_phases(receivers: Mapping[str, set[str]], build_phase: Mapping[str, int],
                   first: int = 1) -> dict[str, int]:
    """A school closes the phase after the last build at any of its receivers (else the
    ``first`` phase).

    >>> closure_phases({"X": {"A"}, "Y": set()}, {"A": 2}, first=2)
    {'X': 3, 'Y': 2}
    """
    return {site: max([first - 1, *(build_phase.get(r, 0) for r in recv)]) + 1
            for site, recv in receivers.items()}


def spread_closures(close: Mapping[str, int], pupils: Mapping[str, float], first: int,
                    phases: int) -> dict[str, int]:
    """``close`` (site -> phase, :func:`closure_phases`) spread over the plan's ``phases``
    from ``first`` (分期撤并): the closures ordered by pupils today, fewest first (then by
    code), the ``i``-th of ``n`` closes no sooner than phase ``first + ⌊i × phases / n⌋``, so
    each phase takes an equal share, the smallest schools first; a closure that waits for its
    receivers' builds (先建后撤) keeps its later phase.

    Five closures over three phases from phase 2: D (5 pupils) and B (10) in phase 2, C and
    A in phase 3, E (40) in phase 4; D waits for a build until phase 4.

    >>> spread_closures({"A": 2, "B": 2, "C": 2, "D": 4, "E": 2},
    ...                 {"A": 30, "B": 10, "C": 20, "D": 5, "E": 40}, 2, 3)
    {'A': 3, 'B': 2, 'C': 3, 'D': 4, 'E': 4}
    """
    order = sorted(close, key=lambda s: (float(pupils.get(s, 0.0)), s))
    n, k = len(order), max(int(phases), 1)
    spread = {s: first + i * k // n for i, s in enumerate(order)}
    return {s: max(p, spread[s]) for s, p in close.items()}


def spread_note(close: Mapping[str, int], kinds: Mapping[str, str], data_year: int, first: int,
                phases: int) -> str:
    """The plan's sentence on how its closures (site -> phase, ``kinds``: site -> kind) are
    phased (:func:`spread_closures`), with the closures of each school year ("" without).

    >>> point = "teaching_point"
    >>> print(spread_note({"A": 3, "B": 2, "C": 3, "D": 4, "E": 4}, {"A": "primary_school",
    ...                   "B": point, "C": point, "D": point, "E": point}, 2025, 2, 3))
    分期撤并：撤并在 2027—2029 学年的 3 个学年实施：按现有在校生由少到多排入 2027—2029 学年，每学年约 1/3，规模最小的先撤并；等待接收学校建设的在其建成后的下一学年撤并（先建后撤），预计少于小规模学校标准后撤并的学校在该学年撤并。各学年撤并：2027 学年教学点 1 个，2028 学年学校 1 所、教学点 1 个，2029 学年教学点 2 个。

    The school years counted are those with a closure, so a closure waiting past the spread
    adds its year (rv2 9: 「分 3 期（2027—2029 学年）」 beside a 2030 closure and 「分 4 期实施」):

    >>> print(spread_note({"A": 2, "B": 5}, {"A": point, "B": point}, 2025, 2, 3)[:56])
    分期撤并：撤并在 2027—2030 学年的 2 个学年实施：按现有在校生由少到多排入 2027—2029 学年
    """
    if not close:
        return ""
    k = max(int(phases), 1)
    years = f"{data_year + first}—{data_year + first + k - 1} 学年" if k > 1 \
        else f"{data_year + first} 学年"
    count: dict[int, list[int]] = {}
    for s, p in close.items():
        count.setdefault(data_year + int(p), [0, 0])[kinds.get(s) == "teaching_point"] += 1
    parts = [f"{y} 学年" + "、".join(([f"学校 {n} 所"] if n else []) + ([f"教学点 {m} 个"] if m else []))
             for y, (n, m) in sorted(count.items())]
    span = f"{min(count)}—{max(count)} 学年" if len(count) > 1 else f"{min(count)} 学年"
    return (f"分期撤并：撤并在 {span}的 {len(count)} 个学年实施：按现有在校生由少到多排入 {years}，"
            f"{f'每学年约 1/{k}，' if k > 1 else ''}规模最小的先撤并；"
            "等待接收学校建设的在其建成后的下一学年撤并（先建后撤），预计少于小规模学校标准后撤并的学校在该学年撤并。"
            "各学年撤并：" + "，".join(parts) + "。")


def acting_phases(phase) -> int:
    """How many school years the plan acts in (plan.json ``phases``): the distinct phases of
    its schools, the 「分 N 期实施」 of its documents (rv2 9: it was the last phase, 5 for a
    plan acting 2027—2030 from data year 2025, beside 「分 4 期」).

    >>> acting_phases([2.0, 3.0, None, float("nan"), 4.0, 4.0, 5.0]), acting_phases([None])
    (4, 0)
    """
    return len({int(p) for p in phase if p is not None and p == p})  # p == p: not NaN
