"""The layout plan's money by school year, as a finance office budgets it: the one-off
construction in the school year of each build's phase, and the yearly running change from
the school year each closure or new school takes effect — not only from the target year.

Phase ``t`` is the school year data year + ``t`` (:mod:`~junheng.planning.layout_phases`).
The yearly running change (财政支出, ``operating_yuan`` after less before the plan) is booked
in steps:

* a closed school saves its per-site running cost (``operating_yuan_per_school``) from the
  school year it closes;
* a new school costs its per-site running cost from the school year it opens (its teacher
  posts are filled first by teachers moved with its pupils, who are paid already);
* the teachers the plan hires (``hire_staff_yuan``: the staffing ledger's 按编制需招聘 ×
  ``teacher_yuan_per_year``) from the school year the last new school or expansion is in
  use (where the hired posts are; the last closure or new school without one; review
  2026-12-04 second review: a village school closing in 2030 paid the 2029 new school's
  teachers a year late);
* the closures' share of the rest — the change in the 公用经费 floor of small schools, in
  boarding and in transport (the metrics' ``funding_floor_yuan``, ``boarding_cost_yuan``,
  ``transport_yuan``) — split over the closures' school years (the floor by what each closed
  school was funded for beyond its pupils, boarding and transport by the pupils each moves:
  :func:`_closed_parts`), each part from the year its closures take effect, when their pupils
  have moved (:data:`CLOSED_REST`; review 2026-12-04 finding 5: booked with the new school two
  years after the 教学点 closed, it overstated 2027–2028 by 409 万元 a year; booked whole in
  the last closure's year, one village school closing in 2030 held back the 64 教学点 of 2027);
* the rest of the change (生均公用经费 and what else the moved pupils change) from the school
  year the last closure or new school takes effect, when all its pupils have moved
  (:data:`REST`).

One-off construction is each school's construction and receiver areas, each rounded to 0.01
万元 as the tables show it, less its rooms met by 临时周转 (not built:
:attr:`~.PlannedSchool.shown_capital_yuan`), paid evenly in the school years of its build time before the year it is
in use (``new_school_lead_years`` for a new school, ``expansion_lead_years`` for the rest: the
达标路径's 实施周期 table, docs/layout-yaml.md); a plan written without them pays in the year
of use. Every room-year of 临时周转 (while pupils wait for a new school, before a school's
rooms are built and in years other than the target year: :func:`~.layout_waiting.temporary_yuan`)
is paid in its school year. ``累计`` adds the one-off and the yearly change in force, year by year.

>>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
>>> plan = LayoutOutcome("optimal", (
...     PlannedSchool("A", "甲小学", "expand", phase=2, capital_yuan=1_000_000.0),
...     PlannedSchool("P", "乙教学点", "close", phase=3),
...     PlannedSchool("N", "新建初级中学", "new", phase=2, capital_yuan=3_000_000.0,
...                   teacher_posts=2)),
...     {"before": {"operating_yuan": 500_000.0},
...      "after": {"operating_yuan": 640_000.0, "hire_staff_yuan": 200_000.0}},
...     year=2025, target_year=2028,
...     weights={"operating_yuan_per_school": 100_000, "teacher_yuan_per_year": 100_000})
>>> [(r.year, r.once_yuan, r.running_yuan, r.cumulative_yuan) for r in yearly_money(plan)]
[(2027, 4000000.0, 300000.0, 4300000.0), (2028, 0.0, 140000.0, 4440000.0), (2029, 0.0, 140000.0, 4580000.0), (2030, 0.0, 140000.0, 4720000.0), (2031, 0.0, 140000.0, 4860000.0)]

(2027: 100 + 300 万 built; the new school's site 10 万 and its 2 hires 20 万 a year; 2028: the
closure saves 10 万, the rest 14 − 10 + 10 − 20 = −6 万 from then on, so 14 万 a year; the
table runs to the target year + 3.)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from junheng.model.numbers import wan
from junheng.planning.layout_costs import shown_metrics
from junheng.planning.layout_later import LATER
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, closed_count

#: what the rest of the running change is, as the tables name it
REST = "学生调整带来的寄宿、交通、公用经费等变化"
#: the closures' share of it (:func:`running_steps`), as the tables name it
CLOSED_REST = "撤并学校学生并入后的公用经费保底、寄宿、交通变化"
#: the metrics whose change is the closures' share
CLOSED_PARTS = ("funding_floor_yuan", "boarding_cost_yuan", "school_bus_yuan", "transport_yuan")


@dataclass(frozen=True)
class YearMoney:
    """One school year of a plan's money (元)."""

    year: int
    once_yuan: float        # construction paid in the year
    running_yuan: float     # the yearly running change in force in the year (vs. no plan)
    cumulative_yuan: float  # one-off and running changes up to the year, both summed
    starts: str = ""        # what takes effect in the year


