"""The layout's per-school room note promises no build (review finding 15): the layout is
written before the 达标路径, which builds 0 at 实验中学 where the note said "约缺 1 间…由达标路径补足"."""

from __future__ import annotations

from junheng.planning.layout_reasons import ROOM_NOTE, room_notes

#: who decides those rooms, and that a short gap is borrowed (brief hp 5: 第四小学 builds none
#: in the layout and borrows 2029–2031 in the 达标路径)
LATER = ("本方案不定此校加建间数：按年级编班所缺教室由达标路径按招生预测的学生逐年级复核（规划年及其前后各学年），"
         "缺口不超过临时周转年限的学年以临时周转解决、不新建，其余加建，间数可能多于或少于此数，"
         "以达标路径（整改措施“布局调整与达标路径合计”）所列为准。")


def test_a_short_school_is_told_what_is_short_and_that_the_compliance_path_decides():
    # 实验中学: 1 room short grade by grade, no rooms added by the layout; 第三初级中学: 2
    # short after 4 added; a school short of none gets no note
    notes = room_notes({"S1": 1, "S3": 2, "S4": 0}, {"S3": 4})
    assert notes == {
        "S1": f"{ROOM_NOTE}已够用；按年级编班（每个年级按标准班额）约缺 1 间普通教室。{LATER}",
        "S3": f"{ROOM_NOTE}（新增 4 间后）已够用；按年级编班（每个年级按标准班额）约缺 2 间普通教室。{LATER}"}
    assert not any("补足" in text for text in notes.values())
