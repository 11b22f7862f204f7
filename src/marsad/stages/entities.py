"""Entities stage: named entities from lexicons, the gazetteer and a CRF tagger, combined.

1. Lexicon pass: every run of up to N words (proclitics split off the first word once, here) is
   looked up in the organisation, people and nisba lexicons and in the gazetteer; the longest match
   starting at a word wins. Spans exclude proclitics (بسوريا -> سوريا) and keep the article.
2. Statistical pass: the CRF tagger trained on ANERcorp labels the sentence tokens; its spans fill in
   names no lexicon knows (most people).
3. Merge: the longer span wins; on a tie the lexicon wins. A place inside an organisation's name is
   part of the organisation (قوات سوريا الديمقراطية).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Protocol

from marsad.model.annotations import Entity, EntityLabel
from marsad.model.document import Analysis
from marsad.model.spans import Provenance, Span
from marsad.resources.entity_lexicon import EntityLexicon, LexiconEntry, entity_lexicon, verb_homographs
from marsad.resources.gazetteer import Gazetteer, GazetteerEntry
from marsad.resources.lexicons import load_table
from marsad.resources.wiki_names import wiki_english
from marsad.resources.word_usage import zipf_as_written
from marsad.stages.base import TextView
from marsad.stages.ner_crf import FIRST_NAMES_TABLE, VERY_COMMON_ZIPF, strip_article
from marsad.stages.ner_crf import name_starts as person_name_starts
from marsad.text.normalize import fold
from marsad.text.tokenize import DEMONSTRATIVES, WORD_CHARS, bare_word, split_proclitics, tokenize

STAGE = "entities"
_WORD_RE = re.compile(rf"[{WORD_CHARS}]+")
# Latin acronyms in Arabic text are nearly always organisations (CNN, BBC, AFP, NATO).
_ACRONYM_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,6}(?![A-Za-z])")
# Gazetteer features that make a place a facility or a natural/regional location rather than a GPE.
FACILITY_FEATURES = frozenset({"facility", "base", "camp", "crossing", "port", "airport", "dam", "field",
                               "prison", "airbase", "oilfield", "building"})
LOCATION_FEATURES = frozenset({"region", "mountain", "river", "sea", "desert", "valley", "island", "lake",
                               "plain", "gulf", "strait", "continent", "area", "landmark", "water"})
# A gazetteer name for a small place counts only with a cue before it or when the CRF agrees; big
# places, countries, admin areas and curated entries count on their own.
STANDALONE_POPULATION = 100_000
STANDALONE_FEATURES = frozenset({"country", "admin1", "capital", "region"})
# Nouns that name what follows as a place (بلدة الشدادي): enough to confirm any gazetteer name.
PLACE_NOUNS = frozenset(fold(w) for w in (
    "مدينة", "بلدة", "قرية", "محافظة", "منطقة", "ريف", "حي", "ناحية", "قضاء", "مديرية", "ولاية", "إقليم",
    "مخيم", "قاعدة", "مطار", "ميناء", "معبر", "سد", "أطراف", "ضواحي", "بلدتي", "مدينتي", "مناطق", "محيط",
    "بلدتا", "مدينتا", "قريتا", "قريتي",
    "العاصمة", "عاصمة", "مدن", "بلدات", "قرى", "دولة",
))
# Nouns of a frontline: جبهة الساحل الغربي is the front at a place, not an organisation (the CRF learnt
# جبهة from group names such as جبهة النصرة, whose second word is no place).
FRONT_NOUNS = frozenset(fold(w) for w in ("جبهة", "جبهات", "محور", "محاور"))
# Prepositions of place: enough to confirm a gazetteer name in the region the news covers, not a
# homonym elsewhere (في إطار is not Atar, Mauritania... which is in the region: so also not for
# names that are common words).
PLACE_PREPOSITIONS = frozenset(fold(w) for w in (
    "في", "إلى", "نحو", "باتجاه", "داخل", "قرب", "شمال", "جنوب", "شرق", "غرب", "وسط", "من",
))
# Nouns whose name commemorates a place rather than sits in it (شارع الجزائر in Sanaa, ساحة لافاييت,
# ملعب الرشيد, فندق فلسطين), and works titled after one (فيلم هيت "the film Heat"): a populated place or
# country after them is not where anything happens.
NAMED_AFTER_NOUNS = frozenset(fold(w) for w in (
    "شارع", "ساحة", "ميدان", "ملعب", "استاد", "فندق", "فيلم", "فيلمه", "فيلمها", "مسلسل", "رواية", "روايته",
    "روايتها", "أغنية", "أغنيته", "ألبوم", "ألبومه"))
POPULATED_FEATURES = frozenset({"country", "capital", "admin1", "city", "town", "village"})
# The words read before a gazetteer name; one of these is never split (ولاية is not و + لاية).
CUE_WORDS = PLACE_NOUNS | PLACE_PREPOSITIONS
# The region whose small places the news names: Arab League states and their neighbours.
HOME_REGION = frozenset((
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD",
    "SY", "TN", "AE", "YE", "EH", "IL", "IR", "TR", "CY", "ER", "ET", "SS", "TD", "AF", "PK",
))
# Administrative descriptors are not part of the entity (محافظة الحسكة -> الحسكة); the place resolver
# reads them as cues. Facility words are (مخيم الهول).
ADMIN_DESCRIPTORS = frozenset(fold(w) for w in (
    "محافظة", "مدينة", "بلدة", "قرية", "منطقة", "ولاية", "مديرية", "قضاء", "ناحية", "إقليم", "العاصمة", "دولة",
))
# Honorific epithets after a place name are not part of it (مكة المكرمة -> مكة, like titles before a person).
PLACE_HONORIFICS = frozenset(fold(w) for w in ("المكرمة", "المنورة", "الشريف", "المقدسة", "المحروسة"))
# A proclitic-stripped reading must leave at least this many letters (بين is not ب + ين).
MIN_STEM_LETTERS = 3
# A word this frequent as written (Zipf) is read as the word it is, not as proclitics on a name, when the
# name alone is no more frequent than it (see _common_as_written).
COMMON_AS_WRITTEN_ZIPF = 3.0
# A one-word name this frequent as written (Zipf) of a city under FREQUENT_NAME_POPULATION outside the
# region the news covers is, most of the time, an ordinary word (كنز "treasure", Cairns; ساري "in force",
# Sari; إلينا "to us", Jena): it needs the context a small place needs. A bigger city is frequent for being
# big (ميونخ), the region's own cities are named on their own (قصفت الطائرات سرت), and countries,
# capitals, admin areas and curated places are not held back this way.
FREQUENT_NAME_ZIPF = 3.0
FREQUENT_NAME_POPULATION = 500_000
# A small place whose name is the article and a noun the language uses on its own this often (Zipf of
# the bare word) is a common noun most of the time it is written (الأفران "the ovens", Ifrane; التربة "the
# soil", At Turbah; الوقف "the halt", Al Waqf): a preposition does not make it a place, a place noun or
# the tagger's place reading does (مدينة الباب). Names that live only with the article (الزبداني، الحسكة)
# have rare bare forms and are not held back.
COMMON_NOUN_ZIPF = 3.0
# Tanween (ً ٌ ٍ) marks an indefinite word: a name as the news writes it never carries it, an adjective
# does (دبلوماسياً روسياً, "a Russian diplomat").
TANWEEN = frozenset("\u064b\u064c\u064d")
# The proclitics ك ("like, as") and ف ("so, then") go before a bare name only for a country (كسوريا،
# فسوريا); elsewhere a word in ك or ف is a word of its own (كبارا "senior", not ك + بارا; فسرت "was
# interpreted", not ف + سرت). A name with the article takes them (كالرقة).
COUNTRY_ONLY_PROCLITICS = frozenset("كف")

# Words after which the next word is a verb (قد سرت "had spread", لم يزد "did not exceed"): never a name.
# فقد is left out: it is also the verb "lost" (فقد عبد الرحمن خمسة من أبنائه). (places.VERBAL_PARTICLES
# is another list: words after a name that make it a verb's subject.)
# Broken plurals of things, which take a feminine adjective (فصائل سورية "Syrian factions"), and إعلام, whose
# adjective in وسائل إعلام سورية goes with وسائل.
FEMININE_PLURAL_NOUNS = frozenset(fold(w) for w in (
    "وسائل", "فصائل", "مصادر", "مواقع", "أوساط", "عناصر", "أطراف", "دوائر", "أنظمة", "أراض", "مدن", "قرى",
    "جماعات", "مناطق", "معابر", "سجون", "صواريخ", "مدافع", "إعلام",
))
PRE_VERB_PARTICLES = frozenset(fold(w) for w in ("قد", "لقد", "وقد", "لم", "ولم", "فلم", "لن", "ولن", "سوف"))
# A place name that, followed by one of these words, is part of an idiom: مسقط رأسه is "his birthplace",
# not Muscat.
IDIOMS_AFTER = {fold("مسقط"): frozenset(fold(w) for w in ("رأس", "رأسه", "رأسها", "رأسهم", "رأسي"))}

# Words after which a place name written like a verb (verb_homographs.tsv) is the verb: negation, relative
# pronouns, أن and إن with or without a pronoun, كي (التي تدمر "which destroys", أنها تدمر).
VERB_INTRODUCERS = frozenset(fold(w) for w in (
    "لا", "ولا", "التي", "الذي", "الذين", "اللتين", "اللذين", "أن", "وأن", "بأن", "إن", "وإن", "أنها", "إنها",
    "وإنها", "بأنها", "أنه", "إنه", "وإنه", "بأنه", "أنهم", "إنهم", "كي", "لكي", "ثم"))
# Words in -ا that are not a verb's object: adverbs that follow a place as often as an object follows a
# verb (سيطر على تدمر مجددا), and conjunctions (عندما, بينما).
NOT_OBJECTS_IN_A = frozenset(fold(w) for w in (
    "أيضا", "مجددا", "مؤخرا", "سابقا", "حاليا", "تماما", "أخيرا", "تقريبا", "غدا", "كثيرا", "جدا", "ليلا",
    "نهارا", "صباحا", "مساء", "ظهرا", "عصرا", "فجرا", "فورا", "معا", "أبدا", "قريبا", "لاحقا", "عموما",
    "عندما", "بينما", "حينما", "مثلما", "هكذا", "كلما", "ربما", "طالما", "بعدما", "قبلما"))
# A preposition with a pronoun on it follows a verb, hardly ever a place name (وسرت معه، تسيل منها).
_PREPOSITIONS_WITH_PRONOUN = frozenset(fold(p + s) for p in ("مع", "إلي", "علي", "في", "من", "عن", "ب", "ل")
                                       for s in ("ه", "ها", "هم", "هما", "هن", "نا", "ني", "ك", "كم"))
# The labels the place stage geocodes (places.py reads this set).
PLACE_LABELS = frozenset({EntityLabel.GPE, EntityLabel.LOC, EntityLabel.FAC})
_SENTENCE_END_RE = re.compile(r"[.!?؟:\n]")
# Prepositions and time words that follow a place (قصفت الطائرات تدمر أمس، بعد، منذ).
_NOT_OBJECTS = frozenset(fold(w) for w in (
    "أمس", "صباح", "مساء", "فجر", "ظهر", "ليلة", "يوم", "بعد", "قبل", "منذ", "خلال", "عند", "حيث", "حتى",
    "بين", "ضد", "مع", "عبر", "على", "عن", "إلى", "لمدة", "مرة", "مرتين"))
_VERB_PROCLITICS = ("", "و", "ف", "ل", "ول", "فل")
# Words that open what is said of a place at the start of a sentence (وتدمر مدينة أثرية، وسرت هي...).
_PLACE_PREDICATES = frozenset(fold(w) for w in ("هي", "هو", "مدينة", "بلدة", "كانت", "تقع", "التي"))

# Words before an ambiguous organisation alias that confirm it (حركة فتح, تنظيم الدولة, قناة الجزيرة).
ORG_CONTEXT = frozenset(fold(w) for w in ("حركة", "تنظيم", "جماعة", "حزب", "تيار", "جبهة", "ميليشيا",
                                          "ميليشيات", "فصيل", "وكالة", "قناة", "صحيفة", "شبكة", "موقع",
                                          "نادي", "فريق", "شركة", "جامعة", "مجلة", "إذاعة"))
# Generic type words in front of a name that stands alone (حركة حماس, وكالة فرانس برس, قناة الجزيرة): they
# confirm the name but are not part of it. Words that are part of names (قوات, منظمة, جامعة) are not here.
ORG_TYPE_WORDS = frozenset(fold(w) for w in ("حركة", "وكالة", "قناة", "صحيفة", "شركة", "نادي", "فريق", "مجلة",
                                             "إذاعة", "شبكة", "موقع"))

_ARTICLE_PROCLITICS = re.compile(r"^[وف]?[بك]?(?=ال)")
# Proclitics glued to a name without the article (وتل أبيب, لبريطانيا, وبموسكو), longest first.
_NAME_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")


class SequenceTagger(Protocol):
    def tag_document(self, sentences: Sequence[Sequence[str]],
                     lexicon_tags: Sequence[Sequence[frozenset[str]]] | None = None) -> list[list[str]]: ...


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # normalized coordinates
    end: int
    label: EntityLabel
    name: str | None
    ref: str | None
    rule: str
    nisba: bool = False
    from_lexicon: bool = True
    # A gazetteer name that is not a country, an admin area or a curated entry: a city can be a club
    # or a surname too, so the CRF's reading of the same words in context may overrule its label.
    relabel: bool = False


def _notable(entry: GazetteerEntry) -> bool:
    """A place the news names on its own: a country, capital, region, big city or curated entry."""
    return (entry.feature in STANDALONE_FEATURES or entry.geonameid is None
            or entry.population >= STANDALONE_POPULATION)


def label_for_place(entry: GazetteerEntry) -> EntityLabel:
    if entry.feature in FACILITY_FEATURES:
        return EntityLabel.FAC
    if entry.feature in LOCATION_FEATURES:
        return EntityLabel.LOC
    return EntityLabel.GPE


class EntityTagger:
    name = STAGE
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("entities",)

    def __init__(self, lexicon: EntityLexicon, gazetteer: Gazetteer, crf: SequenceTagger | None,
                 person_titles: frozenset[str] = frozenset(),
                 english_names: Mapping[tuple[str, str], str] | None = None) -> None:
        self.lexicon = lexicon
        # English titles of people and organisations the lexicon does not know, by (folded name, label).
        self.english_names = english_names or {}
        self.gazetteer = gazetteer
        self.crf = crf
        # Titles before an ambiguous person alias confirm it (الرئيس الأسد).
        self.person_context = frozenset(t.split()[-1] for t in person_titles)
        # Titles spelled into a person's alias (الملك سلمان) help the match but are not part of the name.
        self.person_titles = frozenset(strip_article(t) for t in person_titles if " " not in t)
        self.max_tokens = max(lexicon.max_tokens, gazetteer.max_name_tokens)
        # First words of multi-word names: a longer phrase is only tried when its first word starts one.
        self.first_words = frozenset(
            [k.split()[0] for k in lexicon.entries if " " in k] + [n.split()[0] for n in gazetteer.names() if " " in n])
        # Words that begin a known name: و or ف is split off the front of a CRF span only when what is
        # left begins one (ومحمد -> محمد), never from a name that begins with the letter (فيصل, وليد).
        given = [fold(f).split()[0] for f in load_table(FIRST_NAMES_TABLE).column("form")]
        self.name_starts = frozenset(
            [k.split()[0] for k in lexicon.entries] + [n.split()[0] for n in gazetteer.names()] + given)
        # Words that begin a name of a place or organisation: ب is split off only before one (بموسكو), as
        # "with/in" hardly ever comes before a person and ب + given name is often a word (بريد is not ب +
        # ريد).
        self.place_org_starts = frozenset(
            [k.split()[0] for k in lexicon.entries] + [n.split()[0] for n in gazetteer.names()])
        # A CRF span whose first word itself begins a name of note keeps its first letter (فيصل, وليد,
        # بكين, لبنان). Villages are left out: ونهر is و + نهر far more often than the village Venhar.
        self.whole_name_starts = frozenset(
            [k.split()[0] for k in lexicon.entries] + given
            + [n.split()[0] for n in gazetteer.names() if any(_notable(e) for e in gazetteer.lookup_folded(n))])

    @classmethod
    def from_resources(cls, crf: SequenceTagger | None = None) -> EntityTagger:
        """The shipped lexicons and gazetteer with `crf`, by default the shipped CRF model."""
        from marsad.stages.ner_crf import default_tagger

        titles = frozenset(fold(r["form"]) for r in load_table("lexicons/ar/person_titles.tsv").rows)
        return cls(entity_lexicon(), Gazetteer.load(), crf or default_tagger(), titles, wiki_english())

    def annotate(self, analysis: Analysis, view: TextView) -> dict[str, tuple[Any, ...]]:
        text = view.text
        words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
        raw = view.norm.raw
        crf = [c for c in self._crf_candidates(view) if not is_date_month(text, c.start, c.end)
               and not (c.label in (EntityLabel.GPE, EntityLabel.LOC)
                        and _carries_tanween(raw, view.raw_span(c.start, c.end)))]
        lexical = [c for c in self._lexicon_candidates(text, words, crf)
                   if not _carries_tanween(raw, view.raw_span(c.start, c.end))]
        lexical += [Candidate(m.start(), m.end(), EntityLabel.ORG, m.group(), None, "entities.acronym")
                    for m in _ACRONYM_RE.finditer(text)]
        merged = _people_consistent(merge(lexical, crf, text), text)
        version = self.lexicon.version
        out = [
            Entity(view.raw_span(c.start, c.end), c.label, Provenance(STAGE, c.rule, version), c.name, c.ref, c.nisba)
            for c in merged
        ]
        return {"entities": tuple(out)}

    # ---- lexicon and gazetteer ----

    def _lexicon_candidates(self, text: str, words: list[tuple[int, int, str]],
                            crf: list[Candidate]) -> list[Candidate]:
        out: list[Candidate] = []
        i = 0
        # The CRF confirms a small place only when it also reads a place there (not كوفي أنان, Anan).
        crf_places = [(c.start, c.end) for c in crf if c.label in (EntityLabel.GPE, EntityLabel.LOC)]
        while i < len(words):
            # و + a name right after a place found here joins a list of places (حمص وتدمر): the countries
            # of that place, which the name must share (صنعاء والمطلة is "Sanaa, overlooking", not Metula).
            list_countries: frozenset[str] = frozenset()
            if out and out[-1].label in PLACE_LABELS and i > 0 and out[-1].end == words[i - 1][1]:
                before = text[out[-1].start : out[-1].end]
                list_countries = frozenset(e.country for e in self.gazetteer.lookup_folded(before) if e.country)
            hit = self._longest_at(text, words, i, crf_places, list_countries)
            if hit is None:
                i += 1
                continue
            out.append(hit[0])
            i += hit[1]
        return out

    def _longest_at(self, text: str, words: list[tuple[int, int, str]], i: int,
                    crf_places: list[tuple[int, int]], list_countries: frozenset[str] = frozenset(),
                    ) -> tuple[Candidate, int] | None:
        # A short stem after a proclitic is only read as the start of a longer name (وتل أبيب, not
        # ب + ين alone).
        readings = [(prefix, stem) for prefix, stem in split_proclitics(words[i][2])
                    if not (prefix and len(stem) < MIN_STEM_LETTERS and stem not in self.first_words)]
        n = 1
        # how many following words are joined to word i by spaces only; none matter unless a reading of
        # word i starts a multi-word name (most words start none)
        if any(stem in self.first_words for _, stem in readings):
            while (n < self.max_tokens and i + n < len(words)
                   and text[words[i + n - 1][1] : words[i + n][0]].isspace()):
                n += 1
        prev_word = words[i - 1][2] if i > 0 and _only_spacing(text[words[i - 1][1] : words[i][0]]) else ""
        for length in range(n, 0, -1):
            start_word, end_word = words[i], words[i + length - 1]
            rest = " ".join(w[2] for w in words[i + 1 : i + length])
            for prefix, stem in readings:
                if length > 1 and stem not in self.first_words:
                    continue
                if length == 1 and prefix and (len(stem) < MIN_STEM_LETTERS
                                               or _common_as_written(start_word[2], stem)):
                    continue
                if length > 1 and stem in ADMIN_DESCRIPTORS:
                    continue
                phrase = f"{stem} {rest}" if rest else stem
                # After the proclitics as written; for لل read as ل + ال (للجيش) the span starts at the
                # second ل, the article as the text has it.
                start = start_word[0] + len(prefix)
                cand = self._lookup(phrase, start, end_word[1], prefix, prev_word, crf_places,
                                    list_countries if prefix == "و" else frozenset())
                if cand is not None and phrase in IDIOMS_AFTER and i + length < len(words) and (
                        words[i + length][2] in IDIOMS_AFTER[phrase]):
                    cand = None
                if cand is not None and length == 1 and cand.rule == "entities.gazetteer.name" and (
                        self._verb_here(text, words, i)):
                    cand = None
                if cand is not None:
                    if cand.rule == "entities.lexicon.people" and length > 1:
                        cand = self._without_title(cand, words[i : i + length], stem)
                    elif cand.rule == "entities.lexicon.organizations" and length > 1:
                        cand = self._organization_name(cand, words[i : i + length], stem, rest)
                    elif (cand.rule == "entities.gazetteer.name" and length > 1
                          and words[i + length - 1][2] in PLACE_HONORIFICS):
                        cand = replace(cand, end=words[i + length - 2][1])
                    return cand, length
        return None

    def _lookup(self, phrase: str, start: int, end: int, prefix: str, prev_word: str,
                crf_places: list[tuple[int, int]], list_countries: frozenset[str] = frozenset()) -> Candidate | None:
        entries = self.lexicon.lookup(phrase)
        for entry in entries:
            if entry.source == "misc":
                if entry.kind == "disease" and not entry.needs_context:
                    return _from_lexicon(entry, start, end)  # never a place (فيروس كورونا, not Corona, CA)
                continue  # currencies, wars, prizes: features for the CRF, which decides in context
            if entry.is_nisba and not _nisba_agrees(phrase, prefix, prev_word) and any(
                    e.feature == "country" for e in self.gazetteer.lookup_exact(phrase)):
                continue  # السعودية after a verb or preposition is the state, after a noun the adjective
            if entry.needs_context:
                context = self.person_context if entry.source == "people" else ORG_CONTEXT
                if bare_word(prev_word, context) not in context:
                    continue
                if entry.source == "people" and any(e.is_nisba for e in entries):
                    continue  # الرئيس السوداني is "the Sudanese president", not al-Sudani
            return _from_lexicon(entry, start, end)
        # The exact name; with the article dropped only when the text has one (الشدادي -> شدادي), never
        # added (ين is not الين, Allen).
        places = list(self.gazetteer.lookup_folded(phrase))
        if prefix and not phrase.startswith("ال"):
            # و/ب/ل attach to a name as it is written: "and Raqqa" is والرقة, so ورقة is "paper", not
            # و + رقه (a foreign spelling of الرقة). A place also named without the article keeps it
            # (لبريطانيا: بريطانيا is the United Kingdom's everyday name, المملكة المتحدة its main one).
            with_article = {e.key for e in self.gazetteer.lookup_folded("ال" + phrase)}
            places = [e for e in places if e.key not in with_article]
        dropped_article = False
        if not places and phrase.startswith("ال"):
            # The article is dropped only to find a place whose name has none (الشدادي -> شدادي); a
            # country never takes an article it does not have (المالي is "the financial", not Mali).
            places = [e for e in self.gazetteer.lookup(phrase) if e.feature != "country"]
            dropped_article = True
        if not places:
            return None
        if prev_word in PRE_VERB_PARTICLES or (
                prev_word in DEMONSTRATIVES and phrase.startswith("ال") and _no_country(places)):
            return None
        best = max(places, key=lambda e: (e.feature in STANDALONE_FEATURES, e.population))
        if bare_word(prev_word, NAMED_AFTER_NOUNS) in NAMED_AFTER_NOUNS and best.feature in POPULATED_FEATURES:
            return None
        if COUNTRY_ONLY_PROCLITICS & set(prefix) and not phrase.startswith("ال") and best.feature != "country":
            return None
        cue = bare_word(prev_word, CUE_WORDS)
        in_region = best.country in HOME_REGION
        # Read without its article, a word that is a common noun is that noun (البورصة "the stock exchange",
        # not Bursa; الناسك "the hermit", not Nashik).
        common = self.gazetteer.is_common_word(phrase) or (
            dropped_article and (self.gazetteer.is_common_word(phrase[2:]) or common_noun_name(phrase)))
        crf_agrees = any(s <= start < e for s, e in crf_places)
        if _reads_as_attribute(phrase, prefix, cue, best) and not crf_agrees:
            return None
        if common:
            # A common word is a place after a place noun, where the CRF reads a place, or, for a country
            # (مصر, مالي), after a preposition of place.
            after_preposition = cue in PLACE_PREPOSITIONS or prefix[-1:] in ("ب", "ل")
            confirmed = cue in PLACE_NOUNS or crf_agrees or (best.feature == "country" and after_preposition)
        else:
            confirmed = (
                best.feature in STANDALONE_FEATURES
                or best.geonameid is None  # curated entries are the names the news uses
                or (best.population >= STANDALONE_POPULATION and not _frequent_word(phrase, best))
                or cue in PLACE_NOUNS
                or (in_region and (cue in PLACE_PREPOSITIONS or prefix[-1:] in ("ب", "ل"))
                    and not common_noun_name(phrase))
                or crf_agrees
                or (in_region and best.country in list_countries)
            )
        if not confirmed:
            return None
        # A weak reading yields to the CRF's person or organisation reading, but not after a place noun
        # (بلدة "الشدادي" is the town, whatever the CRF reads).
        weak = best.geonameid is not None and best.feature not in STANDALONE_FEATURES and cue not in PLACE_NOUNS
        return Candidate(start, end, label_for_place(best), best.name, f"gazetteer:{phrase}", "entities.gazetteer.name",
                         relabel=weak)

    def _organization_name(self, cand: Candidate, words: list[tuple[int, int, str]], first: str,
                           rest: str) -> Candidate:
        """Without a leading type word (حركة حماس -> حماس) or a trailing nisba (حزب الله اللبناني -> حزب
        الله, سكاي نيوز البريطانية -> سكاي نيوز) when what is left is a name of its own."""
        if strip_article(first) in ORG_TYPE_WORDS and self.lexicon.lookup(rest):
            return replace(cand, start=words[1][0])
        last = words[-1][2]
        head = " ".join([first, *rest.split()[:-1]])
        # Only a definite nisba qualifies the name (حزب الله اللبناني); an indefinite one is part of it
        # (سكاي نيوز عربية).
        if last.startswith("ال") and any(e.is_nisba for e in self.lexicon.lookup(last)) and any(
                not e.needs_context and not e.is_nisba for e in self.lexicon.lookup(head)):
            return replace(cand, end=words[-2][1])
        return cand

    def _without_title(self, cand: Candidate, words: list[tuple[int, int, str]], first: str) -> Candidate:
        """The person's name without the leading titles of the alias (الملك سلمان -> سلمان)."""
        k = 0
        while k < len(words) - 1 and strip_article(first if k == 0 else words[k][2]) in self.person_titles:
            k += 1
        return cand if k == 0 else replace(cand, start=words[k][0])

    def _verb_here(self, text: str, words: list[tuple[int, int, str]], i: int) -> bool:
        """Whether words[i], a place name written like a verb, is the verb (reads_as_verb)."""
        if not verb_homographs().intersection(stem for _, stem in split_proclitics(words[i][2])):
            return False
        gap_before = text[words[i - 1][1] : words[i][0]] if i else "."
        previous = words[i - 1][2] if i and _only_spacing(gap_before) else ""
        following = ""
        if i + 1 < len(words) and _only_spacing(text[words[i][1] : words[i + 1][0]]):
            following = words[i + 1][2]
        return reads_as_verb(words[i][2], previous, following, _SENTENCE_END_RE.search(gap_before) is not None,
                             self._is_country(previous), bool(following) and self._is_place_word(following))

    def _is_country(self, word: str) -> bool:
        return bool(word) and any(e.feature == "country" for e in self.gazetteer.lookup_folded(word))

    def _is_place_word(self, word: str) -> bool:
        return next(iter(self.gazetteer.lookup_folded(word)), None) is not None

    # ---- CRF ----

    def _crf_candidate(self, text: str, start: int, end: int, kind: str) -> Candidate:
        # Strip proclitics the tokenizer left on the first word when what follows is clearly the name:
        # the article (وبالحسكة -> الحسكة; not لل, since للجيش -> لجيش is wrong), or و/ف/ب/ل
        # before a word that begins a known name (ومحمد, لبريطانيا), never from a word that is itself
        # the start of a known name (فيصل, وليد, بكين, لبنان).
        whole = fold(text[start:end].split()[0])
        m = _ARTICLE_PROCLITICS.match(text[start:end])
        if m and m.end() and end - (start + m.end()) >= 2:
            first = text[start + m.end() : end].split()[0]
            # بال/كال open foreign names too (كاليفورنيا, بالتيمور): a known name keeps its letters,
            # and ك (rare before a name, "like") is split off only before one.
            if whole not in self.name_starts and ("ك" not in m.group() or first in self.name_starts):
                start += m.end()
        elif whole not in self.whole_name_starts and whole not in person_name_starts():
            for prefix in _NAME_PROCLITICS:
                rest = whole[len(prefix):]
                if prefix[-1] in "بل" and whole in self.name_starts:
                    continue  # ببيلا is the village Babila, not ب + بيلا
                starts = self.place_org_starts if "ب" in prefix else self.name_starts
                if whole.startswith(prefix) and len(rest) >= 2 and rest in starts and (
                        len(rest) >= MIN_STEM_LETTERS or " " in text[start:end]):
                    start += len(prefix)
                    break
        label = _CRF_LABELS.get(kind, EntityLabel.MISC)
        return Candidate(start, end, label, self._english_name(text[start:end], label), None, "entities.crf",
                         from_lexicon=False)

    def _english_name(self, surface: str, label: EntityLabel) -> str | None:
        """The English title of a person or organisation on the Wikipedia list, matched on the whole
        span; a person needs two words or more (one given name says nothing of who it is)."""
        if label not in (EntityLabel.PER, EntityLabel.ORG):
            return None
        key = fold(surface)
        if label is EntityLabel.PER and " " not in key:
            return None
        return self.english_names.get((key, label.value))

    def _crf_candidates(self, view: TextView) -> list[Candidate]:
        if self.crf is None:
            return []
        text = view.text
        sentences = [(sentence.start, tokenize(text[sentence.start : sentence.end])) for sentence in view.sentences]
        sentences = [(offset, tokens) for offset, tokens in sentences if tokens]
        # The CRF reads the words as written (على, not the view's folded علي; ة and ى as they stand): it was
        # trained on them, and the letters folding merges tell a preposition from a name.
        raw = view.norm.raw
        written = [[raw[slice(*view.norm.to_raw(offset + t.start, offset + t.end))] for t in tokens]
                   for offset, tokens in sentences]
        # The whole document at once: a name tagged in one sentence is tagged where it recurs.
        all_labels = self.crf.tag_document(written)
        out: list[Candidate] = []
        for (offset, tokens), labels in zip(sentences, all_labels, strict=True):
            span_start: int | None = None
            span_label = ""
            span_end = 0
            is_name = True
            for k, (tok, lab) in enumerate(zip([*tokens, None], [*labels, "O"], strict=True)):
                tag, _, kind = lab.partition("-")
                if span_start is not None and (tag != "I" or kind != span_label):
                    # A word right after قد, لم, لن... is a verb (قد سرت "had spread"), and a definite noun after a
                    # demonstrative is "this X" (هذه البندقية "this rifle", not Venice), whatever the tagger read.
                    if is_name:
                        out.append(self._crf_candidate(text, offset + span_start, offset + span_end, span_label))
                    span_start = None
                if tok is not None and (tag == "B" or (tag == "I" and span_start is None)):
                    span_start, span_label = tok.start, kind
                    before = tokens[k - 1] if k else None
                    previous = text[offset + before.start : offset + before.end] if before is not None else ""
                    is_name = previous not in PRE_VERB_PARTICLES and not (
                        previous in DEMONSTRATIVES and text.startswith("ال", offset + tok.start))
                    if is_name and (k + 1 >= len(tokens) or labels[k + 1][:1] != "I"):
                        # a one-word span: a place name written like a verb may be the verb (وسرت شائعات)
                        words = [(offset + t.start, offset + t.end, text[offset + t.start : offset + t.end])
                                 for t in tokens[max(0, k - 1) : k + 2]]
                        is_name = not self._verb_here(text, words, 1 if k else 0)
                if tok is not None and span_start is not None:
                    span_end = tok.end
        return out


