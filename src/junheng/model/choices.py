"""A rule chosen among a few, given by its code (``town``) or in its Chinese words (「乡镇」).

A command-line option or a setting takes the code the program uses and the words a bureau
user reads; a wrong value is refused in Chinese, naming the setting as the user reads it and
the values to choose from in their words, with no code or parameter name (review rw 9:
「entry_pool='乡镇' 无效：须为 town 或 zone」).

>>> ENTRY_POOLS.code("乡镇"), ENTRY_POOLS.code("zone"), ENTRY_POOLS.code(" 划片 ")
('town', 'zone', 'zone')
>>> ENTRY_POOLS.code("全县")
Traceback (most recent call last):
...
junheng.errors.ConfigError: 一年级生源口径“全县”无效：可选“乡镇”（所在乡镇出生，默认）或“划片”（划片村居）。
"""

from __future__ import annotations

from dataclasses import dataclass

from junheng.errors import ConfigError


@dataclass(frozen=True)
class Choice:
    """One value: its code, the words it is shown in (the first), other words for it, and
    what it means (empty when the words say it)."""

    code: str
    words: str
    meaning: str = ""
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choices:
    """The values of one setting, the first the default when ``default`` is set."""

    what: str
    choices: tuple[Choice, ...]
    default: str | None = None

    def code(self, value: str) -> str:
        """The code of ``value`` (its code or any of its words, spaces around ignored)."""
        given = str(value).strip()
        for choice in self.choices:
            if given == choice.code or given == choice.words or given in choice.also:
                return choice.code
        raise ConfigError(f"{self.what}“{value}”无效：可选{self.listed()}。")

    def listed(self) -> str:
        """「“乡镇”（所在乡镇出生，默认）或“划片”（划片村居）」: every value in its words."""
        shown = []
        for choice in self.choices:
            notes = [n for n in (choice.meaning, "默认" if choice.code == self.default else "") if n]
            shown.append(f"“{choice.words}”" + (f"（{'，'.join(notes)}）" if notes else ""))
        return "、".join(shown[:-1]) + f"或{shown[-1]}" if len(shown) > 1 else shown[0]

    def words(self, code: str) -> str:
        """The words ``code`` is shown in."""
        return next(c.words for c in self.choices if c.code == code)

    def only(self, *codes: str, what: str | None = None) -> Choices:
        """These values of the setting only (a command that takes fewer), named ``what``.

        >>> STANDARDS.only("quality-2017", "basic-2012").listed()
        '“优质均衡”（默认）或“基本均衡”'
        """
        return Choices(what or self.what, tuple(c for c in self.choices if c.code in codes),
                       self.default)


ENTRY_POOLS = Choices("一年级生源口径", (Choice("town", "乡镇", "所在乡镇出生"),
                                        Choice("zone", "划片", "划片村居")), default="town")
JUNIOR_POOLS = Choices("七年级生源口径", (Choice("county", "全县", "全县六年级按历史分配"),
                                         Choice("zone", "划片", "按划片")), default="county")
STAGES = Choices("学段", (Choice("primary", "小学"), Choice("junior", "初中")), default="primary")
ROLES = Choices("角色", (Choice("admin", "管理员"), Choice("inspector", "督学", "只读"),
                        Choice("school", "学校填报员", also=("学校",))))
#: the evaluation standards (junheng.standards.STANDARD_IDS) and 「全部」
STANDARDS = Choices("评估标准", (Choice("quality-2017", "优质均衡"), Choice("basic-2012", "基本均衡"),
                                Choice("preschool-2020", "学前普及普惠", also=("学前",)),
                                Choice("all", "全部", also=("两者",))), default="quality-2017")

__all__ = ["ENTRY_POOLS", "JUNIOR_POOLS", "ROLES", "STAGES", "STANDARDS", "Choice", "Choices"]
