"""Numbers in digits, Arabic-Indic digits and words; ordinals."""

from __future__ import annotations

import pytest

from marsad.text.normalize import normalize
from marsad.text.numbers import NumberReader, number_reader


@pytest.fixture(scope="module")
def reader() -> NumberReader:
    return number_reader()


def phrases(reader: NumberReader, raw: str) -> list[tuple[str, float | None]]:
    """(raw text, value) of every number phrase in a raw text, read through the normalized view."""
    norm = normalize(raw)
    out: list[tuple[str, float | None]] = []
    for m in reader.regex.finditer(norm.text):
        a, b = norm.to_raw(m.start(), m.end())
        out.append((raw[a:b], reader.value(m.group())))
    return out


def ordinals(reader: NumberReader, raw: str) -> list[tuple[str, int | None]]:
    norm = normalize(raw)
    out: list[tuple[str, int | None]] = []
    for m in reader.ordinal_regex.finditer(norm.text):
        a, b = norm.to_raw(m.start(), m.end())
        out.append((raw[a:b], reader.ordinal_value(m.group())))
    return out


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        # digits
        ("7", 7),
        ("2026", 2026),
        ("5,700", 5700),
        ("12,500,000", 12_500_000),
        ("1.5", 1.5),
        ("0.25", 0.25),
        # Arabic-Indic and Persian digits, and the Arabic separators
        ("٣٠", 30),
        ("۴۵", 45),
        ("١٫٥", 1.5),
        ("٥٬٧٠٠", 5700),
        # words
        ("ثلاثة", 3),
        ("ثلاث", 3),
        ("عشرة", 10),
        ("خمسة عشر", 15),
        ("أحد عشر", 11),
        ("اثنا عشر", 12),
        ("ثلاث عشرة", 13),
        ("ثلاثون", 30),
        ("ثلاثين", 30),
        ("خمسة وعشرون", 25),
        ("واحد وعشرين", 21),
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("مئتي", 200),
        ("ثلاث مئة", 300),
        ("ثلاثمائة", 300),
        ("مئة وخمسون", 150),
        ("ثلاثمئة وخمسة وستين", 365),
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ألفين", 2000),
        ("ثلاثة آلاف", 3000),
        ("عشرة آلاف", 10_000),
        ("خمسة عشر ألفا", 15_000),
        ("ثلاثة آلاف وخمسمائة", 3500),
        ("ستة آلاف وثلاثمائة وخمسون", 6350),
        ("مئتي ألف", 200_000),
        ("مليون", 1_000_000),
        ("مليون ونصف", 1_500_000),
        ("مليونين ونصف", 2_500_000),
        ("نصف مليون", 500_000),
        ("ربع مليون", 250_000),
        ("أربعة ملايين", 4_000_000),
        ("مليار ونصف", 1_500_000_000),
        # digits with a scale word
        ("5 آلاف", 5000),
        ("12 ألفا", 12_000),
        ("1.5 مليون", 1_500_000),
        ("٢ مليون", 2_000_000),
    ],
)
def test_value(reader: NumberReader, phrase: str, value: float) -> None:
    assert phrases(reader, phrase) == [(phrase, pytest.approx(value))]


def test_numbers_in_a_sentence(reader: NumberReader) -> None:
    raw = "قتل ثلاثة جنود وأصيب خمسة وعشرون آخرون، ونزح 5,700 شخص خلال ٣٠ يوماً."
    assert phrases(reader, raw) == [("ثلاثة", 3), ("خمسة وعشرون", 25), ("5,700", 5700), ("٣٠", 30)]


def test_digits_glued_to_a_word(reader: NumberReader) -> None:
    assert phrases(reader, "مدة 30يوماً") == [("30", 30)]


def test_number_word_inside_another_word_is_not_a_number(reader: NumberReader) -> None:
    # الفريق starts with the letters of ألف once folded; عشرات and مئات are vague, not numbers.
    assert phrases(reader, "وصل الفريق مع عشرات ومئات المتطوعين") == []


def test_harakat_do_not_hide_a_number(reader: NumberReader) -> None:
    fatha, damma = "\u064e", "\u064f"
    raw = f"ثلاث{fatha}ة{damma} آلاف"
    [(text, value)] = phrases(reader, raw)
    assert value == 3000
    assert text == raw[: raw.index(" آلاف")] + " آلاف"


def test_value_of_something_else_is_none(reader: NumberReader) -> None:
    assert reader.value("جنود") is None
    assert reader.value("") is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("الأول", 1),
        ("الأولى", 1),
        ("الثاني", 2),
        ("السابع", 7),
        ("العاشر", 10),
        ("الحادي عشر", 11),
        ("الحادية عشرة", 11),
        ("الثالث عشر", 13),
        ("العشرين", 20),
        ("الحادي والعشرين", 21),
        ("الخامس والثلاثين", 35),
    ],
)
def test_ordinal(reader: NumberReader, phrase: str, value: int) -> None:
    assert ordinals(reader, phrase) == [(phrase, value)]


def test_ordinal_in_a_date(reader: NumberReader) -> None:
    assert ordinals(reader, "يوم السابع من نيسان") == [("السابع", 7)]
    assert ordinals(reader, "في الحادي والعشرين من الشهر") == [("الحادي والعشرين", 21)]


def test_ordinal_value_of_something_else_is_none(reader: NumberReader) -> None:
    assert reader.ordinal_value("الكتاب") is None


def test_reader_is_shared() -> None:
    assert number_reader() is number_reader()
