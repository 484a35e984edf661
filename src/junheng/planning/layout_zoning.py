"""Four scenario rules a county planner expects of a layout plan (docs/layout-yaml.md):

* ``small_school_by_target_year`` (default on): a rural school is a 小规模学校, a 撤并
  candidate, when it has fewer than ``small_school_max_pupils`` pupils in the data year or
  expects fewer in the target year (规划年不调整: ``layout_rules.expected_pupils``);
* ``keep_points_beyond_review`` (default on, 应留必留): the grades 1–3 of a 教学点 move only
  to a school within ``review_minutes_grades_1_3`` (or no farther than their point), so a
  point whose young pupils have no such school is the only school within reach and stays
  open (:func:`review_pairs`; unless the plan lists it in ``close``);
* ``community_zoning`` (default on, 就近划片): a 城区 community (城乡分类代码 111/112) split
  among several schools today (:mod:`~junheng.planning.layout_today`) sends all its parts of
  one stage (grades 1–6, grades 7–9) to one school, a 划片 a bureau can publish
  (:func:`zones`, the model's rule (18)); its 寄宿 parts (``pinned``) are pupils of farther
  villages and stay out;
* ``board_unchanged`` (default on, review finding 8): pupils who stay at today's school board in the beds it
  has, never in new ones (:func:`unchanged_shares`): where their boarders of the target
  year exceed its beds, the share of each staying pair is cut by beds / boarders.

>>> import pandas as pd
>>> cust = pd.DataFrame({"village_code": ["V", "V", "V", "W", "V"],
...     "group": ["grades_1_3", "grades_1_3", "grades_4_6", "grades_1_3", "grades_7_9"],
...     "urban_rural_code": ["111", "111", "111", "220", "111"], "pinned": False})
>>> pairs = pd.DataFrame({"customer": [0, 0, 1, 1, 2, 2, 3, 4],
...                       "site_id": ["A", "B", "A", "C", "A", "B", "A", "J"]})
>>> [z.tolist() for z in zones(cust, pairs)]
[[0, 1, 2]]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from junheng.model.numbers import DASH, percent
from junheng.optimize import Milp
from junheng.planning.layout_data import GROUP_STAGE, LayoutArrays
from junheng.planning.layout_rules import is_urban

if TYPE_CHECKING:
    from junheng.planning.layout_model import LayoutColumns


def zones(customers: pd.DataFrame, pairs: pd.DataFrame) -> list[np.ndarray]:
    """The customer positions of each 城区 community and stage with two or more parts that
    must go to one school (rule (18)), when ``community_zoning`` is on; a community whose
    parts share no site keeps its parts apart (the plan would have none)."""
    urban = np.asarray(is_urban(customers["urban_rural_code"].astype(str)), bool)
    pinned = customers["pinned"].fillna(False).to_numpy(bool) if "pinned" in customers \
        else np.zeros(len(customers), bool)
    stage = customers["group"].map(GROUP_STAGE).to_numpy(object)
    keys = pd.Series(list(zip(customers["village_code"], stage, strict=True)),
                     index=np.arange(len(customers)))[urban & ~pinned]
    sites = pairs.groupby("customer")["site_id"].agg(frozenset)
    out = []
    for _, members in keys.groupby(keys).groups.items():
        members = np.sort(np.asarray(members, int))
        if len(members) < 2:
            continue
        common = frozenset.intersection(*(sites.get(customers.index[m], frozenset())
                                          for m in members))
        if common:
            out.append(members)
    return out


def review_pairs(pairs: pd.DataFrame, customers: pd.DataFrame, sites: pd.DataFrame,
                 config) -> np.ndarray:
    """bool per pair, the pairs ``keep_points_beyond_review`` allows: a grade 1–3 customer of
    a 教学点 (not one the plan closes) moves only within the review minutes or no farther
    than its point."""
    if not config.keep_points_beyond_review:
        return np.ones(len(pairs), bool)
    before = customers["before_site"].reindex(pairs["customer"]).to_numpy(object)
    group = customers["group"].reindex(pairs["customer"]).to_numpy(object)
    kind = sites["kind"].reindex([b if isinstance(b, str) else "" for b in before])
    point = (kind.to_numpy(object) == "teaching_point") & ~np.isin(before, list(config.close))
    minutes = pairs["travel_min"].to_numpy(float)
    stays = pairs["site_id"].to_numpy(object) == before
    home = pd.Series(np.where(stays, minutes, np.inf)).groupby(
        pairs["customer"].to_numpy()).transform("min").to_numpy()
    limit = np.maximum(config.review_minutes_grades_1_3, np.where(np.isfinite(home), home, 0.0))
    young = (group == "grades_1_3") & point
    return stays | ~young | (minutes <= limit + 1e-9)


def unchanged_shares(pairs: pd.DataFrame, customers: pd.DataFrame, sites: pd.DataFrame,
                     config) -> np.ndarray:
    """The pairs' board shares with ``board_unchanged``: at a pair that stays at today's
    school, cut by the school's beds over its staying boarders where these are more (the
    pupils of the cut share are as today: no bed is built for them).

    >>> pairs = pd.DataFrame({"customer": [0, 0, 1], "site_id": ["A", "B", "A"],
    ...                       "board_share": [0.5, 1.0, 1.0]})
    >>> cust = pd.DataFrame({"before_site": ["A", "A"], "demand": [100, 50]})
    >>> sites = pd.DataFrame({"beds": [40]}, index=["A"])
    >>> cfg = type("Cfg", (), {"board_unchanged": True})
    >>> unchanged_shares(pairs, cust, sites, cfg).tolist()
    [0.2, 1.0, 0.4]
    """
    share = pairs["board_share"].to_numpy(float)
    if not config.board_unchanged:
        return share
    before = customers["before_site"].reindex(pairs["customer"]).to_numpy(object)
    stays = pairs["site_id"].to_numpy(object) == before
    demand = customers["demand"].reindex(pairs["customer"]).to_numpy(float)
    home = np.where(stays, before, "")
    boarders = pd.Series(share * demand * stays).groupby(home).sum()
    beds = sites["beds"].reindex(boarders.index).fillna(0.0)
    cut = (beds / boarders.where(boarders > beds)).fillna(1.0).clip(upper=1.0)
    factor = np.where(stays, cut.reindex(home).to_numpy(float), 1.0)
    return np.round(share * factor, 12)


def unchanged_beds(assign: pd.DataFrame, customers: pd.DataFrame, sites: pd.DataFrame,
                   config, travel: pd.DataFrame) -> pd.DataFrame:
    """Per school where ``board_unchanged`` cut its stayers' boarding (rule (20)), the figures
    of its note: ``stayers`` (pupils who keep the school), ``boarders`` (those of them who
    board by the rule, in three disjoint parts: ``pinned``, the parts of a 城区 or 镇区
    community that are today's boarders, :func:`~.layout_boarding.pin_boarders`, whose
    communities have ``community`` pupils in the target year at today's ``rates``;
    ``beyond``, other stayers beyond the day limit; ``share``, the rest by today's share),
    ``beds`` (today's, fewer) and ``counted`` (the boarders the plan counts: its board
    shares); empty with the rule off (review finding 8: 50 beds for 15 grade 4–6 pupils who
    walk today, on a straight-line estimate).

    >>> assign = pd.DataFrame({"customer": [0, 1], "site_id": ["S", "T"],
    ...     "before_site": ["S", "S"], "demand": [15, 20], "board_share": [0.0, 0.0]})
    >>> cust = pd.DataFrame({"group": ["grades_4_6", "grades_4_6"], "before_site": ["S", "S"],
    ...                      "village_code": ["V", "W"], "demand": [15, 20]})
    >>> travel = pd.DataFrame({"customer": [0, 1], "site_id": ["S", "T"],
    ...                        "boarding": [True, False]})
    >>> sites = pd.DataFrame({"site_id": ["S", "T"], "name": ["甲小学", "乙小学"], "beds": [0, 0],
    ...     "boarders_upper_now": [0, 0], "students_upper_now": [35, 0],
    ...     "boarders_junior_now": [0, 0], "students_junior_now": [0, 0]}, index=["S", "T"])
    >>> cfg = type("Cfg", (), {"board_unchanged": True, "day_travel_limit_min": 30})()
    >>> short = unchanged_beds(assign, cust, sites, cfg, travel)
    >>> short[["site_id", "stayers", "boarders", "beyond", "beds", "counted"]].to_dict("records")
    [{'site_id': 'S', 'stayers': 15, 'boarders': 15, 'beyond': 15, 'beds': 0, 'counted': 0}]
    >>> unchanged_bed_notes(short, cfg)["S"]
    '就读学校不变的学生 15 人，按规则须寄宿 15 人（单程按直线距离估算超过走读上限 30 分钟 15 人），现有床位 0 张：现有床位不足，维持现状，不为他们新增床位，方案计寄宿 0 人，15 人不计寄宿；需核实实际道路时间（在 30 分钟内则走读），超过的安排校车接送。'
    >>> unchanged_bed_summary(short, cfg)
    ('就读学校不变的学生不新增宿舍床位：1 所学校按规则须寄宿的留校学生多于现有床位（甲小学按规则须寄宿 15 人、现有床位 0 张、方案计寄宿 0 人），现有床位不足，维持现状，共 15 人不计寄宿；需核实实际道路时间（在 30 分钟内则走读），超过的安排校车接送。',)
    """
    columns = ["site_id", "name", "stayers", "boarders", "pinned", "community", "rates",
               "beyond", "share", "beds", "counted", "candidates"]
    stay = assign[assign["site_id"].to_numpy(object) == assign["before_site"].to_numpy(object)]
    if not config.board_unchanged or stay.empty:
        return pd.DataFrame(columns=columns)
    from junheng.planning.layout_boarding import board_share
    from junheng.planning.layout_trips import shown_boarders

    rows = stay[["customer", "site_id"]].merge(travel[["customer", "site_id", "boarding"]],
                                               how="left")
    rule = board_share(rows, customers, sites) * stay["demand"].to_numpy(float)
    pinned = (customers["pinned"].reindex(stay["customer"]).fillna(False).to_numpy(bool)
              if "pinned" in customers else np.zeros(len(stay), bool))
    beyond = rows["boarding"].fillna(False).to_numpy(bool) & ~pinned
    site = stay["site_id"].to_numpy(object)
    parts = pd.DataFrame({"stayers": stay["demand"].to_numpy(float), "boarders": rule,
                          "pinned": np.where(pinned, rule, 0.0),
                          "beyond": np.where(beyond, rule, 0.0),
                          "share": np.where(pinned | beyond, 0.0, rule),
                          "counted": shown_boarders(stay)}).groupby(site).sum()
    out = parts.round().astype(int)
    out["beds"] = sites["beds"].reindex(out.index).fillna(0).round().astype(int)
    out = out[(out["boarders"] > out["beds"]) & (out["counted"] < out["boarders"])]
    return pd.DataFrame({"site_id": out.index, "name": sites["name"].reindex(out.index).to_numpy(object),
                         **{k: out[k].to_numpy(int) for k in columns[2:] if k in out},
                         **_communities(stay[pinned], customers, sites, out.index),
                         "candidates": _candidates(customers, sites, travel, out.index)},
                        columns=columns)


def _candidates(customers: pd.DataFrame, sites: pd.DataFrame, travel: pd.DataFrame,
                short: pd.Index) -> list[int]:
    """Per school in ``short``: the boarders its beds were shared over (:func:`unchanged_shares`,
    before the plan chose who moves): every pupil of the school today who may stay there (a pair
    of ``travel``) at the share they would board there (review rv11 10: 实验中学's 1,646 beds cut over 1,772, of whom the plan moves 26
    away, so it counts 1,623, not 1,646)."""
    from junheng.planning.layout_boarding import board_share

    before = customers["before_site"].reindex(travel["customer"]).to_numpy(object)
    rows = travel.loc[(travel["site_id"].to_numpy(object) == before) & np.isin(before, short),
                      ["customer", "site_id", "boarding"]].reset_index(drop=True)
    demand = customers["demand"].reindex(rows["customer"]).to_numpy(float)
    rule = pd.Series(board_share(rows, customers, sites) * demand, index=rows["site_id"].to_numpy(object))
    sums = rule.groupby(level=0).sum()
    return [round(float(sums.get(sid, 0.0))) for sid in short]


def _communities(pinned: pd.DataFrame, customers: pd.DataFrame, sites: pd.DataFrame,
                 short: pd.Index) -> dict[str, list]:
    """Per school in ``short``: the target-year pupils of the communities whose boarders'
    parts stay (every part of that community, group and school) and today's rates of
    their groups (a group label and a percentage each)."""
    from junheng.planning.layout_boarding import boarding_rates
    from junheng.planning.layout_data import GROUP_LABELS

    rates = boarding_rates(sites)
    key = ["village_code", "group", "before_site"]
    kept = customers.loc[pinned["customer"], key].drop_duplicates()
    whole = customers[key + ["demand"]].merge(kept)
    community, text = [], []
    for sid in short:
        mine = whole[whole["before_site"] == sid]
        community.append(int(mine["demand"].sum()))
        text.append("、".join(f"{GROUP_LABELS[g]} {rates[g].get(sid, 0.0):.1%}"
                             for g in sorted(mine["group"].unique())))
    return {"community": community, "rates": text}


def _verify(config) -> str:
    limit = f"{config.day_travel_limit_min:g}"
    return f"需核实实际道路时间（在 {limit} 分钟内则走读），超过的安排校车接送。"


def data_check(r) -> bool:
    """Is a school's row of :func:`unchanged_beds` a data check, not a rule result? Its
    pinned boarders (its 城区、镇区 communities' pupils at today's boarding rate) are more than
    half of those communities' pupils: a town school where most pupils board is implausible
    on its face (planner review finding 7: 洛北县实验中学, 2,639 × 73.0% = 1,928)."""
    return r.pinned > 0 and 2 * r.pinned > r.community


def checked_boarders(frame: pd.DataFrame) -> np.ndarray:
    """bool per row of an assignment ``frame`` (``village``, ``group``, ``before``, ``pinned``,
    ``demand``): a school's own boarders counted in a community (``pinned``) where
    they are more than half of those communities' pupils (all parts, wherever the plan sends
    them: today's rate, as :func:`data_check` reads it, whatever the plan). Their trip is the
    community's and their number the doubtful rate's, so the day pupils its beds leave of them
    are no broken 走读 rule (review rv 4: 实验中学's 73 % put "5 人单程 31.7 分钟…床位 1,646 张不足"
    among the unmet rules).

    >>> f = pd.DataFrame({"village": ["V", "V", "W"], "group": "grades_7_9", "before": "S",
    ...     "pinned": [True, False, False], "demand": [73, 27, 50]})
    >>> checked_boarders(f).tolist(), checked_boarders(f.assign(demand=[40, 60, 50])).tolist()
    ([True, False, False], [False, False, False])
    """
    if frame.empty or "pinned" not in frame:
        return np.zeros(len(frame), bool)
    pinned = frame["pinned"].fillna(False).astype(bool)
    if not pinned.any():  # most calls (a closed school's pupils, a plan's rows)
        return np.zeros(len(frame), bool)
    key = ["village", "group", "before"]
    mine = frame.loc[pinned, key].drop_duplicates()
    whole = frame[key + ["demand"]].reset_index().merge(mine)
    community = whole.groupby("before")["demand"].sum()
    boarders = frame.loc[pinned].groupby("before")["demand"].sum()
    checked = boarders.index[2 * boarders > community.reindex(boarders.index).fillna(0.0)]
    return (pinned & frame["before"].isin(checked)).to_numpy(bool)


def _data_text(r) -> str:
    return (f"本校寄宿比例（{r.rates}）需核实：城区、镇区社区规划年学生 {r.community:,} 人，按此比例推算"
            f"其中 {r.pinned:,} 人为本校寄宿生（推算数，不是本校实际寄宿人数），多数学生寄宿不合常理，"
            "是数据核对事项，不是按通行时间规则须寄宿的学生")


def unchanged_bed_notes(short: pd.DataFrame, config) -> dict[str, str]:
    """Each school's reason of :func:`unchanged_beds`: every figure, with the parts of its
    boarders by the rule (a :func:`data_check` school's share as a check, no school bus)."""
    limit = f"{config.day_travel_limit_min:g}"
    out = {}
    for r in short.itertuples():
        checked = data_check(r)
        parts = [] if checked or not r.pinned else [
            f"城区、镇区社区中本校现有寄宿生部分 {r.pinned:,} 人（这些社区规划年学生 {r.community:,} 人"
            f"按本校现有寄宿比例（{r.rates}）折算，现有寄宿生来自较远村庄，不因就近划片而走读）"]
        if r.beyond:
            parts.append(f"单程按直线距离估算超过走读上限 {limit} 分钟 {r.beyond:,} 人")
        if r.share:
            parts.append(f"按本校现有寄宿比例 {r.share:,} 人")
        rule = r.boarders - (r.pinned if checked else 0)
        head = f"就读学校不变的学生 {r.stayers:,} 人，" + (f"{_data_text(r)}；" if checked else "")
        ruled = (f"{'另' if checked else ''}按规则须寄宿 {rule:,} 人（{'；'.join(parts)}），"
                 if parts else "")
        out[r.site_id] = (
            f"{head}{ruled}现有床位 {r.beds:,} 张：现有床位不足，维持现状，不为他们新增床位，方案计寄宿 "
            f"{r.counted:,} 人，{r.boarders - r.counted:,} 人不计寄宿"
            + (f"；{_verify(config)}" if r.beyond or not checked else "。"))
    return out


def unchanged_bed_summary(short: pd.DataFrame, config) -> tuple[str, ...]:
    """The plan's notes on :func:`unchanged_beds` (none where no school is short): the schools
    short of beds for pupils who board by the rule, then the :func:`data_check` schools."""
    if short.empty:
        return ()
    checked = short[[data_check(r) for r in short.itertuples()]]
    ruled = short.drop(checked.index)
    out = []
    if len(ruled):
        who = "；".join(f"{r.name}按规则须寄宿 {r.boarders:,} 人、现有床位 {r.beds:,} 张、方案计寄宿 {r.counted:,} 人"
                       for r in ruled.itertuples())
        over = int((ruled["boarders"] - ruled["counted"]).sum())
        out.append(f"就读学校不变的学生不新增宿舍床位：{len(ruled)} 所学校按规则须寄宿的留校学生多于现有床位（{who}），"
                   f"现有床位不足，维持现状，共 {over:,} 人不计寄宿；{_verify(config)}")
    if len(checked):
        who = "；".join(f"{r.name}{_data_text(r)}（现有床位 {r.beds:,} 张，方案计寄宿 {r.counted:,} 人）"
                       for r in checked.itertuples())
        out.append(f"寄宿比例需核实：{len(checked)} 所学校按本校现有寄宿比例折算，多数学生为寄宿生：{who}；"
                   "请核实这些学校填报的寄宿生数，超出现有床位的寄宿生维持现状，不为他们新增床位。")
        out.append(rests_on_check(checked))
    return tuple(out)


def rests_on_check(checked: pd.DataFrame) -> str:
    """The one line a signed document keeps of the :func:`data_check` schools (their check goes
    to the 报送前核对 list): which figures rest on the ratio to be checked (review 2026-12-05
    finding 6: 9,136 / 8,406 / 8,394 寄宿生 and their costs include 洛北县实验中学's 1,558 on
    a 73.0 % ratio), and what the ratio is applied to (review rv10: 「73.0%，规划年方案计寄宿
    1,623 人」 read against 1,623 / 1,986 = 81.7 %): the school's 城区、镇区 communities' pupils,
    cut to today's beds; the share of the school's own pupils said apart.

    Hand-worked: 73.0 % × 2,392 = 1,746 boarders by the ratio, over 1,646 beds; the plan
    counts 1,623 of the school's 1,986 pupils, 1,623 / 1,986 = 81.7 %.

    >>> print(rests_on_check(pd.DataFrame({"name": ["城关初中"], "rates": ["七至九年级 73.0%"],
    ...     "community": [2392], "pinned": [1746], "beds": [1646], "counted": [1623], "stayers": [1986]})))
    寄宿生数和寄宿生管理费用三列均按城关初中填报的寄宿比例计入（七至九年级 73.0%，用于本校城区、镇区社区规划年学生 2,392 人，折算寄宿 1,746 人，多于现有床位 1,646 张，按床位折减后方案计寄宿 1,623 人，占就读学校不变的本校学生 1,986 人的 81.7%），该比例待核实。
    """
    who = "、".join(f"{r.name}填报的寄宿比例计入（{r.rates}，用于本校城区、镇区社区规划年学生 {r.community:,} 人，"
                   f"折算寄宿 {r.pinned:,} 人，{_bed_cut(r)}方案计寄宿 {r.counted:,} 人，占就读学校不变的本校"
                   f"学生 {r.stayers:,} 人的 {percent(r.counted / r.stayers) if r.stayers else DASH}）"
                   for r in checked.itertuples())
    return f"寄宿生数和寄宿生管理费用三列均按{who}，{'该' if len(checked) == 1 else '这些'}比例待核实。"


def _bed_cut(r) -> str:
    """「连同按规则须寄宿的学生共 145 人，多于现有床位 100 张，按床位折减后」, each part when it applies;
    where the beds were shared over more boarders than stay (``candidates``), how many and the
    beds the plan leaves empty.

    >>> r = pd.Series({"pinned": 1746, "boarders": 1746, "beds": 1646, "counted": 1623, "candidates": 1772})
    >>> _bed_cut(r)
    '多于现有床位 1,646 张，按床位折减（床位按本校现有学生中可能留校寄宿的 1,772 人折减，其中 26 人方案划入他校，空出床位 23 张）后'
    """
    boarders = int(getattr(r, "boarders", r.pinned))
    text = f"连同按规则须寄宿的学生共 {boarders:,} 人，" if boarders > r.pinned else ""
    if boarders <= r.beds:
        return text
    base = int(getattr(r, "candidates", 0) or 0)
    why = (f"（床位按本校现有学生中可能留校寄宿的 {base:,} 人折减，其中 {base - boarders:,} 人方案划入他校，"
           f"空出床位 {r.beds - r.counted:,} 张）" if base > boarders and r.counted < r.beds else "")
    return text + f"多于现有床位 {r.beds:,} 张，按床位折减{why}后"


def small_by_target(sites: pd.DataFrame, expected: pd.Series, config) -> np.ndarray:
    """bool per site: expects fewer than ``small_school_max_pupils`` pupils in the target
    year (always False with ``small_school_by_target_year`` off), and with
    ``small_school_review`` on not within ``small_school_margin`` of it nor more than that
    margin over it today (such a school is kept for 目标学年复核,
    :func:`~.layout_small.under_review`; a listed one is a candidate whatever it expects)."""
    from junheng.planning.layout_small import dropping, is_critical

    if not config.small_school_by_target_year:
        return np.zeros(len(sites), bool)
    pupils = expected.reindex(sites.index).fillna(np.inf).to_numpy(float)
    small = pupils < config.small_school_max_pupils
    if not config.small_school_review:
        return small
    return small & ~is_critical(pupils, config) & ~dropping(sites["pupils_now"].to_numpy(float),
                                                            pupils, config)


def zoning_rows(m: Milp, arr: LayoutArrays, c: LayoutColumns) -> None:
    """(18) the parts of a 城区 community and stage go to one school: x_ij = x_ij0 for each
    part j and its first part j0 at every site either may go to (0 where one has no pair)."""
    if not arr.zones:
        return
    pair = {(int(j), int(i)): k for k, (j, i) in
            enumerate(zip(arr.pair_customer, arr.pair_site, strict=True))}
    at = pd.Series(arr.pair_site).groupby(arr.pair_customer).agg(set)
    for members in arr.zones:
        first = int(members[0])
        sites = set().union(*(at.get(int(j), set()) for j in members))
        for j in members[1:]:
            for i in sorted(sites):
                cols = [k for k in (pair.get((int(j), i)), pair.get((first, i))) if k is not None]
                coefs = [1.0 if k == pair.get((int(j), i)) else -1.0 for k in cols]
                m.add_row("(18)", c.x[cols], coefs, lo=0.0, hi=0.0)
