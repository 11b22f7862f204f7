"""The document model: immutable text, frozen annotations with spans and provenance."""

from marsad.model.annotations import (
    Quantity,
    TimeExpression,
)
from marsad.model.document import Analysis, Document
from marsad.model.spans import Provenance, Span

__all__ = ["Analysis", "Document", "Provenance", "Quantity", "Span", "TimeExpression"]
