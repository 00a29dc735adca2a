"""Main text and metadata of an HTML page.

Notes
-----
trafilatura decides *what* is the article (it drops menus, teasers, footers and comments; it runs
with ``favor_recall`` because the page is already stripped of furniture and a lost sentence costs
more than a kept link line, which the boilerplate filter drops anyway), but on
short pages it falls back to a baseline that glues every paragraph into one line, and a line-based
boilerplate filter can then no longer drop a byline or a share bar. So the page is first cleaned
with lxml (scripts, navigation, share bars, bylines and ads by tag, ARIA role and class/id), and
trafilatura's selection is then re-cut into the page's own paragraphs (``<p>``, ``<li>``,
headings, ``<br>``). When trafilatura returns nothing, the paragraphs of the cleaned page are used.
"""
from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

__all__ = ["HtmlDoc", "align_paragraphs", "block_paragraphs", "declared_charset", "extract_html", "preclean"]

log = logging.getLogger(__name__)

# Markup conventions (not language data): tags, ARIA roles and class/id tokens of page furniture.
_DROP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "nav", "aside", "form", "button", "input", "select", "textarea", "option", "label", "dialog", "menu"]
)
_DROP_ROLES = frozenset(["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"])
_DROP_TOKENS = frozenset(
    ["share", "sharing", "sharer", "social", "socials", "byline", "author", "authors", "advert", "adverts", "advertisement", "ads", "ad", "adsbygoogle", "sponsor", "sponsored", "promo", "related", "comments", "comment", "breadcrumb", "breadcrumbs", "navbar", "nav", "menu", "sidebar", "newsletter", "subscribe", "subscription", "cookie", "cookies", "popup", "modal", "tags", "toolbar", "printfriendly", "disqus", "outbrain", "taboola"]
)
_BLOCK_TAGS = frozenset(
    ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section", "article", "main", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "figure", "figcaption", "header", "footer", "address", "hr", "center", "details", "summary"]
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_NO_SPACE = re.compile(r"\s+")
# Ignored when aligning: whitespace, and the cell separators trafilatura writes for tables.
_ALIGN_IGNORED = re.compile(r"[\s|]+")

_TITLE_META = ("og:title", "twitter:title", "title", "dc.title")
_DATE_META = (
    "article:published_time", "og:published_time", "published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "dcterms.issued", "sailthru.date", "parsely-pub-date", "article.published", "original-publish-date",
)
_URL_META = ("og:url", "twitter:url")
_PUBLISHER_META = ("og:site_name", "publisher", "application-name")


@dataclass(frozen=True)
class HtmlDoc:
    """What an HTML page yields: its main text (paragraphs separated by ``\\n``) and metadata.

    ``published`` is the raw value found in the page (normalised later); ``method`` is
    ``trafilatura``, ``trafilatura+paragraphs`` or ``lxml`` (for logs and tests).
    """

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    lang: str | None = None
    method: str = ""


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first bytes, if any."""
    m = _CHARSET.search(head[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _parse(markup: str) -> Any | None:
    markup = _XML_DECL.sub("", markup, count=1)
    if not markup.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
    try:
        return lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        log.debug("lxml could not parse the page: %s", exc)
        return None


def _clean_value(value: str | None) -> str | None:
    if value is None:
        return None
    value = _NO_SPACE.sub(" ", value).strip()
    return value or None


def _meta_values(root: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = _clean_value(el.get("content"))
        if key and content and key not in out:
            out[key] = content
    return out


def _json_ld(root: Any) -> Iterator[dict[str, Any]]:
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


def _first(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, str) and _clean_value(value):
            return _clean_value(value)
    return None


def _metadata(root: Any) -> dict[str, str | None]:
    meta = _meta_values(root)
    ld_title = ld_date = ld_publisher = ld_url = None
    for item in _json_ld(root):
        ld_title = ld_title or _first(item.get("headline"))
        ld_date = ld_date or _first(item.get("datePublished"))
        ld_url = ld_url or (_first(item.get("url")) if item.get("headline") else None)
        pub = item.get("publisher")
        if isinstance(pub, dict):
            ld_publisher = ld_publisher or _first(pub.get("name"))
    h1 = next((_clean_value(el.text_content()) for el in root.iter("h1")), None)
    title_el = next((_clean_value(el.text_content()) for el in root.iter("title")), None)
    time_el = next((el.get("datetime") for el in root.iter("time") if el.get("datetime")), None)
    canonical = next(
        (el.get("href") for el in root.iter("link") if (el.get("rel") or "").lower() == "canonical"), None
    )
    lang = (root.get("lang") or root.get("xml:lang") or meta.get("og:locale") or "").strip()
    lang = re.split(r"[-_]", lang)[0].lower() if lang else ""
    return {
        "title": _first(ld_title, *(meta.get(k) for k in _TITLE_META), h1, title_el),
        "published": _first(ld_date, *(meta.get(k) for k in _DATE_META), time_el),
        "url": _first(canonical, ld_url, *(meta.get(k) for k in _URL_META)),
        "publisher": _first(ld_publisher, *(meta.get(k) for k in _PUBLISHER_META)),
        "lang": lang or None,
    }


def _tokens(el: Any) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {t for t in _TOKEN_SPLIT.split(raw) if t}


def _inside(el: Any, tags: frozenset[str]) -> bool:
    return any(isinstance(a.tag, str) and a.tag in tags for a in el.iterancestors())


def _drop(el: Any) -> None:
    """Remove an element but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def preclean(root: Any) -> Any:
    """A copy of the page's ``<body>`` without page furniture (scripts, menus, share bars, ads...).

    Notes
    -----
    A class token such as ``sidebar`` on a wrapper that holds most of the page text
    (``<div class="content has-sidebar">``) must not take the article with it, so elements
    matched only by their class/id are kept when they hold a large share of the text.
    """
    body = root.find("body")
    body = copy.deepcopy(body if body is not None else root)
    total = len(body.text_content() or "")
    doomed = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)
            continue
        tag = el.tag.lower()
        if tag in _DROP_TAGS or (el.get("role") or "").lower() in _DROP_ROLES or tag in ("header", "footer") and not _inside(el, frozenset({"article", "main"})) or el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true" or _HIDDEN_STYLE.search(el.get("style") or ""):
            doomed.append(el)
        elif _tokens(el) & _DROP_TOKENS and tag not in ("body", "html", "article", "main"):
            size = len(el.text_content() or "")
            if size <= max(400, 0.4 * total):
                doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            _drop(el)
    return body


