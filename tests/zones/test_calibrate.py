"""现状按在校生校准 (zones.calibrate): each school's current zone holds its 在校生, the
villages' children are kept beside; figures of the example county 示例县 worked by hand."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from junheng.io.example import example_county
from junheng.jobs.zones_county import county_zone_input
from junheng.zones.calibrate import apportion, calibrate
from junheng.zones.summary import per_school


@given(st.lists(st.integers(1, 5000), min_size=1, max_size=30), st.integers(0, 20000))
def test_apportion_adds_up_and_stays_within_one_of_the_share(weights, total):
    shares = apportion(np.array(weights, float), total)
    exact = np.array(weights, float) * total / sum(weights)
    assert shares.sum() == total
    assert (np.abs(shares - exact) < 1 + 1e-9).all() and (shares == np.round(shares)).all()


def test_a_school_without_villages_keeps_its_pupils_and_an_unreported_one_is_named():
    c = calibrate(np.array([5.0, 5.0, 9.0]), np.array([0, 0, 2]), np.array([4.0, 7.0, np.nan]))
    assert c.pupils.tolist() == [2.0, 2.0, 9.0] and c.at_school.tolist() == [0.0, 7.0, 0.0]
    assert c.factor.tolist() == [0.4, 1.0, 1.0] and c.unreported == [2]


def test_the_example_county_is_calibrated_to_its_enrolment():
    # 城关第一小学 reports 542 for 东关 302 + 西关 268 + 南庄 122 = 692 children: × 542/692 =
    # 236.54, 209.91, 95.55 → 236, 210, 96 (largest remainders). 河口乡九年一贯制学校 with its
    # 上河教学点 folded in (review finding 6): 195 + 14 = 209 for 河口 94 + 上河 51 + 下河 61 =
    # 206: 95.37, 51.74, 61.89 → 95, 52, 62.
    zones = county_zone_input(example_county(), "primary")
    names, pupils = zones.blocks.names, zones.problem.pupils
    assert dict(zip(names[:6], pupils[:6].tolist(), strict=True)) == {
        "东关社区": 236, "西关社区": 210, "南庄村": 96, "河口村": 95, "上河村": 52, "下河村": 62}
    assert zones.blocks.children[:6].tolist() == [302, 268, 122, 94, 51, 61]
    assert pupils.sum() == 751 == zones.schools.enrolled.sum()
    rows = per_school(zones.problem, zones.problem.current, zones.schools.names,
                      zones.schools.enrolled, zones.blocks.children)
    assert [(r["在校生"], r["村居推算学生"], r["现状学生"]) for r in rows] == [
        (542, 692, 542), (209, 206, 209)]
    plain = county_zone_input(example_county(), "primary", calibrate=False)
    assert plain.blocks.children is None and plain.problem.pupils.sum() == 898
