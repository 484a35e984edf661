"""The layout plan's money by school year, as a finance office budgets it: the one-off
construction in the school year of each build's phase, and the yearly running change from
the school year each closure or new school takes effect — not only from the target year.

Phase ``t`` is the school year data year + ``t`` (:mod:`~junheng.planning.layout_phases`).
The yearly running change (财政支出, ``operating_yuan`` after less before the plan) is booked
in steps, and only what the bureau can trace to today's spending (review rv 1,
:func:`running_change`): the per-site running cost at its assumed price
(``operating_yuan_per_school``: a closed school's from the school year it closes, a new
school's from the year it opens; :func:`site_steps`) is said apart and never added in, and
the 公用经费保底 the closed schools are not paid today is not counted as saved. The steps:

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
...     weights={"operating_yuan_per_school": 19_200, "teacher_yuan_per_year": 100_000})
>>> [(r.year, r.once_yuan, r.running_yuan, r.cumulative_yuan) for r in yearly_money(plan)]
[(2027, 4000000.0, 200000.0, 4200000.0), (2028, 0.0, 140000.0, 4340000.0), (2029, 0.0, 140000.0, 4480000.0), (2030, 0.0, 140000.0, 4620000.0), (2031, 0.0, 140000.0, 4760000.0), (2032, 0.0, 140000.0, 4900000.0)]
>>> [r.assumed_yuan for r in yearly_money(plan)][:2]
[19200.0, 0.0]

(2027: 100 + 300 万 built; its 2 hires 20 万 a year; 2028: the rest 14 − 0 − 20 = −6 万 from
then on, so 14 万 a year; the sites at the shipped 1.92 万 apart: the new school's +1.92 万 from
2027, the closure's −1.92 万 from 2028, 0 in all; the table runs to the target year + 3.)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from junheng.model.numbers import wan as _wan
from junheng.planning.layout_config import SITE_COST_SEE
from junheng.planning.layout_costs import shown_metrics
from junheng.planning.layout_later import money_end
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, closed_count

#: what the rest of the running change is, as the tables name it
REST = "学生调整带来的寄宿、交通、公用经费等变化"
#: the closures' share of it (:func:`running_steps`), as the tables name it
CLOSED_REST = "撤并学校学生并入后的公用经费保底、寄宿、交通变化"
#: the metrics whose change is the closures' share
CLOSED_PARTS = ("funding_floor_yuan", "boarding_cost_yuan", "school_bus_yuan", "transport_yuan")
#: the parts priced at the plan's set unit prices: a rise is new spending and counted; a fall is
#: a saving the county's data do not trace, said apart and never counted (brief hwords3 1: the
#: demo's 寄宿生管理费用 −3.62 万元 a year at 1,500 元 a boarder was in the headline)
SET_PRICED = ("boarding_cost_yuan", "school_bus_yuan", "transport_yuan", "operating_pupil_yuan",
              "hire_staff_yuan")


def set_price_savings(plan: LayoutOutcome) -> dict[str, float]:
    """Part of :data:`SET_PRICED` -> its fall (元 a year, negative, as the comparison table shows
    it) where it falls; the rises are new spending and counted.

    >>> set_price_savings(LayoutOutcome("optimal", (), {
    ...     "before": {"boarding_cost_yuan": 50_000.0, "school_bus_yuan": 10_000.0},
    ...     "after": {"boarding_cost_yuan": 40_000.0, "school_bus_yuan": 20_000.0}}))
    {'boarding_cost_yuan': -10000.0}
    """
    shown = shown_metrics(plan.metrics)
    after, before = (shown.get(k, {}) for k in ("after", "before"))
    change = {k: float(after.get(k, 0.0)) - float(before.get(k, 0.0)) for k in SET_PRICED}
    return {k: v for k, v in change.items() if round(v) < 0}


@dataclass(frozen=True)
class YearMoney:
    """One school year of a plan's money (元)."""

    year: int
    once_yuan: float        # construction paid in the year
    running_yuan: float     # the traced yearly running change in force (vs. no plan; rv 1)
    cumulative_yuan: float  # one-off and running changes up to the year, both summed
    starts: str = ""        # what takes effect in the year
    assumed_yuan: float = 0.0  # the per-site cost at its assumed price in force (not in running)


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
    """Year -> the running changes that start in it (元 a year) by the one rule (review rv 1,
    brief hwords3 1), by what starts: the closures' share of the rest (``closed_rest``,
    :data:`CLOSED_REST`, its 保底 as paid today), 新聘教师 and :data:`REST`; they add up to
    :attr:`RunningChange.traced_yuan`. Apart: the per-site cost at its assumed price
    (:func:`site_steps`), the falls at set unit prices (:func:`set_price_savings`) and the 保底
    the closed schools are not paid today (not spent now, not saved: :func:`running_change`).

    Hand-worked: 2 教学点 close in 2027 (phase 2: 2 × −1.92 万 a year, apart), a new school
    opens in 2029 (phase 4: +1.92 万, apart); the floor falls 8 万 and boarding 1 万 (apart), so
    2027 books −8 万; the rest is −3.32 + 3.84 − 1.92 + 1 + 8 = 7.6 万 with the new school:

    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲教学点", "close", phase=2),
    ...     PlannedSchool("Q", "乙教学点", "close", phase=2),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4)),
    ...     {"before": {"operating_yuan": 500_000.0, "funding_floor_yuan": 100_000.0,
    ...                 "boarding_cost_yuan": 50_000.0},
    ...      "after": {"operating_yuan": 466_800.0, "funding_floor_yuan": 20_000.0,
    ...                "boarding_cost_yuan": 40_000.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 19_200})
    >>> running_steps(plan), site_steps(plan)
    ({2027: {'closed_rest': -80000.0}, 2029: {'rest': 76000.0}}, {2027: -38400.0, 2029: 19200.0})

    With 甲教学点 paid 3 万 short of its 保底 today, 2027 books 3 万 less saving
    (−8 + 3 = −5 万), and the traced change is −3.32 + 1.92 + 1 + 3 = 2.6 万 = −5 + 7.6:

    >>> from dataclasses import replace
    >>> short = replace(plan, metrics={**plan.metrics, "now": {"floor_unpaid_by_school": {"P": 30_000.0}}})
    >>> running_steps(short), running_change(short).traced_yuan
    ({2027: {'closed_rest': -50000.0}, 2029: {'rest': 76000.0}}, 26000.0)
    """
    steps: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    site = float(plan.weights.get("operating_yuan_per_school") or 0.0)
    for s in plan.schools if plan.year and not site_assumed(plan) else ():  # the county's own price
        if s.action in ("close", "new"):
            steps[_year(plan, s)]["close" if s.action == "close" else "new"] += site if s.action == "new" else -site
    # the whole change as the comparison table shows it (review rv2 finding 10)
    shown = shown_metrics(plan.metrics)
    after, before = (shown.get(k, {}) for k in ("after", "before"))
    hire = float(after.get("hire_staff_yuan", 0.0)) - float(before.get("hire_staff_yuan", 0.0))
    saved = set_price_savings(plan)  # apart, booked in no year (brief hwords3 1)
    rest = (float(after.get("operating_yuan", 0.0)) - float(before.get("operating_yuan", 0.0))
            - sum(_sites(plan).values()) - hire - sum(v for k, v in saved.items() if k != "hire_staff_yuan"))
    hire = 0.0 if "hire_staff_yuan" in saved else hire
    if plan.year:
        change = {k: 0.0 if k in saved else float(after.get(k, 0.0)) - float(before.get(k, 0.0))
                  for k in CLOSED_PARTS}
        for year, part in _closed_parts(plan, change).items():
            steps[year]["closed_rest"] += part
            rest -= part
        for year, part in _unpaid_by_year(plan).items():  # not paid today: not saved
            steps[year]["closed_rest"] += part
    if (round(rest) or round(hire)) and plan.year:
        moved = [_year(plan, s) for s in plan.schools if s.action in ("close", "new")]
        built = [_year(plan, s) for s in plan.schools if s.action != "keep"]
        last = max(moved or built or [int(plan.target_year or plan.year + 1)])
        grown = [_year(plan, s) for s in plan.schools if s.action in ("new", "expand", "rebuild")]
        for key, value, year in (("hire", hire, max(grown or [last])), ("rest", rest, last)):
            if round(value):
                steps[year][key] += value
    return {y: dict(by) for y, by in sorted(steps.items())}


