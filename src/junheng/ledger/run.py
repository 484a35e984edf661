"""Run a plan over county-years: every target's values per year, status and projection.

The ledger core never opens a database. It takes a *loader* ``(county_code, school_year) ->
CountyData`` and the list of county-years that make up the region, so it runs on the store
(``store.load_county``) and on in-memory counties alike. A county plan has one county; a city
plan has all the counties of the city, combined as :func:`junheng.ledger.measures.combine`
describes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from junheng.errors import ConfigError, StoreError
from junheng.ledger.measures import (
    MISSING,
    CityContext,
    Kind,
    Measure,
    MeasureContext,
    Reading,
    combine,
    get_measure,
    parse_params,
    scoped_label,
)
from junheng.ledger.plan import Plan, Target
from junheng.ledger.planned import MERGE_MEASURES, PlannedClosures, closure_note
from junheng.ledger.progress import (
    Assessment,
    Status,
    assess,
    compare,
    grown_note,
    on_schedule,
)
from junheng.model import CountyData, numbers
from junheng.planning.layout_naming import PLAN_WORD

Loader = Callable[[str, int], CountyData]
Value = bool | float

BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "share": (0.0, 1.0), "count": (0.0, None), "bool": (None, None), "number": (None, None),
}


@dataclass(frozen=True)
class TargetProgress:
    """One target of a plan as measured: values per year, status and projection."""

    target: Target
    label: str
    kind: Kind
    unit: str
    values: Mapping[int, Value | None]
    assessment: Assessment
    evidence: Mapping[int, str] = field(default_factory=dict)
    items: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def status(self) -> Status:
        return self.assessment.status

    @property
    def projected(self) -> float | None:
        return self.assessment.projected

    @property
    def expected(self) -> float | None:
        """按进度应达 in the latest year with a value (:func:`~junheng.ledger.progress.on_schedule`);
        None for an every-year target (met each year, not by a deadline). A count (classes,
        schools) is whole, rounded towards the target (review rv2 finding 7: "应达 93.50 个"):
        up for a target to reach (≥), down for one to come down to (≤)."""
        if self.target.every_year:
            return None
        pace = on_schedule(self.values, self.assessment, target=self.target.target,
                           deadline=self.target.deadline)
        if pace is None or self.kind != "count":
            return pace
        pace = round(pace, 6)  # 16.000000001 on the line is 16, not 17
        comparator = self.target.comparator
        whole = math.ceil(pace) if comparator in (">=", ">") else \
            math.floor(pace) if comparator in ("<=", "<") else round(pace)
        return float(whole)

    @property
    def columns_note(self) -> str:
        """For a 县级年度数据 row, which year's figure each column holds (see
        :func:`~junheng.ledger.catalogue.county_records.columns_note`); else ""."""
        if self.target.is_manual or self.target.measure.name != "county_figure":
            return ""
        from junheng.ledger.catalogue.county_records import columns_note
        return columns_note(self.items, self.notes, self.assessment.baseline_year)

    @property
    def reasons(self) -> tuple[str, ...]:
        """The notes that say why the row has its status: the every-year years missed
        (:func:`missed_note`) and a layout plan's closures against the deadline
        (:func:`~junheng.ledger.planned.closure_note`), which the web shows beside the row."""
        return tuple(n for n in self.notes if n.startswith((MISSED_WORDS, PLAN_WORD)))


@dataclass(frozen=True)
class Ledger:
    """A plan measured over a region: one :class:`TargetProgress` per target."""

    plan: Plan
    region: str
    county_codes: tuple[str, ...]
    years: tuple[int, ...]
    targets: tuple[TargetProgress, ...]
    notes: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)  # 学校标识码 -> 学校名称 (明细)

    @property
    def is_example(self) -> bool:
        """Whether the plan is another region's, measured on this region's data (a demo)."""
        region = self.plan.region
        if region.is_city:
            return self.region != region.city
        if region.county_code is not None:
            return bool(self.county_codes) and region.county_code not in self.county_codes
        return bool(region.county_name) and str(region.county_name) not in self.region

    @property
    def title(self) -> str:
        """'《计划》目标台账', or for another region's plan '示例：《计划》规划在本县数据上的测算'."""
        name = self.plan.plan if self.plan.plan.startswith("《") else f"《{self.plan.plan}》"
        if self.is_example:
            where = "本市" if self.plan.region.is_city else "本县"
            return f"示例：{name}规划在{where}数据上的测算"
        return f"{name}目标台账"

    def summary(self) -> dict[str, int]:
        """How many targets have each status (every status listed, zeros included)."""
        counts = {s.value: 0 for s in Status}
        for t in self.targets:
            counts[t.status.value] += 1
        return counts


