"""Every wrong value of a layout scenario YAML is refused in Chinese, naming the key, its label
and the value (review rv24 4 and 5); a school code written as a number is the code; a partial
``min_school_size`` is merged over the defaults."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from junheng.cli import app
from junheng.errors import ConfigError
from junheng.planning.layout_config import Costs, LayoutConfig, Weights, load_layout_config
from junheng.planning.layout_config_keys import CHOICE_WORDS, MIN_SIZE_KINDS
from junheng.planning.layout_data import SITE_GROUPS
from junheng.planning.layout_reviewed import ClosureReview

HEAD = "方案配置有误："


def refused(tmp_path, text: str) -> str:
    """The message a plan file of ``text`` is refused with (the file itself left as written)."""
    path = tmp_path / "方案.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_layout_config(path)
    assert path.read_text(encoding="utf-8") == text
    return str(caught.value)


def loaded(tmp_path, text: str) -> LayoutConfig:
    path = tmp_path / "方案.yaml"
    path.write_text(text, encoding="utf-8")
    return load_layout_config(path)


KINDS = ("teaching_point（教学点）、primary_school（小学）、junior_school（初级中学）、nine_year（九年一贯制学校）、"
         "twelve_year（十二年一贯制学校）或 complete_secondary（完全中学）")


def test_min_school_size_names_its_kinds_and_merges_over_the_defaults(tmp_path):
    assert LayoutConfig().min_school_size == {"teaching_point": 30, "primary_school": 100}
    # rv24 4: {teaching_point: 20} dropped the primary minimum of 100
    assert loaded(tmp_path, "min_school_size: {teaching_point: 20}\n").min_school_size == \
        {"teaching_point": 20, "primary_school": 100}
    assert loaded(tmp_path, "min_school_size: {junior_school: 150}\n").min_school_size == \
        {"teaching_point": 30, "primary_school": 100, "junior_school": 150}
    # rv24 4: {教学点: 30} was accepted and applied to nothing
    assert refused(tmp_path, "min_school_size: {教学点: 30}\n") == (
        f"{HEAD}“min_school_size”（各类学校的最小规模）值 {{教学点: 30}} 无效：“教学点”不是学校类别，应为 {KINDS}；"
        "未写的类别取默认（教学点 30 人，小学 100 人）。")
    assert refused(tmp_path, "min_school_size: {primary_school: -1}\n") == \
        f"{HEAD}“min_school_size.primary_school”（小学最小规模）值 -1 无效：应不小于 0。"
    assert refused(tmp_path, "min_school_size: 30\n") == \
        f"{HEAD}“min_school_size”（各类学校的最小规模）值 30 无效：应为“键: 值”的表（写在花括号中，或分行缩进）。"
    # the kinds are the layout's own (its sites' kinds but the candidate ``new``)
    assert set(MIN_SIZE_KINDS) == set(SITE_GROUPS) - {"new"}


def test_a_date_that_is_no_day_is_named_with_its_key(tmp_path):
    # rv24 5: 「程序内部错误：ValueError: month must be in 1..12」
    reason = "不是有效日期（月应为 1 至 12，日不超过该月天数），写作 年-月-日，如 2026-09-20。"
    assert refused(tmp_path, "plan_date: 2026-13-01\n") == f"{HEAD}“plan_date”（编制日期）值“2026-13-01”无效：{reason}"
    assert refused(tmp_path, "plan_date: 2026-02-30\n") == f"{HEAD}“plan_date”（编制日期）值“2026-02-30”无效：{reason}"
    assert refused(tmp_path, "closures_reviewed: {4103310008: 2026-13-01}\n") == (
        f"{HEAD}“closures_reviewed.4103310008.report”（论证报告完成日期）值“2026-13-01”无效：{reason}")
    assert refused(tmp_path, "closures_reviewed: {4103310008: {report: 2026-09-20, hearing: 2026-12-32}}\n") == (
        f"{HEAD}“closures_reviewed.4103310008.hearing”（听证会日期）值“2026-12-32”无效：{reason}")
    assert loaded(tmp_path, "plan_date: 2026-12-06\n").plan_date.isoformat() == "2026-12-06"


CODE = "学校标识码须写成文字，加引号，如 \"4103310001\"。"
#: (plan file, its message after 「方案配置有误：」): choices said in Chinese with their meanings
#: (rv24 5: 「应为 'entry' or 'whole' 之一」) and a code no number can be
REFUSED = [
    ("rezoning_grades: all\n", "“rezoning_grades”（划片调整和新建学校片区转入哪些学生）值“all”无效："
                                "应为 entry（只对起始年级新生）或 whole（整个学段当年一次转入）。"),
    ("new_school_need: always\n", "“new_school_need”（城区新建学校的条件）值“always”无效：应为 lasting（缺口持续超过"
                                   "临时周转年限或末年仍有学校超过校额上限时才新建）或 any（不论缺口是否持续）。"),
    ("new_sites: all\n", "“new_sites”（候选新校址）值“all”无效：应为 town_centres（各乡镇驻地及城区各片区中心）、"
                         "none（不设候选新校址）或校址列表（每个校址写 id、name、lon、lat、town_code）。"),
    ("sports_land_by_school: {4103310008.5: 0}\n", "“sports_land_by_school”（逐校的相邻用地上限）值 {4103310008.5: 0} "
                                                   f"无效：“4103310008.5”不是学校标识码：{CODE}"),
    ("closures_reviewed: {yes: 2026-09-20, ~: 2026-09-20}\n",
     f"“closures_reviewed”（已完成撤并论证的学校）值 {{是: 2026-09-20, 空: 2026-09-20}} 无效：“是”“空”不是学校标识码：{CODE}"),
    ("keep: [1.5]\n", "“keep.0”（必须保留的学校标识码）值 1.5 无效：应为文字。"),
    ("sports_land_by_school: {\"4103310008\": -5}\n",
     "“sports_land_by_school.4103310008”（该校相邻用地上限）值 -5 无效：应不小于 0.0。"),
]


@pytest.mark.parametrize(("text", "said"), REFUSED)
def test_choices_and_codes_are_said_in_chinese(tmp_path, text, said):
    assert refused(tmp_path, text) == HEAD + said


def test_a_school_code_written_as_a_number_is_the_code(tmp_path):
    cfg = loaded(tmp_path, "keep: [4103310001]\nclose: [4103310002]\nclose_candidates: [4103310003]\n"
                           "closures_reviewed: {4103310008: 2026-09-20}\nsports_land_by_school: {4103310008: 0}\n")
    assert (cfg.keep, cfg.close, cfg.close_candidates) == (["4103310001"], ["4103310002"], ["4103310003"])
    assert list(cfg.closures_reviewed) == ["4103310008"]
    assert cfg.closures_reviewed["4103310008"].report.isoformat() == "2026-09-20"
    assert cfg.sports_land_by_school == {"4103310008": 0.0}


def test_a_nested_key_has_its_label_its_one_type_and_a_suggestion(tmp_path):
    assert refused(tmp_path, "weights: {yuan_per_pupil_minute: abc}\n") == (
        f"{HEAD}“weights.yuan_per_pupil_minute”（学生通行时间权重）值“abc”无效：应为数值（只写数字和小数点）。")
    assert refused(tmp_path, "weights: {yuan_per_minute: 0.3}\n") == (
        f"{HEAD}“weights.yuan_per_minute”无效：不是已知的字段，是否为 weights.yuan_per_pupil_minute（学生通行时间权重）。")
    assert refused(tmp_path, "costs: {yuan_per_m3: 3500}\n") == (
        f"{HEAD}“costs.yuan_per_m3”无效：不是已知的字段，是否为 costs.yuan_per_m2（本方案教室和宿舍统一的每平方米造价）。")
    assert refused(tmp_path, "closures_reviewed: {\"4103310008\": {report: 2026-09-20, hearin: 2026-10-01}}\n") == (
        f"{HEAD}“closures_reviewed.4103310008.hearin”无效：不是已知的字段，是否为 closures_reviewed.4103310008.hearing"
        "（听证会日期）。")
    assert refused(tmp_path, "phases: 1.5\nname: 2027\nweights: 5\ntime_limit_s: -0.00001\nday_travel_limit_min: null\n") == (
        f"{HEAD}“name”（方案名称）值 2027 无效：应为文字；“day_travel_limit_min”（走读学生单程通行分钟数上限）值 空 无效："
        "应为数值（不加引号）；“phases”（给出每年建设预算时的预算年数）值 1.5 无效：应为整数；"
        "“time_limit_s”（求解时间上限）值 -0.00001 无效：应大于 0；"
        "“weights”（权重）值 5 无效：应为“键: 值”的表（写在花括号中，或分行缩进）。")


def test_a_refused_plan_file_stops_the_command_before_anything_is_written(tmp_path):
    bad = tmp_path / "方案.yaml"
    bad.write_text("rezoning_grades: all\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", "layout", "--out", str(tmp_path / "o"), "--config", str(bad)])
    assert result.exit_code == 1
    assert "应为 entry（只对起始年级新生）或 whole（整个学段当年一次转入）" in result.output
    assert "程序内部错误" not in result.output and not (tmp_path / "o").exists()


#: every key of a plan file, as the file spells it (docs/layout-yaml.md has a row for each)
KEYS = [k for k in LayoutConfig.model_fields if k not in ("weights", "costs")] + \
    [f"weights.{k}" for k in Weights.model_fields] + [f"costs.{k}" for k in Costs.model_fields]
#: the words a message may hold besides the key and the value: the values a setting may take
CHOICES = {w for words in CHOICE_WORDS.values() for w in words} | set(MIN_SIZE_KINDS) | \
    {"id", "name", "lon", "lat", "town_code"} | set(ClosureReview.model_fields)
SCALARS = st.one_of(st.text(alphabet="abcxyz甲乙-:. 0123456789", max_size=12), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
                    st.dates().map(str), st.sampled_from(["2026-13-01", "2026-02-30", "0000-00-00"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.one_of(st.text("abc甲", max_size=4), st.integers(-5, 10**10), st.booleans(),
                                                          st.none(), st.floats(0, 10)), inner,
                                        max_size=3), max_leaves=6)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(KEYS), value=VALUES)
def test_any_wrong_value_of_any_key_is_refused_in_chinese_naming_the_key(tmp_path, key, value):
    head, _, tail = key.partition(".")
    text = yaml.safe_dump({head: {tail: value}} if tail else {head: value}, allow_unicode=True)
    path = tmp_path / "方案.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_layout_config(path)
    except ConfigError as exc:
        message = str(exc)
    else:
        return  # a value the key takes
    assert message.startswith(f"{HEAD}“{key}") and message.endswith("。")
    allowed = set(re.findall(r"[A-Za-z_]+", f"{key} {text}")) | CHOICES | set(KEYS) | \
        {k.partition(".")[2] for k in KEYS}
    words = set(re.findall(r"[A-Za-z_]+", message.replace("“", " ").replace("”", " ")))
    assert words <= allowed, message
    assert not re.search(r"\d[eE][+-]?\d|\bNone\b|\bTrue\b|\bFalse\b|\bnan\b|\[key\]", message), message
    assert path.read_text(encoding="utf-8") == text
