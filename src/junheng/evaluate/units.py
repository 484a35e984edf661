"""Evaluation units: one row per compulsory school (after the teaching-point rule) and stage.

Rules (DESIGN.md, "Standards as data"):

* Units are the county's public and private compulsory schools per stage (primary, junior);
  kindergartens, special-education and senior high schools are not units.
* Nine-year / twelve-year / complete secondary schools enter as one unit per stage. Their facility
  totals are split by weighted students: primary : junior : senior = 1 : 1.1 : 1.32 (complete
  secondary junior : senior = 1 : 1.2). Teachers count in the stage they teach.
* Teaching points are merged into their central school by default (their classes, teachers and
  facilities add to the central school's primary unit; a merged point's missing facility row
  counts as nothing, since points usually report through their central school). ``separate``
  keeps each point as its own unit (unknown facilities stay unknown);
  ``exclude_points_under=N`` drops points with fewer than N students.
* Counts of teachers are of full-time teachers (专任教师) only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from junheng.errors import ConfigError
from junheng.evaluate.frames import (
    JUNIOR,
    PRIMARY,
    STAGE_CODE,
    STAGES,
    CountyFrames,
    flag,
)
from junheng.model import CountyData
from junheng.model.codes import SCHOOL_TYPE_STAGES
from junheng.model.labels import SCHOOL_TYPE_LABELS as _TYPE_LABEL
from junheng.model.labels import STAGE_LABELS as _STAGE_LABEL

COMPULSORY_STAGES = ("primary", "junior")
TEACHING_POINT_RULES = ("merge", "separate")
#: the rules in the words a user may also give them in (the option's values are the codes)
TEACHING_POINT_WORDS = {"并入所属中心校": "merge", "单独作为评估单位": "separate"}
FACILITY_TOTALS = ("teaching_area", "sports_area", "equipment_value", "books", "computers",
                   "multimedia_rooms")
TEACHER_COUNTS = ("full_time_teachers", "higher_degree_teachers", "backbone_teachers",
                  "pe_art_teachers", "senior_title_teachers")
SCHOOL_ATTRIBUTES = ("name", "school_type", "ownership", "town_code", "urban_rural_code",
                     "boarding")

# 高于规定学历: primary 专科 and above, junior 本科 and above.
HIGHER_DEGREES = {
    "primary": frozenset({"postgraduate", "bachelor", "associate"}),
    "junior": frozenset({"postgraduate", "bachelor"}),
}
BACKBONE_COUNTY_AND_ABOVE = frozenset({"county", "city", "province", "national"})
PE_ART_SUBJECTS = frozenset({"pe", "music", "art"})
INTERMEDIATE_AND_ABOVE_TITLES = frozenset({"professor", "senior", "first"})



def teaching_point_rule(value: str) -> str:
    """The rule's code for ``value``, given as its code or in its Chinese words.

    >>> teaching_point_rule("单独作为评估单位"), teaching_point_rule("merge")
    ('separate', 'merge')
    >>> teaching_point_rule("合并")
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 教学点处理方式“合并”无效：可选“并入所属中心校”（默认）或“单独作为评估单位”。
    """
    rule = TEACHING_POINT_WORDS.get(value, value)
    if rule not in TEACHING_POINT_RULES:
        raise ConfigError(f"教学点处理方式“{value}”无效：可选“并入所属中心校”（默认）或“单独作为评估单位”。")
    return rule


@dataclass(frozen=True)
class UnitRules:
    """How units are formed; the report states these."""

    teaching_points: str = "merge"
    exclude_points_under: int | None = None
    split_weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "teaching_points", teaching_point_rule(self.teaching_points))
        if self.exclude_points_under is not None and self.exclude_points_under < 0:
            raise ConfigError(f"排除教学点的人数下限 {self.exclude_points_under} 无效：须为非负整数。")

    def describe(self) -> list[str]:
        """The rules in Chinese sentences, for reports."""
        points = ("教学点并入所属中心校计算" if self.teaching_points == "merge"
                  else "教学点单独作为评估单位")
        lines = [points]
        if self.exclude_points_under:
            lines.append(f"不足 {self.exclude_points_under} 名学生的教学点不参加评估")
        for school_type, weights in self.split_weights.items():
            ratio = " : ".join(f"{_STAGE_LABEL[s]} {w:g}" for s, w in weights.items())
            lines.append(f"{_TYPE_LABEL.get(school_type, school_type)}的校舍设施按学生数加权拆分（{ratio}）")
        lines.append("教师按任教学段计入；教师类指标只计专任教师")
        lines.append("评估单位为小学、初中和一贯制等义务教育学校：差异系数的学生数和持证、培训学时、交流轮岗等"
                     "比例的教师数均不含特殊教育学校（其学生和教师另计，见“主要数据”）和高中学段")
        return lines


@dataclass(frozen=True)
class Units:
    """The evaluation units and how schools were assigned to them.

    ``frame``: one row per unit — unit_id, school_id, stage, students, classes, the school's
    attributes, facility totals (already split), teacher counts, points_merged.
    ``assignment``: one row per compulsory school — school_id, unit_school_id (its unit's school,
    or NA when excluded), excluded, teaching_point.
    ``target``: per position of ``frames.schools``, the position of its unit school (-1: none).
    """

    frame: pd.DataFrame
    assignment: pd.DataFrame
    rules: UnitRules
    frames: CountyFrames
    target: np.ndarray


def stage_weights(school_types, split_weights: Mapping[str, Mapping[str, float]]
                  ) -> np.ndarray:
    """(schools × stages) weights: the split weights for split types, else 1 per own stage."""
    types = pd.Series(list(school_types), dtype=object)
    out = np.zeros((len(types), len(STAGES)))
    for school_type in types.dropna().unique():
        row = np.zeros(len(STAGES))
        if school_type in split_weights:
            for stage, w in split_weights[school_type].items():
                row[STAGE_CODE[stage]] = w
        else:
            for stage in SCHOOL_TYPE_STAGES.get(school_type, ()):
                row[STAGE_CODE[stage]] = 1.0
        out[types.eq(school_type).to_numpy()] = row
    return out


def stage_shares(students: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each stage's share of a school's facilities: wₛPₛ / Σ wₜPₜ (rows sum to 1 or 0).

    Examples
    --------
    >>> shares = stage_shares(np.array([[0, 600, 300, 0]]), np.array([[0, 1, 1.1, 1.32]]))
    >>> shares.round(4).tolist()[0]
    [0.0, 0.6452, 0.3548, 0.0]
    """
    weighted = np.asarray(weights, dtype=float) * np.asarray(students, dtype=float)
    total = weighted.sum(axis=1, keepdims=True)
    return np.divide(weighted, total, out=np.zeros_like(weighted), where=total > 0)


