"""Per-row lookups computed once per county and shared by units, items and lists.

Classes and teachers are located by their school's position in the 学校 table and coded by
stage once; per-school totals are then ``np.bincount`` sums over those positions, so a
province of 15,000 schools and 400,000 teachers is aggregated in a few passes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.model import CountyData
from junheng.model.codes import COMPULSORY_SCHOOL_TYPES, GRADE_STAGE

STAGES = ("preschool", "primary", "junior", "senior")
STAGE_CODE = {s: i for i, s in enumerate(STAGES)}
PRIMARY, JUNIOR = STAGE_CODE["primary"], STAGE_CODE["junior"]


def codes_of(values: pd.Series, mapping: dict[str, int], missing: int = -1) -> np.ndarray:
    """Integer codes of an object column through ``mapping`` (``missing`` for anything else)."""
    codes, uniques = pd.factorize(values)
    table = np.array([mapping.get(u, missing) for u in uniques] + [missing], dtype=np.int64)
    return table[codes]  # NA has code -1, which picks the trailing ``missing``


def flag(values: pd.Series, members) -> np.ndarray:
    """Boolean array: value is one of ``members`` (NA is not)."""
    return codes_of(values, dict.fromkeys(members, 1), 0).astype(bool)


def truthy(values: pd.Series) -> np.ndarray:
    """A nullable boolean column as a numpy bool array, NA as False."""
    return values.to_numpy(dtype=bool, na_value=False)


@dataclass(frozen=True, eq=False)
class CountyFrames:
    """Cached positions, stage codes and per-school totals of one county."""

    data: CountyData

    # --- schools ---------------------------------------------------------------------------
    @functools.cached_property
    def schools(self) -> pd.DataFrame:
        """The 学校 table, one row per school_id, positions 0..n-1."""
        return self.data.schools.drop_duplicates("school_id").reset_index(drop=True)

    @functools.cached_property
    def index(self) -> pd.Index:
        return pd.Index(self.schools["school_id"])

    def positions(self, ids: pd.Series) -> np.ndarray:
        """Positions of school ids in :attr:`schools` (-1 when unknown)."""
        return self.index.get_indexer(ids)

    @property
    def n(self) -> int:
        return len(self.schools)

    @functools.cached_property
    def compulsory(self) -> np.ndarray:
        """Per school: a compulsory school or teaching point."""
        return flag(self.schools["school_type"], COMPULSORY_SCHOOL_TYPES)

    @functools.cached_property
    def teaching_point(self) -> np.ndarray:
        return flag(self.schools["school_type"], ("teaching_point",))

    def per_school(self, positions: np.ndarray, weights=None) -> np.ndarray:
        """Sum of ``weights`` (or a count) per school position; rows at -1 are ignored."""
        keep = positions >= 0
        w = None if weights is None else np.asarray(weights, dtype=float)[keep]
        return np.bincount(positions[keep], weights=w, minlength=self.n)

    def aligned(self, table: pd.DataFrame, column: str) -> np.ndarray:
        """A per-school column of a one-row-per-school table (校舍设施, 经费), NaN if absent."""
        table = table.drop_duplicates("school_id")
        out = np.full(self.n, np.nan)
        pos = self.positions(table["school_id"])
        keep = pos >= 0
        out[pos[keep]] = table[column].to_numpy(dtype=float, na_value=np.nan)[keep]
        return out

    # --- classes ---------------------------------------------------------------------------
    @functools.cached_property
    def class_school(self) -> np.ndarray:
        return self.positions(self.data.classes["school_id"])

    @functools.cached_property
    def class_stage(self) -> np.ndarray:
        mapping = {g: STAGE_CODE[s] for g, s in GRADE_STAGE.items()}
        return codes_of(self.data.classes["grade"], mapping)

    @functools.cached_property
    def class_students(self) -> np.ndarray:
        return self.data.classes["students"].to_numpy(dtype=float, na_value=0.0)

    def stage_matrix(self, weights: np.ndarray | None) -> np.ndarray:
        """(schools × stages) sums of ``weights`` (or counts) over classes."""
        keep = (self.class_school >= 0) & (self.class_stage >= 0)
        key = self.class_school[keep] * len(STAGES) + self.class_stage[keep]
        w = None if weights is None else weights[keep]
        return np.bincount(key, weights=w, minlength=self.n * len(STAGES)) \
            .reshape(self.n, len(STAGES))

    @functools.cached_property
    def stage_students(self) -> np.ndarray:
        """Students per school (rows) and stage (columns: preschool, primary, junior, senior)."""
        return self.stage_matrix(self.class_students)

    @functools.cached_property
    def stage_classes(self) -> np.ndarray:
        return self.stage_matrix(None)

    @functools.cached_property
    def compulsory_class_mask(self) -> np.ndarray:
        """Classes of primary and junior grades in compulsory schools."""
        school = self.class_school
        in_compulsory = np.zeros(len(school), dtype=bool)
        ok = school >= 0
        in_compulsory[ok] = self.compulsory[school[ok]]
        return in_compulsory & np.isin(self.class_stage, (PRIMARY, JUNIOR))

    @functools.cached_property
    def compulsory_classes(self) -> pd.DataFrame:
        """Primary and junior classes of compulsory schools, with stage and school name."""
        mask = self.compulsory_class_mask
        classes = self.data.classes[mask]
        stage = np.asarray(STAGES, dtype=object)[self.class_stage[mask]]
        names = self.schools["name"].to_numpy(dtype=object)[self.class_school[mask]]
        return classes.assign(stage=stage, name=names)

    # --- teachers --------------------------------------------------------------------------
    @functools.cached_property
    def teacher_school(self) -> np.ndarray:
        return self.positions(self.data.teachers["school_id"])

    @functools.cached_property
    def teacher_stage(self) -> np.ndarray:
        return codes_of(self.data.teachers["stage"], STAGE_CODE)

    @functools.cached_property
    def compulsory_teacher_mask(self) -> np.ndarray:
        """Full-time teachers of primary or junior stage in compulsory schools."""
        school = self.teacher_school
        in_compulsory = np.zeros(len(school), dtype=bool)
        ok = school >= 0
        in_compulsory[ok] = self.compulsory[school[ok]]
        return (in_compulsory & truthy(self.data.teachers["full_time"])
                & np.isin(self.teacher_stage, (PRIMARY, JUNIOR)))

    @functools.cached_property
    def compulsory_teachers(self) -> pd.DataFrame:
        """Full-time compulsory-stage teachers of compulsory schools."""
        return self.data.teachers[self.compulsory_teacher_mask]

    def name_of(self, ids: pd.Series) -> np.ndarray:
        """School names for ids (None where unknown)."""
        pos = self.positions(ids)
        names = np.append(self.schools["name"].to_numpy(dtype=object), None)
        return names[np.where(pos >= 0, pos, len(names) - 1)]
