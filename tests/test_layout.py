"""No module imports upward across the stage order.

Every module of ``src/factdesk`` is read with ``ast`` (nothing is imported) and placed on a
level; a module may import from its own level and the levels below, never from a level above.
The levels, bottom to top:

0. shared, below every stage: ``model``, ``errors``, ``config``, ``version``, ``textutil``,
   ``budget``, ``models`` (the shipped model files and the embedder that several stages use),
   ``reading`` (what one run has read: parses and what the checks derive from them)
1. ``extract``
2. ``claims``
3. ``evidence``
4. ``verify``
5. ``consistency``, ``comments``
6. report: ``report`` (text, JSON, Markdown, HTML, ClaimReview), ``speech`` (a report read
   aloud), ``pipeline`` (runs the stages into a Report), ``stages`` (one stage per JSON
   record), ``batch`` and ``reports_db`` (many reports), ``doctor`` (what the install has)
7. the front doors: ``cli``, ``web``, ``__main__`` and the package's ``__init__`` (the public API)

Imports inside functions count as much as those at the top: a lazy upward import is still a
dependency upward. A module that is not placed fails the test, so a new one is placed on
purpose.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "factdesk"

LEVELS: dict[str, int] = {
    "model": 0,
    "errors": 0,
    "config": 0,
    "version": 0,
    "textutil": 0,
    "budget": 0,
    "models": 0,
    "reading": 0,
    "extract": 1,
    "claims": 2,
    "evidence": 3,
    "verify": 4,
    "consistency": 5,
    "comments": 5,
    "report": 6,
    "speech": 6,
    "pipeline": 6,
    "stages": 6,
    "batch": 6,
    "reports_db": 6,
    "doctor": 6,
    "cli": 7,
    "web": 7,
    "__main__": 7,
    "__init__": 7,
}


def _part(module: str) -> str:
    """``factdesk.evidence.store`` -> ``evidence``; ``factdesk`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 2:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, imported module) for every factdesk import in ``path``; ``from factdesk import
    x`` counts as importing ``factdesk.x`` when x is a module, else the package itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("factdesk")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base == "factdesk":
                for alias in node.names:
                    sub = SRC / alias.name
                    is_module = sub.is_dir() or sub.with_suffix(".py").exists()
                    found.append((node.lineno, f"factdesk.{alias.name}" if is_module else base))
            elif base.startswith("factdesk."):
                found.append((node.lineno, base))
    return found


def test_every_module_is_placed_on_a_level() -> None:
    unplaced = sorted(
        {_part(_module(p)) for p in SRC.rglob("*.py")} - set(LEVELS),
    )
    assert unplaced == [], f"place these in LEVELS (and the docstring): {unplaced}"


def test_no_module_imports_upward_across_the_stage_order() -> None:
    upward = []
    for path in sorted(SRC.rglob("*.py")):
        module = _module(path)
        level = LEVELS.get(_part(module), -1)
        for line, imported in _imports(path, module):
            if LEVELS.get(_part(imported), -1) > level:
                upward.append(f"{path.relative_to(SRC)}:{line} imports {imported}")
    assert upward == [], "upward imports:\n" + "\n".join(upward)


def test_the_reader_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    """The reader itself: an import inside a function and a relative one are both seen."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from factdesk.pipeline import check\n    from . import html\n")
    found = dict(_imports(probe, "factdesk.extract.probe"))
    assert found == {2: "factdesk.pipeline", 3: "factdesk.extract"}
