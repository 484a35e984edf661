"""Reading the standards' YAML files: frozen mappings, parse errors and numbers in Chinese."""

from __future__ import annotations

from collections.abc import Mapping
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


def read_yaml(path: Path, what: str) -> Any:
    """The parsed YAML of ``path``; a missing or malformed file is a :class:`ConfigError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"找不到{what}文件 {path}：请检查路径。") from None
    return parse_yaml(text, str(path), what)


def parse_yaml(text: str, label: str, what: str) -> Any:
    """The parsed YAML ``text`` of the file called ``label``; malformed is a :class:`ConfigError`."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{what}文件 {label} 不是合法的 YAML：{exc}") from None


def pydantic_message(exc: ValidationError) -> str:
    """The first few validation errors as ``where（what）`` joined by ``；``."""
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}（{err['msg']}）")
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
