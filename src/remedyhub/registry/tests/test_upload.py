"""Uploading a supplier list on the web and through the API: preview first, then import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from remedyhub.accounts.models import Affiliation
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.registry import index_store
from remedyhub.registry.models import Facility, SupplierList, SupplyLink
from remedyhub.registry.tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

GOOD = (
    b"name,address,country\n"
    b"Sunrise Knit Ltd,Konabari Gazipur,Bangladesh\n"
    b"Lotus Denim Ltd,Fatullah,BD\n"
)
ONE_BAD = GOOD + b"Harbour Apparel,Tan Thuan EPZ,Narnia\n"


@pytest.fixture(autouse=True)
def fresh_index():
    index_store.reset()
    yield
    index_store.reset()


@pytest.fixture
def representative(django_user_model):
    company = CompanyFactory(name="Example Buyer B.V.", slug="example-buyer")
    user = django_user_model.objects.create_user(username="rep", password="x" * 16)
    Affiliation.objects.create(user=user, role="company", company=company)
    return user, company


def upload_file(content, name="list.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_preview_shows_the_summary_and_writes_nothing(client, representative):
    user, company = representative
    verified_login(client, user)
    response = client.post(
        "/en/facilities/upload/", {"file": upload_file(ONE_BAD), "company": company.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview of the upload" in html and "Narnia" in html
    assert not Facility.objects.exists() and not SupplierList.objects.exists()


def test_confirming_without_skipping_keeps_the_file_and_imports_nothing(client, representative):
    user, company = representative
    verified_login(client, user)
    client.post("/en/facilities/upload/", {"file": upload_file(ONE_BAD), "company": company.pk})
    refused = client.post("/en/facilities/upload/confirm/")
    assert "Nothing was imported" in refused.content.decode()
    assert not Facility.objects.exists()
    imported = client.post("/en/facilities/upload/confirm/", {"skip_invalid": "1"})
    assert "List imported" in imported.content.decode()
    assert SupplyLink.objects.filter(company=company).count() == 2
    expired = client.post("/en/facilities/upload/confirm/")
    assert expired.status_code == 302  # the file is gone once imported


def test_a_representative_uploads_only_for_her_own_company(client, representative):
    user, _company = representative
    other = CompanyFactory()
    verified_login(client, user)
    response = client.post(
        "/en/facilities/upload/", {"file": upload_file(GOOD), "company": other.pk}
    )
    assert "Preview of the upload" not in response.content.decode()
    assert "company" in response.context["form"].errors


def test_people_without_a_company_or_staff_role_cannot_upload(client, django_user_model):
    verified_login(client, django_user_model.objects.create_user(username="x", password="x" * 16))
    assert client.get("/en/facilities/upload/").status_code == 404


def test_the_api_imports_for_the_representatives_company(client, representative):
    user, company = representative
    verified_login(client, user)
    response = client.post(
        "/api/v1/supplier-lists/", {"file": upload_file(GOOD), "list_date": "2026-06-30"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["new_facilities"] == 2
    assert SupplyLink.objects.filter(company=company, last_seen="2026-06-30").count() == 2


def test_the_api_refuses_a_list_with_invalid_rows_with_the_reasons(client, representative):
    user, _company = representative
    verified_login(client, user)
    response = client.post("/api/v1/supplier-lists/", {"file": upload_file(ONE_BAD)})
    assert response.status_code == 400
    assert response.json()["invalid"][0]["row"] == 4
    assert not Facility.objects.exists()


def test_the_api_needs_a_log_in_and_staff_must_name_the_publisher(client, django_user_model):
    # No credentials: 401, with WWW-Authenticate naming the token scheme.
    anonymous = client.post("/api/v1/supplier-lists/", {"file": upload_file(GOOD)})
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == "Token"
    staff = django_user_model.objects.create_user(username="s", password="x" * 16, is_staff=True)
    verified_login(client, staff)
    response = client.post("/api/v1/supplier-lists/", {"file": upload_file(GOOD)})
    assert response.status_code == 400 and "contributor" in response.json()
    ok = client.post(
        "/api/v1/supplier-lists/",
        {"file": upload_file(GOOD), "contributor": "An NGO", "contributor_type": "civil_society"},
    )
    assert ok.status_code == 201 and ok.json()["warnings"]
