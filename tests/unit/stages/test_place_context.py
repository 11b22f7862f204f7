"""Place stage: sentence context, place nouns joined to the name, capitals named as places, bare place nouns."""

from __future__ import annotations

from marsad.model.annotations import Place
from marsad.model.document import Analysis, Document
from marsad.resources.entity_lexicon import entity_lexicon
from marsad.resources.gazetteer import Gazetteer
from marsad.stages.base import TextView
from marsad.stages.entities import EntityTagger
from marsad.stages.places import PlaceResolver

ENTITIES = EntityTagger(entity_lexicon(), Gazetteer.load(), None)
# With the shipped CRF: names the gazetteer matcher leaves to the tagger (الصدر after مدينة).
TAGGED = EntityTagger.from_resources()
PLACES = PlaceResolver(Gazetteer.load())


def places(text: str, tagger: EntityTagger = ENTITIES) -> list[tuple[str, Place]]:
    analysis = Analysis(Document(id="t", text=text))
    view = TextView.of(text)
    analysis = analysis.with_layer("entities", tagger.annotate(analysis, view)["entities"])
    found = PLACES.annotate(analysis, view)["places"]
    return [(text[p.span.start : p.span.end], p) for p in found]


def named(text: str, name: str) -> list[Place]:
    return [p for t, p in places(text) if t == name]


def test_the_sentence_country_beats_another_named_elsewhere() -> None:
    # Iraq is named in the first sentence; the Egyptian nisba in the second says which Alexandria.
    text = ("زار الوزير العراق الأسبوع الماضي. وقال المتحدث العسكري المصري إن السفينة بنيت في الإسكندرية.")
    alexandria = named(text, "الإسكندرية")
    assert alexandria and alexandria[0].country == "EG"


def test_without_a_sentence_cue_the_document_country_still_counts() -> None:
    text = "تفقد الوزير العراق. ووقع انفجار في الإسكندرية أمس."
    alexandria = named(text, "الإسكندرية")
    assert alexandria and alexandria[0].country == "IQ"


def test_a_place_noun_outside_the_entity_joins_the_name() -> None:
    sadr = [p for t, p in places("قتل خمسة أشخاص في انفجار بمدينة الصدر شرقي العاصمة.", TAGGED) if "الصدر" in t]
    assert sadr and sadr[0].country == "IQ" and sadr[0].name == "Sadr City"
    kurdistan = [p for t, p in places("وأعلنت الحكومة في إقليم كردستان الحداد", TAGGED) if "كردستان" in t]
    assert kurdistan and kurdistan[0].country == "IQ" and kurdistan[0].feature == "region"


def test_a_bare_place_noun_is_not_a_place() -> None:
    found = places("عبر المسافرون من معبر القنيطرة صباح اليوم")
    assert all(not t.startswith("معبر") or p.feature == "crossing" for t, p in found)
    assert not any(p.country == "YE" for _t, p in found)


def test_a_capital_after_a_place_noun_is_the_city() -> None:
    assert named("خرج آلاف المحتجين إلى شوارع صنعاء", "صنعاء")
    assert named("نقل الجرحى إلى مستشفيات القدس", "القدس")
    assert named("وقع الحادث في ضواحي باريس مساء السبت", "باريس")
    assert named("وصل الوفد إلى العاصمة الألمانية برلين", "برلين")


def test_a_bare_capital_is_still_the_government() -> None:
    assert named("ترفض طهران هذه الشروط", "طهران") == []
    assert named("قالت موسكو إنها لن تتراجع", "موسكو") == []


def test_a_sea_is_a_region_not_a_point() -> None:
    sea = named("غرق قارب للمهاجرين في البحر الأبيض المتوسط", "البحر الأبيض المتوسط")
    assert sea and sea[0].precision == 3


def test_a_direction_adjective_puts_the_event_near_the_city() -> None:
    found = named("سقطت قذائف على بلدات شمالي حماة", "حماة")
    assert found and found[0].precision == 2


def test_a_nearby_country_does_not_lift_an_obscure_namesake_over_a_capital() -> None:
    # الأميركية in the sentence must not turn Moscow into Mesquite, Texas.
    moscow = named("وصل المبعوث الأميركي إلى موسكو لإجراء محادثات", "موسكو")
    assert moscow and moscow[0].country == "RU"
    kabul = named("وقال مسؤول إسرائيلي إن الانفجار وقع في كابول", "كابول")
    assert kabul and kabul[0].country == "AF"


def test_a_nearby_country_still_picks_between_comparable_namesakes() -> None:
    tripoli = named("اندلعت اشتباكات في طرابلس شمال لبنان", "طرابلس")
    assert tripoli and tripoli[0].country == "LB"
    assert named("اندلعت اشتباكات في طرابلس", "طرابلس")[0].country == "LY"


def test_a_governorate_cue_still_wins_within_the_country() -> None:
    gov = named("قتل ثلاثة في غارة على محافظة صعدة شمال اليمن", "صعدة")
    assert gov and gov[0].feature == "admin1"


