"""The data of a 交流轮岗 plan: eligible teachers, their classes, schools and indicator counts.

Teachers that the model cannot tell apart (same school, subject group, 骨干 or not, higher
degree or not) form one *class*; the plan moves numbers of a class, and the longest-serving
members of a class go first (then by teacher number).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from junheng.evaluate.units import BACKBONE_COUNTY_AND_ABOVE, HIGHER_DEGREES, PE_ART_SUBJECTS
from junheng.model import CountyData, codes
from junheng.teachers.rotation_exchange import ExchangeUnits, exchange_units
from junheng.teachers.staffing import StaffingReport

INDICATORS = ("higher_degree", "backbone", "pe_art")
INDICATOR_LABELS = {"higher_degree": "每百名学生拥有高于规定学历教师数",
                    "backbone": "每百名学生拥有县级以上骨干教师数",
                    "pe_art": "每百名学生拥有体育、艺术专任教师数"}
AREA_RANK = {"urban": 0, "town": 1, "rural": 2}
AREA_LABELS = {"urban": "城区", "town": "镇区", "rural": "乡村"}


@dataclass(frozen=True)
class RotationConfig:
    """Quotas, eligibility, direction, caps and objective weights of a rotation plan."""

    share: float = 0.10             # (2) rotate at least this share of eligible teachers
    max_share: float = 0.20         # (3) and at most this share
    backbone_share: float = 0.20    # (4) 骨干 among those rotated, exchanged included: the
                                    # standard's floor, as the 达标路径's (23) (backbone_floor)
    min_years: int = 6              # eligible: years at the current school ≥ min_years
    max_age_male: int = 55          # eligible: age ≤ (by sex)
    max_age_female: int = 50
    direction: Literal["toward_rural", "any"] = "toward_rural"
    max_out_share: float = 0.20     # (5) a school sends at most this share of its staff
    max_gain_share: float = 0.20    # (6) net gain cap (or the school's shortage if larger)
    candidates: int = 20            # destinations kept per class
    weight_priority: float = 10.0   # per 体育/音乐/美术 teacher still short
    weight_subject: float = 1.0     # per other subject teacher still short
    weight_cv: float = 100.0        # per unit of relative mean absolute deviation
    weight_move: float = 0.01       # per teacher moved
    time_limit: float = 60.0
    gap: float = 1e-4               # stop at the proven gap every plan calls 最优 (0.01 %;
                                    # status_words.PLAN_TOLERANCE; brief hrot4, was 1 %)
    cv_limits: bool = True          # 优质均衡 CV rule: re-evaluate, repair (rotation_cv.py)
    cv_repair_rounds: int = 8
    hold: tuple[tuple[str, float], ...] = ()   # (11) (indicator, band L): schools kept near
                                                #      their share
    freeze: tuple[tuple[str, str], ...] = ()   # (12) (indicator, stage): such teachers stay
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class EligibleCounts:
    """Who counts as eligible for 交流轮岗 among full-time compulsory teachers, counted once
    (:func:`eligibility`) for both figures the product shows:

    * ``rate_base`` (评估口径): teachers at least ``min_years`` at their school plus those who
      rotated in this school year — the denominator of the evaluation's 交流轮岗比例 when the
      county gives no 县级指标 “符合交流轮岗条件的教师数”;
    * ``movable`` (方案口径): of those at least ``min_years`` at their school, the ones still
      free to move — within the age limit by sex and not on a rotation under way — the pool
      of the rotation plan.
    """

    served: int      # ≥ min_years at the current school, not rotated in this year
    rotated: int     # rotated in this school year
    over_age: int    # of ``served``: above the age limit, or age or sex unknown
    ongoing: int     # of ``served`` within the age limit: a rotation without an end date
    min_years: float = 6

    @property
    def rate_base(self) -> int:
        return self.served + self.rotated

    @property
    def movable(self) -> int:
        return self.served - self.over_age - self.ongoing


@dataclass(frozen=True)
class RotationData:
    """Arrays of the model. Schools s, classes c, subjects k (rule subjects), indicators j."""

    school_ids: list[str]
    school_names: list[str]
    area: np.ndarray             # (S,) area code per school
    students: np.ndarray         # (S,)
    staff: np.ndarray            # (S,) full-time teachers
    shortage_total: np.ndarray   # (S,) max(0, standard quota − staff)
    counts: np.ndarray           # (S, J) indicator teachers now
    subjects: list[str]
    priority: np.ndarray         # (K,) bool
    shortage: np.ndarray         # (S, K)
    surplus: np.ndarray          # (S, K)
    class_school: np.ndarray     # (C,)
    class_subject: np.ndarray    # (C,) index into subjects, -1 when not a rule subject
    class_flags: np.ndarray      # (C, J) 0/1
    class_backbone: np.ndarray   # (C,) 0/1
    class_members: list[list[str]]
    eligible: pd.DataFrame       # teacher_id, school, group, stage, backbone, higher, pe_art, years
    school_stages: list[frozenset[str]]   # stages each school teaches
    class_stage: np.ndarray      # (C,) stage code of the class
    eligible_counts: EligibleCounts | None = None   # how ``eligible`` was counted
    exchange: ExchangeUnits | None = None   # the units of the exchange rule (13)

    def teaches(self, s: int, stage: str) -> bool:
        """True when school ``s`` teaches ``stage`` (a teacher of it may rotate there)."""
        return stage in self.school_stages[s]

    @property
    def class_size(self) -> np.ndarray:
        return np.array([len(m) for m in self.class_members], dtype=int)

    def required(self, config: RotationConfig) -> tuple[int, int]:
        """(2) and (3): the least and most teachers to rotate."""
        n = len(self.eligible)
        return math.ceil(config.share * n - 1e-9), math.floor(config.max_share * n + 1e-9)


def teacher_flags(teachers: pd.DataFrame) -> pd.DataFrame:
    """Per teacher: higher degree for its stage, county-or-above 骨干, 体育/艺术 subject."""
    degree = teachers["degree"]
    higher = (teachers["stage"].eq("primary") & degree.isin(HIGHER_DEGREES["primary"])) | (
        teachers["stage"].eq("junior") & degree.isin(HIGHER_DEGREES["junior"]))
    return pd.DataFrame({"higher_degree": higher.fillna(False).astype(int),
                         "backbone": teachers["backbone"].isin(BACKBONE_COUNTY_AND_ABOVE)
                         .astype(int),
                         "pe_art": teachers["subject"].isin(PE_ART_SUBJECTS).astype(int)},
                        index=teachers.index)


def compulsory_teachers(data: CountyData, school_ids: list[str]) -> pd.DataFrame:
    """Full-time primary and junior teachers of the given schools."""
    t = data.teachers
    keep = (t["full_time"].fillna(False).astype(bool) & t["stage"].isin({"primary", "junior"})
            & t["school_id"].isin(school_ids))
    return t[keep]


def eligibility(data: CountyData, teachers: pd.DataFrame, config: RotationConfig
                ) -> tuple[pd.Series, EligibleCounts]:
    """(True for a teacher the plan may move, the counts of :class:`EligibleCounts`): years at
    the school, age by sex, not rotated in this school year, and no rotation still under way
    in 教师交流记录 (no end date)."""
    year = data.school_year
    years = year - teachers["school_start_year"].astype("Float64")
    age = year - teachers["birth_year"].astype("Float64")
    limit = teachers["sex"].map({"male": config.max_age_male, "female": config.max_age_female})
    rotated = teachers["rotated_in"].fillna(False).astype(bool)
    served = (years >= config.min_years).fillna(False).astype(bool) & ~rotated
    young = (age <= limit.astype("Float64")).fillna(False).astype(bool)
    ongoing = teachers["teacher_id"].isin(
        set(data.rotations.loc[data.rotations["end_date"].isna(), "teacher_id"]))
    ok = served & young & ~ongoing
    counts = EligibleCounts(served=int(served.sum()), rotated=int(rotated.sum()),
                            over_age=int((served & ~young).sum()),
                            ongoing=int((served & young & ongoing).sum()),
                            min_years=config.min_years)
    return ok, counts


def county_eligible(data: CountyData) -> float | None:
    """The county's own 县级指标 “符合交流轮岗条件的教师数” (the evaluation's denominator when
    given), or None."""
    rows = data.county_indicators
    values = rows.loc[rows["indicator_code"] == "rotation_eligible_teachers", "value"].dropna()
    return None if values.empty else float(values.iloc[-1])


def eligible_teachers(data: CountyData, teachers: pd.DataFrame, config: RotationConfig
                      ) -> pd.Series:
    """True for a teacher who may rotate (see :func:`eligibility`)."""
    return eligibility(data, teachers, config)[0]


def rotation_data(data: CountyData, report: StaffingReport, rules_groups,
                  config: RotationConfig) -> RotationData:
    """Build the arrays from a county and its staffing report (``rules_groups``: the
    subject -> rule subject map, e.g. ``StaffingRules.group_of``)."""
    schools = report.schools
    # the evaluation's compulsory schools: no 普通高中, no 特殊教育学校
    schools = schools[schools["school_type"].isin(codes.COMPULSORY_SCHOOL_TYPES)
                      ].reset_index(drop=True)
    ids = schools["school_id"].tolist()
    pos = {s: i for i, s in enumerate(ids)}
    teachers = compulsory_teachers(data, ids)
    flags = teacher_flags(teachers)
    counts = np.zeros((len(ids), len(INDICATORS)))
    np.add.at(counts, teachers["school_id"].map(pos).to_numpy(int), flags.to_numpy(float))
    subjects = sorted(set(report.subjects["subject"]), key=list(report.subjects["subject"]).index)
    gaps = report.subjects.set_index(["school_id", "subject"])
    grid = pd.MultiIndex.from_product([ids, subjects])
    shortage = gaps["shortage"].reindex(grid, fill_value=0).to_numpy().reshape(len(ids), -1)
    surplus = gaps["surplus"].reindex(grid, fill_value=0).to_numpy().reshape(len(ids), -1)
    priority = gaps["priority"].groupby(level=1).first().reindex(subjects).to_numpy(bool)
    ok, eligible_counts = eligibility(data, teachers, config)
    elig = teachers[ok].assign(
        school=teachers.loc[ok, "school_id"].map(pos).astype(int),
        group=teachers.loc[ok, "subject"].map(lambda s: rules_groups(s) if isinstance(s, str)
                                              else "other"),
        years=data.school_year - teachers.loc[ok, "school_start_year"].astype(int),
        **{k: flags.loc[ok, k] for k in INDICATORS})
    classes = _classes(elig, subjects)
    full = teachers.groupby("school_id").size()
    return RotationData(
        ids, schools["name"].tolist(), schools["area"].to_numpy(object),
        schools["students"].to_numpy(float), schools["school_id"].map(full).fillna(0)
        .to_numpy(int), np.maximum(0, -schools["balance"].to_numpy(int)), counts, subjects,
        priority, shortage.astype(int), surplus.astype(int), *classes[:5],
        elig[["teacher_id", "school", "group", "stage", "years", *INDICATORS]]
        .reset_index(drop=True),
        [codes.SCHOOL_TYPE_STAGES.get(t, frozenset()) for t in schools["school_type"]],
        classes[5], eligible_counts,
        exchange_units(data, set(elig["teacher_id"].astype(str))))


def _classes(elig: pd.DataFrame, subjects: list[str]) -> tuple:
    keys = ["school", "group", "stage", "backbone", "higher_degree"]
    elig = elig.sort_values([*keys, "years", "teacher_id"],
                            ascending=[True] * len(keys) + [False, True])
    school, subject, flags, backbone, members, stage = [], [], [], [], [], []
    index = {k: i for i, k in enumerate(subjects)}
    for (s, g, st, b, h), part in elig.groupby(keys, sort=True):
        school.append(s)
        stage.append(st)
        subject.append(index.get(g, -1))
        flags.append((h, b, int(part["pe_art"].iloc[0])))
        backbone.append(b)
        members.append(part["teacher_id"].tolist())
    return (np.array(school, int), np.array(subject, int),
            np.array(flags, float).reshape(-1, len(INDICATORS)), np.array(backbone, int),
            members, np.array(stage, dtype=object))


def allowed(area_from: str, area_to: str, direction: str) -> bool:
    """The direction rule: ``toward_rural`` moves only to a more rural area (城区 → 镇区 or
    乡村, 镇区 → 乡村); ``any`` allows every pair of different schools."""
    if direction == "any":
        return True
    return AREA_RANK.get(area_to, -1) > AREA_RANK.get(area_from, 9)


def area_label(area: str) -> str:
    return AREA_LABELS.get(area, "未知")
