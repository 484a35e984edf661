"""Standards as data: the shipped files, their ids and thresholds, overlays and their errors."""

from pathlib import Path

import pytest

from junheng.errors import ConfigError
from junheng.standards import (
    STANDARD_IDS,
    load_class_size,
    load_overlay,
    load_standard,
    read_standard,
)

HENAN = Path(__file__).parents[2] / "examples" / "overlays" / "henan.yaml"


def write(tmp_path, text: str, name: str = "overlay.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_resource_indicator_ids_are_exactly_those_the_issue_lists():
    q = load_standard("quality-2017")
    assert [i.id for i in q.resource_indicators] == [
        "higher_degree_teachers_per_100", "backbone_teachers_per_100", "pe_art_teachers_per_100",
        "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
        "multimedia_rooms_per_100"]
    b = load_standard("basic-2012")
    assert [i.id for i in b.resource_indicators] == [
        "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
        "computers_per_100", "books_per_student", "teachers_per_student",
        "higher_degree_teachers_per_student", "senior_title_teachers_per_student"]


def test_quality_2017_thresholds_and_limits():
    q = load_standard("quality-2017")
    expected = {"higher_degree_teachers_per_100": (4.2, 5.3), "backbone_teachers_per_100": (1, 1),
                "pe_art_teachers_per_100": (0.9, 0.9), "teaching_area_per_student": (4.5, 5.8),
                "sports_area_per_student": (7.5, 10.2),
                "equipment_value_per_student": (2000, 2500),
                "multimedia_rooms_per_100": (2.3, 2.4)}
    for ind_id, (primary, junior) in expected.items():
        ind = q.indicator(ind_id)
        assert (ind.threshold_for("primary"), ind.threshold_for("junior")) == (primary, junior)
        assert ind.name and ind.unit and ind.source.startswith("教督〔2017〕6号")
    assert dict(q.single_cv_limit) == {"primary": 0.50, "junior": 0.45}
    assert (q.school_rule.min_met, q.school_rule.floor_ratio) == (6, 0.85)
    assert len(q.by_area("quality")) == 9


def test_basic_2012_and_preschool_2020_limits():
    assert dict(load_standard("basic-2012").composite_cv_limit) == {"primary": 0.65,
                                                                    "junior": 0.55}
    p = load_standard("preschool-2020")
    assert {i.id: i.threshold_for() for i in p.by_area("coverage")} == {
        "gross_preschool_rate": 0.85, "affordable_coverage": 0.80,
        "public_kindergarten_share": 0.50}
    ratio = p.indicator("children_per_teacher")
    assert (ratio.comparator, ratio.threshold_for()) == ("<=", 15)


def test_no_rule_is_left_unconfirmed():
    # the 85% clause and the 96 / 90 m² rooms are the 2017 method's own text (issue 15)
    for std_id in ("quality-2017", "basic-2012", "preschool-2020"):
        assert load_standard(std_id).unconfirmed == []


def test_the_2017_veto_items_and_prerequisite_cite_the_method():
    q = load_standard("quality-2017")
    assert [i.id for i in q.by_area("veto")] == [
        "exam_admission", "irregular_school_choice", "key_schools", "key_classes"]
    [pre] = q.by_area("prerequisite")
    assert pre.id == "basic_balance_recognised" and pre.params == {"years": 3}
    assert all(i.source.startswith("教督〔2017〕6号") for i in q.by_area("veto", "prerequisite"))


def test_every_confirmed_threshold_of_the_seed_plans_is_shipped():
    # seed 004: under-100 funding floor, rotation 10% / 20%, 360 hours, near-zone 100% / 95%
    q = load_standard("quality-2017")
    assert q.indicator("small_school_funding").params["students_floor"] == 100
    assert q.indicator("rotation_rate").threshold_for() == 0.10
    assert q.indicator("rotation_backbone_share").threshold_for() == 0.20
    assert q.indicator("training_hours").params["hours"] == 360
    near = q.indicator("near_zone_enrolment")
    assert (near.threshold_for("primary"), near.threshold_for("junior")) == (1.0, 0.95)


def test_class_size_limits():
    limits = load_class_size()
    assert (limits.oversized_min, limits.extra_oversized_min) == (56, 66)
    assert limits.school_cap("nine_year") == 2500 and limits.school_cap("primary_school") == 2000
    assert dict(limits.kindergarten_caps) == {"k1": 25, "k2": 30, "k3": 35, "kmix": 30}


def test_henan_overlay_raises_the_gross_enrolment_threshold_only():
    base = load_standard("preschool-2020")
    henan = load_standard("preschool-2020", HENAN)
    assert henan.indicator("gross_preschool_rate").threshold_for() == 0.90
    for ind in base.indicators:
        if ind.id != "gross_preschool_rate":
            assert dict(henan.indicator(ind.id).thresholds) == dict(ind.thresholds)
    assert henan.overlay_name == "河南省"
    assert [(o.indicator_id, o.old, o.new) for o in henan.overrides] == [
        ("gross_preschool_rate", {"all": 0.85}, {"all": 0.90})]
    # the shipped standard itself is untouched
    assert load_standard("preschool-2020").indicator("gross_preschool_rate").threshold_for() == 0.85


def test_overlay_may_change_one_stage_and_formula_parameters(tmp_path):
    path = write(tmp_path, """
name: 某省
standards:
  quality-2017:
    sports_area_per_student: {junior: 11}
    class_size: {params: {primary: 40}}
""")
    std = load_standard("quality-2017", path)
    sports = std.indicator("sports_area_per_student")
    assert (sports.threshold_for("primary"), sports.threshold_for("junior")) == (7.5, 11.0)
    assert dict(std.indicator("class_size").params) == {"primary": 40.0, "junior": 50}


def test_overlay_naming_an_unknown_indicator_is_a_config_error(tmp_path):
    path = write(tmp_path, "name: 某省\nstandards:\n  preschool-2020:\n    gross_rate: 0.9\n")
    with pytest.raises(ConfigError, match="指标代码“gross_rate”在标准 preschool-2020 中不存在。"
                                          "可用的指标代码：.*gross_preschool_rate"):
        load_standard("preschool-2020", path)


def test_overlay_errors_name_what_is_wrong(tmp_path):
    with pytest.raises(ConfigError, match="标准代码“quality-2030”不存在"):
        load_overlay(write(tmp_path, "name: x\nstandards:\n  quality-2030: {}\n"))
    with pytest.raises(ConfigError, match="阈值“很高”不是数字"):
        load_standard("preschool-2020", write(
            tmp_path, "name: x\nstandards:\n  preschool-2020:\n    gross_preschool_rate: 很高\n"))
    with pytest.raises(ConfigError, match="学段“senior”不存在"):
        load_standard("quality-2017", write(
            tmp_path, "name: x\nstandards:\n  quality-2017:\n    sports_area_per_student:\n"
                      "      senior: 3\n"))
    with pytest.raises(ConfigError, match="参数“tertiary”不存在"):
        load_standard("quality-2017", write(
            tmp_path, "name: x\nstandards:\n  quality-2017:\n    class_size:\n"
                      "      params: {tertiary: 3}\n"))
    with pytest.raises(ConfigError, match="覆盖文件 .* 格式有误：name"):
        load_overlay(write(tmp_path, "standards: {}\n"))
    with pytest.raises(ConfigError, match=r"覆盖文件 .* 格式有误（第 2 行第 1 列附近）"):
        load_overlay(write(tmp_path, "name: [unclosed\n"))
    with pytest.raises(ConfigError, match="找不到覆盖文件"):
        load_overlay(tmp_path / "missing.yaml")


def test_unknown_standard_and_malformed_standard_file_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="未知的评估标准“quality-2030”"):
        load_standard("quality-2017".replace("2017", "2030"))
    path = write(tmp_path, "id: x\nname: x\nshort_name: x\nversion: '1'\nkind: compulsory\n"
                           "source: {document: x}\nstages: [primary]\nindicators: []\n"
                           "surprise: 1\n", "std.yaml")
    with pytest.raises(ConfigError, match="评估标准文件 .* 格式有误：surprise"):
        read_standard(path)


