"""bench.school_data: the real-school instance reader and the generator on real areas."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # bench is a folder of the repository, not an installed package

from bench import school_data  # noqa: E402

SCHOOLS = """URN,EstablishmentName,PhaseOfEducation (name),Easting,Northing,NumberOfPupils,SchoolCapacity
1,North Primary,Primary,1000,0,200,210
2,South Primary,Primary,0,0,180,210
3,High School,Secondary,500,500,900,1000
4,No Capacity Primary,Primary,2000,0,50,
"""
AREAS = """OA21CD,x,y,3,4,5,6,7,8,9,10,11
E1,0,0,9,1,1,1,1,1,1,1,9
E2,1000,2000,0,2,2,2,2,2,2,2,0
E3,5000,5000,4,0,0,0,0,0,0,0,4
"""


def test_directory_in_the_published_formats_gives_the_stated_instance(tmp_path):
    (tmp_path / "edubasealldata.csv").write_text(SCHOOLS)
    (tmp_path / "oa_population.csv").write_text(AREAS)
    problem = school_data.read_directory(tmp_path, fixed_cost=100.0, nearest=2)
    # two primary schools with a capacity; area E3 has no child aged 4-10 and is dropped
    assert problem.n_sites == 2 and problem.n_customers == 2
    assert problem.capacity.tolist() == [210.0, 210.0]
    assert problem.fixed_cost.tolist() == [100.0, 100.0]
    assert problem.demand.tolist() == [7.0, 14.0]
    assert problem.single_source
    cost = dict(zip(zip(problem.pair_site.tolist(), problem.pair_customer.tolist(), strict=True),
                    problem.pair_cost.tolist(), strict=True))
    # E1 at (0, 0): 1 km to North, 0 km (counted as 50 m) to South; E2 at (1, 2) km
    assert cost == pytest.approx({(0, 0): 7.0, (1, 0): 0.35, (0, 1): 28.0,
                                  (1, 1): 14 * np.sqrt(5.0)})


def test_directory_without_a_school_file_is_refused(tmp_path):
    (tmp_path / "oa_population.csv").write_text(AREAS)
    with pytest.raises(SystemExit, match="SchoolCapacity"):
        school_data.read_directory(tmp_path)


def test_generated_instance_is_school_sized_with_ten_percent_slack():
    problem = school_data.generated(seed=0, sites=74, customers=738)
    assert (problem.n_sites, problem.n_customers) == (74, 738)
    assert problem.n_pairs == 738 * school_data.NEAREST
    slack = problem.capacity.sum() / problem.total_demand - 1
    assert 0.09 <= slack <= 0.10
    assert problem.single_source


NATIONAL = """URN,LA (code),LA (name),EstablishmentStatus (name),PhaseOfEducation (name),Easting,Northing,SchoolCapacity
1,358,Trafford,Open,Primary,1000,0,210
2,358,Trafford,Closed,Primary,0,0,210
3,352,Manchester,Open,Primary,0,1000,420
4,358,Trafford,"Open, but proposed to close",Middle deemed primary,0,2000,90
"""


@pytest.mark.parametrize(("la", "expected"), [(None, [210, 420, 90]), ("Trafford", [210, 90]),
                                              ("352", [420])])
def test_national_file_keeps_open_primary_schools_of_the_authority(tmp_path, la, expected):
    (tmp_path / "edubasealldata20240101.csv").write_text(NATIONAL)
    (tmp_path / "oa_population.csv").write_text(AREAS)
    problem = school_data.read_directory(tmp_path, la=la)
    assert problem.capacity.tolist() == expected
