"""The audit page's 修改前 / 修改后 as Chinese lines "字段：旧值 → 新值", not raw JSON.

Every write stores its before and after as JSON (:func:`junheng.store.accounts.record_audit`).
The page shows one line per field that changed (a new record: every field; a removed one: every
old field), with the field's Chinese label, 是/否 for flags, the role and status labels, and
nested fields (``weights.x``, ``rows.schools``) by their own labels.

>>> audit_changes({"active": True, "role": "school", "city_name": None},
...               {"active": False, "role": "school", "city_name": "洛阳市"})
['启用：是 → 否', '所属市：（空） → 洛阳市']
>>> audit_changes(None, {"username": "luoyang_city", "role": "admin"})
['用户名：luoyang_city', '角色：管理员']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from junheng.model import numbers
from junheng.model.codes import GRADES
from junheng.model.labels import AUDIT_ENTITY_LABELS as ENTITY_LABELS
from junheng.model.labels import CLI_IMPORTER, ROLE_LABELS, SUBMISSION_STATUS_LABELS, recorded_by
from junheng.model.schema import CLASSES, FACILITIES, SHEETS_BY_KEY
from junheng.store.overlays import FILE_CHECK, OVERLAY_ENTITY

EMPTY = "（空）"
#: audit entities whose key is a county code, shown with the county's name
COUNTY_ENTITIES = frozenset({OVERLAY_ENTITY, "county"})


def user_label(username: str | None) -> str:
    """A user name as a page shows it (发起人, 设置人, 填报人, the audit log).

    >>> user_label("demo"), user_label("luobei_admin"), user_label(None), user_label("root")
    ('示例数据', 'luobei_admin', '', '命令行操作')
    """
    return recorded_by(username)


def importer_label(username: str | None) -> str:
    """An import's 导入人: a command-line import not given ``--by`` reads 命令行导入.

    >>> importer_label("root"), importer_label("命令行导入"), importer_label("张三")
    ('命令行导入', '命令行导入', '张三')
    """
    return recorded_by(username, cli=CLI_IMPORTER)

FIELD_LABELS: dict[str, str] = {
    "username": "用户名", "role": "角色", "county_code": "县区代码", "city_name": "所属市",
    "school_id": "学校标识码", "active": "启用", "source": "来源文件", "file_hash": FILE_CHECK,
    "replaced": "替换已有数据", "rows": "导入行数", "status": "状态", "note": "说明",
    "version": "版本", "facility": "办学条件", "classes": "班级", "school_year": "学年",
    "target_year": "目标学年", "budget": "每年预算（万元）", "time_limit": "求解时间上限（秒）",
    "name": "方案名称", "plan_date": "编制日期", "layout_job": "布局方案编号", "year": "学年", "stage": "学段", "payload": "填报内容",
    # logs written before review 2 (B6) named the zone measure so; it is not 就近划片入学比例
    "可就近划片入学比例": "学区学位可容纳比例",
    # overlay logs written before review 2 (19)
    "文件": "文件名", "文件校验值": FILE_CHECK,
}


#: a school's facility row and classes as the workbook heads them (review rvweb2 finding 3:
#: 「办学条件·teaching_area」, 「grade g7；class_no 1」)
COLUMN_LABELS: dict[str, str] = {c.key: c.header for sheet in (FACILITIES, CLASSES)
                                 for c in sheet.columns}
#: a grade code's Chinese name ('g7' → '七年级'), the workbook's first spelling
GRADE_NAMES: dict[str, str] = {}
for _name, _code in GRADES.items():
    GRADE_NAMES.setdefault(_code, _name)


def entity_text(entity: str, key: str, county_names: Mapping[str, str]) -> str:
    """The 对象 column: what was changed; a county by its name (review 2, 19: the log read
    "省级补充标准 410331").

    >>> entity_text("county_overlay", "410331", {"410331": "洛北县"})
    '省级补充标准 洛北县（410331）'
    >>> entity_text("zone_plan", "2025 学年初中就近划片方案 第 2 号", {})
    '就近划片方案 2025 学年初中就近划片方案 第 2 号'
    """
    label = ENTITY_LABELS.get(entity, entity)
    name = county_names.get(key) if entity in COUNTY_ENTITIES else None
    return f"{label} {name}（{key}）" if name else f"{label} {key}".strip()

#: Fields a record names in Chinese (a 就近划片方案's figures) whose number has a unit
VALUE_UNITS = {"超员": "人", "调整学区学生": "人"}
YEAR_FIELDS = ("学年", "目标学年")

VALUE_LABELS: dict[str, Mapping[str, str]] = {"role": ROLE_LABELS,
                                              "status": SUBMISSION_STATUS_LABELS,
                                              "grade": GRADE_NAMES}


def field_label(key: str) -> str:
    """The Chinese label of a field, a dotted one by its last part ('rows.schools' → '导入行数·学校')."""
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    form = _form_labels()
    if key in form:
        return form[key]
    if key in SHEETS_BY_KEY:
        return SHEETS_BY_KEY[key].name
    if key in COLUMN_LABELS:
        return COLUMN_LABELS[key]
    head, _, tail = key.rpartition(".")
    return f"{field_label(head)}·{field_label(tail)}" if head else key


def _form_labels() -> dict[str, str]:
    from junheng.web.layout_view import FORM_FIELDS, IN_WAN

    # the log holds the config as stored: a budget entered in 万元 is kept in 元
    units = {f.key: "元" if f.key in IN_WAN else f.unit for f in FORM_FIELDS}
    return {f.key: f.label + (f"（{units[f.key]}）" if units[f.key] and
                              not units[f.key].startswith("（") else "")
            for f in FORM_FIELDS}


def value_text(key: str, value: Any) -> str:
    """One value for people: 是/否, labels for codes, numbers with separators (a year without,
    a 比例 as a percentage, a count with its unit), lists joined.

    >>> value_text("学年", 2025), value_text("学区学位可容纳比例", 0.9458), value_text("超员", 807.0)
    ('2025', '94.6%', '807 人')
    """
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return _number_text(key.rpartition(".")[2], value)
    if isinstance(value, list | tuple):
        texts = [value_text(key, v) for v in value]
        return ("；" if any("、" in t for t in texts) else "、").join(texts) or EMPTY
    if isinstance(value, Mapping):
        return "；".join(f"{field_label(str(k))} {value_text(str(k), v)}" for k, v in value.items())
    text = str(value)
    field = key.rpartition(".")[2]
    labels = VALUE_LABELS.get(field) or _choice_labels().get(key) or _choice_labels().get(field, {})
    return labels.get(text, text)


def _choice_labels() -> dict[str, dict[str, str]]:
    """The layout form's choices as the form words them ('town_centres' → '各乡镇驻地及城区各片区中心'): rv2
    finding 14 read 「候选新校址：town_centres」 in the log."""
    from junheng.web.layout_view import FORM_FIELDS

    return {f.key: dict(f.choices) for f in FORM_FIELDS if f.choices}


def _number_text(field: str, value: float) -> str:
    if field.endswith("year") or field in YEAR_FIELDS:
        return str(int(value)) if float(value).is_integer() else str(value)
    if field.endswith("比例"):
        return numbers.percent(value)
    if field in VALUE_UNITS:
        return numbers.amount(value, VALUE_UNITS[field])
    return numbers.trimmed(value, 4)


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested records as dotted keys; anything else as one entry."""
    if not isinstance(value, Mapping):
        return {prefix or "内容": value} if value is not None else {}
    out: dict[str, Any] = {}
    for k, v in value.items():
        key = f"{prefix}.{k}" if prefix else str(k)
        if isinstance(v, Mapping) and v and len(out) < 200:
            out.update(_flat(v, key))
        else:
            out[key] = v
    return out


