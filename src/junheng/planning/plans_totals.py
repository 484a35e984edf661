"""The 总投资 table (review rv15 9): the money totals the 整改措施 and the 自评 give in separate
sentences after a layout plan, in one table a planner reads row by row: each total, one-off or
yearly, and how the rows add (which rows are inside which; the 需论证 rows apart).

Every figure is a value of the plan's summary (``combined``, :func:`~.plans_combined.combined_summary`,
and the 达标路径's ``totals``) or one of the two sums the sentences print, worked out here once
for both (:func:`once_with_senior`, :func:`once_less`): nothing is computed twice.

The demo's shape, hand-worked: 5,156.52 + 1,874.12 = 7,030.64; 7,030.64 + 182.00 + 195.27 =
7,407.91; 1,874.12 + 195.27 = 2,069.39; 7,407.91 + 1,058.28 = 8,466.19; 7,407.91 − 599.10 =
6,808.81; 7,407.91 − 378.60 = 7,029.31:

>>> doc = {"totals": {"one_off": 2069.39}, "combined": {
...     "layout_construction": 5156.52, "compliance_construction": 1874.12, "construction": 7030.64,
...     "layout_temporary": 182.0, "compliance_other_once": 195.27, "once": 7407.91,
...     "senior": {"total": 1058.28}, "unsited": {"wan": 599.1}, "layout_review": 663.81,
...     "layout_land": {"wan": 378.6}, "compliance_apart": 1350.3, "yearly": -242.67,
...     "recurring": -1610.11, "by_year": {"years": [2027, 2034], "layout_recurring_years": list(range(2028, 2035)),
...                                         "recurring_years": list(range(2030, 2035))}}}
>>> for row in totals_rows(doc): print(row)
['1', '布局调整：建设投资', '5,156.52', '一次性', '计入 3']
['2', '达标路径：建设投资（不重复计布局调整的）', '1,874.12', '一次性', '计入 3']
['3', '一次性建设投资', '7,030.64', '一次性', '1＋2']
['4', '布局调整：过渡期临时周转', '182.00', '一次性', '计入 6，不计入 3']
['5', '达标路径：设备、培训、租赁校舍等', '195.27', '一次性', '计入 6，不计入 3']
['6', '一次性财政支出合计', '7,407.91', '一次性', '3＋4＋5']
['7', '其中达标路径一次性投入', '2,069.39', '一次性', '2＋5，在 6 内']
['8', '另需高中经费（与高中共用部分）', '1,058.28', '一次性', '不计入 6']
['9', '一次性投入（含高中部分）', '8,466.19', '一次性', '6＋8']
['10', '需论证：新建校舍本校用地放不下', '599.10', '一次性', '在 6 内']
['11', '一次性财政支出（不计 10）', '6,808.81', '一次性', '6－10']
['12', '需论证：布局调整接收学校补足的面积', '663.81', '一次性', '在 1 内']
['13', '其中待决策的相邻用地', '378.60', '一次性', '在 12 内']
['14', '一次性财政支出（不计 13）', '7,029.31', '一次性', '6－13']
['15', '需论证：达标路径本校用地放不下的体育运动场馆', '1,350.30', '一次性', '不计入 6']
['16', '经常性支出变化', '-242.67', '每年', '不与一次性相加']
['17', '经常性支出变化累计（2028—2034 学年）', '-1,610.11', '各学年之和', '不与一次性相加']
>>> totals_rows({"combined": None}), totals_rows({})
([], [])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from junheng.model.numbers import year_range

#: the table's title and its columns' heads
TITLE = "布局调整与达标路径总投资（万元）"
HEADS = ("序号", "项目", "万元", "性质", "与各行的关系")
#: the rows holding the layout plan's own totals, as the 布局调整方案 names them (:func:`layout_rows_said`)
LAYOUT_BUILD, LAYOUT_TEMPORARY = "布局调整：建设投资", "布局调整：过渡期临时周转"
LAYOUT_REVIEW, LAYOUT_LAND = "需论证：布局调整接收学校补足的面积", "其中待决策的相邻用地"
#: the row of both plans' one-off total
ONCE_TOTAL = "一次性财政支出合计"


def _cents(value: Any) -> int:
    return round(float(value or 0.0) * 100)


def once_with_senior(doc: Mapping[str, Any]) -> float:
    """The one-off need with 高中's part of the shared buildings (``doc``: the combined summary),
    the sum the totals sentence prints (:func:`~.plans_apart.once_headline`).

    >>> once_with_senior({"once": 7294.42, "senior": {"total": 1058.28}})
    8352.7
    """
    return (_cents(doc["once"]) + _cents((doc.get("senior") or {}).get("total"))) / 100


def once_less(doc: Mapping[str, Any], wan: float) -> float:
    """The one-off total less ``wan`` 万元 of 需论证 inside it, the sum the sentences print
    (:func:`~.plans_together.review_lines`, :func:`~.plans_together.unsited_line`).

    >>> once_less({"once": 7407.91}, 599.1)
    6808.81
    """
    return (_cents(doc["once"]) - _cents(wan)) / 100


def totals_rows(doc: Mapping[str, Any]) -> list[list[str]]:
    """The table's rows (module docstring; ``doc``: the plan's JSON); [] without a layout plan."""
    c = doc.get("combined") or {}
    if not c:
        return []
    once, year = "一次性", "每年"
    rows: list[tuple[str, str, float, str, str]] = [
        ("lc", LAYOUT_BUILD, c["layout_construction"], once, "计入 {c}"),
        ("cc", "达标路径：建设投资（不重复计布局调整的）", c["compliance_construction"], once, "计入 {c}"),
        ("c", "一次性建设投资", c["construction"], once, "{lc}＋{cc}"),
        ("lt", LAYOUT_TEMPORARY, c.get("layout_temporary") or 0.0, once, "计入 {o}，不计入 {c}"),
        ("co", "达标路径：设备、培训、租赁校舍等", c.get("compliance_other_once") or 0.0, once, "计入 {o}，不计入 {c}"),
        ("o", ONCE_TOTAL, c["once"], once, "{c}＋{lt}＋{co}"),
    ]
    if (mine := (doc.get("totals") or {}).get("one_off")) is not None:
        rows.append(("m", "其中达标路径一次性投入", mine, once, "{cc}＋{co}，在 {o} 内"))
    if senior := (c.get("senior") or {}).get("total"):
        rows += [("s", "另需高中经费（与高中共用部分）", senior, once, "不计入 {o}"),
                 ("os", "一次性投入（含高中部分）", once_with_senior(c), once, "{o}＋{s}")]
    rows += _review_rows(c) + unplanned_rows(doc)
    rows.append(("y", "经常性支出变化", c["yearly"], year, "不与一次性相加"))
    if (years := recurring_span(c.get("by_year") or {})) and "recurring" in c:
        rows.append(("r", f"经常性支出变化累计（{year_range(years[0], years[-1])} 学年）", c["recurring"],
                     "各学年之和", "不与一次性相加"))
    return numbered(rows)


def recurring_span(by: Mapping[str, Any], layout_only: bool = False) -> list[int]:
    """The school years the 经常性支出变化累计 adds (``by``: the year table, :func:`~.plans_combined.
    combined_years`): the layout's from when its changes take effect and, unless ``layout_only``,
    the 达标路径's; the table's years where neither is given. One source for every label of that
    sum (review rv19: the web table's 「2027—2034 学年」 beside its 7 years 2028—2034).

    >>> by = {"years": [2027, 2034], "layout_recurring_years": [2028, 2029, 2030], "recurring_years": [2030, 2031]}
    >>> recurring_span(by), recurring_span(by, layout_only=True), recurring_span({"years": [2027, 2028]})
    ([2028, 2029, 2030, 2031], [2028, 2029, 2030], [2027, 2028])
    """
    keys = ("layout_recurring_years",) if layout_only else ("layout_recurring_years", "recurring_years")
    years = {int(y) for k in keys for y in by.get(k) or ()}
    return sorted(years) if years else [int(y) for y in by.get("years") or ()]


def numbered(rows: list[tuple[str, str, float, str, str]]) -> list[list[str]]:
    """Rows (key, label, 万元, kind, how) as the table prints them: each numbered, the keys in
    its label and how it adds (``{c}``) replaced by their rows' numbers.

    >>> numbered([("a", "甲", 1.0, "一次性", "计入 {b}"), ("b", "合计", 1.0, "一次性", "{a}")])
    [['1', '甲', '1.00', '一次性', '计入 2'], ['2', '合计', '1.00', '一次性', '1']]
    """
    number = {key: str(k) for k, (key, *_) in enumerate(rows, 1)}
    return [[number[key], label.format(**number), f"{float(wan):,.2f}", kind, how.format(**number)]
            for key, label, wan, kind, how in rows]


def _review_rows(c: Mapping[str, Any]) -> list[tuple[str, str, float, str, str]]:
    """The 需论证 rows: what each holds apart and the total without it."""
    rows = []
    if unsited := (c.get("unsited") or {}).get("wan"):
        rows += [("u", "需论证：新建校舍本校用地放不下", unsited, "一次性", "在 {o} 内"),
                 ("ou", "一次性财政支出（不计 {u}）", once_less(c, unsited), "一次性", "{o}－{u}")]
    if review := c.get("layout_review"):
        rows.append(("lr", LAYOUT_REVIEW, review, "一次性", "在 {lc} 内"))
        if land := (c.get("layout_land") or {}).get("wan"):
            rows += [("ll", LAYOUT_LAND, land, "一次性", "在 {lr} 内"),
                     ("ol", "一次性财政支出（不计 {ll}）", once_less(c, land), "一次性", "{o}－{ll}")]
    if apart := c.get("compliance_apart"):
        rows.append(("a", "需论证：达标路径本校用地放不下的体育运动场馆", apart, "一次性", "不计入 {o}"))
    return rows


#: the row of what bringing the area CVs under their limits would take, which neither plan does
UNPLANNED = "未安排：差异系数降到限值所需"


def unplanned_rows(doc: Mapping[str, Any]) -> list[tuple[str, str, float, str, str]]:
    """The row of :data:`UNPLANNED` (rv29 3: only 整改 表1 gave it; the totals read as the price of
    passing): the 万元 of every area CV's fill (``cv_fill``, :func:`~.cv_fill.cv_fills`) that
    reaches its limit, outside the total; said to hold the 需论证 sports land row where every
    school of it (``sports_path``) is filled on adjacent land at least as large, to overlap it
    where some is; [] without a priced fill.

    >>> fill = {"stage": "junior", "indicator": "sports_area_per_student",
    ...         "fill": {"cost": 4003.83, "schools": [{"school_id": "S", "land": 13546}]}}
    >>> doc = {"cv_fill": [fill], "combined": {"compliance_apart": 1207.95},
    ...        "sports_path": {"schools": [{"school_id": "S", "stage": "junior", "area_m2": 8053}]}}
    >>> unplanned_rows(doc)
    [('cv', '未安排：差异系数降到限值所需', 4003.83, '一次性', '不计入 {o}，含 {a}')]
    >>> doc["sports_path"]["schools"].append({"school_id": "T", "stage": "junior", "area_m2": 949})
    >>> unplanned_rows(doc)[0][-1], unplanned_rows({"cv_fill": [fill]})[0][-1]
    ('不计入 {o}，与 {a} 部分重叠', '不计入 {o}')
    >>> unplanned_rows({"cv_fill": [{**fill, "fill": None}]}), unplanned_rows({})
    ([], [])
    """
    fills = [f for f in doc.get("cv_fill") or [] if f.get("fill")]
    if not fills:
        return []
    land = {(f["stage"], str(x["school_id"])): float(x.get("land") or 0.0) for f in fills
            if f.get("indicator") == "sports_area_per_student" for x in f["fill"].get("schools") or []}
    apart = [((x.get("stage"), str(x.get("school_id"))), float(x.get("area_m2") or 0.0))
             for x in (doc.get("sports_path") or {}).get("schools") or [] if float(x.get("area_m2") or 0.0) > 0]
    if not (doc.get("combined") or {}).get("compliance_apart"):  # no row {a} to name
        apart = []
    held = [land.get(k, 0.0) >= m2 for k, m2 in apart]
    how = ("，含 {a}" if apart and all(held) else "，与 {a} 部分重叠" if any(k in land for k, _m2 in apart) else "")
    wan = sum(_cents(f["fill"]["cost"]) for f in fills) / 100
    return [("cv", UNPLANNED, wan, "一次性", "不计入 {o}" + how)]


def layout_rows_said(rows: list[list[str]]) -> str:
    """Where the 布局调整方案's own totals stand in the table (brief hwords6 1: its sentences
    give the layout plan's money, the table both plans'): each by its row, the one-off total as
    the sum of two; "" without the layout's rows.

    >>> rows = [["1", LAYOUT_BUILD], ["4", LAYOUT_TEMPORARY], ["12", LAYOUT_REVIEW], ["13", LAYOUT_LAND]]
    >>> print(layout_rows_said(rows))
    上文本方案的一次性建设投资为下表第 1 行，过渡期临时周转为第 4 行，一次性投入合计为第 1、4 行之和；接收学校补足生均面积（需论证）为第 12 行，其中待决策的相邻用地为第 13 行。
    >>> print(layout_rows_said(rows[:1]))
    上文本方案的一次性建设投资为下表第 1 行。
    >>> layout_rows_said([])
    ''
    """
    number = {str(label): str(n) for n, label, *_ in rows}
    if LAYOUT_BUILD not in number:
        return ""
    build = number[LAYOUT_BUILD]
    said = f"上文本方案的一次性建设投资为下表第 {build} 行"
    if temporary := number.get(LAYOUT_TEMPORARY):
        said += f"，过渡期临时周转为第 {temporary} 行，一次性投入合计为第 {build}、{temporary} 行之和"
    if review := number.get(LAYOUT_REVIEW):
        said += f"；接收学校补足生均面积（需论证）为第 {review} 行"
        if land := number.get(LAYOUT_LAND):
            said += f"，其中待决策的相邻用地为第 {land} 行"
    return said + "。"


__all__ = ["HEADS", "LAYOUT_BUILD", "LAYOUT_LAND", "LAYOUT_REVIEW", "LAYOUT_TEMPORARY", "ONCE_TOTAL", "TITLE", "UNPLANNED",
           "layout_rows_said", "numbered", "once_less", "once_with_senior", "recurring_span", "totals_rows",
           "unplanned_rows"]
