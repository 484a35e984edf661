"""政府保障程度 and 教育质量 items computed from the data, from 县级指标, or as attestations."""

import pytest
from evaluate_builders import classes, county, county_indicators, facility, school, teachers

from junheng.evaluate import Status, evaluate


def guarantee_county(**extra):
    """Every school and number below is used by one test; the arithmetic is in the tests."""
    schools = [
        school("A", name="城关小学", urban_rural_code="111"),
        school("B", "junior_school", name="镇一中", urban_rural_code="121"),
        school("D", name="实验小学", urban_rural_code="111"),
        school("N", "nine_year", name="河口九年制学校", urban_rural_code="220", boarding=True),
        school("P", "teaching_point", name="东沟教学点", urban_rural_code="220",
               central_school="N"),
        school("S", "special_education", name="特教学校"),
        school("V", name="民办小学", ownership="private", urban_rural_code="111"),
        school("W", name="寄宿小学", urban_rural_code="111", boarding=True),
    ]
    rows = [
        classes("A", "g1", [46, 44], migrant_students=10), classes("A", "g2", [45]),
        classes("B", "g7", [51, 50, 66]),
        classes("D", "g1", [45] * 44), classes("D", "g2", [21]),
        classes("N", "g1", [25, 25]), classes("N", "g7", [30]),
        classes("P", "g1", [20], migrant_students=20),
        classes("S", "g1", [40]),
        classes("V", "g1", [40], migrant_students=10), classes("W", "g1", [40]),
    ]
    staff = [
        teachers("A", "primary", 8, training_hours_5y=360.0, school_start_year=2019),
        teachers("A", "primary", 2, training_hours_5y=359.5, certified=False,
                 school_start_year=2020),
        teachers("A", "primary", 1, full_time=False, training_hours_5y=0.0, certified=False),
        teachers("B", "junior", 20, school_start_year=2010),
        teachers("B", "junior", 1, rotated_in=True, school_start_year=2025, backbone="county"),
        teachers("D", "primary", 1, rotated_in=True, school_start_year=2025),
    ]
    rooms = [
        facility("A", music_rooms=1, music_room_area=96.0, art_rooms=1, art_room_area=90.0),
        facility("B", music_rooms=1, music_room_area=100.0, art_rooms=1, art_room_area=95.0),
        facility("D", music_rooms=4, music_room_area=380.0, art_rooms=3, art_room_area=270.0),
        facility("N", music_rooms=1, music_room_area=96.0, art_rooms=1, art_room_area=90.0),
        facility("V", music_rooms=1, music_room_area=96.0, art_rooms=1, art_room_area=90.0),
        facility("W", music_rooms=1, music_room_area=96.0, art_rooms=1, art_room_area=90.0),
    ]
    funding = [
        {"school_id": "P", "public_funding": 52_000.0, "training_funding": 0.0},
        {"school_id": "N", "public_funding": 90_000.0, "training_funding": 4_500.0},
        {"school_id": "A", "public_funding": 100_000.0, "training_funding": 5_000.0},
        {"school_id": "B", "public_funding": 200_000.0, "training_funding": 9_000.0},
        {"school_id": "S", "public_funding": 260_000.0, "training_funding": 13_000.0},
    ]
    enrolment = [
        {"school_id": "A", "grade": "g1", "entrants": 90, "zone_entrants": 90},
        {"school_id": "B", "grade": "g7", "entrants": 100, "zone_entrants": 94},
        {"school_id": "N", "grade": "g1", "entrants": 50, "zone_entrants": 0},
        {"school_id": "V", "grade": "g1", "entrants": 40, "zone_entrants": 0},
        {"school_id": "W", "grade": "g1", "entrants": 40, "zone_entrants": 0},
    ]
    tables = {"schools": schools, "classes": rows, "teachers": staff, "facilities": rooms,
              "funding": funding, "enrolment": enrolment,
              "county_indicators": county_indicators(
                  teacher_pay_ratio=1.02, junior_retention_rate=0.96,
                  disabled_enrolment_rate=0.94, satisfaction_rate=0.85, layout_planning=1)}
    tables.update(extra)
    return county(**tables)


