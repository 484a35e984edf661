"""The per-town boarding rule of 布局调整 (rule (9) of :mod:`junheng.planning.layout_model`).

With ``boarding_per_town`` every 乡镇 the rule covers keeps a boarding 小学 and a boarding
初中. A boarding school is one with boarders (review finding 3: the rule had been met by
building 50 beds at schools that got no boarder):

* an **existing boarding school**: it has at least ``min_boarders`` compulsory boarders
  today; it counts while it stays open;
* otherwise a school counts when the plan sends it at least ``min_boarders`` boarders.

Per town and stage the rule's candidates (:func:`boarding_requirements`) are the complete
schools offering the stage that are not being relocated (a 迁建 project of 建设项目 not yet
竣工: nothing is built at the old site) and could be a boarding school: the existing boarding
schools if the town has one; else its 中心校 (named 中心 or the central school of a 教学点)
that pupils beyond the day limit could board at, at least ``min_boarders`` of them; else
every school they could. Boarders are counted over the town's own pupils
(:func:`own_town_pairs`) and the basis is decided by the existing schools (a candidate new
site of the town may then meet a 'planned' requirement, never impose one), so the options
that only add choices (``cross_town``, candidate new sites) never add a requirement: the
plan with more choices is never dearer. A town and stage with no candidate has no pupil who needs to board
(none beyond the day limit, or too few for any school): the rule is not imposed there and
the plan says so (:func:`unmet_notes`) instead of building empty beds.

>>> sites = pd.DataFrame({"kind": ["primary_school", "primary_school", "junior_school"],
...     "town_code": ["T", "T", "T"], "name": ["T镇中心小学", "T镇甲村小学", "T镇初级中学"],
...     "boarders_now": [0, 0, 300], "central_school": [None, None, None],
...     "relocating": [False, False, False]}, index=pd.Index(["C", "V", "J"], name="site_id"))
>>> pairs = pd.DataFrame({"site_id": ["C", "V", "J"], "customer": [0, 0, 1],
...                       "board_share": [1.0, 0.0, 1.0]})
>>> customers = pd.DataFrame({"demand": [60, 80]})
>>> cfg = type("Cfg", (), {"min_boarders": 50, "day_travel_limit_min": 30})()
>>> offers_p, offers_j = np.array([True, True, False]), np.array([False, False, True])
>>> [(r.stage, r.members.tolist(), r.basis) for r in boarding_requirements(
...     sites, customers, pairs, cfg, ["T"], offers_p, offers_j)]
[('primary', [0], 'central'), ('junior', [2], 'existing')]
>>> few = customers.assign(demand=[40, 80])   # 40 would board at C: fewer than 50
>>> [(r.stage, r.members.tolist(), r.basis) for r in boarding_requirements(
...     sites, few, pairs, cfg, ["T"], offers_p, offers_j)]
[('primary', [], 'none'), ('junior', [2], 'existing')]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.model import CountyData
from junheng.model.areas import in_area
from junheng.planning.projects import no_build_ids

STAGE_LABEL = {"primary": "小学", "junior": "初中"}


@dataclass(frozen=True)
class BoardingRequirement:
    """One town and stage of the rule: site positions that may count as its boarding school
    and on what basis (existing | central | planned | none: no candidate, rule not imposed)."""

    town: str
    stage: str
    members: np.ndarray
    basis: str


#: minutes beyond the day limit a trip must exceed to count as beyond it (float noise)
LIMIT_TOL = 1e-9


def boards_by_rule(group, travel_min, limit: float) -> np.ndarray:
    """The plan's boarding rule, one function for the model (the pairs' ``boarding``), the
    checker and the words: a pupil of grades 4–9 whose one-way trip as the plan estimates it
    (straight line × detour at the plan's speeds, or the county's travel matrix) exceeds the
    day limit boards; grades 1–3 never board (brief hbed).

    >>> boards_by_rule(["grades_4_6", "grades_1_3", "grades_7_9"], [31.0, 45.0, 30.0], 30).tolist()
    [True, False, False]
    """
    return ((np.asarray(group, dtype=object) != "grades_1_3")
            & (np.asarray(travel_min, dtype=float) > float(limit) + LIMIT_TOL))


def unhoused_movers(rows, beds: dict[str, float], closed: set[str], limit: float
                    ) -> dict[tuple[str, str], int]:
    """(closed school, receiver) → the closure's pupils who board at the receiver by
    :func:`boards_by_rule` and have no bed there; {} when every one has a bed. ``rows``: one
    (before school, school, group, minutes, pupils, board share) per assignment of the plan's
    target year; ``beds``: each school's beds after the plan. Rule (5) of the model houses
    every pupil it counts as a boarder; a pupil moved by a closure beyond the day limit counts
    whole (board share 1: :func:`board_share`), so an optimal plan has none. The receiver's
    own pupils who keep their school are not the closure's (rule (20): beyond today's beds they
    stay as today, whether or not the school receives anyone), so they do not bar it. A
    closure's pupils lack beds where the plan counts them as day pupils, or where the
    receiver's boarders exceed its beds (those, up to the closure's).

    >>> rows = [("P", "R", "grades_4_6", 34.0, 20, 1.0), ("P", "R", "grades_1_3", 12.0, 9, 0.0),
    ...         ("R", "R", "grades_4_6", 33.0, 12, 0.0), ("Q", "R", "grades_4_6", 31.0, 5, 0.0)]
    >>> unhoused_movers(rows, {"R": 0}, {"P", "Q"}, 30)
    {('P', 'R'): 20, ('Q', 'R'): 5}
    >>> unhoused_movers(rows[:3], {"R": 50}, {"P"}, 30)
    {}
    """
    counted: dict[str, float] = {}
    need: dict[tuple[str, str], int] = {}
    day: dict[tuple[str, str], int] = {}
    for before, school, group, minutes, pupils, share in rows:
        counted[school] = counted.get(school, 0.0) + pupils * share
        if before in closed and before != school and boards_by_rule([group], [minutes], limit)[0]:
            key = (before, school)
            need[key] = need.get(key, 0) + int(pupils)
            day[key] = day.get(key, 0) + int(pupils) - round(int(pupils) * round(share, 6))
    out = {}
    for (before, school), n in need.items():
        beyond = max(round(counted.get(school, 0.0) - float(beds.get(school, 0))), 0)
        if (short := min(n, day[before, school] + beyond)) > 0:
            out[before, school] = short
    return out


def relocating(data: CountyData, ids: pd.Series) -> np.ndarray:
    """Per school id: a 迁建 project of 建设项目 not yet 竣工 (规划 or 在建) moves it
    (:func:`junheng.planning.projects.no_build_ids`, the notion every plan honours)."""
    return ids.astype(str).isin(no_build_ids(data)).to_numpy(bool)


def central_schools(sites: pd.DataFrame) -> np.ndarray:
    """bool per site: a 中心校 (named 中心, or the central school of a 教学点)."""
    heads = set(sites["central_school"].dropna())
    return (sites.index.isin(list(heads)) | sites["name"].str.contains("中心")).to_numpy(bool)


def potential_boarders(sites: pd.DataFrame, customers: pd.DataFrame, pairs: pd.DataFrame
                       ) -> np.ndarray:
    """Per site: the pupils of every pair that would board there (demand × board share), by
    the travel rule or at their own school: boarders a kept school's pupils carry elsewhere
    (:func:`board_share`) make no site a town's boarding-school candidate."""
    pos = pd.Series(np.arange(len(sites)), index=sites.index).reindex(pairs["site_id"])
    rows = pairs["customer"].to_numpy()
    demand = customers["demand"].to_numpy(float)[rows]
    share = pairs["board_share"].to_numpy(float)
    if "before_site" in customers and "boarding" in pairs:
        home = customers["before_site"].to_numpy(object)[rows] == pairs["site_id"].to_numpy(object)
        share = np.where(pairs["boarding"].to_numpy(bool) | home, share, 0.0)
    return np.bincount(pos.to_numpy(), demand * share, minlength=len(sites))


