"""寄宿制学校, 寄宿生, 床位: which schools board, how many pupils board and how many beds.

A school boards when its 寄宿制 flag is 是 (unknown is not boarding); a teaching point never
counts as a boarding school. Beds are the 宿舍床位数 of boarding schools; boarders the 寄宿生数
of their classes. The report's overview, the ledger's boarding measures and the layout
planner's beds read these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.evaluate.frames import truthy
from junheng.evaluate.schools import select_schools
from junheng.model import CountyData

COLUMNS = ["school_id", "name", "school_type", "ownership", "town_code", "urban_rural_code",
           "beds", "boarders"]


def boarding_beds(schools: pd.DataFrame) -> np.ndarray:
    """Beds of each school row: its 宿舍床位数 when it boards, else 0 (an unknown count 0)."""
    beds = schools["boarding_beds"].astype("Float64").to_numpy(float, na_value=np.nan)
    return np.where(truthy(schools["boarding"]) & ~np.isnan(beds), np.nan_to_num(beds),
                    0).astype(np.int64)


def boarders_by_school(data: CountyData, school_ids: pd.Series) -> np.ndarray:
    """寄宿生 of each school (the sum over its classes; 0 without any)."""
    per = data.classes.groupby("school_id")["boarders"].sum()
    return per.reindex(school_ids).fillna(0).to_numpy(np.int64)


@dataclass(frozen=True)
class Boarding:
    """Boarding schools in the order of the 学校 table, with their beds and boarders."""

    schools: pd.DataFrame

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.schools["school_id"].astype(str))

    @property
    def beds(self) -> int:
        return int(self.schools["beds"].sum())

    @property
    def boarders(self) -> int:
        return int(self.schools["boarders"].sum())


def boarding_schools(data: CountyData, *, types: Iterable[str] | None = None, area: str = "all",
                     ownership: str = "all") -> Boarding:
    """The boarding schools (teaching points never) of the given types, area and ownership.

    Examples
    --------
    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025}, schools=[
    ...     {"school_id": "N", "school_type": "nine_year", "boarding": True, "boarding_beds": 300},
    ...     {"school_id": "P", "school_type": "teaching_point", "boarding": True},
    ...     {"school_id": "A", "school_type": "primary_school", "boarding": False}],
    ...     classes=[{"school_id": "N", "grade": "g7", "class_no": "1", "students": 45,
    ...               "boarders": 40}])
    >>> b = boarding_schools(d)
    >>> b.ids, b.beds, b.boarders
    (('N',), 300, 40)
    """
    schools = select_schools(data, types=types, area=area, ownership=ownership)
    schools = schools[truthy(schools["boarding"])
                      & schools["school_type"].ne("teaching_point").to_numpy()]
    out = schools.assign(beds=boarding_beds(schools),
                         boarders=boarders_by_school(data, schools["school_id"]))
    return Boarding(out[COLUMNS].reset_index(drop=True))
