"""Teachers: how many each school needs, who they are, and how the staff changes year to year.

Full-time teachers per school and stage follow the staffing ratios (primary 1:19, junior 1:13.5,
senior 1:12.5, kindergarten 1:15) with a floor per class, so small rural schools have more
teachers per pupil and over-capacity seat schools fewer. Degree, backbone and PE/music/art shares
are higher in the seat than in towns and villages; a few teachers (mostly in private
kindergartens) have no certificate; training hours over five years spread around 360; ages and
years at the school make about half the teachers eligible for rotation (≥ 6 years at one school).

Each later year the staff ages, teachers past retirement age leave, a teaching point's teachers
move with it into its central school, surpluses move to schools that are short, new teachers
fill the rest, and a share of eligible teachers rotate between seat/town and village schools.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.demo.enrolment import JUNIOR, PRESCHOOL, PRIMARY, SENIOR
from junheng.model import codes

STAGES = ("preschool", "primary", "junior", "senior")
STAGE_SLICES = (PRESCHOOL, PRIMARY, JUNIOR, SENIOR)
STAFF_RATIO = np.array([15.0, 19.0, 13.5, 12.5])
PER_CLASS_FLOOR = np.array([1.4, 1.0, 2.3, 2.5])

# Profiles: 0 seat public, 1 town public, 2 village (village primaries, teaching points), 3 private.
PROFILE_OF_ROLE = {
    "seat_primary": 0, "seat_nine": 0, "seat_junior": 0, "seat_complete": 0, "seat_senior": 0,
    "special": 0, "central_primary": 1, "town_junior": 1, "town_nine": 1, "town_primary2": 1,
    "village_primary": 2, "teaching_point": 2, "private_twelve": 3, "kg_private": 3,
}
STAFFING = {  # pupils per teacher relative to the ratio; above 1 means short of teachers
    "seat_primary": 1.05, "seat_nine": 1.0, "seat_junior": 1.05, "seat_complete": 1.0,
    "seat_senior": 1.05, "central_primary": 0.97, "town_junior": 0.97, "town_nine": 0.95,
    "town_primary2": 1.0, "village_primary": 0.85, "private_twelve": 1.1, "kg_public": 1.0,
    "kg_private": 1.2,
}
CROWDED_STAFFING = 1.22
PER_CLASS_BY_PROFILE = np.array([1.0, 1.2, 1.5, 1.0])

DEGREES = ("postgraduate", "bachelor", "associate", "secondary_or_below")
DEGREE_P = {  # (stage, profile) -> probabilities over DEGREES
    "preschool": [[0.0, 0.45, 0.50, 0.05], [0.0, 0.25, 0.60, 0.15], [0.0, 0.2, 0.6, 0.2],
                  [0.0, 0.15, 0.55, 0.30]],
    "primary": [[0.05, 0.72, 0.21, 0.02], [0.01, 0.55, 0.38, 0.06], [0.0, 0.38, 0.48, 0.14],
                [0.02, 0.55, 0.38, 0.05]],
    "junior": [[0.08, 0.86, 0.06, 0.0], [0.02, 0.72, 0.25, 0.01], [0.01, 0.62, 0.34, 0.03],
               [0.04, 0.80, 0.16, 0.0]],
    "senior": [[0.12, 0.86, 0.02, 0.0], [0.05, 0.9, 0.05, 0.0], [0.05, 0.9, 0.05, 0.0],
               [0.06, 0.88, 0.06, 0.0]],
}
BACKBONE_P = np.array([0.30, 0.25, 0.15, 0.06])
BACKBONE_LEVELS = ("county", "city", "province", "national")
BACKBONE_LEVEL_P = np.array([0.68, 0.24, 0.07, 0.01])
UNCERTIFIED_P = np.array([0.01, 0.02, 0.05, 0.08])
TRAINING_MEAN = np.array([400.0, 375.0, 335.0, 310.0])
FEMALE_P = {"preschool": 0.97, "primary": [0.82, 0.68, 0.55, 0.85],
            "junior": [0.60, 0.50, 0.45, 0.60], "senior": [0.55, 0.5, 0.5, 0.55]}
FEMALE_TABLE = np.array([[FEMALE_P["preschool"]] * 4] + [FEMALE_P[s] for s in STAGES[1:]])
YOUNG_P = np.array([0.15, 0.18, 0.25, 0.45])
MEAN_AGE = np.array([41.0, 44.0, 48.0, 36.0])

SUBJECT_P = {
    "primary": {"chinese": 0.29, "math": 0.23, "english": 0.08, "morality_law": 0.05,
                "science": 0.06, "pe": 0.09, "music": 0.06, "art": 0.06, "it": 0.03,
                "practice": 0.02, "labour": 0.01, "mental_health": 0.01, "other": 0.02},
    "junior": {"chinese": 0.14, "math": 0.14, "english": 0.13, "morality_law": 0.06,
               "physics": 0.07, "chemistry": 0.05, "biology": 0.06, "history": 0.06,
               "geography": 0.05, "pe": 0.09, "music": 0.04, "art": 0.04, "it": 0.03,
               "mental_health": 0.02, "practice": 0.01, "other": 0.03},
    "senior": {"chinese": 0.13, "math": 0.14, "english": 0.13, "morality_law": 0.06,
               "physics": 0.09, "chemistry": 0.07, "biology": 0.07, "history": 0.06,
               "geography": 0.06, "pe": 0.06, "music": 0.02, "art": 0.02, "it": 0.03,
               "mental_health": 0.01, "other": 0.05},
    "preschool": {"other": 1.0},
}
SUBJECTS = tuple(codes.SUBJECTS.values())
ARTS_SPORTS = ("pe", "music", "art")
ARTS_SPORTS_FACTOR = np.array([1.0, 0.85, 0.4, 0.9])  # by profile: villages are short

TITLES = ("professor", "senior", "first", "second", "third", "unranked")
ROTATION_RATE = (0.07, 0.11, 0.12)  # rotated / eligible, by year index (last one repeats)
ROTATION_BACKBONE = (0.15, 0.25, 0.25)
RETIREMENT_AGE = {"female": 55, "male": 60}

COLUMNS = ("teacher_id", "school_idx", "stage", "subject", "full_time", "degree", "title",
           "backbone", "certified", "sex", "birth_year", "work_start_year", "school_start_year",
           "training_hours_5y", "rotated_in", "from_school_idx")


def school_profiles(schools: pd.DataFrame) -> np.ndarray:
    """Profile per school: 0 seat public, 1 town public, 2 village, 3 private."""
    profile = schools["role"].map(PROFILE_OF_ROLE)
    kg_public = schools["role"] == "kg_public"
    profile = profile.where(~kg_public, np.where(schools["locale"] == "seat", 0, 1))
    return profile.fillna(1).astype(int).to_numpy()


def stage_pupils(pupils: np.ndarray) -> np.ndarray:
    """Pupils per school (rows) and stage (columns, ``STAGES`` order)."""
    return np.stack([pupils[:, s].sum(axis=1) for s in STAGE_SLICES], axis=1)


def required_teachers(schools: pd.DataFrame, pupils: np.ndarray, sections: np.ndarray,
                      noise: np.ndarray) -> np.ndarray:
    """Full-time teachers needed per school and stage: ratio with a floor per class."""
    n = stage_pupils(pupils).astype(float)
    k = stage_pupils(sections).astype(float)
    staffing = schools["role"].map(STAFFING).fillna(1.0).to_numpy()
    staffing = np.where(schools["crowded"], CROWDED_STAFFING, staffing)
    floor = PER_CLASS_FLOOR[None, :] * PER_CLASS_BY_PROFILE[school_profiles(schools)][:, None]
    need = np.maximum(n / (STAFF_RATIO[None, :] * staffing[:, None]), k * floor) * noise[:, None]
    need = np.where(n > 0, np.ceil(need), 0)
    role = schools["role"].to_numpy()
    tp = role == "teaching_point"
    need[tp, 1] = np.where(k[tp, 1] > 0, np.maximum(1, np.rint(k[tp, 1] * noise[tp] * 0.8)), 0)
    special = role == "special"
    need[special] = np.ceil(n[special] / 3.5)
    return need.astype(np.int64)


def support_staff(required: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Staff who are not full-time teachers, per school and stage (in its largest stage)."""
    out = np.zeros_like(required)
    main = required.argmax(axis=1)
    out[np.arange(len(required)), main] = np.rint(required.sum(axis=1) * share)
    return out