def board_share(travel: pd.DataFrame, customers: pd.DataFrame, sites: pd.DataFrame
                ) -> np.ndarray:
    """The share of a customer's pupils who board at a pair's site, on one basis for every
    column (review2 finding 1):

    * all of them when the trip is beyond the day limit (grades 4–9, the rule);
    * at the customer's own school, the share of the group's grades that boards there today
      (寄宿生数 of grades 4–6 or 7–9 over their pupils): today's boarders where they stay;
    * at another site within the day limit: the same share for a rural village (村庄,
      城乡分类代码 2xx) whose own school may not close (it is kept, so its boarders stay
      boarders wherever they go: moving them never saves boarding cost); nobody for a
      城区 or 镇区 community (1xx: within the day limit it walks or rides to school, so no bed
      is built for it, issue 16 review item 4; its share of a kept school's boarders is a
      part of its own that stays there, :func:`pin_boarders`) and nobody when the own school
      may close (``may_close``; a pupil moved by a closure boards by the rule);
    * a customer's own ``board_rate`` (:func:`pin_boarders`) in place of its school's share;
    * never in grades 1–3.

    >>> sites = pd.DataFrame({"site_id": ["A", "B", "C"], "may_close": [False, True, False],
    ...     "boarders_upper_now": [0, 0, 0], "students_upper_now": [0, 0, 0],
    ...     "boarders_junior_now": [30, 10, 0], "students_junior_now": [100, 40, 50]})
    >>> cust = pd.DataFrame({"group": ["grades_7_9"] * 3, "before_site": ["A", "B", "A"],
    ...                      "urban_rural_code": ["210", "210", "111"]})
    >>> travel = pd.DataFrame({"customer": [0, 0, 1, 1, 1, 2, 2],
    ...     "site_id": ["A", "C", "B", "C", "A", "A", "C"],
    ...     "boarding": [False, False, False, False, True, False, False]})
    >>> board_share(travel, cust, sites).tolist()
    [0.3, 0.3, 0.25, 0.0, 1.0, 0.3, 0.0]
    """
    rates = boarding_rates(sites)
    rows = customers.reindex(travel["customer"])
    group = rows["group"].to_numpy(object)
    before = rows["before_site"].to_numpy(object)
    may_close = (sites["may_close"] if "may_close" in sites else pd.Series(False, sites.index))
    may_close = pd.Series(may_close.to_numpy(bool), index=sites["site_id"].to_numpy())
    code = (rows["urban_rural_code"].astype(str) if "urban_rural_code" in rows
            else pd.Series("", index=rows.index))
    carried = (travel["site_id"].to_numpy(object) == before) | (
        ~may_close.reindex(before).fillna(True).to_numpy(bool)
        & ~in_area(code.to_numpy(), "urban_town"))
    kept = np.zeros(len(travel))
    for g, rate in rates.items():
        mine = group == g
        kept[mine] = rate.reindex(before[mine]).fillna(0.0).to_numpy()
    if "board_rate" in rows:  # the parts of pin_boarders: their own rate, boarders anywhere
        own = rows["board_rate"].to_numpy(float)
        kept = np.where(np.isnan(own), kept, own)
        carried = carried | rows["pinned"].fillna(False).to_numpy(bool)
    return np.where(travel["boarding"].to_numpy(bool), 1.0, np.where(carried, kept, 0.0))


