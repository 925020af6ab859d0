"""Each check reads its texts into a reading of its own, let go when the check ends."""

from __future__ import annotations

import threading

from factdesk.claims.nlp import parse
from factdesk.reading import current, reading
from factdesk.verify.sentence import content_lemmas, passage_facets, sentence_table


def test_a_run_keeps_what_it_read_and_lets_it_go_at_the_end() -> None:
    text = "The Webb telescope launched on 25 December 2021 from Kourou."
    with reading() as run:
        assert current() is run
        doc = parse(text)
        sentence_table(text)
        passage_facets(text, None)
        assert run.parses[text] is doc and text in run.sentences and run.facets
        assert parse(text) is doc  # read once, however many steps read it
        assert "telescope" in content_lemmas(text)
    assert current() is not run
    assert not run.parses and not run.sentences and not run.facets


def test_concurrent_runs_share_nothing() -> None:
    seen: dict[str, object] = {}

    def check(name: str, text: str) -> None:
        with reading() as run:
            parse(text)
            seen[name] = run
            seen[name + "-texts"] = set(run.parses)

    a = threading.Thread(target=check, args=("a", "Apple unveiled the iPhone in 2007."))
    b = threading.Thread(target=check, args=("b", "NASA launched Webb in 2021."))
    a.start(), b.start()
    a.join(), b.join()
    assert seen["a"] is not seen["b"]
    assert seen["a-texts"] == {"Apple unveiled the iPhone in 2007."}
    assert seen["b-texts"] == {"NASA launched Webb in 2021."}
