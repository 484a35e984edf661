"""The schools whose sports area the 达标路径 plans to the school rule's floor, in one table
and one sentence on the risk (review rv5 15: four 110-character clauses, one per school).

A row of :func:`~junheng.planning.compliance_sports_path.floor_rows` is a school's stage whose
sports area per pupil is planned to 85 % of the standard plus the margin, its one indicator
below standard. The table gives what a reader weighs that margin by: the pupils more than
forecast at which the school falls below 85 % (:func:`margin_pupils`, from the unit's area and
the standard). The sentence says what the forecast's interval covers and what happens beyond it.
"""

from __future__ import annotations

import math
from typing import Any

from junheng.model.labels import STAGE_LABELS, schools_stages
from junheng.model.numbers import trimmed
from junheng.planning.compliance_costs import shared_use_words
from junheng.planning.compliance_sports_path import ONE_BELOW
from junheng.planning.floor_rule import rule_words, share_of_standard
from junheng.planning.size_margins import size_risk
from junheng.planning.standard_margins import margin_heads, margin_risk, margin_rows
from junheng.report.word_document import Column, WordReport

HEADER = ("学校", "学段", "规划后生均面积（平方米）", "标准（平方米）", "占标准", "规划年学生（人）",
          "余量（学生比预测多出此数即低于 85%，人）")
WIDTHS = (3.0, 0.9, 1.4, 1.1, 1.0, 1.3, 2.0)


def margin_pupils(row: dict[str, Any]) -> int | None:
    """The pupils more than ``pupils`` at which the unit's sports ``area`` per pupil falls below
    ``ratio`` × ``standard``: the most pupils the area holds at that floor, less ``pupils``, plus
    one; None for a row written before its area was kept. A 一贯制 school's stage keeps its part
    of the area (every stage of the school above the forecast in the same proportion).

    >>> margin_pupils({"area": 6503.0, "pupils": 1000, "standard": 7.5, "ratio": 0.85})
    21
    >>> margin_pupils({"after": 6.5, "standard": 7.5}) is None
    True

    (The floor 0.85 × 7.5 = 6.375 m²; 6,503 / 6.375 = 1,020.08: 1,020 pupils have 6.3755 m²
    each, 1,021 have 6.3692, below it: 21 more than the 1,000 forecast.)
    """
    if row.get("area") is None or not row.get("pupils"):
        return None
    most = math.floor(row["area"] / (row["ratio"] * row["standard"]) + 1e-9)
    return most - int(row["pupils"]) + 1


def floor_table_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
    """The table's rows, one per school and stage.

    >>> floor_table_rows([{"name": "甲小学", "stage": "primary", "after": 6.5, "standard": 7.5,
    ...     "ratio": 0.85, "pupils": 1000, "area": 6503.0}])
    [['甲小学', '小学', '6.5', '7.5', '86.7%', '1,000', '21']]

    (6,503 / 1,000 / 7.5 = 86.71 %.)
    """
    out = []
    for r in rows:
        margin = margin_pupils(r)
        out.append([r["name"], STAGE_LABELS.get(r["stage"], r["stage"]), trimmed(r["after"], 2),
                    trimmed(r["standard"], 2), f"{share_of_standard(r):.1%}",
                    f"{r['pupils']:,}" if r.get("pupils") else "未记录",
                    f"{margin:,}" if margin is not None else "未记录"])
    return out


