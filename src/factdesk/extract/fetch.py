"""Fetching a page over HTTP(S) with httpx: timeouts, redirects and a size limit."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from factdesk.config import Config
from factdesk.errors import FetchError

log = logging.getLogger(__name__)

_ACCEPTED_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/rss",
    "application/atom",
)


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body of an HTTP response and what the headers said about it."""

    data: bytes
    url: str
    content_type: str | None
    charset: str | None


def fetch(url: str, *, config: Config, transport: httpx.BaseTransport | None = None) -> Fetched:
    """GET ``url`` and return its body.

    Raises:
        FetchError: no connection, timeout, too many redirects, an HTTP error status, a body
            over ``config.max_input_bytes``, or a content type that is not text.
    """
    headers = {
        "User-Agent": config.user_agent,
        "Accept": "text/html,application/xhtml+xml,*/*;q=0.5",
    }
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=config.max_redirects,
                timeout=config.fetch_timeout,
                headers=headers,
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise FetchError(f"{url}: the server answered HTTP {response.status_code} {reason}")
            content_type = response.headers.get("content-type")
            mime = (content_type or "").split(";")[0].strip().lower()
            if mime and not mime.startswith(_ACCEPTED_TYPES):
                raise FetchError(f"{url}: is {mime}, not an HTML page or text")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > config.max_input_bytes:
                raise FetchError(_too_large(url, config.max_input_bytes))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > config.max_input_bytes:
                    raise FetchError(_too_large(url, config.max_input_bytes))
                chunks.append(chunk)
            log.debug("fetched %s (%d bytes, %s)", response.url, size, content_type)
            return Fetched(
                b"".join(chunks), str(response.url), content_type, response.charset_encoding
            )
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out after {config.fetch_timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: more than {config.max_redirects} redirects") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"{url}: not a URL factdesk can fetch ({exc})") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"{url}: could not connect ({_reason(exc)}); is the network up?") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _too_large(url: str, limit: int) -> str:
    return (
        f"{url}: the page is larger than {limit / 1e6:g} MB "
        "(raise FACTDESK_MAX_INPUT_BYTES to read it)"
    )