def test_every_shipped_standard_loads():
    for std_id in STANDARD_IDS:
        std = load_standard(std_id)
        assert std.id == std_id and std.indicators


def test_size_items_take_their_parameters_from_the_class_size_rules():
    limits = load_class_size()
    quality = load_standard("quality-2017")
    assert dict(quality.indicator("class_size").params) == {"primary": 45, "junior": 50}
    assert dict(quality.indicator("school_size").params) == dict(limits.school_caps)
    preschool = load_standard("preschool-2020")
    assert dict(preschool.indicator("kindergarten_class_size").params) == dict(
        limits.kindergarten_caps)
    assert quality.overrides == () and preschool.overrides == ()


def test_standard_class_per_grade_and_for_teaching_points():
    limits = load_class_size()
    # 托班 20, 中班 30, primary 45, junior 50, senior 50; a teaching point's primary grades 30
    assert [limits.grade_class_size(g) for g in ("k0", "k2", "g6", "g9", "s3")] == [
        20, 30, 45, 50, 50]
    assert limits.class_sizes(["teaching_point", "nine_year"], ["g1", "g7"]).tolist() == [
        [30, 50], [45, 50]]
    assert (limits.oversized_max, limits.band_texts) == (
        65, ("大班额（56–65 人）", "超大班额（66 人及以上）"))


