"""Choose the entailment probability at which a passage supports a claim, on tuning data only.

The model is trained on sentence pairs; a claim judged against several passages of real
reporting gets lower entailment probabilities than a pair from its training sets, so the
threshold that best separates supported claims from the rest is not 0.5. This script runs the
full verdict (windows, joint reading, structured checks) for each candidate threshold on:

* the development pairs of ``nli_data`` (never trained on; the mixture of the model's
  ``data_version`` in its config.json),
* PolitiHop's claims with their annotated ruling sentences: its training split for
  nli-minilm-l6.v1 (never trained on), its validation split for v2 (which trains on the
  training split),

and records the threshold with the best mean balanced accuracy (supported vs not) in the
model's config.json as ``support_threshold``. Then, at that threshold, it fits one logistic map
per verdict label from the raw confidence to the chance the verdict is right (Platt scaling, on
the three-way sets: SNLI, FEVER, Climate-FEVER) and records it as ``verdict_calibration``,
printing the expected calibration error before and after. The measured suites
(benchmarks/verification.py) are never read here.

    python training/tune_verdict.py [--model-dir src/factdesk/verify/models/nli-minilm-l6.v1]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nli_data
from factdesk.model import Passage
from factdesk.verify import verify_text
from factdesk.verify.nli import MODEL_DIR, CachingVerifier, NLIModel

ROOT = Path(__file__).resolve().parent.parent
GRID = [round(0.2 + 0.05 * i, 2) for i in range(9)]  # 0.20 .. 0.60

Item = tuple[str, list[str], bool]  # claim, evidence passages, supported?


def politihop(data: Path, split: str) -> list[Item]:
    items = []
    path = data / "verify" / "politihop" / f"politihop_{split}.tsv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            ruling = json.loads(row["ruling"])
            chains = json.loads(row["annotated_evidence"]).values()
            ids = {
                int(i)
                for chain in chains
                for ref in chain
                for i in str(ref).split(",")
                if i.strip().isdigit()
            }
            # PolitiHop's sentence ids count from 0 (v1's threshold was chosen reading them
            # from 1, one sentence off; found in review after v1 shipped, not re-tuned).
            evidence = [ruling[i] for i in sorted(ids) if 0 <= i < len(ruling)]
            if evidence:
                items.append(
                    (row["statement"].strip('“”" '), evidence, row["annotated_label"] == "true")
                )
    return items


def pairs(data: Path, per_source: int, version: int) -> dict[str, list[Item]]:
    _, dev = nli_data.build(data, version=version)
    out: dict[str, list[Item]] = {}
    for p in dev:
        rows = out.setdefault(p.source, [])
        if len(rows) < per_source:
            rows.append((p.hypothesis, [p.premise], p.label == nli_data.ENTAIL))
    return out


def balanced_accuracy(gold: list[bool], pred: list[bool]) -> float:
    pos = sum(gold)
    tpr = sum(g and p for g, p in zip(gold, pred, strict=True)) / max(1, pos)
    tnr = sum(not g and not p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold) - pos)
    return (tpr + tnr) / 2


THREE_WAY = {nli_data.ENTAIL: "supported", nli_data.NEUTRAL: "not_enough_evidence"}
THREE_WAY[nli_data.CONTRADICT] = "refuted"


def platt(scores: list[float], right: list[bool]) -> tuple[float, float]:
    """(a, b) of p(right) = sigmoid(a * score + b), by Newton's method on the log-loss."""
    x, y = np.array(scores, dtype=float), np.array(right, dtype=float)
    a, b = 1.0, 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(a * x + b)))
        g = np.array([((p - y) * x).sum(), (p - y).sum()])
        w = p * (1 - p) + 1e-9
        h = np.array(
            [[(w * x * x).sum(), (w * x).sum()], [(w * x).sum(), w.sum()]]
        ) + 1e-6 * np.eye(2)
        a, b = np.array([a, b]) - np.linalg.solve(h, g)
    return float(a), float(b)