# --- choosing the county-years of a region ---------------------------------------------


@dataclass(frozen=True)
class CountyYearRef:
    """A county-year the store holds (the fields of the store's ``CountyYear`` the ledger uses)."""

    county_code: str
    school_year: int
    county_name: str = ""
    city_name: str = ""


def refs_from(rows: Iterable[Any]) -> list[CountyYearRef]:
    """Read county-year rows (the store's ``CountyYear`` or similar) into :class:`CountyYearRef`."""
    return [CountyYearRef(str(r.county_code), int(r.school_year),
                          str(getattr(r, "county_name", "") or ""),
                          str(getattr(r, "city_name", "") or "")) for r in rows]


def select_region(rows: Sequence[CountyYearRef], *, county: str | None = None,
                  city: str | None = None) -> tuple[list[CountyYearRef], str]:
    """The county-years of one county (code or name) or one city, and the region's label.

    Raises
    ------
    StoreError
        When nothing matches; the message lists what the store holds.
    """
    if (county is None) == (city is None):
        raise ConfigError("请指定一个县区（--county）或一个地市（--city），且只能指定一种。")
    if city is not None:
        chosen = [r for r in rows if r.city_name == city]
        label = city
    else:
        chosen = [r for r in rows if county in (r.county_code, r.county_name)]
        codes = sorted({r.county_code for r in chosen})
        if len(codes) > 1:
            raise ConfigError(f"县区名称 “{county}” 对应多个县区（{'、'.join(codes)}）：请改用县区代码。")
        label = _county_label(chosen, county)
    if not chosen:
        raise StoreError(f"数据库中没有{'地市' if city else '县区'} “{city or county}” 的数据：已有 "
                         f"{_holdings(rows)}。请先导入，或检查名称/代码。")
    return sorted(chosen, key=lambda r: (r.county_code, r.school_year)), label


def _county_label(chosen: Sequence[CountyYearRef], county: str) -> str:
    if chosen and chosen[0].county_name:
        return f"{chosen[0].county_name}（{chosen[0].county_code}）"
    return county


def _holdings(rows: Sequence[CountyYearRef]) -> str:
    if not rows:
        return "（空）"
    seen: dict[str, str] = {}
    for r in rows:
        seen.setdefault(r.county_code, f"{r.city_name}{r.county_name}（{r.county_code}）")
    return "、".join(seen.values())


def region_of(plan: Plan) -> dict[str, str | None]:
    """The ``county``/``city`` selection a plan's own region implies."""
    if plan.region.is_city:
        return {"county": None, "city": plan.region.city}
    return {"county": plan.region.county_code or plan.region.county_name, "city": None}


def plan_covers(plan: Plan, *, county_code: str | None, county_name: str | None = None,
                city: str | None = None) -> bool:
    """Whether ``plan`` is the county's own (its county, or its city for a city plan).

    A county's formal report includes a ledger only when this holds; another county's plan
    measured on the county's data is an example, not the county's commitments.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from junheng.ledger.plan import Region
    >>> mengjin = SimpleNamespace(region=Region(county_code="410308"))
    >>> plan_covers(mengjin, county_code="410331"), plan_covers(mengjin, county_code="410308")
    (False, True)
    >>> city = SimpleNamespace(region=Region(city="洛阳市"))
    >>> plan_covers(city, county_code="410331", city="洛阳市"), plan_covers(city, county_code="410331")
    (True, False)
    """
    region = plan.region
    if region.is_city:
        return bool(city) and region.city == city
    if region.county_code is not None:
        return region.county_code == str(county_code or "")
    return bool(county_name) and region.county_name == county_name


def own_ledger(ledger: Ledger | None, county: Mapping[str, Any]) -> Ledger | None:
    """``ledger`` if its plan is the county's own (``county`` as an evaluation's ``county``
    mapping: code, name, city), else None: a formal report leaves the others out."""
    if ledger is None:
        return None
    covered = plan_covers(ledger.plan, county_code=county.get("code"),
                          county_name=county.get("name"), city=county.get("city"))
    return ledger if covered else None


