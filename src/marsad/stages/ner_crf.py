"""Statistical entity tagger: a linear-chain CRF (python-crfsuite) over the tokens of a sentence.

The model is trained on the ANERcorp training portion by `scripts/train_ner.py` and shipped with its
card (data/models/ner-crf.md). It gives one BIO label per token over ANERcorp's classes (PER, ORG,
LOC, MISC); the entity stage combines its spans with the lexicon matcher and the gazetteer.

Features live in one place, `token_features`, used by training and tagging alike. The lexicon tags it
reads come from `lexicon_tags_for`, which the training script calls too, so a model never sees features
computed differently from the ones it was trained on. `tag_document` adds one document-level step:
a name the model found once is labelled the same wherever else it recurs in the document.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pycrfsuite

from marsad.errors import ResourceError
from marsad.resources.lexicons import load_table
from marsad.resources.wiki_names import wiki_names
from marsad.resources.word_usage import word_usage, zipf_as_written
from marsad.text.normalize import fold
from marsad.text.phrases import word_endings
from marsad.text.tokenize import ARTICLE, split_proclitics

if TYPE_CHECKING:
    from marsad.stages.ner_encoder import EncoderTagger

MODEL_RESOURCE = "data/models/ner-crf.crfsuite"
MODEL_CARD_RESOURCE = "data/models/ner-crf.md"
FIRST_NAMES_TABLE = "lexicons/ar/person_first_names.tsv"
FAMILY_NAMES_TABLE = "lexicons/ar/person_family_names.tsv"
TITLES_TABLE = "lexicons/ar/person_titles.tsv"
ORG_KEYWORDS_TABLE = "lexicons/ar/org_keywords.tsv"

LABELS = ("PER", "ORG", "LOC", "MISC")
OUTSIDE = "O"
# The BIO labels, in the order of the encoder head's outputs too (marsad.stages.ner_encoder).
BIO_LABELS = (OUTSIDE, *(f"{edge}-{label}" for label in LABELS for edge in ("B", "I")))
BIO_INDEX = {label: k for k, label in enumerate(BIO_LABELS)}
# Weight of the CRF's probabilities against the encoder head's: even, fixed before any cross-validation.
CRF_WEIGHT = 0.5

# Lexicon tags of a token (see `lexicon_tags_for`).
TAG_PERSON_NAME = "PERNAME"
TAG_FAMILY_NAME = "SURNAME"
TAG_TITLE = "TITLE"
TAG_ORG_WORD = "ORGWORD"
TAG_PLACE = "GAZ"
TAG_MAJOR_PLACE = "GAZBIG"
MAJOR_PLACE_FEATURES = frozenset({"country", "admin1", "capital"})
MAJOR_PLACE_POPULATION = 500_000
TAG_NISBA = "NISBA"
CONTINUES = ">"  # suffix of a lexicon tag on the second and later words of a match
CONJUNCTION = "و"
# و + a name of at least three letters: shorter words after و are not taken for names.
MIN_CONJOINED_NAME_LETTERS = 3
KNOWN_PREFIX = "KNOWN_"  # KNOWN_PER, KNOWN_ORG, KNOWN_LOC, KNOWN_MISC: a name in the entity lexicon
# The entity lexicon's labels as the tagger's classes (GPE and FAC are LOC, as the scorer counts them).
KNOWN_LABELS = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "MISC": "MISC"}

# Names looked up in the gazetteer and the entity lexicon run to four words at most for these features;
# longer ones are rare and would cost a lookup per token for nothing.
MAX_LOOKUP_WORDS = 4
# The article is only stripped when a word of three letters or more remains, so that الله stays whole.
MIN_CORE_AFTER_ARTICLE = 3
# Affix features: Arabic marks number, gender and the nisba (-ي، -ية، -يون) at the end of the word, and
# the article and proclitics at the start; three letters each way carries most of it.
AFFIX_LENGTHS = (1, 2, 3)
CORE_AFFIX_LENGTHS = (2, 3, 4)
RAW_FINALS = frozenset("ىيةه")
# Letters that patterns add to a root (long vowels, the feminine ending, م and ت of derived forms).
PATTERN_LETTERS = frozenset("اويةهمت")
# Word features are recomputed for each neighbour; caching them keeps tagging at a few ms per article.
WORD_CACHE = 1 << 16
# A word's profile holds some fifty feature strings: fewer of them are kept (the common words stay).
PROFILE_CACHE = 1 << 13
# Document step: a name shorter than this (in letters) is not spread to its other mentions, so that
# a two-letter token tagged once does not become an entity everywhere.
MIN_PROPAGATED_LETTERS = 3
# ...nor is a one-word name as frequent as this (Zipf): محمد، علي/على alone say nothing of other mentions.
VERY_COMMON_ZIPF = 5.5
# Folded words that join the parts of a name and so never end one: بن أبي (son of the father of) …
LINKING_NAME_WORDS = frozenset({"بن", "ابن", "بنت", "ابي", "ابو", "ابا", "عبد", "دو", "دي", "دا", "فان", "فون"})
# Particles that begin European names (فان باستن, فون دير لاين) and are left off by the model.
NAME_PARTICLES = frozenset({"فان", "فون", "دي", "دو", "دا"})
# Words that take the article this often (percent) are ordinary nouns and adjectives, for NameShape.
ORDINARY_ARTICLE_PCT = 15

PlaceLookup = Callable[[str], bool]


# ---------- words ----------


def strip_article(word: str) -> str:
    if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_CORE_AFTER_ARTICLE:
        return word[len(ARTICLE) :]
    return word


@lru_cache(maxsize=WORD_CACHE)
def folded(token: str) -> str:
    return fold(token)


@lru_cache(maxsize=WORD_CACHE)
def readings(token: str) -> tuple[str, ...]:
    """The folded word and its stems without proclitics (بسوريا → سوريا), bare word first."""
    return tuple(dict.fromkeys(stem for _, stem in split_proclitics(folded(token))))


# ---------- lexicon tags ----------


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Tagged phrases keyed by their first word, for token-by-token matching.

    The first word of a phrase may carry proclitics in the text (وبالرئيس), the others not. With
    `ignore_article` the article is ignored on both sides (titles and organisation words: الرئيس =
    رئيس); without, a phrase matches as written (given names and place names: الحسن, القاهرة).
    """

    ignore_article: bool
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(repr=False)

    @classmethod
    def of(cls, entries: Iterable[tuple[str, str]], ignore_article: bool, max_words: int = 0) -> PhraseIndex:
        """`entries`: (phrase, tag) pairs; phrases are folded here. `max_words` > 0 drops longer phrases."""
        grouped: dict[str, set[tuple[tuple[str, ...], str]]] = {}
        for phrase, tag in entries:
            words = [strip_article(w) if ignore_article else w for w in fold(phrase).split()]
            if words and (max_words <= 0 or len(words) <= max_words):
                grouped.setdefault(words[0], set()).add((tuple(words[1:]), tag))
        # Longest phrases first; sorted, so that matching does not depend on set order.
        phrases = {k: tuple(sorted(v, key=lambda item: (-len(item[0]), item))) for k, v in grouped.items()}
        return cls(ignore_article, phrases)

    def __len__(self) -> int:
        return sum(len(v) for v in self.phrases.values())

    def spans(self, tokens: Sequence[str]) -> list[tuple[int, int, str]]:
        """Half-open token ranges of matches with their tags."""
        found: list[tuple[int, int, str]] = []
        for i, token in enumerate(tokens):
            for key in _first_keys(token, self.ignore_article):
                for rest, tag in self.phrases.get(key, ()):
                    end = i + 1 + len(rest)
                    if end <= len(tokens) and all(
                        w in _inner_keys(tokens[i + 1 + j], self.ignore_article) for j, w in enumerate(rest)
                    ):
                        found.append((i, end, tag))
        return found


