"""No hiring while qualified teachers are idle (issue 16; planner review rv14 N2, N3): the one
rule the 达标路径's hires and their words follow, read from the staffing ledger
(:mod:`~junheng.planning.staffing_ledger`, ``plan.json``'s ``staffing``).

* **No 体育艺术 hire beside a spare one** (县管校聘, 交流轮岗: the county moves its own surplus
  teachers of a subject before it hires): a 体育、音乐、美术 teacher of a stage is hired only
  when no such teacher of the stage is still over its unit's need after the ledger's
  县管校聘学科调剂 (``subject_pool.spare``, :mod:`~junheng.planning.staffing_subjects`; the
  candidates follow the plan's transfer rules: a rural school keeps its own need);
  :func:`may_hire_pe_art`.
* **No hire above the posts** (编制): at a school and stage the 达标路径 hires at most the posts
  its teachers (those already there and those moved or transferred in) leave open, the ledger's
  ``hire``, plus the posts of its own teachers over the 编制 (the ledger's ``surplus``: a hire
  takes the post of one who leaves by 县管校聘 or retires unreplaced) (rv14 N3: 3 体育艺术 hires
  above the new junior school's 61 posts, all filled by 县管校聘调剂 and 转任); :func:`posts_left`.

The compliance model bounds its hire columns by :func:`hire_caps`; the documents say why a hire
is still made with :func:`hire_rule_text`. Without a ledger (a 达标路径 read from an older file)
nothing is bounded.

>>> staffing = {"subject_pool": {"spare": {"junior": 12, "primary": 0}},
...             "schools": [{"school_id": "N", "stage": "junior", "hire": 0, "surplus": 0},
...                         {"school_id": "A", "stage": "primary", "hire": 2, "surplus": 1}]}
>>> may_hire_pe_art(staffing, "junior"), may_hire_pe_art(staffing, "primary")
(False, True)
>>> units = pd.DataFrame({"school_id": ["N", "A"], "stage": ["junior", "primary"]})
>>> {k: v.tolist() for k, v in hire_caps(staffing, units).items()}
{'hire_teacher': [0.0, 3.0], 'hire_pe_art': [0.0, 3.0], 'hire_backbone': [0.0, 3.0]}
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.evaluate.units import PE_ART_SUBJECTS

#: the 达标路径's items that recruit teachers (plans_apart.HIRE_ITEMS)
HIRE_ITEMS = ("hire_teacher", "hire_pe_art", "hire_backbone")


def pe_art_spare(staffing: Mapping | None, stage: str) -> int:
    """体育艺术 teachers of ``stage`` still over their unit's need after the ledger's moves."""
    spare = (((staffing or {}).get("subject_pool") or {}).get("spare")) or {}
    return int(spare.get(stage, 0) or 0)


def may_hire_pe_art(staffing: Mapping | None, stage: str) -> bool:
    """Whether a 体育艺术 teacher of ``stage`` may be hired: none of the stage is spare."""
    return not pe_art_spare(staffing, stage)


def posts_left(staffing: Mapping | None) -> dict[tuple[str, str], int] | None:
    """(school_id, stage) -> the posts a hire may take: those its teachers leave open (the
    ledger's ``hire``) and those of its teachers over the 编制 (``surplus``); None without a
    ledger."""
    rows = (staffing or {}).get("schools") or []
    if not rows:
        return None
    return {(str(r["school_id"]), str(r["stage"])): int(r.get("hire") or 0)
            + int(r.get("surplus") or 0) for r in rows}


def hire_caps(staffing: Mapping | None, units: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per hire item the most each unit (school_id, stage) may hire: the posts left, and no
    体育艺术 hire in a stage with one spare; ``inf`` without a ledger."""
    left = posts_left(staffing)
    if left is None:
        return {item: np.full(len(units), np.inf) for item in HIRE_ITEMS}
    keys = zip(units["school_id"].astype(str), units["stage"].astype(str), strict=True)
    posts = np.array([float(left.get(k, 0)) for k in keys])
    pe = np.array([may_hire_pe_art(staffing, str(s)) for s in units["stage"]], dtype=float)
    return {"hire_teacher": posts, "hire_pe_art": posts * pe, "hire_backbone": posts}


def hire_rule_text(staffing: Mapping | None, stages=("primary", "junior")) -> str:
    """The rule's words for ``stages``: those with 体育艺术 teachers still spare, so none of them
    is hired ("" when none is spare), and the posts still hired because none spare teaches their
    subject (:func:`~.staffing_pe_posts.unmatched_pe_art`, brief hfix10b 3).

    >>> hire_rule_text({"subject_pool": {"spare": {"primary": 2, "junior": 12}}})
    '小学仍有 2 名、初中仍有 12 名体育艺术教师多于本校按优质均衡标准所需，建议按县管校聘先调剂，不招聘体育艺术教师'
    >>> hire_rule_text({"subject_pool": {"spare": {"junior": 0}}}, ["junior"])
    ''
    """
    from junheng.model.labels import STAGE_LABELS

    spare = [(s, pe_art_spare(staffing, s)) for s in stages if pe_art_spare(staffing, s)]
    if not spare:
        return ""
    from junheng.planning.staffing_pe_posts import unmatched_pe_art

    said = "、".join(f"{STAGE_LABELS[s]}仍有 {n:,} 名" for s, n in spare)
    but = unmatched_pe_art(staffing) if "junior" in dict(spare) else ""
    return f"{said}体育艺术教师多于本校按优质均衡标准所需，建议按县管校聘先调剂，不招聘体育艺术教师{but}"


def hired_subjects(hire: int, lack: Mapping[str, int]) -> dict[str, int]:
    """The subjects a school's ``hire`` posts are hired for out of the teachers it ``lack``s:
    the other subjects first, 体育、音乐、美术 only with posts to spare, as the 教师 paragraph's
    「按县管校聘先调剂，不招聘体育艺术教师」 asks (review rv19 2: 「9 人（历史与地理、音乐）…须招聘」
    beside 5 junior 体育艺术 teachers over; the 音乐 gap is the one the posts do not cover). A
    体育艺术 post it would still hire goes first to a teacher of the subject over its need elsewhere
    (:mod:`~junheng.planning.staffing_pe_posts`, brief hstaff2 3), so the ledger it reads has none
    of them left while one is spare.

    >>> hired_subjects(3, {"music": 1, "history": 3})
    {'history': 3}
    >>> hired_subjects(3, {"music": 2, "history": 2})
    {'history': 2, 'music': 1}
    """
    out: dict[str, int] = {}
    for group in sorted((g for g, n in lack.items() if n > 0), key=lambda g: g in PE_ART_SUBJECTS):
        take = min(hire, lack[group])
        if take:
            out[group], hire = take, hire - take
    return out
