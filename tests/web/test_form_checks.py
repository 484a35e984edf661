"""The forms refuse on submit what a job could only fail on later, in Chinese with the form's
labels (review rvweb 4), and read numbers by one rule, the school form's (review rvweb 11)."""

from __future__ import annotations

import pytest

from junheng.errors import ConfigError
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.web import compliance_view
from junheng.web.forms import typed_number

from .conftest import COUNTY, PRIMARY
from .leaks import visible_text
from .test_layout import _form


def test_a_school_both_kept_and_closed_and_a_past_target_year_are_refused_on_submit(as_user):
    admin = as_user("admin")
    response = admin.post("/plans/layout", data=_form(
        admin, keep=f"{PRIMARY}, 4103060002", close=PRIMARY, target_year="2020"))
    assert response.status_code == 422
    text = visible_text(response.text)
    assert "请修改以下 2 处后重新提交：" in text
    assert (f"“必须保留的学校”和“必须撤并的学校”都列有 {PRIMARY}（示例县城关第一小学）："
            "一所学校只能列入其中一项。") in text
    # the example county's data year is 2025
    assert "“规划目标学年”2020 早于数据学年 2025：应为 2025 学年或以后。" in text
    assert not admin.app.state.web.jobs.list(COUNTY)  # no job queued


def test_a_large_school_listed_to_close_is_refused_on_submit(as_user):
    # issue 16 item 1: 城关第一小学's 542 pupils are over a cap of 500 (大校额): never closed
    admin = as_user("admin")
    response = admin.post("/plans/layout", data=_form(
        admin, close_candidates=PRIMARY, school_size_cap="500"))
    assert response.status_code == 422
    assert (f"“另列为撤并对象的学校”中的 {PRIMARY}（示例县城关第一小学）在校 542 人，超过校额上限 500 人，"
            "是大校额学校：大校额学校靠扩建、新建学校和分流部分学生缓解，不撤并。请将其从该项中删去。"
            ) in visible_text(response.text)
    assert not admin.app.state.web.jobs.list(COUNTY)  # no job queued


@pytest.mark.parametrize("text", ["1e3", "1,2,3", "nan"])
def test_the_layout_form_refuses_a_number_the_school_form_refuses(as_user, text):
    # review rvweb 11: 「1e3」 was read as 1,000 万元; the school form refuses it
    admin = as_user("admin")
    response = admin.post("/plans/layout", data=_form(admin, **{"costs.new_school_yuan": text}))
    assert response.status_code == 422
    assert ("“新建一所学校基础造价（征地、场地、围墙、管网；教室、宿舍、按生均标准补足的教学及辅助用房、运动场和设备另计）”"
            f"应为数字（只写数字和小数点，不加空格、逗号或下划线），现为“{text}”。") in visible_text(response.text)
    assert not admin.app.state.web.jobs.list(COUNTY)


def test_one_number_rule_thousands_grouped_as_the_forms_show_them():
    # 「1,200」 is how the layout form shows 1,200 万元; 「12,00」 is a typo, not 1,200
    assert typed_number("1,200") == 1200.0 and typed_number("6,876.44") == 6876.44
    for bad in ("1e3", "12,00", "1 200", "1_200", "inf"):
        with pytest.raises(ValueError):
            typed_number(bad)
    with pytest.raises(ValueError):
        typed_number("1,200", grouped=False)  # the school's form: no commas at all


@pytest.mark.parametrize(("values", "message"), [
    ({"budget": "1e3"}, "年度预算“1e3”不是数字。"),
    ({"target_year": "2.03e3"}, "达标目标学年“2.03e3”不是整数。"),
    ({"target_year": "2028.5"}, "达标目标学年“2028.5”不是整数。"),
])
def test_the_compliance_form_uses_the_same_number_rule(values, message):
    with pytest.raises(ConfigError) as caught:
        compliance_view.options_from_form(values, 2025)
    assert str(caught.value) == message


def _layouts(day: str) -> dict[str, LayoutOutcome]:
    return {"20261203-ab12": LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
                                           scenario="默认方案", rules={"plan_date": day})}


def test_a_plan_date_other_than_the_layouts_is_refused_on_submit():
    values = {"layout_job": "20261203-ab12", "plan_date": "2026-12-04"}
    with pytest.raises(ConfigError) as caught:
        compliance_view.options_from_form(values, 2025, _layouts("2026-12-03"))
    assert str(caught.value) == (
        "编制日期 2026-12-04 与所选布局调整方案的编制日期 2026-12-03 不同：布局调整后的达标路径与布局方案"
        "使用同一编制日期，请不填编制日期（即取布局方案的编制日期）或填写 2026-12-03。")
    # the layout's own day, or none (the job takes the layout's), is accepted
    same = compliance_view.options_from_form({**values, "plan_date": "2026-12-03"}, 2025,
                                             _layouts("2026-12-03"))
    assert same["plan_date"] == "2026-12-03"
    blank = compliance_view.options_from_form({"layout_job": "20261203-ab12"}, 2025,
                                              _layouts("2026-12-03"))
    assert blank["plan_date"] is None


def test_the_ledger_form_uses_the_same_number_rule():
    from junheng.web.ledger_form import EntryError, parse_value

    assert parse_value("3,980", boolean=False, target_name="投资") == 3980.0
    for text in ("1e3", "3,98,0"):
        with pytest.raises(EntryError) as caught:
            parse_value(text, boolean=False, target_name="投资")
        assert str(caught.value) == f"目标“投资”的填报值“{text}”不是数值。"
