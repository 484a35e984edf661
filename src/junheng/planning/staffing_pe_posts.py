"""No 体育艺术 hire beside a spare one, post by post (brief hstaff2 3, review rv19): a junior
school still hiring after the 转任 whose open posts go beyond its gaps in the other subjects
hires, by :func:`~junheng.planning.hire_rule.hired_subjects`, the 体育、音乐、美术 teachers it
lacks by the class hours. While a teacher of that subject and stage is still over its unit's
优质均衡 need elsewhere (:func:`~junheng.planning.staffing_subjects.spare_pe_art`, the
``subject_pool.spare`` count less those the junior retirees' posts took:
:func:`~junheng.planning.staffing_transfer.retire_cover`), the county moves that teacher
(县管校聘同学段调剂, kind ``subject``) before it hires one:

* the school's post is filled: its 招聘 falls by one, its gap in the subject too (the ledger's
  ``transfer.short`` row, with ``pe_art``: per subject the teachers moved in);
* the sender loses one: one of its teachers over its 生师比 need if it has any (a donor over
  its need goes first), else its post is open and hired as any shortfall (a hire of another
  subject: the county hires as many, none of them a 体育艺术 teacher);
* ``subject_pool.spare`` falls by those moved, so :func:`~.hire_rule.may_hire_pe_art` and the
  words read what is left.

A spare teacher of another of the three subjects does not fill the post (a 体育 teacher does not
teach 音乐)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from junheng.evaluate.units import PE_ART_SUBJECTS
from junheng.planning.hire_rule import hired_subjects

STAGE = "junior"


def pe_art_hires(short: list[Mapping]) -> dict[str, dict[str, int]]:
    """Per school of the ledger's ``transfer.short`` the 体育艺术 teachers its hires are for.

    >>> pe_art_hires([{"school_id": "N", "hire": 17, "subjects": {"chinese": 16, "music": 1, "art": 1}},
    ...               {"school_id": "M", "hire": 3, "subjects": {"history": 3, "music": 1}}])
    {'N': {'music': 1}}
    """
    out = {}
    for r in short:
        mine = {
            g: n
            for g, n in hired_subjects(int(r["hire"]), r["subjects"]).items()
            if g in PE_ART_SUBJECTS
        }
        if mine:
            out[str(r["school_id"])] = mine
    return out


def unmatched_pe_art(staffing: Mapping | None) -> str:
    """The 体育艺术 posts the ledger (``plan.json``'s ``staffing``) still hires while teachers of
    the stage are spare, those spare teaching other subjects of the three (brief hfix10b 3: the
    words said 「不招聘体育艺术教师」 beside a 音乐 post hired, D's spare teachers all 体育), as the
    exception to :func:`~.hire_rule.hire_rule_text` ("" when none is hired or none spare).

    >>> doc = {"subject_pool": {"spare": {"junior": 1}}, "transfer": {"short": [
    ...     {"school_id": "N", "name": "新初中", "hire": 17, "subjects": {"chinese": 16, "music": 1}}]}}
    >>> unmatched_pe_art(doc)
    '（新初中音乐 1 人除外：多于所需的体育艺术教师中没有该学科教师，须招聘）'
    """
    from junheng.model.codes import SUBJECTS
    from junheng.planning.hire_rule import pe_art_spare

    label = {v: k for k, v in SUBJECTS.items()}  # 体育、音乐、美术 are subjects of their own
    short = ((staffing or {}).get("transfer") or {}).get("short") or []
    hired = pe_art_hires(short)
    if not hired or not pe_art_spare(staffing, STAGE):
        return ""
    names = {str(r["school_id"]): r.get("name") or str(r["school_id"]) for r in short}
    said = "、".join(
        f"{names[s]}{'、'.join(f'{label.get(g, g)} {n:,} 人' for g, n in subjects.items())}"
        for s, subjects in hired.items()
    )
    return f"（{said}除外：多于所需的体育艺术教师中没有该学科教师，须招聘）"


def pe_art_moves(
    want: Mapping[str, Mapping[str, int]],
    spare: list[tuple[int, str, str]],
    room: dict[str, int],
    subject_of: Mapping[int, str],
) -> dict[int, tuple[str, str, str]]:
    """The spare teachers moved (index → (from, to, stage)): per school of ``want`` and subject,
    the first of ``spare`` ((index, school, unit) in order, at another school) teaching it whose
    unit still has ``room`` (updated in place).

    >>> room = {"D": 1}
    >>> pe_art_moves({"N": {"music": 1}}, [(11, "D", "D"), (14, "D", "D"), (15, "D", "D")], room,
    ...              {11: "pe", 14: "music", 15: "music"}), room
    ({14: ('D', 'N', 'junior')}, {'D': 0})
    """
    left, out = list(spare), {}
    for to, subjects in want.items():
        for group, n in subjects.items():
            for _ in range(n):
                pick = next(
                    (
                        p
                        for p in left
                        if p[1] != to and subject_of.get(p[0]) == group and room.get(p[2], 0) > 0
                    ),
                    None,
                )
                if pick is None:
                    break
                left.remove(pick)
                room[pick[2]] -= 1
                out[pick[0]] = (pick[1], to, STAGE)
    return out


def with_pe_art_posts(ledger, data, full: pd.DataFrame, plan, names: Mapping[str, str]):
    """``ledger`` (a :class:`~junheng.planning.staffing_ledger.StaffingLedger` after its 转任)
    with the spare 体育艺术 teachers moved to the 体育艺术 posts it would hire (module
    docstring); unchanged when none is hired or none of the subject is spare. ``full``: the
    full-time compulsory teachers, at today's schools."""
    found = dict(ledger.transfer or {})
    pool = dict(ledger.subject_pool or {})
    count = int((pool.get("spare") or {}).get(STAGE) or 0)
    want = pe_art_hires(found.get("short") or [])
    if not count or not want:
        return ledger
    here, spare, room = spare_now(ledger, data, full, plan, count)
    picks = pe_art_moves(want, spare, room, full["subject"].astype(str).to_dict())
    if not picks:
        return ledger
    after = _moved(ledger, full, picks, names, found, pool, here)
    return with_pe_art_posts(after, data, full, plan, names)  # a sender's open post, hired in turn


def spare_now(ledger, data, full: pd.DataFrame, plan, count: int):
    """``full`` at their schools after the ledger's moves (``here``), the spare 体育艺术
    teachers of the stage in the order they go and per unit how many may still go
    (:func:`~.staffing_subjects.spare_pe_art`, less those the junior retirees' posts took, the
    first units' first, so the rooms sum to ``count``: ``subject_pool.spare``)."""
    from junheng.planning.compliance_redeploy import per_pupil
    from junheng.planning.layout_county import closure_destinations
    from junheng.planning.staffing_keep import rural_areas
    from junheng.planning.staffing_subjects import spare_pe_art, teaching_point_units
    from junheng.standards import load_standard

    moved = ledger.teacher_moves.set_index("teacher_id")["to_school_id"]
    ids = full["teacher_id"].astype(str)
    at = closure_destinations(full, plan.schools)
    here = full.assign(school_id=at.where(~ids.isin(moved.index), ids.map(moved)))
    per = per_pupil(load_standard("quality-2017", data.overlay), "pe_art_teachers", STAGE)
    spare, room = spare_pe_art(
        here,
        ledger.schools[ledger.schools["stage"].eq(STAGE)],
        teaching_point_units(data.schools),
        per,
        STAGE,
        rural_areas(data.schools),
    )
    used = max(sum(room.values()) - count, 0)  # those the junior retirees' posts took
    for u in dict.fromkeys(u for _, _, u in spare):
        take = min(used, room[u])
        room[u], used = room[u] - take, used - take
    return here, spare, room


def _moved(
    ledger,
    full: pd.DataFrame,
    picks: Mapping[int, tuple[str, str, str]],
    names: Mapping[str, str],
    found: dict,
    pool: dict,
    here: pd.DataFrame,
):
    """``ledger`` with ``picks`` among its moves, school rows and ``teacher_moves`` (kind ``pool``,
    as the 县管校聘学科调剂's), its ``transfer.short`` rows (:func:`_filled`, :func:`_opened`) and
    ``subject_pool.spare`` counted again; ``here``: the teachers at their schools before them."""
    from junheng.planning.staffing_ledger import MOVE_COLUMNS
    from junheng.planning.staffing_subjects import picked_moves, with_moves

    extra = picked_moves(picks)
    named = extra.assign(
        from_name=extra["from_school_id"].map(lambda s: names.get(s, s)),
        to_name=extra["to_school_id"].map(lambda s: names.get(s, s)),
    )
    each = pd.DataFrame(
        {
            "teacher_id": [str(full.at[i, "teacher_id"]) for i in picks],
            "to_school_id": [to for _, to, _ in picks.values()],
            "kind": "pool",
        }
    )
    got: dict[str, dict[str, int]] = {}
    for i, (_, to, _) in picks.items():
        group = str(full.at[i, "subject"])
        got.setdefault(to, {})[group] = got.setdefault(to, {}).get(group, 0) + 1
    short = [_filled(r, got.get(str(r["school_id"]), {})) for r in found.get("short") or ()]
    schools = with_moves(ledger.schools, extra)
    short = _opened(short, picks, full, here, ledger.schools, schools, names)
    spare = {**pool["spare"], STAGE: int(pool["spare"][STAGE]) - len(picks)}
    return replace(
        ledger,
        schools=schools,
        moves=pd.concat([ledger.moves, named[list(MOVE_COLUMNS)]], ignore_index=True),
        teacher_moves=pd.concat([ledger.teacher_moves, each], ignore_index=True),
        transfer={**found, "short": [r for r in short if r["hire"] > 0]},
        subject_pool={**pool, "spare": spare},
    )


def _filled(row: Mapping, got: Mapping[str, int]) -> dict:
    """A ``transfer.short`` row with ``got`` (subject → teachers moved in) off its hires and gaps.

    >>> _filled({"school_id": "N", "hire": 17, "subjects": {"chinese": 16, "music": 1}, "over": {}}, {"music": 1})
    {'school_id': 'N', 'hire': 16, 'subjects': {'chinese': 16}, 'over': {}, 'pe_art': {'music': 1}}
    """
    if not got:
        return dict(row)
    subjects = {k: n - got.get(k, 0) for k, n in row["subjects"].items() if n - got.get(k, 0) > 0}
    return {
        **row,
        "hire": int(row["hire"]) - sum(got.values()),
        "subjects": subjects,
        "pe_art": dict(got),
    }


def _opened(
    short: list[dict],
    picks: Mapping[int, tuple[str, str, str]],
    full: pd.DataFrame,
    here: pd.DataFrame,
    before: pd.DataFrame,
    after: pd.DataFrame,
    names: Mapping[str, str],
) -> list[dict]:
    """``short`` with each sender whose post the move opened (its 招聘 up: not over its 生师比
    need) hiring it: a row already there one more hire and its gap in the subject one larger
    (one fewer over), else a new row of its class-hour gaps (staffing_transfer.subject_gaps,
    its teachers after the moves)."""
    from junheng.planning.staffing_transfer import subject_gaps

    hire = {
        str(s): int(n)
        for s, st, n in zip(after["school_id"], after["stage"], after["hire"], strict=True)
        if st == STAGE
    }
    was = {
        str(s): int(n)
        for s, st, n in zip(before["school_id"], before["stage"], before["hire"], strict=True)
        if st == STAGE
    }
    out = {str(r["school_id"]): dict(r) for r in short}
    left = here.drop(index=list(picks))
    for i, (frm, _, _) in picks.items():
        if hire.get(frm, 0) <= was.get(frm, 0):
            continue  # it was over its 生师比 need: no post opened
        group = str(full.at[i, "subject"])
        if frm in out:
            row = out[frm]
            over = dict(row.get("over") or {})
            if over.get(group, 0) > 0:
                over[group] -= 1
                over = {k: n for k, n in over.items() if n}
            else:
                row["subjects"] = {**row["subjects"], group: row["subjects"].get(group, 0) + 1}
            out[frm] = {**row, "hire": int(row["hire"]) + 1, "over": over}
        else:
            gaps = subject_gaps(left, after[after["school_id"].astype(str).eq(frm)]).get(frm, {})
            out[frm] = {
                "school_id": frm,
                "name": names.get(frm, frm),
                "hire": hire[frm],
                "subjects": {k: int(n) for k, n in gaps.items() if n > 0},
                "over": {k: -int(n) for k, n in gaps.items() if n < 0},
            }
    return list(out.values())
