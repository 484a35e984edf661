"""Review rv14 N5: a bureau does not lease 18 m² for one year. A lease of 教学及辅助用房 is at
least one 普通教室's area (120 m², the whole school's where it shares its buildings with 高中)
for the years the gap lasts; the rent follows the lease, the comparison with building follows the
gap, and the rule is said once (compliance_lease.least_lease, LEAST_RULE).

Hand-worked: 第四小学 lacks 18 m² in 2030 only. Leased: 120 m² for 2030, 120 m²·学年 × 2.00 万元
/ 120 m² = 2.00 万元; building the 18 m² at 0.35 万元 = 6.30 万元, so the lease is taken.
"""

import pandas as pd

from junheng.planning.compliance_lease import (
    LEAST_RULE,
    lease_cheaper,
    lease_note,
    least_lease,
    rented_rows,
)

NAMES = {"D": "第四小学", "E": "第四中学"}


def _split() -> pd.DataFrame:
    return pd.DataFrame({"added": [18.0, 374.0], "rented": [18.0, 374.0], "built": [0.0, 0.0],
                         "area_years": [18.0, 499.0], "share": [1.0, 1.0],
                         "needs": [{2030: 18.0, 2031: 0.0}, {2030: 374.0, 2031: 125.0, 2032: 0.0}],
                         "pupils": [{2030: 845, 2031: 800}, {2030: 679, 2031: 636, 2032: 568}],
                         "joined": [0.0, 0.0]}, index=pd.Index(["D", "E"], name="school_id"))


def test_an_18_m2_gap_is_leased_as_one_classroom_for_its_one_year():
    out = least_lease(_split())
    assert out["rented"].tolist() == [120.0, 374.0]
    assert out["area_years"].tolist() == [120.0, 499.0]  # 374 + 125 stays: above one room each year
    assert out["leased"].tolist() == [{2030: 120.0}, {2030: 374.0, 2031: 125.0}]
    assert out["needed"].tolist() == [18.0, 374.0]
    # the target year's m² counted at the school is the lease (120), not the gap (18)
    assert rented_rows(out)["built"].tolist() == [120.0, 374.0]


def test_the_lease_is_compared_with_building_the_gap_not_the_raised_lease():
    """Rent 120 × 2 / 120 = 2.00 万元 against 18 × 0.35 = 6.30: lease. At 10.00 万元 a room-year
    the rent is 10.00 against 6.30: build (had the 120 m² been priced built, 42.00, it would lease)."""
    out = least_lease(_split()).loc[["D"]]
    assert lease_cheaper(out, 2.0, 0.35).tolist() == [True]
    assert lease_cheaper(out, 10.0, 0.35).tolist() == [False]


def test_the_note_says_the_raised_lease_its_gap_and_the_rule_once():
    """2 schools lease 120 + 374 = 494 m², 120 + 499 = 619 m²·学年 × 2 / 120 = 10.3167 万元;
    第四小学's rent 2.00, building its gap 18 × 0.35 = 6.30."""
    note = lease_note(least_lease(_split()).reset_index(), NAMES, 3, 2.0, 2030, 0.35)
    assert "2 所学校共 494 平方米（共 619 平方米·学年" in note and "共 10.32 万元）" in note
    assert ("第四小学租赁 120 平方米（缺 18 平方米，按一间教室起租）（租期须覆盖 2030 学年、独立使用" in note)
    assert "租金 2.00 万元，新建须 6.30 万元）" in note  # building prices the gap, as the comparison
    assert note.count(LEAST_RULE) == 1
    assert "第四中学租赁 374 平方米（租期须覆盖 2030—2031 学年" in note


def test_a_note_without_a_raised_lease_does_not_say_the_rule():
    note = lease_note(least_lease(_split()).loc[["E"]].reset_index(), NAMES, 3, 2.0, 2030, 0.35)
    assert LEAST_RULE not in note and "起租" not in note
