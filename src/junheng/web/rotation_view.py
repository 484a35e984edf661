"""The 交流轮岗 plan the teacher pages show: one stored plan per key of its inputs.

Review rvweb 8 and 9: the pages solved the plan inside the request (11–16 s, 10 s limit) on
every data stamp, so a school's sports area or the overlay re-solved it and the named list
changed (201 → 190 teachers) with no teacher data changed. Now a plan is solved once, in the
worker process like the layout and 达标路径 jobs (job kind ``rotation``), under the key of what
it reads (:func:`junheng.teachers.rotation_inputs.rotation_key`); the pages show the newest
finished plan of the current key, stamped with its time and data version, until the key
changes. Without one they start the job and show 「交流轮岗方案计算中…」 with its progress; a
planner may press 「重新计算」 (a new job of the same key, shown once done).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from junheng.jobs.teachers import (
    PRIORITY_SCOPE,
    eligible_lines,
    rotated_lines,
    status_text,
)
from junheng.teachers.rotation_data import RotationConfig
from junheng.teachers.rotation_inputs import rotation_key
from junheng.teachers.rotation_plan import cv_table
from junheng.teachers.rules import load_rules
from junheng.web.worker import JobStatus

KIND = "rotation"
PLAN_FILE = "rotation.json"
#: the settings of ``junheng plan rotation`` (its 60 s limit: the solve is no longer in a request)
CONFIG = RotationConfig()
CALCULATING = "交流轮岗方案计算中…"
_SUBMIT = threading.Lock()


def inputs_key(data) -> str:
    """The key of the county-year's plan under :data:`CONFIG` and the staffing rules."""
    return rotation_key(data, CONFIG, load_rules())


def run_rotation_job(job_dir: str, store_url: str) -> str:
    """Worker-process entry: solve the plan of ``request.json``'s county-year and write
    ``rotation.json`` with the key of the data it read, the time and the data version."""
    from junheng.web.worker import (
        _guarded,
        _progress_writer,
        _solving,
        _write_json,
        read_versioned,
    )

    def body(job: Path, request: dict[str, Any]) -> str:
        _progress_writer(job)(0.02, "读取县域数据")
        from junheng.teachers.rotation_plan import plan_json, plan_rotation

        history, version = read_versioned(request, store_url, earlier=False)
        data = history[-1]
        rules = load_rules()
        _solving(job, "求解交流轮岗方案", CONFIG.time_limit)
        started = time.time()
        doc = plan_json(plan_rotation(data, CONFIG, rules=rules))
        _write_json(job / PLAN_FILE, {
            "inputs": rotation_key(data, CONFIG, rules),
            "computed_at": datetime.now(UTC).isoformat(),
            "import_id": request["config"].get("import_id"), "data_version": version,
            "seconds": round(time.time() - started, 1), "plan": doc})
        return "计算完成"

    return _guarded(job_dir, body)


@dataclass(frozen=True)
class ShownRotation:
    """What the pages show of the plan: the stored one (``doc``, with the words the pages
    read) or why there is none (``error``), and the job computing one (``running``)."""

    doc: dict | None = None
    error: str = ""
    running: JobStatus | None = None
    computed_at: str = ""
    import_id: int | None = None
    #: the data version the plan read, as the other plans name it (review rvweb2 finding 11:
    #: 「数据版本：导入编号 1」 beside 「数据版本 2」 elsewhere)
    data_version: int | None = None

    @property
    def calculating(self) -> bool:
        return self.doc is None and not self.error and self.running is not None


def page_doc(doc: dict) -> dict:
    """The stored plan with the lines the pages show."""
    return {**doc, "status_text": status_text(doc["solve"]), "cv_table": cv_table(doc),
            "eligible_lines": eligible_lines(doc), "rotated_lines": rotated_lines(doc),
            "priority_scope": PRIORITY_SCOPE}


def shown_rotation(state, selected, key: str, *, username: str = "",
                   again: bool = False) -> ShownRotation:
    """The newest finished plan of ``key`` for the county-year and the job of that key still
    running; with none of either (or ``again``: 重新计算) a job is started."""
    with _SUBMIT:
        finished, running = _jobs_of(state, selected, key)
        if running is None and (finished is None or again):
            job_id = state.jobs.submit(
                county_code=selected.county_code, school_year=selected.school_year,
                config={"inputs": key, "import_id": selected.info.import_id},
                username=username, kind=KIND)
            running = state.jobs.status(job_id)
    if finished is None:
        return ShownRotation(running=running)
    if finished.state == "failed":  # the failure message asks for the job's number
        return ShownRotation(error=f"{finished.message}（交流轮岗计算任务编号 {finished.job_id}）",
                             running=running)
    stored = _stored(state, finished.job_id)
    return ShownRotation(page_doc(stored["plan"]), running=running,
                         computed_at=stored["computed_at"], import_id=stored.get("import_id"),
                         data_version=_version_of(state, selected, stored))


def _version_of(state, selected, stored: dict) -> int | None:
    """The data version a stored plan read; a plan stored before it was kept, the version in
    force when it was computed."""
    from junheng.web.data_versions import data_changes, note_at

    if stored.get("data_version") is not None:
        return int(stored["data_version"])
    with state.sessions() as session:
        changes = data_changes(session, selected.county_code, selected.school_year)
    return note_at(changes, stored["computed_at"]).number or None


def _jobs_of(state, selected, key: str) -> tuple[JobStatus | None, JobStatus | None]:
    """(the newest finished job of ``key``, the newest queued or running one)."""
    finished = running = None
    for job in state.jobs.list(selected.county_code, kind=KIND):
        if job.school_year != selected.school_year or _key_of(state, job) != key:
            continue
        if not job.finished:
            running = running or job
        elif finished is None:
            finished = job
    return finished, running


def _key_of(state, job: JobStatus) -> str:
    """The key a job solved: its ``rotation.json``'s once done (the data it read), else the
    key it was started for."""
    folder = state.jobs.job_dir(job.job_id)
    if job.state == "done" and (folder / PLAN_FILE).is_file():
        return _stored(state, job.job_id)["inputs"]
    request = json.loads((folder / "request.json").read_text(encoding="utf-8"))
    return request["config"].get("inputs", "")


def _stored(state, job_id: str) -> dict:
    """A finished job's ``rotation.json``, read once (it never changes)."""
    folder = state.jobs.job_dir(job_id)
    return state.counties.cache.get(
        ("rotation_plan", str(folder)),
        lambda: json.loads((folder / PLAN_FILE).read_text(encoding="utf-8")))
