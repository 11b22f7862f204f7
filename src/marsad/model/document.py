"""Document (the text as read) and Analysis (the document with its layers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Any

from marsad.model.spans import Span

LAYERS = ("entities", "times", "places", "quantities", "claims", "events")


@dataclass(frozen=True, slots=True)
class Document:
    """One report. `text` is the body exactly as read; nothing downstream may change it."""

    id: str
    text: str
    dateline: date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "ar"


def _empty_layers() -> Mapping[str, tuple[Any, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document and the annotation layers the stages have added, by layer name."""

    document: Document
    layers: Mapping[str, tuple[Any, ...]] = field(default_factory=_empty_layers)

    def layer(self, name: str) -> tuple[Any, ...]:
        return self.layers.get(name, ())

    def with_layer(self, name: str, items: tuple[Any, ...]) -> Analysis:
        for item in items:
            span = getattr(item, "span", None)
            if isinstance(span, Span) and span.end > len(self.document.text):
                raise ValueError(f"{name} span {span.start}:{span.end} lies outside the text")
        merged = dict(self.layers)
        merged[name] = tuple(items)
        return replace(self, layers=MappingProxyType(merged))