def _year(plan: LayoutOutcome, s: PlannedSchool) -> int:
    return int(plan.year or 0) + (s.phase or 1)


def build_lead(plan: LayoutOutcome, s: PlannedSchool) -> int:
    """A build's build time (学年) by the plan's rules: ``new_school_lead_years`` for a new
    school, ``expansion_lead_years`` for any other (0 in a plan written without them: its
    money then falls in the year the build is in use, as such plans said)."""
    key = "new_school_lead_years" if s.action == "new" else "expansion_lead_years"
    return int(plan.rules.get(key) or 0)


def build_by_year(plan: LayoutOutcome) -> dict[int, float]:
    """Construction (元) by school year: each build (``PlannedSchool.shown_capital_yuan``,
    without the rooms met by 临时周转) paid evenly in the
    school years of its build time before the year it is in use (its phase's year;
    :func:`~.layout_phases.payments`, each part a whole 0.01 万元)."""
    from junheng.planning.layout_phases import payments

    out: dict[int, float] = defaultdict(float)
    for s in plan.schools:
        if s.action != "close" and s.shown_capital_yuan > 0 and plan.year:  # not a borrower's
            for year, part in payments(s.shown_capital_yuan, _year(plan, s), build_lead(plan, s)).items():
                out[year] += part
    return dict(sorted(out.items()))


def once_by_year(plan: LayoutOutcome) -> dict[int, float]:
    """All one-off spending (元) by school year: the construction (:func:`build_by_year`) and
    every 临时周转 room-year, paid in its year (counted in the year's one-off spending, never
    in the 建设投资)."""
    from junheng.planning.layout_waiting import temporary_yuan

    out: dict[int, float] = defaultdict(float, build_by_year(plan))
    for year, yuan in temporary_yuan(plan).items():
        out[year] += yuan
    return dict(sorted(out.items()))


