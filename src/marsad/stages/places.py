"""Places stage: resolve GPE/LOC/FAC entities to gazetteer entries with coordinates.

Candidates come from the gazetteer (exact folded name, then fuzzy with rapidfuzz); they are ranked by
the cue word before the name (محافظة X is the governorate, بلدة X a town, قاعدة X a base), by the
countries the document already names, by feature type and by population; a state or province named
right after the name as what it lies in (فريبورغ في غرب ألمانيا، منطقة الغور بصعدة) keeps only the
readings inside it. A state or capital used as an actor (أعلنت السعودية، طهران تهدد، انسحاب الولايات
المتحدة) stays an entity and is not a place, and a name that is also a frequent noun (مشهد "scene") is a
place only where a word of place or a list of places says so.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from marsad.model.annotations import Entity, Place
from marsad.model.document import Analysis
from marsad.model.spans import Provenance
from marsad.resources.gazetteer import Gazetteer, GazetteerEntry
from marsad.resources.word_usage import word_usage
from marsad.stages.base import TextView
from marsad.stages.entities import (
    NAMED_AFTER_NOUNS,
    PLACE_LABELS,
    PLACE_NOUNS,
    POPULATED_FEATURES,
    common_noun_name,
)
from marsad.text.normalize import fold
from marsad.text.tokenize import WORD_CHARS, bare_word

STAGE = "places"
_WORD_RE = re.compile(rf"[{WORD_CHARS}]+")
# Cue word before a name -> the features it asks for. منطقة is vague: the area of a city (منطقة الحديدة),
# a Saudi province (منطقة جازان), a region, a district or an island (منطقة جربة); it rules out only a
# country, a capital, a village.
# Below this a town or village whose name is also a common noun needs a word of place (_common_noun_hamlet).
SMALL_PLACE_POPULATION = 20_000
CUE_FEATURES: dict[str, frozenset[str]] = {
    fold(k): frozenset(v)
    for k, v in {
        "محافظة": {"admin1"}, "ولاية": {"admin1"}, "إقليم": {"admin1", "region"},
        "منطقة": {"region", "admin1", "admin2", "city", "town", "island"},
        "مدينة": {"city", "capital", "town"}, "العاصمة": {"capital", "city"}, "بلدة": {"town", "village", "city"},
        "قرية": {"village", "town"}, "قاعدة": {"base", "airbase", "facility"}, "مطار": {"airport", "airbase"},
        "مخيم": {"camp"}, "معبر": {"crossing"}, "ميناء": {"port"}, "سد": {"dam"}, "حقل": {"field", "oilfield"},
        "سجن": {"prison"}, "جبل": {"mountain"}, "نهر": {"river"}, "حي": {"neighbourhood"},
        "جزيرة": {"island"}, "معسكر": {"camp", "base"},
    }.items()
}
# Words before a name that put the event near or in part of it: ACLED precision 2.
NEAR_WORDS = frozenset(fold(w) for w in ("ريف", "أطراف", "ضواحي", "قرب", "محيط", "شمال", "جنوب", "شرق", "غرب",
                                         "مشارف", "بالقرب", "أرياف", "جوار", "شمالي", "جنوبي", "شرقي", "غربي"))
# Prepositions and nouns that make a following state name a location, not an actor.
LOCATIVE_WORDS = frozenset(fold(w) for w in (
    "في", "من", "إلى", "الى", "نحو", "باتجاه", "عبر", "داخل", "خارج", "قرب", "حدود", "شمال", "جنوب", "شرق",
    "غرب", "وسط", "أطراف", "ريف", "محافظة", "مدينة", "بلدة", "أراضي", "مع", "و", "على", "بين", "حول", "لدى",
    "العاصمة", "عاصمة", "أرض", "أو",
))
# Nouns of action or stance whose genitive is their agent (إعلان سوريا، انسحاب الولايات المتحدة).
AGENT_NOUNS = frozenset(fold(w) for w in (
    "إعلان", "إخلاء", "تهديد", "قرار", "موقف", "سياسة", "رغبة", "نجاح", "دعم", "تدخل", "قيام", "انسحاب",
    "إرسال", "سحب", "رفض", "موافقة", "مطالبة", "اتهام", "اعتراف", "استراتيجية", "حكومة", "وزارة", "سفارة",
    "سفير", "رئيس", "جيش", "قوات", "خارجية", "مسؤولو", "مسؤولي", "إدارة", "تصريحات", "بيان", "اتهامات",
    "قيادة", "تقوده", "تقودها", "يقوده",
))
# Subordinators after which a name is the subject of its clause (أن الولايات المتحدة قادرة).
SUBJECT_OPENERS = frozenset(fold(w) for w in ("أن", "إن", "لأن", "بأن", "كون", "لكن", "بينما", "حيث"))
# Particles right after a name that make it the subject of a verb (واشنطن لن تبقي).
VERBAL_PARTICLES = frozenset(fold(w) for w in ("لن", "لم", "قد", "لا", "سوف", "كانت", "باتت", "ما"))
# Visits and arrivals: a state or capital they lead to is the destination (زيارة الحريري للرياض, وصل إلى
# طهران), not the government.
VISIT_WORDS = frozenset(fold(w) for w in (
    "زيارة", "زيارته", "زيارتها", "زار", "يزور", "تزور", "وصل", "وصلت", "يصل", "تصل", "وصول", "توجه", "يتوجه",
    "سافر", "يسافر", "رحلة", "عاد", "يعود", "عودة", "قدوم", "انتقل", "هرب", "فر", "لجأ", "لجوء", "سفر",
))
# Nouns whose genitive is where something is, not who acts (شوارع باريس، ضواحي دمشق، سكان طهران، بلدية
# القدس، مستشفيات صنعاء): a capital after one of them is the city. Plurals only where the singular names a
# thing after the city (شارع صنعاء in Hodeidah, مستشفى القدس in Gaza, جامعة القاهرة in Giza).
PLACE_HEAD_NOUNS = frozenset(fold(w) for w in (
    "شوارع", "ضاحية", "ضواحي", "أحياء", "أنحاء", "سكان", "أهالي", "بلدية", "محافظ", "مستشفيات", "مشافي",
    "مدارس", "حدائق", "أسواق", "مترو", "قلب", "مداخل", "ساحات", "ميادين", "سماء", "أجواء",
))
# Words of place that let a small town named with a common noun stand (مديرية الحشوة، في الخانق); و alone
# does not (سفك الدماء والخراب "bloodshed and ruin"), nor أو.
HAMLET_CUES = (LOCATIVE_WORDS - {"و", "او"}) | PLACE_NOUNS | frozenset(CUE_FEATURES)
# Words read before a name by _is_actor; one of these is never split (وزارة is not و + زارة).
ACTOR_CUES = (LOCATIVE_WORDS | AGENT_NOUNS | SUBJECT_OPENERS | VISIT_WORDS | frozenset(CUE_FEATURES)
              | PLACE_HEAD_NOUNS | NEAR_WORDS)
# A province or settlement noun before a place noun makes that noun a name (ولاية معسكر); حي مدينة الصدر
# does not make مدينة one.
SETTLEMENT_CUES = frozenset(fold(w) for w in ("ولاية", "محافظة", "إقليم", "مدينة", "بلدة", "قرية"))
CAPITAL_WORDS = frozenset(fold(w) for w in ("العاصمة", "عاصمة"))
# Feature ranks when nothing else decides (a bare name: the country, then the biggest place).
# A bare name is the city before the governorate of the same name (حلب is Aleppo city): ACLED's habit
# and the reader's.
FEATURE_RANK = {"country": 6, "capital": 5, "city": 4, "admin1": 3, "region": 2, "town": 1}
# A sea, gulf or river is not a point either: at best the region it names.
COARSE_FEATURES = frozenset({"country", "admin1", "region", "admin2", "continent", "water"})
# Context (a country named nearby) does not lift a place over a namesake this many times more populous, or
# over a capital or country this many times more populous: موسكو stays Moscow beside الأميركية (not Mesquite,
# Texas), كابول stays Kabul beside إسرائيل; طرابلس (Tripoli, Libya 6x Tripoli, Lebanon) still follows it.
DOMINANT_RATIO = 100.0
DOMINANT_CAPITAL_RATIO = 20.0
SETTLEMENTS = frozenset({"city", "town", "village"})
UNKNOWN_POPULATION = 10_000
# The words after a name that say what it lies in: في غرب ألمانيا، بصعدة، بولاية تنيسي، شمال شرق الصين.
DIRECTION_WORDS = frozenset(fold(w) for w in (
    "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي",
))
CONTAINER_NOUNS = frozenset(fold(w) for w in ("ولاية", "محافظة", "إقليم", "منطقة", "مقاطعة", "جمهورية"))
CONTAINER_FEATURES = frozenset({"country", "admin1"})
# Punctuation that ends the phrase a name stands in: a container is read no further.
_PHRASE_END_RE = re.compile(r"[.،,:;؛!?()\[\]\"«»\n]")
MAX_CONTAINER_WORDS = 3
# A one-word name as common as this (Zipf, wordfreq) that takes the article this often (percent) is a
# noun first (مشهد 4.5/56); names of places seldom take it (بغداد, دمشق) or are rare words.
NOUN_NAME_ZIPF = 4.0
NOUN_NAME_ARTICLE_PCT = 30
# Fuzzy matches below this rapidfuzz score are not the same name.
FUZZY_CUTOFF = 92.0


@dataclass(frozen=True, slots=True)
class Mention:
    index: int
    entity: Entity
    folded: str
    prev_word: str
    prev_prev_word: str
    next_word: str
    # the three words before the name, nearest last (a visit word may stand before the visitor's name)
    earlier: tuple[str, ...] = ()
    # the words after the name up to the end of its phrase (at most six)
    after: tuple[str, ...] = ()


class PlaceResolver:
    name = STAGE
    requires: tuple[str, ...] = ("entities",)
    assigns: tuple[str, ...] = ("places",)

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    @classmethod
    def from_resources(cls) -> PlaceResolver:
        return cls(Gazetteer.load())

    def annotate(self, analysis: Analysis, view: TextView) -> dict[str, tuple[Any, ...]]:
        raw = analysis.document.text
        mentions = [self._mention(i, e, raw) for i, e in enumerate(analysis.layer("entities"))
                    if e.label in PLACE_LABELS and not e.nisba]
        candidates = {m.index: self._candidates(m) for m in mentions}
        # Countries the document names (unambiguously) steer the choice among same-named places; those
        # named in the same sentence, by name or by nisba (ترسانة الإسكندرية ... المتحدث العسكري المصري),
        # steer it first: a report often names several countries, the sentence says which one is meant.
        sentence_of = {i: self._sentence(e, view) for i, e in enumerate(analysis.layer("entities"))}
        context: Counter[str] = Counter()
        by_nisba: Counter[str] = Counter()
        local: dict[int, set[str]] = {}
        for m in mentions:
            cands = candidates[m.index]
            countries = {c.country for c in cands}
            # A village steers nothing: a village name is as often a word or a person's name (نير بركات,
            # the mayor of Jerusalem, is not Nir in Iran, and must not make القدس Qods).
            if len(countries) == 1 and cands[0].country and any(c.feature != "village" for c in cands):
                context[cands[0].country] += 1
                local.setdefault(sentence_of[m.index], set()).add(cands[0].country)
        for i, e in enumerate(analysis.layer("entities")):
            country = self._nisba_country.get(e.name or "") if e.nisba else None
            if country:
                by_nisba[country] += 1
                local.setdefault(sentence_of[i], set()).add(country)
        places: list[Place] = []
        for m in mentions:
            cands = candidates[m.index]
            if (not cands or self._is_cue_noun(m) or self._is_actor(m, cands) or self._named_after(m, cands)
                    or self._common_noun_hamlet(m, cands) or self._noun_here(m)):
                continue
            container = self._container(m)
            if container is not None:
                country, stated = container
                inside = [c for c in cands if c.country == country]
                if inside:
                    cands = inside
                elif stated and all(c.country and c.feature not in ("country", "capital") for c in cands):
                    # فريبورغ في غرب ألمانيا with only the Swiss Fribourg known: a place the gazetteer
                    # lacks, not the namesake abroad. A state or capital may stand outside what follows
                    # it (ممثل طهران في العراق), and a sea or region belongs to no one country (البحر
                    # المتوسط في جنوب فرنسا): those are kept.
                    continue
            here = local.get(sentence_of[m.index], set())
            dominated = _dominated(cands)
            written = self._as_written(m)
            beside_country = self._beside_country(m)
            over_province = _country_over_province(m, cands)
            best = max(cands, key=lambda c: self._score(c, m, context, here, by_nisba, c.key not in dominated,
                                                        c.key in written, beside_country, over_province))
            places.append(self._place(m, best))
        return {"places": tuple(places)}

    @cached_property
    def _nisba_country(self) -> dict[str, str]:
        """English country name -> ISO code, for nisba entities (their name is the state's English name)."""
        return {e.name: e.country for e in self.gazetteer.all_entries() if e.feature == "country" and e.country}

    @staticmethod
    def _sentence(entity: Entity, view: TextView) -> int:
        start, _end = view.norm_span(entity.span)
        return view.sentence_of(start).start

    def _mention(self, index: int, entity: Entity, raw: str) -> Mention:
        before = _WORD_RE.findall(fold(raw[max(0, entity.span.start - 40) : entity.span.start]))
        after = _WORD_RE.findall(fold(raw[entity.span.end : entity.span.end + 30]))
        # A proclitic glued to the name (بسوريا) acts as the word before it.
        glued = fold(raw[max(0, entity.span.start - 3) : entity.span.start])
        prev = before[-1] if before else ""
        if glued and not glued[-1].isspace() and prev:
            prev = prev[-1] if prev[-1] in "بلك" else prev
        phrase = _PHRASE_END_RE.split(raw[entity.span.end : entity.span.end + 60], maxsplit=1)[0]
        return Mention(index, entity, fold(raw[entity.span.start : entity.span.end]), prev,
                       before[-2] if len(before) > 1 else "", after[0] if after else "", tuple(before[-3:]),
                       tuple(_WORD_RE.findall(fold(phrase))[:6]))

    def _candidates(self, m: Mention) -> list[GazetteerEntry]:
        ref = m.entity.ref or ""
        if ref.startswith(("organizations:", "people:")):
            return []
        # A place noun that is part of the name (مدينة الصدر، إقليم كردستان، مخيم اليرموك): the whole name
        # first, when the tagger left the noun outside the entity.
        cue = bare_word(m.prev_word, CUE_FEATURES)
        if cue in CUE_FEATURES:
            whole = list(self.gazetteer.lookup_exact(f"{cue} {m.folded}"))
            if whole:
                return whole
        if ref.startswith("gazetteer:"):
            return list(self.gazetteer.lookup(_matched_name(m)))
        found = list(self.gazetteer.lookup_exact(m.folded))
        if not found:
            found = [e for e, _score in self.gazetteer.fuzzy(m.folded, limit=5, score_cutoff=FUZZY_CUTOFF)]
        return found

    def _container(self, m: Mention) -> tuple[str, bool] | None:
        """The country of the state or province named right after the mention as what it lies in, and
        whether the text says so plainly: a direction (غرب ألمانيا), a province noun (ولاية تنيسي) or a
        glued ب (بصعدة) does; a bare في Y only suggests it. None when nothing such follows."""
        words = list(m.after)
        stated = glued = False
        if words and words[0] == "في":
            words = words[1:]
        elif words and len(words[0]) > 2 and words[0][0] == "ب":
            words[0] = words[0][1:]
            stated = glued = True
        # منطقة الغور بصعدة: after a place noun, a glued ب names the province even where its name is also
        # its capital's; elsewhere ب joins too much else (يربط البصرة بالعقبة) for a city to count.
        kinds = CONTAINER_FEATURES if not (glued and bare_word(m.prev_word, CUE_FEATURES) in CUE_FEATURES) else None
        for _ in range(2):
            if words and words[0] in DIRECTION_WORDS:
                words, stated = words[1:], True
        if words and words[0] in CONTAINER_NOUNS:
            words, stated = words[1:], True
        for n in range(min(MAX_CONTAINER_WORDS, len(words)), 0, -1):
            found = self.gazetteer.lookup(" ".join(words[:n]))
            countries = {e.country for e in found}
            if found and len(countries) == 1 and (
                    all(e.feature in kinds for e in found) if kinds is not None
                    else any(e.feature in CONTAINER_FEATURES for e in found)):
                country = countries.pop()
                return (country, stated) if country else None
        return None

    def _beside_country(self, m: Mention) -> bool:
        """A state name joined by و to another (جورجيا وأوكرانيا، روسيا وجورجيا): the country, not a
        province of that name (Georgia, US)."""
        nxt = m.next_word
        if len(nxt) > 2 and nxt[0] == "و" and self._is_country_name(nxt[1:]):
            return True
        return m.prev_word == "و" and self._is_country_name(m.prev_prev_word)

    def _is_country_name(self, word: str) -> bool:
        found = self.gazetteer.lookup(word)
        return bool(found) and all(e.feature == "country" for e in found)

    def _as_written(self, m: Mention) -> set[str]:
        """Keys of the places named exactly as the mention is, with the article where it has one and
        without where it has none (البلقان is the Balkans; بلقان, which lookup() also finds for it, is
        a province of Turkmenistan)."""
        return {e.key for e in self.gazetteer.lookup_exact(_matched_name(m))}

    @staticmethod
    def _is_cue_noun(m: Mention) -> bool:
        """The entity is only a place noun (مدينة in حي مدينة الصدر, معبر in من معبر القنيطرة, معسكر in
        معسكر خالد): the name follows it, the noun is no place of its own. After a place noun of its own it
        is the name (ولاية معسكر, Mascara). With the article alone it points back to a place already named
        (السيطرة على المدينة "the city"), not to Medina."""
        if m.folded.startswith("ال") and m.folded[2:] in SETTLEMENT_CUES:
            return True
        return (bare_word(m.folded, CUE_FEATURES) in CUE_FEATURES
                and bare_word(m.prev_word, SETTLEMENT_CUES) not in SETTLEMENT_CUES)

    def _noun_here(self, m: Mention) -> bool:
        """A one-word name that is also a frequent noun (مشهد "scene", Mashhad), read as that noun: before a
        particle that opens a clause on it (في مشهد لم يكن أحد ليتخيله), or with no word of place before
        it and no place it is listed with (فكان مشهد ميدان التحرير; but مدن مشهد وشيراز، شيراز ومشهد)."""
        name = m.folded
        if " " in name or name.startswith("ال"):
            return False
        usage = word_usage().get(name)
        if usage is None or usage.zipf < NOUN_NAME_ZIPF or usage.article_pct < NOUN_NAME_ARTICLE_PCT:
            return False
        if m.next_word in VERBAL_PARTICLES:
            return True
        # بمالي: a glued preposition is a word of place too.
        if m.prev_word in ("ب", "ل") or bare_word(m.prev_word, HAMLET_CUES) in HAMLET_CUES:
            return False
        beside = m.prev_prev_word if m.prev_word == "و" else m.next_word[1:] if m.next_word[:1] == "و" else ""
        # وشيراز ومشهد: the place before may carry its own و.
        return not any(self.gazetteer.lookup(w) for w in {beside, beside[1:] if beside[:1] == "و" else ""} if w)

    @staticmethod
    def _named_after(m: Mention, cands: list[GazetteerEntry]) -> bool:
        """A street, square, stadium or work named after a town or country (شارع الجزائر in Sanaa, ساحة
        لافاييت, فيلم هيت): the name says nothing of where it is."""
        return bare_word(m.prev_word, NAMED_AFTER_NOUNS) in NAMED_AFTER_NOUNS and all(
            c.feature in POPULATED_FEATURES for c in cands)

    @staticmethod
    def _common_noun_hamlet(m: Mention, cands: list[GazetteerEntry]) -> bool:
        """A name that is the article and a common noun (والخراب "and the ruin"), whose only readings are
        small towns and villages, with no word of place before it: the noun, even where the tagger read a
        place (the entity stage takes its reading as confirmation for such a name)."""
        return (common_noun_name(m.folded)
                and all(c.feature in ("town", "village") and c.population < SMALL_PLACE_POPULATION for c in cands)
                and bare_word(m.prev_word, HAMLET_CUES) not in HAMLET_CUES)

    def _is_actor(self, m: Mention, cands: list[GazetteerEntry]) -> bool:
        """A state or capital standing for its government: subject or agent, not a location."""
        kinds = {c.feature for c in cands}
        if not kinds & {"country", "capital"}:
            return False
        prev = bare_word(m.prev_word, ACTOR_CUES)
        capital_only = "capital" in kinds and "country" not in kinds
        # بسوريا is in Syria; لواشنطن is mostly Washington's (the government's), لسوريا to Syria.
        # A place noun before the name (ولاية واشنطن) makes it a place too.
        if (prev in LOCATIVE_WORDS or prev in CUE_FEATURES or m.prev_word == "ب"
                or (m.prev_word == "ل" and not capital_only)):
            return False
        # شوارع باريس، ضواحي دمشق: the city; العاصمة الفرنسية باريس: the capital named as a place.
        if prev in PLACE_HEAD_NOUNS or prev in NEAR_WORDS or any(w in CAPITAL_WORDS for w in m.earlier[-2:]):
            return False
        if prev in VISIT_WORDS or (m.prev_word == "ل" and any(
                bare_word(w, VISIT_WORDS) in VISIT_WORDS for w in m.earlier[:-1])):
            return False
        if prev in AGENT_NOUNS or prev in SUBJECT_OPENERS or prev[1:] in AGENT_NOUNS:
            return True
        if len(prev) >= 4 and prev[0] in "تي" and not prev.startswith("ال"):
            return True  # a present verb before its subject: وتعلن الولايات المتحدة، تتبنى واشنطن
        nxt = m.next_word
        if nxt in VERBAL_PARTICLES or (len(nxt) > 3 and nxt[0] in "تي" and not nxt.startswith("ال")):
            return True
        if len(prev) >= 4 and prev.endswith("ت") and not prev.startswith("ال"):
            return True  # a past verb, feminine: أعلنت السعودية، فضلت واشنطن
        return capital_only  # a bare capital: the government

    def _score(self, c: GazetteerEntry, m: Mention, context: Counter[str], here: set[str],
               by_nisba: Counter[str], liftable: bool = True, as_written: bool = True,
               beside_country: bool = False, over_province: bool = False) -> tuple[float, ...]:
        wanted = CUE_FEATURES.get(bare_word(m.prev_word, CUE_FEATURES), frozenset())
        country = (c.country or "") if liftable else ""
        # A country the sentence names comes before the kind of place a cue asks for: محافظة فاس وسط
        # المغرب is Fes, not Vas County (Hungary), the only admin area of that name. Without a cue, a
        # country comes before a province of its name that the document's countries would pick (الحدود
        # مع النيجر in a report on Nigeria is Niger, not Niger State); ولاية النيجر asks for the province.
        return (
            float(beside_country and c.feature == "country"),
            float(bool(country) and country in here),
            float(c.feature in wanted),
            float(over_province and c.feature == "country"),
            float(context.get(country, 0) > 0),
            float(by_nisba.get(country, 0) > 0),
            float(as_written),
            float(FEATURE_RANK.get(c.feature, 0)) if not wanted else 0.0,
            math.log10(c.population + 1),
            float(c.geonameid is None),
        )

    def _place(self, m: Mention, c: GazetteerEntry) -> Place:
        if c.feature in COARSE_FEATURES:
            precision = 3
        elif bare_word(m.prev_word, NEAR_WORDS) in NEAR_WORDS:
            precision = 2
        else:
            precision = 1
        return Place(m.entity.span, c.name, c.geonameid, c.lat, c.lon, c.country or None, c.feature, precision,
                     Provenance(STAGE, "places.gazetteer.ranked", ""), ref=c.key, admin1=c.admin1 or None,
                     entity=m.index)


def _matched_name(m: Mention) -> str:
    """The gazetteer name the entity tagger matched (لليمن -> اليمن), or the mention's folded text."""
    ref = m.entity.ref or ""
    return ref.removeprefix("gazetteer:") if ref.startswith("gazetteer:") else m.folded


def _country_over_province(m: Mention, cands: list[GazetteerEntry]) -> bool:
    """A country and a province of another country share the name, and no cue asks for the province."""
    if bare_word(m.prev_word, CUE_FEATURES) in CUE_FEATURES:
        return False
    states = {c.country for c in cands if c.feature == "country"}
    return bool(states) and any(c.feature == "admin1" and c.country not in states for c in cands)


def _dominated(cands: list[GazetteerEntry]) -> set[str]:
    """Keys of GeoNames towns and cities that a far more populous namesake in another country outranks,
    whatever the context says. Curated entries and admin areas carry no population and are never outranked
    this way; a GeoNames town of unknown population (an admin seat) counts as a town of UNKNOWN_POPULATION."""
    out: set[str] = set()
    for c in cands:
        if c.geonameid is None or c.feature not in SETTLEMENTS:
            continue
        for other in cands:
            if other.country == c.country:
                continue
            ratio = _population(other) / _population(c)
            if ratio >= DOMINANT_RATIO or (ratio >= DOMINANT_CAPITAL_RATIO and other.feature in ("capital", "country")):
                out.add(c.key)
                break
    return out


def _population(c: GazetteerEntry) -> float:
    return float(c.population or UNKNOWN_POPULATION)
