"""Small views of a county for the pages: KPIs, the school table, one school's summary.

Pure functions of :class:`CountyData`; the engines' results are added by the routers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from pypinyin import Style, lazy_pinyin

from junheng.evaluate.schools import teaching_points
from junheng.model import codes
from junheng.model.county import CountyData
from junheng.model.places import town_label, town_names

SCHOOL_TYPE_LABELS = {code: label for label, code in codes.SCHOOL_TYPES.items()}
GRADE_LABELS = {code: label for label, code in codes.GRADES.items()}
STAGE_LABELS = {code: label for label, code in codes.STAGES.items()}
DEGREE_LABELS = {code: label for label, code in codes.DEGREES.items()}
TITLE_LABELS = {code: label for label, code in codes.TITLES.items()}


@lru_cache(maxsize=20_000)
def pinyin_initials(text: str) -> str:
    """'城关第一小学' -> 'cgdyxx': the first letter of each syllable, for search."""
    return "".join(p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER) if p).lower()


@lru_cache(maxsize=20_000)
def pinyin_full(text: str) -> str:
    return "".join(lazy_pinyin(text)).lower()


def students_by_school(data: CountyData) -> pd.Series:
    """Students per school from 班级 (schools without classes are absent)."""
    return data.classes.groupby("school_id")["students"].sum().astype("int64")


def school_table(data: CountyData) -> pd.DataFrame:
    """One row per school: id, name, type label, town, students, classes, teachers, search key."""
    schools = data.schools
    classes = data.classes.groupby("school_id").agg(students=("students", "sum"),
                                                     classes=("students", "size"))
    teachers = data.teachers.groupby("school_id").size().rename("teachers")
    table = schools[["school_id", "name", "school_type", "town_code", "urban_rural_code",
                     "central_school", "boarding", "lon", "lat"]].copy()
    table = table.join(classes, on="school_id").join(teachers, on="school_id")
    for column in ("students", "classes", "teachers"):
        table[column] = table[column].fillna(0).astype("int64")
    table["type_label"] = table["school_type"].map(SCHOOL_TYPE_LABELS)
    towns = town_names(data)
    table["town_label"] = [town_label(code, towns) for code in table["town_code"]]
    table["search"] = [f"{sid} {name} {pinyin_initials(name)} {pinyin_full(name)}".lower()
                       for sid, name in zip(table["school_id"], table["name"], strict=True)]
    return table.reset_index(drop=True)


def search_schools(table: pd.DataFrame, query: str, *, limit: int = 500) -> pd.DataFrame:
    """Schools whose id, name or pinyin (initials or full) contains every word of ``query``."""
    words = [w for w in query.lower().split() if w]
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= table["search"].str.contains(word, regex=False)
    return table[mask].head(limit)


@dataclass(frozen=True)
class CountyKpis:
    """The dashboard's headline numbers."""

    schools: int
    teaching_points: int
    kindergartens: int
    students: int
    classes: int
    teachers: int
    villages: int
    compulsory_students: int = 0
    scope: str = "全部学段"  # what ``students`` covers: '小学、初中、学前'
    class_scope: str = "义务教育"  # the classes the 大班额 counts cover
    #: pupils of the 附设幼儿班 at schools (not 幼儿园): in ``students``, not in the forecast's
    #: 学前 (kindergartens only), so the two totals differ by this (review finding 14)
    nursery: int = 0


#: What :attr:`CountyKpis.schools` counts (planner review finding 9: 57 schools beside 54 and 55).
SCHOOLS_LABEL = "学校（含高中、特殊教育学校，不含教学点、幼儿园）"

STAGE_NAMES = {"primary": "小学", "junior": "初中", "senior": "高中", "preschool": "学前"}


def _stage_students(data: CountyData) -> dict[str, int]:
    """Pupils by stage as every face counts them (the jobs layer's headline figures)."""
    from junheng.jobs.figures import headline_figures

    return {s: n for s, n in headline_figures(data).students.items() if n}


