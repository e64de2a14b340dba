"""Scoring facility candidates and deciding what a supplier-list row is.

``search`` asks the trigram index for a few dozen candidates and rescores them with rapidfuzz
on normalised names and addresses. ``decide`` turns the scored candidates of a list row into
a decision: automatic when the best is clearly above a threshold and clearly ahead of the next,
review when it is plausible, new otherwise.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from remedyhub.registry.index import NAME_SEPARATOR, FacilityIndex, IndexedText
from remedyhub.registry.normalise import (
    GENERIC_TOKENS,
    core_name,
    normalise_address,
    normalise_name,
)

# How many index candidates are rescored: a list row names its site fully, a reporter's few
# words leave more of them plausible.
CANDIDATES = 20
CANDIDATES_TEXT = 50
NAME_WEIGHT, ADDRESS_WEIGHT = 0.65, 0.35
# Thresholds for list rows, tuned on Open Supply Hub's labelled pairs (bench/README.md).
AUTOMATIC_SCORE = 88.0
AUTOMATIC_LEAD = 6.0
AUTOMATIC_NAME = 85.0
# Same name, other address: often another site of the same group, or a look-alike in the
# same town. Below this address score a person decides (bench: import decisions, 100k).
AUTOMATIC_ADDRESS = 80.0
REVIEW_SCORE = 65.0


@dataclass(frozen=True)
class Match:
    key: int
    score: float
    name_score: float
    address_score: float
    matched_words: tuple[str, ...]
    # For list rows: the name compared with no word ignored, and whether numbers in the names
    # agree ("Unit 6" is not "Unit 10"). Only these may make a match automatic.
    strict_name_score: float = 0.0
    numbers_agree: bool = True


class Outcome(enum.StrEnum):
    AUTOMATIC = "automatic"
    REVIEW = "review"
    NEW = "new"


def _name_similarity(query_name: str, query_core: str, candidate: IndexedText) -> float:
    """The distinctive words decide most; the whole name separates sites whose distinctive
    words coincide ('Huafu Garment' and 'Huafu Textile')."""
    best = 0.0
    for name in candidate.name.split(NAME_SEPARATOR):
        best = max(
            best,
            0.6 * fuzz.token_set_ratio(query_core, core_name(name))
            + 0.4 * fuzz.token_sort_ratio(query_name, name),
            fuzz.ratio(query_name, name),
        )
    return best


_DIGITS = re.compile(r"\d+")


def _name_agreement(query_name: str, candidate: IndexedText) -> tuple[float, bool]:
    query_core = core_name(query_name)
    query_numbers = set(_DIGITS.findall(query_name))
    best, numbers_agree = 0.0, False
    for name in candidate.name.split(NAME_SEPARATOR):
        strict = fuzz.token_sort_ratio(query_core, core_name(name))
        agree = set(_DIGITS.findall(name)) == query_numbers
        if (strict, agree) > (best, numbers_agree):
            best, numbers_agree = strict, agree
    return float(best), numbers_agree


def _coverage(words: dict[str, float], target: list[str]) -> float:
    """How well the query words are found among the target words (0 to 100).

    Each word counts by its best fuzzy match, so typos and typed prefixes still count partly,
    and by its weight, so that a rare word ('Shichang') outweighs a common one ('Dongguan').
    """
    if not words or not target:
        return 0.0
    total = 0.0
    for word, weight in words.items():
        best = process.extractOne(word, target, scorer=fuzz.ratio)
        if best is not None:
            total += weight * best[1]
    return total / sum(words.values())


def _text_similarity(words: dict[str, float], candidate: IndexedText) -> tuple[float, float, float]:
    """A reporter's words against a facility: coverage by its name, its address, and both."""
    name_words = candidate.name.replace(NAME_SEPARATOR, " ").split()
    address_words = candidate.address.split()
    return (
        _coverage(words, name_words),
        _coverage(words, address_words),
        _coverage(words, name_words + address_words),
    )


