"""The layout form prices the school bus (``weights.school_bus_yuan_per_pupil_year``, 3,000 元 a
pupil a year by default, the 台山 pilot) in a field of its own, and the 交通补助 field says it is
the subsidy only (it was labelled "走读学生校车或交通补助" though the bus had its own price)."""

from __future__ import annotations

import re

import pytest

from junheng.errors import ConfigError
from junheng.planning import LayoutConfig
from junheng.web import layout_view
from junheng.web.audit_text import field_label

from .conftest import csrf_of
from .leaks import visible_text

BUS = "weights.school_bus_yuan_per_pupil_year"
FARE = "weights.transport_yuan_per_pupil_year"
BUS_LABEL = ("校车运行费用（走读直线距离超过 5 公里的学生和按规则须寄宿但没有床位、每日往返的学生；"
             "默认 3,000 元（外省参考值，以本县实际替换：广东台山市校车试点每生每年约 2,993 元）；家长分担车费的按教育部门实际负担填写；0 为不计）")
FARE_LABEL = "走读学生交通补助（道路距离超过 3 公里、不乘校车的走读生；默认 0，县区有交通补助标准时填写；0 为不计）"


def _field(key: str) -> layout_view.Field:
    return next(f for f in layout_view.FORM_FIELDS if f.key == key)


def test_the_bus_and_the_subsidy_are_two_fields_with_their_units_and_defaults():
    assert (_field(BUS).label, _field(BUS).unit) == (BUS_LABEL, "元/生·年")
    assert (_field(FARE).label, _field(FARE).unit) == (FARE_LABEL, "元/生·年")
    values = layout_view.default_values(2025)
    assert (values[BUS], values[FARE]) == ("3000", "0")  # 3000.0 and 0 shown without ".0"


def test_the_labels_figures_are_the_planners_defaults():
    """The labels spell the planner's defaults: bus beyond 5 km straight, subsidy beyond 3 km
    by road, 3,000 元; the 台山 figure 8,980,000 元 / 3,000 pupils = 2,993.3 ≈ 2,993 元."""
    config = LayoutConfig()
    assert config.school_bus_km == 5.0
    assert config.weights.transport_min_km == 3
    assert config.weights.school_bus_yuan_per_pupil_year == 3000.0
    assert config.weights.transport_yuan_per_pupil_year == 0
    assert round(8_980_000 / 3_000) == 2993


def test_the_bus_price_entered_reaches_the_planners_config():
    values = layout_view.default_values(2025)
    values[BUS] = "2,500"
    config = layout_view.config_from_form(values)
    assert config["weights"]["school_bus_yuan_per_pupil_year"] == 2500.0
    assert config["weights"]["transport_yuan_per_pupil_year"] == 0.0  # its default, untouched
    values.update({BUS: "0", FARE: "800"})  # a county that pays a subsidy and runs no bus
    weights = layout_view.config_from_form(values)["weights"]
    assert (weights["school_bus_yuan_per_pupil_year"], weights["transport_yuan_per_pupil_year"]) \
        == (0.0, 800.0)


@pytest.mark.parametrize("text", ["三千", "nan"])
def test_a_bus_price_that_is_no_number_is_refused_with_the_fields_label(text):
    values = layout_view.default_values(2025)
    values[BUS] = text
    with pytest.raises(ConfigError, match=re.escape(f"“{BUS_LABEL}”应为数字（只写数字和小数点，不加空格、逗号或下划线），现为“{text}”。")):
        layout_view.config_from_form(values)


def test_a_negative_bus_price_is_refused_by_the_planner_under_the_fields_label():
    values = layout_view.default_values(2025)
    values[BUS] = "-1"
    with pytest.raises(ConfigError, match=f"^方案配置有误：“{re.escape(BUS_LABEL)}”值 -1.0 无效：应不小于 0.0。$"):
        layout_view.config_from_form(values)


def test_the_page_shows_both_fields_and_never_the_old_label(as_user):
    page = as_user("admin").get("/plans/layout").text
    assert f'{BUS_LABEL}（元/生·年）<input name="{BUS}" value="3000">' in page
    assert f'{FARE_LABEL}（元/生·年）<input name="{FARE}" value="0">' in page
    assert "校车或交通补助" not in page


def test_a_refused_bus_price_comes_back_on_the_page_with_the_value_typed(as_user):
    admin = as_user("admin")
    data = {k: v for k, v in layout_view.default_values(2025).items() if v != ""}
    data.update({BUS: "-300", "csrf_token": csrf_of(admin, "/plans/layout")})
    response = admin.post("/plans/layout", data=data)
    assert response.status_code == 422
    assert f"方案配置有误：“{BUS_LABEL}”值 -300.0 无效：应不小于 0.0。" in response.text
    assert f'<input name="{BUS}" value="-300">' in response.text
    assert "school_bus" not in visible_text(response.text)


def test_the_audit_log_names_the_bus_price_by_its_label_and_unit():
    assert field_label(BUS) == f"{BUS_LABEL}（元/生·年）"
