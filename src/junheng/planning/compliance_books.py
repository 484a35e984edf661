"""图书配备: the books the compliance path buys so every school meets the province's
books-per-pupil standard (省定办学基本标准, a precondition of 基本均衡 and so of 优质均衡).

The 2017 standard has no books indicator, but a county that applies for 优质均衡 while a
school is below the province's basic standard is sent back (planner review, finding 3). The
thresholds are the basic standard's (``basic-2012`` with the county's provincial overlay,
Henan: 小学 20, 初中 30 册 a pupil); the pupils are the target year's, as the plan counts them.

Per evaluation unit ``u`` (a school's stage, teaching points merged into their central
school, as the engine forms them) with pupils ``Pᵤ``, books ``Bᵤ`` and threshold ``tᵤ``, a
school short of books buys

    ``X = max over its short units ⌈(tᵤ Pᵤ − Bᵤ) / σᵤ⌉``

where ``σᵤ`` is the unit's share of the school's books (the engine splits a 九年一贯制 or
完全中学's books over its stages by weighted pupils, 1 : 1.1 : 1.32): 1 at a school of one
stage, so there ``X = ⌈t P − B⌉``. The books are a forced action (no choice, a cost and a
year): no budget or model choice changes them; 民办 schools buy their own (their 举办者's).

Examples
--------
A primary school of 300 pupils with 5,700 books, standard 20: 20 × 300 − 5,700 = 300 books.

>>> from junheng.model import CountyData
>>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
...     schools=[{"school_id": "A", "name": "甲小学", "school_type": "primary_school"}],
...     classes=[{"school_id": "A", "grade": "g1", "class_no": "1", "students": 300}],
...     facilities=[{"school_id": "A", "books": 5700}])
>>> from junheng.standards import Overlay
>>> henan = Overlay("河南省", "", {"basic-2012": {"books_per_student": {"primary": 20}}})
>>> book_shortfalls(d, henan)[["school_id", "quantity"]].to_dict("records")
[{'school_id': 'A', 'quantity': 300.0}]
"""

from __future__ import annotations

import math
from collections.abc import Collection

import pandas as pd

from junheng.evaluate.frames import STAGE_CODE
from junheng.evaluate.indicators import assess
from junheng.evaluate.units import UnitRules, Units, build_units, stage_shares, stage_weights
from junheng.model import CountyData, numbers
from junheng.model.labels import STAGE_LABELS
from junheng.standards import Overlay, load_standard

BOOKS = "books_per_student"
#: how the reason of a school short only in the target year begins its last clause (review2
#: item 7: the 4th school below the standard, 第三初级中学, is short only after the layout's 分流)
MET_NOW = "现状达到省定标准"
COLUMNS = ("school_id", "item", "quantity", "reason")


def book_shortfalls(data: CountyData, overlay: Overlay | str | None = None,
                    skip: Collection[str] = (), *, years: bool = False,
                    units: Units | None = None, stage_short: bool = False) -> pd.DataFrame:
    """Per school of ``data`` (the county in the target year) below the province's books per
    pupil, the books to buy (``item`` ``books``) and why, in words; none without a books
    threshold (no overlay). ``skip``: schools the plan does not fund (民办); ``years``: each
    reason begins with the school year ("2030 学年"); ``units``: ``data``'s units when the
    caller has them (formed by the same split weights), else they are built; ``stage_short``:
    a column ``short`` with the books the school's short stages lack (the 「缺」 of each reason,
    summed), beside the whole-school purchase ``quantity`` a weighted split makes larger.

    Which units are short is the engine's word (:func:`junheng.evaluate.indicators.assess`);
    unknown books are its 待核实 (missing data), not a shortfall to buy.

    The reason names each short stage, e.g. "初中在校生 500 人，图书 13,611 册（生均 27.22 册），
    省定标准 30 册，缺 1,389 册".
    """
    std = load_standard("basic-2012", data.overlay if overlay is None else overlay)
    if not std.indicator(BOOKS).thresholds:
        return pd.DataFrame(columns=list(COLUMNS))
    rules = UnitRules(split_weights=std.split_weights)
    if units is None or units.rules != rules:
        units = build_units(data, rules)
    a = assess(units.frame, std)
    a = a[(a["indicator"] == BOOKS) & ~a["met"].fillna(True).astype(bool) & (a["students"] > 0)
          & ~a["school_id"].isin(set(skip))]
    frames = units.frames
    shares = stage_shares(frames.stage_students,
                          stage_weights(frames.schools["school_type"], std.split_weights))
    pos = frames.positions(a["school_id"])
    rows: dict[str, dict] = {}
    for u, unit in enumerate(a.itertuples(index=False)):
        pupils, books = float(unit.students), float(unit.current)
        share = float(shares[pos[u], STAGE_CODE[unit.stage]])
        if share <= 0:
            continue
        buy = float(math.ceil((unit.threshold * pupils - books) / share - 1e-9))
        row = rows.setdefault(unit.school_id, {"school_id": unit.school_id, "item": "books",
                                               "quantity": 0.0, "reason": [], "short": 0})
        row["quantity"] = max(row["quantity"], buy)
        row["short"] += math.ceil(unit.threshold * pupils - books - 1e-9)
        row["reason"].append(_reason(unit.stage, pupils, books, unit.threshold, share, buy))
    year = f"{data.school_year} 学年" if years else ""
    out = [{**r, "reason": year + "；".join(r["reason"])} for r in rows.values()]
    return pd.DataFrame(out, columns=[*COLUMNS, "short"] if stage_short else list(COLUMNS))


