"""Inauthentic comments (issue 10): spam, machine-written text, written threads, speed.

* Spam: the spam text model retrained with each YouTube Spam Collection file (01-04, one video
  each) held out in turn, measured on the held-out file.
* Machine-written text: the shipped model on TweepFake validation (never trained on), each tweet
  judged alone.
* Threads: the whole detector (comments-minilm-lr.v2) on benchmarks/data/comments/threads.jsonl.
  The combiner was fitted on the ``tune`` threads; only the ``report`` threads are unseen.
* Speed: 1,000 comments (TweepFake validation tweets as 20 threads of 50, every other one a
  reply) scored end to end, embedding included, model loading excluded.

    PYTHONPATH=src python benchmarks/comments.py [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

from _common import write_section
from comment_data import embeddings, load_threads, tweepfake
from factdesk.comments import MODEL_NAME, default_model
from factdesk.comments.text import text_features
from factdesk.model import Comment
from train_comments import spam_models


def rates(y: np.ndarray, flagged: np.ndarray) -> dict[str, float]:
    """Precision, recall and balanced accuracy of ``flagged`` against labels ``y`` (1 = positive)."""
    tp = int((flagged & (y == 1)).sum())
    fp = int((flagged & (y == 0)).sum())
    recall = tp / max(int((y == 1).sum()), 1)
    specificity = float((~flagged[y == 0]).mean()) if (y == 0).any() else float("nan")
    return {
        "precision": round(tp / max(tp + fp, 1), 3),
        "recall": round(recall, 3),
        "balanced_accuracy": round(0.5 * (recall + specificity), 3),
        "n": len(y),
    }


def spam() -> dict[str, Any]:
    _, _, held_ba = spam_models()
    return {name: round(ba, 3) for name, ba in held_ba.items()}


def machine_text() -> dict[str, Any]:
    model = default_model()
    texts, y = tweepfake("validation")
    p = model.machine.predict(text_features(texts, embeddings("tweepfake_validation", texts)))
    return rates(y, p >= 0.5)


def threads() -> dict[str, Any]:
    model = default_model()
    out: dict[str, Any] = {"threads": []}
    by_split: dict[str, tuple[list[int], list[bool]]] = {"tune": ([], []), "report": ([], [])}
    lines = (Path(__file__).parent / "data" / "comments" / "threads.jsonl").read_text("utf-8")
    meta = [json.loads(line) for line in lines.splitlines()]
    for (comments, labels, article), m in zip(load_threads(), meta, strict=True):
        result = model.score(comments, article)
        flagged = [bool(i.flags) for i in result.items]
        by_split[m["split"]][0].extend(labels.tolist())
        by_split[m["split"]][1].extend(flagged)
        out["threads"].append(
            {
                "id": m["id"],
                "split": m["split"],
                "style": m["style"],
                "machine": int(labels.sum()),
                "comments": len(labels),
                "flagged": sum(flagged),
                "thread_score": result.inauthentic_score,
            }
        )
    for split, (y, f) in by_split.items():
        out[split] = rates(np.array(y), np.array(f))
    return out


def speed() -> dict[str, Any]:
    model = default_model()
    texts, _ = tweepfake("validation")
    batch = []
    for t in range(20):
        chunk = texts[t * 50 : (t + 1) * 50]
        batch.append(
            [
                Comment(id=f"{t}-{i}", text=x, parent_id=f"{t}-{i - 1}" if i % 2 else None)
                for i, x in enumerate(chunk)
            ]
        )
    model.score(batch[0][:5])  # loads the embedder
    start, cpu = time.perf_counter(), time.process_time()
    for comments in batch:
        model.score(comments)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    load = os.getloadavg()[0]
    return {
        "comments": 1000,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "cores": os.cpu_count(),
        "load_average": round(load, 1),
    }


def run() -> dict[str, Any]:
    return {
        "model": MODEL_NAME,
        "spam_held_out_file": spam(),
        "tweepfake_validation": machine_text(),
        "threads": threads(),
        "speed": speed(),
    }


def _table(results: dict[str, Any]) -> str:
    spam_ba = results["spam_held_out_file"]
    tw = results["tweepfake_validation"]
    th = results["threads"]
    sp = results["speed"]
    lines = [
        "## Inauthentic comments (issue 10)",
        "",
        f"Model `{results['model']}`. Command: `PYTHONPATH=src python benchmarks/comments.py` "
        "(train first with `PYTHONPATH=src python training/train_comments.py`).",
        "",
        "What each figure is measured on: the spam model is retrained with one YouTube Spam "
        "Collection file (one video) held out at a time and measured on that file; the machine-text "
        "model (trained on TweepFake train) on TweepFake validation, one tweet at a time; the whole "
        "detector (text models, thread signals, combiner; flag at 0.6) on the threads in "
        "`benchmarks/data/comments/threads.jsonl`, written for this benchmark. The combiner and the "
        "0.6 line were fitted on the `tune` threads only; the `report` threads were never fitted on, "
        "though their figures were looked at during development (after that, only the tune threads, "
        "the example page and the reason texts drove changes). A comment counts as flagged when "
        "it gets any flag; "
        "the labels (inauthentic or not) are the thread writer's: machine-written, spam or coordinated comments count as inauthentic.",
        "",
        "| set | what is measured | precision | recall | balanced accuracy |",
        "|---|---|---|---|---|",
    ]
    for name, ba in spam_ba.items():
        lines.append(
            f"| YouTube {name} (held out, spam model trained on the other 3 files) | spam | | | {ba} |"
        )
    lines.append(
        f"| TweepFake validation ({tw['n']} tweets, never trained on, each judged alone) | machine-written "
        f"| {tw['precision']} | {tw['recall']} | {tw['balanced_accuracy']} |"
    )
    for split in ("report", "tune"):
        r = th[split]
        note = "unseen by the combiner" if split == "report" else "the combiner was fitted on these"
        lines.append(
            f"| written threads, `{split}` ({r['n']} comments, {note}) | inauthentic comment "
            f"| {r['precision']} | {r['recall']} | {r['balanced_accuracy']} |"
        )
    lines += [
        "",
        "| thread | split | style | inauthentic / comments | flagged | thread score |",
        "|---|---|---|---|---|---|",
    ]
    for t in th["threads"]:
        lines.append(
            f"| {t['id']} | {t['split']} | {t['style']} | {t['machine']} / {t['comments']} "
            f"| {t['flagged']} | {t['thread_score']} |"
        )
    lines += [
        "",
        f"Speed: {sp['comments']} comments scored in {sp['seconds']} s wall clock, "
        f"{sp['cpu_seconds']} s of CPU time, on {sp['cores']} cores with a load average of "
        f"{sp['load_average']} from other work on the machine (embedding, both text models, thread "
        "signals and combiner; model loading excluded). The goal is under 5 s on 2 cores: "
        + ("met. " if sp["seconds"] < 5 else "not met. ")
        + "The embedding runs on the fast embedder (integer matrix products, "
        "training/quantize_embedder.py), one text per batch, one batch per core; the model "
        "was trained on the same vectors. Before (packaged embedder, batches of 16): about 16 s "
        "of CPU per 1,000.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-write", action="store_true", help="print, do not update BENCHMARKS.md"
    )
    args = parser.parse_args()
    results = run()
    print(json.dumps(results, indent=1))
    if not args.no_write:
        write_section("inauthentic-comments", _table(results))


if __name__ == "__main__":
    main()
