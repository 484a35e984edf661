"""县管校聘 keeps a rural school's 骨干 and 体育艺术 teachers (brief hswap rule 2; review rv5
finding 8: 61 初中 teachers went from township schools to the county town).

A school outside the 城区 (城乡分类 镇区 or 乡村, :func:`~junheng.model.areas.area_of`; a school
without a code counts as 镇区) never sends by 县管校聘调剂 a 县级以上骨干 or a 体育艺术专任教师
(体育、音乐、美术) that would leave it below its own need of them by the 优质均衡 standard,
``⌈t · P / 100⌉`` for its pupils ``P`` of the stage (quality-2017: 骨干 t = 1, 体育艺术
t = 0.9: :func:`backbone_need`, :func:`pe_art_need`). In the ledger (:func:`keep_caps`) such a
school gives at most its teachers who are neither plus, of each kind, those beyond its need;
the teachers chosen (``staffing_ledger._chosen``) keep within that; :func:`check_kept` checks
the moves made and :func:`rural_out` counts the 骨干 and 体育艺术 who left (表2's sentence).

Hand-worked: a 镇区 school of 200 pupils needs ⌈2.0⌉ = 2 骨干 and ⌈1.8⌉ = 2 体育艺术. With 3
骨干 (one also 体育), 2 other 体育 and 4 others, it has 1 骨干 (3 − 2) and 1 体育艺术 (3 − 2) to
spare: it may give 4 others + 1 骨干 + 1 体育 = 6, and the 骨干体育 teacher not at all:

>>> t = pd.DataFrame({"school_id": "R", "stage": "junior",
...                   "backbone": ["county", "county", "county"] + ["none"] * 6,
...                   "subject": ["pe", "math", "math", "pe", "pe"] + ["math"] * 4})
>>> keep_caps(t, pd.DataFrame({"school_id": ["R"], "stage": "junior", "pupils": [200]}),
...           {"R": "town"})
{('R', 'junior'): 6}
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.errors import JunhengError
from junheng.evaluate.units import BACKBONE_COUNTY_AND_ABOVE, PE_ART_SUBJECTS


class RuralTeachersTaken(JunhengError):
    """县管校聘 took a 骨干 or 体育艺术 teacher from a rural school below its need."""


def pe_art_need(pupils: float, stage: str) -> int:
    """体育艺术专任教师 the 优质均衡 standard asks for ``pupils`` of ``stage``: ⌈t · P / 100⌉
    (quality-2017: t = 0.9 for both stages).

    >>> pe_art_need(1186, "junior"), pe_art_need(100, "primary")
    (11, 1)
    """
    from junheng.planning.compliance_redeploy import per_pupil
    from junheng.standards import load_standard

    per = per_pupil(load_standard("quality-2017"), "pe_art_teachers", stage)
    return int(np.ceil(per * float(pupils) - 1e-9))


def backbone_need(pupils: float, stage: str) -> int:
    """县级以上骨干教师 the 优质均衡 standard asks for ``pupils`` of ``stage``: ⌈t · P / 100⌉
    (quality-2017: t = 1 for both stages).

    >>> backbone_need(1186, "junior"), backbone_need(0, "primary")
    (12, 0)
    """
    from junheng.evaluate.indicators import resource_formula
    from junheng.standards import load_standard

    std = load_standard("quality-2017")
    ind = std.indicator("backbone_teachers_per_100")
    per = float(resource_formula(ind.formula, std.id).per)
    return int(np.ceil(float(ind.threshold_for(stage)) * float(pupils) / per - 1e-9))


def is_rural(area: str | None) -> bool:
    """镇区 or 乡村 (anything but 城区)."""
    return area != "urban"


def rural_areas(schools: pd.DataFrame) -> dict[str, str]:
    """Each school's 城乡 class (urban, town, rural; :func:`~junheng.model.areas.area_of`)."""
    from junheng.model.areas import area_of

    s = schools.drop_duplicates("school_id")
    codes = s["urban_rural_code"].astype(object)
    return dict(zip(s["school_id"], area_of(codes.where(codes.notna(), None)), strict=True))