def test_a_class_size_overlay_changes_the_bands_and_the_size_items(tmp_path):
    path = write(tmp_path, """
name: 某省
standards:
  class-size:
    oversized_min: 51
    extra_oversized_min: 61
    standard_class: {primary: 40}
    school_caps: {default: 1800}
""")
    limits = load_class_size(path)
    assert (limits.oversized_text, limits.extra_oversized_text) == (
        "大班额（51–60 人）", "超大班额（61 人及以上）")
    assert (limits.standard_class["primary"], limits.standard_class["junior"]) == (40, 50)
    assert [o.field for o in limits.overrides] == [
        "oversized_min", "extra_oversized_min", "standard_class", "school_caps"]
    std = load_standard("quality-2017", path)
    assert dict(std.indicator("class_size").params) == {"primary": 40, "junior": 50}
    assert dict(std.indicator("school_size").params) == {
        "default": 1800, "nine_year": 2500, "twelve_year": 2500}
    assert [(o.indicator_id, o.old) for o in std.overrides] == [
        ("school_size", {"default": 2000, "nine_year": 2500, "twelve_year": 2500}),
        ("class_size", {"primary": 45, "junior": 50})]
    # the shipped rules are untouched
    assert load_class_size().oversized_min == 56
    assert load_standard("quality-2017").indicator("class_size").params["primary"] == 45


def test_class_size_overlay_errors_name_what_is_wrong(tmp_path):
    def overlay(body: str) -> Path:
        return write(tmp_path, f"name: x\nstandards:\n  class-size:\n{body}")

    with pytest.raises(ConfigError, match="class-size 的项“oversize”不存在。可用的项：.*oversized_min"):
        load_class_size(overlay("    oversize: 60\n"))
    with pytest.raises(ConfigError, match="class-size / oversized_min：阈值“很多”不是数字"):
        load_class_size(overlay("    oversized_min: 很多\n"))
    with pytest.raises(ConfigError, match="standard_class 中的“tertiary”不存在，可用的为 primary、junior、senior"):
        load_class_size(overlay("    standard_class: {tertiary: 40}\n"))
    with pytest.raises(ConfigError, match="school_caps 应为“名称: 数值”的对应表"):
        load_class_size(overlay("    school_caps: 1800\n"))
    with pytest.raises(ConfigError, match="超大班额下限 60 人应大于大班额下限 60 人"):
        load_class_size(overlay("    oversized_min: 60\n    extra_oversized_min: 60\n"))
