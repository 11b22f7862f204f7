"""Tokens with spans, and proclitics handled once, in one place.

Arabic writes conjunctions (و ف), prepositions (ب ل ك), the future particle (س) and the article (ال)
joined to the next word; ل + ال is written لل. Lexicon matching goes through `PROCLITIC_PREFIX` and
`split_proclitics`, never through ad hoc prefixes in each stage.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from marsad.text.normalize import fold

# Letters of the Arabic block used in words (after normalization), plus ASCII letters and digits.
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5"
WORD_CHARS = ARABIC_LETTERS + "A-Za-z0-9"
_TOKEN_RE = re.compile(rf"[{WORD_CHARS}]+(?:[.,][0-9]+)*|[^\s{WORD_CHARS}]")

# A regex piece matching the proclitics that may precede a lexicon word inside one orthographic word.
# Wa/fa, then one of bi/li/ka. The article and the لل contraction are handled by `article_variants`.
PROCLITIC_PREFIX = "(?:[وف]?[بلك]?)"
# Left boundary: not preceded by a word character.
LEFT = rf"(?<![{WORD_CHARS}])"
# Right boundary: not followed by a word character.
RIGHT = rf"(?![{WORD_CHARS}])"

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
ARTICLE = "ال"
# Demonstratives, folded: after one, a definite noun is "this X" (هذا الهجوم, هذه المحافظة), not a name.
DEMONSTRATIVES = frozenset(fold(w) for w in ("هذا", "هذه", "هذي", "ذلك", "تلك", "هذان", "هاتان", "هؤلاء"))


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return bool(self.text) and self.text[0] not in _PUNCT_START


_PUNCT_START = frozenset("«»\"'“”‘’،؛؟?!.,:;()[]{}-–—…/\\")


def tokenize(text: str) -> list[Token]:
    """Words (with numbers such as 5.7 kept whole) and single punctuation marks, with spans."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


def iter_words(text: str) -> Iterator[re.Match[str]]:
    return re.finditer(rf"[{WORD_CHARS}]+", text)


def split_proclitics(word: str) -> list[tuple[str, str]]:
    """All readings (proclitics, stem) of a normalized word, the bare word first.

    'وبالشهر' gives [('', 'وبالشهر'), ('و', 'بالشهر'), ('وب', 'الشهر'), ...]; 'للشهر' also gives
    ('ل', 'الشهر'), restoring the article the spelling dropped.
    """
    readings = [("", word)]
    i = 0
    if i < len(word) - 2 and word[i] in CONJUNCTIONS:
        i += 1
        readings.append((word[:i], word[i:]))
    if i < len(word) - 2 and word[i] in PREPOSITIONS:
        j = i + 1
        readings.append((word[:j], word[j:]))
        if word[i] == "ل" and word[j:].startswith("ل") and len(word) - j > 2:
            readings.append((word[:j], "ا" + word[j:]))
    return readings


def article_variants(term: str) -> str:
    """Regex for a normalized lexicon term that may carry proclitics, including the لل contraction.

    For a term starting with the article ('الشهر'), both 'بالشهر' and 'للشهر' match.
    """
    escaped = re.escape(term)
    if term.startswith(ARTICLE) and len(term) > 2:
        rest = re.escape(term[2:])
        return rf"(?:{PROCLITIC_PREFIX}{escaped}|[وف]?لل{rest})"
    return rf"(?:{PROCLITIC_PREFIX}{escaped})"


def bare_word(word: str, known: Collection[str] = ()) -> str:
    """A normalized word without a leading و/ف and one of ب/ل/ك when enough is left (وببلدة -> بلدة):
    how cue words before a name are compared with their lists. A word in `known` (the list it will be
    compared with) is kept whole: ولاية and وزارة begin with their و."""
    if word in known:
        return word
    if word[:1] in CONJUNCTIONS and word[1:] in known:
        return word[1:]  # وفي, ومن: short, but a listed word after the conjunction
    if word[:1] in CONJUNCTIONS and len(word) > 3:
        word = word[1:]
    if word[:1] in PREPOSITIONS and len(word) > 4:
        return word[1:]
    return word
