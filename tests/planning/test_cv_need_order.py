"""The layout plan's CV sentence names the schools by need, a shrinking school said so (brief
hcity 3: 「偏离全县平均最多的是桃桥镇后马寨村小学（高于平均，规划年 195 人，生均 71.6 平方米…」
led the 小学 体育运动场馆 sentence, a village school of 326 pupils falling to 188)."""

from junheng.planning.cv_causes import CvCause, CvCauses, cause_text
from junheng.planning.layout_cv import pupil_trend
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

CAUSES = CvCauses("primary", "sports_area_per_student", 0.712, 20.8, (
    CvCause("H", "后马寨村小学", 195, 71.6, 0.10), CvCause("E", "第二实验小学", 1722, 7.4, 0.08),
    CvCause("S", "实验小学", 1481, 6.8, 0.06)))


def test_below_the_mean_first_by_the_area_lacking_then_above():
    # 第二实验小学 lacks (20.8 − 7.4) × 1,722 = 23,074.8 m², 实验小学 (20.8 − 6.8) × 1,481 =
    # 20,734 m²: both before 后马寨 (above the mean); 326 → 188 is 42% fewer (1 − 188/326 = 0.423)
    # 第二实验小学's pupils fall too (2,471 → 1,844), but below the mean that is not its cause: unsaid
    text = cause_text(CAUSES, trend={"H": (326, 188), "E": (2471, 1844)})
    assert text == (
        "偏离全县平均最多的是第二实验小学（低于平均，规划年 1,722 人，生均 7.4 平方米，全县平均 20.8 平方米）、"
        "实验小学（低于平均，规划年 1,481 人，生均 6.8 平方米）、"
        "后马寨村小学（高于平均，规划年 195 人，现有 326 人、不调整布局时规划年 188 人，学生减少 42%，生均 71.6 平方米），"
        "合占学生加权离差平方和的 24%，差距分散在多所学校")


def test_without_trend_the_order_of_shares_stays():
    assert cause_text(CAUSES).startswith("偏离全县平均最多的是后马寨村小学（高于平均，规划年 195 人，生均")


def test_trend_leaves_out_a_school_of_both_stages():
    plan = LayoutOutcome("optimal", (
        PlannedSchool("H", "后马寨", "keep", capacity={"primary": 675, "junior": 0},
                      students_now=326, students_expected=188),
        PlannedSchool("K", "九年制", "keep", capacity={"primary": 600, "junior": 500},
                      students_now=900, students_expected=800)), {})
    assert pupil_trend(plan) == {"H": (326, 188)}
