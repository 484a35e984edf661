"""The demo's money as the county's finance office reads it (review rv10 findings 9, 10):

* the layout says the county gave no budget and the 7,160.70 万元 it assumed, claiming no
  「均未超出」 against it (rv17 10); the joint one says, in the same sentence, that the
  7,160.70 万元 is a 测算取值, not an approved budget;
* under the 分年度 tables each build names its source: the demo's builds are on no listed
  project, so 「资金来源待县财政局确认」;
* the 公用经费保底 the 整改 tells the county to fund from 2027 (126.98 万元 short today) is a
  yearly column of 布局 表 2 and a row of 整改 表 8 / 表 10 that falls as the short 教学点 close,
  to what the kept ones are short; the saving is said on that lawful baseline (413.71 万元)
  beside the cash view (297.29 万元 = 413.71 − 116.42);
* the training money (26.55 万元) is a yearly row, and every 「县政府部门落实」 row says its cost.
"""

from __future__ import annotations

import re

from docx import Document


def _doc(path):
    d = Document(str(path))
    return [p.text for p in d.paragraphs], [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]


def _wan(text: str) -> float:
    return float(text.replace(",", ""))


def test_the_budget_is_said_to_be_an_estimate_where_it_is_checked(demo_run):
    layout, _ = _doc(demo_run.out / "布局调整方案.docx")
    joint, _ = _doc(demo_run.out / "compliance" / "整改措施.docx")
    # rv17 10: the layout's own 测算取值 checks nothing: no 「均未超出」, the figure said assumed
    assert not [p for p in layout if "7,160.70 万元" in p and "未超出" in p]
    assert any("县未给年度预算，本方案按每年 7,160.70 万元（测算取值，不是已批复预算）分年度安排建设（按累计额度），"
               "不据此判断能否负担；各学年的一次性投入须列入县财政年度预算。" in p for p in layout)
    sentences = [s for p in joint for s in p.split("。") if s.startswith("年度预算每年 7,160.70 万元")]
    # rv15 8: an assumed share of spending, said as such, and no claim against a budget never given;
    # hfix8 2: the 额度 is named a 测算取值 first, the claim against it 「这一测算额度」
    assert sentences and all("（测算取值，不是已批复预算：按一般公共预算教育支出的一定比例测算，见“年度预算”说明；" in s
                             and "不超出这一测算额度" in s for s in sentences)


def test_each_build_names_its_source_under_the_year_tables(demo_run):
    layout, _ = _doc(demo_run.out / "布局调整方案.docx")
    joint, _ = _doc(demo_run.out / "compliance" / "整改措施.docx")
    for text in (layout, joint):
        note = next(p for p in text if p.startswith("注：资金来源："))
        # the new school and the expansions, none on a listed 建设项目
        assert "文化路社区片区初级中学新建 3,988.71 万元（2027—2028 学年）" in note
        assert note.endswith("未列入工作簿“建设项目”表，资金来源待县财政局确认。各项须列入县财政年度预算或申请专项资金后实施。")


