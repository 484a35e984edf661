"""Teachers' v2 columns and each school's 编制岗位, from the v1 staff of a school year.

A teacher's 岗位类别, 编制 and kindergarten post come from draws keyed by the teacher's id
(:mod:`junheng.demo.draws`), so they stay put from year to year. 骨干认定年份: teachers on the
staff in the first year were designated in or before it (most in the eight years before); a
teacher hired later with a 骨干 level was designated the year of hiring. Levels themselves are
v1's and do not change from year to year, so later years' new designations are the new hires'.

Quotas follow the national staff ratios (primary 1:19, junior 1:13.5, senior 1:12.5; public
kindergartens 1:9 staff to children) with the rural small-school floor of a few staff per class,
a teaching point's pupils counted at its central school, and a noise of -10%…+6% per school,
so some schools are short of 编制 and a few have spare.

教师资格证学段 (:func:`cert_stages`, an assumption of the demo, not a statistic: no yearbook
counts certificates by stage): a primary teacher may hold an 初中 certificate only with a 专科
degree or more (《教师法》第十一条); of certified primary teachers with a 本科 or 研究生 degree
35% hold an 初中 and 5% a 高中 certificate, of those with a 专科 degree 20% an 初中 one, the
rest a 小学 one (brief hcert: many rural primary teachers hold 初中 certificates; the shares
are round guesses within that, lower for 专科); junior teachers 90% 初中, 10% 高中; 4% of
certified compulsory teachers leave the stage blank (unknown).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from junheng.demo.draws import id_numbers, keyed_uniforms
from junheng.demo.teachers import stage_pupils

QUOTA_RATIO = np.array([9.0, 19.0, 13.5, 12.5])  # children or pupils per staff, by stage
CLASS_FLOOR = {"village_primary": 1.7, "central_primary": 1.5, "town_primary2": 1.5,
               "town_nine": 1.8, "town_junior": 2.6}
OUTSIDE_QUOTA_SHARE = {"seat": 0.03, "town": 0.05, "village": 0.10}
PUBLIC_KINDERGARTEN_OUTSIDE = 0.45
RECENT_SHARE, RECENT_YEARS = 0.8, 8  # most 骨干 were designated in the last eight years
DESIGNATION_MEAN_GAP = 3.0  # further back than that: years beyond the eight, on average


def _backbone_years(teachers: pd.DataFrame, u: np.ndarray, first_year: int) -> np.ndarray:
    """Designation years: spread evenly over the last eight years for 80% of the first year's
    骨干, further back (exponentially) for the rest; a later hire's is the year of hiring."""
    recent = np.floor(u / RECENT_SHARE * (RECENT_YEARS + 1))
    older = RECENT_YEARS + 1 + np.floor(-np.log(np.maximum((1 - u) / (1 - RECENT_SHARE), 1e-12))
                                        * DESIGNATION_MEAN_GAP)
    gap = np.where(u < RECENT_SHARE, recent, older)
    start = teachers["work_start_year"].to_numpy(float)
    early = np.clip(first_year - gap, np.maximum(start, first_year - 15), first_year)
    year = np.where(start > first_year, start, early)
    return np.where(teachers["backbone"].to_numpy() != "none", year, np.nan)


def _post_categories(full_time: np.ndarray, u: np.ndarray) -> np.ndarray:
    staff = np.select([u < 0.6, u < 0.85], ["support", "management"], "professional")
    teacher = np.where(u < 0.03, "management", "professional")
    return np.where(full_time, teacher, staff).astype(object)


def _quota_statuses(teachers: pd.DataFrame, schools: pd.DataFrame, u: np.ndarray) -> np.ndarray:
    school = schools.set_index("school_id").loc[teachers["school_id"]]
    share = school["locale"].map(OUTSIDE_QUOTA_SHARE).fillna(0.03).to_numpy(float)
    share = np.where(school["school_type"].to_numpy() == "kindergarten",
                     PUBLIC_KINDERGARTEN_OUTSIDE, share)
    outside = (school["ownership"].to_numpy() == "private") | (u < share)
    return np.where(outside, "outside_quota", "in_quota").astype(object)


def _kindergarten_posts(teachers: pd.DataFrame, u: np.ndarray, at_kindergarten: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray]:
    """幼儿园岗位 and 岗位资格证书 of 学前 staff: one director per kindergarten, teachers,
    caregivers (a 附设幼儿班's teacher is a teacher)."""
    preschool = (teachers["stage"] == "preschool").to_numpy()
    full = teachers["full_time"].to_numpy(bool)
    post = np.where(full, "teacher", np.select([u[:, 0] < 0.7, u[:, 0] < 0.85],
                                               ["caregiver", "health_worker"], "other"))
    heads = preschool & full & at_kindergarten
    leads = teachers[heads].groupby("school_id")["teacher_id"].transform("min")
    director = np.zeros(len(teachers), dtype=bool)
    director[np.flatnonzero(heads)] = (teachers.loc[heads, "teacher_id"] == leads).to_numpy()
    post = np.where(director, "director", post)
    miss = {"director": 0.05, "teacher": 0.06, "caregiver": 0.2, "health_worker": 0.1}
    certified = u[:, 1] >= pd.Series(post).map(miss).fillna(1.0).to_numpy()
    certified &= np.where(post == "teacher", teachers["certified"].to_numpy(bool), True)
    certified = np.where(post == "other", None, certified)
    return (np.where(preschool, post, None).astype(object),
            np.where(preschool, certified, None).astype(object))


