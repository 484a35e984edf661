"""学前普及普惠 2020 on a hand-made county, with and without the Henan overlay."""

from pathlib import Path

import pytest
from evaluate_builders import classes, county, county_indicators, school, teachers

from junheng.evaluate import Status, evaluate
from junheng.evaluate.serialize import evaluation_dict

HENAN = Path(__file__).parents[2] / "examples" / "overlays" / "henan.yaml"


def village(code: str, town: str, urban_rural: str, ages_3_to_5) -> dict:
    row = {"village_code": code, "name": code, "town_code": town, "urban_rural_code": urban_rural,
           "lon": 112.4, "lat": 34.6, "crs": "WGS84"}
    row.update({f"age_{a}": 10 for a in range(15)})
    row.update({f"age_{a}": n for a, n in zip((3, 4, 5), ages_3_to_5, strict=True)})
    return row


def preschool_county(*extra_teachers):
    return county(
        schools=[school("K1", "kindergarten", name="中心幼儿园", town_code="410306101"),
                 school("K2", "kindergarten", name="普惠民办园", ownership="private",
                        affordable=True),
                 school("K3", "kindergarten", name="民办园", ownership="private",
                        affordable=False),
                 school("A", name="小学")],
        classes=[classes("K1", "k1", [25, 26]), classes("K1", "k2", [30]),
                 classes("K1", "k3", [35]), classes("K1", "k0", [20]),
                 classes("K2", "k2", [30]), classes("K2", "kmix", [31]),
                 classes("K3", "k3", [40]), classes("A", "g1", [40])],
        teachers=[teachers("K1", "preschool", 7), teachers("K1", "preschool", 1, certified=False),
                  teachers("K2", "preschool", 4), teachers("K3", "preschool", 2),
                  teachers("K3", "preschool", 1, full_time=False), *extra_teachers],
        villages=[village("410306101001", "410306101", "220", (50, 50, 50)),
                  village("410306001001", "410306001", "111", (30, 35, 35))],
        county_indicators=county_indicators(satisfaction_rate=0.9),
    )


@pytest.fixture(scope="module")
def ev():
    return evaluate(preschool_county(), "preschool-2020")


def item(evaluation, item_id):
    return next(r for r in (*evaluation.guarantee, *evaluation.quality)
                if r.indicator.id == item_id)


def test_gross_enrolment_rate_uses_village_children_aged_3_to_5(ev):
    # children in 小班/中班/大班/混合班: K1 25+26+30+35 = 116, K2 30+31 = 61, K3 40 → 217
    # (K1's 托班 of 20 is not counted); aged 3–5: 150 + 100 = 250 → 217 / 250 = 86.8%
    result = item(ev, "gross_preschool_rate")
    assert result.value == pytest.approx(0.868)
    assert result.status is Status.MET


def test_henan_overlay_raises_the_bar_to_90_percent():
    result = item(evaluate(preschool_county(), "preschool-2020", overlay=HENAN),
                  "gross_preschool_rate")
    assert result.status is Status.NOT_MET
    assert result.gap == "需增加学前教育学位 8 个"  # ⌈0.90 × 250 − 217⌉ = ⌈8⌉
    # the label states the threshold applied (inspector A8), not the national 85%
    assert result.indicator.name == "学前三年毛入园率达到 90% 以上"


def test_affordable_coverage_and_public_share(ev):
    # 普惠: public 116 + affordable private 61 = 177 / 217 = 81.6% ≥ 80%
    assert item(ev, "affordable_coverage").value == pytest.approx(177 / 217)
    assert item(ev, "affordable_coverage").status is Status.MET
    # 公办: 116 / 217 = 53.5% ≥ 50%
    assert item(ev, "public_kindergarten_share").value == pytest.approx(116 / 217)


def test_class_size_compliance_against_25_30_35_30(ev):
    # capped classes: K1 25 26 30 35, K2 30 31, K3 40 → 7; over: 26 (>25), 31 (>30), 40 (>35)
    result = item(ev, "kindergarten_class_size")
    assert result.value == pytest.approx(4 / 7)
    assert result.status is Status.NOT_MET
    assert result.detail[["school_id", "students", "cap", "excess"]].values.tolist() == [
        ["K1", 26, 25, 1], ["K2", 31, 30, 1], ["K3", 40, 35, 5]]
    assert ev.class_lists.oversized_classes["students"].tolist() == [40, 31, 26]


def test_children_per_full_time_teacher_at_most_15(ev):
    # 217 children / 14 full-time preschool teachers = 15.5 > 15; ⌈217/15 − 14⌉ = 1 teacher
    result = item(ev, "children_per_teacher")
    assert result.value == pytest.approx(15.5)
    assert result.status is Status.NOT_MET
    assert result.gap == "需增配幼儿园专任教师 1 名"


def test_certification_and_rural_town_kindergartens(ev):
    assert item(ev, "kindergarten_certified").value == pytest.approx(13 / 14)
    # the only rural town (410306101) has the public 中心幼儿园
    assert item(ev, "public_kindergarten_per_town").status is Status.MET


