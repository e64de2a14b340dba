"""Benchmark of complaint intake over HTTP (make bench-intake).

The real server (gunicorn) on loopback with a database of its own; many concurrent submitters
post complaints to ``POST /api/v1/complaints/`` with an ``Idempotency-Key`` each, some twice at
once, some dropped after sending and retried, while one gunicorn worker is killed with SIGKILL.
Afterwards the database is read: every complaint the client sent must be stored exactly once
(lost and duplicated must be 0), and every answer for one key must carry the same reference and
receipt.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import hmac
import http.client
import json
import os
import platform
import queue
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("REMEDYHUB_VAR_DIR", ROOT / "var")) / "bench"
ENDPOINT = "/api/v1/complaints/"
FOLLOW_UP = "/api/v1/follow-up/"
FAULTS = ("none", "duplicate", "abort", "timeout")
# A deliberate client timeout shorter than any answer: the receipt's Argon2id digest alone takes
# about 20 ms, so the client always gives up before the server has answered.
FAULT_TIMEOUT_S = 0.005
REQUEST_TIMEOUT_S = 60.0
BACKOFF_BASE_S = 0.1
BACKOFF_CAP_S = 5.0
RECEIPT_SAMPLE = 20
TRACE_LINES = 24
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Inherited settings that would send keys, media or the database outside the work directory.
SCRUBBED_ENV = (
    "DATABASE_URL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "REMEDYHUB_RECEIPT_KEY",
    "REMEDYHUB_RECEIPT_KEY_FILE",
    "REMEDYHUB_ENCRYPTION_KEYS",
    "REMEDYHUB_ENCRYPTION_KEY_FILE",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_DEBUG",
)

DESCRIPTIONS = (
    "{n} workers were dismissed after they joined the union at the {site} factory.",
    "Wages for {month} have not been paid to about {n} sewing operators; the supervisor says "
    "the buyer paid late.",
    "The emergency exit on the {floor} floor is locked during the night shift and {n} people "
    "work there.",
    "Women on the finishing line are shouted at and touched by the line chief; {n} of us "
    "complained and nothing happened.",
    "Les {n} ouvriers de l'atelier de teinture respirent des vapeurs sans masque depuis {month}.",
    "Despidieron a {n} trabajadoras embarazadas de la planta de {site} sin pagarles nada.",
    "কারখানায় {n} জন শ্রমিককে ওভারটাইমের টাকা দেওয়া হয়নি, প্রতিদিন চৌদ্দ ঘণ্টা কাজ করতে হয়।",
    "De fabriek loost afvalwater in de rivier; {n} gezinnen in het dorp hebben geen schoon water.",
)
SITES = ("Tongi", "Ashulia", "Gazipur", "Tiruppur", "Dong Nai", "Bursa", "San Pedro Sula")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
FLOORS = ("second", "third", "fourth", "fifth")
COUNTRIES = ("BD", "IN", "VN", "TR", "KH", "PK", "HN", "MX", "ET", "CN")
ISSUES = (
    "unfair_dismissal",
    "wages",
    "working_hours",
    "health_and_safety",
    "harassment_gbv",
    "freedom_of_association",
    "pollution",
    "water",
)
REPORTER_TYPES = ("union", "ngo", "affected_person", "community_member")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def submission_key(key: str) -> str:
    """``remedyhub.intake.receipts.submission_key`` of an anonymous API call's seed."""
    return hashlib.sha256(b"submission\x00" + f"api:public:{key}".encode()).hexdigest()


def derived_receipt(receipt_key: bytes, key: str) -> str:
    """``remedyhub.intake.receipts.derive``: the code the server must answer for this key."""
    seed = f"api:public:{key}".encode()
    mac = hmac.new(receipt_key, b"receipt-code\x00" + seed, hashlib.sha256).digest()
    code = f"{int.from_bytes(mac, 'big') % 10**16:016d}"
    return " ".join(code[i : i + 4] for i in range(0, 16, 4))


def percentile(values: Sequence[float], percent: int) -> float | None:
    if not values:
        return None
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


# --- the plan ---------------------------------------------------------------------------------


@dataclass
class Planned:
    index: int
    key: str
    body: bytes
    fault: str


