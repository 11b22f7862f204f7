"""Events stage: PLOVER-typed events from trigger verbs and action nouns, with status, actor, target,
place, time, amounts and the claims that report them; mentions of one event folded together.

Status comes from the trigger's form (سينسحبون planned, انسحبت completed, ينسحب ongoing; لسحب and
أن + present: planned) and from cue words around it (تعتزم planned, بدء ongoing, مراراً recurring,
هدد بـ threatened, نفى denied). Reporting verbs are claims, not events: a trigger that is a claim's
cue is skipped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from marsad.model.annotations import Claim, Entity, EntityLabel, Event
from marsad.model.document import Analysis
from marsad.model.spans import Provenance, Span
from marsad.resources.entity_lexicon import EntityLexicon, entity_lexicon
from marsad.resources.gazetteer import Gazetteer
from marsad.resources.lexicons import load_table
from marsad.resources.timewords import time_words
from marsad.stages.base import TextView
from marsad.text.normalize import fold
from marsad.text.phrases import PhraseIndex, PhraseMatch, Word, words_of
from marsad.text.tokenize import DEMONSTRATIVES

STAGE = "events"
LEX = "lexicons/ar/"
# How many words before a trigger a status cue may stand (تعتزم القوات الأميركية ... الانسحاب).
STATUS_WINDOW_BEFORE = 12
STATUS_WINDOW_AFTER = 4
# A "next" cue governs only a trigger this close after it: its object (طالب بإجراء استجواب), not what
# the object is about (استجواب مستقل في العنف: the violence happened).
STATUS_WINDOW_NEXT = 3
# Words between a verb and the action noun that is its object (يشن الجيش هجوما: one).
GOVERNED_WINDOW = 1
# How far (words) after a verb its subject may come, and after a noun its genitive.
ACTOR_WINDOW_AFTER = 3
STATUS_RANK = {"denied": 6, "threatened": 5, "recurring": 4, "planned": 3, "ongoing": 2, "completed": 1}
SUBJUNCTIVE = frozenset(fold(w) for w in ("أن", "لن", "كي", "لكي", "حتى"))
NEGATION_PAST = frozenset(fold(w) for w in ("لم", "لما"))
# A negated intention (لم تخطط لاجتياح، لا تعتزم الانسحاب) denies the event it governs.
NEGATION = frozenset(fold(w) for w in ("لم", "لن", "لا", "ليس", "ليست"))
# How far (words) a past time may stand from a durative noun and still place it in the past
# (العنف الذي شهده القطاع، الجمعة; مواجهات ... خلال اليومين الماضيين).
PAST_ANCHOR_WINDOW = 8
SINCE = fold("منذ")
# Relative pronouns between an activity noun and the past verb that tells it (الحرب التي خاضها).
RELATIVES = frozenset(fold(w) for w in ("الذي", "التي", "اللذين", "اللتين", "الذين", "اللذان", "اللتان"))
# How many words may stand between an activity noun and its past verb (الحملة العسكرية الواسعة التي شنها).
PAST_CLAUSE_WINDOW = 2
# A headline: the first line, this short at most, without a full stop.
HEADLINE_WORDS = 20
PREPOSITIONS = frozenset(fold(w) for w in ("من", "في", "إلى", "على", "عن", "نحو", "باتجاه", "ضد", "مع", "عبر"))
TARGET_PREPOSITIONS = frozenset(fold(w) for w in ("ضد", "على", "باتجاه", "نحو"))
# Verbs and nouns of ending that make a withdrawal when their object is a presence (وجود).
END_WORDS = frozenset(fold(w) for w in ("تنهي", "ينهي", "أنهت", "أنهى", "إنهاء", "تنهيان", "ينهون"))
PRESENCE = fold("وجود")
END_OBJECT_WINDOW = 12
# Verbs that report a claim and are an event at once: the speech act is the event (PLOVER ACCUSE,
# DEMAND, REQUEST, THREATEN). Their forms as written, folded.
BOTH_FORMS = frozenset(fold(w) for w in (
    "اتهم", "اتهمت", "يتهم", "تتهم", "اتهموا", "يتهمون", "طالب", "طالبت", "يطالب", "تطالب", "طالبوا", "يطالبون",
    "طلب", "طلبت", "يطلب", "تطلب", "دعا", "دعت", "يدعو", "تدعو", "دعوا", "هدد", "هددت", "يهدد", "تهدد",
    "توعد", "توعدت", "يتوعد", "تتوعد", "حث", "حثت", "يحث", "تحث", "وحث",
))
DIRECTED_TYPES = frozenset({"ASSAULT", "FIGHT", "COERCE", "THREATEN", "ACCUSE", "SANCTION", "DEMAND",
                            "DISAPPROVE", "REJECT", "PROTEST"})


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    plover: str
    mode: str
    pos: str
    aspect: str = "punctual"  # durative: goes on (حرب، قتال); punctual: happens and is done


@dataclass(frozen=True, slots=True)
class StatusCue:
    status: str
    scope: str  # before | after | clause | next | adjacent


@dataclass
class Mention:
    start: int
    end: int
    word: int
    trigger: Trigger
    status: str
    actor: tuple[int, int] | None
    actor_name: str | None
    target: tuple[int, int] | None
    target_name: str | None
    sentence: tuple[int, int]
    word_end: int  # the word after the trigger


class EventExtractor:
    name = STAGE
    requires: tuple[str, ...] = ("entities", "places", "times", "quantities", "claims")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, triggers: PhraseIndex[Trigger], status: PhraseIndex[StatusCue], lexicon: EntityLexicon,
                 gazetteer: Gazetteer, version: str, short: dict[str, Trigger] | None = None) -> None:
        self.triggers = triggers
        self.short = short or {}
        self.status = status
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.version = version

    @classmethod
    def from_resources(cls) -> EventExtractor:
        table = load_table(LEX + "event_triggers.tsv")
        # A form listed as both a past verb and a noun (سحب) is read as the noun unless the context
        # says otherwise; the noun row comes first for setdefault.
        rows = sorted(table.rows, key=lambda r: r["pos"] != "noun")
        triggers = PhraseIndex([(r["form"], Trigger(fold(r["lemma"]), r["plover"], r["mode"], r["pos"], r["aspect"]))
                                for r in rows], suffixes=True, article=True)
        # Two-letter forms (حث، صد): the matcher splits no conjunction off them (وحث), so they are
        # looked up here; after a conjunction a doubled verb is the verb, not the noun.
        short: dict[str, Trigger] = {}
        for r in sorted(table.rows, key=lambda r: r["pos"] != "verb_past"):
            if len(fold(r["form"])) == 2:
                short.setdefault(fold(r["form"]), Trigger(fold(r["lemma"]), r["plover"], r["mode"], r["pos"],
                                                          r["aspect"]))
        status = PhraseIndex([(r["form"], StatusCue(r["status"], r["scope"]))
                              for r in load_table(LEX + "status_cues.tsv").rows])
        return cls(triggers, status, entity_lexicon(), Gazetteer.load(), table.version, short)

    def annotate(self, analysis: Analysis, view: TextView) -> dict[str, tuple[Any, ...]]:
        text = view.text
        words = words_of(text)
        entities = [(view.norm_span(e.span), e) for e in analysis.layer("entities")]
        claims: list[Claim] = list(analysis.layer("claims"))
        # A cue whose verb is also the event (اتهم، طالب، دعا، هدد) is both a claim and an event.
        cue_spans = [view.norm_span(c.cue) for c in claims if fold(_text_of(analysis, c.cue)) not in BOTH_FORMS]
        blocked = cue_spans + [view.norm_span(t.span) for t in analysis.layer("times")] + [
            s for s, e in entities if e.label in (EntityLabel.ORG, EntityLabel.PER)]
        status_hits = self.status.find(text, words)
        future_times = [view.norm_span(t.span) for t in analysis.layer("times") if t.direction == "future"]
        dateline = analysis.document.dateline
        # Times that place what is near them in the past; منذ (since) says it has gone on since then.
        starts = [w.start for w in words]  # for finding the words a span covers, built once
        past_times = [_word_range(starts, view.norm_span(t.span)) for t in analysis.layer("times")
                      if (t.direction == "past" or (dateline is not None and t.latest is not None
                                                    and t.latest < dateline))
                      and not fold(_text_of(analysis, t.span)).startswith(SINCE)]
        cue_words = [_word_range(starts, view.norm_span(c.cue))[0] for c in claims]
        headline_end = _headline_end(text, words)
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            found = self._trigger_at(text, words, i)
            if found is None:
                i += 1
                continue
            m, future = found
            i = m.word_end
            if any(s <= m.start < e for s, e in blocked):
                continue
            sentence = _sentence_bounds(view, m.start)
            anchored = m.payload.aspect == "durative" and _past_anchor(m, past_times, cue_words, words, sentence)
            status, default = self._status(text, words, m, future, status_hits, sentence,
                                           headline=m.start < headline_end, anchored=anchored)
            bare_noun = default and m.payload.pos == "noun" and status in ("completed", "ongoing")
            if bare_noun and (
                    any(sentence[0] <= a < sentence[1] for a, _ in future_times) or _future_verb_near(words, m)):
                status = "planned"  # الانسحاب سيتم خلال عام: a noun in a clause about the future
            governing = mentions[-1] if mentions else None
            if (bare_noun and status != "planned" and governing is not None
                    and governing.trigger.pos == "verb_present" and governing.sentence == sentence
                    and m.word_start - governing.word_end <= GOVERNED_WINDOW):
                status = governing.status  # تؤيد الهجوم، يشن هجوما: the object of a present verb is not done
            if m.payload.pos == "noun" and m.prefix.endswith("ال") and m.word_start \
                    and words[m.word_start - 1].text in DEMONSTRATIVES:
                # هذا الهجوم: the attack already told of, whatever is said around the pointer now
                told = next((x for x in reversed(mentions) if x.trigger.mode == m.payload.mode), None) or next(
                    (x for x in reversed(mentions) if x.trigger.plover == m.payload.plover), None)
                if told is not None:
                    status = told.status
            actor, actor_name = self._actor(text, words, m, entities, sentence)
            target, target_name = self._target(text, words, m, entities, sentence, actor)
            mentions.append(Mention(m.start, m.end, m.word_start, m.payload, status, actor, actor_name, target,
                                    target_name, sentence, m.word_end))
        return {"events": tuple(self._fold(mentions, analysis, view))}

    # ---- triggers and status ----

    def _trigger_at(self, text: str, words: list[Word], i: int) -> tuple[PhraseMatch[Trigger], bool] | None:
        m = self.triggers.match_at(text, words, i)
        if m is not None:
            return m, False
        word = words[i].text
        ending = self._end_of_presence(text, words, i)
        if ending is not None:
            return ending
        core = word[1:] if word[:1] in ("و", "ف") else word
        short = self.short.get(core) if len(word) == 3 and core != word else None
        if short is not None:
            return PhraseMatch(words[i].start + 1, words[i].end, i, i + 1, word[:1], "", core, short), False
        if len(core) > 4 and core[0] == "س" and core[1] in "يتن":
            # سينسحبون: the future prefix on a present verb
            hit = self.triggers.get(core[1:])
            if hit is not None and hit.pos == "verb_present":
                start = words[i].start + (len(word) - len(core))
                return PhraseMatch(start, words[i].end, i, i + 1, word[: len(word) - len(core) + 1], "", core[1:],
                                   hit), True
        return None

    def _end_of_presence(self, text: str, words: list[Word], i: int) -> tuple[PhraseMatch[Trigger], bool] | None:
        """ستنهي ... وجودها، إنهاء الوجود العسكري: ending a presence is a withdrawal."""
        word = words[i].text
        core = word[1:] if word[:1] in ("و", "ف", "ل") and word[1:] in END_WORDS else word
        future = core[:1] == "س" and core[1:] in END_WORDS
        if core not in END_WORDS and not future:
            return None
        for k in range(i + 1, min(len(words), i + 1 + END_OBJECT_WINDOW)):
            if any(ch in text[words[k - 1].end : words[k].start] for ch in ".؟!\n"):
                break
            if words[k].text.removeprefix("ال").startswith(PRESENCE):
                pos = "noun" if core.startswith(("انهاء", "إنهاء")) else "verb_present"
                start = words[i].start + len(word) - len(core)
                return PhraseMatch(start, words[i].end, i, i + 1, word[: len(word) - len(core)], "", core,
                                   Trigger("انهي", "RETREAT", "withdraw", pos)), future
        return None

    def _status(self, text: str, words: list[Word], m: PhraseMatch[Trigger], future: bool,
                cues: list[PhraseMatch[StatusCue]], sentence: tuple[int, int], headline: bool = False,
                anchored: bool = False) -> tuple[str, bool]:
        """The trigger's status, and whether it is only its form's default (no cue or time set it)."""
        trig = m.payload
        pos = trig.pos
        durative = trig.aspect == "durative"
        prev = _particle(words, m.word_start - 1)
        if pos == "verb_present" and not future:
            if prev in NEGATION_PAST:
                return "denied", False
            if headline and not durative and prev not in SUBJUNCTIVE and not _purpose(m.prefix):
                pos = "verb_past"  # سوريا تتوعد الغرب: a headline tells a past act in the present
        default = True
        if future:
            base = "planned"
        elif pos == "verb_past":
            base = "completed"
        elif pos == "verb_present":
            base = "planned" if prev in SUBJUNCTIVE or _purpose(m.prefix) else "ongoing"
        elif _purpose(m.prefix):
            base = "planned"  # لسحب: in order to withdraw
        elif durative:
            # الحرب في اليمن: a war goes on unless a time or an ending word puts it in the past
            base = "completed" if anchored else "ongoing"
            default = not anchored
        else:
            base = "completed"
        in_range = [(cue, self._cue_status(words, cue)) for cue in cues
                    if self._cue_in_range(cue, m, sentence, words)]
        if durative and base == "ongoing" and pos == "noun" and (any(
                status == "completed" and cue.end <= m.start and cue.payload.scope == "before"
                for cue, status in in_range) or any(
                cue.payload.status == "completed" and sentence[0] <= cue.start < sentence[1]
                and _tells_past(cue, m, words) for cue in cues)):
            # انتهت الحرب، أنهى الجيش العملية العسكرية; الحرب التي خاضها، حملة استمرت شهرين
            base, default = "completed", False
        best = base
        for _cue, status in in_range:
            if status in ("completed", "none") or (pos == "verb_past" and status in ("planned", "ongoing")):
                continue  # a past verb is done whatever the words around it
            if STATUS_RANK[status] > STATUS_RANK[best]:
                best = status
                default = False
        return best, default

    @staticmethod
    def _cue_status(words: list[Word], cue: PhraseMatch[StatusCue]) -> str:
        status = cue.payload.status
        if status == "planned" and cue.payload.scope in ("before", "next") \
                and _particle(words, cue.word_start - 1) in NEGATION:
            return "denied"  # لم تخطط لاجتياح المدينة: the intention is denied, and with it the act
        return status

    @staticmethod
    def _cue_in_range(cue: PhraseMatch[StatusCue], m: PhraseMatch[Trigger], sentence: tuple[int, int],
                      words: list[Word]) -> bool:
        if not (sentence[0] <= cue.start < sentence[1]) or cue.start == m.start:
            return False
        if cue.payload.scope == "past_clause":
            return _tells_past(cue, m, words)
        distance = m.word_start - cue.word_end if cue.end <= m.start else cue.word_start - m.word_end
        scope = cue.payload.scope
        before = cue.end <= m.start
        return (
            (scope == "clause" and distance <= STATUS_WINDOW_BEFORE)
            or (scope == "before" and before and distance <= STATUS_WINDOW_BEFORE)
            or (scope == "after" and not before and distance <= STATUS_WINDOW_AFTER)
            or (scope == "next" and before and distance <= STATUS_WINDOW_NEXT)
            or (scope == "adjacent" and before and distance <= GOVERNED_WINDOW)
        )

    # ---- participants ----

    def _actor(self, text: str, words: list[Word], m: PhraseMatch[Trigger],
               entities: list[tuple[tuple[int, int], Entity]], sentence: tuple[int, int]
               ) -> tuple[tuple[int, int] | None, str | None]:
        """The subject after a verb (انسحبت الولايات المتحدة) or the genitive or nisba after a noun
        (انسحاب الولايات المتحدة، الانسحاب الأميركي); else the nearest actor before it in the sentence
        (تعتزم القوات الأميركية ... الانسحاب; إخلائها: the pronoun points back)."""
        if not m.suffix:
            for k in range(m.word_end, min(len(words), m.word_end + ACTOR_WINDOW_AFTER)):
                w = words[k]
                if w.start >= sentence[1] or (k > m.word_end and not text[words[k - 1].end : w.start].isspace()):
                    break
                if w.text in PREPOSITIONS or (w.text[:1] in ("ب", "ل") and not w.text.startswith("ال")):
                    break  # من سوريا: a place or an object, not the actor
                hit = next(((s, e, ent) for (s, e), ent in entities
                            if w.start <= s < w.end and self._can_act(ent)), None)
                if hit is not None:
                    s, e, ent = hit
                    return (s, e), self._actor_name(ent, text[s:e])
        preceding = [(s, e, ent) for (s, e), ent in entities
                     if sentence[0] <= s and e <= m.start and not ent.nisba and self._can_act(ent)
                     and not _after_preposition(text, s)]
        if preceding:
            s, e, ent = preceding[-1]
            return (s, e), self._actor_name(ent, text[s:e])
        return None, None

    def _target(self, text: str, words: list[Word], m: PhraseMatch[Trigger],
                entities: list[tuple[tuple[int, int], Entity]], sentence: tuple[int, int],
                actor: tuple[int, int] | None) -> tuple[tuple[int, int] | None, str | None]:
        if m.payload.plover not in DIRECTED_TYPES:
            return None, None
        for k in range(m.word_end, min(len(words), m.word_end + 6)):
            if words[k].start >= sentence[1]:
                break
            for (s, e), ent in entities:
                if s == words[k].start + (1 if words[k].text[:1] in "وبل" and s > words[k].start else 0) and \
                        (s, e) != actor and not ent.nisba:
                    prev = words[k - 1].text if k > 0 else ""
                    if prev in TARGET_PREPOSITIONS or words[k].text[:1] in ("ب",) or k > m.word_end:
                        return (s, e), self._actor_name(ent, text[s:e])
        return None, None

    def _can_act(self, ent: Entity) -> bool:
        """People, organisations, states and capitals act; towns, regions and facilities are places."""
        if ent.label in (EntityLabel.PER, EntityLabel.ORG):
            return True
        if ent.label is not EntityLabel.GPE:
            return False
        if ent.nisba or not (ent.ref or "").startswith("gazetteer:"):
            return True
        entries = self.gazetteer.lookup((ent.ref or "").removeprefix("gazetteer:"))
        return any(c.feature in ("country", "capital") for c in entries)

    def _actor_name(self, ent: Entity, surface: str) -> str | None:
        """A state's forces or government act for the state: القوات الأميركية -> United States."""
        code: str | None = None
        for entry in self.lexicon.lookup(fold(surface)):
            if entry.source == "organizations" and entry.kind in ("military", "government") and entry.country:
                code = entry.country
        if code is None and ent.label is EntityLabel.GPE:
            capital = [c for c in self.gazetteer.lookup_exact(fold(surface)) if c.feature == "capital"]
            code = capital[0].country if capital else None  # واشنطن acts for the United States
        if code:
            country = next((c for c in self.gazetteer.by_country(code) if c.feature == "country"), None)
            if country is not None:
                return country.name
        return ent.name or surface

    # ---- folding mentions into events ----

    def _fold(self, mentions: list[Mention], analysis: Analysis, view: TextView) -> list[Event]:
        groups: list[list[Mention]] = []
        for mention in mentions:
            for group in groups:
                head = group[0]
                same = (head.trigger.plover, head.trigger.mode, head.status) == (
                    mention.trigger.plover, mention.trigger.mode, mention.status)
                actors = {x.actor_name for x in group if x.actor_name} | (
                    {mention.actor_name} if mention.actor_name else set())
                if same and len(actors) <= 1:
                    group.append(mention)
                    break
            else:
                groups.append([mention])
        places = [view.norm_span(p.span) for p in analysis.layer("places")]
        times = [(view.norm_span(t.span), t) for t in analysis.layer("times")]
        quantities = [view.norm_span(q.span) for q in analysis.layer("quantities")]
        claims = list(analysis.layer("claims"))
        events: list[Event] = []
        for group in groups:
            first = group[0]
            actor_mention = next((x for x in group if x.actor), None)
            target_mention = next((x for x in group if x.target), None)
            in_sentences = [x.sentence for x in group]

            def near(span: tuple[int, int], sentences: list[tuple[int, int]] = in_sentences) -> bool:
                return any(a <= span[0] < b for a, b in sentences)

            place_ids = tuple(k for k, sp in enumerate(places) if near(sp))
            time_ids = tuple(k for k, (sp, t) in enumerate(times)
                             if near(sp) and (first.status != "planned" or t.direction == "future"))
            quantity_ids = tuple(k for k, sp in enumerate(quantities) if near(sp))
            claim_ids = tuple(k for k, c in enumerate(claims) if self._reports(c, group, view))
            events.append(Event(
                trigger=view.raw_span(first.start, first.end),
                mentions=tuple(view.raw_span(x.start, x.end) for x in group),
                type=first.trigger.plover,
                mode=first.trigger.mode,
                status=first.status,
                provenance=Provenance(STAGE, f"events.trigger.{first.trigger.pos}", self.version),
                actor=view.raw_span(*actor_mention.actor) if actor_mention and actor_mention.actor else None,
                actor_name=actor_mention.actor_name if actor_mention else None,
                target=view.raw_span(*target_mention.target) if target_mention and target_mention.target else None,
                target_name=target_mention.target_name if target_mention else None,
                places=place_ids,
                times=time_ids,
                quantities=quantity_ids,
                claims=claim_ids,
            ))
        return events

    def _reports(self, claim: Claim, group: list[Mention], view: TextView) -> bool:
        """A claim reports a mention when its content holds the trigger, or (an attribution after the
        clause, وفق ما أكد مصدر) when its cue stands in the trigger's sentence."""
        content = view.norm_span(claim.content) if claim.content else None
        cue = view.norm_span(claim.cue)
        for x in group:
            if content and content[0] <= x.start < content[1]:
                return True
            if x.sentence[0] <= cue[0] < x.sentence[1] and cue[0] > x.start:
                return True
        return False


