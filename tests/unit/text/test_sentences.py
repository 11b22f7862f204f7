"""Sentence splitting: marks end sentences, numbers do not, closing quotes stay with their sentence."""

from __future__ import annotations

from itertools import pairwise

import pytest

from marsad.model.spans import Span
from marsad.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_full_stop() -> None:
    assert sentences("وصل الوفد. بدأت المحادثات.") == ["وصل الوفد.", "بدأت المحادثات."]


def test_decimal_number_does_not_split() -> None:
    assert sentences("بلغ النمو 5.7 في المئة. وتراجع التضخم.") == [
        "بلغ النمو 5.7 في المئة.",
        "وتراجع التضخم.",
    ]


def test_full_stop_after_a_number_splits() -> None:
    assert sentences("انتهت الحرب عام 2020. ثم بدأ الإعمار.") == ["انتهت الحرب عام 2020.", "ثم بدأ الإعمار."]


@pytest.mark.parametrize("mark", ["؟", "?", "!", "…", "..."])
def test_question_and_exclamation_marks_split(mark: str) -> None:
    assert sentences(f"هل انتهى الأمر{mark} لا أحد يعرف") == [f"هل انتهى الأمر{mark}", "لا أحد يعرف"]


def test_runs_of_marks_end_one_sentence() -> None:
    assert sentences("حقاً؟! نعم") == ["حقاً؟!", "نعم"]


@pytest.mark.parametrize("marks", ["...", "؟!", "…", "!!"])
def test_runs_of_marks_after_a_number_end_one_sentence(marks: str) -> None:
    assert sentences(f"بلغ العدد 30{marks} ثم توقف") == [f"بلغ العدد 30{marks}", "ثم توقف"]


@pytest.mark.parametrize(("opening", "closing"), [("«", "»"), ('"', '"'), ("“", "”"), ("(", ")")])
def test_closing_quotes_stay_with_their_sentence(opening: str, closing: str) -> None:
    text = f"قال الوزير {opening}لن ننسحب.{closing} وغادر القاعة."
    assert sentences(text) == [f"قال الوزير {opening}لن ننسحب.{closing}", "وغادر القاعة."]


def test_question_inside_quotes() -> None:
    assert sentences("سأل: «متى يعود الجنود؟» ولم يجب أحد.") == ["سأل: «متى يعود الجنود؟»", "ولم يجب أحد."]


def test_line_breaks_split_and_are_trimmed() -> None:
    text = "عنوان الخبر\n\n  نص الخبر الأول \nسطر آخر"
    assert sentences(text) == ["عنوان الخبر", "نص الخبر الأول", "سطر آخر"]


def test_comma_and_arabic_comma_do_not_split() -> None:
    assert sentences("قتل 5,700 شخص، وجرح آخرون, حسب المصادر") == ["قتل 5,700 شخص، وجرح آخرون, حسب المصادر"]


def test_last_sentence_without_a_mark() -> None:
    assert sentences("انتهى الاجتماع. لم يصدر بيان") == ["انتهى الاجتماع.", "لم يصدر بيان"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "..."])
def test_nothing_to_split(text: str) -> None:
    spans = split_sentences(text)
    assert all(text[s.start : s.end].strip() for s in spans)
    assert len(spans) <= 1


def test_spans_are_ordered_disjoint_and_cover_every_word() -> None:
    text = " أولاً: وصل الوفد.  ثانياً؟ بدأ الحوار!\nثالثاً «انتهى». "
    spans = split_sentences(text)
    assert all(isinstance(s, Span) for s in spans)
    for before, after in pairwise(spans):
        assert before.end <= after.start
    # Only whitespace falls between or around sentences.
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert len(spans) == 4
    for s in spans:
        assert text[s.start] != " "
        assert text[s.end - 1] != " "
