"""The compliance path's instance: the target-year county, the actions the guarantee items
force, and per unit and school what the model may add and what it has.

The evaluation engine's own pieces build it: the units are ``build_units`` of the target-year
county with the forced actions done (so the base of every indicator is the engine's number),
and the room counts are the 音乐美术专用教室 item's own per-school totals.

Forced actions (no choice, only a cost and a year):

* 普通教室: every compulsory school gets a room for each target-year class of grades 1–9
  beyond its 普通教室数 less the rooms its 高中 / 附设幼儿班 classes keep (unknown rooms count
  as today's classes); a teaching point, which teaches mixed
  grades, only when its pupils do not fit its rooms at the incomplete-school class size;
  a gap the layout plan's 临时周转 rule calls short (:mod:`.compliance_temporary`) is not
  built: a ``temporary_classroom`` row of its 间·学年 instead (no area, no building project);
* 音乐 / 美术专用教室: each unit school gets rooms up to one per 12 classes (the item's rule),
  (17) converted from its own 普通教室 beyond the target year's classes first (music, then
  art; ``room_conversion`` priced by the room's standard area, no building project), new
  rooms only for the rest;
* their areas (改造): at a school whose music (art) rooms are listed in 专用教室, every listed
  room smaller than 96 (90) m² is enlarged by its own shortfall, as the item checks them
  room by room; elsewhere the 校舍设施 totals below 96 (90) m² a room are made up.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from junheng.errors import ConfigError, JunhengError
from junheng.evaluate.frames import STAGE_CODE
from junheng.evaluate.guarantee import room_shortfalls, unit_schools
from junheng.evaluate.indicators import resource_formula
from junheng.evaluate.items import ItemContext
from junheng.evaluate.units import (
    UnitRules,
    Units,
    build_units,
    stage_shares,
    stage_weights,
)
from junheng.forecast.capacity import COMPULSORY_GRADES, rooms_kept_by_other
from junheng.model import CountyData
from junheng.model.times import today_beijing
from junheng.planning.backbone_criteria import BackboneCriteria
from junheng.planning.compliance_books import with_books
from junheng.planning.compliance_costs import ComplianceCosts
from junheng.planning.compliance_county import (
    ROOM_AREA,
    apply_actions,
    classrooms,
    target_county,
)
from junheng.planning.compliance_stocks import ROTATION_TYPES as ROTATION_TYPES  # re-exported
from junheng.planning.compliance_stocks import teacher_stocks
from junheng.planning.compliance_temporary import peak_or_default, with_temporary
from junheng.planning.halls import hall_limits, on_ground
from junheng.planning.layout_conditions import projects_provide
from junheng.planning.layout_ground import spare_ground
from junheng.planning.layout_phases import YEAR_STARTS, first_phase
from junheng.standards import ClassSizeStandard, Standard, load_class_size, load_standard

ACTION_COLUMNS = ("school_id", "stage", "item", "quantity", "teacher_type", "to_school_id")
#: Per teacher action: the unit totals it adds one to (rotation types: what a mover carries).
TEACHER_EFFECTS: Mapping[str, Mapping[str, float]] = {
    "hire_teacher": {"higher_degree_teachers": 1.0},
    "hire_pe_art": {"higher_degree_teachers": 1.0, "pe_art_teachers": 1.0},
    "hire_backbone": {"higher_degree_teachers": 1.0, "backbone_teachers": 1.0},
    "degree_upgrade": {"higher_degree_teachers": 1.0},
    "backbone_training": {"backbone_teachers": 1.0},
    "backbone_pe_art": {"higher_degree_teachers": 1.0, "backbone_teachers": 1.0,
                        "pe_art_teachers": 1.0},
    "backbone": {"higher_degree_teachers": 1.0, "backbone_teachers": 1.0},
    "pe_art": {"higher_degree_teachers": 1.0, "pe_art_teachers": 1.0},
}
SCHOOL_ITEMS = ("teaching_area", "field", "gym", "lease", "equipment", "multimedia_room")
#: School items the plan counts in compulsory-stage terms at a school that also teaches 高中
#: (review finding 1): the plan funds the part the compulsory stages need; the building the
#: engine counts is that part divided by the school's compulsory share (the rest, 高中's, is
#: outside the plan). Multimedia rooms likewise: the plan buys the compulsory stages' whole
#: rooms ``q`` and the school gets ``ceil(q / share)`` rooms (:func:`shared_built`).
SHARED_ITEMS = ("teaching_area", "field", "gym", "lease", "equipment", "multimedia_room")
UNIT_ITEMS = ("hire_teacher", "hire_pe_art", "hire_backbone", "degree_upgrade",
              "backbone_training")
#: The unit total each school item adds to (equipment columns are in 万元 in the model).
SCHOOL_ITEM_TOTAL = {"teaching_area": "teaching_area", "field": "sports_area",
                     "gym": "sports_area", "lease": "sports_area",
                     "equipment": "equipment_value", "multimedia_room": "multimedia_rooms"}
EQUIPMENT_SCALE = 1e4  # 元 per model unit (万元)
_QUALITY = load_standard("quality-2017")
CLASSES_PER_ROOM = float(_QUALITY.indicator("music_art_rooms").params["classes_per_room"])
SMALL_SCHOOL = float(_QUALITY.indicator("small_school_funding").params["students_floor"])


def empty_actions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=float if c == "quantity" else object)
                         for c in ACTION_COLUMNS})


def actions_frame(rows: list[dict]) -> pd.DataFrame:
    """Actions as a frame with every action column (missing values None)."""
    if not rows:
        return empty_actions()
    frame = pd.DataFrame(rows)
    for col in ACTION_COLUMNS:
        if col not in frame:
            frame[col] = None
    return frame[list(ACTION_COLUMNS)].astype({"quantity": float})


@dataclass(frozen=True, eq=False)
class ComplianceProblem:
    """One county's compliance-path instance (see the module docstring).

    ``units``: the engine's units of ``start`` plus ``need_<indicator>`` (the numerator the
    threshold asks for) and ``base_<indicator>`` (the numerator it has); ``schools``: one row
    per unit school with its stage shares, land and room limits and addition bounds;
    ``stocks``: per unit the teachers each teacher action may draw on.
    """

    county: Mapping[str, str]
    data_year: int
    target_year: int
    standard: Standard
    costs: ComplianceCosts
    budget: float | None
    before: CountyData
    forced: pd.DataFrame
    start: CountyData
    units: pd.DataFrame
    schools: pd.DataFrame
    stocks: pd.DataFrame
    rules: UnitRules
    #: indicators whose CV limit (7) the model leaves out: only when no plan within each
    #: school's own gym shortfall meets it (compliance._solve_capped); the re-check then
    #: reports the CV as failing
    free_cv: tuple[str, ...] = ()
    #: unit schools the plan takes no action at (民办: their 举办者 funds them, review
    #: finding 2); they stay as reported in every CV
    private: frozenset[str] = frozenset()
    #: the rooms the guarantee items would force at those schools (the 举办者's part)
    private_forced: pd.DataFrame | None = None
    #: per school, the rooms its 高中 / 附设幼儿班 classes keep when given (after a layout:
    #: today's split, so the layout's added rooms stay the compulsory stages')
    kept_rooms: pd.Series | None = None
    #: unit schools being relocated (planning.projects ``no_build``: 正在迁建，新校址建设按项目
    #: 实施): no rooms, area, ground or multimedia rooms there, and, as at a 民办 school,
    #: (4)-(6) do not apply to their units; the rooms the guarantee items would force there
    #: are the project's (``no_build_forced``)
    no_build: frozenset[str] = frozenset()
    no_build_forced: pd.DataFrame | None = None
    #: per school, the 普通教室 beyond the target year's classes: (17) music and art rooms
    #: are converted from them before any is built (:func:`idle_classrooms`)
    idle_rooms: pd.Series | None = None
    #: after a layout plan: the sending and receiving schools' teachers left to spare once
    #: the teachers have followed the pupils (compliance_redeploy.spare_teachers), for (18)
    spare_teachers: pd.DataFrame | None = None
    #: the day the plan is made (编制日期): funding starts in the first school year not yet
    #: begun on it (:func:`~junheng.planning.layout_phases.first_phase`); None: data year + 1
    plan_date: date | None = None
    #: 万元 per school year already committed in the yearly budget (3): after a layout plan,
    #: its one-off spending, construction and 临时周转 (:func:`~junheng.planning.layout_spending.once_by_year`)
    committed: Mapping[int, float] | None = None
    #: after a layout plan, the school year its build at each school is in use: a 达标路径
    #: action of the same item there is part of one building with one ready year
    layout_ready: Mapping[str, int] | None = None
    #: after a layout plan, the year each new school opens: nothing there before (review2 item 11)
    opening: Mapping[str, int] | None = None
    #: the layout's 临时周转 threshold (years) the plan's short 普通教室 gaps are met by, and
    #: per school so met the rooms, room-years and yearly gaps and pupils
    #: (:mod:`~junheng.planning.compliance_temporary`)
    peak_years: int = 0
    temporary: pd.DataFrame | None = None
    #: per school whose added 教学及辅助用房 is a short peak, the m² leased for its independent
    #: use instead, cheaper than building (:mod:`~junheng.planning.compliance_lease`)
    rented_area: pd.DataFrame | None = None
    #: per school whose 教学及辅助用房 added is needed only for a short peak (a
    #: :func:`~.compliance_temporary_area.rented_split`) and built, a lease costing more (review
    #: rv11 1); the plan names them and when 临时周转 instead would leave them short
    short_area: pd.DataFrame | None = None
    #: after a layout plan, its rooms met by 临时周转 (school -> year -> rooms), joined with the
    #: years this plan rents 教学及辅助用房 in the ≤ ``peak_years`` rule (brief hp 3)
    layout_borrowed: Mapping[str, Mapping[int, int]] | None = None
    #: the same rooms by cause (kind -> year -> rooms,
    #: :func:`~junheng.planning.plans_transition.temporary_kind_years`; review rv8 finding 3)
    layout_kinds: Mapping[str, Mapping[int, int]] | None = None
    #: per school this plan builds 普通教室 at: (the last plan year, rooms built, rooms spare
    #: then), :func:`~junheng.planning.compliance_temporary.idle_at_end` (brief hj)
    idle_end: Mapping[str, tuple[int, int, int]] | None = None
    #: per public school below the province's books per pupil: the books bought and why
    books: pd.DataFrame | None = None
    #: the staffing ledger (plan.json ``staffing``) whose teachers beyond the 编制 fill the posts
    #: of the teachers the 交流轮岗 sends before anyone is hired (26); None: no backfill counted
    staffing: Mapping[str, Any] | None = None

    def is_private(self, school_ids) -> np.ndarray:
        """Per school id, whether the plan takes no action there."""
        return pd.Series(list(school_ids), dtype=object).isin(self.private).to_numpy()

    def is_no_build(self, school_ids) -> np.ndarray:
        """Per school id, whether the plan builds nothing there (being relocated)."""
        return pd.Series(list(school_ids), dtype=object).isin(self.no_build).to_numpy()

    def is_exempt(self, school_ids) -> np.ndarray:
        """Per school id, whether (4)-(6) skip its units (民办, or being relocated)."""
        return self.is_private(school_ids) | self.is_no_build(school_ids)

    @property
    def backbone_criteria(self) -> BackboneCriteria:
        """Who may be 认定 as a new 县级骨干教师: the costs' criteria, 教龄 at the data year."""
        return replace(self.costs.backbone_criteria, as_of=self.data_year)

    @property
    def first_year(self) -> int:
        """The first plan year: the first school year not yet begun on ``plan_date``, at
        least data year + 1."""
        if self.plan_date is None:
            return self.data_year + 1
        return self.data_year + first_phase(self.data_year, self.plan_date)

    @property
    def years(self) -> tuple[int, ...]:
        """The plan years: funding happens in :attr:`first_year` … target year."""
        return tuple(range(self.first_year, self.target_year + 1))

    def room(self, year: int) -> float | None:
        """万元 the yearly budget leaves this plan in ``year`` (3): the budget less what is
        already committed, never below 0; None without a budget."""
        if self.budget is None:
            return None
        return max(float(self.budget) - float((self.committed or {}).get(year, 0.0)), 0.0)

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.standard.resource_indicators)

    def numerator(self, indicator: str) -> str:
        """The unit total behind an indicator (e.g. ``sports_area``)."""
        return resource_formula(self.standard.indicator(indicator).formula,
                                self.standard.id).numerator


