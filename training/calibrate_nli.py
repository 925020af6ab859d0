"""Fit the entailment model's temperature on held-out pairs and record it in its config.

Temperature scaling divides the logits by T before the softmax; T is chosen to minimise the
negative log-likelihood on the development pairs of nli_data (never used for training). Prints
the expected calibration error (10 bins, top-label) before and after.

    python training/calibrate_nli.py [--model-dir src/factdesk/verify/models/nli-minilm-l6.v1]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nli_data
from factdesk.verify.nli import MODEL_DIR, NLIModel

ROOT = Path(__file__).resolve().parent.parent


def _probs(logits: np.ndarray, t: float) -> np.ndarray:
    z = logits / t
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def ece(probs: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    conf, pred = probs.max(axis=1), probs.argmax(axis=1)
    total = 0.0
    for b in range(bins):
        mask = (conf > b / bins) & (conf <= (b + 1) / bins)
        if mask.any():
            total += mask.mean() * abs((pred[mask] == labels[mask]).mean() - conf[mask].mean())
    return float(total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    config = json.loads((args.model_dir / "config.json").read_text(encoding="utf-8"))
    _, dev = nli_data.build(args.data, version=int(config.get("data_version", 1)))
    dev = [p for p in dev if not p.binary]  # three-way labels only
    model = NLIModel(args.model_dir, temperature=1.0)
    logits = model.logits([(p.premise, p.hypothesis) for p in dev])
    labels = np.array([p.label for p in dev])
    order = [model.labels.index(k) for k in nli_data.LABELS]
    logits = logits[:, order]
    best_t, best_nll = 1.0, float("inf")
    for t in np.arange(0.5, 3.01, 0.05):
        probs = _probs(logits, float(t))
        nll = float(-np.log(probs[np.arange(len(labels)), labels] + 1e-12).mean())
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    before, after = ece(_probs(logits, 1.0), labels), ece(_probs(logits, best_t), labels)
    accuracy = float((logits.argmax(axis=1) == labels).mean())
    config_path = args.model_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["temperature"] = round(best_t, 2)
    config["calibration"] = {
        "pairs": len(dev),
        "accuracy": round(accuracy, 4),
        "ece_before": round(before, 4),
        "ece_after": round(after, 4),
    }
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(
        f"{len(dev)} dev pairs: accuracy {accuracy:.3f}, temperature {best_t:.2f}, ECE {before:.3f} -> {after:.3f}"
    )


if __name__ == "__main__":
    main()