def today_frame(cust: pd.DataFrame, travel: pd.DataFrame, existing: pd.DataFrame, config) -> pd.DataFrame:
    """当前's rows (``cust`` at its ``before_site``, with ``travel``'s trip there) boarding as
    the plan-year columns' stayers board (rv18 4: 当前 counted 37 pupils of two bed-less schools
    over the day limit as boarders, so 走读超时 read 0 beside the plan's 31 who 「按现状走读」):
    :func:`pin_boarders`' parts (a data-check school's are no 走读超时 in any column) and
    :func:`board_share` cut by today's beds
    (:func:`~junheng.planning.layout_zoning.unchanged_shares`, with ``board_unchanged``)."""
    from junheng.planning.layout_zoning import unchanged_shares

    cust = pin_boarders(cust, existing)
    now = cust.reset_index(names="customer").merge(
        travel.rename(columns={"customer": "origin"}), left_on=["origin", "before_site"],
        right_on=["origin", "site_id"], how="left")
    now["board_share"] = board_share(now, cust, existing)
    now["board_share"] = unchanged_shares(now, cust, existing, config)
    return now


def boarding_rates(sites: pd.DataFrame) -> dict[str, pd.Series]:
    """Per group (grades 4–6, 7–9): each site's 寄宿生数 over its pupils of those grades today
    (0 without pupils), indexed by site id."""
    rates = {}
    for group, board, pupils in (("grades_4_6", "boarders_upper_now", "students_upper_now"),
                                 ("grades_7_9", "boarders_junior_now", "students_junior_now")):
        rate = (sites[board] / sites[pupils].where(sites[pupils] > 0)).clip(0.0, 1.0)
        rates[group] = pd.Series(rate.fillna(0.0).to_numpy(float),
                                 index=sites["site_id"].to_numpy())
    return rates


