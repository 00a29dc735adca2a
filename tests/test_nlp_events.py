"""Unit tests of event extraction on wire-report constructions, one short sentence each.

The sentences are written for these tests. Each one is a construction of Arabic news reporting
(denials, invitations, sideline meetings, joint press conferences, dates told relative to another
event) rather than a passage of the development sets.
"""
from __future__ import annotations

import pytest

from kg.nlp import extract
from kg.records import Article


def events_of(text: str, published: str | None = None):
    """Events as (type, principals, attendees, place, date, status), people by their labels."""
    ex = extract(Article("t.txt", text, published=published))
    names = {p.id: p.name for p in ex.persons}
    return [(e.type, frozenset(names[x] for x in e.participants), frozenset(names[x] for x in e.attendees),
             e.place, e.date, e.status) for e in ex.events]


def of_type(events, kind: str):
    return [e for e in events if e[0] == kind]


# -- reported, denied, doubted ---------------------------------------------------------------------
def test_denied_meeting_is_no_event():
    events = events_of("نفى المتحدث باسم الخارجية الإيرانية إسماعيل بقائي عقد لقاء بين وزير الخارجية "
                       "عباس عراقجي والمبعوث الأمريكي ستيف ويتكوف في مسقط.")
    assert of_type(events, "meeting") == []


def test_negated_meeting_is_no_event():
    events = events_of("وقال المتحدث إن وزير الخارجية عباس عراقجي لن يلتقي المبعوث الأمريكي ستيف ويتكوف.")
    assert of_type(events, "meeting") == []


def test_doubted_meeting_is_no_event_but_the_expected_one_after_it_is_planned():
    events = events_of("ولم يتضح ما إذا كان وزير الخارجية أيمن الصفدي سيلتقي الرئيس دونالد ترامب، إلا أن "
                       "مصادر رجحت أن يجتمع بالمبعوث الخاص ستيف ويتكوف.")
    meetings = of_type(events, "meeting")
    assert [m[1] for m in meetings] == [{"أيمن الصفدي", "ستيف ويتكوف"}]
    assert meetings[0][5] == "planned"


# -- settings and events told twice --------------------------------------------------------------
def test_event_word_after_sidelines_is_the_setting_not_an_event():
    events = events_of("وعلى هامش القمة، التقى الرئيس التركي رجب طيب أردوغان نظيره الإيراني مسعود بزشكيان.")
    assert of_type(events, "summit") == []
    assert [e[1] for e in of_type(events, "meeting")] == [{"رجب طيب أردوغان", "مسعود بزشكيان"}]


def test_arrival_and_visit_noun_in_one_sentence_are_one_trip():
    events = events_of("وصل رئيس الوزراء العراقي محمد شياع السوداني إلى طهران في زيارة رسمية على رأس وفد "
                       "يضم وزير الخارجية فؤاد حسين.")
    assert [e[1] for e in of_type(events, "visit")] == [{"محمد شياع السوداني"}]


def test_meetings_named_as_the_aim_of_talks_keep_the_talks_occurred():
    events = events_of("عقد وزير الخارجية البحريني عبداللطيف الزياني مباحثات مع نظيره الكويتي عبدالله اليحيا، "
                       "تناولت التحضير لاجتماعات اللجنة المشتركة المقرر عقدها الشهر المقبل.")
    assert [(e[1], e[5]) for e in of_type(events, "meeting")] == [({"عبداللطيف الزياني", "عبدالله اليحيا"}, "occurred")]


# -- invitations ----------------------------------------------------------------------------------
def test_invitation_handed_to_someone_makes_him_the_visitor_not_the_inviter():
    events = events_of("وسلم وزير الخارجية الإيطالي أنطونيو تاياني لرئيس الجمهورية عبد المجيد تبون دعوة من "
                       "رئيسة الوزراء جورجيا ميلوني لزيارة روما.")
    visits = of_type(events, "visit")
    assert [(v[1], v[5]) for v in visits] == [({"عبد المجيد تبون"}, "planned")]


def test_invitation_with_the_article_names_the_guest():
    events = events_of("ووجه الرئيس الفرنسي إيمانويل ماكرون الدعوة للرئيس عبد الفتاح السيسي لزيارة باريس.")
    assert [(v[1], v[5]) for v in of_type(events, "visit")] == [({"عبد الفتاح السيسي"}, "planned")]


def test_invitation_handed_over_during_a_meeting_leaves_the_meeting_occurred():
    events = events_of("ونقل وزير الخارجية بدر عبد العاطي الدعوة إلى الأمير محمد بن سلمان خلال لقائهما في "
                       "الرياض أمس.", "2025-02-26")
    meetings = of_type(events, "meeting")
    assert [(m[1], m[5]) for m in meetings] == [({"بدر عبد العاطي", "محمد بن سلمان"}, "occurred")]


def test_future_trip_in_response_to_an_invitation_stays_planned():
    events = events_of("وأعلن الوزير أن وزير الدفاع الأمير خالد بن سلمان سيزور إسلام آباد تلبية لدعوة من "
                       "رئيس الوزراء الباكستاني شهباز شريف.")
    assert [(v[1], v[5]) for v in of_type(events, "visit")] == [({"خالد بن سلمان"}, "planned")]


# -- subjects the clause does not name ------------------------------------------------------------
def test_pronoun_complementizer_makes_the_speaker_the_visitor():
    events = events_of("وقال الرئيس التركي رجب طيب أردوغان إن البلدين شريكان. وأضاف أنه سيزور باكو في "
                       "الخريف المقبل.")
    assert [(v[1], v[3], v[5]) for v in of_type(events, "visit")] == [({"رجب طيب أردوغان"}, "baku", "planned")]


def test_honorific_without_a_name_is_the_main_person_before():
    events = events_of("تلقى الشيخ تميم بن حمد آل ثاني اتصالا هاتفيا من الرئيس رجب طيب أردوغان. كما تلقى سمو "
                       "الأمير اتصالا هاتفيا آخر من الرئيس عبد الفتاح السيسي.")
    calls = {e[1] for e in of_type(events, "phone_call")}
    assert calls == {frozenset({"تميم بن حمد آل ثاني", "رجب طيب أردوغان"}),
                     frozenset({"تميم بن حمد آل ثاني", "عبد الفتاح السيسي"})}


def test_event_noun_of_a_light_verb_takes_the_subject_of_the_clause_before():
    events = events_of("والتقى الرئيس الإيراني مسعود بزشكيان الرئيس التركي رجب طيب أردوغان، فيما عقد لقاء "
                       "منفصلا مع رئيس الوزراء الباكستاني شهباز شريف.")
    meetings = {e[1] for e in of_type(events, "meeting")}
    assert frozenset({"مسعود بزشكيان", "شهباز شريف"}) in meetings


def test_relative_clause_speaker_is_the_visitor():
    events = events_of("ونقل الوزير تحيات الرئيس الأمريكي دونالد ترامب، الذي كان قد أعلن أنه يعتزم زيارة "
                       "المملكة.")
    assert [v[1] for v in of_type(events, "visit")] == [{"دونالد ترامب"}]


