"""Fuzzing targets shared by the short run in the test suite (tests/test_fuzz.py) and the long
run (benchmarks/fuzz.py): Hypothesis strategies for hostile input, and what must hold for each.

Four targets: ``extract`` (bytes as a file or standard input: HTML, text, gzip, odd encodings,
deep nesting, huge attributes, binary), ``claims`` (odd Unicode, very long sentences, no
sentences; long texts through the pieces), ``ingest`` (JSON Lines with malformed and huge lines
and duplicate ids, into one store that must stay intact) and ``http`` (raw requests to a real
``factdesk serve`` on 127.0.0.1, which must answer and keep serving).

What counts as a failure: any exception other than a :class:`FactdeskError` (a traceback for
the user), an input that takes longer than :data:`HANG_S` (a hang), a result that breaks its
contract (offsets outside the text, a store that lost rows, an HTTP 500 or no answer).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import signal
import socket
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import strategies as st

from factdesk.claims.pieces import claims_of_piece, split_pieces
from factdesk.config import Config, load_config
from factdesk.errors import FactdeskError
from factdesk.evidence.ingest import ingest, iter_documents
from factdesk.evidence.store import Store
from factdesk.extract import extract
from factdesk.models.embed import default_embedder
from factdesk.web import App, make_server

HANG_S = 60


class Hang(Exception):
    """One input ran past HANG_S."""


@contextlib.contextmanager
def time_limit(seconds: float = HANG_S) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread when the block runs past ``seconds``."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---- text pieces -----------------------------------------------------------------------------

ODD = [
    "\u200b",  # zero-width space
    "\u200e\u200f",  # direction marks
    "\u202e",  # right-to-left override
    "\ufeff",  # BOM inside the text
    "\u0301\u0301\u0301",  # combining accents with nothing to sit on
    "\U0001f600\U0001f3f3\ufe0f\u200d\U0001f308",  # emoji, a ZWJ sequence
    "\x00",
    "\x1b[31m",
    "\r",
    "\u2028\u2029",  # line and paragraph separators
    "\ufffd",
    "ﬁ",
    "İ",
    "ß",
    "\u0130\u0307",
    "日本語の記事です。",
    "مرحبا بالعالم",
    "Ελληνικά.",
    "$",
    "%",
    "1,000,000.5",
    "Dec. 25, 2021",
    '"',
    "\u201c",
    "...",
    "!?",
]
WORDS = [
    "The",
    "mayor",
    "said",
    "on",
    "Friday",
    "that",
    "NASA",
    "launched",
    "Bill Nelson",
    "in",
    "2021",
    "$10 billion",
    "about",
    "5%",
    "former",
    "not",
    "will",
    "reportedly",
    "he",
    "Paris",
    "last year",
    "weeks later",
    "and",
    ",",
    ".",
]

words = st.sampled_from(WORDS) | st.sampled_from(ODD) | st.text(max_size=12)
sentence = st.lists(words, min_size=0, max_size=15).map(" ".join)


@st.composite
def long_sentence(draw: st.DrawFn) -> str:
    """One sentence of up to a few thousand words and no full stop."""
    word = draw(st.sampled_from(WORDS[:22]))
    n = draw(st.integers(200, 1500))
    return " ".join([word] * n)


no_sentence = st.text(alphabet=" \n\t.,;:!?-—()[]\"'0123456789", max_size=200)
unicode_text = st.text(alphabet=st.characters(codec=None, exclude_categories=("Cs",)), max_size=300)


def rarely(strategy: st.SearchStrategy[str], usual: st.SearchStrategy[str], one_in: int) -> Any:
    """``strategy`` for about one draw in ``one_in``, else ``usual``: the costly inputs (long
    sentences, deep nesting) stay in the mix without slowing every draw."""
    return st.integers(1, one_in).flatmap(lambda n: strategy if n == 1 else usual)


short_text = st.one_of(
    st.lists(sentence, max_size=12).map(lambda s: "\n\n".join(s)),
    st.lists(sentence, max_size=12).map(lambda s: ". ".join(s) + "."),
    unicode_text,
    no_sentence,
    st.lists(st.sampled_from(ODD), max_size=40).map("".join),
)
article_text = rarely(long_sentence(), short_text, 10)


# ---- extract ---------------------------------------------------------------------------------

TAGS = [
    "p",
    "div",
    "span",
    "article",
    "main",
    "section",
    "h1",
    "a",
    "li",
    "ul",
    "table",
    "td",
    "script",
    "style",
    "time",
    "meta",
    "br",
    "img",
    "svg",
    "template",
    "iframe",
    "b",
]
attr_value = st.one_of(
    st.text(max_size=20),
    st.integers(1, 200_000).map(lambda n: "x" * n),  # huge attribute
    st.sampled_from(["2022-07-20T08:15:00+00:00", "javascript:alert(1)", '"><script>', "&amp;"]),
)
attrs = st.dictionaries(
    st.sampled_from(
        [
            "class",
            "id",
            "href",
            "datetime",
            "lang",
            "content",
            "property",
            "itemprop",
            "data-parent-id",
            "style",
            "charset",
            "x",
        ]
    ),
    attr_value,
    max_size=3,
)


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attributes = "".join(f' {k}="{v.replace(chr(34), "&quot;")}"' for k, v in draw(attrs).items())
    children = draw(st.lists(element(depth + 1), max_size=3)) if depth < 2 else []
    text = draw(sentence)
    closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))  # unclosed tags too
    return f"<{tag}{attributes}>{text}{''.join(children)}{closing}"


@st.composite
def deep(draw: st.DrawFn) -> str:
    """Nesting far deeper than any page: thousands of unclosed or closed elements."""
    tag = draw(st.sampled_from(["div", "span", "b", "p", "li", "table"]))
    n = draw(st.integers(100, 5_000))
    closed = draw(st.booleans())
    inner = draw(sentence)
    return f"<{tag}>" * n + inner + (f"</{tag}>" * n if closed else "")


@st.composite
def html_page(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(["", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<!-- x -->"]))
    charset = draw(
        st.sampled_from(
            [
                "",
                '<meta charset="utf-8">',
                '<meta charset="bogus">',
                '<meta charset="iso-8859-1">',
                '<meta charset="utf-16">',
            ]
        )
    )
    body = draw(st.lists(rarely(deep(), element() | sentence, 8), min_size=0, max_size=6))
    return f"{head}<html><head>{charset}<title>{draw(sentence)}</title></head><body>{''.join(body)}</body></html>"


ENCODINGS = [
    "utf-8",
    "cp1252",
    "latin-1",
    "utf-16",
    "utf-16-le",
    "shift_jis",
    "koi8-r",
    "cp1251",
    "gb18030",
    "utf-8-sig",
    "iso-8859-7",
    "big5",
]


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    codec = draw(st.sampled_from(ENCODINGS))
    return text.encode(codec, errors="replace")


@st.composite
def extract_input(draw: st.DrawFn) -> bytes:
    """Bytes a user might give ``extract``: a page or text in some encoding, maybe gzipped,
    maybe cut short; or bytes of no kind at all."""
    kind = draw(st.sampled_from(["html", "text", "bytes"]))
    if kind == "bytes":
        data = draw(st.binary(max_size=2000))
    else:
        text = draw(html_page()) if kind == "html" else draw(article_text)
        data = draw(encoded(text))
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]  # truncated
    if draw(st.integers(0, 4)) == 0:
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]  # a damaged gzip file
    return data


def check_extract(data: bytes, config: Config) -> None:
    """Extracting ``data`` gives an Article or a FactdeskError, never anything else."""
    with time_limit():
        try:
            article = extract("-", config=config, stdin=io.BytesIO(data))
        except FactdeskError as exc:
            assert str(exc) and "\n" not in str(exc).strip(), repr(exc)
            return
    assert isinstance(article.text, str) and article.text.strip()
    json.dumps(article.to_dict())


# ---- claims ----------------------------------------------------------------------------------


def check_claims(text: str, piece_chars: int) -> None:
    """Claims of ``text`` read in pieces of at most ``piece_chars`` characters: offsets
    inside the text, the claim's text at its offsets, scores in [0, 1], ids in order."""
    claims = []
    with time_limit():
        for piece in split_pieces(text, piece_chars):
            assert 0 <= piece[0] < piece[1] <= len(text)
            claims += claims_of_piece(text, piece, first_id=len(claims) + 1)
    for n, claim in enumerate(claims, start=1):
        assert claim.id == f"c{n}"
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.checkworthiness <= 1.0
        for facet in claim.facets:
            assert 0 <= facet.start <= facet.end <= len(text), facet
        json.dumps(claim.to_dict())


