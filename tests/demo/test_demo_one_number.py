"""One number per school and year across the demo's documents (planning.layout_forecast): the
布局调整方案 counts each school's pupils as the 招生预测 (and the 达标路径 that places it) does,
except for the pupils the plan moves."""

from __future__ import annotations

from collections import defaultdict

from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_forecast import group_forecast, with_forecast
from junheng.planning.layout_years import yearly_pupils


def forecast_by_stage(run) -> dict[tuple[str, str, int], float]:
    """(school, stage, year) -> the forecast's pupils, as the layout groups them."""
    data = run.imported.history[-1]
    frame = group_forecast(run.forecast.students, data.schools)
    out: dict = defaultdict(float)
    for school, group, year, pupils in frame.itertuples(index=False):
        out[(school, GROUP_STAGE[group], int(year))] += float(pupils)
    return out


def moves(outcome) -> tuple[dict, dict]:
    """(school, stage) -> pupils of the target year the plan moves in, and moves out."""
    into: dict = defaultdict(int)
    out: dict = defaultdict(int)
    for a in outcome.assignments:
        if a.school_id != a.before_school:
            into[(a.school_id, GROUP_STAGE[a.stage_group])] += a.students
            out[(a.before_school, GROUP_STAGE[a.stage_group])] += a.students
    return into, out


def test_every_school_the_plan_leaves_alone_has_the_forecast_pupils_every_year(demo_run):
    outcome = demo_run.plan.outcome
    forecast = forecast_by_stage(demo_run)
    into, out = moves(outcome)
    data = with_forecast(demo_run.imported.history[-1], demo_run.forecast.students)
    rows = [(a.village_id, a.stage_group, a.school_id, a.students, a.before_school)
            for a in outcome.assignments]
    yearly = yearly_pupils(data, rows, outcome.target_year)
    alone = [(s.school_id, st) for s in outcome.schools if s.action != "close"
             for st in ("primary", "junior") if (s.school_id, st, outcome.target_year) in forecast
             and not into[(s.school_id, st)] and not out[(s.school_id, st)]]
    assert len(alone) >= 10  # the demo: 19 school-stages the plan moves no pupil at
    for key in alone:
        years = yearly[key]
        assert years and years == {y: round(forecast[(*key, y)]) for y in years}, key


def test_a_school_the_plan_moves_pupils_at_has_the_forecast_plus_and_minus_them(demo_run):
    outcome = demo_run.plan.outcome
    target = outcome.target_year
    forecast = forecast_by_stage(demo_run)
    into, out = moves(outcome)
    moved = 0
    for s in outcome.schools:
        for st in ("primary", "junior"):
            if (s.school_id, st, target) not in forecast:
                continue
            after = (s.students_after or {}).get(st, 0) if s.action != "close" else 0
            expected = forecast[(s.school_id, st, target)] + into[(s.school_id, st)] \
                - out[(s.school_id, st)]
            assert after == expected, (s.name, st)
            moved += bool(into[(s.school_id, st)] or out[(s.school_id, st)])
        # 规划年不调整: the forecast itself, whatever the plan does
        assert s.students_expected == round(sum(
            forecast.get((s.school_id, st, target), 0.0) for st in ("primary", "junior"))) or \
            (s.school_id, "primary", target) not in forecast and \
            (s.school_id, "junior", target) not in forecast, s.name
    assert moved > 0
