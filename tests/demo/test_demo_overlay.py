"""``junheng demo`` evaluates its 洛阳市 county with Henan's overlay, as ``--overlay`` would."""

from junheng.io import example_county
from junheng.jobs.demo import HENAN_OVERLAY, demo_overlay
from junheng.jobs.evaluations import Evaluations


def test_the_demo_applies_henans_overlay_to_every_standard():
    assert demo_overlay() == HENAN_OVERLAY and HENAN_OVERLAY.name == "henan.yaml"
    evaluations = Evaluations(overlay=demo_overlay())
    data = example_county()
    basic = evaluations.get(data, "basic-2012")
    assert basic.standard.overlay_name == "河南省"
    assert basic.standard.indicator("books_per_student").thresholds == {"primary": 20,
                                                                       "junior": 30}
    assert basic.verdict.pending[0].message == (
        "前提条件：县域内义务教育学校均达到省定办学基本标准，待佐证，现值 100.0%，按省定标准核查 4 所学校的"
        "生均图书册数，全部达标；省定标准的其余条目须县级认定")
    assert evaluations.get(data, "preschool-2020").standard.overlay_name == "河南省"
    assert evaluations.quality(data) is evaluations.get(data, "quality-2017")


def test_without_the_overlay_basic_balance_waits_for_the_provincial_standard():
    basic = Evaluations().get(example_county(), "basic-2012")
    assert basic.verdict.pending[0].message.endswith("未提供省定办学基本标准的标准值")
