"""Reading what the user gives: a URL, a file, or standard input, as text.

Bytes are checked before they are decoded: an empty input, a binary file or one over the size
limit is refused with a clear :class:`~factdesk.errors.InputError`. Text in another encoding
than UTF-8 is decoded by its declared charset, else by detection.
"""

from __future__ import annotations

import gzip
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx
from charset_normalizer import from_bytes

from factdesk.config import Config
from factdesk.errors import InputError
from factdesk.extract.fetch import fetch

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HTML_RE = re.compile(
    r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<\?xml)|<(body|head|p|div|article|h1|br)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class SourceText:
    """Decoded input: its text, where it came from, and whether it is HTML."""

    text: str
    origin: str
    url: str | None
    is_html: bool
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Given:
    """An article handed over as it stands rather than read from a path or fetched: pasted
    text, or a page's HTML as the reader's browser shows it (``html``: it is HTML, whatever it
    looks like). ``url`` only names the page: it is not fetched."""

    data: bytes
    url: str | None = None
    html: bool = False

    def label(self) -> str:
        return self.url or ("the page" if self.html else "pasted text")


def is_url(spec: str) -> bool:
    """True for ``http://`` and ``https://`` addresses."""
    return spec.lower().startswith(("http://", "https://"))


def other_scheme(spec: str) -> str | None:
    """The scheme of a URL factdesk does not fetch (``ftp`` of ``ftp://host/x``), else None."""
    found = _SCHEME_RE.match(spec)
    return found.group(1).lower() if found and not is_url(spec) else None


def read_source(
    spec: str | Given,
    *,
    config: Config,
    stdin: BinaryIO | None = None,
    transport: httpx.BaseTransport | None = None,
) -> SourceText:
    """Read ``spec`` (a URL, a path, ``-`` for standard input, or what was :class:`Given`)
    and decode it.

    Raises:
        InputError: missing or unreadable file, empty input, binary data, over the size limit.
        FetchError: the URL could not be fetched.
    """
    charset: str | None = None
    content_type: str | None = None
    url: str | None = None
    if isinstance(spec, Given):
        data, url, origin = spec.data, spec.url, spec.label()
        content_type = "text/html" if spec.html else None
        if len(data) > config.max_input_bytes:
            raise InputError(_too_large(origin, config.max_input_bytes))
    elif spec == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(config.max_input_bytes + 1)
        origin = "standard input"
        if len(data) > config.max_input_bytes:
            raise InputError(_too_large(origin, config.max_input_bytes))
    elif is_url(spec):
        fetched = fetch(spec, config=config, transport=transport)
        data, url, charset, content_type = (
            fetched.data,
            fetched.url,
            fetched.charset,
            fetched.content_type,
        )
        origin = spec
    elif (scheme := other_scheme(spec)) and not Path(spec).exists():
        raise InputError(
            f"{spec[:200]}: {scheme}:// URLs are not supported; give an http:// or https:// "
            "URL, a file's path, or - for standard input"
        )
    else:
        data = _read_file(Path(spec), config.max_input_bytes)
        origin = spec
    data = _maybe_gunzip(data, origin, config.max_input_bytes)
    if not data.strip():
        raise InputError(f"{origin}: the input is empty")
    kind = sniff_binary(data)
    if kind:
        raise InputError(f"{origin}: this is {kind}, not an HTML page or text")
    decoded = decode_guessing(data, declared=charset, origin=origin)
    text = decoded.text
    mime = (content_type or "").split(";")[0].strip().lower()
    html = mime in {"text/html", "application/xhtml+xml"} or (
        mime != "text/plain" and looks_like_html(text)
    )
    warnings = (decoded.warning,) if decoded.warning else ()
    return SourceText(text=text, origin=origin, url=url, is_html=html, warnings=warnings)


def _read_file(path: Path, limit: int) -> bytes:
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        size = path.stat().st_size
        if size > limit:
            raise InputError(_too_large(str(path), limit))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _too_large(origin: str, limit: int) -> str:
    return (
        f"{origin}: larger than the {limit / 1e6:g} MB limit "
        "(raise FACTDESK_MAX_INPUT_BYTES to read it)"
    )


