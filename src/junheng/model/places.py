"""Names instead of codes where a user reads them: 乡镇, 城乡分类 and 所属中心校; a school's
name with the teaching points folded into it (:func:`folded_name`, :func:`own_name`).

A town's name is the one the workbook's 乡镇 sheet (format v2, optional) gives it. A town the
sheet does not list (or a workbook without the sheet, every v1 workbook) is named from its
schools' names (``河口乡九年一贯制学校`` → 河口乡, after the county's own name is taken off); a
town with neither is shown as ``乡镇（代码 410306001）``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from junheng.model.county import CountyData
from junheng.model.labels import URBAN_RURAL_LABELS

_TOWN = re.compile(r"^(\w{1,6}?(?:镇|乡|街道|办事处))")


_FOLDED = re.compile(r"（含教学点 \d+ [所个]）$")


def folded_name(name: str, points: int) -> str:
    """A school's name with the teaching points it takes in (就近划片; "" suffix for none).

    >>> folded_name("甲小学", 2), folded_name("乙小学", 0)
    ('甲小学（含教学点 2 个）', '乙小学')
    """
    return f"{name}（含教学点 {points} 个）" if points else name


def own_name(name: str) -> str:
    """A school's own name without what :func:`folded_name` added (教学点 counted in 个; in
    所 in plans stored before 2026-12-04, still read).

    >>> own_name("甲小学（含教学点 2 所）"), own_name("郑沟镇中心小学（含教学点 5 个）"), own_name("乙小学")
    ('甲小学', '郑沟镇中心小学', '乙小学')
    """
    return _FOLDED.sub("", name)


def town_name_from(school_name: str, county_name: str = "") -> str | None:
    """The town name a school's name starts with, or None.

    >>> town_name_from("河口乡九年一贯制学校", "示例县")
    '河口乡'
    >>> town_name_from("示例县城关镇第二小学", "示例县")
    '城关镇'
    >>> town_name_from("示例县第一初级中学", "示例县") is None
    True
    """
    name = school_name.strip()
    if county_name and name.startswith(county_name):
        name = name[len(county_name):]
    found = _TOWN.match(name)
    return found.group(1) if found else None


def town_names(data: CountyData) -> dict[str, str]:
    """{town code: name}: the 乡镇 sheet's names first, else the name most of the town's
    schools start with.

    >>> from junheng.io import example_county
    >>> data = example_county()
    >>> town_names(data)["410306101"]
    '河口乡'
    >>> towns = {"town_code": ["410306101"], "town_name": ["河口镇"]}
    >>> town_names(data.with_tables(towns=pd.DataFrame(towns)))["410306101"]
    '河口镇'
    """
    county = str(data.info.get("county_name") or "") if hasattr(data, "info") else ""
    guessed = town_names_from(zip(data.schools["town_code"], data.schools["name"], strict=True),
                              county)
    return {**guessed, **sheet_town_names(data)}


def sheet_town_names(data: CountyData) -> dict[str, str]:
    """{town code: name} as the 乡镇 sheet gives them ({} without the sheet)."""
    towns = getattr(data, "tables", {}).get("towns")
    if towns is None or towns.empty:
        return {}
    return {str(code): str(name).strip() for code, name in
            zip(towns["town_code"], towns["town_name"], strict=True)
            if not pd.isna(code) and not pd.isna(name) and str(name).strip()}


def town_names_from(pairs: Iterable[tuple[object, object]], county_name: str = ""
                    ) -> dict[str, str]:
    """{town code: name} from (town code, school name) pairs, the most common name winning.

    >>> town_names_from([("410306101", "河口乡中心小学"), ("410306001", "示例县第一初级中学")],
    ...                 "示例县")
    {'410306101': '河口乡'}
    """
    votes: dict[str, Counter] = {}
    for code, name in pairs:
        found = town_name_from(str(name), county_name)
        if found:
            votes.setdefault(str(code), Counter())[found] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def town_label(code: object, names: dict[str, str]) -> str:
    """The town's name, or 乡镇（代码 …） when no name is known.

    >>> town_label("410306101", {"410306101": "河口乡"}), town_label("410306001", {})
    ('河口乡', '乡镇（代码 410306001）')
    """
    text = "" if code is None else str(code)
    return names.get(text) or (f"乡镇（代码 {text}）" if text else "—")


def urban_rural_label(code: object) -> str:
    """111 → 主城区 (the 城乡分类 label); an unknown code as 代码 N.

    >>> urban_rural_label("121")
    '镇中心区'
    """
    text = "" if code is None else str(code)
    return URBAN_RURAL_LABELS.get(text) or (f"代码 {text}" if text else "—")


def school_names(data: CountyData) -> dict[str, str]:
    """{school id: name}, for 所属中心校 and other references to a school."""
    return {str(k): str(v) for k, v in zip(data.schools["school_id"], data.schools["name"],
                                           strict=True)}
