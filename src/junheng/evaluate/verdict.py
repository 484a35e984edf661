"""The verdict of one evaluation: what fails, what waits, what is met, each counted apart.

A 评估单位 failing the school rule is no indicator: :attr:`Verdict.problems` and
:attr:`Verdict.counts` say the indicators and the units each with its own noun (planner
review 2026-12-05 finding 2: 「未达标 60 项」 were 15 indicators and 45 schools).
"""

from __future__ import annotations

from dataclasses import dataclass

from junheng.model.labels import STAGE_LABELS, VERDICT_LABELS
from junheng.standards import AREAS


@dataclass(frozen=True)
class Failure:
    """One failing (or pending) item of the verdict, with a Chinese sentence."""

    area: str
    id: str
    name: str
    message: str
    stage: str | None = None
    unit_id: str | None = None
    closes: str = ""




@dataclass(frozen=True)
class Verdict:
    """The three-valued verdict: 未达标 when anything fails, else 待核实 while any item waits
    for evidence or a figure (each pending entry says what closes it), else 达标.

    ``failures`` holds indicators (items and 差异系数) and 评估单位 failing the school rule
    alike; :attr:`failed_indicators` and :attr:`failed_units` count them apart (planner review
    2026-12-05 finding 2: 「未达标 60 项」 were 15 indicators and 45 schools)."""

    failures: tuple[Failure, ...]
    pending: tuple[Failure, ...]
    met_items: int = 0  # items (not schools or CVs) that are met
    attested: tuple[str, ...] = ()  # names of the met items that rest on 县级认定 alone
    met_cvs: int = 0  # 差异系数 (and composite CVs) within their limit
    units_met: int = 0  # 评估单位 meeting the school rule

    @property
    def status(self) -> str:
        """``fail``, ``pending`` or ``pass``."""
        if self.failures:
            return "fail"
        return "pending" if self.pending else "pass"

    @property
    def passes(self) -> bool:
        """True only when nothing fails and nothing is open."""
        return self.status == "pass"

    @property
    def label(self) -> str:
        """达标 / 未达标 / 待核实."""
        return VERDICT_LABELS[self.status]

    @property
    def failed_units(self) -> tuple[Failure, ...]:
        """The 评估单位 failing the school rule (one school per stage, not an indicator)."""
        return tuple(f for f in self.failures if f.id == SCHOOL_RULE)

    @property
    def failed_indicators(self) -> tuple[Failure, ...]:
        """The failing indicators: items and 差异系数 (each stage's counted once)."""
        return tuple(f for f in self.failures if f.id != SCHOOL_RULE)

    @property
    def problems(self) -> str:
        """The failures, each count with its own noun.

        >>> unit = Failure("resources", SCHOOL_RULE, "学校达标", "", "primary", "u1")
        >>> item = Failure("guarantee", "g1", "某项", "")
        >>> Verdict((item, unit, unit), ()).problems
        '未达标指标 1 项，另有 2 个评估单位未达到学校达标要求'
        >>> Verdict((unit,), ()).problems, Verdict((item,), ()).problems
        ('1 个评估单位未达到学校达标要求', '未达标指标 1 项')
        """
        n, units = len(self.failed_indicators), len(self.failed_units)
        said = f"{units:,} 个评估单位未达到学校达标要求"
        if not units:
            return f"未达标指标 {n:,} 项"
        return f"未达标指标 {n:,} 项，另有 {said}" if n else said

    @property
    def counts(self) -> str:
        """Failures, pending items and passes, indicators and 评估单位 each counted apart.

        >>> unit = Failure("resources", SCHOOL_RULE, "学校达标", "", "primary", "u1")
        >>> cv = Failure("cv", "c1", "某系数", "", "junior")
        >>> Verdict((cv, unit), (), met_items=5, attested=("甲",), met_cvs=3, units_met=4).counts
        '未达标指标 1 项（资源配置差异系数 1 项），另有 1 个评估单位（小学 1 个）未达到学校达标要求；待核实 0 项；达标指标 8 项（其中 1 项依县级认定），另有 4 个评估单位达到学校达标要求'
        """
        text = f"未达标指标 {len(self.failed_indicators):,} 项"
        if self.failed_indicators:
            text += f"（{_by_area(self.failed_indicators)}）"
        if self.failed_units:
            text += f"，另有 {len(self.failed_units):,} 个评估单位（{_by_stage(self.failed_units)}）未达到学校达标要求"
        text += f"；待核实 {len(self.pending):,} 项；达标指标 {self.met_items + self.met_cvs:,} 项"
        if self.attested:
            text += f"（其中 {len(self.attested):,} 项依县级认定）"
        if self.units_met:
            text += f"，另有 {self.units_met:,} 个评估单位达到学校达标要求"
        return text


SCHOOL_RULE = "school_rule"  # the Failure id of a 评估单位 failing the school rule
CV_AREA = "资源配置差异系数"


def _by_area(failures: tuple[Failure, ...]) -> str:
    """'资源配置差异系数 3 项、政府保障程度 10 项', areas in order of first failure."""
    areas = [CV_AREA if f.area == "cv" else AREAS.get(f.area, f.area) for f in failures]
    return "、".join(f"{a} {areas.count(a):,} 项" for a in dict.fromkeys(areas))


def _by_stage(failures: tuple[Failure, ...]) -> str:
    """'小学 33 个、初中 12 个'."""
    stages = [STAGE_LABELS.get(f.stage or "", "其他") for f in failures]
    return "、".join(f"{s} {stages.count(s):,} 个" for s in dict.fromkeys(stages))
