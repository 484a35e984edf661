"""临时周转 for a short 普通教室 gap: the layout plan's rule, applied to the compliance plan.

The compliance plan builds the 普通教室 a school lacks in its target year (forced, one room per
class beyond its rooms: :func:`~junheng.planning.compliance_data.classroom_balance`). A gap that
lasts a year or two builds a room that soon stands empty (planner review: 整改措施 built
permanent rooms for one-year peaks the layout met by 临时周转). The layout's rule decides it
here too, with its threshold (``temporary_peak_years``,
:class:`~junheng.planning.layout_config.LayoutConfig`; a layout plan in force gives its own):
over the layout's years (:func:`~junheng.planning.layout_years.plan_years`: the first school
year not yet begun to three years after the target), a school's yearly need is its classes
less its rooms, and room ``r`` of those its target year lacks is met by 临时周转 when every
run of years needing it lasts at most that many years and the last year does not need it
(:func:`~junheng.planning.layout_years.temporary_rooms`). Those rooms are not built, and a
year needing more rooms than the target year borrows the rest: every year's need is met,
built or borrowed. The action 临时周转 costs ``temporary_room`` (万元 per room and school year,
``costs.yaml``) for each year's need beyond the rooms built, brings no 校舍面积,
and needs no building project; the rest is built as before.

After a layout plan, the rooms the layout meets by 临时周转 are not built (planner review: the
达标路径 counted them as built and paid its own 临时周转 beside the layout's at 第四中学, so nobody
could tell whether it borrowed 2 rooms or 4): the school's gap counts them, and in a year the
layout already borrows (and pays for) ``borrowed`` rooms there, this plan pays only the rooms
beyond them. One number of rooms borrowed per school and year: the larger of the two counts
(``borrowed`` of :func:`split_rooms`), the layout paying its own and this plan the rest.

>>> gaps = pd.DataFrame({2029: [0, 1], 2030: [2, 2], 2031: [0, 1], 2032: [-1, 1]},
...                     index=["A", "B"])
>>> split_rooms(pd.Series({"A": 2, "B": 2}), gaps, 1).iloc[:, :6].to_dict("index")
{'A': {'temporary': 2, 'built': 0, 'room_years': 2, 'first': 2030, 'layout': {}, 'borrowed': {2030: 2}}, 'B': {'temporary': 1, 'built': 1, 'room_years': 1, 'first': 2030, 'layout': {}, 'borrowed': {2030: 1}}}
>>> split_rooms(pd.Series({"A": 2}), gaps, 1, {"A": {2030: 1, 2031: 1}}).loc["A"].to_dict()
{'temporary': 2, 'built': 0, 'room_years': 1, 'first': 2030, 'layout': {2030: 1, 2031: 1}, 'borrowed': {2030: 2, 2031: 1}, 'joint': 0, 'was': 1, 'opens': 2029, 'short': 2, 'declined': {}}

The joint rule (brief hj: 实验中学 built a room for 72.00 万元 to spare 2 room-years of rent,
and stood 9 rooms spare by 2033), numbered as :mod:`~.compliance_check_joint` re-derives it:

1. a school's rooms borrowed across both plans run at most ``peak_years`` school years in a row
   (the layout's years joined with each year's need beyond the rooms this plan builds), counted
   from the first year a new room could be in use, this plan's first year (review rv 4: the
   layout's earlier borrowed years join no run, :func:`joint_built`) — the one run start of both
   plans and both checkers, :func:`~.layout_years.run_start`;
2. where they would not, this plan builds the fewest rooms beyond its own rule's
   (:func:`joint_built`) that keep every run within it (``joint``: built for the joint rule;
   ``was``: the room-years it paid by its own rule) — not where the layout's years alone run
   longer (the layout's to mend);
3. but only where the last of those rooms (room number ``built``) is in use — a year's need is
   at least its number — in at least ``use_share`` (:data:`JOINT_USE_SHARE`, a half) of the plan
   years from its first year in use to the last year looked at (:func:`~.layout_years.room_use`, :func:`~.layout_years.used_enough`);
4. otherwise none of them is built: the run stays longer than ``peak_years`` and is said as an
   exception for the 局务会 (``declined``: the rooms, their years in use, the year from which
   they stand idle and the school's spare rooms in the last year; :func:`declined_words`).

Not done (brief hj (a)): breaking the run by moving a 村居's pupils to a neighbouring school
with spare rooms for the extra years.

At 1 year in a row, the layout borrowing at A in 2029 as well joins 2029–2030 in one run of 2
years; the room whose need lasts 2030 would cut it (rule 2), but room 2 is in use in 2030 alone
of 2029–2032, a quarter of the years (rule 3): not built, the run kept and said (rule 4):

>>> row = split_rooms(pd.Series({"A": 2}), gaps, 1, {"A": {2029: 1}}).loc["A"]
>>> (int(row["built"]), int(row["joint"])), row["declined"]
((0, 0), {'rooms': 2, 'used': 1, 'years': 4, 'first': 2029, 'last': 2032, 'idle_from': 2031, 'spare': 1, 'share': 0.5})

At a share of a quarter A builds both rooms (``was``: the room-years it paid by its own rule):

>>> split_rooms(pd.Series({"A": 2}), gaps, 1, {"A": {2029: 1}}, use_share=0.25).loc["A", ["temporary", "built", "room_years", "joint", "was"]].tolist()
[0, 2, 0, 2, 2]
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from junheng.model import CountyData
from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_phases import first_phase
from junheng.planning.layout_years import (
    USE_SHARE,
    plan_years,
    room_use,
    run_start,
    temporary_rooms,
    used_enough,
    year_runs,
)
from junheng.standards import ClassSizeStandard

#: The layout's threshold when no layout plan gives one (its ``temporary_peak_years``).
PEAK_YEARS = int(LayoutConfig.model_fields["temporary_peak_years"].default)
TEMPORARY_WAYS = "暂用本校其他用房、调整功能室、借用邻近学校校舍或租用装配式临时用房"
COLUMNS = ("school_id", "temporary", "built", "room_years", "first", "gaps", "pupils", "layout",
           "borrowed", "joint", "was", "opens", "short", "declined")
SPLIT = ("temporary", "built", "room_years", "first", "layout", "borrowed", "joint", "was", "opens",
         "short", "declined")
#: rule 3: the share of the plan years from its first year in use in which a room built for the
#: joint rule must be in use (the layout's own (U1), :data:`~.layout_years.USE_SHARE`)
JOINT_USE_SHARE = USE_SHARE


def room_gaps(data: CountyData, students: pd.DataFrame, schools: list[str],
              years: list[int], sizes: ClassSizeStandard, kept: pd.Series | None
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per school of ``schools`` (index) and year of ``years`` the forecast covers (columns):
    its 普通教室 gap (classes less rooms, the target year's rule; negative: spare) and its
    pupils of grades 1–9."""
    from junheng.forecast.capacity import COMPULSORY_GRADES
    from junheng.planning.compliance_county import target_county
    from junheng.planning.compliance_data import classroom_balance

    units = _Schools(schools)
    gaps, pupils = {}, {}
    for year in years:
        part = students[students["year"] == year] if "year" in students else students.iloc[:0]
        if part.empty:
            continue
        county = target_county(data, part[["school_id", "grade", "students"]], year, sizes)
        balance = classroom_balance(county, data, units, sizes, kept)
        gaps[year] = balance["need"] - balance["rooms"]
        compulsory = part[part["grade"].isin(COMPULSORY_GRADES)]
        pupils[year] = compulsory.groupby("school_id")["students"].sum().reindex(
            schools, fill_value=0).round().astype(int)
    index = pd.Index(schools, name="school_id")
    return (pd.DataFrame(gaps, index=index).fillna(0).astype(int),
            pd.DataFrame(pupils, index=index).fillna(0).astype(int))