def plan(count: int, shares: dict[str, float], seed: int) -> list[Planned]:
    """``count`` complaints, each with a random Idempotency-Key and a fault drawn in exact
    proportions (the shares are rounded to whole complaints), in a shuffled order."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    faults: list[str] = []
    for fault, share in shares.items():
        faults += [fault] * round(count * share)
    faults = (faults + ["none"] * count)[:count]
    rng.shuffle(faults)
    planned = []
    for index, fault in enumerate(faults):
        n = rng.randint(3, 400)
        description = rng.choice(DESCRIPTIONS).format(
            n=n, site=rng.choice(SITES), month=rng.choice(MONTHS), floor=rng.choice(FLOORS)
        )
        body = {
            "description": f"{description} (bench complaint {index})",
            "country": rng.choice(COUNTRIES),
            "issues": rng.sample(ISSUES, rng.randint(1, 3)),
            "reporter_type": rng.choice(REPORTER_TYPES),
            "organisation": f"Bench organisation {rng.randint(1, 50)}",
            "affected_count": n,
            "anonymous": True,
        }
        planned.append(
            Planned(
                index=index,
                # Random per run, as a partner's client would draw it: 32 characters.
                key=secrets.token_urlsafe(24),
                body=json.dumps(body, ensure_ascii=False).encode(),
                fault=fault,
            )
        )
    return planned


# --- the client -------------------------------------------------------------------------------


@dataclass
class Outcome:
    """Everything the client saw for one Idempotency-Key (one or two sends, each retried)."""

    fault: str
    sends: int = 0
    sends_answered: int = 0
    sends_given_up: int = 0
    attempts: int = 0
    answers: list[tuple[str, str, bool]] = field(default_factory=list)
    first_sent: float | None = None
    answered_at: float | None = None


@dataclass
class Attempt:
    status: int | None  # None: no HTTP answer
    error: str | None
    latency_s: float
    body: dict[str, Any] | None = None
    replayed: bool = False


class Client:
    def __init__(self, port: int, args: argparse.Namespace, seed: int) -> None:
        self.port = port
        self.args = args
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.outcomes: dict[str, Outcome] = {}
        self.latencies_created: list[float] = []
        self.latencies_replayed: list[float] = []
        self.end_to_end: list[float] = []
        self.errors: Counter[str] = Counter()
        self.statuses: Counter[str] = Counter()
        self.faults_done: Counter[str] = Counter()
        self.retries = 0
        self.requests = 0
        self.completed = 0
        self.rng = random.Random(seed)  # noqa: S311 - jitter, not secrets

    # One attempt: a fresh connection each time (as a partner's client posting now and then),
    # so that a killed worker or a dropped socket affects only the attempts that were on it.
    def attempt(self, planned: Planned, fault: str | None) -> Attempt:
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_S)
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Idempotency-Key": planned.key,
        }
        try:
            connection.request("POST", ENDPOINT, body=planned.body, headers=headers)
            if fault == "abort":
                # Close the socket right after the request has been sent, without reading.
                return Attempt(None, "abort (deliberate)", time.perf_counter() - started)
            if fault == "timeout":
                assert connection.sock is not None  # noqa: S101 - request() has connected
                connection.sock.settimeout(FAULT_TIMEOUT_S)
            response = connection.getresponse()
            raw = response.read()
            latency = time.perf_counter() - started
            body = None
            with contextlib.suppress(ValueError):
                body = json.loads(raw)
            replayed = response.getheader("Idempotent-Replayed") == "true"
            return Attempt(response.status, None, latency, body, replayed)
        except TimeoutError:
            kind = "timeout (deliberate)" if fault == "timeout" else "client timeout"
            return Attempt(None, kind, time.perf_counter() - started)
        except ConnectionRefusedError:
            return Attempt(None, "connection refused", time.perf_counter() - started)
        except ConnectionResetError:
            return Attempt(None, "connection reset", time.perf_counter() - started)
        except BrokenPipeError:
            return Attempt(None, "broken pipe", time.perf_counter() - started)
        except http.client.RemoteDisconnected:
            return Attempt(None, "closed without answer", time.perf_counter() - started)
        except (OSError, http.client.HTTPException) as error:
            return Attempt(None, type(error).__name__, time.perf_counter() - started)
        finally:
            connection.close()

    def send(self, planned: Planned, outcome: Outcome) -> None:
        """One send of a complaint: retried with the same key until it has an answer."""
        with self.lock:
            outcome.sends += 1
            if outcome.first_sent is None:
                outcome.first_sent = time.perf_counter()
        tries = 0
        while True:
            tries += 1
            fault = planned.fault if tries == 1 and planned.fault in ("abort", "timeout") else None
            result = self.attempt(planned, fault)
            with self.lock:
                self.requests += 1
                outcome.attempts += 1
                if tries > 1:
                    self.retries += 1
                if result.status is not None:
                    self.statuses[str(result.status)] += 1
                if result.error:
                    self.errors[result.error] += 1
                    if "deliberate" in result.error:
                        self.faults_done[planned.fault] += 1
            if result.status == 201 and result.body:
                answer = (
                    str(result.body.get("reference")),
                    str(result.body.get("receipt")),
                    result.replayed,
                )
                with self.lock:
                    outcome.answers.append(answer)
                    outcome.sends_answered += 1
                    if outcome.answered_at is None:
                        outcome.answered_at = time.perf_counter()
                        self.end_to_end.append(outcome.answered_at - (outcome.first_sent or 0))
                    chosen = self.latencies_replayed if result.replayed else self.latencies_created
                    chosen.append(result.latency_s)
                return
            retryable = result.status is None or result.status >= 500 or result.status == 429
            if not retryable or tries > self.args.retries or self.stop.is_set():
                with self.lock:
                    outcome.sends_given_up += 1
                    if result.status is not None and not retryable:
                        self.errors[f"gave up on HTTP {result.status}"] += 1
                    else:
                        self.errors["gave up after retries"] += 1
                return
            # Exponential backoff with jitter; the first retry of a deliberate fault comes
            # quickly, so that it often meets the first request still being processed.
            delay = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** (tries - 1))
            with self.lock:
                delay *= self.rng.uniform(0.5, 1.0)
            if self.stop.wait(delay):
                continue  # stopping: one last try is made, then the loop gives up

    def submitter(
        self, jobs: queue.Queue[tuple[Planned, threading.Barrier | None]], deadline: float
    ) -> None:
        while not self.stop.is_set() and time.perf_counter() < deadline:
            try:
                planned, barrier = jobs.get_nowait()
            except queue.Empty:
                return
            with self.lock:
                outcome = self.outcomes.setdefault(planned.key, Outcome(planned.fault))
            if barrier is not None:
                # The two sends of a duplicate leave together, from two threads.
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait(timeout=10)
            self.send(planned, outcome)
            if barrier is not None:
                with self.lock:
                    self.faults_done["duplicate"] += 1
            with self.lock:
                self.completed += 1


def run_load(
    client: Client, planned: Sequence[Planned], submitters: int, time_limit: float
) -> tuple[float, float]:
    """All the sends through ``submitters`` threads; returns the wall times of start and end."""
    jobs: queue.Queue[tuple[Planned, threading.Barrier | None]] = queue.Queue()
    for item in planned:
        if item.fault == "duplicate":
            barrier = threading.Barrier(2)
            jobs.put((item, barrier))
            jobs.put((item, barrier))
        else:
            jobs.put((item, None))
    started = time.perf_counter()
    deadline = started + time_limit
    threads = [
        threading.Thread(target=client.submitter, args=(jobs, deadline), daemon=True)
        for _ in range(submitters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=0.5)
    return started, time.perf_counter()


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_cpu_s(pid: int) -> float | None:
    """User and system CPU seconds of a running process, from /proc/<pid>/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def server_cpu(master: int) -> dict[int, float]:
    """CPU seconds of the gunicorn master and each of its workers."""
    times = {pid: process_cpu_s(pid) for pid in (master, *worker_pids(master))}
    return {pid: value for pid, value in times.items() if value is not None}


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's child processes (its workers), from /proc."""
    path = Path(f"/proc/{master}/task/{master}/children")
    try:
        return [int(pid) for pid in path.read_text().split()]
    except OSError:
        return []


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def wait_ready(self, timeout: float = 90) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}:\n{tail(self.log)}"
                )
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, _ = get(self.port, "/healthz")
                if status == 200:
                    return time.perf_counter() - started
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz in {timeout} s:\n{tail(self.log)}")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        # SIGTERM to the master: a graceful stop that lets running requests finish.
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # its own session: our processes
            self.process.wait()


def tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def server_env(work: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env.update(
        DJANGO_ENV="development",
        # As in production: DEBUG would keep every SQL statement and answer errors with pages.
        DJANGO_DEBUG="0",
        DJANGO_SETTINGS_MODULE="remedyhub.conf.settings",
        REMEDYHUB_VAR_DIR=str(work),
        REMEDYHUB_ENV_FILE="",  # the checkout's .env must not add settings to this server
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(work / "media"),
        LOG_LEVEL="WARNING",  # errors and their tracebacks, not one line per complaint
        PYTHONUNBUFFERED="1",
    )
    return env


def migrate(env: dict[str, str], work: Path) -> float:
    started = time.perf_counter()
    log = work / "migrate.log"
    with log.open("wb") as handle:
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input"],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"migrate failed ({result.returncode}):\n{tail(log)}")
    return time.perf_counter() - started


def start_server(env: dict[str, str], work: Path, workers: int, threads: int) -> Server:
    port = free_port()
    log = work / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:remedyhub.conf.gunicorn",
        "remedyhub.conf.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--graceful-timeout",
        "20",
        "--error-logfile",
        "-",  # with Django's log (standard error) in one file
        # The default control socket is one path for the whole machine; two runs would clash.
        "--no-control-socket",
    ]
    with log.open("ab") as handle:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
            command,
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own, stopped as a whole at the end
        )
    return Server(process, port, log)


