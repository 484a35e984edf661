"""七、存在的问题 and the item measures of 八、整改措施 written as prose: one sentence per
problem (what, 现值 against 标准, which schools), grouped by cause, never the same line twice,
and for every 未达标 item a concrete measure chosen by the indicator's family."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.evaluate import Basis, Evaluation, Status
from junheng.evaluate.engine import value_text
from junheng.evaluate.items import kind_counts, with_base
from junheng.model.codes import SCHOOL_TYPES
from junheng.model.county_items import ATTESTATIONS_BY_CODE
from junheng.model.labels import COMPARATOR_SIGNS, STAGE_LABELS, STATUS_LABELS
from junheng.model.numbers import percent
from junheng.report.evaluation_rows import class_size_sentence
from junheng.report.word_document import WordReport, cn_number

GROUPS = (("一票否决事项和前提条件未达到要求", ("veto", "prerequisite")),
          ("办学条件和师资配置不足", ("resources", "cv")), ("政府保障责任落实不到位", ("guarantee", "government")),
          ("教育质量管理有短板", ("quality",)), ("社会认可度有待提高", ("recognition",)))

# Indicator family (a word of the indicator's name) -> the measure a county writes for it.
MEASURES = (
    (("培训",), "制订专任教师培训计划，培训经费纳入预算，按年度考核学时"),
    (("交流轮岗",), "落实县管校聘，按年度下达城乡、校际交流轮岗名额"),
    (("划片", "就近入学"), "按学区划片就近入学，公开招生范围，严格审核入学资格"),
    (("工资",), "将教师工资收入足额纳入县级财政预算，确保不低于当地公务员平均工资收入水平"),
    (("中心园", "入园率", "普惠", "学前教育学位"), "新建、改扩建公办幼儿园，认定扶持普惠性民办园，扩大普惠性学位供给"),
    (("资格证", "持证"), "组织未持证教师限期取得教师资格证，新进教师一律持证上岗"),
    (("名额分配", "优质高中"), "提高优质高中招生名额分配到初中的比例，并向农村初中倾斜"),
    (("残疾",), "落实“一人一案”，通过随班就读、特教学校就读和送教上门保障残疾儿童少年入学"),
    (("教师", "教职工", "校长"), "通过县管校聘、交流轮岗和新招聘补足教师，落实编制"),
    (("班额", "班级学生数", "校额", "规模"), "通过新建学校、扩建校舍和划片招生分流学生，控制学校规模和班额"),
    (("场馆", "运动场", "用房", "面积", "校舍", "教室", "功能室"), "新建或改扩建校舍、专用教室和场馆，补足数量和面积"),
    (("经费", "投入", "预算", "工资", "收入", "资助"), "将所需经费足额纳入县级财政预算，按期拨付到位"),
    (("设备", "仪器", "图书", "计算机", "网络", "信息化"), "按标准购置设备、图书，纳入年度采购计划"),
    (("随迁", "入学", "残疾", "辍学", "巩固"), "完善入学保障和控辍保学机制，逐人落实"),
    (("满意", "认可", "家长"), "公开办学信息、畅通家校沟通，针对群众意见逐项整改"),
    (("课程", "体质", "近视", "质量", "作业", "课时", "劳动", "体育", "艺术", "心理"),
     "健全课程和质量监测制度，按月督导、按学期通报"),
)
DEFAULT_MEASURE = "明确责任单位和完成时限，逐项整改并接受督导复核"


def measure_for(name: str) -> str:
    """The measure wording for an indicator, by the first family whose word is in its name.

    >>> measure_for("生均体育运动场馆面积")
    '新建或改扩建校舍、专用教室和场馆，补足数量和面积'
    >>> measure_for("教师 5 年 360 学时培训完成率达到 100%")
    '制订专任教师培训计划，培训经费纳入预算，按年度考核学时'
    """
    for words, measure in MEASURES:
        if any(word in name for word in words):
            return measure
    return DEFAULT_MEASURE


def named(names: list[str], limit: int = 3, kinds: list[str] | None = None) -> str:
    """Up to ``limit`` names, then 等 N 所; with ``kinds`` (each name's school type), schools
    by 所 and teaching points by 个 (planner review finding 18), and names of several kinds
    listed by kind, each count with its own names, 小学 before 初级中学 (review 2026-12-05
    finding 15: 「甲小学、乙小学等初级中学 2 所、小学 3 所」 read as if they were junior schools).

    >>> named(["甲校", "乙校", "丙校", "丁校"])
    '甲校、乙校、丙校等 4 所'
    >>> named(["甲校"])
    '甲校'
    >>> named(["甲点", "乙点", "丙校", "丁点"], kinds=["teaching_point", "teaching_point",
    ...                                              "primary_school", "teaching_point"])
    '小学 1 所（丙校）、教学点 3 个（甲点、乙点、丁点）'
    >>> named(["甲点", "乙点", "丙点", "丁点"], kinds=["teaching_point"] * 4)
    '甲点、乙点、丙点等教学点 4 个'
    """
    unique = list(dict.fromkeys(names))
    shown = "、".join(unique[:limit])
    if len(unique) <= limit:
        return shown
    if kinds is None:
        return f"{shown}等 {len(unique)} 所"
    kind_of = dict(zip(names, kinds, strict=True))
    order = list(SCHOOL_TYPES.values())
    by_kind = sorted(dict.fromkeys(kind_of[n] for n in unique),
                     key=lambda k: order.index(k) if k in order else len(order))
    if len(by_kind) == 1:
        return f"{shown}等{kind_counts(pd.Series([kind_of[n] for n in unique]))}"
    parts = []
    for kind in by_kind:
        mine = [n for n in unique if kind_of[n] == kind]
        more = "等" if len(mine) > limit else ""
        parts.append(f"{kind_counts(pd.Series([kind] * len(mine)))}（{'、'.join(mine[:limit])}{more}）")
    return "、".join(parts)


def _shown(value, unit: str) -> str:
    if isinstance(value, Mapping):
        return "、".join(f"{STAGE_LABELS[s]} {value_text(v, unit)}" for s, v in value.items())
    return value_text(value, unit)


def _standard(ind) -> str:
    sign = COMPARATOR_SIGNS[ind.comparator]
    if ind.per_stage:
        return "、".join(f"{STAGE_LABELS[s]} {sign}{value_text(v, ind.unit)}" for s, v in ind.thresholds.items())
    return f"{sign}{value_text(ind.threshold_for(), ind.unit)}"


def _schools(result) -> list[str]:
    detail = result.detail
    for column in ("name", "学校", "school"):
        if not detail.empty and column in detail.columns:
            return [str(x) for x in detail[column].dropna()]
    return []


def _kinds(result, schools: list[str]) -> list[str] | None:
    """Each named school's type when the item's detail has it (the 100-pupil funding item)."""
    detail = result.detail
    if "school_type" not in detail.columns or "name" not in detail.columns:
        return None
    kinds = detail.dropna(subset=["name"])["school_type"].astype(str).tolist()
    return kinds if len(kinds) == len(schools) else None


def item_sentence(result) -> str:
    """One sentence for a 未达标 item: what, 现值 against 标准, how far off, which schools."""
    ind = result.indicator
    parts = [f"“{ind.name}”未达到"]
    if result.value is not None and ind.thresholds:
        parts.append(f"现值 {with_base(_shown(result.value, ind.unit), result)}，标准 {_standard(ind)}")
    gap = (result.gap or "").strip("。；， ")
    if gap:
        parts.append(gap)
    schools = _schools(result)
    if schools:
        parts.append(f"涉及{named(schools, kinds=_kinds(result, schools))}")
    return "，".join(parts) + "。"


def _school_rule_sentences(ev: Evaluation, failures) -> list[str]:
    out = []
    by_stage: dict[str, list[str]] = {}
    for f in failures:
        by_stage.setdefault(f.stage or "", []).append(f.unit_id)
    gaps = ev.gaps
    rule = ev.standard.school_rule
    need = "" if rule is None else f"（{len(ev.standard.resource_indicators)} 项指标至少 {rule.min_met} 项达标、" \
        f"其余不低于标准值的 {rule.floor_ratio:.0%}）"
    for stage, ids in by_stage.items():
        names = ev.units.set_index("unit_id")["name"].reindex(ids).dropna().astype(str).tolist()
        short = ""
        if not gaps.empty and "required" in gaps.columns:
            part = gaps[gaps["unit_id"].isin(ids)]
            counts = part.groupby("indicator_name")["unit_id"].nunique().sort_values(ascending=False)
            short = "，短板主要在" + "、".join(f"{k}（{v} 所）" for k, v in counts.head(3).items())
        out.append(f"{STAGE_LABELS.get(stage, stage)}有 {len(set(ids))} 所学校资源配置未达到学校达标要求{need}，"
                   f"包括{named(names)}{short}（逐校情况见附表）。")
    return out


def problem_sentences(ev: Evaluation, areas: tuple[str, ...]) -> list[str]:
    """The sentences of one cause group, each once."""
    items = {r.indicator.id: r for r in (*ev.conditions, *ev.guarantee, *ev.quality)
             if r.status is Status.NOT_MET}
    chosen = [f for f in ev.verdict.failures if f.area in areas]
    out = []
    for f in chosen:
        if f.unit_id:
            continue
        if f.id in items:
            out.append(item_sentence(items[f.id]))
        else:
            out.append(f"{f.message.rstrip('。')}。")
    out += _school_rule_sentences(ev, [f for f in chosen if f.unit_id])
    return list(dict.fromkeys(out))


def write_problems(r: WordReport, ev: Evaluation, number: int, data=None, previous=None,
                   compliance=None) -> None:
    """七、存在的问题: grouped by cause, one sentence per problem; with the previous school
    year's evaluation, the CVs that widened since (review 2026-12-05 finding 4); with the
    compliance plan, the music and art rooms it still needs and builds (rv5 finding 14)."""
    from junheng.report.compliance_measures_docx import room_pointer
    from junheng.report.self_report.chapters import widening_problem

    r.heading(f"{cn_number(number)}、存在的问题")
    falls = _funding_falls(data)
    if not ev.verdict.failures:
        r.para("对照评估标准，按本县数据计算的各项指标均已达标" + ("。" if falls else "，未发现不达标的问题。"))
    pending = ev.verdict.pending
    sections = [*((title, _numbered(problem_sentences(ev, areas))) for title, areas in GROUPS),
                ("部分校际差异系数扩大", [widening_problem(ev, previous)]),
                ("部分学校未达到省定办学基本标准", [basic_standard_problem(ev)]),
                ("大班额和大校额尚未消除", [size_problem(ev)]),
                ("县级认定与计算结果不一致", _numbered(attestation_doubts(ev, data) or (), "；本报告按计算结果列示。")),
                ("教育经费投入未做到只增不减", _numbered(falls, "。")),
                ("佐证材料和数据尚不完整", [pending and f"尚需佐证材料或补充数据的事项 {len(pending)} 项："
                                    + "、".join(dict.fromkeys(item.name for item in pending)) + "。"])]
    rooms = next((f"“{i.name}”" for i in ev.standard.indicators if i.id == "music_art_rooms"), None)
    if rooms and (pointer := room_pointer(compliance, f"{cn_number(number + 1)}、整改措施")):
        sections = [(t, [f"{x[:-1]}；{pointer}。" if x and x.partition(". ")[2].startswith(rooms) else x
                         for x in paras])
                    for t, paras in sections]
    k = 0
    for title, paras in sections:  # a group with nothing to say has no heading
        if paras := [x for x in paras if x]:
            k += 1
            r.heading(f"（{cn_number(k)}）{title}", 2)
            for x in paras:
                r.para(x)


def _numbered(lines, tail: str = "") -> list[str]:
    """Paragraphs "1. …", "2. …" of ``lines``, each ending in ``tail``."""
    return [f"{n}. {x}{tail}" for n, x in enumerate(lines, start=1)]


def _funding_falls(data) -> list[str]:
    """The 县级年度数据 years a spending series fell (:func:`~junheng.report.self_report.
    investment.funding_falls`), [] without the sheet."""
    from junheng.report.self_report.investment import _table, funding_falls

    figures = _table(data, "county_figures") if data is not None else None
    return [] if figures is None or figures.empty else funding_falls(figures)


def basic_standard_problem(ev: Evaluation) -> str:
    """The schools below the province's basic standard (省定办学基本标准, a precondition of
    基本均衡 the 优质均衡 application keeps) named with their figures, from the precondition the
    engine checked with ``ev`` (:attr:`~junheng.evaluate.Evaluation.basic_standard`: same data,
    overlay and units); "" when all meet it, or when ``ev`` is itself the 基本均衡 one (its
    前提条件 group says so). Planner review finding 3."""
    item = ev.basic_standard
    if item is None or item.status is not Status.NOT_MET:
        return ""
    return (f"县域内义务教育学校未全部达到省定办学基本标准（基本均衡的前提条件）："
            f"{(item.gap or '').rstrip('。')}。")


def size_problem(ev: Evaluation) -> str:
    """大班额, 超大班额 and 大校额 of a compulsory evaluation when any remain, else ``""``:
    a failure belongs here, not under 主要做法与成效 (review finding 9)."""
    if ev.standard.kind != "compulsory":
        return ""
    counts = ev.class_lists.counts
    if not any(counts[k] for k in ("oversized", "extra_oversized", "oversized_schools")):
        return ""
    return f"全县{class_size_sentence(ev)}"


# 县级认定 item -> the computed items that, when 未达标, contradict its 是 (review finding 9).
CONTRADICTED_BY = {"layout_planning": ("school_size", "class_size"),
                   "school_building_standard": ("music_art_rooms", "music_art_room_area")}


def _claim(item) -> str:
    label = ATTESTATIONS_BY_CODE.get(item.indicator.id)
    shown = "" if item.status is Status.MET else f"（本评估计为{STATUS_LABELS[item.status]}）"
    return f"县级认定“{label.label if label else item.indicator.name}”为“是”{shown}"


def _covered_failures(own, items) -> str:
    failed = [items[c] for c in CONTRADICTED_BY.get(own.indicator.id, ())
              if c in items and items[c].status is Status.NOT_MET]
    if not failed:
        return ""
    names = "、".join(f"“{i.indicator.name}”" for i in failed)
    return f"{_claim(own)}，但按本县数据计算，{names}未达到（见本章上文）"


def _computed_failure(own) -> str:
    """The item's own computed part fails while the county attests it (省定办学基本标准)."""
    if own.status is not Status.NOT_MET or own.basis is Basis.ATTESTATION:
        return ""
    return f"县级认定“{own.indicator.name}”为“是”，但按本县数据计算未达到：{own.gap.rstrip('。')}"