def _flags(t: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """县级以上骨干 and 体育艺术 per teacher (a table without the column has none)."""
    return tuple(t[c].isin(kinds) if c in t else pd.Series(False, index=t.index)
                 for c, kinds in (("backbone", BACKBONE_COUNTY_AND_ABOVE),
                                  ("subject", PE_ART_SUBJECTS)))


def spare_of(t: pd.DataFrame, pupils: float, stage: str) -> tuple[int, int]:
    """The 骨干 and 体育艺术 teachers of ``t`` (one school and stage) beyond its need."""
    bb, pe = _flags(t)
    return (max(int(bb.sum()) - backbone_need(pupils, stage), 0),
            max(int(pe.sum()) - pe_art_need(pupils, stage), 0))


def giveable(t: pd.DataFrame, order: list, pupils: float, stage: str) -> list:
    """Of ``order`` (体育艺术 teachers of ``t``, all the teachers of one rural school and stage,
    in the order a 县管校聘 sends them: no 骨干 first), those it may give and still keep its
    own need of both kinds (:func:`spare_of`): 10 体育艺术 for a need of 6 give 4.

    570 pupils need ⌈0.9 × 5.7⌉ = ⌈5.13⌉ = 6 体育艺术 (10 here: 4 to spare) and ⌈5.7⌉ = 6 骨干
    (1 here, teacher 2: none to spare), so teachers 0, 1, 3, 4 may go:

    >>> t = pd.DataFrame({"backbone": ["none", "none", "county"] + ["none"] * 7,
    ...                   "subject": ["pe"] * 5 + ["art"] * 5})
    >>> giveable(t, list(t.index), 570, "primary")
    [0, 1, 3, 4]
    """
    spare_b, spare_p = spare_of(t, pupils, stage)
    bb = _flags(t.loc[order])[0]
    stars = [i for i in order if bb[i]][:spare_b]
    return [i for i in order if not bb[i] or i in stars][:spare_p]


def keep_caps(teachers: pd.DataFrame, pupils: pd.DataFrame,
              areas: Mapping[str, str]) -> dict[tuple[str, str], int]:
    """Per rural (school, stage) of ``pupils`` (school_id, stage, pupils) the most teachers it
    may give by 县管校聘: those of ``teachers`` (its full-time ones where they are before the
    县管校聘, with backbone and subject) who are neither 骨干 nor 体育艺术, plus 骨干-only up to
    its spare 骨干, 体育艺术-only up to its spare 体育艺术, then teachers who are both within
    what both spares have left."""
    bb, pe = _flags(teachers)
    groups = teachers.groupby(["school_id", "stage"]).groups
    caps = {}
    for row in pupils.itertuples():
        if not is_rural(areas.get(row.school_id)):
            continue
        idx = groups.get((row.school_id, row.stage), pd.Index([]))
        b, p = bb[idx], pe[idx]
        spare_b, spare_p = spare_of(teachers.loc[idx], row.pupils, row.stage)
        only_b = min(int((b & ~p).sum()), spare_b)
        only_p = min(int((p & ~b).sum()), spare_p)
        both = min(int((b & p).sum()), spare_b - only_b, spare_p - only_p)
        caps[(row.school_id, row.stage)] = int((~b & ~p).sum()) + only_b + only_p + both
    return caps


def _moved_out(teachers: pd.DataFrame, moved: pd.DataFrame, areas: Mapping[str, str]):
    """``moved`` (teacher_id, kind) joined to where each teacher was (``teachers``, indexed by
    teacher_id as text): the 县管校聘 moves (``pool``) out of rural schools."""
    pool = moved[moved["kind"].eq("pool")]
    out = teachers.reindex(pool["teacher_id"].astype(str))
    return out.loc[np.array([is_rural(areas.get(s)) for s in out["school_id"]], bool)]


def rural_out(teachers: pd.DataFrame, moved: pd.DataFrame,
              areas: Mapping[str, str]) -> dict[str, int]:
    """The teachers 县管校聘 took from rural schools, and the 骨干 and 体育艺术 among them.

    >>> t = pd.DataFrame({"school_id": ["R", "R", "U"], "stage": "junior",
    ...                   "backbone": ["county", "none", "none"], "subject": ["pe", "math", "pe"]},
    ...                  index=["T1", "T2", "T3"])
    >>> moved = pd.DataFrame({"teacher_id": ["T2", "T3"], "kind": "pool"})
    >>> rural_out(t, moved.assign(to_school_id="U"), {"R": "rural", "U": "urban"})
    {'teachers': 1, 'backbone': 0, 'pe_art': 0, 'to_town': {'junior': {'from': {'R': 1}, 'to': {'U': 1}}}}

    ``to_town``: per stage, of them those who went to a 城区 school or a new one, by the school
    they left (``from``) and the school they went to (``to``) — the 整改 text gives the reason
    with the figures (brief hrot3: 61 初中 teachers township → town in the demo).
    """
    out = _moved_out(teachers, moved, areas)
    bb, pe = _flags(out)
    found = {"teachers": len(out), "backbone": int(bb.sum()), "pe_art": int(pe.sum())}
    if "to_school_id" not in moved:
        return found
    to = moved.set_index(moved["teacher_id"].astype(str))["to_school_id"].reindex(out.index)
    town = out.assign(to=to.to_numpy()).loc[np.array(   # a new school has no area: counted
        [s not in areas or not is_rural(areas[s]) for s in to], bool)]
    found["to_town"] = {
        str(stage): {"from": {str(k): int(n) for k, n in g["school_id"].value_counts().sort_index()
                              .items()},
                     "to": {str(k): int(n) for k, n in g["to"].value_counts().sort_index().items()}}
        for stage, g in town.groupby("stage")}
    return found


def check_kept(teachers: pd.DataFrame, moved: pd.DataFrame, pupils: pd.DataFrame,
               areas: Mapping[str, str], names: Mapping[str, str]) -> None:
    """Raise :class:`RuralTeachersTaken` where the 县管校聘 moves ``moved`` take a 骨干 or
    体育艺术 teacher out of a rural school whose own such teachers, after the moves, are fewer
    than its need (``teachers``: before the 县管校聘, indexed by teacher_id as text).

    >>> t = pd.DataFrame({"school_id": "R", "stage": "junior", "backbone": ["county", "none"],
    ...                   "subject": ["math", "math"]}, index=["T1", "T2"])
    >>> pupils = pd.DataFrame({"school_id": ["R"], "stage": "junior", "pupils": [100]})
    >>> check_kept(t, pd.DataFrame({"teacher_id": ["T1"], "kind": "pool"}), pupils,
    ...            {"R": "rural"}, {"R": "乙中学"})
    Traceback (most recent call last):
    ...
    junheng.planning.staffing_keep.RuralTeachersTaken: 县管校聘从乡镇学校乙中学（初中）调出县级以上骨干教师 1 名，调出后该校只有 0 名，少于本校按优质均衡标准所需的 1 名：乡镇学校的骨干教师和体育艺术教师不低于本校所需才可调出。
    """
    from junheng.model.labels import STAGE_LABELS

    out = _moved_out(teachers, moved, areas)
    heads = pupils.set_index(["school_id", "stage"])["pupils"]
    gone_b, gone_p = _flags(out)
    stay = teachers.drop(out.index)
    stay_b, stay_p = _flags(stay)
    for (school, stage), g in out.groupby(["school_id", "stage"]):
        here = (stay["school_id"] == school) & (stay["stage"] == stage)
        p = float(heads.get((school, stage), 0))
        for gone, left, need, label in (
                (gone_b[g.index], stay_b[here], backbone_need(p, stage), "县级以上骨干教师"),
                (gone_p[g.index], stay_p[here], pe_art_need(p, stage), "体育艺术专任教师")):
            if gone.any() and int(left.sum()) < need:
                raise RuralTeachersTaken(
                    f"县管校聘从乡镇学校{names.get(school, school)}（{STAGE_LABELS.get(stage, stage)}）"
                    f"调出{label} {int(gone.sum())} 名，调出后该校只有 {int(left.sum())} 名，少于本校按"
                    f"优质均衡标准所需的 {need} 名：乡镇学校的骨干教师和体育艺术教师不低于本校所需才可调出。")


def before_pool(full: pd.DataFrame, plan, moved: pd.DataFrame) -> pd.DataFrame:
    """``full`` indexed by teacher_id (text), each at its school before the 县管校聘: after the
    closures and the moves between kept schools (``moved``'s kind ``kept``)."""
    from junheng.planning.layout_county import closure_destinations

    kept = moved[moved["kind"].eq("kept")].set_index("teacher_id")["to_school_id"]
    ids = full["teacher_id"].astype(str)
    at = closure_destinations(full, plan.schools)
    at = at.where(~ids.isin(kept.index), ids.map(kept))
    return full.assign(school_id=at).set_index(ids)


def pool_caps(full: pd.DataFrame, plan, pupils: pd.DataFrame, areas: Mapping[str, str],
              moves: pd.DataFrame) -> dict[tuple[str, str], int]:
    """:func:`keep_caps` on the teachers after the closures, less what each school sends with
    its pupils (``moves`` of kind ``kept``, as if all from those it may give)."""
    from junheng.planning.layout_county import closure_destinations

    caps = keep_caps(full.assign(school_id=closure_destinations(full, plan.schools)), pupils,
                     areas)
    kept = moves[moves["kind"].eq("kept")].groupby(["from_school_id", "stage"])["teachers"].sum()
    return {k: max(v - int(kept.get(k, 0)), 0) for k, v in caps.items()}


#: 骨干等级 in the order a 县管校聘调剂 sends them: none first, then the lowest level
BACKBONE_ORDER = {"none": 0, "county": 1, "city": 2, "province": 3, "national": 4}


def pool_order(teachers: pd.DataFrame) -> pd.Index:
    """``teachers``' index in the order a 县管校聘调剂 sends them: no 骨干 first, then by
    骨干等级 from 县级 up (a school keeps its 骨干, who count in the 优质均衡 骨干 indicator),
    each by teacher code.

    >>> t = pd.DataFrame({"teacher_id": ["T1", "T2", "T3", "T4"],
    ...                   "backbone": ["city", "none", "county", "none"]})
    >>> pool_order(t).tolist()  # T2, T4 (no 骨干), T3 (县级), T1 (市级)
    [1, 3, 2, 0]
    """
    rank = teachers["backbone"].map(BACKBONE_ORDER).fillna(0)
    key = pd.DataFrame({"rank": rank, "id": teachers["teacher_id"].astype(str)})
    return key.sort_values(["rank", "id"], kind="stable").index


def subject_group(subject) -> str:
    """The staffing rules' subject group of a teacher's ``subject``."""
    from junheng.teachers.rules import load_rules

    return load_rules().group_of(str(subject))


def subjects_over(subjects: pd.Series, pupils: float, stage: str) -> dict[str, int]:
    """Per subject group the teachers (of ``subjects``, a school's teachers of ``stage``) over
    the school's class-hour quota of its 编制 (staffing_transfer.subject_quotas of
    ⌈pupils ÷ 生师比⌉): those it can send by 县管校聘 without leaving a subject short.

    >>> subjects_over(pd.Series(["history", "history", "math", "math", "math"]), 27, "junior")
    {'math': 3, 'history': 2}
    >>> subjects_over(pd.Series(["chinese"] * 9 + ["history"] * 2), 135, "junior")  # 10: 2 语文, 1 历史
    {'chinese': 7, 'history': 1}
    """
    from junheng.planning.staffing_ledger import staff_need
    from junheng.planning.staffing_transfer import subject_quotas
    from junheng.teachers.rules import load_rules

    need = staff_need(pupils, stage, {stage: float(load_rules().student_ratio[stage])})
    quota = subject_quotas(need, stage) if need else {}
    have = subjects.map(subject_group).value_counts()
    return {str(g): int(n) - quota.get(g, 0) for g, n in have.items() if int(n) > quota.get(g, 0)}


def subject_first(order: pd.Index, subjects: pd.Series, over: Mapping[str, int]) -> pd.Index:
    """``order`` with, first, the teachers of a group the sender has ``over`` its quota (as
    many of each as over, in order), then the others in order.

    >>> subject_first(pd.Index([0, 1, 2, 3]), pd.Series(["history", "math", "math", "chinese"]),
    ...               {"math": 1, "chinese": 1}).tolist()
    [1, 3, 0, 2]
    """
    left, first, rest = dict(over), [], []
    for i in order:
        group = subject_group(subjects[i])
        if left.get(group, 0) > 0:
            first.append(i)
            left[group] -= 1
        else:
            rest.append(i)
    return pd.Index(first + rest)
