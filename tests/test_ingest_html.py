"""HTML pages: the main text is kept paragraph by paragraph, page furniture is dropped."""
from __future__ import annotations

from kg.ingest import extract_html, read_inputs
from kg.ingest.html import align_paragraphs
from kg.records import Article

P1 = "استقبل وزير الخارجية الروسي سيرغي لافروف نظيره السوري أسعد الشيباني في موسكو يوم الخميس."
P2 = "وبحث الجانبان العلاقات الثنائية والتعاون الاقتصادي بين البلدين في ظل المرحلة الجديدة."
P3 = "وأكد لافروف دعم بلاده لوحدة الأراضي السورية وسيادتها."

PAGE = f"""<!DOCTYPE html>
<html lang="ar-SY"><head><meta charset="utf-8">
<title>لافروف يستقبل الشيباني | موقع الأخبار</title>
<meta property="og:title" content="لافروف يستقبل الشيباني في موسكو">
<meta property="og:site_name" content="موقع الأخبار">
<meta property="article:published_time" content="2025-07-31T10:00:00+03:00">
<link rel="canonical" href="https://example.org/news/1">
<script>var ad = "إعلان";</script><style>.x{{color:red}}</style></head>
<body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة</a></li><li>اقتصاد</li></ul></nav></header>
<main><article>
<h1>لافروف يستقبل الشيباني في موسكو</h1>
<div class="post-byline">بقلم: يورو نيوز</div>
<p>{P1}</p>
<div class="ad-slot">إعلان</div>
<p>{P2}</p>
<script>document.write("نص من سكربت");</script>
<p>{P3}</p>
<div class="social-share"><a href="#">شارك</a> <a href="#">Tweet</a> <a href="#">واتساب</a></div>
</article></main>
<aside><h3>الأكثر قراءة</h3><ul><li><a>خبر جانبي عن الطقس في دمشق</a></li></ul></aside>
<footer>جميع الحقوق محفوظة © 2025</footer>
</body></html>"""


def test_main_text_is_extracted_with_nav_script_share_removed() -> None:
    doc = extract_html(PAGE)
    lines = doc.text.split("\n")
    assert P1 in lines and P2 in lines and P3 in lines
    for junk in ("الرئيسية", "سياسة", "نص من سكربت", "var ad", "Tweet", "واتساب", "يورو نيوز", "محفوظة", "الطقس"):
        assert junk not in doc.text


def test_paragraphs_stay_separate_lines() -> None:
    doc = extract_html(PAGE)
    assert doc.text.index(P1) < doc.text.index(P2) < doc.text.index(P3)
    assert f"{P1}\n{P2}\n{P3}" in doc.text


def test_page_metadata_is_read() -> None:
    doc = extract_html(PAGE)
    assert doc.title == "لافروف يستقبل الشيباني في موسكو"
    assert doc.published == "2025-07-31T10:00:00+03:00"
    assert doc.url == "https://example.org/news/1"
    assert doc.publisher == "موقع الأخبار"
    assert doc.lang == "ar"


def test_html_file_gives_article_with_iso_date(tmp_path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (item,) = read_inputs([tmp_path])
    assert isinstance(item, Article)
    assert item.id == "page.html"
    assert item.published == "2025-07-31"
    assert item.title == "لافروف يستقبل الشيباني في موسكو"
    assert P2 in item.text.split("\n")


def test_malformed_html_with_unclosed_tags_still_gives_text() -> None:
    doc = extract_html(f"<html><body><div><p>{P1}<p>{P2}<br>{P3}<div><b>وختم الوزيران اللقاء")
    assert doc.text.split("\n") == [P1, P2, P3, "وختم الوزيران اللقاء"]


def test_page_without_article_markup_falls_back_to_text() -> None:
    doc = extract_html(f"<p>{P1}</p>")
    assert doc.text == P1


def test_page_without_text_is_empty() -> None:
    assert extract_html("<html><head><script>x()</script></head><body></body></html>").text == ""
    assert extract_html("").text == ""


def test_cp1256_page_with_declared_charset(tmp_path) -> None:
    page = f'<html><head><meta charset="windows-1256"></head><body><p>{P1}</p><p>{P2}</p></body></html>'
    (tmp_path / "legacy.htm").write_bytes(page.encode("cp1256"))
    (item,) = read_inputs([tmp_path / "legacy.htm"])
    assert isinstance(item, Article)
    assert item.text == f"{P1}\n{P2}"


def test_alignment_refuses_a_short_menu_item_inside_the_text() -> None:
    assert align_paragraphs(["الرئيسية", "في", P1], P1) == [P1]


def test_alignment_gives_up_when_text_is_not_covered() -> None:
    assert align_paragraphs([P1], P1 + " " + P2) is None


def test_lxml_paragraphs_are_used_when_trafilatura_returns_nothing(monkeypatch) -> None:
    monkeypatch.setattr("kg.ingest.html._trafilatura", lambda body: None)
    doc = extract_html(PAGE)
    assert doc.method == "lxml"
    lines = doc.text.split("\n")
    assert P1 in lines and P2 in lines and P3 in lines
    for junk in ("الرئيسية", "نص من سكربت", "Tweet", "يورو نيوز", "الطقس"):
        assert junk not in doc.text


def test_br_separated_text_without_p_keeps_its_lines_and_drops_read_also(tmp_path) -> None:
    page = (
        '<html><body><div class="top"><a href="/">الرئيسية</a> | <a>سياسة</a></div><div class="content">'
        f"<h2>لافروف والشيباني</h2>{P1}<br><br>{P2}<br>{P3}<br>"
        '<b>اقرأ أيضا:</b> <a href="/x">الشيباني يزور أنقرة الأسبوع المقبل</a><br><div>الصورة: سانا</div>'
        "</div></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (item,) = read_inputs([tmp_path / "page.html"])
    assert item.text.split("\n")[-3:] == [P1, P2, P3]



def test_table_cells_become_lines_without_separators() -> None:
    doc = extract_html("<table><tr><td>خلية أولى</td><td>خلية ثانية</td></tr></table>")
    assert doc.text == "خلية أولى\nخلية ثانية"
