"""How common an Arabic word is and how often it takes the article (lexicons/ar/word_usage.tsv, built by
scripts/build_word_usage.py from wordfreq's Arabic list): evidence, for a word the entity tagger has not
seen, of whether it is an ordinary word (طراز/الطراز) or a name (فرويد, never with the article)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from marsad.errors import ResourceError
from marsad.resources.lexicons import data_bytes, manifest

TABLE = "lexicons/ar/word_usage.tsv"
HEADER = "form\tzipf\tarticle_pct"


@dataclass(frozen=True, slots=True)
class WordUsage:
    zipf: float  # Zipf frequency of the bare word (0 when only its article form is common)
    article_pct: int  # share of its uses with the article, in percent

    @property
    def article_zipf(self) -> float:
        """Zipf frequency of the word with the article, from the bare word's and the article share (0 when
        the bare word is not listed as common: then only the article form is, by an unknown margin)."""
        if self.zipf <= 0 or self.article_pct <= 0:
            return 0.0
        # Rounded to a whole percent, a share of 100 stands for "at least 99.5".
        share = min(self.article_pct, 99.5) / 100
        return self.zipf + math.log10(share / (1 - share))


@cache
def word_usage() -> dict[str, WordUsage]:
    """Folded bare word -> usage, for the words common enough to be listed.

    Read directly rather than through load_table: the file is generated (a test rebuilds it byte for
    byte), and checking 45,000 cells letter by letter would double marsad's start-up time."""
    if TABLE not in manifest().get("files", {}):
        raise ResourceError(f"{TABLE}: not listed in the manifest")
    try:
        lines = data_bytes(TABLE).decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{TABLE}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    rows = [ln for ln in lines if ln and not ln.startswith("#")]
    if not rows or rows[0] != HEADER:
        raise ResourceError(f"{TABLE}: the header must be {HEADER!r}")
    out: dict[str, WordUsage] = {}
    for n, line in enumerate(rows[1:], start=2):
        try:
            form, zipf, pct = line.split("\t")
            out[form] = WordUsage(float(zipf), int(pct))
        except ValueError as exc:
            raise ResourceError(f"{TABLE}: row {n}: {exc}") from exc
    return out


def zipf_as_written(word: str) -> float:
    """Zipf frequency of a folded word as it stands, with the article if it has one: its own row, or for
    a word the list keeps without the article (الرئيس as رئيس, الذي as ذي) the article form's share of
    that row; 0 when the list does not have it."""
    usage = word_usage()
    own = usage.get(word)
    if own is not None:
        return own.zipf
    bare = usage.get(word[2:]) if word.startswith("ال") else None
    return bare.article_zipf if bare is not None else 0.0