def test_counterpart_of_a_person_named_by_surname():
    events = events_of("استقبل الرئيس عبد المجيد تبون وزير الخارجية الإيطالي أنطونيو تاياني. وحضر وزير "
                       "الخارجية أحمد عطاف. وكان السيد عطاف قد أجرى محادثات مع نظيره الإيطالي.")
    meetings = {e[1] for e in of_type(events, "meeting")}
    assert frozenset({"أحمد عطاف", "أنطونيو تاياني"}) in meetings


def test_construct_state_post_belongs_to_the_name_after_its_complement():
    events = events_of("استقبل الأمين العام أحمد أبو الغيط الممثلة الخاصة للأمين العام للأمم المتحدة رئيسة بعثة "
                       "الأمم المتحدة في ليبيا هانا تيتيه. وبحث أبو الغيط الملف الليبي مع رئيس المجلس الرئاسي "
                       "الليبي محمد المنفي.")
    meetings = {e[1] for e in of_type(events, "meeting")}
    assert frozenset({"أحمد أبو الغيط", "هانا تيتيه"}) in meetings
    assert not any("محمد المنفي" in m and "هانا تيتيه" in m for m in meetings)


# -- press conferences and summits ----------------------------------------------------------------
def test_joint_press_conference_takes_the_principals_of_the_talks():
    events = events_of("أجرى وزير الخارجية ناصر بوريطة مباحثات مع نظيره الإيطالي أنطونيو تاياني. وفي ندوة "
                       "صحفية مشتركة عقب المباحثات، أكد بوريطة أن العلاقات متينة.")
    assert [e[1] for e in of_type(events, "press_conference")] == [{"ناصر بوريطة", "أنطونيو تاياني"}]


def test_speaker_at_the_summit_is_a_principal_and_guests_attend():
    events = events_of("انطلقت أعمال القمة العربية برئاسة الملك حمد بن عيسى آل خليفة. وحضر الجلسة الافتتاحية "
                       "الأمين العام للأمم المتحدة أنطونيو غوتيريش، وألقى الأمين العام لجامعة الدول العربية "
                       "أحمد أبو الغيط كلمة.")
    (summit,) = of_type(events, "summit")
    assert summit[1] == {"حمد بن عيسى آل خليفة", "أحمد أبو الغيط"}
    assert summit[2] == {"أنطونيو غوتيريش"}


def test_chair_of_a_summit_is_a_principal():
    events = events_of("انطلقت أعمال القمة بمشاركة الرئيس التركي رجب طيب أردوغان. وترأس القمة الرئيس "
                       "الأذربيجاني إلهام علييف.")
    (summit,) = of_type(events, "summit")
    assert "إلهام علييف" in summit[1]


# -- dates and places -----------------------------------------------------------------------------
def test_same_day_refers_to_the_event_told_before():
    events = events_of("التقى وزير الخارجية المصري بدر عبد العاطي نظيره الأردني أيمن الصفدي أمس. وفي اليوم "
                       "ذاته، التقى عبد العاطي وزير الخارجية العراقي فؤاد حسين.", "2025-03-05")
    dates = {e[1]: e[4] for e in of_type(events, "meeting")}
    assert dates[frozenset({"بدر عبد العاطي", "فؤاد حسين"})] == "2025-03-04"


def test_month_without_a_day_stops_the_day_of_the_event_before():
    events = events_of("استقبل الرئيس عبد الفتاح السيسي اليوم وزير الخارجية الإيطالي أنطونيو تاياني. وكان "
                       "الملك عبدالله الثاني قد زار القاهرة في فبراير الماضي حيث التقى السيسي.", "2025-04-16")
    dates = {e[1]: e[4] for e in of_type(events, "meeting")}
    assert dates[frozenset({"عبدالله الثاني", "عبد الفتاح السيسي"})] is None


def test_levantine_and_gregorian_month_names_with_a_direction():
    events = events_of("وتجري الزيارة المرتقبة للأمير محمد بن سلمان إلى القاهرة يوم 3 آذار/مارس المقبل.",
                       "2025-03-10")
    assert [v[4] for v in of_type(events, "visit")] == ["2026-03-03"]


def test_both_month_names_then_the_year():
    events = events_of("التقى الأمين العام للأمم المتحدة أنطونيو غوتيريش الرئيس السوري أحمد الشرع يوم 23 "
                       "أيلول/سبتمبر 2025 في نيويورك.")
    assert [m[4] for m in of_type(events, "meeting")] == ["2025-09-23"]


def test_date_near_an_event_word_that_makes_no_event_goes_to_the_summit():
    events = events_of("شارك الرئيس الإيراني مسعود بزشكيان يوم الجمعة 4 يوليو في الاجتماع السابع عشر لقمة "
                       "منظمة التعاون الاقتصادي في خانكندي.")
    assert [s[4] for s in of_type(events, "summit")] == ["--07-04"]


def test_meeting_before_a_joint_press_conference_shares_its_place():
    events = events_of("عقد الرئيس التركي رجب طيب أردوغان ونظيره الأذربيجاني إلهام علييف مؤتمرا صحفيا مشتركا "
                       "في المجمع الرئاسي بأنقرة عقب اجتماع ثنائي مغلق.")
    assert [m[3] for m in of_type(events, "meeting")] == ["presidential_complex_ankara"]


def test_destination_of_something_else_is_not_the_place_of_talks():
    events = events_of("أجرى وزير الخارجية أيمن الصفدي مباحثات مع نظيره الألماني يوهان فاديفول في مقر وزارة "
                       "الخارجية، تناولت إيصال المساعدات إلى غزة.")
    assert [m[3] for m in of_type(events, "meeting")] == [None]


def test_one_of_is_not_sunday():
    events = events_of("التقى وزير الخارجية أيمن الصفدي أمس نظيره العراقي فؤاد حسين. والتقى الصفدي أحد "
                       "المسؤولين ثم اجتمع مع وزير الخارجية التركي هاكان فيدان.", "2025-03-05")
    dates = {e[1]: e[4] for e in of_type(events, "meeting")}
    assert dates[frozenset({"أيمن الصفدي", "هاكان فيدان"})] == "2025-03-04"


def test_planned_trip_is_not_merged_into_the_trip_made():
    events = events_of("وصل وزير الخارجية الإيراني عباس عراقجي إلى بيروت أمس. ومن المقرر أن ينتقل عراقجي غدا "
                       "إلى دمشق.", "2025-03-05")
    assert sorted((v[3], v[5]) for v in of_type(events, "visit")) == [("beirut", "occurred"),
                                                                      ("damascus", "planned")]


def test_place_before_where_is_the_setting_of_the_event_after_it():
    events = events_of("وانتقل الوزير الفرنسي جان نويل بارو إلى عين التينة حيث التقى رئيس مجلس النواب نبيه بري، "
                       "ثم إلى السراي الحكومي حيث عقد اجتماعا مع رئيس مجلس الوزراء نواف سلام.")
    places = {e[1]: e[3] for e in of_type(events, "meeting")}
    assert places == {frozenset({"جان نويل بارو", "نبيه بري"}): "ain_el_tineh",
                      frozenset({"جان نويل بارو", "نواف سلام"}): "grand_serail_beirut"}


def test_arrival_told_afterwards_does_not_date_the_meetings():
    events = events_of("استقبل الرئيس جوزاف عون اليوم الوزير الفرنسي جان نويل بارو. وكان بارو قد وصل إلى "
                       "بيروت مساء أمس في زيارة رسمية.", "2025-02-26")
    assert [m[4] for m in of_type(events, "meeting")] == ["2025-02-26"]


