"""The demo job (``junheng demo``): generate the demo county, import it, run every job on it,
write the reports and create the demo accounts.

The demo county is in 河南省 (洛阳市): the store keeps Henan's provincial overlay for it
(:func:`store_demo_overlay`), so every evaluation of it — here, ``junheng evaluate``/``report``
from the store and the web — takes the province's thresholds. Each county-year is evaluated
once: the run's :class:`~junheng.jobs.evaluations.Evaluations` serves the evaluation outputs, both ledgers and the
reports. The job tells a :class:`DemoListener` when each step starts and what it gave, so a
face can show progress; it prints nothing itself.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from junheng.evaluate import Evaluation
from junheng.forecast import CountyForecast
from junheng.jobs.evaluations import Evaluations, write_evaluation_outputs
from junheng.jobs.figures import HeadlineFigures, headline_figures, with_layout
from junheng.jobs.forecast import DEFAULT_HORIZON, write_forecast_outputs
from junheng.jobs.layout import done_message, run_layout, write_layout_document
from junheng.jobs.ledger import EXAMPLE_PLANS, demo_ledgers, ledger_region
from junheng.jobs.listeners import Silent, StepListener
from junheng.jobs.reports import write_reports
from junheng.ledger import Ledger
from junheng.model import CountyData
from junheng.model.labels import ROLE_LABELS
from junheng.model.times import folder_stamp, today_beijing
from junheng.planning import LayoutPlan
from junheng.planning.layout_naming import layout_name
from junheng.planning.layout_options import OPTION_A, OPTION_B
from junheng.report.file_names import (
    COMPLIANCE_BOOK,
    COMPLIANCE_DOCX,
    DEMO_USERS,
    EVALUATION_BOOK,
    EVALUATION_DATA,
    FORECAST_BOOK,
    LAYOUT_BOOK,
    LAYOUT_MAP,
    REPORT_PAGE,
    ledger_files,
)

USERS_FILE = DEMO_USERS
WEB_DATA = "web-data"  # junheng serve --data-dir: the demo's plans are listed there
DEMO_USER = "demo"
HENAN_OVERLAY = Path(__file__).resolve().parents[3] / "examples" / "overlays" / "henan.yaml"
REPORT_LEDGER = "mengjin"  # the plan whose ledger the reports show
#: the layout step's title: the plan is named as its documents name it (方案甲 when it opens a
#: new school, 方案乙 the same scenario without), not by the default scenario's name 默认方案
LAYOUT_STEP = (f"布局调整规划（撤并、扩建、新建、寄宿；新建学校时为{OPTION_A}，"
               f"另求不新建学校的{OPTION_B}作比较）")


#: what a face is told while the demo runs (each step as it starts, what it gave)
DemoListener = StepListener


@dataclass(frozen=True)
class Imported:
    """The demo county as imported: its store, its code and every school year, oldest first."""

    store: Any
    county: str
    history: tuple[CountyData, ...]
    db: Path


@dataclass(frozen=True)
class DemoRun:
    """Everything the demo produced, and the files it wrote as (label, path)."""

    out: Path
    imported: Imported
    evaluations: tuple[Evaluation, ...]
    forecast: CountyForecast
    plan: LayoutPlan
    ledgers: Mapping[str, Ledger]
    figures: HeadlineFigures
    reports: tuple[Path, ...]
    users: tuple[tuple[str, str, str], ...]
    written: tuple[tuple[str, Path], ...]
    evaluated: int
    seconds: float
    compliance: Any = None  # the 达标路径 after the layout plan (CompliancePlan)


class _Run:
    """One run's output folder, the files written so far and the shared evaluations."""

    def __init__(self, out: Path, listener: DemoListener, evaluations: Evaluations):
        self.out, self.listener, self.evaluations = out, listener, evaluations
        self.written: list[tuple[str, Path]] = []

    def step(self, name: str, title: str, work, *args):
        self.listener.step(name, title)
        result = work(self, *args)
        self.listener.done(name, result)
        return result


