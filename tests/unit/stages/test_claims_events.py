"""Claims, events and reasons on sentences written for these tests (lexicon-only entity layer)."""

from __future__ import annotations

from datetime import date

from marsad.model.annotations import Claim, Event, Reason
from marsad.model.document import Analysis, Document
from marsad.pipeline import Pipeline
from marsad.resources.entity_lexicon import entity_lexicon
from marsad.resources.gazetteer import Gazetteer
from marsad.stages.claims import ClaimAttributor
from marsad.stages.entities import EntityTagger
from marsad.stages.events import EventExtractor
from marsad.stages.places import PlaceResolver
from marsad.stages.quantities import QuantityTagger
from marsad.stages.reasons import ReasonFinder
from marsad.stages.times import TimeTagger

PIPELINE = Pipeline([
    EntityTagger(entity_lexicon(), Gazetteer.load(), None),
    PlaceResolver.from_resources(),
    TimeTagger.from_resources(),
    QuantityTagger.from_resources(),
    ClaimAttributor.from_resources(),
    EventExtractor.from_resources(),
    ReasonFinder.from_resources(),
])
DATELINE = date(2025, 3, 10)


def run(text: str) -> Analysis:
    return PIPELINE.run(Document(id="t", text=text, dateline=DATELINE))


def span_text(analysis: Analysis, span: object) -> str:
    assert span is not None
    return analysis.document.text[span.start : span.end]  # type: ignore[attr-defined]


def claims(text: str) -> tuple[Analysis, list[Claim]]:
    analysis = run(text)
    return analysis, list(analysis.layer("claims"))


def test_vso_claim_with_typed_anonymous_source_and_content() -> None:
    a, found = claims("وقال مصدر عسكري عراقي إن القوات ستغادر المدينة خلال أسبوعين.")
    assert len(found) == 1
    c = found[0]
    assert span_text(a, c.cue) == "قال"
    assert span_text(a, c.source).startswith("مصدر عسكري")
    assert c.source_type == "military" and c.certainty == "reported" and not c.named
    assert c.affiliation == "IQ"
    assert "ستغادر المدينة" in span_text(a, c.content)
    assert c.times and a.layer("times")[c.times[0]].latest == date(2025, 3, 24)


def test_certainty_from_the_cue() -> None:
    assert claims("ونفى المتحدث باسم الحكومة أن يكون الجيش قد قصف القرية.")[1][0].certainty == "denied"
    assert claims("ورجح دبلوماسي غربي أن تستأنف المفاوضات الشهر المقبل.")[1][0].certainty == "estimated"
    assert claims("وأكدت وزارة الخارجية أن السفير سيعود قريبا.")[1][0].certainty == "asserted"


def test_implied_subject_takes_the_earlier_speaker() -> None:
    a, found = claims('وقال الناشط الحقوقي إن الوضع صعب. وأوضح أن "المستشفيات تعمل بنصف طاقتها".')
    assert len(found) == 2
    assert span_text(a, found[1].source) == span_text(a, found[0].source)
    assert found[1].source_type == "ngo"


def test_anonymity_phrase_is_not_a_claim_and_marks_the_source_anonymous() -> None:
    _, found = claims("وقال مسؤول أمني، طالبا عدم الكشف عن هويته، إن الهجوم أسفر عن قتلى.")
    assert len(found) == 1 and not found[0].named


def test_trailing_attribution_takes_the_clause_before() -> None:
    a, found = claims("قتل خمسة مدنيين في قصف على البلدة، بحسب المرصد السوري لحقوق الإنسان.")
    c = found[0]
    assert span_text(a, c.cue) == "بحسب"
    assert "المرصد السوري" in span_text(a, c.source)
    assert c.source_type == "ngo" and c.named
    assert "قتل خمسة مدنيين" in span_text(a, c.content)


def test_a_verb_that_reports_nothing_is_not_a_claim() -> None:
    assert claims("ونشرت الحكومة ألفي جندي على الحدود.")[1] == []


def events(text: str) -> tuple[Analysis, list[Event]]:
    analysis = run(text)
    return analysis, list(analysis.layer("events"))


def test_event_status_from_form_and_cues() -> None:
    assert events("انسحبت القوات التركية من البلدة.")[1][0].status == "completed"
    assert events("ستنسحب القوات التركية من البلدة.")[1][0].status == "planned"
    assert events("تعتزم الحكومة الانسحاب من الاتفاق.")[1][0].status == "planned"
    assert events("وتشن الطائرات غارات مرارا على المنطقة.")[1][0].status == "recurring"


def _statuses(text: str) -> list[tuple[str, str, str]]:
    analysis, found = events(text)
    return [(span_text(analysis, e.trigger), e.type, e.status) for e in found]


