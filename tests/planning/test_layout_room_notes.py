"""The layout's per-school room note promises no build (review finding 15): the layout is
written before the 达标路径, which builds 0 at 实验中学 where the note said "约缺 1 间…由达标路径补足"."""

from __future__ import annotations

from junheng.planning.layout_reasons import ROOM_NOTE, room_notes


def test_a_short_school_is_told_what_is_short_and_that_the_compliance_path_decides():
    # 实验中学: 1 room short grade by grade, no rooms added by the layout; 第三初级中学: 2
    # short after 4 added; a school short of none gets no note
    notes = room_notes({"S1": 1, "S3": 2, "S4": 0}, {"S3": 4})
    assert notes == {
        "S1": f"{ROOM_NOTE}已够用；按年级编班（每个年级按标准班额）约缺 1 间普通教室。本方案不定此校加建间数："
              "是否加建、加建几间由达标路径按招生预测的学生逐年级复核确定，可能多于或少于此数，"
              "以达标路径（整改措施）所列为准。",
        "S3": f"{ROOM_NOTE}（新增 4 间后）已够用；按年级编班（每个年级按标准班额）约缺 2 间普通教室。"
              "本方案不定此校加建间数：是否加建、加建几间由达标路径按招生预测的学生逐年级复核确定，"
              "可能多于或少于此数，以达标路径（整改措施）所列为准。"}
    assert not any("补足" in text for text in notes.values())
