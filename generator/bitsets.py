"""Sets of small integers (article positions) as Python ints: bit i is set when i is a member.

A union or an intersection is one C loop over the machine words, so asking "which articles are in
at least k of these lists" costs about as much for a list of ten thousand as for one of ten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def from_positions(positions: Iterable[int], size: int) -> int:
    """The set of these positions (each below `size`)."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def members(bits: int) -> list[int]:
    """The positions in a set, lowest first."""
    found = []
    while bits:
        lowest = bits & -bits
        found.append(lowest.bit_length() - 1)
        bits ^= lowest
    return found


def most_shared(sets: Sequence[int], excluded: int, limit: int, near: int) -> list[tuple[int, int]]:
    """Up to `limit` (how many of `sets` hold it, position) pairs, leaving out `excluded`: the
    positions held by most sets first, and among those held by as many, the nearest to `near`
    first (the lower of two as near)."""
    # at_least[k]: positions held by k of the sets or more (index 0 unused).
    at_least = [0] * (len(sets) + 1)
    for seen, bits in enumerate(sets, start=1):
        for k in range(seen, 1, -1):
            at_least[k] |= at_least[k - 1] & bits
        at_least[1] |= bits
    found: list[tuple[int, int]] = []
    passed = excluded  # positions excluded or held by more sets than the level being read
    for k in range(len(sets), 0, -1):
        level = at_least[k] & ~passed
        found += [(k, p) for p in nearest(level, near, limit - len(found))]
        if len(found) == limit:
            break
        passed |= at_least[k]
    return found


def nearest(bits: int, near: int, limit: int) -> list[int]:
    """Up to `limit` positions of a set, the nearest to `near` first (the lower of two as near).

    The set is cut at `near`: the part below is read from its highest bit down, the rest from
    its lowest bit up, and the two are merged by distance.
    """
    below = bits & ((1 << near) - 1)
    above = bits >> near  # bit i: position near + i
    found: list[int] = []
    while (below or above) and len(found) < limit:
        lower = below.bit_length() - 1  # -1 when nothing is left below
        upper = near + (above & -above).bit_length() - 1 if above else -1
        if lower >= 0 and (upper < 0 or near - lower <= upper - near):
            found.append(lower)
            below ^= 1 << lower
        else:
            found.append(upper)
            above ^= 1 << (upper - near)
    return found


def at_least(sets: Sequence[int], need: int) -> int:
    """The positions held by `need` of the sets or more (need >= 1).

    Each position's count is kept in binary across a few ints (one per binary digit, lowest
    first): adding a set is a ripple-carry addition, then the counts are compared with `need`
    digit by digit from the highest.
    """
    if need < 1:
        raise ValueError(f"need must be at least 1, not {need}")
    digits: list[int] = []
    for bits in sets:
        carry = bits
        for i, digit in enumerate(digits):
            if not carry:
                break
            digits[i], carry = digit ^ carry, digit & carry
        if carry:
            digits.append(carry)
    greater, equal = 0, -1  # -1: every position, so far, has a count equal to need's digits
    for i in range(max(len(digits), need.bit_length()) - 1, -1, -1):
        digit = digits[i] if i < len(digits) else 0
        if need >> i & 1:
            equal &= digit
        else:
            greater |= equal & digit
            equal &= ~digit
    return greater | equal
