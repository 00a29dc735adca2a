"""The pipeline's tokenizer (kg/nlp/tokenizer.py), on short Arabic strings written for these tests."""
from __future__ import annotations

import pytest

from kg.nlp import extract, get_nlp
from kg.nlp.tokenizer import ArabicTokenizer
from kg.records import Article


def words(text: str) -> list[str]:
    return [t.text for t in get_nlp().make_doc(text) if not t.is_space]


def test_the_pipeline_uses_the_kg_tokenizer():
    assert isinstance(get_nlp().tokenizer, ArabicTokenizer)


@pytest.mark.parametrize("text", [
    "  استقبل الرئيس   ضيفه.\n\nوقال:\t«أهلا»\n",
    "التقى الوزيران في 15/10/2025 الساعة 10:30 ",
    "\n",
    "",
])
def test_the_doc_text_is_the_input_and_offsets_point_into_it(text):
    doc = get_nlp().make_doc(text)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


def test_punctuation_splits_off_words_even_when_marks_pile_up():
    # spaCy's Arabic rules leave «موسكو".» as one token; the place would be missed
    assert words('وصل إلى "موسكو". ثم عاد بـ"الاتفاق"،') == [
        "وصل", "إلى", '"', "موسكو", '"', ".", "ثم", "عاد", "بـ", '"', "الاتفاق", '"', "،"]


def test_numbers_dates_and_times_keep_their_separators():
    assert words("في 15/10/2025 عند 10:30 بنسبة 3.5% نحو 1,500 جندي") == [
        "في", "15/10/2025", "عند", "10:30", "بنسبة", "3.5", "%", "نحو", "1,500", "جندي"]


def test_diacritics_tatweel_and_joiners_stay_inside_the_word():
    assert words("مُحَمَّد الرئيـــس پزشکیان\u200cها") == ["مُحَمَّد", "الرئيـــس", "پزشکیان\u200cها"]


def test_words_mixing_scripts_digits_and_marks_stay_whole_and_underscores_split():
    # the Arabic fast path must hand a word over to the general word rule, not cut it
    assert words("ـالرئيس قمة٢٠ G20 قمةG20 café 2025م #قمة_الرياض") == [
        "ـالرئيس", "قمة٢٠", "G20", "قمةG20", "café", "2025م", "#", "قمة", "_", "الرياض"]


def test_a_place_before_a_closing_quote_and_full_stop_is_found():
    ex = extract(Article("t.txt", 'وقال الوزير إن الوفد سيتوجه غدا إلى "موسكو".'))
    assert ("موسكو", "LOC") in {(m.text, m.label) for m in ex.mentions}


@pytest.mark.parametrize("written,value", [("2025-03-03", "2025-03-03"), ("3-3-2025", "2025-03-03"),
                                           ("15.10.2025", "2025-10-15")])
def test_dates_written_with_hyphens_or_dots_are_one_token_and_date_the_event(written, value):
    text = f"التقى وزير الخارجية السعودي فيصل بن فرحان نظيره الأردني أيمن الصفدي في {written} بالرياض."
    assert written in words(text)
    ex = extract(Article("t.txt", text))
    assert [(e.type, e.date) for e in ex.events] == [("meeting", value)]


def test_a_range_of_years_stays_three_tokens():
    assert words("بين 2010-2015") == ["بين", "2010", "-", "2015"]


def test_new_word_forms_skip_the_lexeme_attributes_no_component_reads():
    from spacy import attrs

    from kg.nlp import get_nlp
    from kg.nlp.tokenizer import UNUSED_LEXEME_ATTRS

    nlp = get_nlp()
    assert not {getattr(attrs, a) for a in UNUSED_LEXEME_ATTRS} & set(nlp.vocab.lex_attr_getters)
    doc = nlp.make_doc("وصل الوفد المؤلف من 15 عضوا، أمس.")
    assert [t.text for t in doc if t.like_num] == ["15"]        # what kg_normalise reads is still there
    assert [t.text for t in doc if t.is_punct] == ["،", "."]
    assert doc[0].shape_ == ""                                  # what nothing reads is not computed
