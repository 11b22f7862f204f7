"""Quantities stage: counted amounts, their bounds, and what is counted.

One compiled regex, built once from the lexicons, finds every amount in one pass over the normalized
text: a number (digits, Arabic-Indic digits folded by the normalizer, number words read by the shared
NumberReader), a range (بين 10 و15، من 10 إلى 15، ثلاثة أو أربعة، 10-15), a vague amount (عشرات،
آلاف، عشرات الآلاف), a dual that counts two by itself (حاملتي طائرات، جنديين) or a noun with "one"
(دولة واحدة); with the word before it that bounds it (نحو، أكثر من، ما لا يقل عن), the counted noun
after it (mapped to a singular English unit through counted_nouns.tsv, or a nisba plural of people:
اليمنيين) and a bounding word after (على الأقل، تقريبا).

Choices:
- A range's `value` is its low end (the first number stated); `low`/`high` are its two ends.
- Approximators give a band of +-APPROX_BAND around the value and set `approximate`.
- "More than" and "at least" both give low=value, high=None; "less than" and "up to" give high=value,
  low=None. The value is always the number stated; None only for vague amounts.
- Not quantities: numbers inside a time expression of the times layer, ordinals, identifiers
  (المادة 5، القرار 2254، إف-16), clock times and dates in digits, bare years, and a number followed by
  a time word when the times layer missed it.
- The span runs from the bounding word (if any) through the counted noun (if any) and a bounding word
  after it; proclitics (و ب ل) stay outside the span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from marsad.errors import ResourceError
from marsad.model.annotations import Quantity
from marsad.model.document import Analysis
from marsad.model.spans import Provenance, Span
from marsad.resources.lexicons import Table, load_table
from marsad.resources.timewords import time_words
from marsad.stages.base import TextView
from marsad.text.normalize import fold
from marsad.text.numbers import DIGITS, NumberReader, number_reader
from marsad.text.tokenize import (
    ARABIC_LETTERS,
    ARTICLE,
    CONJUNCTIONS,
    LEFT,
    PROCLITIC_PREFIX,
    RIGHT,
    WORD_CHARS,
    split_proclitics,
)

STAGE = "quantities"
COUNTED_NOUNS = "lexicons/ar/counted_nouns.tsv"
MODIFIERS = "lexicons/ar/quantity_modifiers.tsv"
VAGUE = "lexicons/ar/quantity_vague.tsv"
CONTEXT = "lexicons/ar/quantity_context.tsv"

# Letters the form rules need (as code points, so no Arabic sits in the code).
ALEF = "\u0627"
TA = "\u062a"
TA_MARBUTA = "\u0629"
ALEF_MAQSURA = "\u0649"
LAM = "\u0644"
NOON = "\u0646"
WAW = "\u0648"
YA = "\u064a"
# Dual endings: -aan (nominative) and -ayn (accusative/genitive); before a genitive the noon drops,
# leaving -aa / -ay (حاملتا، حاملتي). ة becomes ت before them, ى becomes ي.
DUAL_ENDINGS = (ALEF + NOON, YA + NOON)
CONSTRUCT_DUAL_ENDINGS = (ALEF, YA)
# The accusative singular after 11..99 adds alef (جنديا); nouns ending in these letters do not take it.
NO_ACCUSATIVE_ALEF = (TA_MARBUTA, ALEF_MAQSURA, ALEF)
SOUND_PLURAL_ENDINGS = (YA + NOON, WAW + NOON)
# Nisba (relational adjective) plurals of people: -iyyin / -iyyun (اليمنيين، السوريون), and the
# accusative singular -iyyan after 11..99 (35 يمنيا).
NISBA_PLURAL_ENDINGS = (YA + YA + NOON, YA + WAW + NOON)
NISBA_ACCUSATIVE_ENDING = YA + ALEF
# A nisba stem shorter than this is a function word (التي، الذي، علي) rather than a demonym.
NISBA_MIN_STEM = 3
NISBA_UNIT = "person"
# ل + ال is written لل (للعشرات); a conjunction may come before it.
CONTRACTED_ARTICLE = LAM + LAM
CONJUNCTION = f"[{CONJUNCTIONS}]"

# nahw/hawali: a band of +-10% around the value (the contract's example: نحو ألف -> 900..1100).
APPROX_BAND = 0.1
# Four-digit numbers in this range with no counted noun are years (منذ 2011), not amounts.
BARE_YEARS = (1900, 2099)
# The counted noun is an accusative singular when the number's last two digits are 11..99,
# a plural when they are 3..10, and a genitive singular after a round hundred or more.
ACCUSATIVE_COUNTS = (11, 99)
PLURAL_COUNTS = (3, 10)
GENITIVE_SINGULAR_FROM = 100
GENITIVE_SINGULAR_TAILS = (0, 1, 2)  # 2000 جندي, 2001 جندي, 2002 جندي: the last word is the round number
# Values are rounded so that 1.1 * 20 prints as 22, not 22.000000000000004.
VALUE_DIGITS = 6
# How far back (characters) to look for the word that makes a number an identifier (القرار 2254).
IDENTIFIER_WINDOW = 40

# Spaces within a line: a quantity never runs across a line break.
SPACE = r"[^\S\n]+"
OPT_SPACE = r"[^\S\n]*"
# Hyphen-minus and en dash join the two ends of a range in digits (10-15) or a model name (إف-16).
DASHES = "-\u2013"
# Characters glued between digits that make them a clock time, a date (10:30, 2/4/2018) or a number
# written with the Arabic comma (30،6) that the reader cannot value: none of these is read.
ARABIC_COMMA = "\u060c"
TIME_OR_DATE_SEPARATORS = ":/" + ARABIC_COMMA


@dataclass(frozen=True, slots=True)
class NounReading:
    """What a form of a counted noun counts, and how many when the form says so (a dual: 2)."""

    unit: str
    count: int | None
    accusative: bool = False  # the accusative singular (جنديا), which agrees with 11..99


@dataclass(frozen=True, slots=True)
class VagueAmount:
    low: float
    high: float
    scale: float | None
    rule: str


@dataclass(frozen=True, slots=True)
class NounLexicon:
    """Folded forms of the counted nouns, by the place they can take.

    `after_amount`: singular, accusative singular, plurals and article plurals (after a number or a
    vague amount); `duals`: forms that count two by themselves; `construct_duals`: the dual forms that
    lost their noon before a genitive (حاملتي طائرات، قاعدتي), which need a word after them;
    `singulars`: forms before واحد (one).
    """

    after_amount: dict[str, NounReading]
    duals: dict[str, NounReading]
    construct_duals: dict[str, NounReading]
    singulars: dict[str, NounReading]


def _arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a"


def dual_stem(word: str) -> str:
    """The stem a dual ending attaches to: ة -> ت, ى -> ي."""
    if word.endswith(TA_MARBUTA):
        return word[:-1] + TA
    if word.endswith(ALEF_MAQSURA):
        return word[:-1] + YA
    return word


def dual_forms(singular: str, construct: bool | None = None) -> list[str]:
    """Dual forms of a singular as written (not folded): حاملة طائرات -> حاملتان طائرات, حاملتي طائرات...

    The head of an idafa (the first word) takes the ending; the construct endings (-aa, -ay) are built
    only where they cannot be mistaken for an accusative singular: after ت, or before a genitive word.
    A compound (كيلو متر) also inflects its last word. `construct` True gives only the construct
    forms, False only the full ones, None both.
    """
    words = singular.split()
    head, rest = words[0], words[1:]
    if not _arabic_letter(head[-1]):
        return []
    stem = dual_stem(head)
    has_construct = head.endswith(TA_MARBUTA) or bool(rest)
    endings = (() if construct is True else DUAL_ENDINGS) + (
        CONSTRUCT_DUAL_ENDINGS if has_construct and construct is not False else ()
    )
    forms: list[str] = []
    for ending in endings:
        first = stem + ending
        if not rest:
            forms.append(first)
            continue
        forms.append(" ".join([first, *rest]))
        if not rest[0].startswith(ARTICLE):
            forms.append(" ".join([first, ARTICLE + rest[0], *rest[1:]]))
    if rest and construct is not True:
        last = dual_stem(words[-1])
        forms.extend(" ".join([*words[:-1], last + ending]) for ending in DUAL_ENDINGS)
    return forms


def accusative_form(singular: str) -> str | None:
    """The accusative singular after 11..99 (جندي -> جنديا), or None when the noun does not take alef."""
    words = singular.split()
    last = words[-1]
    if not _arabic_letter(last[-1]) or last.endswith(NO_ACCUSATIVE_ALEF):
        return None
    return " ".join([*words[:-1], last + ALEF])


def construct_plural(plural: str) -> str | None:
    """A sound masculine plural before its genitive drops the noon: 21 من مسلحي التنظيم."""
    words = plural.split()
    if len(words) == 1 and plural.endswith(SOUND_PLURAL_ENDINGS):
        return plural[:-1]
    return None


def with_article(form: str) -> str | None:
    if not _arabic_letter(form[0]) or form.startswith(ARTICLE):
        return None
    return ARTICLE + form


def build_noun_lexicon(table: Table) -> NounLexicon:
    """Expand counted_nouns.tsv into folded forms. Listed forms (singular, plurals) must not map one
    form to two units; a built form never overrides a listed one, and a dual that is spelled like a
    listed plural (مدنيين: civilians, not two civilians) is dropped."""
    listed: dict[str, NounReading] = {}
    built: dict[str, NounReading] = {}
    duals: dict[str, NounReading] = {}
    construct_duals: dict[str, NounReading] = {}
    singulars: dict[str, NounReading] = {}

    def add_listed(form: str, reading: NounReading, lineno: int) -> None:
        key = fold(form)
        old = listed.get(key)
        if old is not None and old.unit != reading.unit:
            raise ResourceError(
                f"{table.name}: row {lineno} maps '{form}' to '{reading.unit}', "
                f"an earlier row to '{old.unit}'"
            )
        listed.setdefault(key, reading)

    for lineno, row in enumerate(table.rows, start=1):
        singular, unit = row["form"], row["unit"]
        plurals = [p for p in row["plurals"].split("|") if p and p != "-"]
        one, many, two = NounReading(unit, 1), NounReading(unit, None), NounReading(unit, 2)
        add_listed(singular, one, lineno)
        singulars.setdefault(fold(singular), one)
        for plural in plurals:
            add_listed(plural, many, lineno)
            for form in (plural, construct_plural(plural)):
                article = with_article(form) if form else None
                if form and form != plural:
                    built.setdefault(fold(form), many)
                if article:
                    built.setdefault(fold(article), many)
        accusative = accusative_form(singular)
        if accusative:
            built.setdefault(fold(accusative), NounReading(unit, 1, accusative=True))
        if row["dual"] == "yes":
            for construct, target in ((False, duals), (True, construct_duals)):
                for form in dual_forms(singular, construct):
                    target.setdefault(fold(form), two)
                    article = with_article(form)
                    if article:
                        target.setdefault(fold(article), two)
        elif row["dual"] != "no":
            raise ResourceError(f"{table.name}: row {lineno} has dual '{row['dual']}', expected yes or no")
    after = {**{k: v for k, v in built.items() if k not in listed}, **listed}
    duals = {k: v for k, v in duals.items() if k not in after}
    construct_duals = {k: v for k, v in construct_duals.items() if k not in after and k not in duals}
    return NounLexicon(after, duals, construct_duals, singulars)


def alternation(forms: Iterable[str]) -> str:
    """Regex alternation of folded literal forms, longest first; a space matches spaces within a line."""
    items = sorted(set(forms), key=len, reverse=True)
    if not items:
        return "(?!)"
    return "(?:" + "|".join(SPACE.join(re.escape(w) for w in f.split()) for f in items) + ")"


def number_pattern(numbers: NumberReader) -> str:
    """A number phrase the reader can value, with no left boundary (so it can follow a glued و:
    بين 10 و15): digits, optionally with a scale word (5 آلاف), or number words chained with و or a
    space (خمسة وعشرون، ثلاثة آلاف). Built from the reader's word list, within one line."""
    word = rf"{numbers.word_pattern}{RIGHT}"
    digits = rf"(?:{DIGITS})(?![0-9])(?:{OPT_SPACE}{word})?"
    return rf"(?:{digits}|{word})(?:(?:{SPACE}{WAW}{OPT_SPACE}|{SPACE}){word})*"


