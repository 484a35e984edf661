"""体育运动场馆 a school's site cannot hold: the path the plan assumes (planner review ca,
item 1: "2030 学年仍未达标 … the only remedy is 需论证").

A public school still short of sports area once its hall is at the cap
(``land.gym_max_area``) has three recognised remedies (:data:`.compliance_costs.SPORTS_REMEDIES`):
就近共享、租用公共体育设施, 置换或征用相邻用地建室外运动场, 迁建. The plan assumes the county's
``sports_remedy.assumed`` (costs.yaml) for each such school and prices it apart from the plan's
total (its figures are 假设值 and the land is the 自然资源 department's to grant):

* ``adjacent_land``: the short area ``a`` (in compulsory-stage terms, the whole ground at a
  school shared with 高中 being ``a / σ``) at ``land_unit_cost + field`` 万元 per m², funded
  in the ``lead_years`` years before the target year; the ground is the school's own, so the
  county after the plan is re-evaluated with it;
* ``shared_use``: ``a`` m² at the ``lease`` price for ``recurring_years`` years; it counts
  only where the province allows it (``lease.allowed``), else the re-check is unchanged;
* ``relocation``: a project of its own (a new school), not priced and not re-checked.

Whether the schools and the CVs then pass is the evaluation engine's word, never assumed.

Examples
--------
>>> unit_price("adjacent_land", 0.06, 0.09, 0.003, 5)   # land + field, 万元 per m²
0.15
>>> unit_price("shared_use", 0.06, 0.09, 0.003, 5)      # 5 years of 30 元 per m²
0.015
>>> unit_price("relocation", 0.06, 0.09, 0.003, 5) is None
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from junheng.evaluate import Evaluation, evaluate
from junheng.model import CountyData
from junheng.model.labels import STAGE_LABELS
from junheng.model.numbers import apart, cv3, trimmed
from junheng.planning.compliance_costs import shared_use_words
from junheng.planning.compliance_county import apply_actions
from junheng.planning.compliance_data import ComplianceProblem, shared_built
from junheng.planning.cv_causes import SCENARIOS, below_text, cause_text, cv_causes
from junheng.planning.halls import short_m2
from junheng.planning.sports_ground_words import ground_text as _ground_text
from junheng.planning.sports_ground_words import shared_block, whole_short

#: The action each remedy adds to the county when it counts as the school's area.
REMEDY_ITEM = {"adjacent_land": "field", "shared_use": "lease"}


def unit_price(remedy: str, land: float, field: float, lease: float, years: int) -> float | None:
    """万元 per m² of the ``remedy`` (None: 迁建, a project of its own)."""
    if remedy == "adjacent_land":
        return round(land + field, 6)
    if remedy == "shared_use":
        return round(lease * years, 6)
    return None


def short_schools(problem: ComplianceProblem, result: Evaluation) -> pd.DataFrame:
    """Per public school the re-check still finds short of sports area in a failing unit (the
    未解决事项 rows priced at no hall): the m² its units lack (to :func:`sports_target`) and
    the compulsory-stage area that closes every one of them (``quantity``: the most over its
    units of short / reach)."""
    a = result.assessment
    short = pd.Series(short_m2(problem, a), index=a.index)
    failing = {f.unit_id for f in result.verdict.failures if f.id == "school_rule"}
    sports = [i.id for i in problem.standard.resource_indicators
              if problem.numerator(i.id) == "sports_area"]
    a = a[
        a["unit_id"].isin(failing)
        & a["indicator"].isin(sports)
        & ~a["met"].fillna(False).astype(bool)
        & ~a["school_id"].isin(set(problem.private) | set(problem.no_build))
        & (short > 0)
    ]
    columns = ["school_id", "stage", "short", "quantity"]
    if a.empty:
        return pd.DataFrame(columns=columns)
    short = short.loc[a.index]
    schools = problem.schools.set_index("school_id")
    reach = [
        float(schools.at[s, f"reach_{g}"]) for s, g in zip(a["school_id"], a["stage"], strict=True)
    ]
    out = pd.DataFrame(
        {
            "school_id": a["school_id"].to_numpy(),
            "stage": a["stage"].to_numpy(),
            "short": short.to_numpy(float),
        }
    )
    out["quantity"] = [whole_short(n, r) for n, r in zip(out["short"], reach, strict=True)]
    return out.reset_index(drop=True)


def sports_path(
    problem: ComplianceProblem,
    after: CountyData,
    result: Evaluation,
    fails: Callable[[Any], bool] = lambda f: True,
    halls: Mapping[str, float] | None = None,
) -> dict[str, Any] | None:
    """The assumed remedy for every school of :func:`short_schools`, its price, years and the
    re-check with it (None when no school is short beyond its hall); ``fails``: whether a failure
    of the re-check is the plan's (its ``confirmed``); ``halls``: its hall m² per school (rv3 3)."""
    short = short_schools(problem, result)
    if short.empty:
        return None
    costs, remedy = problem.costs, problem.costs.sports_remedy
    price = unit_price(remedy.assumed, remedy.land_unit_cost, costs.item("field").unit_cost,
                       costs.item("lease").unit_cost, costs.recurring_years)
    per_school = short.groupby("school_id", sort=False).agg(
        stage=("stage", "first"), short=("short", "sum"), quantity=("quantity", "max")
    )
    names = problem.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    share = problem.schools.set_index("school_id")["share_compulsory"]
    by = problem.schools.set_index("school_id")  # whole spare ground as the layout says it (rv3 4)
    ground = by["ground_whole"] if "ground_whole" in by else by["ground"] / share
    laid = by["ground_layout"] if "ground_layout" in by else pd.Series(dtype=float)
    rows = []
    for sid, r in per_school.iterrows():
        built = float(shared_built(["field"], [r["quantity"]], [share.get(sid, 1.0)])[0])
        spare = float(ground.get(sid, np.nan))
        block = _block(by, sid, share.get(sid, 1.0), spare, float(np.nan_to_num(laid.get(sid, 0.0))))
        rows.append({**block,
            "school_id": sid, "name": str(names.get(sid, sid)), "stage": r["stage"],
            "short_m2": int(r["short"]), "area_m2": int(r["quantity"]), "built_m2": round(built, 2),
            # half up, as a planner rounds (1,503 × 0.015 = 22.545 → 22.55, not 22.54)
            "cost": None if price is None else round(r["quantity"] * price + 1e-9, 2),
            "spare_m2": None if math.isnan(spare) else round(spare),
            "layout_m2": round(float(np.nan_to_num(laid.get(sid, 0.0)))),
            "hall_m2": round(float((halls or {}).get(sid, 0.0)))})
    year, lead = problem.target_year, remedy.lead_years
    start = max(problem.first_year, year - lead)  # rule (1): paid in the lead years before use
    counts = remedy.assumed == "adjacent_land" or (
        remedy.assumed == "shared_use" and costs.lease_allowed
    )
    return {
        "remedy": remedy.assumed,
        "remedy_name": remedy.name,
        "lease": costs.lease(),  # whether leased grounds count (shared_use_words)
        "unit_price": price,
        "land_unit_cost": remedy.land_unit_cost,
        "hall_price": costs.item("gym").unit_cost if sum((halls or {}).values()) > 0 else None,
        "source": remedy.source,
        "fund_years": list(range(start, start + lead)) or [start],
        "in_use_year": start + lead,
        "target_year": year,
        "schools": rows,
        "total": None if price is None else round(sum(x["cost"] for x in rows), 2),
        "counts": counts,
        "recheck": _recheck(problem, after, result, rows, fails) if counts else None,
    }


