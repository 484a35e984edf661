"""One 建设项目 as every plan reports it (:mod:`junheng.planning.projects` counts them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from junheng.model.codes_v2 import PROJECT_STATUSES, PROJECT_TYPES

COUNTED_STATUSES = ("under_construction", "planned")
SCHOOL_START = (9, 1)  # the school year starts on 1 September
PENDING = "待核实"
#: A 在建 or 规划 project whose 竣工日期 is before the day the plan is made (review finding 12).
OVERDUE = "计划竣工已过，请更新项目状态"
#: How an overdue project is counted (:meth:`ProjectEntry.in_use_from`), said once where the
#: overdue projects are listed: not in the school year already begun on the plan date, so from
#: the next one at the earliest; a further delay puts off what it is counted for.
OVERDUE_RULE = ("逾期项目按编制日尚未开学的第一个学年起计入（本学年已开学，这是其最早可能投入使用的学年），"
                "须县政府督办；再推迟竣工，其新增教室、学位和以其为保障的事项相应推迟")
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

    def in_use_from(self, today: date | None = None) -> int:
        """The first school year the project is in use: the one after its 竣工日期
        (:func:`first_year`), or, when it is :meth:`overdue` on ``today``, the first one
        starting on or after ``today`` (a school year already begun without it does not
        count it; planner review 2026-12-05 finding 2).

        >>> e = ProjectEntry("教学楼", "S1", "实验小学", "expansion", "under_construction",
        ...                  date(2025, 12, 30), "新增学位 630 个")
        >>> e.in_use_from(), e.in_use_from(date(2026, 6, 1)), e.in_use_from(date(2026, 12, 5))
        (2026, 2026, 2027)
        """
        if self.completion is None:
            raise ValueError(f"{self.name} has no completion date")
        return first_year(today if self.overdue(today) else self.completion)

    def late(self, today: date | None) -> str:
        """For an :meth:`overdue` project, what a signed text says of it: overdue, its planned
        completion and the school year it is counted from by :data:`OVERDUE_RULE`
        (:meth:`in_use_from`); "" otherwise (rv5 11: five overdue projects read as delivered).

        >>> e = ProjectEntry("教学楼", "S1", "实验小学", "expansion", "under_construction",
        ...                  date(2025, 12, 30), "新增学位 630 个")
        >>> e.late(date(2026, 12, 5)), e.late(date(2025, 6, 1))
        ('已逾期（原计划 2025 年 12 月竣工），按最早 2027 学年起投入使用计，须县政府督办', '')
        """
        if not self.overdue(today):
            return ""
        return (f"已逾期（原计划 {self.completion.year} 年 {self.completion.month} 月竣工），"
                f"按最早 {self.in_use_from(today)} 学年起投入使用计，须县政府督办")

    def not_begun_floor(self, today: date | None, leads: Mapping[str, int] | None) -> int:
        """The earliest school year a 规划 project not begun can be in use
        (:func:`~.layout_conditions.planned_floor`) where it is after the one its 竣工日期
        gives; 0 otherwise (no ``leads`` or ``today``, begun, overdue, or in time)."""
        from junheng.planning.layout_conditions import planned_floor

        if self.completion is None or today is None or self.overdue(today):
            return 0
        floor = planned_floor(self.status, self.project_type, today, leads)
        return floor if floor > first_year(self.completion) else 0

    def line(self, today: date | None = None, leads: Mapping[str, int] | None = None) -> str:
        """One Chinese line: name, school, what it adds and when (or why not counted); with
        ``today``, a project past its 竣工日期 but not 竣工 says so (:data:`OVERDUE`).

        >>> e = ProjectEntry("实验小学教学楼", "S1", "实验小学", "expansion", "under_construction",
        ...                  date(2025, 12, 30), "新增学位 630 个")
        >>> e.line(date(2026, 12, 4))
        '实验小学教学楼（实验小学，改扩建，在建，2025 年 12 月竣工；计划竣工已过，请更新项目状态）：新增学位 630 个'

        A 规划 project not begun whose build time (``leads``: project type → school years,
        :func:`~.layout_conditions.lead_years`) puts its first school year in use after the one
        its 竣工日期 gives says so, as 表3 does (review rv6 N10: 余下洼 「规划，2027 年 8 月竣工」):

        >>> p = ProjectEntry("迁建工程", "S2", "余下洼村小学", "relocation", "planned",
        ...                  date(2027, 8, 31), "建筑面积 2,600 平方米")
        >>> p.line(date(2026, 12, 5), {"relocation": 2})
        '迁建工程（余下洼村小学，迁建，规划，未开工，原计划 2027 年 8 月竣工，按未开工项目的建设周期最早 2029 学年投入使用）：建筑面积 2,600 平方米'
        >>> p.line(date(2026, 12, 5))
        '迁建工程（余下洼村小学，迁建，规划，2027 年 8 月竣工）：建筑面积 2,600 平方米'
        """
        when = (f"{self.completion.year} 年 {self.completion.month} 月竣工"
                if self.completion else f"竣工日期{PENDING}")
        if floor := self.not_begun_floor(today, leads):
            when = f"未开工，原计划 {when}，按未开工项目的建设周期最早 {floor} 学年投入使用"
        late = f"；{OVERDUE}" if self.overdue(today) else ""
        head = f"{self.name}（{self.school}，{TYPE_LABELS.get(self.project_type, '其他')}，" \
               f"{_STATUS_LABELS.get(self.status, '状态未填')}，{when}{late}）"
        return f"{head}：{self.reason}" if self.reason else f"{head}：{self.adds}"


def first_year(completion: date) -> int:
    """The first school year a project finished on ``completion`` is in use.

    >>> first_year(date(2026, 8, 20)), first_year(date(2025, 12, 30))
    (2026, 2026)
    """
    return completion.year if completion <= date(completion.year, *SCHOOL_START) \
        else completion.year + 1


__all__ = ["COUNTED_STATUSES", "OVERDUE", "PENDING", "SCHOOL_START", "ProjectEntry", "first_year"]


def overdue_clause(projects, school_id: str, today: date | None) -> str:
    """What a row relying on ``school_id``'s projects (the 建设项目 table) adds while one of them
    is overdue on ``today``: 「；<project>已逾期（原计划 …竣工），按最早 N 学年起投入使用计，须县政府督办」
    (rv5 11: 「由在建项目保障」 read as done for projects past their date); '' otherwise.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"school_id": ["C", "C"], "name": ["迁建工程", "运动场"],
    ...     "project_type": ["relocation", "sports_field"], "status": "under_construction",
    ...     "completion_date": pd.to_datetime(["2026-08-31", "2027-06-30"])})
    >>> overdue_clause(rows, "C", date(2026, 12, 5))
    '；迁建工程已逾期（原计划 2026 年 8 月竣工），按最早 2027 学年起投入使用计，须县政府督办'
    >>> overdue_clause(rows, "C", date(2026, 6, 1)), overdue_clause(rows, "D", date(2026, 12, 5))
    ('', '')
    """
    if projects is None or today is None or not len(projects):
        return ""
    for row in projects[projects["school_id"].astype(str) == str(school_id)].itertuples():
        done = None if row.completion_date is None or row.completion_date != row.completion_date \
            else row.completion_date.date()
        entry = ProjectEntry(str(row.name), str(school_id), "", str(row.project_type),
                             str(row.status), done, "")
        if entry.overdue(today):
            return f"；{entry.name}{entry.late(today)}"
    return ""
