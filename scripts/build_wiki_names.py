#!/usr/bin/env python3
"""Build src/marsad/data/lexicons/ar/wiki_names.tsv: Arabic names of people, organisations and places,
labelled PER, ORG or LOC, from the JSON tables that the `arwikicats` package ships (Arabic Wikipedia
Categories Translation Engine, Ibrahim Qasim, MIT licence; nothing is downloaded).

Why: the CRF entity tagger reads name lists as features (a tag on the tokens that match a listed name).
arwikicats maps English Wikipedia titles to the Arabic titles of the same articles: about 3,100 people,
2,100 sports clubs and some 20,000 places. The list is a feature only; it never makes a span by itself,
so some noise is tolerable, but the label of almost every row must be right.

Which tables, and why (everything else in the package is job titles, nationalities, film genres,
taxa or category phrases, not names):
- people/peoples.json: people (PER).
- sports/Clubs_key.json: sports clubs (ORG), less the leagues and cups it also holds.
- cities/cities_full.json and the geography/ tables: towns, provinces, regions, historical states (LOC),
  less the few rows that name something else (a university, "Christianity in Canada", a person) and
  the small American towns (see AMERICAN_TOWN).
- cities/yy2.json and geography/P17_2_final_ll.json mix places with bands, films, companies, people and
  taxa, with nothing in a row that tells them apart except, for places, a type word at the head of the
  Arabic title (جزيرة، نهر، محافظة...): only those rows are taken, as LOC.
- Left out: sports/clubs_teams_leagues.json and sports/inter_federations.json (leagues, cups and
  championships: competitions, not organisations); geography/us_counties.json (3,000 American counties
  that Arabic news hardly names: a sixth of the file for almost no matches); the package's
  _splited_data/ tables (rows its author moved out of the place tables because they are not places).

Each row: `form`, the Arabic title as the source writes it (diacritics, tatweel and invisible marks
dropped, Persian ya and kaf written as the Arabic letters, a trailing disambiguator such as "(ألاباما)"
or "، نيويورك" cut off, spaces normalised; not folded: the tagger folds when it loads the list);
`label`, PER, ORG or LOC; `english`, the English title of the source, title-cased.

Run: `python scripts/build_wiki_names.py` (writes the shipped file) or `--output PATH`; `--verbose` also
counts what each filter dropped. The output is deterministic, so tests/data/test_wiki_names.py rebuilds it
and compares byte for byte. The filters read marsad's own word_usage.tsv, given and family name lists and
gazetteer: rebuild after changing those too. After a rebuild, run scripts/update_manifest.py.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from marsad.resources.lexicons import load_table  # noqa: E402  (the script runs from a checkout)
from marsad.resources.word_usage import word_usage  # noqa: E402
from marsad.text.normalize import TATWEEL, fold  # noqa: E402

OUTPUT = ROOT / "src" / "marsad" / "data" / "lexicons" / "ar" / "wiki_names.tsv"
DISTRIBUTION = "arwikicats"
JSON_DIR = "ArWikiCats/jsons/"
LABELS = ("PER", "ORG", "LOC")
ARTICLE = "ال"


@dataclass(frozen=True, slots=True)
class Source:
    path: str  # under ArWikiCats/jsons/
    label: str
    # "all": every row is of this class; "place_heads": a mixed table, take only the rows whose Arabic
    # title starts with a place type word.
    take: str = "all"


SOURCES = (
    Source("people/peoples.json", "PER"),
    Source("sports/Clubs_key.json", "ORG"),
    Source("cities/cities_full.json", "LOC"),
    Source("geography/P17_PP.json", "LOC"),
    Source("geography/popopo.json", "LOC"),
    Source("geography/India_dd.json", "LOC"),
    Source("geography/New_Keys.json", "LOC"),
    Source("geography/regions.json", "LOC"),  # {"UK_COUNTY": {english: arabic}, ...}
    Source("geography/regions2.json", "LOC"),
    Source("cities/yy2.json", "LOC", take="place_heads"),
    Source("geography/P17_2_final_ll.json", "LOC", take="place_heads"),
)

# A title longer than this is a description ("المقاطعة الإقليمية لشرق كوتيناي"), not a name a text repeats.
MAX_WORDS = 5

# Letters a form may use: the Arabic letters, the four Persian ones (a few Iranian and Afghan names keep
# them), digits (club names: شالكه 04), hyphen and full stop (جي-زي، تي. إس. إليوت). A title with Latin
# letters, colons, slashes or quotes is a work or a description, not a name written in Arabic.
ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x063B)) | frozenset(chr(c) for c in range(0x0641, 0x064B))
PERSIAN_LETTERS = frozenset("\u067e\u0686\u0698\u06af")  # پ چ ژ گ
ALLOWED = ARABIC_LETTERS | PERSIAN_LETTERS | frozenset("0123456789-. ")
LETTER_MAP = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643", "\u0671": "\u0627"})
# Disambiguators: "هنتسفيل (ألاباما)", "أرمونك، نيويورك". The name is what comes before.
QUALIFIER = re.compile(r"\s*(\(.*|،.*)$")
ENGLISH_QUALIFIER = re.compile(r"\s*\(.*?\)")

# Clubs_key.json also lists leagues and cups (1. deild karla: دوري الدرجة الثانية الإيسلندي) and a few
# staff categories (Santos Futebol Clube managers: مدربو نادي سانتوس). Neither is a club: drop a row whose
# Arabic starts like a competition's name or a plural of people, or whose English title names one.
NOT_CLUB_HEADS = frozenset({"دوري", "الدوري", "بطولة", "البطولة", "كأس", "دورة", "سباق", "مدربو", "لاعبو"})
NOT_CLUB_WORDS = re.compile(
    r"\b(league|liga|ligue|lyga|cup|division|divisjon|championships?|deild|bundesliga|premiership|"
    r"meistriliiga|superliga|tournament|games|managers|players|coaches)\b")

# Place tables still hold some rows that are not places: institutions ("جامعة القدس"), topics
# ("Christianity in Canada", "Geography of Dubai"), lists, events, peoples, works. Told by the English
# title or by the head word of the Arabic one.
NOT_PLACE_WORDS = re.compile(
    r"\b(universit(y|ies)|college|school|academy|hospital|museum|church|cathedral|mosque|synagogue|temple|"
    r"conference|festival|company|corporation|f\.?c|a\.?f\.?c|club|party|peoples?(?!')|languages?|exchange|"
    r"history|geography|christianity|islam|buddhism|judaism|hinduism|lists?|cities|towns|municipalities|"
    r"communes|prefectures|provinces|districts|resorts|pandemic|disability|syndrome|post|times|war|battle|"
    r"siege|massacre|attack|bombings?|strike|airport|station|stadium|(tv|film|television) series|film|"
    r"novel|manga|album|band|witnesses|sisters|brothers|order|stone|grill|light rail|authority|"
    r"subdivisions|civilization|dynasty|culture|mythology|game|software|office|literature|theology|"
    r"diplomacy|consonants|entertainment|records|technologies|intelligence|nations)\b")
NOT_PLACE_HEADS = frozenset({
    "قائمة", "جغرافيا", "تاريخ", "المسيحية", "الإسلام", "البوذية", "اليهودية", "جائحة", "إعاقة", "مدن",
    "بلديات", "محافظات", "مقاطعات", "منتجعات", "جامعة", "الجامعة", "كلية", "مدرسة", "أكاديمية",
    "مستشفى", "متحف", "المتحف", "كنيسة", "كاتدرائية", "مسجد", "كنيس", "معبد", "نادي", "شركة", "حزب",
    "لغة", "اللغة", "متلازمة", "حجر", "قطار", "هيئة", "مؤتمر", "مهرجان", "حرب", "معركة", "مجزرة",
    "حصار", "شعب", "راهبات", "شهود", "أبناء", "الأسرة", "أسرة", "حضارة", "ثقافة", "مطار", "ملعب",
    "وزارة", "حكومة", "مجلس", "قانون", "دستور", "سياسة", "جمعية", "منظمة", "فرقة", "مسلسل",
    "فيلم", "رواية", "تفجيرات", "هجوم", "عملية", "نظام", "نظرية", "علم",
})
# The head words that make a row of a mixed table a place (جزيرة مادورا، نهر لوغان، محافظة معان).
# Not قضاء (also "judiciary": قضاء عسكري) and not شبه alone (شبه نباتيين): شبه only before جزيرة.
PLACE_HEADS = frozenset({
    "مقاطعة", "محافظة", "ولاية", "منطقة", "إقليم", "مديرية", "بلدية", "ناحية", "قرية", "بلدة", "مدينة",
    "جزيرة", "جزر", "أرخبيل", "نهر", "بحيرة", "بحر", "خليج", "مضيق", "جبل", "جبال", "هضبة", "سهل",
    "وادي", "صحراء", "جمهورية", "مملكة", "دوقية", "سلطنة", "إمارة",
})
PENINSULA = ("شبه جزيرة", "شبه الجزيرة")

# American towns, titled "Town, State" (Fostoria, Ohio; Visalia, California): some 3,500 rows that Arabic
# news almost never names, many called after a person (Clinton, Iowa; Tecumseh, Michigan), whose name they
# would mark as a place. The American cities the news does name are titled without the state (Boston) or
# are in the gazetteer.
US_STATES = (
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|"
    "illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|"
    "mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|"
    "north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|"
    "south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming")
AMERICAN_TOWN = re.compile(rf", ({US_STATES})$")

# The people table also holds a few category titles: "Japanese people of Filipino descent", "Films
# produced by Erich Pommer", "Taxa named by ...". Told by the English title.
NOT_PERSON_WORDS = re.compile(r"\b(people|descent|expatriates|films|taxa|photographers|by|from)\b")

# Rows read and found not to be names of their table's class: a plural noun in the people table, and TV
# series, games, instruments and a category among the clubs.
NOT_NAMES = frozenset({
    "panegyrists",
    "mr. robot", "mandalorian", "good place", "running man", "fantasy television", "starcraft", "starcraft ii",
    "didgeridoo", "maracas", "battles and operations",
})

# A one-word name that is also an ordinary Arabic word would mark every use of the word: صور "pictures"
# (Tyre), كان "was" (Cannes), أراد "wanted" (Arad), يوما "one day" (Yuma), مايو "May" (Mayo). Measured on
# the one-word forms of these tables against word_usage.tsv: foreign names have an article share near 0,
# ordinary nouns and adjectives 15% and more (صور 31، صباح 39، حسن 25، تنفيذ 28); verbs, particles,
# months and adverbs have no article but a Zipf frequency of 4.5 and more (أين 5.2، غالبا 5.0، أكد 4.7،
# مايو 5.3). Famous names are that frequent too (لبنان 5.3، باريس 5.0، بغداد 4.9) and are dropped with
# them: the tagger already reads those from the gazetteer and the entity lexicon. A name with the article
# (القاهرة) is looked up bare: it is an ordinary word when the bare word is itself common, Zipf 3.5 and
# more (المتن: متن 4.6 "text"; الشمال: شمال 5.2 "north"); القاهرة's bare form is rare (قاهرة 2.9).
MAX_ZIPF = 4.5
MAX_ARTICLE_PCT = 15
MAX_BARE_ZIPF = 3.5


def clean_arabic(text: str) -> str:
    """The Arabic title written plainly: no marks, no disambiguator, single spaces."""
    s = unicodedata.normalize("NFC", text).translate(LETTER_MAP)
    s = "".join(ch for ch in s if ch != TATWEEL and unicodedata.category(ch) not in ("Mn", "Cf"))
    s = QUALIFIER.sub("", s)
    return unicodedata.normalize("NFC", " ".join(s.split()))


KEEP_LOWER = frozenset({"of", "the", "and", "de", "del", "della", "di", "da", "do", "dos", "du", "des", "la", "le",
                        "van", "von", "der", "den", "y", "e", "al", "el", "bin", "ibn", "in", "am", "an", "upon"})
ROMAN = re.compile(r"^(i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xvi{0,3}|xx)$")
DOTTED = re.compile(r"^([a-z]\.)+[a-z]?$")
CONSONANTS_ONLY = re.compile(r"^[b-df-hj-np-tv-xz]{2,4}$")
NOT_ABBREVIATIONS = frozenset({"st", "mt", "ft", "dr", "jr", "sr", "mr", "mrs", "ms"})


def title_case(english: str) -> str:
    """'1. fc kaiserslautern' -> '1. FC Kaiserslautern'; 'louis viii of france' -> 'Louis VIII of France'."""
    words = []
    for n, word in enumerate(english.split()):
        if ((ROMAN.match(word) and n > 0) or DOTTED.match(word)
                or (CONSONANTS_ONLY.match(word) and word not in NOT_ABBREVIATIONS)):
            words.append(word.upper())  # regnal numbers; abbreviations (FC, SK, A.F.C., U.S.)
        elif n > 0 and word in KEEP_LOWER:
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    # NFC again: a lower-cased title may carry a combining dot (i̇zmit), which composes with the capital.
    return unicodedata.normalize("NFC", " ".join(words))


def rows_of(data: Any) -> Iterator[tuple[str, str]]:
    """(english, arabic) pairs of a table, flat or grouped one level deep (regions.json)."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from rows_of(value)
        elif isinstance(value, str):
            yield key, value