def site_assumed(plan: LayoutOutcome) -> bool:
    """Whether the plan prices a site at the shipped per-site cost (``operating_yuan_per_school``
    left at its default: one full-time guard a site at a rate from elsewhere,
    :data:`~.layout_config.SITE_COST_SOURCE`, not today's spending in the county), not at a
    figure the county set.

    >>> site_assumed(LayoutOutcome("optimal", (), {}, weights={"operating_yuan_per_school": 19_200}))
    True
    >>> site_assumed(LayoutOutcome("optimal", (), {}, weights={"operating_yuan_per_school": 400_000}))
    False
    """
    from junheng.planning.layout_config import Weights

    price = plan.weights.get("operating_yuan_per_school")
    return isinstance(price, int | float) and price == Weights.model_fields["operating_yuan_per_school"].default


def site_steps(plan: LayoutOutcome) -> dict[int, float]:
    """Year -> the per-site running cost at the assumed price (:func:`site_assumed`) that
    starts in it (元 a year), said apart from the traced change; {} for a county's own price
    (then in :func:`running_steps`)."""
    return _sites(plan) if site_assumed(plan) else {}


def _sites(plan: LayoutOutcome) -> dict[int, float]:
    """Year -> the per-site running cost that starts in it (元 a year): −1 site a closure, +1
    a new school, from the school year it takes effect (the year of its phase; the target
    year in a plan without a data year)."""
    site = float(plan.weights.get("operating_yuan_per_school") or 0.0)
    out: dict[int, float] = defaultdict(float)
    for s in plan.schools:
        if s.action in ("close", "new") and site:
            out[_year(plan, s) if plan.year else int(plan.target_year or 0)] += (
                site if s.action == "new" else -site)
    return {y: v for y, v in sorted(out.items()) if round(v)}


