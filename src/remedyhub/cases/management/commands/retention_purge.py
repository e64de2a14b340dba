"""manage.py retention_purge: erase personal data whose retention period is over (daily, cron);
--schedule queues daily passes for the background worker instead."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from remedyhub.cases.management.commands.deadlines_check import _already_queued
from remedyhub.cases.retention import retention_purge


class Command(BaseCommand):
    help = (
        "Erase the personal data of complaints whose cases ended longer ago than their "
        "mechanism's retention period; the figures remain."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="instead of a pass now, queue daily passes for the background worker",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from remedyhub.cases.tasks import retention_pass

            if _already_queued(retention_pass.module_path):
                self.stdout.write("Retention passes are already queued for the worker.")
                return
            retention_pass.enqueue()
            self.stdout.write("Retention passes queued for the worker (every day).")
            return
        report = retention_purge()
        self.stdout.write(
            f"{report.erased} complaint(s) erased; {report.waiting} ended but still within "
            "their retention period."
        )
