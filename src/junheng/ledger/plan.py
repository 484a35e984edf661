"""A plan as data: the plan YAML schema, its loader and the evidence file for manual targets.

A plan names its region (one county, or a city whose counties are all measured), a baseline
year and its targets. Each target says what is measured (a named measure from
:mod:`junheng.ledger.measures` with parameters, or ``manual`` with evidence entered per year),
how it is compared, the target value, the deadline and the responsible unit. The format is
documented for users in ``docs/plan-yaml.md``.

Every problem in a plan file becomes a :class:`~junheng.errors.ConfigError` whose Chinese
message names the file, the target and the field, shows the value and says what is expected.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from junheng.errors import ConfigError
from junheng.ledger.deadlines import deadline_text, parse_deadline
from junheng.planning.projects import first_year
from junheng.standards.files import parse_yaml, read_text

Comparator = Literal[">=", ">", "<=", "<", "=="]
COMPARATORS: tuple[str, ...] = (">=", ">", "<=", "<", "==")
COMPARATOR_LABELS: dict[str, str] = {
    ">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "==": "等于",
}
RelativeTarget = Literal["baseline", "previous"]
Value = bool | float
MANUAL = "manual"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MeasureSpec(_Model):
    """How a target is measured: a registered measure name and its parameters."""

    name: str = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)


class ManualEntry(_Model):
    """One year's value of a manual target and the evidence behind it."""

    value: StrictBool | float
    evidence: str = Field(min_length=1)

    @field_validator("evidence")
    @classmethod
    def _evidence_not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("佐证说明不能为空白")
        return text.strip()