def _block(by: pd.DataFrame, sid: str, share: float, spare: float, laid: float) -> dict[str, int]:
    """{} or, at a school shared with 高中, the block its field takes of the spare ground and
    the m² left (``block_m2``, ``left_m2``: :func:`~.sports_ground_words.shared_block`, as the
    未解决事项 table says them)."""
    if share >= 1 - 1e-9 or share <= 0 or "ground" not in by or math.isnan(spare):
        return {}
    ground = float(by.at[sid, "ground"])
    if not ground > 0:
        return {}
    block, left = shared_block(ground, share, spare, laid)
    return {"block_m2": block, "left_m2": max(left, 0)}


def _recheck(
    problem: ComplianceProblem,
    after: CountyData,
    before: Evaluation,
    rows: list[dict],
    fails: Callable[[Any], bool],
) -> dict[str, Any]:
    """The engine's word on the county with the remedy's ground added: the schools that
    then pass the school rule, and each sports CV before and after."""
    item = REMEDY_ITEM[problem.costs.sports_remedy.assumed]
    share = problem.schools.set_index("school_id")["share_compulsory"]
    done = pd.DataFrame(
        {
            "school_id": [x["school_id"] for x in rows],
            "stage": np.nan,
            "item": item,
            "quantity": [float(x["area_m2"]) for x in rows],
            "teacher_type": np.nan,
            "to_school_id": np.nan,
        }
    )
    done["built"] = shared_built(
        done["item"], done["quantity"], done["school_id"].map(share).to_numpy(float)
    )
    mended = evaluate(apply_actions(after, done), problem.standard)
    failing = {f.unit_id for f in mended.verdict.failures if f.id == "school_rule"}
    units = mended.assessment.drop_duplicates("unit_id")
    still = sorted(
        set(units.loc[units["unit_id"].isin(failing), "school_id"]) & {x["school_id"] for x in rows}
    )
    cvs = []
    for stage, res in mended.stages.items():
        for key, cv in res.indicators.items():
            if problem.numerator(key) != "sports_area" or math.isnan(cv.cv):
                continue
            was = before.stages[stage].indicators[key].cv
            cvs.append(
                {
                    "stage": stage,
                    "before": round(float(was), 3),
                    "after": round(float(cv.cv), 3),
                    "limit": cv.limit,
                    "met": bool(cv.met),
                    "causes": "" if cv.met else cause_text(
                        cv_causes(mended, stage, key), when="目标学年", scenario=SCENARIOS["land"]),
                    "below": "" if cv.met else below_text(mended, stage, key, "目标学年", SCENARIOS["land"]),
                }
            )
    return {
        "schools_failing": still,
        "cvs": cvs,
        "passes": not any(fails(f) for f in mended.verdict.failures),
    }


