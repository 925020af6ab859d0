"""The report as one self-contained HTML page: the article with its claims highlighted by
verdict, a card per claim with its rationale and cited passages, the contradictions and the
comment flags. No scripts, fonts or images from elsewhere; opens offline, prints cleanly.

Everything from the article or the evidence is escaped, and only http(s) links are kept: the
page shows text from untrusted sites.
"""

from __future__ import annotations

from html import escape

from factdesk.model import ClaimResult, Report

LABELS = {
    "supported": "Supported",
    "refuted": "Refuted",
    "conflicting": "Conflicting",
    "not_enough_evidence": "Not enough evidence",
}

CSS = """
:root { --ok: #1b7f3b; --bad: #b3261e; --mixed: #a05a00; --none: #5f6368; }
* { box-sizing: border-box; }
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; margin: 0; color: #202124; background: #fafafa; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem; }
header h1 { font-size: 1.6rem; margin: .2rem 0; }
.meta, footer, .small { color: #5f6368; font: 14px/1.4 system-ui, sans-serif; }
.summary { font: 15px/1.5 system-ui, sans-serif; background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: .8rem 1rem; }
.counts span { margin-right: 1rem; }
main { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 1.5rem; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
article { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: .5rem 1.2rem; }
mark { padding: 0 .1em; border-radius: 3px; background: #eceff1; border-bottom: 3px solid var(--none); }
mark a { color: inherit; text-decoration: none; }
mark.supported { background: #e6f4ea; border-color: var(--ok); }
mark.refuted { background: #fce8e6; border-color: var(--bad); }
mark.conflicting { background: #fef3e0; border-color: var(--mixed); }
section.claims { font: 15px/1.5 system-ui, sans-serif; }
.card { background: #fff; border: 1px solid #ddd; border-left: 6px solid var(--none); border-radius: 8px; padding: .6rem .9rem; margin-bottom: .8rem; }
.card.supported { border-left-color: var(--ok); } .card.refuted { border-left-color: var(--bad); }
.card.conflicting { border-left-color: var(--mixed); }
.card:target { outline: 3px solid #1a73e8; }
.verdict { font-weight: 700; } .card blockquote { margin: .3rem 0; font-style: italic; }
.card ul { padding-left: 1.1rem; margin: .3rem 0; } .card li { margin: .25rem 0; }
.stance { font-variant: small-caps; font-weight: 600; }
.stance.supports { color: var(--ok); } .stance.refutes { color: var(--bad); }
h2 { font: 600 1.15rem system-ui, sans-serif; margin: 1.2rem 0 .5rem; }
.comment { border-top: 1px solid #eee; padding: .4rem 0; } .comment.flagged { background: #fff8e1; }
.reply { margin-left: 1.5rem; } .reasons { margin: .2rem 0 0 1rem; color: var(--bad); } .thread-summary { background: #fff8e1; padding: .4rem; } .flag { background: #fce8e6; color: var(--bad); border-radius: 4px; padding: 0 .3rem; margin-right: .3rem; font-size: 12px; }
@media print { main { display: block; } mark { border-bottom-width: 2px; } }
"""


def _link(url: str | None, text: str) -> str:
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>'
    return escape(text)


def article_html(report: Report) -> str:
    """The article's paragraphs with each claim marked in its verdict's colour."""
    return _article_html(report.article.text, report.results)


def _marked(text: str, results: tuple[ClaimResult, ...]) -> list[ClaimResult]:
    """The claims that get a mark of their own: in text order, none overlapping an earlier one
    (a presupposed act inside its clause's claim is shown by that claim's mark)."""
    out: list[ClaimResult] = []
    at = 0
    for r in sorted(results, key=lambda r: (r.claim.start, -r.claim.end)):
        if r.claim.start >= at and r.claim.end <= len(text):
            out.append(r)
            at = r.claim.end
    return out


def _mark_of(text: str, results: tuple[ClaimResult, ...]) -> dict[str, str]:
    """Each claim's mark in the article: its own, or that of the marked claim holding it."""
    marked = _marked(text, results)
    out = {r.claim.id: r.claim.id for r in marked}
    for r in results:
        host = next(
            (m for m in marked if m.claim.start <= r.claim.start and r.claim.end <= m.claim.end),
            None,
        )
        if r.claim.id not in out and host is not None:
            out[r.claim.id] = host.claim.id
    return out


def _article_html(text: str, results: tuple[ClaimResult, ...]) -> str:
    """The body with each claim's span marked, paragraphs kept; overlapping spans are skipped."""
    out: list[str] = []
    at = 0
    for r in _marked(text, results):
        c, v = r.claim, r.verdict
        start, end = c.start, c.end
        title = f"{LABELS[v.label]} ({round(v.confidence, 4):.0%}): {v.rationale}"
        out.append(escape(text[at:start]))
        out.append(
            f'<mark class="{v.label}" id="m-{escape(c.id)}" data-claim="{escape(c.id)}" '
            f'title="{escape(title)}">'
            f'<a href="#{escape(c.id)}">{escape(text[start:end])}</a></mark>'
        )
        at = end
    out.append(escape(text[at:]))
    paragraphs = [p.strip() for p in "".join(out).split("\n\n")]
    return "\n".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs if p)


