"""A small language guess for pages that do not declare theirs, from common function words."""

from __future__ import annotations

import re

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "as", "said"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "auch", "sich", "ein"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "que", "pour", "pas", "sur"},
    "es": {"el", "la", "los", "las", "y", "que", "del", "en", "por", "una", "para", "con"},
    "it": {"il", "di", "che", "e", "la", "per", "una", "sono", "del", "della", "non", "con"},
    "nl": {"de", "het", "een", "en", "van", "is", "dat", "niet", "op", "met", "voor", "zijn"},
    "pt": {"o", "a", "os", "as", "que", "do", "da", "em", "um", "uma", "para", "com", "não"},
}
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the likeliest language, or ``None`` when the text is too short to tell."""
    words = [w.lower() for w in _WORD_RE.findall(text[:20_000])]
    if len(words) < 20:
        return None
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] / len(words) > 0.08 else None


_NAMES = {
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
}


def language_warning(text: str, declared: str | None) -> str | None:
    """One line when the article is not in English, which every model here was made for; the
    words decide (``guess_language``), the page's declared language when they cannot tell."""
    guessed = guess_language(text)
    code = guessed or (declared or "").lower().split("-")[0].split("_")[0] or None
    if code is None or code == "en":
        return None
    name = _NAMES.get(code, f"language {code!r}")
    how = "by its words" if guessed else "as the page declares"
    return (
        f"the article is in {name} ({how}), not English: claims, evidence and verdicts are made "
        "for English text and may be missed or wrong"
    )
