"""The detector's parts: the numpy logistic regression, MinHash, and the thread signals."""

from __future__ import annotations

import numpy as np

from factdesk.comments.logistic import Logistic, fit_logistic
from factdesk.comments.thread import STOCK_OPENER, minhash, thread_signals
from factdesk.model import Comment


def test_fit_logistic_recovers_the_weights() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4000, 3))
    y = (rng.random(4000) < 1 / (1 + np.exp(-(x @ [2.0, -1.0, 0.0] + 0.5)))).astype(float)
    model = fit_logistic(x, y, l2=1e-3)
    assert np.allclose(model.coef, [2.0, -1.0, 0.0], atol=0.2)
    assert abs(model.intercept - 0.5) < 0.2
    again = Logistic.from_dict(model.to_dict())
    assert np.allclose(again.predict(x[:5]), model.predict(x[:5]), atol=1e-4)


def test_balanced_weights_move_the_threshold() -> None:
    x = np.r_[np.zeros(90), np.ones(10)][:, None] + np.random.default_rng(1).normal(
        0, 0.8, (100, 1)
    )
    y = np.r_[np.zeros(90), np.ones(10)]
    plain = fit_logistic(x, y, l2=1e-3)
    balanced = fit_logistic(x, y, l2=1e-3, balanced=True)
    assert balanced.predict(x)[y == 1].mean() > plain.predict(x)[y == 1].mean()


def test_minhash_tells_copies_from_other_text() -> None:
    a = minhash("Breaches like this are a reminder that our data is never safe online.")
    b = minhash("Breaches like this are a reminder that our data is never safe online!")
    c = minhash("The hill near the station is steep when it rains in winter.")
    assert (a == b).mean() > 0.8
    assert (a == c).mean() < 0.2


def test_stock_openers() -> None:
    for text in (
        "Agreed. The lanes help.",
        "That's an insightful point. Yes.",
        "That's a good question.",
    ):
        assert STOCK_OPENER.match(text), text
    for text in ("They are, it was in the minutes.", "fair enough", "I agreed to pay for it once."):
        assert not STOCK_OPENER.match(text), text


def test_signals_on_a_paired_thread() -> None:
    comments = [
        Comment(id="1", author="a", text="Copper mining will supply the new buses."),
        Comment(
            id="2", author="b", text="Agreed. Mining supplies the copper for buses.", parent_id="1"
        ),
        Comment(id="3", author="c", text="The lanes will cut journey times for commuters."),
        Comment(
            id="4", author="d", text="That's a fair point. Lanes cut commuter times.", parent_id="3"
        ),
        Comment(id="5", author="e", text="Signals at junctions matter more than the buses."),
        Comment(id="6", author="f", text="Agreed. Junction signals matter most.", parent_id="5"),
    ]
    vectors = np.eye(6, dtype=np.float32)
    vectors[1] = vectors[0]  # reply 2 restates its parent exactly
    signals = thread_signals(comments, vectors, "The city opened a bus line with new lanes.")
    assert signals[1].values["stock_opener"] == 1.0
    assert signals[1].values["restates_parent"] == 1.0
    assert signals[3].values["restates_parent"] == 0.0
    assert all(s.values["reply_pattern"] == 1.0 for s in signals)
    assert signals[0].values["topic_pivot"] == 1.0 and "mining" in signals[0].details["topic_pivot"]
    assert signals[2].values["topic_pivot"] == 0.0
    assert signals[0].values["near_duplicate"] == 0.0  # its own reply is not a copy by another
