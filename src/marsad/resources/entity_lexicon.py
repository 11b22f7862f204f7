"""Entity lexicons (organisations, people, other named things, nisba adjectives), folded and indexed for matching."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.resources.lexicons import load_table
from marsad.text.normalize import fold

LEX = "lexicons/ar/"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One alias: what it names, and how the matcher may use it."""

    label: str  # PER ORG GPE LOC FAC MISC
    name: str  # canonical English name
    kind: str  # organisation kind, person role, or nisba kind (state, people, religion, group)
    country: str  # ISO code or ""
    source: str  # "organizations" | "people" | "misc" | "nisba"
    needs_context: bool = False

    @property
    def is_nisba(self) -> bool:
        return self.source == "nisba"


@dataclass(frozen=True, slots=True)
class EntityLexicon:
    entries: dict[str, tuple[LexiconEntry, ...]]
    max_tokens: int
    version: str

    def lookup(self, folded: str) -> tuple[LexiconEntry, ...]:
        return self.entries.get(folded, ())


def _flag(row: dict[str, str], column: str) -> bool:
    return row.get(column, "").strip() in ("1", "yes", "true")


@cache
def entity_lexicon() -> EntityLexicon:
    entries: dict[str, list[LexiconEntry]] = {}

    def add(alias: str, entry: LexiconEntry) -> None:
        key = fold(alias)
        bucket = entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    orgs = load_table(LEX + "organizations.tsv")
    for row in orgs.rows:
        add(row["form"], LexiconEntry(row["label"], row["name"], row["kind"], row.get("country", ""),
                                       "organizations", _flag(row, "needs_context")))
    for row in load_table(LEX + "people.tsv").rows:
        add(row["form"], LexiconEntry("PER", row["name"], row["role"], row.get("country", ""), "people",
                                       _flag(row, "needs_context")))
    for row in load_table(LEX + "misc_names.tsv").rows:
        add(row["form"], LexiconEntry("MISC", row["name"], row["kind"], "", "misc", _flag(row, "needs_context")))
    for row in load_table(LEX + "nisba.tsv").rows:
        label = "GPE" if row["kind"] == "state" else "MISC" if row["kind"] in ("people", "religion") else "ORG"
        add(row["form"], LexiconEntry(label, row["name"], row["kind"], row.get("code", ""), "nisba"))
    max_tokens = max((len(k.split()) for k in entries), default=1)
    return EntityLexicon({k: tuple(v) for k, v in entries.items()}, max_tokens, orgs.version)


@cache
def verb_homographs() -> frozenset[str]:
    """Folded place names written exactly like a common verb (تدمر "destroys", سرت "spread")."""
    return frozenset(fold(row["form"]) for row in load_table(LEX + "verb_homographs.tsv").rows)