class _Schools:
    """What :func:`classroom_balance` reads of the engine's units: the unit schools."""

    def __init__(self, schools: list[str]) -> None:
        self.assignment = pd.DataFrame({"school_id": schools})


def split_rooms(short: pd.Series, gaps: pd.DataFrame, peak_years: int,
                borrowed: Mapping[str, Mapping[int, int]] | None = None,
                target_year: int | None = None, use_share: float = JOINT_USE_SHARE) -> pd.DataFrame:
    """Per school of ``short`` (rooms its target year lacks): the rooms met by 临时周转 at the
    most in one year (each year's need beyond the rooms built), the rooms built (``short``
    less the rooms the layout's :func:`temporary_rooms` meets by 临时周转 on the yearly gaps;
    a year short of more than ``short``, as 第四小学's 2029 with 4 rooms against 2030's 2,
    borrows the rooms beyond: planner review, they were neither built nor borrowed),
    the room-years this plan pays (each year's need beyond the rooms built, less the rooms a
    layout plan's 临时周转 meets there that year: ``borrowed``, school -> year -> rooms), the
    first year it pays one (None: none), the layout's rooms of those years (``layout``) and
    the rooms borrowed each year, the larger of the two (``borrowed``). A year after
    ``target_year`` needs at most ``short`` (growth beyond the plan's year is the next plan's:
    a plan for 2026 borrowed 5 room-years for 2027-2029). The joint rule: rules 1–4 of the
    module docstring (``use_share``: rule 3)."""
    rows = []
    for school, rooms in short.items():
        row = gaps.loc[school] if school in gaps.index else pd.Series(dtype=int)
        need = {int(y): int(max(g, 0)) if target_year is None or int(y) <= target_year
                else int(min(max(g, 0), rooms)) for y, g in row.items()}
        own = int(rooms) - temporary_rooms(need, int(rooms), peak_years)
        around = {int(y): int(k) for y, k in (borrowed or {}).get(school, {}).items() if k > 0}
        built, declined = _use_test(need, own, joint_built(need, own, int(rooms), around, peak_years),
                                    use_share, int(row[max(row.index)]) if len(row) else 0)
        over = {y: k - built for y, k in need.items() if k > built}
        theirs = {y: k for y, k in sorted(around.items()) if y in need}
        rows.append({"school_id": school, "temporary": max(over.values(), default=0),
                     "built": built, **_paid(over, theirs), "layout": theirs,
                     "borrowed": {y: max(over.get(y, 0), theirs.get(y, 0))
                                  for y in sorted({*over, *theirs})},
                     "joint": built - own, "was": _paid(
                         {y: k - own for y, k in need.items() if k > own}, theirs)["room_years"],
                     "opens": min(need, default=None), "short": int(rooms), "declined": declined})
    return pd.DataFrame(rows, columns=["school_id", *SPLIT]).set_index("school_id")