# --- running -----------------------------------------------------------------------------


class _Counties:
    """County-years of a region, loaded once each, with their contexts."""

    def __init__(self, loader: Loader, county_years: Iterable[tuple[str, int]],
                 baseline_year: int, evaluator: Callable[[CountyData], Any] | None):
        self.loader, self.evaluator, self.baseline_year = loader, evaluator, baseline_year
        self.years_of: dict[str, list[int]] = {}
        for code, year in county_years:
            self.years_of.setdefault(str(code), []).append(int(year))
        for years in self.years_of.values():
            years.sort()
        self._data: dict[tuple[str, int], CountyData] = {}
        self._contexts: dict[tuple[str, int], MeasureContext] = {}
        self.city_cache: dict[str, Any] = {}

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(sorted(self.years_of))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({y for ys in self.years_of.values() for y in ys}))

    def baseline_of(self, code: str) -> int | None:
        """The county's effective baseline: the first year at or after the plan's baseline."""
        later = [y for y in self.years_of[code] if y >= self.baseline_year]
        return later[0] if later else None

    def county_name(self, code: str) -> str:
        """The county's name as its latest year gives it ('洛北县'), 县区（code） when none."""
        return self.county_names().get(code) or f"县区（{code}）"

    def county_names(self) -> dict[str, str]:
        """{县区代码: 县区名称} of the counties whose latest year names them (each loaded once:
        a name is known before the county's year is measured, planner review 2026-12-04:
        "取最不利的县区 410307")."""
        found = {c: str(self.data(c, ys[-1]).info.get("county_name") or "")
                 for c, ys in self.years_of.items()}
        return {c: name for c, name in found.items() if name}

    def school_names(self) -> dict[str, str]:
        """{学校标识码: 名称} of every county-year loaded (a later year's name wins),
        {乡镇代码: 乡镇名称}, so 测算明细 names the towns too, {县区代码: 县区名称} for a city's
        明细 (410307:撤销:… reads 乙县（撤销，…）), and {教师编号: 学校名称教师}
        (review B8: 测算明细 listed raw teacher codes; the data keep no teachers' names)."""
        from junheng.model.places import town_names

        out: dict[str, str] = self.county_names() if len(self.years_of) > 1 else {}
        for _, d in sorted(self._data.items()):
            out.update(town_names(d))
            out.update({str(sid): str(name) for sid, name in
                        zip(d.schools["school_id"], d.schools["name"], strict=True)
                        if isinstance(name, str) and name})
        for _, d in sorted(self._data.items()):  # teachers have no names: 学校名称教师
            out.update({str(tid): f"{out[str(sid)]}{TEACHER_WORD}" for tid, sid in
                        zip(d.teachers["teacher_id"], d.teachers["school_id"], strict=True)
                        if str(sid) in out})
        return out

    def data(self, code: str, year: int) -> CountyData:
        key = (code, year)
        if key not in self._data:
            self._data[key] = self.loader(code, year)
        return self._data[key]

    def city_context(self, year: int) -> CityContext:
        """The context of a city-scope measure (one cache for all years of the run)."""
        refs = tuple(CountyYearRef(c, y, str(self.data(c, y).info.get("county_name") or ""))
                     for c in self.codes for y in self.years_of[c])
        return CityContext(self.data, refs, year, self.evaluator, self.city_cache)

    def context(self, code: str, year: int) -> MeasureContext:
        key = (code, year)
        if key not in self._contexts:
            base_year = self.baseline_of(code)
            baseline = (self.data(code, base_year)
                        if base_year is not None and year >= base_year else None)
            self._contexts[key] = MeasureContext(self.data(code, year), baseline, self.evaluator)
        return self._contexts[key]


def _county_reading(counties: _Counties, measure_: Measure, params: Any, code: str,
                    year: int) -> Reading:
    if year not in counties.years_of[code]:
        return MISSING
    ctx = counties.context(code, year)
    if measure_.since_baseline and ctx.baseline is None:
        return Reading(None, note=f"{counties.county_name(code)}在基准年 {counties.baseline_year} 学年及以后没有数据")
    return measure_.compute(ctx, params)


