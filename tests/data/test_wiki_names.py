"""wiki_names.tsv: a fresh build from arwikicats gives the same bytes, the rows are well-formed, and the list
labels names the way the entity tagger expects."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

import marsad
from marsad.resources.wiki_names import LABELS, TABLE, wiki_names
from marsad.text.normalize import fold

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "scripts" / "build_wiki_names.py"
SHIPPED = Path(marsad.__file__).parent / "data" / TABLE
ARABIC_LETTERS = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)}
ALLOWED = ARABIC_LETTERS | set("\u067e\u0686\u0698\u06af") | set("0123456789-. ")


@cache
def _labels_by_form() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for form, label in wiki_names():
        out[fold(form)].add(label)
    return {form: frozenset(labels) for form, labels in out.items()}


def test_rebuild_gives_the_shipped_bytes(tmp_path: Path) -> None:
    try:
        version = importlib.metadata.version("arwikicats")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("arwikicats is not installed; it is needed only to rebuild wiki_names.tsv "
                    "(pip install -e '.[gazetteer]')")
    shipped = SHIPPED.read_bytes()
    header = shipped.decode("utf-8").splitlines()[1]
    assert f"arwikicats {version}" in header, f"wiki_names.tsv was not built with the installed arwikicats {version}"
    out = tmp_path / "wiki_names.tsv"
    done = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--output", str(out)],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == shipped, (
        "a fresh build differs from the shipped wiki_names.tsv: run python scripts/build_wiki_names.py, "
        "read the diff, then python scripts/update_manifest.py")


def test_every_row_is_a_short_arabic_name_with_a_known_label() -> None:
    pairs = wiki_names()
    assert len(pairs) > 10_000
    for form, label in pairs:
        assert label in LABELS, (form, label)
        assert form == " ".join(form.split()) and 1 <= len(form.split()) <= 5, form
        assert set(form) <= ALLOWED and set(form) & ARABIC_LETTERS, form


def test_no_form_is_listed_twice_or_under_two_labels() -> None:
    pairs = wiki_names()
    assert len({(fold(form), label) for form, label in pairs}) == len(pairs)
    ambiguous = {form: labels for form, labels in _labels_by_form().items() if len(labels) > 1}
    assert not ambiguous


def test_each_label_has_a_share_of_the_list() -> None:
    counts = {label: sum(1 for _, lab in wiki_names() if lab == label) for label in LABELS}
    assert counts["PER"] > 2_000 and counts["ORG"] > 1_500 and counts["LOC"] > 5_000, counts


@pytest.mark.parametrize(("name", "label"), [
    ("ريال مدريد", "ORG"),
    ("مانشستر يونايتد", "ORG"),
    ("نادي الزمالك", "ORG"),
    ("أرسطو", "PER"),
    ("صلاح الدين الأيوبي", "PER"),
    ("ابن سينا", "PER"),
    ("الخرطوم", "LOC"),
    ("جبال الأطلس", "LOC"),
    ("محافظة تعز", "LOC"),
])
def test_well_known_names_carry_their_label(name: str, label: str) -> None:
    assert _labels_by_form().get(fold(name)) == {label}, name


@pytest.mark.parametrize("word", [
    "صور",  # "pictures"; Tyre
    "كان",  # "was"; Cannes
    "مدينة",  # "city"; Mdina
    "أراد",  # "wanted"; Arad
    "يوما",  # "one day"; Yuma
    "مايو",  # "May"; Mayo
])
def test_ordinary_words_are_not_listed(word: str) -> None:
    assert fold(word) not in _labels_by_form(), word


@pytest.mark.parametrize("surname", ["كلينتون", "جاكسون"])
def test_places_named_like_a_person_are_not_listed_as_places(surname: str) -> None:
    assert "LOC" not in _labels_by_form().get(fold(surname), frozenset()), surname


def test_leagues_are_not_listed_as_clubs() -> None:
    leagues = [form for form, label in wiki_names() if label == "ORG" and form.split()[0] in ("دوري", "الدوري", "كأس")]
    assert not leagues
