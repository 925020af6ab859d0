"""Terminal rendering with rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from factdesk.model import (
    Article,
    Claim,
    Comment,
    EntityValue,
    Facet,
    ModalityValue,
    NegationValue,
    NumberValue,
    Passage,
    QuoteValue,
    Report,
    RoleValue,
    TimeValue,
)


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
    if isinstance(v, TimeValue):
        return f"{v.interval[0]} .. {v.interval[1]}" if v.interval else f"unresolved: {v.note}"
    if isinstance(v, NumberValue):
        hedge = f", {v.approximate}" if v.approximate else ""
        return f"{v.value:g} {v.unit or ''} ({v.kind}{hedge})"
    if isinstance(v, EntityValue):
        return f"-> {v.refers_to}" if v.refers_to and v.refers_to != v.name else v.label
    if isinstance(v, RoleValue):
        return f"{v.person}: {v.status} {v.title}{' of ' + v.org if v.org else ''}"
    if isinstance(v, QuoteValue):
        return f"said by {v.speaker or '(unknown)'}"
    if isinstance(v, ModalityValue):
        return v.type
    return v.cue if isinstance(v, NegationValue) else ""


_VERDICT_STYLE = {
    "supported": "bold green",
    "refuted": "bold red",
    "conflicting": "bold yellow",
    "not_enough_evidence": "dim",
}


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last word boundary within ``limit`` characters (an
    ellipsis says it was cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def _citation(stance: str, passage: Passage) -> Table:
    """One cited passage, indented under its claim: the stance beside the source's name, its
    date and link under it, then the passage quoted on its own, cut at a word boundary."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3)
    grid.add_column(width=8, no_wrap=True)
    grid.add_column(ratio=1)
    style = _VERDICT_STYLE["supported" if stance == "supports" else "refuted"]
    parts = [Text(passage.title or passage.source_id, style="bold")]
    where = " · ".join(x for x in ((passage.published or "")[:10], passage.url or "") if x)
    if where:  # a link is folded where it must be, never cut short
        parts.append(Text(where, style="dim", overflow="fold"))
    parts.append(Text(f"“{clip(passage.text, 280)}”"))
    grid.add_row("", Text(stance.upper(), style=style), Group(*parts))
    return grid


def render_report(report: Report, console: Console) -> None:
    """The check report in the terminal: summary, each claim with verdict and evidence."""
    head = Text()
    head.append(f"{report.headline()}\n", style="bold")
    head.append(f"Credibility {report.credibility():.2f}   ", style="")
    head.append("  ".join(f"{k}: {v}" for k, v in report.verdict_counts().items()), style="dim")
    title = Text(report.article.title or "(no title)", style="bold")
    console.print(Panel(head, title=title, title_align="left"))
    for note in report.notes:
        console.print(Text(note, style="yellow"))
    for r in report.results:
        c, v = r.claim, r.verdict
        line = Text()
        line.append(f"{c.id} ", style="bold")
        line.append(
            f"{v.label.replace('_', ' ').upper()} {round(v.confidence, 4):.0%}",
            style=_VERDICT_STYLE[v.label],
        )
        line.append(f"\n{c.text}\n")
        if c.standalone and c.standalone != c.text:
            line.append(f"checked as: {c.standalone}\n", style="dim")
        line.append(v.rationale, style="italic")
        console.print(line)
        for e in [e for e in v.evidence if e.stance != "neutral"][:2]:
            console.print(_citation(e.stance, e.passage))
        console.print()
    for contradiction in report.contradictions:
        console.print(Text(f"Contradiction: {contradiction.explanation}", style="yellow"))
    if not report.article.comments:
        return
    console.print(
        Text(
            f"{len(report.article.comments)} comments, "
            f"{report.inauthentic_share():.0%} flagged: they look machine-written or coordinated",
            style="bold",
        )
    )
    if report.comments.summary:
        console.print(Text(f"  {report.comments.summary}"))
    for comment, score in report.scored_comments():
        if score.flags:
            line = Text("    ")
            line.append(comment.author or "anonymous", style="bold")
            line.append(
                f"  looks machine-written or coordinated, {score.inauthentic_score:.0%}",
                style="red",
            )
            line.append(f"  [{', '.join(score.flags)}]\n", style="dim")
            line.append(f"      “{clip(comment.text, 160)}”")
            console.print(line)
            for reason in score.reasons:
                console.print(Text(f"        - {reason}", style="yellow"))