def _reading(counties: _Counties, measure_: Measure, params: Any, year: int,
             comparator: str) -> Reading:
    """The region's reading of one year: a city-scope measure once, else per county combined."""
    if measure_.scope == "city":
        return measure_.compute(counties.city_context(year), params)
    readings = {c: _county_reading(counties, measure_, params, c, year) for c in counties.codes}
    if len(readings) == 1:
        return readings[counties.codes[0]]
    return combine(measure_, readings, comparator, counties.county_names())


def _years_for(counties: _Counties, measure_: Measure) -> list[int]:
    if not measure_.since_baseline:
        return list(counties.years)
    firsts = [counties.baseline_of(c) for c in counties.codes]
    firsts = [y for y in firsts if y is not None]
    start = min(firsts) if firsts else counties.baseline_year
    return [y for y in counties.years if y >= start]


def _measured(target: Target, counties: _Counties, baseline_year: int,
              closures: PlannedClosures | None = None) -> TargetProgress:
    measure_ = get_measure(target.measure.name)
    params = parse_params(measure_, target.measure.params)
    values: dict[int, Value | None] = {}
    readings: dict[int, Reading] = {}
    notes: list[str] = []
    for year in _years_for(counties, measure_):
        readings[year] = reading = _reading(counties, measure_, params, year, target.comparator)
        values[year] = reading.value(measure_.kind)
        if reading.note:
            notes.append(f"{year}：{reading.note}")
    items = {y: r.items for y, r in readings.items()}
    judge = partial(assess, values, comparator=target.comparator, target=target.target,
                    baseline_year=baseline_year, deadline=target.deadline,
                    bounds=BOUNDS[measure_.kind], every_year=target.every_year)
    assessment = judge()
    grown = grown_note(readings, assessment, target.comparator)
    if grown:  # a fall only from the set growing is judged by the trend, not as 倒退
        assessment = judge(grown=True)
        notes.append(grown)
    notes += missed_note(assessment, values if measure_.kind == "share" else None)
    notes += baseline_note(assessment, baseline_year)
    notes += falling_note(assessment, values, target.comparator, measure_.kind)
    notes += _planned_note(target, measure_, params, counties, values, closures,
                           assessment.projected)
    kind = measure_.kind if len(counties.codes) == 1 or measure_.kind != "bool" else "share"
    unit = target.unit or getattr(params, "unit", "") or measure_.unit or _item_unit(params)
    return TargetProgress(target, scoped_label(measure_.label, params), kind, unit, values,
                          assessment, {}, items, tuple(notes))


def _planned_note(target: Target, measure_: Measure, params, counties: _Counties,
                  values: Mapping[int, Value | None], closures: PlannedClosures | None,
                  projected: float | None = None) -> list[str]:
    """A merge target of one county beside the layout plan's closures (review finding 11) and
    the row's 到期预计 (``projected``)."""
    years = [y for y, v in values.items() if v is not None]
    if (closures is None or measure_.name not in MERGE_MEASURES or len(counties.codes) != 1
            or not years or isinstance(target.target, str | bool)):
        return []
    from junheng.ledger.catalogue.layout import merge_base

    ctx = counties.context(counties.codes[0], max(years))
    if ctx.baseline is None:
        return []
    return [closure_note(closures, ctx.data, {str(s) for s in merge_base(ctx.baseline, params)},
                         float(values[max(years)]), float(target.target), target.deadline,
                         projected)]


def _item_unit(params) -> str:
    """A 县级指标 measure's unit from the indicator it reads (倍 for a ratio)."""
    from junheng.ledger.catalogue.governance import indicator_unit

    code = getattr(params, "code", None)
    return indicator_unit(code) if isinstance(code, str) else ""


def _manual(target: Target, baseline_year: int) -> TargetProgress:
    values = {y: e.value for y, e in sorted(target.manual_values.items())}
    evidence = {y: e.evidence for y, e in sorted(target.manual_values.items())}
    kind: Kind = "bool" if isinstance(target.target, bool) else "number"
    assessment = assess(values, comparator=target.comparator, target=target.target,
                        baseline_year=baseline_year, deadline=target.deadline,
                        every_year=target.every_year)
    return TargetProgress(target, "手工填报", kind, target.unit, values, assessment, evidence,
                          notes=tuple(missed_note(assessment)
                                      + baseline_note(assessment, baseline_year)))