# ---- ingest ----------------------------------------------------------------------------------

DOC_IDS = [f"doc-{n}" for n in range(30)]


@dataclass
class IngestCase:
    lines: list[bytes]
    valid_ids: set[str] = field(default_factory=set)


@st.composite
def jsonl_input(draw: st.DrawFn) -> IngestCase:
    """JSON Lines with good documents (ids from a small pool, so duplicates and updates are
    common), malformed lines, wrong types and huge lines."""
    case = IngestCase([])
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(
            st.sampled_from(
                [
                    "good",
                    "good",
                    "bad_json",
                    "not_object",
                    "wrong_types",
                    "huge",
                    "blank",
                    "bytes",
                    "surrogate",
                ]
            )
        )
        if kind == "good":
            ident = draw(st.sampled_from(DOC_IDS))
            text = draw(st.lists(sentence, min_size=1, max_size=4).map(". ".join))
            if not text.strip():
                text = "The council met on Tuesday."
            row: dict[str, Any] = {"id": ident, "text": text}
            if draw(st.booleans()):
                row["title"] = draw(st.text(max_size=30))
            if draw(st.booleans()):
                row["published"] = draw(st.sampled_from(["2022-07-20", "last week", "", "9999"]))
            case.lines.append(json.dumps(row, ensure_ascii=draw(st.booleans())).encode())
            case.valid_ids.add(ident)
        elif kind == "bad_json":
            case.lines.append(
                draw(
                    st.sampled_from(
                        [
                            b"{",
                            b'{"text": "a"',
                            b"nul",
                            b"{'a': 1}",
                            b"[1, 2,]",
                        ]
                    )
                )
            )
        elif kind == "surrogate":  # valid JSON; the lone surrogate must not reach a tokenizer
            case.lines.append(b'{"id": "doc-surrogate", "text": "\\ud800 \\udfff."}')
            case.valid_ids.add("doc-surrogate")
        elif kind == "not_object":
            case.lines.append(json.dumps(draw(st.sampled_from([1, "x", [], None, True]))).encode())
        elif kind == "wrong_types":
            row = {
                "id": draw(st.sampled_from([None, 0, [], {}, 1.5, ""])),
                "text": draw(st.sampled_from([None, 1, [], "", "   ", {"a": 1}])),
                "title": draw(st.sampled_from([1, None, [], "t"])),
                "published": draw(st.sampled_from([1, [], {}, "x"])),
            }
            case.lines.append(json.dumps(row).encode())
        elif kind == "huge":
            n = draw(st.integers(100_000, 2_000_000))
            case.lines.append(
                draw(
                    st.sampled_from(
                        [
                            b"x" * n,
                            b'{"text": "' + b"a" * n,
                            json.dumps({"id": "h" * n, "text": ""}).encode(),
                            json.dumps({"title": "t" * n, "text": 5}).encode(),
                        ]
                    )
                )
            )
        elif kind == "blank":
            case.lines.append(draw(st.sampled_from([b"", b"   ", b"\t"])))
        else:
            case.lines.append(draw(st.binary(max_size=50)).replace(b"\n", b" "))
    return case


