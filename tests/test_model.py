"""The report object: built whole, its JSON a pure reading of it (no model loaded, nothing
scored), typed facet values that read as their JSON form."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factdesk.model import (
    Article,
    Comment,
    EntityValue,
    Facet,
    Report,
    TimeValue,
)

PROGRAM = """
import json, sys
from factdesk.model import Article, Comment, CommentScore, Report, ThreadScore, Versions
article = Article("Text.", title="T", comments=(Comment("c1", "Nice!"),))
thread = ThreadScore((CommentScore("c1", 0.9, ("generic",), ("praise only",)),), 0.9, "1 of 1")
data = Report(article, (), comments=thread, versions=Versions("0.1.0", entailment="nli")).to_dict()
heavy = [m for m in ("onnxruntime", "spacy", "factdesk.comments", "factdesk.verify") if m in sys.modules]
print(json.dumps({"report": data, "heavy": heavy}))
"""


def test_to_dict_reads_the_report_and_loads_nothing() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True, timeout=60
    )
    result = json.loads(out.stdout)
    assert result["heavy"] == []
    report = result["report"]
    assert report["comments"]["items"] == [
        {
            "id": "c1",
            "author": None,
            "text": "Nice!",
            "published": None,
            "parent_id": None,
            "inauthentic_score": 0.9,
            "flags": ["generic"],
            "reasons": ["praise only"],
        }
    ]
    assert report["comments"]["inauthentic_share"] == 1.0
    assert report["versions"]["entailment"] == "nli"
    assert list(report) == [
        "schema_version", "article", "claims", "contradictions", "comments", "summary",
        "sources", "notes", "checked", "timings", "versions",
    ]  # fmt: skip


def test_a_report_must_score_every_comment() -> None:
    with pytest.raises(ValueError, match="scores 0 comments, the article has 1"):
        Report(Article("Text.", comments=(Comment("c1", "Hi"),)), ())


def test_facet_values_are_typed_and_read_as_json() -> None:
    when = TimeValue("in 2021", 0, 7, True, ("2021-01-01", "2021-12-31"), "year", None, None)
    assert when.interval == ("2021-01-01", "2021-12-31")
    assert when["interval"] == ["2021-01-01", "2021-12-31"] and when.get("nothing") is None
    org = EntityValue("ORG", "NASA")
    assert dict(org) == {"label": "ORG", "name": "NASA"}  # no refers_to for an organisation
    person = EntityValue("PERSON", "Nelson", "Bill Nelson")
    assert person == {"label": "PERSON", "name": "Nelson", "refers_to": "Bill Nelson"}
    facet = Facet("time", "in 2021", 10, 17, when)
    assert json.loads(json.dumps(facet.to_dict()))["value"]["granularity"] == "year"