def _claim_card(r: ClaimResult, mark: str | None) -> str:
    c, v = r.claim, r.verdict
    where = f' · <a href="#m-{escape(mark)}">in the article</a>' if mark is not None else ""
    parts = [
        f'<div class="card {v.label}" id="{escape(c.id)}">',
        f'<div><span class="verdict">{LABELS[v.label]}</span> '
        f'<span class="small">{round(v.confidence, 4):.0%} · {escape(c.id)}{where}</span></div>',
        f"<blockquote>{escape(c.text)}</blockquote>",
        *(
            [f'<p class="small">Checked as: {escape(c.standalone)}</p>']
            if c.standalone and c.standalone != c.text
            else []
        ),
        f"<div>{escape(v.rationale)}</div>",
    ]
    cited = [e for e in v.evidence if e.stance != "neutral"][:3]
    if not cited and v.evidence:
        parts.append(f'<p class="small">{len(v.evidence)} passages found, none for or against.</p>')
    if cited:
        parts.append('<ul class="passages">')
        for e in cited:
            p = e.passage
            when = f", {escape(p.published[:10])}" if p.published else ""
            source = _link(p.url, p.title or p.source_id)
            parts.append(
                f'<li><span class="stance {e.stance}">{e.stance}</span> {source}{when}: '
                f"“{escape(p.text)}”</li>"
            )
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)


def comments_html(report: Report) -> str:
    """The comment section, each comment with its flags, likelihood and reasons."""
    if not report.article.comments:
        return ""
    flagged = sum(1 for s in report.comments.items if s.flags)
    rows = [
        "<h2>Comments</h2>",
        f'<p class="small" id="comment-summary">{len(report.article.comments)} comments, '
        f"{flagged} flagged: they look machine-written or coordinated "
        f"({report.inauthentic_share():.0%}). A flag says what was seen in the comment and the "
        "thread, not who wrote it.</p>",
    ]
    if report.comments.summary:
        rows.append(f'<p class="thread-summary">{escape(report.comments.summary)}</p>')
    rows.append('<div id="comments">')
    for comment, score in report.scored_comments():
        classes = "comment" + (" flagged" if score.flags else "")
        classes += " reply" if comment.parent_id else ""
        flags = "".join(f'<span class="flag">{escape(f)}</span>' for f in score.flags)
        when = f" · {escape(str(comment.published))}" if comment.published else ""
        likely = (
            f' <span class="small">looks machine-written or coordinated: '
            f"{score.inauthentic_score:.0%} probability</span>"
            if score.flags
            else ""
        )
        reasons = "".join(f"<li>{escape(r)}</li>" for r in score.reasons)
        rows.append(
            f'<div class="{classes}"><div class="small"><b>{escape(comment.author or "anonymous")}</b>'
            f"{when} {flags}{likely}</div><div>{escape(comment.text)}</div>"
            + (f'<ul class="reasons small">{reasons}</ul>' if reasons else "")
            + "</div>"
        )
    return "\n".join([*rows, "</div>"])


def meta_html(report: Report) -> str:
    """Published when, by whom, and the article's link."""
    a = report.article
    meta = [f"Published {escape(a.published)}" if a.published else "Publication date unknown"]
    if a.authors:
        meta.append("by " + escape(", ".join(a.authors)))
    if a.url:
        meta.append(_link(a.url, a.url))
    return " · ".join(meta)


def summary_html(report: Report) -> str:
    """The headline, the credibility, the verdict counts and the notes."""
    counts = "".join(
        f'<span class="count {k}">{LABELS.get(k, k)}: <b>{v}</b></span>'
        for k, v in report.verdict_counts().items()
    )
    notes = "".join(f"<p class='small'>{escape(n)}</p>" for n in report.notes)
    return (
        f'<p><b id="headline">{escape(report.headline())}</b> '
        f"Credibility {report.credibility():.2f}.</p>"
        f'<div class="counts">{counts}</div>{notes}'
    )


def claims_html(report: Report, *, cross_source: bool = True) -> str:
    """A card per claim (verdict, rationale, cited passages), then the contradictions
    (``cross_source``: those with other articles too)."""
    marks = _mark_of(report.article.text, report.results)
    cards = "".join(_claim_card(r, marks.get(r.claim.id)) for r in report.results)
    shown = [c for c in report.contradictions if cross_source or c.kind != "cross_source"]
    contradictions = ""
    if shown:
        items = "".join(f"<li>{escape(c.explanation)}</li>" for c in shown)
        contradictions = f'<h2>Contradictions</h2><ul class="contradictions">{items}</ul>'
    return (
        f"<h2>Claims and evidence</h2>\n{cards or '<p>No check-worthy claims found.</p>'}"
        f"\n{contradictions}"
    )


def render_html(report: Report, *, home: str | None = None) -> str:
    """A complete HTML document from the report; ``home``: a link back to the form, for the
    web app."""
    a = report.article
    title = a.title or "(untitled)"
    back = f' · <a href="{escape(home)}">check another article</a>' if home else ""
    named = report.versions.to_dict()
    versions = ", ".join(
        [f"{k} {escape(str(v))}" for k, v in named.items() if isinstance(v, str)]
        + [
            f"{escape(m.name)} ({escape(m.package)} {escape(m.version)}, "
            f"<span title='sha256 {escape(m.sha256)}'>sha256 {escape(m.sha256[:12])}</span>)"
            for m in report.versions.models
        ]
    )
    return f"""<!DOCTYPE html>
<html lang="{escape(a.language or "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fact check: {escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<div class="small">factdesk fact check{back}</div>
<h1>{escape(title)}</h1>
<div class="meta">{meta_html(report)}</div>
<div class="summary">{summary_html(report)}</div>
</header>
<main>
<article id="article">
{article_html(report)}
</article>
<section class="claims" id="evidence">
{claims_html(report)}
{comments_html(report)}
</section>
</main>
<footer>Checked by {versions}.</footer>
</body>
</html>
"""
