"""The comment detector's text models, as train_comments.py fits them (see its docstring).

Each fit is kept in training/.cache/textmodels/ under the function's name and arguments (delete
the folder to refit), so the combiner and the held-out-file folds refit in about a minute.
"""

from __future__ import annotations

import json
import pickle
from functools import cache, lru_cache
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from comment_data import (
    CACHE,
    ROOT,
    YOUTUBE,
    corpus_vectors,
    embeddings,
    load_corpus,
    tweepfake,
    youtube,
)
from factdesk.comments.logistic import Logistic, Perceptron
from factdesk.comments.text import style_features
from factdesk.model import Comment

TEXT_C = 1.0  # inverse L2 strength of the linear text models
MLP_HIDDEN = 256
CALIBRATION_SLICE = 2000
NEWS_SHARE = 0.3  # the reader comments' share of the human side in the text models


def news_threads(half: int) -> list[tuple[list[Comment], str, np.ndarray, str]]:
    """``fit`` reader threads of Fox News and Civil Comments, every other one (half 0 or 1):
    comments, article text, embeddings and the corpus's name."""
    out = []
    for name in ("fox_news", "civil_comments"):
        vectors = corpus_vectors(name)
        threads = load_corpus(name)
        fit = [k for k in range(len(threads)) if _split(name, k) == "fit"]
        for n, k in enumerate(fit):
            if n % 2 == half:
                out.append((threads[k][1], threads[k][2], vectors[k], name))
    return out


@cache
def _splits(name: str) -> tuple[str, ...]:
    path = ROOT / "benchmarks" / "data" / "comments" / "corpora" / f"{name}.jsonl"
    return tuple(json.loads(line)["split"] for line in path.read_text("utf-8").splitlines())


def _split(name: str, k: int) -> str:
    return _splits(name)[k]


@cache
def news_text(halves: tuple[int, ...]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The reader comments of the given halves: texts, embeddings, style features."""
    if len(halves) > 1:
        parts = [news_text((h,)) for h in halves]
        return (
            [t for p in parts for t in p[0]],
            np.vstack([p[1] for p in parts]),
            np.vstack([p[2] for p in parts]),
        )
    threads = news_threads(halves[0])
    texts = [c.text for comments, _, _, _ in threads for c in comments]
    return texts, np.vstack([v for _, _, v, _ in threads]), style_features(texts)


@cache
def _yt_style(name: str) -> np.ndarray:
    return style_features(youtube(name)[0])


@lru_cache(maxsize=1)
def tweets() -> dict[str, Any]:
    """TweepFake train less the slice (texts, embeddings, style features, labels) and the slice."""
    texts, labels = tweepfake("train")
    vectors = embeddings("tweepfake_train", texts)
    order = np.random.default_rng(7).permutation(len(texts))
    slice_, rest = order[:CALIBRATION_SLICE], order[CALIBRATION_SLICE:]
    rest_texts = [texts[i] for i in rest]
    return {
        "rest": (rest_texts, vectors[rest], style_features(rest_texts), labels[rest]),
        "slice": ([texts[i] for i in slice_], vectors[slice_], labels[slice_]),
    }


def _weights(y: np.ndarray, news: np.ndarray) -> np.ndarray:
    """Balanced classes, the reader comments holding NEWS_SHARE of the human side."""
    w = np.ones(len(y))
    human = (y == 0) & ~news
    w[y == 1] = 0.5 * len(y) / (y == 1).sum()
    w[human] = 0.5 * (1 - NEWS_SHARE) * len(y) / human.sum()
    w[news] = 0.5 * NEWS_SHARE * len(y) / news.sum()
    return w


def _linear(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> Logistic:
    model = LogisticRegression(C=TEXT_C, max_iter=400).fit(x, y, sample_weight=w / w.mean())
    return Logistic(tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]))


def _on_disk(fn: Any) -> Any:
    """Keep a text model fitted for these arguments in training/.cache/textmodels/ (delete the
    folder to refit); the combiner can then be refitted in seconds."""

    @cache
    def wrapper(*args: Any) -> Any:
        path = CACHE / "textmodels" / f"{fn.__name__}.{'.'.join(map(str, args))}.pickle"
        if path.exists():
            return pickle.loads(path.read_bytes())
        path.parent.mkdir(parents=True, exist_ok=True)
        out = fn(*args)
        path.write_bytes(pickle.dumps(out))
        return out

    return wrapper


@_on_disk
def machine_models(
    halves: tuple[int, ...], files: tuple[str, ...] = YOUTUBE
) -> tuple[Perceptron, Logistic]:
    """Machine-written by meaning (a network on the embedding) and by style (linear).

    The human side: TweepFake's human tweets, the reader comments of the given halves and the
    real (not spam) comments of the given YouTube files, the last two as one share.
    """
    _, t_vectors, t_style, t_y = tweets()["rest"]
    n_texts, n_vectors, n_style = news_text(halves)
    ham = [np.flatnonzero(youtube(f)[1] == 0) for f in files]
    n_vectors = np.vstack([n_vectors, *(_yt(f)[1][h] for f, h in zip(files, ham, strict=True))])
    n_style = np.vstack([n_style, *(_yt_style(f)[h] for f, h in zip(files, ham, strict=True))])
    n_texts = n_texts + [t for f, h in zip(files, ham, strict=True) for t in np.array(_yt(f)[0])[h]]
    y = np.concatenate([t_y, np.zeros(len(n_texts))])
    news = np.r_[np.zeros(len(t_y), bool), np.ones(len(n_texts), bool)]
    w = _weights(y, news)
    # the network takes no sample weights: draw the rows in proportion to them instead
    draw = np.random.default_rng(0).choice(len(y), size=len(y), p=w / w.sum())
    x = np.vstack([t_vectors, n_vectors])
    net = MLPClassifier(
        hidden_layer_sizes=(MLP_HIDDEN,),
        alpha=1e-3,
        max_iter=60,
        early_stopping=True,
        random_state=0,
    ).fit(x[draw], y[draw])
    meaning = Perceptron(
        net.coefs_[0].astype(np.float32),
        net.intercepts_[0].astype(np.float32),
        net.coefs_[1][:, 0].astype(np.float32),
        float(net.intercepts_[1][0]),
    )
    style = _linear(np.vstack([t_style, n_style]), y, w)
    return meaning, style


@_on_disk
def spam_model(files: tuple[str, ...], halves: tuple[int, ...]) -> Logistic:
    """Spam: the given YouTube files, with the reader comments of the given halves as ham."""
    n_texts, n_vectors, n_style = news_text(halves)
    xs = [np.hstack([_yt(n)[1], _yt_style(n)]) for n in files]
    xs.append(np.hstack([n_vectors, n_style]))
    y = np.concatenate([youtube(n)[1] for n in files] + [np.zeros(len(n_texts))])
    news = np.r_[np.zeros(len(y) - len(n_texts), bool), np.ones(len(n_texts), bool)]
    return _linear(np.vstack(xs), y, _weights(y, news))


def _yt(name: str) -> tuple[list[str], np.ndarray]:
    texts = youtube(name)[0]
    return texts, embeddings(name, texts)


Models = tuple[Perceptron, Logistic, Logistic]


def models_for(files: tuple[str, ...], halves: tuple[int, ...]) -> Models:
    """The text models. Those scoring the reader threads out of fold (one half) are the same
    for every set of YouTube files: the benchmark never scores those threads."""
    machine = machine_models(halves, files) if len(halves) > 1 else machine_models(halves)
    return (*machine, spam_model(files, halves))
