"""What the pages compute from a county-year, each once per data stamp.

Every result goes through :class:`~junheng.web.services.CountyService`'s cache, keyed by the
county-year and its data stamp, so the dashboard, the evaluation page, every school page and
the ledger share one 优质均衡 evaluation until the next import or approval. Results are the
engines' own objects; the views (:mod:`junheng.web.evaluation_view`,
:mod:`junheng.web.forecast_view`) turn them into what the templates show.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from junheng.evaluate import ClassLists, Evaluation, class_lists, evaluate
from junheng.ledger import Ledger, load_plan, run_ledger
from junheng.ledger.plan import with_evidence
from junheng.model.county import CountyData
from junheng.standards import load_class_size
from junheng.web.forecast_view import Outlook, county_outlook
from junheng.web.services import CountyService, Stamp

QUALITY = "quality-2017"


def quality_evaluation(counties: CountyService, county_code: str, school_year: int, *,
                       stamp: Stamp | None = None) -> Evaluation:
    """The county-year against 优质均衡 2017 (its 基本均衡 recognition held by the engine while
    its schools fail 省定标准)."""
    return counties.result("evaluation", county_code, school_year,
                           lambda data: evaluate(data, QUALITY), stamp=stamp)


def class_size_lists(counties: CountyService, county_code: str, school_year: int, *,
                     stamp: Stamp | None = None) -> ClassLists:
    """大班额 / 超大班额 classes and 大校额 schools by the class-size standard, with counts."""
    return counties.result("class_lists", county_code, school_year,
                           lambda data: class_lists(data, load_class_size()), stamp=stamp)


def forecast_outlook(counties: CountyService, county_code: str, school_year: int,
                     years: tuple[int, ...]) -> Outlook:
    """The county forecast from every stored year up to ``school_year``."""
    used = [y for y in years if y <= school_year] or [school_year]
    return counties.result("forecast", county_code, school_year,
                           lambda _data: county_outlook(counties.history(county_code, used)),
                           extra=tuple(used))


def plan_ledger(counties: CountyService, plan_path: Path, county_code: str,
                years: tuple[int, ...], region: str, manual: Any = None,
                manual_stamp: int = 0, zone_plans: Any = None,
                layout: tuple[str, Any] | None = None) -> Ledger:
    """A plan's targets measured over the county's stored years; its 优质均衡 measures read
    the evaluation the pages share. ``manual`` (an :class:`~junheng.ledger.plan.EvidenceFile`)
    adds the values entered in the web; ``manual_stamp`` (the newest entry's id) keys the cache;
    ``zone_plans`` ({(county, year): {stage: ZonePlanFigures}}) are the 就近划片 plans in force;
    ``layout`` (job id, LayoutOutcome) the county's newest layout plan, whose closures a merge
    target is read against (review A18: 晚于期限 was said in the ledger workbook only)."""
    from junheng.jobs.ledger import closures_of
    from junheng.ledger.catalogue.enrolment import with_zone_plans

    stamps = tuple(counties.stamp(county_code, year) for year in years)

    def evaluator(data: CountyData) -> Evaluation:
        return quality_evaluation(counties, data.county_code, data.school_year)

    def measure() -> Any:
        plan = load_plan(plan_path)
        if manual is not None:
            plan = with_evidence(plan, manual, source="网页填报")
        return run_ledger(plan, with_zone_plans(counties.load, zone_plans or {}),
                          [(county_code, year) for year in years], region=region,
                          evaluator=evaluator, closures=closures_of(layout[1]) if layout else None)

    zone_key = tuple(sorted((k, s, f.plan_id) for k, by in (zone_plans or {}).items()
                            for s, f in by.items()))
    return counties.cache.get(("ledger", str(plan_path), county_code, stamps, manual_stamp,
                               zone_key, layout[0] if layout else None), measure)