def build_problem(data: CountyData, students: pd.DataFrame, target_year: int, *,
                  costs: ComplianceCosts, budget: float | None = None,
                  standard: str | Standard = "quality-2017",
                  sizes: ClassSizeStandard | None = None, fund_private: bool = False,
                  kept_rooms: pd.Series | None = None, no_build: Collection[str] = (),
                  plan_date: date | None = None, committed: Mapping[int, float] | None = None,
                  layout_ready: Mapping[str, int] | None = None, peak_years: int | None = None,
                  today: CountyData | pd.DataFrame | None = None, yearly: pd.DataFrame | None = None, opening: Mapping[str, int] | None = None, borrowed: Mapping[str, Mapping[int, int]] | None = None, borrowed_kinds: Mapping[str, Mapping[int, int]] | None = None, staffing: Mapping[str, Any] | None = None) -> ComplianceProblem:
    """The instance for ``data`` with the target year's pupils ``students`` (school_id, grade,
    students): see :class:`ComplianceProblem`. Unless ``fund_private``, 民办 schools get no
    action (their forced rooms are kept apart as the 举办者's). ``plan_date`` (blank: today)
    sets the first plan year; ``committed`` is 万元 a year already in the budget;
    ``layout_ready`` the year a layout's build at a school is in use. ``yearly`` (pupils by
    year) and ``peak_years`` meet a short 普通教室 gap by 临时周转 (:mod:`.compliance_temporary`;
    ``borrowed``: a layout plan's rooms so met, ``borrowed_kinds`` the same by cause; ``staffing``: the ledger of (26)). ``today`` (default ``data``): the county as reported, or its book shortfalls, for :func:`.with_books`.

    Raises
    ------
    ConfigError
        The target year is before the first school year not yet begun on ``plan_date``.
    JunhengError
        A unit's indicator cannot be computed (a facility figure is missing).
    """
    day = plan_date or today_beijing()
    _check_first_year(data.school_year, int(target_year), day)
    # the county's stored provincial overlay sets the targets, as it sets its evaluation's
    std = load_standard(standard, None if isinstance(standard, Standard) else data.overlay)
    sizes = sizes or load_class_size(data.overlay)
    rules = UnitRules(split_weights=std.split_weights)
    before = target_county(data, students, target_year, sizes)
    units_before = build_units(before, rules)
    balance = classroom_balance(before, data, units_before, sizes, kept_rooms)
    # a school being relocated converts nothing: its new campus has the rooms (14)
    balance.loc[balance.index.isin(set(no_build)), "rooms"] = np.minimum(
        balance["rooms"], balance["need"])
    forced = repairs_apart(forced_actions(before, units_before, sizes, balance),
                           costs.room_repair_below)
    private = frozenset() if fund_private else private_schools(data)
    theirs, moving = forced["school_id"].isin(private), projects_provide(forced, no_build, data.tables.get("projects"))
    forced, private_forced, project_forced = (forced[~theirs & ~moving].reset_index(drop=True),
                                              forced[theirs], forced[moving & ~theirs])
    forced, temporary, idle_end = with_temporary(forced, data, yearly, int(target_year), day=day,
                                       costs=costs, sizes=sizes, kept=kept_rooms,
                                       peak_years=peak_years, borrowed=borrowed)
    forced, private_forced, books = with_books(forced, private_forced, before, private, data if today is None else today, units_before, layout_ready is not None)
    start = apply_actions(before, forced)
    units = build_units(start, rules)
    frame = unit_table(units, std)
    schools = school_table(units, frame, costs, std)
    return ComplianceProblem(_county(data.info), data.school_year, int(target_year), std, costs, budget,
                             before, forced, start, frame, schools,
                             teacher_stocks(start, units, replace(
                                 costs.backbone_criteria, as_of=data.school_year)), rules,
                             private=private & set(schools["school_id"]), kept_rooms=kept_rooms,
                             private_forced=private_forced.reset_index(drop=True),
                             no_build=frozenset(no_build) & set(schools["school_id"]),
                             no_build_forced=project_forced.reset_index(drop=True),
                             idle_rooms=idle_classrooms(balance), plan_date=day, books=books,
                             committed=dict(committed or {}), layout_ready=None if layout_ready is None else dict(layout_ready),
                             peak_years=peak_or_default(peak_years), temporary=temporary, opening=dict(opening or {}),
                             layout_borrowed=dict(borrowed or {}), idle_end=idle_end, layout_kinds=dict(borrowed_kinds or {}), staffing=staffing)


