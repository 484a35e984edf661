"""The 整改措施's table of what 民办 schools' owners must do (outside the plan's total)."""

from __future__ import annotations

from typing import Any

from junheng.planning.compliance_json import STAGE_NAMES
from junheng.report.word_document import Column, WordReport


def write_private_table(r: WordReport, doc: dict[str, Any]) -> None:
    """民办学校举办者整改需求: quantities and indicative costs, outside the plan's total."""
    private = doc.get("private_needs") or {}   # a plan.json of an earlier version has none
    needs = private.get("items", [])
    if not needs:
        return
    columns = [Column("学校", 3.0), Column("措施", 3.2), Column("数量", 1.4, "right"),
               Column("估算（万元）", 1.4, "right")]
    rows = [[a["name"] + (f"（{STAGE_NAMES[a['stage']]}）" if a["stage"] else ""), a["item_name"],
             f"{a['quantity']:,.0f} {a['unit']}", f"{a['cost']:,.2f}"] for a in needs]
    rows.append(["合计（估算）", "", "", f"{private['indicative_total']:,.2f}"])
    r.table("民办学校举办者整改需求（不计入本方案投资）", columns, rows)
