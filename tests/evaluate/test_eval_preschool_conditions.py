"""2020: 办园条件 per kindergarten, attested in 县级认定 (no citable per-child threshold).

The county: 甲园 with 3 classes of 20 children (60) and 900 m² of building and 600 m² of outdoor
space (15 and 10 m² a child); 乙园 with one class of 25 and no 校舍设施 row.
"""

from evaluate_builders import classes, county, facility, school

from junheng.evaluate import Status, evaluate


def kindergartens(attestations=()):
    return county(schools=[school("K1", "kindergarten", name="甲园"),
                           school("K2", "kindergarten", name="乙园")],
                  classes=[classes("K1", "k1", [20, 20, 20]), classes("K2", "k2", [25])],
                  facilities=[facility("K1", building_area=900.0, sports_area=600.0)],
                  county_attestations=list(attestations))


def conditions(ev):
    return next(r for r in ev.quality if r.indicator.id == "kindergarten_conditions")


def attest(answer):
    return {"item": "kindergarten_conditions", "answer": answer, "year": None,
            "evidence": "逐园核查表"}


def test_without_attestation_the_item_is_pending_and_lists_every_kindergarten():
    ev = evaluate(kindergartens(), "preschool-2020")
    item = conditions(ev)
    assert item.status is Status.ATTESTATION
    assert item.detail[["name", "gap"]].values.tolist() == [
        ["甲园", "生均建筑面积 15 平方米；生均户外活动场地面积 10 平方米"],
        ["乙园", "校舍设施表未填写园舍面积"]]
    assert item.note == ("列出 2 所幼儿园的生均园舍面积供督学核对（参照建标175-2016，未按标准判定），"
                         "其中 1 所校舍设施表未填写园舍面积")
    pending = next(f for f in ev.verdict.pending if f.id == "kindergarten_conditions")
    assert pending.closes.startswith("在“县级认定”表填写“幼儿园办园条件”的认定结果和佐证说明")
    assert "kindergarten_conditions" not in [f.id for f in ev.verdict.failures]


def test_attested_false_fails_the_verdict():
    ev = evaluate(kindergartens([attest(False)]), "preschool-2020")
    assert conditions(ev).status is Status.NOT_MET
    assert "kindergarten_conditions" in [f.id for f in ev.verdict.failures]


def test_attested_true_meets_the_item():
    ev = evaluate(kindergartens([attest(True)]), "preschool-2020")
    item = conditions(ev)
    assert (item.status, item.value, item.evidence) == (Status.MET, 1.0, "逐园核查表")
    assert "kindergarten_conditions" not in [f.id for f in (*ev.verdict.failures,
                                                              *ev.verdict.pending)]


def test_a_county_without_kindergarten_children_has_nothing_to_check():
    data = county(schools=[school("K1", "kindergarten")], classes=[classes("K1", "k1", [0])])
    assert conditions(evaluate(data, "preschool-2020")).status is Status.NOT_APPLICABLE