def _use_test(need: Mapping[int, int], own: int, built: int, share: float, last_gap: int
              ) -> tuple[int, dict]:
    """Rules 3–4: ``built`` (rule 2) when its last room is in use in ``share`` of the years
    or none is built beyond ``own``; else ``own`` and what the rooms not built would be
    (``last_gap``: the school's gap in the last year, negative: rooms spare)."""
    if built <= own:
        return built, {}
    if used_enough(need, built, share):
        return built, {}
    used, years, idle = room_use(need, built)
    return own, {"rooms": built - own, "used": used, "years": years, "first": min(need),
                 "last": max(need), "idle_from": idle, "spare": max(-last_gap, 0), "share": share}


def declined_words(d: Mapping, peak_years: int, cuts: bool = True) -> str:
    """Rule 4 in words: the rooms the joint rule would build and why they are not; without
    ``cuts`` where other years of the run (教学及辅助用房 rented) would stay: the rooms shorten
    only the years rooms are borrowed.

    >>> declined_words({"rooms": 1, "used": 2, "years": 5, "first": 2029, "last": 2033,
    ...                 "idle_from": 2031, "spare": 9, "share": 0.5}, 3)
    '新建 1 间可使同校连续借用教室不超过 3 个学年，但建成后 2029—2033 学年 5 个学年中仅 2 个学年使用（不足 50%），2031 学年起闲置，2033 学年全校普通教室富余 9 间，不新建，连续临时周转超过 3 个学年作为例外提请局务会研究'
    """
    idle = f"，{d['idle_from']} 学年起闲置" if d.get("idle_from") is not None else ""
    spare = f"，{d['last']} 学年全校普通教室富余 {d['spare']:,} 间" if d.get("spare") else ""
    what = f"可使同校连续借用教室不超过 {peak_years} 个学年" if cuts else "可缩短借用教室的学年"
    return (f"新建 {d['rooms']:,} 间{what}，但建成后 {d['first']}—{d['last']} 学年 "
            f"{d['years']} 个学年中仅 {d['used']} 个学年使用（不足 {d['share']:.0%}）{idle}{spare}，不新建"
            + (f"，连续临时周转超过 {peak_years} 个学年作为例外提请局务会研究" if cuts else ""))


def _paid(over: Mapping[int, int], theirs: Mapping[int, int]) -> dict:
    """The room-years this plan pays (each year's ``over`` beyond the layout's ``theirs``) and
    the first year it pays one."""
    paid = {y: k - theirs.get(y, 0) for y, k in over.items() if k > theirs.get(y, 0)}
    return {"room_years": sum(paid.values()), "first": min(paid, default=None)}


def joint_built(need: Mapping[int, int], built: int, rooms: int,
                layout: Mapping[int, int], peak_years: int) -> int:
    """The rooms this plan builds of ``rooms`` so that the school borrows rooms (临时周转) for
    at most ``peak_years`` school years in a row counted across both plans: the fewest from
    ``built`` (the plan's own rule) up whose years still short (each year's ``need`` beyond
    them) joined with the layout's years borrowed there (``layout``, year -> rooms) run no
    longer; ``built`` when the layout's years alone run longer or no count up to ``rooms`` is
    enough (the check of the combined plan names them, :mod:`~.plans_temporary`).

    One rule in both plans (review rv 4): a run counts from the first year a new room could be
    in use (the first year of ``need``), as the layout decides an expansion's rooms
    (:func:`~junheng.planning.layout_years.from_opening`). The years before it are met by
    临时周转 whatever is built, so they do not push a room to be built (第四小学 and 第三初级中学
    borrowed 2027–2028 in the layout 「缺口持续不超过临时周转年限，不新建」, and the 达标路径
    built 3 rooms there for 114.00 + 72.00 万元 because 2027–2028 joined its 2029–2031).

    >>> need = {2029: 1, 2030: 1, 2031: 1, 2032: 0}
    >>> joint_built(need, 0, 1, {2027: 1, 2028: 1}, 3), joint_built(need, 0, 1, {2030: 1, 2032: 1}, 3)
    (0, 1)

    (2029–2031 is three years; the layout's 2032 makes 2029–2032 four.) The layout's own four
    years in a row are not this plan's to mend:

    >>> joint_built(need, 0, 1, {2029: 1, 2030: 1, 2031: 1, 2032: 1}, 3)
    0
    """
    opens = min(need, default=None)
    mine = sorted(y for y, k in layout.items() if k > 0 and (opens is None or y >= opens))
    if any(len(run) > peak_years for run in year_runs(mine)):
        return built
    for b in range(built, max(rooms, built) + 1):
        years = sorted({*mine, *(y for y, k in need.items() if k > b)})
        if all(len(run) <= peak_years for run in year_runs(years)):
            return b
    return built