class IngestTarget:
    """One store reused for every case (as the long run needs), checked after each."""

    def __init__(self, folder: Path, config: Config) -> None:
        self.folder, self.config = folder, config
        self.db = folder / "fuzz.db"
        self.embedder = default_embedder()
        self.cases = 0

    def _state(self) -> tuple[set[str], int]:
        with Store.open(self.db) as store:
            return {d.id for d in store.documents()}, store.count()[1]

    def check(self, case: IngestCase) -> None:
        """Ingest ``case``: no exception, every document stored before still there, every good
        document of the case stored, the SQLite file intact."""
        self.cases += 1
        path = self.folder / f"case-{self.cases % 2}.jsonl"
        path.write_bytes(b"\n".join(case.lines))
        before, _ = self._state() if self.db.exists() else (set(), 0)
        with time_limit(), Store.open(self.db, writable=True) as store:
            report = ingest(store, self.embedder, iter_documents([path], config=self.config))
        after, passages = self._state()
        assert before <= after, f"lost documents: {sorted(before - after)[:5]}"
        # A good line may still be refused: the whole file when it reads as binary, a text
        # with no words to store; it is then reported, never dropped silently.
        refused = {f.where for f in report.failures}
        missing = {
            i for i in case.valid_ids - after if i not in refused and str(path) not in refused
        }
        assert not missing, f"not stored and not reported: {sorted(missing)[:5]}"
        assert len(after) >= len(before)
        assert after <= before | case.valid_ids, f"rows from nowhere: {sorted(after - before)[:5]}"
        if str(path) not in refused:  # (a file that reads as binary is refused whole)
            assert report.documents + len(report.failures) >= len(case.valid_ids), report
        with sqlite3.connect(self.db) as conn:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            stored = conn.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        assert stored == passages


