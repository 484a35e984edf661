"""What the 达标路径 (computed after 方案甲) would change under the layout's 方案乙 (review rv10
finding 12: the 整改 and the 自评 gave 42/44, 14/18, the CVs and 2,069.69 万元 for 方案甲 only,
while the layout leaves the choice to 局务会).

The layout keeps of 方案乙 its facts only (:func:`~.layout_options.option_facts`), not a plan
the 达标路径 could be run on. From them: the receiving schools whose sports area 方案乙 leaves
beyond what their ground holds (表 7's 布局分流新增的体育运动场馆面积缺口), their sports area
then as a share of the standard at 方案乙's pupils (:func:`short_shares`), and 方案乙's CVs
after the layout beside 方案甲's.

A receiver's need is its rate (``sports_m2``: the standard × the layout's ratio, 85 % plus its
margin) × its pupils; the area 方案乙 leaves it is that need less the m² beyond its ground, so
its share of the standard is ratio × (1 − beyond / need).

>>> from types import SimpleNamespace as NS
>>> s = NS(name="三初中", sports_beyond_cap_area=1801.0, students_after={"primary": 0, "junior": 900},
...        sports_m2={"primary": 8.0395, "junior": 8.8434, "ratio": 0.867}, action="expand")
>>> short_shares(NS(schools=[s], evaluation=None))
{'sports_short_share': [['三初中', 0.6708]], 'cvs_after': {}}

(need 8.8434 × 900 = 7,959.06 m²; 0.867 × (1 − 1,801 / 7,959.06) = 0.867 × 0.77372 = 0.6708.)
"""

from __future__ import annotations

from typing import Any

from junheng.model.labels import STAGE_LABELS
from junheng.model.numbers import cv3, wan
from junheng.planning.compliance_summary import counted, held
from junheng.planning.layout_compare import area_cost
from junheng.planning.layout_options import sports_short_area

_STAGES = ("primary", "junior")


def short_shares(outcome) -> dict[str, Any]:
    """The facts of 方案乙 the 达标路径 reads (module docstring): per receiver with sports area
    beyond its ground, its share of the standard; and the CVs after the layout."""
    shares = []
    for s in outcome.schools:
        beyond = float(getattr(s, "sports_beyond_cap_area", 0.0) or 0.0)
        rates = dict(getattr(s, "sports_m2", {}) or {})
        need = sum(float(rates.get(k, 0.0)) * float(n) for k, n in s.students_after.items() if k in _STAGES)
        if round(beyond) > 0 and need > 0 and rates.get("ratio"):
            shares.append([s.name, round(float(rates["ratio"]) * (1 - beyond / need), 4)])
    cvs = outcome.evaluation.after if outcome.evaluation is not None else {}
    return {"sports_short_share": shares, "cvs_after": {k: dict(v) for k, v in cvs.items()}}


