"""附设幼儿班 of 小学 and 教学点 count as preschool places in 公办园占比 and 普惠覆盖率 (issue 15)."""

from evaluate_builders import classes, county, school

from junheng.evaluate import affordable_share, public_share
from junheng.evaluate.preschool_measures import kindergartens


def attached_county():
    return county(
        schools=[school("K1", "kindergarten"), school("K2", "kindergarten", ownership="private"),
                 school("P", name="村小学", urban_rural_code="220"),
                 school("Q", name="民办小学", ownership="private")],
        classes=[classes("K1", "k1", [20]), classes("K1", "k0", [15]),
                 classes("K2", "k2", [30]), classes("P", "kmix", [10]),
                 classes("P", "g1", [25]), classes("Q", "g1", [30])])


def test_a_public_primary_schools_preschool_class_is_a_public_place():
    # public: K1 20 + P's 混合班 10 = 30 of 20 + 30 + 10 = 60 children; 托班 left out
    share = public_share(attached_county())
    assert (share.numerator, share.denominator, share.ids) == (30.0, 60.0, ("K1", "P"))
    assert affordable_share(attached_county()).value == 0.5


def test_nursery_children_only_when_asked():
    # with 托班: (20 + 15 + 10) / (35 + 30 + 10) = 45 / 75
    share = public_share(attached_county(), include_nursery=True)
    assert (share.numerator, share.denominator) == (45.0, 75.0)


def test_kindergarten_units_stay_kindergartens():
    # the evaluation's kindergarten units (班额, 师幼比, 持证) are the kindergartens only
    assert kindergartens(attached_county())["school_id"].tolist() == ["K1", "K2"]
    ids = kindergartens(attached_county(), attached=True)["school_id"].tolist()
    assert ids == ["K1", "K2", "P"]
