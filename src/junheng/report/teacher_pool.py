"""Who among the primary teachers a layout plan leaves over could teach in a junior school:
the county's own 教师 rows at the schools the staffing ledger finds over, by subject (planner
review 2026-12-05 finding 4: "how many of the 531 could be 转岗 to junior schools, by
subject?"). Without the workbook's 教师资格证学段 (a v1 workbook) the 教师资格证 is 是/否
only, so this is the range to check teacher by teacher, not a count of transfers; with it,
the staffing ledger has transferred some (planning.staffing_transfer) and this names the rest."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.evaluate.units import HIGHER_DEGREES
from junheng.model import CountyData
from junheng.model.labels import SUBJECT_LABELS, TEACHING_POINT, count_of_kinds
from junheng.planning.retirement import retiring
from junheng.report.teacher_walk import walked


def over_schools(staffing: Mapping | None, stage: str = "primary") -> list[str]:
    """The schools with teachers of ``stage`` over after the plan's moves (staffing ledger)."""
    return [str(s["school_id"]) for s in (staffing or {}).get("schools") or []
            if s.get("stage") == stage and s.get("surplus", 0) > 0]


def junior_ready(teachers: pd.DataFrame, schools: list[str], year: int | None = None) -> pd.DataFrame:
    """The full-time primary teachers of ``schools`` with the degree junior posts require
    above the minimum (本科 or more) and a teacher's certificate; with ``year``, without those
    retired before that school year starts (:func:`~junheng.planning.retirement.retiring`)."""
    t = teachers[teachers["school_id"].astype(str).isin(schools)]
    keep = ((t["stage"] == "primary") & t["full_time"].fillna(False).astype(bool)
            & t["degree"].isin(HIGHER_DEGREES["junior"]) & t["certified"].fillna(False).astype(bool))
    if year is not None and {"sex", "birth_year"} <= set(t.columns):
        keep &= ~retiring(t, year).fillna(False).astype(bool)
    return t[keep]


def transfer_pool(data: CountyData | None, staffing: Mapping | None) -> str:
    """One sentence: the range of primary teachers to check for a junior post, by subject
    ("" without data, without a primary surplus or without a junior hire).

    >>> from junheng.io import example_county
    >>> data = example_county()
    >>> sid = data.teachers.loc[data.teachers["stage"] == "primary", "school_id"].iloc[0]
    >>> doc = {"schools": [{"school_id": sid, "stage": "primary", "surplus": 3, "hire": 0},
    ...                    {"school_id": "J", "stage": "junior", "surplus": 0, "hire": 2}]}
    >>> transfer_pool(data, doc).startswith("可转任初中的人选范围：小学富余的 1 所学校现有小学专任教师中")
    True
    """
    if data is None or not staffing:
        return ""
    schools = over_schools(staffing)
    hires = sum(s.get("hire", 0) for s in staffing.get("schools") or [] if s.get("stage") == "junior")
    if not schools or not hires:
        return ""
    year = staffing.get("year")
    if (staffing.get("transfer") or {}).get("filled"):
        return _certified_pool(data, staffing, schools, year)
    points = set(data.schools.loc[data.schools["school_type"].eq(TEACHING_POINT), "school_id"].astype(str))
    schools = [s for s in schools if s not in points]  # a kept 教学点 keeps its teachers (rv17 4)
    ready = junior_ready(_staying(data.teachers, staffing), schools, year)
    counts = ready["subject"].map(lambda s: SUBJECT_LABELS.get(s, "其他")).value_counts()
    by_subject = "、".join(f"{name} {n:,} 人" for name, n in counts.items())
    found = f" {len(ready):,} 人（{by_subject}）" if len(ready) else "无"
    staying = f"、{year} 学年开学前不退休" if year else ""
    listed = data.schools.drop_duplicates("school_id")
    kinds = pd.Series(listed["school_type"].to_numpy(), index=listed["school_id"].astype(str))
    where = count_of_kinds(kinds.reindex(schools).tolist())  # 教学点 by 个 (review 2026-12-05 finding 11)
    return (f"可转任初中的人选范围：小学富余的 {where}现有小学专任教师中，本科及以上学历、持教师资格证{staying}的"
            f"{found}，不含撤并学校随迁{_moved_words(staffing)}的教师；能否任教初中以持初中或高中教师资格证、学科对口为准，须逐人核实。")


def _certified_pool(data: CountyData, staffing: Mapping, schools: list[str], year: int | None
                    ) -> str:
    """:func:`transfer_pool` with the workbook's 教师资格证学段 (the ledger has transferred
    some already: planning.staffing_transfer): those it could still transfer, by subject."""
    from junheng.planning.staffing_transfer import candidates, certified_left

    found = staffing["transfer"]
    if "left" in found:  # the ledger's one count (staffing_transfer.pool_left)
        subjects, schools = found["left"]["subjects"], found["left"]["schools"]
        n, unknown = certified_left(found)
    else:  # an older file: the candidates at the schools still over
        t = _staying(data.teachers, staffing)
        ok, unknown = candidates(t[t["full_time"].fillna(False).astype(bool)], schools, year)
        subjects, n = ok["subject"].value_counts().to_dict(), len(ok)
    counts = pd.Series(subjects, dtype=int).groupby(
        lambda s: SUBJECT_LABELS.get(s, "其他"), sort=False).sum().sort_values(ascending=False, kind="stable")
    said = f" {n:,} 人（{'、'.join(f'{name} {k:,} 人' for name, k in counts.items())}）" if n else "无"
    staying = f"、{year} 学年开学前不退休" if year else ""
    blank = f"；另有 {unknown:,} 名持证教师未填资格证学段，须核实" if unknown else ""
    listed = data.schools.drop_duplicates("school_id")
    kinds = pd.Series(listed["school_type"].to_numpy(), index=listed["school_id"].astype(str))
    cover = (found.get("retire") or {}).get("teachers") or 0
    done = f"已转任初中 {found['teachers']:,} 人" + (f"、补充初中退休岗位 {cover:,} 人" if cover else "")
    each = "（各校至多其仍富余人数）" if "left" in found else ""
    if n and walked(staffing):  # rv28 4: the certificate and the 51 said in the finding before it
        return (f"可转任初中的人选范围：上列可转任的{said}，在小学仍富余的 {count_of_kinds(kinds.reindex(schools).tolist())}"
                f"{each}，{staying.lstrip('、')}{'、' if staying else ''}非县级以上骨干和体育艺术教师；任教学科须对口，逐人核实。")
    return (f"可转任初中的人选范围：{done}后，小学仍富余的"
            f" {count_of_kinds(kinds.reindex(schools).tolist())}中持初中、高中或中等职业学校教师资格证{staying}、非县级以上骨干和体育艺术教师的"
            f"{said}{each}（按工作簿“教师资格证学段”）{blank}；任教学科须对口，逐人核实。")


def _staying(teachers: pd.DataFrame, staffing: Mapping) -> pd.DataFrame:
    """``teachers`` without those the ledger moves to another school (``teacher_moves``: with
    the pupils, or by 县管校聘 to a school short of teachers or of 体育艺术 teachers): they are
    needed where they go, not over."""
    moved = {str(m["teacher_id"]) for m in staffing.get("teacher_moves") or ()}
    if not moved or "teacher_id" not in teachers:
        return teachers
    return teachers[~teachers["teacher_id"].astype(str).isin(moved)]


def _moved_words(staffing: Mapping) -> str:
    """The moved teachers left out, named when the ledger moves any (none in older files)."""
    return "和已调配、调剂到其他学校" if staffing.get("teacher_moves") else ""