def test_sideline_meeting_takes_the_summit_place():
    events = events_of("انطلقت في قصر بيان اليوم أعمال القمة الخليجية بمشاركة الشيخ تميم بن حمد آل ثاني. "
                       "وعلى هامش القمة، التقى الشيخ تميم بن حمد آل ثاني الملك حمد بن عيسى آل خليفة.",
                       "2024-12-01")
    (meeting,) = of_type(events, "meeting")
    assert (meeting[3], meeting[4]) == ("bayan_palace", "2024-12-01")


def test_visit_to_a_person_is_a_meeting_with_him():
    events = events_of("زار الرئيس الفلسطيني محمود عباس الرئيس اللبناني جوزاف عون في قصر بعبدا.")
    assert [(e[0], e[1], e[3]) for e in events] == [("meeting", {"محمود عباس", "جوزاف عون"}, "baabda_palace")]


def test_meeting_during_the_visit_is_the_visit():
    events = events_of("وصل الرئيس التركي رجب طيب أردوغان إلى الدوحة اليوم في زيارة رسمية يلتقي خلالها أمير قطر "
                       "الشيخ تميم بن حمد آل ثاني.", "2025-03-05")
    assert [(e[0], e[1], e[3]) for e in events] == [("meeting", {"رجب طيب أردوغان", "تميم بن حمد آل ثاني"}, "doha")]


def test_host_pronoun_on_a_reception_noun_with_the_guest_named():
    events = events_of("أكد الملك عبدالله الثاني خلال استقباله الرئيس الفرنسي إيمانويل ماكرون في عمان اليوم أهمية "
                       "التنسيق.", "2025-03-05")
    assert [(e[0], e[1], e[4]) for e in events] == [("meeting", {"عبدالله الثاني", "إيمانويل ماكرون"}, "2025-03-05")]


def test_planned_reception_with_host_and_guest_named_is_a_planned_meeting():
    events = events_of("ومن المقرر أن يستقبل الملك محمد السادس الرئيس الفرنسي إيمانويل ماكرون في الرباط منتصف الشهر "
                       "المقبل.")
    assert [(e[0], e[1], e[5]) for e in events] == [("meeting", {"محمد السادس", "إيمانويل ماكرون"}, "planned")]


def test_day_written_as_an_ordinal_word():
    events = events_of("التقى الرئيس عبد الفتاح السيسي الرئيس الفرنسي إيمانويل ماكرون في الخامس من مارس الجاري.",
                       "2025-03-06")
    assert [e[4] for e in events] == ["2025-03-05"]


def _events(text: str, published: str = "2025-05-11"):
    """Events as (type, sorted principals, place, status)."""
    return [(etype, sorted(principals), place, status)
            for etype, principals, _attendees, place, _date, status in events_of(text, published)]


def test_the_dateline_is_the_place_only_when_the_sentence_names_no_other():
    evs = _events("أنقرة - يزور وزير الخارجية التركي هاكان فيدان العاصمة العراقية بغداد الأسبوع المقبل.")
    assert ("visit", ["هاكان فيدان"], "baghdad", "planned") in evs
    evs = _events("الرياض (واس) - استقبل وزير الخارجية السعودي فيصل بن فرحان نظيره الأردني أيمن الصفدي اليوم.")
    assert evs and evs[0][2] == "riyadh"


def test_a_date_belongs_to_the_event_word_of_its_own_clause():
    evs = _events("يزور وزير الخارجية التركي هاكان فيدان بغداد الأسبوع المقبل، حيث سيلتقي رئيس الوزراء العراقي "
                  "محمد شياع السوداني.")
    assert ("visit", ["هاكان فيدان"], "baghdad", "planned") in evs


def test_a_bare_post_later_in_the_article_is_its_protagonist_among_several_holders():
    evs = _events("أجرى الرئيس عبد الفتاح السيسي اتصالا هاتفيا مع الرئيس الفرنسي إيمانويل ماكرون. "
                  "كما تلقى الرئيس اتصالا من العاهل الأردني الملك عبدالله الثاني.")
    assert ("phone_call", ["عبد الفتاح السيسي", "عبدالله الثاني"], None, "occurred") in evs


def test_naqasha_with_a_named_official_is_a_meeting():
    evs = _events("ناقش رئيس الوزراء العراقي محمد شياع السوداني مع السفيرة الأمريكية ألينا رومانوسكي العلاقات.")
    assert evs == [("meeting", ["ألينا رومانوسكي", "محمد شياع السوداني"], None, "occurred")]


def test_what_the_two_discussed_after_a_call_is_no_new_meeting():
    evs = _events("أجرى وزير الخارجية السعودي فيصل بن فرحان اتصالا هاتفيا مع نظيره الأمريكي ماركو روبيو. "
                  "وناقش الوزيران الأوضاع في غزة.")
    assert [e[0] for e in evs] == ["phone_call"]


def test_a_place_after_a_topic_of_the_talks_is_not_where_they_met():
    evs = _events("بحث وزير الخارجية السعودي فيصل بن فرحان مع نظيره الأردني أيمن الصفدي الأوضاع في غزة.")
    assert evs and evs[0][2] is None
    evs = _events("التقى وزير الخارجية السعودي فيصل بن فرحان نظيره الأردني أيمن الصفدي في الرياض لبحث التطورات في سوريا.")
    assert evs and evs[0][2] == "riyadh"


def test_hosting_and_being_the_guest_of_are_meetings():
    evs = _events("استضاف الرئيس الأمريكي دونالد ترامب في البيت الأبيض رئيس الوزراء الإسرائيلي بنيامين نتنياهو.")
    assert ("meeting", ["بنيامين نتنياهو", "دونالد ترامب"], "white_house", "occurred") in evs
    evs = _events("حل وزير الخارجية التركي هاكان فيدان ضيفا على نظيره العراقي فؤاد حسين في بغداد.")
    assert ("meeting", ["فؤاد حسين", "هاكان فيدان"], "baghdad", "occurred") in evs
    assert _events("حل وزير الخارجية التركي هاكان فيدان ضيفا على برنامج تلفزيوني.") == []


@pytest.mark.parametrize("when,value", [("أمس الأول", "2025-05-11"), ("بتاريخ 2024/2/3", "2024-02-03")])
def test_more_date_forms(when, value):
    evs = events_of(f"التقى وزير الخارجية السعودي فيصل بن فرحان نظيره الأردني أيمن الصفدي {when}.", "2025-05-13")
    assert [e[4] for e in evs] == [value]

# -- dev3: wire constructions of unseen reporting --------------------------------------------------
def test_ministers_who_took_part_in_the_talks_attend_them():
    evs = events_of("عقد الرئيس عبد الفتاح السيسي والملك عبد الله الثاني جلسة مباحثات في قصر الاتحادية. "
                    "وشارك في المباحثات من الجانب المصري وزير الخارجية بدر عبد العاطي.")
    assert [(e[1], e[2]) for e in of_type(evs, "meeting")] == [
        ({"عبد الفتاح السيسي", "عبد الله الثاني"}, {"بدر عبد العاطي"})]


