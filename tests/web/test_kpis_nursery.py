"""The dashboard's 在校生 and the forecast's base-year total differ by the 附设幼儿班 pupils,
and the page says so (review finding 14: 65,973 against 65,925)."""

from junheng.web.summaries import county_kpis


def test_the_demo_kpis_count_48_nursery_pupils_in_the_students(demo_years):
    kpis = county_kpis(demo_years[-1])
    # 65,973 pupils of every stage, of whom 48 in 附设幼儿班 at 小学 and 教学点; the forecast's
    # 学前 counts kindergartens only: 65,973 − 48 = 65,925, its 2025 (实际) total
    assert (kpis.students, kpis.nursery) == (65_973, 48)
