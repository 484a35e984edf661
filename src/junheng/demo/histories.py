"""教师培训 and 教师交流记录: the year-by-year history behind two v1 teacher columns.

Training. 近五年培训学时 (v1) is each teacher's hours of the school year and the four before
it. :class:`TrainingBook` keeps every teacher's hours by calendar year: the first time a teacher
is seen, the five-year total is spread over the years since he or she started work; each later
year gets what makes the new five-year total right (the v1 generator keeps it so: last year's
total × 0.8 plus 50–95 hours). Each year's hours are one or two rows of a 培训类别.

Rotation. Teachers on the first year's staff have a few one-year 支教 and 交流 periods in the
six years before (back at their school since); every demo year's rotated teachers (v1's
本学年交流轮岗) get an open 交流 or 支教 record from their former school. A record still open
when its school is merged away ends on 31 July of the merge year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from junheng.demo.draws import id_numbers, keyed_uniforms

WINDOW = 5
CATEGORIES = ("school_based", "county", "city", "provincial", "national")
CATEGORY_CUTS = np.array([0.45, 0.75, 0.88, 0.96])
PAST_ROTATION_YEARS = 6
PAST_ROTATION_RATE = 0.035  # of the eligible teachers, per past year
PAST_MODES = ("support_teaching", "exchange", "itinerant", "shadowing")
PAST_MODE_CUTS = np.array([0.45, 0.8, 0.9])


def _spread(totals: np.ndarray, allowed: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Whole hours per row over its ``allowed`` years, in proportion to ``weights``, adding up
    to each row's total (largest remainders get the odd hours)."""
    w = np.where(allowed, weights, 0.0)
    share = w / w.sum(axis=1, keepdims=True) * totals[:, None]
    hours = np.floor(share)
    rest = np.rint(totals - hours.sum(axis=1)).astype(np.int64)
    order = np.argsort(-(share - hours), axis=1, kind="stable")
    ranks = np.argsort(order, axis=1, kind="stable")
    return hours + (ranks < rest[:, None])


@dataclass
class TrainingBook:
    """Every teacher's training hours by calendar year (what 教师培训 lists).

    ``hours[row, year - first]`` for the teacher registered at ``row``; years before ``first``
    are never needed (a snapshot looks back four years from its own).
    """

    first: int
    rows_of: dict[str, int] = field(default_factory=dict)
    hours: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))

    def _register(self, ids: np.ndarray, last_year: int) -> np.ndarray:
        width = max(self.hours.shape[1], last_year - self.first + 1)
        new = [i for i in ids if i not in self.rows_of]
        for i in new:
            self.rows_of[i] = len(self.rows_of)
        grown = np.zeros((len(self.rows_of), width))
        grown[: self.hours.shape[0], : self.hours.shape[1]] = self.hours
        self.hours = grown
        return np.array([self.rows_of[i] for i in ids], dtype=np.int64)

    def record(self, teachers: pd.DataFrame, year: int, weights: np.ndarray) -> np.ndarray:
        """Bring the book up to ``year`` for this year's staff; returns their rows."""
        ids = teachers["teacher_id"].to_numpy()
        known = np.array([i in self.rows_of for i in ids], dtype=bool)
        rows = self._register(ids, year)
        totals = teachers["training_hours_5y"].to_numpy(float)
        col = year - self.first
        window = np.arange(col - WINDOW + 1, col + 1)
        fresh = ~known
        if fresh.any():
            start = teachers["work_start_year"].to_numpy(float)[fresh] - self.first
            allowed = window[None, :] >= np.minimum(start, col)[:, None]
            self.hours[np.ix_(rows[fresh], window)] = _spread(totals[fresh], allowed,
                                                              0.6 + weights[fresh])
        if known.any():
            self._extend(rows[known], totals[known], col)
        return rows

    def _extend(self, rows: np.ndarray, totals: np.ndarray, col: int) -> None:
        earlier = np.arange(col - WINDOW + 1, col)
        new = totals - self.hours[np.ix_(rows, earlier)].sum(axis=1)
        for c in earlier[::-1]:  # rare: the total fell faster than the year that left
            cut = np.minimum(self.hours[rows, c], np.maximum(-new, 0.0))
            self.hours[rows, c] -= cut
            new += cut
        self.hours[rows, col] = np.maximum(new, 0.0)

    def rows(self, ids: np.ndarray, rows: np.ndarray, year: int, u: np.ndarray) -> pd.DataFrame:
        """教师培训 rows of the teachers at ``rows``, years ``year`` - 4 … ``year``."""
        years = np.arange(year - WINDOW + 1, year + 1)
        hours = self.hours[np.ix_(rows, years - self.first)]
        who, k = np.nonzero(hours > 0)
        h, y = hours[who, k], years[k]
        main = np.searchsorted(CATEGORY_CUTS, u[who, y % u.shape[1]])
        split = (h >= 90) & (main > 0)
        first = np.where(split, np.ceil(h * 0.6), h)
        frame = pd.DataFrame({"teacher_id": ids[who], "year": y, "hours": first,
                              "category": np.array(CATEGORIES, dtype=object)[main]})
        rest = pd.DataFrame({"teacher_id": ids[who[split]], "year": y[split],
                             "hours": (h - first)[split], "category": "school_based"})
        return pd.concat([frame, rest], ignore_index=True).sort_values(
            ["teacher_id", "year"], kind="stable", ignore_index=True)