def _unpaid_by_year(plan: LayoutOutcome) -> dict[int, float]:
    """Year -> the 公用经费保底 (元 a year) the schools closing in it are not paid today
    (``metrics["now"]["floor_unpaid_by_school"]``), at most the 保底 saving altogether."""
    short = ((plan.metrics or {}).get("now") or {}).get("floor_unpaid_by_school") or {}
    out: dict[int, float] = defaultdict(float)
    for s in plan.schools:
        if s.action == "close" and short.get(s.school_id):
            out[_year(plan, s)] += float(short[s.school_id])
    whole = sum(out.values())
    scale = running_change(plan).unpaid_yuan / whole if whole > 0 else 0.0  # its total as shown
    return {y: v * scale for y, v in sorted(out.items())}


def _floor_saving(plan: LayoutOutcome) -> float:
    """The 公用经费保底 the plan saves a year (元, before less after, as the table shows it)."""
    shown = shown_metrics(plan.metrics)
    return max(float(shown.get("before", {}).get("funding_floor_yuan", 0.0))
               - float(shown.get("after", {}).get("funding_floor_yuan", 0.0)), 0.0)


@dataclass(frozen=True)
class RunningChange:
    """The plan's yearly running change (元 a year, after less before the plan, as the
    comparison table shows it) and what of it the bureau can trace to today's spending
    (review rv 1: 1,036.27 万元 a year held 640.00 of per-site cost at an assumed 10 万元 a
    site and 116.42 of 保底 not paid today)."""

    whole_yuan: float   # the table's 运行支出合计 change
    site_yuan: float    # of it, the per-site cost at the assumed price (:func:`site_steps`)
    unpaid_yuan: float  # of the 保底 saving, what the closed schools are not paid today (≥ 0)
    saved_yuan: float = 0.0  # of it, the falls at set unit prices (≤ 0, :func:`set_price_savings`)

    @property
    def traced_yuan(self) -> float:
        """The change the documents headline (:data:`~.layout_config.TRACED_BASIS`: new
        spending at the set unit prices, savings only of what is paid today): the whole less
        the per-site cost at its reference price and the falls at set unit prices, with the
        保底 not paid today not counted as saved."""
        return self.whole_yuan - self.site_yuan + self.unpaid_yuan - self.saved_yuan


def running_change(plan: LayoutOutcome) -> RunningChange:
    """The plan's :class:`RunningChange`; the 保底 not paid today to 0.01 万元 where the table
    shows 万元 (each part as printed, so a reader's subtraction agrees).

    Hand-worked, an earlier demo's totals: 6,426.00 → 5,369.25 is −1,056.75 万元; 64 sites fewer
    at 1.92 万元 is −122.88; 116.42 of the 保底 saving is not paid today; −1,056.75 + 122.88 +
    116.42 = −817.45 万元 a year traced:

    >>> plan = LayoutOutcome("optimal", tuple(PlannedSchool(f"P{i}", "点", "close", phase=2)
    ...     for i in range(64)), {"now": {"floor_unpaid_by_school": {"P0": 1_164_200.0}},
    ...     "before": {"operating_yuan": 64_260_000.0, "funding_floor_yuan": 4_543_200.0},
    ...     "after": {"operating_yuan": 53_692_500.0, "funding_floor_yuan": 395_300.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 19_200})
    >>> c = running_change(plan)
    >>> c.whole_yuan, c.site_yuan, c.unpaid_yuan, round(c.traced_yuan)
    (-10567500.0, -1228800.0, 1164200.0, -8174500)
    """
    shown = shown_metrics(plan.metrics)
    after, before = (shown.get(k, {}) for k in ("after", "before"))
    whole = float(after.get("operating_yuan", 0.0)) - float(before.get("operating_yuan", 0.0))
    short = ((plan.metrics or {}).get("now") or {}).get("floor_unpaid_by_school") or {}
    unpaid = min(sum(float(short.get(s.school_id) or 0.0) for s in plan.schools if s.action == "close"),
                 _floor_saving(plan))
    wan = max(abs(float(before.get("operating_yuan", 0.0))), abs(float(after.get("operating_yuan", 0.0)))) >= 1_000_000
    return RunningChange(whole, sum(site_steps(plan).values()), round(unpaid, -2 if wan else 0),
                         sum(set_price_savings(plan).values()))