# ---- http ------------------------------------------------------------------------------------


@dataclass
class Request:
    raw: bytes
    slow: bool  # announces more body than it sends


@st.composite
def http_request(draw: st.DrawFn) -> Request:
    method = draw(
        st.sampled_from(
            ["GET", "POST", "POST", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "BREW", ""]
        )
    )
    path = draw(
        st.sampled_from(
            [
                "/",
                "/api/check",
                "/api/check",
                "/api/jobs",
                "/check",
                "/healthz",
                "/index.html",
                "/nowhere",
                "//",
                "/api/check?x=1",
                "*",
                "/" + "a" * 70_000,
            ]
        )
    )
    content_type = draw(
        st.sampled_from(
            [
                "application/json",
                "application/json; charset=utf-8",
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "",
                "APPLICATION/JSON",
            ]
        )
    )
    payload = draw(
        st.one_of(
            st.fixed_dictionaries(
                {},
                optional={
                    "text": article_text | st.integers() | st.none(),
                    "html": st.builds(lambda t: f"<html><body><p>{t}</p></body></html>", sentence)
                    | st.sampled_from(["", "<p", "<!--", "\x00"]),
                    "url": st.sampled_from(["http://127.0.0.1:1/a", "ftp://x", "", "javascript:1"]),
                    "published": st.sampled_from(["2022-07-20", "tomorrow", "", "0000-00-00"]),
                },
            ).map(lambda d: json.dumps(d).encode()),
            st.binary(max_size=300),
            sentence.map(lambda s: f"text={s}&url=".encode()),
            st.just(b"[1,2,3]"),
        )
    )
    length = draw(
        st.sampled_from(
            ["exact", "exact", "exact", "none", "smaller", "bad", "huge", "negative", "larger"]
        )
    )
    headers = ["Host: 127.0.0.1", f"Content-Type: {content_type}"] if content_type else ["Host: x"]
    slow = False
    if length == "exact":
        headers.append(f"Content-Length: {len(payload)}")
    elif length == "smaller":
        headers.append(f"Content-Length: {len(payload) // 2}")
    elif length == "bad":
        headers.append(draw(st.sampled_from(["Content-Length: ten", "Content-Length: ²"])))
    elif length == "huge":
        headers.append("Content-Length: 99999999999999999999")
    elif length == "negative":
        headers.append("Content-Length: -5")
    elif length == "larger":
        headers.append(f"Content-Length: {len(payload) + 1000}")
        slow = True
    headers += draw(
        st.lists(
            st.sampled_from(
                [
                    "Connection: close",
                    "Connection: keep-alive",
                    "Transfer-Encoding: chunked",
                    "Expect: 100-continue",
                    "Origin: chrome-extension://fegkpgeedgdlajonkomccfoggjhobpgn",
                    "Origin: https://elsewhere.example",
                    "Authorization: Bearer wrong",
                    "X: " + "y" * 70_000,
                    "bad header line",
                ]
            ),
            max_size=2,
        )
    )
    version = draw(st.sampled_from(["HTTP/1.1", "HTTP/1.0", "HTTP/9.9", ""]))
    head = f"{method} {path} {version}\r\n" + "\r\n".join(headers) + "\r\n\r\n"
    if draw(st.integers(0, 19)) == 0:
        return Request(draw(st.binary(min_size=1, max_size=500)), slow=True)
    return Request(head.encode("utf-8", "replace") + payload, slow)