def temporary_split(data: CountyData, yearly: pd.DataFrame | None, short: pd.Series,
                    *, first_year: int, target_year: int, lead_years: int,
                    sizes: ClassSizeStandard, kept: pd.Series | None,
                    peak_years: int = PEAK_YEARS,
                    borrowed: Mapping[str, Mapping[int, int]] | None = None,
                    keep_all: bool = False) -> pd.DataFrame:
    """:data:`COLUMNS` for the schools of ``short`` whose gap is met by 临时周转 (at least
    one room), with their yearly ``gaps`` and ``pupils`` (dicts year -> value); empty when
    ``yearly`` (pupils by school, grade and year) is None or no gap is short. As the layout
    counts an expansion's years (:func:`~junheng.planning.layout_years.from_opening`), the
    years before a room built could be in use (``first_year`` + ``lead_years``, at most the
    target year) are left out: their gap is met by 临时周转 whatever is built; ``keep_all``:
    every school of ``short``, none met by 临时周转 too (for :func:`idle_at_end`)."""
    short = short[short > 0]
    if yearly is None or short.empty or peak_years <= 0:
        return pd.DataFrame(columns=list(COLUMNS))
    opens = run_start(first_year, lead_years, target_year)  # the one run start of both plans
    years = [y for y in plan_years(data.school_year, target_year, first_year) if y >= opens]
    gaps, pupils = room_gaps(data, yearly, list(short.index), years, sizes, kept)
    split = split_rooms(short, gaps, peak_years, borrowed, target_year)
    if not keep_all:
        split = split[(split["temporary"] > 0) | (split["joint"] > 0)]
    return pd.DataFrame([{"school_id": s, **{k: _whole(v) for k, v in row.items()},
                          "gaps": gaps.loc[s].to_dict(), "pupils": pupils.loc[s].to_dict()}
                         for s, row in split.iterrows()], columns=list(COLUMNS))


