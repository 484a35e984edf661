"""One 建设项目 as every plan reports it (:mod:`junheng.planning.projects` counts them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from junheng.model.codes_v2 import PROJECT_STATUSES, PROJECT_TYPES

COUNTED_STATUSES = ("under_construction", "planned")
PENDING = "待核实"
#: A 在建 or 规划 project whose 竣工日期 is before the day the plan is made (review finding 12).
OVERDUE = "计划竣工已过，请更新项目状态"
#: project type code -> its label (迁建, 新建, 改扩建 …, 其他)
TYPE_LABELS = {v: k for k, v in PROJECT_TYPES.items()}
_STATUS_LABELS = {v: k for k, v in PROJECT_STATUSES.items()}


@dataclass(frozen=True)
class ProjectEntry:
    """One project as a plan reports it: what it adds, or why it is not counted."""

    name: str
    school_id: str
    school: str
    project_type: str
    status: str
    completion: date | None
    adds: str
    reason: str = ""
    rooms: int = 0
    places: int = 0  # the 新增学位 the county filled in (0 when not filled or not counted)

    @property
    def counted(self) -> bool:
        return not self.reason

    def overdue(self, today: date | None) -> bool:
        """Whether the project is still 在建 or 规划 on ``today`` though its 竣工日期 has passed."""
        return (today is not None and self.completion is not None
                and self.status in COUNTED_STATUSES and self.completion < today)

    def line(self, today: date | None = None) -> str:
        """One Chinese line: name, school, what it adds and when (or why not counted); with
        ``today``, a project past its 竣工日期 but not 竣工 says so (:data:`OVERDUE`).

        >>> e = ProjectEntry("实验小学教学楼", "S1", "实验小学", "expansion", "under_construction",
        ...                  date(2025, 12, 30), "新增学位 630 个")
        >>> e.line(date(2026, 12, 4))
        '实验小学教学楼（实验小学，改扩建，在建，2025 年 12 月竣工；计划竣工已过，请更新项目状态）：新增学位 630 个'
        """
        when = (f"{self.completion.year} 年 {self.completion.month} 月竣工"
                if self.completion else f"竣工日期{PENDING}")
        late = f"；{OVERDUE}" if self.overdue(today) else ""
        head = f"{self.name}（{self.school}，{TYPE_LABELS.get(self.project_type, '其他')}，" \
               f"{_STATUS_LABELS.get(self.status, '状态未填')}，{when}{late}）"
        return f"{head}：{self.reason}" if self.reason else f"{head}：{self.adds}"


__all__ = ["COUNTED_STATUSES", "OVERDUE", "PENDING", "ProjectEntry"]
