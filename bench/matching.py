"""Benchmark of the facility matcher against brute force and pg_trgm (make bench-matching)."""

from __future__ import annotations

import argparse
import contextlib
import csv
import fcntl
import io
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path, where baseline.py and matching.py
# would shadow any module of those names; the repository root and src/ go there instead.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remedyhub.conf.settings")
os.environ.setdefault("DJANGO_ENV", "development")

import django  # noqa: E402

# The matcher may translate its messages; the import benchmark needs the ORM.
django.setup()

from bench import baseline, corpora, synthetic  # noqa: E402
from bench.synthetic import Query  # noqa: E402

VAR_DIR = Path(os.environ.get("REMEDYHUB_VAR_DIR", ROOT / "var")) / "bench"
WARM_UP = 20
LIMIT = 5
LARGE = 1_000_000  # from this registry size on, the baselines time a sample of the queries
IMPORT_ROWS = 10_000
IMPORT_COPY_SHARE = 0.6
IMPORT_KINDS = (
    "typo",
    "legal_form",
    "case_punct_accent",
    "word_order",
    "abbreviation",
    "transliteration",
)
ENGINES = ("matcher", "rapidfuzz", "pg_trgm")
ENGINE_TITLES = {
    "matcher": "matcher",
    "matcher-sample": "matcher (baseline's sample)",
    "rapidfuzz": "rapidfuzz WRatio, brute force",
    "pg_trgm": "pg_trgm (GIN, % 0.2)",
}

T = TypeVar("T")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --- the hand-over between processes ---------------------------------------------------------

FACILITY_FIELDS = ("key", "country", "name", "address", "city", "sector")


def write_facilities(path: Path, facilities: Sequence[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FACILITY_FIELDS)
        writer.writerows([f[field] for field in FACILITY_FIELDS] for f in facilities)


def read_facilities(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{**row, "key": int(row["key"])} for row in csv.DictReader(handle)]


def write_queries(path: Path, query_sets: dict[str, list[Query]]) -> None:
    payload = {name: [asdict(q) for q in queries] for name, queries in query_sets.items()}
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


def read_queries(path: Path) -> dict[str, list[Query]]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: [Query(**{**q, "also_correct": tuple(q["also_correct"])}) for q in queries]
        for name, queries in payload.items()
    }


def baseline_sample(queries: list[Query], facilities: int, size: int, seed: int) -> list[int]:
    """Positions of the queries the baselines time: all, or a fixed random sample when large."""
    if facilities < LARGE or size >= len(queries):
        return list(range(len(queries)))
    return sorted(random.Random(seed).sample(range(len(queries)), size))  # noqa: S311


# --- measuring -------------------------------------------------------------------------------


def timed_run(
    queries: Sequence[Query], call: Callable[[Query], T], keys: Callable[[T], list[int]]
) -> tuple[list[list[int]], list[float]]:
    """Each query's result keys and its latency in ms (only ``call`` is timed), after warm-up."""
    for query in queries[:WARM_UP]:
        call(query)
    results: list[list[int]] = []
    latencies: list[float] = []
    for query in queries:
        started = time.perf_counter()
        answer = call(query)
        latencies.append((time.perf_counter() - started) * 1000)
        results.append(keys(answer))
    return results, latencies


