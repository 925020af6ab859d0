"""Fitting long evidence to the entailment model's window.

The model reads 160 word pieces, claim included; a longer passage is cut off and what it says
after that is lost. Long passages are read as overlapping windows of whole sentences, and each
passage counts with its best window (MiniCheck's chunk-and-max). When no single passage
supports a claim, the sentences most like the claim are also read together, so a claim that
needs two sentences ("born in 1950 ... in Ohio") can still be supported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factdesk.textutil import split_sentences
from factdesk.verify.nli import Judgement, Verifier

# Word pieces per window, and their rough ratio to words in news English.
WINDOW_PIECES = 160
PIECES_PER_WORD = 1.35
MIN_WORDS = 30
MAX_WORDS = 60


def word_budget(claim: str, pieces: int = WINDOW_PIECES, most: int | None = None) -> int:
    """How many words of evidence fit beside ``claim`` in one window, at most ``most``
    (``MAX_WORDS``: the model was trained on premises of one to three sentences and reads a
    long run of unrelated sentences as reason to doubt)."""
    claim_pieces = int(len(claim.split()) * PIECES_PER_WORD) + 3
    fits = int((pieces - claim_pieces) / PIECES_PER_WORD)
    return max(MIN_WORDS, min(fits, MAX_WORDS if most is None else most))


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)] or [text]


def windows(text: str, words: int) -> list[str]:
    """Overlapping runs of whole sentences of at most ``words`` words each (a longer sentence
    stands alone); the whole text when it fits. Consecutive windows share a sentence."""
    if len(text.split()) <= words:
        return [text]
    parts = sentences(text)
    out: list[str] = []
    i = 0
    while i < len(parts):
        j, size = i, 0
        while j < len(parts) and (j == i or size + len(parts[j].split()) <= words):
            size += len(parts[j].split())
            j += 1
        out.append(" ".join(parts[i:j]))
        if j >= len(parts):
            break
        i = j - 1 if j - 1 > i else j  # overlap by one sentence
    return out


@dataclass(frozen=True, slots=True)
class Read:
    """A passage's judgement: the best window for entailment and for contradiction."""

    judgement: Judgement
    support_window: str
    refute_window: str


def window_pairs(
    passages: Sequence[str], claim: str, *, skip: Sequence[bool] | None = None
) -> tuple[list[tuple[str, str]], list[int]]:
    """The (window, claim) pairs to judge for these passages, and the passage of each;
    ``skip``: passages not to read."""
    budget = word_budget(claim)
    pairs: list[tuple[str, str]] = []
    owner: list[int] = []
    for i, text in enumerate(passages):
        if skip is not None and skip[i]:
            continue
        for w in windows(text, budget):
            pairs.append((w, claim))
            owner.append(i)
    return pairs, owner


def judge_passages(
    verifier: Verifier, passages: Sequence[str], claim: str, *, skip: Sequence[bool] | None = None
) -> list[Read]:
    """One Read per passage, each long passage judged window by window; a passage in ``skip``
    is not read and counts as saying nothing (neutral)."""
    pairs, owner = window_pairs(passages, claim, skip=skip)
    pieces = [w for w, _ in pairs]
    judged = verifier.judge(pieces, claim) if pieces else []
    reads: list[Read] = []
    for i in range(len(passages)):
        mine = [(j, w) for j, w, o in zip(judged, pieces, owner, strict=True) if o == i]
        if not mine:
            reads.append(Read(Judgement(0.0, 1.0, 0.0), passages[i], passages[i]))
            continue
        sup = max(mine, key=lambda jw: jw[0].entailment)
        ref = max(mine, key=lambda jw: jw[0].contradiction)
        e, c = sup[0].entailment, ref[0].contradiction
        reads.append(Read(Judgement(e, max(0.0, 1.0 - e - c), c), sup[1], ref[1]))
    return reads


def joint_premise(
    claim_lemmas: frozenset[str],
    passages: Sequence[str],
    lemmas: Callable[[str], frozenset[str]],
    claim: str,
    *,
    most: int = 4,
) -> tuple[str, list[int]] | None:
    """The sentences sharing most content words with the claim, in passage order, that fit one
    window together; None when fewer than two sentences share any.

    ``lemmas``: a function from text to its content lemmas (``checks.content_lemmas``).
    """
    budget = word_budget(claim)
    scored: list[tuple[float, int, int, str]] = []
    for i, text in enumerate(passages):
        for k, sentence in enumerate(sentences(text)):
            overlap = len(claim_lemmas & lemmas(sentence))
            if overlap:
                scored.append((overlap / max(1, len(claim_lemmas)), i, k, sentence))
    scored.sort(key=lambda t: -t[0])
    chosen: list[tuple[int, int, str]] = []
    size = 0
    for _, i, k, sentence in scored:
        n = len(sentence.split())
        if size + n > budget:
            continue
        chosen.append((i, k, sentence))
        size += n
        if len(chosen) >= most:
            break
    if len(chosen) < 2:
        return None
    chosen.sort()
    return " ".join(s for _, _, s in chosen), sorted({i for i, _, _ in chosen})
