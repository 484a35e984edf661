"""One staffing ledger (教师配置汇总) for a plan year: the teacher figures every document of
the layout plan and of the 达标路径 after it prints (review 2026-12-04: 88 posts in one, 71
moved and "仍需招聘 1 人" in the other, "仍缺 41 人" in its notes).

Per public compulsory school ``s`` and stage ``k`` in the plan year:

* ``need`` = ⌈Pₛₖ / rₖ⌉, the full-time teachers its pupils Pₛₖ need by the 生师比 rₖ of
  the staffing standard (``standards/staffing.yaml``: 小学 19, 初中 13.5), the ratio
  the layout prices its new schools' posts and the compliance plan checks its receivers by;
* ``today``: its full-time teachers of the stage now (0 at a new school);
* ``moved_in`` / ``moved_out``: teachers who follow pupils, a closing school's to its
  receiver (撤并随迁) and between kept schools (保留学校间调配), each move a row of
  :attr:`StaffingLedger.moves` (from → to);
  A kept school sends with its pupils only the teachers it can spare (never below its own
  need); then, before anything is hired, 县管校聘调剂 (kind ``pool``) moves the surplus
  teachers of a stage to schools of the same stage short of their need (largest shortfall
  first, from the largest surplus, ties by school code), so a stage hires
  max(0, its need − its teachers);
* ``new_posts``: a new school's posts, its ``need`` (its teachers come by moves or hires);
* ``hire`` = max(0, need − today − moved) and ``surplus`` = max(0, today + moved − need),
  with moved = moved_in − moved_out,

so that, per school and county-wide (:meth:`StaffingLedger.check`, no solver)::

    need = today + moved_in − moved_out + hire − surplus

A new school's ``new_posts`` are part of its ``need`` (today 0), not a further addend.

>>> today = pd.DataFrame({"school_id": ["A", "B"], "stage": "primary", "teachers": [5, 20]})
>>> pupils = pd.DataFrame({"school_id": ["B", "N"], "stage": "primary", "pupils": [400, 95]})
>>> moves = pd.DataFrame({"from_school_id": ["A"], "to_school_id": ["B"], "stage": "primary",
...                       "kind": "closure", "teachers": [5]})
>>> ledger = build_ledger(today, pupils, moves, new_schools={"N"})
>>> ledger.county()
{'need': 27, 'today': 25, 'moved': 8, 'new_posts': 5, 'hire': 2, 'surplus': 0}
>>> ledger.moved_by_kind()  # B: 20 + 5 − ⌈400/19⌉ = 3 spare, pooled to N (⌈95/19⌉ = 5)
{'closure': 5, 'kept': 0, 'pool': 3, 'subject': 0}
>>> ledger.check()
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from junheng.errors import JunhengError
from junheng.evaluate.units import BACKBONE_COUNTY_AND_ABOVE
from junheng.model import CountyData
from junheng.model.codes import COMPULSORY_SCHOOL_TYPES, GRADE_STAGE
from junheng.planning import staffing_keep as keep
from junheng.planning.staffing_figures import stage_figures  # noqa: F401  (its old home)
from junheng.planning.staffing_keep import BACKBONE_ORDER, pool_order  # noqa: F401  (old home)
from junheng.planning.staffing_pe_posts import with_pe_art_posts
from junheng.planning.staffing_pe_swap import with_pe_art_swaps
from junheng.planning.staffing_subjects import with_subject_pool
from junheng.planning.staffing_transfer import with_transfers

STAGES = ("primary", "junior")
#: ``subject``: 县管校聘调剂 of 体育艺术 teachers to a unit short of them (staffing_subjects);
#: ``transfer``: a surplus primary teacher to a junior post (staffing_transfer)
KINDS = {"closure": "撤并随迁", "kept": "保留学校间调配", "pool": "县管校聘调剂", "subject": "县管校聘学科调剂",
         "transfer": "小学富余教师转任初中"}
FIGURES = ("need", "today", "moved_in", "moved_out", "new_posts", "hire", "surplus")
SCHOOL_COLUMNS = ("school_id", "name", "stage", "pupils", *FIGURES)
MOVE_COLUMNS = ("from_school_id", "from_name", "to_school_id", "to_name", "stage", "kind",
                "teachers")
TEACHER_MOVE_COLUMNS = ("teacher_id", "to_school_id", "kind")


class LedgerImbalance(JunhengError):
    """The staffing ledger does not add up (a bug: every figure is derived from the rows)."""


@dataclass(frozen=True)
class StaffingLedger:
    """Per school and stage the figures of the module docstring, the moves they come from,
    the plan year and the 生师比 used."""

    schools: pd.DataFrame
    moves: pd.DataFrame
    year: int | None = None
    ratio: Mapping[str, float] | None = None
    #: the teachers moved between kept schools, one by one (teacher_id, to_school_id, kind:
    #: ``kept`` or ``pool``): the 达标路径 after the layout moves these
    #: (compliance_redeploy.apply_teacher_moves)
    teacher_moves: pd.DataFrame | None = None
    #: 自然减员: today's teachers retired before the plan year starts (:func:`retirements`)
    retirement: Mapping | None = None
    #: the compulsory full-time teachers the ledger leaves out (:func:`left_out`)
    excluded: Mapping | None = None
    #: 县管校聘 out of rural schools: teachers, 骨干, 体育艺术 (staffing_keep.rural_out)
    rural_out: Mapping | None = None
    #: 转任初中 counted: teachers, candidates, unknown stage, filled (staffing_transfer)
    transfer: Mapping | None = None
    #: 县管校聘学科调剂 (staffing_subjects): ``spare``, per stage the 体育艺术 teachers still
    #: over their unit's need that may move (while one is, no 体育艺术 hire: hire_rule), and
    #: ``swapped``, the teachers sent back to a donor with none over its 生师比 need
    subject_pool: Mapping | None = None

    def county(self) -> dict[str, int]:
        """County-wide totals; ``moved``: teachers moved (each counted once, at its sender)."""
        s = self.schools
        return {"need": int(s["need"].sum()), "today": int(s["today"].sum()),
                "moved": int(self.moves["teachers"].sum()) if len(self.moves) else 0,
                "new_posts": int(s["new_posts"].sum()), "hire": int(s["hire"].sum()),
                "surplus": int(s["surplus"].sum())}

    def moved_by_kind(self) -> dict[str, int]:
        """Teachers moved per kind (:data:`KINDS`; ``transfer`` only when there is one)."""
        m = self.moves
        out = {k: int(m.loc[m["kind"] == k, "teachers"].sum()) if len(m) else 0 for k in KINDS}
        return out if out["transfer"] else {k: n for k, n in out.items() if k != "transfer"}

    def check(self) -> None:
        """Raise :class:`LedgerImbalance` unless need = today + moved + hire − surplus per
        school and county-wide, and every school's moves are its rows' ``moved_in`` /
        ``moved_out``."""
        s = self.schools
        gap = s["today"] + s["moved_in"] - s["moved_out"] + s["hire"] - s["surplus"] - s["need"]
        bad = s[gap != 0]
        if len(bad):
            row = bad.iloc[0]
            raise LedgerImbalance(f"教师配置汇总不平衡：{row['name']} 需 {row['need']} 人，现有 "
                                  f"{row['today']} 人，调入 {row['moved_in']} 人、调出 "
                                  f"{row['moved_out']} 人，招聘 {row['hire']} 人，富余 "
                                  f"{row['surplus']} 人。")
        _check_moves(s, self.moves)
        c = self.county()
        if c["need"] != c["today"] + int(s["moved_in"].sum() - s["moved_out"].sum()) \
                + c["hire"] - c["surplus"]:
            raise LedgerImbalance(f"教师配置汇总全县不平衡：{c}")

    def to_dict(self) -> dict:
        """``plan.json``'s ``staffing`` (plain numbers and strings)."""
        return {"year": self.year, "ratio": dict(self.ratio or {}),
                "county": self.county(), "moved_by_kind": self.moved_by_kind(),
                "schools": _records(self.schools, SCHOOL_COLUMNS),
                "moves": _records(self.moves, MOVE_COLUMNS),
                "teacher_moves": [] if self.teacher_moves is None else
                _records(self.teacher_moves, TEACHER_MOVE_COLUMNS),
                "retirement": self.retirement, "excluded": self.excluded,
                "rural_out": self.rural_out, "transfer": self.transfer,
                "subject_pool": self.subject_pool}

    @classmethod
    def from_dict(cls, doc: Mapping) -> StaffingLedger:
        """The ledger of a ``plan.json``'s ``staffing``."""
        schools = pd.DataFrame(list(doc.get("schools") or []), columns=list(SCHOOL_COLUMNS))
        moves = pd.DataFrame(list(doc.get("moves") or []), columns=list(MOVE_COLUMNS))
        each = teacher_moves_frame(doc.get("teacher_moves"))
        return cls(schools, moves, doc.get("year"), dict(doc.get("ratio") or {}), each,
                   doc.get("retirement"), doc.get("excluded"), doc.get("rural_out"),
                   doc.get("transfer"), doc.get("subject_pool"))


def teacher_moves_frame(records) -> pd.DataFrame:
    """``plan.json``'s ``staffing.teacher_moves`` as a frame (:data:`TEACHER_MOVE_COLUMNS`);
    a move of an older file without ``kind`` is one that follows its pupils (``kept``).

    >>> teacher_moves_frame([{"teacher_id": "T1", "to_school_id": "N"}]).values.tolist()
    [['T1', 'N', 'kept']]
    """
    frame = pd.DataFrame(list(records or []), columns=list(TEACHER_MOVE_COLUMNS))
    return frame.assign(kind=frame["kind"].astype(object).fillna("kept"))


def _records(frame: pd.DataFrame, columns) -> list[dict]:
    return [{k: (int(v) if isinstance(v, (int, np.integer)) else v) for k, v in r.items()}
            for r in frame[list(columns)].to_dict("records")]


def _check_moves(schools: pd.DataFrame, moves: pd.DataFrame) -> None:
    key = ["school_id", "stage"]
    got = schools.set_index(key)[["moved_in", "moved_out"]]
    if not len(moves):
        want_in = want_out = pd.Series(0, index=got.index)
    else:
        from junheng.planning.staffing_transfer import arriving

        want_in = arriving(moves).groupby(["to_school_id", "stage"])["teachers"].sum()
        want_out = moves.groupby(["from_school_id", "stage"])["teachers"].sum()
        want_in.index.names = want_out.index.names = key
    for column, want in (("moved_in", want_in), ("moved_out", want_out)):
        diff = got[column].sub(want.reindex(got.index).fillna(0)).abs()
        if diff.sum() or want.sum() != got[column].sum():
            raise LedgerImbalance(f"教师配置汇总的调配人数与调配明细不一致（{column}）。")


