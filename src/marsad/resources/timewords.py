"""The time lexicons, loaded once and folded for matching on the normalized text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.resources.lexicons import load_table
from marsad.text.normalize import fold

LEX = "lexicons/ar/"


@dataclass(frozen=True, slots=True)
class Month:
    number: int
    calendar: str  # "gregorian" | "hijri"


@dataclass(frozen=True, slots=True)
class TimeUnit:
    code: str  # H MIN D W M Y DE CE
    count: str  # "1" | "2" | "n"


@dataclass(frozen=True, slots=True)
class Holiday:
    calendar: str
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class TimeWords:
    months: dict[str, Month]
    weekdays: dict[str, int]  # core form without the article -> ISO weekday
    units: dict[str, TimeUnit]
    modifiers: dict[str, str]
    vague: dict[str, str]
    sets: dict[str, str]
    parts: dict[str, str]
    day_parts: dict[str, str]
    holidays: dict[str, Holiday]
    decades: dict[str, int]
    tense_markers: dict[str, str]
    future_exceptions: frozenset[str]
    future_exception_prefixes: tuple[str, ...]
    version: str

    def unit_forms(self, count: str) -> list[str]:
        return [f for f, u in self.units.items() if u.count == count]


def _pairs(name: str, key: str, value: str) -> dict[str, str]:
    return {fold(r[key]): r[value] for r in load_table(LEX + name).rows}


@cache
def time_words() -> TimeWords:
    months_table = load_table(LEX + "months.tsv")
    months = {fold(r["form"]): Month(int(r["month"]), r["calendar"]) for r in months_table.rows}
    weekdays = {}
    for r in load_table(LEX + "weekdays.tsv").rows:
        form = fold(r["form"])
        weekdays[form[2:] if form.startswith("ال") else form] = int(r["weekday"])
    units = {fold(r["form"]): TimeUnit(r["unit"], r["count"]) for r in load_table(LEX + "time_units.tsv").rows}
    holidays = {
        fold(r["form"]): Holiday(r["calendar"], int(r["month"]), int(r["day"]))
        for r in load_table(LEX + "holidays.tsv").rows
    }
    exceptions = load_table(LEX + "future_prefix_exceptions.tsv").rows
    return TimeWords(
        months=months,
        weekdays=weekdays,
        units=units,
        modifiers=_pairs("time_modifiers.tsv", "form", "direction"),
        vague=_pairs("vague_times.tsv", "form", "value"),
        sets=_pairs("time_sets.tsv", "form", "value"),
        parts=_pairs("period_parts.tsv", "form", "part"),
        day_parts=_pairs("day_parts.tsv", "form", "part"),
        holidays=holidays,
        decades={k: int(v) for k, v in _pairs("decades.tsv", "form", "decade").items()},
        tense_markers=_pairs("tense_markers.tsv", "form", "direction"),
        future_exceptions=frozenset(fold(r["form"]) for r in exceptions if r["kind"] == "word"),
        future_exception_prefixes=tuple(fold(r["form"]) for r in exceptions if r["kind"] == "prefix"),
        version=months_table.version,
    )


def alternation(forms: list[str] | set[str] | dict[str, object]) -> str:
    """Regex alternation of literal forms, longest first so the longest form wins; spaces match any run."""
    items = sorted(set(forms), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in items) + ")"
