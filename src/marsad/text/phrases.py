"""Multi-word lexicon matching over the words of a normalized text, proclitics split once, here.

A `PhraseIndex` maps folded phrases (one or more words) to payloads. `find` walks the words left to
right and returns, at each word, the longest phrase that starts there — trying the word as written
and without its proclitics (و ف ب ل ك, and لل for ل + ال) — then continues after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from marsad.text.normalize import fold
from marsad.text.tokenize import WORD_CHARS, split_proclitics

T = TypeVar("T")
WORD_RE = re.compile(rf"[{WORD_CHARS}]+")
# Pronoun suffixes that attach to nouns and verbs (إخلائها، غاراتها، نفته), longest first.
PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "كم", "ه")
# A proclitic-stripped or suffix-stripped reading must keep this many letters.
MIN_STEM_LETTERS = 3
# Distinct word texts whose readings are remembered; past this the least recently used are dropped.
CACHE_WORDS = 1 << 16
# Texts whose words are remembered: the stages each split the same document text, and quotes within it.
CACHE_TEXTS = 32


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


# What a word alone decides for one index: its readings that may begin a longer phrase, and the one-word
# match it is, as (prefix, suffix, key, payload), if any.
_Readings = tuple[tuple[str, str], ...]
_Entry = tuple[_Readings, tuple[str, str, str, T] | None]


def words_of(text: str) -> list[Word]:
    # A new list each call (callers own it); the Words in it are immutable and may be shared.
    return list(_words_of(text))


@lru_cache(maxsize=CACHE_TEXTS)
def _words_of(text: str) -> tuple[Word, ...]:
    return tuple(Word(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text))


@lru_cache(maxsize=CACHE_WORDS)
def _readings(word: str, article: bool) -> _Readings:
    """The (proclitics, stem) readings of a word in the order they are tried, the bare word first; a reading
    without its proclitics keeps at least MIN_STEM_LETTERS letters."""
    readings = split_proclitics(word)
    if article:
        readings += [(prefix + "ال", stem[2:]) for prefix, stem in readings
                     if stem.startswith("ال") and len(stem) - 2 >= MIN_STEM_LETTERS]
    return tuple((p, st) for p, st in readings if not p or len(st) >= MIN_STEM_LETTERS)


@lru_cache(maxsize=CACHE_WORDS)
def word_endings(word: str, suffixes: bool = True) -> _Readings:
    """(word, suffix) readings of a phrase's last word: as written first, then without a pronoun suffix."""
    out = [(word, "")]
    if suffixes:
        for suffix in PRONOUN_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LETTERS:
                stem = word[: -len(suffix)]
                out.append((stem, suffix))
                if stem.endswith("ت"):  # غاراتها -> غارات; إخلاءها; a ta marbuta before a suffix: ضربته -> ضربه
                    out.append((stem[:-1] + "ه", suffix))
                if stem.endswith("ئ"):  # إخلائها -> إخلاء
                    out.append((stem[:-1] + "ء", suffix))
    return tuple(out)


def _written_length(prefix: str) -> int:
    """Letters the proclitics take in the text: ل + the article is written لل (للانسحاب), one letter
    fewer than the reading's prefix لال."""
    return len(prefix) - 1 if prefix.endswith("لال") else len(prefix)


def _later(word: str, bare: bool) -> str:
    """A later word of a phrase as it is looked up: without the article when the phrase is read bare."""
    return word[2:] if bare and word.startswith("ال") and len(word) - 2 >= MIN_STEM_LETTERS else word