class Target(_Model):
    """One target of a plan."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    measure: MeasureSpec
    comparator: Comparator
    target: StrictBool | float | RelativeTarget
    deadline: int = Field(ge=2000, le=2100)
    deadline_date: date | None = None  # a deadline written as a date (deadline: its school year)
    responsible: str = Field(min_length=1)
    unit: str = ""
    note: str = ""
    evidence: str = ""
    every_year: bool = False
    manual_values: dict[int, ManualEntry] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _deadline_as_date(cls, raw: Any) -> Any:
        """``deadline: 2025-06`` (or a YAML date) → the date and the school year it is due in."""
        if not isinstance(raw, Mapping):
            return raw
        value = raw.get("deadline")
        if isinstance(value, int | float) or value is None:  # bool is an int: pydantic says so
            return raw
        if isinstance(value, str) and value.strip().isdigit():
            return {**raw, "deadline": int(value)}
        when = parse_deadline(value)
        return {**raw, "deadline": first_year(when), "deadline_date": when}

    @property
    def deadline_label(self) -> str:
        """The deadline as the plan states it: 2026 (a school year) or 2025年6月."""
        return deadline_text(self.deadline_date) if self.deadline_date else str(self.deadline)

    @field_validator("measure", mode="before")
    @classmethod
    def _measure_shorthand(cls, raw: Any) -> Any:
        return {"name": raw} if isinstance(raw, str) else raw

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if self.manual_values and not self.is_manual:
            raise ValueError("只有 measure 为 manual 的目标可以填写 manual_values")
        if self.is_manual and isinstance(self.target, str):
            raise ValueError("manual 目标的目标值须为数值或 true/false，不能是 baseline/previous")
        if isinstance(self.target, bool) and self.comparator != "==":
            raise ValueError("目标值为 true/false 时比较方式须为 ==")
        if isinstance(self.target, float) and not math.isfinite(self.target):
            raise ValueError("目标值须为有限数值")
        for year, entry in self.manual_values.items():
            _check_entry_type(self, year, entry)
        return self

    @property
    def is_manual(self) -> bool:
        return self.measure.name == MANUAL

    @property
    def kind(self) -> Literal["measured", "manual"]:
        return "manual" if self.is_manual else "measured"


def _check_entry_type(target: Target, year: int, entry: ManualEntry) -> None:
    if isinstance(target.target, bool) != isinstance(entry.value, bool):
        expected = "true/false" if isinstance(target.target, bool) else "数值"
        raise ValueError(f"{year} 年填报值 {entry.value!r} 的类型与目标值不符，应为{expected}")


class Region(_Model):
    """Where a plan applies: one county (code and/or name) or one city (all its counties)."""

    county_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    county_name: str | None = None
    city: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Region:
        has_county = self.county_code is not None or self.county_name is not None
        if has_county == (self.city is not None):
            raise ValueError("region 须填写县区（county_code 或 county_name）或地市（city）之一，且只能填一种")
        return self

    @property
    def is_city(self) -> bool:
        return self.city is not None

    @property
    def label(self) -> str:
        if self.city is not None:
            return self.city
        if self.county_name and self.county_code:
            return f"{self.county_name}（{self.county_code}）"
        return str(self.county_name or self.county_code)


class Plan(_Model):
    """A plan: its name, region, baseline year and targets."""

    plan: str = Field(min_length=1)
    issued_by: str = ""
    source: str = ""
    region: Region
    baseline_year: int = Field(ge=2000, le=2100)
    targets: tuple[Target, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> Plan:
        if not self.targets:
            raise ValueError("计划至少要有一个目标（targets 一节）")
        seen: dict[str, str] = {}
        for target in self.targets:
            if target.id in seen:
                raise ValueError(f"目标 id “{target.id}” 重复，每个目标的 id 须唯一")
            if target.name in seen.values():
                first = next(i for i, name in seen.items() if name == target.name)
                raise ValueError(f"目标 “{first}” 和 “{target.id}” 的名称都是“{target.name}”："
                                 "台账按名称列出目标，两条同名的目标无法区分，请改名或删去一条")
            seen[target.id] = target.name
        return self

    def target(self, target_id: str) -> Target:
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)


# --- reading files ------------------------------------------------------------------

_PYDANTIC_TEXT = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的字段（请检查拼写，可用字段见 docs/plan-yaml.md）",
    "literal_error": "取值无效",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数值",
    "float_type": "应为数值",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "格式不对",
    "too_short": "至少要有一项",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "dict_type": "应为键值映射",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "model_type": "应为键值映射",
}

_FIELD_TEXT = {
    "plan": "计划名称 plan", "region": "区域 region", "baseline_year": "基准年 baseline_year",
    "targets": "目标列表 targets", "id": "id", "name": "名称 name", "quote": "原文 quote",
    "measure": "测算方式 measure", "comparator": "比较方式 comparator", "target": "目标值 target",
    "deadline": "期限 deadline", "responsible": "责任单位 responsible",
    "manual_values": "填报值 manual_values", "county_code": "县区代码 county_code",
    "evidence": "佐证 evidence", "value": "数值 value",
}

_EXPECTED = {
    "comparator": "应为 >=、>、<=、<、== 之一",
    "county_code": "应为 6 位数字的县区代码（用引号括起，如 \"410308\"）",
    "id": "应以小写英文字母开头，只含小写字母、数字和下划线",
    "target": "应为数值、true/false，或 baseline / previous",
}


def _where(loc: tuple[Any, ...], raw: Any) -> str:
    """Describe a pydantic error location in Chinese, naming the target by its id."""
    parts: list[str] = []
    node = raw
    for i, key in enumerate(loc):
        if loc[:1] == ("targets",) and i == 1 and isinstance(key, int):
            target_id = _safe_get(node, key, "id")
            parts.append(f"第 {key + 1} 个目标" + (f"（{target_id}）" if target_id else ""))
        elif isinstance(key, int):
            parts.append(f"第 {key + 1} 项" if not _is_year(key) else f"{key} 年")
        elif key not in ("function-after", "function-before"):
            parts.append(_FIELD_TEXT.get(str(key), str(key)))
        node = _descend(node, key)
    return " / ".join(parts) if parts else "文件顶层"


def _is_year(key: int) -> bool:
    return 1900 <= key <= 2200


def _descend(node: Any, key: Any) -> Any:
    if isinstance(node, Mapping):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def _safe_get(node: Any, index: int, key: str) -> Any:
    item = _descend(node, index)
    return item.get(key) if isinstance(item, Mapping) else None


_UNION_TAGS = ("bool", "float", "int", "str")


def _is_union_tag(key: Any) -> bool:
    """Pydantic names the member of a union it tried (``bool``, ``literal[...]``) in ``loc``."""
    return isinstance(key, str) and (key in _UNION_TAGS or key.startswith(("literal[", "function-")))


def _union_message(last: str) -> str:
    return {"target": "应为数值、true/false，或 baseline / previous",
            "value": "应为数值或 true/false"}.get(last, "取值无效")


def _error_text(err: Mapping[str, Any], raw: Any) -> str:
    full = tuple(err.get("loc", ()))
    loc = tuple(k for k in full if not _is_union_tag(k))
    where = _where(loc, raw)
    kind = err.get("type", "")
    last = next((k for k in reversed(loc) if isinstance(k, str)), "")
    if loc != full:
        message = _union_message(last)
    elif kind == "value_error":
        message = str(err.get("ctx", {}).get("error", err.get("msg", "")))
    else:
        message = _PYDANTIC_TEXT.get(kind, err.get("msg", ""))
        if kind in ("literal_error", "string_pattern_mismatch", "float_parsing") and last in _EXPECTED:
            message = f"{message}：{_EXPECTED[last]}"
    value = err.get("input")
    scalar = isinstance(value, str | int | float | bool) or value is None
    shown = "" if kind == "missing" or "input" not in err or not scalar else f"（值：{value!r}）"
    return f"{where}{shown}：{message}"


def _error_lines(exc: ValidationError, raw: Any) -> list[str]:
    """One Chinese line per problem; a union's failed members collapse into one line."""
    return list(dict.fromkeys(_error_text(err, raw) for err in exc.errors()))