def path_lines(path: dict[str, Any] | None, recurring_years: int = 5) -> list[str]:
    """The plan's words on the path: what it assumes per school, at what price and when,
    and whether the re-check then passes.

    >>> path = {"remedy": "adjacent_land", "remedy_name": "置换或征用相邻用地建室外运动场",
    ...         "unit_price": 0.15, "land_unit_cost": 0.06, "fund_years": [2028, 2029],
    ...         "in_use_year": 2030, "total": 150.0, "counts": True,
    ...         "schools": [{"name": "第一初级中学", "stage": "junior", "short_m2": 1000,
    ...                      "area_m2": 1000, "built_m2": 1000.0, "cost": 150.0, "spare_m2": 300}],
    ...         "recheck": {"schools_failing": [], "passes": False, "cvs": [
    ...             {"stage": "junior", "before": 0.62, "after": 0.55, "limit": 0.45, "met": False}]}}
    >>> print("\\n".join(path_lines(path)))
    体育运动场馆面积本校用地放不下的部分（校内空地 = 占地面积 − 校舍建筑面积 − 体育运动场馆面积，按数据为下限，本方案先在空地上建室外体育运动场地）有三种解决途径：就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用），置换或征用相邻用地建室外运动场，迁建。本方案未安排这一部分，置换或征用相邻用地建室外运动场列为待决策的途径，未计入本方案总投资。如采用此途径，需在 2028—2029 学年安排资金，2030 学年方可投入使用：第一初级中学（初中）缺 1,000 平方米（需要场地 1,300 平方米，校内空地（两个方案建设前）300 平方米，已全部用于本方案的室内体育馆、室外场地），用地 1,000 平方米，150.00 万元；合计 150.00 万元（每平方米 1,500 元，用地 600 元 + 室外场地建设 900 元，测算取值，见“方案说明”表）。
    按评估办法复核：采用此途径后，全县仍不能通过复核。第一初级中学补足场地后通过学校达标复核；但初中生均体育运动场馆面积差异系数达标路径实施后 0.620，采用此途径后 0.550（限值 0.45），仍超过限值：本方案不能使其降到限值以下，须另行增加低于全县平均的学校的场地后方可申请复核。
    """
    if not path:
        return []
    built = ("室内体育馆或室外场地，室内体育馆每校有上限" if any(x.get("hall_m2") for x in path["schools"])
             else "室外体育运动场地")  # only what the plan builds there (brief va 1)
    head = (
        "体育运动场馆面积本校用地放不下的部分（校内空地 = 占地面积 − 校舍建筑面积 − 体育运动场馆面积，"
        f"按数据为下限，本方案先在空地上建{built}）有三种解决途径："
        f"{shared_use_words(path.get('lease'))}，置换或征用相邻用地建室外运动场，迁建。"
    )
    schools = "；".join(_school_text(x, path["unit_price"]) for x in path["schools"])
    years = path["fund_years"]
    span = f"{years[0]}—{years[-1]}" if len(years) > 1 else f"{years[0]}"
    if path["unit_price"] is None:
        return [
            head
            + f"本方案假设：{path['remedy_name']}，须另行立项（按新建学校测算），本方案不计价：{schools}。"
            "迁建前按原址复核，仍不达标。"
        ]
    price = path["unit_price"] * 10_000
    basis = (
        f"用地 {path['land_unit_cost'] * 10_000:,.0f} 元 + 室外场地建设 "
        f"{price - path['land_unit_cost'] * 10_000:,.0f} 元"
        if path["remedy"] == "adjacent_land"
        else f"租金按 {recurring_years} 年计"
    )
    first = (
        head + f"本方案未安排这一部分，{path['remedy_name']}列为待决策的途径，未计入本方案总投资。"
        f"如采用此途径，需在 {span} 学年安排资金，{path['in_use_year']} 学年方可投入使用{_late(path)}："
        f"{schools}；合计 {path['total']:,.2f} 万元（每平方米 {price:,.0f} 元，{basis}，测算取值，"
        f"见“方案说明”表）。{_cheaper(path)}"
    )
    return [first, _recheck_text(path)]