@pytest.fixture(scope="module")
def ev():
    return evaluate(guarantee_county())


def item(evaluation, item_id):
    return next(r for r in (*evaluation.guarantee, *evaluation.quality)
                if r.indicator.id == item_id)


def test_class_size_lists_every_class_over_45_or_50(ev):
    # compulsory classes: A 46 44 45 | B 51 50 66 | D 44×45 + 21 | N 25 25 30 | P 20 | V 40 | W 40
    # = 3 + 3 + 45 + 3 + 1 + 1 + 1 = 57 classes; over: 46 (A), 51 and 66 (B) → 54 / 57
    result = item(ev, "class_size")
    assert result.status is Status.NOT_MET
    assert result.value == pytest.approx(54 / 57)
    detail = result.detail
    assert detail[["school_id", "students", "cap", "excess", "category"]].values.tolist() == [
        ["A", 46, 45, 1, "超标准班额"], ["B", 51, 50, 1, "超标准班额"], ["B", 66, 50, 16, "超大班额"]]
    assert result.gap == "3 个班级超出标准班额，需分班或分流学生 18 人"


def test_oversized_class_lists_hold_classes_of_56_and_more(ev):
    lists = ev.class_lists
    assert lists.oversized_classes[["school_id", "students", "category", "excess"]] \
        .values.tolist() == [["B", 66, "超大班额", 16]]
    assert lists.counts == {"oversized": 0, "extra_oversized": 1, "oversized_schools": 1}


def test_school_size_caps_are_2000_and_2500_for_nine_year_schools(ev):
    # D: 44 × 45 + 21 = 2,001 pupils > 2,000; every other school is far below its cap
    result = item(ev, "school_size")
    assert result.status is Status.NOT_MET
    assert result.detail[["school_id", "students", "cap", "excess"]].values.tolist() == [
        ["D", 2001, 2000.0, 1.0]]
    assert result.detail.loc[0, "gap"] == "学校规模 2,001 人，超过 2,000 人上限 1 人"
    assert ev.class_lists.oversized_schools["school_id"].tolist() == ["D"]


def test_music_and_art_rooms_per_12_classes_rounded_up(ev):
    # D has 45 classes → ⌈45/12⌉ = 4 rooms of each; it has 4 music but 3 art rooms.
    # N with its merged point has 2 + 1 + 1 = 4 classes → 1 of each. 6 unit schools, 5 comply.
    result = item(ev, "music_art_rooms")
    assert result.value == pytest.approx(5 / 6)
    assert result.detail[["school_id", "classes", "required", "gap"]].values.tolist() == [
        ["D", 45, 4, "需增加美术专用教室 1 间"]]


def test_music_room_area_is_checked_per_room_and_flagged_unconfirmed(ev):
    # D: 380 m² over 4 music rooms = 95 m² < 96 → 4 × 96 − 380 = 4 m² short; art 270 / 3 = 90
    result = item(ev, "music_art_room_area")
    assert result.status is Status.NOT_MET
    assert result.detail[["school_id", "gap"]].values.tolist() == [
        ["D", "需增加音乐专用教室面积 4 平方米"]]
    assert not result.indicator.confirmed and "未能在教育部原文中核实" in result.note
    failure = next(f for f in ev.verdict.failures if f.id == "music_art_room_area")
    assert "该项阈值未经核实" in failure.message


