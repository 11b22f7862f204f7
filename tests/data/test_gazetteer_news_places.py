"""Places the news names often that GeoNames lacks or spells otherwise: curated entries and aliases."""

from __future__ import annotations

import pytest

from marsad.resources.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_holy_sites_are_facilities(gazetteer: Gazetteer) -> None:
    aqsa = gazetteer.lookup("المسجد الأقصى")[0]
    assert aqsa.feature == "facility" and aqsa.country == "PS"
    assert gazetteer.lookup("الحرم القدسي الشريف")[0] == aqsa
    assert gazetteer.lookup("قبة الصخرة")[0].key != aqsa.key
    assert abs(gazetteer.lookup("الحرم الإبراهيمي")[0].lat - 31.5) < 0.1  # Hebron, not Jerusalem


def test_news_spellings_of_world_cities(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("سوتشي")[0].geonameid == 491422
    assert gazetteer.lookup("هرتسليا")[0].country == "IL"
    assert gazetteer.lookup("روستوف")[0].name == "Rostov-on-Don"  # the big city before Rostov Veliky
    assert gazetteer.lookup("بيونغ يانغ")[0].geonameid == 1871859
    assert gazetteer.lookup("كراكاس")[0].country == "VE"
    assert gazetteer.lookup("سالزبوري")[0].country == "GB"


def test_islands_and_regions(gazetteer: Gazetteer) -> None:
    assert {e.key for e in gazetteer.lookup("تيران")} >= {"sa-island-tiran"}
    assert gazetteer.lookup("سيبيريا")[0].country == "RU"  # an exact name, before a fuzzy Sevilla
    assert gazetteer.lookup("جوبالاند")[0].country == "SO"


def test_frequent_words_are_not_indexed_as_minor_places(gazetteer: Gazetteer) -> None:
    for word in ("هزة", "سكين", "مليا", "خفر", "نوك", "السلاسل", "جنت"):
        assert gazetteer.lookup(word, article=False) == [], word
        assert gazetteer.is_common_word(word), word
    assert gazetteer.is_common_word("معبر") and gazetteer.lookup("معبر", article=False)  # marked, still found
    assert gazetteer.lookup("الميادين")[0].country == "SY"