def _cheaper(path: dict[str, Any]) -> str:
    """Where the assumed ground costs less a m² than a hall: land, once it can be had, may
    replace part of the halls (review ca item 2).

    >>> _cheaper({"remedy": "adjacent_land", "unit_price": 0.15, "hall_price": 0.42})
    '按测算单价，相邻用地建室外场地每平方米 1,500 元，低于室内体育馆 4,200 元：用地能够取得的学校，室内体育馆可以少建，应先论证用地再定场馆规模。'
    >>> _cheaper({"remedy": "shared_use", "unit_price": 0.015, "hall_price": 0.42})
    ''
    """
    hall = path.get("hall_price")
    if path["remedy"] != "adjacent_land" or not hall or path["unit_price"] >= hall:
        return ""
    return (
        f"按测算单价，相邻用地建室外场地每平方米 {path['unit_price'] * 10_000:,.0f} 元，低于室内体育馆 "
        f"{hall * 10_000:,.0f} 元：用地能够取得的学校，室内体育馆可以少建，应先论证用地再定场馆规模。"
    )


def _late(path: dict[str, Any]) -> str:
    """What a path in use after the target year adds (the plan's day leaves too few years).

    >>> _late({"in_use_year": 2028, "target_year": 2026}), _late({"in_use_year": 2026, "target_year": 2026})
    ('（晚于目标学年 2026 学年）', '')
    """
    target = path.get("target_year", path["in_use_year"])
    return f"（晚于目标学年 {target} 学年）" if path["in_use_year"] > target else ""


