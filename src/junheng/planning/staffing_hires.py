"""The teachers a plan hires, as the evaluation counts them: the one statement of what a
recruit is assumed to be (rv5 9).

The layout prices its hires (the staffing ledger's 按编制需招聘: a new school's posts its
moved teachers do not fill, a receiver's shortfall after 县管校聘调剂) and the 达标路径 hires
where its units fall short. Neither knows who will be recruited; both assume every recruit
holds a 本科 degree (:data:`HIRED_DEGREE`, 高于规定学历 for 小学 and 初中 alike), is certified,
and is neither a 县级以上骨干教师 nor, unless hired as one (the 达标路径's ``hire_pe_art``), a
体育、艺术 teacher. The layout's “调整后” CVs count its hires so (:func:`with_hires`): before,
a new school of 821 pupils was evaluated with only the 21 teachers moved to it, 2.31
高于规定学历 teachers per 100 pupils, while the same plan budgets 40 recruits there.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.model import CountyData

#: the degree every recruit is assumed to hold (evaluate.units.HIGHER_DEGREES: 高于规定学历)
HIRED_DEGREE = "bachelor"
HIRED_WORDS = "新招聘教师均为本科学历"
#: the layout's CV note on its hires (:func:`~.layout_county.cv_assumptions`)
LAYOUT_HIRES = (
    f"“调整后”计入方案按编制需招聘的教师（见“教师配置汇总”），{HIRED_WORDS}（高于规定学历），"
    "不计为县级以上骨干教师或体育、艺术专任教师。")


def hire_counts(staffing: Mapping | None) -> dict[tuple[str, str], int]:
    """(school_id, stage) -> teachers hired, from a plan's ``staffing`` (the ledger's
    ``to_dict``); empty without one.

    >>> hire_counts({"schools": [{"school_id": "N", "stage": "junior", "hire": 40},
    ...                          {"school_id": "A", "stage": "primary", "hire": 0}]})
    {('N', 'junior'): 40}
    """
    rows = (staffing or {}).get("schools") or []
    return {(str(r["school_id"]), str(r["stage"])): int(r["hire"]) for r in rows
            if int(r.get("hire") or 0) > 0}


def hired_teachers(counts: Mapping[tuple[str, str], int], year: int) -> pd.DataFrame:
    """One row of the 教师 table per recruit of ``counts``, as :data:`HIRED_DEGREE` says.

    >>> t = hired_teachers({("N", "junior"): 2}, 2027)
    >>> t[["teacher_id", "school_id", "stage", "degree", "backbone", "subject"]].values.tolist()
    [['布局招聘2027-N-junior-1', 'N', 'junior', 'bachelor', 'none', 'other'], ['布局招聘2027-N-junior-2', 'N', 'junior', 'bachelor', 'none', 'other']]
    """
    return pd.DataFrame([{
        "teacher_id": f"布局招聘{year}-{sid}-{stage}-{k + 1}", "school_id": sid, "stage": stage,
        "subject": "other", "full_time": True, "degree": HIRED_DEGREE, "title": "unranked",
        "backbone": "none", "certified": True, "sex": ("female", "male")[k % 2],
        "birth_year": year - 24, "work_start_year": year, "school_start_year": year,
        "training_hours_5y": 0.0, "rotated_in": False}
        for (sid, stage), n in counts.items() for k in range(n)])


def with_hires(county: CountyData, staffing: Mapping | None, year: int) -> CountyData:
    """``county`` with the teachers its plan's ``staffing`` hires (``county`` itself when it
    hires none)."""
    counts = hire_counts(staffing)
    if not counts:
        return county
    teachers = county.teachers
    new = hired_teachers(counts, year).reindex(columns=teachers.columns)
    both = pd.concat([teachers, new], ignore_index=True).astype(teachers.dtypes.to_dict())
    return county.with_tables(teachers=both)
