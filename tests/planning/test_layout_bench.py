"""``python -m bench.layout`` on a small county, in seconds: the core comparison runs on the
single-capacity instance (feasible by construction, the rows it drops counted in the output),
a comparison that fails prints its reason and the run goes on to the plausibility rows, and
the plausibility rows give each CV before and after (audit haudit: the bench crashed on the
demo county with 「布局模型无可行解」 before printing any figure)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace as NS

from layout_builders import FLAT_COSTS, V1_PRICES, line_county

from junheng.errors import InfeasibleError
from junheng.optimize import HighsSolver
from junheng.planning import build_layout_problem, load_layout_config, solve_layout
from junheng.planning.layout_core import single_capacity, single_capacity_dropped
from junheng.planning.layout_data import layout_arrays
from junheng.planning.layout_model import build_layout_milp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # bench is a folder of the repository, not an installed package

from bench import layout as bench_layout  # noqa: E402
from bench.layout_plausible import cv_figures  # noqa: E402

#: The line county with a size cap of 200 in the data year: the candidate new site's classes
#: grade by grade (23) need rooms, which the single-capacity view may not add. Before the fix
#: its rows stayed and HiGHS proved the instance infeasible, as on the demo county.
CAPPED = {"school_size_cap": 200, "school_size_cap_through": 200, "target_year": 2025}


#: Rules under which the line county has no zones, class or area rows (no new site, C1 of 2
#: rooms), so ``solve_layout(core=True)`` does solve through the facility core (as
#: tests/planning/test_layout_core.py's core-against-layout test).
CORE_RULES = {"new_sites": "none", "boarding_per_town": True, "target_year": 2025,
              "keep_points_beyond_review": False, "weights": FLAT_COSTS, "costs": V1_PRICES,
              "gap": 1e-9}


def capped_arrays():
    return layout_arrays(build_layout_problem(line_county(), load_layout_config(None, **CAPPED)))


def test_the_single_capacity_view_drops_the_rows_it_cannot_carry():
    arr = capped_arrays()
    # the one new site's three stage groups (grades 1-3, 4-6, 7-9) in 2025; C1's minimum
    # size of 100 (the point is 应留必留, J a junior school with no minimum)
    assert single_capacity_dropped(arr) == {
        "area_sites": 0, "zones": 0, "class_needs": 3, "receiver_needs": 0, "towns": 0,
        "min_size_sites": 1, "relief_floor_sites": 0}
    one = single_capacity(arr)
    assert one.class_needs == () and one.zones == () and one.receivers.needs == ()
    assert not one.areas.on.any()
    assert single_capacity_dropped(one) == dict.fromkeys(single_capacity_dropped(one), 0)
    # feasible; with the class rows kept (as before the fix) there is no plan
    milp, _ = build_layout_milp(one)
    assert HighsSolver(time_limit=10).solve(milp).status.value == "optimal"
    old, _ = build_layout_milp(replace(one, class_needs=arr.class_needs))
    assert HighsSolver(time_limit=10).solve(old).status.value == "infeasible"


def test_the_core_comparison_runs_and_both_solvers_agree():
    rows = bench_layout._compared(line_county(), "small", time_limit=10, gaps=[1e-9],
                                  config=load_layout_config(None, **CAPPED))
    assert [r["case"] for r in rows] == [
        "small: single capacity drops", "small: single capacity, layout path",
        "small: single capacity, facility core",
        "small: single capacity, plain HiGHS on the core model", "small: ratio core/layout path"]
    assert rows[0]["class_needs"] == 3
    assert [r["status"] for r in rows[1:4]] == ["optimal"] * 3
    assert rows[1]["objective"] == rows[2]["objective"] == rows[3]["objective"]
    assert rows[4]["objective"] == 1.0


def test_a_failed_comparison_prints_its_reason_and_the_plausibility_rows_follow(monkeypatch):
    def fails(*args, **kwargs):
        raise InfeasibleError("布局模型无可行解")

    monkeypatch.setattr(bench_layout, "_demo_rows", lambda demo, time_limit: iter(()))
    monkeypatch.setattr(bench_layout, "_core_comparison", fails)
    monkeypatch.setattr(bench_layout, "plausibility", lambda name, data: {"county": name})
    assert bench_layout.run(demo=line_county()) == [
        {"case": "demo county: core comparison failed", "reason": "布局模型无可行解"},
        {"case": "demo county: plausibility", "county": "demo county"}]


def test_a_refused_plan_prints_its_reason_in_the_plausibility_row(monkeypatch):
    def refused(name, data):
        raise InfeasibleError("布局方案会使差异系数超过限值")

    monkeypatch.setattr(bench_layout, "_demo_rows", lambda demo, time_limit: iter(()))
    monkeypatch.setattr(bench_layout, "_core_comparison", lambda *a, **k: [{"case": "compared"}])
    monkeypatch.setattr(bench_layout, "plausibility", refused)
    assert bench_layout.run(demo=line_county()) == [
        {"case": "compared"},
        {"case": "demo county: plausibility failed", "reason": "布局方案会使差异系数超过限值"}]


def test_the_plausibility_row_gives_each_cv_before_and_after():
    cvs = NS(before={"primary": {"composite": 0.41, "sports_area": 0.737}},
             after={"primary": {"composite": 0.39, "sports_area": 0.712}})
    assert cv_figures(cvs) == {"cv_primary_composite": "0.41->0.39",
                               "cv_primary_sports_area": "0.737->0.712"}


def test_the_plausibility_of_a_small_county():
    # the line county reports no classes: C1 (no pupils today, under 100) and the point may
    # close, and the default candidate new site takes their villages
    row = bench_layout.plausibility("small", line_county())
    assert (row["county"], row["status"], row["closed"]) == ("small", "optimal", 2)
    assert row["closed_by_band"] == {"100 人以下": 1, "教学点": 1}
    assert row["receivers_by_type"] == {"new": 1, "junior_school": 1}
    assert row["cross_town_pupils"] == 0 and row["urban_closed"] == 0


def test_solve_layout_says_which_path_ran():
    core_ok = build_layout_problem(line_county(c1_rooms=2), load_layout_config(None, **CORE_RULES))
    # rule (27) rows C1's and J's target-year classes grade by grade (2 needs): the core cannot
    # state them, so core=True solves the layout MILP and says so
    assert solve_layout(core_ok, core=True).path == {"ran": "milp"}
    assert solve_layout(core_ok).path == {"ran": "milp"}
    assert solve_layout(core_ok, bound=True, warm_start=False).path == {"ran": "milp"}  # no start
    bounded = solve_layout(core_ok, bound=True).path
    assert bounded["ran"] == "bound"
    assert set(bounded) == {"ran", "lp_bound", "lagrangian", "floor", "fixed", "bound_s"}
    # the new site's three stage groups' class rows (23): the core cannot carry them
    capped = build_layout_problem(line_county(), load_layout_config(None, **CAPPED))
    assert solve_layout(capped, core=True).path == {"ran": "milp"}


def test_a_core_that_falls_back_prints_one_row_saying_so_and_no_figures():
    row = bench_layout._solve(line_county(), setting="core", time_limit=10, rules=CAPPED)
    assert row == {"case": "core: not applicable (class_needs=3) -> not run", "not_run": True,
                   "ran_instead": "layout MILP"}


def test_each_row_names_the_path_that_ran():
    results = {s: bench_layout._solve(line_county(c1_rooms=2), setting=s, time_limit=10,
                                      rules=CORE_RULES) for s in ("ours", "core", "bound")}
    # the core falls back on rule (27)'s rows of C1 and J (see the test above): a row saying so
    assert results["core"] == {"case": "core: not applicable (receiver_needs=2) -> not run",
                               "not_run": True, "ran_instead": "layout MILP"}
    assert {s: results[s]["path"] for s in ("ours", "bound")} == {
        "ours": "layout MILP",
        "bound": "exact Lagrangian bound + fixing (layout_bound), then the layout MILP"}
    assert results["ours"]["objective"] == results["bound"]["objective"] == 1_568_573
    assert {"lp_bound", "lagrangian", "fixed_open", "fixed_closed", "fixed_pairs",
            "bound_s"} <= set(results["bound"])
    assert "fixed_open" not in results["ours"]


def test_a_fallback_row_never_carries_a_ratio():
    ours = {"path": "layout MILP", "solve_s": 2.0, "solve_cpu_s": 1.0, "objective": 300}
    bound = {"path": "exact bound", "solve_s": 4.0, "solve_cpu_s": 0.5, "objective": 200}
    core = {"case": "core: not applicable (zones=2) -> not run", "not_run": True,
            "ran_instead": "layout MILP"}
    rows = list(bench_layout._setting_rows("x", {"ours": ours, "core": core, "bound": bound}))
    assert [next(iter(row)) for row in rows] == ["case"] * 4  # printed first
    assert rows == [
        {**ours, "case": "x, ours"},
        {"case": "x, core: not applicable (zones=2) -> not run", "not_run": True,
         "ran_instead": "layout MILP"},
        {**bound, "case": "x, bound"},
        # 2.0 / 4.0, 1.0 / 0.5, 300 / 200: the one ratio, to the setting whose path ran
        {"case": "x: ratio ours/bound", "solve_s": 0.5, "solve_cpu_s": 2.0, "objective": 1.5}]


def test_the_bound_row_reports_the_figures_solve_layout_gives(monkeypatch):
    path = {"ran": "bound", "lp_bound": 1_000.4, "lagrangian": 1_010.6, "floor": 1_200.0,
            "fixed": (2, 5, 40), "bound_s": 0.1234}
    solution = NS(path=path, status=NS(value="optimal"), objective=1_050.2, bound=1_049.9,
                  gap=0.0003)
    monkeypatch.setattr(bench_layout, "solve_layout", lambda problem, **kw: solution)
    row = bench_layout._solve(line_county(), setting="bound", time_limit=10)
    assert {k: row[k] for k in ("path", "objective", "bound", "lp_bound", "lagrangian",
                                "fixed_open", "fixed_closed", "fixed_pairs", "bound_s")} == {
        "path": "exact Lagrangian bound + fixing (layout_bound), then the layout MILP",
        "objective": 1_050, "bound": 1_050, "lp_bound": 1_000, "lagrangian": 1_011,
        "fixed_open": 2, "fixed_closed": 5, "fixed_pairs": 40, "bound_s": 0.12}
    # the same solution reported for the core: its path did not run, so no figures
    assert bench_layout._solve(line_county(), setting="core", time_limit=10,
                               rules=CAPPED)["not_run"]


def test_the_rescue_rows_compare_it_with_plain_highs_at_equal_extra_nodes():
    # bench.layout's generated county 3 stops short at node limit 1 (0.0151 %); one more node
    # proves 0.0096 % after the rescue and 0.0150 % by plain HiGHS (tests/planning/
    # test_layout_rescue.py works the rescue's figures); a county that reaches the gap has one row
    from bench.layout_rescue import compare

    from junheng.demo.generator import county_specs, generate_county

    county_3 = generate_county(county_specs(7, 3)[2], seed=7, years=1)[-1]
    found = list(compare([("county 3", county_3)], nodes=(1, 5), extra=(1,)))
    assert [r["case"] for r in found] == [
        "county 3: default, node limit 1", "county 3: default + rescue 1 nodes",
        "county 3: plain HiGHS, node limit 2", "county 3: default, node limit 5"]
    assert [(r["gap_pct"], r["stop"]) for r in found] == [
        (0.0151, "nodes"), (0.0096, "gap"), (0.015, "nodes"), (0.0098, "gap")]
    assert found[1]["fixed_pairs"] == 493 and found[1]["rescue_nodes"] == 1
    assert "fixed_pairs" not in found[2]


def test_the_rescue_flag_prints_only_the_rescue_rows(monkeypatch, capsys):
    asked = []

    def rows(**kw):
        asked.append(kw)
        yield {"case": "scan county 1", "gap_pct": 0.0094}

    monkeypatch.setattr(bench_layout, "rescue_rows", rows)
    bench_layout.main(["--rescue", "--rescue-counties", "2", "--rescue-nodes", "1,5",
                       "--rescue-extra", "3"])
    assert asked == [{"counties": 2, "nodes": (1, 5), "extra": (3,)}]
    assert capsys.readouterr().out == "case=scan county 1  gap_pct=0.0094\n"
