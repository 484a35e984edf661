"""``junheng demo`` stores Henan's overlay for its 洛阳市 county, so every evaluation of the
county from the store takes it (issue 16: one county, one verdict)."""

from junheng.io import example_county
from junheng.jobs.demo import HENAN_OVERLAY, demo_overlay, store_demo_overlay
from junheng.jobs.evaluations import Evaluations
from junheng.store import open_store


def test_the_demo_stores_henans_overlay_and_every_standard_takes_it(tmp_path):
    assert demo_overlay() == HENAN_OVERLAY and HENAN_OVERLAY.name == "henan.yaml"
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        store.import_county(example_county())
        assert store_demo_overlay(store, "410306") is True
        assert (store.overlay("410306").name, store.overlay("410306").set_by) == ("河南省", "demo")
        data = store.load_county("410306", 2025)
    evaluations = Evaluations()
    basic = evaluations.get(data, "basic-2012")
    assert (basic.standard.overlay_name, basic.standard.basis) == ("河南省", "河南省补充标准")
    assert basic.standard.indicator("books_per_student").thresholds == {"primary": 20,
                                                                       "junior": 30}
    # 城关第一小学, 第一初级中学 and 河口乡九年一贯制学校 (a 小学 and an 初中 unit): 4 评估单位 in 3
    # schools (planner review 2026-12-05 finding 10: 「核查 60 所学校」 in a county of 55)
    assert basic.verdict.pending[0].message == (
        "前提条件：县域内义务教育学校均达到省定办学基本标准，待佐证，现值 100.0%，按省定标准核查 4 个评估单位"
        "（3 所学校，一贯制学校分学段）的"
        "生均图书册数，全部达标；省定标准的其余条目须县级认定")
    assert evaluations.get(data, "preschool-2020").standard.overlay_name == "河南省"
    assert evaluations.quality(data) is evaluations.get(data, "quality-2017")


def test_without_the_overlay_basic_balance_waits_for_the_provincial_standard():
    basic = Evaluations().get(example_county(), "basic-2012")
    assert basic.standard.basis == "国家标准（未设省级补充标准）"
    assert basic.verdict.pending[0].message.endswith("未提供省定办学基本标准的标准值")
