"""班额与校额 (``class-size.yaml``): the one home of every class- and school-size threshold.

Standard classes per stage (an incomplete primary school or teaching point: its own size),
the 大班额 / 超大班额 bands, the 大校额 caps, kindergarten class caps and staffing ratios. The
evaluation, the forecast, the layout planner, the ledger and the reports all read them from a
:class:`ClassSizeStandard`; the 2017 and 2020 standards' class-size and school-size items take
their parameters from it too (see :func:`size_params`). A provincial overlay may change any
field in a section ``class-size`` (see :func:`apply_size_overlay`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from junheng.errors import ConfigError
from junheng.model.codes import GRADE_STAGE, GRADES, SCHOOL_TYPES, STAGES
from junheng.standards.files import Override, frozen, number, read_yaml

SIZE_RULES_ID = "class-size"
NUMBERS = ("incomplete_primary", "oversized_min", "extra_oversized_min", "nursery")
MAPPINGS = ("standard_class", "school_caps", "kindergarten_caps", "students_per_staff")
# What an overlay's change is called in reports (fields and the keys of their mappings).
FIELD_LABELS = {
    "standard_class": "标准班额", "incomplete_primary": "教学点（不完全小学）标准班额",
    "oversized_min": "大班额下限", "extra_oversized_min": "超大班额下限",
    "school_caps": "学校规模上限", "kindergarten_caps": "幼儿园班额上限", "nursery": "托班班额",
    "students_per_staff": "每名教职工对应学生数",
}
KEY_LABELS = {**{code: label for label, code in STAGES.items()},
              **{code: label for label, code in SCHOOL_TYPES.items()},
              **{code: label for label, code in GRADES.items()}, "default": "其他学校"}


@dataclass(frozen=True)
class ClassSizeStandard:
    """Class and school size limits (班额、校额) and staffing ratios.

    ``standard_class`` per stage (primary, junior, senior); ``incomplete_primary`` for the
    primary grades of a teaching point; a class of ``oversized_min`` or more is 大班额, of
    ``extra_oversized_min`` or more 超大班额; ``school_caps`` per school type (``default`` for
    the rest) bound the compulsory-stage students of a school (大校额 above);
    ``kindergarten_caps`` per kindergarten grade and ``nursery`` for 托班.
    """

    standard_class: Mapping[str, float]
    incomplete_primary: float
    oversized_min: int
    extra_oversized_min: int
    school_caps: Mapping[str, float]
    kindergarten_caps: Mapping[str, float]
    nursery: float
    students_per_staff: Mapping[str, float]
    sources: Mapping[str, str]
    overrides: tuple[Override, ...] = ()

    def school_cap(self, school_type: str) -> float:
        """The cap on compulsory-stage students for a school type."""
        return self.school_caps.get(school_type, self.school_caps["default"])

    @property
    def oversized_max(self) -> int:
        """The largest 大班额 class (one below 超大班额)."""
        return self.extra_oversized_min - 1

    @property
    def oversized_text(self) -> str:
        """'大班额（56–65 人）'."""
        return f"大班额（{self.oversized_min}–{self.oversized_max} 人）"

    @property
    def extra_oversized_text(self) -> str:
        """'超大班额（66 人及以上）'."""
        return f"超大班额（{self.extra_oversized_min} 人及以上）"

    @property
    def band_texts(self) -> tuple[str, str]:
        """Both band names with their sizes, 大班额 first."""
        return self.oversized_text, self.extra_oversized_text

    def grade_class_size(self, grade: str) -> float:
        """The standard class of a grade in a complete school (托班 ``nursery``).

        Examples
        --------
        >>> from junheng.standards import load_class_size
        >>> [load_class_size().grade_class_size(g) for g in ("k0", "k2", "g1", "g7", "s1")]
        [20.0, 30.0, 45.0, 50.0, 50.0]
        """
        if grade == "k0":
            return float(self.nursery)
        if grade in self.kindergarten_caps:
            return float(self.kindergarten_caps[grade])
        return float(self.standard_class[GRADE_STAGE[grade]])

    def class_sizes(self, school_types: Sequence[str] | np.ndarray, grades: Sequence[str]
                    ) -> np.ndarray:
        """Standard class per school and grade (schools × grades): a teaching point's primary
        grades take ``incomplete_primary``.

        Examples
        --------
        >>> from junheng.standards import load_class_size
        >>> load_class_size().class_sizes(["primary_school", "teaching_point"], ["g1", "g7"]).tolist()
        [[45.0, 50.0], [30.0, 50.0]]
        """
        types = np.asarray(school_types, dtype=object)
        sizes = np.array([self.grade_class_size(g) for g in grades], dtype=float)
        primary = np.array([GRADE_STAGE.get(g) == "primary" for g in grades], dtype=bool)
        incomplete = (types == "teaching_point")[:, None] & primary[None, :]
        return np.where(incomplete, float(self.incomplete_primary), sizes[None, :])


def read_size_rules(path: Path) -> ClassSizeStandard:
    """Parse ``class-size.yaml``."""
    raw = read_yaml(path, "班额标准")
    try:
        classes, schools, kindergarten = raw["classes"], raw["schools"], raw["kindergarten"]
        return ClassSizeStandard(
            standard_class=frozen(classes["standard"]),
            incomplete_primary=float(classes["incomplete_primary"]),
            oversized_min=int(classes["oversized_min"]),
            extra_oversized_min=int(classes["extra_oversized_min"]),
            school_caps=frozen(schools["caps"]),
            kindergarten_caps=frozen(kindergarten["caps"]),
            nursery=float(kindergarten["nursery"]),
            students_per_staff=frozen(raw["staffing"]["students_per_staff"]),
            sources=frozen({k: raw[k]["source"] for k in
                            ("classes", "schools", "kindergarten", "staffing")}),
        )
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"班额标准文件 {path.name} 缺少项 {exc}。") from None


def _overridden(rules: ClassSizeStandard, key: str, value: Any, where: str) -> Any:
    if key in NUMBERS:
        new = number(value, where)
        return int(new) if key in ("oversized_min", "extra_oversized_min") else new
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}：{key} 应为“名称: 数值”的对应表。")
    old = getattr(rules, key)
    bad = sorted(set(value) - set(old))
    if bad:
        raise ConfigError(f"{where}：{key} 中的“{'、'.join(map(str, bad))}”不存在，可用的为 "
                          f"{'、'.join(old)}。")
    return frozen({**old, **{k: number(v, f"{where} / {k}") for k, v in value.items()}})


def apply_size_overlay(rules: ClassSizeStandard, entries: Mapping[str, Any], label: str
                       ) -> ClassSizeStandard:
    """A copy of ``rules`` with an overlay's ``class-size`` entries applied.

    Raises
    ------
    ConfigError
        For an unknown field, a value that is not a number, or bands that no longer nest
        (超大班额 must start above 大班额).
    """
    unknown = sorted(set(entries) - set(NUMBERS) - set(MAPPINGS))
    if unknown:
        raise ConfigError(f"覆盖文件 {label} 中 {SIZE_RULES_ID} 的项“{'、'.join(unknown)}”不存在。"
                          f"可用的项：{'、'.join(NUMBERS + MAPPINGS)}。")
    changes, overrides = {}, []
    for key, value in entries.items():
        where = f"覆盖文件 {label} / {SIZE_RULES_ID} / {key}"
        changes[key] = _overridden(rules, key, value, where)
        old = getattr(rules, key)
        overrides.append(Override(SIZE_RULES_ID, key, dict(old) if isinstance(old, Mapping)
                                  else old, dict(changes[key]) if key in MAPPINGS
                                  else changes[key]))
    out = replace(rules, **changes, overrides=rules.overrides + tuple(overrides))
    if out.extra_oversized_min <= out.oversized_min:
        raise ConfigError(f"覆盖文件 {label}：超大班额下限 {out.extra_oversized_min} 人应大于大班额下限 "
                          f"{out.oversized_min} 人。")
    return out


def _value_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return "、".join(f"{KEY_LABELS.get(k, k)} {v:g}" for k, v in value.items())
    return f"{value:g}"


def override_text(override: Override) -> str:
    """An overlay's change of a size rule in words: '大班额下限 56 → 51'."""
    return (f"{FIELD_LABELS.get(override.field, override.field)} {_value_text(override.old)} → "
            f"{_value_text(override.new)}")


def size_params(formula: str, rules: ClassSizeStandard, stages: Sequence[str]
                ) -> Mapping[str, float] | None:
    """The parameters a size item of a standard takes from the size rules (None for other
    formulas): class caps per stage, school caps per type, kindergarten caps per grade."""
    if formula == "class_size":
        return frozen({s: rules.standard_class[s] for s in stages if s in rules.standard_class})
    if formula == "school_size":
        return frozen(rules.school_caps)
    if formula == "kindergarten_class_size":
        return frozen(rules.kindergarten_caps)
    return None