def _validation_message(source: str, exc: ValidationError, raw: Any) -> str:
    lines = _error_lines(exc, raw)
    return f"计划文件 {source} 有 {len(lines)} 处问题：\n" + "\n".join(f"  - {x}" for x in lines)


def _read_yaml(path: Path, what: str) -> Any:
    return parse_yaml(read_text(path, what), str(path), what)


def plan_from_dict(raw: Any, *, source: str = "<内存>") -> Plan:
    """Validate a plan given as plain data (as parsed from YAML) and check its measures.

    Raises
    ------
    ConfigError
        If a field is missing or malformed, or a target names an unknown measure or a bad
        parameter; the message names the target and what is expected.
    """
    if not isinstance(raw, Mapping):
        raise ConfigError(f"计划文件 {source} 的顶层应为键值映射（plan、region、baseline_year、targets）。")
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_validation_message(source, exc, raw)) from None
    from junheng.ledger.measures import check_target_measure

    for target in plan.targets:
        check_target_measure(target, source=f"计划文件 {source}")
    return plan


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan YAML file.

    Examples
    --------
    >>> from pathlib import Path
    >>> import junheng
    >>> plan = load_plan(Path(junheng.__file__).parents[2] / "examples/plans/zhongmou.yaml")
    >>> plan.region.county_name, len(plan.targets)
    ('中牟县', 32)
    """
    path = Path(path)
    return plan_from_dict(_read_yaml(path, "计划"), source=str(path))


# --- evidence files -------------------------------------------------------------------


class EvidenceFile(_Model):
    """Manual values kept apart from the plan: ``values: {target_id: {year: entry}}``."""

    plan: str | None = None
    values: dict[str, dict[int, ManualEntry]] = Field(default_factory=dict)


def evidence_from_dict(raw: Any, *, source: str = "<内存>") -> EvidenceFile:
    """Validate an evidence file given as plain data."""
    if not isinstance(raw, Mapping):
        raise ConfigError(f"佐证文件 {source} 的顶层应为键值映射（plan、values）。")
    try:
        return EvidenceFile.model_validate(raw)
    except ValidationError as exc:
        lines = _error_lines(exc, raw)
        raise ConfigError(f"佐证文件 {source} 有 {len(lines)} 处问题：\n"
                          + "\n".join(f"  - {x}" for x in lines)) from None


def load_evidence(path: str | Path) -> EvidenceFile:
    """Read and validate an evidence YAML file (manual values per target and year)."""
    path = Path(path)
    return evidence_from_dict(_read_yaml(path, "佐证"), source=str(path))


def with_evidence(plan: Plan, evidence: EvidenceFile, *, source: str = "佐证文件") -> Plan:
    """A copy of ``plan`` whose manual targets carry the evidence file's entries.

    An entry in the evidence file replaces the plan's own entry for the same target and year.

    Raises
    ------
    ConfigError
        If the evidence file names another plan, an unknown target, a measured target, or a
        value whose type does not fit the target.
    """
    if evidence.plan is not None and evidence.plan != plan.plan:
        raise ConfigError(f"{source} 属于计划“{evidence.plan}”，不是“{plan.plan}”：请核对文件。")
    known = {t.id: t for t in plan.targets}
    for target_id in evidence.values:
        if target_id not in known:
            manual_ids = "、".join(t.id for t in plan.targets if t.is_manual) or "（无）"
            raise ConfigError(f"{source} 中的目标 “{target_id}” 不在计划中：可填报的目标有 {manual_ids}。")
        if not known[target_id].is_manual:
            raise ConfigError(f"{source} 中的目标 “{target_id}” 由数据测算，不能手工填报：请删除该项。")
    targets = []
    for target in plan.targets:
        extra = evidence.values.get(target.id)
        if extra:
            merged = {**target.manual_values, **extra}
            try:
                target = Target.model_validate({**target.model_dump(), "manual_values": merged})
            except ValidationError as exc:
                reason = "；".join(_error_lines(exc, None))
                raise ConfigError(f"{source} 中目标 “{target.id}” 的填报值有误：{reason}") from None
        targets.append(target)
    return plan.model_copy(update={"targets": tuple(targets)})