def idle_at_end(split: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    """School -> (the last plan year, the 普通教室 this plan builds there, the school's rooms
    spare that year after them) for each school of ``split`` (:func:`temporary_split` with
    ``keep_all``) that builds one: brief hj, the idle permanent rooms at the horizon's end.

    >>> split = pd.DataFrame([{"school_id": "E", "built": 1, "gaps": {2029: 3, 2033: -9}},
    ...                       {"school_id": "F", "built": 2, "gaps": {2029: 4, 2033: 2}},
    ...                       {"school_id": "G", "built": 0, "gaps": {2029: 1, 2033: -1}}])
    >>> idle_at_end(split)
    {'E': (2033, 1, 10), 'F': (2033, 2, 0)}
    """
    out = {}
    for r in split.to_dict("records"):
        gaps = r.get("gaps") or {}
        if int(r.get("built") or 0) > 0 and gaps:
            last = max(gaps)
            out[str(r["school_id"])] = (int(last), int(r["built"]), max(int(r["built"]) - int(gaps[last]), 0))
    return out


def idle_reason(end: tuple[int, int, int]) -> str:
    """A built 普通教室 action's reason: its school's rooms spare in the last plan year (the
    workbook's 整改项目清单 says it beside the rooms; :func:`idle_at_end`).

    >>> idle_reason((2033, 1, 10)), idle_reason((2033, 2, 0))
    ('规划期末 2033 学年全校普通教室富余 10 间，新建的 1 间届时闲置', '规划期末 2033 学年新建的 2 间全部在用')
    """
    year, built, spare = end
    return (f"规划期末 {year} 学年全校普通教室富余 {spare:,} 间，新建的 {min(built, spare):,} 间届时闲置" if spare
            else f"规划期末 {year} 学年新建的 {built:,} 间全部在用")


def idle_line(idle: Mapping[str, tuple[int, int, int]], names: Mapping[str, str]) -> str:
    """The building paragraph's sentence on the rooms spare at the horizon's end at the
    schools this plan builds 普通教室 in ("" none built).

    >>> idle_line({"E": (2033, 1, 10), "F": (2033, 2, 0)}, {"E": "实验中学", "F": "第四小学"})
    '规划期末 2033 学年（按招生预测）新建普通教室学校的闲置教室：实验中学新建 1 间，全校富余 10 间，新建的 1 间届时闲置；第四小学新建 2 间，届时全部在用。'
    """
    if not idle:
        return ""
    last = max(y for y, _, _ in idle.values())
    parts = [f"{names.get(s) or s}新建 {k:,} 间，" + (f"全校富余 {n:,} 间，新建的 {min(k, n):,} 间届时闲置" if n
                                                  else "届时全部在用")
             for s, (_, k, n) in idle.items()]
    return f"规划期末 {last} 学年（按招生预测）新建普通教室学校的闲置教室：" + "；".join(parts) + "。"


def _whole(value):
    """A split's figure as a whole number (its year -> rooms dicts as they are)."""
    return value if isinstance(value, dict) else None if value is None or pd.isna(value) else int(value)


def peak_or_default(peak_years: int | None) -> int:
    """``peak_years``, or the layout's default threshold when None.

    >>> peak_or_default(None), peak_or_default(2)
    (3, 2)
    """
    return PEAK_YEARS if peak_years is None else int(peak_years)


def with_temporary(forced: pd.DataFrame, data: CountyData, yearly: pd.DataFrame | None,
                   target_year: int, *, day: date, costs, sizes: ClassSizeStandard,
                   kept: pd.Series | None, peak_years: int | None = None,
                   borrowed: Mapping[str, Mapping[int, int]] | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, tuple[int, int, int]]]:
    """The forced actions with each school's 普通教室 met by 临时周转 taken out of its
    ``classroom`` row (a row left with none is dropped) and put in a ``temporary_classroom``
    row of its room-years, and the :func:`temporary_split`: from the first school year not
    begun on ``day``, a classroom built in ``costs``' ``teaching_area`` lead years; and the
    rooms spare at the horizon's end where rooms are built (:func:`idle_at_end`)."""
    rooms = forced[forced["item"] == "classroom"].set_index("school_id")["quantity"]
    split = temporary_split(data, yearly, rooms.astype(int),
                            first_year=data.school_year + first_phase(data.school_year, day),
                            target_year=target_year,
                            lead_years=costs.item("teaching_area").lead_years, sizes=sizes,
                            kept=kept, peak_years=peak_or_default(peak_years),
                            borrowed=borrowed, keep_all=True)
    idle = idle_at_end(split) if len(split) else {}
    if len(split):
        split = split[(split["temporary"] > 0) | (split["joint"] > 0)].reset_index(drop=True)
    if split.empty:
        return forced, split, idle
    built = split.set_index("school_id")["built"]
    room = (forced["item"] == "classroom") & forced["school_id"].isin(built.index)
    out = forced.assign(quantity=forced["quantity"].mask(
        room, forced["school_id"].map(built).astype(float)))
    out = out[~room | (out["quantity"] > 0)]
    paid = split[split["room_years"] > 0]  # the layout may pay every room-year
    added = pd.DataFrame({"school_id": paid["school_id"], "item": "temporary_classroom",
                          "quantity": paid["room_years"].astype(float)})
    return pd.concat([out, added.reindex(columns=out.columns)], ignore_index=True), split, idle


def temporary_reason(row, peak_years: int, declined: bool = True) -> str:
    """Why a school's rooms are met by 临时周转: its gap and pupils year by year.

    >>> row = {"temporary": 1, "built": 0, "gaps": {2029: 0, 2030: 1, 2031: -1},
    ...        "pupils": {2029: 1480, 2030: 1520, 2031: 1430}}
    >>> temporary_reason(row, 1)
    '普通教室缺口持续不超过 1 年（自新建教室最早可投入使用的 2029 学年起计）：2029 学年 1,480 人不缺，2030 学年 1,520 人缺 1 间，2031 学年 1,430 人富余 1 间'
    """
    lent = row.get("borrowed") or {}
    years = "，".join(f"{y} 学年 {row['pupils'].get(y, 0):,} 人{_year_gap(g, lent.get(y, 0))}"
                     for y, g in row["gaps"].items())
    first = min(row["gaps"], default="")
    return (f"普通教室缺口持续不超过 {peak_years} 年（自新建教室最早可投入使用的 {first} 学年起计）：{years}"
            + _layout_part(row) + _joint_part(row, peak_years)
            + (f"；与布局调整方案同校的临时周转学年相连超过 {peak_years} 年，{declined_words(row['declined'], peak_years)}"
               if declined and row.get("declined") else ""))


def _joint_part(row, peak_years: int) -> str:
    """'' or the rooms built so that the school borrows for at most ``peak_years`` years in a
    row across both plans (:func:`joint_built`).

    >>> _joint_part({"joint": 1, "was": 3, "room_years": 0}, 3), _joint_part({"joint": 0}, 3)
    ('；与布局调整方案同校的临时周转学年相连超过 3 年，改为新建 1 间（临时周转由 3 间·学年减为 0 间·学年）', '')
    """
    if not row.get("joint"):
        return ""
    return (f"；与布局调整方案同校的临时周转学年相连超过 {peak_years} 年，改为新建 {row['joint']:,} 间"
            f"（临时周转由 {row['was']:,} 间·学年减为 {row['room_years']:,} 间·学年）")


