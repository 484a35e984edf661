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
             price: float, floor: float, units: dict[str, list[tuple[str, bool]]] | None = None
             ) -> dict[str, Any] | None:
    """What 方案乙 changes (None without its facts): its schools short of sports area (name,
    m², share of the standard, whether 方案甲's plan passes it: not in ``failing``, names), the
    m² (:func:`~.layout_options.sports_short_area`, the 布局调整方案's total) and 万元 at ``price``
    万元 a m² (:func:`~.layout_compare.area_cost`, as the 布局调整方案 prices it), the school rule's ``floor``, the CVs of both options
    after the layout that differ, and ``flips``: per stage, the names of the evaluation units
    (``units``: school name -> (stage, passes after 方案甲's plan)) passing under 方案甲 that fail
    under 方案乙 (their school's sports area below ``floor``; brief hkeys 2: the counts were 方案甲's
    only; names, not counts, so that a unit 方案甲 holds apart as 待核实 is not taken off twice:
    brief hcounts 1)."""
    if not alternative or not alternative.get("sports_short"):
        return None
    share = dict(map(tuple, alternative.get("sports_short_share") or []))
    schools = [[n, int(m2), share.get(n), n not in failing] for n, m2, *_ in alternative["sports_short"]]
    area = int(sports_short_area(alternative))  # the layout's total, priced as it prices it (hfix10a 1)
    b = alternative.get("cvs_after") or {}
    cvs = [[st, k, float(a), float(b[st][k])] for st in _STAGES for k, a in (layout_cvs or {}).get(st, {}).items()
           if k == "sports_area_per_student" and k in b.get(st, {}) and abs(float(b[st][k]) - float(a)) >= 0.0005]
    flips: dict[str, list[str]] = {}
    for n, _, got, passes in schools:
        for stage, ok in (units or {}).get(n, ()) if passes and got is not None and got < floor - 1e-9 else ():
            flips.setdefault(stage, [])
            flips[stage] += [n] if ok else []
    return {"schools": schools, "area": area, "cost": wan(area_cost(area, (price * 10_000, 0.0))), "price": price,
            "floor": floor, "cvs": cvs, "flips": flips}


def counts_text(ob: dict[str, Any] | None, stages: dict[str, Any] | None) -> str:
    """Both options' 达标学校数 per stage (``stages``: the plan's ``after`` stages) at the
    forecast's middle figure, a paragraph of its own: 方案甲's as the measures table counts them
    (:func:`~.compliance_summary.counted`: those passing on assumed figures or with new rooms
    without a site held apart as 待核实, :func:`~.compliance_summary.held`), 方案乙's the same less
    its ``flips`` (units failing under 方案乙, no longer 待核实 if held apart); '' without them (a
    plan.json before the names of ``flips``: brief hcounts 1).

    甲: 43 − 1 unsited (甲) − 1 assumed (丙) = 41/44 小学, 14 − 1 unsited (丁) = 13/18 初中;
    乙: 丁 fails instead of 待核实 (13/18), 乙 and 戊 fail: 13 − 2 = 11/18:

    >>> print(counts_text({"flips": {"junior": ["丁", "乙", "戊"]}},
    ...       {"primary": {"units": 44, "passing": 43, "assumed_passing": ["丙"], "unsited_passing": ["甲"]},
    ...        "junior": {"units": 18, "passing": 14, "unsited_passing": ["丁"]}}))
    学校达标数（按预测中位数；新建校舍本校用地放不下或按假设值计的为待核实，不计入，与“评估未达标和待核实指标的整改措施”表同一口径）：方案甲小学 41/44 所（另 2 所待核实）、初中 13/18 所（另 1 所待核实）；方案乙小学 41/44 所（另 2 所待核实）、初中 11/18 所。
    >>> counts_text({"flips": {"junior": 2}}, {"junior": {"units": 18, "passing": 14}})
    ''
    >>> counts_text({"flips": {}}, {"junior": {"units": 18, "passing": 14}})
    '学校达标数（按预测中位数）：方案甲初中 14/18 所；方案乙初中 14/18 所。'
    """
    flips = (ob or {}).get("flips")
    if flips is None or not stages or any(not isinstance(v, list) for v in flips.values()):
        return ""
    each, why = [], {}
    for st, v in stages.items():
        if st not in _STAGES or v.get("passing") is None:
            continue
        fails = frozenset(flips.get(st, ()))  # 方案乙's failures not already held apart by 方案甲
        kept = held(v, fails)
        fails_too = len(fails - {n for names, _ in held(v) for n in names})
        why |= {w.split("，")[0]: None for _, w in held(v)}
        each.append((f"{STAGE_LABELS[st]} {counted(v)}/{v['units']} 所{_held(held(v))}",
                     f"{STAGE_LABELS[st]} {counted(v) - fails_too}/{v['units']} 所{_held(kept)}"))
    if not each:
        return ""
    basis = f"；{'或'.join(why)}的为待核实，不计入，与“{MEASURES}”表同一口径" if why else ""
    return (f"学校达标数（按预测中位数{basis}）：方案甲" + "、".join(a for a, _ in each)
            + "；方案乙" + "、".join(b for _, b in each) + "。")


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