def block_paragraphs(el: Any) -> list[str]:
    """The text of ``el`` cut at block elements and ``<br>``: one string per paragraph."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS or tag == "br":
                parts.append("\n")
            if node.text and tag != "br":
                parts.append(node.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.tail and node is not el:
                parts.append(node.tail)
    text = "".join(parts)
    return [p for p in (_NO_SPACE.sub(" ", line).strip() for line in text.split("\n")) if p]


def align_paragraphs(paragraphs: list[str], extracted: str, max_missing: float = 0.02) -> list[str] | None:
    """Re-cut ``extracted`` (trafilatura's text) into the page's ``paragraphs``.

    Walks the paragraphs in order and keeps those found, whitespace aside, at the current
    position of the extracted text (a short one must be found exactly there, so that a menu item
    such as ``سياسة`` cannot match a word inside the article). Returns None when more than
    ``max_missing`` of the extracted text could not be covered: then trafilatura's own line
    breaks are used.
    """
    target = _ALIGN_IGNORED.sub("", extracted)
    if not target:
        return None
    cursor = 0
    missing = 0
    kept: list[str] = []
    for para in paragraphs:
        key = _ALIGN_IGNORED.sub("", para)
        if not key:
            continue
        idx = target.find(key, cursor)
        if idx < 0 or (idx > cursor and len(key) < 40):
            continue
        missing += idx - cursor
        kept.append(para)
        cursor = idx + len(key)
    missing += len(target) - cursor
    if missing > max_missing * len(target):
        return None
    return kept


def _trafilatura(body: Any) -> str | None:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        return trafilatura.extract(
            copy.deepcopy(body),
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            favor_recall=True,
            with_metadata=False,
        )
    except Exception:
        log.debug("trafilatura failed", exc_info=True)
        return None


def extract_html(markup: str) -> HtmlDoc:
    """The main text and the metadata of an HTML page (malformed markup is tolerated).

    Returns an :class:`HtmlDoc` whose ``text`` is empty when the page has no text at all.
    """
    root = _parse(markup)
    if root is None:
        return HtmlDoc(text="", method="none")
    meta = _metadata(root)
    body = preclean(root)
    paragraphs = block_paragraphs(body)
    extracted = _trafilatura(body)
    if extracted and extracted.strip():
        aligned = align_paragraphs(paragraphs, extracted)
        if aligned:
            text, method = "\n".join(aligned), "trafilatura+paragraphs"
        else:
            text, method = extracted, "trafilatura"
    else:
        text, method = "\n".join(paragraphs), "lxml"
    log.debug("html text by %s: %d chars", method, len(text))
    return HtmlDoc(text=text, method=method, **meta)