@dataclass(frozen=True, slots=True)
class Modifiers:
    """Bounding words (before and after the amount, by word) and the words that build ranges and the
    partitive (من), folded, by kind (`ranges`: range_between -> [بين، ما بين], partitive -> [من])."""

    pre: dict[str, str]
    post: dict[str, str]
    ranges: dict[str, list[str]]

    @classmethod
    def from_table(cls, table: Table) -> Modifiers:
        pre: dict[str, str] = {}
        post: dict[str, str] = {}
        ranges: dict[str, list[str]] = {}
        for lineno, row in enumerate(table.rows, start=1):
            form, kind, position = fold(row["form"]), row["kind"], row["position"]
            if position == "pre":
                pre[form] = kind
            elif position == "post":
                post[form] = kind
            elif position in ("range", "noun"):
                ranges.setdefault(kind, []).append(form)
            else:
                raise ResourceError(f"{table.name}: row {lineno} has position '{position}'")
        return cls(pre, post, ranges)

    def words(self, kind: str) -> list[str]:
        found = self.ranges.get(kind)
        if not found:
            raise ResourceError(f"{MODIFIERS}: no word of kind '{kind}'")
        return found


@dataclass(frozen=True, slots=True)
class Counted:
    """The counted noun of an amount: its unit (None when unknown), its span in the normalized view
    (an "others" word has a span but no unit) and the rule-id suffix that says how it was read."""

    unit: str | None
    span: tuple[int, int] | None
    shape: str