@lru_cache(maxsize=WORD_CACHE)
def _first_keys(token: str, ignore_article: bool) -> tuple[str, ...]:
    """Keys of a token as the first word of a phrase: its readings without proclitics."""
    stems = readings(token)
    return tuple(dict.fromkeys(strip_article(r) for r in stems)) if ignore_article else stems


@lru_cache(maxsize=WORD_CACHE)
def _inner_keys(token: str, ignore_article: bool) -> frozenset[str]:
    """Keys of a token inside a phrase: the folded word (and without the article)."""
    word = folded(token)
    return frozenset((word, strip_article(word))) if ignore_article else frozenset((word,))


@dataclass(frozen=True, slots=True)
class FeatureLexicons:
    """marsad's own feature lexicons: given names, family names, titles, organisation words."""

    person_names: PhraseIndex
    family_names: PhraseIndex
    titles: PhraseIndex
    org_words: PhraseIndex


@cache
def feature_lexicons() -> FeatureLexicons:
    def forms(table: str, tag: str) -> list[tuple[str, str]]:
        return [(form, tag) for form in load_table(table).column("form")]

    return FeatureLexicons(
        person_names=PhraseIndex.of(forms(FIRST_NAMES_TABLE, TAG_PERSON_NAME), ignore_article=False),
        family_names=PhraseIndex.of(forms(FAMILY_NAMES_TABLE, TAG_FAMILY_NAME), ignore_article=False),
        titles=PhraseIndex.of(forms(TITLES_TABLE, TAG_TITLE), ignore_article=True),
        org_words=PhraseIndex.of(forms(ORG_KEYWORDS_TABLE, TAG_ORG_WORD), ignore_article=True),
    )


