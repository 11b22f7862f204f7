"""Sentence splitting for Arabic news text: full stops, question and exclamation marks, line breaks."""

from __future__ import annotations

import re

from marsad.model.spans import Span

# A sentence ends at a run of . ! ? ؟ … (not inside a number such as 5.7) or at a line break, and
# takes the closing quotes that follow the mark. After a digit the whole run ends the sentence too, so
# "عام 2020..." or "5؟!" do not leave the rest of the run as a sentence of its own.
_END_RE = re.compile(r"(?:(?<![0-9])[.!?؟…]+|(?<=[0-9])[.!?؟…]+(?![0-9]))[\"'»”’)\]]*|\n+")


def split_sentences(text: str) -> list[Span]:
    """Spans of sentences, trimmed of surrounding whitespace; together they cover every word."""
    spans: list[Span] = []
    start = 0
    for m in _END_RE.finditer(text):
        end = m.end()
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))
