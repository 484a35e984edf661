"""交流轮岗 moves of a compliance plan: senders paired 城镇 → 乡村 first, a reason on every
move that is not (review finding 8)."""

import numpy as np
import pandas as pd

from junheng.planning.compliance_rotation import rotation_rows

SCHOOLS = pd.DataFrame({"school_id": ["A", "B", "C", "D"],
                        "urban_rural_code": ["111", "220", "111", "220"]})


def _row(school, item, quantity, **extra):
    return {"from": school, "to": extra["to_school_id"], "n": quantity, "why": extra["reason"]}


def test_urban_senders_go_to_rural_receivers_first_and_a_sideways_move_says_why():
    """Senders: B (乡村, 1 teacher) listed first, C (城区, 2). Receivers: A (城区, 1) listed
    first, D (乡村, 2). The old order paired B → A and C → A/D; now C's 2 go to D (城区→乡村)
    and B's 1 to A (乡村→城区), with A's 2 骨干 per 400 students = 0.50 per 100 against B's
    3 per 200 = 1.50."""
    units = pd.DataFrame({"school_id": ["B", "A", "C", "D"], "stage": "primary",
                          "students": [200, 400, 800, 100],
                          "backbone_teachers": [3, 2, 20, 0]})
    rows = rotation_rows(units, SCHOOLS, "backbone", out=np.array([1, 0, 2, 0]),
                         into=np.array([0, 1, 0, 2]), row=_row)
    assert rows == [
        {"from": "C", "to": "D", "n": 2, "why": "城区→乡村：城镇学校向乡村学校交流"},
        {"from": "B", "to": "A", "n": 1,
         "why": "乡村→城区，不属于城镇向乡村交流：调入校每百名学生骨干教师 0.50 名，少于调出校的 1.50 名，"
                "为缩小校际差距而安排，请县教育局确认"}]


def test_a_stage_pairs_only_within_itself():
    units = pd.DataFrame({"school_id": ["C", "D", "C", "D"],
                          "stage": ["primary", "primary", "junior", "junior"],
                          "students": [100, 100, 100, 100], "pe_art_teachers": [5, 1, 5, 1]})
    rows = rotation_rows(units, SCHOOLS, "pe_art", out=np.array([1, 0, 0, 0]),
                         into=np.array([0, 1, 0, 0]), row=_row)
    assert [(r["from"], r["to"], r["n"]) for r in rows] == [("C", "D", 1)]
