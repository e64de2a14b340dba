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


@dataclass(frozen=True)
class IndexedText:
    """What the index keeps of a facility for rescoring, already normalised."""

    key: int
    country: str
    name: str
    core: str
    address: str


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
                address = normalise_address(record.address)
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
        reporter's free text (compared with names and addresses alike)."""
        if country is not None:
            if country not in self.country_ranges:
                return []
            low, high = self.country_ranges[country]
        else:
            low, high = 0, len(self.keys)
        if high <= low:
            return []
        scores = np.zeros(high - low, dtype=np.float32)
        if name or address:
            # A list row: the name counts most, the address confirms.
            if name:
                self._accumulate(scores, NAME, trigrams(normalise_name(name)), 1.0, low, high)
            if address:
                grams = trigrams(normalise_address(address))
                self._accumulate(scores, ADDRESS, grams, 0.6 if name else 1.0, low, high)
        if text:
            # A reporter's words may be a name, an address or both: the better fit counts
            # fully, the other half, so that words found in the wrong field do not crowd out
            # an exact address.
            by_name = np.zeros_like(scores)
            by_address = np.zeros_like(scores)
            name_grams, address_grams = (
                trigrams(normalise_name(text)),
                trigrams(normalise_address(text)),
            )
            self._accumulate(by_name, NAME, name_grams, 1.0, low, high, COMMON_SHARE_TEXT, None)
            self._accumulate(
                by_address, ADDRESS, address_grams, 1.0, low, high, COMMON_SHARE_TEXT, None
            )
            scores += np.maximum(by_name, by_address) + 0.5 * np.minimum(by_name, by_address)
        if limit < len(scores):
            best = np.argpartition(-scores, limit)[:limit]
        else:
            best = np.arange(len(scores))
        best = best[scores[best] > 0]
        ordered = best[np.argsort(-scores[best], kind="stable")]
        return [(int(row) + low, float(scores[row])) for row in ordered]

    def _accumulate(
        self,
        scores: npt.NDArray[np.float32],
        namespace: int,
        grams: set[str],
        weight: float,
        low: int,
        high: int,
        common_share: float = COMMON_SHARE,
        max_grams: int | None = MAX_LIST_GRAMS,
    ) -> None:
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
            return
        query_norm = math.sqrt(sum(idf * idf for idf, _s, _e in found))
        # Rarest first; skip very common trigrams once enough rare ones are in.
        found.sort(key=lambda item: -item[0])
        span = high - low
        kept = [
            f
            for i, f in enumerate(found)
            if i < MIN_QUERY_GRAMS or f[2] - f[1] <= common_share * span
        ][:max_grams]
        rows = np.concatenate([self.postings[s:e] for _idf, s, e in kept]) - low
        weights = np.concatenate(
            [np.full(e - s, idf * idf, dtype=np.float32) for idf, s, e in kept]
        )
        dot = np.bincount(rows, weights=weights, minlength=span).astype(np.float32)
        document_norms = np.asarray(self.norms[low:high, namespace])
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = np.where(document_norms > 0, dot / (document_norms * query_norm), 0)
        scores += weight * cosine.astype(np.float32)

    def rows(self) -> Iterator[int]:
        return iter(range(len(self.keys)))
