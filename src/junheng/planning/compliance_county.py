"""The county in the target year, before and after a compliance plan.

Before: the data year's county with the target year's pupils (from the forecast): every
school and grade gets ``ceil(pupils / size)`` classes, where ``size`` is the school's current
average class in that stage, never above the standard class (45 primary, 50 junior; 30 in a
teaching point); a school whose rooms do not hold that many classes forms classes of the
standard size instead (so rooms are only built when even full standard classes do not fit);
pupils are spread evenly over the classes. Teachers and buildings are today's (retiring
teachers are assumed replaced like for like).

After: the plan's actions added to it — rooms, area and equipment on the school's 校舍设施
row (each new classroom with ``AREA_PER_CLASSROOM`` m², each music / art room with the
standard's 96 / 90 m², all counted as 教学及辅助用房), new teachers as new rows, upgraded and
trained teachers changed in place, rotated teachers moved to their new school.

Examples
--------
>>> from junheng.model import CountyData
>>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
...     schools=[{"school_id": "A", "name": "甲小学", "school_type": "primary_school"}],
...     classes=[{"school_id": "A", "grade": "g1", "class_no": "1", "students": 60}])
>>> t = target_county(d, current_students(d), 2026)
>>> t.school_year, t.classes["students"].tolist()
(2026, [30, 30])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import pandas as pd

from junheng.errors import JunhengError
from junheng.evaluate.units import HIGHER_DEGREES
from junheng.model import CountyData
from junheng.model.codes import GRADE_STAGE
from junheng.model.county import typed_frame
from junheng.planning.backbone_criteria import BackboneCriteria
from junheng.planning.layout_config import AREA_PER_CLASSROOM
from junheng.planning.staffing_hires import HIRED_DEGREE
from junheng.standards import ClassSizeStandard, load_class_size, load_standard

_QUALITY = load_standard("quality-2017")
_ROOMS = _QUALITY.indicator("music_art_room_area").params
#: m² of 教学及辅助用房 (and of the room itself) a new music / art room brings.
ROOM_AREA = {"music_room": float(_ROOMS["music_room_area"]),
             "art_room": float(_ROOMS["art_room_area"])}
#: Classes per music room and per art room the 2017 standard asks for (每 12 个班级 … 1 间).
CLASSES_PER_ROOM = int(_QUALITY.indicator("music_art_rooms").params["classes_per_room"])
#: Facility columns each action adds to, per unit of quantity.
FACILITY_EFFECTS: Mapping[str, Mapping[str, float]] = {
    "classroom": {"classrooms": 1.0, "teaching_area": AREA_PER_CLASSROOM},
    # 临时周转: a room for the class while the gap lasts, no 校舍 and no area of the school's
    "temporary_classroom": {},
    # 教学及辅助用房 leased for the school's independent use (m²·学年 paid): the school has its
    # ``built`` m² in the target year, counted as 非学校产权独立使用校舍 (review rv11 1; unlike
    # 临时周转, which is no 校舍面积, compliance_lease)
    "temporary_area": {"teaching_area": 1.0},
    "music_room": {"music_rooms": 1.0, "music_room_area": ROOM_AREA["music_room"],
                   "teaching_area": ROOM_AREA["music_room"]},
    "art_room": {"art_rooms": 1.0, "art_room_area": ROOM_AREA["art_room"],
                 "teaching_area": ROOM_AREA["art_room"]},
    # (17) an idle 普通教室 made a music / art room of the standard area (no new area)
    "music_room_conversion": {"classrooms": -1.0, "music_rooms": 1.0,
                              "music_room_area": ROOM_AREA["music_room"]},
    "art_room_conversion": {"classrooms": -1.0, "art_rooms": 1.0,
                            "art_room_area": ROOM_AREA["art_room"]},
    "music_room_renovation": {"music_room_area": 1.0},
    "art_room_renovation": {"art_room_area": 1.0},
    "music_room_repair": {"music_room_area": 1.0},
    "art_room_repair": {"art_room_area": 1.0},
    "teaching_area": {"teaching_area": 1.0},
    "field": {"sports_area": 1.0},
    "gym": {"sports_area": 1.0},
    "lease": {"sports_area": 1.0},
    "equipment": {"equipment_value": 1.0},
    "multimedia_room": {"multimedia_rooms": 1.0},
    # 图书配备: books up to the province's books per pupil (compliance_books)
    "books": {"books": 1.0},
}
#: Actions that add a music / art room of the standard area (built, or converted: (17)).
NEW_ROOM_ITEMS = ("music_room", "art_room", "music_room_conversion", "art_room_conversion")
TRAINING_YEARS = 5  # 近五年培训学时: the school year and the four before it
HIRES = {"hire_teacher": ("other", "none"), "hire_pe_art": ("pe", "none"),
         "hire_backbone": ("other", "county")}
PE_ART_ROTA = ("music", "art", "pe")  # a new 体育艺术 teacher's subject: fewest first, ties so
BACKBONE_NONE = frozenset({"none"})


def current_students(data: CountyData) -> pd.DataFrame:
    """Pupils per school and grade in the data year: school_id, grade, students."""
    c = data.classes
    out = c.groupby(["school_id", "grade"], as_index=False)["students"].sum()
    return out.astype({"students": float})


def _average_class(data: CountyData) -> pd.Series:
    """Current pupils per class by (school_id, stage)."""
    c = data.classes.assign(stage=data.classes["grade"].map(GRADE_STAGE))
    grouped = c.groupby(["school_id", "stage"])["students"]
    return grouped.sum().astype(float) / grouped.size()


def class_count(students: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Classes for ``students`` at most ``size`` each (0 for none).

    Examples
    --------
    >>> class_count(np.array([0.0, 45.0, 46.0, 7.0]), np.array([45.0, 45.0, 45.0, 9.0])).tolist()
    [0, 1, 2, 1]
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        n = np.ceil(students / size - 1e-9)
    return np.where(students > 0, np.maximum(n, 1), 0).astype(int)


def rebuild_classes(data: CountyData, students: pd.DataFrame,
                    sizes: ClassSizeStandard | None = None) -> pd.DataFrame:
    """Classes of the target year for pupils per (school_id, grade), sized as described above."""
    sizes = sizes or load_class_size()
    types = data.schools.drop_duplicates("school_id").set_index("school_id")["school_type"]
    s = students[students["students"] > 0].reset_index(drop=True)
    standard = np.array([sizes.class_sizes([types.get(i, "primary_school")], [g])[0, 0]
                         for i, g in zip(s["school_id"], s["grade"], strict=True)])
    current = _average_class(data).reindex(
        pd.MultiIndex.from_arrays([s["school_id"], s["grade"].map(GRADE_STAGE)])).to_numpy()
    pupils = s["students"].to_numpy(float)
    usual = class_count(pupils, np.fmin(standard, np.where(np.isnan(current), standard,
                                                           np.ceil(current))))
    full = class_count(pupils, standard)
    crowded = pd.Series(usual).groupby(s["school_id"]).transform("sum").to_numpy() > \
        s["school_id"].map(classrooms(data)).to_numpy(float)
    count = np.where(crowded, full, usual)
    rows = []
    for school, grade, n_pupils, n in zip(s["school_id"], s["grade"], pupils, count,
                                          strict=True):
        base, extra = divmod(int(round(n_pupils)), int(n))
        rows += [{"school_id": school, "grade": grade, "class_no": str(k + 1),
                  "students": base + (1 if k < extra else 0)} for k in range(int(n))]
    return pd.DataFrame(rows, columns=["school_id", "grade", "class_no", "students"])


def classrooms(data: CountyData) -> pd.Series:
    """普通教室数 per school; unknown counts as today's classes."""
    rooms = data.facilities.drop_duplicates("school_id").set_index("school_id")["classrooms"]
    today = data.classes.groupby("school_id").size()
    rooms = rooms.astype(float).reindex(rooms.index.union(today.index))
    return rooms.fillna(today.astype(float)).fillna(0.0)


