from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from factdesk.config import Config
from factdesk.errors import InputError
from factdesk.extract.source import decode, looks_like_html, read_source, sniff_binary

CFG = Config()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.html"), config=CFG)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_source(str(tmp_path), config=CFG)


def test_empty_and_blank_files(tmp_path: Path) -> None:
    for content in (b"", b"  \n\t\n"):
        path = tmp_path / "empty.txt"
        path.write_bytes(content)
        with pytest.raises(InputError, match="empty"):
            read_source(str(path), config=CFG)


def test_binary_files_are_named(tmp_path: Path) -> None:
    pdf = tmp_path / "doc.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(InputError, match="PDF"):
        read_source(str(pdf), config=CFG)
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError, match="binary"):
        read_source(str(blob), config=CFG)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as handle:  # a sparse 200 MB file: nothing is written to disk
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(InputError, match="larger than the 50 MB limit"):
        read_source(str(big), config=CFG)


def test_latin1_bytes_are_decoded_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "Le café de la gare a fermé ses portes après quarante années.".encode("latin-1")
    )
    text = read_source(str(path), config=CFG).text
    assert "café" in text and "après" in text


def test_meta_charset_is_honoured() -> None:
    data = '<html><head><meta charset="windows-1252"></head><body><p>“Quoted”</p></body></html>'
    assert "“Quoted”" in decode(data.encode("cp1252"))


def test_stdin_and_gzip(tmp_path: Path) -> None:
    page = b"<html><body><p>Hello</p></body></html>"
    got = read_source("-", config=CFG, stdin=io.BytesIO(gzip.compress(page)))
    assert got.is_html and got.origin == "standard input" and "Hello" in got.text


def test_stdin_over_limit() -> None:
    small = Config(max_input_bytes=10)
    with pytest.raises(InputError, match="larger than"):
        read_source("-", config=small, stdin=io.BytesIO(b"x" * 100))


def test_html_sniffing() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body></body></html>")
    assert looks_like_html("<p>One</p><p>Two</p>")
    assert not looks_like_html("The mayor said 3 < 4 on Monday.\n\nA second paragraph.")
    assert sniff_binary(b"plain text") is None


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("The café’s owner said “it’s fine”, and the bill came to 5 €.", "cp1252"),
        ("Le café de la gare a fermé ses portes après quarante années.", "latin-1"),
        ("Short é", "cp1252"),
    ],
)
def test_undeclared_bytes_that_are_not_utf8_are_guessed_and_said_so(text: str, codec: str) -> None:
    """Not read silently as mojibake: the guess, its confidence, and the right letters."""
    source = read_source("-", config=CFG, stdin=io.BytesIO(text.encode(codec)))
    assert source.text == text  # cp1252 reads latin-1 letters alike
    (warning,) = source.warnings
    assert "not UTF-8 and declare no other encoding" in warning
    assert "read as cp1252" in warning and "confidence" in warning
    confidence = float(warning.split("confidence ")[1][:4])
    assert 0.0 < confidence <= 1.0


def test_a_wrong_declared_charset_is_said_too() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>Caf\xe9 cr\xe8me</p></body></html>'
    source = read_source("-", config=CFG, stdin=io.BytesIO(page.encode("latin-1")))
    assert "Café crème" in source.text
    assert "not UTF-8" in source.warnings[0] and "cp1252" in source.warnings[0]


def test_utf8_and_declared_charsets_give_no_warning() -> None:
    for data in (
        "Grüße aus Köln, sagte sie.".encode(),
        b'<meta charset="iso-8859-1"><p>Caf\xe9</p>',
        "Привет".encode("utf-16"),
    ):
        assert read_source("-", config=CFG, stdin=io.BytesIO(data)).warnings == ()
