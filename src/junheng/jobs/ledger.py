"""Run a plan's ledger over the years of its region, and write the ledger's files.

The ledger's 优质均衡 measures take the evaluation from the run's
:class:`~junheng.jobs.evaluations.Evaluations` when one is given, so a county-year the run has
evaluated already is not evaluated again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from junheng.jobs.evaluations import Evaluations
from junheng.ledger import (
    Ledger,
    load_evidence,
    load_plan,
    refs_from,
    region_of,
    run_ledger,
    select_region,
    with_evidence,
)
from junheng.ledger.catalogue.enrolment import with_zone_plans
from junheng.ledger.planned import PlannedClosures
from junheng.model import CountyData
from junheng.planning.layout_naming import layout_name
from junheng.report.file_names import ledger_files

EXAMPLE_PLANS = Path(__file__).resolve().parents[3] / "examples" / "plans"
DEMO_PLANS = ("mengjin", "zhongmou")


def _evaluator(evaluations: Evaluations | None):
    return None if evaluations is None else evaluations.quality


def closures_of(layout: Any) -> PlannedClosures | None:
    """A layout plan's (:class:`~junheng.planning.layout_outcome.LayoutOutcome`) closures as
    the ledger compares its merge targets with them (review finding 11): each closed school
    and the school year it closes (data year + phase), the schools kept as 应留必留."""
    if layout is None or not layout.year:
        return None
    closes = {str(s.school_id): int(layout.year) + (s.phase or 1) for s in layout.schools
              if s.action == "close"}
    stay = frozenset(str(sid) for sid, why in (layout.kept_reasons or {}).items()
                     if str(why).startswith("应留必留"))
    return PlannedClosures(layout_name(layout), closes, stay)


def ledger_from_store(plan_path: Path, store: Any, *, county: str | None = None,
                      city: str | None = None, evidence: Path | None = None,
                      evaluations: Evaluations | None = None, layout: Any = None) -> Ledger:
    """Load a plan (and evidence), pick the region's county-years in ``store`` and measure it.

    The region is ``county`` or ``city`` when given, otherwise the plan's own region;
    ``layout``, a layout plan of the county, is set beside the merge targets.
    """
    plan = load_plan(plan_path)
    if evidence is not None:
        plan = with_evidence(plan, load_evidence(evidence), source=str(evidence))
    choice = {"county": county, "city": city} if county or city else region_of(plan)
    rows, label = select_region(refs_from(store.counties()), **choice)
    pairs = [(r.county_code, r.school_year) for r in rows]
    return run_ledger(plan, with_zone_plans(store.load_county, _zone_plans(store, pairs)),
                      pairs, region=label,
                      evaluator=_evaluator(evaluations), closures=closures_of(layout))


def _zone_plans(store: Any, pairs: list[tuple[str, int]]) -> dict:
    """The 就近划片 plans in force of the region's counties (see ``near_zone_plan_rate``)."""
    from junheng.store.zone_plans import in_force_figures

    found: dict = {}
    with store.session() as session:
        for code in sorted({code for code, _ in pairs}):
            found.update(in_force_figures(session, code))
    return found


def ledger_over(plan_path: Path, history: Sequence[CountyData], *,
                evaluations: Evaluations | None = None, layout: Any = None,
                manual: Any = None) -> Ledger:
    """Measure a plan file's targets on the given school years of one county (in memory);
    ``manual``: the values entered on the web's 规划台账 page (an ``EvidenceFile``), as that
    page adds them."""
    plan = load_plan(plan_path)
    if manual is not None:
        plan = with_evidence(plan, manual, source="网页填报")
    by_year = {(d.county_code, d.school_year): d for d in history}
    latest = history[-1]
    name = latest.info.get("county_name") or latest.county_code
    return run_ledger(plan, lambda code, year: by_year[(code, year)], sorted(by_year),
                      region=f"{name}（{latest.county_code}）", evaluator=_evaluator(evaluations),
                      closures=closures_of(layout))


def write_ledger_outputs(ledger: Ledger, *, json_path: Path | None = None,
                         xlsx_path: Path | None = None) -> list[Path]:
    """The ledger as JSON and as a print-ready workbook, when asked for."""
    from junheng.ledger.serialize import ledger_dict, write_json
    from junheng.report.ledger_xlsx import write_ledger_xlsx

    written = []
    if json_path is not None:
        written.append(write_json(ledger_dict(ledger), json_path))
    if xlsx_path is not None:
        xlsx_path.parent.mkdir(parents=True, exist_ok=True)
        written.append(write_ledger_xlsx(ledger, xlsx_path))
    return written


def ledger_region(ledger: Ledger) -> str:
    """The county (or city) whose plan a ledger measures, else the plan's title."""
    region = ledger.plan.region
    return region.county_name or getattr(region, "city", "") or ledger.plan.plan


def demo_ledgers(store: Any, county: str, out_dir: Path, *,
                 evaluations: Evaluations | None = None,
                 plans: tuple[str, ...] = DEMO_PLANS, layout: Any = None) -> Mapping[str, Ledger]:
    """Run example plans on one county of ``store``; write each one's workbook and data file
    under :func:`~junheng.report.file_names.ledger_files` (the plan's county, in Chinese).

    For ``junheng demo``: the Mengjin and Zhongmou plans on the demo county (every year held).
    Plans whose file is not installed are left out; ``layout``, the demo's layout plan, is
    set beside the merge targets.
    """
    ledgers: dict[str, Ledger] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in plans:
        path = EXAMPLE_PLANS / f"{name}.yaml"
        if not path.is_file():
            continue
        ledger = ledger_from_store(path, store, county=county, evaluations=evaluations,
                                   layout=layout)
        book, data = ledger_files(ledger_region(ledger))
        write_ledger_outputs(ledger, json_path=out_dir / data, xlsx_path=out_dir / book)
        ledgers[name] = ledger
    return ledgers
