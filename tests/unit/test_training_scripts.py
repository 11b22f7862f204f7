"""The training and cross-validation scripts: mention replacement and fold layout, on data written here."""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from cv_ner import fold_ranges, mean_row
from train_ner import Sentence, augmented

POOLS = {"PER": [("سالم", "الخياط")], "LOC": [("طنطا",)], "ORG": [("شركة", "النور")], "MISC": [("اليورو",)]}


def sentence(pairs: str) -> Sentence:
    tokens, tags = zip(*(p.rsplit("/", 1) for p in pairs.split()), strict=True)
    return Sentence(tuple(tokens), tuple(tags))


def test_names_without_proclitics_are_replaced_by_names_of_their_class() -> None:
    s = sentence("قال/O أحمد/B-PERS زكي/I-PERS في/O القاهرة/B-LOC وبغداد/B-LOC أمس/O")
    (copy,) = augmented([s], POOLS, seed=1)
    assert copy.tokens == ("قال", "سالم", "الخياط", "في", "القاهرة", "وبغداد", "أمس")
    assert copy.tags == ("O", "B-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "O")
    # القاهرة keeps its article and وبغداد its proclitic: only bare names are swapped
    assert copy.unlisted <= {1, 2}


def test_sentences_without_names_are_not_copied() -> None:
    assert augmented([sentence("قال/O إن/O الأمر/O انتهى/O")], POOLS) == []


def test_replacement_is_reproducible() -> None:
    s = sentence("زار/O ميشيل/B-PERS مدينة/O ليون/B-LOC")
    assert augmented([s], POOLS, seed=7) == augmented([s], POOLS, seed=7)


@pytest.mark.parametrize("n", [5, 100, 4284])
def test_folds_are_contiguous_whole_documents_covering_everything(n: int) -> None:
    ranges = fold_ranges(n, folds=5, doc_sentences=20)
    assert ranges[0][0] == 0 and ranges[-1][1] == n
    assert all(a == prev_b for (_, prev_b), (a, _) in pairwise(ranges))
    assert all(a % 20 == 0 for a, _ in ranges)


def test_mean_row_is_the_mean_over_folds() -> None:
    rows = [{"p": 1.0, "r": 0.5, "f1": 0.6, "per_label": {lab: 0.2 for lab in ("PER", "ORG", "LOC", "MISC")}},
            {"p": 0.0, "r": 0.5, "f1": 0.4, "per_label": {lab: 0.4 for lab in ("PER", "ORG", "LOC", "MISC")}}]
    mean = mean_row(rows)
    assert (mean["p"], mean["r"], round(mean["f1"], 6)) == (0.5, 0.5, 0.5)
    assert mean["per_label"]["ORG"] == pytest.approx(0.3)


def test_a_head_trained_on_a_few_sentences_exports_and_tags(tmp_path: Path) -> None:
    """train_ner_encoder's head, trained for a few epochs on sentences written here, exports to an ONNX
    file that EncoderTagger runs, and learns the labels it was shown (needs the `encoder` extra)."""
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from train_ner_encoder import encode_sentences, lexicon_tag_sets, train_head

    from marsad.stages.ner_crf import best_bio_sequence, bio_spans, shipped_sources
    from marsad.stages.ner_encoder import EncoderTagger, shipped_encoder

    train = [
        sentence("زار/O سالم/B-PERS الخياط/I-PERS مدينة/O طنطا/B-LOC أمس/O"),
        sentence("وصل/O سالم/B-PERS الخياط/I-PERS إلى/O طنطا/B-LOC"),
        sentence("قالت/O شركة/B-ORG النور/I-ORG إن/O الأرباح/O زادت/O"),
    ] * 8
    vectors = encode_sentences(train, shipped_encoder())
    tags = lexicon_tag_sets(train, shipped_sources())
    out = tmp_path / "head.onnx"
    seconds = train_head(train, vectors, tags, out, {"epochs": 15, "warmup_steps": 1})
    assert seconds > 0 and out.is_file() and out.with_suffix(".json").is_file()
    head = EncoderTagger(out)
    first = train[0]
    probabilities = head.marginals(first.tokens, tags[0])
    assert bio_spans(best_bio_sequence(probabilities)) == [(1, 3, "PER"), (4, 5, "LOC")]


def test_the_character_encoder_build_reproduces_the_shipped_files(tmp_path: Path) -> None:
    """scripts/build_char_encoder.py, run again from text2tashkeel, writes the committed files byte for
    byte (needs the `encoder` extra)."""
    pytest.importorskip("onnx")
    pytest.importorskip("text2tashkeel")
    from build_char_encoder import OUT_DIR
    from build_char_encoder import main as build

    assert build(["--out-dir", str(tmp_path)]) == 0
    for name in ("char-encoder.onnx", "char-encoder.vocab.json"):
        assert (tmp_path / name).read_bytes() == (OUT_DIR / name).read_bytes(), name
