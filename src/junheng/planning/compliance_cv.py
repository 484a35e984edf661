"""Why a CV is still over its limit after the compliance plan (issue 16 item 4): the schools
that make it so (:mod:`~junheng.planning.cv_causes`), one sentence per CV for the plan's
需论证 notes and one reason for its 未解决事项 row.

The 民办 schools count as reported (their 举办者 funds them). Where the 举办者's needs
(:func:`~.compliance_outside.private_needs`, done on the county after the plan and
re-evaluated) would bring the CV within its limit, the 民办 school's shortfall is what keeps
it over, and both say so; otherwise the CV is explained by the schools that contribute most to
it, with the remedy where the largest is a 建设项目's new school whose buildings far exceed its
pupils (就近划片 more pupils into it, or open its buildings in phases).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.evaluate import Evaluation, evaluate
from junheng.model import CountyData
from junheng.model.labels import STAGE_LABELS
from junheng.model.numbers import cv3
from junheng.planning.compliance_county import apply_actions
from junheng.planning.compliance_data import ComplianceProblem, shared_built
from junheng.planning.compliance_outside import BEYOND_CAP
from junheng.planning.cv_causes import SCENARIOS, CvCauses, cause_text, cv_causes

#: The 未解决事项 reason of a CV the 民办 schools' shortfall keeps over its limit.
CV_PRIVATE = "民办学校的校舍、设备和教师按现状计入，仅靠公办学校整改无法降到限值"
#: The 未解决事项 reason of a CV a few schools keep over its limit.
CV_SCHOOLS = "差异系数由个别学校拉高"
PROJECT_TAG = "在建、规划项目新建学校"
PHASE_IN = ("该校是在建、规划项目新建的学校，校舍规模由项目确定，目标学年学生远少于其校舍所能容纳：须就近划片把周边更多"
            "学生划入该校，或分期启用其校舍")


def cv_notes(problem: ComplianceProblem, after: CountyData, result: Evaluation,
             needs: pd.DataFrame) -> tuple[tuple[str, ...], dict[str, str]]:
    """The 需论证 sentences and the 未解决事项 reasons (key ``stage:indicator``) of every
    single CV of ``result`` (the county ``after`` the plan) still over its limit."""
    failing = [(stage, cv) for stage, r in result.stages.items() for cv in r.indicators.values()
               if cv.met is False and not np.isnan(cv.cv)]
    if not failing:
        return (), {}
    mended = _mended(problem, after, needs)
    tags = project_tags(problem)
    notes, reasons = [], {}
    for stage, cv in failing:
        causes = cv_causes(result, stage, cv.indicator)
        new = None if mended is None else float(mended[stage].indicators[cv.indicator].cv)
        head = f"达标路径实施后{STAGE_LABELS[stage]}{cv.name}差异系数仍为 {cv3(cv.cv)}（限值 {cv.limit:.2f}）："
        said = cause_text(causes, tags, "目标学年", scenario=SCENARIOS["steps"])
        if new is not None and new <= cv.limit:
            notes.append(head + _private_text(problem, needs, new))
            reasons[f"{stage}:{cv.indicator}"] = f"{CV_PRIVATE}；{said}" if said else CV_PRIVATE
            continue
        remedy = _remedy(causes, tags)
        tail = "" if new is None else _mended_text(problem, needs, new, causes)
        notes.append(head + said + tail + (f"。{remedy}" if remedy else "") + "。")
        reasons[f"{stage}:{cv.indicator}"] = (f"{CV_SCHOOLS}：{said}" + (f"；{remedy}" if remedy
                                                                       else ""))
    return tuple(notes), reasons


def project_tags(problem: ComplianceProblem) -> dict[str, str]:
    """The schools an unfinished 新建 project builds, tagged for the cause sentences."""
    from junheng.planning.projects import new_build_ids

    return dict.fromkeys(new_build_ids(problem.start), PROJECT_TAG)


def _remedy(causes: CvCauses, tags: dict[str, str]) -> str:
    if not causes.schools:
        return ""
    top = causes.schools[0]
    return PHASE_IN if tags.get(top.school_id) == PROJECT_TAG and top.value > causes.mean else ""


def _mended(problem: ComplianceProblem, after: CountyData, needs: pd.DataFrame):
    """The stages of the county ``after`` the plan once the 举办者 met ``needs`` (None
    without needs)."""
    if needs is not None:  # the project fee and the unpriced rest add nothing to the county
        needs = needs[~needs["item"].isin(["sports", BEYOND_CAP])]
    if needs is None or needs.empty:
        return None
    share = needs["school_id"].map(problem.schools.set_index("school_id")["share_compulsory"])
    done = needs.assign(teacher_type=np.nan, to_school_id=np.nan,
                        built=shared_built(needs["item"], needs["quantity"], share))
    return evaluate(apply_actions(after, done, problem.backbone_criteria), problem.standard).stages


def _private_names(problem: ComplianceProblem, needs: pd.DataFrame) -> str:
    names = problem.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    return "、".join(str(names[s]) for s in sorted(set(needs["school_id"])))


def _mended_text(problem: ComplianceProblem, needs: pd.DataFrame, new: float,
                 causes: CvCauses) -> str:
    """What the 举办者's needs would leave the CV at, when they do not bring it within."""
    if any(s.private for s in causes.schools):
        return (f"；即使举办者按“民办学校举办者整改需求”补足，也仍为 {cv3(new)}，超过限值，"
                "还需公办学校之间的调整（如布局分流）")
    return (f"；民办学校（{_private_names(problem, needs)}）按“民办学校举办者整改需求”补足后也仍为 "
            f"{cv3(new)}，不是主要原因")


def _private_text(problem: ComplianceProblem, needs: pd.DataFrame, new: float) -> str:
    return (f"民办学校（{_private_names(problem, needs)}）的办学条件由举办者负责，本方案未在该校投入，按其现状"
            f"计算，是该校条件不足使差异系数仍超限；举办者按“民办学校举办者整改需求”补足后为 {cv3(new)}，"
            "可以达标。")