def step_words(plan: LayoutOutcome) -> dict[int, str]:
    """Year -> what of the yearly running change starts in it (:func:`running_steps`), in 万元,
    then the per-site cost at its assumed price apart (:func:`site_steps`, review rv 1): the
    布局调整方案's money paragraph and the 自评报告's note under the joint year table say why
    the yearly change moves (planner review finding 17).

    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲教学点", "close", phase=2,
    ...                                                kind="teaching_point"),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4, teacher_posts=2)),
    ...     {"before": {"operating_yuan": 500_000.0},
    ...      "after": {"operating_yuan": 640_000.0, "hire_staff_yuan": 200_000.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 19_200})
    >>> for year, words in step_words(plan).items(): print(year, words)
    2027 另按参考单价测算（单价按 1 名专职保安计，见《布局调整方案》“测算方法和未满足的规则”，不计入）：撤并教学点 1 个校点运行费用每年 -1.92 万元
    2029 新聘教师人员经费每年 20.00 万元、学生调整带来的寄宿、交通、公用经费等变化每年 -6.00 万元；另按同一参考单价测算（不计入）：新建学校开办校点运行费用每年 1.92 万元
    """
    from junheng.model import numbers

    labels = {"close": "撤并", "closed_rest": CLOSED_REST + "（公用经费保底按目前实际拨付计）",
              "new": "新建学校开办", "hire": "新聘教师人员经费", "rest": REST}
    steps, sites = running_steps(plan), site_steps(plan)
    price = numbers.trimmed(float(plan.weights.get("operating_yuan_per_school") or 0.0) / 10_000)
    out = {}
    for year in sorted(set(steps) | set(sites)):
        by = steps.get(year, {})
        closed = [s for s in plan.schools if s.action == "close" and _year(plan, s) == year]
        labels["close"] = f"撤并{closed_count(closed)}"
        said = "、".join(_yearly(label, by[key]) for key, label in labels.items() if by.get(key))
        if by.get("closed_rest"):  # its basis said once: the years are read in one sentence (rv29 3's room)
            labels["closed_rest"] = CLOSED_REST
        if year in sites:
            opened = any(s.action == "new" and _year(plan, s) == year for s in plan.schools)
            what = "、".join([*([f"撤并{closed_count(closed)}"] if closed else []), *(["新建学校开办"] if opened else [])])
            head = ASSUMED_AGAIN if any(ASSUMED_HEAD in w for w in out.values()) else ASSUMED_HEAD
            said += (("；" if said else "") + f"{head.format(price)}：{what}校点运行费用每年 "
                     f"{_wan(sites[year]):,.2f} 万元")
        out[year] = said
    return out


#: how the per-site cost at its assumed price is said apart from the traced change, and again
#: in a later year of the same sentence
ASSUMED_HEAD, ASSUMED_AGAIN = f"另按参考单价测算（{SITE_COST_SEE}，不计入）", "另按同一参考单价测算（不计入）"


def _yearly(label: str, yuan: float) -> str:
    """One part of :func:`step_words`: what changes and by how much a year, in 万元.

    >>> _yearly("新建学校开办", 100_000.0)
    '新建学校开办每年 10.00 万元'
    """
    return f"{label}每年 {_wan(yuan):,.2f} 万元"


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
              (("expand", "扩建"), ("rebuild", "改扩建"), ("grounds", "补足运动场地"), ("new", "新建"))]
    bridged = sum(s.shown_action == "temporary" for s in acts)
    # 临时周转 is the transition, not a kind of adjustment (review rv3 finding 10)
    done = "、".join([*([f"撤并{closed_count(closed)}"] if closed else []),
                     *(f"{word} {n} 所" for n, word in counts if n)])
    if not bridged:
        return done
    return f"{done}（另 {bridged} 所不扩建，临时周转过渡）" if done else f"{bridged} 所不扩建，临时周转过渡"