class HttpTarget:
    """A real ``factdesk serve`` app on 127.0.0.1, fed raw requests."""

    def __init__(self, folder: Path, config: Config) -> None:
        self.config = replace(
            config,
            db=str(folder / "none.db"),
            max_input_bytes=300_000,
            request_timeout=0.2,
            check_budget_s=20.0,
        )
        self.server = make_server("127.0.0.1", 0, App(self.config, live=False))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.port = self.server.server_address[1]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _send(self, raw: bytes, wait: float) -> bytes:
        """Send ``raw``; read one answer (past any ``100 Continue``), or until the server
        closes the connection."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=wait) as sock:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                sock.sendall(raw)
            answer = b""
            with contextlib.suppress(ConnectionResetError):
                while chunk := sock.recv(65536):
                    answer += chunk
                    if _complete(answer, head=raw.startswith(b"HEAD ")):
                        break
            return answer

    def check(self, request: Request) -> None:
        """The server answers with an HTTP status other than 500, or closes a connection that
        sent a broken or unfinished request; then it still answers GET /healthz."""
        start = time.monotonic()
        with time_limit():
            try:
                answer = self._send(request.raw, wait=HANG_S - 5)
            except TimeoutError:
                raise Hang("the server neither answered nor closed the connection") from None
        took = time.monotonic() - start
        status = answer.split(b"\r\n", 1)[0]
        assert b" 500 " not in status and b"Error code: 500" not in answer, answer[:300]
        if request.slow:
            assert took < self.config.request_timeout * 3 + 30, took
        with time_limit():
            health = self._send(
                b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 30
            )
        assert health.split(b" ", 2)[1:2] == [b"200"] and health.endswith(b"ok\n"), health[:200]


def _complete(answer: bytes, *, head: bool) -> bool:
    """True when ``answer`` holds a whole final response (status line, headers, body)."""
    while answer.startswith(b"HTTP/") and b" 100 " in answer.split(b"\r\n", 1)[0]:
        _, sep, answer = answer.partition(b"\r\n\r\n")
        if not sep:
            return False
    top, sep, body = answer.partition(b"\r\n\r\n")
    if not sep:
        return False
    if head:
        return True
    for line in top.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return len(body) >= int(value)
    return False


def fuzz_config() -> Config:
    """Settings for fuzzing: no config file or environment, live sources off."""
    return load_config({}, environ={}, path=Path(tempfile.gettempdir()) / "no-such-factdesk.toml")
