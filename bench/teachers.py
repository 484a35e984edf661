"""Teachers benchmark: a large county (5,000 teachers × 150 schools by default).

Rotation: the 交流轮岗 MILP to a 1 % gap (target: ≤ 1 % gap in ≤ 60 s), with its size, status,
bound, gap, the checker's verdict and the CVs before and after. Selection: the 县管校聘
mechanism (target ≤ 5 s), and plain deferred acceptance against the ``matching`` package on
the same instance (same matching; times and their ratio).

    python -m bench.teachers [--teachers N] [--schools N] [--seed S] [--time-limit S]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from junheng.model import CountyData
from junheng.teachers.rotation_plan import plan_json, plan_rotation
from junheng.teachers.selection import SelectionInstance, deferred_acceptance, select

SUBJECTS = ("chinese", "math", "english", "morality_law", "science", "history", "pe", "music",
            "art", "it", "practice")
SUBJECT_P = (0.26, 0.18, 0.09, 0.06, 0.09, 0.04, 0.08, 0.05, 0.05, 0.03, 0.07)
INFO = {"county_code": "410399", "county_name": "基准县", "city_name": "洛阳市",
        "school_year": 2025, "primary_funding_quota": 720.0, "junior_funding_quota": 940.0}


def large_county(n_teachers: int, n_schools: int, seed: int) -> CountyData:
    """Schools 15 % 城区, 30 % 镇区, 55 % 乡村; students by area; teachers spread by students
    with more 骨干 and 体育艺术 teachers in town."""
    rng = np.random.default_rng(seed)
    area = rng.choice(["111", "121", "220"], size=n_schools, p=[0.15, 0.30, 0.55])
    size = {"111": (1200, 2200), "121": (500, 1100), "220": (60, 420)}
    schools, classes = [], []
    for i, code in enumerate(area):
        sid = f"4103990{i:03d}"
        schools.append({"school_id": sid, "name": f"基准学校{i + 1}", "school_type": "primary_school",
                        "ownership": "public", "town_code": "410399001", "urban_rural_code": code,
                        "lon": 112.4, "lat": 34.6, "crs": "WGS84", "boarding": False})
        per_grade = int(rng.integers(*size[code])) // 6
        for g in range(1, 7):
            n_cls = max(1, round(per_grade / 42))
            classes += [{"school_id": sid, "grade": f"g{g}", "class_no": str(c + 1),
                         "students": min(120, per_grade // n_cls)} for c in range(n_cls)]
    students = np.zeros(n_schools)
    for c in classes:
        students[int(c["school_id"][-3:])] += c["students"]
    weight = students * np.where(area == "220", 0.8, 1.15)
    home = rng.choice(n_schools, size=n_teachers, p=weight / weight.sum())
    teachers = [_teacher(rng, k, f"4103990{h:03d}", area[h]) for k, h in enumerate(home)]
    return CountyData.from_records(dict(INFO), schools=schools, classes=classes,
                                   teachers=teachers)


def _teacher(rng, k: int, school_id: str, code: str) -> dict:
    town = code != "220"
    p = np.array(SUBJECT_P) * (np.array([1] * 6 + [1.6, 1.6, 1.6, 1, 1]) if town else 1)
    return {"teacher_id": f"T{k:05d}", "school_id": school_id, "stage": "primary",
            "subject": SUBJECTS[rng.choice(len(SUBJECTS), p=p / p.sum())], "full_time": True,
            "degree": "bachelor" if rng.random() < (0.8 if town else 0.5) else "secondary",
            "title": "second", "backbone": "county" if rng.random() < (0.15 if town else 0.04)
            else "none", "certified": True, "sex": "male" if rng.random() < 0.35 else "female",
            "birth_year": int(rng.integers(1968, 2000)), "work_start_year": 2000,
            "school_start_year": int(rng.integers(2000, 2025)), "training_hours_5y": 300.0,
            "rotated_in": False}


def bench_rotation(data: CountyData, time_limit: float, weight_cv: float = 100.0) -> None:
    """One rotation plan; ``weight_cv`` below the default weights shortages over the spread,
    which is where the 优质均衡 CV rule (rotation_cv.py) has to repair."""
    from junheng.teachers.rotation_data import RotationConfig
    began = time.perf_counter()
    plan = plan_rotation(data, RotationConfig(time_limit=time_limit, weight_cv=weight_cv))
    wall = time.perf_counter() - began
    out = plan_json(plan)
    s = out["solve"]
    print(f"交流轮岗（weight_cv={weight_cv:g}）：符合条件 {out['eligible']} 名，应交流 ≥ {out['required']} 名，"
          f"安排 {out['rotated']} 名（骨干 {out['backbone_rotated']} 名）")
    print(f"  status={s['status']} objective={s['objective']} bound={s['bound']} "
          f"gap={s['gap']} solver_s={s['seconds']} wall_s={wall:.1f} "
          f"checked_objective={s['checked_objective']} violations={len(out['violations'])}")
    for row in out["indicators"]:
        print(f"  CV all stages {row['key']}: {row['cv_before']} -> {row['cv_after']}")
    rule = out["cv_rule"]
    print(f"  CV rule: solves={rule['solves']} hold={rule['hold']} freeze={rule['freeze']} "
          f"first plan breached={rule['repaired']}")
    for row in rule["stages"]:
        print(f"  CV {row['stage']} {row['key']}: {row['cv_before']} -> {row['cv_after']} "
              f"(limit {row['limit']})")
    print(f"  shortages: {out['shortages']}")


def selection_instance(data: CountyData, seed: int) -> SelectionInstance:
    """Every teacher in the pool ranks 10 schools (popular ones more often); each school
    ranks the teachers who chose it by a score; posts 105 % of the teachers, by students;
    乡村 schools must be filled to 80 % of their posts."""
    rng = np.random.default_rng(seed + 1)
    ids = data.schools["school_id"].tolist()
    rural = data.schools["urban_rural_code"].eq("220").to_numpy()
    size = data.classes.groupby("school_id")["students"].sum().reindex(ids).to_numpy(float)
    n = len(data.teachers)
    posts = np.maximum(1, np.floor(size / size.sum() * n * 1.05)).astype(int)
    pop = np.where(rural, 0.3, 1.0) * np.sqrt(size)
    teacher_ids = data.teachers["teacher_id"].tolist()
    prefs = {t: [ids[j] for j in rng.choice(len(ids), 10, replace=False, p=pop / pop.sum())]
             for t in teacher_ids}
    score = dict(zip(teacher_ids, rng.random(n), strict=True))
    applicants: dict[str, list[str]] = {s: [] for s in ids}
    for t, ss in prefs.items():
        for s in ss:
            applicants[s].append(t)
    ranks = {s: sorted(ts, key=lambda t: -score[t]) for s, ts in applicants.items()}
    minimum = {s: int(0.8 * q) for s, q, r in zip(ids, posts, rural, strict=True) if r}
    return SelectionInstance(prefs, ranks, dict(zip(ids, posts.tolist(), strict=True)),
                             minimum, frozenset(minimum))


def bench_selection(inst: SelectionInstance) -> None:
    began = time.perf_counter()
    result = select(inst)
    took = time.perf_counter() - began
    stages = {k: sum(1 for v in result.stage.values() if v == k)
              for k in ("first_round", "adjusted_minimum", "second_round", "adjusted",
                        "unplaced")}
    print(f"县管校聘：教师 {len(inst.teacher_prefs)} 名，学校 {len(inst.posts)} 所，"
          f"mechanism_s={took:.2f} stages={stages}")
    began = time.perf_counter()
    ours = deferred_acceptance(inst.teacher_prefs, inst.school_prefs, inst.posts)
    ours_s = time.perf_counter() - began
    try:
        from matching.games import HospitalResident
    except ImportError:
        print("  matching 包未安装：跳过对比")
        return
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 100_000))  # the package deep-copies
    began = time.perf_counter()
    game = HospitalResident.create_from_dictionaries(
        {t: list(p) for t, p in inst.teacher_prefs.items()},
        {s: list(ts) for s, ts in inst.school_prefs.items() if ts},
        {s: q for s, q in inst.posts.items() if inst.school_prefs[s]})
    solved = game.solve(optimal="resident")
    ref_s = time.perf_counter() - began
    ref = dict(sorted((r.name, h.name) for h, rs in solved.items() for r in rs))
    print(f"  deferred acceptance: junheng {ours_s:.3f} s, matching {ref_s:.3f} s, "
          f"ratio {ref_s / max(ours_s, 1e-9):.1f}, same matching: {ours == ref}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.teachers")
    parser.add_argument("--teachers", type=int, default=5000)
    parser.add_argument("--schools", type=int, default=150)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--weight-cv", type=float, action="append",
                        help="rotation CV weight (repeatable; default 100 and 1)")
    args = parser.parse_args(argv)
    data = large_county(args.teachers, args.schools, args.seed)
    for weight in args.weight_cv or (100.0, 1.0):
        bench_rotation(data, args.time_limit, weight)
    bench_selection(selection_instance(data, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