@dataclass(frozen=True, slots=True)
class FeatureSources:
    """Name lists from other parts of marsad that feed the features: the gazetteer's place names (GAZ)
    and the entity lexicon's names (KNOWN_PER…, NISBA). Empty when those are not available."""

    places: PhraseIndex | None = None
    known_names: PhraseIndex | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(
            name
            for name, index in (("gazetteer", self.places), ("entity lexicon", self.known_names))
            if index is not None
        )


@cache
def shipped_sources() -> FeatureSources:
    """The gazetteer and the entity lexicon marsad ships, indexed for the features (built once)."""
    return FeatureSources(places=gazetteer_places(), known_names=entity_lexicon_names())


def gazetteer_places() -> PhraseIndex | None:
    """Place names of the shipped gazetteer, leaving out those that are also common words (those are
    places only in context, which the CRF learns from the words themselves)."""
    try:
        from marsad.resources.gazetteer import Gazetteer
    except ImportError:
        return None
    gazetteer = Gazetteer.load()
    entries: list[tuple[str, str]] = []
    for name in gazetteer.names():
        if gazetteer.is_common_word(name):
            continue
        entries.append((name, TAG_PLACE))
        # Countries, provinces, capitals and big cities: names that are places wherever they stand.
        if any(e.feature in MAJOR_PLACE_FEATURES or e.population >= MAJOR_PLACE_POPULATION
               for e in gazetteer.lookup_folded(name)):
            entries.append((name, TAG_MAJOR_PLACE))
    return PhraseIndex.of(entries, ignore_article=False, max_words=MAX_LOOKUP_WORDS)


def entity_lexicon_names() -> PhraseIndex | None:
    """Names of the shipped entity lexicon (organisations, people, nisba adjectives) with their class."""
    try:
        from marsad.resources.entity_lexicon import entity_lexicon
    except ImportError:
        return None
    entries: list[tuple[str, str]] = []
    for name, lexicon_entries in entity_lexicon().entries.items():
        for entry in lexicon_entries:
            if entry.is_nisba:
                entries.append((name, TAG_NISBA))
            elif entry.label in KNOWN_LABELS:
                entries.append((name, KNOWN_PREFIX + KNOWN_LABELS[entry.label]))
    return PhraseIndex.of(entries, ignore_article=False, max_words=MAX_LOOKUP_WORDS)


def place_spans(tokens: Sequence[str], is_place: PlaceLookup) -> list[tuple[int, int, str]]:
    """Token ranges whose folded words (the first without proclitics) `is_place` accepts."""
    found: list[tuple[int, int, str]] = []
    for i, token in enumerate(tokens):
        for stem in readings(token):
            for n in range(min(MAX_LOOKUP_WORDS, len(tokens) - i), 0, -1):
                if is_place(" ".join((stem, *(folded(t) for t in tokens[i + 1 : i + n])))):
                    found.append((i, i + n, TAG_PLACE))
                    break
    return found


