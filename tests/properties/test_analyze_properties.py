"""Properties that hold for any text: analysis never raises, spans stay inside the unchanged text,
and the normalizer's offset map always leads back to the raw characters it came from."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import marsad
from marsad.model.serialize import analysis_to_dict
from marsad.model.spans import Span
from marsad.text.normalize import (
    ARABIC_LETTER_MARK,
    BYTE_ORDER_MARK,
    TATWEEL,
    ZERO_WIDTH_JOINER,
    ZERO_WIDTH_NON_JOINER,
    fold,
    normalize,
)

RIGHT_TO_LEFT_MARK = "\u200f"
LEFT_TO_RIGHT_MARK = "\u200e"
RIGHT_TO_LEFT_EMBEDDING = "\u202b"
POP_DIRECTIONAL_FORMATTING = "\u202c"
RIGHT_TO_LEFT_ISOLATE = "\u2067"
POP_DIRECTIONAL_ISOLATE = "\u2069"
NO_BREAK_SPACE = "\u00a0"
NUL = "\x00"

INVISIBLES = [
    TATWEEL,
    ZERO_WIDTH_NON_JOINER,
    ZERO_WIDTH_JOINER,
    BYTE_ORDER_MARK,
    ARABIC_LETTER_MARK,
    RIGHT_TO_LEFT_MARK,
    LEFT_TO_RIGHT_MARK,
    RIGHT_TO_LEFT_EMBEDDING,
    POP_DIRECTIONAL_FORMATTING,
    RIGHT_TO_LEFT_ISOLATE,
    POP_DIRECTIONAL_ISOLATE,
]
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]  # tanwin, short vowels, shadda, sukun
ARABIC_INDIC_DIGITS = [chr(0x0660 + d) for d in range(10)]
PERSIAN_DIGITS = [chr(0x06F0 + d) for d in range(10)]
PUNCTUATION = ["«", "»", "،", "؛", "؟", ".", "!", ",", ":", "(", ")", "-", "\u066b", "\u066c", "%"]
SPACES = [" ", "\n", "\r", "\t", NO_BREAK_SPACE, "\u2009"]

# Words that make the stages fire: time words, month names, numbers in words and digits, units.
WORDS = [
    "الشهر", "الماضي", "المقبل", "الأسبوع", "العام", "أمس", "غداً", "اليوم", "في", "غضون", "خلال", "منذ",
    "من", "إلى", "حتى", "نحو", "أكثر", "أقل", "قرابة", "ثلاثة", "خمسة", "عشر", "وعشرين", "مئتا", "آلاف",
    "ألف", "مليون", "ونصف", "أسابيع", "أيام", "شهرين", "سنوات", "عاماً", "ساعة", "يناير", "فبراير",
    "آذار", "نيسان", "كانون", "الثاني", "رمضان", "الأحد", "الخميس", "السابع", "الحادي", "جندي", "سجين",
    "قتيلاً", "دولار", "مساء", "صباح", "2026", "5,700", "1.5", "٢٠٢٥", "١٢", "۳۰", "٥٫٧", "30يوماً",
    "2026-02-23", "23/2/2026", "الساعة", "العاشرة", "عشرات", "مئات",
]

arabic_block = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
any_digit = st.characters(categories=["Nd"])
combining_mark = st.characters(categories=["Mn", "Me"])
any_char = st.characters(codec="utf-8")  # every code point except surrogates
special = st.sampled_from(INVISIBLES + HARAKAT + ARABIC_INDIC_DIGITS + PERSIAN_DIGITS + PUNCTUATION
                          + SPACES + [NUL])

unicode_text = st.text(
    alphabet=st.one_of(arabic_block, any_digit, combining_mark, special, any_char), max_size=200
)
# Arabic-looking text: words, separators and marks in any order, so rules match and spans get mapped
# across dropped characters.
word_soup = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(SPACES + PUNCTUATION),
        st.text(alphabet=st.sampled_from(INVISIBLES + HARAKAT + [" "]), min_size=1, max_size=3),
        st.text(alphabet=st.one_of(arabic_block, special), max_size=4),
    ),
    max_size=40,
).map("".join)
texts = st.one_of(word_soup, unicode_text)
datelines = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))

# A Unicode-only alphabet for the normalizer: Arabic letters, marks, tatweel, bidi marks, digits.
normalizer_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(INVISIBLES + HARAKAT + ARABIC_INDIC_DIGITS + PERSIAN_DIGITS + PUNCTUATION + SPACES),
        any_char,
    ),
    max_size=120,
)

MODEST = settings(max_examples=200, deadline=None)


def spans_in(item: object) -> Iterator[Span]:
    """Every Span an annotation carries (its own span, a counted noun, a cue...)."""
    if not dataclasses.is_dataclass(item) or isinstance(item, type):
        return
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if isinstance(value, Span):
            yield value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            yield from spans_in(value)


def span_dicts(node: Any) -> Iterator[dict[str, Any]]:
    """Every {"start", "end", "text"} object anywhere in a serialized analysis."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            yield node
        for value in node.values():
            yield from span_dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from span_dicts(value)


