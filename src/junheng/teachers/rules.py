"""The staffing rules (编制标准, small-school class ratios, subject shares) as data.

The rules live in ``standards/staffing.yaml`` with their sources; a province passes its own
copy. :func:`load_rules` validates the file and returns a frozen :class:`StaffingRules`.

Examples
--------
>>> rules = load_rules()
>>> rules.student_ratio["primary"], rules.student_ratio["junior"], rules.class_ratio["primary"]
(19.0, 13.5, 1.7)
>>> round(sum(rules.subject_share.values()), 6), rules.priority_subjects
(1.0, ('pe', 'music', 'art'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from junheng.errors import ConfigError
from junheng.model import codes
from junheng.standards.files import frozen, pydantic_message, read_yaml

RULES_FILE = Path(__file__).resolve().parent.parent / "standards" / "staffing.yaml"
STAGE_KEYS = ("primary", "junior", "senior")


class _SmallSchool(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_students: int = Field(ge=0)
    areas: list[str]
    class_ratio: dict[str, float]


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    sources: list[str] = Field(min_length=1)
    student_ratio: dict[str, float]
    small_school: _SmallSchool
    subject_share: dict[str, float]
    subject_groups: dict[str, str] = Field(default_factory=dict)
    priority_subjects: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class StaffingRules:
    """Students per staff by stage; the small-school rule; subject shares and groups."""

    name: str
    sources: tuple[str, ...]
    student_ratio: Mapping[str, float]
    small_max_students: int
    small_areas: tuple[str, ...]
    class_ratio: Mapping[str, float]
    subject_share: Mapping[str, float]
    subject_groups: Mapping[str, str]
    priority_subjects: tuple[str, ...]

    def group_of(self, subject: str) -> str:
        """The subject a teacher of ``subject`` counts towards (``physics`` -> ``science``)."""
        return self.subject_groups.get(subject, subject)


def load_rules(path: Path | str | None = None) -> StaffingRules:
    """Read and check a staffing rules file (default: the national rules shipped)."""
    path = Path(path) if path is not None else RULES_FILE
    raw = read_yaml(path, "编制标准")
    try:
        parsed = _RulesFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"编制标准文件 {path} 有误：{pydantic_message(exc)}") from None
    _check(parsed, path)
    small = parsed.small_school
    return StaffingRules(
        name=parsed.name, sources=tuple(parsed.sources),
        student_ratio=frozen({k: float(v) for k, v in parsed.student_ratio.items()}),
        small_max_students=small.max_students, small_areas=tuple(small.areas),
        class_ratio=frozen({k: float(v) for k, v in small.class_ratio.items()}),
        subject_share=frozen(parsed.subject_share), subject_groups=frozen(parsed.subject_groups),
        priority_subjects=tuple(parsed.priority_subjects))


def _check(parsed: _RulesFile, path: Path) -> None:
    known_subjects = set(codes.SUBJECTS.values())
    problems = []
    for stage in STAGE_KEYS:
        if parsed.student_ratio.get(stage, 0) <= 0:
            problems.append(f"生师比缺少学段 {codes.label_of(codes.STAGES, stage)} 或不为正数")
    unknown = (set(parsed.subject_share) | set(parsed.subject_groups)
               | set(parsed.subject_groups.values()) | set(parsed.priority_subjects)
               ) - known_subjects
    if unknown:
        problems.append(f"学科代码不存在：{'、'.join(sorted(unknown))}")
    total = sum(parsed.subject_share.values())
    if abs(total - 1) > 1e-6:
        problems.append(f"学科配置比例合计为 {total:.3f}，应为 1")
    if set(parsed.small_school.areas) - {"urban", "town", "rural"}:
        problems.append("小规模学校适用区域只能是 urban、town、rural")
    if problems:
        raise ConfigError(f"编制标准文件 {path} 有误：{'；'.join(problems)}")
