"""Staffing quotas: 编制 by the rules against the staff each school has, by subject, and the
人编岗一致 check (people, quota and posts agree).

Standard quota of a school (``standard_quota``)::

    q = ⌈ Σ_stage  max( Pₛ / rₛ , [small] · Cₛ · cₛ ) ⌉

with Pₛ students and Cₛ classes of stage s, rₛ the students-per-staff ratio (小学 19, 初中 13.5,
高中 12.5) and cₛ the class ratio (班师比) that applies only to a small school: a 教学点, or a
school in one of the rule's areas (乡村) with fewer than ``max_students`` students.

Subject need of a school, by class hours (《义务教育课程方案（2022年版）》, ``weekly_hours`` of
``standards/staffing.yaml``)::

    share_k = Σ_s Qₛ · mₛₖ / Σ_s Qₛ,   mₛₖ = Σ_{g∈s} C_g · h_gk / Σ_{g∈s} C_g · H_g
    need_k = q × share_k

with Qₛ the stage's term of the quota sum above (before rounding), C_g the school's classes of
grade g, h_gk the weekly hours of subject k in grade g and H_g the grade's weekly total: a stage's
teachers are split by the hours its own classes are taught. So a 小学 has no 历史 need (no
grade 1–6 teaches it), 外语 only for its grade 3–6 classes, and a 九年一贯制 school 初中
subjects only for its 7–9 classes. A school is short of ``max(0, round(need_k) − have_k)``
teachers of k (round half up) and has a surplus of ``max(0, have_k − round(need_k))``;
``have_k`` counts full-time teachers whose subject belongs to k. A subject with no need and no
teacher at a school has no row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.model import CountyData, codes
from junheng.model.areas import area_of
from junheng.teachers.rules import STAGE_KEYS, StaffingRules, load_rules

_GRADE_STAGE = {**dict.fromkeys(codes.PRIMARY_GRADES, "primary"),
                **dict.fromkeys(codes.JUNIOR_GRADES, "junior"),
                **dict.fromkeys(codes.SENIOR_GRADES, "senior")}


def round_half_up(x: float) -> int:
    """``round`` with halves going up (``round_half_up(2.5) == 3``)."""
    return int(math.floor(x + 0.5 + 1e-9))


@dataclass(frozen=True)
class StaffingReport:
    """Per school quota and staff; per school and subject need and gap; 人编岗一致 findings."""

    schools: pd.DataFrame
    subjects: pd.DataFrame
    consistency: pd.DataFrame

    def priority_shortage(self) -> tuple[int, int]:
        """(体育、音乐、美术 teachers short in every school, of them outside the compulsory
        schools — 普通高中 and 特殊教育学校).

        The difference is the compulsory schools' figure the 交流轮岗 plan starts from (its
        ``shortages.before.priority``): the plan, like the evaluation, counts the schools of
        ``codes.COMPULSORY_SCHOOL_TYPES`` only."""
        short = self.subjects[self.subjects["priority"]]
        compulsory = self.schools["school_type"].isin(codes.COMPULSORY_SCHOOL_TYPES)
        outside = set(self.schools.loc[~compulsory, "school_id"])
        return (int(short["shortage"].sum()),
                int(short.loc[short["school_id"].isin(outside), "shortage"].sum()))


def school_quotas(data: CountyData, rules: StaffingRules) -> pd.DataFrame:
    """One row per school that teaches a primary, junior or senior grade: students, classes,
    standard quota, approved quota, staff (all, on the quota, full-time) and balance."""
    students, counts, small, parts = _stage_quotas(data, rules)
    schools = data.schools.set_index("school_id").loc[students.index]
    area = area_of(schools["urban_rural_code"])
    total = students.sum(axis=1).to_numpy(float)
    quota = parts.sum(axis=1).to_numpy(float)
    frame = pd.DataFrame({
        "school_id": students.index, "name": schools["name"].to_numpy(), "area": area,
        "school_type": schools["school_type"].to_numpy(),
        "students": total.astype(int), "classes": counts.sum(axis=1).to_numpy(int),
        "small": small, "standard_quota": np.ceil(quota - 1e-9).astype(int)})
    return _with_staff(frame, data)


def _stage_classes(data: CountyData) -> pd.DataFrame:
    classes = data.classes.assign(stage=data.classes["grade"].map(_GRADE_STAGE))
    return classes[classes["stage"].notna()]


def _stage_quotas(data: CountyData, rules: StaffingRules
                  ) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Per school (index) and stage (columns): students, classes, whether small, and the stage's
    term Qₛ of the quota (see the module)."""
    classes = _stage_classes(data)
    students = classes.pivot_table(index="school_id", columns="stage", values="students",
                                   aggfunc="sum", fill_value=0)
    counts = classes.pivot_table(index="school_id", columns="stage", values="class_no",
                                 aggfunc="count", fill_value=0)
    schools = data.schools.set_index("school_id").loc[students.index]
    area = area_of(schools["urban_rural_code"])
    total = students.sum(axis=1).to_numpy(float)
    small = ((schools["school_type"] == "teaching_point").to_numpy()
             | (np.isin(area, rules.small_areas) & (total < rules.small_max_students)))
    parts = pd.DataFrame(0.0, index=students.index, columns=list(students.columns))
    for stage in students.columns:
        by_ratio = students[stage].to_numpy(float) / rules.student_ratio[stage]
        by_class = counts[stage].to_numpy(float) * rules.class_ratio.get(stage, 0.0)
        parts[stage] = np.where(small, np.maximum(by_ratio, by_class), by_ratio)
    return students, counts, small, parts


