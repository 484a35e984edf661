"""The staffing rules (编制标准, small-school class ratios, weekly class hours by grade) as data.

The rules live in ``standards/staffing.yaml`` with their sources; a province passes its own
copy. :func:`load_rules` validates the file and returns a frozen :class:`StaffingRules`.

Subjects are staffed by class hours (《义务教育课程方案（2022年版）》): ``grade_hours[g][k]`` is
the weekly hours of subject k in grade g (senior grades take the junior grades' hours), and a
stage's share of k, with the same number of classes in each of its grades, is
Σ_g hours[g][k] / Σ_g Σ_j hours[g][j] over the stage's grades (shared hours, taught by every
subject's teachers, left out).

Examples
--------
>>> rules = load_rules()
>>> rules.student_ratio["primary"], rules.student_ratio["junior"], rules.class_ratio["primary"]
(19.0, 13.5, 1.7)
>>> rules.stage_share("primary").get("history", 0), round(rules.stage_share("junior")["history"], 4)
(0, 0.098)
>>> round(sum(rules.stage_share("primary").values()), 6), rules.priority_subjects
(1.0, ('pe', 'music', 'art'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from junheng.errors import ConfigError
from junheng.model import codes, numbers
from junheng.model.memo import per_file_version
from junheng.standards.files import frozen, pydantic_message, read_yaml

RULES_FILE = Path(__file__).resolve().parent.parent / "standards" / "staffing.yaml"
STAGE_KEYS = ("primary", "junior", "senior")
#: the grades of ``weekly_hours`` (一至九年级); senior grades take the junior grades' hours
HOUR_GRADES = (*codes.PRIMARY_GRADES, *codes.JUNIOR_GRADES)
_STAGE_GRADES = {"primary": codes.PRIMARY_GRADES, "junior": codes.JUNIOR_GRADES,
                 "senior": codes.SENIOR_GRADES}


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
    weekly_hours: dict[str, list[float]]
    shared_hours: list[float] = Field(default_factory=list)
    weekly_total: list[float]
    subject_groups: dict[str, str] = Field(default_factory=dict)
    priority_subjects: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class StaffingRules:
    """Students per staff by stage; the small-school rule; weekly hours by grade and subject
    (``grade_hours``, every grade code of a stage, senior as junior); subject groups."""

    name: str
    sources: tuple[str, ...]
    student_ratio: Mapping[str, float]
    small_max_students: int
    small_areas: tuple[str, ...]
    class_ratio: Mapping[str, float]
    grade_hours: Mapping[str, Mapping[str, float]]
    subject_groups: Mapping[str, str]
    priority_subjects: tuple[str, ...]

    @property
    def subjects(self) -> tuple[str, ...]:
        """The rule subjects, in the file's order."""
        return tuple(self.grade_hours[HOUR_GRADES[0]])

    def stage_share(self, stage: str) -> dict[str, float]:
        """Each subject's share of a stage's weekly hours, its grades weighted alike; subjects
        the stage does not teach are left out."""
        hours = {k: sum(self.grade_hours[g][k] for g in _STAGE_GRADES[stage])
                 for k in self.subjects}
        total = sum(hours.values())
        return {k: h / total for k, h in hours.items() if h > 0}

    def group_of(self, subject: str) -> str:
        """The subject a teacher of ``subject`` counts towards (``physics`` -> ``science``)."""
        return self.subject_groups.get(subject, subject)


def load_rules(path: Path | str | None = None) -> StaffingRules:
    """Read and check a staffing rules file (default: the national rules shipped), once per
    version of the file (:func:`~junheng.model.memo.per_file_version`): the rules are
    immutable and the 达标路径's and the layout's subject matching asks for them per teacher
    (39,000 reads, 80 % of the demo's layout step, before the cache); a file edited on disk
    (its time or size changed) is read again."""
    return _rules_of(Path(path) if path is not None else RULES_FILE)


def _read_rules(path: Path) -> StaffingRules:
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
        grade_hours=_grade_hours(parsed), subject_groups=frozen(parsed.subject_groups),
        priority_subjects=tuple(parsed.priority_subjects))


_rules_of = per_file_version(_read_rules)


def _grade_hours(parsed: _RulesFile) -> Mapping[str, Mapping[str, float]]:
    by_grade = {g: frozen({k: float(v[i]) for k, v in parsed.weekly_hours.items()})
                for i, g in enumerate(HOUR_GRADES)}
    senior = dict(zip(codes.SENIOR_GRADES, codes.JUNIOR_GRADES, strict=True))
    return frozen({**by_grade, **{s: by_grade[j] for s, j in senior.items()}})


def _check(parsed: _RulesFile, path: Path) -> None:
    known_subjects = set(codes.SUBJECTS.values())
    problems = []
    for stage in STAGE_KEYS:
        if parsed.student_ratio.get(stage, 0) <= 0:
            problems.append(f"生师比缺少学段 {codes.label_of(codes.STAGES, stage)} 或不为正数")
    unknown = (set(parsed.weekly_hours) | set(parsed.subject_groups)
               | set(parsed.subject_groups.values()) | set(parsed.priority_subjects)
               ) - known_subjects
    if unknown:
        problems.append(f"学科代码不存在：{'、'.join(sorted(unknown))}")
    problems.extend(_hour_problems(parsed))
    if set(parsed.small_school.areas) - {"urban", "town", "rural"}:
        problems.append("小规模学校适用区域只能是 urban、town、rural")
    if problems:
        raise ConfigError(f"编制标准文件 {path} 有误：{'；'.join(problems)}")


def _hour_problems(parsed: _RulesFile) -> list[str]:
    """The weekly hours: nine grades each, none negative, each grade's subjects and shared hours
    (地方课程、校本课程、班团队活动, no subject's) adding up to its total."""
    n, problems = len(HOUR_GRADES), []
    shared = parsed.shared_hours or [0.0] * n
    rows = {**parsed.weekly_hours, "地方课程、校本课程": shared, "周总课时": parsed.weekly_total}
    short = [k for k, v in rows.items() if len(v) != n]
    if short:
        return [f"每周课时应列一至九年级 {n} 个数：{'、'.join(short)}"]
    if any(h < 0 for v in rows.values() for h in v):
        problems.append("每周课时不能为负数")
    for i, total in enumerate(parsed.weekly_total):
        got = sum(v[i] for v in parsed.weekly_hours.values()) + shared[i]
        if abs(got - total) > 1e-9 or total <= 0:
            problems.append(f"{codes.label_of(codes.GRADES, HOUR_GRADES[i])}各科周课时合计 "
                            f"{numbers.trimmed(got)}，周总课时为 {numbers.trimmed(total)}")
    return problems
