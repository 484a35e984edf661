"""The 整改措施's dated path and the 高中 bill as a decision (brief hhigh; review rv13 3, 11)."""

from junheng.planning.compliance_due import decided_due, senior_decision, status_line
from junheng.planning.compliance_unresolved import NOT_BEGUN, PRIVATE, RELOCATING, UNRESOLVED

# the demo's figures: 实验中学 8,053 m² × 1,500 元 = 1,207.95 万元, 第四中学 949 m² × 1,500 元 =
# 142.35 万元, together 1,350.30 万元; the land paid 2028—2029 and in use 2030
PATH = {"in_use_year": 2030, "remedy": "adjacent_land", "remedy_name": "置换或征用相邻用地建室外运动场",
        "counts": True, "schools": [
            {"name": "洛北县实验中学", "stage": "junior", "area_m2": 8053, "cost": 1207.95},
            {"name": "洛北县第四中学", "stage": "junior", "area_m2": 949, "cost": 142.35}]}
SPORTS = "生均体育运动场馆面积"
UNRESOLVED_ROWS = [
    {"school": "洛北县育才外国语学校（小学）", "item": SPORTS, "reason": PRIVATE},
    {"school": "洛北县实验中学（初中）", "item": SPORTS, "reason": UNRESOLVED + "：校内无空地，仍缺 8,053 平方米",
     "short_m2": 8053},
    {"school": "洛北县第四中学（初中）", "item": SPORTS, "reason": UNRESOLVED + "：仍缺 949 平方米", "short_m2": 949},
    {"school": "洛北县育才外国语学校（初中）", "item": SPORTS, "reason": PRIVATE},
    {"school": "黄城镇初级中学（初中）", "item": "每百名学生拥有网络多媒体教室数", "reason": RELOCATING + "；须县政府督办"},
    {"school": "全县（初中）", "item": "生均体育运动场馆面积差异系数", "reason": UNRESOLVED + "：…"},
    {"school": "洛北县城东新区第二小学", "item": "专用教室", "reason": RELOCATING},
    {"school": "古岭乡余下洼村小学", "item": "专用教室", "reason": NOT_BEGUN},
    {"school": "洛北县育才外国语学校", "item": "专用教室", "reason": PRIVATE}]
# the fills' money: the demo's 10,131.99 万元 for 69,967 m² (小学); none reaches the 初中 limit here
FILLS = [{"stage": "primary", "name": SPORTS, "fill": {"area": 69967, "ground": 0, "land": 69967, "cost": 10131.99}},
         {"stage": "junior", "name": SPORTS, "fill": None}]
DOC = {"target_year": 2030, "sports_path": PATH, "unresolved": UNRESOLVED_ROWS, "cv_fill": FILLS}


def _row(item, group="fail", after="仍未达标（见“未解决事项”表）"):
    return {"group": group, "item": item, "year": 2030, "after": after}


def test_a_row_met_or_due_keeps_its_year():
    assert decided_due(_row("班额", after="待核实：按平均班额测算 2030 学年可达到标准"), DOC) == "2030 学年"
    assert decided_due({"year": 2027, "after": "未达标，落实后按数据复核"}, DOC) == "2027 学年"


