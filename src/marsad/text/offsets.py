"""OffsetMap: from positions in a normalized view back to positions in the raw text."""

from __future__ import annotations

from array import array
from bisect import bisect_left


class OffsetMap:
    """Maps normalized code-point offsets to raw ones.

    The normalizer only substitutes one character for one character or drops characters, so every
    normalized character comes from exactly one raw character. `raw_index[i]` is the raw position
    of normalized character i; a normalized span [a, b) maps to raw [raw_index[a], raw_index[b-1]+1).
    When nothing was dropped the map is the identity and stores nothing.
    """

    __slots__ = ("_raw_index", "raw_length")

    def __init__(self, raw_length: int, raw_index: array[int] | None = None) -> None:
        self.raw_length = raw_length
        self._raw_index = raw_index

    @property
    def is_identity(self) -> bool:
        return self._raw_index is None

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw half-open span for the normalized half-open span [start, end)."""
        index = self._raw_index
        if index is None:
            return start, end
        n = len(index)
        if start >= n:
            return self.raw_length, self.raw_length
        if end <= start:
            pos = index[start]
            return pos, pos
        return index[start], index[min(end, n) - 1] + 1

    def raw_position(self, pos: int) -> int:
        index = self._raw_index
        if index is None:
            return pos
        return index[pos] if pos < len(index) else self.raw_length

    def to_norm(self, raw_pos: int) -> int:
        """The normalized position of the first kept character at or after raw_pos."""
        index = self._raw_index
        if index is None:
            return raw_pos
        return bisect_left(index, raw_pos)
