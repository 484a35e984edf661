"""A generated 10-county province on PostgreSQL, on a real Dask cluster (a ``dask scheduler``
and two ``dask worker`` processes on 127.0.0.1): a worker killed mid-run loses nothing and the
results equal a serial run's; a county with bad data is reported in Chinese while the others
complete; a rerun skips what is done."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from dask_cluster import dask_cluster
from pg import pg_database

pytestmark = [pytest.mark.pg, pytest.mark.slow]

JOBS = ("evaluate", "forecast")
COUNTIES = 10


@pytest.fixture(scope="module")
def province():
    """(database URL, the ten county codes, the bad county's code) on a fresh database."""
    from junheng.demo.province import small_province
    from junheng.store import open_store

    counties = small_province(COUNTIES + 1, years=1)
    with pg_database("junheng_province") as url:
        with open_store(url) as store:
            for history in counties:
                for data in history:
                    store.import_county(data, source="generated")
            bad = counties[-1][-1]
            with store.engine.begin() as conn:  # data broken after import (a web edit, say)
                conn.execute(text("UPDATE schools SET school_type = 'xx' WHERE county_code = :c "
                                  "AND school_year = :y AND row_no = 1"),
                             {"c": bad.county_code, "y": bad.school_year})
        yield url, [h[-1].county_code for h in counties[:-1]], bad.county_code


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with dask_cluster(tmp_path_factory.mktemp("dask")) as (address, workers):
        yield address, workers


def _tasks(url, codes, jobs=JOBS):
    from junheng.jobs.province import JobOptions, plan_tasks
    from junheng.jobs.province_tasks import store_for

    options = JobOptions()
    return plan_tasks(store_for(url).counties(), jobs, options, counties=codes), options


def _stored(url) -> dict[tuple, tuple]:
    from junheng.jobs.province_tasks import store_for
    from junheng.store.engine import transaction
    from junheng.store.province import read_results

    with transaction(store_for(url).engine) as conn:
        rows = read_results(conn)
    return {(r.county_code, r.school_year, r.job, r.stamp): (r.status, r.result, r.error)
            for r in rows}


def _clear(url) -> None:
    from junheng.jobs.province_tasks import store_for

    with store_for(url).engine.begin() as conn:
        conn.execute(text("DELETE FROM province_results"))


class _KillAfter:
    """Kills a worker process once ``after`` tasks have finished."""

    def __init__(self, worker, after: int):
        self.worker, self.after, self.seen, self.killed = worker, after, 0, threading.Event()

    def start(self, total, skipped):
        pass

    def finished(self, row, running):
        self.seen += 1
        if self.seen == self.after:
            self.worker.kill()
            self.killed.set()


def test_a_worker_killed_mid_run_loses_nothing_and_results_equal_a_serial_run(province, cluster):
    from junheng.jobs.province import run_province

    url, codes, _bad = province
    address, workers = cluster
    _clear(url)
    tasks, options = _tasks(url, codes)
    killer = _KillAfter(workers[0], after=3)
    run = run_province(url, tasks, options, scheduler=address, listener=killer)
    assert killer.killed.is_set() and workers[0].poll() is not None
    assert len(tasks) == 20 and run.skipped == 0
    assert sorted(r["status"] for r in run.rows) == ["done"] * 20
    distributed = _stored(url)
    assert set(distributed) == {t.key for t in tasks}
    _clear(url)
    serial = run_province(url, tasks, options, serial=True)
    assert serial.count("done") == 20
    assert _stored(url) == distributed


def test_a_bad_county_is_reported_in_chinese_the_others_complete_and_a_rerun_resumes(
        province, cluster):
    from junheng.jobs.province import run_province

    url, codes, bad = province
    address, _workers = cluster  # one worker may be left: the previous test killed the other
    tasks, options = _tasks(url, [*codes, bad], jobs=("evaluate",))
    first = run_province(url, tasks, options, scheduler=address)
    rows = {r["county_code"]: r for r in first.rows}
    assert first.skipped + len(first.rows) == 11
    assert rows[bad]["status"] == "failed"
    assert rows[bad]["error"].startswith("库中丰川县（410531）2024 学年的数据不符合工作簿规则（共 1 处问题）")
    assert "学校 / 第 3 行 / 学校类型（值：xx）" in rows[bad]["error"]
    assert all(r["status"] == "done" for c, r in rows.items() if c != bad)
    again = run_province(url, tasks, options, scheduler=address)
    assert again.skipped == 10
    assert [(r["county_code"], r["status"]) for r in again.rows] == [(bad, "failed")]
    assert sum(1 for k in _stored(url) if k[2] == "evaluate") == 11