def target_county(data: CountyData, students: pd.DataFrame, target_year: int,
                  sizes: ClassSizeStandard | None = None) -> CountyData:
    """``data`` with the target year's classes and school year (see the module docstring):
    grades the forecast does not cover (a primary school's 附设幼儿班) keep today's classes;
    where 教师培训 records are kept (format v2), 近五年培训学时 is re-summed over the target
    year's five years (no training is assumed beyond the records)."""
    covered = pd.MultiIndex.from_frame(students[["school_id", "grade"]])
    kept = data.classes[~pd.MultiIndex.from_frame(data.classes[["school_id", "grade"]])
                        .isin(covered)]
    rebuilt = rebuild_classes(data, students, sizes)
    classes = pd.concat([kept[["school_id", "grade", "class_no", "students"]], rebuilt],
                        ignore_index=True)
    tables = {**data.tables, "classes": typed_frame("classes", classes),
              "teachers": _training_in_window(data, int(target_year))}
    # replace keeps the county's stored provincial overlay for the target year's evaluation
    return replace(data, info={**data.info, "school_year": int(target_year)}, tables=tables)


def _training_in_window(data: CountyData, year: int) -> pd.DataFrame:
    """Teachers with 近五年培训学时 summed from their 教师培训 records of ``year`` and the four
    years before it (the workbook's own rule); teachers without records keep theirs."""
    training = data.tables.get("training")
    if training is None or not len(training):
        return data.teachers
    recent = training[training["year"].between(year - TRAINING_YEARS + 1, year)]
    sums = recent.groupby("teacher_id")["hours"].sum()
    listed = data.teachers["teacher_id"].isin(set(training["teacher_id"].dropna()))
    hours = data.teachers["teacher_id"].map(sums).fillna(0.0).astype(float)
    return data.teachers.assign(training_hours_5y=data.teachers["training_hours_5y"].mask(
        listed, hours))


