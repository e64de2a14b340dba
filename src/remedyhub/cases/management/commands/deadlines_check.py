"""manage.py deadlines_check: one pass over case deadlines, for cron; --schedule for the worker."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from remedyhub.cases.deadlines import deadlines_check


class Command(BaseCommand):
    help = "Flag overdue cases, remind their handlers, list feedback due, send pending e-mails."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="instead of a pass now, queue hourly passes for the background worker",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from remedyhub.cases.tasks import deadlines_pass

            if _already_queued(deadlines_pass.module_path):
                self.stdout.write("Deadline passes are already queued for the worker.")
                return
            deadlines_pass.enqueue()
            self.stdout.write("Deadline passes queued for the worker (every hour).")
            return
        report = deadlines_check()
        for case in report.overdue:
            late = " (not acknowledged in time)" if case in report.acknowledgement_breaches else ""
            self.stdout.write(
                f"overdue: {case.complaint.reference} {case.state} since {case.deadline}{late}"
            )
        for item in report.overdue_remedies:
            self.stdout.write(
                f"remedy overdue: {item.case.complaint.reference} “{item.description[:60]}” "
                f"due {item.due_on} ({item.get_status_display()})"
            )
        for case in report.follow_up_checks_due:
            self.stdout.write(f"follow-up check due: {case.complaint.reference}")
        for case in report.feedback_due:
            self.stdout.write(f"feedback due: {case.complaint.reference} ({case.feedback_due_on})")
        self.stdout.write(
            f"{len(report.overdue)} overdue, {report.reminders} reminder(s) queued, "
            f"{len(report.feedback_due)} feedback due; e-mail: {report.mail}"
        )


def _already_queued(task_path: str) -> bool:
    """A pass waiting in the database queue (each pass books the next; one chain is enough)."""
    from django.conf import settings

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task_path, status="READY").exists()