def audit_changes(before: Any, after: Any) -> list[str]:
    """'字段：旧值 → 新值' per changed field; a field only one side has: '字段：值' (added) or
    '字段：值 → （删除）'."""
    old, new = _flat(before), _flat(after)
    lines = []
    for key in [*new, *(k for k in old if k not in new)]:
        if _class_rows(old.get(key)) is not None and _class_rows(new.get(key)) is not None:
            lines.extend(class_changes(field_label(key), old[key], new[key]))
        elif key in old and key in new:
            if old[key] != new[key]:
                lines.append(f"{field_label(key)}：{value_text(key, old[key])} → "
                             f"{value_text(key, new[key])}")
        elif key in new:
            lines.append(f"{field_label(key)}：{value_text(key, new[key])}")
        else:
            lines.append(f"{field_label(key)}：{value_text(key, old[key])} → （删除）")
    return lines


def _class_rows(value: Any) -> dict[tuple[str, str], dict] | None:
    """A list of class rows by (grade, class_no); None for anything else."""
    if not isinstance(value, list) or not all(isinstance(v, Mapping) and "grade" in v
                                              and "class_no" in v for v in value):
        return None
    return {(str(v["grade"]), str(v["class_no"])): dict(v) for v in value}


def _class_name(key: tuple[str, str]) -> str:
    return f"{GRADE_NAMES.get(key[0], key[0])} {key[1]} 班"


def class_changes(label: str, before: list, after: list) -> list[str]:
    """One line per class a change touched (review rvweb2 finding 3: all 38 classes were listed
    for one changed class), its changed figures only.

    >>> row = {"grade": "g7", "class_no": "1", "students": 48, "boarders": 52}
    >>> class_changes("班级", [row, {**row, "class_no": "2"}],
    ...               [{**row, "boarders": 40}, {**row, "class_no": "2"}, {**row, "class_no": "3"}])
    ['班级·七年级 1 班：寄宿生数 52 → 40', '班级·七年级 3 班：新增（学生数 48 人；寄宿生数 52 人）']
    """
    old, new = _class_rows(before) or {}, _class_rows(after) or {}
    lines = []
    for key in [*new, *(k for k in old if k not in new)]:
        name = f"{label}·{_class_name(key)}"
        if key not in old:
            figures = [f"{field_label(f)} {value_text(f, v)}{_unit(f)}"
                       for f, v in new[key].items() if f not in ("grade", "class_no")]
            lines.append(f"{name}：新增（{'；'.join(figures)}）")
        elif key not in new:
            lines.append(f"{name}：删除")
        else:
            changed = [f"{field_label(f)} {value_text(f, old[key].get(f))} → "
                       f"{value_text(f, new[key].get(f))}"
                       for f in new[key] if old[key].get(f) != new[key].get(f)]
            if changed:
                lines.append(f"{name}：{'；'.join(changed)}")
    return lines


def _unit(key: str) -> str:
    column = next((c for c in CLASSES.columns if c.key == key), None)
    return f" {column.unit}" if column is not None and column.unit else ""