def running_steps(plan: LayoutOutcome) -> dict[int, dict[str, float]]:
    """Year -> the running changes that start in it (元 a year), by what starts: 撤并
    (``close``), its share of the rest (``closed_rest``, :data:`CLOSED_REST`), 新建, 新聘教师
    and :data:`REST`; they add up to the plan's whole yearly change.

    Hand-worked: 2 教学点 close in 2027 (phase 2: 2 × −10 万 a year), a new school opens in
    2029 (phase 4: +10 万); the floor falls 8 万 and boarding 1 万, so 2027 also books −9 万;
    of the whole change −3 万 the rest is −3 + 20 − 10 + 9 = 16 万 with the new school:

    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲教学点", "close", phase=2),
    ...     PlannedSchool("Q", "乙教学点", "close", phase=2),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4)),
    ...     {"before": {"operating_yuan": 500_000.0, "funding_floor_yuan": 100_000.0,
    ...                 "boarding_cost_yuan": 50_000.0},
    ...      "after": {"operating_yuan": 470_000.0, "funding_floor_yuan": 20_000.0,
    ...                "boarding_cost_yuan": 40_000.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 100_000})
    >>> running_steps(plan)
    {2027: {'close': -200000.0, 'closed_rest': -90000.0}, 2029: {'new': 100000.0, 'rest': 160000.0}}
    """
    site = float(plan.weights.get("operating_yuan_per_school") or 0.0)
    steps: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for s in plan.schools:
        if plan.year and s.action == "close":
            steps[_year(plan, s)]["close"] -= site
        elif plan.year and s.action == "new":
            steps[_year(plan, s)]["new"] += site
    # the whole change as the comparison table shows it (review rv2 finding 10)
    shown = shown_metrics(plan.metrics)
    after, before = (shown.get(k, {}) for k in ("after", "before"))
    hire = float(after.get("hire_staff_yuan", 0.0)) - float(before.get("hire_staff_yuan", 0.0))
    rest = (float(after.get("operating_yuan", 0.0)) - float(before.get("operating_yuan", 0.0))
            - sum(v for by in steps.values() for v in by.values()) - hire)
    if plan.year:
        change = {k: float(after.get(k, 0.0)) - float(before.get(k, 0.0)) for k in CLOSED_PARTS}
        for year, part in _closed_parts(plan, change).items():
            steps[year]["closed_rest"] += part
            rest -= part
    if (round(rest) or round(hire)) and plan.year:
        moved = [_year(plan, s) for s in plan.schools if s.action in ("close", "new")]
        built = [_year(plan, s) for s in plan.schools if s.action != "keep"]
        last = max(moved or built or [int(plan.target_year or plan.year + 1)])
        grown = [_year(plan, s) for s in plan.schools if s.action in ("new", "expand", "rebuild")]
        for key, value, year in (("hire", hire, max(grown or [last])), ("rest", rest, last)):
            if round(value):
                steps[year][key] += value
    return {y: dict(by) for y, by in sorted(steps.items())}


def step_words(plan: LayoutOutcome) -> dict[int, str]:
    """Year -> what of the yearly running change starts in it (:func:`running_steps`), in 万元:
    the 布局调整方案's money paragraph and the 自评报告's note under the joint year table say
    why the yearly change moves (planner review finding 17: −1,026.95 in 2027–2028, then
    −296.95 from 2029 with no word of the new teachers and the new school starting then).

    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲教学点", "close", phase=2,
    ...                                                kind="teaching_point"),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4, teacher_posts=2)),
    ...     {"before": {"operating_yuan": 500_000.0},
    ...      "after": {"operating_yuan": 640_000.0, "hire_staff_yuan": 200_000.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 100_000})
    >>> step_words(plan)
    {2027: '撤并教学点 1 个每年 -10.00 万元', 2029: '新建学校开办每年 10.00 万元、新聘教师人员经费每年 20.00 万元、学生调整带来的寄宿、交通、公用经费等变化每年 -6.00 万元'}
    """
    out = {}
    for year, by in running_steps(plan).items():
        closed = [s for s in plan.schools if s.action == "close" and _year(plan, s) == year]
        labels = {"close": f"撤并{closed_count(closed)}", "closed_rest": CLOSED_REST,
                  "new": "新建学校开办", "hire": "新聘教师人员经费", "rest": REST}
        out[year] = "、".join(_yearly(label, by[key]) for key, label in labels.items()
                             if by.get(key))
    return out


def _yearly(label: str, yuan: float) -> str:
    """One part of :func:`step_words`: what changes and by how much a year, in 万元.

    >>> _yearly("新建学校开办", 100_000.0)
    '新建学校开办每年 10.00 万元'
    """
    return f"{label}每年 {_wan(yuan):,.2f} 万元"


def _wan(yuan: float) -> float:
    return wan(yuan)