def lexicon_tags_for(
    tokens: Sequence[str],
    is_place: PlaceLookup | None = None,
    sources: FeatureSources | None = None,
    lexicons: FeatureLexicons | None = None,
) -> list[frozenset[str]]:
    """For each token, the lexicon tags that cover it: PERNAME, TITLE, ORGWORD from marsad's feature
    lexicons; GAZ, KNOWN_* and NISBA from `sources`; GAZ also from `is_place`, a lookup of a folded
    name for callers with their own gazetteer."""
    lex = lexicons or feature_lexicons()
    spans = [*lex.person_names.spans(tokens), *lex.family_names.spans(tokens), *lex.titles.spans(tokens),
             *lex.org_words.spans(tokens)]
    if sources is not None:
        for index in (sources.places, sources.known_names):
            if index is not None:
                spans.extend(index.spans(tokens))
    if is_place is not None:
        spans.extend(place_spans(tokens, is_place))
    tags: list[set[str]] = [set() for _ in tokens]
    for start, end, tag in spans:
        # The first word of a match and the words that continue it are told apart, so that a name of
        # several words (هونج كونج, البوسنة والهرسك) reads as one span and two names side by side as two.
        tags[start].add(tag)
        for k in range(start + 1, end):
            tags[k].add(tag + CONTINUES)
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
    if n <= 3:
        return str(n)
    if n <= 5:
        return "4-5"
    if n <= 8:
        return "6-8"
    return "9+"


# Neighbours whose words the features of a token look at.
CONTEXT_OFFSETS = (-2, -1, 1, 2)
SENTENCE_EDGE = "<s>"


@dataclass(frozen=True, slots=True)
class WordProfile:
    """What one word contributes, on its own and as a neighbour (feature strings built once per word)."""

    word: str  # folded, ASCII lower-cased
    core: str  # without proclitics and article, from the deepest reading
    own: tuple[str, ...]  # features of the word at its own position
    as_neighbour: tuple[tuple[str, ...], ...]  # features of the word at each of CONTEXT_OFFSETS


def _neighbour_features(word: str, core: str, usage: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    # The next and previous words also show their usage class and ending (a nisba or verb after a name).
    near = (*usage, f"cs2={core[-2:]}") if core != SENTENCE_EDGE else ()
    return tuple(
        (f"{offset}:w={word}", f"{offset}:core={core}", *(f"{offset}:{f}" for f in (near if abs(offset) == 1 else ())))
        for offset in CONTEXT_OFFSETS)


@lru_cache(maxsize=PROFILE_CACHE)
def word_profile(token: str) -> WordProfile:
    word = folded(token).lower()
    stems = readings(token)
    core = strip_article(stems[-1].lower())
    own = [f"w={word}", f"shape={_shape(word)}", f"len={_length_bucket(len(word))}"]
    # Folding merges final ى with ي and ة with ه; as written they still tell على "on" from علي "Ali".
    if token[-1:] in RAW_FINALS:
        own.append(f"fin={token[-1]}")
    for n in AFFIX_LENGTHS:
        if len(word) > n:
            own.append(f"p{n}={word[:n]}")
            own.append(f"s{n}={word[-n:]}")
    own.extend(f"st={s.lower()}" for s in stems[1:])
    if core != word:
        own.append(f"core={core}")
    usage = usage_features(core)
    own.extend(usage)
    own.append(name_shape_feature(core))
    own.append(f"tpl={template(core)}")
    # Affixes of the core: a name's ending shows without و/ب/ال in front (وفرويد, بموسكو).
    for n in CORE_AFFIX_LENGTHS:
        if len(core) > n:
            own.append(f"cp{n}={core[:n]}")
            own.append(f"cs{n}={core[-n:]}")
    if any(s.startswith(ARTICLE) for s in stems):
        own.append("art")
    return WordProfile(word, core, tuple(own), _neighbour_features(word, core, usage))


class NameShape:
    """How much a word's letters look like a name rather than an ordinary word: a letter-trigram naive
    Bayes model, names from the gazetteer and the name lists, ordinary words from word_usage.tsv (those
    that often take the article, a thing no foreign name does). Built once per process, in well under a
    second."""

    def __init__(self, names: Iterable[str], words: Iterable[str]) -> None:
        self.names: Counter[str] = Counter()
        self.words: Counter[str] = Counter()
        for w in names:
            self.names.update(_trigrams(w))
        for w in words:
            self.words.update(_trigrams(w))
        self.n_names = sum(self.names.values())
        self.n_words = sum(self.words.values())
        self.vocabulary = len(self.names.keys() | self.words.keys()) + 1

    def score(self, word: str) -> float:
        """Mean log-odds per trigram, name over ordinary word."""
        grams = _trigrams(word)
        total = 0.0
        for g in grams:
            total += math.log((self.names[g] + 1) / (self.n_names + self.vocabulary))
            total -= math.log((self.words[g] + 1) / (self.n_words + self.vocabulary))
        return total / len(grams)


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[k : k + 3] for k in range(len(padded) - 2)]


