"""Oversized, slow and malformed requests are refused with a clear status, and the server
keeps serving: raw requests over a socket to a real server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import time

import pytest

from .conftest import PAGE, REQUEST_TIMEOUT, healthy, post, raw

HEAD = b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"


def status_of(answer: bytes) -> bytes:
    return answer.split(b"\r\n", 1)[0]


def test_a_client_announcing_more_than_it_sends_gets_408_within_the_timeout(base: str) -> None:
    answer, took = raw(base, HEAD + b"Content-Length: 1000\r\n\r\n" + b'{"text": "')
    assert status_of(answer) == b"HTTP/1.1 408 Request Timeout", answer[:80]
    assert b"came too slowly" in answer
    assert took < 3 * REQUEST_TIMEOUT + 1
    assert healthy(base)


def test_a_client_that_stops_in_its_headers_gets_408_and_is_closed(base: str) -> None:
    answer, took = raw(base, b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
    assert status_of(answer) == b"HTTP/1.1 408 Request Timeout", answer[:80]
    assert took < 3 * REQUEST_TIMEOUT + 1
    assert healthy(base)


def test_a_client_trickling_its_headers_is_cut_off_at_the_deadline(base: str) -> None:
    host, port = base.removeprefix("http://").split(":")
    start = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        answer = b""
        try:
            for byte in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
                sock.sendall(bytes([byte]))
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    assert status_of(answer) == b"HTTP/1.1 408 Request Timeout"
    assert time.monotonic() - start < 3 * REQUEST_TIMEOUT + 1
    assert healthy(base)


def test_an_idle_connection_is_closed_silently(base: str) -> None:
    answer, took = raw(base, b"")
    assert answer == b"" and took < 3 * REQUEST_TIMEOUT + 1


def test_the_size_is_checked_before_the_body_is_read(base: str) -> None:
    answer, took = raw(base, HEAD + b"Content-Length: 900000000\r\n\r\n{}")
    assert status_of(answer) == b"HTTP/1.1 413 Request Entity Too Large", answer[:80]
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["error"].startswith("the request is larger")
    assert took < REQUEST_TIMEOUT  # answered at once, nothing waited for
    assert healthy(base)


def test_an_oversized_body_that_expects_100_continue_is_refused_unsent(base: str) -> None:
    answer, took = raw(base, HEAD + b"Content-Length: 3000000\r\nExpect: 100-continue\r\n\r\n")
    assert status_of(answer) == b"HTTP/1.1 413 Request Entity Too Large"
    assert b"100 Continue" not in answer and took < REQUEST_TIMEOUT
    assert healthy(base)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/check", "text/plain"),
        ("/api/check", "application/x-www-form-urlencoded"),
        ("/api/check", "multipart/form-data; boundary=x"),
        ("/api/check", ""),
        ("/api/jobs", "text/plain"),
        ("/check", "text/plain"),
        ("/check", "application/json"),
    ],
)
def test_only_json_reaches_the_api_and_only_forms_the_form(
    base: str, path: str, content_type: str
) -> None:
    body = json.dumps({"text": PAGE}).encode()
    status, answer = post(f"{base}{path}", body, content_type)
    assert status == 415, answer
    assert "send the body as" in answer
    assert healthy(base)


@pytest.mark.parametrize("length", ["ten", "²", "-5", ""])
def test_a_content_length_that_is_no_number_gets_411(base: str, length: str) -> None:
    request = HEAD + f"Content-Length: {length}\r\n\r\n{{}}".encode()
    answer, _ = raw(base, request)
    # h11 itself answers 400 to a Content-Length it cannot parse; an empty one reaches us.
    assert status_of(answer) in (b"HTTP/1.1 411 Length Required", b"HTTP/1.1 400 Bad Request")
    assert healthy(base)


def test_a_chunked_body_gets_411(base: str) -> None:
    request = HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    answer, _ = raw(base, request)
    assert status_of(answer) == b"HTTP/1.1 411 Length Required", answer[:80]
    assert healthy(base)


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(range(40)),  # a TLS hello
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a\x00b\r\n\r\n",
        b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"POST /api/check HTTP/1.1\r\nbad header line\r\n\r\n",
    ],
)
def test_malformed_requests_get_400_and_the_server_goes_on(base: str, request_bytes: bytes) -> None:
    answer, _ = raw(base, request_bytes)
    assert status_of(answer).startswith(b"HTTP/1.1 4"), answer[:80]
    assert healthy(base)