@cache
def _month_names() -> frozenset[str]:
    from marsad.resources.timewords import time_words

    return frozenset(time_words().months)


def is_date_month(text: str, start: int, end: int) -> bool:
    """A one-word span that is a month name written as part of a date, not a name (نيسان the month, not
    Nissan): paired with another month name by a slash (نيسان/أبريل), after a day number or من
    (السابع من نيسان), or before a year (أيار 2019)."""
    months = _month_names()
    word = text[start:end]
    if not word or " " in word or fold(word) not in months:
        return False
    before = text[max(0, start - 30) : start].split()
    after = text[end : end + 30]
    if after.startswith("/") and after[1:].split()[:1] and fold(after[1:].split()[0].strip(".,،")) in months:
        return True
    if before and before[-1].endswith("/") and fold(before[-1][:-1]) in months:
        return True
    if before and (before[-1].isdigit() or fold(before[-1]) == "من"):
        return True
    following = after.split()[:1]
    return bool(following) and following[0][:4].isdigit() and len(following[0].strip(".,،")) == 4


_SPACING_RE = re.compile(r"[\s\"'«»“”‘’]*")


def _only_spacing(between: str) -> bool:
    """Spaces and quote marks only: بلدة "الشدادي" keeps بلدة as the word before the name."""
    return _SPACING_RE.fullmatch(between) is not None