def test_small_schools_are_funded_as_100_pupils_at_the_local_quota(ev):
    # P: 20 pupils → 100 × 720 = 72,000 due, 52,000 paid → 20,000 short.
    # N (50 primary, 30 junior; the point is a school of its own here): blended quota
    # (50 × 720 + 30 × 940) / 80 = 802.5 → 80,250 due, 90,000 paid.
    # S is special education, not compulsory; V and W have 40 pupils but no 经费 row (unknown).
    result = item(ev, "small_school_funding")
    detail = result.detail.set_index("school_id")
    assert detail.loc["P", "required"] == pytest.approx(72_000.0)
    assert detail.loc["P", "gap"] == "公用经费拨款 52,000 元，应不少于 72,000 元，需补足 20,000 元"
    assert "N" not in detail.index
    assert detail.loc["V", "gap"] == "经费表缺少该校公用经费拨款，请补填"
    assert result.value == pytest.approx(1 / 4)  # N complies; P short; V, W unknown
    assert result.status is Status.NOT_MET
    assert result.gap == "需补足公用经费 20,000 元"


def test_small_school_funding_needs_the_quota(ev):
    data = guarantee_county()
    data = data.__class__({**data.info, "primary_funding_quota": None}, data.tables)
    result = item(evaluate(data), "small_school_funding")
    assert result.status is Status.MISSING and "基本信息缺少" in result.note


def test_special_education_funding_per_pupil(ev):
    # 260,000 yuan for 40 pupils = 6,500 ≥ 6,000
    result = item(ev, "special_education_funding")
    assert result.value == pytest.approx(6500.0) and result.status is Status.MET


def test_training_hours_share_counts_full_time_teachers_only(ev):
    # full-time compulsory teachers: A 8 + 2, B 21, D 1 = 32; only A's two have < 360 hours
    result = item(ev, "training_hours")
    assert result.value == pytest.approx(30 / 32)
    assert result.gap == "需完成 360 学时培训的专任教师 2 名"
    assert result.detail[["school_id", "teachers"]].values.tolist() == [["A", 2]]


def test_certified_teachers_share(ev):
    result = item(ev, "certified_teachers")
    assert result.value == pytest.approx(30 / 32)
    assert result.gap == "2 名专任教师须取得教师资格证"


def test_rotation_rate_computed_from_years_at_the_school(ev):
    # school year 2025; ≥ 6 years at the school: A's 8 (2019) + B's 20 (2010) = 28,
    # plus the 2 rotated teachers = 30 eligible; rotated 2 → 6.7% < 10%
    # needed: ⌈0.1 × 30 − 2⌉ = 1
    result = item(ev, "rotation_rate")
    assert result.value == pytest.approx(2 / 30)
    assert result.status is Status.NOT_MET
    assert result.gap == "需增加交流轮岗教师 1 名"
    # 1 of the 2 rotated teachers is a county-level backbone teacher: 50% ≥ 20%
    backbone = item(ev, "rotation_backbone_share")
    assert backbone.value == pytest.approx(0.5) and backbone.status is Status.MET


def test_rotation_rate_uses_the_county_figure_when_given():
    data = guarantee_county(county_indicators=county_indicators(rotation_eligible_teachers=20))
    result = item(evaluate(data), "rotation_rate")
    assert result.value == pytest.approx(0.10)  # 2 / 20, exactly the threshold
    assert result.status is Status.MET and "县级指标" in result.note


def test_near_zone_enrolment_of_urban_and_town_public_day_schools(ev):
    # counted: A (111, primary) 90/90 and B (121, junior) 94/100; N is rural and boarding,
    # V private, W boarding → primary 100% (≥ 100%), junior 94% (< 95%)
    result = item(ev, "near_zone_enrolment")
    assert result.value == pytest.approx({"primary": 1.0, "junior": 0.94})
    assert result.status is Status.NOT_MET
    assert result.gap == "初中需增加划片入学新生 1 人"  # ⌈0.95 × 100 − 94⌉
    assert result.detail["school_id"].tolist() == ["B"]