def _school_text(x: dict, price: float | None) -> str:
    """One school's share of the path; a school shared with a 高中 names the 高中's land and,
    priced (``price``: 万元 per m²), what it costs outside every total (review re finding 4:
    第四中学's other 16,305 m², about 2,445.75 万元, were in no figure); the land this plan buys
    is the compulsory part, the rest 高中's to decide (rv3 5: 11,052 m² for 747 juniors' 2,155).

    >>> x = {"name": "第四中学", "stage": "junior", "short_m2": 3410, "area_m2": 3410,
    ...      "built_m2": 19715.0, "cost": 511.5}
    >>> print(_school_text(x, 0.15))
    第四中学（初中）缺 3,410 平方米，与高中共用：本方案为义务教育阶段用地 3,410 平方米（此项计价的面积）；按评估办法按学生拆分，全校须用地 19,715 平方米方能计足，其余 16,305 平方米为高中部分，由高中经费决定是否购置（约 2,445.75 万元，不计入此项合计），511.50 万元

    (19,715 − 3,410 = 16,305 m² × 0.15 万元 = 2,445.75 万元.)
    """
    stage = STAGE_LABELS.get(x["stage"], x["stage"])
    # the school's whole m² first, a unit's part of them beside (brief hp 2: 缺 111 … 用地 186)
    part = (f"（{stage}部分按评估办法按学生拆分计 {x['short_m2']:,} 平方米）"
            if x["area_m2"] > x["short_m2"] else "")
    text = f"{x['name']}（{stage}）缺 {max(x['area_m2'], x['short_m2']):,} 平方米{part}{_ground_text(x)}"
    if x["built_m2"] > x["area_m2"] + 0.5:
        senior = round(x["built_m2"]) - x["area_m2"]
        money = (f"（约 {senior * price:,.2f} 万元，不计入此项合计）" if price is not None else "")
        text += (  # rv3 5: the land bought is the juniors'; the rest is named as 高中's
            f"，与高中共用：本方案为义务教育阶段用地 {x['area_m2']:,} 平方米（此项计价的面积）；按评估办法"
            f"按学生拆分，全校须用地 {x['built_m2']:,.0f} 平方米方能计足，其余 {senior:,} 平方米为高中部分，"
            f"由高中经费决定是否购置{money}"
        )
    else:
        text += f"，用地 {x['area_m2']:,} 平方米"
    return text + (f"，{x['cost']:,.2f} 万元" if price is not None else "")


def _recheck_text(path: dict[str, Any]) -> str:
    """The re-check with the path: the county's result first, then which schools pass the school
    rule and each sports CV (brief hwords3 1: 「采用后这些学校均通过学校达标复核」 beside a county
    that fails read as a pass).

    >>> print(_recheck_text({"counts": True, "schools": [{"school_id": "A", "name": "甲中学"},
    ...     {"school_id": "B", "name": "乙中学"}], "recheck": {"schools_failing": ["B"],
    ...     "passes": False, "cvs": []}}))
    按评估办法复核：采用此途径后，全县仍不能通过复核。甲中学补足场地后通过学校达标复核；乙中学仍未通过学校达标复核。
    """
    check = path.get("recheck")
    if not path["counts"] or check is None:
        return (
            "按评估办法复核：租用或协议使用的校外场地不计入学校体育运动场馆面积（本省未规定可以计入），"
            "这些学校该项仍不达标，全县仍不能通过复核。"
        )
    verdict = "全县可以通过复核" if check["passes"] else "全县仍不能通过复核"
    left = set(check["schools_failing"])
    passed = "、".join(x["name"] for x in path["schools"] if x.get("school_id") not in left)
    failed = "、".join(x["name"] for x in path["schools"] if x.get("school_id") in left)
    schools = "；".join(
        ([f"{passed}补足场地后通过学校达标复核"] if passed else [])
        + ([f"{failed}仍未通过学校达标复核"] if failed else []))
    said = [c for c in check["cvs"] if c["before"] > c["limit"] or not c["met"]]
    but = "但" if schools and any(not c["met"] for c in said) else ""
    cvs = but + "；".join(_cv_text(c) for c in said)
    return f"按评估办法复核：采用此途径后，{verdict}。" + "；".join(x for x in (schools, cvs) if x) + "。"


