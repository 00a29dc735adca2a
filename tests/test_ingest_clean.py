"""Cleaning of article text: characters, spaces, boilerplate lines and repeated paragraphs."""
from __future__ import annotations

import pytest

from kg.ingest import IngestOptions, clean_text
from kg.ingest.boilerplate import is_boilerplate, rules
from kg.ingest.clean import (
    normalise_presentation_forms,
    normalise_spaces,
    remove_invisible,
    unescape_entities,
)


def test_presentation_forms_become_letters() -> None:
    # ﻻ (U+FEFB) and the isolated/initial/final forms of ب ر ي.
    assert normalise_presentation_forms("\uFEFB \uFE8F\uFE91 \uFEAD") == "لا بب ر"


def test_presentation_nfkc_leaves_other_characters_alone() -> None:
    text = "x² ﬁ ١٢٣ ＡＢ أحمد"
    assert normalise_presentation_forms(text) == text


def test_zero_width_and_bidi_marks_are_removed() -> None:
    text = "لاف\u200bروف\u200f و\u202bالشيباني\u202c \u2067موسكو\u2069\u061c\ufeff\u00ad"
    assert remove_invisible(text) == "لافروف والشيباني موسكو"


def test_broken_nbsp_entity_is_fixed() -> None:
    assert clean_text("بقلم:&nbspيورو نيوز\nنص المقال هنا.", IngestOptions(drop_boilerplate=False)).text == (
        "بقلم: يورو نيوز\nنص المقال هنا."
    )


def test_entities_with_semicolon_and_ampersand_text() -> None:
    assert unescape_entities("وزير&nbsp;الخارجية &amp; AT&T &quot;سانا&quot;") == 'وزير\xa0الخارجية & AT&T "سانا"'


def test_nbsp_and_other_spaces_become_one_space() -> None:
    assert normalise_spaces("  وزير\u00a0\u00a0الخارجية\u2009الروسي\t\u3000لافروف  ") == "وزير الخارجية الروسي لافروف"


def test_paragraph_breaks_become_single_newlines() -> None:
    assert clean_text("الفقرة الأولى.\r\n\r\n\r\n   الفقرة الثانية.  \n\n").text == "الفقرة الأولى.\nالفقرة الثانية."


def test_repeated_paragraphs_are_dropped_keeping_the_first() -> None:
    text = "التقى لافروف الشيباني.\nوبحثا العلاقات.\nالتقى  لافروف   الشيباني.\nوبحثا العلاقات.\nختام."
    cleaned = clean_text(text)
    assert cleaned.text == "التقى لافروف الشيباني.\nوبحثا العلاقات.\nختام."
    assert cleaned.dropped_repeated == 2
    assert cleaned.warnings == ("dropped 2 repeated paragraphs",)


@pytest.mark.parametrize(
    "line",
    [
        "بقلم: يورو نيوز",
        "بقلم:\xa0أحمد محمد",
        "نشرت في",
        "اعلان",
        "إعلان",
        "شاركها.",
        "شارك",
        "اترك تعليقاً",
        "اترك تعليقًا",
        "اقرأ أيضا: لافروف يصل إلى دمشق",
        "اقرأ المزيد",
        "تابعونا على فيسبوك وتويتر",
        "Exit mobile version",
        "Share",
        "Tweet",
        "Advertisement",
        "© 2025 يورو نيوز",
        "جميع الحقوق محفوظة لموقع الأخبار 2025",
        "حقوق النشر محفوظة",
        "#روسيا_سوريا",
        "#سوريا #روسيا",
        "🤝👍",
        "• • •",
        "الصورة: رويترز",
        "صورة: أرشيفية",
        "فيسبوك تويتر واتساب",
    ],
)
def test_boilerplate_line_is_dropped(line: str) -> None:
    assert clean_text(f"استقبل بوتين الشيباني.\n{line}\nوبحث الجانبان العلاقات.").text == (
        "استقبل بوتين الشيباني.\nوبحث الجانبان العلاقات."
    )


@pytest.mark.parametrize(
    "line",
    [
        "أعلن الوزير إعلان المبادئ المشترك بين البلدين.",
        "وجاء الاعلان بعد لقاء الرئيسين.",
        "شارك في الاجتماع وزير الدفاع.",
        "نشرت في موسكو صور اللقاء.",
        "بقلم الرئيس وقّعت الاتفاقية بين الجانبين في الكرملين بعد مباحثات طويلة استمرت ساعات.",
        "التقى الشرع بوتين.",
        "🗓 في 28 يناير، زار الوفد الروسي دمشق.",
        "رئيسا سوريا وروسيا يعقدان مباحثات",
        "2025",
    ],
)
def test_real_sentence_is_kept(line: str) -> None:
    assert not is_boilerplate(line)
    assert clean_text(line).text == line


def test_emoji_inside_a_sentence_is_kept_as_is() -> None:
    line = "🤝واتفق الجانبان على استمرار الاتصالات 👍 بين موسكو ودمشق."
    assert clean_text(line).text == line


def test_boilerplate_resource_compiles_and_is_sorted() -> None:
    patterns = [r.pattern.pattern for r in rules()]
    assert len(patterns) > 20
    assert patterns == sorted(patterns)


def test_options_can_keep_boilerplate_and_repeats() -> None:
    text = "اعلان\nجملة.\nجملة."
    assert clean_text(text, IngestOptions(drop_boilerplate=False, drop_repeated=False)).text == text
