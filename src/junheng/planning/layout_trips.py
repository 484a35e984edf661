"""The journeys a layout plan asks of its pupils, in figures a planner must argue (论证)
(review finding 4: pupils of closed 教学点 travelling up to 29 minutes, with times estimated
from straight lines and no word of a school bus).

* :func:`trip_figures`: per column of the comparison, the day pupils of grades 1–3 whose
  one-way trip exceeds ``review_minutes_grades_1_3`` (default 20; their limit stays
  ``day_travel_limit_min``) and the pupils who ride the school bus every day
  (:func:`~.layout_config.bus_riders`): day pupils living more than ``school_bus_km``
  (default 5) in a straight line from their school, and pupils who must board by the rule
  but have no bed (their trip is over ``day_travel_limit_min``: they travel daily by bus;
  planner review: 49 of them were left out of the 1,288). The bus is priced by
  ``weights.school_bus_yuan_per_pupil_year`` (:mod:`~.layout_costs`).
* :func:`closure_trip_notes`: per closed school, where its pupils' times are straight-line
  estimates, which grade 1–3 journeys need 论证, and how many of its pupils need a bus.

Of the rows below 21 day pupils live beyond 5 km (12 + 9), and 15 of the 77 who must board
at 31.7 minutes have no bed (77 − 62 boarders): 36 ride the bus, 15 of them without a bed.

>>> import pandas as pd
>>> cfg = type("Cfg", (), {"review_minutes_grades_1_3": 20.0, "school_bus_km": 5.0,
...     "day_travel_limit_min": 30.0,
...     "detour_factor": 1.3, "speed_kmh_rural": 25.0, "speed_kmh_urban": 12.0})()
>>> a = pd.DataFrame({"group": ["grades_1_3", "grades_1_3", "grades_4_6", "grades_7_9", "grades_7_9"],
...     "demand": [12, 30, 9, 40, 77], "travel_min": [29.08, 14.0, 29.0, 50.0, 31.7],
...     "distance_km": [9.32, 4.3, 9.3, 16.0, 4.9], "boarding": [False, False, False, True, True],
...     "board_share": [0.0, 0.0, 0.0, 1.0, 62 / 77],
...     "village_name": ["王后庄村", "甲村", "王后庄村", "乙村", "丙村"], "site_id": "S",
...     "village_code": ["1", "2", "1", "3", "4"], "before_site": ["P", "P", "P", "Q", "P"]})
>>> trip_figures(a, cfg)
{'young_day_over_review': 12, 'day_pupils_need_bus': 36, 'bus_pupils_without_bed': 15, 'day_pupils_over_limit': 15, 'boarders': 102}
>>> closure_trip_notes(a, cfg, ["P"], None)["P"]
'；通行时间按直线距离估算（直线距离 × 绕行系数 1.3，镇村 25 公里/小时、城区 12 公里/小时），需按实际道路核实；一至三年级单程超过 20 分钟、需论证：王后庄村 12 人（29.1 分钟）；需安排校车接送 36 人（走读直线距离超过 5 公里 21 人，按规则须寄宿但没有床位、每日往返 15 人）'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.model.memo import per_value
from junheng.planning.layout_config import bus_riders


def speed_words(rules, cfg=None) -> str:
    """The speeds trips are timed at, for the straight-line caveat: 镇村, 城区 and, where the
    plan has it, the 城区 bus (:func:`~.layout_config.trip_minutes`); ``rules`` a plan's
    rules or ``cfg`` a config.

    >>> speed_words({"speed_kmh_rural": 25.0, "speed_kmh_urban": 12.0})
    '镇村 25 公里/小时、城区 12 公里/小时'
    >>> speed_words({"speed_kmh_rural": 25.0, "speed_kmh_urban": 12.0, "speed_kmh_urban_bus": 20.0,
    ...              "school_bus_km": 5.0})
    '镇村 25 公里/小时、城区 12 公里/小时、城区直线超过 5 公里乘车 20 公里/小时'
    """
    def get(key):
        return getattr(cfg, key, None) if cfg is not None else rules.get(key)

    text = f"镇村 {get('speed_kmh_rural'):g} 公里/小时、城区 {get('speed_kmh_urban'):g} 公里/小时"
    if get("speed_kmh_urban_bus") is None:
        return text
    return text + f"、城区直线超过 {get('school_bus_km'):g} 公里乘车 {get('speed_kmh_urban_bus'):g} 公里/小时"


def _day(assign: pd.DataFrame) -> pd.Series:
    return ~assign["boarding"].fillna(False).astype(bool)


def _young_far(assign: pd.DataFrame, cfg) -> pd.Series:
    return (_day(assign) & (assign["group"] == "grades_1_3")
            & (assign["travel_min"] > cfg.review_minutes_grades_1_3 + 1e-9))


def riders(assign: pd.DataFrame, cfg) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the pupils who ride the school bus daily (its pupils less its boarders as
    :func:`shown_boarders` counts them, where :func:`~.layout_config.bus_riders`), and of
    them those who must board by the rule (no bed for them)."""
    d = assign["demand"].to_numpy(float)
    ride = bus_riders(assign["distance_km"], assign["travel_min"], cfg) & ~checked_rows(assign)
    pupils = np.where(ride, np.maximum(d - shown_boarders(assign), 0.0), 0.0)
    return pupils, np.where(_day(assign).to_numpy(bool), 0.0, pupils)


