"""manage.py audit_verify: check every case history; exit 1 when anything was tampered with."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from remedyhub.cases.models import Case
from remedyhub.cases.selectors import audit_findings


class Command(BaseCommand):
    help = "Verify the hash chains of all case histories; non-zero exit on any break."

    def handle(self, *args: Any, **options: Any) -> None:
        findings = list(audit_findings())
        for finding in findings:
            self.stdout.write(
                f"{finding.reference} (case {finding.case_id}), event {finding.position}: "
                f"{finding.message}"
            )
        if findings:
            raise CommandError(f"{len(findings)} problem(s) found in the case histories.")
        self.stdout.write(f"All {Case.objects.count()} case histories are intact.")
