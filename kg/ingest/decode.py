"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, Windows-1256, ISO-8859-6.

Notes
-----
Charset detection on short Arabic text easily confuses Windows-1256 with ISO-8859-6 (both put
``ء``-``ض`` at 0xC1-0xD6) and with other single-byte code pages, so the order is fixed and
conservative: strict UTF-8 first (a legacy file almost never decodes as UTF-8 by accident), then
byte-order marks, then the two Arabic code pages, prioritised by charset-normalizer and checked by
how Arabic the result reads (ISO-8859-6 read as Windows-1256 yields Latin letters such as ``ç è ê``
where ``ه و ي`` should be; Windows-1256 read as ISO-8859-6 yields runs of vowel marks). Only when
neither reads as Arabic does an unrestricted guess of charset-normalizer get a chance.
"""
from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

__all__ = ["Decoded", "NotText", "arabic_score", "decode_bytes", "looks_binary"]

log = logging.getLogger(__name__)

#: Legacy Arabic code pages tried after UTF-8 (Python codec names).
ARABIC_CODEPAGES: tuple[str, ...] = ("cp1256", "iso8859_6")
#: Code pages tried when the text does not read as Arabic (Latin and DOS/Mac Arabic sources).
FALLBACK_CODEPAGES: tuple[str, ...] = ("cp1252", "latin_1", "cp720", "mac_arabic", "utf_16_le", "utf_16_be")
_DISPLAY = {"cp1256": "windows-1256", "iso8859_6": "iso-8859-6", "utf_8": "utf-8"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
_HARAKAT = re.compile(r"[\u064B-\u0652]")
_LATIN_EXT = re.compile(r"[\u00C0-\u024F]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")

#: Share of control characters above which a decoded text is taken for binary data.
MAX_CONTROL_RATIO = 0.02
#: Score (see :func:`arabic_score`) above which a legacy decoding is taken to read as Arabic.
MIN_ARABIC_SCORE = 0.5


class NotText(ValueError):
    """The bytes are not text in any supported encoding (binary data)."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used (display name) and warnings for the article."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def arabic_score(text: str) -> float:
    """How plausibly ``text`` is correctly decoded Arabic, about -3..1 (higher is better).

    The share of Arabic letters among all letters, less penalties for Latin letters with
    diacritics and for vowel marks beyond a normal density: the signatures of a wrong Arabic
    code page.
    """
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return 0.0
    arabic = len(_ARABIC_LETTER.findall(text))
    latin_ext = len(_LATIN_EXT.findall(text))
    harakat = len(_HARAKAT.findall(text))
    excess_harakat = max(0.0, harakat - 0.15 * arabic)
    return (arabic - 3 * latin_ext - 2 * excess_harakat) / letters


def looks_binary(text: str) -> bool:
    """Whether a decoded text is mostly control characters or replacement characters."""
    if not text:
        return False
    bad = len(_CONTROL.findall(text))
    return bad > MAX_CONTROL_RATIO * len(text)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(text: str, encoding: str, warnings: tuple[str, ...] = ()) -> Decoded:
    if looks_binary(text):
        raise NotText("binary file, not text")
    return Decoded(text, encoding, warnings)


def _normalise_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


def _legacy_candidates(data: bytes, declared: str | None) -> list[str]:
    """Arabic code pages in order of preference: declared, charset-normalizer's choice, the rest."""
    order: list[str] = []
    codec = _normalise_codec(declared)
    if codec in ARABIC_CODEPAGES:
        order.append(codec)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(ARABIC_CODEPAGES)).best()
        guess = _normalise_codec(best.encoding) if best is not None else None
        if guess in ARABIC_CODEPAGES and guess not in order:
            order.append(guess)
    except Exception:
        log.debug("charset-normalizer failed", exc_info=True)
    order.extend(c for c in ARABIC_CODEPAGES if c not in order)
    return order


def _best_legacy(data: bytes, declared: str | None) -> tuple[str, str, float] | None:
    """The best-reading Arabic code page for ``data``: (codec, text, score), or None."""
    best: tuple[str, str, float] | None = None
    for codec in _legacy_candidates(data, declared):
        text = _strict(data, codec)
        if text is None:
            continue
        score = arabic_score(text)
        # Strictly better only: ties keep the earlier (preferred) candidate.
        if best is None or score > best[2] + 1e-9:
            best = (codec, text, score)
    return best