# --- after the plan ----------------------------------------------------------------------

def apply_actions(data: CountyData, actions: pd.DataFrame,
                  criteria: BackboneCriteria | None = None) -> CountyData:
    """``data`` with every action of ``actions`` done (columns: school_id, stage, item,
    quantity, teacher_type, to_school_id; and ``built``, what the facility gains, when it
    differs from the quantity: a building shared with 高中 of which the plan funds the
    compulsory part). ``criteria``: who a ``backbone_training`` may 认定 (the plan's
    :attr:`~.compliance_data.ComplianceProblem.backbone_criteria`; default: the shipped
    criteria, 教龄 at ``data``'s school year)."""
    facilities = _facilities_after(data.facilities, actions)
    criteria = criteria or BackboneCriteria(as_of=data.school_year)
    teachers = _teachers_after(data, actions, criteria)
    tables = {"facilities": facilities, "teachers": teachers}
    rooms = data.tables.get("special_rooms")
    if rooms is not None and len(rooms):
        tables["special_rooms"] = _special_rooms_after(rooms, actions, data)
    return data.with_tables(**tables)


def _special_rooms_after(rooms: pd.DataFrame, actions: pd.DataFrame,
                         data: CountyData) -> pd.DataFrame:
    """专用教室 (format v2) of the schools that list their music (art) rooms: new rooms added
    at the standard area; an enlargement of a unit school spread over the unit's rooms below
    the standard (the school's and its teaching points') by their shortfall (a 维修改造 of a
    small gap likewise), so an enlargement of Σ shortfall m² brings every room to the standard."""
    out = rooms.copy()
    new = []
    for row in actions.itertuples():
        kind = row.item.replace("_renovation", "").replace("_repair", "").replace(
            "_conversion", "").replace("_room", "")
        mine = (out["school_id"] == row.school_id) & (out["room_type"] == kind)
        if row.item in NEW_ROOM_ITEMS and mine.any():
            start = len(mine[mine]) + 1
            label = "改造" if row.item.endswith("_conversion") else "新建"
            new += [{"school_id": row.school_id, "room_type": kind, "room_no": f"{label}{k}",
                     "area": ROOM_AREA[f"{kind}_room"]}
                    for k in range(start, start + int(row.quantity))]
        elif row.item.endswith(("_renovation", "_repair")):
            mine = out["school_id"].isin(_members(data, row.school_id)) & (out["room_type"] == kind)
            out.loc[mine, "area"] = _enlarged(out.loc[mine, "area"].astype(float),
                                              ROOM_AREA[f"{kind}_room"], float(row.quantity))
    if new:
        out = pd.concat([out, pd.DataFrame(new)], ignore_index=True)
    return out.astype(rooms.dtypes.to_dict())


def _enlarged(area: pd.Series, standard: float, added: float) -> pd.Series:
    """Room areas after ``added`` m² of enlargement: every room below ``standard`` gets its
    own shortfall when ``added`` covers them all (what is left over, at most the rounding up
    to whole m², is not spread), else a share of ``added`` by its shortfall.

    >>> _enlarged(pd.Series([80.0, 96.0, 90.5]), 96.0, 22.0).tolist()
    [96.0, 96.0, 96.0]
    >>> _enlarged(pd.Series([80.0, 96.0, 92.0]), 96.0, 10.0).tolist()
    [88.0, 96.0, 94.0]
    """
    short = (standard - area).clip(lower=0)
    if short.sum() <= 0:
        return area
    if added >= short.sum() - 1e-9:
        return area + short
    return area + added * short / short.sum()


