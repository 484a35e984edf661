"""县管校聘学科调剂: a school short of 体育、音乐、美术 teachers takes them from the county's
surplus of the same stage before anyone is hired (planner review: the plans hired 2 such
primary teachers while 673 primary teachers were over, 61 体育, 42 美术 and 37 音乐 among
them at the schools over).

After the staffing ledger's moves (:mod:`~junheng.planning.staffing_ledger`), per stage:

* a unit (a school with its 教学点, as the evaluation counts them) needs
  ``⌈t · P / per⌉`` 体育艺术专任教师 for its pupils ``P`` (``t / per`` the 优质均衡 standard's
  threshold per pupil, quality-2017: 0.9 per 100) and is short of what it has fewer;
* a **donor** is a school whose unit has more 体育艺术 teachers than it needs: it sends at
  most that many (县管校聘: the county moves its own surplus teachers of a subject before it
  hires; rv14 N2: 第一初级中学 had 7 over and 郑沟镇初级中学 6 while the 达标路径 hired 9
  elsewhere, for neither was over its 生师比 need);
* the unit short of the most takes first (ties: by school code), one teacher at a time from
  a donor over its 生师比 need first, then the donor with the most to give (ties: by school
  code), a teacher who is no 县级以上骨干 first (:func:`~junheng.planning.staffing_ledger.pool_order`);
* a donor not over its 生师比 need gets one of the receiver's other teachers back (县管校聘对调,
  :func:`swap_picks`: neither 体育艺术 nor 县级以上骨干, not moved already), so neither school
  falls below its need; a receiver without one (a new school, all of whose teachers came by
  the ledger's moves) sends none, and the donor's post is filled as any shortfall (转任, 招聘);
* a donor outside the 城区 also keeps, as a school, its own need of 体育艺术 and of 县级以上骨干
  (brief hswap rule 2, :func:`~junheng.planning.staffing_keep.giveable`): a central school
  whose 教学点 have 体育艺术 teachers over does not give its own below its pupils' need.

The moves are 县管校聘同学段调剂 (the ledger's kind ``subject``, a swap back kind ``pool``);
with_moves counts them again, so the ledger still adds up. What no donor can give is left to
the compliance plan's 招聘 (``hire_pe_art``), and only then: while a 体育艺术 teacher of the
stage is still over its unit's need (``subject_pool.spare``), none is hired
(:func:`~junheng.planning.hire_rule.may_hire_pe_art`).

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
    return subject_plan(teachers, rows, units, per, areas)[0]


def subject_plan(teachers: pd.DataFrame, rows: pd.DataFrame, units: Mapping[str, str],
                 per: Mapping[str, float], areas: Mapping[str, str] | None = None
                 ) -> tuple[dict[int, tuple[str, str, str]], list[tuple[str, str, str]],
                            dict[str, int]]:
    """:func:`subject_picks`, the swaps they ask for (receiver, donor, stage: a donor with no
    teacher over its 生师比 need takes one of the receiver's other teachers back, 县管校聘对调)
    and per stage the 体育艺术 teachers still over their unit's need that may move
    (:func:`~junheng.planning.hire_rule.may_hire_pe_art`: no 体育艺术 hire while one is)."""
    out: dict[int, tuple[str, str, str]] = {}
    swaps: list[tuple[str, str, str]] = []
    left: dict[str, int] = {}
    for stage, mine in rows.groupby("stage", sort=False):
        if per.get(stage):
            picks, back, left[str(stage)], _ = _stage_picks(teachers, mine, units, float(per[stage]),
                                                            str(stage), areas)
            out |= picks
            swaps += back
    return out, swaps, left


def spare_pe_art(teachers: pd.DataFrame, rows: pd.DataFrame, units: Mapping[str, str],
                 per: float, stage: str, areas: Mapping[str, str] | None = None
                 ) -> tuple[list[tuple[int, str, str]], dict[str, int]]:
    """The 体育艺术 teachers of ``stage`` a unit over its need may still give after the
    县管校聘学科调剂 (``teachers`` at their schools after the ledger's moves, :func:`subject_plan`'s
    arguments): (index, school, unit) in the order they go, a donor over its 生师比 need first,
    then by school code, and per unit how many of them may go (``room``, summing to the
    ``subject_pool.spare`` count; any of its 体育、音乐、美术 teachers: the need counts them
    together): :mod:`~junheng.planning.staffing_pe_posts` moves them before a 体育艺术 hire."""
    return _stage_picks(teachers, rows, units, per, stage, areas)[3]


def _stage_picks(teachers: pd.DataFrame, rows: pd.DataFrame, units: Mapping[str, str],
                 per: float, stage: str, areas: Mapping[str, str] | None
                 ) -> tuple[dict[int, tuple[str, str, str]], list[tuple[str, str, str]], int,
                            tuple[list[tuple[int, str, str]], dict[str, int]]]:
    ours = set(rows["school_id"])
    unit = {s: units.get(s, s) if units.get(s, s) in ours else s for s in ours}
    free = _free(teachers, rows, stage, areas)
    pupils = rows.groupby(rows["school_id"].map(unit))["pupils"].sum()
    have = teachers[teachers["stage"].eq(stage) & teachers["subject"].isin(PE_ART_SUBJECTS)
                    & teachers["school_id"].isin(ours)]
    have = have.groupby(have["school_id"].map(unit)).size().reindex(pupils.index).fillna(0)
    spare = (have - np.ceil(per * pupils - 1e-9)).astype(int).to_dict()
    over = dict(zip(rows["school_id"], rows["surplus"].astype(int), strict=True))
    out: dict[int, tuple[str, str, str]] = {}
    swaps: list[tuple[str, str, str]] = []
    for u in sorted((u for u, n in spare.items() if n < 0), key=lambda u: (spare[u], u)):
        while spare[u] < 0:
            give = {s: min(spare[unit[s]], len(free.get(s, ()))) for s in ours}
            # a donor over its 生师比 need first (no swap), then the one with the most to give
            s = min((s for s, n in give.items() if n > 0),
                    key=lambda s: (over[s] <= 0, -give[s], s), default=None)
            if s is None:
                break
            out[free[s].pop(0)] = (s, u, stage)
            if over[s] > 0:
                over[s] -= 1
            else:
                swaps.append((u, s, stage))
            spare[unit[s]] -= 1
            spare[u] += 1
    rest = [(i, s, unit[s]) for s in sorted(free, key=lambda s: (over[s] <= 0, s)) for i in free[s]]
    movable: dict[str, int] = {}
    for _, _, u in rest:
        movable[u] = movable.get(u, 0) + 1
    room = {u: min(max(int(spare.get(u, 0)), 0), n) for u, n in movable.items()}
    return out, swaps, sum(room.values()), (rest, room)


def _free(teachers: pd.DataFrame, rows: pd.DataFrame, stage: str,
          areas: Mapping[str, str] | None) -> dict[str, list]:
    """Per school of ``rows`` its 体育艺术 teachers of ``stage`` in the order it sends them, a
    school outside the 城区 only those beyond its own need (staffing_keep.giveable)."""
    from junheng.planning.staffing_keep import giveable, is_rural
    from junheng.planning.staffing_ledger import pool_order

    ours = set(rows["school_id"])
    pe = teachers[teachers["stage"].eq(stage) & teachers["subject"].isin(PE_ART_SUBJECTS)
                  & teachers["school_id"].isin(ours)]
    free = {s: list(pool_order(g)) for s, g in pe.groupby("school_id")}
    heads = dict(zip(rows["school_id"], rows["pupils"], strict=True))
    for s in [s for s in free if areas is not None and is_rural(areas.get(s))]:
        mine = teachers[teachers["school_id"].eq(s) & teachers["stage"].eq(stage)]
        free[s] = giveable(mine, free[s], float(heads[s]), stage)
    return free


def swap_picks(teachers: pd.DataFrame, swaps: list[tuple[str, str, str]], taken,
               pupils: Mapping[tuple[str, str], float] | None = None
               ) -> dict[int, tuple[str, str, str]]:
    """县管校聘对调: per swap (receiver, donor, stage) of :func:`subject_plan` one teacher of the
    receiver goes to the donor, so neither falls below its 生师比 need: the first by
    :func:`~junheng.planning.staffing_ledger.pool_order` of its teachers of the stage who are
    neither 体育艺术 nor 县级以上骨干 and not moved already (``taken``: indexes of ``teachers``);
    a receiver without one sends none (the donor is then short, filled as any shortfall).
    With ``pupils`` ((school, stage) → pupils) one of a subject the receiver has over its
    class-hour quota first (staffing_keep.subject_first; rv17 5: a 乡镇 school sent back its
    历史 teacher and was left short of 历史).

    >>> t = pd.DataFrame({"teacher_id": ["A1", "A2", "A3"], "school_id": "A", "stage": "junior",
    ...                   "subject": ["pe", "math", "chinese"], "backbone": ["none", "county", "none"]})
    >>> swap_picks(t, [("A", "D", "junior")], set())
    {2: ('A', 'D', 'junior')}

    A keeps 27 pupils (⌈27 / 13.5⌉ = 2 posts: 语文 1, 综合实践 1): its 语文 teacher is not over,
    the 数学 one goes instead (had it no 骨干 rank):

    >>> t2 = t.assign(backbone="none")
    >>> swap_picks(t2, [("A", "D", "junior")], set(), {("A", "junior"): 27})
    {1: ('A', 'D', 'junior')}
    """
    from junheng.evaluate.units import BACKBONE_COUNTY_AND_ABOVE
    from junheng.planning import staffing_keep as keep
    from junheng.planning.staffing_ledger import pool_order

    plain = teachers[~teachers["subject"].isin(PE_ART_SUBJECTS)
                     & ~teachers["backbone"].isin(BACKBONE_COUNTY_AND_ABOVE)
                     & ~teachers.index.isin(list(taken))]
    out: dict[int, tuple[str, str, str]] = {}
    for to, frm, stage in swaps:
        mine = plain[plain["school_id"].eq(to) & plain["stage"].eq(stage)
                     & ~plain.index.isin(list(out))]
        if len(mine):
            order = pool_order(mine)
            if pupils is not None:
                staff = teachers[teachers["school_id"].eq(to) & teachers["stage"].eq(stage)
                                 & ~teachers.index.isin(list(out))]
                over = keep.subjects_over(staff["subject"], float(pupils.get((to, stage), 0)), stage)
                order = keep.subject_first(order, teachers["subject"], over)
            out[order.tolist()[0]] = (to, frm, stage)
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


def with_subject_pool(ledger, data, full: pd.DataFrame, plan, names: Mapping[str, str]):
    """``ledger`` (a :class:`~junheng.planning.staffing_ledger.StaffingLedger`) with the
    县管校聘学科调剂 of :func:`subject_plan` before any 招聘: the 体育艺术 teachers the schools
    over their need give the units short of them (kind ``subject``), the teachers swapped back
    to a donor with none over its 生师比 need (:func:`swap_picks`, kind ``pool``) and the
    ``subject_pool`` counts (spare left, swapped). ``full``: the full-time compulsory teachers, at today's schools."""
    from dataclasses import replace

    from junheng.planning.compliance_redeploy import per_pupil
    from junheng.planning.layout_county import closure_destinations
    from junheng.planning.staffing_keep import rural_areas
    from junheng.planning.staffing_ledger import MOVE_COLUMNS
    from junheng.standards import load_standard

    at = closure_destinations(full, plan.schools)
    moved = ledger.teacher_moves.set_index("teacher_id")["to_school_id"]
    ids = full["teacher_id"].astype(str)
    at = at.where(~ids.isin(moved.index), ids.map(moved))
    std = load_standard("quality-2017", data.overlay)
    per = {k: per_pupil(std, "pe_art_teachers", k) for k in ("primary", "junior")}
    here = full.assign(school_id=at)
    picks, swaps, left = subject_plan(here, ledger.schools, teaching_point_units(data.schools),
                                      per, rural_areas(data.schools))
    if not picks:
        return replace(ledger, subject_pool={"spare": left, "swapped": 0})
    heads = dict(zip(zip(ledger.schools["school_id"], ledger.schools["stage"], strict=True),
                     ledger.schools["pupils"], strict=True))
    back = swap_picks(here, swaps, set(full.index[ids.isin(moved.index)]) | set(picks), heads)
    extra = pd.concat([picked_moves(picks), picked_moves(back).assign(kind="pool")],
                      ignore_index=True)
    named = extra.assign(from_name=extra["from_school_id"].map(lambda s: names.get(s, s)),
                         to_name=extra["to_school_id"].map(lambda s: names.get(s, s)))
    both = {**picks, **back}
    each = pd.DataFrame({"teacher_id": [str(full.at[i, "teacher_id"]) for i in both],
                         "to_school_id": [to for _, to, _ in both.values()], "kind": "pool"})
    return replace(ledger, schools=with_moves(ledger.schools, extra),
                   moves=pd.concat([ledger.moves, named[list(MOVE_COLUMNS)]], ignore_index=True),
                   teacher_moves=pd.concat([ledger.teacher_moves, each], ignore_index=True),
                   subject_pool={"spare": left, "swapped": len(back)})