def teacher_counts(frames: CountyFrames) -> dict[str, np.ndarray]:
    """Full-time teacher counts per school and stage: name -> (schools × stages) array."""
    t = frames.data.teachers
    mask = frames.compulsory_teacher_mask
    stage = frames.teacher_stage
    higher = (((stage == PRIMARY) & flag(t["degree"], HIGHER_DEGREES["primary"]))
              | ((stage == JUNIOR) & flag(t["degree"], HIGHER_DEGREES["junior"])))
    flags = {
        "full_time_teachers": np.ones(len(t), dtype=bool),
        "higher_degree_teachers": higher,
        "backbone_teachers": flag(t["backbone"], BACKBONE_COUNTY_AND_ABOVE),
        "pe_art_teachers": flag(t["subject"], PE_ART_SUBJECTS),
        "senior_title_teachers": flag(t["title"], INTERMEDIATE_AND_ABOVE_TITLES),
    }
    key = frames.teacher_school[mask] * len(STAGES) + stage[mask]
    size = frames.n * len(STAGES)
    return {name: np.bincount(key, weights=f[mask].astype(float), minlength=size)
            .reshape(frames.n, len(STAGES)) for name, f in flags.items()}


def assign_schools(frames: CountyFrames, rules: UnitRules) -> np.ndarray:
    """For every school position: the position of the school whose unit it joins (-1: none).

    Non-compulsory schools and excluded teaching points get -1. A teaching point joins its
    central school under ``merge`` when that school is a compulsory non-point school.
    """
    point, compulsory = frames.teaching_point, frames.compulsory
    target = np.where(compulsory, np.arange(frames.n), -1)
    if rules.teaching_points == "merge":
        central = frames.positions(frames.schools["central_school"])
        valid = point & (central >= 0)
        valid[valid] = compulsory[central[valid]] & ~point[central[valid]]
        target = np.where(valid, central, target)
    if rules.exclude_points_under:
        size = frames.stage_students[:, [PRIMARY, JUNIOR]].sum(axis=1)
        target = np.where(point & (size < rules.exclude_points_under), -1, target)
    return target