# How many words after a noun trigger a future verb may stand and still set its tense.
FUTURE_VERB_WINDOW = 3


def _future_verb_near(words: list[Word], m: PhraseMatch[Trigger]) -> bool:
    """سيتم، ستكون، سيبدأ right after the noun: سـ on a present verb."""
    exceptions = time_words()
    for w in words[m.word_end : m.word_end + FUTURE_VERB_WINDOW]:
        core = w.text[1:] if w.text[:1] in ("و", "ف") else w.text
        if core in exceptions.future_exceptions or core.startswith(exceptions.future_exception_prefixes):
            continue  # سيطرة، سياسة، ستة
        if len(core) >= 4 and core[0] == "س" and core[1] in "يتن":
            return True
    return False


def _particle(words: list[Word], k: int) -> str:
    """Word k as a particle, without the conjunction glued to it (ولا، ولم); '' before the text."""
    if k < 0:
        return ""
    word = words[k].text
    bare = word[1:] if word[:1] in ("و", "ف") else word
    return bare if bare in NEGATION or bare in SUBJUNCTIVE else word


def _word_range(starts: list[int], span: tuple[int, int]) -> tuple[int, int]:
    """The words [first, after last) a character span covers, from the words' start offsets."""
    first = max(0, bisect_right(starts, span[0]) - 1)
    last = bisect_left(starts, span[1])
    return first, max(last, first + 1)


