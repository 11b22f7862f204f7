"""Multi-word lexicon matching: longest phrase first, proclitics, suffixes and the article, with words
that only join across spaces; the per-word caches must never change a result."""

from __future__ import annotations

from marsad.text.phrases import PhraseIndex, PhraseMatch, Word, words_of


def _find(index: PhraseIndex[int], text: str) -> list[tuple[str, str, str, str]]:
    return [(text[m.start : m.end], m.prefix, m.suffix, m.phrase) for m in index.find(text)]


def test_longest_phrase_wins() -> None:
    index = PhraseIndex([("مجلس", 1), ("مجلس الامن", 2), ("مجلس الامن الدولي", 3)])
    matches = index.find("اجتمع مجلس الامن الدولي امس")
    assert [(m.phrase, m.payload, m.word_start, m.word_end) for m in matches] == [("مجلس الامن الدولي", 3, 1, 4)]


def test_a_longer_phrase_that_does_not_finish_falls_back_to_a_shorter_one() -> None:
    # 'وقف اطلاق' begins the three-word phrase but is not followed by its last word.
    index = PhraseIndex([("وقف اطلاق النار", 1), ("وقف", 2)])
    assert _find(index, "وقف اطلاق الصواريخ") == [("وقف", "", "", "وقف")]
    assert _find(index, "بعد وقف اطلاق النار") == [("وقف اطلاق النار", "", "", "وقف اطلاق النار")]


def test_words_join_only_across_spaces() -> None:
    index = PhraseIndex([("مجلس الامن", 1), ("الامن", 2)])
    assert _find(index, "مجلس، الامن") == [("الامن", "", "", "الامن")]
    assert _find(index, "مجلس\nالامن") == [("مجلس\nالامن", "", "", "مجلس الامن")]


def test_proclitics_are_split_off_the_first_word() -> None:
    index = PhraseIndex([("مجلس الامن", 1), ("بيان", 2)])
    text = "وبيان ومجلس الامن"
    assert _find(index, text) == [("بيان", "و", "", "بيان"), ("مجلس الامن", "و", "", "مجلس الامن")]
    assert index.find(text)[1].start == text.index("مجلس")


def test_pronoun_suffixes_on_the_last_word() -> None:
    index = PhraseIndex([("اكد", 1), ("غارات", 2), ("قال مصدر", 3)], suffixes=True)
    assert _find(index, "اكده وغاراتها") == [("اكده", "", "ه", "اكد"), ("غاراتها", "و", "ها", "غارات")]
    assert _find(index, "قال مصدرهم") == [("قال مصدرهم", "", "هم", "قال مصدر")]
    assert _find(PhraseIndex([("اكد", 1)]), "اكده") == []


def test_the_article_on_bare_nouns() -> None:
    entries = [("انسحاب", 1)]
    assert _find(PhraseIndex(entries, article=True), "بالانسحاب") == [("انسحاب", "بال", "", "انسحاب")]
    assert _find(PhraseIndex(entries), "بالانسحاب") == []


def test_match_at_a_word_and_again_gives_the_same_match() -> None:
    index = PhraseIndex([("مجلس الامن", 1), ("مجلس", 2)])
    text = "مجلس الامن ثم مجلس"
    words = words_of(text)
    first = index.match_at(text, words, 0)
    assert first == PhraseMatch(0, 10, 0, 2, "", "", "مجلس الامن", 1)
    assert index.match_at(text, words, 0) == first  # the cached reading of the word
    assert index.match_at(text, words, 3) == PhraseMatch(14, 18, 3, 4, "", "", "مجلس", 2)
    assert index.match_at(text, words, 2) is None


def test_words_of_gives_a_new_list_each_time() -> None:
    text = "قال مصدر"
    words = words_of(text)
    assert words == [Word(0, 3, "قال"), Word(4, 8, "مصدر")]
    words.pop()  # a caller's list is its own, whatever is cached
    assert words_of(text) == [Word(0, 3, "قال"), Word(4, 8, "مصدر")]


def test_a_bare_phrase_matches_with_the_article_on_every_word() -> None:
    # Text as the stages pass it, folded (ة -> ه).
    index = PhraseIndex([("عمليه عسكريه", 1), ("وقف اطلاق النار", 2)], article=True)
    assert _find(index, "بدات العمليه العسكريه") == [("عمليه العسكريه", "ال", "", "عمليه عسكريه")]
    assert _find(index, "وللعمليه العسكريه") == [("عمليه العسكريه", "ولال", "", "عمليه عسكريه")]
    assert _find(index, "بدات عمليه عسكريه") == [("عمليه عسكريه", "", "", "عمليه عسكريه")]
    # The article only comes off later words when the first word had it: عمليه العسكريه is no phrase.
    assert _find(index, "بدات عمليه العسكريه") == []
    assert _find(index, "بعد وقف اطلاق النار") == [("وقف اطلاق النار", "", "", "وقف اطلاق النار")]


def test_a_phrase_without_article_reading_keeps_later_words_as_written() -> None:
    index = PhraseIndex([("عمليه عسكريه", 1)])
    assert _find(index, "بدات العمليه العسكريه") == []


def test_li_and_the_article_written_as_lam_lam_start_the_match_after_both() -> None:
    index = PhraseIndex([("انسحاب", 1), ("مجلس الامن", 2)], article=True)
    assert _find(index, "للانسحاب") == [("انسحاب", "لال", "", "انسحاب")]
    assert _find(index, "وللمجلس الامن") == [("مجلس الامن", "ولال", "", "مجلس الامن")]