def kill_worker_when(
    server: Server, client: Client, after: int, deadline: float, record: dict[str, Any]
) -> None:
    """SIGKILL one gunicorn worker once ``after`` sends are done; time the master's restart."""
    while client.completed < after and time.perf_counter() < deadline:
        if client.stop.wait(0.05):
            return
    before = worker_pids(server.process.pid)
    if not before:
        record["error"] = "no gunicorn worker found"
        return
    victim = before[0]
    record["victim_cpu_s"] = process_cpu_s(victim)
    killed_at = time.perf_counter()
    os.kill(victim, signal.SIGKILL)
    record.update(pid=victim, after_sends=client.completed, at=killed_at)
    say(f"   killed gunicorn worker {victim} (SIGKILL) after {client.completed:,} sends")
    while time.perf_counter() - killed_at < 60:
        new = set(worker_pids(server.process.pid)) - set(before)
        if new:
            record["replacement_pid"] = sorted(new)[0]
            record["replacement_after_s"] = time.perf_counter() - killed_at
            return
        time.sleep(0.02)
    record["error"] = "the master started no new worker within 60 s"


LOG_RECORD = re.compile(r"^\[?\d{4}-\d{2}-\d{2}")
LOG_EVENTS = (
    "Internal Server Error",
    "WORKER TIMEOUT",
    "was sent SIGKILL",
    "Booting worker",
    "database is locked",
    "Error handling request",
)


def server_errors(log: Path) -> dict[str, Any]:
    """Tracebacks and worker events in the server's log: gunicorn's own lines and Django's
    (which logs every 5xx with its traceback). A record is a dated line and what follows it."""
    if not log.exists():
        return {"tracebacks": [], "events": {}}
    records: list[list[str]] = []
    for line in log.read_text(errors="replace").splitlines():
        if LOG_RECORD.match(line) or not records:
            records.append([line])
        else:
            records[-1].append(line)
    events: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    distinct: dict[str, str] = {}
    for record in records:
        text = "\n".join(record)
        for marker in LOG_EVENTS:
            if marker in text:
                events[marker] += 1
        if any(line.startswith("Traceback") for line in record):
            # Distinct by the error and the project's innermost frame that raised it.
            last = next(line for line in reversed(record) if line.strip())
            ours = [line.strip() for line in record if "/remedyhub/" in line and "File" in line]
            where = f" ({ours[-1]})" if ours else ""
            errors[last + where] += 1
            distinct.setdefault(last + where, "\n".join(record))
    return {
        "tracebacks": list(distinct.values())[:5],
        "errors": dict(errors.most_common(20)),
        "events": dict(events),
    }


# --- the database -----------------------------------------------------------------------------


@contextlib.contextmanager
def database(args: argparse.Namespace, work: Path, stamp: str) -> Iterator[str]:
    """The URL of a fresh database: a SQLite file in the work directory, or a PostgreSQL
    database created for this run on the server of ``--database-url`` and dropped after."""
    if not args.database_url or args.database_url.startswith("sqlite"):
        yield f"sqlite:///{work / 'intake.sqlite3'}"
        return
    parts = urlsplit(args.database_url)
    name = f"remedyhub_bench_intake_{stamp.replace('-', '_')}_{os.getpid()}"
    maintenance = urlunsplit(parts._replace(path="/" + (parts.path.strip("/") or "postgres")))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        if not args.keep_work:
            with psycopg.connect(maintenance, autocommit=True) as connection:
                drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                connection.execute(drop.format(sql.Identifier(name)))


COMPLAINT_ROWS = """
    SELECT c.submission_key, c.reference, c.receipt_digest,
           (SELECT COUNT(*) FROM intake_message m
            WHERE m.complaint_id = c.id AND m.kind = 'acknowledgement') AS acknowledgements
    FROM intake_complaint c
"""


def read_complaints(database_url: str) -> list[tuple[str, str | None, str, int]]:
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as connection:
            return list(connection.execute(COMPLAINT_ROWS))
    with psycopg.connect(database_url) as connection:
        return list(connection.execute(COMPLAINT_ROWS).fetchall())


