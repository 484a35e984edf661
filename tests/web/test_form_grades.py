"""The school form offers the grades the import accepts: a 小学's 附设幼儿班 included."""

from junheng.web.forms import grade_choices


def test_a_primary_school_and_a_teaching_point_may_enter_preschool_classes_but_no_nursery():
    for school_type in ("primary_school", "teaching_point"):
        labels = [label for _, label in grade_choices(school_type)]
        assert labels[:4] == ["小班", "中班", "大班", "混合班"]
        assert "托班" not in labels and "七年级" not in labels


def test_other_schools_keep_their_own_grades():
    assert [label for _, label in grade_choices("junior_school")] == ["七年级", "八年级", "九年级"]