def staff_need(pupils: float, stage: str, ratio: Mapping[str, float]) -> int:
    """Teachers ``pupils`` of ``stage`` need by the 生师比: ⌈P / r⌉.

    >>> staff_need(1186, "junior", {"junior": 13.5}), staff_need(0, "primary", {"primary": 19})
    (88, 0)
    """
    return int(np.ceil(float(pupils) / float(ratio[stage]) - 1e-9))


def build_ledger(today: pd.DataFrame, pupils: pd.DataFrame, moves: pd.DataFrame, *,
                 new_schools=frozenset(), names: Mapping[str, str] | None = None,
                 year: int | None = None, ratio: Mapping[str, float] | None = None,
                 towns: Mapping[str, str] | None = None,
                 caps: Mapping[tuple[str, str], int] | None = None) -> StaffingLedger:
    """The ledger from today's teachers (school_id, stage, teachers), the plan year's pupils
    (school_id, stage, pupils) and the moves (:data:`MOVE_COLUMNS` without the names; kind
    ``closure`` or ``kept``). ``ratio`` defaults to the staffing standard's 生师比; ``towns``:
    each school's 乡镇 (a 县管校聘调剂 takes from its own 乡镇 first); ``caps``: the most a
    rural (school, stage) may give by 县管校聘 (staffing_keep.keep_caps, brief hswap rule 2)."""
    if ratio is None:
        from junheng.teachers.rules import load_rules

        ratio = {k: float(load_rules().student_ratio[k]) for k in STAGES}
    names = dict(names or {})
    key = ["school_id", "stage"]
    frame = (pupils.groupby(key)["pupils"].sum().to_frame()
             .join(today.groupby(key)["teachers"].sum().rename("today"), how="outer")
             .fillna(0).reset_index())
    frame = frame[frame["stage"].isin(STAGES)]
    moves = _spare_only(moves, frame, ratio)
    moves = pd.concat([moves, _pool_moves(frame, moves, ratio, towns or {}, set(new_schools),
                                          caps or {})], ignore_index=True)
    moved_in = _moved(moves, "to_school_id")
    moved_out = _moved(moves, "from_school_id")
    idx = pd.MultiIndex.from_frame(frame[key])
    frame["moved_in"] = moved_in.reindex(idx).fillna(0).to_numpy(int)
    frame["moved_out"] = moved_out.reindex(idx).fillna(0).to_numpy(int)
    frame["need"] = [staff_need(p, st, ratio) for p, st in zip(frame["pupils"], frame["stage"],
                                                                strict=True)]
    frame["today"] = frame["today"].astype(int)
    frame["pupils"] = frame["pupils"].round().astype(int)
    have = frame["today"] + frame["moved_in"] - frame["moved_out"]
    frame["hire"] = (frame["need"] - have).clip(lower=0)
    frame["surplus"] = (have - frame["need"]).clip(lower=0)
    frame["new_posts"] = np.where(frame["school_id"].isin(set(new_schools)), frame["need"], 0)
    frame["name"] = frame["school_id"].map(lambda s: names.get(s, s))
    frame = frame.sort_values(key, kind="stable").reset_index(drop=True)
    named = moves.assign(from_name=moves["from_school_id"].map(lambda s: names.get(s, s)),
                         to_name=moves["to_school_id"].map(lambda s: names.get(s, s)))
    return StaffingLedger(frame[list(SCHOOL_COLUMNS)], named[list(MOVE_COLUMNS)]
                          .reset_index(drop=True), year, dict(ratio))