def test_talks_with_a_guest_on_a_visit_are_a_meeting_attended_as_stated():
    evs = events_of("بحث الرئيس قيس سعيد مع رئيس الحكومة الليبية عبد الحميد الدبيبة، الذي يؤدي زيارة عمل إلى "
                    "تونس، العلاقات الثنائية. وحضر اللقاء وزير الخارجية محمد علي النفطي.")
    assert [(e[0], e[1], e[2]) for e in evs] == [
        ("meeting", {"قيس سعيد", "عبد الحميد الدبيبة"}, {"محمد علي النفطي"})]


def test_a_verb_of_arriving_is_a_trip_only_with_a_place():
    evs = _events("ومن المرتقب أن يحل الرئيس الفرنسي إيمانويل ماكرون بالمغرب الشهر المقبل.")
    assert evs == [("visit", ["إيمانويل ماكرون"], "ma", "planned")]
    assert _events("وأكد وزير الخارجية أيمن الصفدي أن حل الدولتين هو السبيل الوحيد للسلام.") == []


def test_departure_towards_a_kingdom_is_a_visit_and_the_inviter_stays_home():
    evs = _events("مسقط في 23 يونيو /العمانية/ غادر السلطان هيثم بن طارق البلاد متوجها إلى مملكة بلجيكا في "
                  "زيارة دولة تستغرق ثلاثة أيام، تلبية لدعوة كريمة من جلالة الملك فيليب ملك بلجيكا.")
    assert evs == [("visit", ["هيثم بن طارق"], "be", "occurred")]


def test_a_bare_honorific_names_the_first_person_addressed_with_it():
    evs = _events("انطلقت القمة برئاسة صاحب السمو الشيخ تميم بن حمد آل ثاني أمير دولة قطر، بمشاركة صاحب السمو "
                  "الملكي الأمير محمد بن سلمان ولي العهد السعودي. وعلى هامش القمة، التقى سمو الأمير بالرئيس "
                  "التركي رجب طيب أردوغان.")
    assert [e[1] for e in evs if e[0] == "meeting"] == [["تميم بن حمد آل ثاني", "رجب طيب أردوغان"]]


def test_an_earlier_meeting_of_the_same_two_on_another_date_is_its_own_event():
    evs = events_of("استقبل صاحب السمو الشيخ محمد بن زايد آل نهيان رئيس الدولة اليوم رئيس الوزراء الهندي "
                    "ناريندرا مودي. وكان مودي قد التقى سموه في دبي في ديسمبر الماضي.", "2024-02-13")
    assert sorted((e[3] or "", e[4] or "") for e in of_type(evs, "meeting")) == [("", "2024-02-13"), ("dubai", "")]
    assert all(e[1] == {"محمد بن زايد آل نهيان", "ناريندرا مودي"} for e in evs)


def test_a_plan_word_before_a_reference_to_the_trip_still_plans_the_talks():
    evs = _events("غادر السلطان هيثم بن طارق البلاد متوجها إلى بلجيكا في زيارة دولة. ومن المقرر أن يعقد "
                  "جلالته خلال الزيارة جلسة مباحثات مع الملك فيليب في بروكسل.")
    assert ("meeting", ["فيليب", "هيثم بن طارق"], "brussels", "planned") in evs


def test_a_bare_weekday_of_a_planned_trip_is_the_coming_one():
    evs = events_of("وعلى أن يتوجه الرئيس عبد المجيد تبون يوم الأربعاء إلى ولاية وهران.", "2025-05-12")
    assert [(e[0], e[3], e[4], e[5]) for e in evs] == [("visit", "oran", "2025-05-14", "planned")]


def test_a_place_followed_by_fi_and_a_date_opens_a_dateline():
    evs = _events("المنامة في 3 مارس /بنا/ وصل الرئيس الفرنسي إيمانويل ماكرون إلى السعودية في زيارة رسمية.")
    assert evs == [("visit", ["إيمانويل ماكرون"], "sa", "occurred")]


def test_a_name_after_airport_is_no_principal_and_accompanying_ministers_attend():
    evs = events_of("وكان في استقبال الرئيس الموريتاني محمد ولد الشيخ الغزواني لدى نزوله بمطار هواري بومدين "
                    "الدولي الرئيس عبد المجيد تبون، مرفوقا بوزير الخارجية أحمد عطاف.")
    assert [(e[1], e[2]) for e in of_type(evs, "meeting")] == [
        ({"محمد ولد الشيخ الغزواني", "عبد المجيد تبون"}, {"أحمد عطاف"})]


def test_talks_widened_to_the_delegations_keep_their_two_principals():
    evs = events_of("استقبل الرئيس عبد المجيد تبون الرئيس الموريتاني محمد ولد الشيخ الغزواني. وأجرى الرئيسان "
                    "محادثات توسعت لتشمل أعضاء وفدي البلدين، من بينهم وزير الخارجية الموريتاني محمد سالم ولد مرزوك.")
    assert [e[1] for e in of_type(evs, "meeting")] == [{"عبد المجيد تبون", "محمد ولد الشيخ الغزواني"}]


def test_a_ministerial_meeting_is_a_summit():
    evs = _events("يشارك وزير الخارجية أيمن الصفدي غدا الثلاثاء في اجتماع وزاري عربي أوروبي يعقد في مدريد.")
    assert evs == [("summit", ["أيمن الصفدي"], "madrid", "planned")]


def test_meetings_on_several_occasions_are_no_event():
    assert _events("واستقبل وزير الخارجية هاكان فيدان نظيره السوري أسعد الشيباني في أكثر من مناسبة.") == []


def test_a_definite_trip_noun_takes_no_possessor_without_li():
    evs = _events("وصل وزير الخارجية الإيراني عباس عراقجي اليوم إلى مسقط. وأفاد المتحدث باسم الخارجية إسماعيل "
                  "بقائي بأن عراقجي سيلتقي خلال الزيارة جلالة السلطان هيثم بن طارق.")
    assert [(e[1], e[3]) for e in evs if e[0] == "meeting"] == [(["عباس عراقجي", "هيثم بن طارق"], "planned")]


def test_two_trips_named_in_one_sentence_are_two_visits():
    evs = _events("وأشار إلى زيارة الرئيس رجب طيب أردوغان إلى القاهرة في فبراير 2024، وزيارة الرئيس عبد الفتاح "
                  "السيسي إلى أنقرة في سبتمبر من العام ذاته.")
    assert sorted((e[1][0], e[2]) for e in evs if e[0] == "visit") == [
        ("رجب طيب أردوغان", "cairo"), ("عبد الفتاح السيسي", "ankara")]


def test_a_planned_reception_in_a_state_is_a_visit_to_it():
    evs = _events("وقال الوزير إن الرئيس رجب طيب أردوغان يتطلع إلى استقبال الرئيس عبد الفتاح السيسي في تركيا.")
    assert ("visit", ["عبد الفتاح السيسي"], "tr", "planned") in evs


def test_a_title_read_inside_a_surname_is_not_another_person():
    evs = _events("استقبل الرئيس الفرنسي إيمانويل ماكرون نظيره اللبناني جوزاف عون. وكان وزير الخارجية الفرنسي "
                  "جان نويل بارو قد زار بيروت في السابع من فبراير الماضي، والتقى خلالها الرئيس عون في قصر بعبدا.")
    assert ("meeting", ["جان نويل بارو", "جوزاف عون"], "baabda_palace", "occurred") in evs


