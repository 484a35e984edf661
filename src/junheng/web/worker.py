"""Layout plans solved in a worker process, with progress the page polls.

A job is a folder under ``root``: ``request.json`` (county, year, rules), ``progress.json``
(written by the worker: fraction, Chinese message, state) and, when done, the planner's
outputs (``plan.json``, 布局调整方案工作簿.xlsx, 布局方案地图.html, 布局调整方案.docx). Files are the
channel between the web process and the worker, so progress survives a page reload and needs
no shared memory.

The planner is reached through one function, :func:`run_layout_job`, which runs in the worker:
it loads the county-year from the store, calls :func:`junheng.planning.plan_layout` (and, when
the plan opens a new school, solves the scenario without new schools as ``junheng plan layout``
does: :func:`junheng.jobs.layout.without_new_schools`) and writes the outputs with
:func:`junheng.jobs.layout.write_layout_outputs` and the Word document with
:func:`junheng.jobs.layout.write_layout_document`. A job of kind
``compliance`` runs :func:`run_compliance_job` instead (the county's school years, then
:func:`junheng.jobs.compliance.run_compliance`). The worker is a process
boundary: the finished plan reaches the web process as ``plan.json``, read back with the one
reader, :func:`junheng.planning.layout_json.read_layout_json`.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from junheng.model.labels import JOB_STATE_LABELS as STATE_LABELS
from junheng.model.times import folder_stamp
from junheng.report.file_names import COMPLIANCE_AFTER_BOOK


@dataclass(frozen=True)
class JobStatus:
    """What the progress bar shows."""

    job_id: str
    state: str
    fraction: float
    message: str
    county_code: str
    school_year: int
    username: str
    created_at: str
    scenario: str
    kind: str = "layout"
    #: the job's wall time, from the worker's start to its last file (None: not finished, or
    #: finished before the worker kept it)
    wall_seconds: float | None = None
    #: the data version the worker read (None: not read yet, or a job from before the file)
    data_version: int | None = None

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


def _write_json(path: Path, value: Any) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(value, ensure_ascii=False, default=str), encoding="utf-8")
    tmp.replace(path)  # atomic: the poller never reads half a file


def _write_progress(job_dir: Path, value: dict[str, Any]) -> None:
    """Write ``progress.json``, carrying the job's start (``job_started``), its step count and
    the current step's start from the last file: the page shows one running total for the
    whole job (review rw finding 1: the time restarted at each solve)."""
    before = _read_progress(job_dir)
    carried = {k: before[k] for k in ("job_started", "steps") if k in before}
    step = value.get("step_no")
    if step is not None:
        same = step == before.get("step_no") and before.get("step_started")
        carried["step_started"] = before["step_started"] if same else time.time()
    _write_json(job_dir / "progress.json", {**carried, **value})


def _progress_writer(job_dir: Path) -> Callable[..., None]:
    def report(fraction: float, message: str, step_no: int | None = None) -> None:
        _write_progress(job_dir, {"state": "running",
                                  "fraction": max(0.0, min(1.0, float(fraction))),
                                  "message": message,
                                  **({"step_no": step_no} if step_no is not None else {})})

    return report


def _guarded(job_dir: str, body: Callable[[Path, dict[str, Any]], str]) -> str:
    """Run a job's ``body`` (which returns the message of the finished job); on any error the
    page shows the message and ``error.log`` keeps the traceback."""
    job = Path(job_dir)
    request = json.loads((job / "request.json").read_text(encoding="utf-8"))
    started = time.time()
    _write_json(job / "progress.json", {"state": "running", "fraction": 0.0,
                                        "message": "开始计算", "job_started": started})
    try:
        message = body(job, request)
        _write_json(job / "progress.json", {"state": "done", "fraction": 1.0, "message": message,
                                            "wall_s": time.time() - started})
    except Exception as exc:
        (job / "error.log").write_text(traceback.format_exc(), encoding="utf-8")
        _write_json(job / "progress.json",
                    {"state": "failed", "fraction": 1.0, "message": _failure_message(exc)})
    return str(job)


def read_data(job: Path, request: dict[str, Any], store_url: str) -> list:
    """The request's county years up to its year, oldest first; the data version read is kept
    in ``data_version.json``, which the plan's page names (review rvweb2 finding 1)."""
    history, version = read_versioned(request, store_url)
    _write_json(job / DATA_VERSION_FILE, {"data_version": version})
    return history