@cache
def name_shape() -> NameShape:
    from marsad.resources.entity_lexicon import entity_lexicon
    from marsad.resources.gazetteer import Gazetteer

    names: set[str] = set()
    for name in [*Gazetteer.load().names(), *entity_lexicon().entries]:
        names.update(strip_article(w) for w in name.split() if len(w) >= MIN_CORE_AFTER_ARTICLE)
    for table in (FIRST_NAMES_TABLE, FAMILY_NAMES_TABLE):
        names.update(strip_article(fold(f)) for form in load_table(table).column("form") for f in form.split())
    ordinary = {w for w, u in word_usage().items() if u.article_pct >= ORDINARY_ARTICLE_PCT} - names
    return NameShape(names, ordinary)


def name_shape_feature(core: str) -> str:
    if len(core) < MIN_CORE_AFTER_ARTICLE or not core.isalpha():
        return "nb=none"
    score = name_shape().score(core)
    return f"nb={max(-4, min(3, math.floor(2 * score)))}"


def template(core: str) -> str:
    """The word's pattern with its root letters as C (مساعدات -> مCاCCات): Arabic words are built on a
    few dozen patterns, transliterated names mostly are not."""
    return "".join(ch if ch in PATTERN_LETTERS else "C" for ch in core) if core.isalpha() else "-"


def usage_features(core: str) -> tuple[str, ...]:
    """The frequency class of a word's core and how often it takes the article (a foreign name almost
    never does); `zf=rare` when the word is not common enough to be listed."""
    usage = word_usage().get(core)
    if usage is None:
        return ("zf=rare",)
    share = usage.article_pct
    article = 0 if share < 2 else 1 if share < 10 else 2 if share < 30 else 3
    return (f"zf={int(usage.zipf)}", f"ar={article}")


_EDGE = WordProfile(SENTENCE_EDGE, SENTENCE_EDGE, (), _neighbour_features(SENTENCE_EDGE, SENTENCE_EDGE))
_NO_TAGS: frozenset[str] = frozenset()


@lru_cache(maxsize=1024)
def _tag_features(prefix: str, tags: frozenset[str]) -> tuple[str, ...]:
    return tuple(f"{prefix}lex={t}" for t in sorted(tags))


def token_features(tokens: Sequence[str], i: int, lexicon_tags: Sequence[frozenset[str]] | None = None) -> list[str]:
    """The CRF features of token i in its sentence: the word, its affixes, stems and shape, its
    neighbours within two words, and the lexicon tags of itself and its neighbours."""
    return _features([word_profile(t) for t in tokens], i, lexicon_tags)


def sentence_features(tokens: Sequence[str], lexicon_tags: Sequence[frozenset[str]] | None = None) -> list[list[str]]:
    """`token_features` of every token (the word profiles computed once)."""
    profiles = [word_profile(t) for t in tokens]
    return [_features(profiles, i, lexicon_tags) for i in range(len(tokens))]


def _features(profiles: Sequence[WordProfile], i: int, lexicon_tags: Sequence[frozenset[str]] | None) -> list[str]:
    n = len(profiles)
    me = profiles[i]
    feats = ["bias", *me.own]
    if i == 0:
        feats.append("BOS")
    if i == n - 1:
        feats.append("EOS")
    for slot, offset in enumerate(CONTEXT_OFFSETS):
        k = i + offset
        inside = 0 <= k < n
        feats.extend((profiles[k] if inside else _EDGE).as_neighbour[slot])
        if inside and lexicon_tags is not None and lexicon_tags[k]:
            feats.extend(_tag_features(f"{offset}:", lexicon_tags[k]))
    prev = profiles[i - 1].word if i > 0 else SENTENCE_EDGE
    nxt = profiles[i + 1].word if i + 1 < n else SENTENCE_EDGE
    feats.append(f"-1|0:w={prev}|{me.word}")
    feats.append(f"0|+1:w={me.word}|{nxt}")
    feats.append(f"-1|+1:w={prev}|{nxt}")
    if lexicon_tags is not None and lexicon_tags[i]:
        feats.extend(_tag_features("", lexicon_tags[i]))
    return feats


# ---------- spans and the document step ----------


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


def to_bioes(labels: Sequence[str]) -> list[str]:
    """BIO labels as BIOES (S- a one-word name, E- the last word of a longer one): the model learns
    where names end as well as where they start, which BIO leaves to the O after them."""
    out: list[str] = []
    for i, tag in enumerate(labels):
        if tag == OUTSIDE:
            out.append(tag)
            continue
        label = tag[2:]
        goes_on = i + 1 < len(labels) and labels[i + 1] == f"I-{label}"
        if tag.startswith("B-"):
            out.append(("B-" if goes_on else "S-") + label)
        else:
            out.append(("I-" if goes_on else "E-") + label)
    return out


