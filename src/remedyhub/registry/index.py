"""An in-memory trigram index over facility names and addresses, for candidate generation.

Each facility is a row; its name and its address contribute character trigrams in two separate
namespaces. Postings (the rows containing a trigram) are sorted by row, and rows are grouped by
country, so a country filter is a binary search inside each posting list. A query scores the
rows its trigrams reach with TF-IDF cosine similarity (binary term frequency), per namespace;
the few best rows then go to ``matching.py`` for a careful rescoring with rapidfuzz.

The arrays are plain numpy, saved as ``.npy`` files and memory-mapped on load, so that all web
workers of a machine share one copy through the page cache.
"""

from __future__ import annotations

import json
import math
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt

from remedyhub.registry.normalise import core_name, normalise_address, normalise_name

NAME, ADDRESS = 0, 1
NAME_SEPARATOR = " | "  # between a facility's names in the stored text
ROW_BITS = 24  # up to 16.7M facilities in one index
SPOOL_CHUNK = 1 << 21  # trigram occurrences per write to, and read from, the build's spool
# A query trigram that occurs in more than this share of the searched rows says little and
# costs much; it is skipped unless too few rarer ones are left. A list row names the site in
# full, so its rare trigrams suffice; a reporter's few words may all be common ones
# ("Road 8, Sitakunda") and need more of them.
COMMON_SHARE = 0.05
COMMON_SHARE_TEXT = 0.15
MIN_QUERY_GRAMS = 8
# A list row's rarest trigrams find its site; more only cost time (rescoring is exact).
MAX_LIST_GRAMS = 16


@dataclass(frozen=True)
class IndexRecord:
    key: int
    country: str
    name: str
    address: str
    other_names: tuple[str, ...] = ()
    city: str = ""


def indexed_address(address: str, city: str = "") -> str:
    """The normalised address, followed by the words of the facility's city that it lacks: a
    reporter names the town ('Rupsha, Gazipur') that many listed addresses leave out."""
    text = normalise_address(address)
    if not city:
        return text
    present = set(text.split())
    missing = [word for word in normalise_address(city).split() if word not in present]
    return " ".join([text, *dict.fromkeys(missing)]).strip() if missing else text


@dataclass(frozen=True)
class IndexedText:
    """What the index keeps of a facility for rescoring, already normalised."""

    key: int
    country: str
    name: str
    core: str
    address: str


# Fewer occurrences than 1/SPARSE_FACTOR of the searched rows are sorted; more, counted densely.
SPARSE_FACTOR = 8


