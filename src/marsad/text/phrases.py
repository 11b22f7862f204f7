"""Multi-word lexicon matching over the words of a normalized text, proclitics split once, here.

A `PhraseIndex` maps folded phrases (one or more words) to payloads. `find` walks the words left to
right and returns, at each word, the longest phrase that starts there — trying the word as written
and without its proclitics (و ف ب ل ك, and لل for ل + ال) — then continues after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from marsad.text.normalize import fold
from marsad.text.tokenize import WORD_CHARS, split_proclitics

T = TypeVar("T")
WORD_RE = re.compile(rf"[{WORD_CHARS}]+")
# Pronoun suffixes that attach to nouns and verbs (إخلائها، غاراتها، نفته), longest first.
PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "كم", "ه")
# A proclitic-stripped or suffix-stripped reading must keep this many letters.
MIN_STEM_LETTERS = 3


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    start: int  # of the phrase without its proclitics
    end: int
    word_start: int  # index of the first word
    word_end: int  # index after the last word
    prefix: str  # proclitics split off the first word
    suffix: str  # pronoun split off the last word
    phrase: str  # the folded key that matched
    payload: T


def words_of(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


class PhraseIndex(Generic[T]):
    def __init__(self, entries: Iterable[tuple[str, T]], suffixes: bool = False, article: bool = False) -> None:
        self._index: dict[str, T] = {}
        for phrase, payload in entries:
            key = " ".join(fold(phrase).split())
            self._index.setdefault(key, payload)
        self.max_words = max((len(k.split()) for k in self._index), default=1)
        # First words of multi-word phrases: a longer phrase is only tried from one of them.
        self._first_words = frozenset(k.split()[0] for k in self._index if " " in k)
        self.suffixes = suffixes
        # Bare nouns in the lexicon also match with the article (الانسحاب، للانسحاب، بالانسحاب).
        self.article = article

    def __contains__(self, phrase: str) -> bool:
        return phrase in self._index

    def get(self, phrase: str) -> T | None:
        return self._index.get(phrase)

    def match_at(self, text: str, words: list[Word], i: int,
                 joined: Callable[[str], bool] = str.isspace) -> PhraseMatch[T] | None:
        """The longest phrase starting at word i; words must be separated by `joined` text."""
        n = 1
        while n < self.max_words and i + n < len(words) and joined(text[words[i + n - 1].end : words[i + n].start]):
            n += 1
        first = words[i]
        readings = [(p, st) for p, st in self._readings(first.text) if not p or len(st) >= MIN_STEM_LETTERS]
        if n > 1 and not any(st in self._first_words for _, st in readings):
            n = 1
        for length in range(n, 0, -1):
            last = words[i + length - 1]
            middle = [w.text for w in words[i + 1 : i + length - 1]]
            for prefix, stem in readings:
                if length > 1 and stem not in self._first_words:
                    continue
                for last_text, suffix in self._endings(stem if length == 1 else last.text):
                    head = last_text if length == 1 else stem
                    parts = [head, *middle, last_text] if length > 1 else [head]
                    key = " ".join(parts)
                    payload = self._index.get(key)
                    if payload is not None:
                        return PhraseMatch(first.start + len(prefix), last.end, i, i + length,
                                           prefix, suffix, key, payload)
        return None

    def _readings(self, word: str) -> list[tuple[str, str]]:
        readings = split_proclitics(word)
        if self.article:
            readings += [(prefix + "ال", stem[2:]) for prefix, stem in readings
                         if stem.startswith("ال") and len(stem) - 2 >= MIN_STEM_LETTERS]
        return readings

    def _endings(self, word: str) -> list[tuple[str, str]]:
        out = [(word, "")]
        if self.suffixes:
            for suffix in PRONOUN_SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LETTERS:
                    stem = word[: -len(suffix)]
                    out.append((stem, suffix))
                    if stem.endswith("ت"):  # غاراتها -> غارات; إخلاءها; a ta marbuta before a suffix: ضربته -> ضربه
                        out.append((stem[:-1] + "ه", suffix))
                    if stem.endswith("ئ"):  # إخلائها -> إخلاء
                        out.append((stem[:-1] + "ء", suffix))
        return out

    def find(self, text: str, words: list[Word] | None = None) -> list[PhraseMatch[T]]:
        words = words if words is not None else words_of(text)
        out: list[PhraseMatch[T]] = []
        i = 0
        while i < len(words):
            m = self.match_at(text, words, i)
            if m is None:
                i += 1
                continue
            out.append(m)
            i = m.word_end
        return out