def _needs(frame: pd.DataFrame, ratio: Mapping[str, float]) -> pd.Series:
    """Per (school_id, stage) of ``frame`` (pupils, today): its need and its teachers today."""
    need = [staff_need(p, st, ratio) for p, st in zip(frame["pupils"], frame["stage"],
                                                       strict=True)]
    return pd.Series(need, index=pd.MultiIndex.from_frame(frame[["school_id", "stage"]]))


def _have(frame: pd.DataFrame, moves: pd.DataFrame) -> pd.Series:
    """Per (school_id, stage): today's teachers plus those moved in less those moved out."""
    idx = pd.MultiIndex.from_frame(frame[["school_id", "stage"]])
    have = pd.Series(frame["today"].to_numpy(float), index=idx)
    have = have.add(_moved(moves, "to_school_id").reindex(idx).fillna(0), fill_value=0)
    return have.sub(_moved(moves, "from_school_id").reindex(idx).fillna(0), fill_value=0)


def _spare_only(moves: pd.DataFrame, frame: pd.DataFrame,
                ratio: Mapping[str, float]) -> pd.DataFrame:
    """``moves`` with each kept school's moves (kind ``kept``) cut, in their order, to the
    teachers it can spare: its teachers after the closures less its own need (县管校聘:
    a school never sends below its need)."""
    kept = moves["kind"].eq("kept") if len(moves) else pd.Series(dtype=bool)
    if not kept.any():
        return moves.reset_index(drop=True)
    spare = (_have(frame, moves[~kept]) - _needs(frame, ratio)).clip(lower=0).to_dict()
    out = moves.copy()
    for i in out.index[kept.to_numpy()]:
        key = (out.at[i, "from_school_id"], out.at[i, "stage"])
        n = int(min(int(out.at[i, "teachers"]), spare.get(key, 0)))
        spare[key] = spare.get(key, 0) - n
        out.at[i, "teachers"] = n
    return out[out["teachers"] > 0].reset_index(drop=True)