# Words that start with ال but are not definite nouns (إلى folds to الي).
_NOT_DEFINITE = frozenset(fold(w) for w in ("إلى", "التي", "الذي", "الذين", "اللذين", "اللتين", "إلا", "اللاتي"))


def reads_as_verb(word: str, previous: str, following: str, sentence_start: bool, previous_is_country: bool,
                  following_is_place: bool) -> bool:
    """Whether a one-word place name written like a common verb (verb_homographs.tsv: تدمر, سرت) is the
    verb here. `word` is folded, with its proclitics; `previous` and `following` are the folded words
    next to it ("" across punctuation)."""
    homographs = verb_homographs()
    readings = [(prefix, stem) for prefix, stem in split_proclitics(word)
                if stem in homographs and prefix in _VERB_PROCLITICS]
    if not readings:
        return False
    prefix = readings[0][0]
    if not prefix and (previous in PRE_VERB_PARTICLES or previous in VERB_INTRODUCERS):
        return True  # التي تدمر، أنها تدمر
    if following == "ما" or (len(following) >= 4 and following.endswith("ا") and not following.startswith("ال")
                             and not following.endswith("يا") and following not in NOT_OBJECTS_IN_A
                             and not following_is_place):
        return True  # an object: تدمر شخصا، لتدمر ما تبقى
    if following in _PREPOSITIONS_WITH_PRONOUN:
        return True  # وسرت معه "and I walked with him"
    if not prefix and (_definite_noun(previous) or previous_is_country) and (
            bare_word(previous, CUE_WORDS) not in PLACE_NOUNS) and _object_after_verb(following, following_is_place):
        # A subject before and an object after: البحرية السعودية تدمر زورقين. Without the object the
        # definite noun is more often the subject of a verb before it: قصفت الطائرات تدمر.
        return True
    # Opening a sentence after و/ف with no article on what follows: وسرت شائعات "rumours spread".
    return (sentence_start and prefix in ("و", "ف") and bool(following) and not following.startswith("ال")
            and following not in _PLACE_PREDICATES and following not in PLACE_PREPOSITIONS)