def test_migrant_share_from_county_indicator_or_estimated_from_classes():
    with_figure = guarantee_county(county_indicators=county_indicators(migrant_public_share=0.86))
    result = item(evaluate(with_figure), "migrant_public_share")
    assert (result.value, result.status, result.evidence) == (0.86, Status.MET,
                                                               "migrant_public_share 佐证")
    # estimate: migrants 2 × 10 (A's g1 classes) + 20 (P) public, 10 (V) private
    # → 40 / 50 = 80% < 85%
    estimated = item(evaluate(guarantee_county()), "migrant_public_share")
    assert estimated.value == pytest.approx(0.80) and estimated.status is Status.NOT_MET
    assert "下限" in estimated.note


def test_items_from_county_indicators_and_their_absence(ev):
    assert item(ev, "teacher_pay").status is Status.MET
    assert item(ev, "junior_retention_rate").status is Status.MET  # 0.96 ≥ 0.95
    disabled = item(ev, "disabled_enrolment_rate")  # 0.94 < 0.95
    assert (disabled.value, disabled.status) == (0.94, Status.NOT_MET)
    assert item(ev, "satisfaction_rate").status is Status.MET  # 0.85 exactly
    quota = item(ev, "quality_hs_quota")
    assert quota.status is Status.MISSING
    assert "县级指标表缺少指标代码 quality_hs_quota_share" in quota.note


def test_attestations_need_evidence_unless_recorded_in_county_indicators(ev):
    assert item(ev, "school_building_standard").status is Status.ATTESTATION
    recorded = item(ev, "layout_planning")
    assert (recorded.status, recorded.evidence) == (Status.MET, "layout_planning 佐证")
    pending = {f.id for f in ev.verdict.pending}
    assert {"school_building_standard", "quality_hs_quota"} <= pending
    assert "layout_planning" not in pending


def test_training_funding_share_of_public_funding(ev):
    # A 5,000 / 100,000 = 5% ok; B 9,000 / 200,000 = 4.5% → 1,000 short; N 4,500 / 90,000 = 5%;
    # P 0 / 52,000 → 2,600 short; D, V, W have no 经费 row (unknown)
    result = item(ev, "training_funding_share")
    assert result.value == pytest.approx(2 / 7)
    gaps = result.detail.set_index("school_id")["gap"]
    assert gaps["B"] == "培训经费 9,000 元，占公用经费 4.5%，需增加 1,000 元"
    assert result.gap == "需增加教师培训经费 3,600 元"


def test_verdict_lists_every_failing_item(ev):
    failing = {f.id for f in ev.verdict.failures if f.area != "resources" and f.area != "cv"}
    assert failing == {"class_size", "school_size", "music_art_rooms", "music_art_room_area",
                       "small_school_funding", "training_hours", "certified_teachers",
                       "rotation_rate", "near_zone_enrolment", "migrant_public_share",
                       "disabled_enrolment_rate", "training_funding_share"}
    assert ev.verdict.passes is False


def test_a_class_size_overlay_moves_the_oversized_bands(tmp_path):
    # 大班额 from 51 and 超大班额 from 61: B's 51 becomes 大班额, its 66 stays 超大班额
    path = tmp_path / "overlay.yaml"
    path.write_text("name: 某省\nsource: 某省班额规定\nstandards:\n  class-size:\n"
                    "    oversized_min: 51\n    extra_oversized_min: 61\n", encoding="utf-8")
    ev = evaluate(guarantee_county(), overlay=path)
    assert ev.class_lists.oversized_classes[["school_id", "students", "category"]] \
        .values.tolist() == [["B", 66, "超大班额"], ["B", 51, "大班额"]]
    assert item(ev, "class_size").detail["category"].tolist() == ["超标准班额", "大班额", "超大班额"]
    assert "省级覆盖：班额与校额标准大班额下限 56 → 51" in ev.rules.describe()
    assert "省级覆盖：班额与校额标准超大班额下限 66 → 61" in ev.rules.describe()
