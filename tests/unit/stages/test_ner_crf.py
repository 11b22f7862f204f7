"""CRF entity tagger: deterministic features, lexicon tags, BIO spans, the document step, the shipped model."""

from __future__ import annotations

from importlib import resources

import pytest

from marsad.stages.ner_crf import (
    CONTINUES,
    LABELS,
    MODEL_CARD_RESOURCE,
    TAG_ORG_WORD,
    TAG_PERSON_NAME,
    TAG_PLACE,
    TAG_TITLE,
    CrfTagger,
    FeatureSources,
    PhraseIndex,
    bio_spans,
    default_tagger,
    lexicon_tags_for,
    mend_person_names,
    propagate_labels,
    sentence_features,
    to_bio,
    to_bioes,
    token_features,
)


def words(sentence: str) -> list[str]:
    return sentence.split()


# ---------- features ----------

SENTENCE = words("وقال الرئيس اللبناني ميشال عون في بيروت إن وزارة المالية ستنشر الأرقام")


def test_features_are_deterministic() -> None:
    tags = lexicon_tags_for(SENTENCE)
    first = [token_features(SENTENCE, i, tags) for i in range(len(SENTENCE))]
    again = [token_features(list(SENTENCE), i, lexicon_tags_for(SENTENCE)) for i in range(len(SENTENCE))]
    assert first == again
    assert sentence_features(SENTENCE, tags) == first


def test_features_see_the_word_its_stems_and_neighbours() -> None:
    feats = token_features(words("وصل الوفد بسوريا أمس"), 2)
    assert "w=بسوريا" in feats
    assert "st=سوريا" in feats  # the proclitic ب split off
    assert "-1:w=الوفد" in feats
    assert "1:w=امس" in feats  # folded: أ -> ا
    assert "2:w=<s>" in feats
    assert "EOS" not in feats
    assert "EOS" in token_features(words("وصل الوفد بسوريا أمس"), 3)


def test_features_carry_the_lexicon_tags_of_the_word_and_its_neighbours() -> None:
    tokens = words("أعلن الوزير خالد")
    tags = [frozenset(), frozenset({TAG_TITLE}), frozenset({TAG_PERSON_NAME})]
    feats = token_features(tokens, 2, tags)
    assert f"lex={TAG_PERSON_NAME}" in feats
    assert f"-1:lex={TAG_TITLE}" in feats
    assert not any("lex=" in f for f in token_features(tokens, 2))


# ---------- lexicon tags ----------


def test_lexicon_tags_find_titles_names_and_organisation_words() -> None:
    tags = lexicon_tags_for(SENTENCE)
    by_word = dict(zip(SENTENCE, tags, strict=True))
    assert TAG_TITLE in by_word["الرئيس"]
    assert TAG_PERSON_NAME in by_word["ميشال"]
    assert TAG_ORG_WORD in by_word["وزارة"]
    assert not by_word["في"]


def test_lexicon_tags_see_through_proclitics_and_multiword_entries() -> None:
    tokens = words("والتقى برئيس الوزراء وبعبد الله")
    tags = lexicon_tags_for(tokens)
    # رئيس الوزراء, with ب on the first word; عبد الله, with و ب: first word, then words that continue it
    assert TAG_TITLE in tags[1] and TAG_TITLE + CONTINUES in tags[2]
    assert TAG_PERSON_NAME in tags[3] and TAG_PERSON_NAME + CONTINUES in tags[4]


def test_place_lookup_hook_and_phrase_sources() -> None:
    tokens = words("وصلوا إلى بغداد ثم الدار البيضاء")
    places = {"بغداد", "الدار البيضاء"}
    by_hook = lexicon_tags_for(tokens, is_place=places.__contains__)
    index = PhraseIndex.of([(p, TAG_PLACE) for p in places], ignore_article=False)
    by_index = lexicon_tags_for(tokens, sources=FeatureSources(places=index))
    for tags in (by_hook, by_index):
        assert [TAG_PLACE in t for t in tags] == [False, False, True, False, True, False]
        assert TAG_PLACE + CONTINUES in tags[5]


# ---------- spans and the document step ----------


def test_bio_spans_read_labels_as_the_scorer_does() -> None:
    labels = ["B-PER", "I-PER", "O", "I-LOC", "I-ORG", "B-ORG", "I-ORG", "O", "B-MISC"]
    assert bio_spans(labels) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG"), (8, 9, "MISC")]
    assert bio_spans([]) == []
    assert bio_spans(["O", "O"]) == []