# Words a reporter adds around what she knows ("the factory in Gazipur").
TEXT_STOP_WORDS = frozenset(GENERIC_TOKENS | {"in", "at", "near", "on", "company", "co", "ltd"})


def _text_words(index: FacilityIndex, text: str) -> dict[str, float]:
    words = list(dict.fromkeys(normalise_address(text).split()))
    kept = [word for word in words if word not in TEXT_STOP_WORDS] or words
    return {word: index.word_weight(word) for word in kept}


def matched_words(query_words: set[str], candidate: IndexedText) -> tuple[str, ...]:
    """Query words that occur (exactly or within one typo) in the facility's name or address."""
    target = set(candidate.name.split()) | set(candidate.address.split())
    found = []
    for word in sorted(query_words):
        if word in target or (
            len(word) >= 4
            and process.extractOne(word, target, scorer=fuzz.ratio, score_cutoff=80) is not None
        ):
            found.append(word)
    return tuple(found)


def search(
    index: FacilityIndex,
    *,
    name: str = "",
    address: str = "",
    text: str = "",
    country: str | None = None,
    limit: int = 10,
) -> list[Match]:
    """The best facilities for a list row (``name``, ``address``) or a reporter's ``text``."""
    wanted = CANDIDATES_TEXT if text else CANDIDATES
    rows = index.candidates(
        name=name, address=address, text=text, country=country, limit=max(wanted, limit)
    )
    query_name, query_core = normalise_name(name), core_name(name)
    query_address = normalise_address(address)
    text_words = _text_words(index, text) if text else {}
    best_similarity = max((similarity for _row, similarity in rows), default=0.0) or 1.0
    query_words = set(f"{query_name} {query_address} {normalise_address(text)}".split())
    scored = []
    for row, similarity in rows:
        candidate = index.text_of_row(row)
        if name:
            name_score = _name_similarity(query_name, query_core, candidate)
            address_score = (
                float(fuzz.token_set_ratio(query_address, candidate.address))
                if query_address and candidate.address
                else 0.0
            )
            score = (
                NAME_WEIGHT * name_score + ADDRESS_WEIGHT * address_score
                if query_address
                else name_score
            )
        else:
            name_score, address_score, both = _text_similarity(text_words, candidate)
            # Coverage decides; the index similarity (rare words, short records) breaks ties.
            score = 0.9 * both + 10.0 * similarity / best_similarity
        scored.append((round(float(score), 1), candidate, name_score, address_score))
    scored.sort(key=lambda item: (-item[0], item[1].key))
    matches = []
    # The finer comparisons are needed only for what is returned.
    for score, candidate, name_score, address_score in scored[:limit]:
        strict_name_score, numbers_agree = (
            _name_agreement(query_name, candidate) if name else (0.0, True)
        )
        matches.append(
            Match(
                key=candidate.key,
                score=score,
                name_score=round(float(name_score), 1),
                address_score=round(float(address_score), 1),
                matched_words=matched_words(query_words, candidate),
                strict_name_score=round(strict_name_score, 1),
                numbers_agree=numbers_agree,
            )
        )
    return matches


def decide(matches: list[Match], *, has_address: bool = True) -> Outcome:
    """What to do with a list row given its scored candidates (best first)."""
    if not matches:
        return Outcome.NEW
    best = matches[0]
    runner_up = matches[1].score if len(matches) > 1 else 0.0
    if (
        best.score >= AUTOMATIC_SCORE
        and best.score - runner_up >= AUTOMATIC_LEAD
        and best.strict_name_score >= AUTOMATIC_NAME
        and best.address_score >= AUTOMATIC_ADDRESS
        and best.numbers_agree
        and has_address
    ):
        return Outcome.AUTOMATIC
    if best.score >= REVIEW_SCORE:
        return Outcome.REVIEW
    return Outcome.NEW
