"""Construction from the 建设项目 sheet: schools built, enlarged or relocated, and new beds.

A relocated school keeps its 学校标识码 and an enlarged one may keep its classroom count, so
comparing the school lists of two years misses both; the projects say what was built. A
project counts in a school year when it is 竣工 with a completion date after the baseline
school year began (1 September of the baseline year) and before the school year began
(1 September of that year). Without project rows the measures fall back to the school-list
comparison of :mod:`junheng.ledger.catalogue.layout` and say so.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import Field

from junheng.ledger.catalogue.layout import (
    ConstructionParams,
    _constructed_scope,
    _expanded_ids,
    _new_ids,
)
from junheng.ledger.registry import MeasureContext, Reading, count_of, measure
from junheng.model.codes_v2 import PROJECT_TYPES

ProjectType = Literal["new_build", "expansion", "relocation", "dormitory", "sports_ground",
                      "other"]
TYPE_LABELS = {code: label for label, code in PROJECT_TYPES.items()}
FALLBACK = "建设项目表未填写，按学校表新增学校和校舍设施增加核算"


class ProjectParams(ConstructionParams):
    project_types: tuple[ProjectType, ...] = Field(
        default=("new_build", "expansion", "relocation"), min_length=1)


def completed_projects(ctx: MeasureContext, p: ProjectParams) -> pd.DataFrame:
    """Completed projects of the chosen types, in the window, at schools of the scope."""
    projects = ctx.data.projects
    start = pd.Timestamp(ctx.baseline.school_year, 9, 1)
    end = pd.Timestamp(ctx.data.school_year, 9, 1)
    done = projects[(projects["status"] == "completed")
                    & projects["project_type"].isin(p.project_types)
                    & (projects["completion_date"] >= start) & (projects["completion_date"] < end)]
    scope = set(_constructed_scope(ctx.data, p)["school_id"])
    return done[done["school_id"].isin(scope)]


@measure("projects_completed", "较基准年竣工建设项目的学校数", "count", "所", ProjectParams,
         since_baseline=True)
def projects_completed(ctx: MeasureContext, p: ProjectParams) -> Reading:
    """建设项目表中基准学年开始后至本学年开始前竣工、类型属于 project_types（默认新建、改扩建、迁建）的
    学校所数（学校范围同 schools_built_or_expanded；明细为“项目类型:学校标识码”）；未填写建设项目表时
    按学校表新增学校和校舍设施增加核算。"""
    if ctx.data.projects.empty:
        ids = [f"新建:{i}" for i in _new_ids(ctx, p)] \
            + [f"改扩建:{i}" for i in _expanded_ids(ctx, p)]
        reading = count_of(ids)
        return Reading(reading.numerator, None, reading.items, FALLBACK)
    done = completed_projects(ctx, p)
    first = done.sort_values("completion_date", kind="stable").drop_duplicates("school_id")
    return count_of(sorted(f"{TYPE_LABELS[t]}:{s}"
                           for t, s in zip(first["project_type"], first["school_id"], strict=True)))


class BedParams(ProjectParams):
    project_types: tuple[ProjectType, ...] = Field(
        default=("dormitory", "new_build", "relocation", "expansion"), min_length=1)


@measure("project_beds", "较基准年竣工项目新增床位数", "count", "张", BedParams,
         since_baseline=True)
def project_beds(ctx: MeasureContext, p: BedParams) -> Reading:
    """建设项目表中基准学年开始后至本学年开始前竣工项目的新增床位之和（明细为“学校标识码:项目名称:床位”）。"""
    if ctx.data.projects.empty:
        return Reading(None, note="建设项目表未填写，无法核算新增床位")
    done = completed_projects(ctx, p)
    done = done[done["added_beds"].fillna(0) > 0]
    items = tuple(f"{s}:{n}:{int(b)}" for s, n, b in
                  zip(done["school_id"], done["name"], done["added_beds"], strict=True))
    return Reading(float(done["added_beds"].sum()), None, items)