def county_kpis(data: CountyData) -> CountyKpis:
    types = data.schools["school_type"]
    students = data.classes["students"]
    full_time = data.teachers["full_time"].fillna(False).astype(bool)
    return CountyKpis(
        schools=int((~types.isin(["teaching_point", "kindergarten"])).sum()),
        teaching_points=len(teaching_points(data)),
        kindergartens=int((types == "kindergarten").sum()),
        students=int(students.sum()),
        classes=len(data.classes),
        teachers=int(full_time.sum()),
        villages=len(data.villages),
        **_scopes(data),
    )


def _scopes(data: CountyData) -> dict:
    by_stage = _stage_students(data)
    present = [name for key, name in STAGE_NAMES.items() if by_stage.get(key)]
    return {"compulsory_students": by_stage.get("primary", 0) + by_stage.get("junior", 0),
            "scope": "、".join(present) or "无学生",
            "class_scope": "义务教育",  # the evaluation's 大班额 lists are compulsory classes
            "nursery": nursery_pupils(data)}


def nursery_pupils(data: CountyData) -> int:
    """Pupils of 学前 classes at schools that are not 幼儿园 (附设幼儿班)."""
    kinds = data.schools.drop_duplicates("school_id").set_index("school_id")["school_type"]
    c = data.classes
    nursery = (c["grade"].map(codes.GRADE_STAGE).eq("preschool")
               & c["school_id"].map(kinds).ne("kindergarten"))
    return int(c.loc[nursery, "students"].sum())


def class_size_by_school(data: CountyData, oversized: pd.DataFrame) -> pd.DataFrame:
    """Schools with 大班额 or 超大班额 classes (``oversized`` is the evaluation engine's list):
    classes, mean and largest class, and how many of each category, worst first."""
    grouped = data.classes.groupby("school_id")["students"]
    sizes = pd.DataFrame({"classes": grouped.size(), "mean_size": grouped.mean(),
                          "max_size": grouped.max()})
    counts = (oversized.groupby(["school_id", "category"]).size().unstack(fill_value=0)
              .reindex(columns=["大班额", "超大班额"], fill_value=0)
              .rename(columns={"大班额": "oversized", "超大班额": "extra_oversized"}))
    out = counts.join(sizes).join(data.schools.set_index("school_id")[["name", "school_type"]])
    out = out.reset_index()
    out["type_label"] = out["school_type"].map(SCHOOL_TYPE_LABELS)
    return out.sort_values(["extra_oversized", "oversized", "max_size"], ascending=False)


def teacher_summary(data: CountyData, school_id: str) -> dict[str, object]:
    """Counts of one school's teachers by stage, degree, title and backbone."""
    return _teacher_summary_of(data.teachers[data.teachers["school_id"] == school_id])


def _labelled_counts(values: pd.Series, labels: dict[str, str]) -> list[tuple[str, int]]:
    counts = values.value_counts()
    return [(labels[code], int(counts[code])) for code in labels if code in counts.index]


def school_classes(data: CountyData, school_id: str) -> pd.DataFrame:
    """One school's classes in grade order with Chinese grade labels."""
    order = {code: i for i, code in enumerate(codes.GRADES.values())}
    classes = data.classes[data.classes["school_id"] == school_id].copy()
    classes["grade_label"] = classes["grade"].map(GRADE_LABELS)
    classes["_order"] = classes["grade"].map(order)
    classes["_no"] = class_number(classes["class_no"])
    return classes.sort_values(["_order", "_no", "class_no"]).drop(columns=["_order", "_no"])


def class_number(class_no: pd.Series) -> pd.Series:
    """A class number as a number for sorting, so 七年级 2 班 comes before 10 班 (review rvweb2
    finding 7: 「1, 10, 11, 12, 13, 2, 3」); a class_no that is not a number sorts last.

    >>> class_number(pd.Series(["10", "2", "3班", "甲"])).tolist()
    [10.0, 2.0, 3.0, inf]
    """
    digits = class_no.astype(str).str.extract(r"^\s*(\d+)", expand=False)
    return pd.to_numeric(digits, errors="coerce").fillna(float("inf"))


