"""Reading the standards' YAML files: frozen mappings, parse errors and numbers in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import ValidationError

from junheng.errors import ConfigError


def frozen(mapping: Mapping | None) -> Mapping:
    """A read-only copy of ``mapping`` (empty for None)."""
    return MappingProxyType(dict(mapping or {}))


def read_text(path: str | Path, what: str) -> str:
    """The UTF-8 text of the ``what`` file at ``path``; any reason it cannot be read is a
    :class:`ConfigError` in Chinese (no operating-system message reaches a user).

    >>> read_text("/nonexistent/plan.yaml", "方案")
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 找不到方案文件 /nonexistent/plan.yaml：请检查路径。
    """
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"找不到{what}文件 {path}：请检查路径。") from None
    except IsADirectoryError:
        raise ConfigError(f"{path} 是文件夹，不是{what}文件：请给出文件的路径。") from None
    except PermissionError:
        raise ConfigError(f"没有读取{what}文件 {path} 的权限：请检查文件权限。") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{what}文件 {path} 不是 UTF-8 编码的文本：请用 UTF-8 保存后重试。") from None
    except OSError:
        raise ConfigError(f"无法读取{what}文件 {path}：请检查路径和文件权限。") from None


def read_yaml(path: Path, what: str) -> Any:
    """The parsed YAML of ``path``; a missing or malformed file is a :class:`ConfigError`."""
    return parse_yaml(read_text(path, what), str(path), what)


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, but a date that is no date (``2026-13-01``) stays the text written, so
    the setting's check names the key and the value (review rv24 5: PyYAML's own "month must be
    in 1..12" reached a planner as 程序内部错误)."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A YAML date or time, or the text as written when it names no real day."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def parse_yaml(text: str, label: str, what: str) -> Any:
    """The parsed YAML ``text`` of the file called ``label``; malformed is a :class:`ConfigError`
    naming the line and column (the parser's English message is not shown).

    >>> parse_yaml("a: [1, 2", "plan.yaml", "方案")
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 方案文件 plan.yaml 格式有误（第 1 行第 9 列附近）：请检查缩进、冒号、括号和引号。
    """
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"（第 {mark.line + 1} 行第 {mark.column + 1} 列附近）" if mark else ""
        raise ConfigError(f"{what}文件 {label} 格式有误{at}：请检查缩进、冒号、括号和引号。") from None


def read_mapping(path: str | Path, what: str) -> dict:
    """The top-level mapping of a YAML file (``{}`` when empty); any other top level is refused."""
    raw = parse_yaml(read_text(path, what), str(path), what)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{what}文件 {path} 的顶层应为“键: 值”的列表（每行一个设置），"
                          "现在是一串条目或一个单独的值。")
    return raw


def field_reason(err: Mapping[str, Any]) -> str:
    """A pydantic error's reason in Chinese (its English ``msg`` is never shown): the one type
    the setting wants, the choices joined in Chinese.

    >>> field_reason({"type": "greater_than_equal", "ctx": {"ge": 0}})
    '应不小于 0'
    >>> field_reason({"type": "literal_error", "ctx": {"expected": "'entry' or 'whole'"}})
    '应为 entry 或 whole'
    >>> field_reason({"type": "int_parsing"}), field_reason({"type": "date_from_datetime_parsing", "input": "2026-13-01"})
    ('应为整数', '不是有效日期（月应为 1 至 12，日不超过该月天数），写作 年-月-日，如 2026-09-20')
    """
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    reasons = {"greater_than_equal": f"应不小于 {ctx.get('ge')}",
               "less_than_equal": f"应不大于 {ctx.get('le')}",
               "greater_than": f"应大于 {ctx.get('gt')}", "less_than": f"应小于 {ctx.get('lt')}",
               "finite_number": "应为有限的数值", "float_type": "应为数值（不加引号）",
               "float_parsing": "应为数值（只写数字和小数点）",
               "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数",
               "string_type": "应为文字", "list_type": "应为列表（写在方括号中，逗号分隔）",
               "tuple_type": "应为列表（写在方括号中，逗号分隔）",
               "dict_type": "应为“键: 值”的表（写在花括号中，或分行缩进）",
               "model_type": "应为“键: 值”的表（写在花括号中，或分行缩进）",
               "string_too_short": "不能为空", "extra_forbidden": "不是已知的字段",
               "missing": "缺少此字段", "bool_parsing": "应为 是 或 否", "bool_type": "应为 是 或 否",
               "literal_error": "应为 " + choices(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))}
    if kind in reasons:
        return reasons[kind]
    if kind.startswith("date_"):
        day = re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", str(err.get("input", "")))
        return ("不是有效日期（月应为 1 至 12，日不超过该月天数），" if day else "应为日期，") + \
            "写作 年-月-日，如 2026-09-20"
    return "类型不对" if kind.endswith(("_parsing", "_type")) else "取值无效"


def choices(values: Iterable[str], words: Mapping[str, str] | None = None) -> str:
    """The values a setting may take, each with its meaning in ``words``, joined in Chinese.

    >>> choices(["entry", "whole"], {"entry": "只对起始年级新生"})
    'entry（只对起始年级新生）或 whole'
    >>> choices(["a", "b", "c"])
    'a、b 或 c'
    """
    shown = [f"{v}（{words[v]}）" if words and v in words else str(v) for v in values]
    if len(shown) < 2:
        return "".join(shown)
    head, last = "、".join(shown[:-1]), shown[-1]
    return f"{head}{' ' * head[-1].isascii()}或{' ' * last[0].isascii()}{last}"


def pydantic_message(exc: ValidationError) -> str:
    """The first few validation errors as ``where（reason）`` joined by ``；``, in Chinese."""
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}（{field_reason(err)}）")
    return "；".join(parts)


def number(value: Any, where: str) -> float:
    """``value`` as a float; anything but a number is a :class:`ConfigError` naming ``where``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}：阈值“{value}”不是数字，请填写数值（比例填小数，如 0.90）。")
    return float(value)


@dataclass(frozen=True)
class Override:
    """One threshold or parameter an overlay changed."""

    indicator_id: str
    field: str
    old: Any
    new: Any