def subject_shares(data: CountyData, rules: StaffingRules) -> pd.DataFrame:
    """Per school (index) and rule subject (columns): its ``share_k`` (see the module)."""
    classes = _stage_classes(data)
    parts = _stage_quotas(data, rules)[3]
    grades = classes.groupby(["school_id", "stage", "grade"]).size().rename("n").reset_index()
    hours = pd.DataFrame([rules.grade_hours[g] for g in grades["grade"]],
                         columns=list(rules.subjects)).mul(grades["n"].to_numpy(), axis=0)
    hours[["school_id", "stage"]] = grades[["school_id", "stage"]]
    by_stage = hours.groupby(["school_id", "stage"]).sum()
    mix = by_stage.div(by_stage.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
    weight = parts.stack().rename("q")
    weight = weight.div(weight.groupby(level=0).transform("sum").replace(0, np.nan)).fillna(0.0)
    weight.index.names = ["school_id", "stage"]
    shares = mix.mul(weight.reindex(mix.index).fillna(0.0), axis=0).groupby(level=0).sum()
    return shares.reindex(parts.index).fillna(0.0)


def _with_staff(frame: pd.DataFrame, data: CountyData) -> pd.DataFrame:
    t = data.teachers[data.teachers["stage"].isin(STAGE_KEYS)]
    staff = t.groupby("school_id").size()
    in_quota = t[t["quota_status"].eq("in_quota").fillna(False)].groupby("school_id").size()
    full = t[t["full_time"].fillna(False).astype(bool)].groupby("school_id").size()
    approved = data.staffing.set_index("school_id")["staff_quota"]
    ids = frame["school_id"]
    frame["approved_quota"] = ids.map(approved).astype("Int64")
    frame["staff"] = ids.map(staff).fillna(0).astype(int)
    frame["staff_in_quota"] = ids.map(in_quota).fillna(0).astype(int)
    frame["full_time"] = ids.map(full).fillna(0).astype(int)
    frame["balance"] = frame["staff"] - frame["standard_quota"]
    return frame


def subject_gaps(data: CountyData, rules: StaffingRules, quotas: pd.DataFrame) -> pd.DataFrame:
    """One row per school and rule subject: need, have, shortage, surplus (see the module)."""
    t = data.teachers[data.teachers["stage"].isin(STAGE_KEYS)
                      & data.teachers["full_time"].fillna(False).astype(bool)]
    groups = t["subject"].map(lambda s: rules.group_of(s) if isinstance(s, str) else s)
    have = t.assign(group=groups).groupby(["school_id", "group"]).size()
    shares = subject_shares(data, rules)
    rows = []
    for school_id, q in zip(quotas["school_id"], quotas["standard_quota"], strict=True):
        for subject in rules.subjects:
            share = float(shares.at[school_id, subject]) if school_id in shares.index else 0.0
            need = q * share
            n = int(have.get((school_id, subject), 0))
            if need <= 0 and n == 0:
                continue
            target = round_half_up(need)
            rows.append({"school_id": school_id, "subject": subject, "share": share,
                         "need": round(need, 2), "have": n, "shortage": max(0, target - n),
                         "surplus": max(0, n - target),
                         "priority": subject in rules.priority_subjects})
    return pd.DataFrame(rows, columns=["school_id", "subject", "share", "need", "have",
                                       "shortage", "surplus", "priority"])


def consistency(data: CountyData, quotas: pd.DataFrame) -> pd.DataFrame:
    """人编岗一致: one row per finding (``school_id``, ``kind``, ``message``). A teaching point
    counts with its central school (its quota is part of the central school's)."""
    schools = data.schools.set_index("school_id")
    unit = {sid: (schools.at[sid, "central_school"]
                  if schools.at[sid, "school_type"] == "teaching_point"
                  and isinstance(schools.at[sid, "central_school"], str) else sid)
            for sid in schools.index}
    t = data.teachers[data.teachers["stage"].isin(STAGE_KEYS)]
    t = t.assign(unit=t["school_id"].map(unit))
    on = t[t["quota_status"].eq("in_quota").fillna(False)]
    standard = quotas.assign(unit=quotas["school_id"].map(unit)).groupby("unit")[
        "standard_quota"].sum()
    rows = []
    by_unit = dict(tuple(on.groupby("unit")))
    empty = on.iloc[0:0]
    for row in data.staffing.itertuples(index=False):
        rows.extend(_unit_findings(row, by_unit.get(row.school_id, empty),
                                   int(standard.get(row.school_id, 0)),
                                   schools["name"].get(row.school_id, row.school_id)))
    return pd.DataFrame(rows, columns=["school_id", "kind", "message"])


_POSTS = (("professional", "professional_posts", "专业技术"), ("management", "management_posts",
          "管理"), ("support", "support_posts", "工勤技能"))


def _unit_findings(row, on: pd.DataFrame, standard: int, name: str) -> list[dict]:
    quota, people = int(row.staff_quota), len(on)
    found = []

    def add(kind: str, message: str) -> None:
        found.append({"school_id": row.school_id, "kind": kind, "message": f"{name}：{message}"})

    if people > quota:
        add("over_quota", f"在编 {people} 人，核定编制 {quota} 人，超编 {people - quota} 人")
    elif people < quota:
        add("vacancy", f"在编 {people} 人，核定编制 {quota} 人，空编 {quota - people} 个")
    posts = [getattr(row, col) for _, col, _ in _POSTS]
    if all(not pd.isna(p) for p in posts):
        if sum(int(p) for p in posts) != quota:
            add("posts", f"岗位数合计 {sum(int(p) for p in posts)} 个，与核定编制 {quota} 不一致")
        for (code, _, label), p in zip(_POSTS, posts, strict=True):
            held = int(on["post_category"].eq(code).fillna(False).sum())
            if held > int(p):
                add("post_over", f"{label}岗位在岗 {held} 人，岗位数 {int(p)} 个，超岗 {held - int(p)} 人")
    if quota < standard:
        add("below_standard", f"核定编制 {quota} 人，低于按编制标准测算的 {standard} 人")
    return found


def staffing_report(data: CountyData, rules: StaffingRules | None = None) -> StaffingReport:
    """Quotas, subject gaps and 人编岗一致 findings of a county."""
    rules = rules or load_rules()
    quotas = school_quotas(data, rules)
    return StaffingReport(quotas, subject_gaps(data, rules, quotas), consistency(data, quotas))