def check(
    client: Client,
    planned: Sequence[Planned],
    rows: Sequence[tuple[str, str | None, str, int]],
    receipt_key: bytes | None,
) -> dict[str, Any]:
    """Lost, duplicated and inconsistent complaints, from the client's record and the rows."""
    by_submission: dict[str, list[tuple[str | None, str, int]]] = defaultdict(list)
    for key, reference, digest, acknowledgements in rows:
        by_submission[key].append((reference, digest, acknowledgements))
    sent = {item.key: item for item in planned if item.key in client.outcomes}
    wanted = {submission_key(key): key for key in sent}
    not_stored = [key for key in sent if submission_key(key) not in by_submission]
    no_receipt = [key for key, outcome in client.outcomes.items() if not outcome.answers]
    stored_twice = [key for key in sent if len(by_submission.get(submission_key(key), ())) > 1]
    strangers = [skey for skey in by_submission if skey not in wanted]
    inconsistent: list[dict[str, Any]] = []
    wrong_receipt = 0
    created_twice = 0
    for key, outcome in client.outcomes.items():
        answers = {(reference, receipt) for reference, receipt, _ in outcome.answers}
        stored = by_submission.get(submission_key(key), [])
        stored_reference = stored[0][0] if stored else None
        if len(answers) > 1 or any(ref != stored_reference for ref, _ in answers):
            inconsistent.append(
                {"key": key, "answers": sorted(answers), "stored": stored_reference}
            )
        if receipt_key is not None and any(
            receipt != derived_receipt(receipt_key, key) for _, receipt in answers
        ):
            wrong_receipt += 1
        if sum(not replayed for _, _, replayed in outcome.answers) > 1:
            created_twice += 1
    incomplete = sum(
        1
        for entries in by_submission.values()
        for reference, _, acknowledgements in entries
        if reference is None or acknowledgements != 1
    )
    lost = set(not_stored) | set(no_receipt)
    return {
        "planned": len(planned),
        "sent": len(sent),
        "not_sent_time_limit": len(planned) - len(sent),
        "rows": len(rows),
        "stored": len(sent) - len(not_stored),
        "lost": len(lost),
        "lost_not_stored": len(not_stored),
        "lost_no_receipt": len(no_receipt),
        "duplicated": len(stored_twice) + len(strangers),
        "duplicated_same_key": len(stored_twice),
        "duplicated_unknown_key": len(strangers),
        "inconsistent_answers": len(inconsistent),
        "inconsistent_examples": inconsistent[:5],
        "receipt_not_derived_from_key": wrong_receipt if receipt_key is not None else None,
        "answered_created_twice": created_twice,
        "incomplete": incomplete,
        "lost_examples": sorted(lost)[:5],
    }


def receipts_open(client: Client, port: int, sample: int, seed: int) -> dict[str, Any]:
    """A sample of the receipts the client got must open their complaint's follow-up page."""
    answered = [
        (outcome.answers[0][0], outcome.answers[0][1])
        for outcome in client.outcomes.values()
        if outcome.answers
    ]
    chosen = random.Random(seed).sample(answered, min(sample, len(answered)))  # noqa: S311
    opened = 0
    failures: list[str] = []
    for reference, receipt in chosen:
        try:
            status, raw = get(port, FOLLOW_UP, {"X-Receipt": receipt})
            if status == 200 and json.loads(raw).get("reference") == reference:
                opened += 1
            else:
                failures.append(f"{reference}: HTTP {status}")
        except (OSError, http.client.HTTPException, ValueError) as error:
            failures.append(f"{reference}: {type(error).__name__}")
    return {"tried": len(chosen), "opened": opened, "failures": failures[:5]}


# --- the machine ------------------------------------------------------------------------------


def cpu_times() -> tuple[int, int]:
    """Busy and total jiffies of the whole machine, from /proc/stat."""
    with contextlib.suppress(OSError):
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return sum(fields) - idle, sum(fields)
    return 0, 0


def load_average() -> list[float]:
    with contextlib.suppress(OSError):
        return [float(v) for v in Path("/proc/loadavg").read_text().split()[:3]]
    return []


