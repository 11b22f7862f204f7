"""Times stage: the rule table's own examples, plus behaviour the examples do not pin down."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.errors import ResourceError
from marsad.model.annotations import TimeExpression, TimeType
from marsad.model.document import Analysis, Document
from marsad.resources import lexicons
from marsad.stages.base import TextView
from marsad.stages.times import TimeTagger, load_rules

TAGGER = TimeTagger.from_resources()
EXAMPLES = [(rule.id, *example) for rule in TAGGER.rules for example in rule.examples]


def times_of(text: str, dateline: date | None) -> list[TimeExpression]:
    analysis = Analysis(Document(id="t", text=text, dateline=dateline))
    return list(TAGGER.annotate(analysis, TextView.of(text))["times"])


def only(text: str, dateline: date | None) -> TimeExpression:
    found = times_of(text, dateline)
    assert len(found) == 1, [(text[t.span.start : t.span.end], t.value) for t in found]
    return found[0]


def test_every_rule_has_examples() -> None:
    assert all(rule.examples for rule in TAGGER.rules)


@pytest.mark.parametrize(("rule_id", "text", "dateline", "value", "earliest", "latest"), EXAMPLES)
def test_rule_examples(rule_id: str, text: str, dateline: str, value: str, earliest: str, latest: str) -> None:
    found = times_of(text, date.fromisoformat(dateline))
    got = [(t.value, t.earliest.isoformat() if t.earliest else "", t.latest.isoformat() if t.latest else "")
           for t in found]
    assert (value, earliest, latest) in got, (rule_id, got)


def test_spans_point_into_the_raw_text_with_diacritics() -> None:
    text = "وقالَ إنّهم سيغادرونَ خلالَ ثلاثةِ أسابيعَ."
    t = only(text, date(2025, 1, 6))
    assert text[t.span.start : t.span.end] == "خلالَ ثلاثةِ أسابيعَ"
    assert (t.value, t.earliest, t.latest) == ("P3W", date(2025, 1, 6), date(2025, 1, 27))


def test_arabic_indic_digits_in_a_date() -> None:
    t = only("صدر القرار في ٢٣/٢/٢٠٢٦", date(2026, 3, 1))
    assert t.value == "2026-02-23"


def test_without_a_dateline_relative_times_stay_relative() -> None:
    t = only("زار الوزير المدينة الشهر الماضي", None)
    assert t.anchored is False
    assert t.earliest is None and t.latest is None
    assert t.direction == "past"
    absolute = only("وقع الزلزال في 6 شباط 2023", None)
    assert absolute.value == "2023-02-06" and absolute.earliest == date(2023, 2, 6)


def test_deadline_direction_comes_from_the_verb() -> None:
    future = only("ستنسحب القوات خلال عشرة أيام", date(2024, 3, 1))
    assert (future.earliest, future.latest) == (date(2024, 3, 1), date(2024, 3, 11))
    past = only("كانت القوات قد انسحبت خلال عشرة أيام", date(2024, 3, 1))
    assert past.type is TimeType.DURATION and past.earliest is None and past.latest is None


def test_a_period_counted_from_an_event_is_not_anchored_to_the_dateline() -> None:
    t = only("أفرج عنه بعد ثلاثة أيام من اعتقاله", date(2024, 3, 1))
    assert t.earliest is None and t.latest is None


def test_bare_weekday_is_the_last_one_and_future_verb_turns_it_ahead() -> None:
    dateline = date(2024, 3, 6)  # a Wednesday
    assert only("اجتمع المجلس الاثنين", dateline).value == "2024-03-04"
    assert only("وقال المتحدث الأربعاء إن", dateline).value == "2024-03-06"
    assert only("وستعقد الجلسة الخميس", dateline).value == "2024-03-07"


def test_levantine_and_maghrebi_month_names() -> None:
    assert only("في 3 تشرين الثاني 2020", None).value == "2020-11-03"
    assert only("يوم 9 جوان 2021", None).value == "2021-06-09"
    assert only("في 1 كانون الثاني 2019", None).value == "2019-01-01"


def test_hijri_date_is_converted() -> None:
    t = only("الموافق 1 شوال 1444 هـ", None)
    assert t.earliest == date(2023, 4, 21)


def test_amount_after_a_four_digit_number_is_not_a_year() -> None:
    assert times_of("أرسلت الحكومة 2000 جندي إلى الحدود", date(2024, 1, 1)) == []


def test_one_expression_for_overlapping_rules() -> None:
    text = "تعيش البلاد أزمة منذ عام 2011 على الأقل"
    t = only(text, date(2020, 1, 1))
    assert text[t.span.start : t.span.end] == "منذ عام 2011"
    assert (t.earliest, t.latest) == (date(2011, 1, 1), date(2020, 1, 1))


def test_range_of_weeks_ahead() -> None:
    t = only("ستكتمل العملية من أسبوعين إلى أربعة أسابيع", date(2024, 1, 1))
    # a dual on the left side is not a number phrase; the right side still reads as a duration
    assert t.type is TimeType.DURATION


def test_unknown_resolver_in_rules_is_a_resource_error(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = b'[[rule]]\nid = "x"\nresolver = "nope"\npattern = "a"\n'
    monkeypatch.setattr("marsad.stages.times.data_bytes", lambda _path: bad)
    with pytest.raises(ResourceError, match="unknown resolver"):
        load_rules(TAGGER.words, TAGGER.numbers)


def test_unknown_placeholder_in_rules_is_a_resource_error(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = b'[[rule]]\nid = "x"\nresolver = "year"\npattern = "%NOPE%"\n'
    monkeypatch.setattr("marsad.stages.times.data_bytes", lambda _path: bad)
    with pytest.raises(ResourceError, match="unknown placeholder"):
        load_rules(TAGGER.words, TAGGER.numbers)


def test_lexicon_version_is_recorded() -> None:
    t = only("العام الماضي", date(2024, 5, 1))
    assert t.provenance.stage == "times"
    assert t.provenance.lexicon_version == lexicons.load_table("lexicons/ar/months.tsv").version
