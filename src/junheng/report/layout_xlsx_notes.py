"""The 大班额 and uncertainty notes of the layout workbook's comparison (split from
:mod:`.layout_xlsx`)."""

from __future__ import annotations

from junheng.model.areas import COUNTY_SEAT_LABEL
from junheng.model.labels import (
    QUOTA_FUNDING,
    SCHOOL_TYPE_LABELS,
)
from junheng.planning.layout_compare import SCORE_ROW
from junheng.planning.layout_forecast import FORECAST_RULE
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.layout_info import (
    STAFF_WEIGHT_LABEL,
)

METRIC_LABELS = {
    "teaching_points": "教学点数", "schools": "公办义务教育学校数（不含教学点）", "pupils": "学生数（公办学校）",
    "urban_pupils": f"其中{COUNTY_SEAT_LABEL}学校学生数",
    "mean_travel_min": "平均单程通行时间（分钟）", "p95_travel_min": "95% 学生单程通行时间不超过（分钟）",
    "day_pupils_over_limit": "走读超时学生数", "boarders": "寄宿生数", "beds": "宿舍床位数",
    "oversized_classes": "大班额班级数（当前按实际班级；规划年按平均班额测算，不是实际班级数，见说明）",
    "urban_classroom_shortfall": f"{COUNTY_SEAT_LABEL}学校缺少的普通教室（间，见说明：按标准班额逐校逐年级编班计；调整后为方案新建教室后仍缺的，临时周转借用的不算已有教室）",
    "added_classrooms": "方案新增普通教室（间）",  # plans written before 2026-12-05
    "built_classrooms": "方案新建普通教室（间，永久建设）",
    "temporary_classrooms": "方案以临时周转解决的普通教室（间，不新建：缺口不超过临时周转年限的借用、租用或校内调剂）",
    "cross_town_pupils": "跨乡镇转入其他学校的学生数",
    "young_day_over_review": "一至三年级走读单程超过论证时间的学生数（见方案规则）",
    "day_pupils_need_bus": "需校车接送的学生数（走读直线距离超过校车距离的，及按规则须寄宿但没有床位、每日往返的）",
    "bus_pupils_without_bed": "其中按规则须寄宿但没有床位、每日乘校车往返的学生数",
    "capital_cost_yuan": "财政支出：建设投资（一次性）：新建、扩建",
    "receiver_area_yuan": "财政支出：建设投资（一次性）：接收学校补足生均面积（计入方案的取舍、预算和分期，需论证）",
    "operating_site_yuan": "财政支出：校点运行费用（每年）",
    "funding_floor_yuan": "财政支出：公用经费保底（每年，不足 100 人按 100 人核定多拨部分）",
    "boarding_cost_yuan": "财政支出：寄宿生管理费用（每年）",
    "school_bus_yuan": "财政支出：校车运行费用（每年，需校车接送的学生按每生每年单价计，床位只够部分学生的按走读比例计）",
    "transport_yuan": "财政支出：走读学生交通补助（每年，不乘校车的）",
    "operating_pupil_yuan": f"财政支出：{QUOTA_FUNDING}（每年）",
    "hire_staff_yuan": "财政支出：新聘教师人员经费（每年，按编制需招聘人数 × 每名教师年人员经费，不调整、调整后两列同一口径；调入教师已在岗，不计；不计入综合评价值）",
    "operating_yuan": "财政支出：运行支出合计（每年）",
    "staff_posts": "编制：公办义务教育学校按标准（生师比与小规模学校班师比结合）核定的教职工（人）",
    "staff_posts_class_ratio": "编制：其中小规模学校、教学点按班师比多于生师比核定的教职工（人，不计入教师配置汇总）",
    "teachers_to_redeploy": "编制：撤并学校需调配的教师（人）",
    "new_school_posts": "编制：新建学校按生师比核定的教师（人）",
    "travel_pupil_minutes": "通行：学生单程通行时间合计（人·分钟/年）",
    "travel_weight_yuan": "权重（不是支出）：通行时间折算（每年）",
    "staff_weight_yuan": STAFF_WEIGHT_LABEL,
    "capital_annual_yuan": "综合评价：建设投资年均摊（每年，临时周转教室不计）",
    "hall_beyond_weight_yuan": "权重（不是支出）：接收学校未能补足的体育运动场馆面积（超出室内体育馆面积上限、超出留足本校缺口后的校内空地可建面积或不足一座最小馆，每年）",
    "relief_short_pupils": "分流下限（为保证保留学校留住生源的约束，不是支出，不计入综合评价值）：保留学校低于分流下限的学生（人）",
    # plan.json written before the penalty was kept apart (older plans still read)
    "relief_short_weight_yuan": "权重（不是支出）：保留学校低于分流下限的学生计入额（每年，旧版方案）",
    "objective_yuan": SCORE_ROW.replace("（", "（每年，", 1),
    # plan.json written before the money was split (older plans still read)
    "operating_cost_yuan": "校点运行成本（每年，旧版方案）",
    "travel_cost_yuan": "通行时间折算成本（每年，旧版方案）",
    "total_cost_yuan": "年度总成本（每年，含通行时间折算，旧版方案）",
}
#: the land bought beside receivers (rule (25)), a part of the line above it
LAND_ROW = ("财政支出：建设投资（一次性）：其中扩充体育运动场地用地 {m2:,.0f} 平方米（征用或置换接收学校相邻用地并建室外体育运动场地，"
            "含于上行，待决策，须经自然资源部门确认用地）")