def run_demo(out: Path, *, seed: int = 2025, years: int = 2,
             listener: DemoListener | None = None,
             evaluations: Evaluations | None = None) -> DemoRun:
    """Run the demo end to end into ``out`` (its ``junheng.db`` is rebuilt every time);
    ``evaluations`` is the run's cache (a new one by default; ``bench.demo`` passes one that
    does not keep its results, to measure what sharing saves)."""
    began = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    run = _Run(out, listener or Silent(),
               Evaluations() if evaluations is None else evaluations)
    imported = run.step("import", f"生成示例县（种子 {seed}，{years} 个学年）并写出工作簿",
                        _generate_and_import, seed, years)
    latest = imported.history[-1]
    evaluations = run.step("evaluate", "按优质均衡 2017、基本均衡 2012、学前普及普惠 2020 评估",
                           _evaluate, latest)
    forecast = run.step("forecast", "招生预测（8 年，按回测选择模型，给出区间）", _forecast,
                        imported.history)
    plan = run.step("layout", LAYOUT_STEP, _layout, latest, forecast)
    compliance = run.step("compliance", f"达标路径（按{layout_name(plan.outcome)}实施后的县域，"
                          f"目标学年同布局方案 {plan.outcome.target_year} 学年）",
                          _compliance, imported.history, plan)
    register_web_plans(run.out, latest, plan, compliance)
    run.step("zones", "就近划片（小学、初中：存为草案，网页“就近划片”可查看、调整）", _zones,
             imported, latest)
    ledgers = run.step("ledgers", "规划台账：孟津区、中牟县规划在示例县上逐年测量", _ledgers,
                       imported, plan)
    figures = with_layout(headline_figures(latest, evaluations, forecast), plan.outcome)
    write_evaluation_outputs(evaluations, xlsx_path=run.out / EVALUATION_BOOK, figures=figures,
                             data=latest, today=today_beijing(), layout=plan.outcome)
    reports = run.step("reports", "自评报告与离线网页报告", _reports, imported.history,
                       forecast, plan, ledgers, figures, compliance)
    users = _users(run, imported.store, latest)
    return DemoRun(out, imported, evaluations, forecast, plan, ledgers, figures, tuple(reports),
                   tuple(users), tuple(run.written), len(run.evaluations),
                   time.perf_counter() - began, compliance=compliance)


def demo_overlay() -> Path | None:
    """Henan's provincial overlay: every demo county is in 河南省 (洛阳市), so its 基本均衡 and
    学前 evaluations take the province's thresholds (None when the source tree's
    ``examples/overlays`` is not at hand)."""
    return HENAN_OVERLAY if HENAN_OVERLAY.is_file() else None


def store_demo_overlay(store: Any, county: str) -> bool:
    """Store Henan's overlay as the county's provincial overlay (as ``junheng county overlay
    set`` would); False when the file is not at hand."""
    path = demo_overlay()
    if path is None:
        return False
    store.set_overlay(county, text=path.read_text(encoding="utf-8"), file_name=path.name,
                      user=DEMO_USER)
    return True


