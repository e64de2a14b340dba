"""Demo sector agreements: a national textile agreement that ended and its European successor,
with members moving across, a newcomer, commitments, assessments, joint projects with
measurements and the members' disclosed production locations. Every name is invented.

Idempotent like the rest of the demo: rows are found by natural keys and updated in place,
and a membership that moved already is not moved again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from remedyhub.accounts.models import User
from remedyhub.agreements.models import (
    Assessment,
    AssessmentFramework,
    Commitment,
    Criterion,
    Indicator,
    Project,
)
from remedyhub.agreements.services import (
    action_plan_submit,
    assessment_record,
    assessment_refer,
    commitment_fulfil,
    measurement_record,
)
from remedyhub.registry.models import (
    AgreementParty,
    Company,
    Membership,
    SectorAgreement,
    SupplyLink,
)
from remedyhub.registry.services import membership_create, membership_end, membership_move
from remedyhub.registry.taxonomy import Sector
from remedyhub.routing.models import Mechanism

NATIONAL_END = dt.date(2023, 12, 31)
EUROPEAN_START = dt.date(2024, 1, 1)
MOVING = ("noordkust-fashion", "lindqvist-apparel")
NEWCOMER = "atelier-scheldeweg"
CRITERIA = [
    ("policy", "Policy and commitment", 2),
    ("risks", "Risks identified and prioritised", 3),
    ("remedy", "Remedy provided or enabled", 3),
    ("disclosure", "Disclosure and reporting", 2),
]
# Scores out of 4 per criterion, by company and year; a row below the pass mark fails.
SCORES = {
    "noordkust-fashion": [3, 3, 3, 4],
    "lindqvist-apparel": [2, 2, 1, 2],
    "maison-durand": [1, 1, 1, 2],
    NEWCOMER: [3, 2, 3, 3],
}


def load_agreements() -> dict[str, int]:
    national = SectorAgreement.objects.get(slug="textile")
    national.name_nl = "Convenant Duurzame Kleding en Textiel (demo)"
    national.ends_on = NATIONAL_END
    national.status = SectorAgreement.Status.ENDED
    national.countries = ["NL"]
    national.secretariat = "Social and Economic Council secretariat (demo)"
    national.summary = (
        "Dutch companies, trade unions, NGOs and government worked together on the risks in "
        "garment supply chains from 2016 to 2023 (demo)."
    )
    european, _ = SectorAgreement.objects.update_or_create(
        slug="european-textile",
        defaults={
            "name": "European Garment and Textile Agreement (demo)",
            "name_nl": "Europees Kleding- en Textielconvenant (demo)",
            "name_fr": "Accord européen sur l'habillement et le textile (démo)",
            "scope": SectorAgreement.Scope.EUROPEAN,
            "status": SectorAgreement.Status.ACTIVE,
            "sectors": [Sector.GARMENTS_TEXTILE.value],
            "countries": ["NL", "BE", "FR", "DE", "SE"],
            "secretariat": "European agreements secretariat (demo)",
            "summary": "The successor of the Dutch agreement, open to companies from several "
            "European countries (demo).",
            "starts_on": EUROPEAN_START,
        },
    )
    national.successor = european
    national.save()
    _parties(national, european)

    # The committee carries on under the successor; complaints about the ended agreement's
    # members follow it there (routing follows the successor).
    Mechanism.objects.filter(slug="textile-committee").update(agreement=european)

    companies = {c.slug: c for c in Company.objects.all()}
    for membership in Membership.objects.filter(agreement=national).select_related("company"):
        slug = membership.company.slug
        if slug in MOVING:
            if not Membership.objects.filter(agreement=european, company=membership.company):
                if membership.valid_until is None:
                    membership_end(membership=membership, on=NATIONAL_END, reason="moved")
                membership_move(membership=membership, to=european, on=EUROPEAN_START)
        elif membership.valid_until is None:
            membership_end(membership=membership, on=dt.date(2021, 6, 30), reason="ended")
    newcomer = companies.get(NEWCOMER)
    if newcomer and not Membership.objects.filter(agreement=european, company=newcomer):
        membership_create(
            agreement=european,
            company=newcomer,
            valid_from=dt.date(2025, 3, 1),
            route=Membership.Route.PARTNER,
            partner_initiative="Belgian Fair Fashion Platform (demo)",
        )

    _disclosure_history(national)
    _commitments(national, european, companies)
    _assessments(national, european, companies)
    _projects(national, european, companies)
    return {
        "agreements with monitoring": 2,
        "assessments": Assessment.objects.filter(agreement__in=[national, european]).count(),
    }


def _parties(national: SectorAgreement, european: SectorAgreement) -> None:
    plan = {
        national: [
            ("Dutch Fashion Business Association (demo)", "business_association", "NL"),
            ("Textile Workers Union NL (demo)", "union", "NL"),
            ("Clean Supply Coalition (demo)", "ngo", "NL"),
            ("Ministry of Trade and Development (demo)", "government", "NL"),
        ],
        european: [
            ("European Apparel Federation (demo)", "business_association", "BE"),
            ("European Textile Workers Federation (demo)", "union", "BE"),
            ("Clean Supply Coalition (demo)", "ngo", "NL"),
            ("Ministry of Trade and Development (demo)", "government", "NL"),
        ],
    }
    for agreement, parties in plan.items():
        for name, role, country in parties:
            AgreementParty.objects.update_or_create(
                agreement=agreement, name=name, defaults={"role": role, "country": country}
            )


def _disclosure_history(national: SectorAgreement) -> None:
    """The national members' lists grew from 2017 on: their links to the sites they list now
    started earlier. Maison Durand's sites leave the public list when it leaves the agreement."""
    members = Membership.objects.filter(agreement=national).values_list("company_id", flat=True)
    links = SupplyLink.objects.filter(company_id__in=members, ended_on__isnull=True).order_by(
        "company_id", "facility__public_id"
    )
    for index, link in enumerate(links):
        first = dt.date(2017 + index % 6, 1 + (index * 5) % 12, 1)
        if link.first_seen != first:
            link.first_seen = first
            link.save(update_fields=["first_seen", "updated_at"])


