"""The readable terminal report (`marsad analyze --format text`): the article with its spans
highlighted, the deadlines side by side, and a table per layer with normalized values in English."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from marsad.model.annotations import Claim, Entity, Event, Place, Quantity, Reason, TimeExpression, TimeType
from marsad.model.document import Analysis
from marsad.text.sentences import split_sentences

TIME_STYLE = "bold cyan"
QUANTITY_STYLE = "bold magenta"
ENTITY_STYLE = "underline"
PLACE_STYLE = "bold green"
# Narrower than this, rich squeezes the claim and event tables to a letter per cell; a wider virtual
# console lets long rows wrap in the terminal instead, which stays readable.
REPORT_MIN_WIDTH = 160
# Characters of context shown on each side of a deadline in the side-by-side table.
CONTEXT_CHARS = 70


def _fmt_number(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}"


def _fmt_date(d: object) -> str:
    return d.isoformat() if d is not None and hasattr(d, "isoformat") else "—"


def highlighted_text(analysis: Analysis) -> Text:
    text = Text(analysis.document.text)
    for e in analysis.layer("entities"):
        if not e.nisba:
            text.stylize(ENTITY_STYLE, e.span.start, e.span.end)
    for p in analysis.layer("places"):
        text.stylize(PLACE_STYLE, p.span.start, p.span.end)
    for t in analysis.layer("times"):
        text.stylize(TIME_STYLE, t.span.start, t.span.end)
    for q in analysis.layer("quantities"):
        text.stylize(QUANTITY_STYLE, q.span.start, q.span.end)
    return text


def deadlines(analysis: Analysis) -> list[TimeExpression]:
    """Time expressions that bound something still to come: deadlines, windows ahead, planned dates."""
    return [
        t
        for t in analysis.layer("times")
        if t.direction == "future" and t.latest is not None and t.type in (TimeType.DURATION, TimeType.DATE)
    ]


def deadline_table(analysis: Analysis) -> Table:
    text = analysis.document.text
    sentences = split_sentences(text)
    table = Table(title="Deadlines and windows ahead, side by side", title_justify="left", expand=True)
    table.add_column("expression")
    table.add_column("from", no_wrap=True)
    table.add_column("by", no_wrap=True, style="bold")
    table.add_column("reading")
    table.add_column("in the sentence", ratio=2)
    for t in deadlines(analysis):
        sentence = next((s for s in sentences if s.start <= t.span.start < s.end), None)
        lo = max(sentence.start if sentence else 0, t.span.start - CONTEXT_CHARS)
        hi = min(sentence.end if sentence else len(text), t.span.end + CONTEXT_CHARS)
        context = Text(text[lo:hi].replace("\n", " "))
        context.stylize(TIME_STYLE, t.span.start - lo, t.span.end - lo)
        table.add_row(text[t.span.start : t.span.end], _fmt_date(t.earliest), _fmt_date(t.latest), t.gloss, context)
    return table


def time_table(analysis: Analysis) -> Table:
    text = analysis.document.text
    table = Table(title="Times", title_justify="left", expand=True)
    for col in ("#", "expression", "type", "value", "earliest", "latest", "reading"):
        table.add_column(col, no_wrap=col in ("#", "earliest", "latest"))
    t: TimeExpression
    for i, t in enumerate(analysis.layer("times")):
        table.add_row(str(i), text[t.span.start : t.span.end], str(t.type), t.value, _fmt_date(t.earliest),
                      _fmt_date(t.latest), t.gloss)
    return table


def quantity_table(analysis: Analysis) -> Table:
    text = analysis.document.text
    table = Table(title="Quantities", title_justify="left", expand=True)
    for col in ("#", "expression", "value", "low", "high", "unit"):
        table.add_column(col, no_wrap=col != "expression")
    q: Quantity
    for i, q in enumerate(analysis.layer("quantities")):
        table.add_row(str(i), text[q.span.start : q.span.end], _fmt_number(q.value), _fmt_number(q.low),
                      _fmt_number(q.high), q.unit or "—")
    return table


def entity_table(analysis: Analysis) -> Table:
    """One row per distinct entity (label and name), with how often and how it is written."""
    text = analysis.document.text
    table = Table(title="Entities", title_justify="left", expand=True)
    for col in ("label", "as written", "English name", "mentions"):
        table.add_column(col, no_wrap=col in ("label", "mentions"))
    groups: dict[tuple[str, str], list[str]] = {}
    e: Entity
    for e in analysis.layer("entities"):
        surface = text[e.span.start : e.span.end]
        key = (str(e.label) + (" (nisba)" if e.nisba else ""), e.name or surface)
        groups.setdefault(key, []).append(surface)
    for (label, name), surfaces in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
        forms = " · ".join(dict.fromkeys(surfaces))
        table.add_row(label, forms, name if name not in surfaces else "—", str(len(surfaces)))
    return table


def place_table(analysis: Analysis) -> Table:
    """One row per distinct resolved place."""
    text = analysis.document.text
    table = Table(title="Places", title_justify="left", expand=True)
    for col in ("as written", "place", "type", "country", "lat", "lon", "precision", "GeoNames", "mentions"):
        table.add_column(col, no_wrap=col != "as written")
    groups: dict[str, list[Place]] = {}
    p: Place
    for p in analysis.layer("places"):
        groups.setdefault(p.ref or p.name, []).append(p)
    for places in groups.values():
        first = places[0]
        forms = " · ".join(dict.fromkeys(text[x.span.start : x.span.end] for x in places))
        geonames = str(first.geonameid) if first.geonameid else "curated"
        table.add_row(forms, first.name, first.feature, first.country or "—", f"{first.lat:.3f}", f"{first.lon:.3f}",
                      str(first.precision), geonames, str(len(places)))
    return table


def _time_bounds(t: TimeExpression) -> str:
    if t.earliest or t.latest:
        lo = _fmt_date(t.earliest) if t.earliest else "…"
        hi = _fmt_date(t.latest) if t.latest else "…"
        return f"{lo}..{hi}" if lo != hi else lo
    return t.value


def claim_table(analysis: Analysis) -> Table:
    """Who says what, how firmly, and the times and amounts the claim states."""
    text = analysis.document.text
    times = analysis.layer("times")
    quantities = analysis.layer("quantities")
    events = analysis.layer("events")
    table = Table(title="Claims: who says what, how firmly", title_justify="left", expand=True)
    for col in ("#", "source", "type", "named", "from", "certainty", "cue", "states", "about"):
        table.add_column(col, no_wrap=col in ("#", "named", "certainty"))
    c: Claim
    for i, c in enumerate(analysis.layer("claims")):
        source = text[c.source.start : c.source.end] if c.source else "—"
        states = [f"{text[times[k].span.start:times[k].span.end]} → {_time_bounds(times[k])}" for k in c.times]
        states += [f"{text[quantities[k].span.start:quantities[k].span.end]} → "
                   f"{_fmt_number(quantities[k].value if quantities[k].value is not None else quantities[k].low)}"
                   f" {quantities[k].unit or ''}".rstrip() for k in c.quantities]
        about = [f"#{k} {e.type}" for k, e in enumerate(events) if i in e.claims]
        table.add_row(str(i), source, c.source_type, "named" if c.named else "anonymous", c.affiliation or "—",
                      c.certainty, text[c.cue.start : c.cue.end], "\n".join(states) or "—", ", ".join(about) or "—")
    return table


def event_table(analysis: Analysis) -> Table:
    """What happened or will happen: type, status, actor, place, time bounds, amounts, reported by."""
    text = analysis.document.text
    places = analysis.layer("places")
    times = analysis.layer("times")
    quantities = analysis.layer("quantities")
    table = Table(title="Events", title_justify="left", expand=True)
    for col in ("#", "type", "status", "actor", "target", "where", "when", "amounts", "reported by", "mentions"):
        table.add_column(col, no_wrap=col in ("#", "type", "status"))
    e: Event
    for i, e in enumerate(analysis.layer("events")):
        where = ", ".join(dict.fromkeys(places[k].name for k in e.places)) or "—"
        when = "\n".join(f"{text[times[k].span.start:times[k].span.end]} → {_time_bounds(times[k])}" for k in e.times)
        amounts = ", ".join(text[quantities[k].span.start : quantities[k].span.end] for k in e.quantities)
        mentions = " · ".join(text[m.start : m.end] for m in e.mentions)
        table.add_row(str(i), f"{e.type} ({e.mode})", e.status, e.actor_name or "—", e.target_name or "—", where,
                      when or "—", amounts or "—", ", ".join(f"#{k}" for k in e.claims) or "—", mentions)
    return table


def reason_table(analysis: Analysis) -> Table:
    text = analysis.document.text
    events = analysis.layer("events")
    table = Table(title="Reasons", title_justify="left", expand=True)
    for col in ("cue", "kind", "reason", "explains"):
        table.add_column(col, no_wrap=col in ("kind",))
    r: Reason
    for r in analysis.layer("reasons"):
        explains = ", ".join(f"#{k} {events[k].type} ({events[k].status})" for k in r.events) or "—"
        table.add_row(text[r.cue.start : r.cue.end], r.kind, text[r.span.start : r.span.end], explains)
    return table


def print_report(analysis: Analysis, console: Console | None = None) -> None:
    if console is None:
        console = Console()
        if console.width < REPORT_MIN_WIDTH:
            console = Console(width=REPORT_MIN_WIDTH)
    doc = analysis.document
    dateline = doc.dateline.isoformat() if doc.dateline else "none (relative times left unresolved)"
    counts = ", ".join(f"{len(analysis.layer(name))} {name}"
                       for name in ("entities", "places", "times", "quantities"))
    console.rule(f"[bold]{doc.id}[/bold]  dateline {dateline}  ·  {len(doc.text):,} characters  ·  {counts}")
    legend = "places green · entities underlined · times cyan · quantities magenta"
    console.print(Panel(highlighted_text(analysis), title="article", subtitle=legend))
    if deadlines(analysis):
        console.print(deadline_table(analysis))
    if analysis.layer("claims"):
        console.print(claim_table(analysis))
    if analysis.layer("events"):
        console.print(event_table(analysis))
    if analysis.layer("reasons"):
        console.print(reason_table(analysis))
    if analysis.layer("places"):
        console.print(place_table(analysis))
    if analysis.layer("entities"):
        console.print(entity_table(analysis))
    console.print(time_table(analysis))
    console.print(quantity_table(analysis))
