"""The web app: pages for people, a JSON API for programs (documented at
``/api/openapi.json``), both over one :class:`~factdesk.web.jobs.JobQueue`.

Pages: ``GET /`` (the form), ``POST /check`` (the form's submission: a job, then a redirect to
its page), ``GET /jobs/{id}`` (progress while it runs, then the article with its claims
highlighted by verdict, the evidence panel, the comment flags, the comparison and the listen
buttons). API: ``POST /api/jobs`` (queue a check: 202 and its id), ``GET /api/jobs/{id}``
(state and progress), ``GET /api/jobs/{id}/report`` (the JSON report),
``GET /api/jobs/{id}/audio/{article|report}`` (WAV), ``POST /api/check`` (check and wait: the
JSON report).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from factdesk import __version__
from factdesk.errors import FactdeskError, InputError
from factdesk.extract.dates import normalize_date
from factdesk.extract.source import Given, is_url
from factdesk.model import Report
from factdesk.report import html
from factdesk.report.html import CSS
from factdesk.textutil import without_surrogates
from factdesk.web import render
from factdesk.web.jobs import Job, JobQueue, QueueFull
from factdesk.web.worker import CheckJob, Source

log = logging.getLogger(__name__)

MAX_COMPARE = 3
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


class ArticleIn(BaseModel):
    """An article to compare with: its URL or its text (or HTML)."""

    url: str = Field("", description="http(s) URL of the article")
    text: str = Field("", description="the article's text or HTML")


HTML_HELP = (
    "the page's HTML as the reader's browser has it (a logged-in or paywalled page); url, if "
    "given, names the page and is not fetched"
)


class CheckIn(BaseModel):
    """A check: the article's URL, its text, or its page's HTML as a browser shows it (the URL
    then only names the page), optionally a publication date and articles on the same story to
    compare it with."""

    url: str = Field(
        "", description="http(s) URL of the article (fetched, unless html is given: it names it)"
    )
    text: str = Field("", description="the article's text or HTML (or give url)")
    html: str = Field("", description=HTML_HELP)
    published: str | None = Field(
        None, description="publication date YYYY-MM-DD, when the page gives none or a wrong one"
    )
    compare: list[ArticleIn] = Field(
        default_factory=list, description=f"up to {MAX_COMPARE} articles on the same story"
    )


class JobOut(BaseModel):
    """A check's state: queued, running, done, failed or cancelled (the server stopped), with
    the progress lines so far."""

    id: str
    state: Literal["queued", "running", "done", "failed", "cancelled"]
    position: int = Field(description="queued checks ahead of this one")
    progress: list[str]
    error: str | None = None
    seconds: float | None = Field(None, description="from submission to the end")
    page: str
    report: str
    audio: dict[str, str]


def _source(url: str, text: str, what: str, html: str = "") -> Source:
    url, text, html = (
        without_surrogates(url).strip(),
        without_surrogates(text),
        without_surrogates(html),
    )
    if html.strip():
        if text.strip():
            raise InputError(f"{what}: give the page's html or a text, not both")
        if url and not is_url(url):
            raise InputError(f"{what}: not an http(s) URL: {url[:200]}")
        return Given(html.encode("utf-8"), url=url or None, html=True)
    if url and text.strip():
        raise InputError(f"{what}: give a URL or a text, not both")
    if url and not is_url(url):
        raise InputError(f"{what}: not an http(s) URL: {url[:200]}")
    if not url and not text.strip():
        raise InputError(f"{what}: give the article's URL or paste its text")
    return url or Given(text.encode("utf-8"))


def to_job(request: CheckIn) -> CheckJob:
    """The check a request asks for; InputError saying what is wrong with it."""
    article = _source(request.url, request.text, "article", request.html)
    if len(request.compare) > MAX_COMPARE:
        raise InputError(f"compare: at most {MAX_COMPARE} articles")
    others = tuple(_source(o.url, o.text, f"compare[{n}]") for n, o in enumerate(request.compare))
    published = (request.published or "").strip() or None
    if published:
        parsed = normalize_date(published)
        if parsed is None:
            raise InputError(f"published needs a date such as 2024-12-31, not {published!r}")
        published = parsed[:10]
    return CheckJob(article, others, published)


def job_out(queue: JobQueue, job: Job) -> JobOut:
    return JobOut(
        id=job.id,
        state=job.state,
        position=queue.position(job),
        progress=[line for _, line in job.progress],
        error=job.error,
        seconds=job.seconds(),
        page=f"/jobs/{job.id}",
        report=f"/api/jobs/{job.id}/report",
        audio={w: f"/api/jobs/{job.id}/audio/{w}" for w in ("article", "report")},
    )


def _error(status: int, message: str, *, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


JobId = Annotated[str, PathParam(max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]


def create_app(queue: JobQueue) -> FastAPI:
    """The ASGI app over ``queue`` (the limits middleware is added by the caller)."""
    app = FastAPI(
        title="factdesk",
        version=__version__,
        description="Check a news article against trusted sources: its claims with verdicts "
        "and evidence, its comment section's inauthentic comments, contradictions with other "
        "articles on the same story, and the article or its fact-check read aloud.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin: no Referer to other sites, and our own form posts carry our Origin
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        if first.get("type") == "json_invalid":
            why = first.get("ctx", {}).get("error", "")
            return _error(400, f"the body is not JSON: {why}".strip())
        if tuple(first.get("loc", ())) == ("body",):
            return _error(
                400, 'the body must be a JSON object: {"url": ...}, {"text": ...} or {"html": ...}'
            )
        where = ".".join(str(p) for p in first.get("loc", ())[1:])
        return _error(400, f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(FactdeskError)
    async def refused(request: Request, exc: FactdeskError) -> JSONResponse:
        if isinstance(exc, QueueFull):  # every worker busy, the queue full: come back later
            return _error(503, str(exc), headers={"Retry-After": "30"})
        return _error(400, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return _error(exc.status_code, str(exc.detail), headers=exc.headers)
        return PlainTextResponse(f"{exc.detail}\n", status_code=exc.status_code)

    def submit(request: CheckIn) -> Job:
        return queue.submit(to_job(request))

    def find(job_id: str) -> Job:
        job = queue.get(job_id)
        if job is None:
            raise HTTPException(404, "no such check (finished checks are kept a while only)")
        return job

    @app.get("/report.css", include_in_schema=False)
    async def report_css() -> Response:  # the HTML report's own style, shared by the pages
        return Response(CSS, media_type="text/css")

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok\n")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        running, queued = queue.busy()
        return HTMLResponse(
            render.page("index.html", error=None, running=running, queued=queued, queue=queue)
        )

    @app.post("/check", include_in_schema=False)
    async def check_form(request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
        field = {k: v[0] for k, v in form.items()}
        compare = [ArticleIn(url=field.get("compare_url", ""), text=field.get("compare_text", ""))]
        if not (compare[0].url.strip() or compare[0].text.strip()):
            compare = []
        try:
            job = submit(
                CheckIn(
                    url=field.get("url", ""),
                    text=field.get("text", ""),
                    html="",
                    published=field.get("published"),
                    compare=compare,
                )
            )
        except FactdeskError as exc:
            status = 503 if isinstance(exc, QueueFull) else 400
            running, queued = queue.busy()
            return HTMLResponse(
                render.page(
                    "index.html", error=str(exc), running=running, queued=queued, queue=queue
                ),
                status_code=status,
            )
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    async def job_page(job_id: JobId) -> HTMLResponse:
        job = find(job_id)
        values: dict[str, Any] = {"job": job, "info": job_out(queue, job)}
        if job.state == "done" and job.result is not None:
            report: Report = job.result["report"]
            as_dict = report.to_dict()
            values.update(
                report=report,
                html={
                    "meta": html.meta_html(report),
                    "summary": html.summary_html(report),
                    "article": html.article_html(report),
                    "claims": html.claims_html(report, cross_source=False),
                    "comments": html.comments_html(report),
                },
                paragraphs=render.claim_paragraphs(as_dict),
                comparisons=render.comparisons(as_dict, job.result["compared"]),
            )
        return HTMLResponse(render.page("job.html", **values))

    @app.post("/api/jobs", status_code=202, response_model=JobOut, tags=["checks"])
    async def create_job(request: CheckIn) -> Response:
        """Queue a check; poll ``GET /api/jobs/{id}`` for its progress, then read the report.
        503 with Retry-After when every worker is busy and the queue is full."""
        job = submit(request)
        return JSONResponse(job_out(queue, job).model_dump(), status_code=202)

    @app.get("/api/jobs/{job_id}", response_model=JobOut, tags=["checks"])
    async def get_job(job_id: JobId) -> JobOut:
        """A check's state and progress lines."""
        return job_out(queue, find(job_id))

    @app.get(
        "/api/jobs/{job_id}/report",
        tags=["checks"],
        responses={
            200: {"description": "the JSON report (its JSON Schema: factdesk schema)"},
            409: {"description": "not finished yet"},
        },
    )
    async def get_report(job_id: JobId) -> Response:
        """The JSON report of a finished check; the check's error when it failed."""
        job = find(job_id)
        if job.state in ("failed", "cancelled"):
            return _error(job.error_status, job.error or "the check failed")
        if job.result is None:
            return _error(409, f"the check is {job.state}; poll /api/jobs/{job.id}")
        return JSONResponse(job.result["report"].to_dict())

    @app.get(
        "/api/jobs/{job_id}/audio/{what}",
        tags=["checks"],
        response_class=Response,
        responses={200: {"content": {"audio/wav": {}}, "description": "WAV audio"}},
    )
    async def get_audio(job_id: JobId, what: Literal["article", "report"]) -> Response:
        """The article (``article``) or its fact-check (``report``) read aloud, as WAV; made
        on the first request (Piper, else espeak-ng), then kept with the check."""
        job = find(job_id)
        if job.result is None:
            return _error(409, f"the check is {job.state}; audio comes when it is done")
        try:
            made = queue.audio(job, what)
            wav = await asyncio.wrap_future(made)
        except FactdeskError as exc:  # no speech engine, or it failed, or the server stops
            return _error(503, f"no audio: {exc}")
        except asyncio.CancelledError:
            if not made.cancelled():
                raise
            return _error(503, "no audio: the server is stopping")
        return Response(wav, media_type="audio/wav", headers={"Cache-Control": "private"})

    @app.post("/api/check", tags=["checks"], responses={200: {"description": "the JSON report"}})
    async def check_now(request: CheckIn) -> Response:
        """Check and wait: the JSON report (its JSON Schema: factdesk schema) in the same
        answer. 502 when the URL could not be fetched or was refused."""
        job = submit(request)
        while job.state in ("queued", "running"):
            await asyncio.sleep(0.05)
        if job.state in ("failed", "cancelled"):
            return _error(job.error_status, job.error or "the check failed")
        assert job.result is not None
        return JSONResponse(job.result["report"].to_dict())

    return app