def _cv_text(c: dict[str, Any]) -> str:
    """One sports CV before → after the path; one still over its limit says plainly that the
    plan does not bring it under, and which schools hold most of it (``causes``,
    :func:`~junheng.planning.cv_causes.cause_text`; planner review 2026-12-05 finding 16:
    小学 0.642 → 0.642 with nothing said of why or what next).

    >>> c = {"stage": "primary", "before": 0.642, "after": 0.642, "limit": 0.5, "met": False,
    ...      "causes": "偏离全县平均最多的是甲小学（高于平均，目标学年 237 人，生均 58.9 平方米，全县平均 20.8 平方米），合占学生加权离差平方和的 24%，差距分散在多所学校",
    ...      "below": "低于全县平均（20.8 平方米）最多的是乙小学（目标学年 1,481 人，生均 6.8 平方米）"}
    >>> print(_cv_text(c))
    小学生均体育运动场馆面积差异系数达标路径实施后 0.642，采用此途径后 0.642（限值 0.50），仍超过限值（此途径不涉及小学学校，数值不变）：本方案不能使其降到限值以下，须另行增加低于全县平均的学校的场地后方可申请复核：低于全县平均（20.8 平方米）最多的是乙小学（目标学年 1,481 人，生均 6.8 平方米）；偏离全县平均最多的是甲小学（高于平均，目标学年 237 人，生均 58.9 平方米，全县平均 20.8 平方米），合占学生加权离差平方和的 24%，差距分散在多所学校
    """
    stage = STAGE_LABELS[c["stage"]]
    text = (f"{stage}生均体育运动场馆面积差异系数达标路径实施后 {cv3(c['before'])}，采用此途径后 {cv3(c['after'])}"
            f"（限值 {c['limit']:.2f}），")  # each figure with its state (rv13 4)
    if c["met"]:
        return text + "达到限值要求"
    same = f"（此途径不涉及{stage}学校，数值不变）" if cv3(c["before"]) == cv3(c["after"]) else ""
    why = f"；{c['causes']}" if c.get("causes") else ""
    below = f"：{c['below']}" if c.get("below") else ""
    return (f"{text}仍超过限值{same}：本方案不能使其降到限值以下，须另行增加低于全县平均的学校的场地"
            f"后方可申请复核{below}{why}")


def hall_rows(
    problem: ComplianceProblem,
    before: Evaluation | None,
    after: Evaluation | None,
    actions: pd.DataFrame,
) -> list[dict[str, Any]]:
    """Per unit of a school the plan builds a hall at (review ca item 2: 77 % of the money
    for a CV move of 0.639 → 0.637): its sports area per pupil before and after the plan,
    the standard and the school rule's floor (``floor_ratio`` of it), so the plan can say
    what the halls are for."""
    if before is None or after is None or actions.empty:
        return []
    halls = actions[actions["item"] == "gym"]
    if halls.empty:
        return []
    rule = problem.standard.school_rule
    sports = [
        i.id
        for i in problem.standard.resource_indicators
        if problem.numerator(i.id) == "sports_area"
    ]
    now = after.assessment.set_index(["unit_id", "indicator"])["value"]
    a = before.assessment
    a = a[a["indicator"].isin(sports) & a["school_id"].isin(set(halls["school_id"]))]
    area = halls.groupby("school_id")["quantity"].sum()
    cost = halls.groupby("school_id")["cost"].sum() if "cost" in halls else area * 0.0
    fees = actions[actions["item"] == "sports"]  # the 体育场馆 project's fee, once a school
    fee = fees.groupby("school_id")["cost"].sum() if "cost" in fees else pd.Series(dtype=float)
    names = problem.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    return [
        {
            "school_id": r.school_id,
            "name": str(names.get(r.school_id, r.school_id)),
            "stage": r.stage,
            "hall_m2": round(float(area[r.school_id]), 2),
            "cost": round(float(cost[r.school_id]), 2),
            "fee": round(float(fee.get(r.school_id, 0.0)), 2),
            "before": round(float(r.value), 2),
            "after": round(float(now.get((r.unit_id, r.indicator), np.nan)), 2),
            "standard": float(r.threshold),
            "floor": round(rule.floor_ratio * r.threshold, 2),
            "margin": problem.costs.floor_margin,
            "target": round(rule.floor_ratio * r.threshold * (1 + problem.costs.floor_margin), 2),
        }
        for r in a.itertuples()
        if r.value < r.threshold
    ]


