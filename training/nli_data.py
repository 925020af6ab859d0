"""Training and validation pairs for factdesk's entailment model, from ../shared/data.

Only licence-compatible sets are used for training (SNLI, MultiNLI, FEVER, Climate-FEVER). The
NC sets (ANLI, SICK, AVeriTeC) are never read here. Claims that appear in the FEVER-Symmetric
sets are removed from the FEVER training rows, so that benchmark stays unseen. Climate-FEVER
claims whose id is divisible by 5 are held out for measuring.

Labels: 0 entailment, 1 neutral, 2 contradiction; ``binary`` rows only know entailment (0)
versus not (1), and are trained on p(entailment) against p(neutral) + p(contradiction).
"""

from __future__ import annotations

import ast
import csv
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ENTAIL, NEUTRAL, CONTRADICT = 0, 1, 2
LABELS = ("entailment", "neutral", "contradiction")


@dataclass(frozen=True, slots=True)
class Pair:
    premise: str
    hypothesis: str
    label: int
    binary: bool
    source: str


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _detok(text: str) -> str:
    """FEVER's Wikipedia sentences are tokenised ("Paris , France ."): undo the common cases."""
    text = re.sub(r" ([,.;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return (
        text.replace(" 's", "'s")
        .replace("-LRB-", "(")
        .replace("-RRB-", ")")
        .replace("-LSB-", "[")
        .replace("-RSB-", "]")
        .replace(" n't", "n't")
    )


def snli(data: Path) -> list[Pair]:
    out = []
    names = {"entailment": ENTAIL, "neutral": NEUTRAL, "contradiction": CONTRADICT}
    for split in ("dev", "test"):
        folder = data / "nli" / "snli"
        s1 = (folder / f"s1.{split}").read_text(encoding="utf-8").splitlines()
        s2 = (folder / f"s2.{split}").read_text(encoding="utf-8").splitlines()
        labels = (folder / f"labels.{split}").read_text(encoding="utf-8").splitlines()
        for p, h, y in zip(s1, s2, labels, strict=True):
            if y.strip() in names:
                out.append(
                    Pair(_detok(p.strip()), _detok(h.strip()), names[y.strip()], False, "snli")
                )
    return out


def mnli_binary(data: Path) -> list[Pair]:
    out = []
    for name in ("binary-MNLI_dev.txt", "binary-MNLI_test.txt"):
        for line in (data / "nli" / "mnli_binary" / name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 3:
                continue
            label, premise, hypothesis = parts
            y = ENTAIL if label == "entailment" else 1
            out.append(Pair(premise.strip(), hypothesis.strip(), y, True, "mnli"))
    return out


def _symmetric_claims(data: Path) -> tuple[set[str], set[str]]:
    ids, claims = set(), set()
    for name in ("fever_symmetric_dev.jsonl", "fever_symmetric_generated_v0.1.jsonl"):
        for line in (
            (data / "verify" / "fever_symmetric" / name).read_text(encoding="utf-8").splitlines()
        ):
            row = json.loads(line)
            ids.add(str(row.get("id", "")))
            claims.add(_norm(row.get("claim", "")))
    return ids, claims


def _topic(claim: str) -> str:
    words = [w for w in claim.split() if w.lower() not in {"the", "a", "an", "there"}]
    return (words or claim.split() or [""])[0].lower()


def fever(data: Path, rng: random.Random) -> list[Pair]:
    held_ids, held_claims = _symmetric_claims(data)
    rows = []
    for name in ("eval_data_vanilla.csv", "test_data_vanilla.csv"):
        with (data / "nli" / "fever_ggkorn" / name).open(encoding="utf-8") as handle:
            rows.extend(csv.DictReader(handle))
    rows = [r for r in rows if r["id"] not in held_ids and _norm(r["claim"]) not in held_claims]
    by_topic: dict[str, list[str]] = defaultdict(list)
    evidence_of: dict[int, str] = {}
    for i, row in enumerate(rows):
        try:
            sentences = ast.literal_eval(row["evidence"]) if row["evidence"] else []
        except (ValueError, SyntaxError):
            sentences = []
        if sentences:
            evidence_of[i] = " ".join(_detok(s) for s in sentences[:3])
            by_topic[_topic(row["claim"])].append(evidence_of[i])
    every = list(evidence_of.values())
    out = []
    for i, row in enumerate(rows):
        claim = row["claim"].strip()
        if row["label"] == "1" and i in evidence_of:
            out.append(Pair(evidence_of[i], claim, ENTAIL, False, "fever"))
        elif row["label"] == "2" and i in evidence_of:
            out.append(Pair(evidence_of[i], claim, CONTRADICT, False, "fever"))
        elif row["label"] == "0":
            # Not enough info: evidence about a related topic that does not settle the claim.
            pool = by_topic.get(_topic(claim)) or every
            out.append(Pair(rng.choice(pool), claim, NEUTRAL, False, "fever"))
    return out


def climate_fever(data: Path, *, held_out: bool) -> list[Pair]:
    names = {"SUPPORTS": ENTAIL, "REFUTES": CONTRADICT, "NOT_ENOUGH_INFO": NEUTRAL}
    out = []
    for line in (
        (data / "verify" / "climate_fever" / "climate-fever.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        row = json.loads(line)
        if (int(row["claim_id"]) % 5 == 0) != held_out:
            continue
        for ev in row["evidences"]:
            if ev["evidence_label"] in names:
                out.append(
                    Pair(
                        ev["evidence"].strip().strip('"'),
                        row["claim"].strip(),
                        names[ev["evidence_label"]],
                        False,
                        "climate_fever",
                    )
                )
    return out


def build(
    data: Path, *, seed: int = 13, dev_per_source: int = 800
) -> tuple[list[Pair], list[Pair]]:
    """(train, dev): every training source with ``dev_per_source`` rows of each set aside."""
    rng = random.Random(seed)
    train: list[Pair] = []
    dev: list[Pair] = []
    for rows in (
        snli(data),
        mnli_binary(data),
        fever(data, rng),
        climate_fever(data, held_out=False),
    ):
        rng.shuffle(rows)
        dev.extend(rows[:dev_per_source])
        train.extend(rows[dev_per_source:])
    rng.shuffle(train)
    return train, dev
