"""Teachers moved as a bureau would (review rv findings 1 and 5): those labelled 随学生 follow
the pupils' own flows, and a 县管校聘调剂 does not take 体育艺术 teachers from a school below the
体育艺术 standard. Every figure worked by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from compliance_builders import county, primary_school, school_id
from junheng.planning.compliance_check import PlanCheckError, _check_recruited
from junheng.planning.compliance_redeploy import redeploy_teachers, spare_teachers
from staffing_builders import senders_ledger

A, B, C, D = (school_id(x) for x in "ABCD")
GRADES = ["g1", "g2", "g3", "g4", "g5", "g6"]


def _pupils(**by: int) -> pd.DataFrame:
    """Pupils per school label, spread evenly over grades 1–6."""
    return pd.DataFrame([{"school_id": school_id(s), "grade": g, "students": n / 6}
                         for s, n in by.items() for g in GRADES])


def _four():
    # each school at exactly the 2017 primary ratios (compliance_builders): 800 pupils →
    # 34 teachers (8 县级骨干, 8 pe, 18 others), 400 → 17 (4, 4, 9)
    return county(primary_school("A", 800), primary_school("B", 400),
                  primary_school("C", 400), primary_school("D", 400))


FLOWS = pd.DataFrame({"from_school_id": [A, D], "to_school_id": [B, C],
                      "stage": "primary", "pupils": [400, 200]})


def _moves(flows):
    before, after = _pupils(A=800, B=400, C=400, D=400), _pupils(A=400, B=800, C=600, D=200)
    _, moves = redeploy_teachers(_four(), before, after, flows=flows)
    return moves.groupby(["from_school_id", "to_school_id"])["teachers"].sum().to_dict()


def test_teachers_follow_the_pupils_own_flows_not_any_receiver_of_the_town():
    # A's 400 pupils go to B, D's 200 to C. A may send ⌊34 × 400 / 800⌋ = 17, D
    # ⌊17 × 200 / 400⌋ = 8. B (800) is short 17 higher-degree, 4 骨干, 4 pe: A sends 17;
    # C (600) is short ⌈25.2⌉ − 17 = 9, ⌈6⌉ − 4 = 2, ⌈5.4⌉ − 4 = 2: D sends its 8.
    assert _moves(FLOWS) == {(A, B): 17, (D, C): 8}
    # without the flows any sender of the 乡镇 fills any receiver: B, which took none of D's
    # pupils, got some of D's teachers (the review's 城关第一小学 → 城东新区第二小学)
    assert (D, B) in _moves(None)


def test_a_sender_sends_a_receiver_at_most_its_share_of_the_pupils_that_went_there():
    # A's 400 lost pupils: 100 to B, 300 to C (B and C each gain what the flows bring).
    # To B at most ⌊34 × 100 / 800⌋ = 4, to C ⌊34 × 300 / 800⌋ = 12 (A's 17 in all).
    flows = pd.DataFrame({"from_school_id": [A, A], "to_school_id": [B, C],
                          "stage": "primary", "pupils": [100, 300]})
    before, after = _pupils(A=800, B=400, C=400), _pupils(A=400, B=500, C=700)
    data = county(primary_school("A", 800), primary_school("B", 400), primary_school("C", 400))
    _, moves = redeploy_teachers(data, before, after, flows=flows)
    got = moves.groupby("to_school_id")["teachers"].sum().to_dict()
    assert got == {B: 4, C: 12}


def test_the_checker_lets_a_receiver_hire_when_the_sender_with_teachers_sent_it_no_pupils():
    # (18) after the flows: D has sent C its 8 and A still has 0 left; at B a sender of the
    # 乡镇 with spare teachers refuses a hire only if its pupils went to B.
    before, after = _pupils(A=800, B=400, C=400, D=400), _pupils(A=400, B=800, C=600, D=200)
    spare = spare_teachers(_four(), before, after, pd.DataFrame(
        columns=["from_school_id", "stage", "teachers"]), flows=FLOWS)
    assert spare.set_index("school_id")["receivers"].to_dict() == {
        A: frozenset({B}), B: frozenset(), C: frozenset(), D: frozenset({C})}
    hire = pd.DataFrame({"item": ["hire_backbone"], "school_id": [C], "stage": "primary",
                         "name": "C小学", "quantity": [1.0]})
    problem = SimpleNamespace(spare_teachers=spare, start=_four())
    with pytest.raises(PlanCheckError, match=r"^\(18\) C小学.*而同一乡镇学生转出的D小学仍有"):
        _check_recruited(problem, hire)  # D (2 骨干 spare) sent its pupils to C: refused
    no_flow = spare.assign(receivers=[frozenset()] * len(spare))
    _check_recruited(SimpleNamespace(spare_teachers=no_flow, start=_four()), hire)


def _pool(senders: dict[str, tuple[list[str], float]], receiver: float):
    """乡镇 junior schools (id: subjects of its teachers id1, id2, …, pupils in the plan year;
    none a 骨干) and the plan's new school N with ``receiver`` pupils and no teachers."""
    return senders_ledger({s: ([("none", x) for x in subjects], p)
                           for s, (subjects, p) in senders.items()}, receiver)