def _count(
    rows: npt.NDArray[np.int32], weights: npt.NDArray[np.float32], low: int, span: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """The rows reached (ascending) and the sum of their occurrences' weights."""
    if not len(rows):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    if len(rows) * SPARSE_FACTOR < span:
        order = np.argsort(rows, kind="stable")
        ordered = rows[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        sums = np.add.reduceat(weights[order].astype(np.float64), starts)
        return ordered[starts].astype(np.int64), sums.astype(np.float32)
    dense = np.bincount(rows - low, weights=weights, minlength=span).astype(np.float32)
    offsets = np.flatnonzero(dense)
    return offsets + low, dense[offsets]


def _top(scores: npt.NDArray[np.float32], limit: int) -> npt.NDArray[np.intp]:
    """Positions of the ``limit`` highest scores, best first; equal scores by position."""
    if limit < len(scores):
        # The limit-th best score, then everything above it and the first ones equal to it:
        # a partition alone would cut a tie at an arbitrary place.
        threshold = -np.partition(-scores, limit - 1)[limit - 1]
        above = np.flatnonzero(scores > threshold)
        equal = np.flatnonzero(scores == threshold)[: limit - len(above)]
        chosen = np.concatenate((above, equal))
    else:
        chosen = np.arange(len(scores))
    return chosen[np.lexsort((chosen, -scores[chosen]))]


def trigrams(text: str) -> set[str]:
    """Character trigrams of each word, padded so that word starts and ends count."""
    grams: set[str] = set()
    for word in text.split():
        if word == "|":
            continue
        padded = f" {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


class _BlobWriter:
    """Builds a _Blob one string at a time without keeping the strings."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.offsets = array("q", [0])

    def append(self, text: str) -> None:
        self.data += text.encode()
        self.offsets.append(len(self.data))

    def finish(self) -> _Blob:
        return _Blob(
            np.frombuffer(bytes(self.data), dtype=np.uint8).copy(),
            np.frombuffer(self.offsets, dtype=np.int64).copy(),
        )


class _Blob:
    """Many short strings stored as one UTF-8 byte array and offsets (compact, mappable)."""

    def __init__(self, data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64]) -> None:
        self.data, self.offsets = data, offsets

    def __getitem__(self, row: int) -> str:
        return bytes(self.data[self.offsets[row] : self.offsets[row + 1]]).decode()


class FacilityIndex:
    def __init__(
        self,
        *,
        vocabulary: dict[str, int],
        indptr: npt.NDArray[np.int64],
        postings: npt.NDArray[np.int32],
        idf: npt.NDArray[np.float32],
        norms: npt.NDArray[np.float32],
        keys: npt.NDArray[np.int64],
        country_ranges: dict[str, tuple[int, int]],
        texts: dict[str, _Blob],
    ) -> None:
        self.vocabulary = vocabulary
        self.indptr = indptr
        self.postings = postings
        self.idf = idf
        self.norms = norms  # shape (rows, 2): name and address vector lengths
        self.keys = keys
        self.country_ranges = country_ranges
        self.texts = texts
        self._row_of_key: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self.keys)

    # Building -------------------------------------------------------------------------------

    @classmethod
    def build(cls, records: Iterable[IndexRecord], *, presorted: bool = False) -> FacilityIndex:
        """Index ``records``. With ``presorted`` (ordered by country, then key, as a database
        cursor can deliver them) they stream through and are never held all at once."""
        ordered: Iterable[IndexRecord] = (
            records if presorted else sorted(records, key=lambda r: (r.country, r.key))
        )
        vocabulary: dict[str, int] = {}
        country_ranges: dict[str, tuple[int, int]] = {}
        keys = array("q")
        texts = {"name": _BlobWriter(), "core": _BlobWriter(), "address": _BlobWriter()}
        gram_ids, rows = array("q"), array("q")
        counts = np.zeros(0, dtype=np.int64)  # postings of each trigram so far
        previous: tuple[str, int] | None = None
        # Trigram occurrences go to a spool file as they come (in row order); the postings are
        # then filled from it slice by slice, so that memory never holds all occurrences twice.
        with tempfile.TemporaryFile() as spool:
            for row, record in enumerate(ordered):
                if previous is not None and (record.country, record.key) < previous:
                    raise ValueError("records are not ordered by country and key")
                previous = (record.country, record.key)
                if row >= 1 << ROW_BITS:
                    raise ValueError(f"an index holds fewer than {1 << ROW_BITS} facilities")
                low, _high = country_ranges.get(record.country, (row, row))
                country_ranges[record.country] = (low, row + 1)
                keys.append(record.key)
                names = (record.name, *record.other_names)
                name = NAME_SEPARATOR.join(dict.fromkeys(normalise_name(n) for n in names if n))
                address = indexed_address(record.address, record.city)
                texts["name"].append(name)
                texts["core"].append(core_name(record.name))
                texts["address"].append(address)
                for namespace, text in ((NAME, name), (ADDRESS, address)):
                    grams = trigrams(text)
                    for gram in grams:
                        gram_ids.append(
                            vocabulary.setdefault(f"{namespace}{gram}", len(vocabulary))
                        )
                    rows.extend(repeat(row, len(grams)))
                if len(rows) >= SPOOL_CHUNK:
                    counts = cls._spool(spool, gram_ids, rows, counts, len(vocabulary))
                    gram_ids, rows = array("q"), array("q")
            counts = cls._spool(spool, gram_ids, rows, counts, len(vocabulary))
            del gram_ids, rows
            indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
            np.cumsum(counts, out=indptr[1:])
            postings = cls._fill_postings(spool, indptr)
        total = len(keys)
        document_frequency = np.diff(indptr)
        idf = np.log((1 + max(total, 1)) / (1 + document_frequency)).astype(np.float32) + 1.0
        return cls(
            vocabulary=vocabulary,
            indptr=indptr,
            postings=postings,
            idf=idf,
            norms=cls._norms(vocabulary, indptr, postings, idf, total),
            keys=np.frombuffer(keys, dtype=np.int64).copy(),
            country_ranges=country_ranges,
            texts={field: writer.finish() for field, writer in texts.items()},
        )

    @staticmethod
    def _spool(
        spool: IO[bytes],
        gram_ids: array[int],
        rows: array[int],
        counts: npt.NDArray[np.int64],
        vocabulary_size: int,
    ) -> npt.NDArray[np.int64]:
        grams = np.frombuffer(gram_ids, dtype=np.int64)
        packed = (grams << ROW_BITS) | np.frombuffer(rows, dtype=np.int64)
        spool.write(packed.tobytes())
        grown = np.zeros(vocabulary_size, dtype=np.int64)
        grown[: len(counts)] = counts
        grown += np.bincount(grams, minlength=vocabulary_size)
        return grown

    @staticmethod
    def _fill_postings(spool: IO[bytes], indptr: npt.NDArray[np.int64]) -> npt.NDArray[np.int32]:
        """Postings from the spool, one slice at a time: each occurrence goes to the next free
        place of its trigram. The spool is in row order, so each posting list is too."""
        postings = np.empty(int(indptr[-1]), dtype=np.int32)
        cursor = indptr[:-1].copy()
        spool.seek(0)
        while chunk := spool.read(SPOOL_CHUNK * 8):
            packed = np.frombuffer(chunk, dtype=np.int64)
            grams = packed >> ROW_BITS
            order = np.argsort(grams, kind="stable")
            grams = grams[order]
            size = len(grams)
            group_starts = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1])))
            lengths = np.diff(np.append(group_starts, size))
            rank = np.arange(size) - np.repeat(group_starts, lengths)
            postings[cursor[grams] + rank] = (packed[order] & ((1 << ROW_BITS) - 1)).astype(
                np.int32
            )
            cursor[grams[group_starts]] += lengths  # each trigram once: no repeats
        return postings

    @staticmethod
    def _norms(
        vocabulary: dict[str, int],
        indptr: npt.NDArray[np.int64],
        postings: npt.NDArray[np.int32],
        idf: npt.NDArray[np.float32],
        rows: int,
    ) -> npt.NDArray[np.float32]:
        """Vector length per row and namespace: the root of the sum of its trigrams' idf².

        Worked through in slices of trigrams so that no array as long as all postings is made.
        """
        namespace_of_gram = np.fromiter((int(g[0]) for g in vocabulary), np.int8, len(vocabulary))
        squared = idf.astype(np.float64) ** 2
        frequency = np.diff(indptr)
        norms = np.zeros((rows, 2), dtype=np.float64)
        step = 4096
        for first in range(0, len(vocabulary), step):
            last = min(first + step, len(vocabulary))
            segment = postings[indptr[first] : indptr[last]]
            weights = np.repeat(squared[first:last], frequency[first:last])
            namespaces = np.repeat(namespace_of_gram[first:last], frequency[first:last])
            for namespace in (NAME, ADDRESS):
                mask = namespaces == namespace
                norms[:, namespace] += np.bincount(
                    segment[mask], weights=weights[mask], minlength=rows
                )
        return np.sqrt(norms).astype(np.float32)

    # Persistence ----------------------------------------------------------------------------

    ARRAYS = ("indptr", "postings", "idf", "norms", "keys")

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for name in self.ARRAYS:
            np.save(directory / f"{name}.npy", getattr(self, name))
        for field, blob in self.texts.items():
            np.save(directory / f"text_{field}_data.npy", blob.data)
            np.save(directory / f"text_{field}_offsets.npy", blob.offsets)
        meta = {"vocabulary": self.vocabulary, "country_ranges": self.country_ranges}
        (directory / "meta.json").write_text(json.dumps(meta))

    @classmethod
    def load(cls, directory: Path) -> FacilityIndex:
        meta = json.loads((directory / "meta.json").read_text())

        def array(name: str) -> npt.NDArray[np.generic]:
            # Mapped, so processes share the pages; viewed as a plain array, because slicing
            # a memmap object makes a new memmap object each time, which is slow.
            return np.asarray(np.load(directory / f"{name}.npy", mmap_mode="r"))

        return cls(
            vocabulary=meta["vocabulary"],
            country_ranges={c: (lo, hi) for c, (lo, hi) in meta["country_ranges"].items()},
            texts={
                field: _Blob(array(f"text_{field}_data"), array(f"text_{field}_offsets"))  # type: ignore[arg-type]
                for field in ("name", "core", "address")
            },
            **{name: array(name) for name in cls.ARRAYS},  # type: ignore[arg-type]
        )

    # Querying -------------------------------------------------------------------------------

    def text_of_row(self, row: int) -> IndexedText:
        return IndexedText(
            key=int(self.keys[row]),
            country=self._country_of_row(row),
            name=self.texts["name"][row],
            core=self.texts["core"][row],
            address=self.texts["address"][row],
        )

    def _country_of_row(self, row: int) -> str:
        for country, (low, high) in self.country_ranges.items():
            if low <= row < high:
                return country
        raise IndexError(row)

    def word_weight(self, word: str) -> float:
        """How telling a word is: the mean idf of its trigrams, in names or addresses
        (whichever is rarer); an unknown trigram counts as rarest."""
        grams = trigrams(word)
        if not grams:
            return 1.0
        top = float(np.log(1 + len(self.keys))) + 1.0
        best = 0.0
        for namespace in (NAME, ADDRESS):
            total = 0.0
            for gram in grams:
                gram_id = self.vocabulary.get(f"{namespace}{gram}")
                total += top if gram_id is None else float(self.idf[gram_id])
            best = max(best, total / len(grams))
        return best

    def row_of_key(self, key: int) -> int | None:
        if self._row_of_key is None:
            self._row_of_key = {int(k): row for row, k in enumerate(self.keys)}
        return self._row_of_key.get(key)

    def candidates(
        self,
        *,
        name: str = "",
        address: str = "",
        text: str = "",
        country: str | None = None,
        limit: int = 50,
    ) -> list[tuple[int, float]]:
        """The ``limit`` best rows as (row, similarity) for a list row (name and address) or a
        reporter's free text (compared with names and addresses alike).

        Only the rows that a query trigram reaches are scored (a few thousand of a country's
        hundreds of thousands, as a rule); equal scores rank by row, lowest first.
        """
        if country is not None:
            if country not in self.country_ranges:
                return []
            low, high = self.country_ranges[country]
        else:
            low, high = 0, len(self.keys)
        if high <= low:
            return []
        span = high - low
        if name or address:
            # A list row: the name counts most, the address confirms. Each occurrence carries
            # its share of the cosine already, so one count over all of them gives the score.
            postings = []
            if name:
                postings.append(self._postings(NAME, trigrams(normalise_name(name)), low, high))
            if address:
                grams = trigrams(normalise_address(address))
                rows, weights = self._postings(ADDRESS, grams, low, high)
                postings.append((rows, weights * np.float32(0.6 if name else 1.0)))
            rows = np.concatenate([p[0] for p in postings])
            weights = np.concatenate([p[1] for p in postings])
            reached, scores = _count(rows, weights, low, span)
        else:
            # A reporter's words may be a name, an address or both: the better fit counts
            # fully, the other half, so that words found in the wrong field do not crowd out
            # an exact address.
            by_name = self._postings(
                NAME, trigrams(normalise_name(text)), low, high, COMMON_SHARE_TEXT, None
            )
            by_address = self._postings(
                ADDRESS, trigrams(normalise_address(text)), low, high, COMMON_SHARE_TEXT, None
            )
            name_score = np.bincount(by_name[0] - low, weights=by_name[1], minlength=span)
            address_score = np.bincount(by_address[0] - low, weights=by_address[1], minlength=span)
            combined = (
                np.maximum(name_score, address_score) + 0.5 * np.minimum(name_score, address_score)
            ).astype(np.float32)
            offsets = np.flatnonzero(combined)
            reached, scores = offsets + low, combined[offsets]
        best = _top(scores, limit)
        return [(int(reached[i]), float(scores[i])) for i in best]

    def _postings(
        self,
        namespace: int,
        grams: set[str],
        low: int,
        high: int,
        common_share: float = COMMON_SHARE,
        max_grams: int | None = MAX_LIST_GRAMS,
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """Every occurrence of the query's trigrams in rows ``low:high`` of ``namespace``, with
        its contribution to the row's cosine similarity (idf² over both vector lengths)."""
        found = []
        bounds = (
            np.array([low, high], dtype=self.postings.dtype)
            if low > 0 or high < len(self.keys)
            else None
        )
        for gram in grams:
            gram_id = self.vocabulary.get(f"{namespace}{gram}")
            if gram_id is None:
                continue
            start, end = int(self.indptr[gram_id]), int(self.indptr[gram_id + 1])
            if bounds is not None:
                # Same dtype as the postings: a mixed-type search would copy the whole segment.
                first, last = np.searchsorted(self.postings[start:end], bounds)
                start, end = start + int(first), start + int(last)
            if end > start:
                found.append((float(self.idf[gram_id]), start, end))
        if not found:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        query_norm = math.sqrt(sum(idf * idf for idf, _s, _e in found))
        # Rarest first; skip very common trigrams once enough rare ones are in.
        found.sort(key=lambda item: -item[0])
        span = high - low
        kept = [
            f
            for i, f in enumerate(found)
            if i < MIN_QUERY_GRAMS or f[2] - f[1] <= common_share * span
        ][:max_grams]
        rows = np.concatenate([self.postings[s:e] for _idf, s, e in kept])
        weights = np.concatenate(
            [np.full(e - s, idf * idf / query_norm, dtype=np.float32) for idf, s, e in kept]
        )
        norms = self.norms[:, namespace][rows]
        with np.errstate(divide="ignore", invalid="ignore"):
            weights = np.where(norms > 0, weights / norms, np.float32(0))
        return rows, weights.astype(np.float32)

    def rows(self) -> Iterator[int]:
        return iter(range(len(self.keys)))
