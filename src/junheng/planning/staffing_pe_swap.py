"""A 体育艺术 gap the 编制 leaves without a post met by a spare teacher of the subject, swapped
(brief hfix10b 2, on rv21: the new school's 「音乐 1 人无编制，不招聘，其课时由本校教师兼任」 while the
county still had 5 junior 体育艺术 teachers over their units' need, 2 of them 音乐 teachers).

A junior school still hiring after the 转任 lacks, by the class hours, more teachers than its
open posts when some of its own teachers are over their subject's share (the ledger's
``transfer.short`` row, its ``over``): the posts go to the other subjects first
(:func:`~junheng.planning.hire_rule.hired_subjects`), so a 体育、音乐、美术 gap may be left
without a post. While a teacher of that subject and stage is over its unit's 优质均衡 need
elsewhere (:func:`~junheng.planning.staffing_pe_posts.spare_now`), the county swaps
(县管校聘对调, as :func:`~junheng.planning.staffing_subjects.swap_picks` does for the
体育艺术 moves): the spare teacher comes to the school, one of the school's teachers over its
class-hour share (not 体育艺术, no 县级以上骨干, not moved already) goes to the sender's post,
so neither school's head count, 招聘 or 编制 changes and no hire is added:

* the school's row: the gap in the subject one smaller, ``over`` one smaller (the group of the
  teacher sent back), ``pe_art`` one more of the subject, ``back`` one more of that group;
* ``subject_pool``: ``spare`` one fewer, ``swapped`` one more;
* no swap where the school has no teacher to send back (the sender would be left short, or
  hire while a teacher is over): the row's ``unswapped`` says a spare teacher of the subject is
  there (the demo: 石店镇初级中学's 音乐 teacher; the new school's one teacher over its share,
  学科 其他, is a 县级骨干, whom a school does not send).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from junheng.evaluate.units import PE_ART_SUBJECTS
from junheng.planning.hire_rule import hired_subjects
from junheng.planning.staffing_pe_posts import STAGE, pe_art_moves, spare_now
from junheng.teachers.rules import load_rules


def unposted_pe_art(short: list[Mapping]) -> dict[str, dict[str, int]]:
    """Per school of the ledger's ``transfer.short`` the 体育艺术 teachers it lacks beyond the
    subjects its posts are hired for.

    >>> unposted_pe_art([{"school_id": "N", "hire": 3, "subjects": {"history": 3, "music": 1}},
    ...                  {"school_id": "M", "hire": 2, "subjects": {"history": 1, "art": 1}}])
    {'N': {'music': 1}}
    """
    out = {}
    for r in short:
        hired = hired_subjects(int(r["hire"]), r["subjects"])
        rest = {g: n - hired.get(g, 0) for g, n in r["subjects"].items()
                if g in PE_ART_SUBJECTS and n > hired.get(g, 0)}
        if rest:
            out[str(r["school_id"])] = rest
    return out


def with_pe_art_swaps(ledger, data, full: pd.DataFrame, plan, names: Mapping[str, str]):
    """``ledger`` (after :func:`~.staffing_pe_posts.with_pe_art_posts`) with the swaps of the
    module docstring; unchanged when no 体育艺术 gap is left without a post or none of the
    subject is spare. ``full``: the full-time compulsory teachers, at today's schools."""
    found, pool = dict(ledger.transfer or {}), dict(ledger.subject_pool or {})
    count = int((pool.get("spare") or {}).get(STAGE) or 0)
    want = unposted_pe_art(found.get("short") or [])
    if not count or not want:
        return ledger
    here, spare, room = spare_now(ledger, data, full, plan, count)
    # a teacher who followed the pupils to the school (kind kept) may go on; not one already moved by
    # 县管校聘 or 转任 (a spare 音乐 teacher moved to a 音乐 post is not moved on)
    tm = ledger.teacher_moves
    again = tm["teacher_id"].astype(str)[tm["kind"].ne("kept")] if "kind" in tm else tm["teacher_id"].astype(str)
    free = here[~full["teacher_id"].astype(str).isin(set(again))]
    spare = [p for p in spare if p[0] in free.index]
    picks = pe_art_moves(want, spare, room, full["subject"].astype(str).to_dict())
    over = {str(r["school_id"]): dict(r.get("over") or {}) for r in found.get("short") or ()}
    pairs: dict[int, int] = {}
    for i, (_, to, _) in picks.items():
        back = sent_back(free.drop(index=list(pairs.values())), to, over[to])
        if back is not None:
            pairs[i] = back
            group = load_rules().group_of(str(full.at[back, "subject"]))
            over[to][group] -= 1
    kept = {}  # a spare teacher of the subject there, but no teacher to send back: said so
    for i, (_, to, _) in picks.items():
        if i not in pairs:
            got = str(full.at[i, "subject"])
            kept.setdefault(to, {})[got] = kept.get(to, {}).get(got, 0) + 1
    if kept:
        found = {**found, "short": [{**r, "unswapped": kept[str(r["school_id"])]}
                                    if str(r["school_id"]) in kept else r for r in found.get("short") or ()]}
    if not pairs:
        return replace(ledger, transfer=found) if kept else ledger
    return _swapped(ledger, full, picks, pairs, names, found, pool)


