"""manage.py registry_index: rebuild this machine's facility index from the database now.

Searches rebuild it by themselves when it is missing or the changes since outgrow it; run this
after a bulk load, or from cron at a quiet hour, so that no searcher waits for a rebuild.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from remedyhub.registry.index_store import build_base, index_directory, reset


class Command(BaseCommand):
    help = "Rebuild the facility search index from the database."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        current = build_base()
        reset()
        self.stdout.write(
            f"Indexed {len(current.base):,} facilities in {time.perf_counter() - started:.1f} s "
            f"into {index_directory()}"
        )
