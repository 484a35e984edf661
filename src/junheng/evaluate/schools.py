"""Which schools a measure covers: by type, area (城区/镇区/乡村) and ownership; 教学点.

Unknown (NA) is never counted as yes: an ownership left empty is neither public nor private.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from junheng.model import CountyData
from junheng.model.areas import in_area


def owned(frame: pd.DataFrame, ownership: str) -> pd.Series:
    """Rows of the given ownership (``all`` keeps every row)."""
    if ownership == "all":
        return pd.Series(True, index=frame.index)
    return frame["ownership"] == ownership


def select_schools(data: CountyData, *, types: Iterable[str] | None = None, area: str = "all",
                   ownership: str = "all") -> pd.DataFrame:
    """The schools of the given types, area and ownership (all when not given), in table order.

    Examples
    --------
    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025}, schools=[
    ...     {"school_id": "A", "school_type": "primary_school", "urban_rural_code": "111"},
    ...     {"school_id": "P", "school_type": "teaching_point", "urban_rural_code": "220"}])
    >>> select_schools(d, area="rural")["school_id"].tolist()
    ['P']
    """
    schools = data.schools
    mask = in_area(schools["urban_rural_code"], area) & owned(schools, ownership).to_numpy(bool)
    if types is not None:
        mask &= schools["school_type"].isin(set(types)).to_numpy()
    return schools[mask]


def teaching_points(data: CountyData, area: str = "all") -> pd.DataFrame:
    """The 教学点 (rows of type teaching point) of an area."""
    return select_schools(data, types={"teaching_point"}, area=area)
