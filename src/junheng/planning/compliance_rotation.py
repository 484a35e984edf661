"""The 交流轮岗 moves of a compliance plan: who may go where, who goes where, and why
(review finding 8).

Policy (县管校聘, 交流轮岗) is 城镇 → 乡村 and 优质 → 薄弱. :func:`rotation_levels` orders the
units of a stage: more urban first (城区, 镇区, 乡村 by the 城乡分类 code), and within one class
by 骨干教师 per 专任教师 in tiers: sorted from the most, a new tier starts only where the share
drops by at least :data:`MIN_STRENGTH_GAP` (5 percentage points) from the school before, so
any two schools of different tiers differ by at least that much (a review found 22.0% → 20.4%
called 优质 → 薄弱). A teacher may go from ``u`` to ``v`` only when ``level(u) < level(v)``.
The model balances in = out per stage and type (12) and keeps every move on this order with
(15) (:func:`direction_pattern`); a unit sends at most :func:`max_out` of its teachers of a
type (16); :func:`rotation_rows` pairs the senders with the receivers, and every move carries
its reason. A receiver already at its 编制 (the staffing standard's ⌈P / r⌉) gets no net
teacher: each teacher rotated in beyond its 编制 is an exchange, one of its own teachers going
the other way (:func:`exchanged`, brief hteach 3). The exchanged teachers are 交流轮岗 teachers
too: (23) keeps 骨干教师 at the standard's floor of all of them (:func:`backbone_floor`,
:func:`exchange_room`; brief hrot).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from junheng.model.areas import area_of
from junheng.planning.staffing_ledger import staff_need
from junheng.standards import Standard
from junheng.teachers.rules import load_rules

#: 城乡分类 order of senders; a school without a code counts as 镇区.
AREA_RANK = {"urban": 0, "town": 1, "rural": 2}
#: Within one 城乡 class, schools whose 骨干教师 shares differ by less than this are one tier
#: (no exchange between them): 假设值, 5 percentage points.
MIN_STRENGTH_GAP = 0.05
#: A unit sends at most this share of its teachers of one type in the plan (rounded up):
#: 假设值, so a school's 骨干 are not moved out wholesale (a review found 22 of ~29 from one).
MAX_OUT_SHARE = 0.2
#: The 优质均衡 indicator (23) keeps: 骨干教师 among all the teachers rotated, exchanged included.
BACKBONE_SHARE = "rotation_backbone_share"
#: Rotation types whose teacher is a 骨干教师.
BACKBONE_TYPES = ("backbone_pe_art", "backbone")


def max_out(stock: np.ndarray) -> np.ndarray:
    """(16) the most teachers of a type a unit may send: ⌈20% × its teachers of that type⌉.

    >>> max_out(np.array([0, 1, 5, 29])).tolist()
    [0.0, 1.0, 1.0, 6.0]
    """
    return np.maximum(np.ceil(MAX_OUT_SHARE * np.asarray(stock, float) - 1e-9), 0.0) + 0.0
AREA_NAMES = {"urban": "城区", "town": "镇区", "rural": "乡村", "": "城乡类别未填"}


def direction_reason(kind: str, area_from: str, area_to: str, per_from: float,
                     per_to: float) -> str:
    """Why a move goes where it goes, in the plan's words (``per_*``: 骨干教师 per 专任教师).

    >>> direction_reason("backbone", "urban", "rural", 0.3, 0.0)
    '城区→乡村：城镇学校向乡村学校交流'
    >>> direction_reason("pe_art", "urban", "town", 0.3, 0.5)
    '城区→镇区：城区学校向镇区学校交流'
    >>> direction_reason("backbone_pe_art", "town", "town", 0.25, 0.125)
    '镇区→镇区：调出校骨干教师占专任教师 25.0%，高于调入校的 12.5%，优质学校向薄弱学校交流'
    """
    way = f"{AREA_NAMES.get(area_from, area_from)}→{AREA_NAMES.get(area_to, area_to)}"
    if AREA_RANK.get(area_to, 1) == 2 and AREA_RANK.get(area_from, 1) < 2:
        return f"{way}：城镇学校向乡村学校交流"
    if AREA_RANK.get(area_from, 1) < AREA_RANK.get(area_to, 1):
        return f"{way}：城区学校向镇区学校交流"
    return (f"{way}：调出校骨干教师占专任教师 {per_from:.1%}，高于调入校的 {per_to:.1%}，"
            "优质学校向薄弱学校交流")


def _areas(units: pd.DataFrame) -> np.ndarray:
    codes = units["urban_rural_code"].astype(object)
    return area_of(codes.where(codes.notna(), None))


def _strength(units: pd.DataFrame) -> np.ndarray:
    """骨干教师 per 专任教师 of each unit (0 without teachers)."""
    teachers = units["full_time_teachers"].to_numpy(float)
    backbone = units["backbone_teachers"].to_numpy(float)
    return np.divide(backbone, teachers, out=np.zeros(len(units)), where=teachers > 0)


def rotation_levels(units: pd.DataFrame) -> np.ndarray:
    """Per unit its level: 城乡 class first (城区 0, 镇区 1, 乡村 2), then the tier of its
    骨干教师 per 专任教师 (more first; a new tier where the share drops by ≥ 5 points); equal
    levels may not exchange teachers.

    >>> units = pd.DataFrame({"urban_rural_code": ["220", "111", "210", "122", "111"],
    ...                       "full_time_teachers": [10, 40, 8, 20, 50],
    ...                       "backbone_teachers": [1, 4, 2, 0, 6]})
    >>> rotation_levels(units).tolist()  # 城区 12% and 10%: one tier; 乡村 25% and 10%: two
    [3, 0, 2, 1, 0]
    """
    rank = np.array([AREA_RANK.get(a, 1) for a in _areas(units)])
    strength = np.round(_strength(units), 9)
    tier = np.zeros(len(units), dtype=int)
    for r in np.unique(rank):
        sel = np.flatnonzero(rank == r)
        ordered = sel[np.argsort(-strength[sel], kind="stable")]
        drops = np.r_[0, (strength[ordered[:-1]] - strength[ordered[1:]]
                          >= MIN_STRENGTH_GAP - 1e-9).astype(int)]
        tier[ordered] = np.cumsum(drops)
    keys = list(zip(rank.tolist(), tier.tolist(), strict=True))
    order = {k: i for i, k in enumerate(sorted(set(keys)))}
    return np.array([order[k] for k in keys], dtype=int)


def direction_pattern(units: pd.DataFrame, movable: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of (15) for one teacher type: per stage ``g`` and level ``L`` of a unit that
    may move teachers (``movable``), ``Σ_{ℓ(u) ≤ L} inᵤ − Σ_{ℓ(u) < L} outᵤ ≤ 0`` over the
    units of ``g`` (Hall's condition for senders ranked strictly before their receivers).
    Returns local row numbers, units and signs (+1: the unit's in, −1: its out).

    >>> units = pd.DataFrame({"stage": "primary", "urban_rural_code": ["111", "220"],
    ...                       "full_time_teachers": 10, "backbone_teachers": 1})
    >>> [a.tolist() for a in direction_pattern(units, np.array([True, True]))]
    [[0, 1, 1, 1], [0, 0, 1, 0], [1.0, 1.0, 1.0, -1.0]]
    """
    level = rotation_levels(units)
    rows, cols, signs, n = [], [], [], 0
    for stage in pd.unique(units["stage"]):
        sel = np.flatnonzero((units["stage"].to_numpy() == stage) & movable)
        for cut in np.unique(level[sel]):
            into, out = sel[level[sel] <= cut], sel[level[sel] < cut]
            rows += [n] * (len(into) + len(out))
            cols += [*into, *out]
            signs += [1] * len(into) + [-1] * len(out)
            n += 1
    return np.array(rows, int), np.array(cols, int), np.array(signs, float)