def _object_after_verb(following: str, following_is_place: bool) -> bool:
    """A word that can open a verb's object: not a place, preposition, adverb, time word or a word
    joined by و (قصفت الطائرات تدمر وحمص، تدمر أمس)."""
    return (bool(following) and not following_is_place and not following.startswith(("ال", "و"))
            and following not in NOT_OBJECTS_IN_A and following not in PLACE_PREPOSITIONS
            and following not in _NOT_OBJECTS)


def _definite_noun(word: str) -> bool:
    return word.startswith("ال") and len(word) > 3 and word not in _NOT_DEFINITE


def _nisba_agrees(phrase: str, prefix: str, previous: str) -> bool:
    """A nisba spelt like a state (السعودية، سورية) is the adjective when it agrees with the noun before it:
    definite after a definite noun (الحكومة السعودية); indefinite after a feminine or non-human plural
    noun (وسائل إعلام سورية، مقاتلة سورية، فصائل سورية), never after a preposition glued to it (بسورية)."""
    if phrase.startswith("ال"):
        return _definite_noun(previous)
    if set(prefix) & {"ب", "ل"} or len(previous) < 3 or previous.startswith("ال"):
        return False
    return previous.endswith(("ه", "ات")) or previous in FEMININE_PLURAL_NOUNS