def _generate_and_import(run: _Run, seed: int, years: int) -> Imported:
    from junheng.demo import generate
    from junheng.io import read_workbook, write_workbook
    from junheng.store import open_store

    counties = generate(seed=seed, counties=1, years=years)
    db = run.out / "junheng.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = open_store(f"sqlite:///{db}")
    books = run.out / "workbooks"
    books.mkdir(exist_ok=True)
    for data in counties[0]:
        path = write_workbook(data, books / f"{data.county_code}_{data.school_year}.xlsx")
        run.written.append((f"{data.school_year} 学年县域工作簿", path))
        checked = read_workbook(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        store.import_county(checked, source=path.name, file_hash=digest, user="demo")
    county = counties[0][-1].county_code
    store_demo_overlay(store, county)
    history = tuple(store.load_county(county, y) for y in store.years(county))
    run.written.append(("数据库（SQLite）", db))
    return Imported(store, county, history, db)


def _evaluate(run: _Run, data: CountyData) -> tuple[Evaluation, ...]:
    evaluations = run.evaluations.all(data)
    write_evaluation_outputs(evaluations, json_path=run.out / EVALUATION_DATA, data=data)
    # 评估报表工作簿 is written once the forecast is known: its 主要数据 sheet holds the
    # classroom balance too (see run_demo)
    run.written += [("评估报表", run.out / EVALUATION_BOOK),
                    ("评估结果数据文件", run.out / EVALUATION_DATA)]
    return evaluations


def _forecast(run: _Run, history: tuple[CountyData, ...]) -> CountyForecast:
    from junheng.jobs.forecast import forecast_with_projects

    forecast = forecast_with_projects(history, DEFAULT_HORIZON)
    write_forecast_outputs(forecast, xlsx_path=run.out / FORECAST_BOOK)
    run.written.append(("招生预测", run.out / FORECAST_BOOK))
    return forecast


def _layout(run: _Run, data: CountyData, forecast: CountyForecast) -> LayoutPlan:
    from junheng.planning import load_layout_config

    folder = run.out / "layout"
    plan = run_layout(data, load_layout_config(), folder, alternative=True,
                      forecast=forecast.students[["school_id", "grade", "year", "students"]])
    run.written += [("布局方案", folder / LAYOUT_BOOK), ("布局地图（离线）", folder / LAYOUT_MAP)]
    return plan


def register_web_plans(out: Path, data: CountyData, plan: LayoutPlan, compliance) -> Path:
    """Put the demo's layout plan and 达标路径 where ``junheng serve --data-dir out/web-data``
    lists its own runs (``web-data/layout/<编号>/``: request.json, progress.json and the same
    output files the web's worker writes, 布局调整方案.docx included), so /plans/layout and /plans/compliance show them.
    The demo's earlier registrations are removed first; runs made on the web are kept."""
    root = out / WEB_DATA / "layout"
    root.mkdir(parents=True, exist_ok=True)
    for folder in root.iterdir():
        request = folder / "request.json"
        if request.is_file() and json.loads(request.read_text(encoding="utf-8")) \
                .get("username") == DEMO_USER:
            shutil.rmtree(folder)
    job = _register(root, data, "layout", {"name": plan.outcome.scenario}, out / "layout",
                    done_message(plan.outcome))
    write_layout_document(plan.outcome, data, job)  # as the web's worker writes it
    if compliance is not None:
        target = compliance.problem.target_year
        config = {"name": f"目标 {target} 学年（布局调整后，布局方案规划年 {compliance.layout_year} 学年）"
                  if target else "达标路径（布局调整后）",
                  "target_year": target, "budget": None, "time_limit": 60,
                  "layout_job": job.name}  # the web's 自评报告 pairs the two plans
        _register(root, data, "compliance", config, out / "compliance", "计算完成")
    return out / WEB_DATA


def _register(root: Path, data: CountyData, kind: str, config: dict, files: Path,
              message: str) -> Path:
    job = job_folder(root, data, kind, config, message)
    for path in files.iterdir():
        if path.is_file():
            shutil.copy2(path, job / path.name)
    return job


def job_folder(root: Path, data: CountyData, kind: str, config: dict, message: str) -> Path:
    """A finished web job of the demo user (request.json, progress.json): its folder."""
    now = datetime.now(UTC)
    job = root / f"{folder_stamp(now)}-{secrets.token_hex(4)}"
    job.mkdir(parents=True)
    request = {"county_code": data.county_code, "school_year": data.school_year,
               "config": config, "username": DEMO_USER, "created_at": now.isoformat(),
               "kind": kind}
    progress = {"state": "done", "fraction": 1.0, "message": message}
    for name, value in (("request.json", request), ("progress.json", progress)):
        (job / name).write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    return job


def _compliance(run: _Run, history: tuple[CountyData, ...], plan: LayoutPlan):
    """The 达标路径 of the county once the layout plan just made is carried out."""
    from junheng.jobs.compliance import run_compliance

    folder = run.out / "compliance"
    result = run_compliance(history, folder, layout=plan.outcome)
    run.written += [("达标路径（布局调整后）", folder / COMPLIANCE_BOOK),
                    ("整改措施（布局调整后）", folder / COMPLIANCE_DOCX)]
    return result


def _zones(run: _Run, imported: Imported, data: CountyData) -> list[int]:
    """Both stages' zone plans with the web form's defaults, stored as drafts under demo jobs."""
    from junheng.jobs.demo_zones import save_demo_zones

    root = run.out / WEB_DATA / "layout"
    saved = save_demo_zones(imported.store, data,
                            lambda config, message: job_folder(root, data, "zones", config, message))
    run.written += [(f"就近划片（{label}）", folder / "zones.xlsx") for label, folder, _ in saved]
    return [plan_id for *_, plan_id in saved]


def _ledgers(run: _Run, imported: Imported, plan: LayoutPlan) -> Mapping[str, Ledger]:
    ledgers = demo_ledgers(imported.store, imported.county, run.out, layout=plan.outcome,
                           evaluations=run.evaluations)
    # another county's plan measured on the demo county: an example, not the county's own ledger
    run.written += [(f"示例：{ledger.plan.region.county_name or ledger.plan.plan}规划台账",
                     run.out / ledger_files(ledger_region(ledger))[0])
                    for ledger in ledgers.values()]
    return ledgers


def _reports(run: _Run, history: tuple[CountyData, ...], forecast: CountyForecast,
             plan: LayoutPlan, ledgers: Mapping[str, Ledger], figures: HeadlineFigures,
             compliance=None) -> list[Path]:
    from junheng.planning.compliance_json import compliance_dict

    ledger = ledgers.get(REPORT_LEDGER)
    if ledger is None and (EXAMPLE_PLANS / f"{REPORT_LEDGER}.yaml").is_file():
        ledger = EXAMPLE_PLANS / f"{REPORT_LEDGER}.yaml"
    paths = write_reports(history, run.out, layout_plan=plan.outcome, forecast=forecast,
                          ledger=ledger, evaluations=run.evaluations, figures=figures,
                          compliance=None if compliance is None else compliance_dict(compliance))
    labels = {"自评报告.docx": "自评报告（文档）", REPORT_PAGE: "网页报告（离线）",
              "布局调整方案.docx": "布局调整方案（文档）"}
    run.written += [(labels.get(p.name, p.name), p) for p in paths]
    return paths


def _users(run: _Run, store: Any, data: CountyData) -> list[tuple[str, str, str]]:
    """The demo accounts (random passwords), also written to :data:`USERS_FILE`."""
    from junheng.jobs.accounts import demo_users

    schools = data.schools
    primaries = schools.loc[schools["school_type"] == "primary_school", "school_id"].tolist()
    users = demo_users(store, data.county_code, primaries[:2])
    if users:
        lines = [f"{u}\t{ROLE_LABELS.get(r, r)}\t{p}" for u, r, p in users]
        (run.out / USERS_FILE).write_text("用户名\t角色\t密码\n" + "\n".join(lines) + "\n",
                                          encoding="utf-8")
    return users
