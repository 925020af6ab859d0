"""Ablate the combiner: refit it without each signal in turn and measure on validation data.

Fitting data: the mixture of ``train_comments.combiner_blocks``. Validation (never fitted on):
the Civil Comments ``heldout`` threads, a third with farm family B slipped in; family-B
agree-reply pages on the same threads' neighbours under three clocks; TweepFake validation, each
tweet alone; the ``report`` written threads. Fox News held-out, C3 and TweepFake test are left
for the benchmark. Prints a Markdown table (also kept in training/.cache/ablation.md).

    PYTHONPATH=src python training/ablate_comments.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from comment_data import (
    CACHE,
    YOUTUBE,
    corpus_vectors,
    embeddings,
    load_corpus,
    load_threads,
    tweepfake,
)
from factdesk.comments import FEATURES
from factdesk.model import Comment
from farm_data import agree_page, slip_in, with_times
from text_models import _split, models_for
from train_comments import combiner_blocks, fit_combiner, flags, rows


def validation() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Rows and labels of each validation set, scored by the shipped text models."""
    rng = np.random.default_rng(5)
    models = models_for(YOUTUBE, (0, 1))
    readers: list[tuple[np.ndarray, np.ndarray]] = []
    pages: list[tuple[np.ndarray, np.ndarray]] = []
    threads = load_corpus("civil_comments")
    vectors = corpus_vectors("civil_comments")
    held = [k for k in range(len(threads)) if _split("civil_comments", k) == "heldout"]
    for n, k in enumerate(held):
        _, comments, article = threads[k]
        labels = np.zeros(len(comments))
        v = vectors[k]
        if n % 3 == 0:
            comments, lab = slip_in(comments, "B", rng, f"v{n}")
            labels, v = np.array(lab, float), embeddings("thread", [c.text for c in comments])
        comments = with_times(comments, str(rng.choice(["none", "irregular"])), rng)
        readers.append((rows(comments, article, v, models), labels))
        if n % 5 == 0:
            for mode in ("regular", "irregular", "none"):
                page = with_times(
                    agree_page(" ".join(c.text for c in comments[:6]), "B", 6, rng, f"vp{n}"),
                    mode,
                    rng,
                )
                vp = embeddings("thread", [c.text for c in page])
                pages.append((rows(page, "", vp, models), np.ones(len(page))))
    texts, y = tweepfake("validation")
    tv = embeddings("tweepfake_validation", texts)
    tweets = np.vstack(
        [rows([Comment(id="t", text=t)], "", tv[i : i + 1], models) for i, t in enumerate(texts)]
    )
    written = [
        (rows(c, a, embeddings("thread", [x.text for x in c]), models), lab.astype(float))
        for c, lab, a in load_threads("report")
    ]
    stack = lambda parts: (np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))  # noqa: E731
    return {
        "readers": stack(readers),
        "pages_B": stack(pages),
        "tweets": (tweets, y.astype(float)),
        "report": stack(written),
    }


def measure(keep: list[int], blocks: list, val: dict) -> dict[str, float]:  # type: ignore[type-arg]
    model, threshold = fit_combiner(blocks, keep)
    out: dict[str, float] = {"threshold": threshold}
    for name, (x, y) in val.items():
        f = flags(model, x, threshold)
        if name == "readers":
            out["readers per 100"] = round(100 * float(f[y == 0].mean()), 2)
            out["slipped B recall"] = round(float(f[y == 1].mean()), 3)
        elif name == "pages_B":
            out["pages B recall"] = round(float(f.mean()), 3)
        else:
            out[f"{name} BA"] = round(0.5 * float(f[y == 1].mean() + (~f[y == 0]).mean()), 3)
    return out


def main() -> None:
    blocks = combiner_blocks(YOUTUBE)
    val = validation()
    everything = list(range(len(FEATURES)))
    results = {"(all signals)": measure(everything, blocks, val)}
    for k, name in enumerate(FEATURES):
        results[f"without {name}"] = measure([j for j in everything if j != k], blocks, val)
    cols = list(results["(all signals)"])
    lines = ["| combiner | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    lines += [
        f"| {name} | " + " | ".join(str(r[c]) for c in cols) + " |" for name, r in results.items()
    ]
    table = "\n".join(lines)
    print(table)
    (CACHE / "ablation.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
