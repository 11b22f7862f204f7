"""Tokens with spans, proclitic readings and the article/لل variants used by every lexicon match."""

from __future__ import annotations

import re

import pytest

from marsad.text.tokenize import (
    LEFT,
    RIGHT,
    Token,
    article_variants,
    bare_word,
    iter_words,
    split_proclitics,
    tokenize,
)


def test_tokens_have_spans_into_the_text() -> None:
    text = "قال «المتحدث»: 5.7 في المئة، و5,700 جندي؟"
    tokens = tokenize(text)
    for token in tokens:
        assert text[token.start : token.end] == token.text
    assert [t.text for t in tokens] == [
        "قال", "«", "المتحدث", "»", ":", "5.7", "في", "المئة", "،", "و5,700", "جندي", "؟",
    ]


def test_numbers_stay_whole() -> None:
    assert [t.text for t in tokenize("بين 1.5 و2,000")] == ["بين", "1.5", "و2,000"]


def test_is_word() -> None:
    word, quote, mark = tokenize("نعم«؟")
    assert word == Token(0, 3, "نعم")
    assert word.is_word
    assert not quote.is_word
    assert not mark.is_word


def test_tokenize_empty_and_blank() -> None:
    assert tokenize("") == []
    assert tokenize("  \n ") == []


def test_iter_words_skips_punctuation() -> None:
    assert [m.group() for m in iter_words("«هل، انتهى؟» نعم.")] == ["هل", "انتهى", "نعم"]


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("وبالشهر", [("", "وبالشهر"), ("و", "بالشهر"), ("وب", "الشهر")]),
        ("فالعام", [("", "فالعام"), ("ف", "العام")]),
        ("كالعادة", [("", "كالعادة"), ("ك", "العادة")]),
        # ل + ال is written لل: the article is restored as a reading of its own.
        ("للشهر", [("", "للشهر"), ("ل", "لشهر"), ("ل", "الشهر")]),
        ("وللجيش", [("", "وللجيش"), ("و", "للجيش"), ("ول", "لجيش"), ("ول", "الجيش")]),
        # Too short to hold a proclitic and a stem of two letters.
        ("وبه", [("", "وبه"), ("و", "به")]),
        ("لن", [("", "لن")]),
        # No proclitic letter at the start.
        ("جندي", [("", "جندي")]),
    ],
)
def test_split_proclitics(word: str, readings: list[tuple[str, str]]) -> None:
    assert split_proclitics(word) == readings


def test_split_proclitics_bare_word_first_and_rejoins() -> None:
    for word in ("وبالأمس", "فسيعود", "بلدة", "كتاب"):
        readings = split_proclitics(word)
        assert readings[0] == ("", word)
        for prefix, stem in readings:
            assert word.startswith(prefix)
            # Either the stem is what follows the prefix, or the لل contraction had its alef restored.
            assert word[len(prefix) :] == stem or (stem.startswith("ال") and word[len(prefix) :] == stem[1:])


def matches(pattern: str, text: str) -> list[str]:
    return [m.group() for m in re.finditer(rf"{LEFT}{pattern}{RIGHT}", text)]


@pytest.mark.parametrize(
    "form",
    ["الشهر", "بالشهر", "وبالشهر", "فالشهر", "للشهر", "وللشهر", "فللشهر", "كالشهر", "والشهر"],
)
def test_article_variants_accepts_proclitics(form: str) -> None:
    assert matches(article_variants("الشهر"), f"خلال {form} المقبل") == [form]


@pytest.mark.parametrize("form", ["لشهر", "الشهري", "شهر", "بالشهرين", "االشهر"])
def test_article_variants_rejects_other_words(form: str) -> None:
    assert matches(article_variants("الشهر"), f"خلال {form} المقبل") == []


def test_article_variants_without_article() -> None:
    pattern = article_variants("شهر")
    assert matches(pattern, "منذ شهر وبشهر ولشهر") == ["شهر", "وبشهر", "ولشهر"]
    assert matches(pattern, "الشهر") == []


def test_article_variants_escapes_the_term() -> None:
    assert matches(article_variants("5.7"), "بلغ 5x7 ثم 5.7") == ["5.7"]


def test_bare_word_drops_a_conjunction_before_a_short_listed_word() -> None:
    known = {"في", "من", "ولاية"}
    assert bare_word("وفي", known) == "في"
    assert bare_word("ومن", known) == "من"
    assert bare_word("ولاية", known) == "ولاية"  # listed whole: its و is its own
    assert bare_word("وفد", known) == "وفد"  # the rest is no listed word: too short to split