def test_a_joint_press_conference_is_held_where_the_talks_were():
    evs = _events("عقد وزير الخارجية بدر عبد العاطي ونظيره التركي هاكان فيدان جلسة مباحثات في قصر التحرير. "
                  "وأشار المتحدث إلى الزيارة التي قام بها الرئيس عبد الفتاح السيسي إلى أنقرة العام الماضي. "
                  "وعقد الوزيران في ختام اليوم مؤتمرا صحفيا مشتركا.")
    assert ("press_conference", ["بدر عبد العاطي", "هاكان فيدان"], "tahrir_palace", "occurred") in evs


def test_his_guest_is_the_traveller_of_the_trip_told_before():
    evs = _events("وصل الرئيس السنغالي باسيرو ديوماي فاي إلى نواكشوط في زيارة عمل. وفي يوم الاثنين، عقد الرئيس "
                  "محمد ولد الشيخ الغزواني وضيفه جلسة مباحثات بالقصر الرئاسي في نواكشوط.")
    assert [e[1] for e in evs] == [["باسيرو ديوماي فاي", "محمد ولد الشيخ الغزواني"]]


def test_who_accepts_an_invitation_is_the_guest():
    evs = _events("وأعلن البيان أن الرئيس محمد ولد الشيخ الغزواني قبل دعوة نظيره السنغالي باسيرو ديوماي فاي "
                  "لزيارة داكار.")
    assert evs == [("visit", ["محمد ولد الشيخ الغزواني"], "dakar", "planned")]


def test_an_awaited_trip_after_a_past_one_is_a_new_planned_visit():
    evs = _events("واستقبل أمير الكويت الشيخ مشعل الأحمد الجابر الصباح وزير الخارجية عبدالله علي اليحيا الذي "
                  "أطلعه على نتائج زيارته إلى واشنطن. ولم يحدد بعد موعد الزيارة المرتقبة للشيخ مشعل الأحمد "
                  "الجابر الصباح إلى مسقط.")
    assert ("visit", ["مشعل الأحمد الجابر الصباح"], "muscat", "planned") in evs


def test_who_attended_the_meeting_is_no_principal_of_a_summit_named_after_it():
    evs = _events("وقال المتحدث إن اللقاء، الذي حضره الأمين العام المساعد للجامعة حسام زكي، تناول ترتيبات "
                  "استضافة العراق للقمة.")
    assert of_type(evs, "summit") == []


def test_a_trip_of_several_days_with_talks_in_its_city_is_the_talks():
    evs = _events("وصل الرئيس السنغالي باسيرو ديوماي فاي إلى نواكشوط يوم الأحد. وفي يوم الاثنين، التقى "
                  "الرئيس محمد ولد الشيخ الغزواني الرئيس السنغالي باسيرو ديوماي فاي بالقصر الرئاسي في نواكشوط.")
    assert [e[0] for e in evs] == ["meeting"]


def test_an_honorific_before_a_preposition_and_a_name_still_stands_alone():
    evs = _events("انطلقت القمة برئاسة صاحب السمو الشيخ تميم بن حمد آل ثاني أمير دولة قطر. وعلى هامش القمة، "
                  "التقى سمو الأمير بفخامة الرئيس رجب طيب أردوغان.")
    assert [e[1] for e in evs if e[0] == "meeting"] == [["تميم بن حمد آل ثاني", "رجب طيب أردوغان"]]


def test_the_place_a_traveller_leaves_is_not_where_the_event_is():
    evs = _events("غادر الرئيس المصري عبد الفتاح السيسي القاهرة متوجها إلى بكين للمشاركة في قمة منظمة شنغهاي "
                  "للتعاون.")
    assert [(e[0], e[2]) for e in evs] == [("summit", "beijing")]


def test_a_day_and_month_of_a_plan_are_the_coming_ones():
    evs = events_of("ومن المقرر أن يزور رئيس الوزراء الهندي ناريندرا مودي الكويت يومي 21 و22 ديسمبر.", "2025-05-13")
    assert [(e[0], e[4], e[5]) for e in evs] == [("visit", "2025-12-22", "planned")]


def test_a_coming_trip_told_in_the_present_and_its_talks_are_planned():
    evs = _events("يصل الرئيس الفرنسي إيمانويل ماكرون إلى القاهرة الأحد المقبل في زيارة تستغرق يومين يجري خلالها "
                  "محادثات مع الرئيس عبد الفتاح السيسي.")
    assert sorted((e[0], e[3]) for e in evs) == [("meeting", "planned"), ("visit", "planned")]


def test_meeting_each_of_several_people_is_one_meeting_with_each():
    evs = _events("التقى الأمين العام للأمم المتحدة أنطونيو غوتيريش على هامش القمة كلا من الرئيس التركي رجب طيب "
                  "أردوغان والرئيس الإيراني مسعود بزشكيان.")
    assert sorted(e[1] for e in evs) == [["أنطونيو غوتيريش", "رجب طيب أردوغان"], ["أنطونيو غوتيريش", "مسعود بزشكيان"]]


def test_the_last_leg_of_a_tour_is_its_own_planned_visit():
    evs = events_of("وصل وزير الخارجية الإيراني عباس عراقجي إلى مسقط. ومن المقرر أن يتوجه عراقجي مساء غد الأربعاء "
                    "إلى الدوحة، على أن يختتم جولته في الرياض يوم الخميس.", "2025-02-25")
    assert sorted((e[3], e[4], e[5]) for e in of_type(evs, "visit")) == [
        ("doha", "2025-02-26", "planned"), ("muscat", None, "occurred"), ("riyadh", "2025-02-27", "planned")]


def test_a_possible_meeting_takes_no_place_from_the_events_before_it():
    evs = _events("عقد وزير الخارجية الروسي سيرغي لافروف محادثات مع نظيره العماني بدر البوسعيدي في موسكو. وأضاف "
                  "لافروف أن الرئيسين فلاديمير بوتين ودونالد ترامب قد يلتقيان إذا توفرت الظروف.")
    assert ("meeting", ["دونالد ترامب", "فلاديمير بوتين"], None, "planned") in evs


def test_the_dateline_city_is_not_the_setting_of_later_events():
    evs = _events("طهران - إرنا - وصل وزير الخارجية الإيراني عباس عراقجي صباح اليوم إلى العاصمة العمانية مسقط. "
                  "وأجرى عراقجي محادثات مع نظيره العماني بدر البوسعيدي. وأفاد المتحدث بأن عراقجي سيلتقي خلال "
                  "الزيارة السلطان هيثم بن طارق.")
    assert ("meeting", ["عباس عراقجي", "هيثم بن طارق"], "muscat", "planned") in evs


def test_there_is_no_arrangement_for_a_meeting_is_no_meeting():
    assert _events("أعلن وزير الخارجية الروسي سيرغي لافروف أنه لا توجد ترتيبات لعقد لقاء مع وزير الخارجية "
                   "الأمريكي ماركو روبيو.") == []


def test_leaders_present_at_a_summit_told_in_the_passive_are_its_principals():
    evs = _events("وعقدت القمة الثلاثية بين مصر والأردن والعراق في بغداد بحضور الرئيس عبد الفتاح السيسي والملك "
                  "عبد الله الثاني ورئيس الوزراء محمد شياع السوداني.")
    assert evs == [("summit", ["عبد الفتاح السيسي", "عبد الله الثاني", "محمد شياع السوداني"], "baghdad", "occurred")]