def test_the_floor_top_up_falls_as_the_short_points_close(demo_run):
    paras, tables = _doc(demo_run.out / "布局调整方案.docx")
    # the note, with the paragraphs a long note is split into (rv13 13 made it longer)
    at = next(i for i, p in enumerate(paras) if p.startswith("说明：公用经费保底："))
    ends = next((i for i in range(at + 1, len(paras)) if paras[i].startswith(("说明：", "注：", "表 "))), len(paras))
    note = "".join(paras[at:ends])
    whole = _wan(re.search(r"其余共少拨 ([\d,.]+) 万元", note).group(1))
    closed = _wan(re.search(r"其保底部分共少拨 ([\d,.]+) 万元", note).group(1))
    lawful = _wan(re.search(r"撤并全部生效后这项节省每年 ([\d,.]+) 万元", note).group(1))
    cash = _wan(re.search(r"按目前实际拨付计（现金口径），这项节省每年约 ([\d,.]+) 万元", note).group(1))
    assert (whole, closed, lawful, cash) == (126.98, 116.42, 413.71, 297.29)
    assert round(lawful - closed, 2) == cash  # 413.71 − 116.42 = 297.29
    table = next(t for t in tables if t[0][0] == "学年" and any(h.startswith("补足公用经费") for h in t[0]))
    col = next(i for i, h in enumerate(table[0]) if h.startswith("补足公用经费"))
    topup = [_wan(r[col]) for r in table[1:]]
    # falls as the 教学点 close (2028–2029 since brief hproc: none closes in 2027, whose 论证
    # deadline had passed, so 2027 tops up the whole 126.98), then stays at the kept points'
    # shortfall; the 2029 level is below 126.98 − 116.42 = 10.56 only if a closed point was
    # paid below even its pupils' quota (the top-up takes its whole shortfall off)
    assert topup == sorted(topup, reverse=True) and topup[0] == whole
    assert topup[2:] == [topup[2]] * (len(topup) - 2) and 0 < topup[2] <= round(whole - closed, 2)
    # the 整改's 表 10 carries the same row beside its totals
    _, joint = _doc(demo_run.out / "compliance" / "整改措施.docx")
    rows = [r for t in joint for r in t if r[0].startswith("县政府部门落实（每年经常性支出，不计入上列合计）：补足公用经费（")]
    assert rows and [_wan(v) for v in rows[-1][1:-1]] == topup
    # rv28 6: paid every year past the table's last: no 合计 (was the sum over the table's 8 years)
    assert rows[-1][-1] == "—"


def test_the_county_s_own_items_say_what_they_cost(demo_run):
    _, tables = _doc(demo_run.out / "compliance" / "整改措施.docx")
    measures = next(t for t in tables if t[0][:2] == ["指标", "现值"])
    policy = [r for r in measures[1:] if r[7].startswith("需县政府部门落实")]
    assert len(policy) == 18 and all("费用" in r[4] for r in policy)
    training = next(r for r in policy if r[0].startswith("所有学校按照不低于学校年度公用经费预算总额的 5%"))
    assert training[3] == "需增加教师培训经费 26.55 万元" and "费用：每年 26.55 万元（2027 学年起" in training[4]
    rows = [r for t in tables for r in t if r[0].startswith("县政府部门落实（每年经常性支出，不计入上列合计）：增加教师培训经费")]
    # 2027–2034 in the joint table, 2027–2031 in the 达标路径's: each year's 26.55 and no 合计
    # (rv28 6: 212.40 = 8 × 26.55 there and 132.75 = 5 × 26.55 here, two 合计 for one item)
    assert rows and rows[-1][1:] == ["26.55"] * 8 + ["—"] and rows[0][1:] == ["26.55"] * 5 + ["—"]


def test_no_yearly_county_row_has_a_total_in_any_year_table(demo_run):
    # rv28 6: the same yearly rows were summed over 2027–2031 (230.26, 132.75) in one table and
    # 2027–2034 (255.97, 212.40) in the other, in both documents and the workbook; one function
    # (policy_costs.policy_year_rows) gives every table its rows, each year's figure, 「—」 for 合计
    from openpyxl import load_workbook

    head = "县政府部门落实（每年经常性支出，不计入上列合计）："
    for name in ("compliance/整改措施.docx", "自评报告.docx"):
        _, tables = _doc(demo_run.out / name)
        rows = [r for t in tables for r in t if r[0].startswith(head)]
        assert len(rows) == 4 and {r[-1] for r in rows} == {"—"}, name
    book = load_workbook(demo_run.out / "compliance" / "达标路径工作簿.xlsx", read_only=True)
    for sheet in ("分年度投资", "布局调整与达标路径分年度投资"):
        rows = [r for r in book[sheet].iter_rows(values_only=True) if str(r[0] or "").startswith(head)]
        assert len(rows) == 2 and {r[-1] for r in rows} == {"—"}, sheet