def _percentile(values: Sequence[float], percent: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _found(query: Query, keys: Sequence[int], k: int) -> bool:
    correct = {query.expected_key, *query.also_correct}
    return any(key in correct for key in keys[:k])


def summarise(
    queries: Sequence[Query],
    results: Sequence[list[int]],
    latencies: Sequence[float],
    ambiguous: frozenset[int] = frozenset(),
) -> dict[str, Any]:
    """Recall@1, recall@5 and latency percentiles, overall and for each kind of query; recall@1
    also over the queries that are not word-for-word ambiguous (see ``ambiguous_queries``)."""

    def figures(positions: Sequence[int]) -> dict[str, Any]:
        chosen = [latencies[i] for i in positions]
        clear = [i for i in positions if queries[i].id not in ambiguous]
        return {
            "unambiguous": len(clear),
            "recall_at_1_unambiguous": sum(_found(queries[i], results[i], 1) for i in clear)
            / max(len(clear), 1),
            "queries": len(positions),
            "recall_at_1": sum(_found(queries[i], results[i], 1) for i in positions)
            / max(len(positions), 1),
            "recall_at_5": sum(_found(queries[i], results[i], 5) for i in positions)
            / max(len(positions), 1),
            "p50_ms": _percentile(chosen, 50),
            "p95_ms": _percentile(chosen, 95),
            "mean_ms": statistics.fmean(chosen) if chosen else float("nan"),
        }

    by_kind: dict[str, list[int]] = defaultdict(list)
    for position, query in enumerate(queries):
        by_kind[query.kind].append(position)
    misses: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for position, query in enumerate(queries):
        if not _found(query, results[position], LIMIT) and len(misses[query.kind]) < 3:
            misses[query.kind].append(
                {"query": asdict(query), "returned": results[position][:LIMIT]}
            )
    return {
        **figures(range(len(queries))),
        "by_kind": {kind: figures(positions) for kind, positions in sorted(by_kind.items())},
        "misses": dict(misses),
    }


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", synthetic.fold_accents(text).casefold()))


def ambiguous_queries(
    facilities: Sequence[dict[str, object]], queries: Sequence[Query]
) -> list[int]:
    """Ids of the queries each of whose words is also in another site that they search (their
    country's, or all): there no engine can be sure to put the right site first, whatever it
    does. Shows how much of a kind's misses is the query's fault ("Ideal, Dhaka")."""
    asked = {query.id: _words(query.as_text()) for query in queries}
    frequency: dict[str, int] = dict.fromkeys(set().union(*asked.values()), 0)
    documents = [(f, _words(f"{f['name']} {f['address']}")) for f in facilities]
    for _, words in documents:
        for word in words & frequency.keys():
            frequency[word] += 1
    # Only the rarest word of each query needs its sites listed; that keeps memory small.
    rarest = {qid: min(words, key=frequency.__getitem__) for qid, words in asked.items() if words}
    holders: dict[str, list[tuple[int, str, set[str]]]] = defaultdict(list)
    wanted = set(rarest.values())
    for site, words in documents:
        for word in words & wanted:
            holders[word].append((int(str(site["key"])), str(site["country"]), words))
    ambiguous = []
    for query in queries:
        if query.id not in rarest:
            continue
        right = {query.expected_key, *query.also_correct}
        words = asked[query.id]
        if any(
            key not in right and words <= site_words and query.country in (None, country)
            for key, country, site_words in holders[rarest[query.id]]
        ):
            ambiguous.append(query.id)
    return ambiguous


def read_ambiguous(work: Path) -> dict[str, frozenset[int]]:
    path = work / "ambiguous.json"
    if not path.exists():
        return {}
    return {name: frozenset(ids) for name, ids in json.loads(path.read_text()).items()}


# --- workers: each runs in a process of its own, so that its peak memory is its own ---------


def worker_prepare(work: Path, corpus: str, size: int, n_queries: int, seed: int) -> dict[str, Any]:
    started = time.perf_counter()
    notes: list[str] = []
    if corpus == "synthetic":
        facilities = synthetic.generate_facilities(size, seed)
        generate_s = time.perf_counter() - started
        query_sets = {"synthetic": synthetic.noisy_queries(facilities, n_queries, seed + 1)}
    else:
        directory = corpora.osh_directory()
        if directory is None:
            return {"unavailable": "Open Supply Hub lists not found"}
        real = corpora.load_osh(directory, n_queries, seed + 1)
        facilities, query_sets, notes = real.facilities, real.query_sets, real.notes
        generate_s = time.perf_counter() - started
    write_facilities(work / "facilities.csv", facilities)
    write_queries(work / "queries.json", query_sets)
    started = time.perf_counter()
    ambiguous = {name: ambiguous_queries(facilities, qs) for name, qs in query_sets.items()}
    ambiguity_s = time.perf_counter() - started
    (work / "ambiguous.json").write_text(json.dumps(ambiguous))
    shares: dict[str, dict[str, float]] = {}
    for name, queries in query_sets.items():
        by_kind: dict[str, list[bool]] = defaultdict(list)
        for query in queries:
            by_kind[query.kind].append(query.id in ambiguous[name])
        shares[name] = {kind: sum(flags) / len(flags) for kind, flags in by_kind.items()}
    return {
        "facilities": len(facilities),
        "generate_s": generate_s,
        "generate_rss_mb": peak_rss_mb(),
        "ambiguous_share_by_kind": shares,
        "ambiguity_s": ambiguity_s,
        "countries": len({f["country"] for f in facilities}),
        "query_sets": {name: len(queries) for name, queries in query_sets.items()},
        "notes": notes,
    }


def _matcher_modules() -> tuple[Any, Any, Any]:
    from remedyhub.registry.index import FacilityIndex, IndexRecord
    from remedyhub.registry.matching import search

    return FacilityIndex, IndexRecord, search


def _index_records(work: Path, record_type: Any) -> list[Any]:
    fields = getattr(record_type, "__dataclass_fields__", {})
    return [
        record_type(
            key=int(str(f["key"])),
            country=str(f["country"]),
            name=str(f["name"]),
            address=str(f["address"]),
            # The registry's city column, as the database path indexes it (absent before).
            **({"city": str(f.get("city") or "")} if "city" in fields else {}),
        )
        for f in _stream_facilities(work / "facilities.csv")
    ]


def _stream_facilities(path: Path) -> Iterator[dict[str, str]]:
    # One row at a time: a list of a million row dicts would outweigh the index being built.
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _directory_mb(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6


def worker_matcher_build(work: Path) -> dict[str, Any]:
    try:
        facility_index, index_record, _ = _matcher_modules()
    except ImportError as error:
        return {"unavailable": f"the matcher is not there yet ({error})"}
    records = _index_records(work, index_record)
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    index = facility_index.build(records)
    build_s = time.perf_counter() - started
    result: dict[str, Any] = {
        "facilities": len(records),
        "indexed": len(index),
        "build_s": build_s,
        "rss_before_build_mb": rss_before,
        "build_peak_rss_mb": peak_rss_mb(),
    }
    directory = work / "index"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir()
    started = time.perf_counter()
    try:
        index.save(directory)
    except (AttributeError, NotImplementedError, OSError) as error:
        result["save_error"] = repr(error)
        shutil.rmtree(directory, ignore_errors=True)
    else:
        result["save_s"] = time.perf_counter() - started
        result["index_mb"] = _directory_mb(directory)
    return result


def worker_matcher_query(work: Path, sample_size: int, seed: int) -> dict[str, Any]:
    try:
        facility_index, index_record, search = _matcher_modules()
    except ImportError as error:
        return {"unavailable": f"the matcher is not there yet ({error})"}
    result: dict[str, Any] = {}
    directory = work / "index"
    started = time.perf_counter()
    if directory.is_dir():
        index = facility_index.load(directory)
        result["load_s"] = time.perf_counter() - started
    else:
        # No saved index: build here, so this process's memory also holds the records.
        index = facility_index.build(_index_records(work, index_record))
        result["built_in_query_process_s"] = time.perf_counter() - started
    result["serve_rss_after_load_mb"] = peak_rss_mb()
    facilities = len(index)

    def call(query: Query) -> Any:
        if query.text:
            return search(index, text=query.text, country=query.country, limit=LIMIT)
        return search(
            index, name=query.name, address=query.address, country=query.country, limit=LIMIT
        )

    def keys(matches: Any) -> list[int]:
        return [match.key for match in matches]

    sets: dict[str, Any] = {}
    ambiguous = read_ambiguous(work)
    for name, queries in read_queries(work / "queries.json").items():
        results, latencies = timed_run(queries, call, keys)
        sets[name] = summarise(queries, results, latencies, ambiguous.get(name, frozenset()))
        chosen = baseline_sample(queries, facilities, sample_size, seed)
        if len(chosen) < len(queries):
            sets[name]["sample"] = summarise(
                [queries[i] for i in chosen],
                [results[i] for i in chosen],
                [latencies[i] for i in chosen],
                ambiguous.get(name, frozenset()),
            )
        say(f"    matcher {name}: R@1 {sets[name]['recall_at_1']:.1%}")
    result["sets"] = sets
    result["serve_peak_rss_mb"] = peak_rss_mb()
    return result


def _baseline_sets(
    work: Path, facilities: int, sample_size: int, seed: int, search: Callable[[Query], list[int]]
) -> dict[str, Any]:
    sets: dict[str, Any] = {}
    ambiguous = read_ambiguous(work)
    for name, queries in read_queries(work / "queries.json").items():
        chosen = [queries[i] for i in baseline_sample(queries, facilities, sample_size, seed)]
        results, latencies = timed_run(chosen, search, lambda found: found)
        sets[name] = summarise(chosen, results, latencies, ambiguous.get(name, frozenset()))
        sets[name]["sampled_from"] = len(queries)
    return sets


def worker_rapidfuzz(work: Path, sample_size: int, seed: int) -> dict[str, Any]:
    try:
        import rapidfuzz
    except ImportError:
        return {"unavailable": "rapidfuzz is not installed"}
    rows = baseline.rows_of(read_facilities(work / "facilities.csv"))
    started = time.perf_counter()
    engine = baseline.BruteForceWRatio(rows)
    build_s = time.perf_counter() - started

    def search(query: Query) -> list[int]:
        return engine.search(query.as_text(), query.country, LIMIT)

    sets = _baseline_sets(work, len(rows), sample_size, seed, search)
    return {
        "version": rapidfuzz.__version__,
        "build_s": build_s,
        "sets": sets,
        "peak_rss_mb": peak_rss_mb(),
    }


def worker_pg_trgm(work: Path, sample_size: int, seed: int) -> dict[str, Any]:
    conninfo = baseline.pg_conninfo()
    problem = baseline.pg_unavailable(conninfo)
    if problem:
        return {"unavailable": f"PostgreSQL with pg_trgm not usable: {problem}"}
    rows = baseline.rows_of(read_facilities(work / "facilities.csv"))
    engine = baseline.PgTrigram(conninfo)
    try:
        load_s = engine.load(rows)
        index_s = engine.build_index()

        def search(query: Query) -> list[int]:
            return engine.search(query.as_text(), query.country, LIMIT)

        sets = _baseline_sets(work, len(rows), sample_size, seed, search)
        return {
            "server_version": engine.server_version(),
            "similarity_threshold": baseline.PG_SIMILARITY_THRESHOLD,
            "load_s": load_s,
            "index_s": index_s,
            "build_s": load_s + index_s,
            **engine.sizes_mb(),
            "sets": sets,
        }
    finally:
        engine.close()


def import_list(
    facilities: Sequence[dict[str, object]], seed: int
) -> tuple[bytes, int, int, list[list[str | None]]]:
    """A supplier list of noisy copies of registered sites and of new ones, as CSV bytes, and
    the truth of each row: ``[country, name, address, name of the registered site or None]``."""
    copies = synthetic.noisy_queries(
        facilities,
        round(IMPORT_ROWS * IMPORT_COPY_SHARE),
        seed,
        kinds=IMPORT_KINDS,
        without_country=0.0,
    )
    taken = {(str(f["country"]), str(f["name"]).casefold()) for f in facilities}
    wanted = IMPORT_ROWS - len(copies)
    candidates = synthetic.generate_facilities(wanted * 2, seed=seed + 7919)
    new = [f for f in candidates if (f["country"], str(f["name"]).casefold()) not in taken]
    name_of = {int(f["key"]): str(f["name"]) for f in facilities}  # type: ignore[call-overload]
    rows: list[list[str | None]] = [
        [q.country, q.name, q.address, name_of[q.expected_key]] for q in copies
    ]
    rows += [[str(f["country"]), str(f["name"]), str(f["address"]), None] for f in new[:wanted]]
    random.Random(seed).shuffle(rows)  # noqa: S311
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(("country", "name", "address"))
    writer.writerows(row[:3] for row in rows)
    return buffer.getvalue().encode("utf-8"), len(copies), len(rows) - len(copies), rows


def worker_import_fill(work: Path, seed: int) -> dict[str, Any]:
    """Migrate and fill the benchmark's database; write the list to import next to it."""
    try:
        from remedyhub.registry.models import Facility
        from remedyhub.registry.services import supplier_list_import  # noqa: F401
    except (ImportError, AttributeError) as error:
        return {"unavailable": f"import benchmark not available yet ({error})"}
    from django.core.management import call_command
    from django.db import connection, transaction

    match_key: Callable[[str, str, str], str] | None
    try:
        from remedyhub.registry.normalise import facility_match_key as match_key
    except ImportError:
        match_key = None

    public_ids: set[str] = set()

    def facility(row: dict[str, object]) -> Any:
        name, address, country = str(row["name"]), str(row["address"]), str(row["country"])
        site = Facility(
            name=name,
            address=address,
            country=country,
            city=str(row["city"]),
            sector=str(row["sector"]),
        )
        if match_key is not None:
            # save() sets the exact-match key; bulk_create does not call save().
            site.match_key = match_key(country, name, address)
        # Public ids are 8 random base-32 characters (2**40): among a million, two alike are
        # likely (birthday bound, about 1 in 3), and the unique constraint would end the fill.
        while site.public_id in public_ids:
            site.public_id = type(site)._meta.get_field("public_id").get_default()
        public_ids.add(site.public_id)
        return site

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_s = time.perf_counter() - started
    facilities = read_facilities(work / "facilities.csv")
    started = time.perf_counter()
    with transaction.atomic():
        for start in range(0, len(facilities), 5000):
            chunk = [facility(row) for row in facilities[start : start + 5000]]
            Facility.objects.bulk_create(chunk, batch_size=5000)
    fill_s = time.perf_counter() - started
    data, copies, new, truth = import_list(facilities, seed + 3)
    (work / "import-list.csv").write_bytes(data)
    (work / "import-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return {
        "database": connection.settings_dict["NAME"],
        "migrate_s": migrate_s,
        "fill_s": fill_s,
        "fill_rows_per_s": len(facilities) / fill_s,
        "list_rows": copies + new,
        "expected_copies": copies,
        "expected_new": new,
    }


def worker_import_index() -> dict[str, Any]:
    """`manage.py registry_index` on the filled database, in a process of its own: the index
    built from the database and saved, as on a server before its first import."""
    from django.core.management import call_command

    try:
        from remedyhub.registry.index_store import build_base  # noqa: F401
    except ImportError as error:
        return {"unavailable": f"no index store yet ({error})"}
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    call_command("registry_index", stdout=io.StringIO())
    return {
        "index_from_database_s": time.perf_counter() - started,
        "index_rss_before_mb": rss_before,
        "index_peak_rss_mb": peak_rss_mb(),
    }


def worker_import(work: Path) -> dict[str, Any]:
    """The list import, timed, in a process that loads the saved index like a web worker."""
    try:
        from remedyhub.registry.services import supplier_list_import
    except (ImportError, AttributeError) as error:
        return {"unavailable": f"import benchmark not available yet ({error})"}
    data = (work / "import-list.csv").read_bytes()
    result: dict[str, Any] = {}
    try:
        from remedyhub.registry.index_store import registry_index
    except ImportError:
        pass
    else:
        started = time.perf_counter()
        registry_index()
        result["index_load_s"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        outcome = supplier_list_import(
            data=data,
            filename="bench-supplier-list.csv",
            contributor="Benchmark Brand B.V.",
            contributor_type="brand",
            skip_invalid=True,
        )
    except Exception as error:  # any failure of the code under test is a finding
        result["error"] = repr(error)
        return result
    seconds = time.perf_counter() - started
    counted = (
        "rows",
        "new_facilities",
        "exact_matches",
        "automatic_matches",
        "needs_review",
        "already_decided",
        "invalid",
        "duplicates",
    )
    for name in counted:
        value = getattr(outcome, name, None)
        result[name] = value if isinstance(value, int) else _count(value)
    rows = result.get("rows") or 0
    result.update({"import_s": seconds, "rows_per_s": rows / seconds})
    result["peak_rss_mb"] = peak_rss_mb()
    truth_file = work / "import-truth.json"
    if truth_file.exists():
        result["decisions"] = decisions_checked(json.loads(truth_file.read_text("utf-8")))
    return result


def decisions_checked(truth: list[list[str | None]]) -> dict[str, int]:
    """Each decision of the import against the truth of its row: a match to the right site, to
    a wrong one, a new site that is really a copy (a duplicate in the registry), and for rows
    waiting for a person, whether the right site is among the candidates offered."""
    from remedyhub.registry.models import Facility, MatchDecision

    site_of = {(row[0], (row[1] or "").strip(), (row[2] or "").strip()): row[3] for row in truth}
    counts = dict.fromkeys(
        (
            "matched_right",
            "matched_wrong_site",
            "new_site_matched",
            "new_right",
            "copy_made_new",
            "review_copy_offered",
            "review_copy_not_offered",
            "review_new",
            "unknown_row",
        ),
        0,
    )
    decisions = MatchDecision.objects.select_related("facility")
    pending = []
    for decision in decisions:
        key = (decision.country, decision.name.strip(), decision.address.strip())
        if key not in site_of:
            counts["unknown_row"] += 1
            continue
        true_name = site_of[key]
        if decision.method == MatchDecision.Method.PENDING:
            pending.append((decision, true_name))
        elif decision.method == MatchDecision.Method.NEW:
            counts["new_right" if true_name is None else "copy_made_new"] += 1
        elif true_name is None:
            counts["new_site_matched"] += 1
            by_method = f"new_site_matched_{decision.method}"
            counts[by_method] = counts.get(by_method, 0) + 1
        elif decision.facility is not None and decision.facility.name == true_name:
            counts["matched_right"] += 1
        else:
            counts["matched_wrong_site"] += 1
    offered = {
        facility.pk: facility.name
        for facility in Facility.objects.filter(
            pk__in={c["facility"] for d, _ in pending for c in d.candidates}
        ).only("pk", "name")
    }
    for decision, true_name in pending:
        if true_name is None:
            counts["review_new"] += 1
        elif any(offered.get(c["facility"]) == true_name for c in decision.candidates):
            counts["review_copy_offered"] += 1
        else:
            counts["review_copy_not_offered"] += 1
    return counts


def _count(value: object) -> int | None:
    # ``invalid`` may be a list of rejected rows rather than a number.
    return len(value) if isinstance(value, list | tuple | dict) else None


WORKERS = (
    "prepare",
    "matcher-build",
    "matcher-query",
    "rapidfuzz",
    "pg_trgm",
    "import-fill",
    "import-index",
    "import",
)


def run_worker(args: argparse.Namespace) -> None:
    # A stopped run still drops its PostgreSQL schema: SIGTERM unwinds like an exception.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(args.work_dir)
    if args.worker == "prepare":
        result = worker_prepare(work, args.corpus, args.size, args.queries, args.seed)
    elif args.worker == "matcher-build":
        result = worker_matcher_build(work)
    elif args.worker == "matcher-query":
        result = worker_matcher_query(work, args.baseline_sample, args.seed)
    elif args.worker == "rapidfuzz":
        result = worker_rapidfuzz(work, args.baseline_sample, args.seed)
    elif args.worker == "pg_trgm":
        result = worker_pg_trgm(work, args.baseline_sample, args.seed)
    elif args.worker == "import-fill":
        result = worker_import_fill(work, args.seed)
    elif args.worker == "import-index":
        result = worker_import_index()
    else:
        result = worker_import(work)
    (work / f"{args.worker}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))


# --- the orchestra ---------------------------------------------------------------------------


def spawn(
    args: argparse.Namespace, worker: str, work: Path, corpus: str, size: int, **env: str
) -> dict[str, Any]:
    out = work / f"{worker}.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", worker]
    command += ["--work-dir", str(work), "--corpus", corpus, "--size", str(size)]
    command += ["--queries", str(args.queries), "--seed", str(args.seed)]
    command += ["--baseline-sample", str(args.baseline_sample)]
    started = time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, **env})  # noqa: S603
    try:
        returncode = process.wait()
    except BaseException:
        # Stopped: let the worker unwind (drop its PostgreSQL schema) rather than kill it.
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        raise
    wall_s = time.perf_counter() - started
    if returncode != 0 or not out.exists():
        say(f"    {worker}: failed (exit {returncode}); see the output above")
        return {"error": f"worker exited with {returncode}", "wall_s": wall_s}
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["wall_s"] = wall_s
    if "unavailable" in result:
        say(f"    {worker}: {result['unavailable']}")
    return result


def run_corpus(args: argparse.Namespace, run: dict[str, Any], save: Callable[[], None]) -> None:
    """Fill ``run`` step by step, calling ``save`` after each, so a stopped run keeps its steps."""
    corpus, size = str(run["corpus"]), int(run["size"])
    label = f"{corpus}-{size}" if corpus == "synthetic" else corpus
    work = Path(args.run_dir) / label
    work.mkdir(parents=True)

    def step(key: str, worker: str, holder: dict[str, Any], **env: str) -> dict[str, Any]:
        holder[key] = spawn(args, worker, work, corpus, size, **env)
        save()
        return holder[key]

    say(f"== {label}: preparing the registry and the queries")
    prepared = step("prepare", "prepare", run)
    if "facilities" not in prepared:
        return
    say(
        f"    {prepared['facilities']:,} sites in {prepared['generate_s']:.1f} s; "
        f"queries {prepared['query_sets']}"
    )
    engines: dict[str, Any] = {}
    run["engines"] = engines
    if "matcher" in args.engines:
        say("== matcher: build")
        if "unavailable" not in step("matcher-build", "matcher-build", engines):
            say("== matcher: queries")
            step("matcher", "matcher-query", engines)
    if "rapidfuzz" in args.engines:
        say("== rapidfuzz WRatio brute force")
        step("rapidfuzz", "rapidfuzz", engines)
    if "pg_trgm" in args.engines:
        say("== pg_trgm")
        step("pg_trgm", "pg_trgm", engines)
    if corpus == "synthetic" and not args.skip_import:
        database = VAR_DIR / f"bench-{size}.sqlite3"
        with database_lock():
            for path in database.parent.glob(f"{database.name}*"):
                path.unlink()
            say(f"== import of a {IMPORT_ROWS:,}-row list into {database.name}")
            environment = {
                "DATABASE_URL": f"sqlite:///{database}",
                "DJANGO_DEBUG": "0",  # DEBUG would keep every SQL statement in memory
                # The saved index, keys and media of this throw-away database stay in work/.
                "REMEDYHUB_VAR_DIR": str(work / "var"),
            }
            try:
                # Three processes, so that each peak is its own: the fill holds the generated
                # sites; the index build is `manage.py registry_index`; the import loads the
                # saved index as a web worker would.
                steps: dict[str, Any] = {}
                run["import"] = {}
                for name in ("import-fill", "import-index", "import"):
                    result = spawn(args, name, work, corpus, size, **environment)
                    steps[name] = result
                    wall = {f"{name}_wall_s": result.pop("wall_s", None)}
                    run["import"] = {**run["import"], **result, **wall}
                    save()
                    if "error" in result or "unavailable" in result:
                        break
            finally:
                if not args.keep_work:
                    for path in database.parent.glob(f"{database.name}*"):
                        path.unlink()
    if not args.keep_work:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def database_lock() -> Iterator[None]:
    """One run at a time on var/bench/bench-<size>.sqlite3; other runs wait their turn."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    with (VAR_DIR / ".import.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("    another benchmark run is importing: waiting for it")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    versions: dict[str, str | None] = {}
    for package in ("rapidfuzz", "numpy", "Django", "psycopg"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": model,
        "cpus": os.cpu_count(),
        "memory_gb": round(memory_gb, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


# --- the report ------------------------------------------------------------------------------


def _pct(value: Any) -> str:
    return f"{value:.1%}" if isinstance(value, float) else "-"


def _ms(value: Any) -> str:
    if not isinstance(value, float):
        return "-"
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


def _num(value: Any, digits: int = 1) -> str:
    return f"{value:,.{digits}f}" if isinstance(value, int | float) else "-"


def _engine_rows(run: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(engine title, query set, figures, engine result) for each measured combination."""
    rows = []
    engines = run.get("engines", {})
    for engine in ENGINES:
        result = engines.get(engine, {})
        for set_name, figures in result.get("sets", {}).items():
            rows.append((ENGINE_TITLES[engine], set_name, figures, result))
            if engine == "matcher" and "sample" in figures:
                rows.append((ENGINE_TITLES["matcher-sample"], set_name, figures["sample"], result))
    return rows


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"## Facility matching benchmark, {report['started']}",
        "",
        f"Machine: {report['machine']['cpu']} ({report['machine']['cpus']} CPUs), "
        f"{report['machine']['memory_gb']} GB, Python {report['machine']['python']}; "
        f"packages {report['machine']['packages']}. Top {LIMIT} asked; latency per query after "
        f"{WARM_UP} warm-up queries, one process, one thread.",
        "",
        "| corpus | sites | engine | queries | recall@1 | recall@5 | p50 ms | p95 ms "
        "| build s | peak RSS MB | index MB |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in report["runs"]:
        prepare = run.get("prepare", {})
        sites = _num(prepare.get("facilities"), 0)
        build = run.get("engines", {}).get("matcher-build", {})
        for title, set_name, figures, result in _engine_rows(run):
            queries = str(figures["queries"])
            if figures.get("sampled_from", figures["queries"]) > figures["queries"]:
                queries += f" of {figures['sampled_from']} (random sample)"
            if title.startswith("matcher"):
                build_s, index_mb = build.get("build_s"), build.get("index_mb")
                rss = f"{_num(build.get('build_peak_rss_mb'), 0)} build / "
                rss += f"{_num(result.get('serve_peak_rss_mb'), 0)} serve"
            elif title.startswith("pg_trgm"):
                build_s, index_mb = result.get("build_s"), result.get("trigram_index_mb")
                rss = "(server)"
            else:
                build_s, index_mb = result.get("build_s"), None
                rss = _num(result.get("peak_rss_mb"), 0)
            lines.append(
                f"| {set_name} | {sites} | {title} | {queries} | {_pct(figures['recall_at_1'])} "
                f"| {_pct(figures['recall_at_5'])} | {_ms(figures['p50_ms'])} "
                f"| {_ms(figures['p95_ms'])} | {_num(build_s, 2)} | {rss} | {_num(index_mb)} |"
            )
    kinds = [*synthetic.KINDS, "labelled_match"]
    lines += [
        "",
        "Recall@1 / recall@5 by kind of query:",
        "",
        "| corpus | sites | engine | " + " | ".join(k.replace("_", " ") for k in kinds) + " |",
        "|---|---:|---|" + "---:|" * len(kinds),
    ]
    for run in report["runs"]:
        sites = _num(run.get("prepare", {}).get("facilities"), 0)
        shares = run.get("prepare", {}).get("ambiguous_share_by_kind", {})
        for set_name, by_kind in shares.items():
            cells = [f"{by_kind[kind]:.0%}" if kind in by_kind else "" for kind in kinds]
            title = "*share word-for-word ambiguous*"
            lines.append(f"| {set_name} | {sites} | {title} | " + " | ".join(cells) + " |")
        for title, set_name, figures, _ in _engine_rows(run):
            cells = []
            for kind in kinds:
                cell = figures["by_kind"].get(kind)
                cells.append(
                    f"{cell['recall_at_1']:.0%} / {cell['recall_at_5']:.0%}" if cell else ""
                )
            lines.append(f"| {set_name} | {sites} | {title} | " + " | ".join(cells) + " |")
    imports = [run for run in report["runs"] if "import" in run]
    if imports:
        lines += [
            "",
            f"Import of a {IMPORT_ROWS:,}-row supplier list ({IMPORT_COPY_SHARE:.0%} noisy copies "
            "of registered sites, the rest new) into SQLite, `supplier_list_import`:",
            "",
            "| sites | rows/s | seconds | new | exact | automatic | needs review | invalid "
            "| duplicates | expected new / copies | index from DB s | index peak MiB "
            "| import peak MiB | fill rows/s |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for run in imports:
            result = run["import"]
            if "rows_per_s" not in result:
                reason = result.get("unavailable") or result.get("error", "failed")
                lines.append(f"| {_num(run['size'], 0)} | {reason} |" + " |" * 12)
                continue
            counts = (
                "new_facilities",
                "exact_matches",
                "automatic_matches",
                "needs_review",
                "invalid",
                "duplicates",
            )
            lines.append(
                f"| {_num(run['size'], 0)} | {_num(result['rows_per_s'], 0)} "
                f"| {_num(result['import_s'])} | "
                + " | ".join(str(result.get(name, "-")) for name in counts)
                + f" | {result['expected_new']} / {result['expected_copies']} "
                f"| {_num(result.get('index_from_database_s'))} "
                f"| {_num(result.get('index_peak_rss_mb'), 0)} "
                f"| {_num(result.get('peak_rss_mb'), 0)} "
                f"| {_num(result.get('fill_rows_per_s'), 0)} |"
            )
    checked = [
        (run["size"], run["import"]["decisions"])
        for run in report["runs"]
        if isinstance(run.get("import"), dict) and "decisions" in run["import"]
    ]
    if checked:
        lines += [
            "",
            "Each decision of the import against the truth of its row:",
            "",
            "| sites | matched right | matched to a wrong site | new site matched | new, right "
            "| copy made new (duplicate) | review: copy, right site offered | review: copy, "
            "not offered | review: new site |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size, d in checked:
            lines.append(
                f"| {_num(size, 0)} | {d['matched_right']} | {d['matched_wrong_site']} "
                f"| {d['new_site_matched']} | {d['new_right']} | {d['copy_made_new']} "
                f"| {d['review_copy_offered']} | {d['review_copy_not_offered']} "
                f"| {d['review_new']} |"
            )
    lines += ["", "Notes:", ""]
    for run in report["runs"]:
        prepare = run.get("prepare", {})
        if run["corpus"] == "synthetic" and "generate_s" in prepare:
            lines.append(
                f"- synthetic {prepare['facilities']:,} sites in {prepare['countries']} countries "
                f"generated in {prepare['generate_s']:.1f} s."
            )
        lines += [f"- {note}" for note in prepare.get("notes", [])]
        for name, result in [("prepare", prepare), *run.get("engines", {}).items()]:
            if "unavailable" in result or "error" in result:
                reason = result.get("unavailable") or result.get("error")
                lines.append(f"- {run['corpus']} {_num(run['size'], 0)}, {name}: {reason}")
    lines += report.get("notes", [])
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="registry sizes")
    parser.add_argument("--queries", type=int, default=1000, help="queries per corpus")
    parser.add_argument("--skip-import", action="store_true", help="skip the import benchmark")
    parser.add_argument(
        "--quick", action="store_true", help="10,000 sites and 300 queries, no import"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=200,
        help=f"from {LARGE:,} sites on, the baselines time this random sample of the queries",
    )
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="comma-separated subset of " + ",".join(ENGINES),
    )
    parser.add_argument("--no-osh", action="store_true", help="skip the Open Supply Hub corpus")
    parser.add_argument("--keep-work", action="store_true", help="keep var/bench/work and DBs")
    parser.add_argument("--worker", choices=WORKERS, help=argparse.SUPPRESS)
    parser.add_argument("--work-dir", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default="synthetic", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.queries, args.skip_import = "10000", 300, True
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(args.engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        run_worker(args)
        return 0
    started = datetime.now()
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    report: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "arguments": {
            k: v
            for k, v in vars(args).items()
            if k not in {"worker", "work_dir", "run_dir", "corpus", "size"}
        },
        "machine": machine(),
        "runs": [],
        "notes": [],
    }
    # Each run has work directories of its own, so that two runs never delete each other's.
    args.run_dir = str(VAR_DIR / "work" / f"{started:%Y%m%d-%H%M%S}-{os.getpid()}")
    clock = time.perf_counter()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / f"matching-{started:%Y%m%d-%H%M%S}.json"

    def save(complete: bool) -> None:
        # Written after every corpus, so that a stopped run keeps what it has measured.
        report["complete"] = complete
        report["total_s"] = time.perf_counter() - clock
        report["markdown"] = markdown(report)
        path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")

    corpus_runs: list[tuple[str, int]] = [("synthetic", size) for size in sizes]
    if args.no_osh:
        pass
    elif corpora.osh_directory() is None:
        looked = " or ".join(str(path) for path in corpora.osh_candidates())
        message = (
            f"- Open Supply Hub lists not found in {looked} (REMEDYHUB_SHARED_DATA names the "
            "shared data directory that holds osh/): skipped that corpus."
        )
        say(message[2:])
        report["notes"].append(message)
    else:
        corpus_runs.append(("osh", 0))
        report["notes"].append(f"- Real lists: {corpora.SOURCE}.")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        for corpus, size in corpus_runs:
            run: dict[str, Any] = {"corpus": corpus, "size": size}
            report["runs"].append(run)
            run_corpus(args, run, lambda: save(complete=False))
    except (KeyboardInterrupt, SystemExit):
        report["notes"].append("- Stopped before the end: the tables hold what was measured.")
        save(complete=False)
        say(f"stopped; what was measured is in {path}")
        raise
    finally:
        if not args.keep_work:
            shutil.rmtree(args.run_dir, ignore_errors=True)
    report["notes"].append(f"- Whole run: {(time.perf_counter() - clock) / 60:.1f} min.")
    save(complete=True)
    print(report["markdown"])
    print(f"\nJSON: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
