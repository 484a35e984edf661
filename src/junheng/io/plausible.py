"""Counts that may be right but seldom are: a notice naming the sheet, row, column and value.

Children of one age in one 村居 above :data:`~junheng.model.schema.AGE_NOTICE`, and births in
one 乡镇 in one year above :data:`~junheng.model.schema.BIRTHS_NOTICE`, are shown back to be
checked (the import goes on); above their column's maximum they are errors (rv2 finding 13:
1,500,000 typed as 1.5e6 passed without a word).

>>> from junheng.io import example_county
>>> from junheng.io.rule_context import Context
>>> data = example_county()
>>> villages = data.villages.copy()
>>> villages.loc[0, "age_0"] = 4500
>>> plausibility_notices(Context(data.with_tables(villages=villages), None))
['村居 / 第 2 行 / 0岁（值：4,500）：一个村居同一年龄的常住儿童超过 3,000 人，请核对是否多填了位数。']
"""

from __future__ import annotations

import numpy as np

from junheng.io.rule_context import Context
from junheng.model import SHEETS_BY_KEY
from junheng.model.schema import AGE_COLUMNS, AGE_NOTICE, BIRTHS_NOTICE

_CHECKS = (("villages", tuple(c.key for c in AGE_COLUMNS), AGE_NOTICE, "一个村居同一年龄的常住儿童"),
           ("births", ("births",), BIRTHS_NOTICE, "一个乡镇一年的出生人数"))


def plausibility_notices(ctx: Context) -> list[str]:
    """One notice per cell above its notice level and within its column's maximum (above
    the maximum the cell is an error already)."""
    notices = []
    for key, columns, level, what in _CHECKS:
        sheet = SHEETS_BY_KEY[key]
        for column in map(sheet.column, columns):
            values = ctx.frames[key][column.key].to_numpy(dtype=float, na_value=np.nan)
            with np.errstate(invalid="ignore"):
                odd = (values > level) & (values <= (column.maximum or np.inf))
            notices += [f"{sheet.name} / 第 {ctx.row(key, i)} 行 / {column.header}（值：{values[i]:,.0f}）："
                        f"{what}超过 {level:,} 人，请核对是否多填了位数。" for i in np.flatnonzero(odd)]
    return notices