def hall_text(halls: list[dict[str, Any]], cvs: str = "") -> str:
    """Why the plan builds its halls, in figures (``cvs``: the sports CVs before → after).

    >>> hall_text([{"name": "第一初级中学", "stage": "junior", "hall_m2": 3000.0, "cost": 1270.0,
    ...             "before": 4.8, "after": 6.34, "standard": 10.2, "floor": 8.67},
    ...            {"name": "东城小学", "stage": "primary", "hall_m2": 495.0, "cost": 217.9,
    ...             "before": 6.2, "after": 7.1, "standard": 7.5, "floor": 6.38}], "初中 0.679 → 0.623")
    '新建室内体育馆不是为了差异系数（初中 0.679 → 0.623）：学校达标复核要求每所学校至少 6 项指标达到标准、其余不低于标准的 85%；建馆学校的生均体育运动场馆面积：第一初级中学（初中）生均 4.8 → 6.34 平方米（标准 10.2、85% 为 8.67；建到每校上限仍低于 85%，见上文解决途径；3,000 平方米 1,270.00 万元）；东城小学（小学）生均 6.2 → 7.10 平方米（标准 7.5、85% 为 6.38；495 平方米 217.90 万元）。仅建室内体育馆，第一初级中学（体育馆 1,270.00 万元）生均体育运动场馆面积仍低于标准的 85%，学校达标复核仍不能通过；须采用上文解决途径之一才能达到'
    """
    if not halls:
        return ""
    parts = []
    for h in halls:
        short = "；建到每校上限仍低于 85%，见上文解决途径" if h["after"] < h["floor"] else ""
        parts.append(
            f"{h['name']}（{STAGE_LABELS.get(h['stage'], h['stage'])}）生均 "
            f"{trimmed(h['before'], 2)} → {apart(h['after'], h['floor'])} 平方米（标准 {trimmed(h['standard'], 2)}、"
            f"85% 为 {trimmed(h['floor'], 2)}{_margin_text(h)}{short}；{h['hall_m2']:,.0f} 平方米 {h['cost']:,.2f} 万元"
            f"{_fee_text(h)}）"
        )
    why = f"（{cvs}）" if cvs else ""
    return (
        f"新建室内体育馆不是为了差异系数{why}：学校达标复核要求每所学校至少 6 项指标达到标准、其余不低于"
        "标准的 85%；建馆学校的生均体育运动场馆面积：" + "；".join(parts) + _halls_alone(halls)
    )


def _margin_text(h: dict[str, Any]) -> str:
    """The margin the plan builds above the 85 % floor (review tb 4: 6.38 → 6.38 fails with
    one pupil more), said where the floor is.

    >>> _margin_text({"floor": 6.38, "margin": 0.02, "target": 6.5}), _margin_text({"floor": 6.38})
    ('，按 2% 余量规划到 6.5', '')

    (0.85 × 7.5 × 1.02 = 6.5025.)
    """
    m = h.get("margin") or 0.0
    return f"，按 {m:.0%} 余量规划到 {trimmed(h['target'], 2)}" if m else ""


def _fee_text(h: dict[str, Any]) -> str:
    """The 体育场馆 project's fee beside a hall's price, so the school's amount in the
    project's list (hall + fee) is the one here too (planner review tb 5: 1,270.00 and
    1,260.00 万元 in one section).

    >>> _fee_text({"cost": 1260.0, "fee": 10.0}), _fee_text({"cost": 1260.0})
    ('，加体育场馆项目前期与管理费用 10.00 万元共 1,270.00 万元', '')
    """
    fee = h.get("fee") or 0.0
    return f"，加体育场馆项目前期与管理费用 {fee:,.2f} 万元共 {h['cost'] + fee:,.2f} 万元" if fee else ""


def _halls_alone(halls: list[dict[str, Any]]) -> str:
    """The plain sentence the signer needs (review2 item 3): which schools the halls alone
    leave under 85 % of the standard, and what those halls cost.

    >>> _halls_alone([{"name": "甲", "after": 6.34, "floor": 8.67, "cost": 1270.0},
    ...               {"name": "乙", "after": 6.44, "floor": 8.67, "cost": 1270.0},
    ...               {"name": "丙", "after": 7.1, "floor": 6.38, "cost": 217.9}])
    '。仅建室内体育馆，甲、乙 2 所学校（体育馆合计 2,540.00 万元）生均体育运动场馆面积仍低于标准的 85%，学校达标复核仍不能通过；须采用上文解决途径之一才能达到'
    >>> _halls_alone([{"name": "丙", "after": 7.1, "floor": 6.38, "cost": 217.9}])
    ''
    """
    short = [h for h in halls if h["after"] < h["floor"]]
    if not short:
        return ""
    names = "、".join(h["name"] for h in short)
    cost = sum(h["cost"] for h in short)
    who = f"{names} {len(short)} 所学校（体育馆合计" if len(short) > 1 else f"{names}（体育馆"
    return (
        f"。仅建室内体育馆，{who} {cost:,.2f} 万元）生均体育运动场馆面积仍低于"
        "标准的 85%，学校达标复核仍不能通过；须采用上文解决途径之一才能达到"
    )


