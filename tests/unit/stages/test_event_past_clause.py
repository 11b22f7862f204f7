"""A war or campaign told as over by the past verb that follows it (sentences written for these tests)."""

from __future__ import annotations

import pytest
from test_event_status_aspect import status_of


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # a past verb right after the noun, or after a relative pronoun that follows it
        ("وأنهكت الحرب التي خاضها البلد ثماني سنوات اقتصاده.", "حرب", "completed"),
        ("وخلفت حملة عسكرية استمرت شهرين دمارا واسعا في الريف.", "حملة عسكرية", "completed"),
        ("وتحدث التقرير عن العمليات العسكرية الواسعة التي شهدتها القرى.", "عمليات العسكرية", "completed"),
        ("وتحدث الشهود عن المعارك التي انتهت بانسحاب المسلحين.", "معارك", "completed"),
        # a present verb in the relative clause, or none at all: it goes on
        ("ويدفع المدنيون ثمن الحرب التي تخوضها الفصائل في الجنوب.", "حرب", "ongoing"),
        ("ويدفع المدنيون ثمن الحرب في الجنوب.", "حرب", "ongoing"),
        # a verb of launching says when it began, not that it is over
        ("وتتواصل الحملة العسكرية التي أطلقها الجيش في الريف.", "حملة العسكرية", "ongoing"),
        ("وقتل المئات في الحرب التي شنها التحالف على البلاد.", "حرب", "ongoing"),
        # a past verb further on, in another clause, says nothing about the war
        ("وتتواصل المعارك في الريف الغربي، وشن الطيران غارات على المدينة.", "معارك", "ongoing"),
    ],
)
def test_a_past_verb_after_an_activity_noun_tells_it_as_over(text: str, trigger: str, status: str) -> None:
    assert status_of(text, trigger) == status