def option_b(alternative: dict | None, layout_cvs: dict | None, failing: set[str],
             price: float, floor: float, units: dict[str, list[tuple[str, bool]]] | None = None,
             new: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """What 方案乙 changes (None without its facts): its schools short of sports area (name,
    m², share of the standard, whether 方案甲's plan passes it: not in ``failing``, names), the
    m² (:func:`~.layout_options.sports_short_area`, the 布局调整方案's total) and 万元 at ``price``
    万元 a m² (:func:`~.layout_compare.area_cost`, as the 布局调整方案 prices it), the school rule's ``floor``, the CVs of both options
    after the layout that differ, and ``units``: per stage, 方案乙's own evaluation units, those of
    ``units`` (school name -> (stage, passes after 方案甲's plan)) less those at the schools only
    方案甲 builds (``new``; review rv29 1: 方案乙's count was 方案甲's 18 junior units, the new one
    among them). 方案乙 is not evaluated school by school (the layout solves it without the
    达标路径), so no count of its passing units is given (:func:`counts_text`)."""
    if not alternative or not alternative.get("sports_short"):
        return None
    share = dict(map(tuple, alternative.get("sports_short_share") or []))
    schools = [[n, int(m2), share.get(n), n not in failing] for n, m2, *_ in alternative["sports_short"]]
    area = int(sports_short_area(alternative))  # the layout's total, priced as it prices it (hfix10a 1)
    b = alternative.get("cvs_after") or {}
    cvs = [[st, k, float(a), float(b[st][k])] for st in _STAGES for k, a in (layout_cvs or {}).get(st, {}).items()
           if k == "sports_area_per_student" and k in b.get(st, {}) and abs(float(b[st][k]) - float(a)) >= 0.0005]
    own = {st: sum(stage == st for n, both in (units or {}).items() if n not in new for stage, _ in both)
           for st in _STAGES}
    return {"schools": schools, "area": area, "cost": wan(area_cost(area, (price * 10_000, 0.0))), "price": price,
            "floor": floor, "cvs": cvs, **({"units": own} if units else {})}


def counts_text(ob: dict[str, Any] | None, stages: dict[str, Any] | None) -> str:
    """Both options' 达标学校数 per stage (``stages``: the plan's ``after`` stages) at the
    forecast's middle figure, a paragraph of its own: 方案甲's as the measures table counts them
    (:func:`~.compliance_summary.counted`: every pass held apart as 待核实 not counted,
    :func:`~.compliance_summary.held`); 方案乙's units (``units`` of :func:`option_b`) and no count:
    it is not evaluated school by school, and 方案甲's passes less 方案乙's failures would mix the
    two plans (review rv29 1); '' without 方案乙 or the counts.

    甲: 43 − 1 unsited (甲) − 1 assumed (丙) = 41/44 小学, 14 − 1 unsited (丁) = 13/18 初中;
    乙 builds no 戊, the new junior school of 甲:

    >>> print(counts_text({"units": {"primary": 44, "junior": 17}},
    ...       {"primary": {"units": 44, "passing": 43, "assumed_passing": ["丙"], "unsited_passing": ["甲"]},
    ...        "junior": {"units": 18, "passing": 14, "unsited_passing": ["丁"]}}))
    学校达标数（按预测中位数；待核实的不计入，与“评估未达标和待核实指标的整改措施”表同一口径）：方案甲小学 41/44 所（另 2 所待核实）、初中 13/18 所（另 1 所待核实）；方案乙未逐校测算（不新建学校，参评小学 44 所、初中 17 所）。
    >>> counts_text({"flips": {}}, {"junior": {"units": 18, "passing": 14}})
    '学校达标数（按预测中位数）：方案甲初中 14/18 所；方案乙未逐校测算。'
    >>> counts_text(None, {"junior": {"units": 18, "passing": 14}})
    ''
    """
    if not ob or not stages:
        return ""
    each = [(f"{STAGE_LABELS[st]} {counted(v)}/{v['units']} 所{_held(held(v))}", held(v))
            for st, v in stages.items() if st in _STAGES and v.get("passing") is not None]
    if not each:
        return ""
    basis = f"；待核实的不计入，与“{MEASURES}”表同一口径" if any(h for _, h in each) else ""
    own = "、".join(f"{STAGE_LABELS[st]} {n:,} 所" for st, n in (ob.get("units") or {}).items() if n)
    return (f"学校达标数（按预测中位数{basis}）：方案甲" + "、".join(a for a, _ in each)
            + f"；方案乙未逐校测算{f'（不新建学校，参评{own}）' if own else ''}。")


#: the measures table's title (report.compliance_measures_docx.TITLE), whose counts these are
MEASURES = "评估未达标和待核实指标的整改措施"


def _held(parts: list[tuple[list[str], str]]) -> str:
    """A stage's units held apart as 待核实 (:func:`~.compliance_summary.held`), counted."""
    n = sum(len(names) for names, _ in parts)
    return f"（另 {n} 所待核实）" if n else ""


def option_b_text(ob: dict[str, Any] | None, stages: dict[str, Any] | None = None) -> str:
    """The paragraph at the top of the 整改 chapter ('' without 方案乙's facts), pointing to
    both options' 达标学校数 (:func:`counts_text`, the next paragraph) when ``stages`` give them.

    >>> ob = {"schools": [["新区实验学校", 3510, 0.51, True], ["第四中学", 1291, None, False]], "area": 4801,
    ...       "cost": 720.15, "price": 0.15, "floor": 0.85,
    ...       "cvs": [["junior", "sports_area_per_student", 0.693, 0.737]]}
    >>> print(option_b_text(ob))
    本措施的整改投资、学校达标数和差异系数均按布局调整方案甲（新建学校）测算，局务会尚未在甲、乙两案中选定。如采用方案乙（不新建学校）：新区实验学校、第四中学另缺体育运动场馆面积 4,801 平方米（依次 3,510、1,291 平方米，本校用地放不下），新区实验学校按方案乙的学生数生均体育运动场馆面积为标准的 51.0%，低于 85%，学校达标不能通过（方案甲按本措施通过）；第四中学方案甲按本措施仍未通过；按本措施单价（每平方米 1,500 元）补足一次约 720.15 万元，不在本措施投资内；布局调整后初中生均体育运动场馆面积差异系数方案甲 0.693、方案乙 0.737。选定方案乙须按方案乙重新测算达标路径。
    """
    if not ob:
        return ""
    names = "、".join(n for n, *_ in ob["schools"])
    each = "、".join(f"{m2:,}" for _, m2, *_ in ob["schools"])
    parts = [f"{names}另缺体育运动场馆面积 {ob['area']:,} 平方米（依次 {each} 平方米，本校用地放不下）"]
    # a school 方案甲 holds apart as 待核实 (compliance_summary.HELD) is not said to pass under 甲 (hland)
    apart = {n for s in (stages or {}).values() for names, _ in held(s) for n in names}
    for n, _, share, passes in ob["schools"]:
        if not passes:
            parts.append(f"{n}方案甲按本措施仍未通过")
        elif share is not None and share < ob["floor"] - 1e-9:
            parts.append(f"{n}按方案乙的学生数生均体育运动场馆面积为标准的 {share:.1%}，低于 {ob['floor']:.0%}，"
                         "学校达标不能通过" + ("（方案甲按本措施为待核实，不计入达标学校数）" if n in apart
                                                 else "（方案甲按本措施通过）"))
        elif share is not None:
            parts.append(f"{n}按方案乙的学生数生均体育运动场馆面积为标准的 {share:.1%}")
    text = (f"{parts[0]}，{'；'.join(parts[1:])}；" if len(parts) > 1 else f"{parts[0]}；")
    text += (f"按本措施单价（每平方米 {ob['price'] * 10_000:,.0f} 元）补足一次约 {ob['cost']:,.2f} 万元，不在本措施投资内")
    cvs = "，".join(f"{STAGE_LABELS[st]}生均体育运动场馆面积差异系数方案甲 {cv3(a)}、方案乙 {cv3(b)}"
                    for st, _, a, b in ob["cvs"])
    counts = counts_text(ob, stages)  # the paragraph after this one
    return ("本措施的整改投资、学校达标数和差异系数均按布局调整方案甲（新建学校）测算，局务会尚未在甲、乙两案中选定"
            + ("（本措施各表和工作簿所列达标学校数均为方案甲的，两方案的见下段）" if counts else "") + "。"
            f"如采用方案乙（不新建学校）：{text}{'；布局调整后' + cvs if cvs else ''}"
            + "。选定方案乙须按方案乙重新测算达标路径。")


__all__ = ["MEASURES", "counts_text", "option_b", "option_b_text", "short_shares"]
