"""Names of people, organisations and places from Arabic Wikipedia titles (lexicons/ar/wiki_names.tsv, built
by scripts/build_wiki_names.py from the tables of the arwikicats package). It never makes an entity span by
itself: it gives the English title of people and organisations the CRF finds, and the entity tagger's
person-name mending reads the first words of its people."""

from __future__ import annotations

from functools import cache

from marsad.errors import ResourceError
from marsad.resources.lexicons import load_table
from marsad.text.normalize import fold

TABLE = "lexicons/ar/wiki_names.tsv"
LABELS = frozenset({"PER", "ORG", "LOC"})
# Places get their English names from the gazetteer, so only people and organisations are named from here.
NAMED_LABELS = frozenset({"PER", "ORG"})


@cache
def wiki_names() -> tuple[tuple[str, str], ...]:
    """(form, label) pairs in file order; forms are written as in the source (fold them to match)."""
    table = load_table(TABLE)
    pairs: list[tuple[str, str]] = []
    for n, row in enumerate(table.rows, start=1):
        if row["label"] not in LABELS:
            raise ResourceError(f"{TABLE}: row {n}: label {row['label']!r} is not one of {sorted(LABELS)}")
        pairs.append((row["form"], row["label"]))
    return tuple(pairs)


@cache
def wiki_english() -> dict[tuple[str, str], str]:
    """(folded form, label) -> English title, for naming people and organisations the CRF finds."""
    return {(fold(row["form"]), row["label"]): row["english"] for row in load_table(TABLE).rows
            if row["english"] and row["label"] in NAMED_LABELS}
