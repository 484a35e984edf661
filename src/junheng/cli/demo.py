"""``junheng demo``: the demo job (:func:`junheng.jobs.demo.run_demo`) with its progress shown.

The job generates the demo county (fixed seed, two school years), imports it into
``DIR/junheng.db``, runs every engine, writes their outputs and the reports to ``DIR`` and
creates the demo accounts; this command shows each step and a short Chinese summary with the
paths and how to log in.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from junheng.cli.app import command, console

#: matplotlib's settings and font cache for the run, inside ``--out`` (review: the demo wrote
#: ~/.cache/matplotlib/fontlist-*.json outside it)
MPL_DIR = ".matplotlib"


@command("demo")
def demo(
    out: Path = typer.Option(Path("demo"), "--out", help="输出目录（默认 ./demo），其中的 junheng.db 每次重建。"),
    seed: int = typer.Option(2025, "--seed", help="示例数据随机种子；同一种子生成同样的数据。"),
    years: int = typer.Option(2, "--years", min=1, max=5, help="生成的连续学年数。"),
) -> None:
    """生成示例县并运行全部引擎：导入、评估、预测、布局规划、布局调整后的达标路径、规划台账，写出报告和示例账号。"""
    from junheng.jobs.demo import run_demo

    keep_caches_in(out)
    print_summary(run_demo(out, seed=seed, years=years, listener=DemoProgress()))


def keep_caches_in(out: Path) -> None:
    """Make matplotlib keep its font cache in ``out`` (unless ``MPLCONFIGDIR`` names a folder
    already), so the run writes nothing outside ``out``; matplotlib reads the variable when
    first imported, which the demo does later, when it draws the reports' charts."""
    os.environ.setdefault("MPLCONFIGDIR", str(out.resolve() / MPL_DIR))


def shown_path(path: Path, out: Path) -> str:
    """A written file as the summary lists it: relative to ``out`` when inside it.

    >>> shown_path(Path("demo/web-data/layout/20261204094337-34a1b2c3/zones.xlsx"), Path("demo"))
    'web-data/layout/20261204094337-34a1b2c3/zones.xlsx'
    >>> shown_path(Path("/srv/other.xlsx"), Path("demo"))
    '/srv/other.xlsx'
    """
    try:
        return str(Path(path).resolve().relative_to(Path(out).resolve()))
    except ValueError:
        return str(path)


def overlay_said(ev) -> str:
    """Whose thresholds a verdict used (review2 finding 8; issue 16: the demo stores Henan's
    overlay for its county, so ``junheng evaluate``/``report`` from the store and the web give
    the same verdict).

    >>> from junheng.evaluate import evaluate
    >>> from junheng.io import example_county
    >>> overlay_said(evaluate(example_county(), "basic-2012"))
    '；阈值依据：国家标准（未设省级补充标准）'
    >>> from junheng.jobs.demo import HENAN_OVERLAY
    >>> overlay_said(evaluate(example_county(), "basic-2012", overlay=HENAN_OVERLAY))
    '；阈值依据：河南省补充标准（已存为该县区的省级补充标准，按库中数据评估时结论相同）'
    >>> overlay_said(evaluate(example_county(), "quality-2017", overlay=HENAN_OVERLAY))
    '；阈值依据：国家标准（河南省补充标准无适用于本标准的修改）'
    """
    if not ev.standard.overlay_name or not ev.standard.overrides:
        return f"；阈值依据：{ev.standard.basis}"
    return f"；阈值依据：{ev.standard.basis}（已存为该县区的省级补充标准，按库中数据评估时结论相同）"


def oversized_text(outcome) -> str:
    """The layout's 大班额 as the documents count them: today's actual classes, the plan year's
    by average class size (planner review 2026-12-05 finding 3; the console said "按普通教室编班
    … 调整后 0 个" where the documents say "按平均班额测算", not actual classes).

    >>> from types import SimpleNamespace as NS
    >>> print(oversized_text(NS(year=2025, target_year=2030, metrics={
    ...     "now": {"oversized_classes": 191}, "before": {"oversized_classes": 38},
    ...     "after": {"oversized_classes": 0}})))
    义务教育段大班额：2025 学年实际班级 191 个；2030 学年按平均班额测算（不是实际班级数，为 0 不等于没有大班额）不调整 38 个 → 调整后 0 个
    """
    m = outcome.metrics
    count = {k: f"{m[k]['oversized_classes']:,} 个" for k in ("now", "before", "after")}
    zero = "，为 0 不等于没有大班额" if m["after"]["oversized_classes"] == 0 else ""
    return (f"义务教育段大班额：{outcome.year} 学年实际班级 {count['now']}；{outcome.target_year} 学年按平均班额"
            f"测算（不是实际班级数{zero}）不调整 {count['before']} → 调整后 {count['after']}")


