"""Normalization for matching. Works on a view: the raw text is never changed.

Folds: alef/hamza-on-alef forms to bare alef, alef maqsura to ya, ta marbuta to ha, Arabic-Indic and
Persian digits to ASCII (and the Arabic decimal and thousands separators to '.' and ','), odd spaces
to a plain space, and the Arabic comma family kept as is. Drops:
diacritics (harakat, tanwin, shadda, sukun, superscript alef), tatweel, bidi and zero-width marks.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from marsad.text.offsets import OffsetMap

TATWEEL = "\u0640"
ZERO_WIDTH_NON_JOINER = "\u200c"
ZERO_WIDTH_JOINER = "\u200d"
BYTE_ORDER_MARK = "\ufeff"
ARABIC_LETTER_MARK = "\u061c"

# Characters removed from the matching view.
_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06DD)
) + "".join(chr(c) for c in range(0x06DF, 0x06E5)) + "\u06e7\u06e8" + "".join(
    chr(c) for c in range(0x06EA, 0x06EE)
)
_INVISIBLES = (
    TATWEEL
    + ZERO_WIDTH_NON_JOINER
    + ZERO_WIDTH_JOINER
    + BYTE_ORDER_MARK
    + ARABIC_LETTER_MARK
    + "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad"
)
_DROPPED = _DIACRITICS + _INVISIBLES
_DROPPED_RE = re.compile("[" + re.escape(_DROPPED) + "]")
_DROPPED_SET = frozenset(_DROPPED)
# Marks that attach to the preceding letter (diacritics and tatweel), for extending spans over them.
DROPPED_MARKS = frozenset(_DIACRITICS + TATWEEL)

_FOLDS = {
    "\u0622": "\u0627",  # alef with madda
    "\u0623": "\u0627",  # alef with hamza above
    "\u0625": "\u0627",  # alef with hamza below
    "\u0671": "\u0627",  # alef wasla
    "\u0672": "\u0627",
    "\u0673": "\u0627",
    "\u0649": "\u064a",  # alef maqsura -> ya
    "\u06cc": "\u064a",  # Persian ya
    "\u0629": "\u0647",  # ta marbuta -> ha
    "\u06a9": "\u0643",  # Persian kaf
    # Arabic decimal and thousands separators, so that ١٫٥ and ٥٬٧٠٠ read as 1.5 and 5,700.
    "\u066b": ".",
    "\u066c": ",",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u3000": " ",
    "\t": " ",
}
for _zero, _block in ((0x0660, "arabic-indic"), (0x06F0, "persian")):
    for _d in range(10):
        _FOLDS[chr(_zero + _d)] = str(_d)
_FOLD_TABLE = str.maketrans(_FOLDS)
_DROP_TABLE = str.maketrans({c: None for c in _DROPPED})


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The matching view of a raw text, and the way back."""

    raw: str
    text: str
    offsets: OffsetMap

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)


def fold(s: str) -> str:
    """Normalize a short string (a lexicon entry) the same way document text is normalized."""
    return s.translate(_FOLD_TABLE).translate(_DROP_TABLE)


def normalize(raw: str) -> NormalizedText:
    folded = raw.translate(_FOLD_TABLE)
    if not _DROPPED_RE.search(folded):
        return NormalizedText(raw, folded, OffsetMap(len(raw)))
    index = array("l")
    kept: list[str] = []
    for i, ch in enumerate(folded):
        if ch in _DROPPED_SET:
            continue
        kept.append(ch)
        index.append(i)
    return NormalizedText(raw, "".join(kept), OffsetMap(len(raw), index))
