"""Analysis -> the JSON of CONTRACT.md (schema marsad.analysis/1)."""

from __future__ import annotations

from typing import Any

from marsad.model.annotations import Quantity, TimeExpression
from marsad.model.document import Analysis
from marsad.model.spans import Span

SCHEMA = "marsad.analysis/1"
CONTRACT_LAYERS = ("entities", "times", "places", "quantities", "claims", "events")


def span_dict(span: Span, text: str) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}


def time_dict(t: TimeExpression, text: str) -> dict[str, Any]:
    return {
        **span_dict(t.span, text),
        "type": str(t.type),
        "value": t.value,
        "earliest": t.earliest.isoformat() if t.earliest else None,
        "latest": t.latest.isoformat() if t.latest else None,
        "anchored": t.anchored,
        "direction": t.direction,
        "gloss": t.gloss,
        "rule": t.provenance.rule,
    }


def quantity_dict(q: Quantity, text: str) -> dict[str, Any]:
    return {
        **span_dict(q.span, text),
        "value": _number(q.value),
        "low": _number(q.low),
        "high": _number(q.high),
        "unit": q.unit,
        "approximate": q.approximate,
        "noun": span_dict(q.noun, text) if q.noun else None,
        "rule": q.provenance.rule,
    }


def _number(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 6)


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    doc = analysis.document
    text = doc.text
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "document": {
            "id": doc.id,
            "dateline": doc.dateline.isoformat() if doc.dateline else None,
            "language": doc.language,
            "text": text,
        },
    }
    for name in CONTRACT_LAYERS:
        out[name] = []
    out["times"] = [time_dict(t, text) for t in analysis.layer("times")]
    out["quantities"] = [quantity_dict(q, text) for q in analysis.layer("quantities")]
    return out