#: the items that add sports area at a school (a 体育场馆 or 租用 project)
SPORTS_ITEMS = ("field", "gym", "lease")
#: the school rule's one exception, in the standard's words (教督〔2017〕6号)
ONE_BELOW = "优质均衡要求每所学校至多一项指标低于要求、且不低于标准的 85%"


def floor_rows(problem: ComplianceProblem, after: Evaluation | None,
               actions: pd.DataFrame) -> list[dict[str, Any]]:
    """Per unit of a school the plan adds sports area at whose sports area per pupil stays
    below the standard after the plan (planned to the school rule's floor with its margin,
    model row (5)) while its other indicators all meet it: the one indicator below standard
    the school may have is this one (brief va 2: 第一初级中学's field at 85 % × 1.02 used it up
    and no document said so). A school with another indicator below standard gets no such
    row: the model's row (6) lifts its sports area to the standard. A school the plan adds
    nothing to is listed too when its area is within the same margin of the floor
    (:func:`near_floor`: 第四小学, built to 85 % × 1.02 by the layout, review rv11 8)."""
    if after is None:
        return []
    built = set() if actions.empty else set(actions.loc[actions["item"].isin(SPORTS_ITEMS), "school_id"])
    below = after.assessment[~after.assessment["met"].fillna(False).astype(bool)]
    sports = {i.id for i in problem.standard.resource_indicators
              if problem.numerator(i.id) == "sports_area"}
    alone = below.groupby("unit_id")["indicator"].agg(lambda k: set(k) <= sports and len(k) == 1)
    rule, margin = problem.standard.school_rule, problem.costs.floor_margin
    names = problem.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    units = after.units.set_index("unit_id")  # the unit's pupils and its part of the area
    rows = [{"school_id": r.school_id, "name": str(names.get(r.school_id, r.school_id)),
             "stage": r.stage, "after": round(float(r.value), 2), "standard": float(r.threshold),
             "floor": round(rule.floor_ratio * r.threshold, 2), "margin": margin,
             "target": round(rule.floor_ratio * r.threshold * (1 + margin), 2),
             "others": len(problem.indicators) - 1, "ratio": float(rule.floor_ratio),
             "pupils": int(round(float(units.at[r.unit_id, "students"]))),
             "area": round(float(units.at[r.unit_id, "sports_area"]), 2)}
            for r in below[below["indicator"].isin(sports)].itertuples()
            if alone.get(r.unit_id, False) and r.value >= rule.floor_ratio * r.threshold - 1e-9]
    return [r for r in rows if r["school_id"] in built or near_floor(r)]


def near_floor(row: dict[str, Any]) -> bool:
    """Whether a floor row's area holds no more pupils above its ``pupils`` than its ``margin``
    (rounded up) and one: the schools a 2 % margin was planned for.

    第四小学: 5,495 m² at 0.85 × 7.5 = 6.375 m² hold 861 pupils, so 17 more than its 845 fall
    below; ⌈0.02 × 845⌉ + 1 = 18 ≥ 17, so it is near; 6,000 m² hold 941 (97 more): not near.

    >>> row = {"area": 5495.0, "pupils": 845, "standard": 7.5, "ratio": 0.85, "margin": 0.02}
    >>> near_floor(row), near_floor({**row, "area": 6000.0})
    (True, False)
    """
    most = math.floor(row["area"] / (row["ratio"] * row["standard"]) + 1e-9)
    return most - row["pupils"] + 1 <= math.ceil(row["margin"] * row["pupils"] - 1e-9) + 1


def sports_reasons(doc: dict[str, Any], cvs: str = "") -> str:
    """The sports project's sentences after its paragraph: why the halls (:func:`hall_text`),
    '' for none; the schools planned to the floor follow in a table
    (:func:`~junheng.report.compliance_floor.write_floor`)."""
    return hall_text(doc.get("halls") or [], cvs)


__all__ = ["floor_rows", "hall_rows", "hall_text", "path_lines", "short_schools",
           "sports_path", "sports_reasons", "unit_price"]
