"""The plan YAML schema: the five example plans, and every way a plan file can be wrong."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.errors import ConfigError
from junheng.ledger import (
    evidence_from_dict,
    load_evidence,
    load_plan,
    plan_from_dict,
    with_evidence,
)

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "examples" / "plans"
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = {
    "mengjin": ("410308", None, "000_"),
    "chanhe": ("410304", None, "001_"),
    "luoyang": (None, "洛阳市", "002_"),
    "xinxiang": (None, "新乡市", "003_"),
    "zhongmou": ("410122", None, "004_"),
}

MINIMAL = {
    "plan": "示例计划",
    "region": {"county_code": "410306", "county_name": "示例县"},
    "baseline_year": 2023,
    "targets": [{
        "id": "public_share", "name": "公办园在园幼儿占比60%以上", "quote": "公办园在园幼儿占比60%以上",
        "measure": "public_kindergarten_share", "comparator": ">=", "target": 0.6,
        "deadline": 2026, "responsible": "县教育局",
    }],
}


def plan_with(**target_changes):
    raw = copy.deepcopy(MINIMAL)
    raw["targets"][0].update(target_changes)
    return raw


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_plan_loads_with_its_region(name):
    county_code, city, _ = EXAMPLES[name]
    plan = load_plan(PLANS / f"{name}.yaml")
    assert plan.region.county_code == county_code
    assert plan.region.city == city
    assert len(plan.targets) >= 10
    assert {t.kind for t in plan.targets} == {"measured", "manual"}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_plan_quotes_are_verbatim_from_its_seed(name):
    seed_files = sorted(SEEDS.glob(f"{EXAMPLES[name][2]}*.txt")) if SEEDS.is_dir() else []
    if not seed_files:
        pytest.skip(f"seed documents not found at {SEEDS}")
    text = seed_files[0].read_text(encoding="utf-8")
    plan = load_plan(PLANS / f"{name}.yaml")
    assert Path(plan.source).name == seed_files[0].name
    missing = [t.id for t in plan.targets if t.quote not in text]
    assert missing == []


def test_example_plans_encode_the_headline_numbers():
    mengjin = load_plan(PLANS / "mengjin.yaml")
    merged = mengjin.target("teaching_points_merged")
    assert (merged.measure.name, merged.comparator, merged.target, merged.deadline) == (
        "teaching_points_merged", ">=", 70.0, 2026)
    assert mengjin.target("public_kindergarten_share").target == pytest.approx(0.60)
    zhongmou = load_plan(PLANS / "zhongmou.yaml")
    assert zhongmou.target("rotation_share").target == pytest.approx(0.10)
    assert zhongmou.target("rotated_backbone_share").target == pytest.approx(0.20)
    # the seed says 城区: 111, 112, not every 镇区 (review rv finding 13)
    assert zhongmou.target("near_zone_junior").measure.params == {"stage": "junior",
                                                                   "area": "urban"}
    xinxiang = load_plan(PLANS / "xinxiang.yaml")
    assert xinxiang.target("public_kindergarten_share").deadline == 2023
    # 创建学前教育普及普惠县 is the whole 2020 evaluation's verdict, not its two rates alone
    assert xinxiang.target("preschool_balanced_counties").measure.name == "preschool_balanced"


def test_unknown_measure_is_rejected_naming_the_target_and_the_known_measures():
    with pytest.raises(ConfigError) as info:
        plan_from_dict(plan_with(measure="public_kindergarten_ratio"), source="plan.yaml")
    message = str(info.value)
    assert "plan.yaml 中目标 “public_share”" in message
    assert "测算方式 “public_kindergarten_ratio” 不存在" in message
    assert "public_kindergarten_share" in message and "manual" in message


def test_bad_measure_parameter_is_rejected_naming_the_target():
    raw = plan_with(measure={"name": "oversized_classes", "params": {"stage": "senior"}})
    with pytest.raises(ConfigError, match=r"目标 “public_share”.*参数 stage 的值 'senior' 无效"):
        plan_from_dict(raw)


def test_manual_target_takes_no_parameters():
    raw = plan_with(measure={"name": "manual", "params": {"x": 1}})
    with pytest.raises(ConfigError, match="为 manual，不接受参数"):
        plan_from_dict(raw)


def test_bad_comparator_is_reported_with_the_allowed_ones():
    with pytest.raises(ConfigError,
                       match=r"第 1 个目标（public_share） / 比较方式 comparator（值：'=>'）.*>=、>"):
        plan_from_dict(plan_with(comparator="=>"))


def test_missing_fields_are_all_reported():
    raw = plan_with()
    del raw["targets"][0]["deadline"]
    del raw["targets"][0]["responsible"]
    with pytest.raises(ConfigError, match=r"2 处问题") as info:
        plan_from_dict(raw)
    assert "期限 deadline：缺少必填项" in str(info.value)
    assert "责任单位 responsible：缺少必填项" in str(info.value)


def test_unknown_field_is_rejected():
    with pytest.raises(ConfigError, match=r"dead_line.*不认识的字段"):
        plan_from_dict(plan_with(dead_line=2026))


def test_duplicate_target_ids_are_rejected():
    raw = plan_with()
    raw["targets"].append(copy.deepcopy(raw["targets"][0]))
    with pytest.raises(ConfigError, match="目标 id “public_share” 重复"):
        plan_from_dict(raw)


def test_two_targets_with_one_name_are_rejected_naming_both():
    raw = plan_with()
    twin = copy.deepcopy(raw["targets"][0])
    twin["id"] = "public_share_again"
    raw["targets"].append(twin)
    with pytest.raises(ConfigError) as err:
        plan_from_dict(raw)
    assert ("目标 “public_share” 和 “public_share_again” 的名称都是“公办园在园幼儿占比60%以上”："
            "台账按名称列出目标，两条同名的目标无法区分，请改名或删去一条") in str(err.value)


def test_region_must_be_a_county_or_a_city_not_both():
    raw = plan_with()
    raw["region"] = {"county_code": "410306", "city": "洛阳市"}
    with pytest.raises(ConfigError, match="region 须填写县区.*或地市.*之一"):
        plan_from_dict(raw)
    raw["region"] = {"county_code": 410306}
    with pytest.raises(ConfigError, match="县区代码 county_code"):
        plan_from_dict(raw)


def test_yes_no_target_needs_equality_and_a_yes_no_measure():
    with pytest.raises(ConfigError, match="目标值为 true/false 时比较方式须为 =="):
        plan_from_dict(plan_with(measure="quality_balanced", target=True, comparator=">="))
    with pytest.raises(ConfigError, match="目标值应为 true 或 false"):
        plan_from_dict(plan_with(measure="quality_balanced", target=0.5))
    with pytest.raises(ConfigError, match="给出的是数值：请填写数值目标"):
        plan_from_dict(plan_with(target=True, comparator="=="))


def test_manual_values_must_match_the_target_type_and_carry_evidence():
    ok = plan_with(measure="manual", target=50, unit="人",
                   manual_values={2024: {"value": 20, "evidence": "引进名单"}})
    assert plan_from_dict(ok).targets[0].manual_values[2024].value == 20
    wrong_type = plan_with(measure="manual", target=True, comparator="==",
                           manual_values={2024: {"value": 3, "evidence": "x"}})
    with pytest.raises(ConfigError, match="2024 年填报值 3.0 的类型与目标值不符，应为true/false"):
        plan_from_dict(wrong_type)
    no_evidence = plan_with(measure="manual", target=50,
                            manual_values={2024: {"value": 20, "evidence": "  "}})
    with pytest.raises(ConfigError, match="佐证说明不能为空白"):
        plan_from_dict(no_evidence)
    measured = plan_with(manual_values={2024: {"value": 0.5, "evidence": "x"}})
    with pytest.raises(ConfigError, match="只有 measure 为 manual 的目标可以填写 manual_values"):
        plan_from_dict(measured)


def test_plan_file_errors_name_the_file(tmp_path):
    with pytest.raises(ConfigError, match="找不到计划文件"):
        load_plan(tmp_path / "none.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("plan: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"计划文件 .*broken.yaml 格式有误（第 2 行第 1 列附近）：请检查缩进"):
        load_plan(broken)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("plan: 示例".encode("gbk"))
    with pytest.raises(ConfigError, match="不是 UTF-8 编码"):
        load_plan(gbk)
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="顶层应为键值映射"):
        load_plan(listing)


def manual_plan():
    raw = plan_with(id="talent", measure="manual", target=50, unit="人",
                    manual_values={2023: {"value": 10, "evidence": "2023 年引进名单"}})
    raw["targets"].append({"id": "committee", "name": "组建督导委员会", "quote": "组建督导委员会",
                           "measure": "manual", "comparator": "==", "target": True,
                           "deadline": 2025, "responsible": "县政府"})
    raw["targets"].append({**MINIMAL["targets"][0], "id": "measured", "name": "公办园占比（测算）"})
    return plan_from_dict(raw)


def test_evidence_file_adds_and_replaces_manual_values(tmp_path):
    path = tmp_path / "evidence.yaml"
    path.write_text(yaml.safe_dump({"plan": "示例计划", "values": {
        "talent": {2023: {"value": 12, "evidence": "更正后的名单"},
                   2024: {"value": 30, "evidence": "2024 年名单"}},
        "committee": {2024: {"value": True, "evidence": "县政府文件"}},
    }}, allow_unicode=True), encoding="utf-8")
    plan = with_evidence(manual_plan(), load_evidence(path))
    talent = plan.target("talent").manual_values
    assert {y: e.value for y, e in talent.items()} == {2023: 12, 2024: 30}
    assert talent[2023].evidence == "更正后的名单"
    assert plan.target("committee").manual_values[2024].value is True


def test_evidence_file_errors_are_clear():
    plan = manual_plan()
    with pytest.raises(ConfigError, match="属于计划“别的计划”"):
        with_evidence(plan, evidence_from_dict({"plan": "别的计划"}))
    with pytest.raises(ConfigError, match="目标 “nobody” 不在计划中：可填报的目标有 talent、committee"):
        with_evidence(plan, evidence_from_dict({"values": {"nobody": {}}}))
    with pytest.raises(ConfigError, match="目标 “measured” 由数据测算，不能手工填报"):
        with_evidence(plan, evidence_from_dict(
            {"values": {"measured": {2024: {"value": 0.5, "evidence": "x"}}}}))
    with pytest.raises(ConfigError, match="目标 “committee” 的填报值有误"):
        with_evidence(plan, evidence_from_dict(
            {"values": {"committee": {2024: {"value": 1.5, "evidence": "x"}}}}))
    with pytest.raises(ConfigError, match="佐证文件 <内存> 有 1 处问题"):
        evidence_from_dict({"values": {"talent": {2024: {"value": 3}}}})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=True)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["plan", "region", "targets", "id", "measure", "target",
                                       "comparator", "deadline", "name", "params", "city"]),
                      children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_any_malformed_plan_raises_config_error_never_a_crash(raw):
    try:
        plan_from_dict(raw)
    except ConfigError as exc:
        assert str(exc)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(list(MINIMAL["targets"][0]) + ["unit", "note"]),
                       st.none() | st.booleans() | st.integers(-3, 3000) | st.floats()
                       | st.text(max_size=6), max_size=6))
def test_any_mutated_target_loads_or_raises_config_error(changes):
    try:
        plan_from_dict(plan_with(**changes))
    except ConfigError as exc:
        assert "计划文件" in str(exc)


def test_docs_describe_every_measure_and_status():
    from junheng.ledger import Status, measure_names

    text = (ROOT / "docs" / "plan-yaml.md").read_text(encoding="utf-8")
    undocumented = [name for name in measure_names() if f"`{name}`" not in text]
    assert undocumented == []
    assert all(f"| {status.value} |" in text for status in Status)
