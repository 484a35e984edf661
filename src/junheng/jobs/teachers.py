"""Teacher use cases: staffing report, 交流轮岗 plan and 县管校聘 selection with their files
(JSON and Excel in Chinese), shared by the CLI and the web."""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from junheng.model import CountyData
from junheng.model.labels import SUBJECT_LABELS
from junheng.teachers.rotation_data import RotationConfig
from junheng.teachers.rotation_plan import (
    RotationPlan,
    apply_rotation,
    cv_table,
    plan_json,
    plan_rotation,
)
from junheng.teachers.selection import STAGE_LABELS, SelectionInstance, SelectionResult, select
from junheng.teachers.staffing import StaffingReport, staffing_report

AREA_LABELS = {"urban": "城区", "town": "镇区", "rural": "乡村", "": "未知"}


def status_text(solve: Mapping[str, Any]) -> str:
    """The rotation solve's status in the words of every plan (htext2 2: 「已证明最优」 stood
    beside any gap the solver was set to): 最优 only at a proven gap within 0.01 %.

    >>> status_text({"status": "optimal", "gap": 0.0}), status_text({"status": "time_limit", "gap": 0.012})
    ('最优（与下界差 0%，在容差 0.01% 内）', '可行方案，与最优的差距不超过 1.2%')
    """
    from junheng.optimize.status_words import status_words

    return status_words(solve.get("status") == "optimal", solve.get("gap"))


def subject_label(code: str) -> str:
    return SUBJECT_LABELS.get(code, "其他")


def _yes(flag: Any) -> str:
    return "是" if bool(flag) else "否"


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """The sheets as one .xlsx file in memory (web downloads)."""
    buffer = io.BytesIO()
    _write_xlsx(buffer, sheets)
    return buffer.getvalue()


def _write_xlsx(path, sheets: Mapping[str, pd.DataFrame]):
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            writer.sheets[name].set_column(0, max(0, frame.shape[1] - 1), 16)
    return path


def staffing_sheets(report: StaffingReport) -> dict[str, pd.DataFrame]:
    """The staffing report as Chinese tables."""
    s = report.schools
    schools = pd.DataFrame({
        "学校标识码": s["school_id"], "学校名称": s["name"], "城乡": s["area"].map(AREA_LABELS),
        "学生数": s["students"], "班级数": s["classes"], "小规模学校": s["small"].map(_yes),
        "标准编制数": s["standard_quota"],
        "核定编制数": s["approved_quota"].astype(object).where(s["approved_quota"].notna(), ""),
        "教职工数": s["staff"], "在编人数": s["staff_in_quota"],
        "余缺（正为超编）": s["balance"]})
    g = report.subjects
    subjects = pd.DataFrame({
        "学校标识码": g["school_id"], "学科": g["subject"].map(subject_label),
        "应配教师数": g["need"], "现有教师数": g["have"], "缺额": g["shortage"],
        "超额": g["surplus"], "紧缺学科": g["priority"].map(_yes)})
    findings = pd.DataFrame({"学校标识码": report.consistency["school_id"],
                             "问题": report.consistency["message"]})
    return {"编制测算": schools, "学科余缺": subjects, "人编岗一致": findings}


def run_staffing(data: CountyData, out: Path) -> StaffingReport:
    report = staffing_report(data)
    out.mkdir(parents=True, exist_ok=True)
    _write_xlsx(out / "编制测算.xlsx", staffing_sheets(report))
    return report


def eligible_lines(doc: dict) -> list[str]:
    """The plan's eligible teachers with their definition (方案口径), then the figure the
    evaluation divides by (评估口径) — two definitions, each named (see
    :class:`~junheng.teachers.rotation_data.EligibleCounts`)."""
    c, r = doc.get("eligible_counts"), doc["rules"]
    if c is None:
        return [f"可安排交流的教师 {doc['eligible']:,} 名"]
    lines = [f"可安排交流的教师 {doc['eligible']:,} 名（方案口径：在本校任教满 {r['min_years']:g} 年的"
             f"义务教育专任教师 {c['served']:,} 名，除去年龄超过男 {r['max_age_male']} 岁、女 "
             f"{r['max_age_female']} 岁或年龄未填的 {c['over_age']:,} 名、交流尚未结束的 "
             f"{c['ongoing']:,} 名）"]
    if doc.get("county_eligible") is not None:
        lines.append(f"评估口径的符合交流条件教师 {doc['county_eligible']:,.0f} 名（县级指标“符合交流轮岗"
                     "条件的教师数”，由县区填报，是评估中交流轮岗比例的分母）")
    else:
        lines.append(f"评估口径的符合交流条件教师 {c['rate_base']:,} 名（在本校任教满 "
                     f"{r['min_years']:g} 年的 {c['served']:,} 名加本学年已交流轮岗的 {c['rotated']:,} 名，"
                     "是评估中交流轮岗比例的分母）")
    return lines


