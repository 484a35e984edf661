"""The rules of the optional 乡镇 sheet (format v2): town codes and their names.

A 乡镇代码 is 9 digits (the column's own check) starting with the county code
(:func:`junheng.io.validate.check_code_prefixes`); here: no two towns share a name, and a
name is a 乡, 镇, 街道 (or 办事处, 苏木, 民族乡) name. When the sheet has rows, a town of 学校 or
村居 it does not list is a notice: that town's name is then read from its schools' names
(:func:`junheng.model.places.town_names`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from junheng.errors import Problem
from junheng.io.rule_context import Context, mask

_TOWN_NAME = re.compile(r"\S{1,20}?(镇|乡|街道|办事处|苏木)")


def check_town_names(ctx: Context) -> Iterator[Problem]:
    """Town names are 乡/镇/街道 names and differ between towns."""
    towns = ctx.frames["towns"]
    names = towns["town_name"].astype(object).map(
        lambda v: v.strip() if isinstance(v, str) else v)
    for i in np.flatnonzero(mask(names.notna())):
        name = names.iloc[i]
        if not _TOWN_NAME.fullmatch(name):
            yield ctx.problem("towns", i, "town_name", name,
                              "乡镇名称应为乡、镇或街道的全称，以“乡”“镇”“街道”“办事处”或“苏木”结尾"
                              "（如“城关镇”“河口乡”）。")
    first: dict[str, int] = {}
    for i in np.flatnonzero(mask(names.notna())):
        name = names.iloc[i]
        if name in first and towns["town_code"].iloc[i] != towns["town_code"].iloc[first[name]]:
            yield ctx.problem("towns", i, "town_name", name,
                              f"乡镇名称与第 {ctx.row('towns', first[name])} 行重复：同一县区的不同乡镇"
                              "名称不能相同，请核对乡镇代码。")
        first.setdefault(name, i)


def town_notices(ctx: Context) -> list[str]:
    """Towns of 学校 and 村居 the 乡镇 sheet does not list (only when it has rows)."""
    listed = set(ctx.frames["towns"]["town_code"].dropna().astype(str))
    if not listed:
        return []
    notices = []
    for key, sheet in (("schools", "学校"), ("villages", "村居")):
        used = ctx.frames[key]["town_code"].dropna().astype(str)
        missing = sorted(set(used) - listed)
        if missing:
            shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
            notices.append(f"“{sheet}”表的乡镇代码 {shown} 未列入“乡镇”表（共 {len(missing)} 个）："
                           "这些乡镇的名称按学校名称推断，建议在“乡镇”表补填。")
    return notices
