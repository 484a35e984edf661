"""The county workbook as data: every sheet and column of the format (docs/workbook.md).

Each column has the exact Chinese header users see, an English ``key`` used in code, a kind,
a unit, whether it is required, its allowed values and range, and a Chinese note for the
template's 说明 sheet. Readers, writers, validators, the store and the template are all
driven by these definitions, so the format lives in exactly one place.

Format v2 is a strict superset of v1: it appends optional columns to 教师, 校舍设施 and 县级指标
(marked ``since="v2"``) and adds optional sheets (:mod:`junheng.model.schema_v2`), so every v1
workbook is a valid v2 workbook.
"""

from __future__ import annotations

from junheng.model import codes, codes_v2
from junheng.model.columns import INTEGER_RANGE as INTEGER_RANGE  # re-exported: the public home
from junheng.model.columns import Column as Column
from junheng.model.columns import Kind as Kind
from junheng.model.columns import (
    Sheet,
    bool_column,
    code_column,
    enum_column,
    int_column,
    num_column,
    text_column,
)
from junheng.model.county_items import INDICATORS
from junheng.model.schema_v2 import (
    COUNTY_ATTESTATIONS,
    COUNTY_FIGURES,
    PRINCIPALS,
    PROJECTS,
    ROTATIONS,
    SCHOOL_GROUPS,
    SPECIAL_ROOMS,
    STAFFING,
    TOWNS,
    TRAINING,
)

_code, _text, _int, _num = code_column, text_column, int_column, num_column
_enum, _bool = enum_column, bool_column

_LON = _num("lon", "经度", minimum=73.0, maximum=135.5, note="十进制度，须在中国境内（东经 73–135.5 度）",
            example=112.4539)
_LAT = _num("lat", "纬度", minimum=3.5, maximum=53.6, note="十进制度，须在中国境内（北纬 3.5–53.6 度）",
            example=34.6197)
_CRS = _enum("crs", "坐标系", codes.CRS, note="WGS84、GCJ02（高德/腾讯）或 BD09（百度）；导入时统一换算为 WGS84",
             example="WGS84")
_SCHOOL_REF = _code("school_id", "学校标识码", None, note="须在“学校”表中存在", example="4103060001")

COUNTY_INFO = Sheet(
    "county_info", "基本信息",
    (
        _code("county_code", "县区代码", 6, note="6 位 GB/T 2260 行政区划代码", example="410306"),
        _text("county_name", "县区名称", example="示例县"),
        _text("city_name", "所属地市", example="洛阳市"),
        _int("school_year", "学年", minimum=2000, maximum=2100,
             note="学年按起始年份记，2025 表示 2025–2026 学年", example=2025),
        _num("primary_funding_quota", "小学生均公用经费基准定额", unit="元",
             note="当地小学生均公用经费基准定额，用于不足 100 人学校按 100 人核拨的核算", example=720),
        _num("junior_funding_quota", "初中生均公用经费基准定额", unit="元", example=940),
    ),
    "县区基本信息，只填一行。",
    single_row=True,
)

SCHOOLS = Sheet(
    "schools", "学校",
    (
        _code("school_id", "学校标识码", None,
              note="唯一；学校为 10 位数字，教学点可用自有编码", example="4103060001"),
        _text("name", "学校名称", example="示例县第一小学"),
        _enum("school_type", "学校类型", codes.SCHOOL_TYPES, example="小学"),
        _enum("ownership", "办学性质", codes.OWNERSHIP, example="公办"),
        _bool("affordable", "普惠性", required=False,
              note="幼儿园必填；公办园视为普惠", example=None),
        _code("town_code", "乡镇代码", 9, note="9 位乡镇（街道）代码，前 6 位为县区代码",
              example="410306001"),
        _enum("urban_rural_code", "城乡分类代码", codes.URBAN_RURAL_CODES,
              note="统计用城乡分类代码：111 主城区、112 城乡结合区、121 镇中心区、122 镇乡结合区、123 特殊区域、"
                   "210 乡中心区、220 村庄", example="111"),
        _LON, _LAT, _CRS,
        _code("central_school", "所属学校标识码", None, required=False,
              note="教学点必填：其所属中心校的学校标识码，该校不能是教学点", example=None),
        _bool("boarding", "寄宿制", example="否"),
        _int("boarding_beds", "宿舍床位数", unit="张", required=False,
             note="寄宿制学校必填，且不少于寄宿生数", example=0),
        _text("school_group", "教育集团", required=False, note="所属教育集团名称，可空",
              example=None),
    ),
    "每所学校、教学点、幼儿园一行。",
    key_columns=("school_id",),
)

