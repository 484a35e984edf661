"""One rule and the same words for when a project is in use (整改措施): a project of 实施周期 d
(costs.yaml ``lead_years``) is paid evenly in the d school years before the year it is in use
(the layout plan's rule; d = 0: in use the year it is paid), and every project's sentence
names its payment years, its 实施周期 and that school year.

The county (as tests/planning/test_compliance_gym_cap.py): A, 1,000 pupils in the main city,
builds a 3,000 m² hall (the cap) at 0.42 万元/m² = 1,260 万元, 实施周期 2 years here; B buys
0.05 × 2,000 × 1,000 元 = 10 万元 of equipment (实施周期 0). Target 2028 on 2026-06-01.
"""

from __future__ import annotations

import re
from datetime import date

from compliance_builders import cost_file, county, primary_school
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_json import compliance_dict
from junheng.report.compliance_docx import add_compliance_chapter
from junheng.report.word_document import WordReport


def test_a_hall_and_equipment_say_when_they_are_in_use_in_the_same_words(tmp_path):
    data = county(primary_school("A", 1000, code="111", sports_area=2.0),
                  primary_school("B", 1000, equipment_value=1600.0))
    plan = plan_compliance(data, current_students(data), 2028, time_limit=30,
                           costs=load_costs(cost_file(tmp_path, items__gym__lead_years=2)),
                           plan_date=date(2026, 6, 1))
    doc = compliance_dict(plan)
    hall = next(a for a in doc["actions"] if a["item"] == "gym")
    # 1,260 万元 started in 2026 (2028 − 2 is the last start): 630 in 2026 and in 2027
    assert (hall["funding"], hall["in_use_year"], hall["lead_years"]) == (
        {"2026": 630.0, "2027": 630.0}, 2028, 2)
    r = WordReport()
    add_compliance_chapter(r, doc)
    # the words after the money (brief hhigh adds 「（A 投入后仍缺…，仍不达标）」 beside it)
    said = [re.search(r"万元(?:（[^）]*）)?，([^。]*)。", p.text).group(1) for p in r.doc.paragraphs
            if p.text.startswith(("为 1 所学校新建", "为 1 所学校购置"))]
    # the hall: paid in 2026 and 2027, the 2 years before it is in use in 2028
    assert said[0] == "2026—2027 学年安排资金，实施周期 2 年，2028 学年投入使用"
    # the equipment (实施周期 0): without a yearly budget paid and in use in the first year
    assert said[1] == "2026 学年安排资金，当年实施，2026 学年投入使用"