def rotation_rows(units: pd.DataFrame, kind: str, out: np.ndarray, into: np.ndarray,
                  row: Callable[..., dict]) -> list[dict]:
    """Pair, stage by stage, the units sending teachers of ``kind`` (``out``) with those
    taking them in (``into``): receivers from the lowest level up, each from the lowest-level
    senders still free below it (so a plan meeting (15) pairs every teacher); ``row`` makes
    one action row (``school_id, item, quantity`` and keywords)."""
    area, level, strength = _areas(units), rotation_levels(units), _strength(units)
    rows = []
    for stage in pd.unique(units["stage"]):
        sel = np.flatnonzero(units["stage"].to_numpy() == stage)
        sources = [[i, out[i]] for i in sorted(sel, key=lambda i: level[i]) if out[i] > 0]
        for j in sorted((j for j in sel if into[j] > 0), key=lambda j: level[j]):
            need = into[j]
            for source in (s for s in sources if level[s[0]] < level[j] and s[1] > 0):
                take = min(source[1], need)
                i = source[0]
                rows.append(row(units["school_id"].iloc[i], "rotation", take, stage=stage,
                                teacher_type=kind, to_school_id=units["school_id"].iloc[j],
                                reason=direction_reason(kind, area[i], area[j], strength[i],
                                                        strength[j])))
                need -= take
                source[1] -= take
                if need == 0:
                    break
    return rows