def test_a_street_named_after_a_capital_is_not_the_capital() -> None:
    assert named("اقتحمت القوات شارع صنعاء وسط مدينة الحديدة", "صنعاء") == []


def test_common_words_are_not_places() -> None:
    found = places("أحدثت الضربة هزة أرضية، وفكر المسؤولون مليا، وطالبت بنوك الدم بالتبرع وعثر على سكين")
    assert found == []


def test_a_town_said_to_lie_in_another_country_is_not_its_namesake() -> None:
    # Only the Swiss Fribourg is known; the sentence puts the town in Germany.
    assert named("يعيش اللاجئ منذ سنوات في فريبورغ جنوب غرب ألمانيا", "فريبورغ") == []
    assert named("قصفت المدفعية مواقع في منطقة الغور بمأرب", "الغور") == []
    # What the text puts where the gazetteer has it stays.
    lyon = named("انتقل اللاعب إلى مدينة ليون جنوب شرق فرنسا", "ليون")
    assert lyon and lyon[0].country == "FR"


def test_a_following_place_that_is_not_a_container_changes_nothing() -> None:
    # يربط X بY joins two places; a bare في Y only re-ranks; a state and a sea stand outside what follows.
    basra = named("يمتد خط الأنابيب من البصرة بالعقبة", "البصرة")
    assert basra and basra[0].country == "IQ"
    sea = named("غرق قارب في البحر الأبيض المتوسط قبالة جنوب إيطاليا", "البحر الأبيض المتوسط")
    assert sea
    baghdad = named("يعمل ممثل المنظمة في بغداد في إيران منذ عام", "بغداد")
    assert baghdad and baghdad[0].country == "IQ"


def test_a_country_beats_a_foreign_province_of_its_name() -> None:
    text = "أعلن جيش نيجيريا مقتل عشرين جنديا. ووقع الهجوم قرب الحدود مع النيجر."
    niger = named(text, "النيجر")
    assert niger and niger[0].country == "NE" and niger[0].feature == "country"
    province = named("أعلن جيش نيجيريا حظر التجول في ولاية النيجر", "النيجر")
    assert province and province[0].country == "NG" and province[0].feature == "admin1"


def test_a_state_joined_to_a_country_is_the_country() -> None:
    text = "قال المسؤول الأميركي إن روسيا تدخلت عسكريا في جورجيا وأوكرانيا"
    georgia = named(text, "جورجيا")
    assert georgia and georgia[0].country == "GE"
    state = named("ضربت العاصفة ولاية جورجيا الأميركية", "جورجيا")
    assert state and state[0].country == "US"


def test_a_name_that_is_a_frequent_noun_needs_a_word_of_place() -> None:
    def tagged(text: str, name: str) -> list[Place]:
        return [p for t, p in places(text, TAGGED) if t == name]

    # مشهد is "scene" before a clause on it or with no word of place; Mashhad after في or in a list.
    assert tagged("وفي مشهد لم يشهده البرلمان من قبل صوت النواب بالإجماع", "مشهد") == []
    assert tagged("وصف المراقبون مشهد الانتخابات بالمعقد", "مشهد") == []
    assert tagged("وانضم المتظاهرون في مشهد إلى الاحتجاجات", "مشهد")
    assert tagged("خرج المحتجون في شيراز ومشهد", "مشهد")
    # The feminine nisba after a noun is "Syrian", not Syria; after a preposition it is the state.
    assert named("نقلت وكالات أنباء سورية عن مصدر عسكري قوله", "سورية") == []
    syria = named("عاد آلاف اللاجئين إلى سورية هذا العام", "سورية")
    assert syria and syria[0].country == "SY"


def test_a_camp_noun_is_no_place_but_after_a_province_noun_it_is_the_name() -> None:
    assert named("قصفت الطائرات مواقع في محيط معسكر العمري غربي تعز", "معسكر") == []
    # المدينة alone is "the city" named before, not Medina; the whole name still is.
    text = "تقدمت القوات نحو الحديدة وحاصرت المناطق المحيطة بمطار المدينة"
    found = places(text, TAGGED)
    assert any(t == "الحديدة" for t, _p in found) and not any(t == "المدينة" for t, _p in found)
    medina = [p for t, p in places("وصل الحجاج إلى المدينة المنورة", TAGGED) if t == "المدينة المنورة"]
    assert medina and medina[0].country == "SA"
    mascara = named("ضرب زلزال ولاية معسكر غربي الجزائر", "معسكر")
    assert mascara and mascara[0].country == "DZ"


def test_a_capital_after_and_in_opening_a_sentence_is_the_city() -> None:
    # وفي and ومن are في and من: the city is where something happens, not the government.
    tokyo = named("وفي طوكيو، نقلت وكالة الأنباء عن مسؤول قوله إن المحادثات مستمرة", "طوكيو")
    assert tokyo and tokyo[0].country == "JP"
    assert named("ومن بكين توجه الوفد إلى العاصمة الكورية", "بكين")


def test_a_capital_in_a_list_joined_by_or_follows_the_first() -> None:
    text = "تتكرر هذه العبارة في بغداد أو دمشق أو بيروت"
    assert named(text, "دمشق") and named(text, "بيروت")