def test_what_is_demanded_or_called_for_is_planned_but_not_what_it_is_about() -> None:
    assert ("إفراج", "CONCEDE", "planned") in _statuses("طالب المحتجون بالإفراج عن المعتقلين.")
    assert ("وقف إطلاق النار", "AGREE", "planned") in _statuses("دعت الأمم المتحدة إلى وقف إطلاق النار.")
    found = _statuses("طالبت المنظمة بتحقيق مستقل في الهجوم على القرية.")
    assert [(t, s) for t, _, s in found if t in ("تحقيق", "هجوم")] == [("تحقيق", "planned"), ("هجوم", "completed")]


def test_an_event_in_a_condition_is_planned() -> None:
    assert ("هجوما", "ASSAULT", "planned") in _statuses("وقال إن بلاده سترد في حال شن الجيش هجوما على الحدود.")


def test_the_object_of_a_present_verb_and_what_there_is_are_ongoing() -> None:
    assert ("هجوم", "ASSAULT", "ongoing") in _statuses("تدعم الحكومة الهجوم على المعقل الأخير.")
    assert ("هجوما", "ASSAULT", "completed") in _statuses("شن الجيش هجوما على المعقل الأخير.")
    assert ("انسحاب", "RETREAT", "ongoing") in _statuses("وقال المصدر إن هناك عملية انسحاب من القاعدة.")
    # هناك after a verb is "there", the place: it says nothing of the attack.
    assert ("هجوم", "ASSAULT", "completed") in _statuses("قتل هناك ثلاثة جنود في هجوم.")


def test_a_definite_multi_word_trigger_is_found() -> None:
    assert [(t, ty) for t, ty, _ in _statuses("وتواصل القوات العملية العسكرية في الريف.")] == [
        ("عملية العسكرية", "FIGHT")]


def test_event_type_actor_place_and_claim() -> None:
    a, found = events("وقال مصدر محلي إن القوات الروسية انسحبت من قاعدة حميميم الأسبوع الماضي.")
    retreat = [e for e in found if e.type == "RETREAT"]
    assert retreat and retreat[0].actor_name == "Russia"
    assert retreat[0].claims == (0,)
    assert retreat[0].places and a.layer("places")[retreat[0].places[0]].country == "SY"


def test_mentions_of_one_planned_withdrawal_fold_into_one_event() -> None:
    text = ("تخطط الولايات المتحدة لسحب قواتها من العراق. وقال مسؤول إن الانسحاب سيتم خلال عام. "
            "وأضاف أن الانسحاب سيكون تدريجيا.")
    _a, found = events(text)
    retreat = [e for e in found if e.type == "RETREAT"]
    assert len(retreat) == 1 and len(retreat[0].mentions) >= 3


def test_reporting_verbs_are_not_events() -> None:
    a, found = events("وقال الوزير إن الاجتماع كان مثمرا.")
    assert all(span_text(a, e.trigger) != "قال" for e in found)


def test_enumerated_reasons_explain_the_main_event() -> None:
    text = ("قررت الحكومة الانسحاب من الاتفاق لثلاثة أسباب. السبب الأول ضعف التمويل. "
            "والسبب الثاني غياب الضمانات. وأخيرا، تراجع الدعم الشعبي للاتفاق.")
    a = run(text)
    reasons: list[Reason] = list(a.layer("reasons"))
    assert len([r for r in reasons if r.kind == "enumerator"]) == 3
    main = [k for k, e in enumerate(a.layer("events")) if e.type == "RETREAT"]
    assert all(r.events == (main[0],) for r in reasons if r.kind == "enumerator")
    assert "ضعف التمويل" in span_text(a, reasons[0].span)


def test_causal_reason_explains_the_event_before_it() -> None:
    a = run("أغلقت السلطات المعبر بسبب الاشتباكات العنيفة.")
    reasons = list(a.layer("reasons"))
    assert reasons and "الاشتباكات" in span_text(a, reasons[0].span)
    assert reasons[0].events


def test_a_town_is_a_place_not_an_actor() -> None:
    _, found = events("وفي مدينة حلب، قصفت الطائرات الحي الشرقي.")
    assault = [e for e in found if e.type == "ASSAULT"]
    assert assault and assault[0].actor_name != "Aleppo"


def test_judicial_and_own_correspondent_sources_are_typed() -> None:
    assert claims("وقال مصدر قضائي إن المحكمة رفضت الطعن.")[1][0].source_type == "official"
    assert claims("وقال مراسلنا إن القصف استمر حتى الصباح.")[1][0].source_type == "media"


def test_a_surname_alias_that_needs_context_types_a_source_only_when_resolved() -> None:
    from dataclasses import replace

    from marsad.model.annotations import Entity, EntityLabel
    from marsad.model.spans import Provenance, Span

    stage = ClaimAttributor.from_resources()
    # المالكي alone needs a title to be Nouri al-Maliki; a bare CRF span of it says nothing of the role.
    crf_span = Entity(Span(0, 7), EntityLabel.PER, Provenance("entities", "entities.crf", "1"), None, None)
    assert stage._entity_type(crf_span, "المالكي") is None
    resolved = replace(crf_span, name="Nouri al-Maliki")
    assert stage._entity_type(resolved, "المالكي") == "government"
