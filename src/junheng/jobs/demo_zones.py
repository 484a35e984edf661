"""The demo's 就近划片 plans (review finding 10: the web page was empty in the demo): both
stages solved with the web form's defaults, their files written into a finished job folder of
the demo user and the plans stored as drafts, so /plans/zones lists them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from junheng.jobs.zones_county import STAGE_NAMES
from junheng.jobs.zones_plan import solve_county_zones, zone_draft
from junheng.model import CountyData
from junheng.zones.build import KEEP_SHARE
from junheng.zones.problem import Weights


def default_options(stage: str, year: int) -> dict[str, Any]:
    """The options the web form submits when nothing is changed.

    >>> options = default_options("junior", 2025)
    >>> options["name"], options["weight_over"], options["max_moved"], options["gap"]
    ('2025 学年初中就近划片（示例）', 1000.0, None, 0.0001)
    """
    w = Weights()
    return {"year": year, "stage": stage, "hard_capacity": False, "cross_town": False,
            "pins": [], "groups": [],
            "weight_over": w.over, "weight_moved": w.moved, "weight_travel": w.travel,
            "keep_share": KEEP_SHARE, "weight_short": w.short, "weight_new_over": w.new_over,
            "weight_cross": w.cross,
            "max_moved": None, "time_limit": 30.0, "gap": 0.0001,
            "name": f"{year} 学年{STAGE_NAMES[stage]}就近划片（示例）"}


def save_demo_zones(store, data: CountyData, new_job: Callable[[dict, str], Path]
                    ) -> list[tuple[str, Path, int]]:
    """Solve and store the 小学 and 初中 plans; (学段, job folder, plan id) of each.
    ``new_job(config, message)`` makes the finished job folder."""
    from junheng.jobs.demo import DEMO_USER
    from junheng.store.zone_plans import save_zone_plan

    out = []
    for stage in ("primary", "junior"):
        options = default_options(stage, data.school_year)
        job = new_job(options, "划片完成")
        run = solve_county_zones(data, options, job)
        draft = zone_draft(run, county_code=data.county_code, school_year=data.school_year,
                           options=options)
        with store.session() as session:
            plan_id = save_zone_plan(session, draft, by=DEMO_USER, job_id=job.name).id
            session.commit()
        progress = {"state": "done", "fraction": 1.0,
                    "message": f"划片完成，已保存为第 {plan_id} 号方案（草案）"}
        (job / "progress.json").write_text(json.dumps(progress, ensure_ascii=False, indent=1),
                                           encoding="utf-8")
        out.append((STAGE_NAMES[stage], job, plan_id))
    return out
