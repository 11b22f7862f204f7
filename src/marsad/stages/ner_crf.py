"""Statistical entity tagger: a linear-chain CRF (python-crfsuite) over the tokens of one sentence.

The model is trained on the ANERcorp training portion by `scripts/train_ner.py` and shipped with its
card (data/models/ner-crf.md). It gives one BIO label per token over ANERcorp's classes (PER, ORG,
LOC, MISC); the entity stage combines its spans with the lexicon matcher and the gazetteer.

Features live in one place, `token_features`, used by training and tagging alike; the lexicon tags it
reads come from `lexicon_tags_for`, which the training script calls too, so a model never sees features
computed differently from the ones it was trained on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from marsad.errors import ResourceError
from marsad.resources.lexicons import load_table
from marsad.text.normalize import fold
from marsad.text.tokenize import ARTICLE, split_proclitics

MODEL_RESOURCE = "data/models/ner-crf.crfsuite"
MODEL_CARD_RESOURCE = "data/models/ner-crf.md"
FIRST_NAMES_TABLE = "lexicons/ar/person_first_names.tsv"
TITLES_TABLE = "lexicons/ar/person_titles.tsv"
ORG_KEYWORDS_TABLE = "lexicons/ar/org_keywords.tsv"

LABELS = ("PER", "ORG", "LOC", "MISC")
OUTSIDE = "O"

# Lexicon tags a caller may pass for each token (computed by `lexicon_tags_for`).
TAG_PERSON_NAME = "PERNAME"
TAG_TITLE = "TITLE"
TAG_ORG_WORD = "ORGWORD"
TAG_PLACE = "GAZ"

# Place names in the gazetteer run to three words at most for this feature (الولايات المتحدة الأمريكية).
MAX_PLACE_WORDS = 3
# The article is only stripped when a word of three letters or more remains, so that الله stays whole.
MIN_CORE_AFTER_ARTICLE = 3
# Affix features: Arabic marks number, gender and the nisba (-ي، -ية، -يون) at the end of the word, and
# the article and proclitics at the start; three letters each way carries most of it.
AFFIX_LENGTHS = (1, 2, 3)
# Word features are recomputed for each neighbour; caching them keeps tagging at a few ms per article.
WORD_FEATURE_CACHE = 1 << 16

PlaceLookup = Callable[[str], bool]


# ---------- lexicon tags ----------


def strip_article(word: str) -> str:
    if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_CORE_AFTER_ARTICLE:
        return word[len(ARTICLE) :]
    return word


@lru_cache(maxsize=WORD_FEATURE_CACHE)
def _readings(token: str) -> tuple[str, ...]:
    """The folded word and its stems without proclitics (بسوريا → سوريا), bare word first."""
    folded = fold(token)
    return tuple(dict.fromkeys(stem for _, stem in split_proclitics(folded)))


def _keys(words: Iterable[str], article: bool) -> frozenset[str]:
    return frozenset(strip_article(w) if article else w for w in words)


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Phrases of one lexicon keyed by their first word, for token-by-token matching.

    `ignore_article` says whether the article is ignored on both sides (titles and organisation words:
    الرئيس = رئيس) or kept (given names, where الحسن is written as the name is).
    """

    ignore_article: bool
    phrases: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, forms: Iterable[str], ignore_article: bool) -> PhraseIndex:
        grouped: dict[str, set[tuple[str, ...]]] = {}
        for form in forms:
            words = [strip_article(w) if ignore_article else w for w in fold(form).split()]
            if words:
                grouped.setdefault(words[0], set()).add(tuple(words[1:]))
        # Longest phrases first, so the tags cover the longest match.
        phrases = {k: tuple(sorted(v, key=lambda rest: (-len(rest), rest))) for k, v in grouped.items()}
        return cls(ignore_article, phrases)

    def spans(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        """Half-open token ranges of matches; the first word may carry proclitics, the others not."""
        first = [_keys(_readings(t), self.ignore_article) for t in tokens]
        inner = [_keys((fold(t),), self.ignore_article) for t in tokens]
        found: list[tuple[int, int]] = []
        for i, keys in enumerate(first):
            for key in keys:
                for rest in self.phrases.get(key, ()):
                    end = i + 1 + len(rest)
                    if end <= len(tokens) and all(w in inner[i + 1 + j] for j, w in enumerate(rest)):
                        found.append((i, end))
                        break
        return found


@dataclass(frozen=True, slots=True)
class FeatureLexicons:
    person_names: PhraseIndex
    titles: PhraseIndex
    org_words: PhraseIndex


@cache
def feature_lexicons() -> FeatureLexicons:
    return FeatureLexicons(
        person_names=PhraseIndex.of(load_table(FIRST_NAMES_TABLE).column("form"), ignore_article=False),
        titles=PhraseIndex.of(load_table(TITLES_TABLE).column("form"), ignore_article=True),
        org_words=PhraseIndex.of(load_table(ORG_KEYWORDS_TABLE).column("form"), ignore_article=True),
    )


def place_spans(tokens: Sequence[str], is_place: PlaceLookup) -> list[tuple[int, int]]:
    """Token ranges whose folded words (the first without proclitics) are a place name."""
    folded = [fold(t) for t in tokens]
    found: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        for stem in _readings(token):
            for n in range(MAX_PLACE_WORDS, 0, -1):
                if i + n <= len(tokens) and is_place(" ".join((stem, *folded[i + 1 : i + n]))):
                    found.append((i, i + n))
                    break
    return found


def lexicon_tags_for(
    tokens: Sequence[str],
    is_place: PlaceLookup | None = None,
    lexicons: FeatureLexicons | None = None,
) -> list[frozenset[str]]:
    """For each token, the lexicon tags that cover it: PERNAME, TITLE, ORGWORD and, given a gazetteer
    lookup (folded name → is it a place), GAZ."""
    lex = lexicons or feature_lexicons()
    tags: list[set[str]] = [set() for _ in tokens]
    sources: list[tuple[str, list[tuple[int, int]]]] = [
        (TAG_PERSON_NAME, lex.person_names.spans(tokens)),
        (TAG_TITLE, lex.titles.spans(tokens)),
        (TAG_ORG_WORD, lex.org_words.spans(tokens)),
    ]
    if is_place is not None:
        sources.append((TAG_PLACE, place_spans(tokens, is_place)))
    for tag, spans in sources:
        for start, end in spans:
            for k in range(start, end):
                tags[k].add(tag)
    return [frozenset(t) for t in tags]


# ---------- features ----------


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if any(ch.isdigit() for ch in word):
        return "hasdigit"
    if word.isascii() and word.isalpha():
        return "latin"
    if word.isalpha():
        return "arabic"
    return "punct"


def _length_bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 3:
        return "3"
    if n <= 5:
        return "4-5"
    if n <= 8:
        return "6-8"
    return "9+"


@dataclass(frozen=True, slots=True)
class WordProfile:
    """What one word contributes, on its own and as a neighbour."""

    word: str  # folded, ASCII lower-cased
    core: str  # without proclitics and article, the deepest reading
    own: tuple[str, ...]  # features of the word at its own position


@lru_cache(maxsize=WORD_FEATURE_CACHE)
def word_profile(token: str) -> WordProfile:
    word = fold(token).lower()
    readings = _readings(token)
    stems = readings[1:]
    core = strip_article(readings[-1].lower())
    own = [f"w={word}", f"shape={_shape(word)}", f"len={_length_bucket(len(word))}"]
    for n in AFFIX_LENGTHS:
        if len(word) > n:
            own.append(f"p{n}={word[:n]}")
            own.append(f"s{n}={word[-n:]}")
    own.extend(f"st={s.lower()}" for s in stems)
    if core != word:
        own.append(f"core={core}")
    if any(r.startswith(ARTICLE) for r in readings):
        own.append("art")
    return WordProfile(word, core, tuple(own))


_BOUNDARY = WordProfile("<s>", "<s>", ())


def token_features(
    tokens: Sequence[str], i: int, lexicon_tags: Sequence[frozenset[str]] | None = None
) -> list[str]:
    """The CRF features of token i in its sentence: the word, its affixes, stems and shape, its
    neighbours within two words, and the lexicon tags of itself and its neighbours."""
    n = len(tokens)

    def at(k: int) -> WordProfile:
        return word_profile(tokens[k]) if 0 <= k < n else _BOUNDARY

    def tags_at(k: int) -> frozenset[str]:
        if lexicon_tags is None or not 0 <= k < n:
            return frozenset()
        return lexicon_tags[k]

    me = at(i)
    feats = ["bias", *me.own]
    if i == 0:
        feats.append("BOS")
    if i == n - 1:
        feats.append("EOS")
    for offset in (-2, -1, 1, 2):
        other = at(i + offset)
        feats.append(f"{offset}:w={other.word}")
        feats.append(f"{offset}:core={other.core}")
        feats.extend(f"{offset}:lex={t}" for t in sorted(tags_at(i + offset)))
    prev, nxt = at(i - 1), at(i + 1)
    feats.append(f"-1|0:w={prev.word}|{me.word}")
    feats.append(f"0|+1:w={me.word}|{nxt.word}")
    feats.append(f"-1|+1:w={prev.word}|{nxt.word}")
    feats.extend(f"lex={t}" for t in sorted(tags_at(i)))
    return feats


def sentence_features(tokens: Sequence[str], lexicon_tags: Sequence[frozenset[str]] | None = None) -> list[list[str]]:
    return [token_features(tokens, i, lexicon_tags) for i in range(len(tokens))]


# ---------- spans ----------


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Half-open token ranges with their class, read from BIO labels the way the scorer reads gold:
    an I- that does not continue a span of its class opens a new one."""
    spans: list[tuple[int, int, str]] = []
    open_start, open_label = -1, ""
    for k, tag in enumerate(labels):
        kind, label = tag[:2], tag[2:]
        if kind == "B-" or (kind == "I-" and label != open_label):
            if open_label:
                spans.append((open_start, k, open_label))
            open_start, open_label = k, label
        elif kind != "I-":
            if open_label:
                spans.append((open_start, k, open_label))
            open_start, open_label = -1, ""
    if open_label:
        spans.append((open_start, len(labels), open_label))
    return spans


# ---------- the tagger ----------


class CrfTagger:
    """Tags the tokens of one sentence with BIO labels (B-PER, I-ORG, O…) from the shipped model.

    A pycrfsuite Tagger is not safe to share between threads: use one CrfTagger per thread or process.
    """

    def __init__(self, model_path: str | Path | None = None, is_place: PlaceLookup | None = None) -> None:
        self.is_place = is_place
        self._tagger = pycrfsuite.Tagger()
        with ExitStack() as stack:
            if model_path is None:
                node = resources.files("marsad").joinpath(MODEL_RESOURCE)
                if not node.is_file():
                    raise ResourceError(f"{MODEL_RESOURCE}: model missing from the package; run scripts/train_ner.py")
                model_path = stack.enter_context(resources.as_file(node))
            try:
                # crfsuite reads the whole file into memory, so the temporary path may go afterwards.
                self._tagger.open(str(model_path))
            except (OSError, ValueError) as exc:
                raise ResourceError(f"{model_path}: not a CRFsuite model ({exc}); run scripts/train_ner.py") from exc
        self.labels: tuple[str, ...] = tuple(self._tagger.labels())

    def tag(self, tokens: Sequence[str], lexicon_tags: Sequence[frozenset[str]] | None = None) -> list[str]:
        """One label per token. Without `lexicon_tags`, they are computed here (with this tagger's
        place lookup, if any)."""
        if not tokens:
            return []
        if lexicon_tags is None:
            lexicon_tags = lexicon_tags_for(tokens, self.is_place)
        elif len(lexicon_tags) != len(tokens):
            raise ValueError(f"{len(tokens)} tokens but {len(lexicon_tags)} lexicon tag sets")
        return list(self._tagger.tag(sentence_features(tokens, lexicon_tags)))

    def spans(
        self, tokens: Sequence[str], lexicon_tags: Sequence[frozenset[str]] | None = None
    ) -> list[tuple[int, int, str]]:
        """Half-open token ranges with their class (PER, ORG, LOC, MISC)."""
        return bio_spans(self.tag(tokens, lexicon_tags))


@cache
def default_tagger() -> CrfTagger:
    """The shipped model, loaded once per process."""
    return CrfTagger()
