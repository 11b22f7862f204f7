"""Calendar arithmetic for the times stage: periods, weeks, Hijri conversion. No clock reads."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hijridate import Gregorian, Hijri

# Gregorian span that hijridate's Umm al-Qura tables cover.
HIJRI_MIN_YEAR = 1343
HIJRI_MAX_YEAR = 1500


def month_end(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def iso_week_bounds(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def iso_week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift(d: date, unit: str, n: float) -> date:
    """d moved by n units (negative: back). Fractions of months/years round to days."""
    if unit == "D":
        return d + timedelta(days=round(n))
    if unit == "W":
        return d + timedelta(days=round(7 * n))
    if unit == "H":
        return d + timedelta(hours=n) if abs(n) >= 24 else d
    if unit == "MIN":
        return d
    months = {"M": 1, "Y": 12, "DE": 120, "CE": 1200}[unit] * n
    whole = int(months)
    moved = d + relativedelta(months=whole)
    rest = months - whole
    return moved + timedelta(days=round(rest * 30.4375)) if rest else moved


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nearest_year_for(month: int, day: int, anchor: date) -> date | None:
    """The date with this month and day closest to the anchor (news speaks of nearby days)."""
    best: date | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = safe_date(y, month, day)
        if d is not None and (best is None or abs((d - anchor).days) < abs((best - anchor).days)):
            best = d
    return best


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    if not HIJRI_MIN_YEAR <= year <= HIJRI_MAX_YEAR:
        return None
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_month_bounds(year: int, month: int) -> tuple[date, date] | None:
    if not HIJRI_MIN_YEAR <= year <= HIJRI_MAX_YEAR:
        return None
    try:
        first = Hijri(year, month, 1)
        return first.to_gregorian(), Hijri(year, month, first.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_year_of(d: date) -> int | None:
    try:
        return int(Gregorian(d.year, d.month, d.day).to_hijri().year)
    except (ValueError, OverflowError):
        return None