def map_points(data: CountyData) -> dict[str, list[dict[str, object]]]:
    """Schools and villages as plain points for the Leaflet map."""
    table = school_table(data)
    schools = [{"id": r.school_id, "name": r.name, "type": r.type_label, "students": r.students,
                "lat": float(r.lat), "lon": float(r.lon),
                "kind": "teaching_point" if r.school_type == "teaching_point" else "school"}
               for r in table.itertuples() if pd.notna(r.lat) and pd.notna(r.lon)]
    villages = data.villages
    ages = villages[[f"age_{a}" for a in range(6, 15)]].fillna(0).sum(axis=1)
    village_points = [{"id": code, "name": name, "lat": float(lat), "lon": float(lon),
                       "children": int(n)}
                      for code, name, lat, lon, n in zip(villages["village_code"],
                                                         villages["name"], villages["lat"],
                                                         villages["lon"], ages, strict=True)
                      if pd.notna(lat) and pd.notna(lon)]
    return {"schools": schools, "villages": village_points}


def school_views(data: CountyData, oversized: pd.DataFrame | None) -> dict[str, dict]:
    """Per school, what its page lists: classes in grade order (with 大班额 category from the
    engine's ``oversized`` list) and the teacher summary. Computed once for the county."""
    order = {code: i for i, code in enumerate(codes.GRADES.values())}
    classes = data.classes.assign(grade_label=data.classes["grade"].map(GRADE_LABELS),
                                  _order=data.classes["grade"].map(order))
    if oversized is not None and not oversized.empty:
        categories = oversized[["school_id", "grade", "class_no", "category"]]
        classes = classes.merge(categories, on=["school_id", "grade", "class_no"], how="left")
    else:
        classes = classes.assign(category=None)
    classes["category"] = classes["category"].astype(object).where(classes["category"].notna(),
                                                                   None)
    classes = classes.assign(_no=class_number(classes["class_no"])).sort_values(
        ["school_id", "_order", "_no", "class_no"]).drop(columns=["_order", "_no"])
    by_school = {sid: part.to_dict("records") for sid, part in classes.groupby("school_id")}
    teachers = _teacher_summaries(data.teachers)
    empty = _teacher_summary_of(data.teachers.iloc[0:0])
    return {sid: {"classes": by_school.get(sid, []), "teachers": teachers.get(sid, empty)}
            for sid in data.schools["school_id"]}


def _teacher_summaries(teachers: pd.DataFrame) -> dict[str, dict[str, object]]:
    return {sid: _teacher_summary_of(part) for sid, part in teachers.groupby("school_id")}


def rotated_in(teachers: pd.DataFrame) -> pd.Series:
    """The teachers a school reports as 本学年交流轮岗 into it (full-time, 本学年交流轮岗 是):
    the school page's 本学年交流轮岗入校 and the teacher page's reported figure."""
    full_time = teachers["full_time"].fillna(False).astype(bool)
    return full_time & teachers["rotated_in"].fillna(False).astype(bool)


def _teacher_summary_of(teachers: pd.DataFrame) -> dict[str, object]:
    full_time = teachers[teachers["full_time"].fillna(False).astype(bool)]
    return {
        "staff": len(teachers),
        "full_time": len(full_time),
        "backbone": int(full_time["backbone"].isin(["county", "city", "province",
                                                    "national"]).sum()),
        "pe_art": int(full_time["subject"].isin(["pe", "music", "art"]).sum()),
        "certified": int(full_time["certified"].fillna(False).astype(bool).sum()),
        "rotated_in": int(rotated_in(teachers).sum()),
        "by_stage": _labelled_counts(full_time["stage"], STAGE_LABELS),
        "by_degree": _labelled_counts(full_time["degree"], DEGREE_LABELS),
        "by_title": _labelled_counts(full_time["title"], TITLE_LABELS),
    }
