"""Brief hwords3 4: 7 teachers left four town schools under 交流轮岗 and the 整改措施 did not say
who teaches in their place (洛北县新区实验学校 took 19 by 县管校聘 and sent 1). Each sending school
now says where its staffing left it and how its posts are filled: teachers exchanged back, its own
teachers beyond its 编制, the stage's other schools' surplus, else 招聘."""

from __future__ import annotations

from junheng.planning.compliance_rotation import exchange_words
from junheng.planning.rotation_cover import cover_rows, cover_words


def _rot(school, name, n, to="R", back=0, places=0, stage="junior"):
    return {"item": "rotation", "school_id": school, "name": name, "stage": stage, "quantity": float(n),
            "to_school_id": to, "to_name": "乡村中学", "exchanged": back, "pool_places": places}


def _staff(school, need, today, moved_in=0, moved_out=0, stage="junior"):
    surplus = max(today + moved_in - moved_out - need, 0)
    return {"school_id": school, "stage": stage, "need": need, "today": today, "moved_in": moved_in,
            "moved_out": moved_out, "surplus": surplus}


def test_each_sending_school_says_who_fills_its_posts():
    # 甲 at its 编制 after taking 19 (32 + 19 = 51 of 51) sends 1: none spare, the stage's only
    # surplus is 丙's 2 (60 − 58), so 1 is 调剂; 乙 (150 of 148, 2 over) sends 3: its own 2 take
    # two posts, the stage's surplus left is 2 − 1 = 1, the third is 调剂 too; 丁 sends 2 and
    # gets 1 exchanged back: 1 short, nothing left to 调剂 (2 − 1 − 1 = 0): 招聘 1.
    rot = [_rot("A", "甲中学", 1, places=1), _rot("B", "乙中学", 3), _rot("D", "丁中学", 2, back=1)]
    staffing = {"schools": [_staff("A", 51, 32, moved_in=19), _staff("B", 148, 150),
                            _staff("C", 58, 60), _staff("D", 40, 40)]}
    rows = cover_rows(rot, staffing)
    assert [(x["name"], x["short"], x["own"], x["pooled"], x["hired"]) for x in rows] == [
        ("甲中学", 1, 0, 1, 0), ("乙中学", 3, 2, 1, 0), ("丁中学", 1, 0, 0, 1)]
    assert cover_words(rot, staffing) == (
        "调出交流教师的学校交流期间在岗教师相应减少，交流教师的编制仍在原校（“教师配置汇总”不变），逐校补足："
        "甲中学调出 1 名（县管校聘调入 19 名后 51 名，恰为编制），同学段按编制富余教师调剂 1 名；"
        "乙中学调出 3 名（现有 150 名，编制 148 名），本校按编制富余的 2 名顶岗，同学段按编制富余教师调剂 1 名；"
        "丁中学调出 2 名（现有 40 名，恰为编制），交换派回的 1 名顶岗，须招聘 1 名。"
        "招聘的 1 名不在“教师配置汇总”的招聘人数内，人员经费未计入本方案。")


def test_the_demo_s_four_senders_hire_seven_and_the_words_follow_the_receivers_sentence():
    # the demo (plan.json): every 初中 at its 编制 after the 县管校聘 (no surplus anywhere), so
    # 第一初级中学 (161 − 13 = 148) hires its 2 and 新区实验学校 (32 + 19 = 51) its 1
    rot = [_rot("1", "洛北县第一初级中学", 2, places=2), _rot("9", "洛北县新区实验学校", 1, places=1)]
    staffing = {"schools": [_staff("1", 148, 161, moved_out=13), _staff("9", 51, 32, moved_in=19)]}
    said = exchange_words(rot, staffing)
    assert said.endswith(
        "不交换、不派回本校教师，交流后专任教师不多于县管校聘调出前。调出交流教师的学校交流期间在岗教师相应减少，"
        "交流教师的编制仍在原校（“教师配置汇总”不变），逐校补足：洛北县第一初级中学调出 2 名（县管校聘调出 13 名后 "
        "148 名，恰为编制），须招聘 2 名；洛北县新区实验学校调出 1 名（县管校聘调入 19 名后 51 名，恰为编制），"
        "须招聘 1 名。招聘的 3 名不在“教师配置汇总”的招聘人数内，人员经费未计入本方案。")
    assert "按同学段按编制富余教师调剂、再招聘的顺序补足" not in said


def test_without_staffing_figures_the_general_sentence_stays():
    rot = [_rot("A", "甲中学", 1, places=1)]
    assert cover_rows(rot, None) is None
    assert exchange_words(rot, {"schools": []}).endswith(
        "调出交流教师的甲中学交流期间在岗教师相应少 1 名，仍须达到编制所需，按同学段按编制富余"
        "教师调剂、再招聘的顺序补足（交流教师的编制仍在原校，“教师配置汇总”不变）。")


def test_a_sender_the_ledger_does_not_hold_has_no_surplus_of_its_own():
    # brief hrot6: the model counts every sender (26); 甲中学 is not in the ledger, 乙 (Z) has
    # none beyond its 编制 (10 of 10): the 1 sent is hired, as the model counts it
    rot = [_rot("A", "甲中学", 1)]
    rows = cover_rows(rot, {"schools": [_staff("Z", 10, 10)]})
    assert [(x["own"], x["pooled"], x["hired"]) for x in rows] == [(0, 0, 1)]
    assert cover_words(rot, {"schools": [_staff("Z", 10, 10)]}).startswith(
        "调出交流教师的学校交流期间在岗教师相应减少，交流教师的编制仍在原校（“教师配置汇总”不变），逐校补足："
        "甲中学调出 1 名（“教师配置汇总”未列该校该学段，按无富余计），须招聘 1 名。")


def test_a_receiver_with_room_still_has_its_sender_say_who_fills_the_post():
    # no pool place, no exchange (the receiver has a vacancy): the cover follows the general line
    rot = [_rot("A", "甲中学", 1)]
    said = exchange_words(rot, {"schools": [_staff("A", 51, 51)]})
    assert said == ("交流后各调入学校的专任教师均不超过编制（按编制标准核定的教职工）。"
                    "调出交流教师的学校交流期间在岗教师相应减少，交流教师的编制仍在原校（“教师配置汇总”不变），逐校补足："
                    "甲中学调出 1 名（现有 51 名，恰为编制），须招聘 1 名。"
                    "招聘的 1 名不在“教师配置汇总”的招聘人数内，人员经费未计入本方案。")
