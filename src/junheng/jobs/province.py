"""A province (or a city) on Dask distributed: every county-year × job, written back to the store.

:func:`plan_tasks` picks the county-years (a city, a list of counties or every county; each at
its latest school year unless one is given) and gives each job a data stamp: a hash of the
import ids of the school years the job reads and of the job's options, so a re-import or new
settings make new work and a rerun on the same data skips what is done.

:func:`run_province` runs the tasks not yet done for their stamp: on a Dask scheduler when an
address is given (``tcp://host:8786``, workers on any machine sharing the PostgreSQL store), on
a local cluster of ``workers`` processes otherwise — the same code either way — or one by one
in this process (``serial``). Each task writes its own row
(:func:`junheng.jobs.province_tasks.run_task`), so a worker killed mid-run loses nothing done:
the scheduler gives its running tasks to another worker and their rows are upserted. A task
that still fails (its worker keeps dying) is reported with a Chinese message; the others
complete.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from junheng.errors import ConfigError, JunhengError
from junheng.jobs.province_tasks import FAILED, JOB_LABELS, JOBS, JobOptions, Task, run_task
from junheng.store.province import FINISHED

LOST = "任务所在的工作节点多次中断，任务未能完成：{detail}。请检查工作节点后重新运行（已完成的县区会跳过）。"


class ProvinceListener(Protocol):
    """What a face is told while a province runs."""

    def start(self, total: int, skipped: int) -> None:
        """``total`` tasks will run; ``skipped`` were already done for their stamp."""

    def finished(self, row: dict[str, Any], running: int) -> None:
        """A task finished (``row`` as written); ``running`` tasks are on workers now."""


class Silent:
    """A listener that shows nothing."""

    def start(self, total: int, skipped: int) -> None:
        pass

    def finished(self, row: dict[str, Any], running: int) -> None:
        pass


@dataclass(frozen=True)
class ProvinceRun:
    """The rows the run wrote, how many tasks it skipped, and its wall time."""

    rows: tuple[dict[str, Any], ...]
    skipped: int
    seconds: float
    tasks: tuple[Task, ...] = field(default=())

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r["status"] == status)


def _stamp(task_key: dict[str, Any]) -> str:
    text = json.dumps(task_key, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


#: other words for a job than its label
JOB_WORDS = {"预测": "forecast", "布局": "layout", "台账": "ledger"}


def check_jobs(jobs: Iterable[str]) -> tuple[str, ...]:
    """The jobs asked for, in the order given; an unknown name is refused in Chinese.

    A job is given by its code or in its words (「评估」, 「布局规划」; review rw 9).

    >>> check_jobs(["evaluate", " 布局规划", "评估"])
    ('evaluate', 'layout')
    """
    words = {**{label: job for job, label in JOB_LABELS.items()}, **JOB_WORDS}
    given = [j.strip() for j in jobs if j.strip()]
    unknown = [j for j in given if j not in JOBS and j not in words]
    if unknown or not given:
        raise ConfigError(f"不认识的任务：{'、'.join(unknown) or '（空）'}。"
                          f"可选的任务有：{'、'.join(JOB_LABELS[j] for j in JOBS)}（用逗号分隔）。")
    return tuple(dict.fromkeys(words.get(j, j) for j in given))


def plan_tasks(county_years: Sequence[Any], jobs: Sequence[str], options: JobOptions, *,
               city: str | None = None, counties: Sequence[str] | None = None,
               year: int | None = None) -> list[Task]:
    """One task per chosen county-year and job (see the module docstring).

    ``county_years`` is :meth:`junheng.store.Store.counties`; a city or county the store does
    not hold, or a school year none of them has, is refused with a Chinese message.
    """
    jobs = check_jobs(jobs)
    if "ledger" in jobs and not options.plans:
        raise ConfigError("规划台账（ledger）需要计划文件：请用 --plans 指定存放计划文件（.yaml）的目录。")
    by_county: dict[str, list[Any]] = {}
    for cy in county_years:
        by_county.setdefault(cy.county_code, []).append(cy)
    chosen = _choose(by_county, city=city, counties=counties)
    tasks = []
    for code in chosen:
        held = sorted(by_county[code], key=lambda cy: cy.school_year)
        upto = [cy for cy in held if year is None or cy.school_year <= year]
        if not upto or (year is not None and upto[-1].school_year != year):
            continue
        latest = upto[-1]
        for job in jobs:
            reads = upto if job in ("forecast", "compliance", "ledger") else [latest]
            key = {"job": job, "county": code, "year": latest.school_year,
                   "imports": [cy.import_id for cy in reads], "options": options.for_job(job)}
            if getattr(latest, "overlay", ""):  # a county without one keeps its old stamps
                key["overlay"] = latest.overlay
            stamp = _stamp(key)
            tasks.append(Task(code, latest.school_year, job, stamp, latest.county_name,
                              latest.city_name, tuple(cy.school_year for cy in reads),
                              int(latest.import_id or 0)))
    if not tasks:
        raise ConfigError(f"库中所选县区没有 {year} 学年的数据。" if year is not None else
                          "库中没有可计算的县区：请先用 junheng import 导入县域数据。")
    return tasks


def _choose(by_county: dict[str, list[Any]], *, city: str | None,
            counties: Sequence[str] | None) -> list[str]:
    if counties:
        missing = [c for c in counties if c not in by_county]
        if missing:
            raise ConfigError(f"库中没有这些县区：{'、'.join(missing)}。"
                              f"可用 junheng counties 查看库中已有的县区。")
        return list(dict.fromkeys(counties))
    if city:
        codes = [c for c, rows in by_county.items() if rows[-1].city_name == city]
        if not codes:
            cities = sorted({rows[-1].city_name for rows in by_county.values()})
            raise ConfigError(f"库中没有{city}的县区。库中已有的地市：{'、'.join(cities) or '无'}。")
        return sorted(codes)
    return sorted(by_county)


def check_scheduler(url: str, scheduler: str | None) -> None:
    """Refuse a SQLite store when the workers may be on other machines."""
    if scheduler and url.startswith("sqlite"):
        raise ConfigError("使用远程调度器（--scheduler）时，各台机器上的工作节点必须访问同一个数据库："
                          "请改用 PostgreSQL（postgresql+psycopg://用户@主机/库名），"
                          "SQLite 文件只能在本机使用。")


def pending_tasks(store: Any, tasks: Sequence[Task]) -> tuple[list[Task], int]:
    """The tasks not yet done (or timed out) for their stamp, and how many were."""
    from junheng.store.engine import transaction
    from junheng.store.province import finished_keys

    with transaction(store.engine) as conn:
        done = finished_keys(conn, {t.stamp for t in tasks})
    todo = [t for t in tasks if t.key not in done]
    return todo, len(tasks) - len(todo)


def run_province(url: str, tasks: Sequence[Task], options: JobOptions, *,
                 scheduler: str | None = None, workers: int = 2, serial: bool = False,
                 listener: ProvinceListener | None = None) -> ProvinceRun:
    """Run the tasks not done yet (see the module docstring); returns what was written."""
    from junheng.jobs.province_tasks import store_for

    check_scheduler(url, scheduler)
    listener = listener or Silent()
    began = time.perf_counter()
    todo, skipped = pending_tasks(store_for(url), tasks)
    listener.start(len(todo), skipped)
    if serial:
        rows = []
        for task in todo:
            rows.append(run_task(url, task, options))
            listener.finished(rows[-1], 0)
    else:
        rows = _distributed(url, todo, options, scheduler, workers, listener)
    return ProvinceRun(tuple(rows), skipped, time.perf_counter() - began, tuple(tasks))


def _client(scheduler: str | None, workers: int):
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError, ValueError):
            raise ConfigError(f"无法连接调度器 {scheduler}。"
                              f"请确认调度器已用 dask scheduler 启动、地址和端口正确。") from None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def _distributed(url: str, todo: Sequence[Task], options: JobOptions, scheduler: str | None,
                 workers: int, listener: ProvinceListener) -> list[dict[str, Any]]:
    from distributed import as_completed

    if not todo:
        return []
    client, cluster = _client(scheduler, workers)
    try:
        futures = {client.submit(run_task, url, t, options, pure=False, retries=1,
                                 key=f"province-{t.job}-{t.county_code}-{t.school_year}-"
                                     f"{t.stamp}-{time.time_ns()}"): t for t in todo}
        rows = []
        remaining = len(futures)
        for future in as_completed(futures):
            remaining -= 1
            rows.append(_row_of(future, futures[future]))
            listener.finished(rows[-1], min(remaining, _slots(client)))
        return rows
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _slots(client) -> int:
    try:
        return sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
    except Exception:  # the scheduler may be busy; the count is only for the progress bar
        return 0


def _row_of(future, task: Task) -> dict[str, Any]:
    """The row the task wrote, or a failed row when the task never finished."""
    try:
        return future.result()
    except JunhengError as exc:
        error = str(exc)
    except Exception as exc:  # KilledWorker and the like: the task was lost, not the run
        killed = type(exc).__name__ == "KilledWorker"
        error = LOST.format(detail="工作节点中断" if killed else "任务异常结束")
    values = {"county_code": task.county_code, "school_year": task.school_year,
              "job": task.job, "stamp": task.stamp, "county_name": task.county_name,
              "city_name": task.city_name, "import_id": task.import_id}
    return {**values, "status": FAILED, "result": {}, "error": error, "seconds": 0.0,
            "worker": ""}


def stored_results(store: Any, tasks: Sequence[Task]) -> dict[tuple, Any]:
    """The stored result of each task's key (absent when not run for its stamp)."""
    from junheng.store.engine import transaction
    from junheng.store.province import read_results

    with transaction(store.engine) as conn:
        found = read_results(conn, stamps={t.stamp for t in tasks})
    return {(r.county_code, r.school_year, r.job, r.stamp): r for r in found}


__all__ = ["FINISHED", "JobOptions", "ProvinceListener", "ProvinceRun", "Task", "check_jobs",
           "plan_tasks", "run_province", "stored_results"]
