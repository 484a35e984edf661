"""A layout plan's closed schools' teachers and their receivers (撤并随迁), for the 达标路径's
redeployment (:mod:`.compliance_redeploy`)."""

from __future__ import annotations

import pandas as pd

#: a closed school's teachers following its pupils (撤并随迁): compliance_json ``closed``
#: (``from_kind``: the closed unit's school_type, ``teaching_point`` counted in 个; ``stage``:
#: its one compulsory stage, else its receiver's)
CLOSURE_COLUMNS = ("from_school_id", "from_name", "to_school_id", "to_name", "teachers", "from_kind",
                   "stage")


def closure_moves(schools) -> pd.DataFrame:
    """The closed schools' teachers and their receivers (撤并随迁) from a layout plan's
    schools (``PlannedSchool``: ``action``, ``merged_into``, ``teachers_to_redeploy``), with
    the closed school's one stage, else its receiver's, "" for both (review finding 18).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> closure_moves([PlannedSchool("T", "上河教学点", "close", merged_into="B",
    ...                              teachers_to_redeploy=2), PlannedSchool("B", "乙小学", "keep")]
    ...               ).values.tolist()
    [['T', '上河教学点', 'B', '乙小学', 2, '', '']]

    A school whose pupils go to two receivers sends its teachers with them:

    >>> closure_moves([PlannedSchool("A", "袁桥村小学", "close", merged_into="B", teachers_to_redeploy=11,
    ...                              moved_teachers={"B": 7, "C": 4}, kind="primary_school"),
    ...                PlannedSchool("B", "乙小学", "keep"), PlannedSchool("C", "丙小学", "keep")]
    ...               ).values.tolist()
    [['A', '袁桥村小学', 'B', '乙小学', 7, 'primary_school', 'primary'], ['A', '袁桥村小学', 'C', '丙小学', 4, 'primary_school', 'primary']]
    """
    from junheng.model.codes import one_compulsory_stage

    names = {s.school_id: s.name for s in schools}
    kinds = {s.school_id: s.kind for s in schools}
    rows = [(s.school_id, s.name, to, names.get(to, to or ""), n, s.kind,
             one_compulsory_stage(s.kind, kinds.get(to, ""))) for s in schools
            if s.action == "close" and s.teachers_to_redeploy > 0
            for to, n in closure_split(s).items() if n > 0]
    return pd.DataFrame(rows, columns=list(CLOSURE_COLUMNS))


def closure_split(s) -> dict:
    """A closed school's teachers per receiver: as the plan split them by the pupils each
    takes (``moved_teachers``), all to the school it is merged into in plans stored before
    2026-12-04.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> s = PlannedSchool("A", "袁桥村小学", "close", merged_into="B", teachers_to_redeploy=11)
    >>> from dataclasses import replace
    >>> closure_split(s), closure_split(replace(s, moved_teachers={"B": 7, "C": 4}))
    ({'B': 11}, {'B': 7, 'C': 4})
    """
    if s.moved_teachers and sum(s.moved_teachers.values()) == s.teachers_to_redeploy:
        return dict(s.moved_teachers)
    return {s.merged_into: int(s.teachers_to_redeploy)}