def read_table(dist: importlib.metadata.Distribution, relpath: str) -> Any:
    wanted = JSON_DIR + relpath
    for file in dist.files or ():
        if file.as_posix() == wanted:
            return json.loads(file.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"{DISTRIBUTION} {dist.version} has no {wanted}")


def is_arabic_name(form: str) -> bool:
    return bool(form) and all(ch in ALLOWED for ch in form) and any(ch in ARABIC_LETTERS for ch in form)


def head(form: str) -> str:
    return form.split(" ", 1)[0]


def is_place_title(form: str) -> bool:
    return head(form) in PLACE_HEADS or form.startswith(PENINSULA)


def is_not_club(english: str, form: str) -> bool:
    return head(form) in NOT_CLUB_HEADS or bool(NOT_CLUB_WORDS.search(english))


def is_not_place(english: str, form: str) -> bool:
    # "في" (in) inside a title makes it a topic: المسيحية في كندا، منتجعات في مصر (but سانتا في).
    return head(form) in NOT_PLACE_HEADS or "في" in form.split()[1:-1] or bool(NOT_PLACE_WORDS.search(english))


def is_ordinary_word(form: str) -> bool:
    """One word that Arabic uses as an ordinary word (see MAX_ZIPF)."""
    usage = word_usage()
    word = fold(form)
    row = usage.get(word)
    if row is not None and (row.zipf >= MAX_ZIPF or row.article_pct >= MAX_ARTICLE_PCT):
        return True
    if word.startswith(ARTICLE):
        bare = usage.get(word[len(ARTICLE):])
        return bare is not None and bare.zipf >= MAX_BARE_ZIPF
    return False


