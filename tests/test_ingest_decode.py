"""Decoding of article bytes: every supported encoding gives back the original Arabic text."""
from __future__ import annotations

import os

import pytest

from kg.ingest import NotText, decode_bytes, read_inputs
from kg.records import Article, Problem

SENTENCE = "استقبل الرئيس الروسي فلاديمير بوتين وزير الخارجية السوري أسعد الشيباني في موسكو."
SHORT = "قال الوزير"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso-8859-6"])
@pytest.mark.parametrize("text", [SENTENCE, SHORT, "بحث"])
def test_each_encoding_decodes_to_the_original(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding)).text == text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256", "iso-8859-6"])
def test_file_in_each_encoding_reads_as_the_original(tmp_path, encoding: str) -> None:
    path = tmp_path / f"a_{encoding}.txt"
    path.write_bytes((SENTENCE + "\n" + SHORT).encode(encoding))
    (item,) = read_inputs([path])
    assert isinstance(item, Article)
    assert item.text == SENTENCE + "\n" + SHORT


def test_legacy_code_page_is_named_in_a_warning() -> None:
    decoded = decode_bytes(SENTENCE.encode("iso-8859-6"))
    assert decoded.encoding == "iso-8859-6"
    assert any("iso-8859-6" in w for w in decoded.warnings)


def test_utf8_is_tried_first_without_warning() -> None:
    decoded = decode_bytes(SENTENCE.encode("utf-8"))
    assert decoded.encoding == "utf-8" and decoded.warnings == ()


def test_mixed_utf8_and_cp1256_lines_are_decoded_per_line() -> None:
    first, second = "قال وزير الخارجية الروسي", "وأكد الشيباني أهمية التعاون في كل المجالات"
    data = first.encode("utf-8") + b"\n" + second.encode("cp1256") + b"\n" + SHORT.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text == f"{first}\n{second}\n{SHORT}"
    assert any("mixed encodings" in w for w in decoded.warnings)


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(NotText):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


def test_random_bytes_are_binary() -> None:
    rng = __import__("random").Random(7)
    with pytest.raises(NotText):
        decode_bytes(bytes(rng.randrange(256) for _ in range(4000)))


def test_binary_file_gives_problem(tmp_path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(os.urandom(2048) + b"\x00\x01\x02")
    (item,) = read_inputs([path])
    assert isinstance(item, Problem)
    assert item.message == "binary file, not text"