CLASSES = Sheet(
    "classes", "班级",
    (
        _SCHOOL_REF,
        _enum("grade", "年级", codes.GRADES, note="须与学校类型相符（如小学不能有七年级）",
              example="一年级"),
        _text("class_no", "班号", note="同一学校同一年级内唯一", example="1"),
        _int("students", "学生数", unit="人", maximum=120, note="0–120 的整数", example=45),
        _int("boarders", "寄宿生数", unit="人", required=False, note="不超过学生数", example=0),
        _int("migrant_students", "随迁子女数", unit="人", required=False, note="不超过学生数",
             example=3),
        _int("disabled_students", "残疾学生数", unit="人", required=False, note="不超过学生数",
             example=0),
    ),
    "每个班级一行。",
    key_columns=("school_id", "grade", "class_no"),
)

ENROLMENT = Sheet(
    "enrolment", "招生",
    (
        _SCHOOL_REF,
        _enum("grade", "年级", codes.ENTRY_GRADES, note="一年级或七年级", example="一年级"),
        _int("entrants", "新生数", unit="人", example=90),
        _int("zone_entrants", "划片入学数", unit="人", note="按学区划片入学的新生数，不超过新生数",
             example=88),
        _int("migrant_entrants", "随迁子女新生数", unit="人", required=False, note="不超过新生数",
             example=6),
    ),
    "本学年新生，每校每个起始年级一行。",
    key_columns=("school_id", "grade"),
)

TEACHER_V2_COLUMNS = (
    _int("backbone_year", "骨干认定年份", minimum=1980, maximum=2100, required=False,
         note="骨干等级不为“无”时填写：认定为现骨干等级的年份", example=2021, since="v2"),
    _enum("post_category", "岗位类别", codes_v2.POST_CATEGORIES, required=False,
          note="事业单位岗位类别", example="专业技术", since="v2"),
    _enum("quota_status", "编制类型", codes_v2.QUOTA_STATUSES, required=False,
          note="是否占用核定编制", example="在编", since="v2"),
    _enum("kindergarten_post", "幼儿园岗位", codes_v2.KINDERGARTEN_POSTS, required=False,
          note="仅学前教职工（幼儿园及附设幼儿班）填写", example=None, since="v2"),
    _bool("post_certified", "岗位资格证书", required=False,
          note="填写幼儿园岗位者填：是否持有该岗位所需证书（园长任职资格培训合格证书、幼儿园教师资格证、"
               "保育员证、卫生保健人员培训合格证）", example=None, since="v2"),
    _enum("cert_stage", "教师资格证学段", codes_v2.CERTIFICATE_STAGES, required=False,
          note="持教师资格证者填写资格证学段（持多个的填学段最高者）；初中、高中、中等职业学校教师资格证"
               "可任教初中和小学（《教师资格条例》第五条）；留空表示未知", example="小学", since="v2"),
)
"""教师 columns format v2 appends (all optional)."""

TEACHERS = Sheet(
    "teachers", "教师",
    (
        _text("teacher_id", "教师编号", note="唯一，已脱敏", example="T0001"),
        _SCHOOL_REF,
        _enum("stage", "任教学段", codes.STAGES, note="一贯制学校填实际任教学段", example="小学"),
        _enum("subject", "任教学科", codes.SUBJECTS, example="语文"),
        _bool("full_time", "专任教师", example="是"),
        _enum("degree", "最高学历", codes.DEGREES,
              note="高于规定学历：小学专科及以上，初中本科及以上", example="本科"),
        _enum("title", "职称", codes.TITLES, example="一级"),
        _enum("backbone", "骨干等级", codes.BACKBONE_LEVELS, example="无"),
        _bool("certified", "教师资格证", example="是"),
        _enum("sex", "性别", codes.SEXES, example="女"),
        _int("birth_year", "出生年份", minimum=1940, maximum=2015, example=1988),
        _int("work_start_year", "参加工作年份", minimum=1955, maximum=2100, example=2010),
        _int("school_start_year", "本校任教起始年份", minimum=1955, maximum=2100, example=2016),
        _num("training_hours_5y", "近五年培训学时", unit="学时", example=380),
        _bool("rotated_in", "本学年交流轮岗", note="本学年交流轮岗到本校", example="否"),
        _code("from_school_id", "原学校标识码", None, required=False,
              note="交流轮岗教师的原学校", example=None),
        *TEACHER_V2_COLUMNS,
    ),
    "每名教职工一行（已脱敏）。本校任教起始年份即在本校连续任教的起始年份。",
    key_columns=("teacher_id",),
)