def floor_held(rows: list[dict[str, Any]], doc: dict[str, Any]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The table's schools counted as passing, and those whose pass is 待核实 grouped by why, in
    short (brief hwords6 2: the one list of table 1's counts,
    :func:`~junheng.planning.compliance_summary.held_units`; the land-less share and the rest of
    each reason stand in table 1 and the workbook).

    >>> doc = {"after": {"stages": {"primary": {"land_passing": ["东城小学"], "unsited_passing": ["第四小学"]},
    ...                             "junior": {}}}}
    >>> rows = [{"name": "东城小学", "stage": "primary"}, {"name": "第四小学", "stage": "primary"},
    ...         {"name": "第一初级中学", "stage": "junior"}]
    >>> floor_held(rows, doc)
    (['第一初级中学'], [('扩充运动场地用地待自然资源部门确认', ['东城小学']), ('新建校舍本校用地放不下', ['第四小学'])])
    """
    from junheng.planning.compliance_summary import held_units

    held = {(stage, name): why.split("，")[0] for stage, name, why, _ in held_units((doc.get("after") or {}).get("stages"))}
    counted: dict[str, None] = {}
    groups: dict[str, dict[str, None]] = {}
    for r in rows:
        if why := held.get((r.get("stage"), r.get("name"))):
            groups.setdefault(why, {})[str(r["name"])] = None
        else:
            counted[str(r["name"])] = None
    return list(counted), [(why, list(names)) for why, names in groups.items()]


def held_said(groups: list[tuple[str, list[str]]]) -> str:
    """:func:`floor_held`'s groups in words: each group's names, then why.

    >>> held_said([("扩充运动场地用地待自然资源部门确认", ["东城小学"]), ("新建校舍本校用地放不下", ["第四小学", "新区实验学校"])])
    '东城小学扩充运动场地用地待自然资源部门确认，第四小学、新区实验学校新建校舍本校用地放不下'
    """
    return "，".join(f"{'、'.join(names)}{why}" for why, names in groups)


def floor_rule_note(rows: list[dict[str, Any]], doc: dict[str, Any] | None = None) -> str:
    """The note under the table: why a school at 86.7 % of the standard passes (review rv15 6:
    a shortfall beside 「通过」 with no rule said).

    >>> rows = [{"area": 6503.0, "pupils": 1000, "after": 6.5, "standard": 7.5, "others": 6, "ratio": 0.85,
    ...          "name": "甲小学", "stage": "primary"}, {"after": 8.84, "standard": 10.2, "others": 6, "ratio": 0.85,
    ...          "name": "乙中学", "stage": "junior"}]
    >>> print(floor_rule_note(rows))
    注：表中学校的生均体育运动场馆面积为标准的 86.7%（“占标准”列），低于标准，按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标（教督〔2017〕6号第五条）：这一项是该校唯一低于标准的指标，其余 6 项均达到标准。

    (6,503 / 1,000 / 7.5 = 86.71 %; 8.84 / 10.2 = 86.67 %.) A school whose pass is 待核实 (``doc``'s
    ``after`` stages, :func:`floor_held`) is not said to be 达标 (brief hwords6 2):

    >>> doc = {"after": {"stages": {"primary": {"land_passing": ["甲小学"]}}}}
    >>> print(floor_rule_note(rows, doc))
    注：表中学校的生均体育运动场馆面积为标准的 86.7%（“占标准”列），低于标准，这一项是该校唯一低于标准的指标，其余 6 项按规划达到标准。按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标（教督〔2017〕6号第五条）的 1 所：乙中学。另 1 所待核实，确认前不计入达标学校数（见表 1）：甲小学扩充运动场地用地待自然资源部门确认。
    >>> print(floor_rule_note(rows[:1], doc).split("。", 1)[1])
    表中学校均待核实，确认前不计入达标学校数（见表 1）：甲小学扩充运动场地用地待自然资源部门确认；确认后按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标（教督〔2017〕6号第五条）。
    """
    shares = sorted({f"{share_of_standard(r):.1%}" for r in rows})
    said = shares[0] if len(shares) == 1 else f"{shares[0]}—{shares[-1]}"
    head = f"注：表中学校的生均体育运动场馆面积为标准的 {said}（“占标准”列），低于标准，"
    rule, others = f"按{rule_words(rows[0])}计为达标（教督〔2017〕6号第五条）", max(r["others"] for r in rows)
    counted, groups = floor_held(rows, doc or {})
    if not groups:
        return f"{head}{rule}：这一项是该校唯一低于标准的指标，其余 {others} 项均达到标准。"
    head += f"这一项是该校唯一低于标准的指标，其余 {others} 项按规划达到标准。"
    if not counted:
        return f"{head}表中学校均待核实，确认前不计入达标学校数（见表 1）：{held_said(groups)}；确认后{rule}。"
    held = len({n for _, names in groups for n in names})
    return (f"{head}{rule}的 {len(counted)} 所：{'、'.join(counted)}。另 {held} 所待核实，确认前不计入达标学校数"
            f"（见表 1）：{held_said(groups)}。")


def floor_title(rows: list[dict[str, Any]]) -> str:
    """The table's title: the floor and the margin the rows are planned to.

    >>> floor_title([{"margin": 0.02}]), floor_title([{"margin": 0.0}])
    ('体育运动场馆按标准的 85% 加 2% 余量规划的学校', '体育运动场馆按标准的 85% 规划的学校')
    """
    margin = rows[0].get("margin") or 0.0
    return "体育运动场馆按标准的 85% " + (f"加 {margin:.0%} 余量" if margin else "") + "规划的学校"


def floor_risk(rows: list[dict[str, Any]], coverage: float | None) -> str:
    """The one sentence on the risk: the forecast's interval (``coverage``, None where the
    pupils are not the forecast's), what a school above it by its margin fails, and that the
    sports area is its one allowed shortfall.

    >>> floor_risk([{"others": 6}], 0.8).split("；")[0]
    '表中学校的规划年学生按招生预测（预测区间约 80%，约 20% 的实际学生数落在区间以外）'
    >>> floor_risk([{"others": 6}], None).split("；")[0]
    '表中学校的规划年学生为推算数'
    """
    basis = (f"按招生预测（预测区间约 {coverage:.0%}，约 {1 - coverage:.0%} 的实际学生数落在区间以外）"
             if coverage else "为推算数")
    return (f"表中学校的规划年学生{basis}；某校学生比预测多出表中余量，该校生均体育运动场馆面积即低于标准的 85%，"
            f"学校达标复核不能通过：这是该校唯一一项可低于标准的指标（{ONE_BELOW}），其余 "
            f"{max(r['others'] for r in rows)} 项须全部达到标准。已有其他指标低于标准的学校，体育运动场馆按标准的 "
            "100% 规划。")


def floor_names(rows: list[dict[str, Any]], lease: dict[str, Any] | None = None) -> str:
    """The schools as a named risk: each with the pupils more than planned at which it falls
    below 85 % and what that is of its planned pupils (brief hzuofa 4: margins of 12–41 pupils
    stood in the table without a word); "" when no row has its area kept. Leased grounds are
    offered to make up the area only where the price file's ``lease`` counts them (brief
    hlease 3, :func:`~junheng.planning.compliance_costs.shared_use_words`).

    >>> rows = [{"name": "甲中学", "stage": "junior", "area": 17527.0, "pupils": 1998,
    ...          "standard": 10.2, "ratio": 0.85}]
    >>> floor_names(rows)
    '风险：表中 1 所学校的学生比规划年预测多出下列人数，生均体育运动场馆面积即低于标准的 85%，学校达标复核不能通过：甲中学（初中，规划年 1,998 人）多 24 人（1.2%）。须逐年核对其招生，超出时以划片分流。'
    >>> floor_names(rows, {"allowed": True, "max_share": 0.3, "source": "某省实施办法"}).split("须")[1]
    '逐年核对其招生，超出时以划片分流或就近共享、租用公共体育设施（签订长期使用协议，按某省实施办法计入生均体育运动场馆面积，租用面积至多占计入后面积的 30%）补足。'

    (0.85 × 10.2 = 8.67 m²; 17,527 / 8.67 = 2,021.6: 2,021 pupils hold it, 2,022 do not:
    24 more than 1,998, 24 / 1,998 = 1.2 %.)
    """
    held = [(r, m) for r in rows if (m := margin_pupils(r)) is not None]
    each = [f"{r['name']}（{STAGE_LABELS.get(r['stage'], r['stage'])}，规划年 {r['pupils']:,} 人）"
            f"多 {m:,} 人（{m / r['pupils']:.1%}）" for r, m in held]
    if not each:
        return ""
    units = schools_stages((r["name"], r["stage"]) for r, _ in held)
    return (f"风险：表中 {units}的学生比规划年预测多出下列人数，生均体育运动场馆面积即低于标准的 85%，"
            f"学校达标复核不能通过：{'；'.join(each)}。须逐年核对其招生，超出时以划片分流"
            + (f"或{shared_use_words(lease)}补足。" if lease and lease.get("allowed") else "。"))


def cover_sentence(cover: list[dict[str, Any]]) -> str:
    """What a margin past the forecast's error would take at the floor rows' schools (brief
    hhonest2 2, :func:`~junheng.planning.standard_margins.floor_cover`): the outdoor field m²
    and cost each, whether its own ground holds it, and that the plan leaves it to the 局务会;
    "" for none.

    >>> print(cover_sentence([{"name": "一初中", "stage": "junior", "error": 52, "m2": 74, "cost": 6.66,
    ...     "spare": 1835, "fits": True}, {"name": "东城小学", "stage": "primary", "error": 30, "m2": 120,
    ...     "cost": 10.8, "spare": 0, "fits": False}]))
    留足预测误差：按招生预测区间上限留足余量，一初中（初中，可多容纳 52 人）须再建室外体育运动场地 74 平方米、约 6.66 万元（校内空地建设后余 1,835 平方米，够用）；东城小学（小学，可多容纳 30 人）须再建室外体育运动场地 120 平方米、约 10.80 万元（校内空地建设后余 0 平方米，不够，须征地、租用或布局分流）。其中本校空地够用的 1 所共约 6.66 万元，本方案未计入（按标准的 85% 加余量规划，投资最少）；是否建设由局务会决定，建成后该校生均体育运动场馆面积的余量大于预测误差。
    """
    if not cover:
        return ""

    def ground(c: dict[str, Any]) -> str:
        if c["spare"] is None:
            return "校内空地无数据，须现场核定"
        return f"校内空地建设后余 {max(c['spare'], 0):,} 平方米，" + ("够用" if c["fits"] else "不够，须征地、租用或布局分流")

    each = "；".join(f"{c['name']}（{STAGE_LABELS.get(c['stage'], c['stage'])}，可多容纳 {c['error']:,} 人）须再建室外"
                    f"体育运动场地 {c['m2']:,} 平方米、约 {c['cost']:,.2f} 万元（{ground(c)}）" for c in cover)
    fits = [c for c in cover if c["fits"]]
    total = (f"其中本校空地够用的 {len(fits):,} 所共约 {sum(c['cost'] for c in fits):,.2f} 万元，" if fits else "")
    return (f"留足预测误差：按招生预测区间上限留足余量，{each}。{total}本方案未计入（按标准的 85% 加余量规划，投资最少）；"
            "是否建设由局务会决定，建成后该校生均体育运动场馆面积的余量大于预测误差。")


#: the 风险 table's title (:func:`write_margins`)
MARGIN_TITLE = "达到标准但余量小于招生预测误差的学校"
#: its title with units counted 达标 by the 85 % rule among its rows (review rv18 8)
FLOOR_MARGIN_TITLE = "达到标准或按标准的 85% 计达标、余量小于招生预测误差或待骨干教师认定的学校"


def margin_title(margins: list[dict[str, Any]]) -> str:
    """The 风险 table's title: :data:`FLOOR_MARGIN_TITLE` where a row is counted 达标 by the 85 % rule.

    >>> margin_title([{"margin": 1}]) == MARGIN_TITLE, margin_title([{"floor": 0.85}]) == FLOOR_MARGIN_TITLE
    (True, True)
    """
    return FLOOR_MARGIN_TITLE if any(m.get("floor") for m in margins) else MARGIN_TITLE
MARGIN_WIDTHS = (2.6, 0.8, 2.4, 1.1, 1.4, 2.4)


def write_margins(r: WordReport, doc: dict[str, Any]) -> None:
    """The 风险 beside the sports floor's: the 校额 within its cap (rv10 11), then the standards
    met by fewer pupils than the forecast's error, a table and one sentence (brief hlease 2);
    nothing for none."""
    if size := size_risk(doc.get("size_margins") or [], doc["target_year"]):
        r.para(size)
    margins = doc.get("standard_margins") or []
    if not margins:
        return
    columns = [Column(h, w, "right" if k in (3, 4) else "left")
               for k, (h, w) in enumerate(zip(margin_heads(margins), MARGIN_WIDTHS, strict=True))]
    r.table(margin_title(margins), columns, margin_rows(margins))
    r.para(margin_risk(margins))


def write_floor(r: WordReport, doc: dict[str, Any]) -> None:
    """The table and the sentence, after the sports project's paragraph, then the other 风险
    (:func:`write_margins`)."""
    from junheng.forecast.county import DEFAULT_COVERAGE

    rows = doc.get("sports_floor") or []
    if not rows:
        write_margins(r, doc)
        return
    columns = [Column(h, w, "left" if k < 2 else "right")
               for k, (h, w) in enumerate(zip(HEADER, WIDTHS, strict=True))]
    r.table(floor_title(rows), columns, floor_table_rows(rows))
    r.note(floor_rule_note(rows, doc))
    r.para(floor_risk(rows, DEFAULT_COVERAGE if doc.get("layout_forecast") else None))
    if names := floor_names(rows, (doc.get("costs") or {}).get("lease")):
        r.para(names)
    if cover := cover_sentence(doc.get("floor_cover") or []):
        r.para(cover)
    write_margins(r, doc)


def write_brief_risks(r: WordReport, doc: dict[str, Any]) -> None:
    """The 自评报告's 风险 (brief hshort4): the 校额 sentence, then the two tables of the
    《整改措施》 summed up in one sentence that names them
    (:func:`~junheng.report.compliance_brief.risk_summary`)."""
    from junheng.report.compliance_brief import risk_summary

    if size := size_risk(doc.get("size_margins") or [], doc["target_year"]):
        r.para(size)
    rows = doc.get("sports_floor") or []
    if text := risk_summary(doc, floor_title(rows) if rows else "", margin_title(doc.get("standard_margins") or [])):
        r.para(text)