def private_schools(data: CountyData) -> frozenset[str]:
    """The ids of the county's 民办 schools (the plan funds none of them, finding 2)."""
    owner = data.schools.drop_duplicates("school_id").set_index("school_id")["ownership"]
    return frozenset(owner.index[owner.eq("private")])


def _county(info: Mapping) -> dict[str, str]:
    """The county's code, name and city, as the plan names it."""
    return {"code": str(info.get("county_code", "")), "name": info.get("county_name") or "",
            "city": info.get("city_name") or ""}


def _check_first_year(data_year: int, target_year: int, day: date) -> None:
    """Raise when no school year from the first not yet begun on ``day`` to the target is left.

    >>> _check_first_year(2025, 2026, date(2026, 12, 4))
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 目标学年 2026 学年早于首个可实施学年 2027 学年（按编制日期 2026 年 12 月 4 日推算：2026 学年已于 2026 年 9 月 1 日开学）：请把目标学年定为 2027 学年或之后。
    """
    first = data_year + first_phase(data_year, day)
    if target_year >= first or target_year <= data_year:
        return
    month, start = YEAR_STARTS
    raise ConfigError(f"目标学年 {target_year} 学年早于首个可实施学年 {first} 学年（按编制日期 "
                      f"{day.year} 年 {day.month} 月 {day.day} 日推算：{first - 1} 学年已于 "
                      f"{first - 1} 年 {month} 月 {start} 日开学）：请把目标学年定为 {first} 学年或之后。")


