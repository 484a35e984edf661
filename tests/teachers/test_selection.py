"""县管校聘 two-way selection: hand-made cases, stability on random instances (no blocking
pair, checked from the definition) and the same matching as the ``matching`` package."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.errors import InfeasibleError
from junheng.teachers.selection import (
    SelectionInstance,
    artificial_caps,
    blocking_pairs,
    deferred_acceptance,
    select,
)


def test_minimum_for_a_rural_school_filled_by_adjustment():
    # Everyone wants the town school T (2 posts); the village school V must get 1 teacher.
    prefs = {"t1": ["T"], "t2": ["T"], "t3": ["T"], "t4": ["T", "V"]}
    ranks = {"T": ["t1", "t2", "t3", "t4"], "V": ["t4"]}
    inst = SelectionInstance(prefs, ranks, {"T": 2, "V": 2}, {"V": 1}, frozenset({"V"}))
    # stage 1 caps: V at its minimum 1, T keeps min(2, 4 - 1) = 2
    assert artificial_caps(inst) == {"T": 2, "V": 1}
    result = select(inst)
    assert result.school == {"t1": "T", "t2": "T", "t3": "V", "t4": "V"}
    assert result.stage == {"t1": "first_round", "t2": "first_round", "t3": "adjusted",
                            "t4": "first_round"}


def test_minimum_binding_caps_the_others():
    # 3 teachers, V needs 2: T may keep only 3 - 2 = 1 post in stage 1.
    prefs = {"a": ["T", "V"], "b": ["T", "V"], "c": ["T"]}
    ranks = {"T": ["a", "b", "c"], "V": ["b", "a"]}
    inst = SelectionInstance(prefs, ranks, {"T": 3, "V": 2}, {"V": 2})
    assert artificial_caps(inst) == {"T": 1, "V": 2}
    result = select(inst)
    assert result.school == {"a": "T", "b": "V", "c": "V"}
    assert result.stage == {"a": "first_round", "b": "first_round", "c": "adjusted_minimum"}


def test_infeasible_minimum_explained():
    inst = SelectionInstance({"a": ["V"]}, {"V": ["a"], "W": ["a"]}, {"V": 2, "W": 1},
                             {"V": 1, "W": 1})
    with pytest.raises(InfeasibleError, match="保底学校共需 2 名教师，参加竞聘的教师只有 1 名"):
        select(inst)


def test_unplaced_when_no_post_left():
    result = select(SelectionInstance({"a": ["A"], "b": ["A"]}, {"A": ["a", "b"]}, {"A": 1}))
    assert result.school == {"a": "A", "b": None}
    assert result.stage["b"] == "unplaced"


@st.composite
def instances(draw):
    n = draw(st.integers(1, 12))
    m = draw(st.integers(1, 5))
    teachers = [f"t{i}" for i in range(n)]
    schools = [f"s{j}" for j in range(m)]
    prefs = {t: draw(st.permutations(schools)).copy()[:draw(st.integers(0, m))]
             for t in teachers}
    ranks = {s: draw(st.permutations(teachers)).copy()[:draw(st.integers(0, n))]
             for s in schools}
    caps = {s: draw(st.integers(0, 4)) for s in schools}
    return prefs, ranks, caps


@settings(max_examples=300, deadline=None)
@given(instances())
def test_deferred_acceptance_is_stable(inst):
    prefs, ranks, caps = inst
    matching = deferred_acceptance(prefs, ranks, caps)
    assert blocking_pairs(prefs, ranks, caps, matching) == []
    for t, s in matching.items():            # individually rational, within posts
        assert s in prefs[t] and t in ranks[s]
    assert all(list(matching.values()).count(s) <= caps[s] for s in caps)


@settings(max_examples=200, deadline=None)
@given(instances(), st.data())
def test_stage_one_stable_for_its_caps_and_minima_met(inst, data):
    prefs, ranks, caps = inst
    minimum = {s: data.draw(st.integers(0, q)) for s, q in caps.items()}
    sel = SelectionInstance(prefs, ranks, caps, minimum)
    if sum(minimum.values()) > len(prefs):
        with pytest.raises(InfeasibleError):
            select(sel)
        return
    result = select(sel)
    first = {t: s for t, s in result.school.items() if result.stage[t] == "first_round"}
    assert blocking_pairs(prefs, ranks, result.caps, first) == []
    filled = result.filled()
    assert all(filled.get(s, 0) >= m for s, m in minimum.items())
    assert all(filled.get(s, 0) <= q for s, q in caps.items())
    unplaced = sum(1 for s in result.school.values() if s is None)
    assert unplaced == max(0, len(prefs) - sum(caps.values()))


def test_blocking_pair_found_in_an_unstable_matching():
    prefs = {"a": ["A", "B"], "b": ["A"]}
    ranks = {"A": ["a", "b"], "B": ["a"]}
    assert blocking_pairs(prefs, ranks, {"A": 1, "B": 1}, {"a": "B", "b": "A"}) == [("a", "A")]


@settings(max_examples=100, deadline=None)
@given(instances())
def test_same_matching_as_the_matching_package(inst):
    games = pytest.importorskip("matching.games")
    prefs, ranks, caps = inst
    ours = deferred_acceptance(prefs, ranks, caps)
    assert ours == reference_matching(games, prefs, ranks, caps)


def reference_matching(games, prefs, ranks, caps) -> dict[str, str]:
    """The resident-optimal matching of ``matching``'s HospitalResident game, restricted to
    mutually acceptable pairs (the package requires both sides to list each other)."""
    ok = {(t, s) for s, ts in ranks.items() for t in ts}
    residents = {t: [s for s in ss if (t, s) in ok and caps[s] > 0] for t, ss in prefs.items()}
    residents = {t: ss for t, ss in residents.items() if ss}
    wanted = {(t, s) for t, ss in residents.items() for s in ss}
    hospitals = {s: [t for t in ts if (t, s) in wanted] for s, ts in ranks.items()}
    hospitals = {s: ts for s, ts in hospitals.items() if ts}
    if not residents:
        return {}
    game = games.HospitalResident.create_from_dictionaries(
        residents, hospitals, {s: caps[s] for s in hospitals})
    solved = game.solve(optimal="resident")
    return dict(sorted((r.name, h.name) for h, rs in solved.items() for r in rs))


@settings(max_examples=150, deadline=None)
@given(instances())
def test_without_minima_the_first_round_is_plain_deferred_acceptance(inst):
    prefs, ranks, caps = inst
    result = select(SelectionInstance(prefs, ranks, caps))
    first = {t: s for t, s in result.school.items() if result.stage[t] == "first_round"}
    assert first == deferred_acceptance(prefs, ranks, caps)
    assert result.caps == caps
