"""k-part districting with minimum cut edges on a grid worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.zones.district import solve_districting
from junheng.zones.graph import components, neighbours


@pytest.mark.parametrize("solver", ["highs", "cpsat"])
def test_three_by_three_grid_in_three_parts_cuts_six_edges(solver):
    # 12 edges; a connected triple keeps at most 2 (the grid has no triangle), so at least
    # 12 - 3·2 = 6 are cut, and three rows cut exactly 6. The band for 9 people in 3 parts
    # at ±0.5 % is [3, 3].
    edges = [(r * 3 + c, r * 3 + c + 1) for r in range(3) for c in range(2)]
    edges += [(r * 3 + c, (r + 1) * 3 + c) for r in range(2) for c in range(3)]
    result = solve_districting(np.ones(9), edges, 3, time_limit=60, solver=solver)
    assert result["status"] == "optimal" and result["cut_edges"] == 6
    district = result["district"]
    adjacency = neighbours(9, np.array(edges))
    for d in set(district.tolist()):
        members = np.nonzero(district == d)[0].tolist()
        assert len(members) == 3 and len(components(members, adjacency)) == 1
