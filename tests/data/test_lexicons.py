"""The shipped data: the manifest lists every file with the right hash, and every table passes the lint."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

import marsad
from marsad.errors import ResourceError
from marsad.resources import lexicons
from marsad.resources.lexicons import load_table, manifest, validate_cell
from marsad.text.normalize import TATWEEL

DATA_DIR = Path(marsad.__file__).parent / "data"
MANIFEST_NAME = "MANIFEST.toml"
LISTED = sorted(manifest().get("files", {}))
TABLES = [relpath for relpath in LISTED if relpath.endswith(".tsv")]
UPDATE_HINT = "run python scripts/update_manifest.py after reviewing the data change"


def shipped_files() -> list[str]:
    return sorted(
        p.relative_to(DATA_DIR).as_posix()
        for p in DATA_DIR.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME and "__pycache__" not in p.parts
    )


def test_manifest_lists_files() -> None:
    assert LISTED, f"{MANIFEST_NAME} lists no files"
    assert TABLES


@pytest.mark.parametrize("relpath", LISTED)
def test_listed_file_exists_and_matches_its_hash(relpath: str) -> None:
    path = DATA_DIR / relpath
    assert path.is_file(), f"{relpath} is listed in {MANIFEST_NAME} but missing"
    entry = manifest()["files"][relpath]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], f"{relpath}: {UPDATE_HINT}"
    assert lexicons.sha256_of(relpath) == entry["sha256"]


@pytest.mark.parametrize("relpath", LISTED)
def test_listed_file_has_provenance(relpath: str) -> None:
    entry = manifest()["files"][relpath]
    for key in ("version", "sha256", "licence", "source"):
        assert str(entry.get(key, "")).strip(), f"{relpath}: no {key} in {MANIFEST_NAME}"


def test_every_shipped_file_is_listed() -> None:
    unlisted = sorted(set(shipped_files()) - set(LISTED))
    assert not unlisted, f"not in {MANIFEST_NAME}: {unlisted}; {UPDATE_HINT}"


@pytest.mark.parametrize("relpath", TABLES)
def test_table_loads_and_passes_the_lint(relpath: str) -> None:
    table = load_table(relpath)
    assert table.name == relpath
    assert table.rows, f"{relpath} has no rows"
    assert table.columns[0] == "form"
    assert table.version == str(manifest()["files"][relpath]["version"])
    # load_table lints the first column; every other cell must be just as clean.
    for lineno, row in enumerate(table.rows, start=2):
        for cell in row.values():
            validate_cell(relpath, lineno, cell)
        assert row["form"], f"{relpath}: row {lineno} has an empty form"


# --- the lint rejects bad tables ---------------------------------------------------------------------

MADDAH_ABOVE = "\u0653"
ALEF = "\u0627"
PRESENTATION_FORM_MEEM = "\ufee1"  # ARABIC LETTER MEEM ISOLATED FORM
HEADER = "# a test table\nform\tvalue\n"


@pytest.fixture
def fake_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bytes]]:
    """Tables served by name instead of the package data; each test uses fresh names (load_table caches)."""
    tables: dict[str, bytes] = {}
    real_bytes = lexicons.data_bytes
    real_manifest = manifest()

    def data_bytes(relpath: str) -> bytes:
        return tables[relpath] if relpath in tables else real_bytes(relpath)

    def fake_manifest() -> dict[str, object]:
        files = {**real_manifest["files"], **{name: {"version": "0", "sha256": ""} for name in tables}}
        return {**real_manifest, "files": files}

    monkeypatch.setattr(lexicons, "data_bytes", data_bytes)
    monkeypatch.setattr(lexicons, "manifest", fake_manifest)
    yield tables
    load_table.cache_clear()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("not_nfc", f"{HEADER}{ALEF}{MADDAH_ABOVE}خر\t1\n".encode(), "not NFC"),
        ("tatweel", f"{HEADER}شهـ{TATWEEL}ر\t1\n".encode(), "tatweel"),
        ("presentation", f"{HEADER}يو{PRESENTATION_FORM_MEEM}\t1\n".encode(), "presentation form"),
        ("duplicate", f"{HEADER}شهر\t1\nيوم\t2\nشهر\t1\n".encode(), "row 4 duplicates"),
        ("cells", f"{HEADER}شهر\t1\t2\n".encode(), "3 cells, expected 2"),
        ("spaces", f"{HEADER} شهر\t1\n".encode(), "surrounding whitespace"),
        ("latin1", HEADER.encode() + "caf\u00e9\t1\n".encode("latin-1"), "not UTF-8"),
        ("no_header", b"# only a comment\n\n", "no header line"),
    ],
)
def test_load_table_rejects_a_bad_table(
    fake_table: dict[str, bytes], name: str, content: bytes, problem: str
) -> None:
    relpath = f"lexicons/ar/test_bad_{name}.tsv"
    fake_table[relpath] = content
    with pytest.raises(ResourceError) as excinfo:
        load_table(relpath)
    message = str(excinfo.value)
    assert relpath in message
    assert problem in message


def test_load_table_accepts_a_good_fake_table(fake_table: dict[str, bytes]) -> None:
    relpath = "lexicons/ar/test_good.tsv"
    fake_table[relpath] = f"{HEADER}شهر\t1\n\n# comment\nيوم\t2\n".encode()
    table = load_table(relpath)
    assert table.columns == ("form", "value")
    assert table.column("form") == ["شهر", "يوم"]
    assert table.version == "0"


def test_load_table_rejects_an_unlisted_file() -> None:
    with pytest.raises(ResourceError, match="not listed"):
        load_table("lexicons/ar/no_such_table.tsv")


def test_real_tables_are_nfc_without_tatweel() -> None:
    # A direct check, independent of the loader, so a weakened lint cannot hide a bad file. Comments
    # may show an affix with a tatweel (سـ); data lines may not.
    for relpath in TABLES:
        text = (DATA_DIR / relpath).read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), start=1):
            assert unicodedata.normalize("NFC", line) == line, f"{relpath}:{lineno}"
            if not line.startswith("#"):
                assert TATWEEL not in line, f"{relpath}:{lineno}"
