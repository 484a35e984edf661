"""Review rv28 2 on hand-made input: a 差异系数 the layout plan kept (already over without the
adjustment, not raised) but left over its limit is not 「须由达标路径补足」: with the 达标路径's
figures at hand the plan says what the 达标路径 does to it (and the data year's value beside), without
them the neutral 「须另行整改」."""

from __future__ import annotations

from junheng.planning.layout_cv_words import with_path
from junheng.planning.layout_outcome import CvComparison, LayoutOutcome
from junheng.report.layout_info import status_said

K = "sports_area_per_student"
LIMITS = {"primary": {K: 0.5}, "junior": {K: 0.45}}
# the demo's figures: 2025 小学 0.632 / 初中 0.674; 2030 without the plan 0.737 / 0.783; with it 0.712 / 0.693
CVS = CvComparison({"primary": {K: 0.737}, "junior": {K: 0.783}}, {"primary": {K: 0.712}, "junior": {K: 0.693}},
                   (), LIMITS, today={"primary": {K: 0.632}, "junior": {K: 0.674}})
KEPT = "符合规则“已超限的不高于规划年不调整布局时”"


def _plan(cvs=CVS) -> LayoutOutcome:
    return LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, evaluation=cvs)


def _path(primary: float, junior: float, *, target: int = 2030) -> dict:
    """A 达标路径 plan.json made after the layout, its CVs after it."""
    return {"layout_year": 2030, "target_year": target,
            "after": {"stages": {"primary": {"cv": {K: primary}}, "junior": {"cv": {K: junior}}}}}


def test_the_path_cannot_bring_either_under_and_the_primary_one_is_above_2025():
    # rv29 3: the plan-year value is compared with 2025 first (0.712 > 0.632: 「降至 0.712」 against
    # 2030 without the adjustment read as an improvement), then with 2030 without it (0.737)
    plan = with_path(_plan(), _path(0.708, 0.597))
    assert plan.cv_verdict == (
        f"{KEPT}，仍未达到限值（达标路径也不能使其降到限值以下，见《整改措施》）："
        "小学生均体育运动场馆面积差异系数：2025 学年 0.632，2030 学年布局调整后 0.712，高于 2025 学年；"
        f"不调整布局时已超过限值 0.50（0.737），布局调整后低于不调整布局时，{KEPT}；达标路径实施后 0.708，高于 2025 学年，仍超过限值，"
        "达标路径也不能使其降到限值以下，见《整改措施》；"
        "初中生均体育运动场馆面积差异系数：2025 学年 0.674，2030 学年布局调整后 0.693，高于 2025 学年；"
        f"不调整布局时已超过限值 0.45（0.783），布局调整后低于不调整布局时，{KEPT}；达标路径实施后 0.597，仍超过限值，"
        "达标路径也不能使其降到限值以下，见《整改措施》")
    assert status_said(plan).endswith("；差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，"
                                      "达标路径也不能使其降到限值以下，见《整改措施》）")


def test_the_check_note_written_before_the_path_says_it_after():
    # the 方案校验 note is written when the plan is checked (before the 达标路径); the document re-says it
    head = "方案校验：已按方案核对 16 项规则，与方案所报一致；方案未满足规则 1 项（不含差异系数）：走读单程不超过 30 分钟（37 人超过）；"
    plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, evaluation=CVS,
                         notes=(f"{head}差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，须另行整改）", "其他说明"))
    assert with_path(plan, _path(0.708, 0.597)).notes == (
        f"{head}差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，达标路径也不能使其降到限值以下，见《整改措施》）",
        "其他说明")
    assert with_path(plan, None).notes == plan.notes


def test_the_path_brings_one_under():
    plan = with_path(_plan(), _path(0.708, 0.44))
    assert plan.cv_verdict.startswith(
        f"{KEPT}，仍未达到限值（其中 1 项达标路径也不能使其降到限值以下，见《整改措施》，1 项达标路径实施后降到限值以下）：")
    assert plan.cv_verdict.endswith(f"布局调整后低于不调整布局时，{KEPT}；达标路径实施后 0.440，在限值以内")
    assert status_said(plan).endswith("本方案未使其变差，其中 1 项达标路径也不能使其降到限值以下，见《整改措施》，"
                                      "1 项达标路径实施后降到限值以下）")


def test_the_path_brings_both_under():
    plan = with_path(_plan(), _path(0.49, 0.44))
    assert plan.cv_verdict.startswith(f"{KEPT}，仍未达到限值（达标路径实施后降到限值以下）：")
    assert "达标路径实施后 0.490，在限值以内；" in plan.cv_verdict
    assert status_said(plan).endswith("（均为不调整布局时已超限、本方案未使其变差，达标路径实施后降到限值以下）")


def test_without_the_path_or_for_another_year_the_words_stay_neutral():
    for plan in (_plan(), with_path(_plan(), None), with_path(_plan(), _path(0.708, 0.597, target=2031))):
        assert plan.evaluation.path == {}
        assert plan.cv_verdict.startswith(f"{KEPT}，仍未达到限值（须另行整改）：小学生均体育运动场馆面积差异系数：2025 学年 0.632，")
        assert plan.cv_verdict.endswith(f"布局调整后低于不调整布局时，{KEPT}；仍超过限值，须另行整改")
        assert status_said(plan).endswith("（均为不调整布局时已超限、本方案未使其变差，须另行整改）")
        assert "达标路径补足" not in plan.cv_verdict + status_said(plan)


def test_the_self_report_says_a_cv_after_the_path_is_above_the_data_year_s():
    # the 自评报告 gives the 2025 CVs (today_cvs): 小学 0.708 after the 达标路径 is above 2025's 0.632,
    # 初中 0.597 is below 2025's 0.674 and is said as before; the 整改措施 (no today_cvs) says neither
    from junheng.report.compliance_docx import _cv_paragraph
    from junheng.report.word_document import WordReport

    doc = {"data_year": 2025, "layout_year": None,
           "before": {"stages": {"primary": {"limit": 0.5, "cv": {K: 0.711714}},
                                 "junior": {"limit": 0.45, "cv": {K: 0.692829}}}},
           "after": {"stages": {"primary": {"cv": {K: 0.707878}}, "junior": {"cv": {K: 0.596979}}}}}
    said = "目标学年超过限值的差异系数，达标路径实施前 → 实施后：小学（限值 0.50）：生均体育运动场馆面积 0.712 → 0.708{}。" \
           "初中（限值 0.45）：生均体育运动场馆面积 0.693 → 0.597。"
    for today, above in ((None, ""), ({"primary": {K: 0.631944}, "junior": {K: 0.674}}, "（高于 2025 学年 0.632）")):
        r = WordReport()
        _cv_paragraph(r, {**doc, "today_cvs": today} if today else doc)
        assert [p.text for p in r.doc.paragraphs] == [said.format(above)]


def test_the_plan_year_value_is_said_beside_the_data_year_s_first():
    # rv29 3: a CV raised by less than 0.0005 (0.7372 against 0.737 without the adjustment) and
    # below 2025's 0.750; the path's value unknown
    from junheng.planning.layout_cv_words import item_words

    assert item_words("primary", "生均体育运动场馆面积", 0.7372, 0.5, 0.737, 0.75, year=2030, data_year=2025) == (
        "小学生均体育运动场馆面积差异系数：2025 学年 0.750，2030 学年布局调整后 0.737，低于 2025 学年；不调整布局时已超过限值 "
        f"0.50（0.737），布局调整后升高不到 0.0005，{KEPT}；仍超过限值，须另行整改")