def _staffing_conflict(own, data) -> str:
    """编制岗位统筹 attested while the county's own 编制岗位 sheet shows people, quota and posts
    disagree at most schools."""
    if own.indicator.id != "staffing_allocation" or data is None or data.staffing.empty:
        return ""
    from junheng.teachers.staffing import staffing_report

    found = staffing_report(data).consistency
    order = {"over_quota": 0, "post_over": 1, "posts": 2, "vacancy": 3}
    found = found[found["kind"].isin(order)].sort_values("kind", key=lambda k: k.map(order),
                                                         kind="stable")
    ids = list(dict.fromkeys(data.staffing["school_id"]))
    agree = sum(1 for i in ids if i not in set(found["school_id"]))
    if agree == len(ids):
        return ""
    shown = "；".join(found["message"].head(2))
    return (f"{_claim(own)}，但本县“编制岗位”表所列 {len(ids)} 所学校中人编岗一致的仅 {agree} 所"
            f"（{percent(agree / len(ids))}），如{shown}")


def _veto_disagrees(own) -> str:
    """A veto practice the county attests absent (否) while its own figures point to it (违规择校
    against the 招生表): the evaluation holds the item 待核实 and its note lists the figures."""
    if own.indicator.area != "veto" or not own.disputed:
        return ""
    label = ATTESTATIONS_BY_CODE.get(own.indicator.id)
    said = own.note.removeprefix("县级认定不存在该情形，")
    return (f"县级认定“{label.label if label else own.indicator.name}”为“否”（本评估计为待核实），"
            f"{said}")