def member_facilities(frames: CountyFrames, target: np.ndarray, columns
                      ) -> dict[str, np.ndarray]:
    """Per-school facility totals; a merged teaching point's unknown facility counts as 0."""
    merged = frames.teaching_point & (target >= 0) & (target != np.arange(frames.n))
    out = {}
    for col in columns:
        values = frames.aligned(frames.data.facilities, col)
        out[col] = np.where(merged & np.isnan(values), 0.0, values)
    return out


def unit_sum(target: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Sum per unit-school of per-member rows; NaN if any member is NaN."""
    keep = target >= 0
    unknown = np.bincount(target[keep], weights=np.isnan(values[keep]).astype(float),
                          minlength=n)
    sums = np.bincount(target[keep], weights=np.nan_to_num(values[keep]), minlength=n)
    return np.where(unknown > 0, np.nan, sums)


def build_units(data: CountyData, rules: UnitRules, frames: CountyFrames | None = None
                ) -> Units:
    """Form the evaluation units of a county.

    Parameters
    ----------
    data
        The county.
    rules
        Teaching-point rule, exclusion threshold and split weights.
    frames
        Cached lookups of ``data`` to reuse (built when not given).

    Returns
    -------
    Units
        One row per (school after merging, stage) with students > 0, primary units first.

    Examples
    --------
    >>> from junheng.model import CountyData
    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "A", "name": "甲小学", "school_type": "primary_school"}],
    ...     classes=[{"school_id": "A", "grade": "g1", "class_no": "1", "students": 40}])
    >>> build_units(d, UnitRules()).frame[["unit_id", "students"]].to_dict("records")
    [{'unit_id': 'A:primary', 'students': 40}]
    """
    frames = frames or CountyFrames(data)
    target = assign_schools(frames, rules)
    shares = stage_shares(frames.stage_students,
                          stage_weights(frames.schools["school_type"], rules.split_weights))
    facilities = member_facilities(frames, target, FACILITY_TOTALS)
    teachers = teacher_counts(frames)
    parts = []
    for stage in COMPULSORY_STAGES:
        code = STAGE_CODE[stage]
        totals = {"students": frames.stage_students[:, code],
                  "classes": frames.stage_classes[:, code],
                  "points_merged": (frames.teaching_point & (frames.stage_students[:, code] > 0)
                                    & (target != np.arange(frames.n))).astype(float)}
        totals.update({c: v * shares[:, code] for c, v in facilities.items()})
        totals.update({c: v[:, code] for c, v in teachers.items()})
        parts.append(_stage_units(frames, target, stage, totals))
    frame = pd.concat(parts, ignore_index=True)
    assignment = _assignment(frames, target)
    return Units(frame=frame, assignment=assignment, rules=rules, frames=frames, target=target)


def _stage_units(frames: CountyFrames, target: np.ndarray, stage: str,
                 totals: dict[str, np.ndarray]) -> pd.DataFrame:
    sums = {c: unit_sum(target, v, frames.n) for c, v in totals.items()}
    keep = np.flatnonzero(sums["students"] > 0)
    schools = frames.schools.iloc[keep]
    frame = pd.DataFrame({
        "unit_id": schools["school_id"].astype(str).to_numpy() + ":" + stage,
        "school_id": schools["school_id"].to_numpy(), "stage": stage,
        "students": sums["students"][keep].astype("int64"),
        "classes": sums["classes"][keep].astype("int64"),
    })
    for col in SCHOOL_ATTRIBUTES:
        frame[col] = schools[col].to_numpy()
    for col in FACILITY_TOTALS:
        frame[col] = sums[col][keep]
    for col in TEACHER_COUNTS:
        frame[col] = sums[col][keep].astype("int64")
    frame["points_merged"] = sums["points_merged"][keep].astype("int64")
    return frame


def _assignment(frames: CountyFrames, target: np.ndarray) -> pd.DataFrame:
    schools = frames.schools
    ids = schools["school_id"].to_numpy(dtype=object)
    compulsory = frames.compulsory
    unit_school = np.where(target >= 0, ids[np.maximum(target, 0)], None)
    return pd.DataFrame({
        "school_id": ids[compulsory], "unit_school_id": unit_school[compulsory],
        "excluded": (target < 0)[compulsory], "teaching_point": frames.teaching_point[compulsory],
    })


__all__ = [
    "COMPULSORY_STAGES", "FACILITY_TOTALS", "TEACHER_COUNTS", "TEACHING_POINT_RULES", "UnitRules",
    "Units", "assign_schools", "unit_sum", "build_units", "stage_shares", "stage_weights", "teacher_counts",
]
