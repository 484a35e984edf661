"""Who the 达标路径 may 培养认定 as a new 县级骨干教师 (its ``backbone_training``), a documented
parameter (``backbone_criteria`` in ``standards/costs.yaml``; a county's 单价 file may change it).

A teacher qualifies by data when he or she is a 专任教师 of the school and stage, not yet a
骨干教师 of any level, holds a 职称 among ``titles`` (default 正高级、高级、一级: 中级及以上) and has
taught ``min_years`` years or more (教龄 = the plan's data year − 参加工作年份; default 5). The
workbook does not hold the other usual conditions (年度考核, 县级以上优质课、教学能手), so they
are ``unchecked``: the school checks them when it recommends; ``procedure`` is how the county
认定s. The plan trains at a school no more teachers than qualify there by data, and its checker
counts them again from the teacher table.

Hand-worked, data year 2025 (default criteria): a 一级 teacher who began work in 2020 has
教龄 5 and qualifies, one who began in 2021 (4) does not, a 二级 teacher of 20 years does not,
nor a 县级骨干 already 认定, nor a 一级 teacher who is not 专任:

>>> t = pd.DataFrame({"title": ["first", "first", "second", "senior", "first"],
...                   "work_start_year": [2020, 2021, 2005, 2000, 2000],
...                   "backbone": ["none", "none", "none", "county", "none"],
...                   "full_time": [True, True, True, True, False]})
>>> BackboneCriteria(as_of=2025).eligible(t).tolist()
[True, False, False, False, False]
>>> BackboneCriteria(as_of=2025).text()
'一级及以上职称（中级及以上）、截至 2025 学年教龄满 5 年、尚未认定为骨干教师的专任教师'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from junheng.errors import ConfigError
from junheng.model import CountyData, codes

#: 职称 from the highest down (the schema's codes).
TITLE_ORDER = ("professor", "senior", "first", "second", "third", "unranked")
TITLE_LABELS = {code: label for label, code in codes.TITLES.items()}
#: 中小学教师职称 levels as 职称系列 names them (一级 is 中级).
TITLE_LEVELS = {"professor": "正高级", "senior": "副高级", "first": "中级", "second": "初级",
                "third": "初级"}
DEFAULT_TITLES = ("professor", "senior", "first")
DEFAULT_PROCEDURE = "学校推荐、县教育局组织评审认定（材料审核、听课评课）、认定结果公示 5 个工作日后发文"
DEFAULT_UNCHECKED = "近三年年度考核均为合格及以上，并获县级及以上优质课、教学能手等荣誉之一"
DEFAULT_SOURCE = ("假设值：参照各地县级骨干教师认定办法的常见条件（中级及以上职称、教龄 5 年以上、年度考核合格、"
                  "县级以上优质课或教学能手）；请以本县骨干教师评选认定办法替换")


@dataclass(frozen=True)
class BackboneCriteria:
    """Who may be 认定 as a new 县级骨干教师 (module docstring); ``as_of``: the school year the
    教龄 is counted at (the plan's data year), None until a plan sets it."""

    titles: tuple[str, ...] = DEFAULT_TITLES
    min_years: int = 5
    procedure: str = DEFAULT_PROCEDURE
    unchecked: str = DEFAULT_UNCHECKED
    source: str = DEFAULT_SOURCE
    as_of: int | None = None

    def eligible(self, teachers: pd.DataFrame) -> pd.Series:
        """Per teacher (same index): qualifies by data (a missing 参加工作年份 does not)."""
        if self.as_of is None:
            raise ValueError("BackboneCriteria.as_of is not set")
        years = self.as_of - pd.to_numeric(teachers["work_start_year"], errors="coerce")
        return (teachers["full_time"].fillna(False).astype(bool)
                & teachers["backbone"].fillna("none").eq("none")
                & teachers["title"].isin(self.titles)
                & years.ge(self.min_years).fillna(False).astype(bool))

    def title_text(self) -> str:
        """The 职称 condition in words: ``一级及以上职称（中级及以上）`` or the titles listed.

        >>> BackboneCriteria(titles=("senior", "first")).title_text()
        '高级、一级职称'
        """
        ordered = [t for t in TITLE_ORDER if t in self.titles]
        if ordered and tuple(ordered) == TITLE_ORDER[:len(ordered)]:
            low = ordered[-1]
            level = f"（{TITLE_LEVELS[low]}及以上）" if low in TITLE_LEVELS else ""
            return f"{TITLE_LABELS[low]}及以上职称{level}"
        return "、".join(TITLE_LABELS[t] for t in ordered) + "职称"

    def text(self) -> str:
        """The conditions the data checks, in one phrase (module docstring)."""
        when = f"截至 {self.as_of} 学年" if self.as_of is not None else ""
        return f"{self.title_text()}、{when}教龄满 {self.min_years} 年、尚未认定为骨干教师的专任教师"


def titles_from_labels(labels: list[str], where: str) -> tuple[str, ...]:
    """The schema codes of 职称 ``labels`` (``一级``), or a ConfigError naming the bad one.

    >>> titles_from_labels(["高级", "一级"], "costs.yaml")
    ('senior', 'first')
    """
    bad = [x for x in labels if x not in codes.TITLES]
    if bad or not labels:
        raise ConfigError(f"单价文件 {where} 的“backbone_criteria.titles”（可认定骨干教师的职称）值 "
                          f"{bad or labels!r} 无效：应为 {'、'.join(codes.TITLES)} 中的一个或多个。")
    return tuple(codes.TITLES[x] for x in labels)


def eligible_counts(data: CountyData, criteria: BackboneCriteria) -> pd.Series:
    """Teachers of ``data`` who qualify, per (school_id, stage), a 教学点's counted at its
    central school (the evaluation unit's school).

    >>> from junheng.io import example_county
    >>> county = example_county()
    >>> counts = eligible_counts(county, BackboneCriteria(as_of=county.school_year))
    >>> int(counts.sum()) <= int(county.teachers["full_time"].sum())
    True
    """
    s = data.schools.drop_duplicates("school_id").set_index("school_id")
    point = s["school_type"].eq("teaching_point") & s["central_school"].notna()
    unit_of = s.index.to_series().mask(point, s["central_school"])
    t = data.teachers[criteria.eligible(data.teachers)]
    keys = pd.DataFrame({"school_id": t["school_id"].map(unit_of).fillna(t["school_id"]),
                         "stage": t["stage"]})
    return keys.value_counts().rename("eligible")
