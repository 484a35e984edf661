"""Enumerations workbook format v2 adds: Chinese labels users see, English codes engines use.

Ordered as the template's drop-downs list them, ``LABEL -> code`` like :mod:`codes`
(:func:`junheng.model.codes.label_of` gives the reverse). The tables of 县级指标 names,
县级年度数据 figures and 县级认定 items live in :mod:`junheng.model.county_items`.
"""

from __future__ import annotations

PROJECT_TYPES: dict[str, str] = {
    "新建": "new_build",
    "改扩建": "expansion",
    "迁建": "relocation",
    "新增宿舍": "dormitory",
    "运动场": "sports_ground",
    "其他": "other",
}

PROJECT_STATUSES: dict[str, str] = {"规划": "planned", "在建": "under_construction",
                                    "竣工": "completed"}

GROUP_TYPES: dict[str, str] = {
    "教育集团": "education_group",
    "学校联盟": "alliance",
    "教育共同体": "community",
    "学区": "school_district",
}

GROUP_ROLES: dict[str, str] = {"牵头校": "lead_school", "成员校": "member_school"}

ROTATION_MODES: dict[str, str] = {
    "交流": "exchange",
    "支教": "support_teaching",
    "走教": "itinerant",
    "跟岗": "shadowing",
}
"""交流 and 支教 move the teacher to the other school for the period; 走教 (teaching at several
schools) and 跟岗 (a placement to learn) leave the teacher on the home school's staff."""

MOVING_ROTATION_MODES = frozenset({"exchange", "support_teaching"})

TRAINING_LEVELS: dict[str, str] = {
    "国培": "national",
    "省培": "provincial",
    "市培": "city",
    "县培": "county",
    "校本": "school_based",
}

POST_CATEGORIES: dict[str, str] = {"专业技术": "professional", "管理": "management",
                                   "工勤技能": "support"}

QUOTA_STATUSES: dict[str, str] = {"在编": "in_quota", "非在编": "outside_quota"}

KINDERGARTEN_POSTS: dict[str, str] = {
    "园长": "director",
    "专任教师": "teacher",
    "保育员": "caregiver",
    "卫生保健人员": "health_worker",
    "其他": "other",
}
"""Posts of kindergarten staff; 岗位资格证书 is the certificate each post requires."""

CERTIFICATE_STAGES: dict[str, str] = {
    "幼儿园": "kindergarten",
    "小学": "primary",
    "初中": "junior",
    "高中": "senior",
    "中等职业学校": "vocational",
    "中职实习指导": "vocational_practice",
}
"""教师资格证学段: the kinds of 《教师资格条例》第四条 a 中小学 or 幼儿园 teacher holds (高等学校 left
out). 第五条: a certificate allows teaching at its own level and below; 高中 and 中等职业学校 are
interchangeable; 中职实习指导 allows only 实习指导 at vocational schools."""

JUNIOR_CERTIFICATES = frozenset({"junior", "senior", "vocational"})
"""The certificates that allow teaching in an 初中 (《教师资格条例》第五条)."""

ROOM_TYPES: dict[str, str] = {
    "音乐": "music",
    "美术": "art",
    "科学实验": "science_lab",
    "物理实验": "physics_lab",
    "化学实验": "chemistry_lab",
    "生物实验": "biology_lab",
    "计算机": "computer",
    "书法": "calligraphy",
    "舞蹈": "dance",
    "劳动": "labour",
    "心理辅导": "counselling",
    "图书阅览": "reading",
    "其他": "other",
}

PRINCIPAL_RANKS: dict[str, str] = {
    "特级": "special",
    "高级": "senior",
    "中级": "intermediate",
    "初级": "junior",
    "一级": "grade_1",
    "二级": "grade_2",
    "三级": "grade_3",
    "四级": "grade_4",
    "五级": "grade_5",
    "未评定": "unrated",
}
"""校长职级: provinces name the grades 特级/高级/中级/初级 or 一级 (highest) to 五级."""

ATTACHED_PRESCHOOL_TYPES = frozenset({"primary_school", "teaching_point"})
"""School types that may hold 附设幼儿班 (preschool classes of a 小学 or 教学点)."""

ATTACHED_PRESCHOOL_GRADES = frozenset({"k1", "k2", "k3", "kmix"})
"""The grades a 附设幼儿班 may be: 小班, 中班, 大班, 混合班 (no 托班)."""