def staff_quota(units: pd.DataFrame, ratio: Mapping[str, float] | None = None) -> np.ndarray:
    """Per unit its 编制 by the staffing standard's 生师比 ``r`` (小学 19, 初中 13.5):
    ⌈students / r⌉, the 教师配置汇总's 按编制标准核定的教职工.

    >>> staff_quota(pd.DataFrame({"stage": ["junior", "primary"], "students": [522, 0]})).tolist()
    [39, 0]
    """
    if ratio is None:
        ratio = {k: float(v) for k, v in load_rules().student_ratio.items()}
    return np.array([staff_need(p, st, ratio) for p, st in
                     zip(units["students"], units["stage"], strict=True)], dtype=int)


def backbone_floor(standard: Standard) -> float:
    """(23) the standard's floor on 骨干教师 among the teachers rotated (0 without the indicator).

    >>> from junheng.standards import load_standard
    >>> backbone_floor(load_standard("quality-2017"))
    0.2
    """
    try:
        return float(standard.indicator(BACKBONE_SHARE).threshold_for() or 0.0)
    except KeyError:
        return 0.0


def exchange_room(units: pd.DataFrame, ratio: Mapping[str, float] | None = None) -> np.ndarray:
    """Per unit the teachers it may gain net before a move into it is an exchange:
    ``max(编制 − teachers, 0)`` (0 at its 编制; :func:`exchanged`), plus the places of the
    teachers it sent by 县管校聘 (``pooled_out``, (24)).

    >>> exchange_room(pd.DataFrame({"stage": "junior", "students": [522, 540, 522],
    ...     "full_time_teachers": [39, 38, 39], "pooled_out": [0, 0, 2]})).tolist()  # 编制 39, 40
    [0.0, 2.0, 2.0]
    """
    have = units["full_time_teachers"].to_numpy(float)
    return np.maximum(staff_quota(units, ratio) - have, 0.0) + pooled(units) + 0.0


def pooled_out(units: pd.DataFrame, teachers: pd.DataFrame) -> np.ndarray:
    """(24) Per unit the teachers of its stage its school sent by 县管校聘调剂 before the plan
    (``teachers``' ``pool_from``: :func:`~.compliance_redeploy.apply_teacher_moves`). Brief
    hswap rule 1: 7 township 初中 sent 61 teachers to the county town by 县管校聘, then each
    sent 1–2 more back in a 交流轮岗 exchange for the town teachers rotated in (4.2 万 a year).
    A teacher rotated into such a unit takes the place of one of those it sent (its net
    outflow shrinks by one; it never has more than before the 县管校聘), so it exchanges
    nobody (``eᵤ = 0``): :func:`exchange_room` and :func:`exchanged` count the places. The
    town school that sent the rotated teacher has one fewer than its need and fills it from
    the next source (:func:`swap_words`).

    >>> units = pd.DataFrame({"school_id": ["R", "R", "T"], "stage": ["junior", "primary", "junior"]})
    >>> teachers = pd.DataFrame({"school_id": ["T", "T", "T"], "stage": "junior",
    ...                          "pool_from": ["R", "R", None]})
    >>> pooled_out(units, teachers).tolist()
    [2, 0, 0]
    """
    if "pool_from" not in teachers:
        return np.zeros(len(units), int)
    sent = teachers[teachers["pool_from"].notna()]
    counts = sent.groupby([sent["pool_from"].astype(str), sent["stage"]]).size().to_dict()
    return np.array([counts.get((str(s), g), 0) for s, g in
                     zip(units["school_id"], units["stage"], strict=True)], int)


def with_pooled(problem) -> pd.DataFrame:
    """A compliance problem's units with ``pooled_out`` (:func:`pooled_out` of the county it
    starts from, ``problem.start``)."""
    return problem.units.assign(pooled_out=pooled_out(problem.units, problem.start.teachers))


