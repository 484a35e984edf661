"""The layout plan as an Excel workbook: actions by school and phase, assignments, before/after."""

from __future__ import annotations

from pathlib import Path

from junheng.io.excel import new_workbook
from junheng.planning.layout import ACTION_LABELS
from junheng.planning.layout_data import GROUP_LABELS

METRIC_LABELS = {
    "teaching_points": "教学点数", "schools": "学校数（不含教学点）", "pupils": "学生数",
    "mean_travel_min": "平均单程通行时间（分钟）", "p95_travel_min": "95% 学生单程通行时间不超过（分钟）",
    "day_pupils_over_limit": "走读超时学生数", "boarders": "寄宿生数", "beds": "宿舍床位数",
    "oversized_classes": "大班额班级数", "capital_cost_yuan": "建设投资（元）",
    "operating_cost_yuan": "学校固定运行成本（元/年）",
}
KIND_LABELS = {"primary_school": "小学", "junior_school": "初级中学", "nine_year": "九年一贯制学校",
               "twelve_year": "十二年一贯制学校", "complete_secondary": "完全中学",
               "teaching_point": "教学点", "new": "新建学校"}


def write_layout_xlsx(plan: dict, path: str | Path, *, scenario_rows: list[dict] | None = None
                      ) -> Path:
    """Write the plan JSON (:meth:`LayoutPlan.to_json`) to a print-ready workbook."""
    path = Path(path)
    wb = new_workbook(path)
    try:
        f = _formats(wb)
        names = {s["school_id"]: s["name"] for s in plan["schools"]}
        _sheet(wb, f, "调整方案", ["学校标识码", "学校名称", "类型", "措施", "并入学校", "实施期次",
                                 "新增教室", "新增床位", "小学学位", "初中学位", "规划后小学生", "规划后初中生",
                                 "理由"],
               [[s["school_id"], s["name"], KIND_LABELS.get(s["kind"], s["kind"]),
                 ACTION_LABELS[s["action"]], names.get(s["merged_into"], "") if s["merged_into"]
                 else "", s["phase"] or "", s["added_classrooms"], s["added_beds"],
                 s["capacity"]["primary"], s["capacity"]["junior"], s["students_after"]["primary"],
                 s["students_after"]["junior"], plan["kept_reasons"].get(s["school_id"], "")]
                for s in sorted(plan["schools"], key=_order)])
        _sheet(wb, f, "学生分配", ["村居代码", "学段组", "学校标识码", "学校名称", "学生数", "距离（公里）",
                                 "单程时间（分钟）", "寄宿"],
               [[a["village_id"], GROUP_LABELS[a["stage_group"]], a["school_id"],
                 names.get(a["school_id"], ""), a["students"], a["distance_km"], a["travel_min"],
                 "是" if a["boarding"] else "否"] for a in plan["assignments"]])
        _sheet(wb, f, "调整前后对比", ["指标", "调整前", "调整后", "变化"],
               [[METRIC_LABELS.get(k, k), v, plan["metrics"]["after"][k],
                 plan["metrics"]["after"][k] - v]
                for k, v in plan["metrics"]["before"].items()])
        if plan.get("evaluation"):
            ev = plan["evaluation"]
            rows = [[{"primary": "小学", "junior": "初中"}.get(stage, stage), ind, cv,
                     ev["after"].get(stage, {}).get(ind)]
                    for stage, cvs in ev["before"].items() for ind, cv in cvs.items()]
            rows += [["说明", a, "", ""] for a in ev["assumptions"]]
            _sheet(wb, f, "差异系数对比", ["学段", "指标", "调整前差异系数", "调整后差异系数"], rows)
        if scenario_rows:
            heads = list(scenario_rows[0])
            _sheet(wb, f, "方案比较", heads, [[r[h] for h in heads] for r in scenario_rows])
        _sheet(wb, f, "求解信息", ["项目", "值"],
               [["方案", plan["scenario"]], ["求解状态", plan["status"]],
                ["目标值（元/年）", plan["objective"]], ["下界", plan["bound"]],
                ["最优性差距", plan["gap"]], ["求解时间（秒）", plan["seconds"]],
                *[[f"权重 {k}", v] for k, v in plan["weights"].items()],
                *[[f"单价 {k}", v] for k, v in plan["costs"].items()],
                *[[f"规则 {k}", str(v)] for k, v in plan["rules"].items()]])
    finally:
        wb.close()
    return path


def _order(s: dict) -> tuple:
    return ({"close": 0, "new": 1, "expand": 2, "keep": 3}[s["action"]], s["phase"] or 0,
            s["school_id"])


def _formats(wb):
    return {"head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                   "text_wrap": True, "valign": "vcenter"}),
            "cell": wb.add_format({"border": 1, "num_format": "#,##0.##"})}


def _sheet(wb, f, name, heads, rows) -> None:
    ws = wb.add_worksheet(name)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.freeze_panes(1, 0)
    for j, h in enumerate(heads):
        ws.write_string(0, j, str(h), f["head"])
        ws.set_column(j, j, max(10, len(str(h)) * 2 + 2))
    for i, row in enumerate(rows, start=1):
        for j, v in enumerate(row):
            ws.write(i, j, v, f["cell"])