def checked_rows(assign: pd.DataFrame) -> np.ndarray:
    """Per row, a school's own boarders at a rate that is a data-check item
    (:func:`~.layout_zoning.checked_boarders`): their minutes are their community's, not their
    trip, so those its beds leave are neither 走读超时 nor bus riders (review rv3 3: 走读超时 31
    beside 36 bus riders 须寄宿但没有床位, the 5 of 北苑社区 at 实验中学); nor are they costed as
    riders, in the solver's pair costs (layout_data.pair_cost), the plan's cost table
    (layout_costs.cost_parts) or the checker's objective (review ht 5: 1.50 万元 a year)."""
    from junheng.planning.layout_zoning import checked_boarders

    if not {"pinned", "before_site", "village_code"} <= set(assign.columns) or not (
            assign["pinned"].fillna(False).astype(bool).any()):  # checked_boarders' own answer, without a copy
        return np.zeros(len(assign), bool)
    return checked_boarders(assign.rename(columns={"village_code": "village", "before_site": "before"}))


def checked_customers(customers: pd.DataFrame) -> pd.Series:
    """bool per customer of a layout problem (:func:`checked_rows`): a data-check school's own
    boarders, whose day part the solver's pair costs price as no bus rider (review ht 5)."""
    return pd.Series(checked_rows(customers), index=customers.index)


def trip_figures(assign: pd.DataFrame, cfg) -> dict[str, int]:
    """Grade 1–3 day pupils over the review minutes; the pupils who ride the bus and of them
    those without a bed (:func:`riders`); and :func:`pupil_counts`."""
    d = assign["demand"]
    ride, bedless = riders(assign, cfg)
    return {"young_day_over_review": int(d[_young_far(assign, cfg)].sum()),
            "day_pupils_need_bus": int(ride.sum()), "bus_pupils_without_bed": int(bedless.sum()),
            **pupil_counts(assign, cfg)}


def bus_clause(ride: float, bedless: float, bus_km: float) -> str:
    """How many need the bus and why ('' for none).

    >>> bus_clause(36, 15, 5.0), bus_clause(21, 0, 5.0), bus_clause(0, 0, 5.0)
    ('需安排校车接送 36 人（走读直线距离超过 5 公里 21 人，按规则须寄宿但没有床位、每日往返 15 人）', '需安排校车接送 21 人（走读直线距离超过 5 公里）', '')
    """
    ride, bedless = int(ride), int(bedless)
    if not ride:
        return ""
    why = (f"走读直线距离超过 {bus_km:g} 公里 {ride - bedless} 人，按规则须寄宿但没有床位、每日往返 {bedless} 人"
           if bedless else f"走读直线距离超过 {bus_km:g} 公里")
    return f"需安排校车接送 {ride} 人（{why}）"


def closure_text(own: str, kept: str) -> str:
    """A closure's own reason then its solve's (``kept``): the villages' destinations a sentence
    of their own (rv 6: 「…2 名教师调配划片村居规划年学生去向…」), as is a ``kept`` that came
    without its leading "；"; one that has it (需论证、通行时间…) follows on.

    >>> closure_text("并入乙小学（同乡镇）；2 名教师调配", "；划片村居规划年学生去向：甲村 3 人到乙小学")
    '并入乙小学（同乡镇）；2 名教师调配。划片村居规划年学生去向：甲村 3 人到乙小学'
    >>> closure_text("并入乙小学", "需论证：两校"), closure_text("并入乙小学", "；需论证：两校")
    ('并入乙小学。需论证：两校', '并入乙小学；需论证：两校')
    >>> closure_text("", "；划片"), closure_text("并入", "")
    ('；划片', '并入')
    """
    if own and kept and (kept.lstrip("；").startswith(TRIPS_HEAD) or not kept.startswith("；")):
        return f"{own.rstrip('；。')}。{kept.lstrip('；')}"
    return own + kept