def _valid_bio_steps() -> tuple[np.ndarray, np.ndarray]:
    """0 where a BIO label may open a sentence / follow another, -inf where not (I-X only inside X)."""
    blocked = -np.inf
    first = np.array([blocked if label.startswith("I-") else 0.0 for label in BIO_LABELS])
    steps = np.zeros((len(BIO_LABELS), len(BIO_LABELS)))
    for j, label in enumerate(BIO_LABELS):
        if label.startswith("I-"):
            for i, previous in enumerate(BIO_LABELS):
                if previous[2:] != label[2:]:
                    steps[i, j] = blocked
    return first, steps


BIO_FIRST, BIO_STEPS = _valid_bio_steps()
MIN_PROBABILITY = 1e-9


def best_bio_sequence(probabilities: np.ndarray) -> list[str]:
    """The valid BIO sequence with the largest product of per-token probabilities (Viterbi)."""
    if len(probabilities) == 0:
        return []
    scores = np.log(np.maximum(probabilities, MIN_PROBABILITY))
    best = BIO_FIRST + scores[0]
    back = []
    for t in range(1, len(scores)):
        candidates = best[:, None] + BIO_STEPS
        back.append(candidates.argmax(axis=0))
        best = candidates.max(axis=0) + scores[t]
    k = int(best.argmax())
    path = [k]
    for pointers in reversed(back):
        k = int(pointers[k])
        path.append(k)
    return [BIO_LABELS[k] for k in reversed(path)]


def bio_of_bioes(label: str) -> str:
    """One BIOES label as its BIO label, out of context (S-X is B-X, E-X is I-X)."""
    if label == OUTSIDE:
        return label
    return ("B-" if label[0] in "BS" else "I-") + label[2:]


def to_bio(labels: Sequence[str]) -> list[str]:
    """BIOES (or BIO) labels as BIO; an I-/E- that continues nothing opens a name, as in `bio_spans`."""
    out: list[str] = []
    for tag in labels:
        if tag == OUTSIDE:
            out.append(tag)
            continue
        label = tag[2:]
        continues = tag[0] in "IE" and bool(out) and out[-1] != OUTSIDE and out[-1][2:] == label
        out.append(("I-" if continues else "B-") + label)
    return out


def mend_person_names(tokens: Sequence[str], labels: Sequence[str],
                      lexicon_tags: Sequence[frozenset[str]] | None = None) -> list[str]:
    """Person spans put right after decoding: a name cannot end on a word that links it to the next
    (علي بن أبي | طالب, جان مارك دو | لا سابليير), so it runs on over the following word; a particle of a
    European name (فان, فون) just before a name belongs to it (فان | نيستلروي); و before a listed name
    inside a span starts a second person (`_joins_two_names`). With `lexicon_tags`, a listed given name
    between a title and a person span opens the span (العقيد | تركي | المالكي): in ANERcorp such a word
    is part of the person 154 times in 157."""
    out = list(labels)
    for start, end, label in reversed(bio_spans(labels)):
        if label != "PER":
            continue
        for k in range(start + 1, end):
            if _joins_two_names(tokens[k - 1], tokens[k]):
                out[k] = "B-PER"
        stop = end
        while (stop < len(tokens) and folded(tokens[stop - 1]) in LINKING_NAME_WORDS and out[stop] == OUTSIDE
               and tokens[stop].isalpha()):
            out[stop] = "I-PER"
            stop += 1
        particle = start > 0 and out[start - 1] == OUTSIDE and folded(tokens[start - 1]) in NAME_PARTICLES
        if particle or (lexicon_tags is not None and _given_name_after_title(tokens, lexicon_tags, out, start)):
            out[start - 1] = "B-PER"
            out[start] = "I-PER"
    return out


def _given_name_after_title(tokens: Sequence[str], lexicon_tags: Sequence[frozenset[str]], labels: Sequence[str],
                            start: int) -> bool:
    if start < 2 or labels[start - 1] != OUTSIDE or TAG_PERSON_NAME not in lexicon_tags[start - 1]:
        return False
    if {TAG_TITLE, TAG_TITLE + CONTINUES}.isdisjoint(lexicon_tags[start - 2]):
        return False
    # A word that goes on a title is not a name even where it is spelt like one (الناطق باسم/باسمه).
    continuing = title_continuations()
    return not any(stem in continuing for stem, _ in word_endings(folded(tokens[start - 1])))