def test_each_kindergarten_is_a_unit_with_its_own_gaps(ev):
    units = ev.units.set_index("unit_id")
    assert units["students"].to_dict() == {"K1:preschool": 116, "K2:preschool": 61,
                                           "K3:preschool": 40}
    # K1 116 / 8 = 14.5; K2 61 / 4 = 15.25; K3 40 / 2 = 20
    assert units["children_per_teacher"].tolist() == pytest.approx([14.5, 15.25, 20.0])
    assert units["passes"].tolist() == [False, False, False]
    gaps = ev.gaps[ev.gaps["indicator"] == "children_per_teacher"]
    # K2: ⌈61/15 − 4⌉ = 1; K3: ⌈40/15 − 2⌉ = 1
    assert gaps[["school_id", "text"]].values.tolist() == [
        ["K2", "需增配幼儿园专任教师 1 名"], ["K3", "需增配幼儿园专任教师 1 名"]]
    # each row states the per-kindergarten standard, shares as % (inspector C19); the county
    # ratio 15.5 fails, so these rows are causes of failure
    assert set(gaps["indicator_name"]) == {"在园幼儿与专任教师比（本园应不高于 15 : 1）"}
    assert gaps["required"].tolist() == [True, True]
    sizes = ev.gaps[ev.gaps["indicator"] == "kindergarten_class_size"]
    # K1: 3 of 4 capped classes within the cap = 75%; K2: 1 of 2 = 50%; K3: 0 of 1
    assert sizes[["school_id", "indicator_name", "value", "threshold"]].values.tolist() == [
        ["K1", "不超过标准班额的班级比例（%，本园应为 100%）", 75.0, 100.0],
        ["K2", "不超过标准班额的班级比例（%，本园应为 100%）", 50.0, 100.0],
        ["K3", "不超过标准班额的班级比例（%，本园应为 100%）", 0.0, 100.0]]


def test_kindergarten_rows_do_not_count_as_failures_where_the_county_item_passes():
    # the same county with 2 more certified teachers at K3: 217 / 16 = 13.6 ≤ 15 passes, yet
    # K3 (40 / 4 = 10) no longer fails and K2 (15.25) still misses 1 : 15 on its own
    ev = evaluate(preschool_county(teachers("K3", "preschool", 2)), "preschool-2020")
    assert item(ev, "children_per_teacher").status is Status.MET
    gaps = ev.gaps[ev.gaps["indicator"] == "children_per_teacher"]
    assert gaps[["school_id", "required"]].values.tolist() == [["K2", False]]
    # K2 is 未达标 on the school sheet (its own 15.25 > 15) and the 整改清单 files it under the
    # same kindergarten verdict, saying the county item is met (inspector finding 2)
    k2 = ev.units.set_index("school_id").loc["K2"]
    assert (bool(k2["met_children_per_teacher"]), bool(k2["passes"])) == (False, False)
    from junheng.report.evaluation_rows import rectification_rows
    from junheng.report.evaluation_xlsx import rectification_sheet
    ratio = [(r.category, r.target) for r in rectification_rows(ev)
             if r.indicator.startswith("在园幼儿与专任教师比")]
    assert ratio == [("幼儿园达标（全县该项已达标，不影响县域结论）", "普惠民办园")]
    sheet = [row[1:3] for row in rectification_sheet(ev)[1] if row[4].startswith("在园幼儿与专任教师比")]
    assert sheet == [["幼儿园达标（全县该项已达标，不影响县域结论）", "普惠民办园"]]


def test_preschool_json_has_the_common_shape(ev):
    doc = evaluation_dict(ev)
    assert doc["standard"] == "preschool-2020" and doc["stages"] == {}
    assert {i["area"] for i in doc["quality"]} == {"coverage", "care", "recognition"}
    assert {i["area"] for i in doc["guarantee"]} == {"guarantee"}
    assert doc["units"][0]["met"] == {"kindergarten_class_size": False,
                                      "children_per_teacher": True,
                                      "kindergarten_certified": False}


def test_a_town_without_a_public_kindergarten_is_named():
    from junheng.evaluate import evaluate
    from junheng.io import example_county

    result = evaluate(example_county(), "preschool-2020")
    [item] = [r for r in result.guarantee if r.indicator.id == "public_kindergarten_per_town"]
    # 河口乡 (410306101) has only the private 河口乡阳光幼儿园; its name comes from its schools
    assert item.detail.to_dict("records") == [
        {"town_code": "410306101", "name": "河口乡", "gap": "需新建或认定公办中心园 1 所"}]


def test_each_preschool_count_names_its_scope_next_to_the_number():
    from junheng.io import example_county

    ev = evaluate(example_county(), "preschool-2020")
    notes = {r.indicator.id: r.note for r in (*ev.guarantee, *ev.quality)}
    assert notes["gross_preschool_rate"] == \
        "在园幼儿（3–5 岁班级，含小学附设幼儿班，不含托班） 223 ÷ 3–5 岁常住儿童 510"
    assert notes["public_kindergarten_share"] == \
        "公办园在园幼儿 177 ÷ 在园幼儿（3–5 岁班级，含小学附设幼儿班，不含托班） 223"
    assert notes["children_per_teacher"] == \
        "幼儿园在园幼儿（3–5 岁班级，不含托班和小学附设幼儿班） 223 人，幼儿园专任教师 18 人"
