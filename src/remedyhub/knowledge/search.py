"""Full-text search of the knowledge base: BM25F over title, summary, tags and text, with
Snowball stemming (English, Dutch, French) and misspellings corrected against the index's own
words. Pure Python over plain documents, so SQLite and PostgreSQL give the same results.

A query is read with the stemmer of the page's language and with the English one (people
write English terms in Dutch questions); each document is read with the stemmer of its own
language, and an article missing a translation is indexed in English in that language's view.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import snowballstemmer
from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import OSA

STEMMERS = {"en": "english", "nl": "dutch", "fr": "french"}
FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "tags": 1.5, "body": 1.0}
FIELD_B = {"title": 0.5, "summary": 0.6, "tags": 0.3, "body": 0.75}
K1 = 1.2
FUZZY_WEIGHT = 0.6  # a corrected word counts less than one typed right
MIN_FUZZY_LENGTH = 5  # shorter words have too many neighbours one letter away
_WORD = re.compile(r"[a-z0-9]+")
_SPELLINGS = [
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing)?$"), r"or\1"),
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words too common to tell documents apart; short lists, since BM25's idf does the rest.
STOPWORDS = {
    "en": _words(
        """a an and are as at be by can do does for from has have how i if in is it its my of on
        or our should that the their there this to was we what when which who will with you
        your"""
    ),
    "nl": _words(
        """de het een en van in op te dat die is zijn voor met aan als er maar om of ook bij door
        naar dan wat hoe wij we ons onze ik je u uw moet moeten kan kunnen wordt worden mijn
        hebben heeft niet geen deze dit welke wie waar"""
    ),
    "fr": _words(
        """le la les un une des et de du en au aux est sont pour par sur dans que qui quoi comment
        nous vous notre nos il elle ils ce cette ces ou ne pas se sa son ses doit peut"""
    ),
}


def fold(text: str) -> list[str]:
    """Lower-case ASCII words: accents and scripts folded (ü -> u, é -> e)."""
    return _WORD.findall(anyascii(text).lower())


class Analyzer:
    """Words to index terms for one language: folded, stop words dropped, stemmed."""

    def __init__(self, language: str) -> None:
        self.language = language if language in STEMMERS else "en"
        self._stemmer = snowballstemmer.stemmer(STEMMERS[self.language])
        self._stop = STOPWORDS[self.language]
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            spelled = word
            if self.language == "en":
                # British and American spellings meet: prioritise/prioritize, labour/labor.
                for pattern, replacement in _SPELLINGS:
                    spelled = pattern.sub(replacement, spelled)
            stem = self._cache[word] = self._stemmer.stemWord(spelled)
        return stem

    def terms(self, text: str) -> list[str]:
        return [self.stem(w) for w in fold(text) if w not in self._stop]

    def is_stop(self, word: str) -> bool:
        return word in self._stop


ANALYZERS = {language: Analyzer(language) for language in STEMMERS}


@dataclass
class Document:
    """What the index reads of one article or FAQ entry in one language view."""

    key: str  # "article:<slug>" or "faq:<id>"
    language: str  # the language its words are in
    fields: dict[str, str]
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    key: str
    score: float
    language: str


class SearchIndex:
    """An inverted index with per-field term frequencies and lengths."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents: list[Document] = list(documents)
        self.postings: dict[str, list[tuple[int, dict[str, int]]]] = defaultdict(list)
        self.lengths: list[dict[str, int]] = []
        totals: Counter[str] = Counter()
        for number, document in enumerate(self.documents):
            analyzer = ANALYZERS.get(document.language, ANALYZERS["en"])
            per_term: dict[str, Counter[str]] = defaultdict(Counter)
            lengths: dict[str, int] = {}
            for name in FIELD_WEIGHTS:
                terms = analyzer.terms(document.fields.get(name, ""))
                lengths[name] = len(terms)
                totals[name] += len(terms)
                for term in terms:
                    per_term[term][name] += 1
            self.lengths.append(lengths)
            for term, counts in per_term.items():
                self.postings[term].append((number, dict(counts)))
        count = max(len(self.documents), 1)
        self.average = {name: max(totals[name] / count, 1.0) for name in FIELD_WEIGHTS}
        self.vocabulary = sorted(self.postings)

    def idf(self, term: str) -> float:
        n = len(self.postings.get(term, ()))
        total = len(self.documents)
        return math.log(1 + (total - n + 0.5) / (n + 0.5))

    def query_terms(self, text: str, language: str) -> dict[str, float]:
        """Weighted terms of a query: its stems in its language and in English, and for words
        the index does not know, the index's words within one or two edits."""
        weights: dict[str, float] = {}
        languages = [language] if language == "en" else [language, "en"]
        for word in fold(text):
            if any(ANALYZERS[lang].is_stop(word) for lang in languages if lang in ANALYZERS):
                continue
            stems = {ANALYZERS[lang].stem(word) for lang in languages if lang in ANALYZERS}
            known = [stem for stem in stems if stem in self.postings]
            for stem in known:
                weights[stem] = max(weights.get(stem, 0.0), 1.0)
            if known or len(word) < MIN_FUZZY_LENGTH:
                continue
            for stem in stems:
                for term, weight in self._corrections(stem).items():
                    weights[term] = max(weights.get(term, 0.0), weight)
        return weights

    def _corrections(self, stem: str) -> dict[str, float]:
        limit = 1 if len(stem) < 8 else 2
        found = process.extract(
            stem, self.vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=5
        )
        if not found:
            return {}
        best = min(distance for _term, distance, _index in found)
        # Only the closest spellings; a rarer word is a likelier intended one than a common one.
        return {term: FUZZY_WEIGHT for term, distance, _index in found if distance == best}

    def search(
        self, text: str, *, language: str = "en", allowed: set[int] | None = None
    ) -> list[tuple[int, float]]:
        weights = self.query_terms(text, language)
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for term, weight in weights.items():
            idf = self.idf(term)
            for number, counts in self.postings.get(term, ()):
                if allowed is not None and number not in allowed:
                    continue
                lengths = self.lengths[number]
                tf = 0.0
                for name, count in counts.items():
                    b = FIELD_B[name]
                    norm = 1 - b + b * lengths[name] / self.average[name]
                    tf += FIELD_WEIGHTS[name] * count / norm
                scores[number] += weight * idf * tf / (K1 + tf)
                matched[number] += 1
        if not weights:
            return []
        # Documents that hold more of the query's words come first among near ties.
        share = {n: matched[n] / len(weights) for n in scores}
        ranked = [(n, s * (0.75 + 0.25 * share[n])) for n, s in scores.items()]
        ranked.sort(key=lambda item: (-item[1], item[0]))
        return ranked


