"""Which teachers move: a closed school's go to its receivers as the plan splits them (the CV
evaluation's county and the staffing ledger alike), and a 县管校聘调剂 sends teachers who are no
县级以上骨干 first (review 2026-12-04 finding 9). Every figure worked by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.model import CountyData
from junheng.planning.layout_county import closure_destinations, planned_county
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_ledger import _closure_moves, ledger_after_layout, pool_order
from staffing_builders import senders_ledger

INFO = {"county_code": "410306", "school_year": 2025}
TOWN = "410306001"


def _teacher(tid: str, school: str, stage: str, backbone: str = "none", full: bool = True):
    return {"teacher_id": tid, "school_id": school, "stage": stage, "subject": "chinese",
            "full_time": full, "degree": "bachelor", "backbone": backbone}


def _closing_county() -> tuple[CountyData, list[PlannedSchool]]:
    """A (closes) sends 65 pupils to B (merged into) and 32 to C; its 5 full-time primary
    teachers T1–T5 and one part-time P1."""
    schools = [{"school_id": s, "name": n, "school_type": "primary_school", "town_code": TOWN}
               for s, n in (("A", "甲小学"), ("B", "乙小学"), ("C", "丙小学"))]
    teachers = [_teacher(f"T{k}", "A", "primary") for k in (5, 3, 1, 4, 2)]
    teachers += [_teacher("P1", "A", "primary", full=False), _teacher("B1", "B", "primary")]
    data = CountyData.from_records(INFO, schools=schools, teachers=teachers)
    plan = [PlannedSchool("A", "甲小学", "close", merged_into="B", teachers_to_redeploy=5,
                          moved_pupils={"B": 65, "C": 32}, moved_teachers={"B": 3, "C": 2}),
            PlannedSchool("B", "乙小学", "keep"), PlannedSchool("C", "丙小学", "keep")]
    return data, plan


def test_a_closed_schools_teachers_go_to_its_receivers_by_their_pupils():
    data, plan = _closing_county()
    # full-time: 5 × 65 / 97 = 3.35 and 5 × 32 / 97 = 1.65 → floors 3 + 1, the one left to the
    # larger remainder (C, 0.65): B gets T1–T3 (lowest codes), C T4 and T5. Part-time P1:
    # 0.67 and 0.33 → floors 0 + 0, the one to B. B1 stays at B.
    at = dict(zip(data.teachers["teacher_id"], closure_destinations(data.teachers, plan),
                  strict=True))
    assert at == {"T1": "B", "T2": "B", "T3": "B", "T4": "C", "T5": "C", "P1": "B", "B1": "B"}
    after = planned_county(data, plan).teachers.set_index("teacher_id")["school_id"]
    assert after.to_dict() == at  # the county the 调整后 差异系数 evaluates (was: all 6 at B)
    assert "A" not in set(planned_county(data, plan).schools["school_id"])


def test_the_ledger_counts_the_same_split_as_the_plan_and_the_county():
    data, plan = _closing_county()
    full = data.teachers[data.teachers["full_time"]]
    got = _closure_moves(full, SimpleNamespace(schools=plan))
    # 3 to B (merged into, listed first) and 2 to C: the plan's moved_teachers
    assert got.values.tolist() == [["A", "B", "primary", "closure", 3],
                                   ["A", "C", "primary", "closure", 2]]


def test_an_older_plan_without_a_split_sends_all_to_the_school_merged_into():
    data, plan = _closing_county()
    plan[0] = PlannedSchool("A", "甲小学", "close", merged_into="B", teachers_to_redeploy=5)
    assert set(closure_destinations(data.teachers, plan)) == {"B"}


def test_pool_order_sends_teachers_who_are_no_backbone_first():
    t = pd.DataFrame({"teacher_id": ["T1", "T2", "T3", "T4", "T5"],
                      "backbone": ["city", "none", "county", "none", "national"]})
    # none (T2, T4), then 县级 T3, 市级 T1, 国家级 T5; by code within a level
    assert t.loc[pool_order(t), "teacher_id"].tolist() == ["T2", "T4", "T3", "T1", "T5"]


def _pool_ledger(levels: list[str], sender: float, receiver: float):
    """乡镇 junior school X with teachers T1… of ``levels`` and ``sender`` pupils in the plan
    year; the plan's new school N with ``receiver`` pupils and no teachers."""
    schools = [{"school_id": "X", "name": "枣寨镇初级中学", "school_type": "junior_school",
                "town_code": TOWN, "ownership": "public"}]
    teachers = [_teacher(f"T{k + 1}", "X", "junior", b) for k, b in enumerate(levels)]
    data = CountyData.from_records(INFO, schools=schools, teachers=teachers)
    plan = LayoutOutcome("optimal", (PlannedSchool("X", "枣寨镇初级中学", "keep"),
                                     PlannedSchool("N", "新建初级中学", "new")), {})
    now = pd.DataFrame({"school_id": ["X", "N"], "grade": "g7", "students": [sender, receiver]})
    return ledger_after_layout(data, plan, SimpleNamespace(now=now, moves=None, county=data), None)


