"""manage.py helpdesk_check: one reminders pass for cron; --schedule for the worker."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from remedyhub.knowledge.services import helpdesk_check


class Command(BaseCommand):
    help = "Remind expert groups of helpdesk questions due soon or overdue; send pending e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule", action="store_true", help="queue hourly passes for the background worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from remedyhub.knowledge.tasks import helpdesk_pass

            if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
                from django_tasks_db.models import DBTaskResult

                if DBTaskResult.objects.filter(
                    task_path=helpdesk_pass.module_path, status="READY"
                ).exists():
                    self.stdout.write("Helpdesk passes are already queued for the worker.")
                    return
            helpdesk_pass.enqueue()
            self.stdout.write("Helpdesk passes queued for the worker (every hour).")
            return
        report = helpdesk_check()
        for question in report.overdue:
            self.stdout.write(f"overdue: Q{question.pk} ({question.group}) due {question.deadline}")
        self.stdout.write(
            f"{len(report.due_soon)} due soon, {len(report.overdue)} overdue, "
            f"{report.reminders} reminder(s); e-mail: {report.mail}"
        )
