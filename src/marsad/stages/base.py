"""What a stage is, and the per-document text view every stage shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from marsad.model.document import Analysis
from marsad.model.spans import Span
from marsad.text.normalize import DROPPED_MARKS, NormalizedText, normalize
from marsad.text.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class TextView:
    """Computed once per document: the normalized view with its offset map, and sentence spans
    in normalized coordinates (stages match on the view and map spans back with `to_raw`)."""

    norm: NormalizedText
    sentences: tuple[Span, ...]

    @classmethod
    def of(cls, raw: str) -> TextView:
        norm = normalize(raw)
        return cls(norm, tuple(split_sentences(norm.text)))

    @property
    def text(self) -> str:
        return self.norm.text

    def raw_span(self, start: int, end: int) -> Span:
        """Raw span of a normalized span, taking in the marks (tanwin, shadda, tatweel) that the
        view dropped right after its last letter: عاماً, not عاما + a stray fathatan."""
        a, b = self.norm.to_raw(start, end)
        raw = self.norm.raw
        while b < len(raw) and raw[b] in DROPPED_MARKS and b > a:
            b += 1
        return Span(a, b)

    def norm_span(self, span: Span) -> tuple[int, int]:
        """Normalized positions of a raw span (the inverse of raw_span, up to dropped marks)."""
        return self.norm.offsets.to_norm(span.start), self.norm.offsets.to_norm(span.end)

    def sentence_of(self, pos: int) -> Span:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return Span(0, len(self.norm.text))


class Stage(Protocol):
    """A stage adds the layers named in `assigns`, reading those named in `requires`."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def annotate(self, analysis: Analysis, view: TextView) -> dict[str, tuple[Any, ...]]:
        """Return the new layers by name; never change the text or earlier layers."""
        ...