def _commitments(
    national: SectorAgreement, european: SectorAgreement, companies: dict[str, Company]
) -> None:
    publish = "Publish the list of production locations"
    for agreement in (national, european):
        Commitment.objects.update_or_create(
            agreement=agreement,
            code="publish-locations",
            defaults={
                "title": publish,
                "description": "Within a year of joining, every production location is on the "
                "agreement's public list.",
                "rule": Commitment.Rule.AFTER_JOINING,
                "months": 12,
            },
        )
    Commitment.objects.update_or_create(
        agreement=european,
        code="grievance-policy",
        defaults={
            "title": "Adopt a policy on complaints and remedy",
            "rule": Commitment.Rule.AFTER_JOINING,
            "months": 6,
        },
    )
    national_publish = national.commitments.get(code="publish-locations")
    european_publish = european.commitments.get(code="publish-locations")
    policy = european.commitments.get(code="grievance-policy")
    met = [
        (national_publish, "noordkust-fashion", dt.date(2017, 6, 1)),
        (national_publish, "lindqvist-apparel", dt.date(2018, 3, 1)),
        (european_publish, "noordkust-fashion", dt.date(2024, 3, 1)),
        (european_publish, "lindqvist-apparel", dt.date(2025, 2, 15)),  # late
        (policy, "noordkust-fashion", dt.date(2024, 5, 1)),
        (policy, "lindqvist-apparel", dt.date(2024, 6, 20)),
        (policy, NEWCOMER, dt.date(2025, 8, 1)),
        # The newcomer's list of production locations is overdue.
    ]
    for commitment, slug, day in met:
        commitment_fulfil(commitment=commitment, company=companies[slug], fulfilled_on=day)


