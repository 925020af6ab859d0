"""The report as Markdown, for pasting into an issue, a wiki or a newsroom chat."""

from __future__ import annotations

from typing import Any

ICONS = {"supported": "✅", "refuted": "❌", "conflicting": "⚖️", "not_enough_evidence": "❔"}


def render_markdown(report: dict[str, Any]) -> str:
    """Markdown from the JSON report (``Report.to_dict()``)."""
    a, s = report["article"], report["summary"]
    lines = [f"# Fact check: {a.get('title') or '(untitled)'}", ""]
    meta = [f"Published {a['published']}" if a.get("published") else "Publication date unknown"]
    if a.get("authors"):
        meta.append("by " + ", ".join(a["authors"]))
    if a.get("url"):
        meta.append(f"<{a['url']}>")
    lines += [" · ".join(meta), "", f"**{s['headline']}** Credibility {s['credibility']:.2f}.", ""]
    counts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in s["verdict_counts"].items())
    lines += [f"Verdicts — {counts}.", ""]
    for note in report.get("notes", []):
        lines += [f"> {note}", ""]
    lines += ["## Claims", ""]
    for c in report["claims"]:
        lines.append(
            f"### {ICONS[c['verdict']]} {c['id']}: {c['verdict'].replace('_', ' ')} ({c['confidence']:.0%})"
        )
        lines += ["", f"> {c['text']}", "", c["rationale"], ""]
        cited = [e for e in c["evidence"] if e["stance"] != "neutral"][:3]
        for e in cited:
            where = (
                f"[{e.get('title') or e['source_id']}]({e['url']})"
                if e.get("url")
                else (e.get("title") or e["source_id"])
            )
            when = f", {e['published'][:10]}" if e.get("published") else ""
            lines.append(f"- *{e['stance']}* — {where}{when}: “{e['passage']}”")
        if cited:
            lines.append("")
    if report["contradictions"]:
        lines += ["## Contradictions", ""]
        lines += [f"- {c['explanation']}" for c in report["contradictions"]]
        lines.append("")
    comments = report["comments"]
    if comments["count"]:
        lines += [
            "## Comments",
            "",
            f"{comments['count']} comments, {comments['inauthentic_share']:.0%} flagged as likely inauthentic.",
            "",
        ]
        if (comments.get("thread") or {}).get("summary"):
            lines += [comments["thread"]["summary"], ""]
        for item in comments["items"]:
            if item["flags"]:
                lines.append(
                    f"- **{item.get('author') or 'anonymous'}** ({', '.join(item['flags'])}): {item['text']}"
                )
                lines += [f"  - {reason}" for reason in item.get("reasons") or []]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
