"""A front noun before a place (جبهة الحديدة) is the front at the place, not an organisation."""

from __future__ import annotations

from marsad.model.annotations import EntityLabel
from marsad.stages.entities import Candidate, merge
from marsad.text.normalize import fold


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(fold(part))
    return start, start + len(fold(part))


def _crf(text: str, part: str, label: EntityLabel) -> Candidate:
    return Candidate(*_span(text, part), label, None, None, "entities.crf", from_lexicon=False)


def _place(text: str, part: str) -> Candidate:
    return Candidate(*_span(text, part), EntityLabel.LOC, None, None, "entities.gazetteer.name")


def test_the_place_wins_over_an_organisation_made_of_a_front_noun_and_the_place() -> None:
    text = fold("واشتدت المعارك على جبهة الحديدة خلال الليل")
    merged = merge([_place(text, "الحديدة")], [_crf(text, "جبهة الحديدة", EntityLabel.ORG)], text)
    assert [(text[c.start:c.end], c.label) for c in merged] == [(fold("الحديدة"), EntityLabel.LOC)]


def test_a_front_that_names_a_group_stays_an_organisation() -> None:
    # no place follows the front noun: the group's name stands
    text = fold("وأعلنت جبهة التحرير مسؤوليتها")
    merged = merge([], [_crf(text, "جبهة التحرير", EntityLabel.ORG)], text)
    assert [c.label for c in merged] == [EntityLabel.ORG]
    # another head word before the place is left to the longest-span rule
    text = fold("وقال بيان حزب الحديدة الوطني")
    merged = merge([_place(text, "الحديدة")], [_crf(text, "حزب الحديدة الوطني", EntityLabel.ORG)], text)
    assert [c.label for c in merged] == [EntityLabel.ORG]