def attestation_doubts(ev: Evaluation, data=None) -> list[str]:
    """One statement per item the county attests met while its computed data says otherwise
    (no question: the report states the position, :mod:`junheng.report.checklist` asks):
    computed items the attestation covers fail, the item's own computed part fails, the
    编制岗位 sheet contradicts 编制岗位统筹, or the 招生表 contradicts a veto item's 否. Listed
    whether or not the item passed."""
    items = {i.indicator.id: i for i in (*ev.conditions, *ev.guarantee, *ev.quality)}
    out = []
    for own in items.values():
        if own.claimed is not True:
            continue
        for found in (_covered_failures(own, items), _computed_failure(own),
                      _staffing_conflict(own, data), _veto_disagrees(own)):
            if found:
                out.append(found)
    return out


def measure_sentence(result) -> str:
    """The measure for one 未达标 item, with the amount the item's gap names."""
    gap = (result.gap or "").strip("。；， ")
    amount = f"（{gap}）" if gap else ""
    return f"{result.indicator.name}：{measure_for(result.indicator.name)}{amount}，确保达到标准。"


def write_item_measures(r: WordReport, ev: Evaluation) -> None:
    """One measure per 未达标 item of 政府保障程度, 教育质量 and 社会认可度, each once."""
    lines = [measure_sentence(x) for x in (*ev.guarantee, *ev.quality) if x.status is Status.NOT_MET]
    for n, line in enumerate(dict.fromkeys(lines), start=1):
        r.para(f"{n}. {line}")
