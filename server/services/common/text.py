"""Text normalisation for search and uniqueness: accents folded, case folded, words split."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Case- and accent-insensitive form of `text`, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def search_tokens(*texts: str | None) -> list[str]:
    """Distinct normalised words of all `texts`, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            seen.setdefault(word, None)
    return list(seen)


def slugify(text: str) -> str:
    return "-".join(words(text)) or "item"
