"""The entity lexicons (nisba adjectives, organizations, people, misc names): columns, allowed values, spelling,
ambiguity."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import pytest

from marsad.resources.lexicons import Table, load_table
from marsad.text.normalize import fold

NISBA = "lexicons/ar/nisba.tsv"
ORGANIZATIONS = "lexicons/ar/organizations.tsv"
PEOPLE = "lexicons/ar/people.tsv"
MISC_NAMES = "lexicons/ar/misc_names.tsv"
ENTITY_TABLES = (NISBA, ORGANIZATIONS, PEOPLE, MISC_NAMES)
FIRST_NAMES = "lexicons/ar/person_first_names.tsv"
FAMILY_NAMES = "lexicons/ar/person_family_names.tsv"
NAME_TABLES = (FIRST_NAMES, FAMILY_NAMES)

COLUMNS = {
    NISBA: ("form", "kind", "name", "code"),
    ORGANIZATIONS: ("form", "name", "label", "kind", "country", "needs_context"),
    PEOPLE: ("form", "name", "role", "country", "needs_context"),
    MISC_NAMES: ("form", "name", "kind", "needs_context"),
    FIRST_NAMES: ("form", "gender", "origin"),
    FAMILY_NAMES: ("form", "origin"),
}
NAME_GENDERS = {"m", "f"}
NAME_ORIGINS = {"arabic", "other"}
NISBA_KINDS = {"state", "people", "religion", "group"}
ORG_LABELS = {"ORG", "GPE", "FAC", "MISC"}
ORG_KINDS = {
    "government", "military", "party", "armed_group", "media",
    "international_org", "ngo", "company", "religious", "other",
}
PEOPLE_ROLES = {
    "head_of_state", "head_of_government", "minister", "military",
    "armed_group_leader", "religious", "diplomat", "other",
}
MISC_KINDS = {"currency", "religion", "scripture", "event", "tournament", "prize", "disease", "other"}
NEEDS_CONTEXT_VALUES = {"0", "1"}
# The only codes that are not ISO 3166-1 states: the two bodies whose nisba stands for them.
GROUP_CODES = {"EU", "UN"}

COUNTRY_CODE = re.compile(r"[A-Z]{2}")
LATIN_LETTER = re.compile(r"[A-Za-z]")
HARAKAT = re.compile("[\u064b-\u0652\u0670]")  # fathatan..sukun, and the superscript alef
# A form is Arabic letters (hamza..ya), ASCII digits (فرانس 24) and single spaces between words.
ARABIC_WORD = "[\u0621-\u063a\u0641-\u064a0-9]+"
ARABIC_FORM = re.compile(f"{ARABIC_WORD}(?: {ARABIC_WORD})*")
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

# Size floors: the lexicons may grow, never silently shrink.
MIN_STATES = 80
MIN_ORGANIZATION_ROWS = 250
MIN_PEOPLE_ROWS = 150
MIN_MISC_ROWS = 250

# Aliases that are ordinary words or common names: when listed at all, they need context.
AMBIGUOUS_ORGANIZATION_ALIASES = ("فتح", "القاعدة", "الشباب", "الجزيرة", "العربية", "الجهاد", "أمل", "الإخوان")
AMBIGUOUS_PEOPLE_ALIASES = ("الأسد", "عباس", "سلام", "سعيد", "البرهان", "الصدر", "السوداني")
# Misc aliases that are also ordinary words, adjectives or another entity (ريال: Real Madrid).
AMBIGUOUS_MISC_ALIASES = ("ريال", "الريال", "اليهودية", "المسيحية", "العهد الجديد", "العهد القديم", "المحرقة")
# Ordinary words that must never be an organization alias on their own.
FORBIDDEN_ORGANIZATION_ALIASES = ("الدولة", "التحالف", "الحكومة", "وزارة الدفاع", "وزارة الخارجية", "الجيش")

REQUIRED_ORGANIZATION_ALIASES = {
    "قوات سوريا الديمقراطية": "Syrian Democratic Forces",
    "قسد": "Syrian Democratic Forces",
    "وحدات حماية الشعب": "People's Protection Units",
    "حزب العمال الكردستاني": "Kurdistan Workers' Party",
    "بي كا كا": "Kurdistan Workers' Party",
    "داعش": "Islamic State",
    "تنظيم الدولة": "Islamic State",
    "هيئة تحرير الشام": "Hayat Tahrir al-Sham",
    "أنصار الله": "Houthis",
    "حزب الله": "Hezbollah",
    "حركة حماس": "Hamas",
    "حركة فتح": "Fatah",
    "الحرس الثوري": "Islamic Revolutionary Guard Corps",
    "قوات الدعم السريع": "Rapid Support Forces",
    "جيش الاحتلال": "Israel Defense Forces",
    "البنتاغون": "United States Department of Defense",
    "الكرملين": "Kremlin",
    "مجلس الأمن": "United Nations Security Council",
    "الناتو": "NATO",
    "المرصد السوري لحقوق الإنسان": "Syrian Observatory for Human Rights",
    "سانا": "Syrian Arab News Agency",
    "أ ف ب": "Agence France-Presse",
    "رويترز": "Reuters",
}
REQUIRED_PEOPLE_ALIASES = {
    "أحمد الشرع": "Ahmed al-Sharaa",
    "أبو محمد الجولاني": "Ahmed al-Sharaa",
    "ترامب": "Donald Trump",
    "بوتين": "Vladimir Putin",
    "أردوغان": "Recep Tayyip Erdogan",
    "نتنياهو": "Benjamin Netanyahu",
    "مظلوم عبدي": "Mazloum Abdi",
    "أنطونيو غوتيريش": "Antonio Guterres",
}
REQUIRED_MISC_FORMS = {
    "دولار": "United States dollar",
    "الدولار": "United States dollar",
    "اليورو": "Euro",
    "الليرة التركية": "Turkish lira",
    "الإسلام": "Islam",
    "القرآن الكريم": "Quran",
    "الحرب العالمية الثانية": "World War II",
    "الربيع العربي": "Arab Spring",
    "كأس العالم": "FIFA World Cup",
    "دوري أبطال أوروبا": "UEFA Champions League",
    "جائزة نوبل": "Nobel Prize",
}
REQUIRED_NISBA_FORMS = {
    "الأميركية": "United States",
    "الأمريكي": "United States",
    "السوري": "Syria",
    "السوريين": "Syria",
    "الفلسطيني": "Palestine",
    "الأكراد": "Kurds",
    "الكرد": "Kurds",
    "الحوثيين": "Houthis",
    "الأممية": "United Nations",
}


def rows_of(relpath: str) -> list[tuple[int, dict[str, str]]]:
    # Data rows are numbered from 2, as load_table numbers them (the header is line 1).
    return list(enumerate(load_table(relpath).rows, start=2))


def by_form(relpath: str) -> dict[str, list[dict[str, str]]]:
    forms: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in load_table(relpath).rows:
        forms[row["form"]].append(row)
    return forms


def names(relpath: str) -> set[str]:
    return set(load_table(relpath).column("name"))


@pytest.mark.parametrize("relpath", ENTITY_TABLES)
def test_entity_table_loads_with_its_columns(relpath: str) -> None:
    table: Table = load_table(relpath)
    assert table.columns == COLUMNS[relpath]
    assert table.rows, f"{relpath} has no rows"


@pytest.mark.parametrize("relpath", ENTITY_TABLES)
def test_forms_are_bare_arabic(relpath: str) -> None:
    for lineno, row in rows_of(relpath):
        form = row["form"]
        where = f"{relpath}: row {lineno} ({form!r})"
        assert unicodedata.normalize("NFC", form) == form, f"{where} is not NFC"
        assert not LATIN_LETTER.search(form), f"{where} has Latin letters"
        assert not HARAKAT.search(form), f"{where} has diacritics; keep lexicons bare"
        assert ARABIC_FORM.fullmatch(form), f"{where}: only Arabic letters, digits and single spaces"


@pytest.mark.parametrize("relpath", ENTITY_TABLES)
def test_names_are_english(relpath: str) -> None:
    for lineno, row in rows_of(relpath):
        name = row["name"]
        assert name and name == name.strip(), f"{relpath}: row {lineno} has an empty or padded name"
        assert not ARABIC_LETTER.search(name), f"{relpath}: row {lineno}: the name must be English ({name!r})"
        assert "  " not in name, f"{relpath}: row {lineno}: double space in {name!r}"


@pytest.mark.parametrize("relpath", ENTITY_TABLES)
def test_every_cell_is_nfc(relpath: str) -> None:
    for lineno, row in rows_of(relpath):
        for column, cell in row.items():
            assert unicodedata.normalize("NFC", cell) == cell, f"{relpath}: row {lineno}, {column} not NFC"


def test_nisba_rows_are_valid() -> None:
    codes_by_name: dict[str, set[str]] = defaultdict(set)
    for lineno, row in rows_of(NISBA):
        kind, name, code = row["kind"], row["name"], row["code"]
        where = f"{NISBA}: row {lineno} ({row['form']})"
        assert kind in NISBA_KINDS, f"{where}: kind {kind!r} not in {sorted(NISBA_KINDS)}"
        if kind == "state":
            assert COUNTRY_CODE.fullmatch(code), f"{where}: a state needs its ISO 3166-1 alpha-2 code"
            assert code not in GROUP_CODES, f"{where}: {code} is not a state code"
        elif kind == "group":
            assert code in GROUP_CODES | {""}, f"{where}: a group's code is EU, UN or empty"
        else:
            assert code == "", f"{where}: a {kind} has no code"
        codes_by_name[name].add(code)
    inconsistent = {name: codes for name, codes in codes_by_name.items() if len(codes) > 1}
    assert not inconsistent, f"{NISBA}: one name, several codes: {inconsistent}"


def test_nisba_states_have_distinct_codes() -> None:
    names_by_code: dict[str, set[str]] = defaultdict(set)
    for row in load_table(NISBA).rows:
        if row["kind"] == "state":
            names_by_code[row["code"]].add(row["name"])
    shared = {code: found for code, found in names_by_code.items() if len(found) > 1}
    assert not shared, f"{NISBA}: one code, several state names: {shared}"
    assert len(names_by_code) >= MIN_STATES, f"{NISBA}: only {len(names_by_code)} states"


def test_nisba_forms_are_unique_even_after_folding() -> None:
    # The nisba table has no needs_context column, so a form is never ambiguous; and two forms that fold
    # together (أ/ا, ة/ه, ى/ي) are one form to the matcher, so the second is redundant.
    folded: dict[str, list[str]] = defaultdict(list)
    for row in load_table(NISBA).rows:
        folded[fold(row["form"])].append(f"{row['form']} ({row['name']})")
    repeated = {key: found for key, found in folded.items() if len(found) > 1}
    assert not repeated, f"{NISBA}: forms that are one form after folding: {repeated}"


def test_nisba_group_names_match_organizations() -> None:
    groups = {row["name"] for row in load_table(NISBA).rows if row["kind"] == "group"}
    missing = groups - names(ORGANIZATIONS)
    assert not missing, f"{NISBA}: group names not in {ORGANIZATIONS}: {sorted(missing)}"


def test_organization_rows_are_valid() -> None:
    for lineno, row in rows_of(ORGANIZATIONS):
        where = f"{ORGANIZATIONS}: row {lineno} ({row['form']})"
        assert row["label"] in ORG_LABELS, f"{where}: label {row['label']!r}"
        assert row["kind"] in ORG_KINDS, f"{where}: kind {row['kind']!r}"
        assert row["country"] == "" or COUNTRY_CODE.fullmatch(row["country"]), f"{where}: country {row['country']!r}"
        assert row["needs_context"] in NEEDS_CONTEXT_VALUES, f"{where}: needs_context {row['needs_context']!r}"
    assert len(load_table(ORGANIZATIONS).rows) >= MIN_ORGANIZATION_ROWS


def test_people_rows_are_valid() -> None:
    for lineno, row in rows_of(PEOPLE):
        where = f"{PEOPLE}: row {lineno} ({row['form']})"
        assert row["role"] in PEOPLE_ROLES, f"{where}: role {row['role']!r}"
        assert row["country"] == "" or COUNTRY_CODE.fullmatch(row["country"]), f"{where}: country {row['country']!r}"
        assert row["needs_context"] in NEEDS_CONTEXT_VALUES, f"{where}: needs_context {row['needs_context']!r}"
    assert len(load_table(PEOPLE).rows) >= MIN_PEOPLE_ROWS


@pytest.mark.parametrize("relpath", [ORGANIZATIONS, PEOPLE, MISC_NAMES])
def test_one_name_per_table_entry(relpath: str) -> None:
    # The same name always carries the same label/kind/role and country.
    attributes = [c for c in COLUMNS[relpath] if c not in ("form", "name", "needs_context")]
    seen: dict[str, tuple[str, ...]] = {}
    for lineno, row in rows_of(relpath):
        values = tuple(row[c] for c in attributes)
        first = seen.setdefault(row["name"], values)
        assert first == values, f"{relpath}: row {lineno}: {row['name']} has {values}, earlier {first}"


@pytest.mark.parametrize("relpath", [ORGANIZATIONS, PEOPLE, MISC_NAMES])
def test_an_alias_with_several_names_needs_context(relpath: str) -> None:
    # Compared after folding, as the matcher sees them: البنتاغون and البنتاجون stay two aliases,
    # إسرائيل and اسرائيل would be one.
    folded: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in load_table(relpath).rows:
        folded[fold(row["form"])].append(row)
    for key, rows in folded.items():
        found = {row["name"] for row in rows}
        if len(rows) == 1:
            continue
        assert len(found) == len(rows), f"{relpath}: {key} is listed twice for {found} (a folded duplicate)"
        assert all(row["needs_context"] == "1" for row in rows), (
            f"{relpath}: {key} stands for {sorted(found)}; an ambiguous alias needs needs_context=1"
        )


def test_misc_rows_are_valid() -> None:
    for lineno, row in rows_of(MISC_NAMES):
        where = f"{MISC_NAMES}: row {lineno} ({row['form']})"
        assert row["kind"] in MISC_KINDS, f"{where}: kind {row['kind']!r} not in {sorted(MISC_KINDS)}"
        assert row["needs_context"] in NEEDS_CONTEXT_VALUES, f"{where}: needs_context {row['needs_context']!r}"
    assert len(load_table(MISC_NAMES).rows) >= MIN_MISC_ROWS


def test_a_misc_alias_is_not_an_organization_or_a_person_without_context() -> None:
    others = {fold(r["form"]): r["name"] for t in (ORGANIZATIONS, PEOPLE) for r in load_table(t).rows
              if r["needs_context"] == "0"}
    misc = {fold(r["form"]): r["name"] for r in load_table(MISC_NAMES).rows if r["needs_context"] == "0"}
    both = {key: (misc[key], others[key]) for key in misc.keys() & others.keys()}
    assert not both, f"aliases that name a misc entity and an organization or person without context: {both}"


def test_an_alias_is_not_both_an_organization_and_a_person() -> None:
    organizations = {fold(r["form"]): r["name"] for r in load_table(ORGANIZATIONS).rows if r["needs_context"] == "0"}
    people = {fold(r["form"]): r["name"] for r in load_table(PEOPLE).rows if r["needs_context"] == "0"}
    both = {key: (organizations[key], people[key]) for key in organizations.keys() & people.keys()}
    assert not both, f"aliases that name an organization and a person without context: {both}"


@pytest.mark.parametrize(
    ("relpath", "alias"),
    [(ORGANIZATIONS, a) for a in AMBIGUOUS_ORGANIZATION_ALIASES]
    + [(PEOPLE, a) for a in AMBIGUOUS_PEOPLE_ALIASES]
    + [(MISC_NAMES, a) for a in AMBIGUOUS_MISC_ALIASES],
)
def test_ordinary_words_need_context(relpath: str, alias: str) -> None:
    for row in by_form(relpath).get(alias, []):
        assert row["needs_context"] == "1", f"{relpath}: {alias} is an ordinary word or name; set needs_context=1"


@pytest.mark.parametrize("alias", FORBIDDEN_ORGANIZATION_ALIASES)
def test_generic_words_are_not_organizations(alias: str) -> None:
    assert alias not in by_form(ORGANIZATIONS), f"{ORGANIZATIONS}: {alias} alone is not a canonical name"


@pytest.mark.parametrize(
    ("relpath", "form", "name"),
    [(ORGANIZATIONS, f, n) for f, n in REQUIRED_ORGANIZATION_ALIASES.items()]
    + [(PEOPLE, f, n) for f, n in REQUIRED_PEOPLE_ALIASES.items()]
    + [(NISBA, f, n) for f, n in REQUIRED_NISBA_FORMS.items()]
    + [(MISC_NAMES, f, n) for f, n in REQUIRED_MISC_FORMS.items()],
)
def test_required_entries(relpath: str, form: str, name: str) -> None:
    rows = by_form(relpath).get(form, [])
    assert rows, f"{relpath}: {form} is missing"
    assert {row["name"] for row in rows} == {name}, f"{relpath}: {form} should stand for {name}"


@pytest.mark.parametrize("relpath", NAME_TABLES)
def test_name_tables_are_bare_and_valid(relpath: str) -> None:
    table = load_table(relpath)
    assert table.columns == COLUMNS[relpath]
    assert table.rows, f"{relpath} has no rows"
    for lineno, row in rows_of(relpath):
        form = row["form"]
        where = f"{relpath}: row {lineno} ({form!r})"
        assert unicodedata.normalize("NFC", form) == form, f"{where} is not NFC"
        assert not HARAKAT.search(form), f"{where} has diacritics; keep lexicons bare"
        assert ARABIC_FORM.fullmatch(form), f"{where}: only Arabic letters, digits and single spaces"
        assert row["origin"] in NAME_ORIGINS, f"{where}: origin {row['origin']!r}"
        if "gender" in row:
            assert row["gender"] in NAME_GENDERS, f"{where}: gender {row['gender']!r}"


@pytest.mark.parametrize("relpath", NAME_TABLES)
def test_name_table_forms_are_unique_after_folding(relpath: str) -> None:
    folded: dict[str, list[str]] = defaultdict(list)
    for row in load_table(relpath).rows:
        folded[fold(row["form"])].append(row["form"])
    repeated = {key: found for key, found in folded.items() if len(found) > 1}
    assert not repeated, f"{relpath}: forms that are one form after folding: {repeated}"
