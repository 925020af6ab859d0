"""Train the comment model (comments-minilm-lr.v2) and write its weights.

* machine-written text: logistic regression on TweepFake train (less a 2,000-tweet slice kept
  for the combiner), over text_features (embedding, surface features, hashed char n-grams);
* spam: the same features on all four YouTube Spam Collection files; the combiner sees only
  leave-one-file-out predictions;
* combiner: logistic regression over the text models' logits and the thread signals, fitted on
  the ``tune`` threads of benchmarks/data/comments/threads.jsonl, the held-out TweepFake slice
  and the YouTube files cut into threads of 40 comments (weighed as GROUP_WEIGHTS says). The
  ``report`` threads and TweepFake validation are never used here.

    PYTHONPATH=src python training/train_comments.py     # about 20 min on 2 cores, mostly embedding
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from comment_data import (
    ROOT,
    YOUTUBE,
    embeddings,
    load_threads,
    tweepfake,
    youtube,
    youtube_threads,
)
from factdesk.comments import FEATURES, MODEL_NAME, MODEL_PATH, _clip_logit
from factdesk.comments.logistic import Logistic, fit_logistic
from factdesk.comments.text import HASH_DIMENSIONS, SURFACE_NAMES, text_features
from factdesk.comments.thread import SIGNALS, thread_signals
from factdesk.model import Comment
from factdesk.models.embed import FAST_EMBEDDER_NAME, fast_embedder

MACHINE_L2 = 1.0
SPAM_L2 = 1.0
COMBINER_L2 = 1.0
CALIBRATION_SLICE = 2000
# The written threads are the comment sections the detector is for; tweets and YouTube comments
# teach the combiner how far to trust the two text models.
GROUP_WEIGHTS = {"threads": 0.5, "tweepfake": 0.25, "youtube": 0.25}


def balanced_accuracy(y: np.ndarray, p: np.ndarray) -> float:
    pred = p >= 0.5
    return float(0.5 * (pred[y == 1].mean() + (~pred[y == 0]).mean()))


def spam_models() -> tuple[Logistic, dict[str, np.ndarray], dict[str, float]]:
    """The final spam model, each file's out-of-file logits, and each held-out file's BA."""
    data = {n: youtube(n) for n in YOUTUBE}
    feats = {n: text_features(data[n][0], embeddings(n, data[n][0])) for n in YOUTUBE}
    held_logits, held_ba = {}, {}
    for held in YOUTUBE:
        rest = [n for n in YOUTUBE if n != held]
        model = fit_logistic(
            np.vstack([feats[n] for n in rest]),
            np.concatenate([data[n][1] for n in rest]),
            l2=SPAM_L2,
            balanced=True,
        )
        held_logits[held] = model.logits(feats[held])
        held_ba[held] = balanced_accuracy(data[held][1], model.predict(feats[held]))
    final = fit_logistic(
        np.vstack([feats[n] for n in YOUTUBE]),
        np.concatenate([data[n][1] for n in YOUTUBE]),
        l2=SPAM_L2,
        balanced=True,
    )
    return final, held_logits, held_ba


def machine_model() -> tuple[Logistic, np.ndarray, np.ndarray, list[str]]:
    """The machine-text model, and the held-back slice's rows, labels and texts."""
    texts, labels = tweepfake("train")
    feats = text_features(texts, embeddings("tweepfake_train", texts))
    order = np.random.default_rng(7).permutation(len(texts))
    slice_, rest = order[:CALIBRATION_SLICE], order[CALIBRATION_SLICE:]
    model = fit_logistic(feats[rest], labels[rest], l2=MACHINE_L2, balanced=True)
    return model, feats[slice_], labels[slice_], [texts[i] for i in slice_]


def thread_rows(
    comments: list[Comment],
    article: str,
    vectors: np.ndarray,
    machine: np.ndarray,
    spam: np.ndarray,
) -> np.ndarray:
    signals = thread_signals(comments, vectors.astype(np.float32), article)
    values = np.array([[s.values[k] for k in SIGNALS] for s in signals])
    return np.column_stack([_clip_logit(machine), _clip_logit(spam), values])


NEGATIVE = {"personal"}  # evidence of a real person; every other signal points to inauthenticity