FACILITY_V2_COLUMNS = (
    _num("building_area", "校舍建筑面积", unit="平方米", required=False,
         note="全部校舍建筑面积；幼儿园为园舍建筑面积", example=9800, since="v2"),
    _num("site_area", "占地面积", unit="平方米", required=False, example=21000, since="v2"),
    _int("activity_rooms", "幼儿活动室数", unit="间", required=False,
         note="幼儿园及附设幼儿班的学校填写", example=None, since="v2"),
    _num("activity_room_area", "幼儿活动用房面积", unit="平方米", required=False,
         note="活动室、寝室、卫生间、衣帽储藏间面积合计；幼儿园及附设幼儿班的学校填写",
         example=None, since="v2"),
    _int("design_year", "园舍规划设计年份", minimum=1950, maximum=2100, required=False,
         note="幼儿园填写：现有园舍规划设计的年份（2017 年及以后规划设计的园舍办园条件须全部达标）",
         example=None, since="v2"),
    _bool("toys_books_complete", "玩教具图书配备达标", required=False,
          note="幼儿园填写：玩教具和幼儿图书配备是否达到省定配备标准", example=None, since="v2"),
)
"""校舍设施 columns format v2 appends: site and building, kindergarten 办园条件."""

FACILITIES = Sheet(
    "facilities", "校舍设施",
    (
        _SCHOOL_REF,
        _num("teaching_area", "教学及辅助用房面积", unit="平方米", required=False, example=6800),
        _num("sports_area", "体育运动场馆面积", unit="平方米", required=False, example=9500),
        _num("equipment_value", "教学仪器设备值", unit="元", required=False, example=2600000),
        _int("books", "图书册数", unit="册", required=False, example=40000),
        _int("computers", "计算机台数", unit="台", required=False, example=150),
        _int("multimedia_rooms", "网络多媒体教室数", unit="间", required=False, example=30),
        _int("classrooms", "普通教室数", unit="间", required=False, example=30),
        _int("music_rooms", "音乐专用教室数", unit="间", required=False, example=2),
        _num("music_room_area", "音乐专用教室面积", unit="平方米", required=False,
             note="所有音乐专用教室面积合计", example=192),
        _int("art_rooms", "美术专用教室数", unit="间", required=False, example=2),
        _num("art_room_area", "美术专用教室面积", unit="平方米", required=False,
             note="所有美术专用教室面积合计", example=180),
        _num("outdoor_play_area", "户外游戏场地面积", unit="平方米", required=False,
             note="幼儿园填写", example=None),
        *FACILITY_V2_COLUMNS,
    ),
    "每所学校一行。义务教育学校（教学点除外）须填写前七项资源数据；空白表示未知，不视为 0。",
    key_columns=("school_id",),
)

FUNDING = Sheet(
    "funding", "经费",
    (
        _SCHOOL_REF,
        _num("public_funding", "公用经费拨款", unit="元", example=900000),
        _num("training_funding", "教师培训经费", unit="元", example=45000),
    ),
    "每所学校一行，本学年拨款。",
    key_columns=("school_id",),
)

#: children of one age in one 村居 (社区) above this cannot be right: an error (rv2 finding 13:
#: 1,500,000 typed as 1.5e6 passed); above :data:`AGE_NOTICE` the import says to check it
AGE_MAXIMUM = 20_000
AGE_NOTICE = 3_000
#: births in one 乡镇 (街道) in one year: an error above it, a notice above BIRTHS_NOTICE
BIRTHS_MAXIMUM = 50_000
BIRTHS_NOTICE = 10_000

