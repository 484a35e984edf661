"""The exchange rule in the teacher-by-teacher 交流轮岗 plan (``junheng plan rotation``, the
web's 教师 page): the rule of the 达标路径, with its functions.

A receiver already at its 编制 (the staffing standard's ⌈P / r⌉ of its evaluation unit, school
and its 教学点 at one stage) gets no net teacher: each teacher rotated in beyond
:func:`~junheng.planning.compliance_rotation.exchange_room` is an exchange, one of its own
teachers going back to the sender (:func:`~junheng.planning.compliance_rotation.exchanged`,
who in :func:`~junheng.planning.compliance_county.exchange_pool`'s order). The teachers sent
back are 交流轮岗 teachers too: only those the 交流轮岗 rules let rotate are sent back (at least
``min_years`` at the school, within the age limit, not rotated in this year, no rotation under
way: :func:`~.rotation_data.eligibility`; brief hrot3 — before, a teacher who came this year
was sent back), the plan's 骨干 share (4) counts them (as the 达标路径's (23)) and the model
counts their indicators in the CVs it limits (:mod:`junheng.teachers.rotation`, (14)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.evaluate.units import UnitRules, build_units
from junheng.model import CountyData


@dataclass(frozen=True)
class ExchangeUnits:
    """The evaluation units (school after merging its 教学点, stage) a move lands in."""

    units: pd.DataFrame            # school_id (the unit's school), stage, students, teachers
    unit_school: dict[str, str]    # a school's id -> its unit's school id
    room: np.ndarray               # (U,) teachers a unit may gain before an exchange
    pool: tuple[tuple[str, ...], ...] = ()   # (U,) the teachers it may send back, first first

    def index(self, school_ids: Sequence[str], stages: Sequence[str]) -> np.ndarray:
        """Per (school, stage) its unit's row, -1 for none."""
        at = {k: i for i, k in enumerate(zip(self.units["school_id"], self.units["stage"],
                                             strict=True))}
        return np.array([at.get((self.unit_school.get(s, s), t), -1)
                         for s, t in zip(school_ids, stages, strict=True)], dtype=int)


def exchange_units(data: CountyData, eligible: set[str] | None = None) -> ExchangeUnits:
    """The units of ``data``, the room of each before its 编制 (``exchange_room``) and the
    teachers each may send back: its ``eligible`` teachers (ids; default: those
    :func:`~.rotation_data.eligibility` lets rotate under the default rules) in
    :func:`~junheng.planning.compliance_county.exchange_pool`'s order."""
    from junheng.planning.compliance_county import exchange_pool
    from junheng.planning.compliance_rotation import exchange_room

    teachers = data.teachers
    if eligible is None:
        from junheng.teachers.rotation_data import RotationConfig, eligibility

        eligible = set(teachers.loc[eligibility(data, teachers, RotationConfig())[0],
                                    "teacher_id"])
    built = build_units(data, UnitRules())
    frame = built.frame[["school_id", "stage", "students", "full_time_teachers"]].reset_index(
        drop=True)
    a = built.assignment.dropna(subset=["unit_school_id"])
    ok = teachers[teachers["teacher_id"].isin(eligible)]
    pool = tuple(tuple(exchange_pool(ok, data, s, t, set())["teacher_id"].astype(str))
                 for s, t in zip(frame["school_id"], frame["stage"], strict=True))
    return ExchangeUnits(frame, dict(zip(a["school_id"], a["unit_school_id"], strict=True)),
                         exchange_room(frame), pool)