def _facilities_after(facilities: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    fac = facilities.drop_duplicates("school_id").set_index("school_id")
    fac = fac.astype({c: float for c in fac.columns if str(fac[c].dtype) in ("Int64", "float64")})
    built = actions["built"].fillna(actions["quantity"]) if "built" in actions else \
        actions["quantity"]
    for item, school, qty in zip(actions["item"], actions["school_id"], built, strict=True):
        for column, per in FACILITY_EFFECTS.get(item, {}).items():
            if school not in fac.index:
                fac.loc[school] = np.nan
            fac.loc[school, column] = np.nan_to_num(fac.loc[school, column]) + per * float(qty)
    out = fac.reset_index()
    return out.astype({c: t for c, t in facilities.dtypes.items()
                       if c in out and str(t) != "Int64"})


def _teachers_after(data: CountyData, actions: pd.DataFrame,
                    criteria: BackboneCriteria) -> pd.DataFrame:
    teachers = data.teachers.copy()
    year = data.school_year
    moves = actions[actions["item"] == "rotation"]
    teachers, moved = _rotate(teachers, data, moves, criteria)
    teachers = _exchange(teachers, data, moves, moved)
    for row in actions[actions["item"].isin(("degree_upgrade", "backbone_training"))].itertuples():
        teachers = _change(teachers, data, row, moved, criteria)
    hires = actions[actions["item"].isin(HIRES)]
    new = [r for k, row in enumerate(hires.itertuples())
           for r in _hire_rows(row, year, k, _subjects(teachers, data, row))]
    if new:
        teachers = pd.concat([teachers, pd.DataFrame(new)], ignore_index=True)
    return teachers.astype(data.teachers.dtypes.to_dict())


def _members(data: CountyData, school: str) -> set[str]:
    """The school and the teaching points merged into it (the evaluation unit's schools)."""
    s = data.schools
    points = s.loc[(s["school_type"] == "teaching_point") & (s["central_school"] == school),
                   "school_id"]
    return {school, *points}


def _pool(teachers: pd.DataFrame, data: CountyData, school: str, stage: str,
          exclude: set) -> pd.DataFrame:
    """Full-time teachers of the unit (school and its points) at ``stage``, school first."""
    members = _members(data, school)
    pool = teachers[teachers["school_id"].isin(members) & (teachers["stage"] == stage)
                    & teachers["full_time"].fillna(False).astype(bool)
                    & ~teachers.index.isin(exclude)]
    return pool.assign(_own=(pool["school_id"] != school)).sort_values(["_own", "teacher_id"])


def teacher_type(frame: pd.DataFrame, stage: str) -> pd.Series:
    """The rotation type of each teacher: backbone_pe_art, backbone, pe_art or '' (none)."""
    higher = frame["degree"].isin(HIGHER_DEGREES[stage])
    backbone = ~frame["backbone"].fillna("none").isin(BACKBONE_NONE)
    pe_art = frame["subject"].isin(("pe", "music", "art"))
    kind = np.select([backbone & pe_art, backbone, pe_art], ["backbone_pe_art", "backbone",
                                                             "pe_art"], "")
    return pd.Series(np.where(higher, kind, ""), index=frame.index)


def _rotate(teachers: pd.DataFrame, data: CountyData, moves: pd.DataFrame,
            criteria: BackboneCriteria) -> tuple[pd.DataFrame, set]:
    moved: set = set()
    for row in moves.itertuples():
        pool = _pool(teachers, data, row.school_id, row.stage, moved)
        pool = pool[teacher_type(pool, row.stage) == row.teacher_type]
        # keep the teachers backbone training may need: move the untrainable ones first
        pool = pool.assign(_trainable=criteria.eligible(pool)).sort_values(["_trainable", "_own", "teacher_id"])
        _send(teachers, pool, int(row.quantity), row.school_id, row.to_school_id, moved, "可交流")
    return teachers, moved


def _send(teachers: pd.DataFrame, pool: pd.DataFrame, n: int, school: str, to: str,
          moved: set, what: str) -> None:
    """Move the first ``n`` of ``pool`` (teachers of ``school``) to ``to`` as 交流轮岗."""
    chosen = pool.index[:n]
    if len(chosen) < n:
        raise JunhengError(f"学校 {school} {what}的教师不足 {n} 名：方案与教师表不一致。")
    teachers.loc[chosen, "from_school_id"] = teachers.loc[chosen, "school_id"]
    teachers.loc[chosen, "school_id"] = to
    teachers.loc[chosen, "rotated_in"] = True
    moved.update(chosen)


def _exchange(teachers: pd.DataFrame, data: CountyData, moves: pd.DataFrame,
              moved: set) -> pd.DataFrame:
    """The teachers a receiver at its 编制 sends back for those rotated in (a move's
    ``exchanged``, :func:`~.compliance_rotation.exchanged`), in the order of
    :func:`exchange_pool` among those the 交流轮岗 rules let rotate (25)."""
    if "exchanged" not in moves:
        return teachers
    from junheng.teachers.rotation_data import RotationConfig, eligibility

    ok = set(data.teachers.loc[eligibility(data, data.teachers, RotationConfig())[0],
                               "teacher_id"])
    for row in moves[moves["exchanged"].fillna(0) > 0].itertuples():
        pool = exchange_pool(teachers, data, row.to_school_id, row.stage, moved)
        pool = pool[pool["teacher_id"].isin(ok)]   # (25) only those who may rotate
        _send(teachers, pool, int(row.exchanged), row.to_school_id, row.school_id, moved, "可交换")
    return teachers


def exchange_pool(teachers: pd.DataFrame, data: CountyData, school: str, stage: str,
                  exclude: set) -> pd.DataFrame:
    """Who a receiver (the unit of ``school`` at ``stage``) sends back in an exchange, first
    first: its full-time teachers not in ``exclude`` (index labels of ``teachers``), those the
    plan's indicators do not count first (not 高于规定学历, 骨干 or 体育艺术), then those that
    are only 高于规定学历, the school's own before its 教学点's, the lowest 教师编号 first.
    The one order of both the 达标路径 and ``junheng plan rotation``."""
    pool = _pool(teachers, data, school, stage, exclude)
    counted = (~pool["backbone"].fillna("none").isin(BACKBONE_NONE)
               | pool["subject"].isin(("pe", "music", "art")))
    higher = pool["degree"].isin(HIGHER_DEGREES[stage])
    return pool.assign(_counted=counted, _higher=higher).sort_values(
        ["_counted", "_higher", "_own", "teacher_id"])


def _change(teachers: pd.DataFrame, data: CountyData, row, moved: set,
            criteria: BackboneCriteria) -> pd.DataFrame:
    pool = _pool(teachers, data, row.school_id, row.stage, moved)
    if row.item == "degree_upgrade":
        pool = pool[~pool["degree"].isin(HIGHER_DEGREES[row.stage])]
        column, value = "degree", "bachelor"
    else:
        pool = pool[criteria.eligible(pool)]
        column, value = "backbone", "county"
    chosen = pool.index[: int(row.quantity)]
    if len(chosen) < int(row.quantity):
        raise JunhengError(f"学校 {row.school_id} 符合条件的教师不足 {int(row.quantity)} 名：方案与教师表不一致。")
    teachers.loc[chosen, column] = value
    return teachers


def _subjects(teachers: pd.DataFrame, data: CountyData, row) -> list[str]:
    """Subjects of a unit's new 体育艺术 teachers: each goes to the subject (音乐, 美术, 体育)
    the unit has fewest teachers of at that point."""
    if row.item != "hire_pe_art":
        return [HIRES[row.item][0]] * int(row.quantity)
    have = _pool(teachers, data, row.school_id, row.stage, set())["subject"].value_counts()
    counts = {s: int(have.get(s, 0)) for s in PE_ART_ROTA}
    out = []
    for _ in range(int(row.quantity)):
        subject = min(PE_ART_ROTA, key=lambda s: (counts[s], PE_ART_ROTA.index(s)))
        counts[subject] += 1
        out.append(subject)
    return out


def _hire_rows(row, year: int, action: int, subjects: list[str]) -> list[dict]:
    backbone = HIRES[row.item][1]
    out = []
    for k, subject in enumerate(subjects):
        out.append({
            "teacher_id": f"新聘{year}-{row.school_id}-{action + 1}-{k + 1}",
            "school_id": row.school_id, "stage": row.stage, "subject": subject,
            "full_time": True, "degree": HIRED_DEGREE,
            "title": "first" if row.item == "hire_backbone" else "unranked",
            "backbone": backbone, "certified": True, "sex": ("female", "male")[k % 2],
            "birth_year": year - (35 if row.item == "hire_backbone" else 24),
            "work_start_year": year - (12 if row.item == "hire_backbone" else 0),
            "school_start_year": year, "training_hours_5y": 0.0, "rotated_in": False})
    return out
