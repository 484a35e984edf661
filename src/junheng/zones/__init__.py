"""就近划片: contiguous school attendance zones that fit capacity, move few pupils and keep
travel short (issue 20).

- :mod:`junheng.zones.graph`: block adjacency (shared polygon borders, Delaunay for points,
  barriers cut edges).
- :mod:`junheng.zones.model`: the zoning MILP (flow or cut contiguity) and its solve.
- :mod:`junheng.zones.check`: the solver-free checker (BFS contiguity, capacity, pins, moved).
- :mod:`junheng.zones.district`: k-part contiguous districting (the published benchmark).
"""