def read_versioned(request: dict[str, Any], store_url: str, *, earlier: bool = True
                   ) -> tuple[list, int]:
    """The request's county years up to its year, oldest first, and the data version read
    (:func:`junheng.web.data_versions.read_history`)."""
    from junheng.store import open_store
    from junheng.web.data_versions import read_history

    store = open_store(store_url)
    try:
        return read_history(store, request["county_code"], int(request["school_year"]),
                            earlier=earlier)
    finally:
        store.close()


#: the data version the worker read, in the job folder
DATA_VERSION_FILE = "data_version.json"


def _solving(job: Path, message: str, time_limit: float, *, step: str = "求解中",
             span: tuple[float, float] = (0.1, 0.95), step_no: int | None = None) -> None:
    """The solver starts: the bar moves across ``span`` by the time used against the time
    limit, the message reads ``step``：已用 … 秒 (:func:`_solve_progress`)."""
    _write_progress(job, {"state": "running", "fraction": span[0], "end": span[1],
                          "message": message, "step": step, "solve_started": time.time(),
                          "time_limit_s": time_limit,
                          **({"step_no": step_no} if step_no is not None else {})})


#: the layout job's steps as its progress line numbers them (review rw finding 1)
LAYOUT_STEPS = ("求解方案", "求解方案乙（不新建学校）", "写出方案表、地图和文档")


class _LayoutProgress:
    """The layout job's bar as :func:`~junheng.jobs.layout.plan_county_layout` tells its steps:
    the forecast, then the plan's solve and, when the plan opens a new school, the solve of
    方案乙 (step 2), each running over its span of the bar by the solver's time."""

    def __init__(self, job: Path, time_limit: float):
        self.job, self.time_limit, self.report = job, time_limit, _progress_writer(job)
        self.compared = False  # 方案乙 solved: step 2 done

    def step(self, name: str, title: str) -> None:
        if name == "forecast":
            self.report(0.05, f"求解方案（{title}）", 1)
        elif name == "plan":
            self.report(0.1, "求解方案（构建规划模型）", 1)
            _solving(self.job, title, self.time_limit, step=LAYOUT_STEPS[0], span=(0.1, 0.8),
                     step_no=1)
        else:  # the same scenario without new schools
            self.compared = True
            _solving(self.job, title, self.time_limit, step=LAYOUT_STEPS[1], span=(0.8, 0.95),
                     step_no=2)

    def done(self, name: str, result: Any) -> None:
        pass


def run_layout_job(job_dir: str, store_url: str) -> str:
    """Worker-process entry: solve the plan described by ``job_dir/request.json``.

    The planner reports no progress of its own while the solver runs, so the bar shows the
    steps around it and, during the solve, the time spent against the solver's time limit
    (the message says so).
    """
    def body(job: Path, request: dict[str, Any]) -> str:
        report = _progress_writer(job)
        _write_progress(job, {"state": "running", "fraction": 0.0, "message": "开始计算",
                              "steps": len(LAYOUT_STEPS)})
        report(0.02, "求解方案（读取县域数据）", 1)
        from junheng.jobs.layout import (
            done_message,
            plan_county_layout,
            write_layout_document,
            write_layout_outputs,
        )
        from junheng.planning import load_layout_config
        history = read_data(job, request, store_url)
        data = history[-1]
        config = load_layout_config(None, **request["config"])
        steps = _LayoutProgress(job, config.time_limit_s)
        plan = plan_county_layout(history, config, listener=steps, alternative=True)  # as the CLI
        report(0.95, LAYOUT_STEPS[2] + ("" if steps.compared else "（方案甲不新建学校，无需第 2 步）"), 3)
        from junheng.geo.towns import boundary_file
        from junheng.settings import get_settings

        boundaries = boundary_file(get_settings().boundaries_dir, data.county_code)
        write_layout_outputs(plan.outcome, data, job, boundaries=boundaries)
        write_layout_document(plan.outcome, data, job)
        return done_message(plan.outcome)

    return _guarded(job_dir, body)