def ece(conf: list[float], right: list[bool], bins: int = 10) -> float:
    total = 0.0
    for k in range(bins):
        idx = [
            i for i, c in enumerate(conf) if k / bins < c <= (k + 1) / bins or (k == 0 and c == 0)
        ]
        if idx:
            gap = sum(right[i] for i in idx) / len(idx) - sum(conf[i] for i in idx) / len(idx)
            total += len(idx) / len(conf) * abs(gap)
    return total


def calibrate(
    model: CachingVerifier, data: Path, per_source: int, version: int
) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Per-label Platt maps fitted on the three-way development pairs; prints ECE."""
    _, dev = nli_data.build(data, version=version)
    taken: dict[str, int] = {}
    seen: list[tuple[str, float, bool]] = []
    for pair in dev:
        if pair.binary or taken.get(pair.source, 0) >= per_source:
            continue
        taken[pair.source] = taken.get(pair.source, 0) + 1
        passages = [Passage(source_id="e1", text=pair.premise, end=len(pair.premise))]
        verdict = verify_text(pair.hypothesis, passages, verifier=model)
        seen.append((verdict.label, verdict.confidence, verdict.label == THREE_WAY[pair.label]))
    maps = {}
    for label in sorted({lab for lab, _, _ in seen}):
        mine = [(c, r) for lab, c, r in seen if lab == label]
        if len(mine) >= 30 and 0 < sum(r for _, r in mine) < len(mine):
            maps[label] = list(platt([c for c, _ in mine], [r for _, r in mine]))
    before = ece([c for _, c, _ in seen], [r for _, _, r in seen])
    after_conf = [
        1 / (1 + math.exp(-(maps[lab][0] * c + maps[lab][1]))) if lab in maps else c
        for lab, c, _ in seen
    ]
    after = ece(after_conf, [r for _, _, r in seen])
    print(f"verdict calibration on {len(seen)} claims: ECE {before:.3f} -> {after:.3f}", flush=True)
    maps_out = {k: [round(v[0], 4), round(v[1], 4)] for k, v in maps.items()}
    return maps_out, {
        "claims": len(seen),
        "ece_before": round(before, 4),
        "ece_after": round(after, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--per-source", type=int, default=300)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    config = json.loads((args.model_dir / "config.json").read_text(encoding="utf-8"))
    version = int(config.get("data_version", 1))
    # v1 never trained on PolitiHop and was tuned on its training split; v2 trains on that split
    # and is tuned on the validation split.
    split = "valid" if version >= 2 else "train"
    # (v2's development pairs hold a few PolitiHop chains too; the split read here replaces them)
    sets = pairs(args.data, args.per_source, version) | {"politihop": politihop(args.data, split)}
    model = CachingVerifier(NLIModel(args.model_dir))
    model.verdict_calibration = {}  # raw confidences: the calibration is what is fitted here
    table: dict[float, dict[str, float]] = {}
    for threshold in GRID:
        model.support_threshold = threshold
        table[threshold] = {}
        for name, items in sets.items():
            pred = []
            for claim, evidence, _ in items:
                passages = [
                    Passage(source_id=f"e{i}", text=t, end=len(t)) for i, t in enumerate(evidence)
                ]
                pred.append(verify_text(claim, passages, verifier=model).label == "supported")
            table[threshold][name] = balanced_accuracy([s for _, _, s in items], pred)
        mean = sum(table[threshold].values()) / len(sets)
        table[threshold]["mean"] = mean
        scores = " ".join(f"{k} {v:.3f}" for k, v in table[threshold].items())
        print(f"threshold {threshold:.2f}: {scores}", flush=True)
    best = max(GRID, key=lambda t: table[t]["mean"])
    print(f"best support threshold {best:.2f} (mean balanced accuracy {table[best]['mean']:.3f})")
    model.support_threshold = best
    calibration, fit = calibrate(model, args.data, args.per_source, version)
    if not args.no_write:
        path = args.model_dir / "config.json"
        config = json.loads(path.read_text(encoding="utf-8"))
        config["support_threshold"] = best
        config["verdict_calibration"] = calibration
        config["verdict_calibration_fit"] = fit
        config["support_tuning"] = {
            "sets": {k: len(v) for k, v in sets.items()},
            "balanced_accuracy": {f"{t:.2f}": round(table[t]["mean"], 4) for t in GRID},
        }
        path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
