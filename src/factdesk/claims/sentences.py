"""Sentences and clauses: where one claim ends and the next begins, with exact offsets."""

from __future__ import annotations

from typing import Any

_SUBJECTS = {"nsubj", "nsubjpass", "expl"}


def sentence_spans(doc: Any) -> list[tuple[int, int]]:
    """spaCy's sentences, also cut at paragraph breaks, trimmed of white space."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for part in text[sent.start_char : sent.end_char].split("\n"):
            end = start + len(part)
            s, e = start, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
            start = end + 1
    return _merge_fragments(text, spans)


def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Re-join pieces spaCy cut inside a quotation or after an abbreviation (a piece that
    starts in lower case, or is only closing punctuation)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece = text[s:e]
        same_paragraph = bool(out) and "\n" not in text[out[-1][1] : s]
        if same_paragraph and (piece[0].islower() or not any(ch.isalnum() for ch in piece)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def clause_spans(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Split one sentence into independent clauses when it makes separate claims.

    "The bridge reopened on Thursday, and the mayor resigned a week later." gives two clauses;
    "He said the bridge reopened" and "X and Y voted" stay whole (one claim each).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return [(start, end)]
    cuts: list[int] = []
    for token in span:
        if token.dep_ != "conj" or token.pos_ not in {"VERB", "AUX"}:
            continue
        head = token.head
        if head.dep_ != "ROOT" or not any(c.dep_ in _SUBJECTS for c in token.children):
            continue
        if not any(c.dep_ in _SUBJECTS for c in head.children):
            continue
        left = min(t.i for t in token.subtree)
        # The coordinating word (and, but) and its comma belong to neither clause.
        cc = [c for c in head.children if c.dep_ == "cc" and c.i < left]
        cut_token = doc[cc[-1].i] if cc else doc[left]
        cuts.append(cut_token.idx)
    for token in span:  # semicolons between two clauses
        if token.text == ";" and token.idx not in cuts:
            cuts.append(token.idx)
    if not cuts:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    begin = start
    text = doc.text
    for cut in sorted(cuts):
        piece_end = cut
        while piece_end > begin and (text[piece_end - 1].isspace() or text[piece_end - 1] in ",;"):
            piece_end -= 1
        if piece_end > begin:
            pieces.append((begin, piece_end))
        begin = cut
        word = text[begin:].split(maxsplit=1)[0] if text[begin:].strip() else ""
        if word.lower().strip(";") in {"and", "but", "while", "whereas", "yet", ";", ""}:
            begin += len(text[begin:]) - len(text[begin:].lstrip()) + len(word)
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        pieces.append((begin, end))
    # A piece without a verb of its own is no claim: keep the sentence whole then.
    return pieces if all(len(text[s:e].split()) >= 3 for s, e in pieces) else [(start, end)]