def _past_anchor(m: PhraseMatch[Trigger], past_times: list[tuple[int, int]], cue_words: list[int],
                 words: list[Word], sentence: tuple[int, int]) -> bool:
    """A past time near the noun in its sentence (العنف الذي شهده القطاع، الجمعة), not one that dates the
    report across a reporting cue (بعد تصاعد القتال، وفقا لتقرير نشر في وقت سابق)."""
    for first, last in past_times:
        if not (sentence[0] <= words[first].start < sentence[1]):
            continue
        if last <= m.word_start:
            distance, between = m.word_start - last, range(last, m.word_start)
        else:
            distance, between = first - m.word_end, range(m.word_end, first)
        if 0 <= distance <= PAST_ANCHOR_WINDOW and not any(k in between for k in cue_words):
            return True
    return False


def _tells_past(cue: PhraseMatch[StatusCue], m: PhraseMatch[Trigger], words: list[Word]) -> bool:
    """The cue is a past verb right after the noun (حملة استمرت شهرين) or after a relative pronoun that
    follows it, an adjective or two allowed between (العمليات العسكرية الواسعة التي شنها الجيش)."""
    if cue.start < m.end:
        return False
    between = [w.text for w in words[m.word_end:cue.word_start]]
    return not between or (len(between) <= PAST_CLAUSE_WINDOW + 1 and between[-1] in RELATIVES)


