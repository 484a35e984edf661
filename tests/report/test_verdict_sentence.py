"""The verdict sentence every report leads with says how many met items rest on 县级认定."""

from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.report.methods import verdict_sentence


def test_the_verdict_sentence_counts_the_items_met_on_the_countys_own_word():
    ev = evaluate(example_county(), "quality-2017")
    # the example county attests the four 2017 veto practices absent and its 规划布局合理: five
    # met items rest on 县级认定 alone (its 基本均衡 recognition is held 待核实 while no 省定标准
    # is known, review rvweb 3)
    assert len(ev.verdict.attested) == 5
    assert verdict_sentence(ev) == ("尚未达到优质均衡标准（未达标指标 5 项）。"
                                    "达标指标中 5 项依县级认定（不存在以考试方式招生的情况、不存在违规择校的情况、"
                                    "不设重点学校、不设重点班、"
                                    "县域内义务教育学校规划布局合理，符合国家规定要求），须督学核实佐证。")

