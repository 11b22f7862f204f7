"""word_usage.tsv: rebuilds byte for byte from wordfreq, and says what the entity tagger relies on."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad.resources.word_usage import TABLE, word_usage
from marsad.stages.ner_crf import usage_features
from marsad.text.normalize import fold

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "scripts" / "build_word_usage.py"
SHIPPED = Path(marsad.__file__).parent / "data" / TABLE


def test_word_usage_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    if importlib.util.find_spec("wordfreq") is None:
        pytest.skip("wordfreq is not installed; it is needed only to rebuild word_usage.tsv "
                    "(pip install -e '.[gazetteer]')")
    shipped = SHIPPED.read_text(encoding="utf-8")
    version = importlib.metadata.version("wordfreq")
    assert f"wordfreq {version}" in shipped.splitlines()[1], (
        f"word_usage.tsv was built with another wordfreq than the installed {version}")
    rebuilt = tmp_path / "word_usage.tsv"
    result = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--output", str(rebuilt)],
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert rebuilt.read_text(encoding="utf-8") == shipped, (
        "word_usage.tsv differs from a fresh build: run python scripts/build_word_usage.py, review the diff, "
        "then python scripts/update_manifest.py")


def test_rows_are_folded_bare_words_with_sane_values() -> None:
    usage = word_usage()
    assert len(usage) > 20_000
    for form, row in usage.items():
        assert form == fold(form) and " " not in form, form
        assert 0 <= row.article_pct <= 100, form
        assert 0 <= row.zipf < 8, form


def test_article_zipf_is_the_frequency_of_the_article_form() -> None:
    from marsad.resources.word_usage import WordUsage

    assert WordUsage(4.0, 50).article_zipf == pytest.approx(4.0)  # as common with the article as without
    assert WordUsage(4.0, 90).article_zipf == pytest.approx(4.0 + 0.9542, abs=1e-3)
    assert WordUsage(4.0, 100).article_zipf > 6  # a rounded 100 % still gives a finite figure
    assert WordUsage(0.0, 100).article_zipf == 0.0  # bare form not listed: nothing to derive from
    # الذي is listed as ذي; written with the article it is one of the most frequent words of the language.
    assert word_usage()[fold("ذي")].article_zipf > 6


@pytest.mark.parametrize("noun", ["كتاب", "مدرسة", "سيارة", "حكومة", "مستشفى"])
def test_ordinary_nouns_often_take_the_article(noun: str) -> None:
    assert word_usage()[fold(noun)].article_pct >= 20, noun


@pytest.mark.parametrize("name", ["باريس", "لندن", "موسكو", "ميركل", "شكسبير"])
def test_foreign_names_almost_never_take_it(name: str) -> None:
    row = word_usage().get(fold(name))
    assert row is None or row.article_pct < 5, name


def test_usage_features_name_rare_words() -> None:
    assert usage_features(fold("كتاب"))[1] == "ar=3"
    assert usage_features("قزبلنطوخ") == ("zf=rare",)
