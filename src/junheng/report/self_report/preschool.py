"""The 自评报告 of 县域学前教育普及普惠督导评估 (教督〔2020〕1号), in that document's own order:
一、基本情况; 二、主要做法与成效; 三、普及普惠水平; 四、政府保障情况; 五、幼儿园保教质量保障情况;
六、社会认可度; 七、存在的问题; 八、整改措施; 附录一 评估方法与依据; 附表 各幼儿园指标."""

from __future__ import annotations

from junheng.evaluate import Evaluation, Status
from junheng.report.methods import verdict_sentence
from junheng.report.report_format import county_label, fmt_int, school_year_label
from junheng.report.self_report.chapters import write_items
from junheng.report.self_report.problems import item_sentence, measure_sentence
from junheng.report.word_document import Column, WordReport, cn_number

AREAS = ("coverage", "guarantee", "care", "recognition")
AREA_NAMES = {"coverage": "普及普惠水平", "guarantee": "政府保障", "care": "保教质量保障",
              "recognition": "社会认可度"}
OWNERSHIP = {"public": "公办", "private": "民办"}


def _items(ev: Evaluation):
    return (*ev.guarantee, *ev.quality)


def write_basic(r: WordReport, ev: Evaluation) -> None:
    r.heading("一、基本情况")
    units = ev.units
    public = int((units["ownership"] == "public").sum()) if "ownership" in units else 0
    affordable = int(units["affordable_place"].fillna(False).astype(bool).sum()) \
        if "affordable_place" in units else 0
    r.para(f"{county_label(ev)}{school_year_label(ev.year)}共有幼儿园 {len(units)} 所，其中公办园 {public} 所、"
           f"普惠性幼儿园（含公办园）{affordable} 所；在园幼儿 {fmt_int(units['students'].sum())} 人，"
           f"班级 {fmt_int(units['classes'].sum())} 个，专任教师 {fmt_int(units['teachers'].sum())} 人。")
    items = _items(ev)
    met = sum(1 for i in items if i.status is Status.MET)
    r.para(f"按照{ev.standard.document}，依据本县数据自评，评估结论为“{ev.verdict.label}”：{verdict_sentence(ev)}评估项目共 "
           f"{len(items)} 项，已达标 {met} 项；存在问题 {len(ev.verdict.failures)} 项，尚需佐证材料或"
           f"补充数据的事项 {len(ev.verdict.pending)} 项。", bold=True)


def write_achievements(r: WordReport, ev: Evaluation) -> None:
    r.heading("二、主要做法与成效")
    k = 0
    for area in AREAS:
        met = [i.indicator.name for i in _items(ev)
               if i.indicator.area == area and i.status is Status.MET]
        if met:
            k += 1
            r.heading(f"（{cn_number(k)}）{AREA_NAMES[area]}", 2)
            r.para("已达到的要求：" + "；".join(met) + "。")


def write_problems_and_measures(r: WordReport, ev: Evaluation) -> None:
    r.heading("七、存在的问题")
    failures = ev.verdict.failures
    unmet = {i.indicator.id: i for i in _items(ev) if i.status is Status.NOT_MET}
    if not failures:
        r.para("对照评估标准，按本县数据计算的各项指标均已达标。")
    for k, area in enumerate((a for a in AREAS if any(f.area == a for f in failures)), start=1):
        r.heading(f"（{cn_number(k)}）{AREA_NAMES[area]}方面", 2)
        lines = [item_sentence(unmet[f.id]) if f.id in unmet else f"{f.message.rstrip('。')}。"
                 for f in failures if f.area == area]
        for n, line in enumerate(dict.fromkeys(lines), start=1):
            r.para(f"{n}. {line}")
    if ev.verdict.pending:
        r.para(f"尚需佐证材料或补充数据的事项 {len(ev.verdict.pending)} 项："
               + "、".join(item.name for item in ev.verdict.pending) + "。")
    r.heading("八、整改措施")
    todo = [i for i in _items(ev) if i.status is Status.NOT_MET]
    if not todo:
        r.para("各项指标均已达标，继续巩固普及普惠成果。")
    for n, line in enumerate(dict.fromkeys(measure_sentence(item) for item in todo), start=1):
        r.para(f"{n}. {line}")


def write_kindergartens(r: WordReport, ev: Evaluation) -> None:
    r.new_section(landscape=True)
    r.heading("附表")
    columns = [Column("序号", 0.5, "center"), Column("幼儿园", 2.6), Column("性质", 0.6, "center"),
               Column("在园幼儿（人）", 0.9, "right"), Column("班级数", 0.7, "right"),
               Column("专任教师（人）", 0.9, "right"), Column("班额达标比例", 1.0, "right"),
               Column("幼儿与专任教师比", 1.0, "right"), Column("专任教师持证率", 1.0, "right"),
               Column("结论", 0.7, "center")]
    rows, marks = [], []
    for k, u in enumerate(ev.units.to_dict("records"), start=1):
        passes = u.get("passes")
        known = passes is not None and passes == passes
        rows.append([k, u["name"], OWNERSHIP.get(u.get("ownership"), "—"), fmt_int(u["students"]),
                     fmt_int(u["classes"]), fmt_int(u["teachers"]),
                     _pct(u["kindergarten_class_size"]), _ratio(u["children_per_teacher"]),
                     _pct(u["kindergarten_certified"]),
                     ("达标" if passes else "未达标") if known else "—"])
        marks.append([False] * 6 + [u.get(f"met_{i}") is False for i in ev.indicator_ids]
                     + [known and not passes])
    r.table("各幼儿园班额、师幼比和教师持证情况", columns, rows, flagged=marks)


def _pct(value) -> str:
    return "—" if value is None or value != value else f"{float(value):.1%}"


def _ratio(value) -> str:
    return "—" if value is None or value != value else f"1 : {float(value):.1f}"


def write_preschool_chapters(r: WordReport, ev: Evaluation) -> None:
    from junheng.report.self_report.appendix import write_methods

    write_basic(r, ev)
    write_achievements(r, ev)
    for k, area in enumerate(AREAS, start=3):
        write_items(r, ev, k, area)
    write_problems_and_measures(r, ev)
    write_methods(r, ev)
    write_kindergartens(r, ev)