def training_rows(book: TrainingBook, teachers: pd.DataFrame, year: int,
                  stream: Callable[[int], np.random.Generator]) -> pd.DataFrame:
    """Record this year's staff in ``book`` and return the 教师培训 rows of the year."""
    u = keyed_uniforms(stream, id_numbers(teachers["teacher_id"].to_numpy()), 10)
    rows = book.record(teachers, year, u[:, :WINDOW])
    return book.rows(teachers["teacher_id"].to_numpy(), rows, year, u)


@dataclass
class RotationBook:
    """Every rotation record so far (what 教师交流记录 lists for the teachers on the staff)."""

    records: list[dict] = field(default_factory=list)

    def add_year(self, teachers: pd.DataFrame, village_ids: set[str], year: int,
                 rng: np.random.Generator) -> None:
        """Open records for this year's rotated teachers (v1's 本学年交流轮岗)."""
        moved = teachers[teachers["rotated_in"].to_numpy(bool)]
        days = rng.integers(25, 32, len(moved))
        support = rng.random(len(moved)) < 0.4
        for (teacher_id, source, target), day, s in zip(
                moved[["teacher_id", "from_school_id", "school_id"]].itertuples(index=False),
                days, support, strict=True):
            mode = "support_teaching" if s and target in village_ids else "exchange"
            self.records.append({"teacher_id": teacher_id, "from_school_id": source,
                                 "to_school_id": target, "start_date": date(year, 8, int(day)),
                                 "end_date": None, "mode": mode})

    def close_for(self, gone: set[str], year: int) -> None:
        """End the open records of schools merged away this year (on 31 July)."""
        for r in self.records:
            if r["end_date"] is None and (r["from_school_id"] in gone or r["to_school_id"] in gone):
                r["end_date"] = date(year, 7, 31)

    def rows(self, teacher_ids: set[str]) -> pd.DataFrame:
        """The records of the teachers on this year's staff."""
        kept = [r for r in self.records if r["teacher_id"] in teacher_ids]
        columns = ("teacher_id", "from_school_id", "to_school_id", "start_date", "end_date",
                   "mode")
        return pd.DataFrame(kept, columns=columns)


def past_rotations(teachers: pd.DataFrame, partners: dict[str, list[str]], first_year: int,
                   rng: np.random.Generator) -> list[dict]:
    """One-year periods at partner schools in the six years before the first year.

    ``partners`` maps a school id to the schools its teachers go to (the other side of the
    seat/town–village divide, same stage). A teacher qualifies for year ``y`` when already at
    the school (本校任教起始年份 ≤ y) and working for three years.
    """
    records = []
    school = teachers["school_id"].to_numpy()
    at_school = teachers["school_start_year"].to_numpy()
    working = teachers["work_start_year"].to_numpy()
    ids = teachers["teacher_id"].to_numpy()
    sending = np.isin(school, list(partners))
    for y in range(first_year - PAST_ROTATION_YEARS, first_year):
        pool = np.flatnonzero(sending & (at_school <= y) & (working <= y - 3))
        chosen = rng.permutation(pool)[: int(round(PAST_ROTATION_RATE * len(pool)))]
        kinds = np.searchsorted(PAST_MODE_CUTS, rng.random(len(chosen)))
        for t, kind in zip(chosen, kinds, strict=True):
            options = partners[school[t]]
            records.append({"teacher_id": ids[t], "from_school_id": school[t],
                            "to_school_id": options[int(rng.integers(len(options)))],
                            "start_date": date(y, 8, int(rng.integers(25, 32))),
                            "end_date": date(y + 1, 7, int(rng.integers(5, 16))),
                            "mode": PAST_MODES[int(kind)]})
    return records