def test_propagate_labels_tags_other_mentions_of_a_name() -> None:
    sentences = [words("قال الكاتب نجيب محفوظ كلاما"), words("وكتب محفوظ عن القاهرة"), words("ثم زار نجيب محفوظ بلدته")]
    labels = [["O", "O", "B-PER", "I-PER", "O"], ["O", "O", "O", "B-LOC"], ["O", "O", "O", "O", "O"]]
    out = propagate_labels(sentences, labels)
    assert out[0] == labels[0]
    assert out[1] == ["O", "B-PER", "O", "B-LOC"]  # the last name alone
    assert out[2] == ["O", "O", "B-PER", "I-PER", "O"]  # the full name again


def test_propagate_labels_never_changes_tagged_tokens() -> None:
    sentences = [words("زار عمرو موسى القاهرة"), words("وقال موسى")]
    labels = [["O", "B-PER", "I-PER", "B-LOC"], ["O", "B-ORG"]]
    assert propagate_labels(sentences, labels) == labels


# ---------- the shipped model ----------


@pytest.fixture(scope="module")
def tagger() -> CrfTagger:
    return default_tagger()


def spans_of(tagger: CrfTagger, sentence: str) -> set[tuple[str, str]]:
    tokens = words(sentence)
    return {(" ".join(tokens[a:b]), label) for a, b, label in tagger.spans(tokens)}


def test_bioes_round_trip_and_lenient_reading() -> None:
    bio = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "O", "B-MISC"]
    assert to_bioes(bio) == ["B-PER", "I-PER", "E-PER", "O", "S-LOC", "B-ORG", "E-ORG", "O", "S-MISC"]
    assert to_bio(to_bioes(bio)) == bio
    # An end or inside label that continues nothing starts a name; one of another class too.
    assert to_bio(["O", "E-PER", "I-LOC", "E-LOC"]) == ["O", "B-PER", "B-LOC", "I-LOC"]


def test_mend_person_names_runs_a_name_on_over_linking_words() -> None:
    tokens = words("زار الباحث قبر عمر بن أبي ربيعة أمس")
    labels = ["O", "O", "O", "B-PER", "I-PER", "I-PER", "O", "O"]
    assert mend_person_names(tokens, labels)[6] == "I-PER"
    # A particle before a European surname joins it; a name that ends well is left alone.
    tokens = words("وسجل فون براون هدفين")
    assert mend_person_names(tokens, ["O", "O", "B-PER", "O"]) == ["O", "B-PER", "I-PER", "O"]
    assert mend_person_names(words("قال سمير قصير"), ["O", "B-PER", "I-PER"]) == ["O", "B-PER", "I-PER"]


def test_mend_person_names_splits_two_people_joined_by_and() -> None:
    tokens = words("واستقبل الوزير سليم ومحمد الحص")
    mended = mend_person_names(tokens, ["O", "O", "B-PER", "I-PER", "I-PER"])
    assert bio_spans(mended) == [(2, 3, "PER"), (3, 5, "PER")]
    # وليد is a name of its own, not و + ليد; after أبي the و belongs to the name.
    assert bio_spans(mend_person_names(words("التقى سامي وليد"), ["O", "B-PER", "I-PER"])) == [(1, 3, "PER")]
    tokens = words("ضريح سعد بن أبي وقاص")
    assert bio_spans(mend_person_names(tokens, ["O", "B-PER", "I-PER", "I-PER", "I-PER"])) == [(1, 5, "PER")]


def test_shipped_model_loads_with_the_anercorp_labels(tagger: CrfTagger) -> None:
    assert {label[2:] for label in tagger.labels if label != "O"} == set(LABELS)


def test_tags_a_president_and_a_capital(tagger: CrfTagger) -> None:
    found = spans_of(tagger, "وقال الرئيس السوري بشار الأسد في خطاب ألقاه في دمشق إن الحوار مستمر .")
    assert ("بشار الأسد", "PER") in found
    assert ("دمشق", "LOC") in found


def test_tags_a_minister_and_cities(tagger: CrfTagger) -> None:
    found = spans_of(tagger, "والتقى وزير الخارجية الأمريكي جون كيري نظيره الروسي في واشنطن بعد زيارته القاهرة .")
    assert ("جون كيري", "PER") in found
    assert ("واشنطن", "LOC") in found
    assert ("القاهرة", "LOC") in found


def test_tags_an_organisation(tagger: CrfTagger) -> None:
    found = spans_of(tagger, "وأعلنت منظمة الصحة العالمية أمس أن عدد الإصابات ارتفع في اليمن .")
    assert ("منظمة الصحة العالمية", "ORG") in found
    assert ("اليمن", "LOC") in found


def test_one_label_per_token_and_empty_input(tagger: CrfTagger) -> None:
    tokens = words("ذكرت وكالة الأنباء أن الأمطار غزيرة في شمال المغرب")
    labels = tagger.tag(tokens)
    assert len(labels) == len(tokens)
    assert set(labels) <= set(tagger.labels)
    assert tagger.tag([]) == []
    assert tagger.tag_document([]) == []
    document = tagger.tag_document([tokens, []])
    assert len(document[0]) == len(tokens)
    assert document[1] == []


