"""Train the check-worthiness model (checkworthy-minilm-lr.v1) and measure it.

Logistic regression on all-MiniLM-L6-v2 embeddings plus surface features
(factdesk.claims.checkworthy.features), trained on ClaimBuster (kfold_25ncs) and the CLEF
CheckThat! 2019 task 1 training debates except six held-out debates. Reports:

* MAP on the six held-out CLEF 2019 debates (the 2019 task's measure; best official run 0.166
  on the official test debates, which are not in the data folder);
* F1 of the check-worthy class on ClaimBuster, 5-fold cross-validation.

    pip install -e '.[train]'    # scikit-learn comes with it
    python training/train_checkworthy.py
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score

from factdesk.claims.checkworthy import MODEL_NAME, MODEL_PATH, SURFACE_NAMES, features
from factdesk.models.embed import EMBEDDER_NAME, default_embedder

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "checkworthy"
HELD_OUT = (
    "20170928_trump_tax",
    "20180916_trump_miami",
    "20180926_un_press",
    "20181010_medicare",
    "20181112_trump_pelosi",
    "20190108_oval_office",
)


def claimbuster() -> tuple[list[str], list[int]]:
    rows = json.loads((DATA / "claimbuster_kfold_25ncs.json").read_text(encoding="utf-8"))
    return [r["text"] for r in rows], [int(r["label"]) for r in rows]


def clef2019() -> dict[str, tuple[list[str], list[int]]]:
    debates = {}
    for path in sorted((DATA / "clef2019_task1" / "training").glob("*.tsv")):
        texts, labels = [], []
        with path.open(encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 4 and row[-1].strip() in {"0", "1"}:
                    texts.append(row[2])
                    labels.append(int(row[-1]))
        debates[path.stem] = (texts, labels)
    return debates


def fit(x: np.ndarray, y: np.ndarray) -> LogisticRegression:
    model = LogisticRegression(C=0.5, class_weight="balanced", max_iter=2000)
    model.fit(x, y)
    return model


def main() -> None:
    embedder = default_embedder()
    cb_text, cb_y = claimbuster()
    debates = clef2019()
    train_debates = [d for d in debates if d not in HELD_OUT]
    print(
        f"ClaimBuster {len(cb_text)}, CLEF train debates {len(train_debates)}, held out {len(HELD_OUT)}",
        flush=True,
    )
    cache: dict[str, np.ndarray] = {}

    def feats(texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            for t, row in zip(missing, features(missing, embedder), strict=True):
                cache[t] = row
        return np.stack([cache[t] for t in texts])

    clef_train_text = [t for d in train_debates for t in debates[d][0]]
    clef_train_y = [y for d in train_debates for y in debates[d][1]]
    x_cb, y_cb = feats(cb_text), np.array(cb_y)
    x_clef, y_clef = feats(clef_train_text), np.array(clef_train_y)

    # ClaimBuster: 5-fold cross-validation (CLEF training debates always in the training part).
    order = list(range(len(cb_text)))
    random.Random(5).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    f1s = []
    for k, test in enumerate(folds):
        test_set = set(test)
        train = [i for i in order if i not in test_set]
        model = fit(np.vstack([x_cb[train], x_clef]), np.concatenate([y_cb[train], y_clef]))
        pred = model.predict(x_cb[test])
        f1s.append(f1_score(y_cb[test], pred))
        print(f"ClaimBuster fold {k}: F1 {f1s[-1]:.3f}", flush=True)

    # Final model on everything but the held-out debates; MAP on those.
    model = fit(np.vstack([x_cb, x_clef]), np.concatenate([y_cb, y_clef]))
    aps = {}
    for name in HELD_OUT:
        texts, labels = debates[name]
        scores = model.predict_proba(feats(texts))[:, 1]
        aps[name] = float(average_precision_score(labels, scores)) if sum(labels) else 0.0
    mean_ap = float(np.mean(list(aps.values())))
    print(f"CLEF 2019 held-out MAP {mean_ap:.3f}: {aps}", flush=True)

    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(
        json.dumps(
            {
                "name": MODEL_NAME,
                "embedder": EMBEDDER_NAME,
                "features": [f"emb{i}" for i in range(384)] + SURFACE_NAMES,
                "coef": [round(float(c), 6) for c in model.coef_[0]],
                "intercept": round(float(model.intercept_[0]), 6),
                "metrics": {
                    "claimbuster_5fold_f1_mean": round(float(np.mean(f1s)), 4),
                    "claimbuster_5fold_f1": [round(float(f), 4) for f in f1s],
                    "clef2019_heldout_map": round(mean_ap, 4),
                    "clef2019_heldout_ap": {k: round(v, 4) for k, v in aps.items()},
                },
                "training": {
                    "claimbuster": len(cb_text),
                    "clef2019_debates": train_debates,
                    "held_out": list(HELD_OUT),
                },
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
