"""Comment farms, made from templates: the machine side of the thread-level training and test data.

Two families that share no template, opener, industry or product: family ``A`` is fitted on,
family ``B`` is only measured on (an unseen generator). Each family makes

* agree-reply pages: fluent top-level comments built on the article's sentences, each answered
  by one reply that opens with a stock agreement and restates it;
* farms slipped into a real reader thread: agree-replies to real readers, a product or industry
  pivot pushed by several accounts (some with a link), and generic praise.

Posting times are ``regular`` (a clock with 10% jitter), ``irregular`` (heavy-tailed gaps) or
``none`` (many comment sections show no times); real threads get irregular times or none.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np

from factdesk.model import Comment

FAMILIES = {
    "A": {
        "openers": [
            "Agreed.",
            "Exactly.",
            "Great point.",
            "I completely agree.",
            "You make a good point.",
            "Well said.",
            "That's a fair point.",
            "Indeed.",
        ],
        "frames": [
            ("It is encouraging that", "This could make a real difference for ordinary people."),
            ("What stands out here is that", "More places should be paying attention to this."),
            ("It's worth noting that", "Decisions like this shape communities for years."),
            ("The key detail is that", "That is the part most people will feel day to day."),
        ],
        "restate": [
            "{clause} is exactly what matters here.",
            "The fact that {clause} says a lot.",
            "{clause}, and that is the heart of it.",
        ],
        "pivots": [
            (
                "mining",
                "The mining sector will play a key role in supplying the materials for this.",
            ),
            ("crypto", "Honestly this is why more people are moving their savings into crypto."),
            (
                "supplements",
                "I have been taking NutriMax Plus supplements and feel the difference.",
            ),
        ],
        "links": ["www.nutrimaxplus.com", "https://bit.ly/cryptowealth", "www.minerals-today.net"],
        "praise": [
            "Great article, very informative. Thanks for sharing!",
            "Well written and well researched. Keep up the good work!",
            "Very helpful piece, looking forward to reading more.",
        ],
    },
    "B": {
        "openers": [
            "Couldn't agree more.",
            "This is spot on.",
            "So true.",
            "Absolutely,",
            "That's a really insightful observation.",
            "You raise an important point.",
            "100% this.",
            "Precisely.",
        ],
        "frames": [
            ("I think people underestimate how", "It deserves far more attention than it gets."),
            ("Few reports mention that", "This is the kind of change that lasts."),
            ("Let's not forget that", "Everyone involved should take note of it."),
        ],
        "restate": [
            "{clause} — nobody should overlook that.",
            "It really comes down to the fact that {clause}.",
            "Right, {clause}.",
        ],
        "pivots": [
            ("energy", "None of this works without reliable oil and gas supply, let's be honest."),
            ("investing", "Smart investors are already building a portfolio around this trend."),
            ("vpn", "Anyone reading this online should be using SecureNet VPN by now."),
        ],
        "links": ["https://securenet-vpn.io", "www.smartportfolio.co", "www.energyfacts.org"],
        "praise": [
            "Thank you for sharing such a detailed and helpful article!",
            "Excellent piece, really informative and clear.",
            "Amazing content as always, keep them coming.",
        ],
    },
}
FIRST = ["Maya", "James", "Linda", "Robert", "Sofia", "Daniel", "Emma", "Kevin", "Grace", "Omar"]
LAST = ["Thompson", "Hayes", "Perez", "Nguyen", "Walsh", "Reed", "Patel", "Brooks", "Kim", "Lopez"]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 6 <= len(s.split()) <= 40]


def _clause(text: str) -> str:
    first = (_sentences(text) or [text])[0].rstrip(".!?")
    return first[0].lower() + first[1:] if first[:2] != first[:2].upper() else first


def _name(rng: np.random.Generator) -> str:
    sep = rng.choice(["_", ".", ""])
    tail = str(rng.integers(10, 99)) if rng.random() < 0.5 else ""
    return f"{rng.choice(FIRST)}{sep}{rng.choice(LAST)}{tail}"


def _reply(fam: dict, parent: str, rng: np.random.Generator) -> str:  # type: ignore[type-arg]
    clause = _clause(parent)
    body = str(rng.choice(fam["restate"])).format(clause=clause)
    return f"{rng.choice(fam['openers'])} {body[0].upper() + body[1:]}"


def with_times(comments: list[Comment], mode: str, rng: np.random.Generator) -> list[Comment]:
    """The comments with posting times: ``regular``, ``irregular`` or ``none``."""
    if mode == "none":
        return [replace(c, published=None) for c in comments]
    start = datetime(2025, 3, 10, 8, 0) + timedelta(days=int(rng.integers(0, 300)))
    step = float(rng.uniform(2, 15))
    if mode == "regular":
        gaps = step * rng.uniform(0.9, 1.1, len(comments))
    else:
        gaps = rng.lognormal(np.log(step), 1.2, len(comments))
    times = start + np.cumsum(gaps) * timedelta(minutes=1)
    return [
        replace(c, published=t.strftime("%Y-%m-%dT%H:%M:00Z"))
        for c, t in zip(comments, times, strict=True)
    ]


def agree_page(
    article: str, family: str, n_pairs: int, rng: np.random.Generator, tag: str
) -> list[Comment]:
    """A page of ``n_pairs`` machine comments on the article, each with one agree-reply."""
    fam = FAMILIES[family]
    sentences = _sentences(article) or [article]
    out: list[Comment] = []
    for k in range(n_pairs):
        lead, tail = fam["frames"][int(rng.integers(len(fam["frames"])))]
        s = sentences[k % len(sentences)].rstrip(".!?")
        top = f"{lead} {s[0].lower() + s[1:]}. {tail}"
        if k == n_pairs - 1 and rng.random() < 0.5:
            top = fam["pivots"][int(rng.integers(len(fam["pivots"])))][1]
        tid = f"{tag}-t{k}"
        out.append(Comment(id=tid, text=top, author=_name(rng)))
        out.append(
            Comment(id=f"{tag}-r{k}", text=_reply(fam, top, rng), author=_name(rng), parent_id=tid)
        )
    return out


def slip_in(
    human: list[Comment], family: str, rng: np.random.Generator, tag: str
) -> tuple[list[Comment], list[int]]:
    """A real thread with a few farm comments slipped in; labels 1 for the farm's."""
    fam = FAMILIES[family]
    comments = list(human)
    labels = [0] * len(comments)
    kind = rng.choice(["agree", "pivot", "praise"])
    n = int(rng.integers(2, 5))
    if kind == "pivot":
        _, line = fam["pivots"][int(rng.integers(len(fam["pivots"])))]
        link = str(rng.choice(fam["links"]))
        farm = [
            Comment(
                id=f"{tag}-f{k}", text=line + (f" See {link}" if k % 2 else ""), author=_name(rng)
            )
            for k in range(n)
        ]
    elif kind == "praise":
        farm = [
            Comment(id=f"{tag}-f{k}", text=str(rng.choice(fam["praise"])), author=_name(rng))
            for k in range(n)
        ]
    else:
        tops = [c for c in human if not c.parent_id and len(c.text.split()) >= 8] or human
        picks = rng.choice(len(tops), size=min(n, len(tops)), replace=False)
        farm = [
            Comment(
                id=f"{tag}-f{k}",
                text=_reply(fam, tops[int(j)].text, rng),
                author=_name(rng),
                parent_id=tops[int(j)].id,
            )
            for k, j in enumerate(picks)
        ]
    for c in farm:
        at = int(rng.integers(1, len(comments) + 1))
        comments.insert(at, c)
        labels.insert(at, 1)
    return comments, labels