def yearly_money(plan: LayoutOutcome) -> list[YearMoney]:
    """The plan's money by school year, from its first phase's year to the later of
    :func:`~.layout_later.money_end` (the one horizon of both plans' year tables) and its last step; [] for a plan without a
    data year or without money. The running change is the traced one (:func:`running_steps`),
    the per-site cost at its assumed price apart (``assumed_yuan``), never in 累计."""
    once, steps, sites = once_by_year(plan), running_steps(plan), site_steps(plan)
    years = set(once) | set(steps) | set(sites)
    if not plan.year or not years:
        return []
    last = max([*years, money_end(int(plan.target_year or plan.year),
                                  (plan.costs or {}).get("recurring_years"))])
    rows, level, site, total = [], 0.0, 0.0, 0.0
    for year in range(min(years), last + 1):
        level += sum(steps.get(year, {}).values())
        site += sites.get(year, 0.0)
        total += once.get(year, 0.0) + level
        rows.append(YearMoney(year, once.get(year, 0.0), round(level, 0), round(total, 0),
                              _starts(plan, year), round(site, 0)))
    return rows


def plan_budget(plan: LayoutOutcome) -> float | None:
    """The yearly budget (元) the plan's builds were phased within (its rules: the given
    ``annual_budget_yuan``, else the default ``default_budget_yuan``); None: no limit."""
    given = plan.rules.get("annual_budget_yuan")
    return given if given is not None else plan.rules.get("default_budget_yuan")


def assumed_budget(plan: LayoutOutcome, wan: float | None) -> bool:
    """Whether the yearly budget ``wan`` (万元) is the default the plan was phased within (a
    share of all education spending, :func:`plan_budget`), not one the county gave: the
    sentences then say it is a 测算取值, not an approved budget (review rv10 9).

    >>> plan = LayoutOutcome("optimal", (), {}, rules={"default_budget_yuan": 71_607_000.0})
    >>> assumed_budget(plan, 7160.7), assumed_budget(plan, 5000.0), assumed_budget(plan, None)
    (True, False, False)
    """
    default = plan.rules.get("default_budget_yuan")
    return bool(wan is not None and plan.rules.get("annual_budget_yuan") is None and default
                and abs(_wan(default) - wan) < 0.005)


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



def budget_cover(plan: LayoutOutcome) -> dict[int, tuple[float, float]]:
    """School year over the yearly budget (:func:`over_budget_years`) -> (how far over, what
    the earlier years left unused: the budget of each school year from the first the plan pays
    for, :func:`~.layout_waiting.first_paid_year`, less what it paid, less what earlier overruns
    drew), 元; {} without a budget or when no year is over. A year over with nothing unused
    before it (the first year paid for, say) is not paid from the 累计额度 (hfix8 1).

    The 2025 plan pays from 2026: 200 万 a year, 100 万 in 2027, 300 万 in 2029, 2026–2028
    leave 200 + 100 + 200 = 500 万 unused; with 300 万 in 2026 too, 2026 has none before it
    and 2029 has 0 + 100 + 200 = 300 万:

    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("A", "甲小学", "expand", phase=2, capital_yuan=1_000_000.0),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=4, capital_yuan=3_000_000.0)),
    ...     {}, year=2025, rules={"default_budget_yuan": 2_000_000.0})
    >>> budget_cover(plan)
    {2029: (1000000.0, 5000000.0)}
    >>> from dataclasses import replace
    >>> early = replace(plan, schools=(*plan.schools, PlannedSchool("B", "乙小学", "expand", phase=1,
    ...                                                             capital_yuan=3_000_000.0)))
    >>> budget_cover(early)
    {2026: (1000000.0, 0.0), 2029: (1000000.0, 3000000.0)}
    """
    from junheng.planning.layout_waiting import first_paid_year

    over, budget = over_budget_years(plan), plan_budget(plan)
    if not over or budget is None:
        return {}
    once = once_by_year(plan)
    left, out = 0.0, {}
    for year in range(min(first_paid_year(plan), *once), max(once) + 1):
        if year in over:
            out[year] = (over[year], left)
            left -= min(left, over[year])
        else:
            left += max(budget - once.get(year, 0.0), 0.0)
    return out