def declined_note(split: pd.DataFrame, names: dict, peak_years: int) -> str:
    """The sentence on the schools whose joint run is kept longer than ``peak_years`` because
    the rooms that would cut it stand idle (rule 4; "" none).

    >>> d = {"rooms": 1, "used": 2, "years": 5, "first": 2029, "last": 2033, "idle_from": 2031,
    ...      "spare": 9, "share": 0.5}
    >>> declined_note(pd.DataFrame([{"school_id": "E", "declined": d}]), {"E": "实验中学"}, 3)
    '两个方案合计连续临时周转超过 3 个学年的例外（提请局务会研究）：实验中学新建 1 间可使同校连续借用教室不超过 3 个学年，但建成后 2029—2033 学年 5 个学年中仅 2 个学年使用（不足 50%），2031 学年起闲置，2033 学年全校普通教室富余 9 间，不新建，连续临时周转超过 3 个学年作为例外提请局务会研究。'
    """
    rows = [r for r in split.to_dict("records") if r.get("declined")] if "declined" in split else []
    if not rows:
        return ""
    return (f"两个方案合计连续临时周转超过 {peak_years} 个学年的例外（提请局务会研究）："
            + "；".join(f"{names.get(r['school_id']) or r['school_id']}{declined_words(r['declined'], peak_years)}"
                       for r in rows) + "。")


def _gap(g: int) -> str:
    return f"缺 {g} 间" if g > 0 else ("不缺" if g == 0 else f"富余 {-g} 间")


def _year_gap(g: int, lent: int) -> str:
    """A year's gap, or, where this plan counts none but the row borrows rooms (the layout's
    rule by grade classes; review rv7 Part 2 #1: 「2031 学年 1,862 人不缺」 beside a room
    borrowed that year), the rooms borrowed.

    >>> _year_gap(0, 1), _year_gap(-2, 1), _year_gap(3, 3), _year_gap(0, 0)
    ('借用 1 间（布局调整方案按年级编班计缺口）', '借用 1 间（布局调整方案按年级编班计缺口）', '缺 3 间', '不缺')
    """
    return f"借用 {lent:,} 间（布局调整方案按年级编班计缺口）" if g <= 0 < lent else _gap(g)


def _layout_part(row) -> str:
    """'' or the room-years of a school's 临时周转 the layout plan already pays for, with the
    school years they fall in.

    >>> _layout_part({"layout": {2029: 2, 2030: 2}, "room_years": 3}), _layout_part({"layout": {}})
    ('；其中 2029—2030 学年 4 间·学年布局调整方案同年已临时周转并计费，本方案计其余 3 间·学年', '')
    >>> _layout_part({"layout": {2029: 5}, "room_years": 0})
    '；均由布局调整方案同年临时周转并计费（2029 学年 5 间·学年），本方案不另计费'
    """
    from junheng.planning.layout_borrow import year_span

    layout = {y: n for y, n in (row.get("layout") or {}).items() if n}
    theirs, span = sum(layout.values()), year_span(layout)  # brief hwin: its years said beside it
    if not theirs:
        return ""
    if not row["room_years"]:  # review rv3 finding 7: not 「本方案计其余 0 间·学年」
        return f"；均由布局调整方案同年临时周转并计费（{span} {theirs:,} 间·学年），本方案不另计费"
    return f"；其中 {span} {theirs:,} 间·学年布局调整方案同年已临时周转并计费，本方案计其余 {row['room_years']:,} 间·学年"


def _paid_words(split: pd.DataFrame, years: int) -> str:
    """Whose room-years this plan pays, when the layout plan pays some of the same rooms (review
    rv3 finding 7: 「5 所学校共 12 间（8 间·学年…）」 beside 「3 所学校…共 8 间·学年」 in 临时周转).

    >>> split = pd.DataFrame([{"room_years": 4, "layout": {2029: 1}}, {"room_years": 0, "layout": {2029: 5}}])
    >>> _paid_words(split, 4), _paid_words(split.iloc[:0], 0)
    ('布局调整方案已计费 6 间·学年，本方案为其中 1 所学校计 4 间·学年，', '0 间·学年，')
    >>> _paid_words(split.iloc[1:], 0)  # brief hyears: not 「本方案为其中 0 所学校计 0 间·学年」
    '布局调整方案已计费 5 间·学年，本方案不另计费'
    """
    theirs = sum(sum((x or {}).values()) for x in split.get("layout", []))
    if not theirs:
        return f"{years} 间·学年，"
    if not years:
        return f"布局调整方案已计费 {theirs:,} 间·学年，本方案不另计费"
    paying = int((split["room_years"] > 0).sum())
    return f"布局调整方案已计费 {theirs:,} 间·学年，本方案为其中 {paying} 所学校计 {years} 间·学年，"


