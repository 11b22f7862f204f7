#!/usr/bin/env python3
"""5-fold cross-validation of the CRF entity tagger on the ANERcorp training portion, scored by the real scorer.

    python scripts/cv_ner.py [--data ../shared/eval/dev/anercorp-train.conll] [--c1 X] [--c2 Y]
                             [--max-iterations N] [--grid] [--jobs 2] [--system] [--encoder] [--json OUT]

Folds: the file is cut into the scorer's documents (20 consecutive sentences, as score.py groups them),
and the documents into 5 contiguous folds (the last fold takes the remainder). For each fold a model is
trained on the other four with scripts/train_ner.py's `train`, the held-out sentences are tagged, the
fold is written to a temporary .conll file and the tags to a JSON Lines file of analyses (the document
text exactly as score.py builds it, one entity per predicted span), and `score.py --pred` is run on the
pair: the figures printed are the scorer's `ner.*`. The same figures are also computed here, and the two
must agree. With --system the held-out documents also go through the whole entity stage (lexicons,
gazetteer and the fold's CRF, as `marsad analyze` runs it) and that is scored too: the figure for marsad's
entity tagger as shipped. With --encoder each fold also trains the neural head
(scripts/train_ner_encoder.py's `train_head`, on token vectors computed once for the whole file) and the
main figures are those of the CRF and the head together, as marsad tags; the CRF alone is scored too.
--grid tries several (c1, c2) pairs and prints the mean F1 of each.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from train_ner import DEFAULT_DATA, HYPER_PARAMETERS, ROOT, Sentence, feature_sources, read_conll, train

from marsad.model.document import Document
from marsad.model.serialize import analysis_to_dict
from marsad.pipeline import Pipeline
from marsad.stages.entities import EntityTagger
from marsad.stages.ner_crf import LABELS, OUTSIDE, CrfTagger, FeatureSources, bio_spans

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
DOC_SENTENCES = 20  # score.py's CONLL_DOC_SENTENCES
FOLDS = 5
GRID_C1 = (0.01, 0.05, 0.2)
GRID_C2 = (0.001, 0.01, 0.1)


def fold_ranges(n_sentences: int, folds: int = FOLDS, doc_sentences: int = DOC_SENTENCES) -> list[tuple[int, int]]:
    """Sentence ranges of contiguous folds made of whole scorer documents."""
    n_docs = -(-n_sentences // doc_sentences)
    per_fold = n_docs // folds
    bounds = [k * per_fold for k in range(folds)] + [n_docs]
    return [(bounds[k] * doc_sentences, min(bounds[k + 1] * doc_sentences, n_sentences)) for k in range(folds)]


FoldJob = tuple[int, tuple[int, int], list[Sentence], list[Sentence], dict[str, Any], FeatureSources, bool, bool]
# With --encoder: the token vectors and lexicon tags of every sentence, computed once before the folds
# are forked off (the processes share them).
ENCODED: dict[str, list[Any]] = {}


def run_fold(job: FoldJob) -> tuple[int, list[list[str]], list[list[str]] | None, list[dict[str, Any]] | None, float]:
    """Train on the other folds, tag the held-out one document by document (the scorer's documents);
    returns the fold, the tagger's labels per sentence, with --encoder the CRF's alone too, with
    `system` the scorer documents the whole entity stage produced with the same tagger, and the
    training seconds."""
    fold, (a, b), train_part, held_out, params, sources, document_step, system = job
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / f"fold{fold}.crfsuite"
        seconds = train(train_part, model, params, sources)
        crf_alone = CrfTagger(model, sources)
        tagger = crf_alone
        if ENCODED:
            from train_ner_encoder import train_head

            from marsad.stages.ner_encoder import EncoderTagger

            head = Path(tmp) / f"fold{fold}.onnx"
            vectors, tags = ENCODED["vectors"], ENCODED["tags"]
            seconds += train_head(train_part, vectors[:a] + vectors[b:], tags[:a] + tags[b:], head)
            tagger = CrfTagger(model, sources, encoder=EncoderTagger(head))
    predicted = tag_held_out(tagger, held_out, document_step)
    alone = tag_held_out(crf_alone, held_out, document_step) if tagger is not crf_alone else None
    return fold, predicted, alone, system_documents(held_out, tagger) if system else None, seconds


def tag_held_out(tagger: CrfTagger, held_out: Sequence[Sentence], document_step: bool) -> list[list[str]]:
    predicted: list[list[str]] = []
    for d in range(0, len(held_out), DOC_SENTENCES):
        doc = [s.tokens for s in held_out[d : d + DOC_SENTENCES]]
        predicted.extend(tagger.tag_document(doc) if document_step else [tagger.tag(t) for t in doc])
    return predicted


def system_documents(sentences: Sequence[Sentence], crf: CrfTagger) -> list[dict[str, Any]]:
    """The held-out documents run through the shipped entity stage (lexicons, gazetteer and this
    fold's CRF, merged as at run time); entities as `marsad analyze` prints them."""
    stage = EntityTagger.from_resources(crf=crf)
    pipeline = Pipeline([stage])
    out = []
    for k, doc in enumerate(documents(sentences, [[OUTSIDE] * len(s.tokens) for s in sentences])):
        text = doc["document"]["text"]
        printed = analysis_to_dict(pipeline.run(Document(id=f"cv#{k}", text=text)))
        out.append({"document": {"text": text}, "entities": printed["entities"]})
    return out


def documents(sentences: Sequence[Sentence], predicted: Sequence[Sequence[str]]) -> list[dict[str, Any]]:
    """The scorer's documents (text as score.load_conll builds it) with the predicted entities."""
    out = []
    for d in range(0, len(sentences), DOC_SENTENCES):
        text = ""
        entities = []
        for si in range(d, min(d + DOC_SENTENCES, len(sentences))):
            if si > d:
                text += "\n"
            offsets = []
            for ti, token in enumerate(sentences[si].tokens):
                if ti:
                    text += " "
                offsets.append((len(text), len(text) + len(token)))
                text += token
            for start, end, label in bio_spans(predicted[si]):
                a, b = offsets[start][0], offsets[end - 1][1]
                entities.append({"start": a, "end": b, "text": text[a:b], "label": label})
        out.append({"document": {"text": text}, "entities": entities})
    return out


def own_scores(sentences: Sequence[Sentence], predicted: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Exact-span micro P/R/F1 and per-label F1, computed as score.py does (for the cross-check)."""
    total: Counter[str] = Counter()
    by_label: dict[str, Counter[str]] = {lab: Counter() for lab in LABELS}
    for sentence, labels in zip(sentences, predicted, strict=True):
        gold = set(bio_spans(sentence.labels))
        pred = set(bio_spans(labels))
        total.update(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))
        for lab in LABELS:
            gs = {x for x in gold if x[2] == lab}
            ps = {x for x in pred if x[2] == lab}
            by_label[lab].update(tp=len(gs & ps), fp=len(ps - gs), fn=len(gs - ps))
    p, r, f = prf(total)
    return {"p": p, "r": r, "f1": f, "per_label": {lab: prf(c)[2] for lab, c in by_label.items()}}


def prf(c: Counter[str]) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scorer_scores(sentences: Sequence[Sentence], predicted: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """Run ../shared/eval/score.py --pred on the held-out fold and its predicted documents; None when
    the scorer is absent."""
    if not SCORER.is_file():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "fold.conll"
        with gold.open("w", encoding="utf-8") as f:
            for s in sentences:
                f.writelines(f"{tok} {tag}\n" for tok, tag in zip(s.tokens, s.tags, strict=True))
                f.write("\n")
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as f:
            for doc in predicted:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        out = Path(tmp) / "scores.json"
        proc = subprocess.run(
            [sys.executable, str(SCORER), "--pred", str(pred), str(gold), "--json", str(out), "--errors", "0"],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise SystemExit(f"{SCORER} failed ({proc.returncode}): {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        metrics = json.loads(out.read_text(encoding="utf-8"))["metrics"]
    return {
        "p": metrics["ner.p"],
        "r": metrics["ner.r"],
        "f1": metrics["ner.f1"],
        "per_label": {lab: metrics[f"ner.{lab}.f1"] for lab in LABELS},
    }


def cross_validate(
    data: Path,
    params: dict[str, Any],
    sources: FeatureSources,
    jobs: int = 2,
    folds: int = FOLDS,
    document_step: bool = True,
    system: bool = False,
    dump: Path | None = None,
    encoder: bool = False,
) -> dict[str, Any]:
    """With `encoder`, each fold also trains the neural head (scripts/train_ner_encoder.py) and the
    figures are those of the CRF and the head together, as marsad ships them; the CRF's alone go
    under "crf_alone"."""
    sentences = read_conll(data)
    ranges = fold_ranges(len(sentences), folds)
    work: list[FoldJob] = [
        (k, (a, b), sentences[:a] + sentences[b:], sentences[a:b], params, sources, document_step, system)
        for k, (a, b) in enumerate(ranges)
    ]
    ENCODED.clear()
    if encoder:
        from train_ner_encoder import encode_sentences, lexicon_tag_sets

        from marsad.stages.ner_encoder import TokenEncoder

        ENCODED["vectors"] = encode_sentences(sentences, TokenEncoder())
        ENCODED["tags"] = lexicon_tag_sets(sentences, sources)
    if system and not SCORER.is_file():
        raise SystemExit(f"{SCORER}: not found; --system is scored by the scorer only")
    t0 = time.perf_counter()
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(run_fold, work, chunksize=1)
    else:
        results = [run_fold(job) for job in work]
    rows: list[dict[str, Any]] = []
    alone_rows: list[dict[str, Any]] = []
    system_rows: list[dict[str, Any]] = []
    for fold, labels, alone, system_docs, seconds in sorted(results, key=lambda r: r[0]):
        a, b = ranges[fold]
        held_out = sentences[a:b]
        docs = documents(held_out, labels)
        mine = own_scores(held_out, labels)
        official = scorer_scores(held_out, docs)
        if official is not None:
            for key in ("p", "r", "f1"):
                if abs(official[key] - mine[key]) > 1e-4:
                    raise SystemExit(f"fold {fold}: scorer {key}={official[key]} but cv_ner computes {mine[key]:.4f}")
        about = {"fold": fold + 1, "sentences": f"{a}-{b}", "docs": -(-(b - a) // DOC_SENTENCES),
                 "train_s": round(seconds, 1)}
        rows.append({**about, "scorer": official is not None, **(official or mine)})
        if alone is not None:
            alone_official = scorer_scores(held_out, documents(held_out, alone))
            alone_rows.append({**about, "scorer": alone_official is not None,
                               **(alone_official or own_scores(held_out, alone))})
        if system_docs is not None:
            scored = scorer_scores(held_out, system_docs)
            assert scored is not None  # checked above: --system needs the scorer
            system_rows.append({**about, "scorer": True, **scored})
        if dump is not None:
            dump.mkdir(parents=True, exist_ok=True)
            for name, out in (("crf", docs), ("system", system_docs)):
                if out is not None:
                    with (dump / f"{name}-fold{fold + 1}.jsonl").open("w", encoding="utf-8") as f:
                        f.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in out)
    result: dict[str, Any] = {
        "params": params,
        "sources": list(sources.names),
        "document_step": document_step,
        "encoder": encoder,
        "doc_sentences": DOC_SENTENCES,
        "folds": rows,
        "mean": mean_row(rows),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    if alone_rows:
        result["crf_alone"] = {"folds": alone_rows, "mean": mean_row(alone_rows)}
    if system_rows:
        result["system"] = {"folds": system_rows, "mean": mean_row(system_rows)}
    ENCODED.clear()
    return result


def mean_row(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The mean over folds (macro over folds, each fold micro over its entities)."""
    return {
        "fold": "mean",
        "p": sum(r["p"] for r in rows) / len(rows),
        "r": sum(r["r"] for r in rows) / len(rows),
        "f1": sum(r["f1"] for r in rows) / len(rows),
        "per_label": {lab: sum(r["per_label"][lab] for r in rows) / len(rows) for lab in LABELS},
    }


def print_table(cv: dict[str, Any]) -> None:
    if cv.get("encoder"):
        parts = [("CRF and encoder head together (with the document step)", cv["folds"], cv["mean"]),
                 ("CRF alone", cv["crf_alone"]["folds"], cv["crf_alone"]["mean"])]
    else:
        parts = [("CRF alone (with its document step)", cv["folds"], cv["mean"])]
    if "system" in cv:
        whole = cv["system"]
        parts.append(("whole entity stage (lexicons, gazetteer, this tagger)", whole["folds"], whole["mean"]))
    for title, folds, mean in parts:
        print(title)
        print(f"{'fold':>5} {'docs':>5} {'P':>7} {'R':>7} {'F1':>7} " + " ".join(f"{lab + ' F1':>8}" for lab in LABELS))
        for r in [*folds, mean]:
            print(
                f"{r['fold']!s:>5} {r.get('docs', '')!s:>5} {r['p']:7.4f} {r['r']:7.4f} {r['f1']:7.4f} "
                + " ".join(f"{r['per_label'][lab]:8.4f}" for lab in LABELS)
            )
    source = "score.py" if all(r["scorer"] for r in cv["folds"]) else "cv_ner (score.py not found)"
    print(
        f"figures from {source}; params {cv['params']}; name lists {cv['sources']}; "
        f"document step {cv['document_step']}; {cv['seconds']} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--c1", type=float, default=HYPER_PARAMETERS["c1"])
    ap.add_argument("--c2", type=float, default=HYPER_PARAMETERS["c2"])
    ap.add_argument("--max-iterations", type=int, default=HYPER_PARAMETERS["max_iterations"])
    ap.add_argument("--grid", action="store_true", help=f"try c1 in {GRID_C1} x c2 in {GRID_C2}")
    ap.add_argument("--jobs", type=int, default=2, help="folds trained at once (one core each)")
    ap.add_argument("--no-sources", action="store_true", help="without the gazetteer and entity-lexicon features")
    ap.add_argument("--sentence-only", action="store_true", help="without the document step (propagate_labels)")
    ap.add_argument("--system", action="store_true",
                    help="also score the whole entity stage (lexicons, gazetteer, each fold's CRF)")
    ap.add_argument("--encoder", action="store_true",
                    help="also train the neural head per fold and score the CRF and the head together")
    ap.add_argument("--dump", type=Path, help="write each fold's predicted documents (crf-foldK.jsonl, "
                    "system-foldK.jsonl) here")
    ap.add_argument("--json", type=Path, help="write the results here")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"{args.data}: ANERcorp training data not found; nothing to cross-validate.")
        return 0
    settings = [(c1, c2) for c1, c2 in itertools.product(GRID_C1, GRID_C2)] if args.grid else [(args.c1, args.c2)]
    results = []
    for c1, c2 in settings:
        params = {**HYPER_PARAMETERS, "c1": c1, "c2": c2, "max_iterations": args.max_iterations}
        cv = cross_validate(
            args.data,
            params,
            feature_sources(not args.no_sources),
            jobs=args.jobs,
            document_step=not args.sentence_only,
            system=args.system,
            dump=args.dump,
            encoder=args.encoder,
        )
        print_table(cv)
        results.append(cv)
    if args.grid:
        print("\nc1     c2     mean F1")
        for cv in sorted(results, key=lambda r: -r["mean"]["f1"]):
            print(f"{cv['params']['c1']:<6} {cv['params']['c2']:<6} {cv['mean']['f1']:.4f}")
    if args.json:
        args.json.write_text(
            json.dumps(results if args.grid else results[0], ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