#: what follows a school's name for one of its teachers in :meth:`_Counties.school_names`
TEACHER_WORD = "教师"
#: how :func:`missed_note` begins
MISSED_WORDS = "每年均须达到"


def missed_note(assessment: Assessment, shares: Mapping[int, Value | None] | None = None
                ) -> list[str]:
    """For an every-year target: the years that missed, as a note, and why the row is 滞后
    when the latest year met it (review finding 13: 10.04% against 10% read 滞后 unexplained).
    Given a share's values (``shares``), each year's figure and the latest year met are said
    (review rv 13: the 自评报告's 交流轮岗 10.9 % 「达标」 is 2025's on the county's count; the
    ledger's 10.04 % is 2025's too, 滞后 for 2024's 6.41 %).

    >>> from junheng.ledger.progress import assess
    >>> values = {2024: 0.0641, 2025: 0.100426}
    >>> done = assess(values, comparator=">=", target=0.10, baseline_year=2024, deadline=2025,
    ...               every_year=True)
    >>> missed_note(done)
    ['每年均须达到：2024 学年未达到；本目标每年核验，最新学年虽已达到，仍为滞后']
    >>> missed_note(done, values)
    ['每年均须达到：2024 学年（6.41%）未达到，2025 学年（10.04%）已达到；本目标每年核验，最新学年虽已达到，仍为滞后']
    """
    if not assessment.missed_years:
        return []
    shares = shares or {}

    def said(y: int) -> str:
        v = shares.get(y)
        return "" if v is None or isinstance(v, bool) else f"（{numbers.percent(v, 2)}）"

    years = "、".join(f"{y} 学年{said(y)}" for y in assessment.missed_years)
    latest = assessment.latest_year
    latest_met = assessment.met.get(latest) if latest else None
    why = "；本目标每年核验，最新学年虽已达到，仍为滞后" if latest_met else ""
    met = f"，{latest} 学年{said(latest)}已达到" if latest_met and shares else ""
    return [f"{MISSED_WORDS}：{years}未达到{met}{why}"]


def falling_note(assessment: Assessment, values: Mapping[int, Value | None], comparator: str,
                 kind: str) -> list[str]:
    """For an 已达成 "at least" target whose value falls every year: the fall and where the
    trend leads (review 2, B12: 培训一线教师 2,955 → 2,727 read 已达成 with nothing said).

    >>> from junheng.ledger.progress import assess
    >>> values = {2023: 2955, 2024: 2841, 2025: 2727}  # slope -114 a year; 2027: 2,499
    >>> falling_note(assess(values, comparator=">=", target=1000, baseline_year=2023,
    ...                     deadline=2027), values, ">=", "count")
    ['逐年下降：2023 学年 2,955 → 2025 学年 2,727，按趋势到期预计 2,499，目前仍达到目标']

    Figures the ledger's one decimal shows alike are said with as many as it takes to differ
    (review rv20 2: 「2024 学年 96.8% → 2025 学年 96.8%」):

    >>> shares = {2024: 0.9681112019623875, 2025: 0.9676375404530745}  # 中牟's 划片 row
    >>> falling_note(assess(shares, comparator=">=", target=0.95, baseline_year=2024,
    ...                     deadline=2025), shares, ">=", "share")
    ['逐年下降：2024 学年 96.81% → 2025 学年 96.76%，目前仍达到目标']
    >>> falling_note(assess({2024: 0.9, 2025: 0.95}, comparator=">=", target=0.8,
    ...                     baseline_year=2024, deadline=2026), {2024: 0.9, 2025: 0.95}, ">=", "share")
    []
    """
    first = assessment.baseline_year
    shown = {y: v for y, v in sorted(values.items())
             if v is not None and not isinstance(v, bool) and first is not None and y >= first}
    series = list(shown.values())
    if (assessment.status is not Status.ACHIEVED or comparator not in (">=", ">")
            or len(series) < 2 or any(b >= a for a, b in zip(series[:-1], series[1:], strict=True))):
        return []

    projected = assessment.projected
    said = numbers.trend_texts(series[0], series[-1], *([] if projected is None else [projected]),
                               digits=1 if kind == "share" else 3, share=kind == "share")
    if said is None:  # a fall below what 6 decimals show is not one to say
        return []
    years = list(shown)
    ahead = "" if projected is None else f"，按趋势到期预计 {said[2]}"
    goal = assessment.target_value
    below = (projected is not None and goal is not None
             and compare(projected, comparator, goal) is False)
    return [f"逐年下降：{years[0]} 学年 {said[0]} → {years[-1]} 学年 {said[1]}"
            f"{ahead}，{'按此趋势到期将达不到目标' if below else '目前仍达到目标'}"]


