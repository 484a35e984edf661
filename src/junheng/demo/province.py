"""A generated province of small counties, for province runs in tests and ``bench.province``.

The counties of :func:`junheng.demo.generate` (same codes, names and cities) shrunk to
``scale`` of their population with three towns and about thirty villages each, so a province
of a hundred counties generates, imports and solves in minutes rather than hours.
"""

from __future__ import annotations

from dataclasses import replace

from junheng.demo.generator import county_specs, generate_county
from junheng.model import CountyData


def small_province(counties: int, *, seed: int = 2025, years: int = 2, scale: float = 0.12,
                   towns: int = 3, villages: int = 30) -> list[list[CountyData]]:
    """``counties`` small counties, each as its ``years`` consecutive school years."""
    specs = [replace(s, scale=scale * s.scale, n_towns=towns, n_villages=villages)
             for s in county_specs(seed, counties)]
    return [generate_county(spec, seed=seed, years=years) for spec in specs]