def test_a_school_below_the_pe_art_standard_sends_other_subjects_instead():
    # X: X1 体育, X2–X5 语文; 27 pupils need ⌈27 / 13.5⌉ = 2 teachers (3 spare) and
    # ⌈0.9 × 27 / 100⌉ = 1 体育艺术 (X has 1: none spare). N: 40 pupils need 3 teachers
    # and 1 体育艺术. 县管校聘 X → N 3: was X1–X3 by code (X1 its only 体育 teacher); now
    # X2, X3, X4 and X keeps X1.
    ledger = _pool({"X": (["pe"] + ["chinese"] * 4, 27.0)}, 40.0)
    assert ledger.moves[["from_school_id", "to_school_id", "kind", "teachers"]].values.tolist() \
        == [["X", "N", "pool", 3]]
    assert ledger.teacher_moves["teacher_id"].tolist() == ["X2", "X3", "X4"]


def test_the_new_schools_pe_art_teacher_comes_from_a_school_with_one_to_spare():
    # X as above (its 1 体育 teacher is its own need); Y: Y1, Y2 美术, Y3–Y6 语文, 27 pupils:
    # needs 2 teachers (4 spare) and 1 体育艺术 (1 spare). N: 94 pupils need ⌈6.96⌉ = 7
    # teachers (X → N 3, Y → N 4) and ⌈0.846⌉ = 1 体育艺术: Y's Y1 goes, X keeps X1.
    ledger = _pool({"X": (["pe"] + ["chinese"] * 4, 27.0),
                    "Y": (["art"] * 2 + ["chinese"] * 4, 27.0)}, 94.0)
    assert ledger.moves[["from_school_id", "teachers"]].values.tolist() == [["Y", 4], ["X", 3]]
    assert sorted(ledger.teacher_moves["teacher_id"]) == ["X2", "X3", "X4",
                                                          "Y1", "Y3", "Y4", "Y5"]


def test_a_sender_above_the_pe_art_standard_sends_one_for_the_receivers_shortfall():
    # X: X1, X2 体育 and X3 语文; 13 pupils need 1 teacher (2 spare) and 1 体育艺术 (1 spare).
    # N (27 pupils: 2 teachers, 1 体育艺术) takes 2: X1 for its 体育艺术 shortfall and X3.
    ledger = _pool({"X": (["pe", "pe", "chinese"], 13.0)}, 27.0)
    assert ledger.teacher_moves["teacher_id"].tolist() == ["X1", "X3"]


def test_with_only_pe_art_teachers_left_a_pool_move_still_sends_them_rather_than_none():
    # X: X1–X3 体育; 13 pupils need 1 teacher and 1 体育艺术 (2 spare of each). N (27 pupils)
    # takes 2: X1 for its 体育艺术 shortfall, then X2 (no one else), rather than hiring.
    ledger = _pool({"X": (["pe", "pe", "pe"], 13.0)}, 27.0)
    assert ledger.teacher_moves["teacher_id"].tolist() == ["X1", "X2"]


def test_a_pool_move_takes_from_the_receivers_own_town_first():
    # X (乡镇 1) 10 teachers and Y (乡镇 2) 12, 27 pupils each: need ⌈2⌉ = 2, spare 8 and 10.
    # N (乡镇 1, 94 pupils) needs ⌈6.96⌉ = 7: from X, of its own 乡镇, though Y has more to
    # spare (without the 乡镇 all 7 came from Y).
    from junheng.planning.staffing_ledger import build_ledger

    today = pd.DataFrame({"school_id": ["X", "Y"], "stage": "junior", "teachers": [10, 12]})
    pupils = pd.DataFrame({"school_id": ["X", "Y", "N"], "stage": "junior",
                           "pupils": [27, 27, 94]})
    moves = pd.DataFrame(columns=["from_school_id", "to_school_id", "stage", "kind", "teachers"])

    def pool(towns):
        ledger = build_ledger(today, pupils, moves, new_schools={"N"}, towns=towns,
                              ratio={"primary": 19.0, "junior": 13.5})
        return ledger.moves[["from_school_id", "to_school_id", "teachers"]].values.tolist()

    assert pool({"X": "1", "Y": "2", "N": "1"}) == [["X", "N", 7]]
    assert pool(None) == [["Y", "N", 7]]
