"""The school form offers the grades of the school's stages: a 小学's 附设幼儿班 grades only when
it holds such classes, after its own (review rvweb 12: every 小学 row offered 「小班 中班 大班 混合班」
first), never 托班 nor another stage's grades."""

import re

from junheng.web.forms import grade_choices

PRIMARY = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"]


def test_a_primary_school_without_preschool_classes_is_offered_its_six_grades():
    for school_type in ("primary_school", "teaching_point"):
        assert [label for _, label in grade_choices(school_type, ["g1", "g2"])] == PRIMARY


def test_a_primary_school_holding_an_attached_preschool_class_gets_those_grades_after_its_own():
    for school_type in ("primary_school", "teaching_point"):
        labels = [label for _, label in grade_choices(school_type, ["g1", "k3"])]
        assert labels == [*PRIMARY, "小班", "中班", "大班", "混合班"]
        assert "托班" not in labels and "七年级" not in labels


def test_other_schools_keep_their_own_grades():
    assert [label for _, label in grade_choices("junior_school")] == ["七年级", "八年级", "九年级"]
    # a junior school's rows never open preschool grades, whatever they hold
    assert [label for _, label in grade_choices("junior_school", ["k1"])] == ["七年级", "八年级", "九年级"]


def test_the_primary_schools_form_offers_grades_one_to_six(as_user):
    # 城关第一小学 (4103060001, a 小学 of the example county) holds no 附设幼儿班 class
    page = as_user("admin").get("/schools/4103060001/facilities").text
    select = re.search(r'<select name="class_grade" aria-label="年级">(.*?)</select>', page).group(1)
    assert re.findall(r'<option value="\w*"[^>]*>(.*?)</option>', select) == ["", *PRIMARY]
