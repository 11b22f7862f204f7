"""Golden files: the full analysis of each bundled example, per layer.

A change in output shows up as a diff here. When the change is intended, regenerate with
`pytest tests/golden --update-golden`, read the diff, and commit it with the change that caused it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.io.readers import read_path
from marsad.model.document import Document
from marsad.model.serialize import analysis_to_dict
from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent
LAYERS = ("times", "quantities")


def _document(path: Path) -> Document:
    docs = [d for d in read_path(str(path)) if isinstance(d, Document)]
    assert len(docs) == 1
    return docs[0]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_golden(example: Path, request: pytest.FixtureRequest) -> None:
    result = analysis_to_dict(Pipeline.default().run(_document(example)))
    current = {layer: result[layer] for layer in LAYERS}
    golden_file = GOLDEN / f"{example.stem}.json"
    if request.config.getoption("--update-golden") or not golden_file.exists():
        golden_file.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not request.config.getoption("--update-golden"):
            pytest.fail(f"{golden_file.name} did not exist; written now, review and commit it")
    expected = json.loads(golden_file.read_text(encoding="utf-8"))
    for layer in LAYERS:
        assert current[layer] == expected[layer], f"{layer} differs from {golden_file.name}"
