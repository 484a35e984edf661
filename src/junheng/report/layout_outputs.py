"""Run a layout scenario and write its files: plan.json, plan.xlsx, map.html; compare scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from junheng.errors import ConfigError
from junheng.model import CountyData
from junheng.planning import LayoutPlan, load_layout_config, plan_layout
from junheng.report.layout_map import write_layout_map
from junheng.report.layout_xlsx import write_layout_xlsx


def read_travel_matrix(path: Path | None) -> pd.DataFrame | None:
    """A CSV with columns village_code, school_id, minutes (codes kept as text)."""
    if path is None:
        return None
    try:
        frame = pd.read_csv(path, dtype={"village_code": str, "school_id": str})
    except (OSError, ValueError) as exc:
        raise ConfigError(f"无法读取通行时间表 {path}：{exc}") from exc
    missing = {"village_code", "school_id", "minutes"} - set(frame.columns)
    if missing:
        raise ConfigError(f"通行时间表 {path} 缺少列：{', '.join(sorted(missing))}。")
    bad = pd.to_numeric(frame["minutes"], errors="coerce")
    rows = frame.index[bad.isna() | (bad < 0)]
    if len(rows):
        r = int(rows[0])
        raise ConfigError(f"通行时间表 {path} 第 {r + 2} 行 minutes 为 {frame.at[r, 'minutes']!r}："
                          "应为非负的分钟数。")
    return frame.assign(minutes=bad)


def village_points(data: CountyData) -> list[dict]:
    v = data.villages
    return [{"village_code": c, "name": n, "lon": float(x), "lat": float(y)}
            for c, n, x, y in zip(v["village_code"], v["name"], v["lon"], v["lat"], strict=True)]


def write_layout_outputs(plan: LayoutPlan, data: CountyData, out: Path) -> dict:
    """Write plan.json, plan.xlsx and map.html into ``out``; return the JSON."""
    out.mkdir(parents=True, exist_ok=True)
    doc = plan.to_json()
    (out / "plan.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    write_layout_xlsx(doc, out / "plan.xlsx")
    write_layout_map(doc, village_points(data), out / "map.html")
    return doc


def run_layout_to_dir(data: CountyData, config: Path | None, out: Path, *,
                      target_year: int | None = None, travel_matrix: Path | None = None
                      ) -> LayoutPlan:
    """Solve one scenario and write its files."""
    cfg = load_layout_config(config, target_year=target_year)
    plan = plan_layout(data, cfg, travel_matrix=read_travel_matrix(travel_matrix))
    write_layout_outputs(plan, data, out)
    return plan




def compare_scenarios(data: CountyData, configs: list[Path], out: Path, *,
                      target_year: int | None = None, travel_matrix: Path | None = None
                      ) -> list[dict]:
    """Solve each scenario into ``out/<name>/`` and write a side-by-side table."""
    from junheng.report.layout_xlsx import METRIC_LABELS

    matrix = read_travel_matrix(travel_matrix)
    rows = []
    for path in configs:
        cfg = load_layout_config(path, target_year=target_year)
        plan = plan_layout(data, cfg, travel_matrix=matrix)
        doc = write_layout_outputs(plan, data, out / Path(path).stem)
        actions = pd.Series([s["action"] for s in doc["schools"]]).value_counts()
        row = {"方案": cfg.name, "文件": Path(path).name, "求解状态": doc["status"],
               "目标值（元/年）": round(doc["objective"]), "差距": round(doc["gap"], 4),
               "撤并": int(actions.get("close", 0)), "扩建": int(actions.get("expand", 0)),
               "新建": int(actions.get("new", 0))}
        row.update({METRIC_LABELS[k]: v for k, v in doc["metrics"]["after"].items()})
        rows.append(row)
    (out / "compare.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    _write_compare_xlsx(rows, out / "compare.xlsx")
    return rows


def _write_compare_xlsx(rows: list[dict], path: Path) -> None:
    from junheng.io.excel import new_workbook

    wb = new_workbook(path)
    try:
        ws = wb.add_worksheet("方案比较")
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        cell = wb.add_format({"border": 1, "num_format": "#,##0.##"})
        ws.set_landscape()
        ws.set_paper(9)
        ws.write_string(0, 0, "指标", head)
        ws.set_column(0, 0, 28)
        for j, r in enumerate(rows, start=1):
            ws.set_column(j, j, 18)
            for i, (k, v) in enumerate(r.items()):
                if j == 1:
                    ws.write_string(i, 0, k, head)
                ws.write(i, j, v, head if i == 0 else cell)
    finally:
        wb.close()