class DemoProgress:
    """Prints each step of the demo and what it found."""

    def step(self, name: str, title: str) -> None:
        console.print(f"[bold cyan]▶[/] {title}")

    def done(self, name: str, result: Any) -> None:
        show = getattr(self, f"_{name}", None)
        if show is not None:
            show(result)

    def _import(self, imported) -> None:
        info = imported.history[-1].info
        years = "、".join(str(d.school_year) for d in imported.history)
        console.print(f"  {info['city_name']}{info['county_name']}（{imported.county}），学年 "
                      f"{years} 已校验并导入 {imported.db}")

    def _evaluate(self, evaluations) -> None:
        for ev in evaluations:
            v = ev.verdict
            color = {"pass": "green", "fail": "red", "pending": "yellow"}[v.status]
            console.print(f"  {ev.standard.name}：[{color}]{v.label}[/]（{v.problems}，"
                          f"待核实 {len(v.pending)} 项）{overlay_said(ev)}")
        counts = evaluations[0].class_lists.counts
        console.print(f"  大班额 {counts['oversized']} 个，超大班额 {counts['extra_oversized']} 个，"
                      f"大校额 {counts['oversized_schools']} 所")

    def _forecast(self, forecast) -> None:
        from junheng.forecast import forecast_highlights
        from junheng.report.forecast_xlsx import highlight_lines

        for line in highlight_lines(forecast_highlights(forecast), top=5):
            console.print(f"  {line}", highlight=False)

    def _layout(self, plan) -> None:
        from junheng.cli.plan import print_without_new
        from junheng.report.layout_money_text import one_off_text
        from junheng.report.plan_rows import action_words
        from junheng.report.staffing_rows import SHEET_TITLE, staffing_sentence

        o = plan.outcome
        actions = o.shown_counts()
        before, after = o.metrics["before"], o.metrics["after"]
        from junheng.report.layout_info import status_said

        console.print(f"  {status_said(o)}，用时 {o.seconds:.0f} 秒：{action_words(actions, o.closed_words())}；教学点 "
                      f"{before['teaching_points']} → {after['teaching_points']}；{oversized_text(o)}"
                      f"；{one_off_text(o)}", highlight=False)
        for label, text in o.status_lines()[1:]:
            console.print(f"  {label}：{text}", highlight=False)
        from junheng.jobs.layout import check_note

        if check_note(o.notes):
            console.print(f"  {check_note(o.notes)}", highlight=False)
        if o.staffing:  # review2 (b): the 按编制需招聘 sentence every document has
            console.print("  " + staffing_sentence(o.staffing).replace(
                f"（见“{SHEET_TITLE}”表）", f"（见下列输出文件“布局方案”的“{SHEET_TITLE}”表）"),
                highlight=False)
        print_without_new(o)

    def _compliance(self, plan) -> None:
        from junheng.cli.plan import print_combined
        from junheng.planning.compliance_json import compliance_dict, headline

        doc = compliance_dict(plan)
        console.print(f"  {plan.assumptions[0]}", highlight=False)
        for text in plan.assumptions[1:2]:  # after a layout plan: both plans' years
            if text.startswith("布局调整方案"):
                console.print(f"  {text}", highlight=False)
        console.print(f"  {headline(doc)}", highlight=False)
        print_combined(doc)


def print_summary(run) -> None:
    """The run's figures, its files one a line by their path in ``--out`` (a table cut the long
    paths short when the output went to a file: review finding 15), the accounts and how to
    start the web system."""
    from junheng.cli.report import print_figures
    from junheng.jobs.demo import WEB_DATA
    from junheng.jobs.ledger import EXAMPLE_PLANS

    print_figures(run.figures)
    console.print(f"示例运行完成，用时 {run.seconds:.0f} 秒。输出文件（路径相对于输出目录 "
                  f"{run.out.resolve()}）：", markup=False, highlight=False, soft_wrap=True)
    for label, path in run.written:
        console.print(f"  {label}：{shown_path(path, run.out)}", markup=False, highlight=False,
                      soft_wrap=True)
    if run.users:
        from junheng.jobs.demo import ROLE_LABELS, USERS_FILE

        accounts = Table("用户名", "角色", "密码", title=f"示例账号（已保存到 {USERS_FILE}）")
        for u, r, p in run.users:
            accounts.add_row(u, ROLE_LABELS.get(r, r), p)
        console.print(accounts)
    console.print(f"启动网页系统：[bold].venv/bin/junheng serve --db sqlite:///{run.out / 'junheng.db'} "
                  f"--data-dir {run.out / WEB_DATA} --plans-dir {EXAMPLE_PLANS}[/]，然后在浏览器打开 "
                  "http://127.0.0.1:8000 用上面的账号登录（“布局规划”“达标路径”页面列出本次演示的方案，"
                  "“规划台账”页面列出示例规划）。", soft_wrap=True)
