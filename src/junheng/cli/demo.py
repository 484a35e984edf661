"""``junheng demo``: the main job end to end on the generated demo county.

Generates the demo county (fixed seed, two school years), writes its workbooks, reads and
validates them, imports them into ``DIR/junheng.db``, runs every engine and writes their
outputs to ``DIR``, then prints a short Chinese summary with the paths and how to log in.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import typer
from rich.table import Table

from junheng.cli.app import command, console

EVALUATION_STANDARDS = ("quality-2017", "basic-2012", "preschool-2020")


@command("demo")
def demo(
    out: Path = typer.Option(Path("demo"), "--out", help="输出目录（默认 ./demo），其中的 junheng.db 每次重建。"),
    seed: int = typer.Option(2025, "--seed", help="示例数据随机种子；同一种子生成同样的数据。"),
    years: int = typer.Option(2, "--years", min=1, max=5, help="生成的连续学年数。"),
) -> None:
    """生成示例县并运行全部引擎：导入、评估、预测、布局规划、规划台账，写出报告和示例账号。"""
    began = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, Path]] = []
    store, county, history = _generate_and_import(out, seed, years, written)
    latest = history[-1]
    _evaluate(latest, out, written)
    forecast = _forecast(history, out, written)
    plan = _layout(latest, out, written)
    _ledgers(store, county, out, written)
    _reports(history, forecast, plan, out, written)
    users = _users(store, latest)
    _summary(written, users, out, time.perf_counter() - began)


def _step(text: str) -> None:
    console.print(f"[bold cyan]▶[/] {text}")


def _generate_and_import(out: Path, seed: int, years: int, written: list):
    from junheng.demo import generate
    from junheng.io import read_workbook, write_workbook
    from junheng.store import open_store

    _step(f"生成示例县（种子 {seed}，{years} 个学年）并写出工作簿")
    counties = generate(seed=seed, counties=1, years=years)
    db = out / "junheng.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = open_store(f"sqlite:///{db}")
    books = out / "workbooks"
    books.mkdir(exist_ok=True)
    for data in counties[0]:
        path = write_workbook(data, books / f"{data.county_code}_{data.school_year}.xlsx")
        written.append((f"{data.school_year} 学年县域工作簿", path))
        checked = read_workbook(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        store.import_county(checked, source=path.name, file_hash=digest, user="demo")
    county = counties[0][-1].county_code
    history = [store.load_county(county, y) for y in store.years(county)]
    info = history[-1].info
    console.print(f"  {info['city_name']}{info['county_name']}（{county}），学年 "
                  f"{'、'.join(str(d.school_year) for d in history)} 已校验并导入 {db}")
    written.append(("数据库（SQLite）", db))
    return store, county, history


def _evaluate(data, out: Path, written: list) -> None:
    from junheng.cli.evaluate import write_evaluations_json
    from junheng.evaluate import evaluate
    from junheng.report.evaluation_xlsx import write_evaluation_xlsx

    _step("按优质均衡 2017、基本均衡 2012、学前普及普惠 2020 评估")
    evaluations = [evaluate(data, s) for s in EVALUATION_STANDARDS]
    for ev in evaluations:
        v = ev.verdict
        status = "[green]达标[/]" if v.passes else "[red]未达标[/]"
        console.print(f"  {ev.standard.name}：{status}（未达标 {len(v.failures)} 项，"
                      f"待佐证 {len(v.pending)} 项）")
    counts = evaluations[0].class_lists.counts
    console.print(f"  大班额 {counts['oversized']} 个，超大班额 {counts['extra_oversized']} 个，"
                  f"大校额 {counts['oversized_schools']} 所")
    write_evaluations_json(evaluations, out / "evaluation.json")
    write_evaluation_xlsx(evaluations, out / "evaluation.xlsx")
    written += [("评估报表", out / "evaluation.xlsx"), ("评估结果 JSON", out / "evaluation.json")]


def _forecast(history, out: Path, written: list) -> None:
    from junheng.forecast import forecast_county
    from junheng.forecast.county import forecast_highlights
    from junheng.report.forecast_xlsx import highlight_lines, write_forecast_xlsx

    _step("招生预测（8 年，按回测选择模型，给出区间）")
    forecast = forecast_county(history, horizon=8)
    write_forecast_xlsx(forecast, out / "forecast.xlsx")
    for line in highlight_lines(forecast_highlights(forecast), top=5):
        console.print(f"  {line}", highlight=False)
    written.append(("招生预测", out / "forecast.xlsx"))
    return forecast


def _layout(data, out: Path, written: list) -> None:
    from junheng.planning import load_layout_config, plan_layout
    from junheng.report.layout_outputs import write_layout_outputs

    _step("布局调整规划（默认方案：撤并、扩建、新建、寄宿）")
    plan = plan_layout(data, load_layout_config())
    doc = write_layout_outputs(plan, data, out / "layout")
    actions = {}
    for s in doc["schools"]:
        actions[s["action"]] = actions.get(s["action"], 0) + 1
    before, after = doc["metrics"]["before"], doc["metrics"]["after"]
    console.print(f"  {'已证明最优' if doc['status'] == 'optimal' else '可行解'}（差距 {doc['gap']:.2%}，"
                  f"{doc['seconds']:.0f} 秒）：撤并 {actions.get('close', 0)} 所，扩建 "
                  f"{actions.get('expand', 0)} 所，新建 {actions.get('new', 0)} 所；教学点 "
                  f"{before['teaching_points']} → {after['teaching_points']}，义务教育段大班额 "
                  f"{before['oversized_classes']} → {after['oversized_classes']}，建设投资 "
                  f"{after['capital_cost_yuan'] / 1e4:,.0f} 万元")
    written += [("布局方案", out / "layout" / "plan.xlsx"), ("布局地图（离线）", out / "layout" / "map.html")]
    return doc


def _ledgers(store, county: str, out: Path, written: list) -> None:
    from junheng.cli.ledger import write_demo_ledgers

    _step("规划台账：孟津区、中牟县规划在示例县上逐年测量")
    for path in write_demo_ledgers(store, county, out):
        if path.suffix == ".xlsx":
            written.append((f"规划台账 {path.stem.removeprefix('ledger-')}", path))


def _reports(history, forecast, plan: dict, out: Path, written: list) -> None:
    from junheng.cli.ledger import EXAMPLE_PLANS
    from junheng.cli.report import write_reports

    _step("自评报告（Word）与离线网页报告")
    mengjin = EXAMPLE_PLANS / "mengjin.yaml"
    paths = write_reports(history, out, layout_plan=plan, forecast=forecast,
                          ledger=mengjin if mengjin.is_file() else None)
    labels = {".docx": "自评报告（Word）", ".html": "网页报告（离线）"}
    written += [(labels.get(p.suffix, p.name), p) for p in paths]


def _users(store, data) -> list[tuple[str, str, str]]:
    from junheng.web import demo_users

    schools = data.schools
    primaries = schools.loc[schools["school_type"] == "primary_school", "school_id"].tolist()
    return demo_users(store, data.county_code, primaries[:2])


def _summary(written, users, out: Path, seconds: float) -> None:
    table = Table("输出", "路径", title=f"示例运行完成，用时 {seconds:.0f} 秒")
    for label, path in written:
        table.add_row(label, str(path))
    console.print(table)
    roles = {"admin": "管理员", "inspector": "督学", "school": "学校填报员"}
    if users:
        lines = [f"{u}\t{roles.get(r, r)}\t{p}" for u, r, p in users]
        (out / "demo-users.txt").write_text("用户名\t角色\t密码\n" + "\n".join(lines) + "\n",
                                            encoding="utf-8")
        accounts = Table("用户名", "角色", "密码", title="示例账号（已保存到 demo-users.txt）")
        for u, r, p in users:
            accounts.add_row(u, roles.get(r, r), p)
        console.print(accounts)
    console.print(f"启动网页系统：[bold].venv/bin/junheng serve --db sqlite:///{out / 'junheng.db'}[/]，"
                  "然后在浏览器打开 http://127.0.0.1:8000 用上面的账号登录。")
