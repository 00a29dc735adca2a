"""Countries and places gazetteers: they load, are well formed and cover the news of any region."""
from __future__ import annotations

import pytest

from kg.resources import gazetteer as gz
from kg.resources import path

ARAB_LEAGUE = (
    "ae", "bh", "dj", "dz", "eg", "iq", "jo", "km", "kw", "lb", "ly",
    "ma", "mr", "om", "ps", "qa", "sa", "sd", "so", "sy", "tn", "ye",
)
SECURITY_COUNCIL_P5 = ("cn", "fr", "ru", "gb", "us")
OTHERS = ("ir", "tr", "il", "ua", "in", "pk")
CLITICS = ("و", "ف", "ب", "ل", "ك")


def _data_lines(name: str) -> list[str]:
    lines = path(name).read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", f"{name} must end with one newline"
    return lines[:-1]


@pytest.mark.parametrize("name", [gz.COUNTRIES_FILE, gz.PLACES_FILE, gz.ORGANIZATIONS_FILE])
def test_file_is_sorted_tsv_with_comments_only_on_top(name: str) -> None:
    lines = _data_lines(name)
    body = [ln for ln in lines if not ln.startswith("#")]
    assert lines[: len(lines) - len(body)] == [ln for ln in lines if ln.startswith("#")]
    assert all(ln.strip() for ln in lines), "no empty lines"
    width = len(body[0].split("\t"))
    assert all(len(ln.split("\t")) == width for ln in body)
    keys = [ln.split("\t")[0] for ln in body[1:]]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_at_least_190_countries_load() -> None:
    assert len(gz.countries()) >= 190


@pytest.mark.parametrize("key", ARAB_LEAGUE + SECURITY_COUNCIL_P5 + OTHERS)
def test_key_country_has_names_adjectives_and_capital(key: str) -> None:
    country = gz.countries()[key]
    assert country.names_ar and country.adjectives_ar
    assert gz.places()[country.capital].kind == "city"
    assert gz.places()[country.capital].country == key or key == "il"


def test_arab_league_region_is_exactly_the_22_members() -> None:
    members = sorted(k for k, c in gz.countries().items() if "arab_league" in c.regions)
    assert members == sorted(ARAB_LEAGUE)


def test_every_capital_is_a_place() -> None:
    for country in gz.countries().values():
        assert country.capital in gz.places(), country.key


@pytest.mark.parametrize(
    ("key", "canonical", "variant"),
    [
        ("ru", "روسيا", "روسيا الاتحادية"),
        ("sy", "سوريا", "الجمهورية العربية السورية"),
        ("us", "الولايات المتحدة", "أميركا"),
        ("sa", "المملكة العربية السعودية", "السعودية"),
        ("ae", "الإمارات", "الإمارات العربية المتحدة"),
        ("eg", "مصر", "جمهورية مصر العربية"),
        ("ir", "إيران", "الجمهورية الإسلامية الإيرانية"),
    ],
)
def test_canonical_name_comes_first_and_variants_follow(key: str, canonical: str, variant: str) -> None:
    names = gz.countries()[key].names_ar
    assert names[0] == canonical
    assert variant in names


def test_compound_adjectives_name_the_two_koreas() -> None:
    assert "كوري جنوبي" in gz.countries()["kr"].adjectives_ar
    assert "كورية شمالية" in gz.countries()["kp"].adjectives_ar


def test_syria_feminine_adjective_is_also_a_name() -> None:
    syria = gz.countries()["sy"]
    assert "سورية" in syria.names_ar and "سورية" in syria.adjectives_ar


def test_arab_is_not_a_country_adjective() -> None:
    assert all("عربي" not in c.adjectives_ar for c in gz.countries().values())


@pytest.mark.parametrize(
    ("key", "form", "kind"),
    [
        ("kremlin", "الكرملين", "building"),
        ("white_house", "البيت الأبيض", "building"),
        ("qasr_al_salam_jeddah", "قصر السلام", "building"),
        ("abu_dhabi", "أبو ظبي", "city"),
        ("beijing", "بيجين", "city"),
        ("sochi", "سوتشي", "city"),
        ("middle_east", "الشرق الأوسط", "region"),
    ],
)
def test_place_form_and_kind(key: str, form: str, kind: str) -> None:
    place = gz.places()[key]
    assert form in place.names_ar and place.kind == kind


