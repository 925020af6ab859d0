"""Terminal rendering with rich."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from factdesk.model import Article, Claim, Comment, Facet


def _comment_label(comment: Comment) -> Text:
    label = Text()
    label.append(comment.author or "anonymous", style="bold cyan")
    if comment.published:
        label.append(f"  {comment.published}", style="dim")
    label.append(f"  [{comment.id}]\n", style="dim")
    label.append(comment.text)
    return label


def comment_tree(comments: tuple[Comment, ...]) -> Tree:
    """The comment section as a tree: replies under the comment they answer."""
    root = Tree(Text(f"{len(comments)} comments", style="bold"))
    nodes: dict[str, Tree] = {}
    for comment in comments:
        parent = nodes.get(comment.parent_id or "", root)
        nodes[comment.id] = parent.add(_comment_label(comment))
    return root


def render_article(article: Article, console: Console) -> None:
    """Print title, metadata, body and comments."""
    meta = Text()
    for label, value in (
        ("Published", article.published),
        ("Authors", ", ".join(article.authors) if article.authors else None),
        ("URL", article.url),
        ("Language", article.language),
    ):
        meta.append(f"{label}: ", style="bold")
        meta.append(f"{value or '(unknown)'}\n", style="" if value else "dim")
    body = Text(article.text)
    console.print(
        Panel(
            Group(meta, body),
            title=Text(article.title or "(no title)", style="bold"),
            title_align="left",
        )
    )
    if article.comments:
        console.print(comment_tree(article.comments))
    else:
        console.print(Text("No comments found.", style="dim"))


_FACET_STYLE = {
    "time": "bold cyan",
    "number": "bold magenta",
    "person": "green",
    "org": "green",
    "place": "green",
    "role": "yellow",
    "quote": "italic",
    "negation": "bold red",
    "modality": "red",
}


def render_claims(article: Article, claims: list[Claim], console: Console) -> None:
    """The article with its claims highlighted, then each claim with its facets."""
    body = Text(article.text)
    for claim in claims:
        body.stylize("on grey23", claim.start, claim.end)
        body.stylize("underline", claim.start, claim.end)
    console.print(
        Panel(body, title=Text(article.title or "(no title)", style="bold"), title_align="left")
    )
    if not claims:
        console.print(Text("No check-worthy claims found.", style="dim"))
        return
    for claim in claims:
        head = Text()
        head.append(f"{claim.id} ", style="bold")
        head.append(
            f"[{claim.start}, {claim.end})  worth checking {claim.checkworthiness:.2f}\n",
            style="dim",
        )
        head.append(claim.text)
        console.print(head)
        for facet in claim.facets:
            line = Text("    ")
            line.append(f"{facet.kind:<9}", style=_FACET_STYLE.get(facet.kind, ""))
            line.append(f"{facet.text!r}  ")
            line.append(_facet_summary(facet), style="dim")
            console.print(line)
        console.print()


def _facet_summary(facet: Facet) -> str:
    v = facet.value
    if facet.kind == "time":
        return (
            f"{v['interval'][0]} .. {v['interval'][1]}"
            if v.get("interval")
            else f"unresolved: {v.get('note')}"
        )
    if facet.kind == "number":
        return f"{v['value']:g} {v.get('unit') or ''} ({v['kind']}{', ' + v['approximate'] if v.get('approximate') else ''})"
    if facet.kind in ("person", "org", "place", "group"):
        refers = v.get("refers_to")
        return f"-> {refers}" if refers and refers != v.get("name") else str(v.get("label", ""))
    if facet.kind == "role":
        return (
            f"{v['person']}: {v['status']} {v['title']}{' of ' + v['org'] if v.get('org') else ''}"
        )
    if facet.kind == "quote":
        return f"said by {v.get('speaker') or '(unknown)'}"
    return str(v.get("type") or v.get("cue") or "")


_VERDICT_STYLE = {
    "supported": "bold green",
    "refuted": "bold red",
    "conflicting": "bold yellow",
    "not_enough_evidence": "dim",
}


def render_report(report: dict[str, Any], console: Console) -> None:
    """The check report in the terminal: summary, each claim with verdict and evidence."""
    a, s = report["article"], report["summary"]
    head = Text()
    head.append(f"{s['headline']}\n", style="bold")
    head.append(f"Credibility {s['credibility']:.2f}   ", style="")
    head.append("  ".join(f"{k}: {v}" for k, v in s["verdict_counts"].items()), style="dim")
    console.print(
        Panel(head, title=Text(a.get("title") or "(no title)", style="bold"), title_align="left")
    )
    for note in report.get("notes", []):
        console.print(Text(note, style="yellow"))
    for c in report["claims"]:
        line = Text()
        line.append(f"{c['id']} ", style="bold")
        line.append(
            f"{c['verdict'].replace('_', ' ').upper()} {c['confidence']:.0%}",
            style=_VERDICT_STYLE[c["verdict"]],
        )
        line.append(f"\n{c['text']}\n")
        line.append(c["rationale"], style="italic")
        console.print(line)
        for e in [e for e in c["evidence"] if e["stance"] != "neutral"][:2]:
            cite = Text("    ")
            cite.append(
                f"{e['stance']}: ",
                style=_VERDICT_STYLE["supported" if e["stance"] == "supports" else "refuted"],
            )
            cite.append(f"{e.get('title') or e['source_id']} ", style="bold")
            cite.append(f"{(e.get('published') or '')[:10]} ", style="dim")
            cite.append(e["passage"][:240])
            console.print(cite)
        console.print()
    for contradiction in report["contradictions"]:
        console.print(Text(f"Contradiction: {contradiction['explanation']}", style="yellow"))
    comments = report["comments"]
    if comments["count"]:
        console.print(
            Text(
                f"{comments['count']} comments, {comments['inauthentic_share']:.0%} flagged as likely inauthentic",
                style="bold",
            )
        )
        if (comments.get("thread") or {}).get("summary"):
            console.print(Text(f"  {comments['thread']['summary']}"))
        for item in comments["items"]:
            if item["flags"]:
                console.print(
                    Text(
                        f"    {item.get('author') or 'anonymous'} ({item['inauthentic_score']:.0%}) "
                        f"[{', '.join(item['flags'])}]: {item['text'][:120]}",
                        style="dim",
                    )
                )
                for reason in item.get("reasons") or []:
                    console.print(Text(f"        - {reason}", style="yellow"))