@dataclass(frozen=True, slots=True)
class Core:
    """What the amount itself says, before modifiers."""

    kind: str  # number | range | vague | dual | one
    value: float | None
    low: float | None
    high: float | None
    shape: str  # the descriptive part of the rule id


class QuantityTagger:
    """Finds counted amounts in the normalized view and returns them with raw spans."""

    name = "quantities"
    requires: tuple[str, ...] = ("times",)
    assigns: tuple[str, ...] = ("quantities",)

    def __init__(
        self,
        nouns: NounLexicon,
        modifiers: Modifiers,
        vague: Mapping[str, VagueAmount],
        identifiers: frozenset[str],
        time_after: frozenset[str],
        not_numbers: frozenset[str],
        others: frozenset[str],
        possessives: frozenset[str],
        numbers: NumberReader,
        lexicon_version: str = "",
    ) -> None:
        self.nouns = nouns
        self.modifiers = modifiers
        self.vague = dict(vague)
        self.identifiers = identifiers
        self.time_after = time_after
        self.not_numbers = not_numbers
        self.others = others
        self.possessives = possessives
        self.numbers = numbers
        self.lexicon_version = lexicon_version
        self.scales = {form: v for form, v in self.vague.items() if v.scale is not None}
        self.partitives = frozenset(modifiers.words("partitive"))
        self.ones = [f for f, w in numbers.words.items() if w.kind == "unit" and w.value == 1]
        self.twos = [f for f, w in numbers.words.items() if w.kind == "unit" and w.value == 2]
        self.regex = re.compile(self._pattern())
        self._word_before = re.compile(rf"([{WORD_CHARS}]+)[{DASHES}]?{OPT_SPACE}$")
        self._word_after = re.compile(rf"{OPT_SPACE}([{WORD_CHARS}]+)")

    @classmethod
    def from_resources(cls) -> QuantityTagger:
        nouns_table = load_table(COUNTED_NOUNS)
        modifiers_table = load_table(MODIFIERS)
        vague_table = load_table(VAGUE)
        context = load_table(CONTEXT)
        vague = {
            fold(r["form"]): VagueAmount(
                float(r["low"]), float(r["high"]), None if r["scale"] == "-" else float(r["scale"]), r["rule"]
            )
            for r in vague_table.rows
        }
        roles: dict[str, set[str]] = {}
        for row in context.rows:
            roles.setdefault(row["role"], set()).add(fold(row["form"]))
        words = time_words()
        # A number right before a time unit or a month name is a duration or a date (the times
        # stage's business), even when the times layer missed it.
        time_after = set(roles.get("time_after", set()))
        time_after.update(form.split()[0] for form in words.units)
        time_after.update(form.split()[0] for form in words.months)
        tables = (nouns_table, modifiers_table, vague_table, context)
        versions = ";".join(f"{t.name.rsplit('/', 1)[-1]}:{t.version}" for t in tables)
        return cls(
            nouns=build_noun_lexicon(nouns_table),
            modifiers=Modifiers.from_table(modifiers_table),
            vague=vague,
            identifiers=frozenset(roles.get("identifier", set())),
            time_after=frozenset(time_after),
            not_numbers=frozenset(roles.get("not_number", set())),
            others=frozenset(roles.get("other", set())),
            possessives=frozenset(roles.get("possessive", set())),
            numbers=number_reader(),
            lexicon_version=versions,
        )

    # ---- the pattern ----

    def _pattern(self) -> str:
        mods = self.modifiers
        num = number_pattern(self.numbers)
        definite = rf"(?:{CONJUNCTION}?{CONTRACTED_ARTICLE}|{PROCLITIC_PREFIX}(?P<vart>{ARTICLE})?)"
        between, and_ = alternation(mods.words("range_between")), alternation(mods.words("range_and"))
        from_, to = alternation(mods.words("range_from")), alternation(mods.words("range_to"))
        or_, of = alternation(mods.words("range_or")), alternation(mods.words("partitive"))
        dash = f"[{DASHES}]"
        nisba_plural = alternation(NISBA_PLURAL_ENDINGS)
        stem = rf"(?!{ARTICLE})[{ARABIC_LETTERS}]{{{NISBA_MIN_STEM},}}"
        nisba = (
            rf"(?P<nisba>(?:{ARTICLE})?[{ARABIC_LETTERS}]{{{NISBA_MIN_STEM},}}{nisba_plural})"
            rf"|(?P<nisba_acc>{stem}{NISBA_ACCUSATIVE_ENDING})"
            rf"|(?P<nisba_one>{stem}{YA})"
        )
        ranges = (
            rf"{PROCLITIC_PREFIX}(?P<between>{between}){SPACE}(?P<a1>{num}){SPACE}{and_}{OPT_SPACE}(?P<b1>{num})"
            rf"|(?:{PROCLITIC_PREFIX}(?P<from>{from_}){SPACE})?(?P<a2>{num}){SPACE}{to}{SPACE}(?P<b2>{num})"
            rf"|(?P<a3>{num}){SPACE}{or_}{SPACE}(?P<b3>{num})"
            rf"|(?P<a4>{DIGITS}){OPT_SPACE}{dash}{OPT_SPACE}(?P<b4>{DIGITS})(?![0-9])"
        )
        vague = (
            rf"{definite}(?P<vague>{alternation(self.vague)}){RIGHT}"
            rf"(?:{SPACE}(?P<scale>(?:{ARTICLE})?{alternation(self.scales)}){RIGHT})?"
        )
        # A construct dual needs its genitive after it: قاعدتي حميميم, not "my base" at a quote's end.
        duals = (
            rf"(?:{alternation(self.nouns.duals)}{RIGHT}"
            rf"|{alternation(self.nouns.construct_duals)}{RIGHT}(?={SPACE}[{ARABIC_LETTERS}]))"
        )
        dual = (
            rf"{PROCLITIC_PREFIX}(?P<dual>{duals})"
            rf"(?:{SPACE}(?P<two>{alternation(self.twos)}){RIGHT})?"
            rf"|{CONJUNCTION}?{CONTRACTED_ARTICLE}(?P<dual_l>{duals})"
        )
        one = (
            rf"{PROCLITIC_PREFIX}(?P<single>{alternation(self.nouns.singulars)})"
            rf"{SPACE}(?P<one>{alternation(self.ones)}){RIGHT}"
        )
        number = rf"(?P<nclitic>{PROCLITIC_PREFIX}(?:{ARTICLE}{OPT_SPACE}(?=[0-9]))?)(?P<num>{num})"
        noun = (
            rf"(?:(?:(?<=[0-9]){OPT_SPACE}|{SPACE})(?:(?P<of>{of}){SPACE})?"
            rf"(?:(?P<noun>{alternation(self.nouns.after_amount)})(?P<suffix>{alternation(self.possessives)})?"
            rf"|(?P<other>{alternation(self.others)})|{nisba}){RIGHT})?"
        )
        # The bounding word may be glued to digits (أكثر من13 ألفا), a common typo.
        pre = rf"(?:{PROCLITIC_PREFIX}(?P<pre>{alternation(mods.pre)})(?:{SPACE}|(?=[0-9])))?"
        post = rf"(?:{SPACE}(?P<post>{alternation(mods.post)}){RIGHT})?"
        # Digits may also follow a letter directly (قيمته100 مليون is a common typo).
        start = rf"(?:{LEFT}|(?<=[{ARABIC_LETTERS}])(?=[0-9]))"
        return rf"{start}{pre}(?:(?P<range>{ranges})|{vague}|{dual}|{one}|{number}){noun}{post}"

    # ---- the stage ----

    def annotate(self, analysis: Analysis, view: TextView) -> dict[str, tuple[Quantity, ...]]:
        text = view.text
        times = [t.span for t in analysis.layer("times")]
        ordinals = self._ordinal_spans(text)
        found: list[Quantity] = []
        for m in self.regex.finditer(text):
            quantity = self._read(m, text, view, times, ordinals)
            if quantity is not None:
                found.append(quantity)
        found.sort(key=lambda q: (q.span.start, q.span.end))
        return {"quantities": tuple(found)}

    def _ordinal_spans(self, text: str) -> list[tuple[int, int]]:
        """Ordinals (الحادي عشر، الثالث): their number words (عشر) are not amounts. A bare tens word
        (عشرين) also reads as an ordinal to the reader; it stays a cardinal here."""
        spans: list[tuple[int, int]] = []
        for m in self.numbers.ordinal_regex.finditer(text):
            first = m.group().split()[0]
            core = first[len(ARTICLE) :] if first.startswith(ARTICLE) else first
            if first.startswith(ARTICLE) or core in self.numbers.ordinals:
                spans.append((m.start(), m.end()))
        return spans

    def _read(
        self,
        m: re.Match[str],
        text: str,
        view: TextView,
        times: list[Span],
        ordinals: list[tuple[int, int]],
    ) -> Quantity | None:
        core = self._core(m)
        if core is None:
            return None
        core_start, core_end = self._core_bounds(m)
        counted = self._counted(m, core)
        if self._rejected(m, core, counted, text, core_start, core_end, ordinals):
            return None
        raw_core = view.raw_span(core_start, core_end)
        if any(raw_core.overlaps(t) for t in times):
            return None

        low, high = core.low, core.high
        approximate = False
        kind = "exact" if core.kind == "number" else core.kind
        for group, table in (("pre", self.modifiers.pre), ("post", self.modifiers.post)):
            word = m.group(group)
            if word:
                mod = table[word]
                low, high, approximate = _bound(mod, low, high, approximate)
                kind = mod if core.kind == "number" else f"{core.kind}_{mod}"
        start = m.start("pre") if m.group("pre") else core_start
        end = max(core_end, counted.span[1] if counted.span else core_end)
        if m.group("post"):
            end = m.end("post")
        noun = counted.span if counted.span and counted.unit else None
        return Quantity(
            span=view.raw_span(start, end),
            value=core.value,
            low=low,
            high=high,
            unit=counted.unit,
            provenance=Provenance(STAGE, f"{STAGE}.{kind}.{core.shape}{counted.shape}", self.lexicon_version),
            noun=view.raw_span(*noun) if noun else None,
            approximate=approximate,
        )

    def _counted(self, m: re.Match[str], core: Core) -> Counted:
        """What the amount counts: the noun after it, or the noun a dual or "one" is built on."""
        if core.kind in ("dual", "one"):
            group = "dual" if m.group("dual") else "dual_l" if m.group("dual_l") else "single"
            form = m.group(group)
            lexicon = self.nouns.singulars if core.kind == "one" else self.nouns.duals
            reading = lexicon.get(form) or self.nouns.construct_duals.get(form)
            return Counted(reading.unit if reading else None, (m.start(group), m.end(group)), "")
        value = core.value if core.kind == "number" else None
        if m.group("noun"):
            reading = self.nouns.after_amount[m.group("noun")]
            if value is not None and _looks_like_year(m.group("num"), value) and not _agrees(reading, value):
                return Counted(None, None, "")
            if m.group("suffix") and not m.group("of"):
                return Counted(None, None, "")  # 4 إصاباتهم: "4 (of them), their injuries ..."
            end = m.end("suffix") if m.group("suffix") else m.end("noun")
            return Counted(reading.unit, (m.start("noun"), end), "_noun")
        if m.group("other"):
            return Counted(None, (m.start("other"), m.end("other")), "_other")
        nisba = "nisba" if m.group("nisba") else None
        if value is not None and m.group("nisba_acc") and _takes_accusative(value):
            nisba = "nisba_acc"
        if value is not None and m.group("nisba_one") and _takes_genitive_singular(value):
            nisba = "nisba_one"
        if nisba:
            return Counted(NISBA_UNIT, (m.start(nisba), m.end(nisba)), "_nisba")
        return Counted(None, None, "")

    def _core(self, m: re.Match[str]) -> Core | None:
        if m.group("range"):
            for i, shape in enumerate(("between_and", "from_to", "or", "dash"), start=1):
                if m.group(f"a{i}"):
                    a, b = m.group(f"a{i}"), m.group(f"b{i}")
                    if i == 2 and not m.group("from"):
                        shape = "to"
                    return self._range(a, b, shape)
            return None
        if m.group("vague"):
            amount = self.vague[m.group("vague")]
            low, high, rule = amount.low, amount.high, amount.rule
            scale_word = m.group("scale")
            if scale_word:
                bare = scale_word[len(ARTICLE) :] if scale_word not in self.scales else scale_word
                scale = self.scales[bare].scale or 1.0
                low, high, rule = low * scale, (high + 1) * scale - 1, f"{rule}_scaled"
            return Core("vague", None, low, high, rule)
        if m.group("dual") or m.group("dual_l"):
            return Core("dual", 2.0, 2.0, 2.0, "noun_two" if m.group("two") else "noun")
        if m.group("single"):
            return Core("one", 1.0, 1.0, 1.0, "noun_one")
        phrase = m.group("num")
        value = self.numbers.value(phrase)
        if value is None:
            return None
        return Core("number", value, value, value, "number")

    def _range(self, a: str, b: str, shape: str) -> Core | None:
        va, vb = self.numbers.value(a), self.numbers.value(b)
        if va is None or vb is None:
            return None
        # بين 3 و5 ملايين: the scale word after the second number applies to the first too.
        scale = self._trailing_scale(b)
        if scale and self._trailing_scale(a) is None and va * scale <= vb:
            va *= scale
        if vb < va:
            return None
        return Core("range", va, va, vb, shape)

    def _trailing_scale(self, phrase: str) -> float | None:
        word = self.numbers.words.get(phrase.split()[-1])
        if word and word.kind in ("scale", "scale_plural"):
            return word.value
        return None

    def _core_bounds(self, m: re.Match[str]) -> tuple[int, int]:
        """Where the amount itself starts and ends (a range from its opening word), without proclitics."""
        for group in ("range", "vague", "dual", "dual_l", "single", "num"):
            if m.group(group):
                start = m.start(group)
                if group == "range":
                    opening = ("between", "from", "a1", "a2", "a3", "a4")
                    start = next(m.start(g) for g in opening if m.group(g))
                if group == "vague":
                    # The article stays in the span (العشرات), proclitics do not.
                    start = m.start("vart") if m.group("vart") else start
                    return start, m.end("scale") if m.group("scale") else m.end("vague")
                if group == "dual":
                    return start, m.end("two") if m.group("two") else m.end("dual")
                if group == "single":
                    return start, m.end("one")
                clitic = m.group("nclitic") or ""
                if clitic and (clitic + m.group("num").split()[0]) in self.numbers.words:
                    start = m.start("nclitic")  # واحد read as و + احد: the و belongs to the number
                return start, m.end(group)
        return m.start(), m.end()

    def _rejected(
        self,
        m: re.Match[str],
        core: Core,
        counted: Counted,
        text: str,
        start: int,
        end: int,
        ordinals: list[tuple[int, int]],
    ) -> bool:
        """The context rules that keep a matched amount from being a quantity."""
        if core.kind in ("dual", "one"):
            return False
        first_number = next((m.start(g) for g in ("a1", "a2", "a3", "a4") if m.group(g)), start)
        if self._identifier_before(text, first_number):
            return True  # المادة 50، القرار 2254 (for a range, the word right before its first number)
        counts_something = counted.span is not None
        if not counts_something and self._time_word_after(text, end):
            return True
        if core.kind == "vague":
            return False
        if _digit_context(text, start, end):
            return True
        if any(a < end and start < b for a, b in ordinals):
            return True
        if core.kind == "range":
            return not counts_something and (m.group("a4") is not None or _any_year(core))
        phrase = m.group("num")
        clitic = m.group("nclitic") or ""
        if (clitic + phrase).split()[0] in self.not_numbers:
            return True
        words = phrase.split()
        kinds = [self.numbers.words[w].kind for w in words if w in self.numbers.words]
        if len(kinds) == len(words) and all(k == "unit_teen" for k in kinds):
            return True  # أحد، إحدى: "one of", "someone"
        if len(kinds) == len(words) and all(k == "fraction" for k in kinds):
            return True  # نصف، ربع: a share, not a count
        if kinds[:1] == ["teen"] and self._after_definite_number(text, m.start("num")):
            return True  # the عشر of الحادي عشر or الخمسة عشر
        if counts_something:
            return False
        if clitic.rstrip().endswith(ARTICLE):
            return True  # الـ20 with nothing counted: "the 20th", or a back reference
        return self._bare_number_is_not_amount(phrase, kinds, core.value)

    def _after_definite_number(self, text: str, start: int) -> bool:
        found = self._word_before.search(text[max(0, start - IDENTIFIER_WINDOW) : start])
        if not found:
            return False
        for _, stem in split_proclitics(found.group(1)):
            if stem.startswith(ARTICLE):
                bare = stem[len(ARTICLE) :]
                if bare in self.numbers.words or bare in self.numbers.ordinals:
                    return True
            elif stem in self.numbers.ordinals:
                return True
        return False

    def _bare_number_is_not_amount(self, phrase: str, kinds: list[str], value: float | None) -> bool:
        if len(kinds) == len(phrase.split()) == 1 and value == 1:
            return True  # واحد alone is an adjective: في آن واحد
        return value is not None and _looks_like_year(phrase, value)

    def _identifier_before(self, text: str, start: int) -> bool:
        window = text[max(0, start - IDENTIFIER_WINDOW) : start]
        found = self._word_before.search(window)
        if not found:
            return False
        word = found.group(1)
        return any(stem in self.identifiers for _, stem in split_proclitics(word))

    def _time_word_after(self, text: str, end: int) -> bool:
        """A time word right after the number, or after من (26 من يوليو، 29 من الشهر الجاري)."""
        found = self._word_after.match(text, end)
        if found is not None and found.group(1) in self.partitives:
            found = self._word_after.match(text, found.end())
        if found is None:
            return False
        word = found.group(1)
        bare = word[len(ARTICLE) :] if word.startswith(ARTICLE) else word
        return word in self.time_after or bare in self.time_after