def temporary_note(split: pd.DataFrame, names: dict, peak_years: int, price: float,
                   target_year: int | None = None,
                   layout: Mapping[str, Mapping[int, int]] | None = None,
                   kinds: Mapping[str, Mapping[int, int]] | None = None) -> tuple[str, ...]:
    """The document's paragraphs on the gaps met by 临时周转 (none: ()): a lead with the target year's
    rooms borrowed and not built, counted as the layout counts its 「代替新建」
    (:func:`~.layout_borrow.borrow_totals` of the rooms borrowed across both plans), the most in
    one year and the room-years named apart, then a paragraph a school as 表3 words it
    (:func:`~.layout_borrow.borrow_span`; brief htext3: the list in one paragraph ran to 1,178
    characters).

    >>> split = pd.DataFrame([{"school_id": "A", "temporary": 1, "built": 0, "room_years": 1,
    ...     "gaps": {2029: 0, 2030: 1, 2031: 0}, "pupils": {2029: 900, 2030: 930, 2031: 905},
    ...     "borrowed": {2030: 1}}])
    >>> for text in temporary_note(split, {"A": "甲小学"}, 1, 2.0, 2030):
    ...     print(text)
    与布局调整方案同一规则，普通教室缺口持续不超过 1 年、末年已不缺的，以临时周转解决、不新建：目标学年 2030 学年借用、不新建的教室 1 所学校共 1 间（1 所学校在缺口的学年借用，最多一年 1 间（2030 学年），2030 学年共 1 间·学年，每间每学年 2.00 万元（假设值，以本县实际租金替换），共 2.00 万元）。临时周转指暂用本校其他用房、调整功能室、借用邻近学校校舍或租用装配式临时用房，不计入校舍面积；缺口持续更久的仍新建。逐校如下（一校一段）：
    甲小学临时周转 1 间（2030 学年借用，目标学年 2030 学年 1 间；2029 学年 900 人不缺，2030 学年 930 人缺 1 间，2031 学年 905 人不缺）。

    After a layout plan (``layout``: its rooms borrowed, school -> year -> rooms) the lead ends
    with :func:`layout_reconcile`.
    """
    from junheng.planning.borrow_runs import whole_years
    from junheng.planning.layout_borrow import borrow_span, borrow_totals, totals_words
    from junheng.planning.layout_waiting import room_price_words

    joint = split[split["joint"] > 0] if "joint" in split else split.iloc[:0]
    both = joint_note(joint, names, peak_years) + declined_note(split, names, peak_years)
    split = split[split["temporary"] > 0]
    if split.empty:
        return (both,) if both else ()
    borrowed = {r["school_id"]: r["borrowed"] for r in split.to_dict("records")}
    parts = []
    for r in split.to_dict("records"):  # rv17 6: the layout's years before, as its 表 5 says them
        most, span = borrow_span(whole_years(r, layout), target_year, "目标学年", r.get("opens"), peak_years)
        parts.append(f"{names.get(r['school_id']) or r['school_id']}临时周转{most}"
                     + (f"、新建 {r['built']} 间" if r["built"] else "")
                     + f"（{span}；{temporary_reason(r, peak_years, False).split('：', 1)[1]}）。")
    years = int(split["room_years"].sum())
    said = totals_words(borrow_totals(borrowed, target_year), "目标学年")
    paid = _paid_words(split, years)  # the room-years are said: only the layout's part is news
    paid = "，" if paid == f"{years} 间·学年，" else f"；{paid}"
    # the price said once, as an assumption, with the first total (review rv9 3)
    money = f"{room_price_words(price)}，共 {years * price:,.2f} 万元" if paid.endswith("，") else ""
    start = f"（自新建教室最早可投入使用的 {int(split['opens'].min())} 学年起计）" if "opens" in split else ""
    lead = (f"与布局调整方案同一规则，普通教室缺口持续不超过 {peak_years} 年{start}、末年已不缺的，以临时周转解决、"
            f"不新建：{said[:-1]}{paid}{money}）。{layout_reconcile(split, layout or {}, price, kinds, not money)}"
            f"临时周转指{TEMPORARY_WAYS}，不计入校舍面积；缺口持续更久的仍新建。逐校如下（一校一段）：")
    return (lead, *parts, *((both,) if both else ()))