def test_place_countries_exist() -> None:
    states = gz.countries()
    assert all(p.country in states for p in gz.places().values() if p.country)


def _gazetteer_forms() -> set[str]:
    forms = {f for c in gz.countries().values() for f in (*c.names_ar, *c.adjectives_ar)}
    forms |= {f for p in gz.places().values() for f in p.names_ar}
    return forms | {f for o in gz.organizations().values() for f in o.names_ar}


def test_no_form_is_a_clitic_plus_another_form() -> None:
    forms = _gazetteer_forms()
    bad = sorted(f for f in forms if f[0] in CLITICS and f[1:] in forms)
    assert bad == []


def test_forms_have_no_stray_spaces_or_latin_letters() -> None:
    for form in _gazetteer_forms():
        assert form == " ".join(form.split()), form
        assert not any("a" <= ch.lower() <= "z" for ch in form), form


def test_wikidata_ids_are_q_ids() -> None:
    ids = [c.wikidata for c in gz.countries().values()] + [p.wikidata for p in gz.places().values()]
    assert all(i == "" or (i[0] == "Q" and i[1:].isdigit()) for i in ids)
    assert gz.countries()["ru"].wikidata == "Q159"


def test_dangling_capital_is_reported_with_file_and_row(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = ({"key": "zz", "iso3": "ZZZ", "name_en": "Nowhere", "names_ar": "لامكان", "adjectives_ar": "",
             "capital": "atlantis", "region": "", "wikidata": ""},)
    monkeypatch.setattr(gz, "load", lambda name: rows if name == gz.COUNTRIES_FILE else ())
    gz.countries.cache_clear()
    gz.places.cache_clear()
    try:
        with pytest.raises(gz.GazetteerError, match=r"countries\.tsv: data row 1 \('zz'\).*atlantis"):
            gz.countries()
    finally:
        gz.countries.cache_clear()
        gz.places.cache_clear()


@pytest.mark.parametrize(
    ("key", "form"),
    [
        ("un", "الأمم المتحدة"),
        ("un_security_council", "مجلس الأمن"),
        ("arab_league", "الجامعة العربية"),
        ("gcc", "مجلس التعاون الخليجي"),
        ("nato", "الناتو"),
        ("oic", "منظمة التعاون الإسلامي"),
        ("eu", "الاتحاد الأوروبي"),
        ("au", "الاتحاد الإفريقي"),
        ("unrwa", "الأونروا"),
        ("opec_plus", "أوبك+"),
        ("icrc", "اللجنة الدولية للصليب الأحمر"),
    ],
)
def test_international_body_has_fixed_key_and_form(key: str, form: str) -> None:
    org = gz.organizations()[key]
    assert form in org.names_ar and org.country == ""


@pytest.mark.parametrize(
    ("form", "country"),
    [("سانا", "sy"), ("واس", "sa"), ("وام", "ae"), ("قنا", "qa"), ("كونا", "kw"), ("بنا", "bh"),
     ("العمانية", "om"), ("بترا", "jo"), ("وفا", "ps"), ("واج", "dz"), ("لاماب", "ma"), ("تاس", "ru"),
     ("ريا نوفوستي", "ru"), ("سبوتنيك", "ru"), ("شينخوا", "cn"), ("الأناضول", "tr"), ("إرنا", "ir"),
     ("رويترز", "gb"), ("فرانس برس", "fr"), ("أسوشيتد برس", "us")],
)
def test_news_agency_is_media_of_its_country(form: str, country: str) -> None:
    hits = [o for o in gz.organizations().values() if form in o.names_ar]
    assert [(o.kind, o.country) for o in hits] == [("media", country)]


def test_generic_ministries_are_left_to_patterns() -> None:
    forms = {f for o in gz.organizations().values() for f in o.names_ar}
    assert "وزارة الخارجية" not in forms


def test_organization_countries_exist() -> None:
    states = gz.countries()
    assert all(o.country in states for o in gz.organizations().values() if o.country)
