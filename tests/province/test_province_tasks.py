"""Province runs without a cluster: tasks and stamps, the results table's upsert, the refusal
of SQLite with a remote scheduler, and ``junheng province run --serial`` / ``status``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cli_run import invoke
from junheng.errors import ConfigError


@pytest.fixture(scope="module")
def two_counties(tmp_path_factory):
    """(SQLite URL, the two generated counties: 洛北县 410331 of 洛阳市, 熊冈县 410131 of 郑州市)."""
    from junheng.demo.province import small_province
    from junheng.store import open_store

    counties = [h[-1] for h in small_province(2, years=1)]
    url = f"sqlite:///{tmp_path_factory.mktemp('province') / 'p.db'}"
    with open_store(url) as store:
        for data in counties:
            store.import_county(data, source="generated")
    return url, counties


def _counties(url):
    from junheng.store import open_store

    with open_store(url) as store:
        return store.counties()


def test_tasks_one_per_county_year_and_job_in_the_chosen_city(two_counties):
    from junheng.jobs.province import JobOptions, plan_tasks

    url, _ = two_counties
    tasks = plan_tasks(_counties(url), ["forecast", "evaluate"], JobOptions(), city="郑州市")
    assert [(t.county_code, t.school_year, t.job, t.years) for t in tasks] == [
        ("410131", 2024, "forecast", (2024,)), ("410131", 2024, "evaluate", (2024,))]
    assert tasks[0].label == "熊冈县（410131）2024 学年 招生预测"
    assert len({t.stamp for t in tasks}) == 2


def test_unknown_jobs_counties_and_cities_are_refused_in_chinese(two_counties):
    from junheng.jobs.province import JobOptions, plan_tasks

    url, _ = two_counties
    held = _counties(url)
    with pytest.raises(ConfigError) as caught:
        plan_tasks(held, ["evaluate", "plan"], JobOptions())
    assert str(caught.value) == ("不认识的任务：plan。可选的任务有：评估、招生预测、布局规划、"
                                 "达标路径、规划台账（用逗号分隔）。")
    with pytest.raises(ConfigError) as caught:
        plan_tasks(held, ["evaluate", "ledger"], JobOptions())
    assert str(caught.value) == ("规划台账（ledger）需要计划文件：请用 --plans 指定存放计划文件（.yaml）"
                                 "的目录。")
    with pytest.raises(ConfigError) as caught:
        plan_tasks(held, ["evaluate"], JobOptions(), counties=["410999"])
    assert str(caught.value) == "库中没有这些县区：410999。可用 junheng counties 查看库中已有的县区。"
    with pytest.raises(ConfigError) as caught:
        plan_tasks(held, ["evaluate"], JobOptions(), city="新乡市")
    assert str(caught.value) == "库中没有新乡市的县区。库中已有的地市：洛阳市、郑州市。"


def test_a_reimport_or_new_solver_settings_change_the_stamp(two_counties, tmp_path):
    from junheng.jobs.province import JobOptions, plan_tasks
    from junheng.store import open_store

    url, counties = two_counties
    before = plan_tasks(_counties(url), ["evaluate", "layout"], JobOptions())
    with open_store(url) as store:
        store.import_county(counties[1], replace=True, source="again")
    after = plan_tasks(_counties(url), ["evaluate", "layout"], JobOptions())
    changed = [a.key[:3] for a, b in zip(after, before, strict=True) if a.stamp != b.stamp]
    assert changed == [("410131", 2024, "evaluate"), ("410131", 2024, "layout")]
    slower = plan_tasks(_counties(url), ["evaluate", "layout"], JobOptions(layout_gap=0.05))
    changed = [a.key[:3] for a, b in zip(slower, after, strict=True) if a.stamp != b.stamp]
    assert changed == [("410131", 2024, "layout"), ("410331", 2024, "layout")]


def test_a_retried_task_replaces_its_row():
    from junheng.store import open_store
    from junheng.store.engine import transaction
    from junheng.store.province import read_results, write_result

    key = {"county_code": "410331", "school_year": 2024, "job": "layout", "stamp": "s1",
           "county_name": "洛北县", "city_name": "洛阳市", "import_id": 3}
    with open_store("sqlite://") as store:
        for status, seconds in (("failed", 1.5), ("timeout", 60.0)):  # a retry replaces
            with transaction(store.engine, write=True) as conn:
                write_result(conn, {**key, "status": status, "result": {"objective": 7.0},
                                    "error": "", "seconds": seconds, "worker": "w",
                                    "finished_at": datetime(2026, 1, 1, tzinfo=UTC)})
        with transaction(store.engine) as conn:
            rows = read_results(conn)
    assert [(r.job, r.status, r.seconds, dict(r.result)) for r in rows] == [
        ("layout", "timeout", 60.0, {"objective": 7.0})]


def test_sqlite_is_refused_when_workers_may_be_on_other_machines():
    from junheng.jobs.province import JobOptions, run_province

    with pytest.raises(ConfigError) as caught:
        run_province("sqlite:///p.db", [], JobOptions(), scheduler="tcp://127.0.0.1:8786")
    assert str(caught.value).startswith("使用远程调度器（--scheduler）时，各台机器上的工作节点必须访问同一个"
                                        "数据库：请改用 PostgreSQL")


def test_province_run_serial_status_and_rerun_from_the_command_line(two_counties):
    url, _ = two_counties
    first = invoke("province", "run", "--db", url, "--all", "--jobs", "evaluate", "--serial")
    assert first.exit_code == 0, first.output
    assert "共 2 个县区、2 项任务：本次计算 2 项（完成 2，超时 0，失败 0），跳过已完成的 0 项" in first
    status = invoke("province", "status", "--db", url, "--all", "--jobs", "evaluate")
    assert status.exit_code == 0, status.output
    assert "熊冈县（410131）2024完成" in status
    assert "共 2 项：完成 2，超时（有方案时保留已找到的最好方案） 0，失败 0，未计算 0。" in status
    again = invoke("province", "run", "--db", url, "--all", "--jobs", "evaluate", "--serial")
    assert "已跳过 2 项（相同数据已计算完成）。" in again
    assert "本次计算 0 项" in again


def test_province_run_needs_one_choice_of_counties(two_counties):
    url, _ = two_counties
    run = invoke("province", "run", "--db", url, "--jobs", "evaluate")
    assert run.exit_code == 1
    assert "请用 --city 地市名、--counties 县区代码（逗号分隔）或 --all 三者之一选择县区。" in run


def test_the_ledger_job_measures_each_plan_file_on_the_county(two_counties):
    from pathlib import Path

    from junheng.jobs.province import JobOptions, plan_tasks, run_province
    from junheng.ledger import load_plan

    url, _ = two_counties
    plan = Path(__file__).parents[2] / "examples" / "plans" / "mengjin.yaml"
    options = JobOptions(plans=(str(plan),))
    tasks = plan_tasks(_counties(url), ["ledger"], options, counties=["410331"])
    done = run_province(url, tasks, options, serial=True)
    [row] = done.rows
    assert row["status"] == "done", row["error"]
    assert list(row["result"]) == ["mengjin"]
    assert row["result"]["mengjin"]["name"] == load_plan(plan).plan
    assert sum(row["result"]["mengjin"]["summary"].values()) == len(load_plan(plan).targets)


def test_a_solve_stopped_by_its_time_limit_is_stored_as_timed_out(two_counties):
    # 0.5 s is spent before the MILP starts and no school-by-school start fits each school's
    # gym within its own shortfall, so the solve stops without a plan: a timeout, not 'done'.
    from junheng.jobs.province import JobOptions, plan_tasks, run_province

    url, _ = two_counties
    options = JobOptions(compliance_time_limit=0.5, compliance_gap=0.0)  # zero gap: no proof
    tasks = plan_tasks(_counties(url), ["compliance"], options, counties=["410331"])
    [row] = run_province(url, tasks, options, serial=True).rows
    assert (row["status"], row["result"]["status"]) == ("timeout", "no_solution")
    assert row["result"]["actions"] == len(row["result"]["plan"]) == 0
    again = run_province(url, tasks, options, serial=True)
    assert (again.skipped, again.rows) == (1, ())


def test_status_says_why_a_task_shows_not_computed(two_counties):
    from junheng.cli.province import NOT_RUN_NOTE

    url, _ = two_counties
    status = invoke("province", "status", "--db", url, "--all", "--jobs", "compliance")
    assert status.exit_code == 0, status.output
    assert "未计算 2。" in status  # nobody ran the compliance job on this store
    assert NOT_RUN_NOTE in status


def test_setting_a_countys_overlay_changes_its_stamps_and_clearing_restores_them(two_counties):
    from junheng.jobs.province import JobOptions, plan_tasks
    from junheng.store import open_store

    url, _ = two_counties
    before = plan_tasks(_counties(url), ["evaluate", "layout"], JobOptions())
    with open_store(url) as store:
        store.set_overlay("410131", text="name: 某省\nstandards: {basic-2012: "
                          "{books_per_student: 25}}\n", file_name="x.yaml")
    after = plan_tasks(_counties(url), ["evaluate", "layout"], JobOptions())
    changed = [a.key[:3] for a, b in zip(after, before, strict=True) if a.stamp != b.stamp]
    assert changed == [("410131", 2024, "evaluate"), ("410131", 2024, "layout")]
    with open_store(url) as store:
        store.clear_overlay("410131")
    again = plan_tasks(_counties(url), ["evaluate", "layout"], JobOptions())
    assert [t.stamp for t in again] == [t.stamp for t in before]
