"""Annotation dataclasses: one per layer. All frozen; spans point into the raw text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from marsad.model.spans import Provenance, Span


class TimeType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression normalized TIMEX3-style, with calendar bounds resolved against the dateline.

    `anchored` is False when the expression is relative and the document has no dateline: then the
    value stays relative and the bounds are None.
    """

    span: Span
    type: TimeType
    value: str
    earliest: date | None
    latest: date | None
    provenance: Provenance
    anchored: bool = True
    direction: str | None = None  # "past" | "future" | None: where a relative expression points
    gloss: str = ""  # short English reading, for the report


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted amount: the stated value, its bounds and what is counted (singular English noun)."""

    span: Span
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    provenance: Provenance
    noun: Span | None = None  # the counted noun as written, when there is one
    approximate: bool = False


class EntityLabel(StrEnum):
    PER = "PER"
    ORG = "ORG"
    GPE = "GPE"
    LOC = "LOC"
    FAC = "FAC"
    MISC = "MISC"


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: a span without proclitics (بسوريا -> سوريا), with the article as written.

    `name` is the canonical English name where known (Syria, Syrian Democratic Forces); `ref` the
    gazetteer or lexicon key it was matched to; `nisba` is True for an adjective standing for the
    state or group (الأميركية -> United States).
    """

    span: Span
    label: EntityLabel
    provenance: Provenance
    name: str | None = None
    ref: str | None = None
    nisba: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A place resolved to the gazetteer: GeoNames id where one exists, coordinates always.

    precision follows ACLED: 1 the exact place, 2 near or part of a place, 3 a region or country.
    """

    span: Span
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    feature: str
    precision: int
    provenance: Provenance
    ref: str = ""
    admin1: str | None = None
    entity: int | None = None  # index into the entities layer


@dataclass(frozen=True, slots=True)
class Claim:
    """Who says what, how firmly. `source` is the noun phrase of the speaker as written (for a
    pronoun or an implied subject, the earlier mention it refers to); `content` what is said."""

    cue: Span
    source: Span | None
    content: Span | None
    source_type: str
    certainty: str
    named: bool
    affiliation: str | None
    provenance: Provenance
    source_name: str | None = None
    times: tuple[int, ...] = ()
    quantities: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event: its first trigger, every mention, PLOVER type and status, and links."""

    trigger: Span
    mentions: tuple[Span, ...]
    type: str
    mode: str
    status: str
    provenance: Provenance
    actor: Span | None = None
    actor_name: str | None = None
    target: Span | None = None
    target_name: str | None = None
    places: tuple[int, ...] = ()
    times: tuple[int, ...] = ()
    quantities: tuple[int, ...] = ()
    claims: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """A stated reason: the cue (بسبب، السبب الثاني…), the reason's text, and the events it explains."""

    cue: Span
    span: Span
    kind: str
    provenance: Provenance
    events: tuple[int, ...] = ()