# --- analyze ---------------------------------------------------------------------------------------------


@MODEST
@given(text=texts, dateline=datelines)
def test_analyze_never_raises_and_spans_stay_in_the_text(text: str, dateline: date | None) -> None:
    analysis = marsad.analyze(text, dateline=dateline)

    assert analysis.document.text == text
    assert analysis.document.dateline == dateline
    for name, items in analysis.layers.items():
        for item in items:
            spans = list(spans_in(item))
            assert spans, f"{name} item without a span: {item!r}"
            for span in spans:
                assert 0 <= span.start <= span.end <= len(text), f"{name} span {span} outside the text"
            own = getattr(item, "span", None)
            if isinstance(own, Span):
                assert own.start < own.end, f"empty {name} span {own}"

    out = analysis_to_dict(analysis)
    assert out["document"]["text"] == text
    for span in span_dicts(out):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert out["document"]["text"][span["start"] : span["end"]] == span["text"]
    # The output is plain JSON (no NaN or infinity, nothing unserializable).
    assert json.loads(json.dumps(out, ensure_ascii=False, allow_nan=False)) == out


@MODEST
@given(text=word_soup)
def test_analyze_is_deterministic(text: str) -> None:
    day = date(2026, 2, 23)
    assert analysis_to_dict(marsad.analyze(text, dateline=day)) == analysis_to_dict(
        marsad.analyze(text, dateline=day)
    )


# --- normalizer and offset map ------------------------------------------------------------------------


@MODEST
@given(raw=normalizer_text)
def test_normalize_keeps_the_raw_text_and_never_grows(raw: str) -> None:
    norm = normalize(raw)
    assert norm.raw is raw
    assert len(norm.text) <= len(raw)
    assert norm.offsets.raw_length == len(raw)
    assert norm.text == fold(raw)


@MODEST
@given(raw=normalizer_text)
def test_each_normalized_char_maps_to_one_raw_char_that_folds_to_it(raw: str) -> None:
    norm = normalize(raw)
    previous = -1
    for i, ch in enumerate(norm.text):
        start, end = norm.to_raw(i, i + 1)
        assert end - start == 1
        assert start > previous  # raw positions strictly increase
        previous = start
        assert fold(raw[start]) == ch
        assert norm.offsets.raw_position(i) == start


@MODEST
@given(raw=normalizer_text, data=st.data())
def test_every_normalized_span_maps_to_a_valid_raw_span(raw: str, data: st.DataObject) -> None:
    norm = normalize(raw)
    n = len(norm.text)
    for _ in range(10):
        start = data.draw(st.integers(0, n), label="start")
        end = data.draw(st.integers(start, n), label="end")
        a, b = norm.to_raw(start, end)
        assert 0 <= a <= b <= len(raw)
        # The raw span holds exactly the normalized span's characters plus dropped ones between them.
        assert fold(raw[a:b]) == norm.text[start:end]
        if start < end:
            assert b - a >= end - start


@MODEST
@given(raw=normalizer_text)
def test_normalize_is_idempotent_and_leaves_nothing_to_drop(raw: str) -> None:
    view = normalize(raw).text
    assert normalize(view).text == view
    assert normalize(view).offsets.is_identity
    for mark in INVISIBLES + HARAKAT:
        assert mark not in view
