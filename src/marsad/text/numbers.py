"""Read numbers written in digits, Arabic-Indic digits (already folded by the normalizer) and words.

Works on normalized text. `NumberReader.pattern` matches a number phrase; `NumberReader.value`
computes its value: ثلاثة آلاف -> 3000, خمسة وعشرون -> 25, مليون ونصف -> 1500000, 5 آلاف -> 5000,
خمسة عشر -> 15, مئتان -> 200.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.resources.lexicons import load_table
from marsad.text.normalize import fold
from marsad.text.tokenize import LEFT, RIGHT

NUMBER_WORDS = "lexicons/ar/number_words.tsv"
ORDINAL_WORDS = "lexicons/ar/ordinal_words.tsv"
# Digits, with thousands separators (5,700 / 5٬700 folded) and a decimal part (1.5 / 1٫5).
DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:[.,][0-9]+)?"


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: float
    kind: str


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


class NumberReader:
    """Recognizes number phrases and computes their values. Build once; it is immutable."""

    def __init__(self) -> None:
        table = load_table(NUMBER_WORDS)
        self.words: dict[str, NumberWord] = {}
        for row in table.rows:
            self.words[fold(row["form"])] = NumberWord(float(row["value"]), row["kind"])
        ordinals = load_table(ORDINAL_WORDS)
        self.ordinals: dict[str, int] = {fold(r["form"]): int(r["value"]) for r in ordinals.rows}
        word_alt = _alternation(list(self.words))
        self.word_pattern = rf"(?:{word_alt})"
        # Digits come first (optionally glued to a scale word: 5 آلاف); number words chain after them
        # with و (and) or a plain space (ثلاثة عشر، ثلاثة آلاف، خمسة وعشرون). No trailing boundary
        # after digits, so 30يوماً reads as 30 + يوماً.
        word_element = rf"(?:{word_alt}){RIGHT}"
        digit_element = rf"(?:{DIGITS})(?![0-9])(?:\s*(?:{word_alt}){RIGHT})?"
        # Digits may follow a letter directly (منذ16 عاما is a common typo), words may not.
        self.pattern = (
            rf"(?:(?<![0-9A-Za-z.,]){digit_element}|{LEFT}{word_element})(?:(?:\s+و\s*|\s+)(?:{word_element}))*"
        )
        self.regex = re.compile(self.pattern)
        ord_alt = _alternation(list(self.ordinals))
        tens = _alternation([f for f, w in self.words.items() if w.kind == "ten"])
        # Ordinals: السابع، الحادي عشر، الحادي والعشرين، العشرين (tens double as ordinals).
        self.ordinal_pattern = (
            rf"{LEFT}(?:ال)?(?:(?:{ord_alt})(?:\s+(?:عشر|عشره)|\s+و\s*(?:ال)?(?:{tens}))?|(?:ال)?(?:{tens})){RIGHT}"
        )
        self.ordinal_regex = re.compile(self.ordinal_pattern)

    def value(self, phrase: str) -> float | None:
        """Value of a normalized number phrase matched by `pattern`; None if it is not a number."""
        parts = re.findall(rf"{DIGITS}|[^\s0-9]+", phrase)
        total = 0.0
        current = 0.0
        have = False
        last_kind = ""
        last_scale = 0.0
        for part in parts:
            if part == "و":
                continue
            if part.startswith("و") and part[1:] in self.words and part not in self.words:
                part = part[1:]
            if part[0].isdigit():
                current += float(part.replace(",", "")) if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?",
                                                                     part) else float(part.replace(",", "."))
                have = True
                last_kind = "digits"
                continue
            word = self.words.get(part)
            if word is None:
                return None
            kind, v = word.kind, word.value
            if kind in ("unit", "unit_teen", "ten"):
                current += v
            elif kind == "teen":
                current += 10 if last_kind in ("unit", "unit_teen") else v
            elif kind == "hundred":
                current = current * 100 if last_kind in ("unit", "digits") and current else current + 100
            elif kind == "hundreds":
                current += v
            elif kind in ("scale", "scale_plural"):
                total += (current or 1.0) * v
                current = 0.0
                last_scale = v
            elif kind == "scale_dual":
                total += current + v
                current = 0.0
                last_scale = v / 2
            elif kind == "fraction":
                if last_kind in ("scale", "scale_plural", "scale_dual") and last_scale:
                    total += v * last_scale
                else:
                    current += v
            have = True
            last_kind = kind
        return total + current if have else None

    def ordinal_value(self, phrase: str) -> int | None:
        words = [w[2:] if w.startswith("ال") else w for w in re.findall(r"[^\s]+", phrase) if w != "و"]
        total = 0
        for w in words:
            w = w[1:] if w.startswith("و") and w[1:] and (w[1:] in self.words or w[1:].startswith("ال")) else w
            w = w[2:] if w.startswith("ال") else w
            if w in self.ordinals:
                total += self.ordinals[w]
            elif w in ("عشر", "عشره"):
                total += 10
            elif w in self.words and self.words[w].kind == "ten":
                total += int(self.words[w].value)
            else:
                return None
        return total or None


@cache
def number_reader() -> NumberReader:
    return NumberReader()