# -- unseen wire constructions (dev5) ------------------------------------------------------------
def test_a_past_call_told_after_a_plan_stays_occurred():
    evs = events_of("وقال المتحدث إن الوزير بدر عبد العاطي سيلتقي غدا الرئيس الكيني ويليام روتو. وأضاف أن عبد "
                    "العاطي كان قد تلقى أمس اتصالا هاتفيا من وزير الخارجية الكيني موساليا مودافادي.", "2025-08-03")
    assert [(e[1], e[4], e[5]) for e in of_type(evs, "phone_call")] == [
        ({"بدر عبد العاطي", "موساليا مودافادي"}, "2025-08-02", "occurred")]


def test_a_comma_and_a_verb_open_a_second_event_of_the_same_subject():
    evs = events_of("استقبل رئيس الوزراء محمد شياع السوداني اليوم الرئيس عبد اللطيف رشيد. وكان السوداني قد استقبل "
                    "يوم الأحد الماضي وزير الخارجية السعودي الأمير فيصل بن فرحان، وتلقى مساء الاثنين اتصالا "
                    "هاتفيا من الرئيس الإيراني مسعود بزشكيان.", "2025-02-11")
    assert ("meeting", {"محمد شياع السوداني", "فيصل بن فرحان"}, "2025-02-09") in [(e[0], e[1], e[4]) for e in evs]
    assert [(e[1], e[4]) for e in of_type(evs, "phone_call")] == [
        ({"محمد شياع السوداني", "مسعود بزشكيان"}, "2025-02-10")]


def test_the_speaker_before_a_complementizer_is_not_a_principal_of_a_dual_event():
    evs = events_of("قال الرئيس فلاديمير بوتين إنه قد يلتقي نظيره التركي رجب طيب أردوغان. وأضاف المتحدث باسم "
                    "الكرملين دميتري بيسكوف أن الرئيسين أجريا أمس اتصالا هاتفيا.", "2025-06-13")
    assert [e[1] for e in of_type(evs, "phone_call")] == [{"فلاديمير بوتين", "رجب طيب أردوغان"}]


def test_the_speaker_before_a_complementizer_is_not_the_subject_of_a_plan():
    evs = events_of("وصل وزير الخارجية بدر عبد العاطي اليوم إلى نيروبي. وصرح المتحدث باسم وزارة الخارجية تميم "
                    "خلاف بأن الوزير سيلتقي غدا الرئيس الكيني ويليام روتو.", "2025-08-03")
    assert [e[1] for e in of_type(evs, "meeting")] == [{"بدر عبد العاطي", "ويليام روتو"}]


def test_a_postponed_meeting_is_no_event():
    evs = events_of("أرجئ الاجتماع الذي كان مقررا اليوم بين رئيس الجمهورية جوزاف عون ورئيس مجلس النواب نبيه بري "
                    "إلى موعد يحدد لاحقا.", "2025-04-06")
    assert of_type(evs, "meeting") == []


def test_a_meeting_no_one_asked_for_is_no_event():
    evs = events_of("وأشار المتحدث إلى أن الكرملين لم يتلق أي طلب لعقد لقاء بين الرئيس فلاديمير بوتين والرئيس "
                    "الأوكراني فولوديمير زيلينسكي.")
    assert of_type(evs, "meeting") == []


def test_a_meeting_held_by_video_link_is_a_call():
    evs = events_of("عقد رئيس مجلس الوزراء وزير الخارجية الشيخ محمد بن عبدالرحمن آل ثاني اليوم اجتماعا عبر تقنية "
                    "الاتصال المرئي مع الممثلة العليا للاتحاد الأوروبي كايا كالاس.", "2025-02-17")
    assert [(e[0], e[1]) for e in evs] == [("phone_call", {"محمد بن عبدالرحمن آل ثاني", "كايا كالاس"})]


def test_a_second_call_of_a_series_is_a_call():
    evs = events_of("تلقى الرئيس التركي رجب طيب أردوغان اليوم اتصالا هاتفيا من أمير قطر الشيخ تميم بن حمد آل ثاني. "
                    "وفي اتصال ثان، أعرب الرئيس الإيراني إبراهيم رئيسي لأردوغان عن تعازيه.", "2023-02-07")
    assert {e[1] for e in of_type(evs, "phone_call")} == {
        frozenset({"رجب طيب أردوغان", "تميم بن حمد آل ثاني"}), frozenset({"رجب طيب أردوغان", "إبراهيم رئيسي"})}


def test_an_attendee_who_then_holds_a_press_conference_leads_it():
    evs = events_of("التقى الرئيس السوري أحمد الشرع اليوم في دمشق وزير الخارجية الأردني أيمن الصفدي. وحضر اللقاء "
                    "وزير الخارجية السوري أسعد الشيباني، الذي عقد في وقت لاحق مؤتمرا صحفيا مشتركا مع الصفدي.",
                    "2025-03-16")
    assert [(e[1], e[2]) for e in of_type(evs, "meeting")] == [({"أحمد الشرع", "أيمن الصفدي"}, {"أسعد الشيباني"})]
    assert [e[1] for e in of_type(evs, "press_conference")] == [{"أسعد الشيباني", "أيمن الصفدي"}]


def test_a_date_after_since_is_not_the_day_of_the_event():
    evs = events_of("وهذه أول زيارة لوزير الخارجية الأردني أيمن الصفدي إلى دمشق منذ سقوط النظام في الثامن من "
                    "ديسمبر 2024.", "2025-01-06")
    assert [(e[1], e[4]) for e in of_type(evs, "visit")] == [({"أيمن الصفدي"}, None)]


def test_no_one_joins_a_call_told_before():
    evs = events_of("أجرت رئيسة المفوضية الأوروبية أورسولا فون دير لاين اليوم اتصالا هاتفيا مع الرئيس اللبناني جوزاف "
                    "عون. وتستضيف بروكسل الشهر المقبل مؤتمرا دوليا لدعم سوريا برئاسة كايا كالاس، يشارك فيه وزير "
                    "الخارجية السوري أسعد الشيباني.", "2025-02-13")
    assert [e[1] for e in of_type(evs, "phone_call")] == [{"أورسولا فون دير لاين", "جوزاف عون"}]
    assert [(e[1], e[5]) for e in of_type(evs, "summit")] == [({"كايا كالاس", "أسعد الشيباني"}, "planned")]


def test_an_international_conference_is_a_summit_but_one_called_for_is_not():
    held = events_of("انطلق في بروكسل اليوم مؤتمر دولي لدعم سوريا برئاسة الممثلة العليا كايا كالاس، وشارك فيه "
                     "وزير الخارجية السوري أسعد الشيباني.", "2025-03-17")
    assert [(e[1], e[3], e[5]) for e in held] == [({"كايا كالاس", "أسعد الشيباني"}, "brussels", "occurred")]
    called = events_of("وأكد الملك حمد بن عيسى آل خليفة في كلمته أهمية عقد مؤتمر دولي للسلام في الشرق الأوسط.")
    assert called == []


