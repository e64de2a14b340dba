"""Writes of the agreements' monitoring: commitments met, action plans, assessments, referral."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from remedyhub.agreements import scoring
from remedyhub.agreements.models import (
    ActionPlan,
    Assessment,
    AssessmentFramework,
    Commitment,
    CommitmentFulfilment,
    Measurement,
)
from remedyhub.agreements.selectors import committee_for, member_in_year
from remedyhub.registry.models import Company, SectorAgreement


class Refused(Exception):
    """Input that breaks a rule; ``errors`` maps fields to translated messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _require_member(agreement: SectorAgreement, company: Company, year: int, field: str) -> None:
    if not member_in_year(agreement=agreement, company=company, year=year):
        raise Refused(
            {
                field: _("%(company)s was not a member of %(agreement)s at any time in %(year)s.")
                % {"company": company.name, "agreement": agreement.name, "year": year}
            }
        )


def assessment_check(
    *,
    agreement: SectorAgreement,
    company: Company,
    year: int,
    framework: AssessmentFramework,
    scores: dict[str, Any],
) -> scoring.Score:
    """The score, or ``Refused``: a year without membership, another agreement's framework, a
    framework not yet in use, or scores that do not fit the criteria."""
    _require_member(agreement, company, year, "year")
    if framework.agreement_id != agreement.pk:
        raise Refused({"framework": _("This framework belongs to another agreement.")})
    if year < framework.first_year:
        raise Refused(
            {
                "framework": _("This framework is used from %(first)s on, not in %(year)s.")
                % {"first": framework.first_year, "year": year}
            }
        )
    criteria = [
        scoring.Criterion(c.code, c.name, c.weight, c.max_score) for c in framework.criteria.all()
    ]
    try:
        return scoring.score(criteria, scores, pass_mark=framework.pass_mark)
    except scoring.InvalidScores as invalid:
        raise Refused({"scores": " ".join(invalid.messages)}) from invalid


@transaction.atomic
def assessment_record(
    *,
    agreement: SectorAgreement,
    company: Company,
    year: int,
    framework: AssessmentFramework,
    scores: dict[str, Any],
    assessed_on: dt.date,
    notes: str = "",
) -> Assessment:
    """Record (or correct) a member's assessment for a year, scored by the framework."""
    result = assessment_check(
        agreement=agreement, company=company, year=year, framework=framework, scores=scores
    )
    assessment, _created = Assessment.objects.update_or_create(
        agreement=agreement,
        company=company,
        year=year,
        defaults={
            "framework": framework,
            "scores": scores,
            "percent": result.percent,
            "passed": result.passed,
            "assessed_on": assessed_on,
            "notes": notes,
        },
    )
    return assessment


@transaction.atomic
def action_plan_submit(
    *, agreement: SectorAgreement, company: Company, year: int, submitted_on: dt.date, summary: str
) -> ActionPlan:
    _require_member(agreement, company, year, "year")
    plan, _created = ActionPlan.objects.update_or_create(
        agreement=agreement,
        company=company,
        year=year,
        defaults={"submitted_on": submitted_on, "summary": summary},
    )
    return plan


@transaction.atomic
def commitment_fulfil(
    *,
    commitment: Commitment,
    company: Company,
    fulfilled_on: dt.date,
    year: int = 0,
    evidence: str = "",
) -> CommitmentFulfilment:
    _require_member(commitment.agreement, company, year or fulfilled_on.year, "company")
    if commitment.rule == Commitment.Rule.YEARLY and not year:
        raise Refused({"year": _("Say for which year this yearly commitment was met.")})
    fulfilment, _created = CommitmentFulfilment.objects.update_or_create(
        commitment=commitment,
        company=company,
        year=year if commitment.rule == Commitment.Rule.YEARLY else 0,
        defaults={"fulfilled_on": fulfilled_on, "evidence": evidence},
    )
    return fulfilment


@transaction.atomic
def measurement_record(*, indicator: Any, measured_on: dt.date, value: Any) -> Measurement:
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator, measured_on=measured_on, defaults={"value": value}
    )
    return measurement


def assessment_refer(*, assessment: Assessment, actor: Any) -> Any:
    """Refer a member that failed its assessment to the agreement's complaints mechanism.

    The referral is a complaint entered by the agreement's secretariat (``complaint_submit``,
    once per assessment) and routed to the committee with the company concerned
    (``case_route``), so it follows the committee's rules like any other complaint.
    """
    from remedyhub.cases.services import case_route
    from remedyhub.intake.models import Complaint
    from remedyhub.intake.services import complaint_submit

    if assessment.passed:
        raise Refused({"assessment": _("Only a member that failed its assessment is referred.")})
    if assessment.referral_complaint_id:
        raise Refused(
            {
                "assessment": _("This assessment was referred already (%(reference)s).")
                % {"reference": assessment.referral_complaint.reference}  # type: ignore[union-attr]
            }
        )
    agreement = assessment.agreement
    mechanism = committee_for(agreement)
    if mechanism is None:
        raise Refused(
            {
                "assessment": _("%(agreement)s has no active complaints mechanism.")
                % {"agreement": agreement.name}
            }
        )
    company = assessment.company
    description = _(
        "%(company)s failed its %(year)s assessment under %(agreement)s with %(percent)s%% "
        "(pass mark %(mark)s%%). The agreement's secretariat refers the company to the "
        "complaints mechanism."
    ) % {
        "company": company.name,
        "year": assessment.year,
        "agreement": agreement.name,
        "percent": assessment.percent,
        "mark": assessment.framework.pass_mark,
    }
    with transaction.atomic():
        submission = complaint_submit(
            data={"description": description, "country": company.home_country, "issues": []},
            seed=f"agreements:assessment:{assessment.pk}",
            channel=Complaint.Channel.LETTER,
            language="en",
            entered_by=actor,
            partner_organisation=agreement.secretariat or agreement.name,
        )
        case = case_route(
            complaint=submission.complaint,
            mechanism=mechanism,
            reason=_("Referred by the agreement after a failed assessment."),
            actor=actor,
            company_ids=(company.pk,),
        )
        assessment.referral_complaint = submission.complaint
        assessment.save(update_fields=["referral_complaint", "updated_at"])
    return case
