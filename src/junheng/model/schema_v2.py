"""The sheets workbook format v2 adds. Every one is optional: a workbook without it reads it
as empty, and a v1 workbook has none of them.

建设项目 (projects), 学校组织 (school groups), 教师交流记录 (rotation history), 教师培训
(training hours by year), 编制岗位 (staffing quotas), 专用教室 (room-level areas), 校长
(principals), 县级年度数据 (county figures by year), 县级认定 (county attestations) and 乡镇
(town codes and names).
docs/workbook.md describes each with its rules.
"""

from __future__ import annotations

from junheng.model import codes_v2
from junheng.model.columns import (
    Sheet,
    bool_column,
    code_column,
    date_column,
    enum_column,
    int_column,
    num_column,
    text_column,
)
from junheng.model.county_items import ATTESTATION_CHOICES, FIGURE_CHOICES

V2 = "v2"


def _school_ref(note="须在“学校”表中存在", header="学校标识码", key="school_id",
                example="4103060001"):
    return code_column(key, header, None, note=note, example=example, since=V2)


def _year(key, header, note="", required=True, example=2024, minimum=1950):
    return int_column(key, header, minimum=minimum, maximum=2100, note=note,
                      required=required, example=example, since=V2)


PROJECTS = Sheet(
    "projects", "建设项目",
    (
        _school_ref(note="改扩建、迁建等填现有学校；新建学校填为新校分配的学校标识码（10 位，可尚未列入“学校”表）"),
        text_column("name", "项目名称", note="同一学校内唯一", example="示例县城关第一小学教学楼改扩建",
                    since=V2),
        enum_column("project_type", "项目类型", codes_v2.PROJECT_TYPES,
                    note="迁建：学校标识码不变，迁往新址", example="改扩建", since=V2),
        date_column("start_date", "开工日期", required=False,
                    note="Excel 日期或文本（如 2025-03-01）；在建、竣工项目必填", example="2025-03-01"),
        date_column("completion_date", "竣工日期", required=False,
                    note="竣工项目填实际日期，其余填计划日期；竣工项目必填", example="2026-08-20"),
        int_column("added_places", "新增学位", unit="个", required=False, example=270, since=V2),
        num_column("added_floor_area", "新增建筑面积", unit="平方米", required=False,
                   example=3600, since=V2),
        int_column("added_beds", "新增床位", unit="张", required=False,
                   note="新增宿舍项目必填", example=None, since=V2),
        num_column("added_sports_area", "新增运动场面积", unit="平方米", required=False,
                   note="运动场项目必填", example=None, since=V2),
        num_column("investment", "总投资", unit="万元", required=False, example=1850, since=V2),
        text_column("funding_source", "资金来源", required=False, example="县财政、薄弱环节改善资金",
                    since=V2),
        enum_column("status", "状态", codes_v2.PROJECT_STATUSES, example="在建", since=V2),
        num_column("site_lon", "新址经度", minimum=73.0, maximum=135.5, required=False,
                   note="新建、迁建学校新校址的经度（WGS84 十进制度，东经 73–135.5 度）；其他项目留空",
                   example=None, since=V2),
        num_column("site_lat", "新址纬度", minimum=3.5, maximum=53.6, required=False,
                   note="新建、迁建学校新校址的纬度（WGS84 十进制度，北纬 3.5–53.6 度），与新址经度同填",
                   example=None, since=V2),
        code_column("town_code", "所在乡镇代码", 9, required=False,
                    note="新建学校所在乡镇（街道）的 9 位代码；不填时按新址最近的村居所属乡镇", since=V2),
    ),
    "每个建设项目一行：新建、改扩建、迁建学校，新增宿舍，运动场等。",
    key_columns=("school_id", "name"),
    since=V2,
)

SCHOOL_GROUPS = Sheet(
    "school_groups", "学校组织",
    (
        text_column("group_name", "组织名称", note="教育集团、学校联盟、教育共同体或学区的名称",
                    example="城关教育集团", since=V2),
        enum_column("group_type", "组织类型", codes_v2.GROUP_TYPES, note="同一组织各行须一致",
                    example="教育集团", since=V2),
        _school_ref(),
        enum_column("role", "角色", codes_v2.GROUP_ROLES, note="每个组织有且只有一所牵头校",
                    example="牵头校", since=V2),
        _year("join_year", "加入年份", required=False, minimum=1980,
              note="该校加入（或牵头组建）该组织的年份", example=2021),
    ),
    "每所学校在每个组织中的成员关系一行（一所学校可属于多个组织）。“学校”表的教育集团列仍可使用。",
    key_columns=("group_name", "school_id"),
    since=V2,
)

ROTATIONS = Sheet(
    "rotations", "教师交流记录",
    (
        text_column("teacher_id", "教师编号", note="须在“教师”表中存在", example="T0001", since=V2),
        _school_ref(key="from_school_id", header="原学校标识码", note="交流前任教的学校"),
        _school_ref(key="to_school_id", header="交流学校标识码", note="交流到的学校，不能与原学校相同",
                    example="4103060003"),
        date_column("start_date", "开始日期", example="2025-08-28"),
        date_column("end_date", "结束日期", required=False, note="仍在交流中的留空",
                    example=None),
        enum_column("mode", "方式", codes_v2.ROTATION_MODES,
                    note="交流、支教：到交流学校任教；走教：在多校授课；跟岗：到交流学校跟岗学习",
                    example="交流", since=V2),
    ),
    "在职教师的交流轮岗经历，每段一行。本学年开始的交流、支教须与“教师”表的本学年交流轮岗一致。",
    key_columns=("teacher_id", "start_date"),
    since=V2,
)