class Bm25Baseline:
    """Plain Okapi BM25 (k1 1.2, b 0.75) over lower-case words of title and text: no stemming,
    no fields, no corrections. The benchmark's yardstick."""

    def __init__(self, documents: Iterable[tuple[str, str]], k1: float = 1.2, b: float = 0.75):
        self.keys: list[str] = []
        self.freqs: list[Counter[str]] = []
        self.lengths: list[int] = []
        self.df: Counter[str] = Counter()
        for key, text in documents:
            words = re.findall(r"\w+", text.lower())
            self.keys.append(key)
            self.freqs.append(Counter(words))
            self.lengths.append(len(words))
            self.df.update(set(words))
        self.k1, self.b = k1, b
        self.average = sum(self.lengths) / max(len(self.lengths), 1)

    def search(self, text: str) -> list[tuple[str, float]]:
        n = len(self.keys)
        words = re.findall(r"\w+", text.lower())
        ranked = []
        for number, freqs in enumerate(self.freqs):
            score = 0.0
            for word in words:
                tf = freqs.get(word, 0)
                if not tf:
                    continue
                idf = math.log(1 + (n - self.df[word] + 0.5) / (self.df[word] + 0.5))
                norm = self.k1 * (1 - self.b + self.b * self.lengths[number] / self.average)
                score += idf * tf * (self.k1 + 1) / (tf + norm)
            if score > 0:
                ranked.append((self.keys[number], score))
        ranked.sort(key=lambda item: (-item[1], item[0]))
        return ranked