def test_a_cv_row_met_only_with_land_is_a_decision_without_a_year():
    # rv15 2: the fill's land is the 自然资源 department's to grant: 「需论证，待核实」, its m² and
    # 万元 apart from the total, no year
    assert decided_due(_row("小学生均体育运动场馆面积差异系数"), DOC) == (
        "—（须局务会决定，需论证，待核实：另增体育运动场馆面积 69,967 平方米，须征用相邻用地 69,967 平方米，"
        "约 10,131.99 万元，未计入本方案总投资；用地须经自然资源部门确认，确认前不列完成学年）")
    # no level of the public schools reaches the limit: no priced measure, said why
    assert decided_due(_row("初中生均体育运动场馆面积差异系数"), DOC) == (
        "—（把公办学校补到全县最高的生均水平也降不到限值，无计价措施）")
    # on the schools' own ground only (69,967 × 900 元 = 6,297.03 万元): the decision dates it, in
    # the target year without the 达标路径's priced route
    own = [{**FILLS[0], "fill": {"area": 69967, "ground": 69967, "land": 0, "cost": 6297.03}}]
    assert decided_due(_row("小学生均体育运动场馆面积差异系数"), {**DOC, "cv_fill": own, "sports_path": None}) == (
        "2030 学年（须局务会决定：另增体育运动场馆面积 69,967 平方米，均在校内空地，约 6,297.03 万元，未计入本方案总投资）")


def test_a_school_rule_row_is_dated_only_when_every_gap_is_priced_off_land():
    # 初中: 实验中学 and 第四中学 priced on land (8,053 + 949 = 9,002 m²; 1,207.95 + 142.35 =
    # 1,350.30), the 民办 school and the relocation project not: 「—」 with all three said
    assert decided_due(_row("初中学校达标（资源配置 7 项指标）", "units"), DOC) == (
        "—（洛北县育才外国语学校民办学校由举办者整改；黄城镇初级中学由在建项目保障，本方案无计价措施；"
        "其余须局务会决定，需论证，待核实：洛北县实验中学、洛北县第四中学置换或征用相邻用地建室外运动场，用地 9,002 平方米，"
        "约 1,350.30 万元，未计入本方案总投资；用地须经自然资源部门确认，确认前不列完成学年）")
    only_public = {**DOC, "unresolved": UNRESOLVED_ROWS[1:3]}
    assert decided_due(_row("初中学校达标（资源配置 7 项指标）", "units"), only_public) == (
        "—（须局务会决定，需论证，待核实：洛北县实验中学、洛北县第四中学置换或征用相邻用地建室外运动场，用地 9,002 平方米，"
        "约 1,350.30 万元，未计入本方案总投资；用地须经自然资源部门确认，确认前不列完成学年）")
    # a lease the province counts (no land): the bureau's decision dates it; 9,002 × 30 元 × 5
    # years = 135.03 万元 (120.80 + 14.23)
    lease = {**PATH, "remedy": "shared_use", "remedy_name": "就近共享、租用公共体育设施", "schools": [
        {"name": "洛北县实验中学", "stage": "junior", "cost": 120.8},
        {"name": "洛北县第四中学", "stage": "junior", "cost": 14.23}]}
    assert decided_due(_row("初中学校达标（资源配置 7 项指标）", "units"), {**only_public, "sports_path": lease}) == (
        "2030 学年（须局务会决定：洛北县实验中学、洛北县第四中学就近共享、租用公共体育设施，约 135.03 万元，"
        "未计入本方案总投资）")
    # one the province does not count closes nothing: both schools' gaps have no priced measure
    assert decided_due(_row("初中学校达标（资源配置 7 项指标）", "units"),
                       {**only_public, "sports_path": {**lease, "counts": False}}) == (
        "—（洛北县实验中学、洛北县第四中学未解决（需征地/租用场地/布局分流，需论证），本方案无计价措施）")
    assert decided_due(_row("小学学校达标（资源配置 7 项指标）", "units"), DOC) == (
        "—（洛北县育才外国语学校民办学校由举办者整改，本方案无计价措施）")


def test_an_item_row_names_why_no_measure_is_priced():
    assert decided_due(_row("专用教室"), DOC) == (
        "—（洛北县城东新区第二小学由在建项目保障；古岭乡余下洼村小学建设项目未开工；"
        "洛北县育才外国语学校民办学校由举办者整改，本方案无计价措施）")
    # nothing in the 未解决事项 table for it: no year, no decision to name
    assert decided_due(_row("无此项"), DOC) == "—"


