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


def counts_line(doc: dict) -> str:
    """One sentence tying the page's 可安排交流 count to the other two counts of 「符合交流条件的
    教师」 a 督学 meets (rv22 finding 7: 1,057 here, 1,175 in the 规划台账, 1,084 in the
    evaluation), from the plan's own counts: the plan's pool plus this year's rotated teachers
    is the 规划台账's 「按规则计算」 denominator (the same rules: 任教满 6 年，男 55 岁、女 50 岁
    以下, :class:`~junheng.ledger.catalogue.teacher_training.EligibleParams`); the evaluation
    divides by the county's reported 县级指标 when there is one, else by every teacher at least
    6 years at the school plus the rotated, over-age ones included. '' without the counts.

    >>> doc = {"eligible": 1057, "county_eligible": 1084.0,
    ...        "rules": {"min_years": 6, "max_age_male": 55, "max_age_female": 50},
    ...        "eligible_counts": {"served": 1232, "rotated": 118, "over_age": 175, "ongoing": 0}}
    >>> print(counts_line(doc))
    可安排交流的 1,057 名加本学年已交流轮岗的 118 名，共 1,175 名，即规划台账“交流轮岗教师占符合条件教师比例（按规则计算）”的分母（118 ÷ 1,175 = 10.04%）；均衡评估的 1,084 名是县区填报的县级指标“符合交流轮岗条件的教师数”，不由教师表计算，比按规则算出的少 91 名（评估比例 118 ÷ 1,084 = 10.9%），请核对县级填报。
    >>> print(counts_line({**doc, "county_eligible": None}))
    可安排交流的 1,057 名加本学年已交流轮岗的 118 名，共 1,175 名，即规划台账“交流轮岗教师占符合条件教师比例（按规则计算）”的分母（118 ÷ 1,175 = 10.04%）；县区未填报县级指标“符合交流轮岗条件的教师数”，均衡评估按任教满 6 年的 1,232 名加已交流轮岗的 118 名计为 1,350 名（不除去超龄的 175 名、交流尚未结束的 0 名），评估比例 118 ÷ 1,350 = 8.7%。
    """
    from junheng.ledger.catalogue.teacher_training import EligibleParams
    from junheng.ledger.registry import MEASURES

    c, r = doc.get("eligible_counts"), doc["rules"]
    if c is None:
        return ""
    movable, rotated = doc["eligible"], c["rotated"]
    by_rules = movable + rotated
    same = EligibleParams()
    ledger = (f"即规划台账“{MEASURES['rotation_share_by_rules'].label}”的分母"
              f"（{_share(rotated, by_rules, 2)}）"
              if (r["min_years"], r["max_age_male"], r["max_age_female"])
              == (same.min_years, same.max_age_male, same.max_age_female)
              else "与规划台账“按规则计算”的规则不同，两数不可比")
    head = f"可安排交流的 {movable:,} 名加本学年已交流轮岗的 {rotated:,} 名，共 {by_rules:,} 名，{ledger}；"
    reported = doc.get("county_eligible")
    if reported is not None:
        reported = round(reported)
        gap = by_rules - reported
        differ = (f"比按规则算出的{'少' if gap > 0 else '多'} {abs(gap):,} 名" if gap
                  else "与按规则算出的相同")
        return (f"{head}均衡评估的 {reported:,} 名是县区填报的县级指标“符合交流轮岗条件的教师数”，"
                f"不由教师表计算，{differ}（评估比例 {_share(rotated, reported, 1)}）"
                f"{'，请核对县级填报' if gap else ''}。")
    base = c["served"] + rotated
    return (f"{head}县区未填报县级指标“符合交流轮岗条件的教师数”，均衡评估按任教满 {r['min_years']:g} 年的 "
            f"{c['served']:,} 名加已交流轮岗的 {rotated:,} 名计为 {base:,} 名（不除去超龄的 "
            f"{c['over_age']:,} 名、交流尚未结束的 {c['ongoing']:,} 名），评估比例 {_share(rotated, base, 1)}。")


def _share(part: int, whole: int, digits: int) -> str:
    """「118 ÷ 1,175 = 10.04%」 (just the division's terms when ``whole`` is 0)."""
    from junheng.model.numbers import percent

    shown = f" = {percent(part / whole, digits)}" if whole else ""
    return f"{part:,} ÷ {whole:,}{shown}"


def page_doc(doc: dict) -> dict:
    """The stored plan with the lines the pages show."""
    return {**doc, "status_text": status_text(doc["solve"]), "cv_table": cv_table(doc),
            "eligible_lines": eligible_lines(doc), "rotated_lines": rotated_lines(doc),
            "counts_line": counts_line(doc),
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