def _takes_accusative(value: float) -> bool:
    """After 11..99 (and 111, 1020...) the counted noun is an accusative singular: 35 جنديا."""
    return float(value).is_integer() and ACCUSATIVE_COUNTS[0] <= int(value) % 100 <= ACCUSATIVE_COUNTS[1]


def _takes_genitive_singular(value: float) -> bool:
    """After a round hundred, thousand or million the counted noun is a genitive singular: 2500 جزائري."""
    if value < GENITIVE_SINGULAR_FROM:
        return False
    return not float(value).is_integer() or int(value) % 100 in GENITIVE_SINGULAR_TAILS


def _agrees(reading: NounReading, value: float) -> bool:
    """Whether a noun's number and case fit the number before it (used for year-like numbers only)."""
    if not float(value).is_integer():
        return True
    tail = int(value) % 100
    if reading.count is None:
        return PLURAL_COUNTS[0] <= tail <= PLURAL_COUNTS[1]
    if reading.accusative:
        return _takes_accusative(value)
    return tail in GENITIVE_SINGULAR_TAILS


def _looks_like_year(phrase: str, value: float) -> bool:
    return phrase.isdigit() and len(phrase) == 4 and BARE_YEARS[0] <= value <= BARE_YEARS[1]


def _digit_context(text: str, start: int, end: int) -> bool:
    """Digits glued to a clock or date separator (10:30, 2/4/2018), to an Arabic comma between digits
    (30،6), or after a dashed name (إف-16, also 3-1 as a score)."""
    before = text[start - 2 : start]
    after = text[end : end + 2]
    glued = len(before) == 2 and before[1] in TIME_OR_DATE_SEPARATORS + DASHES
    if glued and (before[0].isdigit() or (before[1] != ARABIC_COMMA and before[0].isalnum())):
        return True
    return len(after) == 2 and after[0] in TIME_OR_DATE_SEPARATORS + DASHES and after[1].isdigit()


def _any_year(core: Core) -> bool:
    ends = [v for v in (core.low, core.high) if v is not None]
    return any(BARE_YEARS[0] <= v <= BARE_YEARS[1] and float(v).is_integer() for v in ends)


def _bound(
    kind: str, low: float | None, high: float | None, approximate: bool
) -> tuple[float | None, float | None, bool]:
    """Apply one bounding word to (low, high)."""
    if kind == "approx":
        lo = None if low is None else round(low * (1 - APPROX_BAND), VALUE_DIGITS)
        hi = None if high is None else round(high * (1 + APPROX_BAND), VALUE_DIGITS)
        return lo, hi, True
    if kind == "lower":
        return low, None, approximate
    if kind == "upper":
        return None, high, approximate
    raise ResourceError(f"{MODIFIERS}: unknown modifier kind '{kind}'")