def _framework(agreement: SectorAgreement, name: str, first_year: int) -> AssessmentFramework:
    framework, _ = AssessmentFramework.objects.update_or_create(
        agreement=agreement, name=name, defaults={"pass_mark": 60, "first_year": first_year}
    )
    for code, label, weight in CRITERIA:
        Criterion.objects.update_or_create(
            framework=framework, code=code, defaults={"name": label, "weight": weight}
        )
    return framework


def _assessments(
    national: SectorAgreement, european: SectorAgreement, companies: dict[str, Company]
) -> None:
    admin = User.objects.filter(username="admin").first()
    plans = [
        (
            national,
            _framework(national, "Due diligence assessment (demo)", 2017),
            range(2017, 2024),
        ),
        (
            european,
            _framework(european, "European due diligence framework (demo)", 2024),
            range(2024, 2026),
        ),
    ]
    for agreement, framework, years in plans:
        for membership in agreement.memberships.select_related("company"):
            slug = membership.company.slug
            for year in years:
                if not membership.valid_on(dt.date(year, 12, 31)):
                    continue
                base = SCORES[slug]
                # Members improve a little each year, to the maximum of 4.
                step = (year - years.start) // 3
                scores = {
                    code: min(4, value + step)
                    for (code, _label, _w), value in zip(CRITERIA, base, strict=True)
                }
                action_plan_submit(
                    agreement=agreement,
                    company=membership.company,
                    year=year,
                    submitted_on=dt.date(year, 3, 31),
                    summary="Demo: the year's plan for the risks found in the supply chain.",
                )
                assessment = assessment_record(
                    agreement=agreement,
                    company=membership.company,
                    year=year,
                    framework=framework,
                    scores=scores,
                    assessed_on=dt.date(year + 1, 2, 1),
                    notes="Demo assessment.",
                )
                if (
                    agreement == european
                    and not assessment.passed
                    and not assessment.referral_complaint_id
                    and admin is not None
                    and year == 2025
                ):
                    assessment_refer(assessment=assessment, actor=admin)


def _projects(
    national: SectorAgreement, european: SectorAgreement, companies: dict[str, Company]
) -> None:
    IndicatorPlan = tuple[str, str, Decimal | None, list[tuple[str, int]]]
    plan: list[tuple[SectorAgreement, str, str, dt.date, dt.date | None, list[IndicatorPlan]]] = [
        (
            national,
            "freedom-of-association",
            "Freedom of association training (demo)",
            dt.date(2018, 1, 1),
            dt.date(2021, 12, 31),
            [
                (
                    "Factories with an elected worker committee",
                    "factories",
                    None,
                    [("2018-12-31", 3), ("2019-12-31", 7), ("2020-12-31", 9), ("2021-12-31", 14)],
                ),
            ],
        ),
        (
            european,
            "living-wage-pilot",
            "Living wage pilot (demo)",
            dt.date(2024, 3, 1),
            None,
            [
                (
                    "Workers earning a living wage",
                    "%",
                    Decimal(50),
                    [
                        ("2024-06-30", 12),
                        ("2024-12-31", 18),
                        ("2025-06-30", 25),
                        ("2025-12-31", 31),
                    ],
                ),
                (
                    "Workers trained on their rights",
                    "workers",
                    Decimal(2000),
                    [("2024-06-30", 400), ("2024-12-31", 950), ("2025-06-30", 1600)],
                ),
            ],
        ),
    ]
    for agreement, slug, name, start, end, indicators in plan:
        project, _ = Project.objects.update_or_create(
            agreement=agreement,
            slug=slug,
            defaults={"name": name, "starts_on": start, "ends_on": end},
        )
        project.companies.set(m.company for m in agreement.memberships.select_related("company"))
        for label, unit, target, values in indicators:
            indicator, _ = Indicator.objects.update_or_create(
                project=project, name=label, defaults={"unit": unit, "target": target}
            )
            for day, value in values:
                measurement_record(
                    indicator=indicator,
                    measured_on=dt.date.fromisoformat(day),
                    value=Decimal(value),
                )
