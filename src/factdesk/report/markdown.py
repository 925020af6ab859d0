"""The report as Markdown, for pasting into an issue, a wiki or a newsroom chat."""

from __future__ import annotations

from factdesk.model import Report

ICONS = {"supported": "✅", "refuted": "❌", "conflicting": "⚖️", "not_enough_evidence": "❔"}


def render_markdown(report: Report) -> str:
    """Markdown from the report."""
    a = report.article
    lines = [f"# Fact check: {a.title or '(untitled)'}", ""]
    meta = [f"Published {a.published}" if a.published else "Publication date unknown"]
    if a.authors:
        meta.append("by " + ", ".join(a.authors))
    if a.url:
        meta.append(f"<{a.url}>")
    headline = f"**{report.headline()}** Credibility {report.credibility():.2f}."
    lines += [" · ".join(meta), "", headline, ""]
    counts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in report.verdict_counts().items())
    lines += [f"Verdicts — {counts}.", ""]
    for note in report.notes:
        lines += [f"> {note}", ""]
    lines += ["## Claims", ""]
    for r in report.results:
        c, v = r.claim, r.verdict
        lines.append(
            f"### {ICONS[v.label]} {c.id}: {v.label.replace('_', ' ')} ({round(v.confidence, 4):.0%})"
        )
        lines += ["", f"> {c.text}", "", v.rationale, ""]
        cited = [e for e in v.evidence if e.stance != "neutral"][:3]
        for e in cited:
            p = e.passage
            name = p.title or p.source_id
            where = f"[{name}]({p.url})" if p.url else name
            when = f", {p.published[:10]}" if p.published else ""
            lines.append(f"- *{e.stance}* — {where}{when}: “{p.text}”")
        if cited:
            lines.append("")
    if report.contradictions:
        lines += ["## Contradictions", ""]
        lines += [f"- {c.explanation}" for c in report.contradictions]
        lines.append("")
    if a.comments:
        lines += [
            "## Comments",
            "",
            f"{len(a.comments)} comments, {report.inauthentic_share():.0%} flagged: they look machine-written or coordinated "
            "(a flag says what was seen, not who wrote it).",
            "",
        ]
        if report.comments.summary:
            lines += [report.comments.summary, ""]
        for comment, score in report.scored_comments():
            if score.flags:
                lines.append(
                    f"- **{comment.author or 'anonymous'}** (looks machine-written or coordinated, "
                    f"{score.inauthentic_score:.0%} probability; {', '.join(score.flags)}): {comment.text}"
                )
                lines += [f"  - {reason}" for reason in score.reasons]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
