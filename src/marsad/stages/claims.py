"""Claims stage: who says what, how firmly.

Cues are reporting verbs in every form (قال، يقول، مؤكداً، نُسب) and attribution phrases (وفق، بحسب،
نقلاً عن). For each cue the stage finds the source noun phrase (after the verb in VSO order, before it
in SVO order, the earlier speaker for an implied subject or a participle), the content (the clause
after أن/إن/a colon or the quotation, or the clause before a trailing وفق), the source type from
descriptor words and the entity layer, whether the source is named, its affiliation from nisba
adjectives, and the certainty from the cue and hedges in the content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from marsad.model.annotations import Claim, Entity, EntityLabel
from marsad.model.document import Analysis
from marsad.model.spans import Provenance
from marsad.resources.entity_lexicon import EntityLexicon, entity_lexicon
from marsad.resources.gazetteer import strip_article
from marsad.resources.lexicons import load_table
from marsad.stages.base import TextView
from marsad.text.normalize import fold
from marsad.text.phrases import PhraseIndex, PhraseMatch, Word, words_of

STAGE = "claims"
LEX = "lexicons/ar/"
# Longest source noun phrase we take, in words.
MAX_SOURCE_WORDS = 8
# How far back (words) an SVO source may stand before its verb (وكانت وسائل إعلام أميركية أفادت).
MAX_SVO_WORDS = 5
# Words that end a source noun phrase: complementizers, relative pronouns, prepositions that start
# the content or a setting (في سوريا), and time words.
NP_STOPS = frozenset(fold(w) for w in (
    "أن", "إن", "بأن", "أنه", "أنها", "أنهم", "إنه", "إنها", "إنهم", "بأنه", "بأنها", "الذي", "التي", "الذين",
    "في", "على", "عن", "إلى", "خلال", "مع", "منذ", "قبل", "بعد", "حول", "أمام", "لدى", "عبر", "خلال", "لـ",
    "اليوم", "أمس", "الماضي", "ما", "إذ", "حيث", "كما", "لكن", "بينما", "وأن", "و",
))
# Phrases after a verb that are not the source: من جهته، بدوره، أيضا.
SKIP_AFTER_CUE = frozenset(fold(w) for w in ("من", "جهته", "جهتها", "جهتهم", "بدوره", "بدورها", "أيضا", "كذلك",
                                             "بدورهم", "ذلك"))
# Prepositions with a pronoun after a reporting verb or phrase, and a bare preposition before a quotation
# (وصفه بـ"..."): never the speaker.
PRONOUN_OBJECTS = frozenset(fold(w) for w in (
    "له", "لها", "لهم", "لهما", "لنا", "لي", "فيه", "فيها", "فيهم", "فيهما", "منه", "منها", "منهم", "عنه", "عنها",
    "عنهم", "عليه", "عليها", "عليهم", "إليه", "إليها", "إليهم", "به", "بها", "بهم", "معه", "معها", "بـ", "لـ",
))
# Verbs of being before an SVO subject (وكانت وسائل إعلام أفادت).
BEING = frozenset(fold(w) for w in ("كان", "كانت", "كانوا", "قد", "وكانت", "وكان", "وقد"))
# A source phrase that points back to the last speaker.
SAME_SOURCE = frozenset(fold(w) for w in ("ذاته", "نفسه", "ذاتها", "نفسها", "ذاتهم", "نفسهم"))
ORG_KIND_TYPES = {"government": "government", "military": "military", "party": "party",
                  "armed_group": "armed_group", "media": "media", "international_org": "international_org",
                  "ngo": "ngo", "religious": "official", "company": "unknown", "other": "unknown"}
ROLE_TYPES = {"head_of_state": "government", "head_of_government": "government", "minister": "government",
              "military": "military", "armed_group_leader": "armed_group", "religious": "official",
              "diplomat": "diplomatic", "other": "unknown"}
_QUOTE_OPEN = "\"«“'"
_QUOTE_CLOSE = {"\"": "\"", "«": "»", "“": "”", "'": "'"}
# Words for a state's officials in general (not its parliament, courts or hospitals).
STATE_OFFICIALS = frozenset(fold(w) for w in ("مسؤول", "مسؤولة", "مسؤولون", "مسؤولين", "مسؤولان", "مسؤولو",
                                              "رسمي", "رسمية", "رسميون", "رسميين", "موظف", "موظفون",
                                              "مستشار", "مستشارة"))
DEPUTY = frozenset(fold(w) for w in ("نائب", "نائبة"))
# What follows a verbal noun's speaker when the noun reports a claim: أن/بأن/إن, من (تحذير ... من) or a
# colon. Not a quotation: تصريحات فلان "تتناقض..." is as often someone else's verdict on them.
_NOUN_CONTENT_RE = re.compile(r"\s*(?:(?:ب?[أا]ن|إن|من)(?=\s)|:)")
# A comma between a title and the name it introduces.
_APPOSITION_RE = re.compile(r"\s*[،,]\s*")
_BOUNDARY_RE = re.compile(r"[،,:؛;.!?؟()\[\]\"«»“”\n]")
# Verbs whose object is the claim, with no أن needed (اتهم X بـ، طالب بـ، حذر من).
OBJECT_CONTENT_LEMMAS = frozenset(fold(w) for w in ("اتهم", "طالب", "دعا", "حذر", "طلب", "توعد", "هدد", "نفى",
                                                   "أدان", "ندد", "استنكر"))
# A nisba-shaped adjective (الغربية، عسكرية، الأميركيون): the only words kept after the head of an
# accuser's phrase.
ADJECTIVE_RE = re.compile(r"(?:ال)?\S{2,}(?:يه|ي|يين|يون|يان|يتان)")
# Verbs that report only sometimes (نشرت قوات، نقل سجناء، أظهر، وعد، تابع): they need أن/إن or a colon
# close by, not just a quotation somewhere after.
WEAK_LEMMAS = frozenset(fold(w) for w in ("نشر", "نقل", "كتب", "أظهر", "وعد", "تابع", "أبلغ", "أورد", "بين", "كشف"))
WEAK_LOOKAHEAD_WORDS = 8
# The attribution phrase left at the end of a clause before a verb cue (…، وفق ما / بحسب ما / كما).
_TRAILING_ATTRIBUTION_RE = re.compile(r"\s*(?:\S*(?:وفق|وفقا|بحسب|حسب|طبقا)\s+)?\S*ما\s*$")
# A verb after a comma attributes the clause before it only when no أن/إن/colon follows this closely.
TRAILING_LOOKAHEAD_CHARS = 60
# How far after a reporting verb its complement may start (the source phrase stands between).
CONTENT_LOOKAHEAD_WORDS = 16
_CONTENT_MARK_RE = re.compile(r"(?<![\w])(?:ب?[اأإ]ن(?:ه|ها|هم|هما)?|ان)(?![\w])|[:\"«“]")


@dataclass(frozen=True, slots=True)
class Cue:
    certainty: str
    pattern: str  # verb | participle | passive | phrase | noun
    kind: str = ""  # for phrases: source_follows | statement
    lemma: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    start: int  # normalized
    end: int
    type: str
    named: bool
    affiliation: str | None
    name: str | None


class ClaimAttributor:
    name = STAGE
    requires: tuple[str, ...] = ("entities", "times", "quantities")
    assigns: tuple[str, ...] = ("claims",)

    def __init__(self, cues: PhraseIndex[Cue], descriptors: dict[str, tuple[str, str]],
                 anonymity: PhraseIndex[bool], hedges: PhraseIndex[str], lexicon: EntityLexicon,
                 version: str) -> None:
        self.cues = cues
        self.descriptors = descriptors
        self.anonymity = anonymity
        self.hedges = hedges
        self.lexicon = lexicon
        self.version = version

    @classmethod
    def from_resources(cls) -> ClaimAttributor:
        reporting = load_table(LEX + "reporting_cues.tsv")
        entries: list[tuple[str, Cue]] = [
            (r["form"], Cue(r["certainty"], r["pattern"], "", fold(r["lemma"]))) for r in reporting.rows
        ]
        entries += [(r["form"], Cue(r["certainty"], "phrase", r["kind"]))
                    for r in load_table(LEX + "attribution_phrases.tsv").rows]
        descriptors = {fold(r["form"]): (r["source_type"], r["named_hint"])
                       for r in load_table(LEX + "source_descriptors.tsv").rows}
        anonymity = PhraseIndex([(r["form"], True) for r in load_table(LEX + "anonymity_cues.tsv").rows])
        hedges = PhraseIndex([(r["form"], r["certainty"]) for r in load_table(LEX + "hedges.tsv").rows])
        return cls(PhraseIndex(entries, suffixes=True), descriptors, anonymity, hedges, entity_lexicon(),
                   reporting.version)

    # ---- running ----

    def annotate(self, analysis: Analysis, view: TextView) -> dict[str, tuple[Any, ...]]:
        text = view.text
        words = words_of(text)
        entities = [(view.norm_span(e.span), e) for e in analysis.layer("entities")]
        times = [view.norm_span(t.span) for t in analysis.layer("times")]
        quantities = [view.norm_span(q.span) for q in analysis.layer("quantities")]
        anonymous = [(a.start, a.end) for a in self.anonymity.find(text, words)]

        claims: list[Claim] = []
        sources: list[Source] = []
        i = 0
        while i < len(words):
            m = self.cues.match_at(text, words, i)
            names = (EntityLabel.PER, EntityLabel.ORG)
            if m is None or _inside(m.start, entities, names) or _in_spans(m.start, anonymous):
                i += 1
                continue
            if m.suffix and not _after_ma(text, words, m.word_start):
                i += 1  # a pronoun on a cue only in وهو ما نفته، وفقاً لما ذكره (تابعة is not تابع + ه)
                continue
            i = m.word_end
            cue = m.payload
            if cue.pattern == "phrase" and self._verb_follows(text, words, m.word_end):
                continue  # وفق ما أكد مصدر: the verb is the cue
            if cue.pattern == "verb" and not m.suffix and not self._introduces_content(text, words, m):
                continue  # نشرت الولايات المتحدة جنوداً: a verb that reports nothing here
            if cue.pattern == "noun" and (m.suffix or not self._speaker_follows(text, words, m, entities)):
                continue  # إعلان الحرب, تحذيراته: no named speaker in construct with the noun
            last_source = sources[-1] if sources else None
            source = self._source(text, words, m, entities, times, last_source)
            if source is not None:
                source = self._corefer(text, words, entities, source, sources)
            if cue.pattern in ("phrase", "noun") and source is None:
                continue  # في حديث متلفز with no speaker in sight
            content = self._content(text, words, m, source)
            certainty = self._certainty(cue, text, content)
            if source is not None:
                sources.append(source)
            claims.append(self._claim(view, m, source, content, certainty, times, quantities))
        return {"claims": tuple(claims)}

    def _claim(self, view: TextView, m: PhraseMatch[Cue], source: Source | None, content: tuple[int, int] | None,
               certainty: str, times: list[tuple[int, int]], quantities: list[tuple[int, int]]) -> Claim:
        def within(spans: list[tuple[int, int]]) -> tuple[int, ...]:
            if content is None:
                return ()
            return tuple(k for k, (s, e) in enumerate(spans) if content[0] <= s and e <= content[1])

        return Claim(
            cue=view.raw_span(m.start, m.end),
            source=view.raw_span(source.start, source.end) if source else None,
            content=view.raw_span(*content) if content else None,
            source_type=source.type if source else "unknown",
            certainty=certainty,
            named=source.named if source else False,
            affiliation=source.affiliation if source else None,
            provenance=Provenance(STAGE, f"claims.{m.payload.pattern}", self.version),
            source_name=source.name if source else None,
            times=within(times),
            quantities=within(quantities),
        )

    def _speaker_follows(self, text: str, words: list[Word], m: PhraseMatch[Cue],
                         entities: list[tuple[tuple[int, int], Entity]]) -> bool:
        """A verbal noun reports a claim when its genitive is a speaker -- a person, organisation or state
        (تحذير الأمم المتحدة) or a source noun (تأكيد مصادر عسكرية) -- and what was said follows it: أن,
        من or a colon (تحذير الأمم المتحدة من أي هجوم)."""
        j = m.word_end
        if j >= len(words) or not _joined(text, words, j):
            return False
        speaker_end = next((e for (s, e), ent in entities if s == words[j].start and not ent.nisba
                            and ent.label in (EntityLabel.PER, EntityLabel.ORG, EntityLabel.GPE)), None)
        if speaker_end is None and self._descriptor(words[j].text) is not None and not words[j].text.startswith("ال"):
            # an indefinite source noun and the adjectives after it (مصادر عسكرية، مسؤولين أمريكيين)
            k = j + 1
            while k < len(words) and _joined(text, words, k) and ADJECTIVE_RE.fullmatch(words[k].text):
                k += 1
            speaker_end = words[k - 1].end
        if speaker_end is None:
            return False
        return _NOUN_CONTENT_RE.match(text, speaker_end) is not None

    def _introduces_content(self, text: str, words: list[Word], m: PhraseMatch[Cue]) -> bool:
        """A reporting verb reports when أن/إن, a colon or a quotation follows within its clause, or
        when it trails the clause it attributes (…"، قال المصدر)."""
        before = text[max(0, m.start - 4) : m.start]
        if any(ch in before for ch in "،,\"»”:") or _after_ma(text, words, m.word_start):
            return True
        if m.payload.certainty in ("denied", "attributed", "estimated") or m.payload.lemma in OBJECT_CONTENT_LEMMAS:
            return True  # اتهم X بـ، نفى X، طالب بـ: the object is what is claimed
        weak = m.payload.lemma in WEAK_LEMMAS
        end = min(len(words), m.word_end + (WEAK_LOOKAHEAD_WORDS if weak else CONTENT_LOOKAHEAD_WORDS))
        stretch = text[m.end : words[end - 1].end + 2] if end > m.word_end else text[m.end : m.end + 2]
        sentence_end = _sentence_end(text, m.end)
        stretch = stretch[: max(0, sentence_end - m.end) + 1]
        mark = _CONTENT_MARK_RE.search(stretch)
        return mark is not None and not (weak and mark.group() in "\"«“")

    def _full_mention(self, text: str, words: list[Word], entities: list[tuple[tuple[int, int], Entity]],
                      start: int, end: int) -> Source | None:
        """The words before the first mention of a name, back to a cue or a boundary: its title."""
        k = next((n for n, w in enumerate(words) if w.start == start), None)
        if k is None:
            return None
        first = k
        while first > 0 and k - first < MAX_SOURCE_WORDS and _joined(text, words, first) and \
                self.cues.match_at(text, words, first - 1) is None:
            first -= 1
        return self._describe(text, words, (words[first].start, end), entities, None)

    def _corefer(self, text: str, words: list[Word], entities: list[tuple[tuple[int, int], Entity]],
                 source: Source, earlier: list[Source]) -> Source:
        """A bare surname (المالكي) after a full mention (العقيد تركي المالكي) is the same speaker."""
        phrase = text[source.start : source.end]
        if source.type != "unknown" or " " in phrase.strip():
            return source
        for prev in reversed(earlier):
            prev_text = text[prev.start : prev.end]
            if prev_text != phrase and prev_text.split()[-1:] == [phrase]:
                return Source(source.start, source.end, prev.type, prev.named, prev.affiliation, prev.name)
        if phrase.startswith("ال"):  # المصدران after مصدران دبلوماسيان: the same sources
            for prev in reversed(earlier):
                prev_words = text[prev.start : prev.end].split()
                if prev_words and prev_words[0] == phrase[2:] and prev.type != "unknown":
                    return Source(source.start, source.end, prev.type, prev.named, prev.affiliation, prev.name)
        first = text.find(phrase)
        if 0 <= first < source.start:
            described = self._full_mention(text, words, entities, first, first + len(phrase))
            if described is not None and described.type != "unknown":
                return Source(source.start, source.end, described.type, True, described.affiliation, described.name)
        return source

    def _verb_follows(self, text: str, words: list[Word], j: int) -> bool:
        """وفق ما أكد / بحسب ما ذكرت: a reporting verb right after (ما) the phrase."""
        if j < len(words) and words[j].text in ("ما", "لما", "بما"):
            j += 1
        if j >= len(words):
            return False
        nxt = self.cues.match_at(text, words, j)
        return nxt is not None and nxt.payload.pattern != "phrase"

    # ---- the source ----

    def _source(self, text: str, words: list[Word], m: PhraseMatch[Cue], entities: list[tuple[tuple[int, int], Entity]],
                times: list[tuple[int, int]], last: Source | None) -> Source | None:
        cue = m.payload
        if cue.pattern == "participle" or (m.suffix and cue.pattern != "passive"):
            return last  # مؤكداً بدوره / نفته: the speaker is the one already speaking
        j = m.word_end
        if cue.pattern == "passive" or cue.kind == "statement":
            j = self._skip_to_agent(words, j)
        while j < len(words) and _bare(words[j].text) in SKIP_AFTER_CUE and _joined(text, words, j):
            j += 1
        # قال له الطبيب، قالت فيها إنها، في بيان لها، وصفه بـ"...": a preposition with a pronoun (or alone)
        # is not the speaker; the speaker follows it, stands before the verb, or spoke last.
        skipped = j
        while j < len(words) and words[j].text in PRONOUN_OBJECTS and _joined(text, words, j):
            j += 1
        span = self._noun_phrase(text, words, j, times) if j < len(words) and _joined(text, words, j) else None
        if span is not None and j > skipped and not self._names_a_speaker(text, words, span, entities):
            span = None  # طلب منه رسم حوت، كشف عنه ما...: what follows is the object, not a speaker
        if span is None and cue.pattern == "verb":
            span = self._noun_phrase_before(text, words, m.word_start, times)
        if span is None:
            return last
        if cue.kind == "statement" and self._media_recipient(text, span, entities):
            return last  # في تصريح لـCNN، في تصريحات لوكالة رويترز: the outlet spoken to
        span = self._cut_after_leading_entity(text, span, entities)
        if cue.lemma in OBJECT_CONTENT_LEMMAS:
            span = self._without_object(text, span, entities)
        span = self._with_apposed_name(text, words, span, entities)
        return self._describe(text, words, span, entities, last)

    def _cut_after_leading_entity(self, text: str, span: tuple[int, int],
                                  entities: list[tuple[tuple[int, int], Entity]]) -> tuple[int, int]:
        """وتتهم الرياض الحوثيين: a source that is a name ends with the name, unless a descriptor
        or nisba follows it (واشنطن الرسمية)."""
        for (s, e), ent in entities:
            if s == span[0] and not ent.nisba and e < span[1]:
                after = text[e : span[1]].split()
                if not after:
                    continue
                if ent.label is EntityLabel.GPE:
                    # A state or city agrees with a feminine singular adjective (واشنطن الرسمية); anything
                    # else after it is the object (وتتهم الرياض الحوثيين).
                    if not (after[0].endswith("ه") and (self._descriptor(after[0]) is not None or any(
                            x.is_nisba for x in self.lexicon.lookup(after[0])))):
                        return (s, e)
                elif self._descriptor(after[0]) is None and not any(
                        x.is_nisba for x in self.lexicon.lookup(after[0])):
                    return (s, e)
        return span

    def _media_recipient(self, text: str, span: tuple[int, int],
                         entities: list[tuple[tuple[int, int], Entity]]) -> bool:
        """The agent after ل is a news outlet (لـCNN, لوكالة رويترز): in تصريح ل it is whom the speaker
        spoke to, not the speaker."""
        head = text[span[0] : span[1]].split()[0] if text[span[0] : span[1]].strip() else ""
        if not (text[span[0] - 1 : span[0]] == "ل" or head.startswith("ل")):
            return False
        hit = self._descriptor(head)
        if hit is not None and hit[0] == "media":
            return True
        for (s, e), ent in entities:
            # A Latin acronym spoken to is an outlet (لـCNN، لـBBC، لـAFP).
            if span[0] <= s < span[1] and ent.label is EntityLabel.ORG and (
                    self._entity_type(ent, text[s:e]) == "media" or ent.provenance.rule == "entities.acronym"):
                return True
        return False

    def _without_object(self, text: str, span: tuple[int, int],
                        entities: list[tuple[tuple[int, int], Entity]]) -> tuple[int, int]:
        """After اتهم، طالب، حذر the object follows the subject: تتهم الدول الغربية قوات النظام keeps the
        head and its adjectives; تتهم إسرائيل حركة حماس keeps the name, whole (حذرت الأمم المتحدة), and
        a definite title after it (دعا شتيفن شايبرت المتحدث باسم ...), not a state's nisba (اتهمت قطر
        السعودية) or an indefinite noun (دعا كوربن حكومة ماي)."""
        lead = next((e for (s, e), ent in entities if s == span[0] and not ent.nisba), None)
        if lead is None:
            return _head_and_adjectives(text, span)
        after = text[lead : span[1]].split()
        if after and after[0].startswith("ال") and self._descriptor(after[0]) is not None and not any(
                x.is_nisba for x in self.lexicon.lookup(after[0])):
            return span
        return (span[0], lead)

    def _with_apposed_name(self, text: str, words: list[Word], span: tuple[int, int],
                           entities: list[tuple[tuple[int, int], Entity]]) -> tuple[int, int]:
        """A title, a comma, then the person's name (قال الناشط الحقوقي، فيصل المجيدي): the name is part
        of the source, so that a later bare surname refers back to the title."""
        gap = _APPOSITION_RE.match(text, span[1])
        if gap is None:
            return span
        person = next((e for (s, e), ent in entities if s == gap.end() and ent.label is EntityLabel.PER), None)
        hits = [self._descriptor(w.text) for w in words if span[0] <= w.start < span[1]]
        # A title, not an anonymous source (المصادر، فإن عبد الله ...: what follows is what they say).
        titled = any(h is not None for h in hits) and not any(h is not None and h[1] == "anonymous" for h in hits)
        return (span[0], person) if person is not None and titled else span

    def _skip_to_agent(self, words: list[Word], j: int) -> int:
        """نُسب للمتحدث، في بيان لـ: the agent follows ل/إلى/عن; return its word index (or j)."""
        for k in range(j, min(j + 3, len(words))):
            w = words[k].text
            if w in ("ل", "الي", "عن", "من"):
                return k + 1
            if w.startswith("لل") or (w.startswith("ل") and len(w) > 3):
                return k
        return j

    def _noun_phrase(self, text: str, words: list[Word], j: int,
                     times: list[tuple[int, int]]) -> tuple[int, int] | None:
        end = j
        while end < len(words) and end - j < MAX_SOURCE_WORDS:
            w = words[end]
            if end > j and not _joined(text, words, end):
                break
            bare = _bare(w.text)
            if bare in NP_STOPS or w.text in NP_STOPS or _in_spans(w.start, times):
                break
            if self.anonymity.match_at(text, words, end) is not None or self.cues.match_at(text, words, end):
                break
            if end > j and _prepositional(w.text) and self._descriptor(w.text) is None:
                break  # وقال مسؤولون يمنيون لوكالة، وذكر الجعفري بالمادة: not part of the source
            end += 1
        while end - j >= 2 and _bare(words[end - 1].text) in SKIP_AFTER_CUE:
            end -= 1  # المصدر الكردي من جهته: "for his part" is not the source
        if end - j >= 2 and words[end - 1].text == "من":
            end -= 1
        if end == j:
            return None
        return words[j].start + self._proclitic_len(words[j].text), words[end - 1].end

    def _noun_phrase_before(self, text: str, words: list[Word], cue_index: int,
                            times: list[tuple[int, int]]) -> tuple[int, int] | None:
        """SVO: the subject between a clause boundary (or كان) and the verb."""
        start = cue_index
        while start > 0 and cue_index - start < MAX_SVO_WORDS and _joined(text, words, start):
            prev = words[start - 1].text
            stop = prev in BEING or _bare(prev) in BEING or _bare(prev) in NP_STOPS
            if stop or _in_spans(words[start - 1].start, times):
                break
            start -= 1
        if start == cue_index:
            return None
        span = (words[start].start + self._proclitic_len(words[start].text), words[cue_index - 1].end)
        return span if self._looks_like_source(text, words[start:cue_index]) else None

    def _proclitic_len(self, word: str) -> int:
        """و/ف at the start of a source phrase stays outside it (ومصادر -> مصادر), but only when the
        rest is a known word: وسائل and واشنطن begin with و."""
        if word[:1] not in ("و", "ف") or len(word) < 4:
            return 0
        if self._descriptor(word) is not None and word in self.descriptors:
            return 0
        rest = word[1:]
        known = rest in self.descriptors or bool(self.lexicon.lookup(rest)) or (
            rest.startswith("ال") and rest[2:] in self.descriptors)
        return 1 if known else 0

    def _names_a_speaker(self, text: str, words: list[Word], span: tuple[int, int],
                         entities: list[tuple[tuple[int, int], Entity]]) -> bool:
        """A name (person, organisation, state) or a source noun leads the span."""
        if any(s == span[0] and not ent.nisba and ent.label in (EntityLabel.PER, EntityLabel.ORG, EntityLabel.GPE)
               for (s, _e), ent in entities):
            return True
        first = next((w for w in words if w.start >= span[0]), None)
        return first is not None and self._descriptor(first.text) is not None

    def _looks_like_source(self, text: str, np_words: Sequence[Word]) -> bool:
        return any(self._descriptor(w.text) is not None for w in np_words)

    def _descriptor(self, word: str) -> tuple[str, str] | None:
        for candidate in _readings(word):
            hit = self.descriptors.get(candidate)
            if hit is not None:
                return hit
        return None

    def _describe(self, text: str, words: list[Word], span: tuple[int, int],
                  entities: list[tuple[tuple[int, int], Entity]], last: Source | None) -> Source:
        np_words = [w for w in words if span[0] <= w.start and w.end <= span[1] + 0]
        types: list[str] = []
        anonymous = False
        after_on_behalf = False
        named = False
        affiliation: str | None = None
        name: str | None = None
        for w in np_words:
            if _bare(w.text) == fold("باسم"):
                after_on_behalf = True
                types.clear()  # المتحدث باسم التحالف: the type of the body spoken for
                continue
            hit = self._descriptor(w.text)
            if hit is not None:
                types.append(hit[0])
                anonymous = anonymous or hit[1] == "anonymous"
        for (s, e), ent in entities:
            if not (span[0] <= s and e <= span[1]):
                continue
            if ent.nisba:
                affiliation = affiliation or _code_of(self.lexicon, fold(text[s:e])) or ent.name
                continue
            ent_type = self._entity_type(ent, text[s:e])
            if ent_type:
                if after_on_behalf or ent.label is EntityLabel.PER:
                    types.insert(0, ent_type)
                else:
                    types.append(ent_type)
            named = True
            name = name or ent.name or text[s:e]
            if ent.label is EntityLabel.GPE and not affiliation:
                affiliation = _code_of(self.lexicon, fold(text[s:e]))
        if any(_bare(w.text) in SAME_SOURCE for w in np_words) and last is not None:
            return Source(span[0], span[1], last.type, last.named, last.affiliation, last.name)
        specific = [t for t in types if t != "unknown"]
        source_type = specific[0] if specific else "unknown"
        if source_type == "official" and affiliation is not None and _is_country_code(affiliation) and (
                self._state_official(np_words)):
            source_type = "government"
        return Source(span[0], span[1], source_type, named and not anonymous, affiliation, name)

    def _state_official(self, np_words: Sequence[Word]) -> bool:
        """مسؤول أمريكي, نائب قسم التنسيق الأمريكي: an official of a state, who speaks for its government;
        not a member of parliament (النائب الكويتي, نائب عراقي), a court or a doctor (مصدر طبي)."""
        for k, w in enumerate(np_words):
            word = _bare(w.text)
            if strip_article(word) in STATE_OFFICIALS:
                return True
            # نائب in construct, without the article (نائب رئيس، نائب قسم), is a deputy, not an MP.
            if word in DEPUTY and k + 1 < len(np_words) and not any(
                    e.is_nisba for e in self.lexicon.lookup(np_words[k + 1].text)):
                return True
        return False

    def _entity_type(self, ent: Entity, surface: str) -> str | None:
        entries = self.lexicon.lookup(fold(surface))
        # The entry the entity stage resolved; without one, only aliases that need no context (المالكي
        # alone is not Nouri al-Maliki).
        entries = tuple(e for e in entries if e.name == ent.name) if ent.name else tuple(
            e for e in entries if not e.needs_context)
        for entry in entries:
            if entry.source == "organizations":
                return ORG_KIND_TYPES.get(entry.kind, "unknown")
            if entry.source == "people":
                return ROLE_TYPES.get(entry.kind, "unknown")
        if ent.label is EntityLabel.GPE:
            return "government"  # a state or capital that speaks is its government
        if ent.label is EntityLabel.ORG:
            return None
        return None

    # ---- content and certainty ----

    def _content(self, text: str, words: list[Word], m: PhraseMatch[Cue],
                 source: Source | None) -> tuple[int, int] | None:
        sentence_start = _sentence_start(text, m.start)
        before_cue = text[sentence_start : m.start].rstrip(" ،,")
        after_ma = _after_ma(text, words, m.word_start)
        if after_ma:  # "…، وفق ما أكد مصدر": the clause before the attribution phrase
            before_cue = _TRAILING_ATTRIBUTION_RE.sub("", before_cue).rstrip(" ،,")
        comma_trailing = (_after_comma(text, m.start) and m.payload.pattern == "verb"
                          and not _CONTENT_MARK_RE.search(text[m.end : m.end + TRAILING_LOOKAHEAD_CHARS]))
        trailing = m.payload.pattern == "phrase" or comma_trailing or after_ma
        if trailing and len(before_cue.split()) >= 3:  # "…، وفق ما أكد مصدر": the clause before
            start = sentence_start + len(before_cue) - len(before_cue.lstrip(" \"«"))
            return (start, sentence_start + len(before_cue)) if before_cue.strip() else None
        pos = max(m.end, source.end if source and source.start >= m.end else m.end)
        rest = text[pos:]
        lead = re.match(r"[\s،,:]*(?:(?:من جهته|بدوره)[\s،,]*)?(?:ب?[أا]ن(?:ه|ها|هم)?\s+|:)?[\s\"«“]*", rest)
        start = pos + (lead.end() if lead else 0)
        if m.payload.pattern == "noun" and text.startswith("من ", start):
            start += len("من ")  # تحذير X من العواقب: what was warned of
        opener = text[start - 1] if start > 0 else ""
        if opener in _QUOTE_OPEN:
            close = text.find(_QUOTE_CLOSE[opener], start)
            end = close if close != -1 else _sentence_end(text, start)
        else:
            end = _sentence_end(text, start)
        while end > start and text[end - 1] in " .،,\"»”":
            end -= 1
        return (start, end) if end > start else None

    def _certainty(self, cue: Cue, text: str, content: tuple[int, int] | None) -> str:
        if cue.certainty in ("denied", "attributed", "estimated") or content is None:
            return cue.certainty
        inner = text[content[0] : content[1]]
        for h in self.hedges.find(inner):
            if h.payload in ("estimated", "attributed"):
                return cue.certainty if cue.certainty == "asserted" and h.payload == "estimated" else h.payload
        return cue.certainty


def _inside(pos: int, entities: list[tuple[tuple[int, int], Entity]], labels: tuple[EntityLabel, ...]) -> bool:
    return any(s < pos < e and ent.label in labels for (s, e), ent in entities)


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _joined(text: str, words: list[Word], j: int) -> bool:
    """Word j follows word j-1 with only spaces (or the ـ of لـ) between: same phrase."""
    if j == 0:
        return True
    between = text[words[j - 1].end : words[j].start]
    return not _BOUNDARY_RE.search(between)


def _head_and_adjectives(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The head word and the definite adjectives right after it (الدول الغربية، مصادر عسكرية)."""
    parts = list(re.finditer(r"\S+", text[span[0] : span[1]]))
    keep = 1
    while keep < len(parts) and ADJECTIVE_RE.fullmatch(parts[keep].group()):
        keep += 1
    return span[0], span[0] + parts[keep - 1].end() if parts else span[1]


def _after_ma(text: str, words: list[Word], k: int) -> bool:
    """The word before is ما (وفق ما أكد، وهو ما نفته، وفقاً لما ذكره، كما أكد، حسبما)."""
    return k > 0 and words[k - 1].text in ("ما", "لما", "بما", "كما", "حسبما", "مثلما", "وفقما")


def _prepositional(word: str) -> bool:
    """بالمادة، للصحفيين، لوكالة، بإجراء: a preposition glued to a noun (باسم excepted)."""
    if word == "باسم":
        return False
    if word[:1] in ("ب", "ل") and word[1:2].isascii() and word[1:2].isalpha():
        return True  # لـCNN, بـBBC (the tatweel is folded away)
    return word.startswith(("بال", "لل", "كال")) or (word[:1] in ("ب", "ل") and len(word) > 4 and word[1] in "اتم")


def _bare(word: str) -> str:
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 2 else word


def _readings(word: str) -> list[str]:
    out = [word]
    w = _bare(word)
    out.append(w)
    for prefix in ("ب", "ل", "ك"):
        if w.startswith(prefix) and len(w) > 3:
            out.append(w[1:])
    for x in list(out):
        for suffix in ("نا", "ها", "ه"):  # مراسلنا، مراسلها: a possessive on the descriptor noun
            if x.endswith(suffix) and len(x) - len(suffix) >= 3:
                out.append(x[: -len(suffix)])
    for x in list(out):
        if x.startswith("ال") and len(x) > 3:
            out.append(x[2:])
        if x.startswith("لل") and len(x) > 3:
            out.append(x[2:])
    return out


def _is_country_code(code: str) -> bool:
    return len(code) == 2 and code.isascii() and code.isupper()


def _code_of(lexicon: EntityLexicon, folded: str) -> str | None:
    for entry in lexicon.lookup(folded):
        if entry.country:
            return entry.country
        if entry.is_nisba:
            return entry.name
    return None


def _sentence_start(text: str, pos: int) -> int:
    k = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos), text.rfind("؟", 0, pos), text.rfind("!", 0, pos))
    return k + 1


def _sentence_end(text: str, pos: int) -> int:
    ends = [k for k in (text.find(".", pos), text.find("\n", pos), text.find("؟", pos)) if k != -1]
    return min(ends) if ends else len(text)


def _after_comma(text: str, pos: int) -> bool:
    """The cue follows a comma: it attributes the clause before it (…، وفق المصدر)."""
    before = text[max(0, pos - 3) : pos]
    return "،" in before or "," in before