def run_compliance_job(job_dir: str, store_url: str) -> str:
    """Worker-process entry: plan the compliance path of ``job_dir/request.json``'s county
    from its school years up to the request's year."""
    def body(job: Path, request: dict[str, Any]) -> str:
        options = request["config"]
        _progress_writer(job)(0.02, "读取县域各学年数据")
        from junheng.jobs.compliance import run_compliance
        from junheng.planning.layout_phases import parse_day
        history = read_data(job, request, store_url)
        _solving(job, "招生预测、建模并求解", float(options["time_limit"]))
        layout = options.get("layout_job")  # a finished layout job of the same folder
        run_compliance(history, job, target_year=options.get("target_year"),
                       budget=options.get("budget"), apply=job / COMPLIANCE_AFTER_BOOK,
                       time_limit=float(options["time_limit"]),
                       layout=job.parent / layout / "plan.json" if layout else None,
                       plan_date=parse_day(options.get("plan_date")))
        return "计算完成"

    return _guarded(job_dir, body)


def run_zones_job(job_dir: str, store_url: str) -> str:
    """Worker-process entry of a 就近划片 job (:func:`junheng.web.zones_view.run_zones_job`)."""
    from junheng.web.zones_view import run_zones_job as run

    return run(job_dir, store_url)


def run_rotation_job(job_dir: str, store_url: str) -> str:
    """Worker-process entry of a 交流轮岗 plan (:func:`junheng.web.rotation_view.run_rotation_job`)."""
    from junheng.web.rotation_view import run_rotation_job as run

    return run(job_dir, store_url)


#: job kinds with a worker process of their own (:meth:`LayoutJobs._pool`)
OWN_LANE = frozenset({"rotation"})
RUNNERS = {"layout": run_layout_job, "compliance": run_compliance_job, "zones": run_zones_job,
           "rotation": run_rotation_job}


def _failure_message(exc: Exception) -> str:
    from junheng.errors import JunhengError

    if isinstance(exc, JunhengError):
        return str(exc)
    return ("计算程序出错，未能完成（不是输入的问题）：详细错误记录已保存在服务器上本任务的文件夹中，"
            "请联系系统管理员并告知本页的任务编号。")