def baseline_note(assessment: Assessment, baseline_year: int) -> list[str]:
    """When the plan's baseline year has no value: which year the row is measured from.

    >>> from junheng.ledger.progress import assess
    >>> baseline_note(assess({2024: 0.0}, comparator="<=", target=0, baseline_year=2023,
    ...                      deadline=2026), 2023)
    ['基准年 2023 学年没有数据，本行以 2024 学年为基准']
    """
    first = assessment.baseline_year
    if first is None or first == baseline_year:
        return []
    return [f"基准年 {baseline_year} 学年没有数据，本行以 {first} 学年为基准"]


def progress_of(target: Target, counties: _Counties, baseline_year: int,
                closures: PlannedClosures | None = None) -> TargetProgress:
    """The progress of one target over the region's county-years (``closures``: a layout
    plan's, compared with the merge targets, :mod:`junheng.ledger.planned`)."""
    if target.is_manual:
        return _manual(target, baseline_year)
    return _measured(target, counties, baseline_year, closures)


def run_ledger(plan: Plan, loader: Loader, county_years: Iterable[tuple[str, int]], *,
               region: str | None = None,
               evaluator: Callable[[CountyData], Any] | None = None,
               closures: PlannedClosures | None = None) -> Ledger:
    """Measure every target of ``plan`` over the given county-years.

    Parameters
    ----------
    plan : Plan
        A validated plan (:func:`junheng.ledger.load_plan`).
    loader : callable ``(county_code, school_year) -> CountyData``
        E.g. ``store.load_county``, or a dict lookup in tests.
    county_years : iterable of ``(county_code, school_year)``
        The region's county-years: one county, or every county of a city.
    region : str, optional
        The region's label in the output (default: the plan's region).
    evaluator : callable, optional
        Replaces ``junheng.evaluate.evaluate(data, "quality-2017")`` for the 优质均衡 measures.
    closures : PlannedClosures, optional
        A layout plan's closures: a merge target's 说明 says what the plan does for it.

    Examples
    --------
    >>> from junheng.ledger import plan_from_dict
    >>> from junheng.model import CountyData
    >>> plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"},
    ...     "baseline_year": 2024, "targets": [{"id": "tp", "name": "教学点不超过 1 个",
    ...     "quote": "……", "measure": "teaching_points", "comparator": "<=", "target": 1,
    ...     "deadline": 2026, "responsible": "县教育局"}]})
    >>> data = CountyData.from_records({"county_code": "410306", "school_year": 2024},
    ...     schools=[{"school_id": "P1", "school_type": "teaching_point"}])
    >>> ledger = run_ledger(plan, lambda c, y: data, [("410306", 2024)])
    >>> ledger.targets[0].status.value
    '已达成'
    """
    pairs = list(county_years)
    counties = _Counties(loader, pairs, plan.baseline_year, evaluator)
    targets = tuple(progress_of(t, counties, plan.baseline_year, closures) for t in plan.targets)
    return Ledger(plan, region or plan.region.label, counties.codes, counties.years, targets,
                  tuple(_run_notes(plan, counties)), counties.school_names())


def _run_notes(plan: Plan, counties: _Counties) -> list[str]:
    notes = []
    if not counties.codes:
        notes.append("没有任何县区的数据：所有测算目标均为待填报。")
    for code in counties.codes:  # by name, not code (review 2026-12-04 finding 19)
        first, name = counties.baseline_of(code), counties.county_name(code)
        if first is None:
            notes.append(f"{name}没有基准年 {plan.baseline_year} 学年及以后的数据，较基准年的变化无法计算。")
        elif first != plan.baseline_year:
            notes.append(f"{name}没有基准年 {plan.baseline_year} 学年的数据，以最早的 {first} 学年为基准。")
    return notes
