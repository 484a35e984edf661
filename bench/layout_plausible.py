"""Plausibility figures of the default layout plan (issue 16) as the product makes it
(:func:`junheng.jobs.layout.plan_county_layout`: the forecast of the county's school years,
its 在建、规划 projects, the default budget, the checker; the demo county's two school years
as ``junheng demo`` generates them), one row per county: status,
gap and time of the whole plan (solve, re-evaluations and CV repair), closures by size band,
receivers by type, pupils moved across 乡镇, 应留必留 points, the largest share of its
expected pupils a kept 城区 school loses (the relief bound), the per-site operating cost and
the 公用经费 floor before → after, and each 优质均衡 CV of each stage (every indicator and the
composite) before → after, with the count of CVs over their limits that the plan raised.

    python -m bench.layout_plausible [--counties N]   # demo county + N generated counties
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from junheng.demo import generate
from junheng.jobs.layout import plan_county_layout
from junheng.model import CountyData
from junheng.planning import load_layout_config
from junheng.planning.layout import _assignments
from junheng.planning.layout_rules import (
    closed_by_band,
    cross_town_moves,
    receivers_by_type,
    urban_losses,
)

#: the demo county as ``junheng demo`` makes it (its default seed and school years)
DEMO_SEED, DEMO_YEARS = 2025, 2


def demo_history() -> list[CountyData]:
    """The demo county's school years, oldest first, as ``junheng demo`` generates them."""
    return generate(seed=DEMO_SEED, counties=1, years=DEMO_YEARS)[0]


def plausibility(name: str, history: Sequence[CountyData] | CountyData) -> dict:
    """The figures of the module docstring for one county: ``history`` its school years
    (oldest first) or its one school year."""
    years = [history] if isinstance(history, CountyData) else list(history)
    began = time.perf_counter()
    plan = plan_county_layout(years, load_layout_config())
    seconds = time.perf_counter() - began
    o, sites = plan.outcome, plan.problem.sites
    closed = [s for s in o.schools if s.action == "close"]
    cvs = o.evaluation
    over = [(cvs.after[st][k] - lim, f"{st}.{k}")
            for st, lims in cvs.limits.items() for k, lim in lims.items()
            if cvs.after[st][k] > lim and cvs.after[st][k] > cvs.before[st][k]]
    return {
        "county": name, "status": o.status, "gap": o.gap, "solve_s": o.seconds,
        "plan_s": round(seconds, 1), "target_year": o.target_year,
        "closed": len(closed),
        "closed_by_band": closed_by_band(sites, [s.school_id for s in closed]),
        "receivers_by_type": receivers_by_type(
            sites, {s.school_id: s.merged_into for s in closed if s.merged_into}),
        "cross_town_pupils": cross_town_moves(_assignments(plan.problem, plan.solution), sites),
        "urban_closed": int(sum(str(sites.at[s.school_id, "urban_rural_code"]) in ("111", "112")
                                for s in closed)),
        "kept_by_rule": sum(r.startswith("应留必留") for r in o.kept_reasons.values()),
        "urban_max_loss_pct": round(100 * max(urban_losses(sites, o.schools).values(),
                                              default=0.0), 1),
        **{f"{k}_wan": f"{o.metrics['before'][k] / 1e4:.0f}->{o.metrics['after'][k] / 1e4:.0f}"
           for k in ("operating_site_yuan", "funding_floor_yuan", "operating_yuan")},
        "capital_wan": round(o.metrics["after"]["capital_cost_yuan"] / 1e4),
        "staff_posts": f"{o.metrics['before']['staff_posts']}->{o.metrics['after']['staff_posts']}",
        "teachers_to_redeploy": o.metrics["after"]["teachers_to_redeploy"],
        "kept_by_cv": sum("差异系数约束" in r for r in o.kept_reasons.values()),
        **cv_figures(cvs),
        "cv_breaches_after": len(over),
    }


def cv_figures(cvs) -> dict[str, str]:
    """Each 优质均衡 CV of ``cvs`` (the plan's evaluation: ``before``, ``after`` per stage and
    indicator, the composite among them) as ``cv_<stage>_<indicator>`` = ``before->after``."""
    return {f"cv_{st}_{k}": f"{value}->{cvs.after[st][k]}"
            for st in cvs.before for k, value in cvs.before[st].items()}


def run(counties: int = 0) -> list[dict]:
    rows = [plausibility("demo county", demo_history())]
    if counties:
        for n, years in enumerate(generate(seed=7, counties=counties, years=1), start=1):
            rows.append(plausibility(f"generated county {n}", years))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counties", type=int, default=0)
    args = parser.parse_args(argv)
    for row in run(args.counties):
        print("  ".join(f"{k}={v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