def pooled(units: pd.DataFrame) -> np.ndarray:
    """``units``' ``pooled_out`` (0 where it has none)."""
    return (units["pooled_out"].to_numpy(float) if "pooled_out" in units
            else np.zeros(len(units)))


def exchanged(units: pd.DataFrame, moves: list[dict],
              ratio: Mapping[str, float] | None = None) -> list[dict]:
    """``moves`` (rotation rows: ``school_id`` → ``to_school_id``, ``stage``, ``quantity``) with
    ``exchanged`` set: of the teachers a move brings, how many the receiver sends back the other
    way, so that no receiver ends with more teachers than ``max(编制, teachers it has)`` plus
    those it sent by 县管校聘 (``pooled_out``, (24)).
    A receiver with ``T`` teachers, 编制 ``Q`` and net ``n`` rotated in exchanges
    ``max(0, T + n − max(Q, T) − G)``, from its first moves on, ``G`` the teachers it sent by
    县管校聘 (``pooled_out``); ``pool_places``: how many of a move's teachers take their places,
    ``min(max(0, T + n − max(Q, T)), G)`` in all (24).

    >>> units = pd.DataFrame({"school_id": ["C", "V", "W"], "stage": "junior",
    ...                       "students": [1350, 522, 540], "full_time_teachers": [100, 39, 38]})
    >>> moves = [{"school_id": "C", "to_school_id": "V", "stage": "junior", "quantity": 2},
    ...          {"school_id": "C", "to_school_id": "W", "stage": "junior", "quantity": 3}]
    >>> [m["exchanged"] for m in exchanged(units, moves)]  # V: 39 of 39; W: 38 + 3 − 40 = 1
    [2, 1]
    >>> [(m["exchanged"], m["pool_places"]) for m in  # V sent 1 by 县管校聘: 1 place, 1 back
    ...  exchanged(units.assign(pooled_out=[0, 1, 0]), moves)]
    [(1, 1), (1, 0)]
    """
    key = list(zip(units["school_id"], units["stage"], strict=True))
    pool = dict(zip(key, pooled(units).astype(int), strict=True))
    room = dict(zip(key, np.maximum(staff_quota(units, ratio), units["full_time_teachers"]
                                    .to_numpy(int)) + pooled(units).astype(int), strict=True))
    have = dict(zip(key, units["full_time_teachers"].to_numpy(int), strict=True))
    net: dict[tuple, int] = {}
    for m in moves:
        q = int(round(float(m["quantity"])))
        net[(m["to_school_id"], m["stage"])] = net.get((m["to_school_id"], m["stage"]), 0) + q
        net[(m["school_id"], m["stage"])] = net.get((m["school_id"], m["stage"]), 0) - q
    over = {k: int(max(0, have.get(k, 0) + n - room.get(k, 0))) for k, n in net.items() if n > 0}
    # (24) of those beyond max(编制, teachers), the ones in the places of its 县管校聘 teachers
    places = {k: int(min(max(0, have.get(k, 0) + n - room.get(k, 0) + pool.get(k, 0)),
                         pool.get(k, 0))) for k, n in net.items() if n > 0}
    out = []
    for m in moves:
        k, q = (m["to_school_id"], m["stage"]), int(round(float(m["quantity"])))
        back = min(q, over.get(k, 0))
        placed = min(q - back, places.get(k, 0))
        over[k], places[k] = over.get(k, 0) - back, places.get(k, 0) - placed
        out.append({**m, "exchanged": back, "pool_places": placed})
    return out