def layout_reconcile(split: pd.DataFrame, layout: Mapping[str, Mapping[int, int]], price: float,
                     kinds: Mapping[str, Mapping[int, int]] | None = None, priced: bool = False) -> str:
    """The sentence (said once) that reconciles this plan's room-years borrowed (``split``'s
    ``borrowed``, from its run start, its ``opens``) with the layout plan's (``layout``, school ->
    year -> rooms, from its first paid year; brief hwin: 140 间·学年 in one document, 29 in the
    other, neither saying over which years): the layout's total split at the run start by the one
    function both documents use (:func:`~.layout_borrow.rent_window`, the years before it by cause
    where ``kinds`` gives them); '' where both count the same.

    The layout borrows 3 rooms at A in 2027 and 2028, 1 in 2029, and 2 at C in 2029; this plan
    borrows A's 2029 room and 1 of its own in 2030: 6 + 3 = 9 layout room-years, 6 before 2029;
    of the 3 from 2029, 1 at A (this plan's list), 2 at C; this plan pays its 2030 room:

    >>> split = pd.DataFrame([{"school_id": "A", "opens": 2029, "room_years": 1,
    ...                        "layout": {2029: 1}, "borrowed": {2029: 1, 2030: 1}}])
    >>> print(layout_reconcile(split, {"A": {2027: 3, 2028: 3, 2029: 1}, "C": {2029: 2}}, 2.0))
    与布局调整方案的口径：布局调整方案过渡期临时周转 2027—2029 学年共 9 间·学年、18.00 万元，其中 2027—2028 学年 6 间·学年、12.00 万元；自 2029 学年起 3 间·学年、6.00 万元；本方案自 2029 学年起计，下列学校 2029—2030 学年共 2 间·学年，其中布局调整方案同年计费 1 间·学年、本方案计费 1 间·学年，布局调整方案自 2029 学年起的其余 2 间·学年在其他学校。
    >>> layout_reconcile(split.assign(room_years=0, borrowed=[{2029: 1}]), {"A": {2029: 1}}, 2.0)
    ''

    Where this plan's room-years are the layout's from the run start, only the years before it differ:

    >>> print(layout_reconcile(split.assign(room_years=0, borrowed=[{2029: 1}]), {"A": {2028: 2, 2029: 1}}, 2.0))
    与布局调整方案的口径：布局调整方案过渡期临时周转 2028—2029 学年共 3 间·学年、6.00 万元，其中 2028 学年 2 间·学年、4.00 万元；自 2029 学年起 1 间·学年、2.00 万元；本方案自 2029 学年起计，下列学校 2029 学年共 1 间·学年，均由布局调整方案同年计费。
    """
    from junheng.planning.layout_borrow import (
        borrow_totals,
        rent_window,
        window_parts,
        window_total,
        year_span,
    )
    from junheng.planning.layout_waiting import room_price_words

    if split.empty or not layout or "opens" not in split:
        return ""
    start = int(split["opens"].min())
    w = rent_window(layout, start, price, kinds)
    mine = borrow_totals({r["school_id"]: r["borrowed"] for r in split.to_dict("records")}, None)
    theirs = sum(sum((x or {}).values()) for x in split.get("layout", []))
    paid, rest = int(split["room_years"].sum()), sum(w.later.values()) - theirs
    if not w.early and not rest and not paid:  # both documents count the same room-years
        return ""
    ours = ("，均由布局调整方案同年计费" if not paid else "，均由本方案计费" if not theirs
            else f"，其中布局调整方案同年计费 {theirs:,} 间·学年、本方案计费 {paid:,} 间·学年")
    return (f"与布局调整方案的口径：布局调整方案过渡期临时周转 {window_total(w)}"
            + (f"（{room_price_words(price)}）" if priced else "")
            + (f"，{window_parts(w)}" if window_parts(w) else "")
            + f"；本方案自 {start} 学年起计，下列学校 {year_span(mine.years)}共 {mine.room_years:,} 间·学年{ours}"
            + (f"，布局调整方案自 {start} 学年起的其余 {rest:,} 间·学年在其他学校" if rest > 0 else "") + "。")


def joint_note(joint: pd.DataFrame, names: dict, peak_years: int) -> str:
    """The sentence on the rooms built so that no school borrows for more than ``peak_years``
    school years in a row across both plans (``joint`` rows of :func:`split_rooms`; "" none).

    >>> rows = pd.DataFrame([{"school_id": "D", "joint": 1, "was": 3, "room_years": 0},
    ...                      {"school_id": "X", "joint": 2, "was": 6, "room_years": 1}])
    >>> joint_note(rows, {"D": "第四中学", "X": "第四小学"}, 3)
    '同一学校两个方案合计连续临时周转不超过 3 个学年：与布局调整方案在同校临时周转的学年相连超过 3 年的，本方案改为新建，2 所学校共新建 3 间（第四中学 1 间、第四小学 2 间），本方案的临时周转由 9 间·学年减为 1 间·学年。'
    """
    if joint.empty:
        return ""
    each = "、".join(f"{names.get(r['school_id']) or r['school_id']} {r['joint']:,} 间"
                    for r in joint.to_dict("records"))
    return (f"同一学校两个方案合计连续临时周转不超过 {peak_years} 个学年：与布局调整方案在同校临时周转的学年相连超过 "
            f"{peak_years} 年的，本方案改为新建，{len(joint)} 所学校共新建 {int(joint['joint'].sum()):,} 间（{each}），"
            f"本方案的临时周转由 {int(joint['was'].sum()):,} 间·学年减为 {int(joint['room_years'].sum()):,} 间·学年。")


__all__ = ["PEAK_YEARS", "joint_built", "joint_note", "peak_or_default", "room_gaps", "split_rooms", "temporary_note", "temporary_reason",
           "temporary_split", "with_temporary"]
