"""县管校聘 two-way selection files: the template and the reader.

One Excel file with three sheets, or three CSV files with the same columns:

- 教师志愿: 教师编号, 志愿1 … 志愿N (学校标识码, best first; blanks end the list);
- 学校排序: 学校标识码, 教师编号, 名次 (1 = the school's first choice);
- 岗位: 学校标识码, 岗位数, 保底人数 (may be blank: 0), 乡村学校 (是/否; blank: 否).
  Optional when posts come from the staffing step (:func:`posts_from_staffing`).

A bad cell raises a :class:`~junheng.errors.ValidationError` naming sheet, row, column and
value; nothing is changed.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from junheng.errors import Problem, ValidationError
from junheng.io.safety import check_workbook_file
from junheng.teachers.selection import SelectionInstance

CHOICES, RANKINGS, POSTS = "教师志愿", "学校排序", "岗位"
CHOICE_COUNT = 5
EXAMPLE_CHOICES = [["T0001", "4103060001", "4103060002", "", "", ""],
                   ["T0002", "4103060002", "", "", "", ""]]
EXAMPLE_RANKINGS = [["4103060001", "T0001", 1], ["4103060002", "T0002", 1],
                    ["4103060002", "T0001", 2]]
EXAMPLE_POSTS = [["4103060001", 1, 0, "否"], ["4103060002", 1, 1, "是"]]


def write_template(path):
    """Write the Excel template with example rows to a path or a binary buffer."""
    path = Path(path) if isinstance(path, str | Path) else path
    choices = pd.DataFrame(EXAMPLE_CHOICES,
                           columns=["教师编号", *(f"志愿{i}" for i in range(1, CHOICE_COUNT + 1))])
    rankings = pd.DataFrame(EXAMPLE_RANKINGS, columns=["学校标识码", "教师编号", "名次"])
    posts = pd.DataFrame(EXAMPLE_POSTS, columns=["学校标识码", "岗位数", "保底人数", "乡村学校"])
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        for name, frame in ((CHOICES, choices), (RANKINGS, rankings), (POSTS, posts)):
            frame.to_excel(writer, sheet_name=name, index=False)
    return path


def _fail(sheet: str, row: int | None, column: str | None, value, message: str):
    raise ValidationError([Problem(sheet, row, column, value, message)])


def _read(path: Path, sheet: str) -> pd.DataFrame:
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    check_workbook_file(path)            # zip bombs, legacy .xls, encrypted files
    try:
        return pd.read_excel(path, sheet_name=sheet, dtype=str, engine="openpyxl").fillna("")
    except ValueError:
        _fail(sheet, None, None, None, f"{path.name} 缺少此工作表，请按模板填写")


def _need(frame: pd.DataFrame, sheet: str, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        _fail(sheet, 1, "、".join(missing), None, "缺少此列，请按模板填写")


def _count(sheet: str, row: int, column: str, value: str, *, blank: int | None = None) -> int:
    text = str(value).strip()
    if text == "" and blank is not None:
        return blank
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < 0 or number != int(number):
        _fail(sheet, row, column, text, "应填非负整数")
    return int(number)


def read_choices(path: Path) -> dict[str, list[str]]:
    frame = _read(path, CHOICES)
    _need(frame, CHOICES, ("教师编号",))
    cols = [c for c in frame.columns if str(c).startswith("志愿")]
    prefs: dict[str, list[str]] = {}
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        values = dict(zip(frame.columns, row, strict=True))
        t = str(values["教师编号"]).strip()
        if not t:
            _fail(CHOICES, i, "教师编号", None, "不能为空")
        if t in prefs:
            _fail(CHOICES, i, "教师编号", t, "重复：每名教师一行")
        schools = [str(values[c]).strip() for c in cols if str(values[c]).strip()]
        if len(set(schools)) != len(schools):
            _fail(CHOICES, i, "志愿", t, "同一学校填报了不止一次")
        prefs[t] = schools
    return prefs


def read_rankings(path: Path) -> dict[str, list[str]]:
    frame = _read(path, RANKINGS)
    _need(frame, RANKINGS, ("学校标识码", "教师编号", "名次"))
    rows: dict[str, list[tuple[int, str]]] = {}
    for i, (s, t, r) in enumerate(zip(frame["学校标识码"], frame["教师编号"], frame["名次"],
                                      strict=True), start=2):
        rank = _count(RANKINGS, i, "名次", r)
        s, t = str(s).strip(), str(t).strip()
        if not s or not t:
            _fail(RANKINGS, i, "学校标识码" if not s else "教师编号", None, "不能为空")
        rows.setdefault(s, []).append((rank, t))
    out = {}
    for s, ranked in rows.items():
        ranked.sort()
        seen = [t for _, t in ranked]
        if len(set(seen)) != len(seen):
            _fail(RANKINGS, None, "教师编号", s, "该校对同一教师排了不止一个名次")
        out[s] = seen
    return out


def read_posts(path: Path) -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    frame = _read(path, POSTS)
    _need(frame, POSTS, ("学校标识码", "岗位数"))
    posts, minimum, rural = {}, {}, set()
    for i, row in enumerate(frame.to_dict("records"), start=2):
        s = str(row["学校标识码"]).strip()
        posts[s] = _count(POSTS, i, "岗位数", row["岗位数"])
        minimum[s] = _count(POSTS, i, "保底人数", row.get("保底人数", ""), blank=0)
        flag = str(row.get("乡村学校", "")).strip()
        if flag not in ("", "是", "否"):
            _fail(POSTS, i, "乡村学校", flag, "只能填“是”或“否”")
        if flag == "是":
            rural.add(s)
    return posts, minimum, frozenset(rural)


def has_posts(path: Path) -> bool:
    """True when the Excel file has a 岗位 sheet."""
    import openpyxl

    check_workbook_file(path)
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return POSTS in book.sheetnames
    finally:
        book.close()


def read_selection(choices: Path, rankings: Path | None = None,
                   posts: Path | tuple | None = None) -> SelectionInstance:
    """The instance from one Excel file (``choices`` only) or three CSV files; ``posts`` may
    also be ``(posts, minimum, rural)`` already known (from the staffing step)."""
    rankings = rankings or choices
    prefs = read_choices(Path(choices))
    ranks = read_rankings(Path(rankings))
    if isinstance(posts, tuple):
        seats, minimum, rural = posts
    else:
        seats, minimum, rural = read_posts(Path(posts or choices))
    unknown = sorted({s for ss in prefs.values() for s in ss} - set(seats))
    if unknown:
        _fail(CHOICES, None, "志愿", "、".join(unknown[:5]), f"填报的学校不在“{POSTS}”表中")
    strangers = sorted({t for ts in ranks.values() for t in ts} - set(prefs))
    if strangers:
        _fail(RANKINGS, None, "教师编号", "、".join(strangers[:5]), f"这些教师不在“{CHOICES}”表中")
    return SelectionInstance(prefs, {s: ranks.get(s, []) for s in seats}, seats,
                             {s: m for s, m in minimum.items() if m}, rural)