def exchange_words(actions: list[dict], staffing: dict | None = None) -> str:
    """What the plan did where a receiver is at its 编制 (``plan.json``'s rotation actions and
    their ``exchanged``), one sentence after the 交流轮岗 paragraph's ("" without rotation),
    and where a receiver sent teachers by 县管校聘 (``pool_places``, :func:`swap_words`); with
    the plan's ``staffing``, who fills each sending school's posts
    (:func:`~.rotation_cover.cover_words`).

    >>> moves = [{"item": "rotation", "to_school_id": "V", "to_name": "乙中学", "quantity": 2.0,
    ...           "exchanged": 2},
    ...          {"item": "rotation", "to_school_id": "W", "to_name": "丙中学", "quantity": 3.0,
    ...           "exchanged": 1}]
    >>> exchange_words(moves)
    '调入的 2 所学校均已达编制（按编制标准核定的教职工），交流轮岗按交换安排：乙中学 2 名、丙中学 1 名（调入 3 名中），各校同时派出同样人数的本校教师到调出学校（不计交流补助）；交流后各调入学校的专任教师不超过编制（交流前已超编的不多于交流前）。'
    >>> exchange_words([{**moves[1], "exchanged": 0}])
    '交流后各调入学校的专任教师均不超过编制（按编制标准核定的教职工）。'
    """
    rot = [a for a in actions if a.get("item") == "rotation"]
    came: dict[str, list] = {}
    for a in rot:
        got = came.setdefault(a["to_school_id"], [a.get("to_name") or a["to_school_id"], 0, 0])
        got[1] += int(round(float(a["quantity"])))
        got[2] += int(a.get("exchanged") or 0)
    from junheng.planning.rotation_cover import COVER_ITEM, cover_words

    back = [v for v in came.values() if v[2]]
    cover = cover_words(rot, staffing, [a for a in actions if a.get("item") == COVER_ITEM])
    swap = swap_words(rot, cover)
    tail = "" if swap else cover
    if not back:
        return (swap or "交流后各调入学校的专任教师均不超过编制（按编制标准核定的教职工）。" + tail) if rot else ""
    which = (f"调入的 {len(came):,} 所学校均" if len(back) == len(came)
             else f"调入的 {len(came):,} 所学校中 {len(back):,} 所")
    said = "、".join(f"{name} {m:,} 名" + (f"（调入 {n:,} 名中）" if m < n else "")
                    for name, n, m in back)
    return (f"{which}已达编制（按编制标准核定的教职工），交流轮岗按交换安排：{said}，各校同时派出同样人数"
            "的本校教师到调出学校（不计交流补助）；交流后各调入学校的专任教师不超过编制（交流前已超编的不多于"
            "交流前）。" + (swap or tail))


def swap_words(rot: list[dict], cover: str = "") -> str:
    """(24) The rotation actions ``rot`` whose teachers take the places of those their
    receiver sent by 县管校聘 (``pool_places``): no exchange there, and the schools that sent
    them are short as many, to fill from the next source, school by school where ``cover``
    (:func:`~.rotation_cover.cover_words`) says it ("" without any).

    >>> rot = [{"school_id": "C", "name": "城关中学", "to_school_id": "V", "to_name": "乙中学",
    ...         "quantity": 2.0, "pool_places": 2},
    ...        {"school_id": "C", "name": "城关中学", "to_school_id": "W", "to_name": "丙中学",
    ...         "quantity": 1.0, "pool_places": 0}]
    >>> swap_words(rot)
    '交流轮岗调入乙中学 2 名：该校已按县管校聘调出同学段教师，交流轮岗教师占用其调出教师的岗位（净调出相应减少），不交换、不派回本校教师，交流后专任教师不多于县管校聘调出前。调出交流教师的城关中学交流期间在岗教师相应少 2 名，仍须达到编制所需，按同学段按编制富余教师调剂、再招聘的顺序补足（交流教师的编制仍在原校，“教师配置汇总”不变）。'
    """
    into: dict[str, list] = {}
    out: dict[str, list] = {}
    for a in rot:
        n = int(a.get("pool_places") or 0)
        if n:
            into.setdefault(a["to_school_id"], [a.get("to_name") or a["to_school_id"], 0])[1] += n
            out.setdefault(a["school_id"], [a.get("name") or a["school_id"], 0])[1] += n
    if not into:
        return ""
    said = "、".join(f"{name} {n:,} 名" for name, n in into.values())
    senders = "、".join(name for name, _ in out.values())
    short = sum(n for _, n in out.values())
    which = "该校" if len(into) == 1 else f"这 {len(into):,} 所学校"
    filled = cover or (
        f"调出交流教师的{senders}交流期间在岗教师相应少 {short:,} 名，仍须达到编制所需，按同学段按编制富余"
        "教师调剂、再招聘的顺序补足（交流教师的编制仍在原校，“教师配置汇总”不变）。")
    return (f"交流轮岗调入{said}：{which}已按县管校聘调出同学段教师，交流轮岗教师占用其调出教师的岗位"
            "（净调出相应减少），不交换、不派回本校教师，交流后专任教师不多于县管校聘调出前。" + filled)