#: the head of a closed school's villages' destinations (:func:`destinations`)
TRIPS_HEAD = "划片村居规划年学生去向"


def destinations(moved: pd.DataFrame, names: dict[str, str]) -> str:
    """Where a closed school's villages go, group by group (review 2026-12-03 finding 12: the
    reason named one receiver and the school's own expected pupils, the trip sheet another
    count).

    >>> moved = pd.DataFrame({"village_name": ["王后庄村", "王后庄村"], "group": ["grades_1_3", "grades_4_6"],
    ...                       "demand": [14, 6], "site_id": ["B", "C"]})
    >>> destinations(moved, {"B": "大龙堡村小学", "C": "中心小学"})
    '划片村居规划年学生去向（按各村适龄儿童推算，共 20 人；与按现有在校生推算的“预计在校”口径不同；各接收学校的人数按撤并学年的预计在校生依此去向分配）：王后庄村一至三年级 14 人到大龙堡村小学、四至六年级 6 人到中心小学'
    """
    from junheng.planning.layout_data import GROUP_LABELS

    parts, last = [], None
    for r in moved.sort_values(["village_name", "group"]).itertuples():
        who = "" if r.village_name == last else r.village_name
        parts.append(f"{who}{GROUP_LABELS[r.group]} {int(r.demand)} 人到{names.get(r.site_id, r.site_id)}")
        last = r.village_name
    # the total beside the school's own 预计在校, which is aged from its pupils by the town's
    # children (planner review: 预计在校 8 人 beside 14 pupils leaving read as a mistake); the
    # receivers take the school's pupils of its closing year in these shares (layout_small)
    total = f"共 {int(moved['demand'].sum()):,} 人；与按现有在校生推算的“预计在校”口径不同；各接收学校的人数按撤并学年的预计在校生依此去向分配"
    return (f"{TRIPS_HEAD}（按各村适龄儿童推算，{total}）：" + "、".join(parts[:6])
            + ("等" if len(parts) > 6 else ""))


@per_value  # a solve's plans before and after their floors share their assignments: 8 calls, 4 values on the demo
def closure_trip_notes(assign: pd.DataFrame, cfg, closed: list[str],
                       measured: set[tuple[str, str]] | None,
                       names: dict[str, str] | None = None) -> dict[str, str]:
    """Closed school id → where its pupils go (with ``names``: school id → name) and what
    their journeys need (each part starts with "；"). ``measured``: (village_code,
    school_id) pairs timed by the county's travel matrix."""
    out = {}
    for sid in closed:
        moved = assign[assign["before_site"] == sid]
        if moved.empty:
            continue
        keys = zip(moved["village_code"], moved["site_id"], strict=True)
        parts = [destinations(moved, names)] if names is not None else []
        if measured is None or any(k not in measured for k in keys):
            parts.append(f"通行时间按直线距离估算（直线距离 × 绕行系数 {cfg.detour_factor:g}，"
                         f"{speed_words({}, cfg)}），"
                         "需按实际道路核实")
        far = moved[_young_far(moved, cfg)].sort_values("travel_min", ascending=False)
        if len(far):
            trips = "、".join(f"{r.village_name} {int(r.demand)} 人（{r.travel_min:.1f} 分钟）"
                             for r in far.head(3).itertuples())
            more = f"等共 {int(far['demand'].sum())} 人" if len(far) > 3 else ""
            parts.append(f"一至三年级单程超过 {cfg.review_minutes_grades_1_3:g} 分钟、需论证：{trips}{more}")
        ride, bedless = riders(moved, cfg)
        if bus := bus_clause(ride.sum(), bedless.sum(), cfg.school_bus_km):
            parts.append(bus)
        if parts:
            out[sid] = "".join(f"；{p}" for p in parts)
    return out


