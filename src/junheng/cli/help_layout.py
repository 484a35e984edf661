"""``--help`` laid out for Chinese at any terminal width (brief hd 4).

Typer formats help with its own copy of Click (``typer._click``), which measures text by
characters and breaks lines only at spaces: a Chinese character fills two columns, so at 80
columns a line of 60 characters ran 120 columns wide, and a sentence without spaces was cut
at an arbitrary character (``examples/overlay`` / ``s/henan.yaml``). :func:`install` makes it
measure display columns and break between Chinese characters (never before a closing mark
such as ，。）, never after an opening one such as （“), keeping a run of Latin letters, digits
and signs (a path, an option, ``quality-2017``) whole unless it is longer than a line.

It also writes the parameter types in Chinese (``<str>`` -> ``<文本>``, ``[x>=0]`` ->
``[不小于 0]``), the last English words Typer put on a help page.

>>> display_width("均衡 ok")
7
>>> wrap_lines("教学点处理方式：并入所属中心校（默认，也可写 merge）或单独作为评估单位。", 20)
['教学点处理方式：并入', '所属中心校（默认，也', '可写 merge）或单独作', '为评估单位。']
>>> wrap_lines("佐证文件（.yaml，格式见 docs/plan-yaml.md）。", 28)
['佐证文件（.yaml，格式见', 'docs/plan-yaml.md）。']
>>> zh_type("<list[Path]>"), zh_type("<int range>"), zh_type("<str>"), zh_type("<yes|no>")
('<路径，可多个>', '<整数>', '<文本>', '<yes|no>')
>>> zh_range(0, None), zh_range(None, 9), zh_range(1, 5)
('不小于 0', '不大于 9', '1 至 5')
"""

from __future__ import annotations

import re
import unicodedata

from typer._click._compat import strip_ansi
from typer._click._textwrap import TextWrapper

#: marks a line never starts with, and marks a line never ends with
CLOSING = set("，。、；：！？）》」』”’】〕…%.,;:!?)]}")
OPENING = set("（《「『“‘【〔")
TYPE_LABELS = {"str": "文本", "int": "整数", "float": "数字", "path": "路径", "Path": "路径",
               "file": "文件", "dir": "目录", "directory": "目录", "bool": "是/否",
               "int range": "整数", "float range": "数字", "datetime": "日期时间"}
_LIST = re.compile(r"^list\[(.+)\]$")


def display_width(text: str) -> int:
    """Columns ``text`` fills in a terminal: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in strip_ansi(text))


def _pieces(chunk: str) -> list[str]:
    """A chunk split between its wide characters (a Latin run stays whole)."""
    out: list[str] = []
    for c in chunk:
        wide = unicodedata.east_asian_width(c) in "WF"
        if out and not wide and not out[-1][-1:].isspace() and \
                unicodedata.east_asian_width(out[-1][-1]) not in "WF":
            out[-1] += c
        else:
            out.append(c)
    return out


def _glued(chunks: list[str]) -> list[str]:
    """Closing marks joined to the chunk before them, opening marks to the chunk after."""
    out: list[str] = []
    carry = ""
    for chunk in chunks:
        if chunk and chunk[0] in CLOSING and out and not out[-1].isspace():
            out[-1] += carry + chunk
        else:
            out.append(carry + chunk)
        carry = ""
        if out[-1] and out[-1][-1] in OPENING and not out[-1].isspace():
            carry = out.pop()
    return out + ([carry] if carry else [])


def _cut(text: str, width: int) -> tuple[str, str]:
    """``text`` split where its first part fills ``width`` columns (at least one character)."""
    used = 0
    for i, c in enumerate(text):
        used += display_width(c)
        if used > width:
            return text[:max(i, 1)], text[max(i, 1):]
    return text, ""


class WideTextWrapper(TextWrapper):
    """Typer's wrapper measuring display columns and breaking between Chinese characters,
    never at a hyphen: 「docs/plan-yaml.md」 came out as 「docs/plan-」 / 「yaml.md」."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **{**kwargs, "break_on_hyphens": False})

    def _split(self, text: str) -> list[str]:
        return _glued([p for chunk in super()._split(text) for p in _pieces(chunk)])

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        lines: list[str] = []
        chunks.reverse()
        while chunks:
            indent = self.subsequent_indent if lines else self.initial_indent
            width = max(self.width - display_width(indent), 1)
            if self.drop_whitespace and lines and not chunks[-1].strip():
                chunks.pop()
                continue
            line: list[str] = []
            used = 0
            while chunks and used + display_width(chunks[-1]) <= width:
                used += display_width(chunks[-1])
                line.append(chunks.pop())
            if chunks and not line:  # a word longer than a line: cut it
                head, chunks[-1] = _cut(chunks[-1], width)
                line.append(head)
            if self.drop_whitespace and line and not line[-1].strip():
                line.pop()
            if line:
                lines.append(indent + "".join(line))
        return lines


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns (:class:`WideTextWrapper`)."""
    return WideTextWrapper(width).wrap(text)


def zh_type(label: str) -> str:
    """A Typer type label (``<int>``, ``<list[Path]>``) in Chinese; choices stay as typed."""
    inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
    many = _LIST.match(inner)
    name = many.group(1) if many else inner
    zh = TYPE_LABELS.get(name, name)
    return f"<{zh}，可多个>" if many else f"<{zh}>"


def zh_range(low, high) -> str | None:
    """A number range as the help's extra: 不小于 0, 不大于 9, 1 至 5."""
    if low is None and high is None:
        return None
    if high is None:
        return f"不小于 {low}"
    if low is None:
        return f"不大于 {high}"
    return f"{low} 至 {high}"


def install() -> None:
    """Lay Typer's help out by display columns, its types and ranges in Chinese (idempotent)."""
    from typer import core
    from typer._click import _textwrap, formatting

    if _textwrap.TextWrapper is WideTextWrapper:
        return
    _textwrap.TextWrapper = WideTextWrapper
    formatting.term_len = display_width
    core.describe_number_range = zh_range
    plain = core._TyperParameter.display_type
    core._TyperParameter.display_type = lambda self, ctx: zh_type(plain(self, ctx))
