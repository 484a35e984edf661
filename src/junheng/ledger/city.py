"""The city view: rank a city's counties each year and apply the Xinxiang 问责 rule.

For every school year, each county is scored on

1. ledger completion — the share of the plan's measured targets its data meets that year
   (targets the data cannot answer that year are left out of the share);
2. the 优质均衡 2017 evaluation — fewer failing items is better;
3. the mean of its primary and junior 优质均衡 composite CVs — lower is better (a sort key
   only: the outputs show the two stages' CVs separately, never this mean).

Counties are ordered by these keys in turn; a county's rank is one more than the number of
counties strictly ahead of it, so tied counties share a rank. A county is *in the bottom two*
when fewer than two counties rank strictly below it (ties are treated alike), which needs at
least three counties that year. The 问责 rule (新乡市 2023: “对……连续两年排在后两名的单位启动问责
机制”) flags a county in the bottom two in two consecutive school years.

The plan used for completion defaults to the shipped county-standard plan
(``standard_plan.yaml``: the targets all five seed plans and the national standards share).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from junheng.errors import ConfigError
from junheng.ledger import evaluation as quality
from junheng.ledger.plan import Plan, plan_from_dict
from junheng.ledger.run import CountyYearRef, Loader, run_ledger
from junheng.model import CountyData
from junheng.model.labels import VERDICT_LABELS

MIN_COUNTIES_FOR_BOTTOM_TWO = 3


@dataclass(frozen=True)
class CountyStanding:
    """One county in one school year of the city ranking."""

    county_code: str
    county_name: str
    school_year: int
    targets_met: int
    targets_measured: int
    quality_passes: bool | None
    quality_failures: int | None  # failing indicators, as the 自评 counts them (not the units)
    composite_cv: float | None
    rank: int
    of: int
    bottom_two: bool
    accountable: bool
    quality_status: str | None = None  # pass / fail / pending (待核实)
    primary_cv: float | None = None  # 优质均衡小学综合差异系数
    junior_cv: float | None = None  # 优质均衡初中综合差异系数
    quality_failed_units: int | None = None  # 评估单位 failing the school rule

    @property
    def quality_label(self) -> str:
        """达标 / 未达标 / 待核实, or — without an evaluation."""
        return VERDICT_LABELS.get(self.quality_status or "", "—")

    @property
    def completion(self) -> float | None:
        """Share of measured targets met (None when no target could be measured)."""
        return self.targets_met / self.targets_measured if self.targets_measured else None


@dataclass(frozen=True)
class CityRanking:
    """Every county's standing per school year, and the counties the 问责 rule flags."""

    city: str
    plan: str
    standings: tuple[CountyStanding, ...]
    notes: tuple[str, ...] = ()

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({s.school_year for s in self.standings}))

    def year(self, school_year: int) -> list[CountyStanding]:
        """The standings of one school year, best first."""
        rows = [s for s in self.standings if s.school_year == school_year]
        return sorted(rows, key=lambda s: (s.rank, s.county_code))

    @property
    def accountable(self) -> list[CountyStanding]:
        """Standings that trigger the 问责 rule (bottom two in this and the previous year)."""
        return [s for s in self.standings if s.accountable]


def default_ranking_plan() -> Plan:
    """The shipped county-standard plan used for ledger completion in the city view."""
    import yaml

    text = resources.files("junheng.ledger").joinpath("standard_plan.yaml").read_text("utf-8")
    return plan_from_dict(yaml.safe_load(text), source="standard_plan.yaml")


def _memo_loader(loader: Loader) -> Loader:
    cache: dict[tuple[str, int], CountyData] = {}

    def load(code: str, year: int) -> CountyData:
        if (code, year) not in cache:
            cache[(code, year)] = loader(code, year)
        return cache[(code, year)]

    return load


def _memo_evaluator(evaluator: Callable[[CountyData], Any] | None):
    cache: dict[int, tuple[CountyData, Any]] = {}
    run = evaluator or quality.evaluate_quality

    def evaluate(data: CountyData) -> Any:
        key = id(data)
        if key not in cache:
            cache[key] = (data, run(data))
        return cache[key][1]

    return evaluate


@dataclass(frozen=True)
class _Score:
    ref: CountyYearRef
    met: int
    measured: int
    passes: bool | None
    failures: int | None
    cv: float | None
    status: str | None = None
    stage_cvs: tuple[float | None, float | None] = (None, None)
    failed_units: int | None = None

    def key(self) -> tuple[float, float, float, float]:
        """Completion, then failing indicators, then failing 评估单位, then the mean CV."""
        completion = self.met / self.measured if self.measured else -1.0
        failures = math.inf if self.failures is None else float(self.failures)
        units = math.inf if self.failed_units is None else float(self.failed_units)
        cv = math.inf if self.cv is None else self.cv
        return (-completion, failures, units, cv)


def _completion(plan: Plan, load: Loader, code: str, years: Sequence[int],
                evaluate: Callable[[CountyData], Any]) -> dict[int, tuple[int, int]]:
    ledger = run_ledger(plan, load, [(code, y) for y in years], evaluator=evaluate)
    out = {}
    for year in years:
        mets = [t.assessment.met.get(year) for t in ledger.targets if not t.target.is_manual]
        out[year] = (sum(1 for m in mets if m), sum(1 for m in mets if m is not None))
    return out