PRIORITY_SCOPE = "义务教育学校，不含普通高中和特殊教育学校"


def rotated_lines(doc: dict) -> list[str]:
    """How many the plan rotates, the teachers receivers at their 编制 send back included (the
    exchange rule of the 达标路径, :mod:`junheng.teachers.rotation_exchange`), then what the
    plan does not include, against the 达标路径's 交流轮岗 (brief hrot2).

    >>> doc = {"required": 2, "rotated": 2, "backbone_rotated": 1, "exchanged": 1,
    ...        "backbone_exchanged": 0, "school_year": 2025, "rules": {"share": 0.1},
    ...        "moves": [{"to_school_id": "V", "to_school": "乙小学"}] * 2,
    ...        "exchanges": [{"for_school_id": "V"}]}
    >>> for line in rotated_lines(doc): print(line)
    应交流不少于 2 名，安排 2 名，其中骨干教师 1 名；调入学校已达编制的交换派回 1 名，交流轮岗教师合计 3 名，其中骨干教师 1 名，占 33.3%
    调入的 1 所学校均已达编制（按编制标准核定的教职工），交流轮岗按交换安排：乙小学 1 名（调入 2 名中），各校同时派出同样人数的本校教师到调出学校（不计交流补助）；交流后各调入学校的专任教师不超过编制（交流前已超编的不多于交流前）。
    本方案是 2025 学年的年度交流轮岗名单（按现有学校和教师，交流不少于可安排交流教师的 10%）；不含布局调整后的学校变化和县管校聘调配，也不含达标路径（整改措施）为补足骨干教师、体育艺术教师指标在目标学年安排的交流轮岗，两者人数不同；调入学校已达编制的，两者都按交换安排。
    """
    from junheng.planning.compliance_rotation import exchange_words

    back, total = doc.get("exchanged", 0), doc["rotated"] + doc.get("exchanged", 0)
    line = (f"应交流不少于 {doc['required']:,} 名，安排 {doc['rotated']:,} 名，"
            f"其中骨干教师 {doc['backbone_rotated']:,} 名")
    if back:
        backbone = doc["backbone_rotated"] + doc["backbone_exchanged"]
        line += (f"；调入学校已达编制的交换派回 {back:,} 名，交流轮岗教师合计 {total:,} 名，"
                 f"其中骨干教师 {backbone:,} 名，占 {backbone / total:.1%}")
    got: dict[str, dict] = {}
    for m in doc["moves"]:
        got.setdefault(m["to_school_id"], {"item": "rotation", "to_school_id": m["to_school_id"],
                                           "to_name": m["to_school"], "quantity": 0,
                                           "exchanged": 0})["quantity"] += 1
    for e in doc.get("exchanges", []):
        got[e["for_school_id"]]["exchanged"] += 1
    words = exchange_words(list(got.values()))
    return [line, *([words] if words else []),
            f"本方案是 {doc['school_year']} 学年的年度交流轮岗名单（按现有学校和教师，交流不少于可安排交流教师的 "
            f"{doc['rules']['share']:.0%}）；不含布局调整后的学校变化和县管校聘调配，也不含达标路径（整改措施）"
            "为补足骨干教师、体育艺术教师指标在目标学年安排的交流轮岗，两者人数不同；调入学校已达编制的，"
            "两者都按交换安排。"]


def short_units(schools: list[dict], closed: Collection[str] = (), plan: str = "") -> dict:
    """The units below their standard quota (``schools``: :attr:`TeacherPages.schools`):
    schools (所) and 教学点 (个: a few pupils, their quota set by classes) apart, and how many
    of those 教学点 the layout plan ``plan`` closes (``closed``: the ids it closes). Review rv
    13: “76 缺编学校” were 70 教学点 at 6–7 posts each, 64 of them closed by the plan, and 6
    schools.

    >>> rows = [{"school_id": "P1", "school_type": "teaching_point", "balance": -3},
    ...         {"school_id": "P2", "school_type": "teaching_point", "balance": -1},
    ...         {"school_id": "S", "school_type": "primary_school", "balance": -2},
    ...         {"school_id": "T", "school_type": "junior_school", "balance": 4}]
    >>> short_units(rows, {"P1", "T"}, "默认方案")
    {'schools': 1, 'points': 2, 'closed': 1, 'plan': '默认方案'}
    """
    short = [s for s in schools if s["balance"] < 0]
    points = [s["school_id"] for s in short if s["school_type"] == "teaching_point"]
    return {"schools": len(short) - len(points), "points": len(points),
            "closed": sum(p in set(closed) for p in points), "plan": plan}


def priority_shortage_line(report: StaffingReport) -> str:
    """The 体育、音乐、美术 shortage of every school, split as the rotation plan counts it."""
    total, outside = report.priority_shortage()
    return (f"体育、音乐、美术教师缺额合计 {total:,} 人（含普通高中和特殊教育学校 {outside:,} 人；"
            f"其余 {total - outside:,} 人在义务教育学校，即交流轮岗方案的交流前缺额）")