#: What a grade 1–3 day trip over the review minutes needs (review item 16).
YOUNG_FAR_ACTION = ("需论证并听取家长意见（听证）；可选：就近保留教学点或一至三年级、安排校车接送、"
                    "调整划片到更近的学校")


def young_far_rows(assignments, review_minutes: float, names: dict[str, str],
                   day_limit: float | None = None) -> list[list]:
    """One row per grade 1–3 day group of the plan whose one-way trip exceeds
    ``review_minutes`` (``assignments``: the outcome's VillageAssignment rows), longest
    first: 村居代码, 村居名称, school id, school name, pupils, km, minutes, what it needs: a
    group kept at its school today beyond ``day_limit`` (the status quo, brief hstay) says so
    (:func:`stays_far_action`).

    >>> from junheng.planning.layout_outcome import VillageAssignment as VA
    >>> rows = young_far_rows([VA("V1", "grades_1_3", "S", 52, 3.94, 25.61, False),
    ...     VA("V2", "grades_1_3", "S", 12, 9.3, 29.08, False),
    ...     VA("V3", "grades_4_6", "S", 9, 9.3, 29.0, False),
    ...     VA("V4", "grades_1_3", "S", 30, 1.0, 6.5, False)], 20, {"S": "甲小学"})
    >>> [r[:7] for r in rows]  # 村居名称 beside the code (review rv15 15); none given here
    [['V2', '', 'S', '甲小学', 12, 9.3, 29.08], ['V1', '', 'S', '甲小学', 52, 3.94, 25.61]]
    """
    far = [a for a in assignments if a.stage_group == "grades_1_3" and not a.boarding
           and a.travel_min > review_minutes + 1e-9]
    return [[a.village_id, a.village_name, a.school_id, names.get(a.school_id, ""), a.students,
             round(a.distance_km, 2), round(a.travel_min, 2), stays_far_action(a, day_limit) or YOUNG_FAR_ACTION]
            for a in sorted(far, key=lambda a: (-a.travel_min, a.village_id))]


def stays_far_action(a, day_limit: float | None) -> str:
    """What a grade 1–3 group kept at its school today needs when that trip is already beyond
    ``day_limit`` ('' for any other group, or without a limit): the plan keeps the status quo.

    >>> from junheng.planning.layout_outcome import VillageAssignment as VA
    >>> stays_far_action(VA("V", "grades_1_3", "S", 4, 11.9, 37.05, False, before_school="S"), 30)
    '现状单程已超过走读上限 30 分钟，本方案就读学校不变；需听取家长意见，可选：安排校车接送、就近设教学点'
    >>> stays_far_action(VA("V", "grades_1_3", "S", 4, 11.9, 37.05, False, before_school="P"), 30)
    ''
    """
    if day_limit is None or a.school_id != a.before_school or a.travel_min <= day_limit + 1e-9:
        return ""
    return (f"现状单程已超过走读上限 {day_limit:g} 分钟，本方案就读学校不变；"
            "需听取家长意见，可选：安排校车接送、就近设教学点")


def shown_boarders(assign: pd.DataFrame) -> np.ndarray:
    """Boarders per row as the 学生分配 sheet shows them (layout_outcome.VillageAssignment:
    whole pupils times the share to 6 places, rounded per row), so that the rows add up to
    every total a table shows (planner review: 表2 8,380 against the sheet's 8,382).

    >>> a = pd.DataFrame({"demand": [3, 5, 77], "board_share": [0.5, 0.5, 0.84]})
    >>> shown_boarders(a).tolist()  # 1.5, 2.5 and 64.68 rounded half to even
    [2.0, 2.0, 65.0]
    """
    d = np.trunc(assign["demand"].to_numpy(float))
    share = np.round(assign["board_share"].fillna(0.0).to_numpy(float), 6)
    return np.round(d * share)