def shared_built(items, quantity, share) -> np.ndarray:
    """What the county gets from compulsory-stage quantities of shared items at schools with
    compulsory share ``share`` (< 1: the school also teaches 高中 or has 附设幼儿班): the
    building of ``quantity / share`` (to 0.01), whole rooms ``ceil(quantity / share)`` for
    multimedia rooms; the quantity itself elsewhere.

    >>> shared_built(["gym", "multimedia_room", "multimedia_room", "equipment"],
    ...              [204.0, 7.0, 7.0, 5.0], [0.4, 0.2, 1.0, np.nan]).tolist()
    [510.0, 35.0, 7.0, 5.0]
    >>> shared_built(["multimedia_room"], [8.0], [0.3]).tolist()  # 26.67 rooms: 27
    [27.0]
    """
    items = np.asarray(items, dtype=object)
    quantity = np.asarray(quantity, float)
    share = np.nan_to_num(np.asarray(share, float), nan=1.0)
    shared = np.isin(items, SHARED_ITEMS) & (share < 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        whole = quantity / np.where(shared, share, 1.0)
    whole = np.where(items == "multimedia_room", np.ceil(np.round(whole, 6)), np.round(whole, 2))
    return np.where(shared, whole, quantity)


# --- forced actions ------------------------------------------------------------------------

def forced_actions(before: CountyData, units: Units, sizes: ClassSizeStandard,
                   balance: pd.DataFrame) -> pd.DataFrame:
    """Classrooms, music / art rooms (converted from idle classrooms first) and room
    enlargements the guarantee items require; ``balance``: :func:`classroom_balance`."""
    ctx = ItemContext(before, units, sizes)
    rooms = unit_schools(ctx)
    listed = room_shortfalls(ctx, _QUALITY.indicator("music_art_room_area"))
    short = balance["need"] - balance["rooms"]
    rows = [{"school_id": s, "item": "classroom", "quantity": int(q)}
            for s, q in short[short > 0].items()]
    return actions_frame(rows + _room_rows(rooms, idle_classrooms(balance))
                         + _renovation_rows(rooms, listed))


def repairs_apart(forced: pd.DataFrame, below: float) -> pd.DataFrame:
    """A music or art room gap of fewer than ``below`` m² at a school is a 维修改造（核定面积）
    item (``*_repair``: the same area at the same price), not a 改造扩大 project (review
    finding 9: "音乐专用教室改造扩大 1 平方米").

    >>> f = pd.DataFrame({"school_id": ["A", "A", "B"], "item": ["music_room_renovation",
    ...     "art_room_renovation", "music_room"], "quantity": [1.0, 29.0, 1.0]})
    >>> repairs_apart(f, 20)["item"].tolist()
    ['music_room_repair', 'art_room_renovation', 'music_room']
    """
    small = forced["item"].str.endswith("_renovation") & (forced["quantity"] < below)
    item = forced["item"].where(~small, forced["item"].str.replace("_renovation", "_repair"))
    return forced.assign(item=item)


def classroom_balance(before: CountyData, data: CountyData, units: Units,
                      sizes: ClassSizeStandard, kept: pd.Series | None = None) -> pd.DataFrame:
    """Per school (index), the 普通教室 the target year's classes ``need`` and the ``rooms``
    it has for them. A room for each class (a teaching point teaches mixed grades: it needs
    rooms only for its pupils in classes of the incomplete-school size). Only classes of
    grades 1–9 count, against the rooms less those the school's 高中 and 附设幼儿班 classes
    keep (``kept``, else :func:`~junheng.forecast.capacity.rooms_kept_by_other`, the
    forecast's and the layout's split), so no plan builds classrooms for 高中."""
    kept = rooms_kept_by_other(data) if kept is None else kept
    rooms = classrooms(data).sub(kept, fill_value=0.0)
    compulsory = before.classes[before.classes["grade"].isin(COMPULSORY_GRADES)]
    classes = compulsory.groupby("school_id")
    count, pupils = classes.size(), classes["students"].sum()
    points = set(before.schools.loc[before.schools["school_type"] == "teaching_point",
                                    "school_id"])
    schools = list(units.assignment["school_id"])
    need = [math.ceil(pupils.get(s, 0) / sizes.incomplete_primary - 1e-9) if s in points
            else int(count.get(s, 0)) for s in schools]
    return pd.DataFrame({"need": need, "rooms": [int(rooms.get(s, 0)) for s in schools]},
                        index=pd.Index(schools, name="school_id"))


def idle_classrooms(balance: pd.DataFrame) -> pd.Series:
    """Per school, the 普通教室 beyond what the target year's classes need (rule (17))."""
    return (balance["rooms"] - balance["need"]).clip(lower=0).astype(int)


def _room_rows(rooms: pd.DataFrame, idle: pd.Series | None = None) -> list[dict]:
    """Music and art rooms up to one per 12 classes of the unit school: (17) converted from
    the school's own idle 普通教室 first (music, then art), new rooms for the rest.

    >>> rooms = pd.DataFrame({"school_id": ["A", "B"], "classes": [13, 6],
    ...                       "music_rooms": [0, 0], "art_rooms": [1, 0]})
    >>> [(r["school_id"], r["item"], r["quantity"]) for r in
    ...  _room_rows(rooms, pd.Series({"A": 3, "B": 1}))]
    [('A', 'music_room_conversion', 2), ('B', 'music_room_conversion', 1), \
('A', 'art_room_conversion', 1), ('B', 'art_room', 1)]
    """
    required = np.ceil(rooms["classes"] / CLASSES_PER_ROOM)
    spare = rooms["school_id"].map(idle if idle is not None else {}).fillna(0).to_numpy(int)
    rows = []
    for item, column in (("music_room", "music_rooms"), ("art_room", "art_rooms")):
        short = (required - rooms[column].fillna(0)).clip(lower=0).to_numpy(int)
        converted = np.minimum(short, spare)
        spare = spare - converted
        rows += [{"school_id": s, "item": f"{item}_conversion", "quantity": int(c)}
                 for s, c in zip(rooms["school_id"], converted, strict=True) if c > 0]
        rows += [{"school_id": s, "item": item, "quantity": int(q)}
                 for s, q in zip(rooms["school_id"], short - converted, strict=True) if q > 0]
    return rows


def _renovation_rows(rooms: pd.DataFrame, listed: pd.DataFrame) -> list[dict]:
    """m² to enlarge per unit school and kind: Σ over its listed rooms of (standard − area)⁺
    where 专用教室 lists that kind (``listed``: evaluate.guarantee.room_shortfalls), else
    (standard × rooms − total area)⁺ from 校舍设施; rounded up to whole m².

    >>> rooms = pd.DataFrame({"school_id": ["A", "B"], "music_rooms": [2, 2],
    ...                       "music_room_area": [200.0, 180.0], "art_rooms": [0, 0],
    ...                       "art_room_area": [0.0, 0.0]})
    >>> listed = pd.DataFrame({"music": [10.5]}, index=pd.Index(["A"], name="unit"))
    >>> _renovation_rows(rooms, listed)
    [{'school_id': 'A', 'item': 'music_room_renovation', 'quantity': 11.0}, \
{'school_id': 'B', 'item': 'music_room_renovation', 'quantity': 12.0}]
    """
    rows = []
    for kind in ("music_room", "art_room"):
        count = rooms[f"{kind}s"].fillna(0)
        short = (ROOM_AREA[kind] * count - rooms[f"{kind}_area"].fillna(0)).clip(lower=0)
        column = kind.removesuffix("_room")
        if column in listed:
            per_room = rooms["school_id"].map(listed[column])
            short = short.where(per_room.isna(), per_room.astype(float))
        rows += [{"school_id": s, "item": f"{kind}_renovation", "quantity": float(np.ceil(q))}
                 for s, q in zip(rooms["school_id"], short, strict=True) if q > 1e-9]
    return rows


# --- units, schools, teachers --------------------------------------------------------------

def unit_table(units: Units, standard: Standard) -> pd.DataFrame:
    """The units with ``base_<id>`` and ``need_<id>`` per resource indicator."""
    frame = units.frame.copy()
    missing = []
    for ind in standard.resource_indicators:
        formula = resource_formula(ind.formula, standard.id)
        base = frame[formula.numerator].to_numpy(dtype=float, na_value=np.nan)
        threshold = frame["stage"].map({s: ind.threshold_for(s) for s in standard.stages})
        frame[f"base_{ind.id}"] = base
        frame[f"need_{ind.id}"] = threshold.to_numpy(float) * frame["students"] / formula.per
        missing += [f"{n}（{ind.name}）" for n in frame.loc[np.isnan(base), "name"]]
    if missing:
        raise JunhengError(f"{len(missing)} 项指标缺少数据，无法计算达标路径：{'；'.join(missing[:10])}"
                           f"{' 等' if len(missing) > 10 else ''}。请先在校舍设施表补填后再计算。")
    return frame.reset_index(drop=True)


def school_table(units: Units, frame: pd.DataFrame, costs: ComplianceCosts,
                 standard: Standard) -> pd.DataFrame:
    """One row per unit school: shares of an addition per stage, land, room caps, bounds."""
    frames = units.frames
    ids = pd.unique(frame["school_id"])
    pos = frames.positions(pd.Series(ids))
    shares = stage_shares(frames.stage_students,
                          stage_weights(frames.schools["school_type"], standard.split_weights))
    facility = frames.data.facilities.drop_duplicates("school_id").set_index("school_id")
    own = facility.reindex(ids)
    out = pd.DataFrame({
        "school_id": ids, "name": frames.schools["name"].to_numpy(dtype=object)[pos],
        "urban_rural_code": frames.schools["urban_rural_code"].to_numpy(dtype=object)[pos],
        "share_primary": shares[pos, STAGE_CODE["primary"]],
        "share_junior": shares[pos, STAGE_CODE["junior"]],
        "sports_area": own["sports_area"].fillna(0).to_numpy(float),
    })
    compulsory = (out["share_primary"] + out["share_junior"]).to_numpy(float)
    out["share_compulsory"] = compulsory
    for stage in ("primary", "junior"):
        out[f"reach_{stage}"] = np.divide(out[f"share_{stage}"].to_numpy(float), compulsory,
                                          out=np.zeros(len(out)), where=compulsory > 0)
    rooms = (own["classrooms"].fillna(0) + own["music_rooms"].fillna(0)
             + own["art_rooms"].fillna(0) - own["multimedia_rooms"].fillna(0))
    out["multimedia_cap"] = np.maximum(rooms.to_numpy(float), 0.0)
    for total in ("teaching_area", "sports_area", "equipment_value"):
        out[f"bound_{total}"] = _addition_bound(out, frame, standard, total)
    # the hall a school may build: its shortfall, at most gym_max_area built (a hall shared
    # with 高中 is counted by its compulsory part: the cap times the compulsory share), less
    # the hall a layout plan before this one built there (compliance_layout._with_areas)
    built = (own["layout_hall_area"].fillna(0.0).to_numpy(float)
             if "layout_hall_area" in own else np.zeros(len(out)))
    least, most = gym_limits(out["share_compulsory"].to_numpy(float), built, costs)
    short = _addition_bound(out, frame, standard, "sports_area", shortfall=True)
    # a school short of any sports area may build the smallest whole hall (19)
    gym = np.minimum(np.where(short > 0, np.maximum(short, least), 0.0), most)
    # the school's own spare ground holds the field and the hall (halls.on_ground, row (20))
    spare = pd.Series(spare_ground(frames.data), dtype=float).reindex(out["school_id"])
    out["ground"] = np.floor(spare.to_numpy(float) * compulsory + 1e-9)  # whole m² (rounding)
    # the ground the data give before both plans, as the layout states it, and the layout's
    # hall or field on it (brief hb 3: 东城小学's 1,475 m² here 1,316, after the layout's 159)
    laid = (own["layout_sports_area"].fillna(0.0).to_numpy(float)
            if "layout_sports_area" in own else np.zeros(len(out)))
    out["ground_whole"] = spare.to_numpy(float) + laid
    out["ground_layout"] = np.where(np.isfinite(spare.to_numpy(float)), laid, np.nan)
    code_rule = np.where(out["urban_rural_code"].isin(costs.field_codes),
                         out["bound_sports_area"], 0.0)
    out["bound_field"], out["bound_gym"] = on_ground(out["ground"], code_rule,
                                                     out["bound_sports_area"], gym, least)
    out["field_allowed"] = out["bound_field"] > 0
    out["least_gym"] = np.minimum(least, out["bound_gym"])
    return out


def gym_limits(share: np.ndarray, built: np.ndarray, costs: ComplianceCosts
               ) -> tuple[np.ndarray, np.ndarray]:
    """Per school, the least and the most hall (m², compulsory-stage part) the plan may build
    there: ``gym_min_area`` and ``gym_max_area`` of the whole hall times the compulsory share,
    less a hall a layout plan before this one built (``built``, compliance_layout): the rule
    of :mod:`~junheng.planning.halls` the layout plan prices its receivers' halls by.

    >>> from dataclasses import replace
    >>> from junheng.planning.compliance_costs import load_costs
    >>> costs = replace(load_costs(), gym_min_area=800.0, gym_max_area=3000.0)
    >>> [a.tolist() for a in gym_limits(np.array([1.0, 0.5]), np.array([100.0, 0.0]), costs)]
    [[700.0, 400.0], [2900.0, 1500.0]]
    """
    return hall_limits(share, built, costs.gym_min_area, costs.gym_max_area)


def _addition_bound(schools: pd.DataFrame, frame: pd.DataFrame, standard: Standard,
                    total: str, *, shortfall: bool = False) -> np.ndarray:
    """A cap on what a school may add to ``total``, in compulsory-stage terms (an addition
    of 1 reaches each stage's unit by the school's ``reach_<stage>``: 1 at a school without
    高中). With ``shortfall`` (the indoor gym): the standard's shortfall, no more (the
    evaluation's 需增加, rounded up to whole m²), so no school builds a gym beyond what 达标
    asks: at a 完全中学 its own junior gap, not that gap over the junior share of all pupils
    (review finding 1). Otherwise a generous cap, enough to lift each unit to the stage's
    highest value (or the threshold if higher), with 20 % to spare."""
    ind = next(i for i in standard.resource_indicators
               if resource_formula(i.formula, standard.id).numerator == total)
    need, base = frame[f"need_{ind.id}"], frame[f"base_{ind.id}"]
    if shortfall:
        top = 1.0
    else:
        top = np.maximum((base / need).groupby(frame["stage"]).transform("max"), 1.0)
    lift = (top * need - base).clip(lower=0)
    share = np.where(frame["stage"] == "primary", frame["school_id"].map(
        schools.set_index("school_id")["reach_primary"]), frame["school_id"].map(
        schools.set_index("school_id")["reach_junior"]))
    with np.errstate(divide="ignore", invalid="ignore"):
        need = np.where(share > 1e-9, lift / share, 0.0)
    per_school = pd.Series(need).groupby(frame["school_id"]).max()
    per_school = per_school.reindex(schools["school_id"]).fillna(0).to_numpy(float)
    if shortfall:
        return np.ceil(per_school - 1e-9)
    return 1.2 * per_school + 1.0
