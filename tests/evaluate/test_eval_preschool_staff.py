"""2020: 园长、保育员、卫生保健人员持证上岗 from the v2 教师 columns (issue 15)."""

from evaluate_builders import classes, county, school, teachers

from junheng.evaluate import Status, evaluate


def staff_item(staff):
    data = county(schools=[school("K", "kindergarten")], classes=[classes("K", "k1", [20])],
                  teachers=staff)
    ev = evaluate(data, "preschool-2020")
    return next(r for r in ev.quality if r.indicator.id == "kindergarten_staff_certified"), ev


def test_one_uncertified_caregiver_fails_the_item():
    # 园长 certified, 2 保育员 of whom 1 without 保育员证, 1 卫生保健人员 certified → 3 / 4
    staff = [teachers("K", "preschool", 1, kindergarten_post="director", post_certified=True),
             teachers("K", "preschool", 1, kindergarten_post="caregiver", post_certified=True),
             teachers("K", "preschool", 1, kindergarten_post="caregiver", post_certified=False),
             teachers("K", "preschool", 1, kindergarten_post="health_worker",
                      post_certified=True),
             teachers("K", "preschool", 2, kindergarten_post="teacher")]
    item, ev = staff_item(staff)
    assert (item.status, item.value) == (Status.NOT_MET, 0.75)
    assert item.detail[["name", "staff", "gap"]].values.tolist() == [
        ["K校", 1, "保育员 1 人须取得岗位资格证书"]]
    assert item.note == "核查 园长 1 人、保育员 2 人、卫生保健人员 1 人"
    assert "kindergarten_staff_certified" in [f.id for f in ev.verdict.failures]


def test_without_post_columns_the_item_waits_for_data():
    item, ev = staff_item([teachers("K", "preschool", 2)])
    assert item.status is Status.MISSING
    pending = next(f for f in ev.verdict.pending if f.id == "kindergarten_staff_certified")
    assert pending.closes == "在教师表为幼儿园教职工填写“幼儿园岗位”和“岗位资格证书”"


def test_rows_name_each_kindergarten_and_too_few_posts_are_a_data_problem():
    # K (6 classes): 园长 without 证, 1 certified 保育员; L (2 classes): 2 保育员, one without 证
    # and one not filled in. 3 保育员 < 8 classes / 2 and 0 卫生保健人员 < 2 kindergartens: the
    # teacher sheet lists only part of the staff, a 全县 row says so
    data = county(schools=[school("K", "kindergarten"), school("L", "kindergarten")],
                  classes=[classes("K", "k1", [20] * 6), classes("L", "k2", [20] * 2)],
                  teachers=[teachers("K", "preschool", 1, kindergarten_post="director",
                                     post_certified=False),
                            teachers("K", "preschool", 1, kindergarten_post="caregiver",
                                     post_certified=True),
                            teachers("L", "preschool", 1, kindergarten_post="caregiver",
                                     post_certified=False),
                            teachers("L", "preschool", 1, kindergarten_post="caregiver",
                                     post_certified=None)])
    item = next(r for r in evaluate(data, "preschool-2020").quality
                if r.indicator.id == "kindergarten_staff_certified")
    doubt = ("数据待核：保育员 3 人，不足 2 所幼儿园 8 个班的一半（全日制每班应配保育员 1 名）；"
             "卫生保健人员 0 人，少于幼儿园数 2 所（每园至少 1 名）。教师表可能只为部分教职工填写了"
             "幼儿园岗位，请核对后补填，持证率按补填后的人数计算")
    assert item.detail[["name", "staff", "gap"]].values.tolist() == [
        ["K校", 1, "园长 1 人须取得岗位资格证书"],
        ["L校", 2, "保育员 1 人须取得岗位资格证书；保育员 1 人岗位资格证书未填写"],
        ["全县", 0, doubt]]
    assert item.note == f"核查 园长 1 人、保育员 3 人；{doubt}"
