"""Data for the comment models: YouTube spam files and TweepFake, with cached embeddings.

Embedding is the slow part, so each set's all-MiniLM-L6-v2 vectors (the fast embedder the
detector runs on) are kept under
``training/.cache/`` (git-ignored) keyed by the set's name and the embedder's name.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from pathlib import Path

import numpy as np

from factdesk.model import Comment
from factdesk.models.embed import FAST_EMBEDDER_NAME, fast_embedder

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("FACTDESK_SHARED_DATA", ROOT.parent / "shared" / "data")) / "comments"
CACHE = ROOT / "training" / ".cache"
CORPORA = ROOT / "benchmarks" / "data" / "comments" / "corpora"
FOLDS = CACHE / "folds"  # the detector refitted without each YouTube file (train_comments.py)
YOUTUBE = ("Youtube01-Psy", "Youtube02-KatyPerry", "Youtube03-LMFAO", "Youtube04-Eminem")


def youtube(name: str) -> tuple[list[str], np.ndarray]:
    """Texts and labels (1 = spam) of one YouTube Spam Collection file."""
    with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["CONTENT"] for r in rows], np.array([int(r["CLASS"]) for r in rows])


def tweepfake(split: str) -> tuple[list[str], np.ndarray]:
    """Texts and labels (1 = machine-written) of TweepFake ``train``, ``validation`` or ``test``.

    Train and validation are in the shared data folder; test (never fitted on) is committed in
    benchmarks/data/comments/corpora/.
    """
    path = CORPORA / "tweepfake_test.csv" if split == "test" else DATA / f"tweepfake_{split}.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    return [r["text"] for r in rows], np.array([int(r["account.type"] == "bot") for r in rows])


def tweepfake_generators(split: str) -> list[str]:
    """Each tweet's generator in TweepFake (``human``, ``gpt2``, ``rnn``, ``others``)."""
    path = CORPORA / "tweepfake_test.csv" if split == "test" else DATA / f"tweepfake_{split}.csv"
    with path.open(encoding="utf-8") as f:
        return [r["class_type"] for r in csv.DictReader(f, delimiter=";")]


def embeddings(name: str, texts: list[str]) -> np.ndarray:
    """The texts' embeddings, from the cache when the same texts were embedded before."""
    digest = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:12]
    path = CACHE / f"{name}.{FAST_EMBEDDER_NAME}.{digest}.npy"
    if path.exists():
        return np.load(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    vectors = fast_embedder().embed(texts)
    np.save(path, vectors)
    return vectors


THREADS = ROOT / "benchmarks" / "data" / "comments" / "threads.jsonl"
HELDOUT_THREADS = ROOT / "benchmarks" / "data" / "comments" / "heldout_threads.jsonl"
NEWS = ("fox_news", "civil_comments", "c3_news_comments")


def load_corpus(name: str, split: str | None = None) -> list[tuple[str, list[Comment], str]]:
    """Real reader threads of one corpus (all human): (thread id, comments, article text)."""
    out = []
    for line in (CORPORA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        if split is None or t["split"] == split:
            comments = [Comment(**c) for c in t["comments"]]
            out.append((t["id"], comments, t.get("article_text", "")))
    return out


def load_threads(
    split: str | None = None, path: Path = THREADS
) -> list[tuple[list[Comment], np.ndarray, str]]:
    """The written threads (comments, labels 1 = inauthentic, article text), one split or all."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        if split is None or t["split"] == split:
            comments = [Comment(**c) for c in t["comments"]]
            out.append((comments, np.array(t["labels"]), t.get("article_text", "")))
    return out


def corpus_vectors(name: str) -> list[np.ndarray]:
    """Embeddings of every thread of a corpus, in ``load_corpus(name)`` order (cached as one)."""
    threads = load_corpus(name)
    texts = [c.text or " " for _, comments, _ in threads for c in comments]
    vectors = embeddings(name, texts)
    out, at = [], 0
    for _, comments, _ in threads:
        out.append(vectors[at : at + len(comments)])
        at += len(comments)
    return out


def youtube_threads(size: int) -> list[tuple[str, list[Comment], np.ndarray]]:
    """Each YouTube file in time order, cut into threads of ``size`` comments (ids: row numbers)."""
    out = []
    for name in YOUTUBE:
        with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        order = sorted(range(len(rows)), key=lambda i: rows[i]["DATE"] or "")
        for start in range(0, len(order), size):
            idx = order[start : start + size]
            comments = [
                Comment(
                    id=str(i),
                    text=rows[i]["CONTENT"],
                    author=rows[i]["AUTHOR"],
                    published=rows[i]["DATE"] or None,
                )
                for i in idx
            ]
            labels = np.array([int(rows[i]["CLASS"]) for i in idx])
            out.append((f"{name}:{start}", comments, labels))
    return out


if __name__ == "__main__":
    import time

    for n in YOUTUBE:
        t = time.time()
        embeddings(n, youtube(n)[0])
        print(n, round(time.time() - t, 1), flush=True)
    for name in NEWS:
        t = time.time()
        corpus_vectors(name)
        print(name, round(time.time() - t, 1), flush=True)
    for split in ("validation", "train", "test"):
        t = time.time()
        embeddings(f"tweepfake_{split}", tweepfake(split)[0])
        print(split, round(time.time() - t, 1), flush=True)