def _pool_moves(frame: pd.DataFrame, moves: pd.DataFrame, ratio: Mapping[str, float],
                towns: Mapping[str, str], new: frozenset[str] | set[str] = frozenset(),
                caps: Mapping[tuple[str, str], int] | None = None) -> pd.DataFrame:
    """县管校聘调剂 within a stage, before anything is hired: the kept schools short of teachers
    first, the new schools (``new``) last, each group the school short of the most first, from
    a school of its own 乡镇 (``towns``) before others (review rv 5: the county town's new
    school took 21 from 黄城镇中心小学 while 城关第一小学, which lost 534 pupils, kept 39 over),
    the one with the most to spare first (ties by school code), until the stage has no school
    short or none to spare. So each stage hires max(0, its need − its teachers), at the new
    schools first: a new school takes the teachers following its pupils, then the hires, then
    others' surplus (review rv 8: 11 village schools sent 61 teachers to the new county-town
    school). A needs ⌈135/13.5⌉ = 10, has 7; G 8 spare; N needs 10: A takes 3, N 5, hires 5:

    >>> frame = pd.DataFrame({"school_id": ["A", "G", "N"], "stage": "junior",
    ...                       "pupils": [135, 27, 135], "today": [7, 10, 0]})
    >>> none = pd.DataFrame(columns=["from_school_id", "to_school_id", "stage", "kind", "teachers"])
    >>> _pool_moves(frame, none, {"junior": 13.5}, {}, {"N"}).to_dict("list")
    {'from_school_id': ['G', 'G'], 'to_school_id': ['A', 'N'], 'stage': ['junior', 'junior'], 'kind': ['pool', 'pool'], 'teachers': [3, 5]}
    """
    short = (_needs(frame, ratio) - _have(frame, moves)).astype(int)
    rows = []
    for stage in STAGES:
        mine = short[short.index.get_level_values("stage") == stage]
        takers = [[k[0], v] for k, v in sorted(mine[mine > 0].items(),
                                                 key=lambda x: (x[0][0] in new, -x[1], x[0]))]
        givers = [[k[0], min(-v, (caps or {}).get(k, -v))]  # rural: keep 骨干、体育艺术
                  for k, v in sorted(mine[mine < 0].items(), key=lambda x: (x[1], x[0]))]
        for taker in takers:
            home = towns.get(taker[0])
            for giver in sorted(givers, key=lambda g: home is None or towns.get(g[0]) != home):
                n = min(taker[1], giver[1])
                if n > 0:
                    rows.append((giver[0], taker[0], stage, "pool", n))
                    taker[1] -= n
                    giver[1] -= n
    return pd.DataFrame(rows, columns=["from_school_id", "to_school_id", "stage", "kind",
                                       "teachers"])


def _moved(moves: pd.DataFrame, side: str) -> pd.Series:
    if not len(moves):
        return pd.Series(dtype=float)
    return moves.groupby([side, "stage"])["teachers"].sum()


def ledger_after_layout(data: CountyData, plan, state, year: int | None) -> StaffingLedger:
    """The ledger of ``data`` (today) once layout ``plan`` is carried out (``state``:
    :class:`~junheng.planning.compliance_layout.AfterLayout`, its ``now`` the plan year's
    pupils and its ``moves`` the teachers moved between kept schools). Public compulsory
    schools only: a 民办 school's teachers are its 举办者's."""
    ours = public_compulsory(data.schools)
    new = {s.school_id for s in plan.schools if s.action == "new"}
    ours |= new
    full = data.teachers[data.teachers["full_time"].fillna(False).astype(bool)
                         & data.teachers["stage"].isin(STAGES)
                         & data.teachers["school_id"].isin(ours)]
    today = full.groupby(["school_id", "stage"]).size().rename("teachers").reset_index()
    now = state.now[state.now["school_id"].isin(ours)]
    pupils = (now.assign(stage=now["grade"].map(GRADE_STAGE))
              .groupby(["school_id", "stage"])["students"].sum().rename("pupils").reset_index())
    moves = pd.concat([_closure_moves(full, plan), _kept_moves(state.moves)], ignore_index=True)
    names = {**data.schools.set_index("school_id")["name"].to_dict(),
             **{s.school_id: s.name for s in plan.schools}}
    towns = {**data.schools.set_index("school_id")["town_code"].dropna().astype(str).to_dict(),
             **{s.school_id: s.town_code for s in plan.schools if s.town_code}}
    areas = keep.rural_areas(data.schools)
    ledger = build_ledger(today, pupils, moves, new_schools=new, names=names, year=year,
                          towns=towns, caps=keep.pool_caps(full, plan, pupils, areas, moves))
    each = _teacher_moves(data, plan, state.county, ledger.moves, ledger.schools)
    ledger = with_subject_pool(replace(ledger, teacher_moves=each), data, full, plan, names)
    points = set(data.schools.loc[data.schools["school_type"].eq("teaching_point"), "school_id"].astype(str))
    ledger = with_transfers(ledger, full, plan, names, towns, stay=points)
    ledger = with_pe_art_posts(ledger, data, full, plan, names)  # brief hstaff2 3
    ledger = with_pe_art_swaps(ledger, data, full, plan, names)  # brief hfix10b 2
    before = keep.before_pool(full, plan, ledger.teacher_moves)
    keep.check_kept(before, ledger.teacher_moves, pupils, areas, names)
    return replace(ledger, retirement=None if year is None else retirements(full, year),
                   excluded=left_out(data, ours),
                   rural_out=keep.rural_out(before, ledger.teacher_moves, areas))


