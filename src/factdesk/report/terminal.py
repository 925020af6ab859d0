"""Terminal rendering with rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from factdesk.model import Article, Comment


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