SENIOR = {"combined": {"senior": {"total": 1058.28, "schools": ["洛北县第四中学"], "items": [
    ["租赁教学及辅助用房（独立使用，不新建）", 2266.44, "平方米·学年", 37.77],
    ["室外体育运动场地", 10405.66, "平方米", 936.51], ["网络多媒体教室", 28.0, "间", 84.0]]}},
    # the demo's plan.json senior_part: 6 + 28 = 34 rooms, 2,291 + 10,405.66 = 12,696.66 m²
    "senior_part": [
        {"name": "洛北县第四中学", "item_name": "租赁教学及辅助用房（独立使用，不新建）", "unit": "平方米·学年",
         "quantity": 499.0, "built": 2765.44, "senior": 2266.44},
        {"name": "洛北县第四中学", "item_name": "新建室外体育运动场地", "unit": "平方米", "quantity": 2291.0,
         "built": 12696.66, "senior": 10405.66},
        {"name": "洛北县第四中学", "item_name": "配置网络多媒体教室", "unit": "间", "quantity": 6.0,
         "built": 34.0, "senior": 28.0}],
    "unresolved": UNRESOLVED_ROWS}


def test_the_senior_bill_is_a_decision_with_its_reason_options_and_what_still_fails():
    assert senior_decision(SENIOR) == (
        "须由局务会决定（与高中共用部分的高中经费）：洛北县第四中学另需高中经费 1,058.28 万元（租赁教学及辅助用房（独立使用，"
        "不新建） 2,266 平方米·学年 37.77 万元、室外体育运动场地 10,406 平方米 936.51 万元、网络多媒体教室 28 间 84.00 万元），"
        "本方案按由高中经费安排计，未计入本方案总投资。原因：该校初中与高中共用校舍和设施，评估办法按学生数加权拆分，"
        "初中只计其中一部分，初中每计 1 份全校须建数份（新建室外体育运动场地：初中计 2,291 平方米，全校须 12,697 平方米，"
        "其中 10,406 平方米计入高中；配置网络多媒体教室：初中计 6 间，全校须 34 间，其中 28 间计入高中）。"
        "可选：由高中经费安排上述高中部分（按本方案）；只建初中所需部分（初中按加权只计其中一部分，学校达标不能计足）；"
        "初中单独使用的教室和场地不与高中共用、按初中独立使用计，只建初中所需部分（须经市级复核认可独立使用的口径）。"
        "洛北县第四中学投入后仍缺体育运动场馆面积 949 平方米，仍不达标。")
    # a school that passes after the money: nothing said of a shortfall
    passing = {**SENIOR, "unresolved": []}
    assert senior_decision(passing).endswith("（须经市级复核认可独立使用的口径）。")
    assert senior_decision({"combined": {"senior": None}}) == senior_decision({}) == ""


def test_the_status_line_is_said_only_for_a_plan_that_fails():
    assert status_line({"target_year": 2030, "confirmed": True}) == ""
    assert status_line({"target_year": 2030, "confirmed": False, "cv_fill": []}, "《达标路径工作簿》“指标整改措施”表") == (
        "按本方案已安排的措施，2030 学年全县仍不能通过复核；《达标路径工作簿》“指标整改措施”表的完成学年按局务会决定"
        "相应事项后计（标“须局务会决定”），本方案无计价措施的事项不列完成学年，并写明原因。")
    # with a decision on land (rv15 2: the 达标路径's 置换或征用相邻用地 of DOC)
    assert status_line({**DOC, "confirmed": False}, "《达标路径工作簿》“指标整改措施”表") == (
        "按本方案已安排的措施，2030 学年全县仍不能通过复核；《达标路径工作簿》“指标整改措施”表的完成学年按局务会决定"
        "相应事项后计（标“须局务会决定”），须征用相邻用地的事项在自然资源部门确认用地前、本方案无计价措施的事项均"
        "不列完成学年，并写明原因。")
