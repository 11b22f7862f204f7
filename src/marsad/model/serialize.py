"""Analysis -> the JSON of CONTRACT.md (schema marsad.analysis/1)."""

from __future__ import annotations

from typing import Any

from marsad.model.annotations import Claim, Entity, Event, Place, Quantity, Reason, TimeExpression
from marsad.model.document import Analysis
from marsad.model.spans import Span

# 1.1 adds the `reasons` layer (and `nisbas`); every 1.0 field is unchanged.
SCHEMA = "marsad.analysis/1"
SCHEMA_MINOR = "1.1"
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


def entity_dict(e: Entity, text: str) -> dict[str, Any]:
    return {**span_dict(e.span, text), "label": str(e.label), "name": e.name, "ref": e.ref,
            "rule": e.provenance.rule}


def place_dict(p: Place, text: str) -> dict[str, Any]:
    return {
        **span_dict(p.span, text),
        "geonameid": p.geonameid,
        "name": p.name,
        "lat": round(p.lat, 5),
        "lon": round(p.lon, 5),
        "country": p.country,
        "admin1": p.admin1,
        "feature": p.feature,
        "precision": p.precision,
        "ref": p.ref,
        "entity": p.entity,
    }


def _opt_span(span: Span | None, text: str) -> dict[str, Any] | None:
    return span_dict(span, text) if span is not None else None


def claim_dict(c: Claim, text: str, events: list[int]) -> dict[str, Any]:
    return {
        "cue": span_dict(c.cue, text),
        "source": _opt_span(c.source, text),
        "source_type": c.source_type,
        "certainty": c.certainty,
        "content": _opt_span(c.content, text),
        "named": c.named,
        "affiliation": c.affiliation,
        "source_name": c.source_name,
        "times": list(c.times),
        "quantities": list(c.quantities),
        "events": events,
        "rule": c.provenance.rule,
    }


def event_dict(e: Event, text: str, places: list[int]) -> dict[str, Any]:
    actor = _opt_span(e.actor, text)
    if actor is not None:
        actor["name"] = e.actor_name
    target = _opt_span(e.target, text)
    if target is not None:
        target["name"] = e.target_name
    return {
        "trigger": span_dict(e.trigger, text),
        "mentions": [span_dict(m, text) for m in e.mentions],
        "type": e.type,
        "mode": e.mode,
        "status": e.status,
        "actor": actor,
        "target": target,
        "places": places,
        "times": list(e.times),
        "quantities": list(e.quantities),
        "claims": list(e.claims),
        "rule": e.provenance.rule,
    }


def reason_dict(r: Reason, text: str) -> dict[str, Any]:
    return {"cue": span_dict(r.cue, text), "span": span_dict(r.span, text), "kind": r.kind,
            "events": list(r.events)}


def _number(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 6)


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    doc = analysis.document
    text = doc.text
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_MINOR,
        "document": {
            "id": doc.id,
            "dateline": doc.dateline.isoformat() if doc.dateline else None,
            "language": doc.language,
            "text": text,
        },
    }
    for name in CONTRACT_LAYERS:
        out[name] = []
    # Nisba adjectives (الأميركية -> United States) are entity mentions for linking actors, but not
    # named entities in the NER sense: they go in their own list. Place.entity indexes `entities`
    # as printed, so the indices are remapped.
    all_entities = analysis.layer("entities")
    printed = [i for i, e in enumerate(all_entities) if not e.nisba]
    new_index = {old: new for new, old in enumerate(printed)}
    out["entities"] = [entity_dict(all_entities[i], text) for i in printed]
    out["nisbas"] = [entity_dict(e, text) for e in all_entities if e.nisba]
    out["places"] = [
        {**place_dict(p, text), "entity": new_index.get(p.entity) if p.entity is not None else None}
        for p in analysis.layer("places")
    ]
    out["times"] = [time_dict(t, text) for t in analysis.layer("times")]
    events = analysis.layer("events")
    reported_by: dict[int, list[int]] = {}
    for k, e in enumerate(events):
        for c in e.claims:
            reported_by.setdefault(c, []).append(k)
    out["claims"] = [claim_dict(c, text, reported_by.get(k, [])) for k, c in enumerate(analysis.layer("claims"))]
    out["events"] = [event_dict(e, text, list(e.places)) for e in events]
    out["reasons"] = [reason_dict(r, text) for r in analysis.layer("reasons")]
    out["quantities"] = [quantity_dict(q, text) for q in analysis.layer("quantities")]
    return out
