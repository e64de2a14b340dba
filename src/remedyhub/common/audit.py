"""Append-only history as a hash chain: each entry's hash covers the previous hash and its content.

Editing an entry changes its hash; removing or reordering entries breaks the link to the
previous hash; removing the newest entries is caught by comparing with the head kept elsewhere
(the owner of the chain stores the hash of its last entry).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(content: dict[str, Any]) -> bytes:
    """The content as bytes that do not depend on key order or spacing."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(previous: str, content: dict[str, Any]) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(content)).hexdigest()


@dataclass(frozen=True)
class Problem:
    position: int
    message: str


def verify_chain(
    entries: Iterable[tuple[int, str, str, dict[str, Any]]], *, head: str
) -> list[Problem]:
    """Check ``(sequence, previous_hash, hash, content)`` entries in stored order against ``head``.

    Returns what is wrong, in plain words; an empty list means the chain is intact.
    """
    problems: list[Problem] = []
    expected_previous = GENESIS
    expected_sequence = 1
    last_hash = GENESIS
    for position, (sequence, previous, stored, content) in enumerate(entries, start=1):
        if sequence != expected_sequence:
            problems.append(
                Problem(position, f"sequence {sequence} where {expected_sequence} was expected")
            )
        if previous != expected_previous:
            problems.append(Problem(position, "does not follow the entry before it"))
        if link_hash(previous, content) != stored:
            problems.append(Problem(position, "content does not match its hash (edited)"))
        expected_previous = stored
        expected_sequence = sequence + 1
        last_hash = stored
    if last_hash != head:
        problems.append(Problem(expected_sequence, "the newest entries are missing"))
    return problems
