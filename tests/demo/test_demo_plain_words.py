"""Review rv8 15: the body of the demo's 布局调整方案 said the solver's way of pricing the
分流下限 (「共少 6 人，测算时按高额计入以尽量避免（为保证分流下限的约束…）」). The body now says the cause
and what the bureau can do; the price per pupil stays in the appendix (测算参数与求解情况)."""

from __future__ import annotations

from report.report_builders import body_and_appendix

#: the solver's penalty words a planner should not meet in the body
PENALTY_WORDS = ("按高额计入", "高额", "惩罚", "罚")


def test_the_layout_body_says_the_cause_and_the_remedy_not_the_penalty(demo_run):
    body, appendix = ("\n".join(part) for part in body_and_appendix(demo_run.out / "布局调整方案.docx"))
    assert [w for w in PENALTY_WORDS if w in body] == []
    # 城关第一小学 keeps 1,477 of its floor 1,483: its communities went whole to other schools
    # review rv28 7: the floor said once as the sum that gives it (not 0.8 × 2,011 = 1,609): at most
    # 31 over its 1,980 seats + 10 % × 2,011 = 232.1 leave (under max(402.2, 31)); 296 of its
    # pupils a nearer or new school seats; 2,011 − 232.1 − 296 = 1,482.9, 1,483
    assert ("洛北县城关第一小学规划后 1,477 人，比分流下限 1,483 人少 6 人（分流下限＝规划年不调整的生源 2,011 人 − 至多可分流的 "
            "232 人 − 由更近或新建、一定开办且有空余学位的学校接收的本校生源 296 人 ＝ 1,483 人，其中至多可分流的人数为超出学位"
            "或校额上限的 31 人加生源的 10%（201 人），但不超过生源的 20%（402 人）与超出人数中的较大者；就近划片：") in body
    assert body.count("分流下限＝") == 1 and "一定比例" not in body
    # hwords3 2, rv24 3: 「少 6 人」 said once, the remedy true to the figures. 学府社区 has 595
    # primary pupils (270 + 325, 学生分配), 136 of them at 城关第一小学 today and 459 at 东城小学 (城区划片):
    # whole it would give 1,477 + 595 = 2,072 > 1,980 seats and leave 东城小学 595 − 595 = 0 < 413;
    # 行政路社区 whole, 1,477 + 568 = 2,045 > 1,980 too. Keeping the 136: 1,613 ≥ 1,483 within the
    # seats, 东城小学 459 ≥ 413, the community split as today; 1,477 ÷ 1,483 = 99.6%
    assert ("本校只留下其余学生）；学府社区规划年小学 595 人（现由本校接收 136 人），整体划入本校会使本校 2,072 人、超出学位 "
            "1,980 个，洛北县东城小学减为 0 人、低于其分流下限 413 人；可让其中现由本校接收的 136 人留在本校（本校 1,613 人，"
            "达到下限，在学位 1,980 个之内；洛北县东城小学 595 人减为 459 人，不低于其分流下限 413 人；该社区仍由两校分别"
            "接收，不是就近划片的整体划入一所学校），或维持本方案（本校为下限的 99.6%）。") in body
    # review hxuefu: what keeping the 136 changes beside the head count, from the plan's figures.
    # 东城小学 at 459 needs 459 × 6.5025 = 2,985 m², its 2,127 today + the 858 the 达标路径 adds
    # (its sports_m2 "have"): the plan's 617 m² field and 267 m² of land, 55.53 + 40.05 = 95.58
    # 万元, are not needed. 城关第一小学's 13,955 m²: 13,955 ÷ 1,613 = 8.65, ÷ 1,477 = 9.45 m² a
    # pupil, 1,613 × 6.5025 = 10,489 ≤ 13,955.
    # Review rv26 6: the other years from plan.json moved_years, the 156 that leave 城关第一小学 in
    # 2028 (its reason's 「本方案转出 156 人」): 2,160 + 156 = 2,316, 336 over its 1,980 seats (plan
    # 180) and 316 over the 2,000 cap (plan 160); 东城小学 685 − 156 = 529; 2029 1,565 + 143 = 1,708
    # and 2031–2033 within both. Rv26 7: the 3 rooms 城关第一小学 lends in 2029 (1 + 2), by the
    # same rule (layout_lend.placements) with the 143 kept: 1,708 + 150 hosted = 1,858 on campus,
    # within the 2,000 cap: still lent. The rooms follow classes by grade the plan does not keep:
    # its 临时周转 (overflow) said, to be counted again
    assert ("学府社区 136 人留在洛北县城关第一小学时：洛北县东城小学 459 人按生均约 6.50 平方米需 2,985 平方米，不超过现有 "
            "2,127 平方米加达标路径补足的 858 平方米，本方案为其补足体育运动场馆的 95.58 万元（校内空地建室外体育运动场地 617 "
            "平方米、扩充体育运动场地用地 267 平方米）不再需要；洛北县城关第一小学体育运动场馆现有 13,955 平方米，1,613 人生均 "
            "8.65 平方米（本方案 1,477 人时 9.45 平方米），按生均约 6.50 平方米需 10,489 平方米，不需补建。") in body
    assert ("学府社区留在洛北县城关第一小学的其他学年：2028 学年该社区 156 人，洛北县城关第一小学 2,316 人（本方案 2,160 人），"
            "超出学位 1,980 个 336 人（本方案 180 人）、超过校额上限 2,000 人 316 人（本方案 160 人），洛北县东城小学 529 人（本方案 "
            "685 人）；2029、2031—2033 学年洛北县城关第一小学 1,497—1,708 人，在学位和校额上限以内；洛北县城关第一小学 2029 学年"
            "借给洛北县实验中学 1 间、洛北县第四中学 2 间教室，按同一借出规则仍可借出（校内含借出班级 1,858 人）；两校各学年按年级"
            "编班所需教室须按逐年学生重新核算（本方案洛北县东城小学借用临时周转教室 2028 学年 2 间；洛北县城关第一小学借用临时周转"
            "教室 2027 学年 14 间、2028 学年 8 间）。") in body
    assert "本方案转出 156 人" in body  # the same 156, in 城关第一小学's 2028 row
    assert "整体留在本校" not in body
    # rv24 3: the method no longer says the plan is within the 分流下限; it names the 6 short
    # brief hsolve 1: what the solve makes least is the target, 3,968.73 = 3,358.23 + 10.50 + 600.00
    assert ("比较撤并、扩建和新建的各种组合，取求解目标（综合评价值加上以临时周转解决的教室按新建计入的年均摊和分流下限的计入额）"
            "最低的一种；保留学校的分流下限尽量满足、不是必须满足的规则（少留的学生按附录所列计入额计入测算模型，不是支出，不计入综合"
            "评价值），本方案仍有洛北县城关第一小学少 6 人（原因和可选做法见下文所列未满足的规则）。") in body
    assert "等规则之内" not in body
    assert "部分学生留在本校" not in body and body.count("比分流下限 1,483 人少 6 人") == 1
    # the solver's price per pupil short stays in the appendix, its amount in the objective's sum
    # (review rv28 1): 3,358.23 + 10.50 + 600.00 = 3,968.73
    assert ("求解器的目标值 3,968.73 万元 ＝ 本方案的综合评价值 3,358.23 万元 ＋ 以临时周转解决的教室按新建计入的建设投资年均摊 "
            "10.50 万元（借用不建，不计入综合评价值） ＋ 保留学校低于分流下限的 6 人的计入额 600.00 万元（每人每年 100.00 万元，"
            "为保证保留学校留住分流下限所定生源的约束，不是支出，不计入综合评价值），最优和差距按求解器的目标值计算") in appendix
