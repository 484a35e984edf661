"""Every path that builds a layout plan takes each school's pupils from the enrolment forecast
as ``junheng demo`` does (:func:`junheng.jobs.layout.layout_forecast`): ``junheng plan layout``
and the web worker; without a forecast the village rule stands and the plan says why."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from junheng.cli import app
from junheng.io import example_county, write_workbook
from junheng.jobs.forecast import DEFAULT_HORIZON, forecast_with_projects
from junheng.jobs.layout import layout_forecast, run_layout
from junheng.planning import load_layout_config
from junheng.planning.layout_forecast import FORECAST_RULE, group_forecast

runner = CliRunner()
NO_FORECAST = ("无法做招生预测（没有任何在校生数据（“班级”与“在校生历史”均为空）：无法预测），"
               "各校学生按各村适龄儿童推算。")


def forecast_pupils(data, year: int) -> dict[str, int]:
    """Per school, its forecast pupils of ``year``: each stage group's total rounded (the
    layout shares a group's rounded total among the school's villages), then summed."""
    students = forecast_with_projects([data], DEFAULT_HORIZON).students
    groups = group_forecast(students, data.schools)
    groups = groups[groups["year"] == year]
    return groups.assign(pupils=groups["pupils"].round()).groupby("school_id")["pupils"].sum(
        ).astype(int).to_dict()


def assert_pupils_are_the_forecasts(doc: dict, data) -> None:
    """规划年不调整 (students_expected) of every school the forecast covers is its forecast of
    the target year: 城关第一小学 497, 第一初级中学 376, 河口乡九年一贯制 252, 上河教学点 14
    (the forecast of 2030 with today's date: the figures the engine gives the example county)."""
    assert doc["rules"][FORECAST_RULE] is True
    expected = forecast_pupils(data, doc["target_year"])
    shown = {s["school_id"]: s["students_expected"] for s in doc["schools"]
             if s["school_id"] in expected}
    assert shown == expected
    assert [shown[s] for s in ("4103060001", "4103060002", "4103060003", "4103060004")] == [
        497, 376, 252, 14]


def test_the_cli_takes_the_forecast_of_a_workbook_with_its_history(tmp_path):
    data = example_county()  # 在校生历史 2023–2024 beside the 2025 classes
    book = write_workbook(data, tmp_path / "county.xlsx")
    out = tmp_path / "layout"
    result = runner.invoke(app, ["plan", "layout", "--file", str(book), "--out", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert_pupils_are_the_forecasts(doc, data)
    assert not [n for n in doc["notes"] if n.startswith("无法做招生预测")]


def test_without_pupils_to_forecast_the_village_rule_stands_and_the_plan_says_why(tmp_path):
    data = example_county()
    empty = data.with_tables(enrolment_history=data.enrolment_history.iloc[0:0],
                             classes=data.classes.iloc[0:0])
    forecast, notes = layout_forecast([empty])
    assert forecast is None and notes == (NO_FORECAST,)
    plan = run_layout(data, load_layout_config(time_limit_s=20), tmp_path / "layout",
                      alternative=False, forecast=forecast, notes=notes)
    assert plan.outcome.rules[FORECAST_RULE] is False
    assert plan.outcome.notes[-1] == NO_FORECAST
    doc = json.loads((tmp_path / "layout" / "plan.json").read_text(encoding="utf-8"))
    assert doc["rules"][FORECAST_RULE] is False and doc["notes"][-1] == NO_FORECAST


def test_a_forecast_is_the_demos(tmp_path):
    data = example_county()
    forecast, notes = layout_forecast([data])
    demo = forecast_with_projects([data], DEFAULT_HORIZON).students
    assert notes == ()
    pd.testing.assert_frame_equal(forecast, demo[["school_id", "grade", "year", "students"]])


def stored_county(tmp_path):
    """A SQLite store holding the example county: its address and the county as loaded."""
    from junheng.store import open_store

    url = f"sqlite:///{tmp_path / 'junheng.db'}"
    store = open_store(url)
    store.import_county(example_county(), source="example.xlsx", user="test")
    data = store.load_county("410306", 2025)
    store.close()
    return url, data


def test_the_web_worker_takes_the_forecast_of_the_county_in_the_store(tmp_path):
    from junheng.web.worker import run_layout_job

    url, data = stored_county(tmp_path)
    job = tmp_path / "job"
    job.mkdir()
    (job / "request.json").write_text(json.dumps(
        {"county_code": "410306", "school_year": 2025, "config": {"time_limit_s": 20}}),
        encoding="utf-8")
    run_layout_job(str(job), url)
    progress = json.loads((job / "progress.json").read_text(encoding="utf-8"))
    assert progress["state"] == "done", progress
    doc = json.loads((job / "plan.json").read_text(encoding="utf-8"))
    assert_pupils_are_the_forecasts(doc, data)


def test_the_cli_takes_the_forecast_of_the_county_in_the_store(tmp_path):
    url, data = stored_county(tmp_path)
    out = tmp_path / "layout"
    result = runner.invoke(app, ["plan", "layout", "--db", url, "--county", "410306",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert_pupils_are_the_forecasts(json.loads((out / "plan.json").read_text(encoding="utf-8")),
                                    data)


def test_the_cli_compares_scenarios_on_the_forecast(tmp_path):
    data = example_county()
    book = write_workbook(data, tmp_path / "county.xlsx")
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(f"name: 方案{name}\ntime_limit_s: 20\n",
                                               encoding="utf-8")
    out = tmp_path / "compare"
    result = runner.invoke(app, ["plan", "layout", "--file", str(book), "--out", str(out),
                                 "--compare", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert result.exit_code == 0, result.output
    for name in ("a", "b"):
        doc = json.loads((out / name / "plan.json").read_text(encoding="utf-8"))
        assert_pupils_are_the_forecasts(doc, data)
