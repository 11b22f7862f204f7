"""Turn paths into Documents, or into one-line InputErrors naming the input and the problem.

A plain text file is one article; if it starts with `date YYYY-MM-DD` that is the dateline and the
body follows it. A `.jsonl` file holds one document per line: {"id", "date", "text"}. `-` is stdin.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from marsad.errors import InputError
from marsad.model.document import Document

# Larger than any news article by two orders of magnitude; past it the input is not an article.
MAX_DOCUMENT_CHARS = 2_000_000
MAX_FILE_BYTES = 2_000_000_000
_DATELINE_RE = re.compile(r"\A\s*date\s+(\S+)\s*")
_ISO_DATE_RE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Share of Arabic letters among the letters of a Windows-1256 decoding for us to accept it.
CP1256_MIN_ARABIC_SHARE = 0.6
# Control characters (other than tab, newline, carriage return, form feed) mark binary data.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_CONTROL_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class ReadNote:
    """Something worth telling the user that is not an error (e.g. the encoding was guessed)."""

    source: str
    message: str


ReadResult = Document | InputError | ReadNote


def parse_date(value: str, source: str) -> date:
    if not _ISO_DATE_RE.match(value):
        raise InputError(source, f"date '{value}' is not YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(source, f"date '{value}' is not a real calendar date") from None


def decode(data: bytes, source: str) -> tuple[str, str | None]:
    """Text of the bytes, and a note when it was not UTF-8 but plausible Windows-1256 Arabic."""
    if not data.strip():
        raise InputError(source, "is empty")
    if b"\x00" in data[:65536]:
        raise InputError(source, "is a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guessed = _decode_cp1256(data)
        if guessed is None:
            raise InputError(
                source,
                f"is not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}) nor Arabic "
                "Windows-1256; convert it to UTF-8",
            ) from None
        return guessed, "not UTF-8; decoded as Arabic Windows-1256 (cp1256)"
    sample = text[:65536]
    if sample and len(_CONTROL_RE.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE:
        raise InputError(source, "is a binary file (control characters), not text")
    return text, None


def _decode_cp1256(data: bytes) -> str | None:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return text if arabic / len(letters) >= CP1256_MIN_ARABIC_SHARE else None


def split_dateline(text: str, source: str) -> tuple[date | None, str]:
    """(dateline, body) of a plain-text article with an optional `date YYYY-MM-DD` header."""
    m = _DATELINE_RE.match(text)
    if not m:
        return None, text
    return parse_date(m.group(1), source), text[m.end() :]


def document_from_text(text: str, source: str, doc_id: str, date_override: date | None) -> Document:
    dateline, body = split_dateline(text, source)
    if not body.strip():
        raise InputError(source, "has a dateline but no article text after it")
    if len(body) > MAX_DOCUMENT_CHARS:
        raise InputError(source, f"is {len(body):,} characters, over the {MAX_DOCUMENT_CHARS:,} limit for one "
                         "article; split it or use JSON Lines")
    return Document(id=doc_id, text=body, dateline=date_override or dateline, source=source)


def read_jsonl_lines(lines: Iterator[bytes], source: str, date_override: date | None) -> Iterator[ReadResult]:
    any_line = False
    for lineno, raw in enumerate(lines, start=1):
        where = f"{source}:{lineno}"
        if not raw.strip():
            continue
        any_line = True
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(where, f"is not UTF-8 (invalid byte at offset {exc.start})")
            continue
        try:
            yield _document_from_json(line, where, date_override)
        except InputError as err:
            yield err
    if not any_line:
        yield InputError(source, "is empty")


def _document_from_json(line: str, where: str, date_override: date | None) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"is not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputError(where, "is not a JSON object with 'id', 'date' and 'text'")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(where, "has no 'text' string")
    if not text.strip():
        raise InputError(where, "has an empty 'text'")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(where, f"'text' is {len(text):,} characters, over the {MAX_DOCUMENT_CHARS:,} limit")
    doc_id = obj.get("id", where)
    if not isinstance(doc_id, str | int):
        raise InputError(where, "'id' must be a string")
    raw_date = obj.get("date")
    if raw_date is not None and not isinstance(raw_date, str):
        raise InputError(where, "'date' must be YYYY-MM-DD or null")
    dateline = parse_date(raw_date, where) if raw_date else None
    return Document(id=str(doc_id), text=text, dateline=date_override or dateline, source=where,
                    url=obj.get("url") if isinstance(obj.get("url"), str) else None)


def read_path(path: str, date_override: date | None = None) -> Iterator[ReadResult]:
    """Documents from one path argument, with errors and notes in reading order."""
    if path == "-":
        data = sys.stdin.buffer.read()
        yield from _read_bytes(data, "<stdin>", "stdin", date_override, as_jsonl=None)
        return
    p = Path(path)
    if not p.exists():
        yield InputError(path, "no such file")
        return
    if p.is_dir():
        yield InputError(path, "is a directory; pass the files in it (e.g. DIR/*.txt) or a .jsonl file")
        return
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            yield InputError(path, f"is {size / 1e9:.1f} GB, over the {MAX_FILE_BYTES / 1e9:.0f} GB limit")
            return
        if p.suffix.lower() == ".jsonl":
            with p.open("rb") as f:
                yield from read_jsonl_lines(iter(f), path, date_override)
            return
        data = p.read_bytes()
    except OSError as exc:
        yield InputError(path, f"cannot be read ({exc.strerror or exc})")
        return
    yield from _read_bytes(data, path, p.stem, date_override, as_jsonl=False)


def _read_bytes(
    data: bytes, source: str, doc_id: str, date_override: date | None, as_jsonl: bool | None
) -> Iterator[ReadResult]:
    if as_jsonl is None:
        as_jsonl = data.lstrip().startswith(b"{")
    if as_jsonl:
        yield from read_jsonl_lines(iter(data.splitlines()), source, date_override)
        return
    try:
        text, note = decode(data, source)
        if note:
            yield ReadNote(source, note)
        yield document_from_text(text, source, doc_id, date_override)
    except InputError as err:
        yield err
