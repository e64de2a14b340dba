import datetime as dt

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from remedyhub.accounts.models import Affiliation, User
from remedyhub.cases.services import case_open
from remedyhub.intake.services import complaint_submit
from remedyhub.registry.tests.factories import CompanyFactory
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    mechanism = Mechanism.objects.create(name="NCP", slug="ncp", kind="other", is_default=True)
    RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    handler = User.objects.create_user("handler", password="x" * 20)
    Affiliation.objects.create(user=handler, role="handler", mechanism=mechanism)
    complaint = complaint_submit(
        data={"description": "Wages not paid for two months.", "country": "KH"},
        seed="api:cases",
        channel="web",
        language="en",
    ).complaint
    return case_open(complaint=complaint, mechanism=mechanism, actor=handler)


def token_client(username, capsys):
    call_command("create_api_token", username)
    key = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_handler_reads_routes_and_moves_a_case_with_a_token(case, capsys):
    api = token_client("handler", capsys)
    reference = case.complaint.reference
    detail = api.get(f"/api/v1/cases/{reference}/")
    assert detail.status_code == 200
    assert detail.json()["state"] == "received"
    assert "acknowledged" in detail.json()["allowed_transitions"]
    routing = api.get(f"/api/v1/cases/{reference}/routing/").json()
    assert routing[0]["mechanism"] == "NCP" and "not yet identified" in routing[0]["reason"]
    moved = api.post(
        f"/api/v1/cases/{reference}/transitions/", {"to_state": "acknowledged"}, format="json"
    )
    assert moved.status_code == 201 and moved.json()["state"] == "acknowledged"
    forbidden = api.post(
        f"/api/v1/cases/{reference}/transitions/",
        {"to_state": "closed", "reason": "x"},
        format="json",
    )
    assert forbidden.status_code == 409
    missing = api.post(
        f"/api/v1/cases/{reference}/transitions/", {"to_state": "on_hold"}, format="json"
    )
    assert missing.status_code == 400 and "reason" in missing.json()


def test_others_get_404_and_anonymous_callers_401(case, capsys):
    outsider = User.objects.create_user("company", password="x" * 20)
    Affiliation.objects.create(user=outsider, role="company", company=CompanyFactory())
    api = token_client("company", capsys)
    reference = case.complaint.reference
    assert api.get(f"/api/v1/cases/{reference}/").status_code == 404
    assert (
        api.post(
            f"/api/v1/cases/{reference}/transitions/", {"to_state": "acknowledged"}, format="json"
        ).status_code
        == 404
    )
    assert APIClient().get(f"/api/v1/cases/{reference}/").status_code in (401, 403)
