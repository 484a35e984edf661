"""Enumerations of the county workbook: Chinese labels users see, English codes the engines use.

Each mapping is ordered as the workbook lists it. ``LABEL -> code``; use
:func:`label_of` for the reverse direction.
"""

from __future__ import annotations

SCHOOL_TYPES: dict[str, str] = {
    "小学": "primary_school",
    "初级中学": "junior_school",
    "九年一贯制学校": "nine_year",
    "十二年一贯制学校": "twelve_year",
    "完全中学": "complete_secondary",
    "高级中学": "senior_school",
    "教学点": "teaching_point",
    "幼儿园": "kindergarten",
    "特殊教育学校": "special_education",
}

OWNERSHIP: dict[str, str] = {"公办": "public", "民办": "private"}

YES_NO: dict[str, bool] = {"是": True, "否": False}

URBAN_RURAL_CODES: dict[str, str] = {
    "111": "111",
    "112": "112",
    "121": "121",
    "122": "122",
    "123": "123",
    "210": "210",
    "220": "220",
}
URBAN_RURAL_LABELS: dict[str, str] = {
    "111": "主城区",
    "112": "城乡结合区",
    "121": "镇中心区",
    "122": "镇乡结合区",
    "123": "特殊区域",
    "210": "乡中心区",
    "220": "村庄",
}

CRS: dict[str, str] = {"WGS84": "WGS84", "GCJ02": "GCJ02", "BD09": "BD09"}

GRADES: dict[str, str] = {
    "托班": "k0",
    "小班": "k1",
    "中班": "k2",
    "大班": "k3",
    "混合班": "kmix",
    "一年级": "g1",
    "二年级": "g2",
    "三年级": "g3",
    "四年级": "g4",
    "五年级": "g5",
    "六年级": "g6",
    "七年级": "g7",
    "八年级": "g8",
    "九年级": "g9",
    "高一": "s1",
    "高二": "s2",
    "高三": "s3",
}

ENTRY_GRADES: dict[str, str] = {"一年级": "g1", "七年级": "g7"}

STAGES: dict[str, str] = {"学前": "preschool", "小学": "primary", "初中": "junior", "高中": "senior"}

SUBJECTS: dict[str, str] = {
    "语文": "chinese",
    "数学": "math",
    "英语": "english",
    "道德与法治": "morality_law",
    "科学": "science",
    "物理": "physics",
    "化学": "chemistry",
    "生物": "biology",
    "历史": "history",
    "地理": "geography",
    "体育": "pe",
    "音乐": "music",
    "美术": "art",
    "信息技术": "it",
    "劳动": "labour",
    "心理健康": "mental_health",
    "综合实践": "practice",
    "其他": "other",
}

DEGREES: dict[str, str] = {
    "研究生": "postgraduate",
    "本科": "bachelor",
    "专科": "associate",
    "高中及以下": "secondary_or_below",
}

TITLES: dict[str, str] = {
    "正高级": "professor",
    "高级": "senior",
    "一级": "first",
    "二级": "second",
    "三级": "third",
    "未定级": "unranked",
}

BACKBONE_LEVELS: dict[str, str] = {
    "无": "none",
    "县级": "county",
    "市级": "city",
    "省级": "province",
    "国家级": "national",
}

SEXES: dict[str, str] = {"男": "male", "女": "female"}

# --- derived facts the engines share -------------------------------------------------

GRADE_STAGE: dict[str, str] = {
    "k0": "preschool", "k1": "preschool", "k2": "preschool", "k3": "preschool",
    "kmix": "preschool",
    "g1": "primary", "g2": "primary", "g3": "primary", "g4": "primary", "g5": "primary",
    "g6": "primary",
    "g7": "junior", "g8": "junior", "g9": "junior",
    "s1": "senior", "s2": "senior", "s3": "senior",
}

PRIMARY_GRADES = ("g1", "g2", "g3", "g4", "g5", "g6")
JUNIOR_GRADES = ("g7", "g8", "g9")
SENIOR_GRADES = ("s1", "s2", "s3")
PRESCHOOL_GRADES = ("k0", "k1", "k2", "k3", "kmix")

# Grades a school type may teach. Special-education schools may teach any grade.
SCHOOL_TYPE_GRADES: dict[str, frozenset[str]] = {
    "primary_school": frozenset(PRIMARY_GRADES),
    "junior_school": frozenset(JUNIOR_GRADES),
    "nine_year": frozenset(PRIMARY_GRADES + JUNIOR_GRADES),
    "twelve_year": frozenset(PRIMARY_GRADES + JUNIOR_GRADES + SENIOR_GRADES),
    "complete_secondary": frozenset(JUNIOR_GRADES + SENIOR_GRADES),
    "senior_school": frozenset(SENIOR_GRADES),
    "teaching_point": frozenset(PRIMARY_GRADES),
    "kindergarten": frozenset(PRESCHOOL_GRADES),
    "special_education": frozenset(GRADES.values()),
}

# Stages a school type serves (used for teachers' 任教学段 and evaluation units).
SCHOOL_TYPE_STAGES: dict[str, frozenset[str]] = {
    "primary_school": frozenset({"primary"}),
    "junior_school": frozenset({"junior"}),
    "nine_year": frozenset({"primary", "junior"}),
    "twelve_year": frozenset({"primary", "junior", "senior"}),
    "complete_secondary": frozenset({"junior", "senior"}),
    "senior_school": frozenset({"senior"}),
    "teaching_point": frozenset({"primary"}),
    "kindergarten": frozenset({"preschool"}),
    "special_education": frozenset({"preschool", "primary", "junior", "senior"}),
}


def one_compulsory_stage(*kinds: str) -> str:
    """The one compulsory stage of the first school type of ``kinds`` that teaches only one
    (小学 or 初中), "" when none does.

    >>> one_compulsory_stage("teaching_point"), one_compulsory_stage("nine_year", "junior_school")
    ('primary', 'junior')
    >>> one_compulsory_stage("nine_year", "nine_year"), one_compulsory_stage("")
    ('', '')
    """
    for kind in kinds:
        stages = SCHOOL_TYPE_STAGES.get(kind, frozenset()) & {"primary", "junior"}
        if len(stages) == 1:
            return next(iter(stages))
    return ""


COMPULSORY_SCHOOL_TYPES = frozenset(
    {"primary_school", "junior_school", "nine_year", "twelve_year", "complete_secondary",
     "teaching_point"}
)

CHILD_AGES = tuple(range(15))


def label_of(mapping: dict[str, object], code: object) -> str:
    """Return the Chinese label for an English code of ``mapping``."""
    for label, value in mapping.items():
        if value == code:
            return label
    raise KeyError(code)
