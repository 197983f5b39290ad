"""Bitsets of article positions: every answer checked against plain sets."""

from hypothesis import given
from hypothesis import strategies as st

from generator import bitsets

positions = st.sets(st.integers(min_value=0, max_value=150))


def _count(sets: list[set[int]], position: int) -> int:
    return sum(position in s for s in sets)


@given(positions)
def test_members_give_back_the_positions_lowest_first(found):
    assert bitsets.members(bitsets.from_positions(found, 151)) == sorted(found)


@given(st.lists(positions, max_size=12), st.integers(min_value=1, max_value=13))
def test_at_least_counts_the_sets_holding_each_position(sets, need):
    bits = [bitsets.from_positions(s, 151) for s in sets]
    expected = [p for p in range(151) if _count(sets, p) >= need]
    assert bitsets.members(bitsets.at_least(bits, need)) == expected


@given(
    st.lists(positions, max_size=8),
    positions,
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=0, max_value=150),
)
def test_most_shared_ranks_by_count_then_nearest_position(sets, excluded, limit, near):
    bits = [bitsets.from_positions(s, 151) for s in sets]
    held = [(_count(sets, p), p) for p in range(151) if p not in excluded and _count(sets, p)]
    expected = sorted(held, key=lambda item: (-item[0], abs(item[1] - near), item[1]))[:limit]
    assert bitsets.most_shared(bits, bitsets.from_positions(excluded, 151), limit, near) == expected


@given(positions, st.integers(min_value=0, max_value=150), st.integers(min_value=0, max_value=8))
def test_nearest_reads_outwards_from_a_position_the_lower_first_on_a_tie(found, near, limit):
    expected = sorted(found, key=lambda p: (abs(p - near), p))[:limit]
    assert bitsets.nearest(bitsets.from_positions(found, 151), near, limit) == expected