def given_names() -> frozenset[str]:
    """Folded given names from marsad's own list."""
    return frozenset(fold(form) for form in load_table("lexicons/ar/person_first_names.tsv").column("form"))


def gazetteer_names() -> frozenset[str]:
    """Folded place names of marsad's gazetteer (GeoNames, aliases, curated places)."""
    from marsad.resources.gazetteer import Gazetteer

    return frozenset(Gazetteer.load().names())


def person_words() -> frozenset[str]:
    """Folded given and family names from marsad's own lists. (Not the words of the people listed here:
    those include places, لويس الثامن ملك فرنسا، جاك لندن.)"""
    tables = ("lexicons/ar/person_first_names.tsv", "lexicons/ar/person_family_names.tsv")
    return frozenset(fold(w) for table in tables for form in load_table(table).column("form") for w in form.split())


@dataclass(frozen=True, slots=True)
class Row:
    form: str
    label: str
    english: str


# cities_full.json also lists people (محمود الزهار، سهى عرفات، يوسي كوهين), with nothing in the row to say
# so. A place row reads as a person's when its Arabic starts with a given name and its English title is
# two or more words without a place word or a ", State" qualifier (Mahmoud Al-Zahar, but not Charles Town,
# Franklin Park, Alexander City, Lee's Summit, Missouri). Names the gazetteer knows as places are kept
# (بندر عباس، سانتياغو دي كوبا).
PLACE_WORDS = re.compile(
    r"\b(city|town|township|village|park|lake|river|creek|stream|falls|springs?|heights|hills?|beach|bay|"
    r"island|mount|valley|harbou?r|port|fort|county|parish|district|region|province|oblast|abad|nagar|"
    r"pur|ville)\b|,")