def test_a_pool_move_sends_a_backbone_teacher_only_for_the_receivers_shortfall():
    # X: 8 teachers, T1 and T2 县级骨干, T3 市级骨干; 27 pupils need ⌈27 / 13.5⌉ = 2 teachers
    # (6 spare) and ⌈27 / 100⌉ = 1 骨干 (2 spare). N: 54 pupils need 4 teachers and 1 骨干.
    # 县管校聘 X → N 4: by code alone T1–T4 (3 骨干); now 1 骨干 (N's shortfall), the lowest
    # level by code (T1), and 3 without (T4, T5, T6); X keeps T2 and T3.
    levels = ["county", "county", "city", "none", "none", "none", "none", "none"]
    ledger = _pool_ledger(levels, 27.0, 54.0)
    assert ledger.moves[["from_school_id", "to_school_id", "kind", "teachers"]].values.tolist() \
        == [["X", "N", "pool", 4]]
    moved = ledger.teacher_moves
    assert moved["teacher_id"].tolist() == ["T1", "T4", "T5", "T6"]
    assert set(moved["to_school_id"]) == {"N"} and set(moved["kind"]) == {"pool"}


def test_a_sender_keeps_the_backbone_teachers_its_own_pupils_need():
    # X: 4 teachers, T1 and T2 县级骨干; 150 pupils need ⌈150 / 13.5⌉ = 12 teachers — X has
    # 4 → short itself, sends none. With 13 pupils (needs 1, 3 spare; 骨干 need ⌈0.13⌉ = 1):
    # N (40 pupils: 3 teachers, 1 骨干) takes 3: 1 骨干 (T1) and the 2 without (T3, T4).
    assert _pool_ledger(["county", "county", "none", "none"], 150.0, 40.0).moves.empty
    moved = _pool_ledger(["county", "county", "none", "none"], 13.0, 40.0).teacher_moves
    assert moved["teacher_id"].tolist() == ["T1", "T3", "T4"]
    # X with 400 pupils and 40 teachers (⌈400 / 13.5⌉ = 30 needed, 10 spare), 4 of them 骨干
    # (⌈400 / 100⌉ = 4 needed, 0 spare): N (40 pupils) takes 3, none a 骨干 though N has
    # none — the first 3 without by code as text (T10 < T11 < T12 < T5).
    levels = ["county"] * 4 + ["none"] * 36
    moved = _pool_ledger(levels, 400.0, 40.0).teacher_moves
    assert moved["teacher_id"].tolist() == ["T10", "T11", "T12"]


def test_without_others_left_a_pool_move_sends_backbone_teachers_rather_than_none():
    # X: 4 teachers, all 县级骨干 but T4 市级; 13 pupils need 1 teacher and 1 骨干 (3 spare);
    # N (40 pupils) has no 骨干 shortfall beyond 1: T1 for it, then T2, T3 (no one else),
    # the 市级 T4 stays.
    moved = _pool_ledger(["county", "county", "county", "city"], 13.0, 40.0).teacher_moves
    assert moved["teacher_id"].tolist() == ["T1", "T2", "T3"]


def test_the_receivers_backbone_shortfall_is_spread_over_its_senders():
    # review2 9: 郑沟镇初级中学 sent 7 teachers to the new school, all 骨干, picked first.
    # X: 13 teachers, X1–X4 县级骨干; Y: 10, Y1 and Y2 县级骨干; 27 pupils each need
    # ⌈27 / 13.5⌉ = 2 teachers (X 11 spare, Y 8) and 1 骨干 (X 3 spare, Y 1). N: 256 pupils
    # need ⌈18.96⌉ = 19 teachers (X → N 11, Y → N 8: most spare first) and ⌈2.56⌉ = 3 骨干.
    # One 骨干 per move in turn: X1, Y1, then X2 (Y has none more to spare); was X1–X3 from
    # X (its spare 3, N's shortfall 3) and none from Y.
    x = (["county"] * 4 + ["none"] * 9, 27.0)
    y = (["county"] * 2 + ["none"] * 8, 27.0)
    ledger = senders_ledger({"X": x, "Y": y}, 256.0)
    assert ledger.moves[["from_school_id", "teachers"]].values.tolist() == [["X", 11], ["Y", 8]]
    moved = ledger.teacher_moves.set_index("teacher_id")
    assert sorted(i for i in moved.index if i in {"X1", "X2", "X3", "X4", "Y1", "Y2"}) \
        == ["X1", "X2", "Y1"]


def test_a_pool_move_is_not_all_backbone_while_its_sender_has_others():
    # X: X1–X4 县级骨干 and X5 without; 40 pupils need 3 teachers (2 spare) and 1 骨干
    # (3 spare). N: 200 pupils need 15 teachers and 2 骨干 — X → N 2: was X1, X2 (both
    # 骨干, N's shortfall); now one place is kept for X5: X1 and X5.
    moved = senders_ledger({"X": (["county"] * 4 + ["none"], 40.0)}, 200.0).teacher_moves
    assert moved["teacher_id"].tolist() == ["X1", "X5"]
