"""Review rv27 2 on the demo's documents: the yearly running change has one rule, in the same
words wherever it is printed (brief hwords3 1: the 整改措施 called the figure 「测算值」, the
布局调整方案 「按目前实际拨付和所设单价计」): new spending at the set unit prices, savings only of
what the county pays today; the savings it has not reported are listed apart, with why, once."""

from __future__ import annotations

import pytest
from demo_helpers import docx_text, xlsx_text

from junheng.planning.layout_config import SAVED_APART, TRACED_BASIS

DOCUMENTS = {"布局调整方案": "布局调整方案.docx", "整改措施": "compliance/整改措施.docx", "自评报告": "自评报告.docx",
             "达标路径工作簿": "compliance/达标路径工作簿.xlsx", "布局调整方案工作簿": "layout/布局调整方案工作簿.xlsx"}


@pytest.fixture(scope="module")
def texts(demo_run) -> dict[str, str]:
    return {name: (docx_text if path.endswith(".docx") else xlsx_text)(demo_run.out / path)
            for name, path in DOCUMENTS.items()}


def test_every_document_states_the_yearly_change_by_the_one_rule(texts):
    # −480.05 in all = −239.05 counted − 120.96 of sites at the reference price − 3.62 of boarding
    # at 1,500 元 a boarder (both apart) − 116.42 of 保底 not paid today
    for name, text in texts.items():
        assert TRACED_BASIS in text, name
        assert "测算值，主要来自" not in text and "按目前实际拨付和所设单价计" not in text, name
        assert "239.05" in text and "242.67" not in text, name
    for name in ("布局调整方案", "整改措施", "自评报告", "达标路径工作簿"):
        assert f"{SAVED_APART}：校点运行费用每年减少 120.96 万元（单价按 1 名专职保安计，见" in texts[name], name
        assert "）、寄宿生管理费用每年减少 3.62 万元" in texts[name], name
    # the 整改措施, the 自评报告 and the 达标路径工作簿 read the same sentence on the joint change
    joint = (f"经常性支出全部生效后每年约减少 239.05 万元（{TRACED_BASIS}；主要来自布局调整：公用经费保底每年减少 "
             "297.29 万元（撤并的村小学和教学点中 31 个教学点目前未按 100 人拨付的保底 116.42 万元不是现在支出的钱")
    assert joint in texts["整改措施"] and joint in texts["达标路径工作簿"]
