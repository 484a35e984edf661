"""县管校聘学科调剂: a school short of 体育、音乐、美术 teachers takes them from the county's
surplus of the same stage before anyone is hired (planner review: the plans hired 2 such
primary teachers while 673 primary teachers were over, 61 体育, 42 美术 and 37 音乐 among
them at the schools over).

After the staffing ledger's moves (:mod:`~junheng.planning.staffing_ledger`), per stage:

* a unit (a school with its 教学点, as the evaluation counts them) needs
  ``⌈t · P / per⌉`` 体育艺术专任教师 for its pupils ``P`` (``t / per`` the 优质均衡 standard's
  threshold per pupil, quality-2017: 0.9 per 100) and is short of what it has fewer;
* a **donor** is a school whose teachers of the stage are over its 生师比 need (the
  ledger's ``surplus``) and whose unit has more 体育艺术 teachers than it needs: it sends at
  most the smaller of the two, so it never falls below either need;
* the unit short of the most takes first (ties: by school code), one teacher at a time from
  the donor with the most to give (ties: by school code), a teacher who is no 县级以上骨干
  first (:func:`~junheng.planning.staffing_ledger.pool_order`);
* a donor outside the 城区 also keeps, as a school, its own need of 体育艺术 and of 县级以上骨干
  (brief hswap rule 2, :func:`~junheng.planning.staffing_keep.giveable`): a central school
  whose 教学点 have 体育艺术 teachers over does not give its own below its pupils' need.

The moves are 县管校聘同学段调剂 (the ledger's kind ``subject``): the receiver's teachers grow
by one, the donor's surplus falls by one, so the county's need, hires and surplus stay as they were and
the ledger still adds up. Only what no donor can give is left to the compliance plan's
招聘 (``hire_pe_art``).

>>> t = pd.DataFrame({"teacher_id": ["B1", "B2", "B3", "A1"], "school_id": ["B", "B", "B", "A"],
...                   "stage": "primary", "subject": ["pe", "pe", "chinese", "chinese"],
...                   "backbone": "none"})
>>> rows = pd.DataFrame({"school_id": ["A", "B"], "stage": "primary", "pupils": [100, 50],
...                      "surplus": [0, 2]})
>>> subject_picks(t, rows, {}, {"primary": 0.01})  # A needs ⌈1.0⌉ = 1, B ⌈0.5⌉ = 1: B1 goes
{0: ('B', 'A', 'primary')}
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.evaluate.units import PE_ART_SUBJECTS


def subject_picks(teachers: pd.DataFrame, rows: pd.DataFrame, units: Mapping[str, str],
                  per: Mapping[str, float], areas: Mapping[str, str] | None = None
                  ) -> dict[int, tuple[str, str, str]]:
    """The 体育艺术 teachers moved, by index of ``teachers`` (full-time, at their schools after
    the ledger's moves: teacher_id, school_id, stage, subject, backbone): (from, to, stage).
    ``rows``: the ledger's schools (school_id, stage, pupils, surplus); ``units``: a 教学点's
    central school (others are their own unit); ``per``: teachers per pupil by stage;
    ``areas``: each school's 城乡 class (a school outside the 城区 keeps its own need)."""
    out: dict[int, tuple[str, str, str]] = {}
    for stage, mine in rows.groupby("stage", sort=False):
        if per.get(stage):
            out |= _stage_picks(teachers, mine, units, float(per[stage]), str(stage), areas)
    return out


def _stage_picks(teachers: pd.DataFrame, rows: pd.DataFrame, units: Mapping[str, str],
                 per: float, stage: str, areas: Mapping[str, str] | None
                 ) -> dict[int, tuple[str, str, str]]:
    from junheng.planning.staffing_keep import giveable, is_rural
    from junheng.planning.staffing_ledger import pool_order

    ours = set(rows["school_id"])
    unit = {s: units.get(s, s) if units.get(s, s) in ours else s for s in ours}
    pe = teachers[teachers["stage"].eq(stage) & teachers["subject"].isin(PE_ART_SUBJECTS)
                  & teachers["school_id"].isin(ours)]
    free = {s: list(pool_order(g)) for s, g in pe.groupby("school_id")}
    heads = dict(zip(rows["school_id"], rows["pupils"], strict=True))
    for s in [s for s in free if areas is not None and is_rural(areas.get(s))]:
        mine = teachers[teachers["school_id"].eq(s) & teachers["stage"].eq(stage)]
        free[s] = giveable(mine, free[s], float(heads[s]), stage)
    pupils = rows.groupby(rows["school_id"].map(unit))["pupils"].sum()
    have = pe.groupby(pe["school_id"].map(unit)).size().reindex(pupils.index).fillna(0)
    spare = (have - np.ceil(per * pupils - 1e-9)).astype(int).to_dict()
    over = dict(zip(rows["school_id"], rows["surplus"].astype(int), strict=True))
    out: dict[int, tuple[str, str, str]] = {}
    for u in sorted((u for u, n in spare.items() if n < 0), key=lambda u: (spare[u], u)):
        while spare[u] < 0:
            give = {s: min(over[s], spare[unit[s]], len(free.get(s, ()))) for s in ours}
            s = min((s for s, n in give.items() if n > 0), key=lambda s: (-give[s], s),
                    default=None)
            if s is None:
                return out
            out[free[s].pop(0)] = (s, u, stage)
            over[s] -= 1
            spare[unit[s]] -= 1
            spare[u] += 1
    return out


def teaching_point_units(schools: pd.DataFrame) -> dict[str, str]:
    """A 教学点's central school (the evaluation's unit it counts in).

    >>> schools = pd.DataFrame({"school_id": ["C", "P", "Q"], "central_school": [None, "C", None],
    ...                         "school_type": ["primary_school", "teaching_point", "teaching_point"]})
    >>> teaching_point_units(schools)
    {'P': 'C'}
    """
    points = schools[schools["school_type"].eq("teaching_point")
                     & schools["central_school"].map(lambda c: isinstance(c, str) and c != "")]
    return dict(zip(points["school_id"].astype(str), points["central_school"].astype(str),
                    strict=True))


def picked_moves(picks: Mapping[int, tuple[str, str, str]]) -> pd.DataFrame:
    """The picks as the ledger's moves (from_school_id, to_school_id, stage, kind, teachers),
    kind ``subject`` (the teachers' own moves are ``pool`` moves: the 达标路径 counts them
    with the ledger's other 县管校聘同学段调剂)."""
    frame = pd.DataFrame(list(picks.values()), columns=["from_school_id", "to_school_id", "stage"])
    keys = ["from_school_id", "to_school_id", "stage", "kind"]
    return (frame.assign(kind="subject").groupby(keys, sort=False).size().rename("teachers")
            .reset_index())


def with_moves(schools: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """The ledger's school rows with ``extra`` moves counted: moved in and out, and hire and
    surplus again from need and the teachers it then has (need = today + moved + hire −
    surplus, as :func:`~junheng.planning.staffing_ledger.build_ledger` sets them); a move of
    kind ``transfer`` arrives in the junior stage (staffing_transfer.arriving)."""
    out = schools.copy()
    key = pd.MultiIndex.from_frame(out[["school_id", "stage"]])
    from junheng.planning.staffing_transfer import arriving

    for side, column in (("to_school_id", "moved_in"), ("from_school_id", "moved_out")):
        n = (arriving(extra) if column == "moved_in" else extra).groupby([side, "stage"])[
            "teachers"].sum()
        out[column] = out[column] + n.reindex(key).fillna(0).to_numpy(int)
    have = out["today"] + out["moved_in"] - out["moved_out"]
    out["hire"] = (out["need"] - have).clip(lower=0)
    out["surplus"] = (have - out["need"]).clip(lower=0)
    return out
