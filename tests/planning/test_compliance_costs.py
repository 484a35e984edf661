"""The unit-cost file of the compliance path: defaults, a county's overrides, bad values."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.errors import ConfigError
from junheng.planning.compliance_costs import ITEMS, load_costs, merge


def _write(tmp_path, body) -> str:
    path = tmp_path / "county.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_every_shipped_item_has_a_cost_a_unit_and_a_source():
    costs = load_costs()
    assert set(costs.items) == set(ITEMS)
    assert all(c.unit and c.source and c.unit_cost >= 0 for c in costs.items.values())
    assert costs.objective_cost("hire_pe_art") == 10.0 * 5
    assert costs.objective_cost("teaching_area") == 0.35
    assert not costs.lease_allowed


def test_county_file_overrides_only_what_it_names(tmp_path):
    path = _write(tmp_path, {"items": {"gym": {"unit_cost": 0.5}}, "recurring_years": 3})
    costs = load_costs(path)
    assert costs.item("gym").unit_cost == 0.5
    assert costs.item("gym").source == load_costs().item("gym").source
    assert costs.objective_cost("hire_teacher") == 30.0
    assert costs.sources[-1] == path


def test_unknown_item_is_named(tmp_path):
    path = _write(tmp_path, {"items": {"swimming_pool": {"unit_cost": 1.0}}})
    with pytest.raises(ConfigError, match="“items.swimming_pool”不是已知的项"):
        load_costs(path)


def test_negative_cost_names_the_key_and_the_value(tmp_path):
    path = _write(tmp_path, {"items": {"field": {"unit_cost": -0.1}}})
    with pytest.raises(ConfigError, match=r"“items.field.unit_cost”（单价（万元））值 -0.1 无效：应不小于 0"):
        load_costs(path)


def test_lease_needs_the_provincial_rule_that_allows_it(tmp_path):
    path = _write(tmp_path, {"lease": {"allowed": True}})
    with pytest.raises(ConfigError, match="lease.source 中写明本省允许计入的文件名称"):
        load_costs(path)
    ok = load_costs(_write(tmp_path, {"lease": {"allowed": True, "source": "某省实施办法第 5 条"}}))
    assert ok.lease_allowed and ok.lease_source == "某省实施办法第 5 条"


def test_file_that_is_not_a_table_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="单价文件 .* 的顶层应为“键: 值”的列表"):
        load_costs(path)


@pytest.mark.parametrize(("value", "reason"), [
    ("0", "值 '0' 无效：应为数值（不加引号）"), (float("inf"), "值 inf 无效：应为有限的数值")])
def test_a_quoted_or_infinite_unit_cost_is_refused_in_chinese(tmp_path, value, reason):
    path = _write(tmp_path, {"items": {"equipment": {"unit_cost": value}}})
    with pytest.raises(ConfigError, match=reason):
        load_costs(path)


@settings(max_examples=40, deadline=None)
@given(value=st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=5),
                       st.integers(-5, 5), st.none()))
def test_any_unit_cost_is_accepted_only_as_a_non_negative_number(tmp_path_factory, value):
    path = _write(tmp_path_factory.mktemp("c"), {"items": {"equipment": {"unit_cost": value}}})
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if numeric and value >= 0:
        assert load_costs(path).item("equipment").unit_cost == float(value)
    else:
        with pytest.raises(ConfigError, match="items.equipment.unit_cost"):
            load_costs(path)


@given(st.dictionaries(st.sampled_from(["a", "b"]), st.integers()))
def test_merge_keeps_base_keys_and_takes_override_values(over):
    base = {"a": 1, "b": 2}
    assert merge(base, over) == {**base, **over}