def rotation_sheets(doc: dict) -> dict[str, pd.DataFrame]:
    """The rotation plan's list and before/after figures as Chinese tables."""
    moves = pd.DataFrame(doc["moves"] + doc.get("exchanges", []), columns=[
        "teacher_id", "from_school_id", "from_school", "from_area", "to_school_id", "to_school",
        "to_area", "subject", "backbone", "years_at_school"])
    way = ["调出交流"] * len(doc["moves"]) + ["调入学校已达编制，交换派回"] * len(doc.get("exchanges", []))
    moves = pd.DataFrame({
        "交流方式": way, "教师编号": moves["teacher_id"], "原学校标识码": moves["from_school_id"],
        "原学校": moves["from_school"], "原学校城乡": moves["from_area"],
        "交流学校标识码": moves["to_school_id"], "交流学校": moves["to_school"],
        "交流学校城乡": moves["to_area"], "学科": moves["subject"].map(subject_label),
        "骨干教师": moves["backbone"].map(_yes), "本校任教年限": moves["years_at_school"]})
    rows = cv_table(doc)
    cvs = pd.DataFrame({"指标": [r["name"] for r in rows],
                        "交流前差异系数": [r["cv_before"] for r in rows],
                        "交流后差异系数": [r["cv_after"] for r in rows],
                        "限值": ["—" if r["limit"] is None else r["limit"] for r in rows]})
    s = doc["shortages"]
    summary = pd.DataFrame({"项目": ["可安排交流的教师数（方案口径）", "应交流教师数（下限）",
                                   "安排交流教师数", "其中骨干教师数",
                                   f"体育、音乐、美术缺额（前；{PRIORITY_SCOPE}）",
                                   f"体育、音乐、美术缺额（后；{PRIORITY_SCOPE}）",
                                   "各学科缺额合计（前）", "各学科缺额合计（后）"],
                            "数值": [doc["eligible"], doc["required"], doc["rotated"],
                                   doc["backbone_rotated"], s["before"]["priority"],
                                   s["after"]["priority"], s["before"]["all"], s["after"]["all"]],
                            "说明": ["；".join(eligible_lines(doc)), "", "", "", "", "", "", ""]})
    return {"交流名单": moves, "差异系数": cvs, "汇总": summary}


def run_rotation(data: CountyData, out: Path, *, apply: Path | None = None,
                 config: RotationConfig | None = None) -> tuple[RotationPlan, dict]:
    """Solve, write plan.json and 交流轮岗名单.xlsx (and the applied workbook)."""
    plan = plan_rotation(data, config)
    doc = plan_json(plan)
    out.mkdir(parents=True, exist_ok=True)
    (out / "plan.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2),
                                   encoding="utf-8")
    _write_xlsx(out / "交流轮岗名单.xlsx", rotation_sheets(doc))
    if apply is not None:
        from junheng.io.writer import write_workbook

        write_workbook(apply_rotation(data, plan), apply)
    return plan, doc


def selection_json(inst: SelectionInstance, result: SelectionResult) -> dict:
    """The selection result as JSON-ready data."""
    filled = result.filled()
    return {
        "teachers": len(inst.teacher_prefs), "schools": len(inst.posts),
        "placements": [{"teacher_id": t, "school_id": s, "stage": result.stage[t],
                        "choice": (list(inst.teacher_prefs[t]).index(s) + 1
                                   if s in inst.teacher_prefs[t] else None)}
                       for t, s in result.school.items()],
        "schools_filled": [{"school_id": s, "posts": int(q), "minimum": int(inst.minimum.get(s, 0)),
                            "filled": filled.get(s, 0), "rural": s in inst.rural}
                           for s, q in inst.posts.items()],
    }


def selection_sheets(doc: dict) -> dict[str, pd.DataFrame]:
    p = pd.DataFrame(doc["placements"])
    placements = pd.DataFrame({
        "教师编号": p["teacher_id"], "聘任学校": p["school_id"].fillna(""),
        "安置方式": p["stage"].map(STAGE_LABELS),
        "志愿序号": p["choice"].map(lambda c: "" if pd.isna(c) else f"第 {int(c)} 志愿")})
    s = pd.DataFrame(doc["schools_filled"])
    schools = pd.DataFrame({"学校标识码": s["school_id"], "岗位数": s["posts"],
                            "保底人数": s["minimum"], "聘任人数": s["filled"],
                            "乡村学校": s["rural"].map(_yes)})
    return {"聘任结果": placements, "各校聘任": schools}


def run_selection(inst: SelectionInstance, out: Path) -> tuple[SelectionResult, dict]:
    result = select(inst)
    doc = selection_json(inst, result)
    out.mkdir(parents=True, exist_ok=True)
    (out / "selection.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2),
                                        encoding="utf-8")
    _write_xlsx(out / "双向选择结果.xlsx", selection_sheets(doc))
    return result, doc
