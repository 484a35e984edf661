"""Domain errors. The core raises these; the CLI and web translate them at the edge.

Messages are in Simplified Chinese because users read them; they say what is wrong,
show the value, and say how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class JunhengError(Exception):
    """Base class of every error junheng reports to a user."""


class WorkbookError(JunhengError):
    """The file cannot be read as a county workbook at all (not xlsx, encrypted, corrupt)."""


@dataclass(frozen=True)
class Problem:
    """One located problem in a workbook: sheet, Excel row, column header, value, message;
    where the workbook was read, the column's letter in it and its header as the template
    writes it (unit included), so a user finds the cell (review rw 12).

    >>> str(Problem("班级", 50, "学生数", "58人", "“学生数”应填数字。", "D", "学生数（人）"))
    '班级 / 第 50 行 / D 列“学生数（人）”（值：58人）：“学生数”应填数字。'
    >>> Problem("学校", 3, "学校名称", None, "必填。").place
    '学校名称'
    """

    sheet: str
    row: int | None
    column: str | None
    value: object
    message: str
    letter: str | None = field(default=None, compare=False)  # derived from the header
    heading: str | None = field(default=None, compare=False)

    @property
    def place(self) -> str:
        """The column as a user finds it: 「D 列“学生数（人）”」, or its header alone."""
        if self.letter:
            return f"{self.letter} 列“{self.heading or self.column}”"
        return self.heading or self.column or ""

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.place:
            where.append(self.place)
        shown = "" if self.value is None else f"（值：{self.value}）"
        return f"{' / '.join(where)}{shown}：{self.message}"


class ValidationError(JunhengError):
    """The workbook was read but breaks one or more rules; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(f"工作簿有 {len(self.problems)} 处问题，未做任何导入。")


class StoreError(JunhengError):
    """The store refused an operation (county-year present, not found, conflicting edit)."""


class AccessDenied(StoreError):
    """The user's role or scope does not allow the operation (the web answers 403)."""


class NotFittedError(JunhengError):
    """A forecaster was asked to predict before it was fitted."""


class InfeasibleError(JunhengError):
    """An optimisation problem has no feasible solution; the message explains why."""

    def __init__(self, message: str, *, details: dict | None = None):
        self.details = details or {}
        super().__init__(message)


class SolverError(JunhengError):
    """A solver stopped without a usable answer; carries status, bound and gap."""

    def __init__(self, message: str, *, status: str, bound: float | None = None,
                 gap: float | None = None):
        self.status = status
        self.bound = bound
        self.gap = gap
        super().__init__(message)


class ConfigError(JunhengError):
    """A plan, standard or overlay file is malformed or names something unknown."""


class FormErrors(ConfigError):
    """Every field of a form that was refused, each message apart, so a form lists them all
    at once (web review rw 15: one error per submission); as text, the messages in turn."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


def messages_of(exc: ConfigError) -> list[str]:
    """The messages of a refused form (:class:`FormErrors`), or the one of any ConfigError."""
    return list(getattr(exc, "messages", None) or [str(exc)])