def sent_back(teachers: pd.DataFrame, school: str, over: Mapping[str, int]) -> int | None:
    """The teacher ``school`` sends back for a spare 体育艺术 one: of its junior ``teachers``
    (at their schools, those free to move) of a group it has over its class-hour share
    (``over``, the ledger's ``transfer.short`` row; ``other``, outside the class hours, first),
    neither 体育艺术 nor 县级以上骨干, the first by
    :func:`~.staffing_keep.pool_order`; None without one.

    >>> t = pd.DataFrame({"teacher_id": ["N1", "N2", "N3", "N4"], "school_id": "N", "stage": "junior",
    ...                   "subject": ["chinese", "other", "other", "music"], "backbone": ["none", "county", "none", "none"]})
    >>> sent_back(t, "N", {"other": 1, "chinese": 2}), sent_back(t, "N", {"music": 1})
    (2, None)
    """
    from junheng.evaluate.units import BACKBONE_COUNTY_AND_ABOVE
    from junheng.planning.staffing_keep import pool_order

    rules = load_rules()
    mine = teachers[teachers["school_id"].astype(str).eq(school) & teachers["stage"].eq(STAGE)
                    & ~teachers["subject"].isin(PE_ART_SUBJECTS)
                    & ~teachers["backbone"].isin(BACKBONE_COUNTY_AND_ABOVE)]
    group = mine["subject"].astype(str).map(rules.group_of)
    for g in sorted((g for g, n in over.items() if n > 0), key=lambda g: g != "other"):
        them = mine[group.eq(g)]
        if len(them):
            return int(pool_order(them)[0])
    return None


def _swapped(ledger, full: pd.DataFrame, picks: Mapping, pairs: Mapping[int, int],
             names: Mapping[str, str], found: dict, pool: dict):
    """``ledger`` with each pair (spare teacher → the teacher sent back) among its moves (the
    spare one kind ``subject``, the one sent back ``pool``, as staffing_subjects' swaps), its
    ``teacher_moves`` (kind ``pool``), its ``transfer.short`` rows and ``subject_pool``."""
    from junheng.planning.staffing_ledger import MOVE_COLUMNS
    from junheng.planning.staffing_subjects import picked_moves, with_moves

    rules = load_rules()
    there = {i: picks[i] for i in pairs}
    back = {b: (picks[i][1], picks[i][0], STAGE) for i, b in pairs.items()}
    extra = pd.concat([picked_moves(there), picked_moves(back).assign(kind="pool")], ignore_index=True)
    named = extra.assign(from_name=extra["from_school_id"].map(lambda s: names.get(s, s)),
                         to_name=extra["to_school_id"].map(lambda s: names.get(s, s)))
    both = {**there, **back}
    each = pd.DataFrame({"teacher_id": [str(full.at[i, "teacher_id"]) for i in both],
                         "to_school_id": [to for _, to, _ in both.values()], "kind": "pool"})
    # one who followed the pupils goes on to the sender: its kept move now ends there (one row a teacher)
    moves = ledger.teacher_moves.copy()
    on = moves["teacher_id"].astype(str).isin(set(each["teacher_id"]))
    ends = each.set_index("teacher_id")["to_school_id"]
    moves.loc[on, "to_school_id"] = moves.loc[on, "teacher_id"].astype(str).map(ends)
    each = each[~each["teacher_id"].isin(set(moves.loc[on, "teacher_id"].astype(str)))]
    rows = {str(r["school_id"]): dict(r) for r in found.get("short") or ()}
    for i, b in pairs.items():
        row = rows[picks[i][1]]
        got, gone = str(full.at[i, "subject"]), rules.group_of(str(full.at[b, "subject"]))
        row["subjects"] = {k: n - (k == got) for k, n in row["subjects"].items() if n - (k == got) > 0}
        row["over"] = {k: n - (k == gone) for k, n in (row.get("over") or {}).items() if n - (k == gone) > 0}
        row["pe_art"] = {**(row.get("pe_art") or {}), got: (row.get("pe_art") or {}).get(got, 0) + 1}
        row["back"] = {**(row.get("back") or {}), gone: (row.get("back") or {}).get(gone, 0) + 1}
    spare = {**pool["spare"], STAGE: int(pool["spare"][STAGE]) - len(pairs)}
    return replace(
        ledger,
        schools=with_moves(ledger.schools, extra),
        moves=pd.concat([ledger.moves, named[list(MOVE_COLUMNS)]], ignore_index=True),
        teacher_moves=pd.concat([moves, each], ignore_index=True),
        transfer={**found, "short": list(rows.values())},
        subject_pool={**pool, "spare": spare, "swapped": int(pool.get("swapped") or 0) + len(pairs)},
    )