def _reason(stage: str, pupils: float, books: float, threshold: float, share: float,
            buy: float) -> str:
    """One short stage in words (``buy``: the books the school buys for it).

    >>> _reason("junior", 500, 13611, 30, 0.4, 3473)
    '初中在校生 500 人，图书 13,611 册（生均 27.22 册），省定标准 30 册，缺 1,389 册；全校图书按学段加权学生数拆分，计入初中的占 40.0%，须全校增购 3,473 册'
    >>> _reason("primary", 300, 5700, 20, 1.0, 300)
    '小学在校生 300 人，图书 5,700 册（生均 19 册），省定标准 20 册，缺 300 册'
    """
    label = STAGE_LABELS.get(stage, stage)
    short = math.ceil(threshold * pupils - books - 1e-9)
    text = (f"{label}在校生 {pupils:,.0f} 人，图书 {books:,.0f} 册（生均 "
            f"{numbers.trimmed(books / pupils, 2)} 册），省定标准 {numbers.trimmed(threshold, 2)} 册，"
            f"缺 {short:,} 册")
    if share < 1 - 1e-9:
        text += f"；全校图书按学段加权学生数拆分，计入{label}的占 {share:.1%}，须全校增购 {buy:,.0f} 册"
    return text


def with_books(forced: pd.DataFrame, private_forced: pd.DataFrame, before: CountyData,
               private: Collection[str], today: CountyData | pd.DataFrame | None = None,
               units: Units | None = None, after_layout: bool = False
               ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The forced actions with the public schools' books added, the 民办 schools' forced
    actions (their 举办者's part) with theirs, and the public schools' shortfalls with why.

    ``before`` is the county in the target year (``units``: its units, when the caller has
    them); ``today`` (when given) the county as it is in the data year, or its shortfalls
    (:func:`book_shortfalls` with ``years``) when the caller has them (the earliest-year
    search computes them once for every year it tries): a school short today buys at least
    today's shortfall, as the 自评报告 reports it failing now and the basic standard must
    hold through the plan (review finding 3), and at least the target year's. A school short
    only in the target year says so (:func:`later_only`; ``after_layout``: its pupils are the
    layout's)."""
    now = book_shortfalls(today, years=True) if isinstance(today, CountyData) else today
    if now is not None:  # a school the layout closes buys none
        now = now[now["school_id"].isin(set(before.schools["school_id"]))]
    books = later_only(_most(book_shortfalls(before, years=True, units=units), now), now, after_layout)
    theirs = books["school_id"].isin(set(private))
    rows = books[["school_id", "item", "quantity"]].astype({"quantity": float})

    def joined(frame: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
        if extra.empty:
            return frame
        return pd.concat([frame, extra], ignore_index=True)[list(frame.columns)]

    return (joined(forced, rows[~theirs]), joined(private_forced, rows[theirs]),
            books[~theirs].reset_index(drop=True))


def later_only(books: pd.DataFrame, now: pd.DataFrame | None, after_layout: bool) -> pd.DataFrame:
    """``books`` with the reason of each school not short today (not in ``now``) ending in
    :data:`MET_NOW` and why it is short then.

    >>> b = pd.DataFrame({"school_id": ["A", "B"], "item": "books", "quantity": [5.0, 2.0],
    ...                   "reason": ["2025 学年甲", "2030 学年乙"]})
    >>> later_only(b, b.iloc[:1], True)["reason"].tolist()
    ['2025 学年甲', '2030 学年乙；现状达到省定标准，因布局调整分流在校生增加后低于标准']
    """
    if now is None or books.empty:
        return books
    why = "因布局调整分流在校生增加后低于标准" if after_layout else "目标学年在校生增加后低于标准"
    later = ~books["school_id"].isin(set(now["school_id"]))
    return books.assign(reason=books["reason"].mask(later, books["reason"] + f"；{MET_NOW}，{why}"))


def _most(target: pd.DataFrame, today: pd.DataFrame | None) -> pd.DataFrame:
    """Per school the larger purchase of the two years, with that year's reason (a tie:
    today's).

    >>> t = pd.DataFrame({"school_id": ["A", "B"], "item": "books", "quantity": [5.0, 2.0],
    ...                   "reason": ["2030 学年甲", "2030 学年乙"]})
    >>> n = pd.DataFrame({"school_id": ["B", "A"], "item": "books", "quantity": [7.0, 5.0],
    ...                   "reason": ["2025 学年乙", "2025 学年甲"]})
    >>> _most(t, n)[["school_id", "quantity", "reason"]].values.tolist()
    [['A', 5.0, '2025 学年甲'], ['B', 7.0, '2025 学年乙']]
    """
    if today is None or today.empty:
        return target
    both = pd.concat([today, target], ignore_index=True)
    order = both.sort_values("quantity", ascending=False, kind="stable")
    first = order.drop_duplicates("school_id").sort_values("school_id", kind="stable")
    return first.reset_index(drop=True)[list(COLUMNS)]


__all__ = ["MET_NOW", "book_shortfalls", "later_only", "with_books"]
