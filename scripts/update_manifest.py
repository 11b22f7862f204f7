#!/usr/bin/env python3
"""Recompute the sha256 of every data file listed in src/marsad/data/MANIFEST.toml, and list new ones.

Run after editing a lexicon: `python scripts/update_manifest.py`. The test suite fails when a listed
file's hash does not match, so a data change is always a deliberate, reviewed change.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "marsad" / "data"
MANIFEST = DATA / "MANIFEST.toml"
DEFAULTS = {"version": "1", "licence": "Apache-2.0", "source": "written for marsad"}


def main() -> int:
    current = tomllib.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}
    files = current.get("files", {})
    out = ["# Every data file the package ships: version, sha256, licence and source.",
           "# Regenerate hashes with: python scripts/update_manifest.py", ""]
    for path in sorted(p for p in DATA.rglob("*") if p.is_file() and p.name != MANIFEST.name):
        rel = path.relative_to(DATA).as_posix()
        entry = {**DEFAULTS, **files.get(rel, {})}
        entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        out.append(f'[files."{rel}"]')
        for key in ("version", "sha256", "licence", "source"):
            value = str(entry[key]).replace('"', '\\"')
            out.append(f'{key} = "{value}"')
        out.append("")
    MANIFEST.write_text("\n".join(out), encoding="utf-8")
    print(f"{MANIFEST}: {len([ln for ln in out if ln.startswith('[files')])} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