def test_a_tour_of_several_states_is_one_planned_visit_each():
    evs = events_of("أعلنت المتحدثة باسم الخارجية الصينية ماو نينغ اليوم أن وزير الخارجية وانغ يي سيقوم بجولة تشمل "
                    "ناميبيا وتشاد ونيجيريا.", "2025-01-03")
    assert sorted((e[3], e[4], e[5]) for e in evs if e[1] == {"وانغ يي"}) == [
        ("na", None, "planned"), ("ng", None, "planned"), ("td", None, "planned")]


def test_the_rest_of_a_tour_is_planned_after_the_first_arrival():
    evs = events_of("وصل وزير الخارجية بدر عبد العاطي اليوم إلى نيروبي، في مستهل جولة إفريقية تشمل أيضا أوغندا "
                    "وتنزانيا.", "2025-08-03")
    assert sorted((e[3], e[5]) for e in of_type(evs, "visit")) == [
        ("nairobi", "occurred"), ("tz", "planned"), ("ug", "planned")]


def test_a_tour_leg_named_by_its_state_and_then_its_city_is_one_visit():
    evs = events_of("وصل وزير الخارجية الإيراني عباس عراقجي اليوم إلى مسقط، في مستهل جولة تشمل أيضا قطر والبحرين. "
                    "ومن المقرر أن يتوجه عراقجي غدا إلى الدوحة.", "2025-02-25")
    assert sorted((e[3], e[5]) for e in of_type(evs, "visit")) == [
        ("bh", "planned"), ("doha", "planned"), ("muscat", "occurred")]


def test_an_audience_told_with_an_honorific_pronoun_has_its_host():
    evs = events_of("تسلم السلطان هيثم بن طارق رسالة خطية من الرئيس عبدالفتاح السيسي. سلم الرسالة وزير الخارجية "
                    "بدر عبد العاطي، خلال استقبال جلالته له اليوم بقصر البركة العامر.", "2025-01-20")
    assert [(e[1], e[4]) for e in of_type(evs, "meeting")] == [({"هيثم بن طارق", "بدر عبد العاطي"}, "2025-01-20")]


def test_a_bare_minister_title_before_a_counterpart_is_the_main_person():
    evs = events_of("التقى وزير الخارجية فؤاد حسين اليوم في نيويورك وزير الخارجية التركي هاكان فيدان. ومن المقرر أن "
                    "يلتقي الوزير غدا الخميس نظيره الإيراني عباس عراقجي.", "2025-09-24")
    assert ("meeting", {"فؤاد حسين", "عباس عراقجي"}, "2025-09-25", "planned") in [
        (e[0], e[1], e[4], e[5]) for e in evs]


def test_the_two_presidents_are_the_guest_and_the_host_of_the_welcome_before():
    evs = events_of("أقيمت اليوم بقصر المرادية مراسم استقبال رسمية على شرف رئيس الجمهورية التونسية قيس سعيد، الذي يقوم "
                    "بزيارة دولة إلى الجزائر، بحضور رئيس الجمهورية عبد المجيد تبون. إثر ذلك، أجرى الرئيسان محادثات "
                    "على انفراد.", "2025-05-19")
    assert [(e[0], e[1]) for e in evs] == [("meeting", {"قيس سعيد", "عبد المجيد تبون"})]


def test_talks_named_as_the_content_of_a_call_are_no_meeting():
    evs = events_of("وأجرى وزير الخارجية الإيراني عباس عراقجي أمس اتصالا هاتفيا مع نظيره العماني بدر البوسعيدي، تناول "
                    "الجولة المقبلة من المحادثات غير المباشرة.", "2025-04-21")
    assert [e[0] for e in evs] == ["phone_call"]


def test_the_traveller_is_the_subject_before_a_trip_verb():
    evs = events_of("وأعلن المتحدث أن وزير الخارجية عباس عراقجي سيتوجه الأربعاء المقبل إلى بكين في زيارة رسمية يلتقي "
                    "خلالها نظيره الصيني وانغ يي.", "2025-04-21")
    assert [(e[1], e[3], e[5]) for e in of_type(evs, "visit")] == [({"عباس عراقجي"}, "beijing", "planned")]


def test_an_invitation_renewed_with_a_pronoun_is_a_planned_visit_of_the_guest():
    evs = events_of("أجرى الرئيس الروسي فلاديمير بوتين اليوم اتصالا هاتفيا مع ولي العهد السعودي الأمير محمد بن سلمان. "
                    "وجدد بوتين خلال الاتصال دعوته للأمير محمد بن سلمان لزيارة روسيا.", "2025-08-07")
    assert [(e[1], e[5]) for e in of_type(evs, "visit")] == [({"محمد بن سلمان"}, "planned")]


def test_the_day_of_a_saying_is_not_the_day_of_the_plan_it_reports():
    evs = events_of("قال المتحدث باسم الكرملين دميتري بيسكوف، اليوم الجمعة، إن الرئيس فلاديمير بوتين قد يلتقي نظيره "
                    "التركي رجب طيب أردوغان إذا سمحت الظروف.", "2025-06-13")
    assert [(e[1], e[4], e[5]) for e in of_type(evs, "meeting")] == [
        ({"فلاديمير بوتين", "رجب طيب أردوغان"}, None, "planned")]


def test_a_spokeswoman_before_a_complementizer_is_not_a_principal():
    evs = events_of("قالت المتحدثة باسم وزارة الخارجية الأميركية تامي بروس إن الوزير ماركو روبيو أجرى اتصالا هاتفيا "
                    "مع وزير الخارجية المصري بدر عبد العاطي.")
    assert [e[1] for e in of_type(evs, "phone_call")] == [{"ماركو روبيو", "بدر عبد العاطي"}]


def test_talks_that_are_the_aim_of_a_coming_trip_are_planned():
    evs = events_of("أعلنت المتحدثة كارولين ليفيت أن المبعوث الأميركي ستيف ويتكوف سيتوجه إلى الدوحة هذا الأسبوع "
                    "لإجراء محادثات مع رئيس مجلس الوزراء القطري الشيخ محمد بن عبد الرحمن آل ثاني بشأن وقف إطلاق "
                    "النار في غزة.", "2025-04-14")
    assert [(e[1], e[3], e[5]) for e in of_type(evs, "meeting")] == [
        ({"ستيف ويتكوف", "محمد بن عبد الرحمن آل ثاني"}, "doha", "planned")]


def test_senior_officials_are_not_the_two_principals_told_before():
    evs = events_of("التقى وزير الدولة محمد الخليفي اليوم المبعوث الأممي هانس غروندبرغ. وأضاف المتحدث أن رئيس الوزراء "
                    "الشيخ محمد بن عبدالرحمن آل ثاني سيتوجه إلى واشنطن لإجراء محادثات مع كبار المسؤولين.", "2025-02-18")
    assert [e[1] for e in of_type(evs, "meeting")] == [{"محمد الخليفي", "هانس غروندبرغ"}]


def test_the_sender_of_a_message_handed_over_is_not_a_principal():
    evs = events_of("استقبل أمير البلاد الشيخ مشعل الأحمد الجابر الصباح اليوم وزير الخارجية المصري بدر عبد العاطي الذي "
                    "نقل رسالة خطية إلى سموه من أخيه فخامة الرئيس عبد الفتاح السيسي.", "2025-01-08")
    assert [e[1] for e in of_type(evs, "meeting")] == [{"مشعل الأحمد الجابر الصباح", "بدر عبد العاطي"}]