class PhraseIndex(Generic[T]):
    def __init__(self, entries: Iterable[tuple[str, T]], suffixes: bool = False, article: bool = False) -> None:
        self._index: dict[str, T] = {}
        for phrase, payload in entries:
            key = " ".join(fold(phrase).split())
            self._index.setdefault(key, payload)
        self.max_words = max((len(k.split()) for k in self._index), default=1)
        # First words of multi-word phrases: a longer phrase is only tried from one of them.
        self._first_words = frozenset(k.split()[0] for k in self._index if " " in k)
        # Every proper word-prefix of a multi-word phrase ('a', 'a b' for 'a b c'): a phrase of n words can
        # only match where its first n-1 words are one of these, so hopeless lengths are never tried.
        self._heads = frozenset(" ".join(parts[:k]) for parts in (key.split() for key in self._index)
                                for k in range(1, len(parts)))
        self.suffixes = suffixes
        # Bare nouns in the lexicon also match with the article (الانسحاب، للانسحاب، بالانسحاب).
        self.article = article
        # Per word text, what the word alone decides here (news repeats its words); bounded like the rest.
        self._entries: dict[str, _Entry[T]] = {}

    def __contains__(self, phrase: str) -> bool:
        return phrase in self._index

    def get(self, phrase: str) -> T | None:
        return self._index.get(phrase)

    def match_at(self, text: str, words: list[Word], i: int,
                 joined: Callable[[str], bool] = str.isspace) -> PhraseMatch[T] | None:
        """The longest phrase starting at word i; words must be separated by `joined` text."""
        first = words[i]
        entry = self._entries.get(first.text)
        if entry is None:
            entry = self._entry(first.text)
        starts, single = entry
        if starts and i + 1 < len(words):
            found = self._match_long(text, words, i, joined, starts)
            if found is not None:
                return found
        if single is None:
            return None
        prefix, suffix, key, payload = single
        return PhraseMatch(first.start + _written_length(prefix), first.end, i, i + 1, prefix, suffix, key, payload)

    def _match_long(self, text: str, words: list[Word], i: int, joined: Callable[[str], bool],
                    starts: _Readings) -> PhraseMatch[T] | None:
        """The longest phrase of two or more words at word i: longest first, then readings in order."""
        limit = min(self.max_words, len(words) - i)
        heads_of = self._heads
        # Per reading of the first word, the keys without their last word that begin some phrase:
        # heads[length - 2] for a phrase of `length` words.
        # A definite phrase is listed bare, like a definite noun: with the article taken off the first word
        # (العملية العسكرية), it is tried off the later words too (عملية عسكرية), after the words as written.
        readings = [(prefix, stem, False) for prefix, stem in starts]
        if self.article:
            readings += [(prefix, stem, True) for prefix, stem in starts if prefix.endswith("ال")]
        reachable: list[list[str]] = []
        for _, stem, bare in readings:
            heads = [stem]
            while len(heads) < limit - 1:
                head = f"{heads[-1]} {_later(words[i + len(heads)].text, bare)}"
                if head not in heads_of:
                    break
                heads.append(head)
            reachable.append(heads)
        longest = max(len(heads) for heads in reachable) + 1
        n = 1
        while n < longest and joined(text[words[i + n - 1].end : words[i + n].start]):
            n += 1
        for length in range(n, 1, -1):
            last = words[i + length - 1]
            for (prefix, _, bare), heads in zip(readings, reachable, strict=True):
                if len(heads) < length - 1:
                    continue
                head = heads[length - 2]
                for last_text, suffix in word_endings(_later(last.text, bare), self.suffixes):
                    key = f"{head} {last_text}"
                    payload = self._index.get(key)
                    if payload is not None:
                        return PhraseMatch(words[i].start + _written_length(prefix), last.end, i, i + length,
                                           prefix, suffix, key, payload)
        return None

    def _entry(self, word: str) -> _Entry[T]:
        readings = _readings(word, self.article)
        first_words = self._first_words
        starts = tuple([r for r in readings if r[1] in first_words])
        entry: _Entry[T] = (starts, self._single(readings))
        if len(self._entries) >= CACHE_WORDS:
            self._entries.clear()  # cheaper than tracking use; refilled from the shared caches
        self._entries[word] = entry
        return entry

    def _single(self, readings: _Readings) -> tuple[str, str, str, T] | None:
        """The first reading, then ending, of a word that is a one-word phrase."""
        index = self._index
        for prefix, stem in readings:
            for key, suffix in word_endings(stem, self.suffixes) if self.suffixes else ((stem, ""),):
                payload = index.get(key)
                if payload is not None:
                    return prefix, suffix, key, payload
        return None

    def find(self, text: str, words: list[Word] | None = None) -> list[PhraseMatch[T]]:
        words = words if words is not None else words_of(text)
        out: list[PhraseMatch[T]] = []
        entries = self._entries
        i = 0
        while i < len(words):
            entry = entries.get(words[i].text)
            if entry is not None and not entry[0] and entry[1] is None:
                i += 1  # a word already known to begin nothing here: skip the call
                continue
            m = self.match_at(text, words, i)
            if m is None:
                i += 1
                continue
            out.append(m)
            i = m.word_end
        return out
