"""The normalizer folds and drops characters on a view, and maps every view position back."""

from __future__ import annotations

import pytest

from marsad.text.normalize import (
    ARABIC_LETTER_MARK,
    BYTE_ORDER_MARK,
    TATWEEL,
    ZERO_WIDTH_JOINER,
    ZERO_WIDTH_NON_JOINER,
    fold,
    normalize,
)

FATHA = "\u064e"
DAMMA = "\u064f"
KASRA = "\u0650"
SHADDA = "\u0651"
SUKUN = "\u0652"
TANWIN_FATH = "\u064b"
SUPERSCRIPT_ALEF = "\u0670"
RIGHT_TO_LEFT_MARK = "\u200f"
LEFT_TO_RIGHT_MARK = "\u200e"
RIGHT_TO_LEFT_EMBEDDING = "\u202b"
POP_DIRECTIONAL_FORMATTING = "\u202c"
NO_BREAK_SPACE = "\u00a0"


def raw_of(raw: str, view: str, needle: str) -> str:
    """The raw text behind the first occurrence of `needle` in the normalized view."""
    norm = normalize(raw)
    assert norm.text == view
    start = view.index(needle)
    a, b = norm.to_raw(start, start + len(needle))
    return raw[a:b]


@pytest.mark.parametrize(
    ("raw", "view"),
    [
        ("أحمد", "احمد"),
        ("إلى", "الي"),
        ("آخر", "اخر"),
        ("ٱلكتاب", "الكتاب"),  # alef wasla
        ("مستشفى", "مستشفي"),
        ("مدينة", "مدينه"),
        ("فارسی", "فارسي"),  # Persian ya
        ("کتاب", "كتاب"),  # Persian kaf
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("١٫٥", "1.5"),  # Arabic decimal separator
        ("٥٬٧٠٠", "5,700"),  # Arabic thousands separator
        (f"عشرة{NO_BREAK_SPACE}أيام", "عشره ايام"),
        ("بعد\tغد", "بعد غد"),
    ],
)
def test_folds(raw: str, view: str) -> None:
    norm = normalize(raw)
    assert norm.text == view
    assert len(norm.text) == len(raw)  # one for one: the map stays the identity
    assert norm.offsets.is_identity
    assert norm.raw is raw


@pytest.mark.parametrize(
    ("raw", "view"),
    [
        (f"ك{FATHA}ت{FATHA}ب{FATHA}", "كتب"),
        (f"م{DAMMA}ح{FATHA}م{SHADDA}{FATHA}د", "محمد"),
        (f"شهر{TANWIN_FATH}ا", "شهرا"),
        (f"ه{SUPERSCRIPT_ALEF}ذا", "هذا"),
        (f"ك{TATWEEL * 3}ت{TATWEEL}اب", "كتاب"),
        (f"{RIGHT_TO_LEFT_MARK}غزة{LEFT_TO_RIGHT_MARK}", "غزه"),
        (f"{RIGHT_TO_LEFT_EMBEDDING}حلب{POP_DIRECTIONAL_FORMATTING}", "حلب"),
        (f"می{ZERO_WIDTH_NON_JOINER}خواهم", "ميخواهم"),
        (f"{BYTE_ORDER_MARK}خبر", "خبر"),
        (f"ب{ZERO_WIDTH_JOINER}ين{ARABIC_LETTER_MARK}", "بين"),
    ],
)
def test_drops(raw: str, view: str) -> None:
    assert normalize(raw).text == view


def test_marks_spelled_out() -> None:
    # The same word written with every kind of dropped mark between its letters.
    raw = f"ا{FATHA}ل{SUKUN}م{DAMMA}د{KASRA}ي{SHADDA}{TATWEEL}ن{TANWIN_FATH}ة{SUPERSCRIPT_ALEF}"
    assert normalize(raw).text == "المدينه"


def test_plain_text_is_unchanged_and_identity_mapped() -> None:
    raw = "وصل الوفد صباح اليوم"
    norm = normalize(raw)
    assert norm.text == raw
    assert norm.offsets.is_identity
    assert norm.to_raw(4, 8) == (4, 8)


def test_offsets_skip_tatweel_and_harakat() -> None:
    raw = f"ق{TATWEEL * 3}ال{FATHA} الوزير{DAMMA} إن{SHADDA}"
    view = "قال الوزير ان"
    # A span runs from its first to its last letter: marks inside it are included, marks after its
    # last letter are not.
    assert raw_of(raw, view, "الوزير") == "الوزير"
    assert raw_of(raw, view, "قال") == f"ق{TATWEEL * 3}ال"
    assert raw_of(raw, view, "ان") == "إن"
    assert raw_of(raw, view, "قال الوزير") == f"ق{TATWEEL * 3}ال{FATHA} الوزير"


def test_offsets_across_bidi_marks() -> None:
    raw = f"وصل {RIGHT_TO_LEFT_MARK}٣٠٠{LEFT_TO_RIGHT_MARK} جندي"
    view = "وصل 300 جندي"
    assert raw_of(raw, view, "300") == "٣٠٠"
    assert raw_of(raw, view, "300 جندي") == f"٣٠٠{LEFT_TO_RIGHT_MARK} جندي"
    norm = normalize(raw)
    start = view.index("جندي")
    assert norm.to_raw(start, start + 4) == (raw.index("جندي"), len(raw))


def test_each_view_char_maps_to_one_raw_char() -> None:
    raw = f"{RIGHT_TO_LEFT_MARK}أ{DAMMA}عل{KASRA}ن{FATHA} ع{TATWEEL}ن ٥ قتلى"
    norm = normalize(raw)
    assert norm.text == "اعلن عن 5 قتلي"
    for i, ch in enumerate(norm.text):
        a, b = norm.to_raw(i, i + 1)
        assert b == a + 1
        assert fold(raw[a]) == ch


def test_empty_and_end_spans() -> None:
    raw = f"نعم{FATHA}{TATWEEL}"
    norm = normalize(raw)
    assert norm.text == "نعم"
    assert norm.to_raw(3, 3) == (len(raw), len(raw))
    assert norm.to_raw(1, 1) == (1, 1)
    assert norm.to_raw(0, 3) == (0, 3)
    assert norm.offsets.raw_position(3) == len(raw)


def test_empty_text() -> None:
    norm = normalize("")
    assert norm.text == ""
    assert norm.to_raw(0, 0) == (0, 0)


def test_only_dropped_characters() -> None:
    raw = f"{TATWEEL}{FATHA}{RIGHT_TO_LEFT_MARK}"
    norm = normalize(raw)
    assert norm.text == ""
    assert norm.to_raw(0, 0) == (len(raw), len(raw))


def test_fold_matches_normalize() -> None:
    entry = f"الأ{DAMMA}سبوع الم{TATWEEL}اضي"
    assert fold(entry) == normalize(entry).text == "الاسبوع الماضي"


def test_punctuation_is_kept() -> None:
    raw = "«نعم»، قال؛ ثم سأل: لماذا؟"
    assert normalize(raw).text == "«نعم»، قال؛ ثم سال: لماذا؟"
