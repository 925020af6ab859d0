"""The BENCHMARKS.md section for benchmarks/comments.py: what each figure is measured on."""

from __future__ import annotations

from typing import Any

NEWS = {
    "fox_news": "Fox News, 5 held-out articles (MIT)",
    "civil_comments": "Civil Comments, ids divisible by 4 (CC0)",
    "c3_news_comments": "C3 / SOCC Globe and Mail, 73 articles (CC BY-NC-SA, never trained on)",
}


def _goal(ok: bool) -> str:
    return "met" if ok else "**not met**"


def table(results: dict[str, Any]) -> str:
    news, yt, tw = (
        results["news_heldout"],
        results["youtube_held_out_file"],
        results["tweepfake_test"],
    )
    fb, sp = results["family_b"], results["speed"]
    lines = [
        "## Inauthentic comments (issues 10, 20)",
        "",
        f"Model `{results['model']}`. Command: `PYTHONPATH=src python benchmarks/comments.py` (train "
        "first with `PYTHONPATH=src python training/train_comments.py`, which also writes the four "
        "held-out-file models to `training/.cache/folds/`). Every figure is the whole detector "
        "run as `factdesk stage comments` over JSON Lines in a child process (text models, thread "
        "signals, combiner, the threshold and the two-signal rule); a comment counts as flagged "
        "when it gets any flag. Data and licences: `benchmarks/data/comments/corpora/README.md`. "
        "These replace issue 10's figures, which measured the text models alone and threads the "
        "combiner was tuned on (issue 20: the wrong measure).",
        "",
        "### Real reader comments, held out (goal: at most 2 flagged per 100)",
        "",
        "| corpus | comments | flagged per 100 | goal |",
        "|---|---|---|---|",
    ]
    for name, label in NEWS.items():
        r = news[name]
        lines.append(
            f"| {label} | {r['n']} | {r['per_100_human']} | {_goal(r['per_100_human'] <= 2)} |"
        )
    lines += [
        "",
        "The Civil Comments held-out part was also looked at while choosing which signals to keep "
        "(the ablation below); Fox News held-out and C3 were only measured.",
        "",
        "### YouTube Spam Collection, each file held out in turn (goal: balanced accuracy 0.92 each)",
        "",
        "The whole detector is refitted without the file (spam model and combiner; the threshold "
        "too) and run over the file's comments as 40-comment threads in time order, with authors "
        "and dates.",
        "",
        "| held-out file | comments | precision | recall | balanced accuracy | goal |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in yt.items():
        lines.append(
            f"| {name} | {r['n']} | {r['precision']} | {r['recall']} | {r['balanced_accuracy']} "
            f"| {_goal(r['balanced_accuracy'] >= 0.92)} |"
        )
    gens = ", ".join(f"{g} {v}" for g, v in tw["recall_by_generator"].items())
    lines += [
        "",
        "### TweepFake test split, each tweet alone (goal: balanced accuracy 0.80)",
        "",
        f"{tw['n']} tweets never fitted on, each a one-comment thread: balanced accuracy "
        f"**{tw['balanced_accuracy']}** ({_goal(tw['balanced_accuracy'] >= 0.80)}), precision "
        f"{tw['precision']}, recall {tw['recall']}; human tweets flagged: {tw['per_100_human']} "
        f"per 100. Recall by generator: {gens}.",
        "",
        "### Farms from a generator never fitted on (template family B)",
        "",
        f"- slipped into held-out reader threads (Fox News, Civil Comments): precision "
        f"{fb['slipped_into_reader_threads']['precision']}, recall "
        f"{fb['slipped_into_reader_threads']['recall']}, readers flagged "
        f"{fb['slipped_into_reader_threads']['per_100_human']} per 100 "
        f"({fb['slipped_into_reader_threads']['n']} comments);",
        f"- agree-reply pages (6 pairs on each held-out Fox News article, three clocks): recall "
        f"{fb['pages']['recall']} ({fb['pages']['n']} comments).",
        "",
        "### Written threads",
        "",
        "`threads.jsonl` (`tune`: fitted on; `report`: not fitted on, but looked at during issue 10) "
        "and `heldout_threads.jsonl` (written for issue 20 before any v3 model was fitted). Of "
        "these, agree-wastewater, human-potholes and human-ferry were looked at comment by "
        "comment while the flag rule and the `echoed` signal were designed, so they are "
        "development threads now; only agree-library-hours was measured and never looked into. "
        "Agree-reply pages and human threads are run three times: times on a regular clock, "
        "irregular times, and no times. Goal: a 12-comment agree-reply page at least 10 flagged "
        "under each clock; an 8-comment human thread at most 1.",
        "",
        "| thread | split | style | times | inauthentic / comments | flagged (of them inauthentic) |",
        "|---|---|---|---|---|---|",
    ]
    for t in results["pages"]:
        lines.append(
            f"| {t['id']} | {t['split']} | {t['style']} | {t['times']} | {t['inauthentic']} / "
            f"{t['comments']} | {t['flagged']} ({t['flagged_inauthentic']}) |"
        )
    lines += [
        "",
        f"Speed: {sp['comments']} comments scored in {sp['seconds']} s wall clock "
        f"(runs: {', '.join(map(str, sp.get('runs_seconds', [sp['seconds']])))} s), "
        f"{sp['cpu_seconds']} s of CPU time, in one process on {sp['cores']} cores with a load "
        f"average of {sp['load_average']} from other work on the machine (embedding, three text "
        "models, thread signals, combiner; model loading excluded). Goal under 5 s: "
        + _goal(sp["seconds"] < 5)
        + " as measured. The CPU time is below v2's (5.83 s of CPU, 3.27 s wall at a load average "
        "of 0.3): on two idle cores the embedding runs one batch per core and the wall time is "
        "about half the CPU time, but two busy cores shared with other work could not show it.",
    ]
    if "ablation" in results:
        lines += [
            "",
            results["ablation"],
            "Reading: every text model and comment signal pays somewhere (removing it lowers a "
            "recall or the tweets or report figure, or raises reader flags). Of the thread-wide "
            "patterns, the regular clock pays on the report threads; one-reply-per-comment and "
            "uniform lengths do not pay on these columns (without them: the same figures, pages "
            "B a little higher) and are kept for now only because the flag rule pairs a tie to "
            "other comments (an echoed comment) with a thread-wide pattern, which untimed "
            "agree-reply pages need; whether they should go is open.",
        ]
    return "\n".join(lines)