def pin_boarders(customers: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """Today's boarders counted in a 城区 or 镇区 community (城乡分类代码 1xx) at a school
    that may not close, split off as a part of their own (planner review 2026-12-03 finding
    5): such a school's boarders are pupils from farther villages who board in town (the
    data-year basis counts them among the communities it serves), so no move of the
    community makes them day pupils. The part holds round(demand × today's rate) pupils who
    board wherever they go (``board_rate`` 1, ``pinned``: where beds are short the plan may
    move them, with beds, as when it relieves a school over its size cap); the rest of the
    community is day pupils (``board_rate`` 0) and moves as any community does: within the
    day limit it walks. Other customers keep ``board_rate`` NaN (:func:`board_share` as
    before). Parts follow their customer, so the k-th part of a village and group stays the
    k-th.

    >>> sites = pd.DataFrame({"site_id": ["A", "B"], "may_close": [False, False],
    ...     "boarders_upper_now": [0, 0], "students_upper_now": [0, 0],
    ...     "boarders_junior_now": [30, 0], "students_junior_now": [100, 50]})
    >>> cust = pd.DataFrame({"group": ["grades_7_9"] * 3, "before_site": ["A", "A", "B"],
    ...     "urban_rural_code": ["111", "210", "111"], "demand": [60, 20, 40]})
    >>> pin_boarders(cust, sites)[["before_site", "demand", "board_rate", "pinned"]].values.tolist()
    [['A', 42, 0.0, False], ['A', 18, 1.0, True], ['A', 20, nan, False], ['B', 40, nan, False]]
    """
    rates = boarding_rates(sites)
    before = customers["before_site"].to_numpy(object)
    rate = np.zeros(len(customers))
    for g, r in rates.items():
        mine = (customers["group"] == g).to_numpy()
        rate[mine] = r.reindex(before[mine]).fillna(0.0).to_numpy()
    may_close = pd.Series(sites["may_close"].to_numpy(bool), index=sites["site_id"].to_numpy())
    kept = ~may_close.reindex(before).fillna(True).to_numpy(bool)
    town = in_area(customers["urban_rural_code"].astype(str).to_numpy(), "urban_town")
    board = np.where(kept & town, np.round(customers["demand"].to_numpy(float) * rate), 0)
    out = customers.assign(board_rate=np.where(board > 0, 0.0, np.nan), pinned=False)
    pinned = out[board > 0].assign(demand=board[board > 0].astype(np.int64), board_rate=1.0,
                                   pinned=True)
    out["demand"] = out["demand"] - board.astype(np.int64)
    both = pd.concat([out, pinned]).sort_index(kind="stable")
    return both[both["demand"] > 0].reset_index(drop=True)


def boarding_requirements(sites: pd.DataFrame, customers: pd.DataFrame, pairs: pd.DataFrame,
                          config, towns: list[str], offers_p: np.ndarray,
                          offers_j: np.ndarray) -> list[BoardingRequirement]:
    """The rule's requirement per town in ``towns`` and stage, candidates as the module says."""
    m = float(config.min_boarders)
    town = sites["town_code"].to_numpy()
    complete = (sites["kind"] != "teaching_point").to_numpy()
    moving = sites["relocating"].to_numpy(bool) if "relocating" in sites else np.zeros(
        len(sites), bool)
    existing = sites["existing"].to_numpy(bool) if "existing" in sites else np.ones(len(sites), bool)
    now = sites["boarders_now"].to_numpy(float) >= m
    could = potential_boarders(sites, customers, own_town_pairs(sites, customers, pairs)) >= m - 1e-9
    central = central_schools(sites)
    out = []
    for code in towns:
        for stage, offers in (("primary", offers_p & complete), ("junior", offers_j)):
            base = (town == code) & offers & ~moving
            for basis, mask in (("existing", base & now), ("central", base & central & could),
                                ("planned", base & could), ("none", base & False)):
                # the basis by the existing schools alone (a candidate new site never imposes
                # the rule); a new site of the town that could board its pupils may meet it
                if (mask & existing).any() or basis == "none":
                    members = mask if basis != "planned" else base & could
                    out.append(BoardingRequirement(code, stage, np.flatnonzero(members), basis))
                    break
    return out


def own_town_pairs(sites: pd.DataFrame, customers: pd.DataFrame, pairs: pd.DataFrame
                   ) -> pd.DataFrame:
    """The pairs whose customer lives in the site's 乡镇 (all pairs without ``town_code``):
    the per-town rule counts a town's own pupils, so that allowing cross-town moves
    (``cross_town``) or adding candidate new sites never imposes the rule on a town that
    had no candidate without them — the plan with more choices is never dearer (a town
    whose only candidate was a new site had forced a 63-pupil boarding school of 1,761.98
    万元 on the demo county with ``cross_town``)."""
    if "town_code" not in customers or "town_code" not in sites:
        return pairs
    home = customers["town_code"].reindex(pairs["customer"]).to_numpy(object)
    there = sites["town_code"].reindex(pairs["site_id"]).to_numpy(object)
    return pairs[home == there]


def unmet_notes(requirements: list[BoardingRequirement], sites: pd.DataFrame, config,
                town_names: dict[str, str]) -> dict[str, str]:
    """For each town and stage the rule cannot be met with boarders, a sentence on the town's
    中心校 (else its first school): site id → text (two stages joined)."""
    out: dict[str, str] = {}
    for r in requirements:
        if r.basis != "none":
            continue
        label = STAGE_LABEL[r.stage]
        mine = (sites["town_code"] == r.town).to_numpy()
        heads = sites.index[mine & central_schools(sites)]
        site = (heads if len(heads) else sites.index[mine])[0]
        text = (f"{town_names.get(r.town, '本乡镇')}没有一所{label}会有 {config.min_boarders} 名以上"
                f"寄宿生（走读单程超过 {config.day_travel_limit_min:g} 分钟的学生不足），也没有现有寄宿制"
                f"{label}：不设寄宿制{label}，不为“每个乡镇至少 1 所寄宿制学校”新建床位。")
        out[site] = out.get(site, "") + text
    return out


def unmet_summary(requirements: list[BoardingRequirement], config,
                  town_names: dict[str, str]) -> str:
    """One sentence beside the rule in every output when some town and stage the rule covers
    gets no boarding school (issue 16 review item 10: the rule read "是" over the breach);
    '' when the rule is met everywhere.

    >>> reqs = [BoardingRequirement("A", "primary", np.array([], int), "none"),
    ...         BoardingRequirement("B", "primary", np.array([], int), "none"),
    ...         BoardingRequirement("B", "junior", np.array([], int), "none"),
    ...         BoardingRequirement("C", "junior", np.array([3]), "existing")]
    >>> cfg = type("Cfg", (), {"min_boarders": 50, "day_travel_limit_min": 30})()
    >>> unmet_summary(reqs, cfg, {"A": "甲镇", "B": "乙镇"})
    '本方案不满足：甲镇、乙镇不设寄宿制小学，乙镇不设寄宿制初中（原因：这些乡镇的该学段学校中，没有一所会有 50 名以上走读单程超过 30 分钟、需要寄宿的学生，也没有现有的该学段寄宿制学校；不为此新建无人住的床位）。'
    """
    towns: dict[str, list[str]] = {}
    for r in requirements:
        if r.basis == "none":
            towns.setdefault(r.stage, []).append(town_names.get(r.town, f"乡镇 {r.town}"))
    if not towns:
        return ""
    parts = [f"{'、'.join(names)}不设寄宿制{STAGE_LABEL[stage]}"
             for stage, names in sorted(towns.items(), key=lambda kv: kv[0] != "primary")]
    return (f"本方案不满足：{'，'.join(parts)}（原因：这些乡镇的该学段学校中，没有一所会有 "
            f"{config.min_boarders} 名以上走读单程超过 {config.day_travel_limit_min:g} 分钟、需要寄宿的学生，"
            "也没有现有的该学段寄宿制学校；不为此新建无人住的床位）。")


def boarding_candidates(arr) -> np.ndarray:
    """bool per site of the layout arrays: a candidate of some town's boarding requirement
    (its ``o`` may be 1)."""
    mask = np.zeros(arr.n_sites, bool)
    for members in arr.towns:
        mask[members] = True
    return mask


def few_boarder_notes(assign: pd.DataFrame, schools: pd.DataFrame, sites: pd.DataFrame,
                      config) -> dict[str, str]:
    """Per school where the plan builds beds for fewer than ``min_boarders`` boarders: why
    (planner review 2026-12-03 finding 5: 50 beds for 15 boarders beside a rule of 50), who
    must board and what else could be done. ``min_boarders`` only decides which school counts
    as a town's boarding school (rule (9)); pupils whose trip exceeds the day limit board
    whatever their number, and beds come in blocks of ``bed_block``.

    >>> assign = pd.DataFrame({"site_id": "S", "village_name": ["甲村", "乙村"],
    ...     "group": ["grades_4_6", "grades_1_3"], "demand": [15, 20],
    ...     "travel_min": [33.96, 10.0], "boarding": [True, False], "board_share": [1.0, 0.0],
    ...     "before_site": ["S", "P"]})
    >>> schools = pd.DataFrame({"site_id": ["S"], "added_beds": [50]})
    >>> sites = pd.DataFrame({"boarders_now": [0]}, index=["S"])
    >>> cfg = type("Cfg", (), {"min_boarders": 50, "day_travel_limit_min": 30, "bed_block": 50})()
    >>> few_boarder_notes(assign, schools, sites, cfg)["S"]
    '寄宿生不足 50 人仍建床位：甲村四至六年级 15 人单程约 34.0 分钟（按直线距离估算，现在就读本校），超过走读上限 30 分钟，按规则须寄宿；床位按每组 50 张建设，所以为 15 名寄宿生建 50 张。“计为寄宿制学校的最少寄宿生数 50”只用于认定乡镇寄宿制学校，不限制为须寄宿的学生建床位。本校现在没有寄宿生，这些学生现在走读。替代办法：先按实际道路核实通行时间（在 30 分钟内则走读，不建床位），或安排校车接送代替建床位；教学点只开设一至三年级，保留教学点不能安置这些学生。'
    """
    from junheng.planning.layout_data import GROUP_LABELS

    out = {}
    for row in schools[schools["added_beds"] > 0].itertuples():
        mine = assign[assign["site_id"] == row.site_id]
        boarders = float((mine["demand"] * mine["board_share"]).sum())
        if boarders >= config.min_boarders:
            continue
        far = mine[mine["boarding"].astype(bool)].sort_values("travel_min", ascending=False)
        who = "、".join(
            f"{r.village_name}{GROUP_LABELS[r.group]} {int(r.demand)} 人单程约 {r.travel_min:.1f} 分钟"
            f"（按直线距离估算，{'现在就读本校' if r.before_site == row.site_id else '由本方案转来'}）"
            for r in far.itertuples())
        today = int(sites.at[row.site_id, "boarders_now"]) if row.site_id in sites.index else 0
        now = ("本校现在没有寄宿生，这些学生现在走读。" if today == 0
               else f"本校现有寄宿生 {today} 人。")
        out[row.site_id] = (
            f"寄宿生不足 {config.min_boarders} 人仍建床位：{who}，超过走读上限 "
            f"{config.day_travel_limit_min:g} 分钟，按规则须寄宿；床位按每组 {config.bed_block} 张建设，"
            f"所以为 {round(boarders)} 名寄宿生建 {int(row.added_beds)} 张。“计为寄宿制学校的最少寄宿生数 "
            f"{config.min_boarders}”只用于认定乡镇寄宿制学校，不限制为须寄宿的学生建床位。{now}"
            f"替代办法：先按实际道路核实通行时间（在 {config.day_travel_limit_min:g} 分钟内则走读，不建床位），"
            "或安排校车接送代替建床位；教学点只开设一至三年级，保留教学点不能安置这些学生。")
    return out



def kept_bed_notes(problem, assign: pd.DataFrame, schools: pd.DataFrame) -> dict[str, str]:
    """Per school that may close but stays open, where closing it would send pupils who board
    by the rule (:func:`boards_by_rule`) to their nearest open school without beds for them:
    who, where, and the beds that school would build (blocks of ``bed_block`` at the bed
    price, rule (5)), the cost the plan weighed against keeping it (brief hbed: 应留必留 with
    its reason). ``assign``: the plan's pairs (``customer``, ``site_id``, ``demand``,
    ``board_share``); ``schools``: ``site_id``, ``action``, ``beds_after``."""
    from junheng.model.numbers import wan_text
    from junheng.planning.layout_data import GROUP_LABELS

    cfg, sites, pairs = problem.config, problem.sites, problem.pairs
    open_ = schools[schools["action"] != "close"].set_index("site_id")
    housed = (assign["demand"] * assign["board_share"]).groupby(assign["site_id"]).sum()
    names, block = sites["name"], int(cfg.bed_block)
    out = {}
    for sid in open_.index:
        if sid in cfg.keep or sid not in sites.index or not bool(sites.at[sid, "may_close"]):
            continue
        mine = assign[assign["site_id"] == sid].set_index("customer")
        alt = pairs[pairs["customer"].isin(mine.index) & (pairs["site_id"] != sid)
                    & pairs["site_id"].isin(open_.index)]
        near = alt.sort_values(["travel_min", "site_id"], kind="stable").drop_duplicates("customer")
        if len(near) < len(mine):  # some of its pupils have no other school: kept whatever the beds
            continue
        far = near[boards_by_rule(mine["group"].reindex(near["customer"]), near["travel_min"],
                                  cfg.day_travel_limit_min)]
        parts = []
        for r, got in far.groupby("site_id", sort=True):
            n = int(mine["demand"].reindex(got["customer"]).sum())
            spare = float(open_.at[r, "beds_after"]) - float(housed.get(r, 0.0))
            blocks = int(np.ceil(max(n - spare, 0.0) / block - 1e-9))
            if blocks:
                who = "、".join(f"{mine.at[c, 'village_name']}{GROUP_LABELS[mine.at[c, 'group']]} "
                               f"{int(mine.at[c, 'demand']):,} 人（单程约 {t:.1f} 分钟）"
                               for c, t in zip(got["customer"], got["travel_min"], strict=True))
                parts.append(f"{who}须转入{names.get(r, r)}，按规则须寄宿，该校床位不够，须新建宿舍床位 "
                             f"{blocks * block:,} 张（{blocks} 组）、{wan_text(blocks * cfg.costs.bed_block_cost(block))}")
        if parts:
            out[sid] = (f"不撤并（应留必留）：撤并则{'；'.join(parts)}（四至九年级走读单程按直线距离估算超过 "
                        f"{cfg.day_travel_limit_min:g} 分钟的寄宿）；综合通行、运行和建设成本后保留更优。")
    return out


def boarding_notes(problem, assign: pd.DataFrame, schools: pd.DataFrame) -> dict[str, str]:
    """The plan's notes on beds per school: :func:`few_boarder_notes`, :func:`kept_bed_notes`."""
    out = few_boarder_notes(assign, schools, problem.sites, problem.config)
    for sid, text in kept_bed_notes(problem, assign, schools).items():
        out[sid] = out.get(sid, "") + text
    return out