def fit_signed(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> Logistic:
    """The combiner, with each weight kept to the sign its signal stands for.

    A signal whose fitted weight comes out the wrong way (an artefact of a few dozen written
    comments, say) is dropped and the rest refitted, until every sign is right.
    """
    keep = list(range(x.shape[1]))
    while True:
        model = fit_logistic(x[:, keep], y, l2=COMBINER_L2, sample_weight=weight)
        wrong = [
            k
            for k, c in zip(keep, model.coef, strict=True)
            if (c > 0) == (FEATURES[k] in NEGATIVE) and c != 0
        ]
        if not wrong:
            coef = np.zeros(x.shape[1])
            coef[keep] = model.coef
            return Logistic(tuple(float(c) for c in coef), model.intercept)
        keep.remove(min(wrong, key=lambda k: -abs(model.coef[keep.index(k)])))


def main() -> None:
    start = time.time()
    spam, yt_logits, yt_ba = spam_models()
    print(
        "spam, held-out file balanced accuracy:",
        {k: round(v, 3) for k, v in yt_ba.items()},
        flush=True,
    )
    machine, slice_x, slice_y, _ = machine_model()
    val_texts, val_y = tweepfake("validation")
    val_x = text_features(val_texts, embeddings("tweepfake_validation", val_texts))
    val_ba = balanced_accuracy(val_y, machine.predict(val_x))
    print(f"machine, TweepFake validation balanced accuracy: {val_ba:.3f}", flush=True)

    blocks: list[tuple[np.ndarray, np.ndarray, str]] = []
    tweets = np.column_stack(
        [
            _clip_logit(machine.logits(slice_x)),
            _clip_logit(spam.logits(slice_x)),
            np.zeros((len(slice_y), len(SIGNALS))),
        ]
    )
    blocks.append((tweets, slice_y, "tweepfake"))
    for name, comments, labels in youtube_threads(40):
        file = name.split(":")[0]
        ids = [int(c.id) for c in comments]
        texts = [c.text for c in comments]
        vectors = embeddings(file, youtube(file)[0])[ids]
        rows = text_features(texts, vectors)
        # the spam logits come from the model that never saw this file
        logits = yt_logits[file][ids]
        blocks.append(
            (thread_rows(comments, "", vectors, machine.logits(rows), logits), labels, "youtube")
        )
    embedder = fast_embedder()
    for thread in load_threads("tune"):
        comments, labels, article = thread
        texts = [c.text for c in comments]
        vectors = embedder.embed(texts)
        rows = text_features(texts, vectors)
        blocks.append(
            (
                thread_rows(comments, article, vectors, machine.logits(rows), spam.logits(rows)),
                labels,
                "threads",
            )
        )
    x = np.vstack([b[0] for b in blocks])
    y = np.concatenate([b[1] for b in blocks])
    group = np.concatenate([[b[2]] * len(b[1]) for b in blocks])
    weight = np.ones(len(y))
    for g, share in GROUP_WEIGHTS.items():
        weight[group == g] = share * len(y) / (group == g).sum()
    combiner = fit_signed(x, y, weight)
    for g in ("tweepfake", "youtube", "threads"):
        mask = group == g
        print(
            f"combiner fit, {g}: balanced accuracy {balanced_accuracy(y[mask], combiner.predict(x[mask])):.3f}"
        )
    print(
        "combiner weights:", dict(zip(FEATURES, (round(c, 2) for c in combiner.coef), strict=True))
    )
    out = {
        "name": MODEL_NAME,
        "embedder": FAST_EMBEDDER_NAME,
        "features": {
            "text": ["embedding"] * 384 + SURFACE_NAMES + [f"char_ngram_{HASH_DIMENSIONS}"],
            "combiner": list(FEATURES),
        },
        "machine": machine.to_dict()
        | {"trained_on": "TweepFake train less 2,000 tweets", "l2": MACHINE_L2},
        "spam": spam.to_dict()
        | {"trained_on": "YouTube Spam Collection files 01-04", "l2": SPAM_L2},
        "combiner": combiner.to_dict()
        | {
            "trained_on": "tune threads, 2,000 TweepFake train tweets, YouTube files as 40-comment threads"
        },
        "metrics": {
            "spam_held_out_file_balanced_accuracy": {k: round(v, 4) for k, v in yt_ba.items()},
            "machine_tweepfake_validation_balanced_accuracy": round(val_ba, 4),
        },
    }
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(json.dumps(out) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
