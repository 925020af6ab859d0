"""Training and validation pairs for factdesk's entailment model, from ../shared/data.

Only licence-compatible sets are used for training (SNLI, MultiNLI, FEVER, Climate-FEVER, and
for nli-minilm-l6.v2, trained and not shipped, also PolitiHop's training claims and contrastive
pairs made from FEVER, Climate-FEVER and SNLI sentences; known defects of that mixture are in
BENCHMARKS.md). The NC sets (ANLI, SICK, AVeriTeC) are never read here. Claims that appear in the
FEVER-Symmetric sets are removed from the FEVER training rows, so that benchmark stays unseen.
Climate-FEVER claims whose id is divisible by 5 are held out for measuring.

Labels: 0 entailment, 1 neutral, 2 contradiction; ``binary`` rows only know entailment (0)
versus not (1), and are trained on p(entailment) against p(neutral) + p(contradiction).
"""

from __future__ import annotations

import ast
import calendar
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


_CLIMATE_LABELS = {"SUPPORTS": ENTAIL, "REFUTES": CONTRADICT, "NOT_ENOUGH_INFO": NEUTRAL}


def _climate_rows(data: Path, *, held_out: bool) -> list[dict]:  # type: ignore[type-arg]
    """Climate-FEVER claims: the held-out fifth (id divisible by 5) or the training rest."""
    path = data / "verify" / "climate_fever" / "climate-fever.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if (int(r["claim_id"]) % 5 == 0) == held_out]


def climate_fever(data: Path, *, held_out: bool) -> list[Pair]:
    names = _CLIMATE_LABELS
    out = []
    for row in _climate_rows(data, held_out=held_out):
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


def climate_fever_joint(data: Path) -> list[Pair]:
    """Multi-sentence evidence: a claim against its five evidence sentences read together, with
    the claim's own label (disputed claims left out). Training part only."""
    names = _CLIMATE_LABELS
    out = []
    for row in _climate_rows(data, held_out=False):
        if row["claim_label"] not in names:
            continue
        premise = " ".join(e["evidence"].strip().strip('"') for e in row["evidences"])
        out.append(
            Pair(premise, row["claim"].strip(), names[row["claim_label"]], False, "climate_joint")
        )
    return out


POLITIHOP_LABELS = {
    "true": ENTAIL,
    "mostly-true": ENTAIL,
    "false": CONTRADICT,
    "pants-fire": CONTRADICT,
}


def politihop_rows(data: Path, split: str) -> list[tuple[str, list[str], str]]:
    """(claim, [annotated ruling sentences], PolitiFact label) per annotated evidence chain."""
    csv.field_size_limit(1 << 28)
    out = []
    path = data / "verify" / "politihop" / f"politihop_{split}.tsv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                sentences = json.loads(row["ruling"])
                chains = json.loads(row["annotated_evidence"])
            except (ValueError, TypeError):
                continue
            claim = row["statement"].strip().strip('\u201c\u201d"')
            for ids in chains.values():
                chosen = [sentences[int(i)] for i in ids if i.isdigit() and int(i) < len(sentences)]
                if chosen:
                    out.append((claim, chosen, row["politifact_label"]))
    return out


def politihop(data: Path) -> list[Pair]:
    """PolitiHop's training claims (PolitiFact, the LIAR-PLUS source; none of its claims is in
    LIAR-PLUS val2, which is measured) against their annotated ruling sentences read together.
    True and mostly-true entail; false and pants-on-fire contradict; the middle labels are left
    out. Its validation split is kept for choosing the support threshold."""
    return [
        Pair(" ".join(s), claim, POLITIHOP_LABELS[label], False, "politihop")
        for claim, s, label in politihop_rows(data, "train")
        if label in POLITIHOP_LABELS
    ]


_YEAR = re.compile(r"\b(1[6-9]\d\d|20[0-4]\d)\b")
_MONTHS = list(calendar.month_name)[1:]
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d.,]?\d)")
_AUX = re.compile(r"\b(is|was|are|were|has|have|had|will|can|could|would|did|does)\b(?! not\b)")


def _swap(text: str, old: str, new: str) -> str:
    return re.sub(r"(?<![\w.])" + re.escape(old) + r"(?![\w])", new, text)