def ledger_without_layout(data: CountyData, now: pd.DataFrame,
                          year: int | None) -> StaffingLedger:
    """The ledger of ``data`` when no layout plan comes first (the 达标路径 alone): today's
    schools and teachers, ``now`` the plan year's pupils (school_id, grade, students). No
    closure and no move with the pupils, so only the 县管校聘调剂 of a stage (生师比, then
    体育艺术: :mod:`~junheng.planning.staffing_subjects`) come before any 招聘, as after a layout
    (review vf: the 达标路径 alone hired beside a surplus)."""
    from types import SimpleNamespace

    from junheng.planning.layout_outcome import LayoutOutcome

    state = SimpleNamespace(now=now, moves=None, county=data)
    return ledger_after_layout(data, LayoutOutcome("optimal", (), {}), state, year)


def _teacher_moves(data: CountyData, plan, county: CountyData, moves: pd.DataFrame,
                   pupils: pd.DataFrame) -> pd.DataFrame:
    """The ledger's moves between schools (kinds ``kept`` and ``pool``) teacher by teacher:
    of the teachers ``county`` moved between kept schools, the first of each sender,
    receiver and stage up to the ledger's count; for a 县管校聘调剂 move, the sender's
    full-time teachers of the stage not yet moved (a closed school's at the receiver its
    split sends them to: layout_county.closure_destinations), chosen by
    :func:`_pool_picks`. ``pupils``: the ledger's schools (school_id, stage, pupils)."""
    from junheng.planning.layout_county import closure_destinations

    t = data.teachers
    merged = closure_destinations(t, plan.schools)
    now = county.teachers["school_id"].reindex(merged.index)
    moved = now.notna() & (now != merged)
    want = {(m.from_school_id, m.to_school_id, m.stage): int(m.teachers)
            for m in moves.itertuples() if m.kind == "kept"}
    picked: dict[int, tuple[str, str]] = {}
    for i in t.index[moved.to_numpy()]:
        key = (merged[i], now[i], t.at[i, "stage"])
        if want.get(key, 0) > 0:
            want[key] -= 1
            picked[i] = (now[i], "kept")
    picked |= _pool_picks(t, merged, picked, moves, pupils, keep.rural_areas(data.schools))
    rows = sorted(picked.items())
    return pd.DataFrame({"teacher_id": [str(t.at[i, "teacher_id"]) for i, _ in rows],
                         "to_school_id": [str(to) for _, (to, _) in rows],
                         "kind": [kind for _, (_, kind) in rows]},
                        columns=list(TEACHER_MOVE_COLUMNS))


def _pool_picks(t: pd.DataFrame, at: pd.Series, picked: Mapping[int, tuple[str, str]],
                moves: pd.DataFrame, pupils: pd.DataFrame,
                areas: Mapping[str, str] | None = None) -> dict[int, tuple[str, str]]:
    """The teachers of each 县管校聘调剂 move (``at``: each teacher's school after the closures;
    ``picked``: those already moved with the pupils). A sender sends teachers who are neither
    县级以上骨干 nor 体育艺术 first (review 2026-12-04 finding 9: 21 of the 50 sent from 乡镇
    schools to the county town were 骨干, picked by teacher code; review rv 1: 4 乡镇 初中
    below the 体育艺术 standard each sent theirs to the new school, and the 整改 paid to send
    city 体育艺术 teachers back); a 骨干 or 体育艺术 teacher goes only for the receiver's shortfall
    against the 优质均衡 standard (⌈1 骨干 and 0.9 体育艺术 per 100⌉ pupils, quality-2017) while
    the sender keeps at least as many as it asks for its own, the lowest 骨干 level first
    (:func:`pool_order`), spread over the senders (:func:`_scarce_quotas`). Without 骨干 a
    new school of 1,186 pupils got none and the demo's 初中骨干 差异系数 rose from 0.384 to
    0.466, over the 0.45 the layout may not pass."""
    from junheng.evaluate.units import PE_ART_SUBJECTS

    full = t["full_time"].fillna(False).astype(bool)
    backbone = full & t["backbone"].isin(BACKBONE_COUNTY_AND_ABOVE)
    pe_art = full & t["subject"].isin(PE_ART_SUBJECTS)
    pool = moves[moves["kind"] == "pool"]
    free = {m.Index: t.index[full & at.eq(m.from_school_id) & t["stage"].eq(m.stage)
                             & ~t.index.isin(list(picked))] for m in pool.itertuples()}
    where = at.copy()
    for i, (to, _) in picked.items():
        where[i] = to
    quotas = [_scarce_quotas(pool, t, flag, where, free, pupils, need)
              for flag, need in ((backbone, keep.backbone_need), (pe_art, keep.pe_art_need))]
    out, spares, over = {}, {}, {}  # teacher → (to, kind); rural (sender, stage) → what it may still give
    heads = pupils.set_index(["school_id", "stage"])["pupils"]
    for m in pool.itertuples():
        order = pool_order(t.loc[free[m.Index].difference(list(out))])
        key = (m.from_school_id, m.stage)
        if areas is not None and keep.is_rural(areas.get(m.from_school_id)) and key not in spares:
            here = t.index[full & where.eq(m.from_school_id) & t["stage"].eq(m.stage)]
            spares[key] = list(keep.spare_of(t.loc[here], float(heads.get(key, 0)), m.stage))
            over[key] = keep.subjects_over(t.loc[here, "subject"], float(heads.get(key, 0)), m.stage)
        if key in over:  # a rural sender keeps the teachers its own subjects need (rv17 5)
            order = keep.subject_first(order, t["subject"], over[key])
        for i in _chosen(order, (backbone, pe_art), [q[m.Index] for q in quotas],
                         int(m.teachers), spares.get(key)):
            out[i] = (m.to_school_id, "pool")
            if key in over:
                group = keep.subject_group(t.at[i, "subject"])
                over[key][group] = over[key].get(group, 0) - 1
    return out


