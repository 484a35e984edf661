"""A 临时周转 room has one figure, the ground a 装配式 room takes (review rv9 4: the 整改 priced
rented area as 「临时周转教室每间 120 平方米」 beside the layout's 「每间装配式教室占地按 100 平方米计」):
one parameter (``temporary_room_ground_m2``), one default, said as an assumption."""

import pandas as pd

from junheng.planning.layout_config import AREA_PER_CLASSROOM, ROOM_GROUND_M2, Costs
from junheng.planning.layout_ground import GROUND_HEAD, room_m2
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.plans_transition import field_ground_text


def test_one_default_for_the_ground_of_a_temporary_room_and_its_source():
    assert ROOM_GROUND_M2 == Costs().temporary_room_ground_m2 == 100.0
    assert "假设值" in Costs.model_fields["temporary_room_ground_m2"].description
    assert "每间装配式教室占地按 100 平方米计，为假设值" in GROUND_HEAD.format(m2=f"{ROOM_GROUND_M2:,.0f}")
    # 120 m² is a permanent classroom's 教学及辅助用房, not a temporary room
    assert AREA_PER_CLASSROOM == Costs().classroom_area_m2 == 120.0


def test_both_plans_read_the_plan_s_own_figure():
    """A county that sets 80 m²: 5 rooms take 400 m² beside the 8,366 m² field, 8,766 in all."""
    own = LayoutOutcome("optimal", (), {}, costs={"temporary_room_ground_m2": 80.0})
    assert room_m2(own) == 80.0 and room_m2(LayoutOutcome("optimal", (), {})) == 100.0
    a = pd.DataFrame({"item": ["field"], "quantity": [8366.0], "funding": [{"2027": 762.94}]})
    assert ("至多 5 间，以装配式临时教室周转时按每间 80 平方米约 400 平方米）同用校内空地，合计约 8,766 平方米"
            in field_ground_text(own, a, {2027: (5, 5)}))
