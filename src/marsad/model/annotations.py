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
