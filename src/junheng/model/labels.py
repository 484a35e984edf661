"""Every code -> Chinese label the faces show, and the one colour of each layout action.

The workbook's own enumerations (``学前 -> preschool``) live in :mod:`junheng.model.codes`;
the tables here are their reverse (``code -> label``) plus the codes the engines invent
(layout actions, verdict states, job states, areas, forecast levels). Engines, reports, the
CLI and the web import from here, so one code reads the same everywhere, and the web map and
the offline map colour an action alike (``tests/model/test_labels.py`` reads both).

>>> STAGE_LABELS["junior"], SCHOOL_TYPE_LABELS["nine_year"], URBAN_RURAL_LABELS["121"]
('初中', '九年一贯制学校', '镇中心区')
>>> ACTION_LABELS["close"], ACTION_COLOURS["close"]
('撤并', '#c0392b')
>>> label(STAGE_LABELS, "other")
'other'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from junheng.model import numbers
from junheng.model.codes import SCHOOL_TYPES, STAGES, SUBJECTS, URBAN_RURAL_LABELS

__all__ = ["ACTION_COLOURS", "ACTION_LABELS", "AREA_LABELS", "AUDIT_ACTION_LABELS", "AUDIT_ENTITY_LABELS", "BASIS_LABELS", "CLI_IMPORTER", "CLI_OPERATOR", "LEGACY_CLI_USERS", "SYSTEM_USERS", "COMPARATOR_SIGNS",
           "FORECAST_LEVEL_LABELS", "FUNDING_BASES_DIFFER", "JOB_STATE_LABELS", "ROLE_LABELS", "MAP_COLOURS", "QUOTA_FUNDING", "REPORTED_FUNDING", "SHOWN_ACTION_LABELS", "SCHOOL_PALETTE", "SCHOOL_RESULT_COLOURS", "SCHOOL_TYPE_LABELS",
           "STAGE_LABELS", "STAGE_LABELS_WITH_TOTAL", "STATUS_LABELS", "SUBMISSION_STATUS_LABELS", "TOWN_FILLS", "URBAN_RURAL_LABELS",
           "funding_bases_differ", "label", "quota_funding", "recorded_by", "subset"]

# 学段: preschool, primary, junior, senior (the workbook's order).
STAGE_LABELS: dict[str, str] = {code: text for text, code in STAGES.items()}
STAGE_LABELS_WITH_TOTAL: dict[str, str] = {**STAGE_LABELS, "all": "合计"}

# 学校类型, as the workbook's drop-down lists them.
SCHOOL_TYPE_LABELS: dict[str, str] = {code: text for text, code in SCHOOL_TYPES.items()}
#: subject code -> its name (语文, 数学 …)
SUBJECT_LABELS: dict[str, str] = {code: text for text, code in SUBJECTS.items()}

# 城区 / 镇区 / 乡村 and the unions a ledger target may select (see model/areas.py).
AREA_LABELS: dict[str, str] = {"all": "全域", "urban": "城区", "town": "镇区", "rural": "乡村",
                               "urban_town": "城区和镇区", "non_urban": "镇区和乡村"}

# 布局调整 actions, and the one colour each is drawn in on every map and chart.
ACTION_LABELS: dict[str, str] = {"keep": "保留", "close": "撤并", "expand": "扩建", "new": "新建"}
#: As the reports show a school: a kept school the plan builds at is 改扩建 (PlannedSchool.shown_action).
SHOWN_ACTION_LABELS: dict[str, str] = {"keep": "保留", "close": "撤并", "expand": "扩建", "rebuild": "改扩建",
                                       "grounds": "补足运动场地",
                                       "temporary": "保留（临时周转过渡）", "new": "新建"}
ACTION_COLOURS: dict[str, str] = {"keep": "#4a7bb7", "close": "#c0392b", "expand": "#e69f00",
                                  "new": "#2e8b57"}
# Villages are coloured by the school they attend, in turn from this palette (the web map's
# web/static/app.js holds the same list; tests/model/test_labels.py compares them).
SCHOOL_PALETTE: tuple[str, ...] = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2",
                                   "#ff9da7", "#9c755f", "#e15759", "#bab0ac")
# Towns (乡镇) are filled from these pale colours, neighbours apart (geo.towns.colour_indices).
TOWN_FILLS: tuple[str, ...] = ("#efe3c8", "#d9ead3", "#dde4f0", "#f4d9d0", "#e6dcef", "#d5ece9")
# A school's result on the evaluation report's map (and the report's CV bars): 达标, 未达标,
# 未评估 (教学点, judged with their central school).
SCHOOL_RESULT_COLOURS: dict[str, str] = {"达标": "#2e7d32", "未达标": "#c62828", "未评估": "#757575"}
# Every other colour a map uses: town borders, flow lines, school outlines, villages that
# attend no school, and zone blocks whose school changes. Every map (web, offline layout,
# zones) takes its colours from here and app.js / map_layers.js hold none of their own.
MAP_COLOURS: dict[str, str] = {"town_border": "#8c7a5b", "flow": "#636363",
                               "school_outline": "#222222", "unassigned": "#9aa5b1",
                               "changed": "#d62728", "zone_border": "#555555",
                               # a kept school the plan builds at (改扩建) on the layout map
                               "rebuild": "#8e44ad",
                               # an expansion whose rooms are all met by 临时周转 (nothing built)
                               "temporary": "#17a2b8"}

# A target's or a threshold's comparator as a sign.
COMPARATOR_SIGNS: dict[str, str] = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "==": "＝"}

# An evaluation item's verdict and the basis it was judged on.
STATUS_LABELS: dict[str, str] = {"met": "达标", "not_met": "未达标", "attestation": "待佐证",
                                 "missing": "数据缺失", "not_applicable": "不适用"}
# A standard's overall verdict (evaluation JSON verdict.status).
VERDICT_LABELS: dict[str, str] = {"pass": "达标", "fail": "未达标", "pending": "待核实"}
BASIS_LABELS: dict[str, str] = {"computed": "数据计算", "county_indicator": "县级指标",
                                "attestation": "佐证材料"}

# A background job's state (the web worker's progress page).
JOB_STATE_LABELS: dict[str, str] = {"queued": "排队中", "running": "计算中", "done": "已完成",
                                    "failed": "失败"}

# Web user roles, a school's submission, and what the audit log records.
ROLE_LABELS: dict[str, str] = {"admin": "管理员", "inspector": "督学", "school": "学校填报员"}
SUBMISSION_STATUS_LABELS: dict[str, str] = {"pending": "待审核", "approved": "已通过",
                                            "rejected": "已退回"}
AUDIT_ACTION_LABELS: dict[str, str] = {
    "login": "登录", "login_failed": "登录失败", "logout": "退出", "import": "导入数据",
    "submit": "提交填报", "approve": "批准填报", "reject": "退回填报", "plan_layout": "计算布局方案",
    "user_add": "新增用户", "user_disable": "停用用户", "user_enable": "启用用户",
    "password_reset": "重置密码", "password_change": "修改密码", "move_county": "调整所属地市",
    "remove_duplicate": "删除重复行",
    "ledger_entry": "填报台账目标", "plan_zones": "计算就近划片方案",
    "zone_plan_save": "保存就近划片方案", "zone_plan_adopt": "设定生效划片方案",
    "overlay_set": "设置省级补充标准", "overlay_clear": "清除省级补充标准",
    "plan_rotation": "重新计算交流轮岗方案", "plan_compliance": "计算达标路径"}
#: who the store records for an import from the command line when no one is named (``--by``,
#: ``JUNHENG_OPERATOR``), and for any other command-line change the audit log records
CLI_IMPORTER = "命令行导入"
CLI_OPERATOR = "命令行操作"
#: names older versions recorded for the command line: the server's login (on a server that is
#: "root", a system account, not a person) or "cli"; shown as the two labels above
LEGACY_CLI_USERS = frozenset({"root", "cli"})
#: users no one logs in as, shown by what they stand for: the demo's data and plans are set up
#: by ``junheng.jobs.demo.DEMO_USER``
SYSTEM_USERS = {"demo": "示例数据"}
AUDIT_ENTITY_LABELS: dict[str, str] = {
    "compliance_job": "达标路径计算", "county": "县区", "county_year": "县区学年数据",
    "facilities": "校舍设施", "layout_job": "布局方案计算", "school_data": "学校数据",
    "submission": "填报", "user": "用户", "ledger_entry": "台账填报", "zones_job": "就近划片计算",
    "zone_plan": "就近划片方案", "county_overlay": "省级补充标准", "rotation_job": "交流轮岗计算"}

# The two 公用经费 totals a planner reads, each named by its basis (review A10: 3,595.78 万元 in
# the layout plan and 5,606.49 万元 in the 自评报告, both "公用经费", and no word why they differ).
#: the layout plan's: its pupils × the county's 生均公用经费基准定额 (planning.layout_costs),
#: the default per-pupil price (:func:`quota_funding` when the scenario sets its own)
QUOTA_FUNDING = "按生均公用经费基准定额测算的公用经费"
#: the 自评报告's: the 经费 sheet's 公用经费拨款 added up
REPORTED_FUNDING = "学校填报的公用经费拨款"
#: the layout scenario's own per-pupil prices (元/生·年; None: the 基准定额), as in plan.json "weights"
PUPIL_PRICES = {"primary": "operating_yuan_per_pupil_primary", "junior": "operating_yuan_per_pupil_junior"}


def _set_prices(weights: Mapping[str, Any] | None) -> str:
    """The per-pupil prices a scenario sets, in words ("" when it sets none)."""
    prices = {stage: (weights or {}).get(key) for stage, key in PUPIL_PRICES.items()}
    given = {stage: float(v) for stage, v in prices.items() if isinstance(v, int | float)}
    if not given:
        return ""
    if len(given) == 2 and given["primary"] == given["junior"]:
        return f"{numbers.trimmed(given['primary'])} 元/生·年"
    return "、".join(f"{STAGE_LABELS[stage]} {numbers.trimmed(given[stage])} 元/生·年" if stage in given
                    else f"{STAGE_LABELS[stage]}按基准定额" for stage in PUPIL_PRICES)


def quota_funding(weights: Mapping[str, Any] | None = None) -> str:
    """The layout plan's per-pupil 公用经费 named by where its price came from: the county's
    基准定额 (the default) or the prices its scenario sets (``weights``: the plan's, plan.json
    "weights"; :data:`PUPIL_PRICES`).

    >>> quota_funding() == QUOTA_FUNDING
    True
    >>> quota_funding({"operating_yuan_per_pupil_primary": 800, "operating_yuan_per_pupil_junior": 800})
    '按方案设定的生均公用经费（800 元/生·年）测算的公用经费'
    >>> quota_funding({"operating_yuan_per_pupil_primary": 800.0, "operating_yuan_per_pupil_junior": None})
    '按方案设定的生均公用经费（小学 800 元/生·年、初中按基准定额）测算的公用经费'
    """
    prices = _set_prices(weights)
    return f"按方案设定的生均公用经费（{prices}）测算的公用经费" if prices else QUOTA_FUNDING


def funding_bases_differ(weights: Mapping[str, Any] | None = None) -> str:
    """Why the 自评报告's 公用经费 and the layout plan's differ, the plan's named by its price
    (:func:`quota_funding`), where both are read."""
    prices = _set_prices(weights)
    times = f"方案设定的生均公用经费（{prices}）" if prices else "小学、初中基准定额"
    return (f"{REPORTED_FUNDING}是经费表所列各校（可含幼儿园、高中、特殊教育学校和民办学校）实际拨款之和，"
            "含不足 100 人的农村学校和教学点按 100 人核定的保底部分，各校拨款也可高于或低于基准定额；"
            f"{quota_funding(weights)}只计公办义务教育学校的小学、初中学生数 × {times}，保底部分另列为"
            "“公用经费保底”。两者口径不同，不能相减比较")


#: why the two differ, for a plan priced at the 基准定额 (:func:`funding_bases_differ`)
FUNDING_BASES_DIFFER = funding_bases_differ()


def closed_units(schools: int, points: int) -> str:
    """The closed units after 撤并的: schools by 所, 教学点 by 个, each kind only when there is
    one (planner review: 「64 所撤并学校的教师」 were 64 教学点, which are neither 所 nor schools).

    >>> closed_units(0, 64), closed_units(3, 0), closed_units(2, 5), closed_units(0, 0)
    ('64 个教学点', '3 所学校', '2 所学校和 5 个教学点', '0 所学校')
    """
    return school_count(schools, points, joiner="和 ")


# The levels a county forecast is written at.
FORECAST_LEVEL_LABELS: dict[str, str] = {"school_grade": "学校×年级", "school": "学校合计",
                                         "town_stage": "乡镇×学段", "county_stage": "县区×学段"}


def label(table: Mapping[str, str], code: object) -> str:
    """The label of ``code`` in ``table``; the code itself when the table has none."""
    return table.get(str(code), str(code))


def recorded_by(name: str | None, *, cli: str = CLI_OPERATOR) -> str:
    """Who did it, as a page or the console shows a recorded importer or operator.

    A name older versions recorded for the command line reads as ``cli`` (命令行导入 for an
    import, else 命令行操作), as a new record without ``--by`` does: "root" names no person.

    >>> recorded_by("root", cli=CLI_IMPORTER), recorded_by("cli"), recorded_by("demo")
    ('命令行导入', '命令行操作', '示例数据')
    >>> recorded_by("张三"), recorded_by(None)
    ('张三', '')
    """
    if name in LEGACY_CLI_USERS:
        return cli
    return SYSTEM_USERS.get(name or "", name or "")


def subset(table: Mapping[str, str], codes: Iterable[str]) -> dict[str, str]:
    """The labels of ``codes`` only, in that order (``subset(STAGE_LABELS, ("primary", "junior"))``)."""
    return {code: table[code] for code in codes}


TEACHING_POINT = "teaching_point"


def measure_word(school_type: object) -> str:
    """The measure word of one school: 个 for a 教学点, 所 for any other school."""
    return "个" if school_type == TEACHING_POINT else "所"


def school_count(schools: int, points: int = 0, kind: str = "", joiner: str = "、") -> str:
    """A count of schools and 教学点, each with its own measure word, the one wording of a
    mixed count (planner review 2026-12-05 finding 11: 「47 所学校」 were 41 schools and
    6 教学点); ``kind`` qualifies both (撤并), ``joiner`` joins them. A zero part is left out.

    >>> school_count(41, 6), school_count(0, 2, "撤并"), school_count(3), school_count(0)
    ('41 所学校、6 个教学点', '2 个撤并教学点', '3 所学校', '0 所学校')
    """
    parts = [f"{schools:,} 所{kind}学校"] if schools or not points else []
    return joiner.join(parts + ([f"{points:,} 个{kind}教学点"] if points else []))


def count_of_kinds(school_types: Iterable[object], kind: str = "") -> str:
    """:func:`school_count` of the schools whose types are ``school_types``.

    >>> count_of_kinds(["primary_school", "teaching_point", "nine_year"])
    '2 所学校、1 个教学点'
    """
    types = list(school_types)
    points = sum(t == TEACHING_POINT for t in types)
    return school_count(len(types) - points, points, kind)


def schools_stages(units: Iterable[tuple[object, object]], note: str = "") -> str:
    """Rows of school and 学段 counted as schools by 所, their 学段 beside when a school has
    more than one among them: the one count of every table whose rows are school-学段 (review
    rv20 6, 7: 「10 所学校共认定 22 人」 were 9 schools, 桃桥镇九年制学校 in both 学段; a risk list
    of 11 rows read 11 所 in one document and 10 所 in the other). ``note`` goes in the same
    brackets.

    >>> schools_stages([("甲", "primary"), ("甲", "junior"), ("乙", "primary"), ("乙", "primary")])
    '2 所学校（3 个学段）'
    >>> schools_stages([("甲", "primary")]), schools_stages([("甲", "junior")], "另有 1 所")
    ('1 所学校', '1 所学校（另有 1 所）')
    >>> schools_stages([("甲", "primary"), ("甲", "junior")], "其中 1 所已在上述之中")
    '1 所学校（2 个学段；其中 1 所已在上述之中）'
    """
    pairs = set(units)
    schools = len({school for school, _ in pairs})
    said = [f"{len(pairs):,} 个学段"] if len(pairs) > schools else []
    inside = "；".join(said + ([note] if note else []))
    return f"{schools:,} 所学校" + (f"（{inside}）" if inside else "")