def _closed_parts(plan: LayoutOutcome, change: dict[str, float]) -> dict[int, float]:
    """The closures' share (``change``: 元 a year per part of :data:`CLOSED_PARTS`) by the
    school year it starts: the 公用经费保底 part split by what each closed school was funded
    for beyond its pupils ((``funding_floor_pupils`` − pupils)⁺, its pupils the target
    year's without the plan), boarding and transport by the pupils each moves; by count
    where no closure has weight. {} without closures.

    Hand-worked: a 教学点 of 30 pupils closing in 2027 and a village school of 90 in 2030,
    floor 100: the floor's −80,000 splits 70 : 10, the moved pupils' −12,000 30 : 90:

    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲教学点", "close", phase=2,
    ...     students_expected=30), PlannedSchool("V", "乙村小学", "close", phase=5,
    ...     students_expected=90)), {}, year=2025, weights={"funding_floor_pupils": 100})
    >>> _closed_parts(plan, {"funding_floor_yuan": -80_000.0, "boarding_cost_yuan": -12_000.0})
    {2027: -73000.0, 2030: -19000.0}
    """
    closed = [s for s in plan.schools if s.action == "close"]
    floor = float(plan.weights.get("funding_floor_pupils", 100) or 0)
    parts: dict[int, float] = defaultdict(float)
    for share, weight in (
            (change.get("funding_floor_yuan", 0.0),
             [max(floor - s.students_expected, 0.0) for s in closed]),
            (sum(v for k, v in change.items() if k != "funding_floor_yuan"),
             [float(s.students_expected) for s in closed])):
        if not closed or not round(share):
            continue
        weight = weight if sum(weight) > 0 else [1.0] * len(closed)
        for s, w in zip(closed, weight, strict=True):
            parts[_year(plan, s)] += share * w / sum(weight)
    return dict(sorted(parts.items()))


def _starts(plan: LayoutOutcome, year: int) -> str:
    acts = [s for s in plan.schools if s.shown_action != "keep" and _year(plan, s) == year]
    closed = [s for s in acts if s.shown_action == "close"]
    counts = [(sum(s.shown_action == a for s in acts), word) for a, word in
              (("expand", "扩建"), ("rebuild", "改扩建"), ("new", "新建"))]
    bridged = sum(s.shown_action == "temporary" for s in acts)
    # 临时周转 is the transition, not a kind of adjustment (review rv3 finding 10)
    done = "、".join([*([f"撤并{closed_count(closed)}"] if closed else []),
                     *(f"{word} {n} 所" for n, word in counts if n)])
    if not bridged:
        return done
    return f"{done}（另 {bridged} 所不扩建，临时周转过渡）" if done else f"{bridged} 所不扩建，临时周转过渡"


def yearly_money(plan: LayoutOutcome) -> list[YearMoney]:
    """The plan's money by school year, from its first phase's year to the later of the
    target year + :data:`~.layout_later.LATER` and its last step; [] for a plan without a
    data year or without money."""
    once, steps = once_by_year(plan), running_steps(plan)
    years = set(once) | set(steps)
    if not plan.year or not years:
        return []
    last = max([*years, int(plan.target_year or plan.year) + LATER])
    rows, level, total = [], 0.0, 0.0
    for year in range(min(years), last + 1):
        level += sum(steps.get(year, {}).values())
        total += once.get(year, 0.0) + level
        rows.append(YearMoney(year, once.get(year, 0.0), round(level, 0), round(total, 0),
                              _starts(plan, year)))
    return rows


def plan_budget(plan: LayoutOutcome) -> float | None:
    """The yearly budget (元) the plan's builds were phased within (its rules: the given
    ``annual_budget_yuan``, else the default ``default_budget_yuan``); None: no limit."""
    given = plan.rules.get("annual_budget_yuan")
    return given if given is not None else plan.rules.get("default_budget_yuan")


def over_budget_years(plan: LayoutOutcome) -> dict[int, float]:
    """School year -> how far its one-off construction (元) is over the yearly budget
    (:func:`plan_budget`); {} without a budget or when no year is over.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("A", "甲小学", "expand", phase=2, capital_yuan=1_000_000.0),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4, capital_yuan=3_000_000.0)),
    ...     {}, year=2025, rules={"annual_budget_yuan": None, "default_budget_yuan": 2_000_000.0})
    >>> over_budget_years(plan)
    {2029: 1000000.0}

    (2027: 100 万 ≤ 200 万; 2029: 300 − 200 = 100 万 over, paid from the 2027–2028 budget left.)
    """
    budget = plan_budget(plan)
    if budget is None or budget <= 0:
        return {}
    return {y: v - budget for y, v in once_by_year(plan).items() if v > budget + 0.5}

