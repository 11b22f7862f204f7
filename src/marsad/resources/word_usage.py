"""How common an Arabic word is and how often it takes the article (lexicons/ar/word_usage.tsv, built by
scripts/build_word_usage.py from wordfreq's Arabic list): evidence, for a word the entity tagger has not
seen, of whether it is an ordinary word (طراز/الطراز) or a name (فرويد, never with the article)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.errors import ResourceError
from marsad.resources.lexicons import load_table

TABLE = "lexicons/ar/word_usage.tsv"


@dataclass(frozen=True, slots=True)
class WordUsage:
    zipf: float  # Zipf frequency of the bare word (0 when only its article form is common)
    article_pct: int  # share of its uses with the article, in percent


@cache
def word_usage() -> dict[str, WordUsage]:
    """Folded bare word -> usage, for the words common enough to be listed."""
    out: dict[str, WordUsage] = {}
    for n, row in enumerate(load_table(TABLE).rows, start=1):
        try:
            out[row["form"]] = WordUsage(float(row["zipf"]), int(row["article_pct"]))
        except ValueError as exc:
            raise ResourceError(f"{TABLE}: row {n}: {exc}") from exc
    return out
