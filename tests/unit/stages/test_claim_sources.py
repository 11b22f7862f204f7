"""Claim sources: a name in apposition to a title, and officials of a state, on sentences written for
these tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from marsad.model.document import Analysis, Document
from marsad.pipeline import Pipeline
from marsad.stages.claims import ClaimAttributor
from marsad.stages.entities import EntityTagger
from marsad.stages.places import PlaceResolver
from marsad.stages.quantities import QuantityTagger
from marsad.stages.times import TimeTagger
from marsad.text.normalize import fold


class NamesTagger:
    """A stand-in for the CRF: tags the listed tokens as persons."""

    def __init__(self, names: set[str]) -> None:
        self.names = {fold(n) for n in names}

    def tag_document(self, sentences: Sequence[Sequence[str]],
                     lexicon_tags: Sequence[Sequence[frozenset[str]]] | None = None) -> list[list[str]]:
        out = []
        for tokens in sentences:
            tags, inside = [], False
            for t in tokens:
                tags.append(("I-PER" if inside else "B-PER") if t in self.names else "O")
                inside = t in self.names
            out.append(tags)
        return out


def run(text: str, names: frozenset[str] = frozenset()) -> Analysis:
    pipeline = Pipeline([EntityTagger.from_resources(crf=NamesTagger(set(names))), PlaceResolver.from_resources(),
                         TimeTagger.from_resources(), QuantityTagger.from_resources(),
                         ClaimAttributor.from_resources()])
    return pipeline.run(Document(id="t", text=text, dateline=date(2025, 3, 10)))


def sources(analysis: Analysis) -> list[tuple[str, str]]:
    text = analysis.document.text
    return [(text[c.source.start : c.source.end] if c.source else "", c.source_type)
            for c in analysis.layer("claims")]


def test_a_name_after_a_title_and_comma_is_part_of_the_source_and_a_later_surname_refers_back() -> None:
    text = ("وقال نائب مدير مكتب التنسيق الأمريكي، جون سميث، إن الاجتماع تأجل. "
            "وأضاف سميث أن الموعد الجديد لم يحدد.")
    found = sources(run(text, frozenset({"جون", "سميث"})))
    assert found[0] == ("نائب مدير مكتب التنسيق الأمريكي، جون سميث", "government")
    assert found[1] == ("سميث", "government")


def test_an_anonymous_source_does_not_take_the_name_after_the_comma() -> None:
    found = sources(run("وبحسب المصادر، فإن كمال ناصر غادر البلاد.", frozenset({"كمال", "ناصر"})))
    assert all("ناصر" not in source for source, _ in found)


def test_an_official_of_a_state_is_its_government_but_not_a_member_of_parliament_or_a_doctor() -> None:
    assert sources(run("وقال مسؤول أمريكي إن المحادثات مستمرة."))[0][1] == "government"
    assert sources(run("وقال النائب الكويتي إن الجلسة تأجلت."))[0][1] == "official"
    assert sources(run("وقال مصدر طبي إن الجرحى نقلوا إلى المستشفى."))[0][1] == "official"


def test_a_state_that_accuses_is_the_source_and_the_accused_after_it_is_not() -> None:
    assert sources(run("وتتهم موسكو الأمريكيين بعرقلة الاتفاق."))[0] == ("موسكو", "government")
    found = sources(run("وأكدت طهران الرسمية أن الوفد سيصل غدا."))
    assert found[0][0] == "طهران الرسمية"


def claims_of(text: str) -> list[tuple[str, str, str, str]]:
    analysis = run(text)
    t = analysis.document.text
    return [(t[c.cue.start : c.cue.end], t[c.source.start : c.source.end] if c.source else "", c.certainty,
             t[c.content.start : c.content.end] if c.content else "") for c in analysis.layer("claims")]


def test_a_verbal_noun_with_its_speaker_and_what_was_said_is_a_claim() -> None:
    found = claims_of("وتراجعت الحكومة عن خطتها بعد تحذير الأمم المتحدة من كارثة إنسانية في المدينة.")
    assert found and found[0][:3] == ("تحذير", "الأمم المتحدة", "reported")
    assert found[0][3].startswith("كارثة إنسانية")
    found = claims_of("ويأتي ذلك بعد تأكيد مصادر عسكرية أن القوات انسحبت من الموقع.")
    assert found and found[0][:3] == ("تأكيد", "مصادر عسكرية", "asserted")


def test_a_verbal_noun_without_a_speaker_or_without_what_was_said_is_not_a_claim() -> None:
    assert claims_of("وصدرت تحذيرات كثيرة في الأيام الماضية.") == []  # no speaker
    assert claims_of("وأثارت تصريحات الوزير غضبا واسعا في البرلمان.") == []  # nothing said follows
    assert claims_of("ولم يلتفت أحد إلى التحذير من الفيضان.") == []  # with the article: not in construct


def test_a_pronoun_after_the_cue_or_the_outlet_spoken_to_is_not_the_speaker() -> None:
    found = sources(run("وقالت وزارة الصحة في بيان لها إن عدد المصابين ارتفع."))
    assert found and all(source == "وزارة الصحة" for source, _ in found)
    found = sources(run("وقال الطبيب في تصريح لوكالة رويترز إن الحالة مستقرة."))
    assert found and all(source == "الطبيب" for source, _ in found)
    found = sources(run("وقال له المسؤول الأمريكي إن الاتفاق قريب."))
    assert found[0][0] == "المسؤول الأمريكي"
    assert all(source not in ("له", "فيه", "بـ") for source, _ in sources(run('ووصفه بـ"الخطأ الكبير" في حديثه.')))


def test_a_latin_outlet_spoken_to_is_not_the_speaker() -> None:
    found = sources(run("وقالت النائبة لـCNN إن التصويت سيجري الأسبوع المقبل."))
    assert found and all("CNN" not in source for source, _ in found)
    assert found[0][0] == "النائبة"
