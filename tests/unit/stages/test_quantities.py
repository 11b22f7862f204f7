"""Quantities stage: counted amounts, bounds, ranges, vague amounts, duals, and what is not an amount."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.model.annotations import Quantity, TimeExpression, TimeType
from marsad.model.document import Analysis, Document
from marsad.model.spans import Provenance, Span
from marsad.resources.lexicons import load_table
from marsad.stages.base import TextView
from marsad.stages.quantities import (
    COUNTED_NOUNS,
    QuantityTagger,
    accusative_form,
    build_noun_lexicon,
    dual_forms,
)
from marsad.text.normalize import fold

TAGGER = QuantityTagger.from_resources()


def quantities_of(text: str, times: tuple[TimeExpression, ...] = ()) -> list[Quantity]:
    analysis = Analysis(Document(id="t", text=text, dateline=None)).with_layer("times", times)
    found = list(TAGGER.annotate(analysis, TextView.of(text))["quantities"])
    for q in found:
        assert 0 <= q.span.start < q.span.end <= len(text)
    return found


def texts(text: str) -> list[str]:
    return [q.span.text_in(text) for q in quantities_of(text)]


def only(text: str, expected_span: str) -> Quantity:
    found = [q for q in quantities_of(text) if q.span.text_in(text) == expected_span]
    assert len(found) == 1, (expected_span, texts(text))
    return found[0]


# (sentence, span text, value, low, high, unit)
CASES = [
    # plain counts: digits, Arabic-Indic digits, words, accusative singular after 11..99
    ("وصلت إلى الميناء 12 سفينة محملة بالقمح.", "12 سفينة", 12, 12, 12, "ship"),
    ("نقلت القافلة ٢٤٠ طناً من الطحين.", "٢٤٠ طناً", 240, 240, 240, "tonne"),
    ("اعتقلت الدورية سبعة مسلحين قرب الحاجز.", "سبعة مسلحين", 7, 7, 7, "gunman"),
    ("قضى خمسة وعشرون مدنياً في القصف.", "خمسة وعشرون مدنياً", 25, 25, 25, "civilian"),
    ("أوقفت الشرطة 35 مشتبها و18 عنصرا من الخلية.", "18 عنصرا", 18, 18, 18, "member"),
    ("سقط في المواجهات 14 قتيلاً و60 جريحا.", "14 قتيلاً", 14, 14, 14, "killed"),
    ("سقط في المواجهات 14 قتيلاً و60 جريحا.", "60 جريحا", 60, 60, 60, "wounded"),
    ("أطلق الجيش ثلاثة آلاف قذيفة على المدينة.", "ثلاثة آلاف قذيفة", 3000, 3000, 3000, "shell"),
    ("يبلغ طول الجدار 3.5 كيلومتر.", "3.5 كيلومتر", 3.5, 3.5, 3.5, "kilometre"),
    ("يقع المعبر على بعد 45 كلم من العاصمة.", "45 كلم", 45, 45, 45, "kilometre"),
    ("أطلقت الفصائل 4 صواريخ باتجاه المطار.", "4 صواريخ", 4, 4, 4, "missile"),
    ("شنت المقاتلات 27 غارة على مواقع التنظيم.", "27 غارة", 27, 27, 27, "airstrike"),
    ("هدمت الجرافات 9 منازل في القرية.", "9 منازل", 9, 9, 9, "house"),
    ("تسلم الصندوق 1,250 برميلا من النفط.", "1,250 برميلا", 1250, 1250, 1250, "barrel"),
    ("دمر الزلزال 600 مبنى.", "600 مبنى", 600, 600, 600, "building"),
    ("زرع المزارعون 80 هكتارا بالقمح.", "80 هكتارا", 80, 80, 80, "hectare"),
    ("أعلنت الوزارة أن 6 دول وافقت على الخطة.", "6 دول", 6, 6, 6, "country"),
    # approximations
    ("يقدر عدد العالقين بنحو 400 شخص.", "نحو 400 شخص", 400, 360, 440, "person"),
    ("نزح حوالي ألف مدني من الحي.", "حوالي ألف مدني", 1000, 900, 1100, "civilian"),
    ("وصل قرابة 300 لاجئ إلى الجزيرة.", "قرابة 300 لاجئ", 300, 270, 330, "refugee"),
    ("جرح زهاء 50 متظاهرا في التظاهرة.", "زهاء 50 متظاهرا", 50, 45, 55, "protester"),
    ("تضم القاعدة ما يقارب 2000 جندي.", "ما يقارب 2000 جندي", 2000, 1800, 2200, "soldier"),
    ("عاد إلى البلدة 70 نازحا تقريبا.", "70 نازحا تقريبا", 70, 63, 77, "displaced person"),
    # bounds
    ("احتجز الحراس أكثر من 90 مهاجرا.", "أكثر من 90 مهاجرا", 90, 90, None, "migrant"),
    ("بلغت الخسائر ما يزيد عن 3 ملايين دولار.", "ما يزيد عن 3 ملايين دولار", 3e6, 3e6, None, "dollar"),
    ("شارك ما يزيد على 40 طبيبا في القافلة.", "ما يزيد على 40 طبيبا", 40, 40, None, "doctor"),
    ("هاجر أزيد من 500 شاب إلى أوروبا.", "أزيد من 500 شاب", 500, 500, None, "young man"),
    ("بقي في المخيم أقل من 200 عائلة.", "أقل من 200 عائلة", 200, None, 200, "family"),
    ("يعيش في القرية ما دون 80 شخصا.", "ما دون 80 شخصا", 80, None, 80, "person"),
    ("أصيب 11 شرطيا على الأقل بالحجارة.", "11 شرطيا على الأقل", 11, 11, None, "police officer"),
    ("أسفر الانفجار عن ما لا يقل عن 23 ضحية.", "ما لا يقل عن 23 ضحية", 23, 23, None, "victim"),
    ("تجاوز عدد الجرحى 150 جريحا.", "150 جريحا", 150, 150, 150, "wounded"),
    ("سجلت الوزارة حصيلة تتجاوز 150 إصابة.", "تتجاوز 150 إصابة", 150, 150, None, "injury"),
    ("يشترط القانون ألا يتجاوز العجز 3% من الناتج.", "3%", 3, 3, 3, "percent"),
    ("يجب ألا يتجاوز 3% من الناتج.", "ألا يتجاوز 3%", 3, None, 3, "percent"),
    ("اعتقل الأمن أكثر من1200 متظاهر.", "أكثر من1200 متظاهر", 1200, 1200, None, "protester"),
    ("تعهدت الحكومة بتوفير ما يصل إلى 900 خيمة.", "ما يصل إلى 900 خيمة", 900, None, 900, "tent"),
    ("ارتفعت الحصيلة لتصل إلى 64 قتيلا.", "64 قتيلا", 64, 64, 64, "killed"),
    # ranges: value is the low end
    ("تراوح عدد الأسرى بين 30 و40 أسيرا.", "بين 30 و40 أسيرا", 30, 30, 40, "captive"),
    ("يحتاج المشروع من 5 إلى 8 ملايين يورو.", "من 5 إلى 8 ملايين يورو", 5e6, 5e6, 8e6, "euro"),
    ("أصيب ثلاثة أو أربعة أطفال.", "ثلاثة أو أربعة أطفال", 3, 3, 4, "child"),
    ("تبعد الجبهة 10-15 كيلومترا عن المدينة.", "10-15 كيلومترا", 10, 10, 15, "kilometre"),
    # vague amounts
    ("احتشد عشرات المستوطنين عند المدخل.", "عشرات المستوطنين", None, 20, 99, "settler"),
    ("أطلق الحرس سراح العشرات من المعتقلين.", "العشرات من المعتقلين", None, 20, 99, "detainee"),
    ("دخلت مئات الشاحنات إلى القطاع.", "مئات الشاحنات", None, 200, 999, "truck"),
    ("فر آلاف السوريين من المعارك.", "آلاف السوريين", None, 2000, 9999, "person"),
    ("خرج عشرات الآلاف إلى الشوارع.", "عشرات الآلاف", None, 20000, 99999, None),
    ("تجاوزت الكلفة ملايين الدولارات.", "ملايين الدولارات", None, 2e6, 9999999, "dollar"),
    ("نزح مئات الآلاف من السكان.", "مئات الآلاف من السكان", None, 200000, 999999, "resident"),
    ("بقي بضعة جنود في الموقع.", "بضعة جنود", None, 3, 9, "soldier"),
    # money and percent
    ("رصد المانحون مليون دولار للإغاثة.", "مليون دولار", 1e6, 1e6, 1e6, "dollar"),
    ("خصص البنك 5 ملايين يورو للمشروع.", "5 ملايين يورو", 5e6, 5e6, 5e6, "euro"),
    ("بيع البيت بمبلغ 750 ألف جنيه.", "750 ألف جنيه", 750000, 750000, 750000, "pound"),
    ("دفعت الشركة غرامة 40 ألف درهم.", "40 ألف درهم", 40000, 40000, 40000, "dirham"),
    ("ارتفع التضخم 50 في المئة.", "50 في المئة", 50, 50, 50, "percent"),
    ("ارتفعت البطالة 12 بالمئة.", "12 بالمئة", 12, 12, 12, "percent"),
    ("انخفضت الصادرات 8% هذا الربع.", "8%", 8, 8, 8, "percent"),
    # nisba plurals and singulars of people
    ("قتل في الكمين 4 أفغانيين.", "4 أفغانيين", 4, 4, 4, "person"),
    ("اعتقلت السلطات 26 تونسيا على الحدود.", "26 تونسيا", 26, 26, 26, "person"),
    ("سجل في الإحصاء 3000 مغربي مقيم.", "3000 مغربي", 3000, 3000, 3000, "person"),
    # unknown nouns: still a quantity, unit None, span the number alone
    ("صادرت الجمارك 300 صندوق من السجائر.", "300", 300, 300, 300, None),
    # "others", partitive من with a possessive suffix, construct plural
    ("قتل 5 جنود وأصيب 9 آخرون.", "9 آخرون", 9, 9, 9, None),
    ("أسر المهاجمون اثنين من حراسه.", "اثنين من حراسه", 2, 2, 2, "guard"),
    ("قتل 12 من مقاتلي الحركة.", "12 من مقاتلي", 12, 12, 12, "fighter"),
]


@pytest.mark.parametrize(("text", "span", "value", "low", "high", "unit"), CASES)
def test_amounts(
    text: str, span: str, value: float | None, low: float | None, high: float | None, unit: str | None
) -> None:
    q = only(text, span)
    assert (q.value, q.low, q.high, q.unit) == (value, low, high, unit)


DUALS = [
    ("أرسلت البحرية الأمريكية حاملتي طائرات إلى المتوسط.", "حاملتي طائرات", "aircraft carrier"),
    ("تتمركز حاملتا الطائرات قرب السواحل.", "حاملتا الطائرات", "aircraft carrier"),
    ("قتل جنديين في انفجار لغم.", "جنديين", "soldier"),
    ("سلم المسلحون رهينتين إلى الوسطاء.", "رهينتين", "hostage"),
    ("انسحبت القوات من القاعدتين الجويتين.", "القاعدتين", "base"),
    ("وقال المصدران إن المفاوضات تعثرت.", "المصدران", "source"),
    ("تحدث الوزيران عن الأزمة.", "الوزيران", "minister"),
    ("وقعت الحكومة مع البلدين اتفاقا.", "البلدين", "country"),
    ("سقطت قذيفتان على السوق.", "قذيفتان", "shell"),
    ("اجتاح السيل مبنيين في الحي.", "مبنيين", "building"),
    ("شهد البلد تحسنا في العامين الأخيرين وقصف الطيران قاعدتي الشعيرات والتيفور.",
     "قاعدتي", "base"),
    ("أصيب طفلان اثنان بجروح.", "طفلان اثنان", "child"),
]


@pytest.mark.parametrize(("text", "span", "unit"), DUALS)
def test_duals_count_two(text: str, span: str, unit: str) -> None:
    q = only(text, span)
    assert (q.value, q.low, q.high, q.unit) == (2, 2, 2, unit)
    assert q.provenance.rule.startswith("quantities.dual.")


def test_dual_bounds_and_one() -> None:
    q = only("خطف المسلحون شخصين على الأقل.", "شخصين على الأقل")
    assert (q.value, q.low, q.high) == (2, 2, None)
    q = only("صوتت دولة واحدة ضد القرار.", "دولة واحدة")
    assert (q.value, q.low, q.high, q.unit) == (1, 1, 1, "country")


def test_dual_spelled_like_a_plural_is_not_a_dual() -> None:
    # مدنيين is the plural of مدني (civilians), not "two civilians"
    assert texts("استهدف القصف المدنيين في السوق.") == []
    assert texts("طالب المقاتلين بالانسحاب.") == []


def test_construct_dual_needs_a_word_after_it() -> None:
    assert texts('قال الأب: "أحب عائلتي".') == []


def test_dual_forms_are_built_by_rule() -> None:
    assert set(dual_forms("جندي")) == {"جنديان", "جنديين"}
    assert set(dual_forms("قاعدة")) == {"قاعدتان", "قاعدتين", "قاعدتا", "قاعدتي"}
    assert set(dual_forms("مبنى")) == {"مبنيان", "مبنيين"}
    assert "حاملتي طائرات" in dual_forms("حاملة طائرات")
    assert "حاملتي الطائرات" in dual_forms("حاملة طائرات")
    assert "كيلو مترين" in dual_forms("كيلو متر")
    assert dual_forms("%") == []


def test_accusative_form() -> None:
    assert accusative_form("جندي") == "جنديا"
    assert accusative_form("كيلو متر") == "كيلو مترا"
    assert accusative_form("شاحنة") is None
    assert accusative_form("مبنى") is None
    assert accusative_form("%") is None


@pytest.mark.parametrize(
    "text",
    [
        "تنص المادة 50 من الدستور على ذلك.",
        "صدر المرسوم رقم 17 أمس.",
        "دعا إلى تطبيق القرار 2254 بالكامل.",
        "ينص البند 4 على وقف النار.",
        "وردت في الفقرة 3 من البيان.",
        "نشرت في الصفحة 12 من العدد.",
        "وقع الحادث على الطريق 90 قرب الساحل.",
        "سجل الهدف في الدقيقة 77.",
        "اشترت الدولة مقاتلات إف-35 ومنظومة إس-400.",
        "انتهت المباراة بنتيجة 2-1.",
        "وصلت الطائرة عند 14:30 بالتوقيت المحلي.",
        "صدر الحكم في 3/11/2019.",
        "اندلعت الحرب عام 1967 وتجددت في 2006.",
        "وعاد اللاعب من الإصابة منذ 2019.",
        "جاء الفريق في المركز الحادي عشر.",
        "لست متأكدا من كمية الأمطار.",
        "وصل الوفدان في آن واحد.",
        "قال أحد المسؤولين إن الوضع هادئ.",
        "فقد نصف السكان منازلهم.",
        "سيستغرق البناء 3 أشهر.",
        "وصلوا بعد بضعة أيام.",
        "ستبدأ الهدنة في 26 من يوليو.",
        "وصل الموكب الساعة 10 صباحا.",
        "صوت 48،7 في المئة لصالح المرشح.",
        "قال مراسل فرانس 24 إن القصف توقف.",
    ],
)
def test_not_amounts(text: str) -> None:
    assert texts(text) == []


def test_year_with_a_counted_noun_is_an_amount_when_grammar_agrees() -> None:
    assert texts("شارك في المناورة 2000 جندي.") == ["2000 جندي"]
    assert texts("شارك في المناورة 2015 جنديا.") == ["2015 جنديا"]
    # the year is followed by a verb that looks like a noun: not a count of witnesses
    assert texts("في 2018 شاهد الجمهور المباراة.") == []


def test_time_layer_hides_numbers() -> None:
    text = "قضى في السجن 12 عاماً ثم أفرج عنه مع 40 سجيناً."
    start = text.index("12")
    end = start + len("12 عاماً")
    duration = TimeExpression(
        span=Span(start, end),
        type=TimeType.DURATION,
        value="P12Y",
        earliest=None,
        latest=None,
        provenance=Provenance("times", "test.duration"),
    )
    assert [q.span.text_in(text) for q in quantities_of(text, (duration,))] == ["40 سجيناً"]
    # a date held by the times layer hides its numbers even when no time word follows
    text = "وفي 15 آذار 2011 خرج 300 متظاهر."
    start = text.index("15")
    date_expr = TimeExpression(
        span=Span(start, start + len("15 آذار 2011")),
        type=TimeType.DATE,
        value="2011-03-15",
        earliest=date(2011, 3, 15),
        latest=date(2011, 3, 15),
        provenance=Provenance("times", "test.date"),
    )
    assert [q.span.text_in(text) for q in quantities_of(text, (date_expr,))] == ["300 متظاهر"]


def test_raw_spans_survive_diacritics_and_tatweel() -> None:
    tatweel = "\u0640"
    text = f"أُصيب نحو مئةِ شخصٍ، وقُتل ٣٣ جنـ{tatweel}ـدياً."
    found = quantities_of(text)
    assert [q.span.text_in(text) for q in found] == ["نحو مئةِ شخصٍ", f"٣٣ جنـ{tatweel}ـدياً"]
    assert found[0].value == 100
    assert found[1].value == 33 and found[1].unit == "soldier"
    assert found[1].noun is not None and found[1].noun.text_in(text) == f"جنـ{tatweel}ـدياً"


def test_proclitics_stay_outside_the_span() -> None:
    text = "تعهد المانحون بنحو 20 مليون دولار وبعشرات الآلاف من الخيام."
    assert texts(text) == ["نحو 20 مليون دولار", "عشرات الآلاف من الخيام"]
    text = "قتل 3 جنود و15 مدنيا."
    assert texts(text) == ["3 جنود", "15 مدنيا"]


def test_rule_ids_are_descriptive() -> None:
    rules = {
        "نشرت واشنطن نحو ألف جندي.": "quantities.approx.number_noun",
        "فر عشرات الأشخاص.": "quantities.vague.plural_of_ten_noun",
        "قتل جنديين.": "quantities.dual.noun",
        "أفرج عن أكثر من 50 معتقلا.": "quantities.lower.number_noun",
        "تراوح العدد بين 3 و5 قتلى.": "quantities.range.between_and_noun",
        "قتل 4 يمنيين.": "quantities.exact.number_nisba",
    }
    for text, rule in rules.items():
        found = quantities_of(text)
        assert [q.provenance.rule for q in found] == [rule], text
        assert found[0].provenance.stage == "quantities"


def test_approximate_flag_and_noun_span() -> None:
    text = "يعمل في المصنع حوالي 150 عاملا."
    q = only(text, "حوالي 150 عاملا")
    assert q.approximate
    assert q.noun is not None and q.noun.text_in(text) == "عاملا"
    assert not only("يعمل في المصنع 150 عاملا.", "150 عاملا").approximate


def test_several_amounts_in_order() -> None:
    text = "قتل 7 أشخاص وجرح 30 آخرون، بينهم 4 أطفال، ودمرت دبابتان."
    assert texts(text) == ["7 أشخاص", "30 آخرون", "4 أطفال", "دبابتان"]


def test_lines_are_not_crossed() -> None:
    assert texts("بلغ العدد 40\nجنديا") == ["40"]


def test_counted_noun_lexicon() -> None:
    table = load_table(COUNTED_NOUNS)
    assert len(table.rows) >= 80
    lexicon = build_noun_lexicon(table)
    assert lexicon.after_amount[fold("جنود")].unit == "soldier"
    assert lexicon.after_amount[fold("الشاحنات")].unit == "truck"
    assert lexicon.after_amount[fold("جنديا")].accusative
    assert fold("مدنيين") not in lexicon.duals
    assert lexicon.duals[fold("جنديين")].count == 2
    assert all(reading.unit for reading in lexicon.after_amount.values())


def test_stage_declares_its_layers() -> None:
    assert TAGGER.name == "quantities"
    assert TAGGER.requires == ("times",)
    assert TAGGER.assigns == ("quantities",)


def test_modifier_table_is_well_formed() -> None:
    rows = load_table("lexicons/ar/quantity_modifiers.tsv").rows
    kinds = {"approx", "lower", "upper", "range_between", "range_and", "range_from", "range_to", "range_or",
             "partitive"}
    assert {r["kind"] for r in rows} <= kinds
    assert {r["position"] for r in rows} <= {"pre", "post", "range", "noun"}


def test_vague_table_is_well_formed() -> None:
    for row in load_table("lexicons/ar/quantity_vague.tsv").rows:
        assert 0 < float(row["low"]) < float(row["high"])
        assert row["scale"] == "-" or float(row["scale"]) >= 1000


def test_context_table_roles() -> None:
    rows = load_table("lexicons/ar/quantity_context.tsv").rows
    assert {r["role"] for r in rows} == {"identifier", "time_after", "not_number", "other", "possessive"}
