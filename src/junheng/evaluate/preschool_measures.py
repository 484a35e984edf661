"""学前 measures: 在园幼儿, 毛入园率, 公办园在园幼儿占比, 普惠性幼儿园覆盖率.

在园幼儿 are the children of 小班, 中班, 大班 and 混合班: 学前教育 is the education of children
from three years old to school entry (《中华人民共和国学前教育法》第二条), so 托班 children,
under three, are not counted unless asked (``include_nursery``). The 2020 standard's items and
the ledger's preschool measures both read these functions.
"""

from __future__ import annotations

import pandas as pd

from junheng.evaluate.measure import Share
from junheng.model import CountyData
from junheng.model.codes_v2 import ATTACHED_PRESCHOOL_GRADES, ATTACHED_PRESCHOOL_TYPES

COUNTED_GRADES = ("k1", "k2", "k3", "kmix")
NURSERY = "k0"
AGES = ("age_3", "age_4", "age_5")


def counted_grades(include_nursery: bool = False) -> tuple[str, ...]:
    """The grades whose children are 在园幼儿 (with 托班 when asked)."""
    return COUNTED_GRADES + ((NURSERY,) if include_nursery else ())


def kindergartens(data: CountyData, include_nursery: bool = False,
                  attached: bool = False) -> pd.DataFrame:
    """Kindergartens with their children (counted grades), classes and 普惠 status; with
    ``attached`` also the 小学 and 教学点 that hold 附设幼儿班 (their places are the host
    school's: public when it is public).

    An unknown ``affordable`` is not affordable; public kindergartens are affordable places.
    """
    kind = data.schools["school_type"].eq("kindergarten")
    if attached:
        hosts = data.classes.loc[data.classes["grade"].isin(ATTACHED_PRESCHOOL_GRADES),
                                 "school_id"]
        kind |= data.schools["school_type"].isin(ATTACHED_PRESCHOOL_TYPES) \
            & data.schools["school_id"].isin(hosts)
    schools = data.schools[kind]
    classes = data.classes[data.classes["grade"].isin(counted_grades(include_nursery))]
    per = classes.groupby("school_id")["students"].agg(["sum", "size"])
    out = schools[["school_id", "name", "ownership", "affordable", "town_code",
                   "urban_rural_code"]].copy()
    out["children"] = out["school_id"].map(per["sum"]).fillna(0).astype("int64")
    out["classes"] = out["school_id"].map(per["size"]).fillna(0).astype("int64")
    public = out["ownership"].eq("public")
    out["public"] = public
    out["affordable_place"] = public | out["affordable"].fillna(False).astype(bool)
    return out.reset_index(drop=True)


def children_aged_3_to_5(data: CountyData) -> int | None:
    """Resident children aged 3–5 over all villages (None when unknown)."""
    villages = data.villages
    if villages.empty or villages[list(AGES)].isna().all().all():
        return None
    return int(villages[list(AGES)].sum().sum())


def _kindergarten_share(data: CountyData, column: str, include_nursery: bool) -> Share:
    """Children of the chosen places ÷ all preschool children, 附设幼儿班 included (教督〔2020〕1号
    counts every child in a preschool place, whatever school holds the class)."""
    k = kindergartens(data, include_nursery, attached=True)
    chosen = k[k[column]]
    return Share(float(chosen["children"].sum()), float(k["children"].sum()),
                 tuple(chosen["school_id"].astype(str)))


def public_share(data: CountyData, include_nursery: bool = False) -> Share:
    """公办园在园幼儿占比: children of public kindergartens (and of public schools' 附设幼儿班) ÷
    all preschool children (托班 children counted only with ``include_nursery``).

    Examples
    --------
    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "K1", "school_type": "kindergarten", "ownership": "public"},
    ...              {"school_id": "K2", "school_type": "kindergarten", "ownership": "private",
    ...               "affordable": True}],
    ...     classes=[{"school_id": "K1", "grade": "k1", "class_no": "1", "students": 20},
    ...              {"school_id": "K1", "grade": "k0", "class_no": "2", "students": 15},
    ...              {"school_id": "K2", "grade": "k2", "class_no": "1", "students": 30}])
    >>> public_share(d), affordable_share(d).value
    (Share(numerator=20.0, denominator=50.0, ids=('K1',)), 1.0)
    """
    return _kindergarten_share(data, "public", include_nursery)


def affordable_share(data: CountyData, include_nursery: bool = False) -> Share:
    """普惠性幼儿园覆盖率: children of public and affordable private kindergartens ÷ all."""
    return _kindergarten_share(data, "affordable_place", include_nursery)


def gross_enrolment(data: CountyData, include_nursery: bool = False) -> Share:
    """毛入园率: children of 小班/中班/大班/混合班 (and 托班 when asked) in any school ÷ the
    villages' resident children aged 3–5 (denominator None when unknown); ids are the schools
    whose children are counted."""
    classes = data.classes[data.classes["grade"].isin(counted_grades(include_nursery))]
    population = children_aged_3_to_5(data)
    return Share(float(classes["students"].sum()),
                 None if population is None else float(population),
                 tuple(pd.unique(classes["school_id"].astype(str))))