def argon2_ms() -> float | None:
    """The time of one receipt digest (the server's parameters) in this process: the fastest of
    5, the best estimate of its cost on a core of its own when the machine is busy."""
    try:
        from argon2.low_level import Type, hash_secret_raw
    except ImportError:
        return None
    times = []
    for _ in range(5):
        started = time.perf_counter()
        hash_secret_raw(
            secret=b"1234567890123456",
            salt=b"0123456789abcdef",
            time_cost=2,
            memory_cost=19 * 1024,
            parallelism=1,
            hash_len=32,
            type=Type.ID,
        )
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions: dict[str, str | None] = {}
    for package in ("Django", "djangorestframework", "gunicorn", "argon2-cffi", "psycopg"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": model,
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


# --- the report -------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:,.0f}"


def markdown(report: dict[str, Any]) -> str:
    a, load, checks = report["arguments"], report.get("load", {}), report.get("checks", {})
    backend = "PostgreSQL" if report.get("database", "").startswith("postgres") else "SQLite"
    lines = [
        f"## Intake: {a['complaints']:,} complaints, {a['submitters']} submitters, gunicorn "
        f"{a['workers']} workers x {a['threads']} threads, {backend}",
        "",
    ]
    if not load:
        lines.append("Nothing was measured: " + report.get("error", "stopped before the end."))
        return "\n".join(lines)
    lines += [
        "| submissions/s | requests/s | p50 ms | p95 ms | p99 ms | load s | stored | lost "
        "| duplicated |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {load['submissions_per_s']:.1f} | {load['requests_per_s']:.1f} "
        f"| {_ms(load['latency_s']['p50'])} | {_ms(load['latency_s']['p95'])} "
        f"| {_ms(load['latency_s']['p99'])} | {load['wall_s']:.1f} "
        f"| {checks.get('stored', '-'):,} | **{checks.get('lost', '-')}** "
        f"| **{checks.get('duplicated', '-')}** |",
        "",
        "Latency: one successful request (201), connect to the last byte of the answer; "
        f"new complaints p95 {_ms(load['latency_created_s']['p95'])} ms, replays p95 "
        f"{_ms(load['latency_replayed_s']['p95'])} ms. From the first send of a complaint to "
        f"its receipt in hand, retries and backoff included: p50 "
        f"{_ms(load['end_to_end_s']['p50'])} ms, p95 {_ms(load['end_to_end_s']['p95'])} ms, "
        f"max {_ms(load['end_to_end_s']['max'])} ms.",
        "",
        "| what | count |",
        "|---|---:|",
    ]
    faults = load["faults"]
    rows = [
        ("complaints sent (distinct keys)", checks.get("sent")),
        ("not sent: time limit reached", checks.get("not_sent_time_limit")),
        ("requests (every attempt)", load["requests"]),
        ("sent twice at once (duplicate sends, pairs)", faults.get("duplicate", 0) // 2),
        ("closed right after sending, then retried", faults.get("abort", 0)),
        (
            f"client timeout ({FAULT_TIMEOUT_S * 1000:.0f} ms), then retried",
            faults.get("timeout", 0),
        ),
        ("retries (same key)", load["retries"]),
        ("answers 201 new", load["created_answers"]),
        ("answers 201 replayed (`Idempotent-Replayed: true`)", load["replayed_answers"]),
        ("lost: sent, not stored", checks.get("lost_not_stored")),
        ("lost: no receipt reached the client", checks.get("lost_no_receipt")),
        ("duplicated: one key stored twice", checks.get("duplicated_same_key")),
        ("duplicated: stored with a key nobody sent", checks.get("duplicated_unknown_key")),
        (
            "answers for one key that differ (reference or receipt)",
            checks.get("inconsistent_answers"),
        ),
        ("receipts not derived from their key", checks.get("receipt_not_derived_from_key")),
        ("keys answered 'new' twice", checks.get("answered_created_twice")),
        ("complaints without reference or acknowledgement", checks.get("incomplete")),
    ]
    sample = report.get("receipts_open")
    if sample:
        rows.append(
            (f"receipts that open their complaint (sample of {sample['tried']})", sample["opened"])
        )
    lines += [f"| {name} | {'-' if value is None else value} |" for name, value in rows]
    lines += ["", "Answers and errors by kind (every attempt):", ""]
    lines += ["| kind | count |", "|---|---:|"]
    for status, count in sorted(load["statuses"].items()):
        lines.append(f"| HTTP {status} | {count} |")
    for error, count in sorted(load["errors"].items(), key=lambda item: -item[1]):
        lines.append(f"| {error} | {count} |")
    kill = report.get("kill_worker")
    lines += ["", "Notes:", ""]
    if kill and "pid" in kill:
        restart = kill.get("replacement_after_s")
        lines.append(
            f"- Worker {kill['pid']} was killed (SIGKILL) after {kill['after_sends']:,} sends, "
            f"{kill['at'] - load['started']:.1f} s into the load; the master started worker "
            f"{kill.get('replacement_pid', '?')} "
            + (f"{restart:.2f} s later." if restart is not None else "(not seen).")
        )
    elif kill:
        lines.append(f"- Worker kill: {kill.get('error', 'not done')}.")
    else:
        lines.append("- No worker was killed (`--no-kill-worker`).")
    server = report.get("server", {})
    events = server.get("events", {})
    if events:
        lines.append(
            "- gunicorn's log: " + ", ".join(f"{k}: {v}" for k, v in sorted(events.items())) + "."
        )
    for error, count in server.get("errors", {}).items():
        lines.append(f"- Server error {count} times: `{error}`")
    for trace in server.get("tracebacks", []):
        # The end of each distinct traceback (the whole of it is in the JSON).
        lines += ["- Server traceback (end):", "", "```", *trace.splitlines()[-TRACE_LINES:], "```"]
    machine_load = report.get("machine_load", {})
    argon = report.get("argon2_ms")
    cpus = report["machine"]["cpus"]
    if argon:
        lines.append(
            f"- One Argon2id receipt digest (19 MiB, 2 passes) takes {argon:.0f} ms here (fastest "
            f"of 5, in the client before the load): alone it would hold {cpus} cores to about "
            f"{cpus * 1000 / argon:.0f} new complaints/s."
        )
    if machine_load:
        lines.append(
            f"- Machine CPU busy {machine_load['busy_share']:.0%} during the load "
            f"(all processes); load average {machine_load['before']} before, "
            f"{machine_load['after']} after; the client itself used "
            f"{machine_load['client_cpu_s']:.1f} CPU s."
        )
        per_complaint = machine_load["server_cpu_s"] / max(checks.get("stored") or 0, 1)
        lines.append(
            f"- gunicorn used {machine_load['server_cpu_s']:.1f} CPU s during the load "
            f"({machine_load['server_cpu_s'] / load['wall_s']:.2f} cores on average): "
            f"{per_complaint * 1000:.0f} ms per stored complaint, replays, dropped attempts and "
            f"the restarted worker's start included, so {cpus} free cores would take at most "
            f"about {cpus / per_complaint:.0f} submissions/s."
        )
    lines.append(
        f"- Setup: migrate {report.get('migrate_s', 0):.1f} s, gunicorn ready in "
        f"{report.get('server_ready_s', 0):.1f} s; {report.get('warm_up', 0)} warm-up "
        "complaints first (checked, not timed)."
    )
    lines += [f"- {note}" for note in report.get("notes", [])]
    return "\n".join(lines)


# --- the run ----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=2000, help="distinct complaints")
    parser.add_argument("--submitters", type=int, default=32, help="concurrent client threads")
    parser.add_argument("--time-limit", type=float, default=300, help="seconds of load at most")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--duplicate-share", type=float, default=0.2, help="sent twice at once")
    parser.add_argument(
        "--abort-share", type=float, default=0.1, help="socket closed after sending, retried"
    )
    parser.add_argument(
        "--timeout-share", type=float, default=0.1, help="client timeout, then retried"
    )
    parser.add_argument("--retries", type=int, default=8, help="retries of one send at most")
    parser.add_argument(
        "--kill-worker",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="SIGKILL one gunicorn worker 40%% into the load (default: on)",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="postgres://user@host:port/db: create a fresh database on that server (db is the "
        "one to connect to for CREATE DATABASE) and drop it after; default a SQLite file",
    )
    parser.add_argument("--quick", action="store_true", help="200 complaints, 8 submitters")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep-work", action="store_true", help="keep the work dir (and db)")
    args = parser.parse_args(argv)
    if args.quick:
        args.complaints, args.submitters = 200, 8
    if args.complaints < 1 or args.submitters < 1 or args.workers < 1 or args.threads < 1:
        parser.error("--complaints, --submitters, --workers and --threads must be at least 1")
    if args.duplicate_share + args.abort_share + args.timeout_share > 1:
        parser.error("the fault shares add up to more than 1")
    return args


def summarise_load(client: Client, started: float, ended: float, stored: int) -> dict[str, Any]:
    wall = max(ended - started, 1e-9)
    both = client.latencies_created + client.latencies_replayed

    def spread(values: Sequence[float]) -> dict[str, float | None]:
        return {
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
            "p99": percentile(values, 99),
            "max": max(values) if values else None,
        }

    return {
        "started": started,
        "wall_s": wall,
        "submissions_per_s": stored / wall,
        "requests_per_s": client.requests / wall,
        "requests": client.requests,
        "retries": client.retries,
        "created_answers": len(client.latencies_created),
        "replayed_answers": len(client.latencies_replayed),
        "latency_s": spread(both),
        "latency_created_s": spread(client.latencies_created),
        "latency_replayed_s": spread(client.latencies_replayed),
        "end_to_end_s": spread(client.end_to_end),
        "statuses": dict(client.statuses),
        "errors": dict(client.errors),
        "faults": dict(client.faults_done),
    }


def warm_up(port: int, args: argparse.Namespace, count: int) -> tuple[Client, list[Planned]]:
    """A few complaints before the clock starts: each worker loads its language detector and
    receipt key on the first one. They are checked with the others, not timed."""
    client = Client(port, args, seed=args.seed + 7)
    planned = plan(count, {}, args.seed + 3)
    run_load(client, planned, min(count, args.workers * args.threads), 120)
    return client, planned


def run(args: argparse.Namespace, report: dict[str, Any], work: Path, stamp: str) -> int:
    """Database, migrate, server, warm-up, load, checks; the exit status."""
    with database(args, work, stamp) as database_url:
        report["database"] = database_url.split("://", 1)[0]
        report["database_name"] = urlsplit(database_url).path  # no password in the report
        env = server_env(work, database_url)
        say(f"== migrating a fresh {report['database']} database in {work}")
        report["migrate_s"] = migrate(env, work)
        say(f"== gunicorn: {args.workers} workers x {args.threads} threads")
        server = start_server(env, work, args.workers, args.threads)
        client: Client | None = None
        try:
            report["server_ready_s"] = server.wait_ready()
            warm, warm_planned = warm_up(server.port, args, 2 * args.workers * args.threads)
            report["warm_up"] = len(warm.outcomes)
            shares = {
                "duplicate": args.duplicate_share,
                "abort": args.abort_share,
                "timeout": args.timeout_share,
            }
            planned = plan(args.complaints, shares, args.seed)
            client = Client(server.port, args, seed=args.seed)
            kill: dict[str, Any] = {}
            report["kill_worker"] = kill if args.kill_worker else None
            if args.kill_worker:
                sends = args.complaints + sum(p.fault == "duplicate" for p in planned)
                deadline = time.perf_counter() + args.time_limit * 0.4
                threading.Thread(
                    target=kill_worker_when,
                    args=(server, client, int(sends * 0.4), deadline, kill),
                    daemon=True,
                ).start()
            say(
                f"== load: {args.complaints:,} complaints from {args.submitters} submitters "
                f"(at most {args.time_limit:.0f} s)"
            )
            busy0, total0 = cpu_times()
            load0 = load_average()
            cpu0 = resource.getrusage(resource.RUSAGE_SELF)
            server0 = server_cpu(server.process.pid)
            started, ended = run_load(client, planned, args.submitters, args.time_limit)
            busy1, total1 = cpu_times()
            cpu1 = resource.getrusage(resource.RUSAGE_SELF)
            server1 = server_cpu(server.process.pid)
            # A killed worker's CPU up to the kill (sampled just before it) counts as well.
            gone = {kill["pid"]: kill["victim_cpu_s"]} if kill.get("victim_cpu_s") else {}
            server_cpu_s = sum(
                value - server0.get(pid, 0.0) for pid, value in {**server1, **gone}.items()
            )
            report["machine_load"] = {
                "busy_share": (busy1 - busy0) / max(total1 - total0, 1),
                "before": load0,
                "after": load_average(),
                "client_cpu_s": cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime,
                "server_cpu_s": server_cpu_s,
            }
            say("== checking receipts and the database")
            report["receipts_open"] = receipts_open(client, server.port, RECEIPT_SAMPLE, args.seed)
        finally:
            if client is not None:
                client.stop.set()
            # Graceful: requests still running finish before the database is read.
            server.stop()
            report["server"] = server_errors(server.log)
        rows = read_complaints(database_url)
    key_file = work / "keys" / "development.receipt-key"
    receipt_key = base64.b64decode(key_file.read_text()) if key_file.exists() else None
    warm_keys = {submission_key(p.key) for p in warm_planned}
    checks = check(client, planned, [r for r in rows if r[0] not in warm_keys], receipt_key)
    warm_checks = check(warm, warm_planned, [r for r in rows if r[0] in warm_keys], None)
    checks["warm_up_lost"] = warm_checks["lost"]
    checks["warm_up_duplicated"] = warm_checks["duplicated"]
    report["checks"] = checks
    report["load"] = summarise_load(client, started, ended, checks["stored"])
    if checks["not_sent_time_limit"]:
        report["notes"].append(
            f"The time limit ({args.time_limit:.0f} s) stopped the load before "
            f"{checks['not_sent_time_limit']:,} complaints were sent."
        )
    failed = sum(
        (
            checks["lost"],
            checks["duplicated"],
            checks["inconsistent_answers"],
            warm_checks["lost"],
            warm_checks["duplicated"],
        )
    )
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now()
    stamp = f"{started:%Y%m%d-%H%M%S}"
    # A work directory of its own: two runs at the same time never share a file or a port.
    work = VAR_DIR / "work" / f"intake-{stamp}-{os.getpid()}"
    work.mkdir(parents=True)
    (work / "static").mkdir()  # STATIC_ROOT: WhiteNoise warns in every worker when it is missing
    path = VAR_DIR / f"intake-{stamp}.json"
    report: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "arguments": dict(vars(args)),
        "machine": machine(),
        "argon2_ms": argon2_ms(),
        "notes": [],
    }

    def on_term(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    status = 1
    try:
        status = run(args, report, work, stamp)
    except KeyboardInterrupt:
        report["error"] = "stopped before the end (Ctrl-C or SIGTERM); nothing was checked."
        status = 130
    except (RuntimeError, OSError, psycopg.Error) as error:
        report["error"] = f"{type(error).__name__}: {error}"
        say(report["error"])
    finally:
        report["markdown"] = markdown(report)
        path.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
        if args.keep_work:
            say(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report["markdown"])
    print(f"\nJSON: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if status == 1 and "checks" in report:
        say("FAILED: lost, duplicated or inconsistent complaints (see the tables)")
    return status


if __name__ == "__main__":
    sys.exit(main())