def _guess_any(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess among common Latin and DOS/Mac Arabic code pages.

    Unrestricted detection on a short text picks exotic code pages (``big5`` for a French
    sentence); the list is kept to what Arabic-region news sources actually used.
    """
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(FALLBACK_CODEPAGES)).best()
    except Exception:  # noqa: BLE001
        return None
    if best is None:
        return None
    return best.encoding, str(best)


def _decode_legacy(data: bytes, declared: str | None) -> Decoded:
    best = _best_legacy(data, declared)
    if best is not None and best[2] >= MIN_ARABIC_SCORE:
        codec, text, _ = best
        name = _DISPLAY.get(codec, codec)
        return _checked(text, name, (f"not UTF-8: decoded as {name}",))
    guess = _guess_any(data)
    if guess is not None:
        name, text = guess
        return _checked(text, name, (f"not UTF-8 and not Arabic: decoded as {name} (a guess)",))
    if best is not None:
        codec, text, _ = best
        name = _DISPLAY.get(codec, codec)
        return _checked(text, name, (f"not UTF-8: decoded as {name} (a guess)",))
    raise NotText("binary file, not text")


def _decode_mixed(data: bytes, declared: str | None) -> Decoded | None:
    """Per-line decoding when some lines are UTF-8 and others a legacy code page, else None."""
    lines = data.split(b"\n")
    good_utf8 = bad = 0
    for line in lines:
        if line.isascii():
            continue
        if _strict(line, "utf-8") is None:
            bad += 1
        else:
            good_utf8 += 1
    if not (good_utf8 and bad):
        return None
    bad_bytes = b"\n".join(ln for ln in lines if not ln.isascii() and _strict(ln, "utf-8") is None)
    best = _best_legacy(bad_bytes, declared)
    codec = best[0] if best is not None else "cp1256"
    out = []
    for line in lines:
        text = _strict(line, "utf-8")
        out.append(text if text is not None else line.decode(codec, errors="replace"))
    name = _DISPLAY.get(codec, codec)
    warning = f"mixed encodings: {bad} line{'s' if bad != 1 else ''} decoded as {name}, the rest as UTF-8"
    return _checked("\n".join(out), f"utf-8+{name}", (warning,))


_UTF16_HIGH = frozenset({0x00, 0x06, 0x20, 0xFB, 0xFC, 0xFD, 0xFE})


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: the high bytes of ASCII and Arabic text are 0x00 or 0x06 (or 0x20)."""
    if len(data) < 2 or len(data) % 2:
        return None
    half = len(data) // 2
    for codec, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if sum(1 for b in high if b in _UTF16_HIGH) < 0.95 * half:
            continue
        text = _strict(data, codec)
        if text is None or looks_binary(text):
            continue
        return Decoded(text, codec, (f"no byte-order mark: decoded as {codec}",))
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode the bytes of one article.

    Parameters
    ----------
    data
        The raw bytes.
    declared
        An encoding declared by the container (an HTML ``<meta charset>``), used only as a
        preference among the Arabic code pages: declarations are often wrong.

    Returns
    -------
    Decoded
        The text with its BOM removed, the encoding used and warnings (legacy or mixed
        encodings) for the article.

    Raises
    ------
    NotText
        For binary data: NUL bytes outside UTF-16/32, or mostly control characters.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if codec == "utf-8":
                text = _strict(body, "utf-8")
                if text is not None:
                    return _checked(text, "utf-8")
                data = body  # a BOM on a mixed or mislabelled file: detect on the rest
                break
            text = _strict(body, codec)
            if text is None:
                raise NotText("binary file, not text")
            return _checked(text, codec)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise NotText("binary file, not text")
    text = _strict(data, "utf-8")
    if text is not None:
        if looks_binary(text):
            utf16 = _bomless_utf16(data)
            if utf16 is not None:
                return utf16
        return _checked(text, "utf-8")
    mixed = _decode_mixed(data, declared)
    if mixed is not None:
        return mixed
    try:
        return _decode_legacy(data, declared)
    except NotText:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise
