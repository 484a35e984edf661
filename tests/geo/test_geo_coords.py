"""Coordinate conversion against published reference points and by round trip."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.geo import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    in_china,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

# Source: googollee/eviltransform, python/test.py (TESTS), the test vectors the eviltransform
# ports share (C, Go, PHP, ...): (wgsLat, wgsLng, gcjLat, gcjLng).
EVILTRANSFORM_WGS_GCJ = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # beijing
]

# Source: wandergis/coordtransform, test/app.js, for the input (116.404, 39.915):
#   wgs84togcj02 -> [116.41024449916938, 39.91640428150164]  (closed formula)
#   gcj02tobd09  -> [116.41036949371029, 39.92133699351021]  (closed formula)
#   bd09togcj02  -> [116.39762729119315, 39.90865673957631]  (one-step approximation)
#   gcj02towgs84 -> [116.39775550083061, 39.91359571849836]  (one-step approximation)
COORDTRANSFORM_INPUT = (116.404, 39.915)


@pytest.mark.parametrize(("wgs_lat", "wgs_lon", "gcj_lat", "gcj_lon"), EVILTRANSFORM_WGS_GCJ)
def test_wgs84_to_gcj02_matches_eviltransform_vectors(wgs_lat, wgs_lon, gcj_lat, gcj_lon):
    lon, lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
    assert lon == pytest.approx(gcj_lon, abs=1e-9)
    assert lat == pytest.approx(gcj_lat, abs=1e-9)


@pytest.mark.parametrize(("wgs_lat", "wgs_lon", "gcj_lat", "gcj_lon"), EVILTRANSFORM_WGS_GCJ)
def test_gcj02_to_wgs84_recovers_eviltransform_wgs_points(wgs_lat, wgs_lon, gcj_lat, gcj_lon):
    lon, lat = gcj02_to_wgs84(gcj_lon, gcj_lat)
    assert lon == pytest.approx(wgs_lon, abs=1e-9)
    assert lat == pytest.approx(wgs_lat, abs=1e-9)


def test_forward_conversions_match_coordtransform_vectors():
    assert wgs84_to_gcj02(*COORDTRANSFORM_INPUT) == pytest.approx(
        (116.41024449916938, 39.91640428150164), abs=1e-9)
    assert gcj02_to_bd09(*COORDTRANSFORM_INPUT) == pytest.approx(
        (116.41036949371029, 39.92133699351021), abs=1e-9)


def test_exact_inverses_agree_with_coordtransform_approximations_to_a_micro_degree():
    # coordtransform's inverses are one-step approximations; ours iterate to the exact
    # inverse, which differs from theirs by a few 1e-7 degrees (a few centimetres).
    assert bd09_to_gcj02(*COORDTRANSFORM_INPUT) == pytest.approx(
        (116.39762729119315, 39.90865673957631), abs=1e-6)
    assert gcj02_to_wgs84(*COORDTRANSFORM_INPUT) == pytest.approx(
        (116.39775550083061, 39.91359571849836), abs=1e-6)


def test_exact_inverse_is_closer_than_the_one_step_approximation():
    # forward(exact inverse) lands back on the input; forward(approximation) misses it.
    exact = wgs84_to_gcj02(*gcj02_to_wgs84(*COORDTRANSFORM_INPUT))
    approx = wgs84_to_gcj02(116.39775550083061, 39.91359571849836)
    assert np.max(np.abs(np.subtract(exact, COORDTRANSFORM_INPUT))) < 1e-11
    assert np.max(np.abs(np.subtract(approx, COORDTRANSFORM_INPUT))) > 1e-7


@settings(max_examples=100, deadline=None)
@given(st.floats(73.5, 135.0), st.floats(18.0, 53.5))
def test_round_trips_agree_to_a_micro_degree_inside_china(lon, lat):
    for forward, inverse in ((wgs84_to_gcj02, gcj02_to_wgs84), (wgs84_to_bd09, bd09_to_wgs84),
                             (gcj02_to_bd09, bd09_to_gcj02)):
        back = inverse(*forward(lon, lat))
        assert abs(back[0] - lon) < 1e-6 and abs(back[1] - lat) < 1e-6


def test_conversions_are_vectorised_over_arrays():
    lon = np.array([121.5272106, 113.912316, 116.377817])
    lat = np.array([31.1774276, 22.543847, 39.911954])
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert glon.shape == (3,)
    assert glon == pytest.approx([v[3] for v in EVILTRANSFORM_WGS_GCJ], abs=1e-9)
    assert glat == pytest.approx([v[2] for v in EVILTRANSFORM_WGS_GCJ], abs=1e-9)
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert np.max(np.abs(wlon - lon)) < 1e-9 and np.max(np.abs(wlat - lat)) < 1e-9


def test_points_outside_china_are_not_shifted():
    # Paris, Tokyo, Sydney: outside the providers' box, returned unchanged.
    lon = np.array([2.3522, 139.6917, 151.2093])
    lat = np.array([48.8566, 35.6895, -33.8688])
    assert not in_china(lon, lat).any()
    for convert in (wgs84_to_gcj02, gcj02_to_wgs84, wgs84_to_bd09, bd09_to_wgs84):
        out_lon, out_lat = convert(lon, lat)
        assert out_lon.tolist() == lon.tolist() and out_lat.tolist() == lat.tolist()


def test_mixed_inside_and_outside_points_shift_only_those_inside():
    lon, lat = wgs84_to_gcj02([116.404, 2.3522], [39.915, 48.8566])
    assert lon[0] == pytest.approx(116.41024449916938, abs=1e-9)
    assert (lon[1], lat[1]) == (2.3522, 48.8566)


def test_to_wgs84_converts_each_row_by_its_own_system_and_keeps_nan():
    gcj = wgs84_to_gcj02(112.4539, 34.6197)
    bd = wgs84_to_bd09(112.5, 34.7)
    lon, lat = to_wgs84([gcj[0], bd[0], 113.0, np.nan], [gcj[1], bd[1], 35.0, np.nan],
                        ["GCJ02", "BD09", "WGS84", "GCJ02"])
    assert lon[:3] == pytest.approx([112.4539, 112.5, 113.0], abs=1e-9)
    assert lat[:3] == pytest.approx([34.6197, 34.7, 35.0], abs=1e-9)
    assert np.isnan(lon[3]) and np.isnan(lat[3])


def test_scalar_input_gives_scalar_output():
    lon, lat = gcj02_to_wgs84(116.404, 39.915)
    assert isinstance(lon, float) and isinstance(lat, float)
