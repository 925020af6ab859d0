"""The claim restated by the evidence with one detail changed.

When an evidence sentence says the claim word for word except for one or two short places (a
year, a day, a number, a name, a "not", a "former"), the evidence is about the same event by
construction, and the changed detail is what it disputes. This needs no parse and no model:
word sequences are aligned (difflib), and each differing place must be a recognisable detail.
Any other difference (a paraphrase, a reordering, an added clause) and the check says nothing,
leaving the claim to the other checks.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from factdesk.claims.facets import PRONOUNS
from factdesk.claims.numbers import same_amount
from factdesk.claims.times import MONTHS, WEEKDAYS
from factdesk.model import Claim, Finding, Passage
from factdesk.textutil import split_sentences

MIN_WORDS = 8  # words of letters; shorter claims, and lists ("1 Green, 2 Red"), restate by chance
MATCHED = 0.8  # share of the claim's tokens the evidence sentence must hold in the same order
MAX_CHANGES = 2  # differing places between them
MAX_CHANGE_TOKENS = 4  # tokens on either side of one differing place

_TOKEN = re.compile(r"\w+(?=n't)|n't|\w+(?:[.,']\w+)*|[^\w\s]")
_MONTHS = set(MONTHS)
_WEEKDAYS = set(WEEKDAYS) | {d[:3] for d in WEEKDAYS}
_NEGATIONS = {"not", "n't", "never", "no"}
_FORMER = {"former", "ex"}
_YEAR = re.compile(r"(1[89]|20)\d\d")
# Capitalised words that name nobody ("This is ..." against "It is ...").
_NOT_NAMES = {
    *PRONOUNS,
    *("i", "it", "its", "we", "you", "they", "them", "their", "this", "that", "these", "those"),
    *("the", "a", "an", "there", "here", "mr", "mrs", "ms", "dr", "but", "and", "or", "so"),
    *_WEEKDAYS,
    *_MONTHS,
}
# A changed doer refutes only for acts one person does: saying, endorsing (many people can vote
# for a bill or score a goal; only one said these words).
_ATTRIBUTION = {
    *("said", "says", "told", "tells", "announced", "announces", "endorsed", "endorses"),
    *("praised", "praises", "wrote", "writes", "stated", "states", "tweeted", "tweets"),
}
# Words around the clause that make the evidence sentence not assert it ("Reports that ...
# were wrong", "... denied that ...", "If ...").
_FRAMES = {
    *("that", "if", "whether", "unless", "deny", "denied", "denies", "denying", "false"),
    *("untrue", "wrong", "rumor", "rumour", "rumors", "rumours", "myth", "hoax", "claim"),
    *("claims", "claimed", "alleged", "allegedly", "not", "n't", "never", "no"),
}
APPROXIMATE = {"about", "around", "nearly", "almost", "roughly", "some", "approximately", "over"}


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("\u2019", "'"))


def _alnum(tokens: list[str]) -> str:
    return "".join(re.sub(r"\W", "", t.lower()) for t in tokens)


def _name(tokens: list[str]) -> bool:
    words = [t for t in tokens if t != "."]
    return 0 < len(words) <= 3 and all(
        w[:1].isupper() and w.replace(".", "").isalpha() and w.lower() not in _NOT_NAMES
        for w in words
    )


def _value(tokens: list[str]) -> float | None:
    text = "".join(tokens).replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _same_amount(mine: list[str], theirs: list[str], before: list[str]) -> bool:
    """Two numbers within the tolerance the number check allows (``claims.numbers.same_amount``)."""
    a, b = _value(mine), _value(theirs)
    if a is None or b is None:
        return False
    return same_amount(a, b, approximate=bool({t.lower() for t in before[-2:]} & APPROXIMATE))


def _kind(mine: list[str], theirs: list[str], before: list[str]) -> str | None:
    """What one differing place is: ``date``, ``number``, ``negation``, ``role``, ``agent``,
    ``same`` (a difference of form only), or None (a difference of wording)."""
    lower_mine = {t.lower() for t in mine}
    lower_theirs = {t.lower() for t in theirs}
    if _alnum(mine) == _alnum(theirs):
        return "same"
    if (not mine and lower_theirs <= _NEGATIONS) or (not theirs and lower_mine <= _NEGATIONS):
        return "negation"
    if (not mine and lower_theirs <= _FORMER) or (not theirs and lower_mine <= _FORMER):
        return "role"
    if not mine or not theirs:
        return None
    digits_mine = re.findall(r"\d+(?:[.,]\d+)*", " ".join(mine))
    digits_theirs = re.findall(r"\d+(?:[.,]\d+)*", " ".join(theirs))
    months = lower_mine | lower_theirs
    if (lower_mine & _MONTHS) and (lower_theirs & _MONTHS) and lower_mine != lower_theirs:
        return "date"
    if lower_mine <= _WEEKDAYS and lower_theirs <= _WEEKDAYS:
        return "date"
    if digits_mine and digits_theirs and digits_mine != digits_theirs:
        if len(mine) != len(theirs) or any(
            a.lower() != b.lower() for a, b in zip(mine, theirs, strict=True) if not a[:1].isdigit()
        ):
            return None  # "12 people" against "12 hours": other words changed too
        near = {t.lower() for t in before[-2:]} | months
        year = all(_YEAR.fullmatch(d) for d in digits_mine + digits_theirs)
        if year or near & _MONTHS:
            return "date"
        return "same" if _same_amount(mine, theirs, before) else "number"
    if _name(mine) and _name(theirs) and not (lower_mine & lower_theirs):
        return "agent"
    return None


def restated(claim: Claim, passage: Passage) -> list[Finding]:
    """A refuting finding when a sentence of ``passage`` says the claim with one or two details
    changed; else nothing."""
    mine = _tokens(claim.text)
    while mine and not mine[-1][:1].isalnum():
        mine = mine[:-1]  # the claim may end where the evidence sentence goes on
    while mine and not mine[0][:1].isalnum():
        mine = mine[1:]
    if sum(1 for t in mine if len(t) > 1 and t.isalpha()) < MIN_WORDS:
        return []
    mine_lower = [t.lower() for t in mine]
    wanted = set(mine_lower)
    for s, e in split_sentences(passage.text):
        said = passage.text[s:e]
        theirs = _tokens(said)
        theirs_lower = [t.lower() for t in theirs]
        if len(wanted & set(theirs_lower)) < MATCHED * len(wanted):
            continue
        matcher = SequenceMatcher(None, mine_lower, theirs_lower, autojunk=False)
        if sum(b.size for b in matcher.get_matching_blocks()) < MATCHED * len(mine):
            continue
        ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        # The claim may be a clause of the evidence sentence: its extra words at either end are
        # not differences. Words only the claim has at its ends are (the claim says more).
        if ops and ops[0][0] == "insert" and ops[0][1] == 0:
            ops = ops[1:]
        if ops and ops[-1][0] == "insert" and ops[-1][1] == len(mine):
            ops = ops[:-1]
        if _framed(theirs_lower, matcher):
            continue
        changes: list[tuple[str, str, str]] = []
        for _, i1, i2, j1, j2 in ops:
            a, b = mine[i1:i2], theirs[j1:j2]
            if max(len(a), len(b)) > MAX_CHANGE_TOKENS:
                changes = []
                break
            if all(not t[:1].isalnum() for t in a + b):
                continue  # punctuation
            kind = _kind(a, b, mine[:i1])
            if kind == "agent" and not (i2 < len(mine) and mine_lower[i2] in _ATTRIBUTION):
                kind = None  # another doer of an act many can do ("Smith voted for the bill")
            if kind is None:
                changes = []
                break
            if kind != "same":
                changes.append((kind, " ".join(a), " ".join(b)))
        else:
            kinds = {kind for kind, _, _ in changes}
            if "date" in kinds and len(changes) > 1:
                continue  # another date and another value: another period ("3.5% in 2019")
            if 0 < len(changes) <= MAX_CHANGES:
                return [_finding(changes, said.strip(), passage)]
    return []


def _framed(theirs: list[str], matcher: SequenceMatcher[str]) -> bool:
    """True when the evidence sentence wraps the claim in words that keep it from asserting it,
    just before or after it: "Reports that ...", "... were wrong", "He denied that ...",
    "If ..."."""
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return False
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
    around = set(theirs[max(0, first - 4) : first]) | set(theirs[last : last + 6])
    return bool(around & _FRAMES)


def _finding(changes: list[tuple[str, str, str]], said: str, passage: Passage) -> Finding:
    kind, claimed, given = changes[0]
    quote = f"\u201c{said}\u201d"
    if kind == "negation":
        detail = f"the evidence says the opposite: {quote}"
    elif kind == "role" and claimed:
        detail = f"the evidence does not call them former (not a former officeholder then): {quote}"
    elif kind == "role":
        detail = f"the evidence calls them former by then: {quote}"
    else:
        parts = "; ".join(
            f"{g or 'nothing'} where the claim has {c or 'nothing'}" for _, c, g in changes
        )
        detail = f"the evidence says the same with {parts}: {quote}"
    return Finding(
        kind,
        "refutes",
        detail,
        claimed or None,
        given or None,
        passage.source_id,
        substitutions=tuple((c, g) for _, c, g in changes),
        verbatim=True,
    )