#: of certified primary teachers by degree: the share holding an 初中 and a 高中 certificate
PRIMARY_CERTIFICATES = {"postgraduate": (0.35, 0.05), "bachelor": (0.35, 0.05),
                        "associate": (0.20, 0.0)}
JUNIOR_SENIOR_SHARE, BLANK_STAGE_SHARE = 0.10, 0.04


def cert_stages(teachers: pd.DataFrame, u: np.ndarray) -> np.ndarray:
    """教师资格证学段 (module docstring) from two uniforms per teacher; None when uncertified,
    blank or of a stage without one."""
    stage = teachers["stage"].to_numpy()
    shares = teachers["degree"].map(PRIMARY_CERTIFICATES)
    junior = np.array([s[0] if isinstance(s, tuple) else 0.0 for s in shares])
    senior = np.array([s[1] if isinstance(s, tuple) else 0.0 for s in shares])
    primary = np.select([u[:, 0] < senior, u[:, 0] < senior + junior], ["senior", "junior"],
                        "primary")
    out = np.select([stage == "primary", stage == "junior", stage == "senior",
                     stage == "preschool"],
                    [primary, np.where(u[:, 0] < JUNIOR_SENIOR_SHARE, "senior", "junior"),
                     "senior", "kindergarten"], "")
    blank = np.isin(stage, ["primary", "junior"]) & (u[:, 1] < BLANK_STAGE_SHARE)
    keep = teachers["certified"].fillna(False).to_numpy(bool) & ~blank & (out != "")
    return np.where(keep, out, None).astype(object)


def teacher_v2_columns(teachers: pd.DataFrame, schools: pd.DataFrame, first_year: int,
                       stream: Callable[[int], np.random.Generator],
                       cert_stream: Callable[[int], np.random.Generator] | None = None
                       ) -> pd.DataFrame:
    """``teachers`` (v1 columns, 学校 ids) with the v2 columns filled (教师资格证学段 from its
    own ``cert_stream``, left blank without one, so the other draws stay as they were)."""
    numbers = id_numbers(teachers["teacher_id"].to_numpy())
    u = keyed_uniforms(stream, numbers, 6)
    types = teachers["school_id"].map(schools.set_index("school_id")["school_type"])
    posts, certified = _kindergarten_posts(teachers, u[:, 4:6],
                                           (types == "kindergarten").to_numpy())
    return teachers.assign(
        backbone_year=_backbone_years(teachers, u[:, 0], first_year),
        post_category=_post_categories(teachers["full_time"].to_numpy(bool), u[:, 1]),
        quota_status=_quota_statuses(teachers, schools, u[:, 2]),
        kindergarten_post=posts, post_certified=certified,
        cert_stage=None if cert_stream is None else
        cert_stages(teachers, keyed_uniforms(cert_stream, numbers, 2)))


def staffing_rows(schools: pd.DataFrame, pupils: np.ndarray, sections: np.ndarray,
                  present: np.ndarray, noise: np.ndarray) -> pd.DataFrame:
    """编制岗位 of the public schools listed this year (teaching points count with their centre)."""
    by_stage = stage_pupils(pupils).astype(float)
    classes = sections.sum(axis=1).astype(float)
    role = schools["role"].to_numpy()
    index_of = {sid: i for i, sid in enumerate(schools["school_id"])}
    for s in np.flatnonzero(role == "teaching_point"):
        central = index_of[schools.at[s, "central_school"]]
        by_stage[central] += by_stage[s]
        classes[central] += classes[s]
    ratio_need = (by_stage / QUOTA_RATIO[None, :]).sum(axis=1)
    floor = classes * schools["role"].map(CLASS_FLOOR).fillna(0.0).to_numpy(float)
    quota = np.ceil(np.maximum(ratio_need, floor) * noise).astype(np.int64)
    keep = present & (schools["ownership"].to_numpy() == "public") & (role != "teaching_point") \
        & (quota > 0)
    quota = quota[keep]
    management = np.maximum(1, np.rint(quota * 0.05)).astype(np.int64)
    support = np.rint(quota * 0.04).astype(np.int64)
    return pd.DataFrame({"school_id": schools["school_id"].to_numpy()[keep], "staff_quota": quota,
                         "professional_posts": quota - management - support,
                         "management_posts": management, "support_posts": support})
