"""The BENCHMARKS.md section for benchmarks/comments.py: what each figure is measured on."""

from __future__ import annotations

from typing import Any

NEWS = {
    "fox_news": "Fox News, 5 held-out articles (MIT)",
    "civil_comments": "Civil Comments, ids divisible by 4 (CC0)",
    "c3_news_comments": "C3 / SOCC Globe and Mail, 73 articles (CC BY-NC-SA, never trained on)",
}


# v4 against v3: what changed, and v3's figures on the same sets, for comparison.
V4_NOTE = [
    "### v4 against v3",
    "",
    "comments-minilm-lr.v4 keeps v3's text models and changes the combiner and the flag rule: "
    "(1) the machine-text logits are scaled by the comment's length over six words, at most 1 "
    "(a few words say little about who wrote them); (2) a text model counts towards a flag's two "
    "signals only where its logit is at least 0.5 (62%), not at any reading over a half; (3) the "
    "hand-written `tune` threads weigh 5% of the combiner's mixture, not 10%. Each was chosen on "
    "training data (Fox News `fit` readers scored out of fold, the model card's "
    "`fit_readers_flagged_per_100`: 4.41 flagged per 100 with v3, 3.20 with v4; Civil Comments "
    "`fit` 0.56) and validation never fitted on (the ablation's columns: family-B pages found "
    "0.669 -> 0.770, TweepFake validation 0.730 -> 0.737, report threads 0.767 -> 0.752); the "
    "held-out figures above were measured once, after.",
    "",
    "v3 on the same sets: Fox News 2.53, Civil Comments 0.47, C3 1.72 flagged per 100; YouTube "
    "0.923 / 0.940 / 0.915 / 0.934; TweepFake test 0.734; family B slipped in: recall 0.582, "
    "readers 1.56 per 100; family-B pages 0.95; agree-library-hours 11 / 9 / 9 flagged "
    "(regular / irregular / no times). The cost: family B slipped into reader threads is found "
    "less often (recall 0.582 -> 0.507), KatyPerry 0.940 -> 0.929 (still met), and one more "
    "reader of the mixed-pool thread is flagged (5 flags, 2 of them farm). The written human "
    "threads, all clocks together: 16 flags with v3, 12 with v4 (the most on one 8-comment "
    "thread: human-ferry, 2 with a regular clock, as with v3).",
]


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
        "The Civil Comments held-out part was looked at while v3's signals were chosen (the "
        "ablation below); nothing in v4 was chosen on it. Fox News held-out and C3 were only "
        "measured.",
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
        "v4 was chosen without looking at any of them (on training data and family-B pages). "
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
        + " as measured (best of three; v4 adds no model, only a length scaling). On two idle "
        "cores the embedding runs one batch per core and the wall time is about half the CPU "
        "time; cores shared with other work show less of that.",
    ]
    lines += ["", *V4_NOTE]
    if "ablation" in results:
        lines += [
            "",
            results["ablation"],
            "Reading (v4): the text models, the reply signals (stock opener, restates its parent, "
            "echoed, one reply per comment), near-copies, pivots, praise and promotion each pay "
            "on some column. The regular clock does not (without it: pages B 0.801, the rest "
            "within 0.001), and personal detail only a little (without it: readers 0.40 per 100, "
            "pages B 0.763); both are kept because these columns are small (about 1,500 readers, "
            "200 page comments) and the readers column is Civil Comments held-out, which no v4 "
            "choice was made on; whether they should go is open.",
        ]
    return "\n".join(lines)
