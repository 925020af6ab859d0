"""The terminal and Markdown reports, and the spoken one, read from a Report built by hand."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Console

from factdesk.model import Contradiction, Report
from factdesk.report.html import render_html
from factdesk.report.markdown import render_markdown
from factdesk.report.terminal import clip, render_report
from factdesk.speech import spoken_report

from .test_html import TEXT, claim, report

START = TEXT.index("The bridge")
END = START + len("The bridge opened in 1990.")


def _built() -> Report:
    base = report([claim(START, END), claim(0, 5, "supported", id="c2")])
    explanation = "Claim c1 and claim c2 disagree: the year differs."
    return replace(base, contradictions=(Contradiction("internal", ("c1", "c2"), explanation),))


def test_terminal_report_names_verdicts_evidence_and_flags() -> None:
    console = Console(record=True, width=200)
    render_report(_built(), console)
    out = console.export_text()
    assert "2 claims checked: 1 refuted, 1 supported, 0 without enough evidence." in out
    assert "c1 REFUTED 90%" in out and "c2 SUPPORTED 90%" in out
    lines = [line.rstrip() for line in out.splitlines()]
    at = lines.index("    REFUTES  City <records>")
    assert (
        lines[at + 1].strip().startswith("2020-01-01") and lines[at + 2].strip() == "“Opened 1991.”"
    )
    assert lines[at + 2].index("“") == lines[at].index("City")  # set apart, aligned
    assert "Contradiction: Claim c1 and claim c2 disagree" in out
    assert "2 comments, 50% flagged: they look machine-written or coordinated" in out
    assert (
        "A  looks machine-written or coordinated, 90%  [generic]\n" in out and "“Great <img" in out
    )


def test_terminal_text_is_cut_at_word_boundaries() -> None:
    assert clip("The quick brown fox jumps", 40) == "The quick brown fox jumps"
    assert clip("The quick brown fox jumps over the dog", 22) == "The quick brown fox…"
    assert clip("a  b\n c", 10) == "a b c"
    assert len(clip("x" * 50, 20)) == 20  # one long word is cut where it must be


def test_markdown_report() -> None:
    md = render_markdown(_built())
    assert md.startswith("# Fact check: A &lt;b&gt;bold&lt;/b&gt; title\n")
    assert "javascript:alert(1)" in md and "<javascript:" not in md  # not a link
    assert "### ❌ c1: refuted (90%)" in md and "### ✅ c2: supported (90%)" in md
    assert "- *refutes* — [Good](https://example.org/a?x=1&y=2): “It opened in 1991.”" in md
    assert "## Contradictions" in md and (
        "- **A** (looks machine-written or coordinated, 90% probability; generic): Great &lt;img"
        in md
    )


def test_spoken_report() -> None:
    lines = spoken_report(_built())
    assert lines[0] == "Fact check of: A <b>bold</b> title."
    assert (
        "Claim 1: The bridge opened in 1990. Verdict: refuted, with 90 percent confidence." in lines
    )
    assert lines[-1] == "Of 2 comments, 1 look machine-written or coordinated."


def test_each_report_gives_the_form_a_claim_was_checked_as() -> None:
    base = _built()
    first = base.results[0]
    checked = replace(
        first, claim=replace(first.claim, standalone="The Tyne bridge opened in 1990.")
    )
    built = replace(base, results=(checked, *base.results[1:]))
    console = Console(record=True, width=200)
    render_report(built, console)
    assert "checked as: The Tyne bridge opened in 1990." in console.export_text()
    assert "Checked as: The Tyne bridge opened in 1990." in render_markdown(built)
    assert "Checked as: The Tyne bridge opened in 1990." in render_html(built)
    assert "Checked as" not in render_html(base)
