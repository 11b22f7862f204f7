"""Event status from aspect, headlines, negated intentions, indirect questions and pointers back
(sentences written for these tests)."""

from __future__ import annotations

import pytest
from test_claims_events import run, span_text


def statuses(text: str) -> list[tuple[str, str, str]]:
    analysis = run(text)
    return [(span_text(analysis, m), e.type, e.status) for e in analysis.layer("events") for m in e.mentions]


def status_of(text: str, trigger: str) -> str:
    found = [s for t, _, s in statuses(text) if t == trigger]
    assert found, f"{trigger!r} not found in {statuses(text)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # a war or a battle goes on when nothing puts it in the past, even as the subject of a past verb
        ("وأدت المعارك في الإقليم إلى نزوح آلاف السكان.", "معارك", "ongoing"),
        ("وتسببت الحرب الدائرة منذ عام 2015 في دمار واسع.", "حرب", "ongoing"),
        ("ولا تزال الحرب مستمرة في الشمال.", "حرب", "ongoing"),
        # a past time near it, or a word of ending, makes it done
        ("اندلع القتال في المدينة يوم الأحد الماضي.", "قتال", "completed"),
        ("وأدان الوزير القتال الذي شهدته المدينة الأسبوع الماضي.", "قتال", "completed"),
        ("انتهت الحرب بين البلدين بعد سنوات.", "حرب", "completed"),
        ("وتوقف القتال في المدينة.", "قتال", "completed"),
        # the time of the report, across its attribution, does not date the fighting
        ("ونزح الآلاف بعد اشتداد القتال، وفقا لتقرير نشرته الأمم المتحدة الأسبوع الماضي.", "قتال", "ongoing"),
        # a punctual noun stays completed
        ("وأدت الغارة على الإقليم إلى نزوح آلاف السكان.", "غارة", "completed"),
    ],
)
def test_durative_nouns_go_on_unless_placed_in_the_past(text: str, trigger: str, status: str) -> None:
    assert status_of(text, trigger) == status


def test_since_before_an_event_dates_something_else() -> None:
    assert status_of("وهو أعنف يوم منذ عام 2019، عندما اندلعت اشتباكات في المدينة.", "اشتباكات") == "completed"


def test_the_definite_adjective_of_going_on_is_a_cue() -> None:
    assert status_of("وتبعد البلدة كيلومترات عن المعارك الجارية في الريف.", "معارك") == "ongoing"


def test_a_headline_tells_a_past_act_in_the_present_but_a_durative_verb_goes_on() -> None:
    text = "الجيش يعتقل قائدا في الميليشيا\nاعتقلت قوات الجيش صباح اليوم قائدا بارزا."
    assert status_of(text, "يعتقل") == "completed"
    assert status_of("القوات تتقدم نحو العاصمة\nوتقدمت القوات أمس مسافة كبيرة.", "تتقدم") == "ongoing"
    # the same present verb in the body is ongoing
    assert status_of("وتعتقل الشرطة المحتجين في الساحة.", "تعتقل") == "ongoing"


def test_a_negated_intention_denies_the_act() -> None:
    assert status_of("وقال المتحدث إن الجيش لم يخطط لاقتحام المخيم.", "اقتحام") == "denied"
    assert status_of("ولا تعتزم الحكومة سحب قواتها من الحدود.", "سحب") == "denied"
    assert status_of("وتعتزم الحكومة سحب قواتها من الحدود.", "سحب") == "planned"


def test_an_indirect_question_sets_no_condition() -> None:
    text = "وليس واضحا ما إذا كانت الحكومة تدعم الهجوم على المدينة."
    assert status_of(text, "تدعم") == "ongoing"
    assert status_of("وقال إن الجيش سيرد إذا تعرض لهجوم.", "هجوم") == "planned"


def test_a_doubled_verb_after_a_conjunction_is_found() -> None:
    found = statuses("وحث الوزير الأطراف على الحوار.")
    assert ("حث", "REQUEST", "completed") in found
    assert ("حوار", "CONSULT", "planned") in found


def test_a_pointer_back_takes_the_status_of_the_act_told() -> None:
    text = "قصفت الطائرات القرية فجرا. وتسعى الجماعة من خلال هذا القصف إلى ترهيب السكان."
    assert [s for _, _, s in statuses(text)] == ["completed", "completed"]
    # without the pointer the striving governs the noun
    assert status_of("وتسعى الجماعة إلى قصف القرية.", "قصف") == "planned"


@pytest.mark.parametrize(
    ("text", "trigger", "plover", "status"),
    [
        ("ووصلت قوات إضافية إلى الحدود.", "وصلت قوات", "MOBILIZE", "completed"),
        ("وتركز الحملة حاليا على قطع طرق الإمداد عن المسلحين.", "قطع طرق الإمداد", "COERCE", "ongoing"),
        ("ونفت الحكومة استخدام الأسلحة المحرمة.", "استخدام الأسلحة", "ASSAULT", "denied"),
        ("الحكومة توقف مشروع قرار في المجلس\nوقال دبلوماسيون إن النص لم يصدر.", "توقف مشروع قرار", "REJECT",
         "completed"),
    ],
)
def test_triggers_with_their_object(text: str, trigger: str, plover: str, status: str) -> None:
    assert (trigger, plover, status) in statuses(text)


@pytest.mark.parametrize("text", ["ووصل الوزير إلى العاصمة.", "وتم قطع الكهرباء عن الحي.", "ويجري استخدام الطريق."])
def test_the_bare_verbs_are_not_events(text: str) -> None:
    assert statuses(text) == []