def exchange_moves(data: CountyData, ex: ExchangeUnits, moves: Sequence[tuple[str, str, str, str]],
                   to: dict[str, str | None] | None = None) -> list[dict]:
    """The teachers sent back for ``moves`` (teacher id, from school, to school, stage), each
    the first of its unit's ``pool`` not moved yet, those ``to`` names first (the model's) (fewer when the pool runs out: the checker
    says so, :func:`~.rotation_check.check_exchanges`): one row per teacher, ``teacher_id``, ``from_school_id`` (the receiver's school or 教学点
    the teacher is at), ``to_school_id`` (the school that sent the rotated teacher: the one
    ``to`` names for him when given, the model's choice among a unit's senders (18), else the
    first sender of his unit with room left, (19)), ``stage``, ``for_school_id`` (a receiver
    that school sent to)."""
    from junheng.planning.compliance_rotation import exchanged

    rows: dict[tuple, dict] = {}
    for _, src, dst, stage in moves:
        key = (ex.unit_school.get(src, src), ex.unit_school.get(dst, dst), stage, src, dst)
        row = rows.setdefault(key, {"school_id": key[0], "to_school_id": key[1], "stage": stage,
                                    "sender": src, "receiver": dst, "quantity": 0})
        row["quantity"] += 1
    school = dict(zip(data.teachers["teacher_id"].astype(str), data.teachers["school_id"],
                      strict=True))
    receiver, room = {}, {}
    for r in rows.values():
        receiver.setdefault((r["to_school_id"], r["stage"], r["sender"]), r["receiver"])
        key = (r["to_school_id"], r["stage"], r["sender"])
        room[key] = room.get(key, 0) + r["quantity"]
    to = dict(to or {})
    for t, s in to.items():  # (19) the model's destinations first
        if s is not None and t in school:
            unit_id = ex.unit_school.get(school[t], school[t])
            for key in [k for k in room if k[0] == unit_id and k[2] == s][:1]:
                room[key] -= 1
    moved = {str(m[0]) for m in moves}
    unit = ex.index([r["to_school_id"] for r in rows.values()],
                    [r["stage"] for r in rows.values()])
    out = []
    for u, row in zip(unit, exchanged(ex.units, list(rows.values())), strict=True):
        if row["exchanged"] <= 0 or u < 0:
            continue
        pool = [t for t in ex.pool[u] if t not in moved] if ex.pool else []
        pool = [t for t in pool if t in to] + [t for t in pool if t not in to]
        for t in pool[:row["exchanged"]]:
            sender = to.get(t) or _with_room(room, row)
            out.append({"teacher_id": t, "from_school_id": str(school[t]),
                        "to_school_id": sender, "stage": row["stage"],
                        "for_school_id": receiver.get((row["to_school_id"], row["stage"], sender),
                                                      row["receiver"])})
            moved.add(t)
    return out


def _with_room(room: dict[tuple, int], row: dict) -> str:
    """The first school that sent into ``row``'s unit with room left for a teacher sent back
    ((19); taken), ``row``'s sender when none has."""
    for key in (k for k in room if k[0] == row["to_school_id"] and k[1] == row["stage"]):
        if room[key] > 0:
            room[key] -= 1
            return key[2]
    return row["sender"]


def plan_exchanges(data: CountyData, d, moves: Sequence) -> list[dict]:
    """:func:`exchange_moves` for a plan's moves (``Move``: ``teacher_id``, ``from_index``,
    ``to_index``, ``cls``) on its :class:`~.rotation_data.RotationData` ``d``, each teacher the
    model sends back to the school it chose (``moves.back_to``, :class:`~.rotation.Moves`);
    ``[]`` without exchange units."""
    if d.exchange is None or not moves:
        return []
    to = {t: d.school_ids[s] if s >= 0 else None for t, s in getattr(moves, "back_to", {}).items()}
    return exchange_moves(data, d.exchange, [
        (mv.teacher_id, d.school_ids[mv.from_index], d.school_ids[mv.to_index],
         str(d.class_stage[mv.cls])) for mv in moves], to)


def moved_teachers(data: CountyData, d, moves: Sequence) -> pd.DataFrame:
    """``data.teachers`` with each moved teacher at the new school and each teacher sent back
    in an exchange at the sender."""
    to = {mv.teacher_id: d.school_ids[mv.to_index] for mv in moves}
    to.update({row["teacher_id"]: row["to_school_id"] for row in plan_exchanges(data, d, moves)})
    teachers = data.teachers.copy()
    hit = teachers["teacher_id"].isin(to)
    teachers.loc[hit, "school_id"] = teachers.loc[hit, "teacher_id"].map(to)
    return teachers
