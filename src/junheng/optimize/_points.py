"""Planar distances and the k-nearest mask used by the facility problem's adapters."""

from __future__ import annotations

from typing import Any

import numpy as np


def euclidean_distances(a: Any, b: Any, *, floor: bool = False) -> np.ndarray:
    """Planar distances between the rows of ``a`` and ``b`` (optionally rounded down)."""
    a, b = np.asarray(a, float).reshape(-1, 2), np.asarray(b, float).reshape(-1, 2)
    distance = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1))
    return np.floor(distance + 1e-9) if floor else distance


def k_nearest_mask(costs: np.ndarray, k: int) -> np.ndarray:
    """Mask of the k cheapest finite entries in each column (ties by row index)."""
    if k < 1:
        raise ValueError(f"k_nearest 为 {k}：至少应为 1。")
    order = np.argsort(costs, axis=0, kind="stable")[:k]
    mask = np.zeros(costs.shape, dtype=bool)
    np.put_along_axis(mask, order, True, axis=0)
    return mask & np.isfinite(costs)