def _chosen(order: pd.Index, flags: tuple[pd.Series, ...], quotas: list[int], n: int,
            spare: list[int] | None = None) -> list:
    """``n`` of ``order``: those with a flag (骨干, 体育艺术) within every quota of theirs, then
    those with none, then (no one else left) the rest, 体育艺术 last, rather than none; from a
    rural sender (``spare``: of each flag, how many it has beyond its need, updated) the rest
    only within ``spare`` (brief hswap rule 2)."""
    left, chosen = list(quotas), []
    for i in order:
        mine = [bool(f[i]) for f in flags]
        if len(chosen) < n and any(mine) and all(q > 0 for q, f in zip(left, mine, strict=True)
                                                 if f):
            chosen.append(i)
            left = [q - f for q, f in zip(left, mine, strict=True)]
    plain = [i for i in order if not any(f[i] for f in flags)]
    chosen += plain[:n - len(chosen)]
    taken = set(chosen)
    rest = sorted((i for i in order if i not in taken), key=lambda i: bool(flags[-1][i]))
    if spare is None:
        return chosen + rest[:n - len(chosen)]
    for i in chosen:  # a rural sender: what it may still give of each kind (staffing_keep)
        spare[:] = [q - bool(f[i]) for q, f in zip(spare, flags, strict=True)]
    for i in rest:
        mine = [bool(f[i]) for f in flags]
        if len(chosen) < n and all(q > 0 for q, f in zip(spare, mine, strict=True) if f):
            chosen.append(i)
            spare[:] = [q - f for q, f in zip(spare, mine, strict=True)]
    return chosen


def _scarce_quotas(pool: pd.DataFrame, t: pd.DataFrame, flag: pd.Series, where: pd.Series,
                   free: Mapping[int, pd.Index], pupils: pd.DataFrame, need) -> dict[int, int]:
    """How many teachers of ``flag`` (骨干, 体育艺术) each 县管校聘调剂 move of ``pool`` sends
    (``where``: each teacher's school before these moves; ``need(pupils, stage)``: how many
    the standard asks): one per move in turn, the moves in their order pass after
    pass, while its receiver is short of its need, its sender has more than its own need and
    one free, and the move keeps a place for one without ``flag`` where its sender has one
    (review2 9: 郑沟镇初级中学 sent 7, all 骨干, to the new school while the other 乡镇
    senders sent few)."""
    have = flag.groupby([where, t["stage"]]).sum().to_dict()
    heads = pupils.set_index(["school_id", "stage"])["pupils"].to_dict()
    gap = {k: need(heads.get(k, 0), k[1]) - have.get(k, 0)
           for m in pool.itertuples() for k in ((m.to_school_id, m.stage),
                                                (m.from_school_id, m.stage))}
    stars = {(m.from_school_id, m.stage): int(flag[free[m.Index]].sum())
             for m in pool.itertuples()}
    cap = {m.Index: int(m.teachers) - int((~flag[free[m.Index]]).any())
           for m in pool.itertuples()}
    quota = dict.fromkeys(pool.index, 0)
    grew = True
    while grew:
        grew = False
        for m in pool.itertuples():
            dst, src = (m.to_school_id, m.stage), (m.from_school_id, m.stage)
            if quota[m.Index] < cap[m.Index] and gap[dst] > 0 and gap[src] < 0 and stars[src]:
                quota[m.Index] += 1
                gap[dst], gap[src], stars[src] = gap[dst] - 1, gap[src] + 1, stars[src] - 1
                grew = True
    return quota


