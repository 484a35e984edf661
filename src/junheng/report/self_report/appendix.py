"""The 自评报告's 附录 (the documents and rules the figures rest on) and 附表 (per-school
indicator table, 大班额 by school — never one line per class)."""

from __future__ import annotations

from junheng.evaluate import Evaluation
from junheng.report.methods import sources
from junheng.report.report_format import fmt_int
from junheng.report.self_evaluation_docx import _unit_table, failing_table
from junheng.report.word_document import Column, WordReport

DATA_SOURCE = "本县县域教育数据工作簿（学校、班级、教师、校舍设施、经费等各表）及所附佐证材料"
#: Where the figures come from: in the 附录 and the document properties, not on the cover (the
#: county signs the report: review finding 4).
PROVENANCE = "本报告的数据表格根据本县县域教育数据工作簿计算编制，所有数字均可追溯到数据表中的行。"


def write_methods(r: WordReport, ev: Evaluation, appendix_number: str = "一") -> None:
    """附录: the documents used (the standard, an overlay, every item's source) and how each figure is computed."""
    r.heading(f"附录{appendix_number}  评估方法与依据")
    r.heading("（一）评估依据", 2)
    documents = [*sources(ev), DATA_SOURCE]
    for k, line in enumerate(documents, start=1):
        r.para(f"{k}. {line}")
    r.heading("（二）计算方法", 2)
    r.para(PROVENANCE)
    if ev.standard.kind == "compulsory":
        r.para("差异系数按学生数加权计算：以各校（评估单位）学生数为权重求全县均值和标准差，差异系数 = 标准差 ÷ 均值。"
               "九年一贯制学校、完全中学分学段作为评估单位，校舍和设施按学生数加权拆分。")
    for k, line in enumerate(ev.rules.describe(), start=1):
        r.para(f"{k}. {line}")


def write_tables(r: WordReport, ev: Evaluation) -> None:
    """附表 on landscape pages: every school's indicators; 大班额 counted by school."""
    r.new_section(landscape=True)
    r.heading("附表")
    for stage in ev.stages:
        failing_table(r, ev, stage)
    _unit_table(r, ev)
    _class_size_by_school(r, ev)


def _class_size_by_school(r: WordReport, ev: Evaluation) -> None:
    classes = ev.class_lists.oversized_classes
    if classes.empty:
        return
    grouped = classes.groupby(["name", "category"], sort=False).agg(
        classes=("class_no", "size"), excess=("excess", "sum")).reset_index()
    columns = [Column("序号", 0.5, "center"), Column("学校", 2.6), Column("类别", 1.0, "center"),
               Column("班级数（个）", 0.9, "right"), Column("超出标准班额合计（人）", 1.3, "right")]
    rows = [[k, g.name, g.category, fmt_int(g.classes), fmt_int(g.excess)]
            for k, g in enumerate(grouped.itertuples(), start=1)]
    rows.append(["", "合计", "—", fmt_int(len(classes)), fmt_int(classes["excess"].sum())])
    r.table("大班额、超大班额按学校汇总", columns, rows)
