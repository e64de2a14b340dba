import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.deadlines import deadlines_check
from remedyhub.cases.models import Case, Decision, RemedyItem
from remedyhub.cases.outcomes import validate_no_waiver
from remedyhub.cases.services import (
    ReasonRequired,
    RemedyPlanItem,
    admissibility_decide,
    outcome_decide,
    remedy_item_update,
    remedy_plan_start,
)
from remedyhub.cases.tests.test_workflow import case_in
from remedyhub.intake.models import Message

pytestmark = pytest.mark.django_db

CRITERIA = {"within_mandate": True, "company_identified": False}


def test_a_complaint_found_not_admissible_needs_reasons_and_the_complainant_reads_them(
    mechanism, handler
):
    case = case_in("admissibility", mechanism, handler)
    with pytest.raises(ReasonRequired):
        admissibility_decide(case, actor=handler, admissible=False, criteria=CRITERIA, reasons=" ")
    assert Case.objects.get(pk=case.pk).state == "admissibility"
    reasons = "No company buying from this site could be identified."
    decision = admissibility_decide(
        case, actor=handler, admissible=False, criteria=CRITERIA, reasons=reasons
    )
    assert decision.admissible is False and decision.criteria == CRITERIA
    assert Case.objects.get(pk=case.pk).state == "not_admissible"
    update = case.complaint.messages.filter(kind=Message.Kind.UPDATE).last()
    assert reasons in update.body


@pytest.mark.parametrize(
    "text",
    [
        "The workers waive all rights to take legal action against the company.",
        "The complainant gives up the right to go to court.",
        "De melder doet afstand van het recht om naar de rechter te gaan.",
        "Le plaignant renonce à tout recours devant les tribunaux.",
        "La persona renuncia a toda acción judicial.",
    ],
)
def test_outcomes_that_waive_access_to_courts_are_refused(text):
    with pytest.raises(ValidationError) as error:
        validate_no_waiver(text)
    assert error.value.code == "waiver"


def test_ordinary_outcomes_pass_the_waiver_check():
    validate_no_waiver(
        "The company pays the missing wages within 30 days. This does not affect the "
        "workers' right to go to court."
    )
    validate_no_waiver("The company will repair the fire exits and train supervisors.")


def test_a_decision_is_reasoned_binding_only_where_the_mechanism_binds(mechanism, handler):
    case = case_in("adjudication", mechanism, handler)
    with pytest.raises(ValidationError):
        outcome_decide(
            case,
            actor=handler,
            finding="founded",
            reasoning="Founded; the workers waive any legal claims.",
            binding=True,
        )
    assert Case.objects.get(pk=case.pk).state == "adjudication"
    decision = outcome_decide(
        case, actor=handler, finding="founded", reasoning="The wages were not paid.", binding=True
    )
    assert decision.binding is False  # this mechanism cannot bind
    assert Case.objects.get(pk=case.pk).state == "decided"
    assert Decision.objects.filter(case=case, kind="outcome").count() == 1


def test_a_remedy_plan_schedules_its_check_and_overdue_items_are_flagged(mechanism, handler):
    case = case_in("agreement", mechanism, handler)
    now = dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)
    items = remedy_plan_start(
        case,
        actor=handler,
        items=[
            RemedyPlanItem("Pay the missing overtime", "Example Garments Ltd", dt.date(2026, 5, 1)),
            RemedyPlanItem("Unlock the fire exits", "Example Garments Ltd", dt.date(2026, 4, 7)),
        ],
        now=now,
    )
    case.refresh_from_db()
    assert case.state == "remedy_monitoring"
    assert case.follow_up_check_on == dt.date(2026, 9, 30)
    report = deadlines_check(today=dt.date(2026, 4, 10))
    assert [item.description for item in report.overdue_remedies] == ["Unlock the fire exits"]
    with pytest.raises(ReasonRequired):
        remedy_item_update(items[1], actor=handler, status="done")
    remedy_item_update(items[1], actor=handler, status="done", evidence="Photos of 9 April.")
    assert deadlines_check(today=dt.date(2026, 4, 10)).overdue_remedies == []
    assert deadlines_check(today=dt.date(2026, 9, 30)).follow_up_checks_due == [case]
    assert RemedyItem.objects.get(pk=items[1].pk).completed_on is not None


def test_a_remedy_plan_needs_items(mechanism, handler):
    case = case_in("agreement", mechanism, handler)
    with pytest.raises(ReasonRequired):
        remedy_plan_start(case, actor=handler, items=[])


def test_the_case_page_records_a_decision_and_shows_a_waiver_as_an_error(
    client, mechanism, handler
):
    from django.urls import reverse

    case = case_in("adjudication", mechanism, handler)
    verified_login(client, handler)
    url = reverse("cases:detail", args=[case.pk])
    assert "Decide on the complaint" in client.get(url).content.decode()
    refused = client.post(
        url,
        {
            "action": "outcome",
            "finding": "founded",
            "reasoning": "Founded. The workers waive all legal claims.",
        },
    )
    assert refused.status_code == 400
    assert "right to go to court" in refused.content.decode()
    assert Case.objects.get(pk=case.pk).state == "adjudication"
    client.post(
        url, {"action": "outcome", "finding": "unfounded", "reasoning": "No evidence of it."}
    )
    assert Case.objects.get(pk=case.pk).state == "decided"
    assert Decision.objects.get(case=case).finding == "unfounded"