def _quality(data: CountyData, evaluate: Callable[[CountyData], Any]) -> tuple:
    """(passes, failing indicators, mean CV for sorting, status, (primary CV, junior CV),
    failing 评估单位): the two counts apart, as the 自评 says them (rv2 finding 2)."""
    facts = quality.facts(evaluate(data))
    stages = (facts.cv("primary"), facts.cv("junior"))
    cvs = [c for c in stages if c is not None]
    return (facts.passes, facts.failed_indicators, (sum(cvs) / len(cvs) if cvs else None),
            facts.status, stages, facts.failed_units)


def _scores(refs: Sequence[CountyYearRef], plan: Plan, load: Loader,
            evaluate: Callable[[CountyData], Any], use_evaluation: bool) -> list[_Score]:
    by_county: dict[str, list[CountyYearRef]] = {}
    for ref in refs:
        by_county.setdefault(ref.county_code, []).append(ref)
    scores = []
    for code, rows in sorted(by_county.items()):
        years = sorted(r.school_year for r in rows)
        completion = _completion(plan, load, code, years, evaluate)
        for ref in sorted(rows, key=lambda r: r.school_year):
            met, measured = completion[ref.school_year]
            q = (_quality(load(code, ref.school_year), evaluate) if use_evaluation
                 else (None, None, None, None, (None, None), None))
            scores.append(_Score(ref, met, measured, *q))
    return scores


def rank_year(keys: dict[str, tuple[float, ...]]) -> dict[str, tuple[int, bool]]:
    """Rank (1 = best) and bottom-two flag per county from comparable keys (smaller is better).

    Examples
    --------
    b and c tie for 2nd; the tie reaches 3rd place, one of the bottom two, so both are flagged:

    >>> rank_year({"a": (0,), "b": (1,), "c": (1,), "d": (2,)})
    {'a': (1, False), 'b': (2, True), 'c': (2, True), 'd': (4, True)}
    """
    n = len(keys)
    out = {}
    for code, key in keys.items():
        ahead = sum(1 for other in keys.values() if other < key)
        below = sum(1 for other in keys.values() if other > key)
        out[code] = (ahead + 1, n >= MIN_COUNTIES_FOR_BOTTOM_TWO and below < 2)
    return out


def _standings(scores: Iterable[_Score]) -> list[CountyStanding]:
    by_year: dict[int, list[_Score]] = {}
    for s in scores:
        by_year.setdefault(s.ref.school_year, []).append(s)
    ranks = {year: rank_year({s.ref.county_code: s.key() for s in rows})
             for year, rows in by_year.items()}
    out = []
    for year, rows in sorted(by_year.items()):
        for s in rows:
            rank, bottom = ranks[year][s.ref.county_code]
            before = ranks.get(year - 1, {}).get(s.ref.county_code)
            accountable = bottom and before is not None and before[1]
            out.append(CountyStanding(s.ref.county_code, s.ref.county_name, year, s.met,
                                      s.measured, s.passes, s.failures, s.cv, rank, len(rows),
                                      bottom, accountable, s.status, *s.stage_cvs,
                                      s.failed_units))
    return out


def rank_city(loader: Loader, county_years: Sequence[CountyYearRef], *, city: str = "",
              plan: Plan | None = None, evaluator: Callable[[CountyData], Any] | None = None,
              use_evaluation: bool = True) -> CityRanking:
    """Rank a city's counties per school year and flag the 问责 rule.

    Parameters
    ----------
    loader : callable ``(county_code, school_year) -> CountyData``
    county_years : sequence of CountyYearRef
        Every county-year of the city (names are shown in the output).
    city : str
        The city's name for the output.
    plan : Plan, optional
        Plan whose measured targets give ledger completion; default the shipped
        county-standard plan. Manual targets are left out (they have no per-county values).
    evaluator : callable, optional
        Replaces ``junheng.evaluate.evaluate(data, "quality-2017")``.
    use_evaluation : bool
        Rank on the 优质均衡 evaluation as well (default); False ranks on completion only.
    """
    if not county_years:
        raise ConfigError(f"地市 “{city}” 没有任何县区数据，无法排名：请先导入各县区的工作簿。")
    plan = plan or default_ranking_plan()
    load, evaluate = _memo_loader(loader), _memo_evaluator(evaluator)
    scores = _scores(county_years, plan, load, evaluate, use_evaluation)
    notes = []
    years_with_too_few = sorted({s.ref.school_year for s in scores}
                                - {y for y in {s.ref.school_year for s in scores}
                                   if sum(1 for x in scores if x.ref.school_year == y)
                                   >= MIN_COUNTIES_FOR_BOTTOM_TWO})
    if years_with_too_few:
        notes.append(f"{'、'.join(map(str, years_with_too_few))} 学年县区不足 "
                     f"{MIN_COUNTIES_FOR_BOTTOM_TWO} 个，不判定后两名。")
    if not use_evaluation:
        notes.append("未使用优质均衡评估结果，仅按台账完成率排名。")
    return CityRanking(city, plan.plan, tuple(_standings(scores)), tuple(notes))