def _frequent_word(phrase: str, place: GazetteerEntry) -> bool:
    """A one-word name of a foreign city of middling size that is also a frequent word (FREQUENT_NAME_ZIPF)."""
    return (" " not in phrase and place.population < FREQUENT_NAME_POPULATION
            and place.country not in HOME_REGION and zipf_as_written(phrase) >= FREQUENT_NAME_ZIPF)


def _people_consistent(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A one-word name the tagger alone found and classed otherwise, that is the last name of a person
    named in full in the document (هيذر نويرت ... أجابت نويرت), is that person: one report, one reading.
    A very common word is left as it is (الله ends عبد الله), and so is a place after a place noun (مدينة
    الصدر is Sadr City, whatever مقتدى الصدر in the same report)."""
    surnames = {text[c.start : c.end].split()[-1] for c in candidates
                if c.label is EntityLabel.PER and " " in text[c.start : c.end]}
    surnames = {w for w in surnames if zipf_as_written(w) < VERY_COMMON_ZIPF}
    def word_before(c: Candidate) -> str:
        before = text[max(0, c.start - 20) : c.start].split()
        return bare_word(before[-1], PLACE_NOUNS) if before else ""

    return [replace(c, label=EntityLabel.PER) if (
        c.rule == "entities.crf" and c.label is not EntityLabel.PER and c.name is None
        and " " not in text[c.start : c.end] and text[c.start : c.end] in surnames
        and word_before(c) not in PLACE_NOUNS) else c
        for c in candidates]


def _no_country(places: Sequence[GazetteerEntry]) -> bool:
    return all(e.feature != "country" for e in places)


def common_noun_name(phrase: str) -> bool:
    """A one-word name that is the article and a common noun (COMMON_NOUN_ZIPF): الأفران, التربة."""
    return (" " not in phrase and phrase.startswith("ال") and len(phrase) > 4
            and zipf_as_written(phrase[2:]) >= COMMON_NOUN_ZIPF)


def _reads_as_attribute(phrase: str, prefix: str, cue: str, place: GazetteerEntry) -> bool:
    """A name that is the article and a common word, right after a definite noun, is that noun's
    adjective or the second noun of a phrase (الدخان الرمادي "the grey smoke", not Ramadi; الصحابي الجليل
    "the venerable companion", not Galilee; الصناع المهرة "the skilled craftsmen", not Al Mahrah), unless
    the noun is a place noun (العاصمة الرياض). A country or capital after a noun is read as the place it is
    (زار الرئيس الفرنسي العراق)."""
    if prefix or cue in PLACE_NOUNS or place.feature in ("country", "capital") or not common_noun_name(phrase):
        return False
    return _definite_noun(cue) or (cue.startswith("لل") and len(cue) > 4)


def _carries_tanween(raw: str, span: Span) -> bool:
    """True when a word of the raw text under `span` is written with tanween."""
    return any(ch in TANWEEN for ch in raw[span.start : span.end])


def _common_as_written(token: str, stem: str) -> bool:
    """True when `token` is a common word as written and at least as common as `stem`, what is left of it
    without its proclitics: لغات is "languages", not ل + غات (Ghat), كسرت "broke", not ك + سرت (Sirte),
    بصدد "about", not ب + صدد. A proclitic on a real name is rarer than the name (بمصر against مصر)."""
    whole = zipf_as_written(fold(token))
    return whole >= COMMON_AS_WRITTEN_ZIPF and whole >= zipf_as_written(fold(stem))


def _from_lexicon(entry: LexiconEntry, start: int, end: int) -> Candidate:
    return Candidate(start, end, EntityLabel(entry.label), entry.name, f"{entry.source}:{entry.name}",
                     f"entities.lexicon.{entry.source}", nisba=entry.is_nisba)


_CRF_LABELS = {"PER": EntityLabel.PER, "PERS": EntityLabel.PER, "ORG": EntityLabel.ORG, "LOC": EntityLabel.GPE,
               "MISC": EntityLabel.MISC}


_PROCLITIC_LETTERS = frozenset("وفبلك")


def _front_of_place(stat: Candidate, lex: Candidate, text: str) -> bool:
    """The CRF's organisation is a front noun and then the lexicon's place, to the same end."""
    if stat.label is not EntityLabel.ORG or lex.label not in (EntityLabel.GPE, EntityLabel.LOC, EntityLabel.FAC):
        return False
    head = text[stat.start : lex.start].split()
    return len(head) == 1 and bare_word(fold(head[0]), FRONT_NOUNS) in FRONT_NOUNS


def merge(lexical: list[Candidate], statistical: list[Candidate], text: str = "") -> list[Candidate]:
    """Longest span wins; on equal length the lexicon wins. A statistical span that is a lexicon span
    plus proclitics (بغزة over غزة), or an organisation that is a front noun before a lexicon place
    (جبهة الساحل الغربي), loses to it. Returns candidates in text order."""
    statistical = [c for c in statistical if not any(
        lex.end == c.end and (c.start < lex.start <= c.start + 2 or _front_of_place(c, lex, text))
        for lex in lexical)]
    # Where the CRF reads a weak gazetteer name as a person, organisation or other name, its label stands
    # (برشلونة the club, أنان the surname); the place reading goes.
    other_reading = {(c.start, c.end) for c in statistical if c.label not in (EntityLabel.GPE, EntityLabel.LOC)}
    lexical = [c for c in lexical if not (c.relabel and (c.start, c.end) in other_reading)]
    ranked = sorted([*lexical, *statistical], key=lambda c: (-(c.end - c.start), not c.from_lexicon, c.start))
    taken: list[Candidate] = []
    for cand in ranked:
        if any(cand.start < t.end and t.start < cand.end for t in taken):
            continue
        taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