def _draw_categorical(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One draw per row of a probability matrix (rows sum to 1)."""
    cumulative = probabilities.cumsum(axis=1)
    u = rng.random(len(probabilities)) * cumulative[:, -1]
    return (u[:, None] > cumulative).sum(axis=1)


def _subject_probabilities(stage: np.ndarray, profile: np.ndarray, weak: np.ndarray
                           ) -> np.ndarray:
    p = np.zeros((len(stage), len(SUBJECTS)))
    for name, table in SUBJECT_P.items():
        rows = stage == name
        for subject, value in table.items():
            p[rows, SUBJECTS.index(subject)] = value
    arts = [SUBJECTS.index(s) for s in ARTS_SPORTS]
    p[:, arts] *= (ARTS_SPORTS_FACTOR[profile] * np.where(weak, 0.6, 1.0))[:, None]
    return p / p.sum(axis=1, keepdims=True)


def _titles(rng: np.random.Generator, age: np.ndarray) -> np.ndarray:
    return np.array(TITLES, dtype=object)[_draw_categorical(rng, _title_matrix(age))]


def _title_matrix(age: np.ndarray) -> np.ndarray:
    table = np.array([
        [0, 0, 0, 0.3, 0.1, 0.6],  # under 26
        [0, 0, 0.35, 0.6, 0, 0.05],  # 26–32
        [0, 0.15, 0.6, 0.25, 0, 0],  # 33–44
        [0.02, 0.45, 0.45, 0.08, 0, 0],  # 45 and over
    ])
    return table[np.digitize(age, [26, 33, 45])]


def draw_teachers(rng: np.random.Generator, schools: pd.DataFrame, school_idx: np.ndarray,
                  stage_idx: np.ndarray, full_time: np.ndarray, year: int, *, new_hires: bool
                  ) -> dict[str, np.ndarray]:
    """Attributes of teachers at the given schools and stages (a staff, or new hires)."""
    n = len(school_idx)
    profile = school_profiles(schools)[school_idx]
    weak = schools["weak"].to_numpy(bool)[school_idx]
    stage = np.array(STAGES, dtype=object)[stage_idx]
    female = rng.random(n) < FEMALE_TABLE[stage_idx, profile]
    if new_hires:
        age = rng.integers(22, 28, n)
    else:
        young = rng.random(n) < YOUNG_P[profile]
        age = np.where(young, rng.integers(22, 31, n),
                       np.rint(rng.normal(MEAN_AGE[profile], 8.0, n))).astype(np.int64)
    age = np.clip(age, 22, np.where(female, RETIREMENT_AGE["female"], RETIREMENT_AGE["male"]))
    degree_p = np.zeros((n, len(DEGREES)))
    for name, table in DEGREE_P.items():
        rows = stage == name
        degree_p[rows] = np.asarray(table)[profile[rows]]
    degree = _draw_categorical(rng, degree_p)
    older = (age > 50) & (rng.random(n) < 0.35)
    younger = (age < 30) & (rng.random(n) < 0.3)
    degree = np.clip(degree + older - younger, 0, len(DEGREES) - 1)
    start_age = np.array([25, 22, 20, 19])[degree] + rng.integers(0, 3, n)
    work_start = np.minimum(year - age + start_age, year)
    career = year - work_start
    stays = rng.random(n) < 0.55
    at_school = np.where(stays, rng.integers(6, np.maximum(career, 6) + 1),
                         rng.integers(0, np.minimum(career, 5) + 1))
    at_school = np.minimum(at_school, career)
    if new_hires:
        work_start = np.full(n, year)
        at_school = np.zeros(n, dtype=np.int64)
    backbone_p = BACKBONE_P[profile] * np.where(stage == "preschool", 0.6, 1.0) * \
        np.where(weak, 0.5, 1.0) * np.where(age < 28, 0.2, 1.0) * full_time
    backbone = np.where(rng.random(n) < backbone_p,
                        np.array(BACKBONE_LEVELS, dtype=object)[
                            _draw_categorical(rng, np.tile(BACKBONE_LEVEL_P, (n, 1)))], "none")
    uncertified_p = UNCERTIFIED_P[profile] * np.where(
        (profile == 3) & (stage == "preschool"), 2.2, 1.0) * np.where(new_hires, 0.5, 1.0)
    hours = rng.normal(TRAINING_MEAN[profile] - 30 * weak, 70.0, n)
    subject = np.where(full_time, np.array(SUBJECTS, dtype=object)[
        _draw_categorical(rng, _subject_probabilities(stage, profile, weak))], "other")
    return {
        "school_idx": school_idx, "stage": stage, "subject": subject, "full_time": full_time,
        "degree": np.array(DEGREES, dtype=object)[degree], "title": _titles(rng, age),
        "backbone": backbone, "certified": rng.random(n) >= uncertified_p,
        "sex": np.where(female, "female", "male").astype(object), "birth_year": year - age,
        "work_start_year": work_start, "school_start_year": year - at_school,
        "training_hours_5y": np.clip(np.rint(hours * np.where(new_hires, 0.3, 1.0)), 0, 800),
        "rotated_in": np.zeros(n, dtype=bool), "from_school_idx": np.full(n, -1),
    }


class TeacherIds:
    """Hands out 教师编号 ``T<county code><5 digits>`` in order."""

    def __init__(self, county_code: str):
        self.county_code = county_code
        self.next = 1

    def take(self, n: int) -> np.ndarray:
        ids = np.array([f"T{self.county_code}{k:05d}" for k in range(self.next, self.next + n)],
                       dtype=object)
        self.next += n
        return ids


def _slots(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """School and stage index for each of ``counts[school, stage]`` positions."""
    school_idx, stage_idx = np.nonzero(counts)
    repeat = counts[school_idx, stage_idx]
    return np.repeat(school_idx, repeat), np.repeat(stage_idx, repeat)


def initial_staff(rng: np.random.Generator, schools: pd.DataFrame, full: np.ndarray,
                  support: np.ndarray, year: int, ids: TeacherIds) -> pd.DataFrame:
    """The staff of the first year: ``full`` full-time teachers and ``support`` other staff."""
    frames = []
    for counts, is_full in ((full, True), (support, False)):
        school_idx, stage_idx = _slots(counts)
        drawn = draw_teachers(rng, schools, school_idx, stage_idx,
                              np.full(len(school_idx), is_full), year, new_hires=False)
        frames.append(pd.DataFrame(drawn))
    staff = pd.concat(frames, ignore_index=True)
    staff.insert(0, "teacher_id", ids.take(len(staff)))
    return staff


def eligible_for_rotation(staff: pd.DataFrame, schools: pd.DataFrame, year: int) -> np.ndarray:
    """符合交流条件: public compulsory full-time teachers ≥ 6 years at the school, under 55 (men)
    or 50 (women)."""
    school = schools.iloc[staff["school_idx"].to_numpy()]
    compulsory = school["school_type"].isin(codes.COMPULSORY_SCHOOL_TYPES).to_numpy()
    public = (school["ownership"] == "public").to_numpy()
    age = year - staff["birth_year"].to_numpy()
    young_enough = age < np.where(staff["sex"] == "female", 50, 55)
    stage_ok = staff["stage"].isin(["primary", "junior"]).to_numpy()
    return (compulsory & public & staff["full_time"].to_numpy(bool) & young_enough & stage_ok
            & (year - staff["school_start_year"].to_numpy() >= 6))


def rotate(rng: np.random.Generator, staff: pd.DataFrame, schools: pd.DataFrame, year: int,
           year_index: int) -> pd.DataFrame:
    """Swap pairs of eligible teachers between seat/town and village schools of one stage.

    About ``ROTATION_RATE`` of the eligible teachers rotate, with ``ROTATION_BACKBONE`` of
    the rotated being backbone teachers from the seat and town side. Only eligible teachers
    rotate, so the eligible count before rotation is the one after it plus the rotated.
    """
    rate = ROTATION_RATE[min(year_index, len(ROTATION_RATE) - 1)]
    backbone_share = ROTATION_BACKBONE[min(year_index, len(ROTATION_BACKBONE) - 1)]
    eligible = eligible_for_rotation(staff, schools, year)
    profile = school_profiles(schools)[staff["school_idx"].to_numpy()]
    staff = staff.copy()
    # primary: seat and town schools <-> village schools; junior: seat <-> town schools
    sides = {"primary": (profile <= 1, profile == 2), "junior": (profile == 0, profile == 1)}
    for stage, (advantaged, disadvantaged) in sides.items():
        in_stage = (staff["stage"] == stage).to_numpy() & staff["full_time"].to_numpy(bool)
        town_side = np.flatnonzero(eligible & in_stage & advantaged)
        village_side = np.flatnonzero(eligible & in_stage & disadvantaged)
        pairs = min(int(round(rate * (eligible & in_stage).sum() / 2)), len(town_side),
                    len(village_side))
        if pairs == 0:
            continue
        outgoing = _pick_with_backbone(rng, staff, town_side, pairs, backbone_share)
        incoming = rng.choice(village_side, size=pairs, replace=False)
        _swap(staff, outgoing, incoming, year)
    return staff


def _pick_with_backbone(rng: np.random.Generator, staff: pd.DataFrame, pool: np.ndarray,
                        count: int, backbone_share: float) -> np.ndarray:
    is_backbone = (staff["backbone"].to_numpy()[pool] != "none")
    backbone, others = pool[is_backbone], pool[~is_backbone]
    n_backbone = min(len(backbone), int(np.ceil(2 * count * backbone_share)), count)
    n_backbone = max(n_backbone, count - len(others))
    return np.r_[rng.choice(backbone, n_backbone, replace=False),
                 rng.choice(others, count - n_backbone, replace=False)].astype(np.int64)


def _swap(staff: pd.DataFrame, a: np.ndarray, b: np.ndarray, year: int) -> None:
    school_a = staff["school_idx"].to_numpy()[a].copy()
    school_b = staff["school_idx"].to_numpy()[b].copy()
    rows = np.r_[a, b]
    staff.loc[rows, "from_school_idx"] = np.r_[school_a, school_b]
    staff.loc[rows, "school_idx"] = np.r_[school_b, school_a]
    staff.loc[rows, "school_start_year"] = year
    staff.loc[rows, "rotated_in"] = True


def next_year_staff(rng: np.random.Generator, staff: pd.DataFrame, schools: pd.DataFrame,
                    full: np.ndarray, support: np.ndarray, year: int, merged_into: dict[int, int],
                    ids: TeacherIds) -> pd.DataFrame:
    """Last year's staff one year on: retirements, merges, transfers, new hires (no rotation)."""
    staff = staff.copy()
    age = year - staff["birth_year"].to_numpy()
    limit = np.where(staff["sex"] == "female", RETIREMENT_AGE["female"], RETIREMENT_AGE["male"])
    staying = (age <= limit) & (rng.random(len(staff)) >= 0.01)
    staff = staff[staying].reset_index(drop=True)
    moved = staff["school_idx"].map(merged_into)
    staff.loc[moved.notna(), "school_start_year"] = year
    staff["school_idx"] = moved.fillna(staff["school_idx"]).astype(np.int64)
    staff["rotated_in"] = False
    staff["from_school_idx"] = -1
    staff["training_hours_5y"] = np.clip(np.rint(
        staff["training_hours_5y"] * 0.8 + rng.uniform(50, 95, len(staff))), 0, 800)
    staff["title"] = _promote(rng, staff, year)
    return _rebalance(rng, staff, schools, full, support, year, ids)


def _promote(rng: np.random.Generator, staff: pd.DataFrame, year: int) -> np.ndarray:
    title = staff["title"].to_numpy().copy()
    age = year - staff["birth_year"].to_numpy()
    u = rng.random(len(title))
    steps = (("unranked", "second", 0.4, 24), ("third", "second", 0.3, 24),
             ("second", "first", 0.12, 30), ("first", "senior", 0.06, 40),
             ("senior", "professor", 0.003, 50))
    new = title.copy()
    for old, up, p, min_age in steps:
        new = np.where((title == old) & (age >= min_age) & (u < p), up, new)
    return new


def _rebalance(rng: np.random.Generator, staff: pd.DataFrame, schools: pd.DataFrame,
               full: np.ndarray, support: np.ndarray, year: int, ids: TeacherIds) -> pd.DataFrame:
    """Move surplus teachers to schools short of them (same stage), then hire for the rest."""
    stage_idx = staff["stage"].map({s: i for i, s in enumerate(STAGES)}).to_numpy()
    keep = np.ones(len(staff), dtype=bool)
    hires = []
    for is_full, target in ((True, full), (False, support)):
        group = staff["full_time"].to_numpy(bool) == is_full
        have = np.zeros_like(target)
        np.add.at(have, (staff["school_idx"].to_numpy()[group], stage_idx[group]), 1)
        for stage in range(len(STAGES)):
            surplus = []
            for s in np.flatnonzero(have[:, stage] > target[:, stage]):
                rows = np.flatnonzero(group & (staff["school_idx"].to_numpy() == s)
                                      & (stage_idx == stage))
                surplus.extend(rng.choice(rows, have[s, stage] - target[s, stage], replace=False))
            surplus = list(rng.permutation(np.asarray(surplus, dtype=np.int64)))
            for s in np.flatnonzero(have[:, stage] < target[:, stage]):
                short = target[s, stage] - have[s, stage]
                while short and surplus:
                    row = surplus.pop()
                    staff.at[row, "school_idx"] = s
                    staff.at[row, "school_start_year"] = year
                    short -= 1
                if short:
                    hires.append((s, stage, short, is_full))
            keep[surplus] = False
    staff = staff[keep]
    if hires:
        school_idx = np.repeat([h[0] for h in hires], [h[2] for h in hires])
        stage_of = np.repeat([h[1] for h in hires], [h[2] for h in hires])
        full_of = np.repeat([h[3] for h in hires], [h[2] for h in hires])
        new = pd.DataFrame(draw_teachers(rng, schools, school_idx, stage_of, full_of, year,
                                         new_hires=True))
        new.insert(0, "teacher_id", ids.take(len(new)))
        staff = pd.concat([staff, new], ignore_index=True)
    return staff.reset_index(drop=True)
