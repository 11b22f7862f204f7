"""Times stage: find time expressions and normalize them TIMEX3-style against the dateline.

Rules live in data/rules/times.toml (patterns over the normalized text, with lexicon placeholders);
this module fills the placeholders, runs one compiled regex per rule, keeps the longest non-overlapping
matches, and resolves each with the resolver its rule names. Relative expressions resolve against the
document's dateline; without one they keep a relative value and null bounds. The clock is never read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from marsad.errors import ResourceError
from marsad.model.annotations import TimeExpression, TimeType
from marsad.model.document import Analysis
from marsad.model.spans import Provenance
from marsad.resources.lexicons import data_bytes
from marsad.resources.timewords import TimeWords, alternation, time_words
from marsad.stages import calendar as cal
from marsad.stages.base import TextView
from marsad.text.normalize import fold
from marsad.text.numbers import NumberReader, number_reader
from marsad.text.tokenize import LEFT, PROCLITIC_PREFIX, RIGHT, WORD_CHARS

RULES_FILE = "rules/times.toml"
STAGE = "times"
# How far (characters) around an expression we look for a word that sets its tense.
TENSE_WINDOW = 160
# A bare weekday in news is nearly always the past few days; only a tense word close by (the verb it
# belongs to) turns it to the coming week.
WEEKDAY_TENSE_WINDOW = 40
# Part-of-period windows: early/mid/late thirds of a year (by month) and of a month (by day).
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
UNIT_NAMES = {"H": "hour", "MIN": "minute", "D": "day", "W": "week", "M": "month", "Y": "year",
              "DE": "decade", "CE": "century"}
WITHIN_PREPS = {"في غضون", "بغضون", "غضون", "خلال", "في مده", "مهله", "في"}
DURATION_PREPS = {"لمده", "مده", "طيله", "طوال", "علي مدي", "علي مدار"}
APPROXIMATORS = ["نحو", "حوالي", "قرابه", "زهاء", "ما يقارب", "ما يزيد علي", "ما يزيد عن", "اكثر من",
                 "اقل من", "اكثر من", "ما لا يقل عن", "قرابه"]


@dataclass(frozen=True, slots=True)
class Resolved:
    type: TimeType
    value: str
    earliest: date | None = None
    latest: date | None = None
    direction: str | None = None
    gloss: str = ""
    anchored: bool = True


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    resolver: str
    priority: int
    regex: re.Pattern[str]
    examples: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Context:
    """What a resolver may look at: the dateline, the view, where the match is, the lexicons."""

    anchor: date | None
    view: TextView
    start: int
    end: int
    words: TimeWords
    numbers: NumberReader
    tense: Callable[[int, int, int], str | None]


Resolver = Callable[[dict[str, str], Context], Resolved | None]


def _g(groups: dict[str, str], *names: str) -> str:
    for name in names:
        value = groups.get(name)
        if value:
            return value
    return ""


def _norm_space(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip())


class TimeTagger:
    name = STAGE
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("times",)

    def __init__(self, rules: list[Rule], words: TimeWords, numbers: NumberReader) -> None:
        self.rules = rules
        self.words = words
        self.numbers = numbers
        # The future prefix سـ on a present-tense verb: سيفعل، ستفعل، سنفعل (first person سأ is rare in news
        # and collides with too many nouns: سابق، ساعة).
        self._future_prefix = re.compile(rf"(?<![{WORD_CHARS}])[وف]?س[يتن][{WORD_CHARS}]{{2,}}")
        markers = alternation(list(words.tense_markers))
        self._markers = re.compile(rf"(?<![{WORD_CHARS}]){PROCLITIC_PREFIX}({markers})(?![{WORD_CHARS}])")

    @classmethod
    def from_resources(cls) -> TimeTagger:
        words = time_words()
        numbers = number_reader()
        return cls(load_rules(words, numbers), words, numbers)

    # ---- running ----

    def annotate(self, analysis: Analysis, view: TextView) -> dict[str, tuple[Any, ...]]:
        anchor = analysis.document.dateline
        text = view.text
        candidates: list[tuple[int, int, int, Rule, Resolved]] = []
        tense_cache: dict[tuple[int, int, int], str | None] = {}

        def tense(start: int, end: int, window: int = TENSE_WINDOW) -> str | None:
            key = (start, end, window)
            if key not in tense_cache:
                tense_cache[key] = self._tense_near(view, start, end, window)
            return tense_cache[key]

        for rule in self.rules:
            for m in rule.regex.finditer(text):
                start, end = m.span()
                start, end = _trim(text, start, end)
                if end <= start:
                    continue
                groups = {k: v for k, v in m.groupdict().items() if v}
                ctx = Context(anchor, view, start, end, self.words, self.numbers, tense)
                resolved = RESOLVERS[rule.resolver](groups, ctx)
                if resolved is not None:
                    candidates.append((start, end, rule.priority, rule, resolved))
        # Longest match wins; among equal lengths, the higher priority, then the earlier start.
        candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
        taken: list[tuple[int, int]] = []
        out: list[TimeExpression] = []
        for start, end, _prio, rule, res in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            out.append(
                TimeExpression(
                    span=view.raw_span(start, end),
                    type=res.type,
                    value=res.value,
                    earliest=res.earliest,
                    latest=res.latest,
                    provenance=Provenance(STAGE, rule.id, self.words.version),
                    anchored=res.anchored,
                    direction=res.direction,
                    gloss=res.gloss,
                )
            )
        out.sort(key=lambda t: t.span.start)
        return {"times": tuple(out)}

    def _tense_near(self, view: TextView, start: int, end: int, window: int) -> str | None:
        """'future' or 'past' from the nearest tense word in the same sentence, else None."""
        sentence = view.sentence_of(start)
        lo = max(sentence.start, start - window)
        hi = min(sentence.end, end + window)
        text = view.text
        best: tuple[int, str] | None = None
        for m in self._markers.finditer(text, lo, hi):
            if start <= m.start() < end:
                continue
            dist = abs(m.start() - start) if m.start() < start else m.start() - end
            direction = self.words.tense_markers[m.group(1)]
            if best is None or dist < best[0]:
                best = (dist, direction)
        for m in self._future_prefix.finditer(text, lo, hi):
            word = m.group()
            bare = word[1:] if word[0] in "وف" else word
            if bare in self.words.future_exceptions or start <= m.start() < end:
                continue
            if bare.startswith(self.words.future_exception_prefixes):
                continue
            if bare[1:] in self.words.tense_markers or bare in self.words.units:
                continue
            dist = abs(m.start() - start) if m.start() < start else m.start() - end
            if best is None or dist < best[0]:
                best = (dist, "future")
        return best[1] if best else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---- loading rules ----

def placeholders(words: TimeWords, numbers: NumberReader) -> dict[str, str]:
    greg = [f for f, m in words.months.items() if m.calendar == "gregorian"]
    hijri = [f for f, m in words.months.items() if m.calendar == "hijri"]
    return {
        "L": LEFT,
        "R": RIGHT,
        "P": PROCLITIC_PREFIX,
        "PA": r"(?:[وف]?[بلك]?ال|[وف]?لل)",
        "NUM": f"(?:{numbers.pattern})",
        "NUMI": numbers.pattern.removeprefix(LEFT),  # no left boundary: و5 in بين 3 و5
        "NUMW": numbers.word_pattern,
        "UNIT": alternation(words.unit_forms("1")),
        "UNIT2": alternation(words.unit_forms("2")),
        "UNITN": alternation(words.unit_forms("n")),
        "MONTH": alternation(greg),
        "HMONTH": alternation(hijri),
        "WD": alternation(list(words.weekdays)),
        "MOD": alternation(list(words.modifiers)),
        "PART": alternation(list(words.parts)),
        "DAYPART": alternation(list(words.day_parts)),
        "VAGUE": alternation(list(words.vague)),
        "SETW": alternation(list(words.sets)),
        "HOLIDAY": alternation(list(words.holidays)),
        "DECADE": alternation(list(words.decades)),
        "ORD": f"(?:{numbers.ordinal_pattern})",
        "YEAR": r"(?:1[5-9][0-9]{2}|20[0-9]{2})",
        "HYEAR": r"(?:1[34][0-9]{2})",
        "APPROX": alternation(APPROXIMATORS),
    }


_PLACEHOLDER_RE = re.compile(r"%([A-Z0-9]+)%")


def load_rules(words: TimeWords, numbers: NumberReader) -> list[Rule]:
    try:
        spec = tomllib.loads(data_bytes(RULES_FILE).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{RULES_FILE}: cannot be parsed ({exc})") from exc
    fills = placeholders(words, numbers)
    rules: list[Rule] = []
    for entry in spec.get("rule", []):
        rule_id = entry.get("id", "?")
        if entry.get("resolver") not in RESOLVERS:
            raise ResourceError(f"{RULES_FILE}: rule {rule_id} names unknown resolver {entry.get('resolver')!r}")

        def fill(m: re.Match[str], rule_id: str = rule_id) -> str:
            if m.group(1) not in fills:
                raise ResourceError(f"{RULES_FILE}: rule {rule_id} uses unknown placeholder %{m.group(1)}%")
            return fills[m.group(1)]

        pattern = _PLACEHOLDER_RE.sub(fill, fold(entry["pattern"].strip()))
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise ResourceError(f"{RULES_FILE}: rule {rule_id} has a bad pattern ({exc})") from exc
        examples = tuple(tuple(str(x) for x in ex) for ex in entry.get("examples", []))
        rules.append(Rule(rule_id, entry["resolver"], int(entry.get("priority", 5)), regex, examples))
    return rules


# ---- resolvers ----

def _month(ctx: Context, form: str) -> int | None:
    m = ctx.words.months.get(_norm_space(form))
    return m.number if m else None


def _day(groups: dict[str, str], ctx: Context) -> int | None:
    if groups.get("d"):
        return int(groups["d"])
    if groups.get("ord"):
        return ctx.numbers.ordinal_value(groups["ord"])
    return None


def _date(d: date, gloss: str = "") -> Resolved:
    return Resolved(TimeType.DATE, d.isoformat(), d, d, gloss=gloss or d.isoformat())


def _unanchored(type_: TimeType, value: str, direction: str | None, gloss: str) -> Resolved:
    return Resolved(type_, value, None, None, direction, gloss, anchored=False)


def resolve_numeric_date(groups: dict[str, str], ctx: Context) -> Resolved | None:
    d = cal.safe_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    return _date(d) if d else None


def resolve_day_month(groups: dict[str, str], ctx: Context) -> Resolved | None:
    month = _month(ctx, groups["mon"])
    day = _day(groups, ctx)
    if month is None or day is None or not 1 <= day <= 31:
        return None
    if groups.get("y"):
        d = cal.safe_date(int(groups["y"]), month, day)
        return _date(d) if d else None
    if ctx.anchor is None:
        return _unanchored(TimeType.DATE, f"XXXX-{month:02d}-{day:02d}", None, f"{day} {_MONTH_EN[month]}")
    direction = _month_direction(groups, ctx)
    if direction in ("last_year", "next_year"):
        d = cal.safe_date(ctx.anchor.year + (-1 if direction == "last_year" else 1), month, day)
    else:
        d = _year_of_day(month, day, ctx.anchor, direction)
    return _date(d) if d else None


def resolve_month_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    form = _g(groups, "mon", "mona")
    month = _month(ctx, form)
    if month is None:
        return None
    direction = _month_direction(groups, ctx)
    if groups.get("y"):
        year = int(groups["y"])
    elif ctx.anchor is not None and direction in ("last_year", "next_year"):
        year = ctx.anchor.year + (-1 if direction == "last_year" else 1)
    elif ctx.anchor is not None:
        year = _year_of_month(month, ctx.anchor, direction)
    else:
        return _unanchored(TimeType.DATE, f"XXXX-{month:02d}", direction, _MONTH_EN[month])
    lo, hi = cal.month_bounds(year, month)
    return Resolved(TimeType.DATE, f"{year}-{month:02d}", lo, hi, gloss=f"{_MONTH_EN[month]} {year}")


def _year_of_month(month: int, anchor: date, direction: str | None) -> int:
    """The year of a month named without one: the coming one (المقبل, or a future verb), the last
    one (الماضي), the current one (الجاري); news otherwise reports the past, so the latest month
    that has begun by the dateline."""
    if direction == "future":
        return anchor.year if month > anchor.month else anchor.year + 1
    if direction == "past":
        return anchor.year if month < anchor.month else anchor.year - 1
    if direction == "present":
        return anchor.year
    return anchor.year if month <= anchor.month else anchor.year - 1


# A day-month date up to this many days after the dateline is read in the dateline's year even
# without a future verb (announced schedules); later than that, it is last year's.
DAY_MONTH_AHEAD_DAYS = 31


def _year_of_day(month: int, day: int, anchor: date, direction: str | None) -> date | None:
    if direction == "present":
        return cal.safe_date(anchor.year, month, day)
    this_year = cal.safe_date(anchor.year, month, day)
    if this_year is None:
        return cal.nearest_year_for(month, day, anchor)
    if direction == "future":
        return this_year if this_year >= anchor else cal.safe_date(anchor.year + 1, month, day)
    if direction == "past":
        return this_year if this_year <= anchor else cal.safe_date(anchor.year - 1, month, day)
    if (this_year - anchor).days > DAY_MONTH_AHEAD_DAYS:
        return cal.safe_date(anchor.year - 1, month, day)
    if (anchor - this_year).days > 366 - DAY_MONTH_AHEAD_DAYS:
        return cal.safe_date(anchor.year + 1, month, day)
    return this_year


def _month_direction(groups: dict[str, str], ctx: Context) -> str | None:
    """Where a month name without a year points: its modifier, 'من العام الماضي', or the verb."""
    if groups.get("ymod"):
        year_dir = ctx.words.modifiers.get(groups["ymod"])
        return {"past": "last_year", "future": "next_year", "present": "present"}.get(year_dir or "")
    explicit = ctx.words.modifiers.get(_g(groups, "mod", "mod2"))
    if explicit:
        return explicit
    return "future" if ctx.tense(ctx.start, ctx.end, WEEKDAY_TENSE_WINDOW) == "future" else None


def resolve_hijri_date(groups: dict[str, str], ctx: Context) -> Resolved | None:
    month = _month(ctx, groups["hmon"])
    day = _day(groups, ctx)
    if month is None or day is None or not 1 <= day <= 30:
        return None
    if groups.get("hy"):
        year = int(groups["hy"])
    elif ctx.anchor is not None:
        hy = cal.hijri_year_of(ctx.anchor)
        if hy is None:
            return None
        options = [(y, cal.hijri_to_gregorian(y, month, day)) for y in (hy - 1, hy, hy + 1)]
        dated = [(y, d) for y, d in options if d is not None]
        if not dated:
            return None
        year = min(dated, key=lambda yd: abs((yd[1] - ctx.anchor).days) if ctx.anchor else 0)[0]
    else:
        return _unanchored(TimeType.DATE, f"XXXX-{month:02d}-{day:02d}", None, f"{day} {_HIJRI_EN[month]} AH")
    g = cal.hijri_to_gregorian(year, month, day)
    if g is None:
        return None
    return Resolved(TimeType.DATE, f"{year}-{month:02d}-{day:02d}", g, g,
                    gloss=f"{day} {_HIJRI_EN[month]} {year} AH = {g.isoformat()}")


def resolve_hijri_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    year = int(groups["hy"])
    first = cal.hijri_month_bounds(year, 1)
    last = cal.hijri_month_bounds(year, 12)
    if first is None or last is None:
        return None
    return Resolved(TimeType.DATE, str(year), first[0], last[1],
                    gloss=f"{year} AH = {first[0].isoformat()}..{last[1].isoformat()}")


def resolve_hijri_month(groups: dict[str, str], ctx: Context) -> Resolved | None:
    month = _month(ctx, groups["hmon"])
    if month is None:
        return None
    if ctx.anchor is None:
        return _unanchored(TimeType.DATE, f"XXXX-{month:02d}", None, f"{_HIJRI_EN[month]} (Hijri)")
    hy = cal.hijri_year_of(ctx.anchor)
    if hy is None:
        return None
    direction = ctx.words.modifiers.get(groups.get("mod", ""))
    options = []
    for y in (hy - 1, hy, hy + 1):
        b = cal.hijri_month_bounds(y, month)
        if b is not None:
            options.append((y, b))
    if not options:
        return None
    if direction == "future":
        options = [o for o in options if o[1][0] > ctx.anchor] or options
        year, (lo, hi) = options[0]
    elif direction == "past":
        options = [o for o in options if o[1][1] < ctx.anchor] or options
        year, (lo, hi) = options[-1]
    else:
        year, (lo, hi) = min(options, key=lambda o: abs((o[1][0] - ctx.anchor).days) if ctx.anchor else 0)
    return Resolved(TimeType.DATE, f"{year}-{month:02d}", lo, hi,
                    gloss=f"{_HIJRI_EN[month]} {year} AH = {lo.isoformat()}..{hi.isoformat()}")


def _year(year: int, gloss: str = "") -> Resolved:
    lo, hi = cal.year_bounds(year)
    return Resolved(TimeType.DATE, str(year), lo, hi, gloss=gloss or str(year))


def resolve_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    return _year(int(groups["y"]))


# A bare four-digit number is a year when a time word or preposition stands before it, or nothing
# (punctuation, the end) follows it; otherwise it is more likely an amount (2000 جندي).
_YEAR_LEAD_WORDS = frozenset(fold(w) for w in (
    "في", "منذ", "حتى", "قبل", "بعد", "خلال", "بحلول", "مطلع", "نهاية", "أواخر", "أوائل", "منتصف", "عام", "سنة",
    "انتخابات", "حرب", "موسم", "ميزانية", "دستور", "أحداث", "ثورة", "مونديال", "كأس", "بطولة", "صيف", "شتاء",
    "ربيع", "خريف", "لعام", "بين", "و",
))


def resolve_bare_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    text = ctx.view.text
    before = re.findall(rf"[{WORD_CHARS}]+", text[max(0, ctx.start - 20) : ctx.start])
    after = text[ctx.end : ctx.end + 3].lstrip(" ")
    lead = before[-1] if before else ""
    if lead in _YEAR_LEAD_WORDS or (lead[:1] in "وفبل" and lead[1:] in _YEAR_LEAD_WORDS):
        return _year(int(groups["y"]))
    if not after or after[0] in "،,.؛;:)»\"'\n-–" or text[ctx.start - 1 : ctx.start] == "(":
        return _year(int(groups["y"]))
    return None


def resolve_since_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    year = int(groups["y"])
    month = _month(ctx, groups["mon"]) if groups.get("mon") else None
    start = date(year, month or 1, 1)
    value = f"{year}-{month:02d}" if month else str(year)
    if ctx.anchor is None:
        return Resolved(TimeType.DATE, value, start, None, "past", f"since {value}")
    if start > ctx.anchor:
        return None
    return Resolved(TimeType.DATE, value, start, ctx.anchor, "past", f"since {value} (to {ctx.anchor.isoformat()})")


def resolve_year_range(groups: dict[str, str], ctx: Context) -> Resolved | None:
    first, last = int(groups["y"]), int(groups["y2"])
    if last <= first:
        return None
    return Resolved(TimeType.DATE, f"{first}/{last}", date(first, 1, 1), date(last, 12, 31),
                    gloss=f"{first} to {last}")


def resolve_by_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    year = int(groups["y"])
    return Resolved(TimeType.DATE, str(year), None, date(year, 12, 31), None, f"by the end of {year}")


def resolve_decade(groups: dict[str, str], ctx: Context) -> Resolved | None:
    digit = ctx.words.decades.get(groups["dec"])
    if digit is None:
        return None
    start = 1900 + 10 * digit
    return Resolved(TimeType.DATE, str(start)[:3], date(start, 1, 1), date(start + 9, 12, 31),
                    gloss=f"the {start}s")


def resolve_century(groups: dict[str, str], ctx: Context) -> Resolved | None:
    number: int | None = None
    if groups.get("cnum"):
        number = int(groups["cnum"])
    elif groups.get("cord"):
        number = ctx.numbers.ordinal_value(groups["cord"])
    elif groups.get("cmod"):
        if ctx.anchor is None:
            return None
        current = (ctx.anchor.year - 1) // 100 + 1
        number = current - 1 if ctx.words.modifiers.get(groups["cmod"]) == "past" else current
    if not number or not 1 <= number <= 30:
        return None
    first = (number - 1) * 100
    return Resolved(TimeType.DATE, f"{first // 100:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31),
                    gloss=f"century {number}")


def resolve_weekday(groups: dict[str, str], ctx: Context) -> Resolved | None:
    weekday = ctx.words.weekdays.get(groups["wd"])
    if weekday is None:
        return None
    direction = ctx.words.modifiers.get(groups.get("mod", "")) or ctx.tense(ctx.start, ctx.end, WEEKDAY_TENSE_WINDOW)
    direction = direction or "past"
    part = ctx.words.day_parts.get(groups.get("dp", ""), "")
    if ctx.anchor is None:
        return _unanchored(TimeType.TIME if part else TimeType.DATE, f"XXXX-WXX-{weekday}", direction,
                           _WEEKDAY_EN[weekday])
    delta = weekday - ctx.anchor.isoweekday()
    if direction == "future":
        delta = delta % 7 if not groups.get("mod") else (delta % 7 or 7)
    elif direction == "past" and groups.get("mod"):
        delta = -((-delta) % 7 or 7)
    else:
        delta = -((-delta) % 7)
    d = ctx.anchor + timedelta(days=delta)
    if part:
        return Resolved(TimeType.TIME, f"{d.isoformat()}T{part}", d, d, direction,
                        f"{_WEEKDAY_EN[weekday]} {d.isoformat()} ({_PART_EN[part]})")
    return Resolved(TimeType.DATE, d.isoformat(), d, d, direction, f"{_WEEKDAY_EN[weekday]} {d.isoformat()}")


_DEICTIC = {"امس": -1, "البارحه": -1, "اول امس": -2, "اول من امس": -2, "اليوم": 0, "الليله": 0,
            "غدا": 1, "بعد غد": 2}


def resolve_deictic_day(groups: dict[str, str], ctx: Context) -> Resolved | None:
    offset = _DEICTIC.get(_norm_space(groups["word"]))
    if offset is None:
        return None
    part = ctx.words.day_parts.get(groups.get("dp", ""), "")
    if groups["word"] == "الليله":
        part = "NI"
    direction = "past" if offset < 0 else "future" if offset > 0 else None
    if ctx.anchor is None:
        return _unanchored(TimeType.DATE, "PRESENT_REF" if offset == 0 else f"DCT{offset:+d}D", direction,
                           "the dateline" if offset == 0 else f"{offset:+d} day(s) from the dateline")
    d = ctx.anchor + timedelta(days=offset)
    if part:
        gloss = f"{d.isoformat()} ({_PART_EN[part]})"
        return Resolved(TimeType.TIME, f"{d.isoformat()}T{part}", d, d, direction, gloss)
    return Resolved(TimeType.DATE, d.isoformat(), d, d, direction, d.isoformat())


def _period(unit: str, anchor: date, steps: int) -> tuple[str, date, date] | None:
    """The calendar period of `unit` `steps` away from the one holding the anchor."""
    if unit == "D":
        d = anchor + timedelta(days=steps)
        return d.isoformat(), d, d
    if unit == "W":
        d = anchor + timedelta(weeks=steps)
        lo, hi = cal.iso_week_bounds(d)
        return cal.iso_week_value(d), lo, hi
    if unit == "M":
        d = cal.shift(anchor.replace(day=1), "M", steps)
        lo, hi = cal.month_bounds(d.year, d.month)
        return f"{d.year}-{d.month:02d}", lo, hi
    if unit == "Y":
        y = anchor.year + steps
        lo, hi = cal.year_bounds(y)
        return str(y), lo, hi
    if unit == "DE":
        start = (anchor.year // 10 + steps) * 10
        return str(start)[:3], date(start, 1, 1), date(start + 9, 12, 31)
    if unit == "CE":
        start = (anchor.year // 100 + steps) * 100
        return str(start)[:2], date(start, 1, 1), date(start + 99, 12, 31)
    return None


_STEPS = {"past": -1, "future": 1, "present": 0}


def resolve_relative_unit(groups: dict[str, str], ctx: Context) -> Resolved | None:
    unit_form = _g(groups, "unit", "unit2")
    unit = ctx.words.units.get(unit_form)
    if unit is None or unit.code in ("H", "MIN"):
        return None
    direction = "present" if groups.get("this") else ctx.words.modifiers.get(groups.get("mod", ""))
    if direction is None:
        return None
    steps = _STEPS[direction]
    name = UNIT_NAMES[unit.code]
    gloss_word = {"past": "last", "future": "next", "present": "this"}[direction]
    if ctx.anchor is None:
        return _unanchored(TimeType.DATE, f"DCT{steps:+d}{unit.code}" if steps else f"DCT/{unit.code}",
                           None if direction == "present" else direction, f"{gloss_word} {name}")
    period = _period(unit.code, ctx.anchor, steps)
    if period is None:
        return None
    value, lo, hi = period
    return Resolved(TimeType.DATE, value, lo, hi, None if direction == "present" else direction,
                    f"{gloss_word} {name}: {lo.isoformat()}..{hi.isoformat()}")


def _duration_value(n: float, unit: str) -> str:
    amount = str(int(n)) if float(n).is_integer() else f"{n:g}"
    if unit in ("H", "MIN"):
        return f"PT{amount}{'H' if unit == 'H' else 'M'}"
    if unit == "DE":
        return f"P{int(n * 10) if float(n * 10).is_integer() else n * 10}Y"
    if unit == "CE":
        return f"P{int(n * 100)}Y"
    return f"P{amount}{unit}"


def _count(groups: dict[str, str], ctx: Context, unit_form: str, *num_groups: str) -> float | None:
    unit = ctx.words.units[unit_form]
    if unit.count == "2":
        return 2.0
    phrase = _g(groups, *num_groups)
    if phrase:  # الخمسة والأربعين: number words may carry the article
        return ctx.numbers.value(_ARTICLE_IN_NUMBER.sub(r"\1", phrase))
    if unit.count == "1":
        return 1.0
    return None


_ARTICLE_IN_NUMBER = re.compile(r"(^|\s|و)ال")


def _span_bounds(anchor: date, unit: str, n: float, direction: str) -> tuple[date, date]:
    if direction == "past":
        return cal.shift(anchor, unit, -n), anchor
    return anchor, cal.shift(anchor, unit, n)


def resolve_relative_span(groups: dict[str, str], ctx: Context) -> Resolved | None:
    unit_form = _g(groups, "unit", "unit3", "unit4")
    unit = ctx.words.units.get(unit_form)
    direction = ctx.words.modifiers.get(groups.get("mod", ""))
    if unit is None or direction is None or direction == "present":
        return None
    n = _count(groups, ctx, unit_form, "n", "n2", "n3")
    name = UNIT_NAMES[unit.code]
    if n is None:  # الأيام المقبلة، السنوات الماضية
        value = "FUTURE_REF" if direction == "future" else "PAST_REF"
        return Resolved(TimeType.DATE, value, None, None, direction, f"the {direction} {name}s (vague)")
    value = _duration_value(n, unit.code)
    if ctx.anchor is None:
        return _unanchored(TimeType.DURATION, value, direction, f"the {direction} {n:g} {name}(s)")
    lo, hi = _span_bounds(ctx.anchor, unit.code, n, direction)
    which = "last" if direction == "past" else "next"
    return Resolved(TimeType.DURATION, value, lo, hi, direction,
                    f"{which} {n:g} {name}(s): {lo.isoformat()}..{hi.isoformat()}")


def _within(value: str, n_lo: float, n_hi: float, unit: str, prep: str, ctx: Context,
            label: str) -> Resolved:
    """A duration after a preposition: a deadline, an interval since, a point before or after."""
    direction = ctx.tense(ctx.start, ctx.end, TENSE_WINDOW)
    if prep in ("في غضون", "بغضون", "غضون", "مهله") and direction != "past":
        direction = "future"
    if prep == "منذ":
        if ctx.anchor is None:
            return _unanchored(TimeType.DURATION, value, "past", f"for the last {label}")
        lo = cal.shift(ctx.anchor, unit, -n_hi)
        return Resolved(TimeType.DURATION, value, lo, ctx.anchor, "past",
                        f"since {lo.isoformat()} ({label} ago)")
    if prep in ("قبل", "بعد") and n_lo == n_hi and unit not in ("H", "MIN"):
        sign = -1 if prep == "قبل" else 1
        if _EVENT_RELATIVE.match(ctx.view.text, ctx.end) or (prep == "بعد" and direction != "future"):
            # بعد ثلاثة أيام من الهجوم: counted from an event, not from the dateline
            return Resolved(TimeType.DURATION, value, None, None, None, f"{label} later")
        if ctx.anchor is None:
            return _unanchored(TimeType.DATE, f"DCT{'-' if sign < 0 else '+'}{value}", "past" if sign < 0 else "future",
                               f"{label} {'ago' if sign < 0 else 'from the dateline'}")
        d = cal.shift(ctx.anchor, unit, sign * n_lo)
        return Resolved(TimeType.DATE, d.isoformat() if unit == "D" or unit == "W" else _coarse(d, unit), d, d,
                        "past" if sign < 0 else "future", f"{label} {'ago' if sign < 0 else 'later'}: {d.isoformat()}")
    if prep in WITHIN_PREPS and direction == "future":
        if ctx.anchor is None:
            return _unanchored(TimeType.DURATION, value, "future", f"within {label}")
        lo = cal.shift(ctx.anchor, unit, n_lo) if n_lo != n_hi else ctx.anchor
        hi = cal.shift(ctx.anchor, unit, n_hi)
        return Resolved(TimeType.DURATION, value, lo, hi, "future",
                        f"within {label}: by {hi.isoformat()}" if n_lo == n_hi
                        else f"in {label}: {lo.isoformat()}..{hi.isoformat()}")
    return Resolved(TimeType.DURATION, value, None, None, direction, label)


_EVENT_RELATIVE = re.compile(r"\s+(?:واحده?\s+)?(?:من|علي)(?![" + WORD_CHARS + "])")


def _coarse(d: date, unit: str) -> str:
    if unit == "M":
        return f"{d.year}-{d.month:02d}"
    if unit in ("Y", "DE", "CE"):
        return str(d.year)
    return d.isoformat()


def resolve_duration(groups: dict[str, str], ctx: Context) -> Resolved | None:
    unit_form = _norm_space(groups["unit"])
    unit = ctx.words.units.get(unit_form)
    if unit is None:
        return None
    n = _count(groups, ctx, unit_form, "n")
    if groups.get("n") and unit.count == "2":
        return None  # "ثلاثة يومين" is not a duration
    if n is None or n <= 0:
        return None
    if groups.get("half"):
        n += 0.5
    if unit.count == "n" and not groups.get("n"):
        return None
    value = _duration_value(n, unit.code)
    label = f"{n:g} {UNIT_NAMES[unit.code]}{'s' if n != 1 else ''}"
    prep = _norm_space(groups.get("prep", "")).removesuffix(" مرور")
    return _within(value, n, n, unit.code, prep, ctx, label)


def resolve_duration_range(groups: dict[str, str], ctx: Context) -> Resolved | None:
    unit = ctx.words.units.get(_norm_space(groups.get("unit", "")))
    if groups.get("u1"):  # من أسبوعين إلى أربعة أسابيع: the left side is a unit word, 1 or 2 of it
        left = ctx.words.units.get(groups["u1"])
        lo_n: float | None = 2.0 if left and left.count == "2" else 1.0
        if unit is None and groups.get("unit2"):
            unit = ctx.words.units.get(groups["unit2"])
        hi_n = ctx.numbers.value(groups["n2"]) if groups.get("n2") else 2.0
        if left is None or unit is None or left.code != unit.code:
            return None
    else:
        lo_n = ctx.numbers.value(groups["n1"])
        hi_n = ctx.numbers.value(groups["n2"])
    if unit is None or lo_n is None or hi_n is None or not 0 < lo_n < hi_n:
        return None
    value = f"{_duration_value(lo_n, unit.code)}/{_duration_value(hi_n, unit.code)}"
    label = f"{lo_n:g} to {hi_n:g} {UNIT_NAMES[unit.code]}s"
    prep = _norm_space(groups.get("prep", "")) or "خلال"
    return _within(value, lo_n, hi_n, unit.code, prep, ctx, label)


def resolve_vague_duration(groups: dict[str, str], ctx: Context) -> Resolved | None:
    unit = ctx.words.units.get(groups["unit"])
    if unit is None or unit.count != "n":
        return None
    code = "T" + unit.code[0] if unit.code in ("H", "MIN") else unit.code[0]
    return Resolved(TimeType.DURATION, f"PX{code}" if len(code) == 1 else f"PTX{unit.code[0]}", None, None, None,
                    f"some {UNIT_NAMES[unit.code]}s")


def _part_bounds(part: str, year: int, month: int | None = None) -> tuple[date, date]:
    if month is None:
        a, b = YEAR_PARTS[part]
        return date(year, a, 1), cal.month_end(year, b)
    a, b = MONTH_PARTS[part]
    end = cal.month_end(year, month)
    return date(year, month, a), min(end, date(year, month, min(b, end.day)))


def _with_prep(res: Resolved, prep: str, ctx: Context) -> Resolved:
    """حتى نهاية العام: from the dateline to the end; منذ مطلع العام: from the start to the dateline."""
    if prep in ("حتي", "بحلول", "قبل"):
        lo = ctx.anchor if ctx.anchor and res.latest and ctx.anchor <= res.latest else None
        return Resolved(res.type, res.value, lo, res.latest, "future", f"until {res.latest}")
    if prep == "منذ":
        return Resolved(res.type, res.value, res.earliest, ctx.anchor or res.latest, "past", f"since {res.earliest}")
    return res


def resolve_part_of_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    part = ctx.words.parts.get(groups["part"])
    if part is None:
        return None
    year = int(groups["y"])
    lo, hi = _part_bounds(part, year)
    res = Resolved(TimeType.DATE, str(year), lo, hi, gloss=f"{part} {year}: {lo.isoformat()}..{hi.isoformat()}")
    return _with_prep(res, _norm_space(groups.get("prep", "")), ctx)


def resolve_part_of_month(groups: dict[str, str], ctx: Context) -> Resolved | None:
    part = ctx.words.parts.get(groups["part"])
    month = _month(ctx, groups["mon"])
    if part is None or month is None:
        return None
    if groups.get("y"):
        year = int(groups["y"])
    elif ctx.anchor is not None:
        d = cal.nearest_year_for(month, 15, ctx.anchor)
        if d is None:
            return None
        year = d.year
    else:
        return _unanchored(TimeType.DATE, f"XXXX-{month:02d}", None, f"{part} {_MONTH_EN[month]}")
    lo, hi = _part_bounds(part, year, month)
    res = Resolved(TimeType.DATE, f"{year}-{month:02d}", lo, hi,
                   gloss=f"{part} {_MONTH_EN[month]} {year}: {lo.isoformat()}..{hi.isoformat()}")
    return _with_prep(res, _norm_space(groups.get("prep", "")), ctx)


def resolve_part_of_relative(groups: dict[str, str], ctx: Context) -> Resolved | None:
    part = ctx.words.parts.get(groups["part"])
    unit = ctx.words.units.get(groups["unit"])
    if part is None or unit is None:
        return None
    direction = ctx.words.modifiers.get(groups.get("mod", ""), "present")
    if ctx.anchor is None:
        return _unanchored(TimeType.DATE, f"DCT/{unit.code}", None, f"{part} of the {UNIT_NAMES[unit.code]}")
    period = _period(unit.code, ctx.anchor, _STEPS[direction])
    if period is None:
        return None
    value, lo, hi = period
    if unit.code == "Y":
        lo, hi = _part_bounds(part, lo.year)
    elif unit.code == "M":
        lo, hi = _part_bounds(part, lo.year, lo.month)
    res = Resolved(TimeType.DATE, value, lo, hi, None if direction == "present" else direction,
                   f"{part} {value}: {lo.isoformat()}..{hi.isoformat()}")
    return _with_prep(res, _norm_space(groups.get("prep", "")), ctx)


def resolve_half_of_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    half = 1 if groups["half"] == "الاول" else 2
    if groups.get("y") or groups.get("y2"):
        year = int(_g(groups, "y", "y2"))
    elif ctx.anchor is not None:
        year = ctx.anchor.year + _STEPS[ctx.words.modifiers.get(groups.get("mod", ""), "present")]
    else:
        return _unanchored(TimeType.DATE, f"XXXX-H{half}", None, f"H{half}")
    lo = date(year, 1 if half == 1 else 7, 1)
    hi = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return Resolved(TimeType.DATE, f"{year}-H{half}", lo, hi, gloss=f"H{half} {year}")


def resolve_earlier_in_period(groups: dict[str, str], ctx: Context) -> Resolved | None:
    unit = ctx.words.units.get(groups["unit"])
    if unit is None:
        return None
    later = groups["which"] == "لاحق"
    if ctx.anchor is None:
        return _unanchored(TimeType.DATE, "FUTURE_REF" if later else "PAST_REF", None, "")
    period = _period(unit.code, ctx.anchor, 0)
    if period is None:
        return None
    value, lo, hi = period
    if later:
        return Resolved(TimeType.DATE, value, ctx.anchor, hi, "future", f"later this {UNIT_NAMES[unit.code]}")
    return Resolved(TimeType.DATE, value, lo, ctx.anchor, "past", f"earlier this {UNIT_NAMES[unit.code]}")


def resolve_vague(groups: dict[str, str], ctx: Context) -> Resolved | None:
    value = ctx.words.vague.get(_norm_space(groups["word"]))
    if value is None:
        return None
    return Resolved(TimeType.DATE, value, None, None, None, value.lower().replace("_ref", ""))


def resolve_set_adverb(groups: dict[str, str], ctx: Context) -> Resolved | None:
    value = ctx.words.sets.get(groups["word"])
    return Resolved(TimeType.SET, value, None, None, None, f"every {value}") if value else None


def resolve_set_every(groups: dict[str, str], ctx: Context) -> Resolved | None:
    if groups.get("wd"):
        weekday = ctx.words.weekdays.get(groups["wd"])
        if weekday is None:
            return None
        return Resolved(TimeType.SET, f"XXXX-WXX-{weekday}", None, None, None, f"every {_WEEKDAY_EN[weekday]}")
    unit_form = groups.get("unit", "")
    if unit_form not in ctx.words.units:
        return None
    n = _count(groups, ctx, unit_form, "n") or 1.0
    value = _duration_value(n, ctx.words.units[unit_form].code)
    return Resolved(TimeType.SET, value, None, None, None, f"every {value}")


def resolve_holiday(groups: dict[str, str], ctx: Context) -> Resolved | None:
    holiday = ctx.words.holidays.get(_norm_space(groups["hol"]))
    if holiday is None:
        return None
    if ctx.anchor is None:
        return _unanchored(TimeType.DATE, f"XXXX-{holiday.month:02d}-{holiday.day:02d}", None, "holiday")
    if holiday.calendar == "gregorian":
        d = cal.nearest_year_for(holiday.month, holiday.day, ctx.anchor)
    else:
        hy = cal.hijri_year_of(ctx.anchor)
        dates = [cal.hijri_to_gregorian(y, holiday.month, holiday.day) for y in (hy - 1, hy, hy + 1)] if hy else []
        known = [x for x in dates if x is not None]
        d = min(known, key=lambda x: abs((x - ctx.anchor).days) if ctx.anchor else 0) if known else None
    return _date(d) if d else None


_PM_WORDS = {"مساء", "عصرا", "ليلا", "بعد الظهر"}


def resolve_clock(groups: dict[str, str], ctx: Context) -> Resolved | None:
    hour = int(groups["h"])
    minute = int(groups.get("mi") or 0)
    ap = _norm_space(groups.get("ap", ""))
    if ap in _PM_WORDS and hour < 12:
        hour += 12
    if hour > 24:
        return None
    return Resolved(TimeType.TIME, f"XXXX-XX-XXT{hour:02d}:{minute:02d}", None, None, None,
                    f"{hour:02d}:{minute:02d}", anchored=True)


RESOLVERS: dict[str, Resolver] = {
    "numeric_date": resolve_numeric_date,
    "day_month": resolve_day_month,
    "month_year": resolve_month_year,
    "hijri_date": resolve_hijri_date,
    "hijri_year": resolve_hijri_year,
    "hijri_month": resolve_hijri_month,
    "year": resolve_year,
    "bare_year": resolve_bare_year,
    "since_year": resolve_since_year,
    "by_year": resolve_by_year,
    "year_range": resolve_year_range,
    "decade": resolve_decade,
    "century": resolve_century,
    "weekday": resolve_weekday,
    "deictic_day": resolve_deictic_day,
    "relative_unit": resolve_relative_unit,
    "relative_span": resolve_relative_span,
    "duration": resolve_duration,
    "duration_range": resolve_duration_range,
    "vague_duration": resolve_vague_duration,
    "part_of_year": resolve_part_of_year,
    "part_of_month": resolve_part_of_month,
    "part_of_relative": resolve_part_of_relative,
    "half_of_year": resolve_half_of_year,
    "earlier_in_period": resolve_earlier_in_period,
    "vague": resolve_vague,
    "set_adverb": resolve_set_adverb,
    "set_every": resolve_set_every,
    "holiday": resolve_holiday,
    "clock": resolve_clock,
}

_MONTH_EN = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
_HIJRI_EN = ["", "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhira",
             "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qada", "Dhu al-Hijja"]
_WEEKDAY_EN = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_PART_EN = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night"}
