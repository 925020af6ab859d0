from __future__ import annotations

from collections.abc import Callable

import pytest

from factdesk.config import Config
from factdesk.errors import FetchError
from factdesk.extract import extract
from factdesk.extract.fetch import fetch

from ..conftest import FIXTURES

Server = tuple[str, Callable[..., None]]


def test_fetch_and_extract_a_served_page(http_server: Server) -> None:
    base, add = http_server
    add("/story", (FIXTURES / "comments" / "wordpress.html").read_bytes())
    article = extract(f"{base}/story")
    assert article.title == "Harbor Bridge reopens after two-year repair"
    assert article.source == f"{base}/story"
    assert len(article.comments) == 3
    # The page declares its canonical URL, which wins over the fetched one.
    assert article.url == "https://dailyledgernow.example/2025/03/harbor-bridge-reopens/"


def test_redirects_are_followed_and_final_url_kept(http_server: Server) -> None:
    base, add = http_server
    add("/old", b"", status=301, headers={"Location": "/new"})
    add("/new", "<html><body><p>" + "Moved text. " * 20 + "</p></body></html>")
    fetched = fetch(f"{base}/old", config=Config())
    assert fetched.url == f"{base}/new"
    assert b"Moved text" in fetched.data


def test_http_error_status(http_server: Server) -> None:
    base, _ = http_server
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{base}/missing", config=Config())


def test_timeout(http_server: Server) -> None:
    base, add = http_server
    add("/slow", "<p>late</p>", delay=2.0)
    with pytest.raises(FetchError, match=r"timed out after 0\.3 s"):
        fetch(f"{base}/slow", config=Config(fetch_timeout=0.3))


def test_size_limit(http_server: Server) -> None:
    base, add = http_server
    add("/big", b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(FetchError, match="larger than"):
        fetch(f"{base}/big", config=Config(max_input_bytes=1000))


def test_non_text_content_type(http_server: Server) -> None:
    base, add = http_server
    add("/doc.pdf", b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    with pytest.raises(FetchError, match="application/pdf"):
        fetch(f"{base}/doc.pdf", config=Config())


def test_connection_refused_is_a_clear_error() -> None:
    # Port 9 (discard) on loopback: nothing listens there in the test environment.
    with pytest.raises(FetchError, match="could not connect"):
        fetch("http://127.0.0.1:9/", config=Config(fetch_timeout=2))


def test_declared_charset_from_headers(http_server: Server) -> None:
    base, add = http_server
    body = "<html><body><p>" + "Zürich und Genf: Über die Brücke. " * 5 + "</p></body></html>"
    add("/de", body.encode("latin-1"), headers={"Content-Type": "text/html; charset=iso-8859-1"})
    article = extract(f"{base}/de")
    assert "Zürich" in article.text and "Über" in article.text
