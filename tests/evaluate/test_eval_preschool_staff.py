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
    assert item.detail[["post", "gap"]].values.tolist() == [["保育员", "保育员须取得岗位资格证书"]]
    assert item.note == "核查 园长 1 人、保育员 2 人、卫生保健人员 1 人"
    assert "kindergarten_staff_certified" in [f.id for f in ev.verdict.failures]


def test_without_post_columns_the_item_waits_for_data():
    item, ev = staff_item([teachers("K", "preschool", 2)])
    assert item.status is Status.MISSING
    pending = next(f for f in ev.verdict.pending if f.id == "kindergarten_staff_certified")
    assert pending.closes == "在教师表为幼儿园教职工填写“幼儿园岗位”和“岗位资格证书”"