TRAINING = Sheet(
    "training", "教师培训",
    (
        text_column("teacher_id", "教师编号", note="须在“教师”表中存在", example="T0001", since=V2),
        _year("year", "年份", minimum=1990, example=2024, note="培训所在年份，不晚于学年"),
        num_column("hours", "学时", maximum=1000, note="该年该类培训的学时数", example=72, since=V2),
        enum_column("category", "培训类别", codes_v2.TRAINING_LEVELS, example="县培", since=V2),
    ),
    "每名教师每年每类培训一行。填写后，每名教师学年及其前 4 年的学时合计须等于“教师”表的近五年培训学时。",
    key_columns=("teacher_id", "year", "category"),
    since=V2,
)

PRINCIPALS = Sheet(
    "principals", "校长",
    (
        text_column("principal_id", "校长编号", note="已脱敏；一人兼任多校时各校填同一编号",
                    example="P001", since=V2),
        _school_ref(note="须在“学校”表中存在；每校一行"),
        enum_column("rank", "职级", codes_v2.PRINCIPAL_RANKS,
                    note="按本省校长职级制的名称：特级/高级/中级/初级，或一级至五级", example="二级",
                    since=V2),
        _year("since_year", "任职年份", minimum=1970, example=2019, note="担任本校校长的起始年份"),
    ),
    "每所学校的校长一行（正职）。",
    key_columns=("school_id",),
    since=V2,
)

STAFFING = Sheet(
    "staffing", "编制岗位",
    (
        _school_ref(note="须在“学校”表中存在；每校一行"),
        int_column("staff_quota", "核定编制数", unit="人", example=62, since=V2),
        int_column("professional_posts", "专业技术岗位数", unit="个", required=False, example=56,
                   since=V2),
        int_column("management_posts", "管理岗位数", unit="个", required=False, example=4,
                   since=V2),
        int_column("support_posts", "工勤技能岗位数", unit="个", required=False, example=2,
                   since=V2),
    ),
    "每所公办学校核定的编制和岗位，每校一行；在编人数由“教师”表的编制类型统计。",
    key_columns=("school_id",),
    since=V2,
)

SPECIAL_ROOMS = Sheet(
    "special_rooms", "专用教室",
    (
        _school_ref(),
        enum_column("room_type", "教室类型", codes_v2.ROOM_TYPES, example="音乐", since=V2),
        text_column("room_no", "编号", note="同一学校同一类型内唯一", example="1", since=V2),
        num_column("area", "面积", unit="平方米", minimum=5, maximum=2000,
                   note="使用面积", example=96, since=V2),
    ),
    "每间专用教室一行。填写了某校音乐、美术教室的，其间数和面积合计须与“校舍设施”表一致。",
    key_columns=("school_id", "room_type", "room_no"),
    since=V2,
)

COUNTY_FIGURES = Sheet(
    "county_figures", "县级年度数据",
    (
        _year("year", "年份", minimum=2000, example=2024, note="自然年度（财政年度），不晚于学年的次年"),
        enum_column("figure", "指标", FIGURE_CHOICES, example="一般公共预算教育支出", since=V2),
        num_column("value", "数值", minimum=None, note="比例填小数（如 0.92）；金额按单位列的单位",
                   example=41250, since=V2),
        text_column("unit", "单位", required=False, note="可空；填写时须与该指标的单位一致",
                    example="万元", since=V2),
        text_column("evidence", "佐证说明", required=False, example="县财政局 2024 年决算",
                    since=V2),
    ),
    "全县逐年数据：教育投入、生均经费、工资、满意度等，每年每个指标一行。",
    key_columns=("year", "figure"),
    since=V2,
)

COUNTY_ATTESTATIONS = Sheet(
    "county_attestations", "县级认定",
    (
        enum_column("item", "事项", ATTESTATION_CHOICES,
                    note="一票否决事项（以考试方式招生、违规择校、设重点校、设重点班）填“是”表示存在该情形",
                    example="设重点班", since=V2),
        bool_column("answer", "认定结果", example="否", since=V2,
                    note="一票否决事项：是＝存在；基本均衡认定：是＝已通过国家认定；其余：是＝达到要求"),
        _year("year", "认定年份", required=False, minimum=1990,
              note="基本均衡认定为“是”时必填", example=None),
        text_column("evidence", "佐证说明", note="佐证材料的名称、文号或存放位置",
                    example="县教育局 2025 年招生工作自查报告", since=V2),
    ),
    "县级人民政府需以佐证认定的事项，每项一行：优质均衡一票否决事项和前提条件、"
    "基本均衡政府工作、学前普及普惠政府保障等。",
    key_columns=("item",),
    since=V2,
)

TOWNS = Sheet(
    "towns", "乡镇",
    (
        code_column("town_code", "乡镇代码", 9, note="9 位乡镇（街道）代码，前 6 位为县区代码",
                    example="410306001", since=V2),
        text_column("town_name", "乡镇名称", note="乡、镇、街道的全称，如“城关镇”“河口乡”",
                    example="城关镇", since=V2),
    ),
    "全县每个乡镇（街道）一行：代码和名称。各页面和报表按此显示乡镇名称；不填时按学校名称推断。",
    key_columns=("town_code",),
    since=V2,
)

V2_SHEETS: tuple[Sheet, ...] = (
    SCHOOL_GROUPS, ROTATIONS, TRAINING, PRINCIPALS, STAFFING, SPECIAL_ROOMS, PROJECTS,
    COUNTY_FIGURES, COUNTY_ATTESTATIONS, TOWNS,
)
