"""Reasons stage: stated causes and enumerated reasons, linked to the event or decision they explain.

Causal cues (لأن، بسبب، نتيجة، رداً على، إثر) explain the nearest event before them in the sentence.
Enumerators (السبب الثاني، في مقدمتها، وأخيراً) list reasons for the article's main decision: they
count when the text has set up a list of reasons (دوافع، أسباب، السبب) and explain the event with the
most mentions. A reason's span is the clause after its cue, or before it (…؛ وهو السبب الرابع).
"""

from __future__ import annotations

import re
from typing import Any

from marsad.model.annotations import Event, Reason
from marsad.model.document import Analysis
from marsad.model.spans import Provenance
from marsad.resources.lexicons import load_table
from marsad.stages.base import TextView
from marsad.text.normalize import fold
from marsad.text.phrases import PhraseIndex, PhraseMatch, Word, words_of

STAGE = "reasons"
LEX = "lexicons/ar/"
# Cues too common to mean a cause on their own (بعد "after", كما "as well as").
TOO_COMMON = frozenset(fold(w) for w in ("بعد", "كما", "السبب", "دوافع", "الدوافع", "أسباب", "الأسباب"))
# Words that announce a list of reasons; enumerators count only after one of them.
REASON_FRAMES = re.compile(fold("(?:دوافع|الدوافع|أسباب|الأسباب|سبب|السبب|عوامل|العوامل|مبررات)"))
# Enumerators must open their sentence (within this many words) unless they name a reason themselves.
ENUMERATOR_OPENING_WORDS = 4
# Pronouns before an enumerator that point back to the reason (وهو السبب الرابع).
BACK_POINTERS = frozenset(fold(w) for w in ("وهو", "وهي", "هو", "هي", "وذلك"))
# The plural nouns that open a list of reasons; the sentence holding one names the decision explained.
FRAME_PLURALS = re.compile(fold("(?:دوافع|أسباب|عوامل|مبررات)"))
_CLAUSE_END = re.compile(r"[،,؛;.!?؟\n]")


class ReasonFinder:
    name = STAGE
    requires: tuple[str, ...] = ("events",)
    assigns: tuple[str, ...] = ("reasons",)

    def __init__(self, cues: PhraseIndex[str], version: str) -> None:
        self.cues = cues
        self.version = version

    @classmethod
    def from_resources(cls) -> ReasonFinder:
        table = load_table(LEX + "reason_cues.tsv")
        entries = [(r["form"], r["kind"]) for r in table.rows if fold(r["form"]) not in TOO_COMMON]
        return cls(PhraseIndex(entries, article=False), table.version)

    def annotate(self, analysis: Analysis, view: TextView) -> dict[str, tuple[Any, ...]]:
        text = view.text
        words = words_of(text)
        events: list[Event] = list(analysis.layer("events"))
        triggers = [[view.norm_span(m) for m in e.mentions] for e in events]
        main = max(range(len(events)), key=lambda k: len(events[k].mentions), default=None)
        reasons: list[Reason] = []
        for m in self.cues.find(text, words):
            kind = m.payload
            sentence = view.sentence_of(m.start)
            if kind == "enumerator" and not self._enumerates(text, words, m, sentence.start):
                continue
            span = self._span(text, words, m, sentence.start, sentence.end)
            if span is None:
                continue
            if kind == "enumerator":
                framed = self._framed_event(text, view, m.start, triggers)
                target = framed if framed is not None else main
                explained = (target,) if target is not None else ()
            else:
                before = [k for k, spans in enumerate(triggers)
                          if any(sentence.start <= s < m.start for s, _ in spans)]
                explained = (before[-1],) if before else ()
            reasons.append(Reason(view.raw_span(m.start, m.end), view.raw_span(*span), kind,
                                  Provenance(STAGE, f"reasons.{kind}", self.version), explained))
        # يتمثل السبب الثالث في…: the enumerator is the reason; the verb before it is not another one.
        enumerator_cues = [r.cue for r in reasons if r.kind == "enumerator"]
        kept = [r for r in reasons if r.kind == "enumerator" or not any(
            r.span.start <= c.start < r.span.end or r.cue.end <= c.start <= r.span.start for c in enumerator_cues)]
        return {"reasons": tuple(kept)}

    def _framed_event(self, text: str, view: TextView, cue_start: int,
                      triggers: list[list[tuple[int, int]]]) -> int | None:
        """The event of the sentence that announced the reasons (قرار الانسحاب يستند إلى 5 دوافع)."""
        frames = list(FRAME_PLURALS.finditer(text, 0, cue_start))
        for frame in reversed(frames):
            sentence = view.sentence_of(frame.start())
            in_sentence = [(s, k) for k, spans in enumerate(triggers) for s, _ in spans
                           if sentence.start <= s < sentence.end]
            if in_sentence:
                return min(in_sentence)[1]
        return None

    def _enumerates(self, text: str, words: list[Word], m: PhraseMatch[str], sentence_start: int) -> bool:
        if REASON_FRAMES.search(m.phrase):
            return True  # السبب الثاني names itself
        if not REASON_FRAMES.search(text, 0, m.start):
            return False
        opening = sum(1 for w in words if sentence_start <= w.start < m.start)
        return opening <= ENUMERATOR_OPENING_WORDS or "مقدمت" in m.phrase

    def _span(self, text: str, words: list[Word], m: PhraseMatch[str], sentence_start: int,
              sentence_end: int) -> tuple[int, int] | None:
        prev = words[m.word_start - 1].text if m.word_start else ""
        if prev in BACK_POINTERS:  # …؛ وهو السبب الرابع: the reason came before
            start, end = sentence_start, words[m.word_start - 1].start
        else:
            start = m.end
            if m.payload == "enumerator":
                end = sentence_end
            else:
                clause = _CLAUSE_END.search(text, start, sentence_end)
                end = clause.start() if clause else sentence_end
        while start < end and text[start] in " ،,:؛\"«»'":
            start += 1
        while end > start and text[end - 1] in " ،,:؛\"«»'.":
            end -= 1
        return (start, end) if end - start > 2 else None