class LayoutJobs:
    """Submits layout jobs to a process pool and reads their status from their folders."""

    def __init__(self, *, store_url: str, root: Path, max_workers: int = 1):
        self.store_url = store_url
        self.root = Path(root)
        self.max_workers = max_workers
        self._executors: dict[str, ProcessPoolExecutor] = {}
        self._futures: dict[str, Future] = {}
        self._lock = threading.Lock()

    def _pool(self, kind: str) -> ProcessPoolExecutor:
        """The pool of ``kind``'s lane: 交流轮岗 plans (a minute, which every teacher page and
        principal waits for) have a worker of their own, so that they never queue behind a
        layout plan of up to 2 × 600 s; the other plans share ``max_workers``."""
        lane = kind if kind in OWN_LANE else "plans"
        with self._lock:
            if lane not in self._executors:
                # spawn: the worker must not inherit the server's threads and sockets.
                self._executors[lane] = ProcessPoolExecutor(
                    1 if lane in OWN_LANE else self.max_workers, mp_context=get_context("spawn"))
            return self._executors[lane]

    def submit(self, *, county_code: str, school_year: int, config: dict[str, Any],
               username: str, kind: str = "layout") -> str:
        """Queue a plan (``kind``: layout or compliance) and return its job id."""
        job_id = self.create(county_code=county_code, school_year=school_year, config=config,
                             username=username, kind=kind)
        self._futures[job_id] = self._pool(kind).submit(RUNNERS[kind],
                                                        str(self.root / job_id), self.store_url)
        return job_id

    def create(self, *, county_code: str, school_year: int, config: dict[str, Any],
               username: str, kind: str = "layout") -> str:
        """A job folder (request, progress 等待计算资源) that no worker runs yet: the web
        process fills it itself for quick jobs (a hand-edited zone plan), then calls
        :meth:`finish`."""
        now = datetime.now(UTC)
        job_id = folder_stamp(now) + "-" + secrets.token_hex(4)
        job_dir = self.root / job_id
        job_dir.mkdir(parents=True)
        _write_json(job_dir / "request.json",
                    {"county_code": county_code, "school_year": school_year, "config": config,
                     "username": username, "created_at": now.isoformat(),
                     "kind": kind})
        _write_json(job_dir / "progress.json", {"state": "queued", "fraction": 0.0,
                                                "message": "等待计算资源"})
        return job_id

    def finish(self, job_id: str, message: str) -> None:
        """Mark a job filled by the web process as done."""
        _write_json(self.root / job_id / "progress.json",
                    {"state": "done", "fraction": 1.0, "message": message})

    def discard(self, job_id: str) -> None:
        """Remove a job folder the web process created and could not fill."""
        import shutil

        path = self.job_dir(job_id)
        if path is not None:
            shutil.rmtree(path, ignore_errors=True)

    def job_dir(self, job_id: str) -> Path | None:
        if not job_id.replace("-", "").isalnum():
            return None
        path = self.root / job_id
        return path if (path / "request.json").exists() else None

    def status(self, job_id: str) -> JobStatus | None:
        """The job's state, or None for an unknown id."""
        path = self.job_dir(job_id)
        if path is None:
            return None
        request = json.loads((path / "request.json").read_text(encoding="utf-8"))
        progress = _solve_progress(_read_progress(path))
        future = self._futures.get(job_id)
        if future is not None and future.done() and progress["state"] not in ("done", "failed"):
            progress = {"state": "failed", "fraction": 1.0,
                        "message": "计算进程意外退出（可能是服务器内存不足或被重启），未能完成："
                                   "请稍后重新提交；如仍失败，请联系系统管理员并告知本页的任务编号。"}
        return JobStatus(job_id=job_id, state=progress["state"],
                         fraction=float(progress["fraction"]), message=progress["message"],
                         county_code=request["county_code"],
                         school_year=int(request["school_year"]),
                         username=request.get("username", ""),
                         created_at=request.get("created_at", ""),
                         scenario=str(request["config"].get("name", "")),
                         kind=request.get("kind", "layout"), wall_seconds=progress.get("wall_s"),
                         data_version=_read_version(path))

    def list(self, county_code: str, kind: str = "layout") -> list[JobStatus]:
        """Jobs of a county and kind, newest first: by the request's time to the microsecond,
        then the folder (two jobs asked for in one second have folders stamped alike, their
        random parts in no order)."""
        if not self.root.exists():
            return []
        found = (self.status(p.name) for p in self.root.iterdir() if p.is_dir())
        return sorted((s for s in found if s is not None and s.county_code == county_code
                       and s.kind == kind), key=lambda s: (s.created_at, s.job_id), reverse=True)

    def wait(self, job_id: str, timeout: float = 60.0) -> JobStatus | None:
        """Block until the job finishes (tests and scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status(job_id)
            if status is None or status.finished:
                return status
            time.sleep(0.1)
        return self.status(job_id)

    def shutdown(self) -> None:
        with self._lock:
            for executor in self._executors.values():
                executor.shutdown(wait=False, cancel_futures=True)
            self._executors.clear()


def _read_version(path: Path) -> int | None:
    try:
        return int(json.loads((path / DATA_VERSION_FILE).read_text(encoding="utf-8"))
                   ["data_version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _solve_progress(progress: dict[str, Any]) -> dict[str, Any]:
    """While the job runs, its message with the time: a numbered step (``step_no`` of
    ``steps``) says 「第 2 步（共 3 步）…：本步已用 15 秒（求解时间上限每步 600 秒）；任务已用 78 秒」,
    the solver's limit being per solve; an unnumbered solve 「求解中：已用 15 秒（时间上限 600 秒）」.
    While the solver runs the bar moves by the time used against its limit."""
    if progress.get("state") != "running":
        return progress
    now = time.time()
    started, limit = progress.get("solve_started"), progress.get("time_limit_s")
    solving = bool(started and limit)
    message, fraction = progress.get("message", ""), float(progress.get("fraction", 0.0))
    if solving:
        elapsed = max(0.0, now - float(started))
        start, end = fraction, float(progress.get("end", 0.95))
        fraction = start + (end - start) * min(1.0, elapsed / float(limit))
        message = progress.get("step", "求解中")
    if progress.get("step_no") and progress.get("steps"):
        step = max(0.0, now - float(progress.get("step_started") or now))
        message = (f"第 {progress['step_no']} 步（共 {progress['steps']} 步）{message}："
                   f"本步已用 {step:.0f} 秒"
                   + (f"（求解时间上限每步 {float(limit):.0f} 秒）" if solving else ""))
    elif solving:
        message += f"：已用 {elapsed:.0f} 秒（时间上限 {float(limit):.0f} 秒）"
    if progress.get("job_started"):
        message += f"；任务已用 {max(0.0, now - float(progress['job_started'])):.0f} 秒"
    return {**progress, "fraction": fraction, "message": message}


def _read_progress(path: Path) -> dict[str, Any]:
    try:
        return json.loads((path / "progress.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"state": "running", "fraction": 0.0, "message": "计算中"}