@cache
def title_continuations() -> frozenset[str]:
    """Folded words after the first in the titles of several words (باسم in الناطق باسم)."""
    return frozenset(word for form in load_table(TITLES_TABLE).column("form") for word in fold(form).split()[1:])


def _joins_two_names(previous: str, token: str) -> bool:
    """و before a known name inside a person span starts a second person (كانافارو وإيمرسون, سالم
    ويوسف), unless the whole word is a name (وليد, وايت) or it follows a linking word (أبي وقاص)."""
    word = folded(token)
    if not word.startswith(CONJUNCTION) or len(word) <= MIN_CONJOINED_NAME_LETTERS:
        return False
    if folded(previous) in LINKING_NAME_WORDS:
        return False
    starts = name_starts()
    return word not in starts and word[1:] in starts


@cache
def name_starts() -> frozenset[str]:
    """Folded words that begin a listed name: given and family names, people on the Wikipedia list."""
    lex = feature_lexicons()
    words = set(lex.person_names.phrases) | set(lex.family_names.phrases)
    words.update(fold(form).split()[0] for form, label in wiki_names() if label == "PER")
    return frozenset(words)


def propagate_labels(sentences: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]) -> list[list[str]]:
    """Label the other mentions of names found in a document: where the same words (the first without
    proclitics) stand untagged elsewhere, they get the class the name has most often; a person's last
    name alone (فرويد after سيغموند فرويد) counts as that person. Tagged tokens are never changed."""
    found: dict[tuple[str, ...], Counter[str]] = {}
    for tokens, labs in zip(sentences, labels, strict=True):
        for start, end, label in bio_spans(labs):
            rest = tuple(folded(t) for t in tokens[start + 1 : end])
            for stem in readings(tokens[start]):
                found.setdefault((stem, *rest), Counter())[label] += 1
            if label == "PER" and end - start >= 2:
                found.setdefault((folded(tokens[end - 1]),), Counter())["PER"] += 1
    names = {
        key: counts.most_common(1)[0][0]
        for key, counts in found.items()
        if sum(len(w) for w in key) >= MIN_PROPAGATED_LETTERS and not (len(key) == 1 and _very_common(key[0]))
    }
    longest = max((len(k) for k in names), default=0)
    first_words = {key[0] for key in names}
    out: list[list[str]] = []
    for tokens, labs in zip(sentences, labels, strict=True):
        new = list(labs)
        i = 0
        while i < len(tokens):
            hit = None
            if new[i] == OUTSIDE and not first_words.isdisjoint(readings(tokens[i])):
                hit = _name_at(tokens, new, i, names, longest)
            if hit is None:
                i += 1
                continue
            n, label = hit
            new[i : i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
            i += n
        out.append(new)
    return out


def _very_common(word: str) -> bool:
    """A word so frequent that one tagged mention says nothing of the others (علي/على fold together;
    الذي, which a stray tag must not spread over a whole document): its frequency as written, with the
    article when it has one."""
    return zipf_as_written(word) >= VERY_COMMON_ZIPF


def _name_at(
    tokens: Sequence[str], labels: Sequence[str], i: int, names: dict[tuple[str, ...], str], longest: int
) -> tuple[int, str] | None:
    for n in range(min(longest, len(tokens) - i), 0, -1):
        if any(lab != OUTSIDE for lab in labels[i : i + n]):
            continue
        # A name must not end inside an entity that goes on after it.
        if i + n < len(labels) and labels[i + n].startswith("I-"):
            continue
        rest = tuple(folded(t) for t in tokens[i + 1 : i + n])
        for stem in readings(tokens[i]):
            label = names.get((stem, *rest))
            if label is not None:
                return n, label
    return None


# ---------- the tagger ----------


class CrfTagger:
    """Tags tokens with BIO labels (B-PER, I-ORG, O…) from the shipped model.

    `sources` are the name lists the model was trained with (by default the shipped gazetteer and
    entity lexicon). With `encoder` (marsad.stages.ner_encoder), each token's label probabilities from
    the CRF and from the encoder's head are averaged (CRF_WEIGHT on the CRF's) and the likeliest valid
    BIO sequence is taken: the CRF knows the lists and the word forms of ANERcorp, the encoder how
    Arabic words behave in running text, and the two err on different names. A pycrfsuite Tagger is
    not safe to share between threads: use one CrfTagger per thread or process.
    """

    def __init__(self, model_path: str | Path | None = None, sources: FeatureSources | None = None,
                 encoder: EncoderTagger | None = None) -> None:
        self.sources = shipped_sources() if sources is None else sources
        self.encoder = encoder
        self._tagger = pycrfsuite.Tagger()
        with ExitStack() as stack:
            if model_path is None:
                node = resources.files("marsad").joinpath(MODEL_RESOURCE)
                if not node.is_file():
                    raise ResourceError(f"{MODEL_RESOURCE}: model missing from the package; run scripts/train_ner.py")
                model_path = stack.enter_context(resources.as_file(node))
            try:
                # crfsuite reads the whole file into memory, so a temporary path may go afterwards.
                self._tagger.open(str(model_path))
            except (OSError, ValueError) as exc:
                raise ResourceError(f"{model_path}: not a CRFsuite model ({exc}); run scripts/train_ner.py") from exc
        self.labels: tuple[str, ...] = tuple(self._tagger.labels())
        # Where each of the model's BIOES labels goes among the BIO labels (S- is a B-, E- an I-).
        self._bio_columns = [BIO_INDEX[bio_of_bioes(label)] for label in self.labels]

    def lexicon_tags(self, tokens: Sequence[str]) -> list[frozenset[str]]:
        return lexicon_tags_for(tokens, sources=self.sources)

    def tag(self, tokens: Sequence[str], lexicon_tags: Sequence[frozenset[str]] | None = None) -> list[str]:
        """One label per token of one sentence. Without `lexicon_tags` they are computed here, from
        marsad's lexicons and this tagger's sources (pass them only if computed the same way)."""
        if not tokens:
            return []
        if lexicon_tags is None:
            lexicon_tags = self.lexicon_tags(tokens)
        elif len(lexicon_tags) != len(tokens):
            raise ValueError(f"{len(tokens)} tokens but {len(lexicon_tags)} lexicon tag sets")
        features = sentence_features(tokens, lexicon_tags)
        if self.encoder is None:
            labels = to_bio(self._tagger.tag(features))
        else:
            mixed = CRF_WEIGHT * self.bio_marginals(features) + (1 - CRF_WEIGHT) * self.encoder.marginals(
                tokens, lexicon_tags)
            labels = best_bio_sequence(mixed)
        return mend_person_names(tokens, labels, lexicon_tags)

    def bio_marginals(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """[token, BIO_LABELS] probabilities of the CRF alone (its B-/S- summed as B-, I-/E- as I-)."""
        self._tagger.set(features)
        out = np.zeros((len(features), len(BIO_LABELS)), np.float32)
        for label, column in zip(self.labels, self._bio_columns, strict=True):
            for t in range(len(features)):
                out[t, column] += self._tagger.marginal(label, t)
        return out

    def tag_document(
        self,
        sentences: Sequence[Sequence[str]],
        lexicon_tags: Sequence[Sequence[frozenset[str]]] | None = None,
    ) -> list[list[str]]:
        """Labels for the sentences of one document: each sentence tagged, then names found in one
        place labelled in the others (`propagate_labels`)."""
        if lexicon_tags is not None and len(lexicon_tags) != len(sentences):
            raise ValueError(f"{len(sentences)} sentences but {len(lexicon_tags)} lists of lexicon tags")
        tagged = [
            self.tag(tokens, None if lexicon_tags is None else lexicon_tags[k]) for k, tokens in enumerate(sentences)
        ]
        return propagate_labels(sentences, tagged)

    def spans(
        self, tokens: Sequence[str], lexicon_tags: Sequence[frozenset[str]] | None = None
    ) -> list[tuple[int, int, str]]:
        """Half-open token ranges with their class (PER, ORG, LOC, MISC)."""
        return bio_spans(self.tag(tokens, lexicon_tags))


@cache
def default_tagger() -> CrfTagger:
    """The shipped model with the shipped sources and the shipped encoder, loaded once per process."""
    from marsad.stages.ner_encoder import shipped_encoder_tagger

    return CrfTagger(encoder=shipped_encoder_tagger())


@cache
def crf_only_tagger() -> CrfTagger:
    """The shipped CRF without the encoder: faster, less accurate."""
    return CrfTagger()