def test_tagging_is_deterministic(tagger: CrfTagger) -> None:
    tokens = words("وصل رئيس الوزراء العراقي إلى أنقرة للقاء الرئيس التركي")
    assert tagger.tag(tokens) == tagger.tag(list(tokens))
    assert tagger.tag(tokens) == tagger.tag(tokens, tagger.lexicon_tags(tokens))


def test_mismatched_lexicon_tags_are_refused(tagger: CrfTagger) -> None:
    with pytest.raises(ValueError, match="2 tokens but 1"):
        tagger.tag(["في", "دمشق"], [frozenset()])


def test_model_card_cites_the_data() -> None:
    card = resources.files("marsad").joinpath(MODEL_CARD_RESOURCE).read_text(encoding="utf-8")
    assert "Benajiba" in card
    assert "ANERsys" in card
    assert "CICLing" in card
    assert "python scripts/train_ner.py" in card
    for label in LABELS:
        assert f"{label} F1" in card


def test_name_shape_scores_letters_like_the_names_it_was_given() -> None:
    from marsad.stages.ner_crf import NameShape

    shape = NameShape(names=["تشومسكي", "دوستويفسكي", "سكورسيزي", "كاندينسكي"],
                      words=["مدرسه", "مساعده", "مكتبه", "مدينه"])
    assert shape.score("كوفالسكي") > 0 > shape.score("مزرعه")


def test_shipped_name_shape_and_usage_features() -> None:
    from marsad.stages.ner_crf import name_shape_feature, usage_features

    assert name_shape_feature("بو") == "nb=none"  # too short to say
    def bin_of(word: str) -> int:
        return int(name_shape_feature(word).removeprefix("nb="))

    assert bin_of("شوارزنيغر") > bin_of("مساعدات")
    assert usage_features("مساعدات")[0].startswith("zf=")


def test_document_step_does_not_spread_a_very_common_one_word_name() -> None:
    sentences = [words("قال علي إن الأمر انتهى"), words("ووقع الحادث على الطريق")]
    labels = [["O", "B-PER", "O", "O", "O"], ["O", "O", "O", "O"]]
    assert propagate_labels(sentences, labels)[1] == ["O", "O", "O", "O"]


@pytest.mark.parametrize("word", ["الذي", "التي", "الرئيس"])
def test_document_step_does_not_spread_a_stray_tag_on_a_common_word_with_the_article(word: str) -> None:
    # word_usage lists these without the article (ذي, رئيس), where they are far rarer than as written.
    sentences = [words(f"وصل {word} وصل"), words(f"ثم غادر {word} المدينة")]
    labels = [["O", "B-PER", "O"], ["O", "O", "O", "O"]]
    assert propagate_labels(sentences, labels)[1] == ["O", "O", "O", "O"]


def test_document_step_still_spreads_a_name_with_the_article() -> None:
    sentences = [words("هاجم الرئيس الأسد المعارضة"), words("وقال الأسد إن الحرب طويلة")]
    labels = [["O", "O", "B-PER", "O"], ["O", "O", "O", "O", "O"]]
    assert propagate_labels(sentences, labels)[1] == ["O", "B-PER", "O", "O", "O"]


def test_template_keeps_pattern_letters_and_marks_root_letters() -> None:
    from marsad.stages.ner_crf import template

    assert template("مساعدات") == "مCاCCات"
    assert template("استقبال") == "اCتCCاC"
    assert template("2026") == "-"


def test_mend_person_names_opens_the_span_on_a_given_name_after_a_title() -> None:
    tokens = words("قال اللواء سامر الحلبي إن")
    tags = lexicon_tags_for(tokens)
    labels = ["O", "O", "O", "B-PER", "O"]
    assert mend_person_names(tokens, labels, tags) == ["O", "O", "B-PER", "I-PER", "O"]
    # Without a title before it the word is left alone; without the lexicon tags nothing changes.
    plain = words("قال أمس سامر الحلبي إن")
    assert mend_person_names(plain, labels, lexicon_tags_for(plain)) == labels
    assert mend_person_names(tokens, labels) == labels


def test_a_word_that_goes_on_a_title_does_not_open_a_name() -> None:
    # باسم is a given name, but after الناطق it is the title's "on behalf of", with or without a pronoun.
    for text in ("قال الناطق باسم سامر الحلبي", "قال الناطق باسمه سامر الحلبي"):
        tokens = words(text)
        labels = ["O", "O", "O", "B-PER", "I-PER"]
        assert mend_person_names(tokens, labels, lexicon_tags_for(tokens)) == labels
