"""Compile many phrases into one regular expression (a character trie) and scan folded text with it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

_END = ""


def _trie_pattern(node: dict[str, Any]) -> str:
    has_end = _END in node
    branches = []
    for ch in sorted(k for k in node if k != _END):
        branches.append(re.escape(ch) + _trie_pattern(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if has_end:
        # optional continuation, greedy: the longest phrase wins at each start position
        return "(?:" + body + ")?"
    return body


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for all phrases; Latin phrases must start and end at word boundaries."""
    latin: dict[str, Any] = {}
    other: dict[str, Any] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = latin if phrase[0].isascii() and phrase[0].isalnum() else other
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[_END] = {}
    parts = []
    if latin:
        parts.append(r"(?<![a-z0-9])" + _trie_pattern(latin))
    if other:
        parts.append(_trie_pattern(other))
    return re.compile("|".join(parts) if parts else r"(?!x)x")


def scan(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping matches whose Latin ends fall on word boundaries."""
    pos = 0
    n = len(text)
    while pos < n:
        m = pattern.search(text, pos)
        if not m:
            return
        start, end = m.start(), m.end()
        phrase = m.group(0)
        # a Latin phrase must not end inside a word; back off to a shorter phrase is rare, skip instead
        if end < n and phrase[-1:].isalnum() and phrase[-1].isascii() and text[end].isascii() and text[end].isalnum():
            pos = start + 1
            continue
        if phrase:
            yield start, end, phrase
        pos = max(end, start + 1)
