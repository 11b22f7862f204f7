"""Read TSV lexicons from the package data, validate them, and cache them for the process.

A table is UTF-8 TSV: lines starting with '#' are comments, the first other line names the columns.
Every table is listed in data/MANIFEST.toml with its version, sha256, licence and source.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from marsad.errors import ResourceError
from marsad.text.normalize import TATWEEL

DATA_PACKAGE = "marsad"
MANIFEST = "MANIFEST.toml"
# Arabic presentation forms (A and B) must never appear in a lexicon: they do not match running text.
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# One character class for them: a per-character loop made loading the larger tables slow.
_PRESENTATION_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _PRESENTATION_FORMS) + "]")


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    version: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]

    def column(self, name: str) -> list[str]:
        return [row[name] for row in self.rows]


def data_bytes(relpath: str) -> bytes:
    node = resources.files(DATA_PACKAGE).joinpath("data", relpath)
    try:
        return node.read_bytes()
    except FileNotFoundError as exc:
        raise ResourceError(f"{relpath}: data file missing from the package; reinstall marsad") from exc


@cache
def manifest() -> dict[str, Any]:
    try:
        return tomllib.loads(data_bytes(MANIFEST).decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{MANIFEST}: not valid TOML ({exc})") from exc


def sha256_of(relpath: str) -> str:
    return hashlib.sha256(data_bytes(relpath)).hexdigest()


@cache
def load_table(relpath: str) -> Table:
    """Load and validate one TSV table, e.g. 'lexicons/ar/months.tsv'."""
    entry = manifest().get("files", {}).get(relpath)
    if entry is None:
        raise ResourceError(f"{relpath}: not listed in {MANIFEST}")
    raw = data_bytes(relpath)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{relpath}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise ResourceError(f"{relpath}: no header line")
    columns = tuple(lines[0].split("\t"))
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, ...]] = set()
    for lineno, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ResourceError(f"{relpath}: row {lineno} has {len(cells)} cells, expected {len(columns)}")
        validate_cell(relpath, lineno, cells[0])
        key = tuple(cells)
        if key in seen:
            raise ResourceError(f"{relpath}: row {lineno} duplicates an earlier row")
        seen.add(key)
        rows.append(dict(zip(columns, cells, strict=True)))
    return Table(relpath, str(entry.get("version", "")), columns, tuple(rows))


def validate_cell(relpath: str, lineno: int, cell: str) -> None:
    if not unicodedata.is_normalized("NFC", cell):
        raise ResourceError(f"{relpath}: row {lineno} is not NFC")
    if TATWEEL in cell:
        raise ResourceError(f"{relpath}: row {lineno} contains tatweel")
    if _PRESENTATION_RE.search(cell):
        raise ResourceError(f"{relpath}: row {lineno} contains an Arabic presentation form")
    if cell != cell.strip():
        raise ResourceError(f"{relpath}: row {lineno} has surrounding whitespace")