def retirements(teachers: pd.DataFrame, year: int) -> dict:
    """自然减员: of ``teachers`` (today's, with ``stage``, ``sex``, ``birth_year``) those retired
    before school year ``year`` starts, per stage (:mod:`~junheng.planning.retirement`), and
    how many lack a sex or birth year (not counted).

    >>> t = pd.DataFrame({"stage": ["primary", "primary", "junior"], "sex": ["male", "female", None],
    ...                   "birth_year": [1968, 1974, 1960]})
    >>> retirements(t, 2030)  # 1968 man: 2029-06; 1974 woman: 2030-09, after the year starts
    {'year': 2030, 'by_stage': {'primary': 1, 'junior': 0}, 'unknown': 1}
    """
    from junheng.planning.retirement import retiring

    gone = retiring(teachers, year)
    by_stage = {k: int(gone[teachers["stage"].eq(k)].fillna(False).sum()) for k in STAGES}
    return {"year": int(year), "by_stage": by_stage, "unknown": int(gone.isna().sum())}


def left_out(data: CountyData, ours: set[str]) -> dict[str, dict[str, int]]:
    """The full-time teachers of a compulsory stage at schools the ledger does not count
    (``ours``: the public compulsory schools), per kind (``private`` 民办, ``special`` 特殊教育
    学校, ``other``) and stage; kinds without one are left out. With the ledger's ``today``
    they are every compulsory full-time teacher (主要数据 专任教师（义务教育）)."""
    t = data.teachers
    full = t[t["full_time"].fillna(False).astype(bool) & t["stage"].isin(STAGES)
             & ~t["school_id"].isin(ours)]
    schools = data.schools.set_index("school_id")
    private = full["school_id"].map(schools["ownership"]).eq("private")
    special = full["school_id"].map(schools["school_type"]).eq("special_education")
    kind = np.where(private, "private", np.where(special, "special", "other"))
    counts = full.groupby([kind, full["stage"]]).size()
    return {k: {st: int(counts.get((k, st), 0)) for st in STAGES}
            for k in ("private", "special", "other") if k in set(kind)}


def public_compulsory(schools: pd.DataFrame) -> set[str]:
    """The ids of the public compulsory schools of ``schools`` (the ledger's schools: no 民办, no
    特殊教育学校, no kindergarten or 高中)."""
    keep = schools["school_type"].isin(COMPULSORY_SCHOOL_TYPES) & schools["ownership"].ne("private")
    return set(schools.loc[keep, "school_id"])


def _closure_moves(full: pd.DataFrame, plan) -> pd.DataFrame:
    """Each closed school's full-time teachers of each stage to its receivers (撤并随迁), split
    by the pupils each takes as the plan splits its teachers (largest remainders:
    layout_county.closure_destinations, the split the CV evaluation uses), all to the school
    it is merged into in older plans."""
    from junheng.planning.layout_county import closure_destinations, closure_weights

    to = closure_destinations(full, plan.schools)
    gone = full.assign(to=to)[to.ne(full["school_id"])]
    out = gone.groupby(["school_id", "stage", "to"]).size()
    first = {s.school_id: list(closure_weights(s)) for s in plan.schools if s.school_id
             in set(gone["school_id"])}
    rows = [(sid, dest, stage, "closure", int(n)) for (sid, stage, dest), n in
            sorted(out.items(), key=lambda x: (x[0][:2], first[x[0][0]].index(x[0][2])))]
    return pd.DataFrame(rows, columns=["from_school_id", "to_school_id", "stage", "kind",
                                       "teachers"])


def _kept_moves(moves: pd.DataFrame | None) -> pd.DataFrame:
    """The moves between kept schools (compliance_redeploy.MOVE_COLUMNS), summed over kinds."""
    if moves is None or not len(moves):
        return pd.DataFrame(columns=["from_school_id", "to_school_id", "stage", "kind",
                                     "teachers"])
    out = moves.groupby(["from_school_id", "to_school_id", "stage"], sort=False)[
        "teachers"].sum().reset_index()
    return out.assign(kind="kept")