def _maybe_gunzip(data: bytes, origin: str, limit: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = decompressor.decompress(data, limit + 1)
    except (zlib.error, gzip.BadGzipFile):
        raise InputError(f"{origin}: a damaged gzip file") from None
    if len(out) > limit:
        raise InputError(_too_large(origin, limit))
    return out


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` is, or ``None`` if it may be text."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return "a binary file"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head and controls / len(head) > 0.05:
        return "a binary file"
    return None


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text; ``warning`` says which encoding was guessed, and how surely, when the
    bytes declared none and were not UTF-8."""

    text: str
    encoding: str
    warning: str | None = None


def _utf8_after_stray_mark(data: bytes) -> bool:
    """True when the bytes after a UTF-16 mark read as printable UTF-8 text (no control
    characters but tabs and line ends): UTF-16 of Latin text is half NULs, and of Cyrillic,
    Greek or Arabic text full of bytes 0x03-0x06."""
    try:
        rest = data[2:].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(rest.strip()) and not any(ord(c) < 32 and c not in "\t\n\r" for c in rest[:100_000])


def decode(data: bytes, *, declared: str | None = None, origin: str = "input") -> str:
    """Decode bytes: BOM, then the declared or ``<meta>`` charset, then UTF-8, then detection."""
    return decode_guessing(data, declared=declared, origin=origin).text


def decode_guessing(data: bytes, *, declared: str | None = None, origin: str = "input") -> Decoded:
    """Like :func:`decode`, and say so when the encoding had to be guessed.

    Raises:
        InputError: no encoding reads the bytes.
    """
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            if codec == "utf-16" and _utf8_after_stray_mark(data):
                # Two stray bytes before UTF-8 text (found by fuzzing: a JSON Lines file whose
                # first line was 0xFE 0xFF): reading it all as UTF-16 would turn every line into
                # one line of garbage.
                return Decoded(
                    data.decode("utf-8", errors="replace"),
                    "utf-8",
                    f"{origin}: starts with a UTF-16 byte-order mark, but the rest is UTF-8; "
                    "read as UTF-8",
                )
            return Decoded(data.decode(codec, errors="replace"), codec)
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    meta = _META_CHARSET_RE.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for codec in candidates:
        try:
            return Decoded(data.decode(codec), codec)
        except (LookupError, UnicodeDecodeError):
            continue
    guess = _detect(data[:200_000])
    if guess is None:
        raise InputError(f"{origin}: the text is in no encoding factdesk can recognise")
    encoding, confidence = guess
    stated = [c for c in candidates[:-1] if c.lower().replace("_", "-") not in {"utf-8", "utf8"}]
    why = (
        f"not in their declared encoding ({', '.join(stated)}) nor UTF-8"
        if stated
        else "not UTF-8 and declare no other encoding"
    )
    return Decoded(
        data.decode(encoding, errors="replace"),
        encoding,
        f"{origin}: the bytes are {why}; read as {encoding} (guessed, confidence "
        f"{confidence:.2f}): look out for garbled letters",
    )


# When detection cannot tell codepages apart, the ones most used on the web win.
_WEB_ENCODINGS = (
    "utf_8",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
)


def _detect(data: bytes) -> tuple[str, float] | None:
    """The likeliest encoding of ``data`` and a confidence in [0, 1] (1 - charset-normalizer's
    chaos, less 0.2 when encodings that read the bytes differently fit as well)."""
    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    best_coherence = max(m.coherence for m in matches if m.chaos <= best_chaos + 0.01)
    tied = [
        m for m in matches if m.chaos <= best_chaos + 0.01 and m.coherence >= best_coherence - 0.01
    ]
    # Each match stands for every encoding that reads the bytes the same way.
    readings = {e: m for m in reversed(tied) for e in [m.encoding, *m.could_be_from_charset]}
    preferred = [e for e in _WEB_ENCODINGS if e in readings]
    encoding = preferred[0] if preferred else tied[0].encoding
    confidence = max(0.0, 1.0 - readings[encoding].chaos - (0.2 if len(tied) > 1 else 0.0))
    return encoding, round(confidence, 2)


def looks_like_html(text: str) -> bool:
    """True when ``text`` reads as an HTML document rather than plain text."""
    return bool(_HTML_RE.search(text[:20_000]))