#: the unit of each non-money row of the comparison (money: 元 or 万元 by the table's largest
#: amount, :func:`metric_unit`); one table for the workbook's 单位 column and the texts (rv 1:
#: 寄宿生数 read 「0.91 万元」 when the workbook counted its money rows apart from its rows)
METRIC_UNITS = {
    "teaching_points": "个", "schools": "所", "mean_travel_min": "分钟", "p95_travel_min": "分钟",
    "beds": "张", "oversized_classes": "个", "urban_classroom_shortfall": "间",
    "added_classrooms": "间", "built_classrooms": "间", "temporary_classrooms": "间",
    "travel_pupil_minutes": "人·分钟/年",
    **dict.fromkeys(("pupils", "urban_pupils", "day_pupils_over_limit", "boarders", "cross_town_pupils",
                     "young_day_over_review", "day_pupils_need_bus", "bus_pupils_without_bed",
                     "staff_posts", "staff_posts_class_ratio", "teachers_to_redeploy",
                     "new_school_posts", "relief_short_pupils"), "人"),
}
MONEY_FORMATS = {"万元": '#,##0.00" 万元"', "元": '#,##0" 元"'}
KIND_LABELS = {**SCHOOL_TYPE_LABELS, "new": "新建学校"}


def oversized_note(year: str, target: str) -> str:
    """What the 大班额 row counts: actual classes today, an average for the plan year (planner
    review 2026-12-05 finding 3: "调整后 0" read as no 大班额, though a school averaging 54 a
    room can still have classes of 58).

    >>> oversized_note("2025 学年", "2030 学年").split("——")[0]
    '大班额：“当前”为 2025 学年实际班级中 56 人及以上的班级数（按班级表逐班计）；规划年两列没有实际班级，按平均班额测算'
    """
    return (f"大班额：“当前”为 {year}实际班级中 56 人及以上的班级数（按班级表逐班计）；规划年两列没有实际班级，"
            f"按平均班额测算——{target}各校各学段学生（不调整：按现有学校就读；调整后：按方案分配）编入本校普通教室"
            "（调整后含新增教室），每间教室一个班，平均每间超过 55 人时该学段的班级都计为大班额，平均不超过 55 人的计为 0。"
            "按平均班额测算为 0 不等于没有大班额：各年级人数不均，平均班额不超过 55 人的学校仍可能有 56 人及以上的班级，"
            "须在实际编班时逐班核实。两列可以比较，与“当前”的实际班数不可直接相减。")


def uncertainty_note(plan: LayoutOutcome) -> str:
    """How uncertain the plan's school pupils are: the forecast's where the plan takes them
    (its rule :data:`FORECAST_RULE`: the forecast's school-level backtest error is theirs),
    else aged forward from the villages' children, without a backtest of their own, the
    forecast's error the measure to read beside them (hr item 1: the village sentence was
    printed on a run whose pupils were the forecast's).

    >>> uncertainty_note(LayoutOutcome("optimal", (), {}, year=2025, target_year=2030))[:44]
    '规划年各校学生数的不确定性：本方案把各村现有分年龄儿童推移到 2030 学年（5 年后）'
    >>> uncertainty_note(LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...                                rules={FORECAST_RULE: True}))[:45]
    '规划年各校学生数的不确定性：本方案各校学生数取招生预测的 2030 学年（5 年后）预测数'
    """
    ahead = (f"{plan.target_year} 学年（{plan.target_year - plan.year} 年后）"
             if plan.year and plan.target_year else "规划年")
    if (plan.rules or {}).get(FORECAST_RULE):
        return (f"规划年各校学生数的不确定性：本方案各校学生数取招生预测的 {ahead}预测数，方案调整的学校加减转入、"
                "转出的学生；招生预测的逐校回测误差（招生预测工作簿“学校”“教室缺口”表下“逐校预测的不确定性”，"
                "看相同年数的一列）即这些数字和由此推算的教室缺口的误差；超出回测年数的，没有可回测的历史，误差只会更大。")
    return (f"规划年各校学生数的不确定性：本方案把各村现有分年龄儿童推移到 {ahead}，不含出生、迁移和择校的变化，"
            "本身没有回测，不给区间。同一县招生预测的逐校回测误差（招生预测工作簿“学校”“教室缺口”表下"
            "“逐校预测的不确定性”，看相同年数的一列）可作这些数字和由此推算的教室缺口的误差参考；"
            "超出回测年数的，没有可回测的历史，误差只会更大。")