def _variants(premise: str, claim: str, rng: random.Random) -> list[tuple[str, str]]:
    """(premise', claim') edits that change one detail the same way in both texts."""
    out = []
    years = [y for y in _YEAR.findall(claim) if y in premise]
    if years:
        y = rng.choice(years)
        other = str(int(y) + rng.choice([-12, -5, -3, -2, -1, 1, 2, 3, 4, 7]))
        out.append((_swap(premise, y, other), _swap(claim, y, other)))
    months = [m for m in _MONTH.findall(claim) if m in premise]
    if months:
        m = rng.choice(months)
        other = rng.choice([x for x in _MONTHS if x != m])
        out.append((_swap(premise, m, other), _swap(claim, m, other)))
    numbers = [
        n
        for n in _NUMBER.findall(claim)
        if n in premise
        and not _YEAR.fullmatch(n)
        and not re.search(
            rf"{_MONTH.pattern}\s+{re.escape(n)}\b|\b{re.escape(n)}\s+{_MONTH.pattern}", claim
        )
    ]
    if numbers:
        n = rng.choice(numbers)
        value = float(n.replace(",", ""))
        changed = value * rng.choice([0.5, 0.7, 1.5, 2, 3]) + rng.choice([0, 1, 3])
        other = (
            f"{changed:,.0f}" if "," in n else (f"{changed:.1f}" if "." in n else f"{changed:.0f}")
        )
        if other != n:
            out.append((_swap(premise, n, other), _swap(claim, n, other)))
    return [(p, c) for p, c in out if p != premise and c != claim]


def _negated(claim: str) -> str | None:
    """The claim with "not" after its first auxiliary verb, or None."""
    aux = _AUX.search(claim)
    if not aux or re.search(r"\b(not|never|no)\b|n't", claim):
        return None
    return claim[: aux.end()] + " not" + claim[aux.end() :]


def contrastive(sources: list[Pair], rng: random.Random, limit: int = 9000) -> list[Pair]:
    """Contrastive pairs from labelled (premise, claim) pairs of real sentences.

    From an entailed pair: one detail (year, month, number) changed in the claim only
    contradicts; changed in the premise only contradicts; changed the same way in both, the pair
    is entailed again; the claim with "not" contradicts. From a contradicted FEVER or
    Climate-FEVER pair, the claim with "not" is entailed. The entailed kinds keep the model from
    learning that an odd year or a "not" in a claim means it is false (the claim-only cue that
    FEVER-Symmetric measures)."""
    out: list[Pair] = []
    for pair in sources:
        if pair.binary or len(pair.premise) > 600:
            continue
        negated = _negated(pair.hypothesis)
        if pair.label == ENTAIL:
            for p2, c2 in _variants(pair.premise, pair.hypothesis, rng):
                out.append(Pair(pair.premise, c2, CONTRADICT, False, "contrastive"))
                out.append(Pair(p2, pair.hypothesis, CONTRADICT, False, "contrastive"))
                out.append(Pair(p2, c2, ENTAIL, False, "contrastive"))
            if negated and rng.random() < 0.3:
                out.append(Pair(pair.premise, negated, CONTRADICT, False, "contrastive"))
        elif pair.label == CONTRADICT and pair.source != "snli" and negated:
            out.append(Pair(pair.premise, negated, ENTAIL, False, "contrastive"))
    rng.shuffle(out)
    return out[:limit]


def build(
    data: Path, *, seed: int = 13, dev_per_source: int = 800, version: int = 1
) -> tuple[list[Pair], list[Pair]]:
    """(train, dev): every training source with ``dev_per_source`` rows of each set aside (in v2,
    at most a tenth of a set). ``version`` 1 is the v1 mixture; 2 adds PolitiHop, the joint
    Climate-FEVER evidence and the contrastive pairs (made from the training rows only)."""
    rng = random.Random(seed)
    train: list[Pair] = []
    dev: list[Pair] = []
    sources = [snli(data), mnli_binary(data), fever(data, rng), climate_fever(data, held_out=False)]
    if version >= 2:
        sources += [politihop(data), climate_fever_joint(data)]
    for rows in sources:
        rng.shuffle(rows)
        n = dev_per_source if version == 1 else min(dev_per_source, len(rows) // 10)
        dev.extend(rows[:n])
        train.extend(rows[n:])
    if version >= 2:
        made = contrastive(
            [p for p in train if p.source in {"fever", "climate_fever", "snli"}], rng
        )
        n = min(dev_per_source, len(made) // 10)
        dev.extend(made[:n])
        train.extend(made[n:])
    rng.shuffle(train)
    return train, dev