def looks_like_person(row: Row, given: frozenset[str]) -> bool:
    words = row.form.split()
    return (len(words) >= 2 and fold(words[0]) in given and len(row.english.split()) >= 2
            and not PLACE_WORDS.search(row.english.lower()))


def collect(dist: importlib.metadata.Distribution) -> tuple[list[Row], dict[str, int]]:
    """Candidate rows from every source, and how many rows each filter dropped."""
    dropped: dict[str, int] = defaultdict(int)
    rows: list[Row] = []
    for source in SOURCES:
        for english, arabic in rows_of(read_table(dist, source.path)):
            key = english.strip().lower()
            form = clean_arabic(arabic)
            if key in NOT_NAMES:
                dropped["not a name (read)"] += 1
            elif not is_arabic_name(form):
                dropped["not Arabic script"] += 1
            elif len(form.split()) > MAX_WORDS:
                dropped["longer than 5 words"] += 1
            elif source.take == "place_heads" and not is_place_title(form):
                dropped["mixed table, no place head word"] += 1
            elif source.label == "PER" and NOT_PERSON_WORDS.search(key):
                dropped["category, not a person"] += 1
            elif source.label == "ORG" and is_not_club(ENGLISH_QUALIFIER.sub("", key), form):
                dropped["competition or staff, not a club"] += 1
            elif source.label == "LOC" and is_not_place(key, form):
                dropped["not a place"] += 1
            elif source.label == "LOC" and AMERICAN_TOWN.search(key):
                dropped["American town"] += 1
            else:
                rows.append(Row(form, source.label, title_case(key)))
    return rows, dropped