AGE_COLUMNS = tuple(
    _int(f"age_{age}", f"{age}岁", unit="人", maximum=AGE_MAXIMUM,
         note=f"常住 {age} 周岁儿童数（0–{AGE_MAXIMUM:,}；超过 {AGE_NOTICE:,} 时提示核对）", example=30)
    for age in codes.CHILD_AGES
)

VILLAGES = Sheet(
    "villages", "村居",
    (
        _code("village_code", "区划代码", 12, note="12 位统计用区划代码", example="410306001001"),
        _text("name", "名称", example="示例社区"),
        _code("town_code", "乡镇代码", 9, note="须为区划代码的前 9 位", example="410306001"),
        _enum("urban_rural_code", "城乡分类代码", codes.URBAN_RURAL_CODES, example="111"),
        _LON, _LAT, _CRS,
        *AGE_COLUMNS,
        _code("zone_primary", "划片小学", None, required=False, note="当前划片小学的学校标识码",
              example="4103060001"),
        _code("zone_junior", "划片初中", None, required=False, note="当前划片初中的学校标识码",
              example=None),
    ),
    "每个行政村、社区一行，含分年龄常住儿童数和当前划片学校。",
    key_columns=("village_code",),
)

BIRTHS = Sheet(
    "births", "出生",
    (
        _code("town_code", "乡镇代码", 9, example="410306001"),
        _int("year", "年份", minimum=1990, maximum=2100, example=2019),
        _int("births", "出生人数", unit="人", maximum=BIRTHS_MAXIMUM,
             note=f"0–{BIRTHS_MAXIMUM:,}；超过 {BIRTHS_NOTICE:,} 时提示核对", example=820),
    ),
    "各乡镇逐年出生人数。",
    key_columns=("town_code", "year"),
)

ENROLMENT_HISTORY = Sheet(
    "enrolment_history", "在校生历史",
    (
        _int("school_year", "学年", minimum=1990, maximum=2100, example=2024),
        _SCHOOL_REF,
        _enum("grade", "年级", codes.GRADES, example="一年级"),
        _int("students", "学生数", unit="人", example=88),
    ),
    "以往各学年分学校分年级在校生数，用于估计升级比率。",
    key_columns=("school_year", "school_id", "grade"),
)

COUNTY_INDICATORS = Sheet(
    "county_indicators", "县级指标",
    (
        _text("indicator_code", "指标代码", required=False,
              note="v1 工作簿按代码填写（如 teacher_pay_ratio、satisfaction_rate）；v2 可留空，"
                   "按指标名称自动对应", example="disabled_enrolment_rate"),
        _text("indicator_name", "指标名称", suggestions=tuple(i.label for i in INDICATORS),
              note="请从下拉列表选择；不在列表中的指标须同时填写指标代码", example="适龄残疾儿童少年入学率"),
        _num("value", "数值", minimum=None, note="比例填小数（如 0.86）", example=0.96),
        _text("evidence", "佐证说明", required=False, example="县残联 2025 年统计"),
    ),
    "学校数据以外测得的县级指标。",
    key_columns=("indicator_code",),
)

SHEETS: tuple[Sheet, ...] = (
    COUNTY_INFO, SCHOOLS, CLASSES, ENROLMENT, TEACHERS, FACILITIES, FUNDING, VILLAGES, BIRTHS,
    ENROLMENT_HISTORY, COUNTY_INDICATORS,
    SCHOOL_GROUPS, ROTATIONS, TRAINING, PRINCIPALS, STAFFING, SPECIAL_ROOMS, PROJECTS,
    COUNTY_FIGURES, COUNTY_ATTESTATIONS, TOWNS,
)
"""Every sheet in workbook order: v1's in their v1 order, then the sheets v2 added."""
SHEETS_BY_KEY: dict[str, Sheet] = {s.key: s for s in SHEETS}
SHEETS_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}
V1_SHEETS: tuple[Sheet, ...] = tuple(s for s in SHEETS if s.since == "v1")

# Example rows in the template carry this marker at the start of their first cell;
# import skips such rows.
EXAMPLE_MARKER = "【示例】"
FORMAT_VERSION = "v2"
"""The newest workbook format; every v1 workbook is also a valid v2 workbook."""