def test_a_place_after_a_plan_is_not_where_the_talks_were_held():
    evs = events_of("وأجرى وزير الخارجية عبدالله اليحيا ونظيره المصري بدر عبد العاطي جلسة مباحثات تناولت التحضيرات "
                    "لاجتماعات اللجنة المشتركة المقرر عقدها في القاهرة.", "2025-01-08")
    assert [(e[1], e[3]) for e in of_type(evs, "meeting")] == [({"عبدالله اليحيا", "بدر عبد العاطي"}, None)]


def test_a_person_named_in_a_relative_clause_is_not_a_principal_of_the_meeting():
    evs = events_of("التقى وزير الدفاع عبد المجيد صقر اليوم وزير الدفاع الصومالي عبد القادر محمد نور، الذي يزور مصر ضمن "
                    "الوفد المرافق للرئيس الصومالي حسن شيخ محمود.", "2024-08-14")
    assert [e[1] for e in of_type(evs, "meeting")] == [{"عبد المجيد صقر", "عبد القادر محمد نور"}]


def test_a_dialogue_session_between_two_states_is_a_meeting():
    evs = events_of("وكان وزير الخارجية عبداللطيف بن راشد الزياني قد ترأس مع نظيره البريطاني ديفيد لامي أعمال الدورة "
                    "الجديدة للحوار الاستراتيجي بين البلدين.")
    assert [(e[0], e[1]) for e in evs] == [("meeting", {"عبداللطيف بن راشد الزياني", "ديفيد لامي"})]


def test_the_russian_guest_is_the_one_received_before():
    evs = events_of("استقبل رئيس الجمهورية عبد المجيد تبون اليوم المبعوث الروسي ميخائيل بوغدانوف. كما استقبل الفريق "
                    "أول السعيد شنقريحة الضيف الروسي بمقر أركان الجيش.", "2025-02-11")
    assert {e[1] for e in of_type(evs, "meeting")} == {
        frozenset({"عبد المجيد تبون", "ميخائيل بوغدانوف"}), frozenset({"السعيد شنقريحة", "ميخائيل بوغدانوف"})}



def test_each_of_those_listed_separately_is_its_own_audience_with_the_attendee():
    evs = events_of("استقبل سمو ولي العهد الشيخ صباح خالد الحمد الصباح بقصر بيان اليوم الثلاثاء كلا من سفير فرنسا "
                    "أوليفييه غوفان، وسفير اليابان ماكوتو موريموتو، كل على حدة. وحضر المقابلتين الشيخ أحمد فهد "
                    "الأحمد الصباح.", "2025-05-06")
    assert sorted((sorted(e[1]), sorted(e[2])) for e in of_type(evs, "meeting")) == [
        (sorted({"صباح خالد الحمد الصباح", "أوليفييه غوفان"}), ["أحمد فهد الأحمد الصباح"]),
        (sorted({"صباح خالد الحمد الصباح", "ماكوتو موريموتو"}), ["أحمد فهد الأحمد الصباح"])]


def test_a_bilateral_summit_is_a_meeting():
    evs = events_of("تلقى الرئيس عبد الفتاح السيسي اليوم اتصالا هاتفيا من الرئيس الفرنسي إيمانويل ماكرون. وأكد الرئيس "
                    "الفرنسي تطلعه لزيارة مصر، حيث يعقد الرئيسان قمة ثنائية في القاهرة.", "2025-04-02")
    assert of_type(evs, "summit") == []
    assert [(e[1], e[3], e[5]) for e in of_type(evs, "meeting")] == [
        ({"إيمانويل ماكرون", "عبد الفتاح السيسي"}, "cairo", "planned")]


def test_a_city_hosting_a_summit_makes_no_meeting_of_its_own():
    evs = events_of("استضافت العاصمة التركية أنقرة، الأربعاء، قمة ثلاثية جمعت الرئيس رجب طيب أردوغان، والرئيس "
                    "الأذربيجاني إلهام علييف، ورئيس الوزراء الباكستاني شهباز شريف.", "2025-05-28")
    assert [e[0] for e in evs] == ["summit"]


def test_talks_by_telephone_are_a_call():
    evs = events_of("أجرى وزير الخارجية السعودي الأمير فيصل بن فرحان اليوم مباحثات هاتفية مع نظيره الإيراني عباس "
                    "عراقجي.", "2025-04-20")
    assert [(e[0], e[1]) for e in evs] == [("phone_call", {"فيصل بن فرحان", "عباس عراقجي"})]


def test_future_forms_of_trips_and_talks_are_planned():
    evs = events_of("سيقوم الرئيس التركي رجب طيب أردوغان بزيارة رسمية إلى مصر. وسيصل رئيس الوزراء الإيطالي جورجيا "
                    "ميلوني إلى الجزائر في زيارة رسمية. وسيعقد الرئيس عبد الفتاح السيسي مباحثات مع نظيره التركي.",
                    "2025-05-05")
    assert {(tuple(sorted(e[1])), e[0], e[5]) for e in evs} >= {
        (("رجب طيب أردوغان",), "visit", "planned"), (("جورجيا ميلوني",), "visit", "planned")}
    assert all(e[5] == "planned" for e in evs)


def test_she_visits_is_a_trip():
    evs = events_of("تزور رئيسة الوزراء الإيطالية جورجيا ميلوني الجزائر غدا.", "2025-05-05")
    assert [(e[1], e[3], e[5]) for e in of_type(evs, "visit")] == [({"جورجيا ميلوني"}, "algiers", "planned")]


def test_a_day_of_a_month_named_relatively_is_a_full_date():
    evs = events_of("التقى رئيس الوزراء محمد شياع السوداني اليوم الرئيس عبد اللطيف رشيد. وفي الثالث من الشهر الجاري، "
                    "كان السوداني قد زار عمّان حيث التقى الملك عبدالله الثاني. وكان السوداني قد التقى في 20 من الشهر "
                    "الماضي الرئيس الإيراني مسعود بزشكيان.", "2025-02-11")
    dated = {frozenset(e[1]): e[4] for e in of_type(evs, "meeting")}
    assert dated[frozenset({"محمد شياع السوداني", "عبدالله الثاني"})] == "2025-02-03"
    assert dated[frozenset({"محمد شياع السوداني", "مسعود بزشكيان"})] == "2025-01-20"


def test_the_traveller_named_with_the_tour_makes_each_leg():
    evs = events_of("رحب الرئيس عبد الفتاح السيسي بجولة وزير الخارجية الصيني وانغ يي التي تشمل مصر وتونس.", "2025-01-03")
    assert sorted((e[3], e[5]) for e in evs if e[1] == {"وانغ يي"}) == [("eg", "planned"), ("tunis", "planned")]


def test_a_council_meeting_at_ministerial_level_is_a_summit():
    evs = events_of("شارك وزير الخارجية المصري بدر عبد العاطي اليوم في الاجتماع الطارئ لمجلس جامعة الدول العربية على "
                    "المستوى الوزاري.", "2025-09-24")
    assert [(e[0], e[1]) for e in evs] == [("summit", {"بدر عبد العاطي"})]


def test_the_state_of_a_delegation_is_not_the_setting():
    evs = events_of("ترأس الرئيس عبد المجيد تبون وفد الجزائر إلى القمة الإفريقية في أديس أبابا.")
    assert [(e[0], e[3]) for e in evs] == [("summit", "addis_ababa")]