def pupil_counts(assign: pd.DataFrame, cfg) -> dict[str, int]:
    """A column's boarders, and its day pupils (pupils less boarders, as the 学生分配 sheet's
    其中走读) whose one-way trip exceeds ``day_travel_limit_min``: among them the pupils who
    board by the rule but stay day pupils because their school keeps too few beds (planner
    review: 表2 "走读超时学生数 0" beside 49 such day pupils in the sheet).

    >>> cfg = type("Cfg", (), {"day_travel_limit_min": 30.0})()
    >>> a = pd.DataFrame({"demand": [15, 77, 40, 9], "board_share": [0.0, 0.84, 1.0, 0.0],
    ...                   "travel_min": [33.96, 31.67, 45.0, 12.0],
    ...                   "boarding": [True, True, True, False]})
    >>> pupil_counts(a, cfg)  # 15 + (77 - 65); boarders 65 + 40
    {'day_pupils_over_limit': 27, 'boarders': 105}
    """
    d = np.trunc(assign["demand"].to_numpy(float))
    board = shown_boarders(assign)
    over = (assign["travel_min"].to_numpy(float) > cfg.day_travel_limit_min + 1e-9) & ~checked_rows(assign)
    return {"day_pupils_over_limit": int((d - board)[over].sum()), "boarders": int(board.sum())}


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The ``q`` quantile of ``values`` weighted by pupils (0 without pupils).

    >>> weighted_quantile(np.array([5.0, 30.0, 10.0]), np.array([90.0, 5.0, 5.0]), 0.95)
    10.0
    """
    if weights.sum() <= 0:
        return 0.0
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, q * cum[-1])])


#: 走读超时 when its pupils are all the bed-less bus riders (:func:`bedless_only`), one row;
#: what it counts said (rv18 4: 当前 counts today's bed-less stayers as the plan year does)
BEDLESS_ONLY = ("走读超时学生数（单程超过走读上限、不寄宿的学生，各列同一口径，当前按现有床位；各列均为{bedless}"
                "的学生，已含于上行需校车接送的学生数）")
#: who stays a day pupil over the limit (:func:`pupil_counts`): said by the row and the boarders' note (rv19 6)
BEDLESS_WORDS = "按规则须寄宿但没有床位、每日乘校车往返"
BEDLESS_ONLY = BEDLESS_ONLY.format(bedless=BEDLESS_WORDS)


def bedless_only(metrics) -> bool:
    """Are the 走读超时 pupils in every column exactly the bed-less bus riders (review rv10: two
    identical rows 「0 | 33 | 31 | -2」)? Then one row says both.

    >>> bedless_only({"before": {"day_pupils_over_limit": 33, "bus_pupils_without_bed": 33},
    ...               "after": {"day_pupils_over_limit": 31, "bus_pupils_without_bed": 31}})
    True
    """
    columns = [metrics[c] for c in ("now", "before", "after") if metrics.get(c)]
    return all("bus_pupils_without_bed" in c and c.get("day_pupils_over_limit") == c["bus_pupils_without_bed"]
               for c in columns)


#: how an 应留必留 reason says the plan keeps a 教学点 whose transfer only needs 论证 (rv29 11)
PENDING, PENDING_WHO = "待论证（建议保留）", "是否转学经论证、听证由局务会决定"


def nearest_receivers(problem, site: str, customers: pd.DataFrame) -> str:
    """Why an 应留必留 ``site`` stays, in minutes (rv18 audit 2: one template reason without
    them): per village and group of its ``customers``, the nearest other existing school
    teaching the group (no 教学点; its 乡镇 unless ``cross_town``), timed by the plan's own
    travel (``problem.travel``), where that trip is beyond the limit that bars it; '' where
    none is (another rule keeps the site: its reason says which).

    >>> cfg = type("Cfg", (), {"cross_town": False, "day_travel_limit_min": 30.0,
    ...     "boarding_travel_limit_min": 60.0, "review_minutes_grades_1_3": 20.0,
    ...     "keep_points_beyond_review": True})()
    >>> sites = pd.DataFrame({"name": ["甲教学点", "乙小学", "丙小学", "丁小学"],
    ...     "kind": ["teaching_point", "primary_school", "primary_school", "primary_school"],
    ...     "town_code": ["T", "T", "T", "U"], "existing": True}, index=["P", "A", "B", "C"])
    >>> cust = pd.DataFrame({"village_name": ["邵河村", "王村"], "group": "grades_1_3"}, index=[7, 8])
    >>> travel = pd.DataFrame({"customer": [7, 7, 7, 7, 8, 8], "site_id": ["P", "A", "B", "C", "A", "B"],
    ...     "travel_min": [3.0, 40.15, 33.96, 12.0, 25.04, 28.0]})
    >>> problem = type("Problem", (), {"config": cfg, "sites": sites, "travel": travel})()
    >>> nearest_receivers(problem, "P", cust)
    '邵河村最近的可接收学校为丙小学，一至三年级单程 34.0 分钟，超过走读上限 30 分钟，且不安排一至三年级寄宿；王村最近的可接收学校为乙小学，一至三年级单程 25.0 分钟，超过教学点一至三年级转学需论证的 20 分钟，待论证（建议保留），是否转学经论证、听证由局务会决定'
    """
    from junheng.planning.layout_data import GROUP_LABELS

    cfg, sites = problem.config, problem.sites
    others = sites[sites["existing"].astype(bool) & (sites["kind"] != "teaching_point") & (sites.index != site)]
    if not cfg.cross_town:
        others = others[others["town_code"] == sites.at[site, "town_code"]]
    trips = problem.travel[problem.travel["customer"].isin(customers.index)
                           & problem.travel["site_id"].isin(others.index)]
    nearest = trips.sort_values(["travel_min", "site_id"], kind="stable").drop_duplicates("customer")
    parts = []
    rows = customers[["village_name", "group"]].merge(nearest, left_index=True, right_on="customer")
    for r in rows.drop_duplicates(["village_name", "group"]).itertuples():
        if beyond := _beyond(cfg, r.group, r.travel_min):
            parts.append(f"{r.village_name}最近的可接收学校为{others.at[r.site_id, 'name']}，"
                         f"{GROUP_LABELS[r.group]}单程 {r.travel_min:.1f} 分钟，{beyond}")
    return "；".join(parts)


def today_beyond(problem, site: str, customers: pd.DataFrame) -> str:
    """The groups of ``customers`` whose school today is ``site`` and whose trip there is
    already beyond their limit (the status quo the plan keeps, brief hstay: the plan is not to
    blame for today's trip): village, group, pupils, today's minutes; '' where none is.

    >>> cfg = type("Cfg", (), {"day_travel_limit_min": 30.0, "boarding_travel_limit_min": 90.0})()
    >>> cust = pd.DataFrame({"village_name": ["王楼村", "甲村"], "group": "grades_1_3",
    ...     "demand": [4, 9], "before_site": "P"}, index=[3, 4])
    >>> travel = pd.DataFrame({"customer": [3, 4], "site_id": "P", "travel_min": [35.04, 12.0]})
    >>> today_beyond(type("Problem", (), {"config": cfg, "travel": travel})(), "P", cust)
    '王楼村一至三年级 4 人现状单程 35.0 分钟，已超过走读上限 30 分钟，无更近的可接收学校，就读学校不变'
    """
    from junheng.planning.layout_data import GROUP_LABELS

    cfg, t = problem.config, problem.travel
    t = t[(t["site_id"] == site) & t["customer"].isin(customers.index)]
    rows = customers.assign(minutes=t.groupby("customer")["travel_min"].min().reindex(customers.index))
    young = rows["group"].to_numpy(object) == "grades_1_3"
    limit = np.where(young, cfg.day_travel_limit_min, cfg.boarding_travel_limit_min)
    rows = rows.assign(young=young, limit=limit)
    rows = rows[(rows["before_site"] == site) & (rows["minutes"] > rows["limit"] + 1e-9)]
    return "；".join(f"{r.village_name}{GROUP_LABELS[r.group]} {round(r.demand):,} 人现状单程 {r.minutes:.1f} 分钟，"
                    f"已超过{'走读' if r.young else '寄宿生单程'}上限 {r.limit:g} 分钟，无更近的可接收学校，就读学校不变"
                    for r in rows.itertuples())


def _beyond(cfg, group: str, minutes: float) -> str:
    """The limit a trip of ``group`` is over ('' for none)."""
    if group != "grades_1_3":
        limit = cfg.boarding_travel_limit_min
        return f"超过寄宿生单程上限 {limit:g} 分钟" if minutes > limit + 1e-9 else ""
    if minutes > cfg.day_travel_limit_min + 1e-9:
        return f"超过走读上限 {cfg.day_travel_limit_min:g} 分钟，且不安排一至三年级寄宿"
    if cfg.keep_points_beyond_review and minutes > cfg.review_minutes_grades_1_3 + 1e-9:
        # rv19 7: 需论证 alone reads as "allowed after 论证"; the rule keeps the point. rv29 11: but
        # keeping it without the 论证 is the 论证/听证's and the 局务会's decision, not the plan's
        return f"超过教学点一至三年级转学需论证的 {cfg.review_minutes_grades_1_3:g} 分钟，{PENDING}，{PENDING_WHO}"
    return ""