def select(rows: list[Row], dropped: dict[str, int]) -> list[Row]:
    """The filters that look across rows: ordinary words, person names labelled otherwise, ambiguity."""
    people = person_words()
    given = given_names()
    places = gazetteer_names()
    kept: list[Row] = []
    for row in rows:
        one_word = " " not in row.form
        if one_word and is_ordinary_word(row.form):
            dropped["one word that is an ordinary word"] += 1
        elif one_word and row.label != "PER" and fold(row.form) in people:
            # A one-word place with a given or family name (جاكسون، كلينتون، هاميلتون): in news the word
            # names a person more often. Places lost this way that the news does name (ليون، فيكتوريا،
            # صوفيا) are in the gazetteer, whose names the tagger reads already.
            dropped["one-word place or club named like a person"] += 1
        elif row.label == "LOC" and looks_like_person(row, given) and fold(row.form) not in places:
            dropped["place row that reads as a person's name"] += 1
        else:
            kept.append(row)
    # A form that two tables label differently is dropped, both rows: a town and its club (بوسطن، خيمكي),
    # or, most often, a person whom the place table lists by mistake (Barbara Bush, Van Morrison). No
    # table clearly dominates, and the rows hold no evidence of which reading the news means.
    labels: dict[str, set[str]] = defaultdict(set)
    for row in kept:
        labels[fold(row.form)].add(row.label)
    # One row per folded form and label: the first spelling in sorted order, with its first English title.
    best: dict[tuple[str, str], Row] = {}
    for row in sorted(kept, key=lambda r: (r.form, r.label, r.english)):
        folded = fold(row.form)
        if len(labels[folded]) > 1:
            dropped["form with two labels"] += 1
        elif (folded, row.label) in best:
            dropped["duplicate"] += 1
        else:
            best[(folded, row.label)] = row
    return sorted(best.values(), key=lambda r: (r.form, r.label, r.english))


def render(rows: list[Row], version: str) -> str:
    lines = [
        "# Generated by scripts/build_wiki_names.py; do not edit by hand.",
        f"# From the JSON tables of arwikicats {version} (Arabic Wikipedia Categories Translation Engine,",
        "#   Ibrahim Qasim; MIT licence): Arabic Wikipedia titles of people, sports clubs and places.",
        "# form: the Arabic title, without diacritics or disambiguator (not folded). label: PER, ORG or LOC.",
        "#   english: the English title. English titles for names the tagger finds; never a source of spans.",
        "form\tlabel\tenglish",
    ]
    lines += [f"{r.form}\t{r.label}\t{r.english}" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", type=Path, default=OUTPUT)
    ap.add_argument("--verbose", action="store_true", help="also print how many rows each filter dropped")
    args = ap.parse_args(argv)
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        print("build_wiki_names: the arwikicats package is not installed (pip install -e '.[gazetteer]')",
              file=sys.stderr)
        return 2
    candidates, dropped = collect(dist)
    rows = select(candidates, dropped)
    text = render(rows, dist.version)
    args.output.write_text(text, encoding="utf-8")
    counts = {label: sum(1 for r in rows if r.label == label) for label in LABELS}
    print(f"{args.output}: {len(rows)} names (" + ", ".join(f"{k} {v}" for k, v in counts.items())
          + f"), {len(text.encode('utf-8')):,} bytes")
    if args.verbose:
        for reason, n in sorted(dropped.items(), key=lambda kv: -kv[1]):
            print(f"  dropped {n:6d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