def _headline_end(text: str, words: list[Word]) -> int:
    """Where the headline ends: a short first line without a full stop, with the report after it; else 0."""
    head = len(text) - len(text.lstrip())
    newline = text.find("\n", head)
    if newline < 0 or not text[newline:].strip():
        return 0
    line = text[head:newline].rstrip()
    if not line or line[-1] in ".!?؟:" or sum(1 for w in words if head <= w.start < newline) > HEADLINE_WORDS:
        return 0
    return newline


def _purpose(prefix: str) -> bool:
    """لسحب، للانسحاب: the preposition ل before a verbal noun or verb states a purpose (the article
    the matcher split off does not count)."""
    bare = prefix[:-2] if prefix.endswith("ال") else prefix
    return bare.endswith("ل")


def _after_preposition(text: str, start: int) -> bool:
    """في سوريا، بسوريا: a place or an object, not an agent."""
    before = text[max(0, start - 12) : start].split()
    glued = start > 0 and not text[start - 1].isspace()
    return glued or (bool(before) and before[-1] in PREPOSITIONS)


def _text_of(analysis: Analysis, span: Span) -> str:
    return analysis.document.text[span.start : span.end]


def _sentence_bounds(view: TextView, pos: int) -> tuple[int, int]:
    s = view.sentence_of(pos)
    return s.start, s.end


__all__ = ["EventExtractor", "Span"]
