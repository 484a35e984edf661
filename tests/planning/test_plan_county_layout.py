"""The one planning entry (jobs.layout.plan_county_layout) the CLI, the web's worker, the
demo, the province's jobs and bench.layout_plausible share: it tells a listener each step as
it starts and what it gave (the web's progress bar), and the forecast's note ends the plan's
notes whichever face made it."""

from __future__ import annotations

from typing import Any

from test_layout_paths_forecast import NO_FORECAST

from junheng.io import example_county
from junheng.jobs.layout import PLAN_STEPS, plan_county_layout
from junheng.planning import load_layout_config
from junheng.planning.layout_forecast import FORECAST_RULE


class Heard:
    """Every step a job told, as ("step", name, title) and ("done", name, result type)."""

    def __init__(self) -> None:
        self.told: list[tuple[str, str, str]] = []

    def step(self, name: str, title: str) -> None:
        self.told.append(("step", name, title))

    def done(self, name: str, result: Any) -> None:
        self.told.append(("done", name, type(result).__name__))


def test_the_listener_hears_the_forecast_and_the_solve_and_the_plan_says_why_no_forecast():
    data = example_county()
    empty = data.with_tables(enrolment_history=data.enrolment_history.iloc[0:0],
                             classes=data.classes.iloc[0:0])
    heard = Heard()
    plan = plan_county_layout([empty], load_layout_config(time_limit_s=20), listener=heard,
                              alternative=True)
    # the example county's plan opens no new school: no second solve
    assert heard.told == [("step", "forecast", "招生预测"), ("done", "forecast", "tuple"),
                          ("step", "plan", "求解方案"), ("done", "plan", "LayoutPlan")]
    assert plan.outcome.rules[FORECAST_RULE] is False
    assert plan.outcome.notes[-1] == NO_FORECAST


def test_the_steps_are_named_as_the_web_shows_them():
    assert PLAN_STEPS == (("forecast", "招生预测"), ("plan", "求解方案"),
                          ("without_new", "方案甲新建学校：求解方案乙（不新建学校）"))
