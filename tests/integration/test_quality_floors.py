"""The scorer's figures on the dev gold set stay at or above the floors in tests/quality_floors.toml.

Needs ../shared/eval beside the project (developers and CI have it); skips cleanly without it.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SCORER = SHARED_EVAL / "score.py"
FLOORS = tomllib.loads((ROOT / "tests" / "quality_floors.toml").read_text(encoding="utf-8"))["floors"]


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside the project")
def test_dev_figures_stay_above_floors(tmp_path: Path) -> None:
    golds = sorted(str(p) for p in (SHARED_EVAL / "dev").glob("*.gold.json"))
    assert golds, "no gold files"
    cmd = f"{sys.executable} -m marsad analyze --format jsonl"
    mins = [arg for metric, floor in FLOORS.items() for arg in ("--min", f"{metric}={floor}")]
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--cmd", cmd, *golds, "--errors", "0", *mins],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
