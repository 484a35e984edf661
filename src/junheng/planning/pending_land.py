"""The schools that pass 学校达标 only with land the layout plan has not been granted (brief hland;
hsports, "pending is not passed").

The layout plan buys land beside a school for its sports field (rule (25), ``sports_land_area``:
扩充体育运动场地用地, 待决策, 须经自然资源部门确认用地). The 达标路径's re-check counts that land
as the school's own sports area (:func:`.compliance_layout._with_areas`, which keeps its whole m²
in ``layout_land_area``). A unit that passes with it and fails without it passes only on land
not yet granted: like a school whose new rooms have no site, its pass is 待核实 and not counted
(:func:`.compliance_summary.counted`). :func:`land_only` re-applies the school rule without the
land; the one rule every count reads.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from junheng.evaluate.indicators import apply_school_rule, meets

#: why such a pass is 待核实 (brief hland)
LAND = "扩充运动场地用地待自然资源部门确认"


def land_only(after: Any, facilities: pd.DataFrame | None, sports: frozenset[str],
              rule: Any) -> dict[str, float]:
    """Per unit passing in ``after`` (an Evaluation) that fails the school ``rule`` once the
    layout's land (``facilities``' ``layout_land_area``, whole m²) is taken off its sports area:
    its sports area per pupil without the land over the standard. A unit's part of the land is
    its part of the school's whole sports area (the evaluation's split): ``value × (1 − land / whole)``.

    东城小学, 595 pupils on 3,869 m² with 267 m² of it the layout's land, standard 7.5 m²:
    (3,869 − 267) / 595 = 6.054 m² = 80.7 % of 7.5, below 85 %: it passes only with the land.

    >>> from types import SimpleNamespace
    >>> from junheng.standards.loader import SchoolRule
    >>> tidy = pd.DataFrame({"unit_id": ["D:primary"] * 2, "school_id": ["D"] * 2, "indicator": ["sports", "rooms"],
    ...                      "value": [3869 / 595, 3.0], "threshold": [7.5, 2.0]})
    >>> tidy["met"], tidy["ratio"] = meets(tidy["value"], tidy["threshold"]), tidy["value"] / tidy["threshold"]
    >>> after = SimpleNamespace(assessment=tidy, units=pd.DataFrame({"unit_id": ["D:primary"], "school_id": ["D"],
    ...                                                                "passes": [True]}))
    >>> f = pd.DataFrame({"school_id": ["D"], "sports_area": [3869.0], "layout_land_area": [267.0]})
    >>> rule = SchoolRule(min_met=1, floor_ratio=0.85)
    >>> {k: round(v, 4) for k, v in land_only(after, f, frozenset({"sports"}), rule).items()}
    {'D:primary': 0.8072}
    >>> {k: round(v, 4) for k, v in land_only(after, f.assign(layout_land_area=100.0), frozenset({"sports"}),
    ...                                       rule).items()}  # 3,769 / 595 / 7.5 = 84.46 %, still below
    {'D:primary': 0.8446}
    >>> land_only(after, f.assign(layout_land_area=50.0), frozenset({"sports"}), rule)  # 3,819 / 595 = 85.6 %
    {}
    """
    if after is None or rule is None or facilities is None or "layout_land_area" not in facilities:
        return {}
    f = facilities.drop_duplicates("school_id").set_index("school_id")
    land = f["layout_land_area"].fillna(0.0).astype(float)
    land = land[land > 0]
    units = after.units
    passing = units[units["passes"].fillna(False).astype(bool) & units["school_id"].isin(land.index)]
    if land.empty or passing.empty:
        return {}
    tidy = after.assessment[after.assessment["unit_id"].isin(passing["unit_id"])].copy()
    on = tidy["indicator"].isin(sports)
    whole = tidy["school_id"].map(f["sports_area"].astype(float))
    cut = (1.0 - tidy["school_id"].map(land) / whole).clip(lower=0.0)  # as without_land, vectorised
    tidy.loc[on, "value"] = tidy.loc[on, "value"] * cut[on]
    tidy["met"] = meets(tidy["value"], tidy["threshold"])
    tidy["ratio"] = (tidy["value"] / tidy["threshold"]).where(tidy["threshold"] > 0)
    passes = apply_school_rule(tidy, rule)["passes"].fillna(False).astype(bool)
    share = tidy[on].drop_duplicates("unit_id").set_index("unit_id")["ratio"]
    return {str(u): float(share.get(u, float("nan"))) for u in passes.index[~passes]}


def land_clause(shares: list[float], stages: str = "", labels: list[str] | None = None,
                others: list[list[str]] | None = None) -> str:
    """「，不计该用地生均体育运动场馆面积为标准的 80.7%」: the share of the standard without the
    land (:func:`land_only`) of one unit, or of several in order (依次); ``stages`` names their
    stages (「小学、初中」) where a school has more than one. Every text that holds a pass 待核实 for
    land says it so (:func:`.compliance_summary.held_units`, :func:`.layout_sports.land_held`),
    with ``labels`` (what each share is of: a stage, a school) the reason a share not below the
    85 % floor still fails (:func:`floor_reason`, naming ``others``).

    >>> land_clause([0.8072]), land_clause([0.996, 0.806], "小学、初中")
    ('，不计该用地生均体育运动场馆面积为标准的 80.7%', '，不计该用地小学、初中生均体育运动场馆面积依次为标准的 99.6%、80.6%')
    >>> land_clause([0.763, 0.996], labels=["第四小学", "新区实验学校"], others=[[], ["生均教学及辅助用房面积"]])
    '，不计该用地生均体育运动场馆面积依次为标准的 76.3%、99.6%；新区实验学校虽不低于 85%，但另有生均教学及辅助用房面积低于标准，生均体育运动场馆面积须达到标准'
    """
    got = "、".join(f"{v:.1%}" for v in shares)
    said = f"，不计该用地{stages}生均体育运动场馆面积{'依次' if len(shares) > 1 else ''}为标准的 {got}"
    return said + (floor_reason(shares, labels, others) if labels is not None else "")


def floor_reason(shares: list[float], labels: list[str], others: list[list[str]] | None = None) -> str:
    """Why a unit passing only with its land is held 待核实 though its share without the land is
    not below the 85 % floor (the school rule's ``floor_ratio``): another of its indicators is
    below the standard already (``others``: their names per unit, :func:`land_passing`), so this
    one must reach it (review rv19: 新区实验学校's 小学 99.6 %; brief hstaff2 4: the 整改措施's 表 1
    said 99.6 % without it; rv21: 「另有指标」 named none; rv23 2: 「此项」 after the named
    indicator read as that one, so the sports area is named again); "" when every share is below. Units
    below the standard in the same indicators share a clause; without ``others`` the indicator
    is not named.

    >>> floor_reason([0.996, 0.806], ["小学", "初中"], [["每百名学生拥有县级以上骨干教师数"], []])
    '；小学虽不低于 85%，但另有每百名学生拥有县级以上骨干教师数低于标准，生均体育运动场馆面积须达到标准'
    >>> floor_reason([0.996, 0.806], ["小学", "初中"]), floor_reason([0.80], ["该校"])
    ('；小学虽不低于 85%，但另有指标低于标准，生均体育运动场馆面积须达到标准', '')
    >>> floor_reason([0.90, 0.95], ["甲", "乙"], [["生均教学仪器设备值"], ["生均教学仪器设备值"]])
    '；甲、乙虽不低于 85%，但另有生均教学仪器设备值低于标准，生均体育运动场馆面积须达到标准'
    """
    from junheng.standards import load_standard

    floor = float(load_standard("quality-2017").school_rule.floor_ratio)
    named = others if others is not None and len(others) == len(labels) else [[] for _ in labels]
    by: dict[tuple[str, ...], list[str]] = {}
    for label, v, names in zip(labels, shares, named, strict=True):
        if v >= floor - 1e-9:
            by.setdefault(tuple(names), []).append(label)
    return "".join(f"；{'、'.join(high)}虽不低于 {floor:.0%}，但另有{'、'.join(names) or '指标'}低于标准，生均体育运动场馆面积须达到标准"
                   for names, high in by.items())


def without_land(value: float, land: float, whole: float) -> float:
    """A per-pupil sports area ``value`` without its school's ``land`` of ``whole`` m² (the
    unit's part of the land is its part of the whole, :func:`land_only`).

    >>> round(without_land(3869 / 595, 267.0, 3869.0) / 7.5, 4)  # 东城小学: (3,869 − 267) / 595 / 7.5
    0.8072
    """
    return value * max(1.0 - land / whole, 0.0) if whole > 0 else value


def plan_land(plan: Any) -> dict[str, float]:
    """:func:`land_only` of a 达标路径 plan: its re-check, the county it evaluated (``after``)
    and its standard's sports indicators; {} without a re-check."""
    if plan.evaluation is None or plan.after is None:
        return {}
    p = plan.problem
    sports = frozenset(i.id for i in p.standard.resource_indicators if p.numerator(i.id) == "sports_area")
    return land_only(plan.evaluation, plan.after.facilities, sports, p.standard.school_rule)


def land_passing(units: pd.DataFrame, stage: str, land: dict[str, float],
                 gaps: pd.DataFrame | None = None) -> dict[str, list]:
    """A stage's units of ``land`` (:func:`land_only`) in the units' order: ``land_passing``
    (names) and ``land_shares`` (their share of the standard without the land, 0.1 %); {}
    without one (a unit held apart for another reason too is held once:
    :func:`.compliance_summary.held`). With ``gaps`` (the re-check's unit × indicator not met,
    :func:`~junheng.evaluate.gaps.unit_gaps`), ``land_others``: per unit whose share is not below
    the floor, the indicators below the standard that make it fail without the land (rv21: 「另有
    指标低于标准」 named none). Such a unit passes with the land and fails without it though the
    land leaves its sports area at the floor or above: without the land its sports area falls below
    the standard and the indicators below it are one too many, so with the land its sports area
    meets the standard and those below it are the others; key left out when no unit has any.

    >>> units = pd.DataFrame({"unit_id": ["D:primary", "S:primary"], "school_id": ["D", "S"],
    ...                       "stage": ["primary", "primary"], "name": ["东城小学", "第四小学"]})
    >>> land_passing(units, "primary", {"S:primary": 0.7632, "D:primary": 0.8072})
    {'land_passing': ['东城小学', '第四小学'], 'land_shares': [0.807, 0.763]}
    >>> land_passing(units, "junior", {"S:primary": 0.7632})
    {}
    >>> gaps = pd.DataFrame({"unit_id": ["S:primary", "D:primary"],
    ...                      "indicator_name": ["生均教学仪器设备值", "每百名学生拥有网络多媒体教室数"]})
    >>> land_passing(units, "primary", {"S:primary": 0.996, "D:primary": 0.8072}, gaps)["land_others"]
    [[], ['生均教学仪器设备值']]
    """
    if not land or "unit_id" not in units:
        return {}
    part = units[(units["stage"] == stage) & units["unit_id"].astype(str).isin(land)]
    if part.empty:
        return {}
    names = part["name"] if "name" in part else part["school_id"]
    out: dict[str, list] = {"land_passing": [str(n) for n in names],
                            "land_shares": [round(land[str(u)], 3) for u in part["unit_id"]]}
    if gaps is not None and not gaps.empty:
        from junheng.standards import load_standard

        floor = float(load_standard("quality-2017").school_rule.floor_ratio)
        below = gaps.groupby(gaps["unit_id"].astype(str))["indicator_name"].agg(list)
        others = [[str(n) for n in below.get(str(u), [])] if round(land[str(u)], 3) >= floor - 1e-9 else []
                  for u in part["unit_id"]]
        if any(others):
            out["land_others"] = others
    return out
