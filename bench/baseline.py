"""What the matcher is measured against: brute-force rapidfuzz WRatio, and PostgreSQL pg_trgm."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

DEFAULT_PG = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"
PG_SIMILARITY_THRESHOLD = 0.2


class BruteForceWRatio:
    """Scores the query against every site of its country (or every site, without a country).

    ``rapidfuzz.process.extract(query, choices, scorer=fuzz.WRatio, limit=5)``. The choices
    go through ``rapidfuzz.utils.default_process`` (lower case, punctuation to spaces) once,
    here, and each query at search time: the same scores as ``processor=default_process``
    without processing every choice again on every query, which would only measure that.
    """

    def __init__(self, rows: Iterable[tuple[int, str, str, str]]) -> None:
        from rapidfuzz.utils import default_process

        by_country: dict[str, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))
        everything: tuple[list[str], list[int]] = ([], [])
        for key, country, name, address in rows:
            choice = default_process(f"{name} {address}")
            for choices, keys in (by_country[country], everything):
                choices.append(choice)
                keys.append(key)
        self.by_country = dict(by_country)
        self.everything = everything

    def search(self, query: str, country: str | None, limit: int = 5) -> list[int]:
        from rapidfuzz import fuzz, process
        from rapidfuzz.utils import default_process

        choices, keys = self.by_country.get(country, ([], [])) if country else self.everything
        found = process.extract(
            default_process(query), choices, scorer=fuzz.WRatio, processor=None, limit=limit
        )
        return [keys[index] for _, _, index in found]


def pg_conninfo() -> str:
    """``REMEDYHUB_BENCH_PG`` (a libpq connection string or URL), else trust auth on 5432."""
    return os.environ.get("REMEDYHUB_BENCH_PG", DEFAULT_PG)


def pg_unavailable(conninfo: str) -> str | None:
    """Why PostgreSQL with pg_trgm cannot be used, or None when it can."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except psycopg.Error as error:
        return f"{type(error).__name__}: {str(error).strip().splitlines()[0]}"
    return None


class PgTrigram:
    """A GIN trigram index on ``name || ' ' || address`` in a schema of its own, dropped after.

    Search: ``WHERE country = %s AND doc % %s ORDER BY similarity(doc, %s) DESC LIMIT 5``
    with ``pg_trgm.similarity_threshold`` at 0.2; without the country condition when the query
    has no country. A b-tree on the country lets the planner combine both conditions.
    """

    def __init__(self, conninfo: str) -> None:
        import psycopg
        from psycopg import sql

        self.connection: Any = psycopg.connect(conninfo, autocommit=True)
        self.schema = f"bench_matching_{os.getpid()}"
        self.table = sql.Identifier(self.schema, "facility")
        self.connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        self.connection.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(self._schema))
        self.connection.execute(sql.SQL("CREATE SCHEMA {}").format(self._schema))
        self.connection.execute(
            sql.SQL(
                "CREATE TABLE {} (key integer PRIMARY KEY, country char(2) NOT NULL,"
                " name text NOT NULL, address text NOT NULL)"
            ).format(self.table)
        )
        # Set for the session: the % operator reads it, and so does the index scan.
        self.connection.execute(
            sql.SQL("SET pg_trgm.similarity_threshold = {}").format(
                sql.Literal(PG_SIMILARITY_THRESHOLD)
            )
        )
        by_country = "SELECT key FROM {t} WHERE country = %s AND (name || ' ' || address) %% %s"
        anywhere = "SELECT key FROM {t} WHERE (name || ' ' || address) %% %s"
        order = " ORDER BY similarity(name || ' ' || address, %s) DESC LIMIT %s"
        self._by_country = sql.SQL(by_country + order).format(t=self.table)
        self._anywhere = sql.SQL(anywhere + order).format(t=self.table)

    @property
    def _schema(self) -> Any:
        from psycopg import sql

        return sql.Identifier(self.schema)

    def load(self, rows: Iterable[tuple[int, str, str, str]]) -> float:
        """COPY the rows in; the seconds it took."""
        from psycopg import sql

        started = time.perf_counter()
        with self.connection.cursor() as cursor:
            statement = sql.SQL("COPY {} (key, country, name, address) FROM STDIN")
            with cursor.copy(statement.format(self.table)) as copy:
                for row in rows:
                    copy.write_row(row)
        return time.perf_counter() - started

    def build_index(self) -> float:
        """The trigram and country indexes and fresh statistics; the seconds it took."""
        from psycopg import sql

        started = time.perf_counter()
        # A GIN build is much faster when it can sort in memory; 512 MB is a modest server.
        self.connection.execute("SET maintenance_work_mem = '512MB'")
        self.connection.execute(
            sql.SQL(
                "CREATE INDEX facility_doc_trgm ON {} USING gin ((name || ' ' || address)"
                " gin_trgm_ops)"
            ).format(self.table)
        )
        self.connection.execute(
            sql.SQL("CREATE INDEX facility_country ON {} (country)").format(self.table)
        )
        self.connection.execute(sql.SQL("ANALYZE {}").format(self.table))
        return time.perf_counter() - started

    def sizes_mb(self) -> dict[str, float]:
        from psycopg import sql

        row = self.connection.execute(
            sql.SQL(
                "SELECT pg_relation_size({t}), pg_relation_size({i}), pg_total_relation_size({t})"
            ).format(
                t=sql.Literal(f"{self.schema}.facility"),
                i=sql.Literal(f"{self.schema}.facility_doc_trgm"),
            )
        ).fetchone()
        table, index, total = (value / 1e6 for value in row)
        return {"table_mb": table, "trigram_index_mb": index, "total_mb": total}

    def server_version(self) -> str:
        return str(self.connection.execute("SHOW server_version").fetchone()[0])

    def search(self, query: str, country: str | None, limit: int = 5) -> list[int]:
        if country:
            rows = self.connection.execute(self._by_country, (country, query, query, limit))
        else:
            rows = self.connection.execute(self._anywhere, (query, query, limit))
        return [key for (key,) in rows.fetchall()]

    def close(self) -> None:
        from psycopg import sql

        try:
            self.connection.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(self._schema)
            )
        finally:
            self.connection.close()


def rows_of(facilities: Sequence[dict[str, object]]) -> list[tuple[int, str, str, str]]:
    """(key, country, name, address) of each site, the shape both baselines load."""
    return [
        (int(str(f["key"])), str(f["country"]), str(f["name"]), str(f["address"]))
        for f in facilities
    ]
