import pytest
import yaml

from remedyhub.registry.tests.factories import SectorAgreementFactory
from remedyhub.routing.models import Mechanism

pytestmark = pytest.mark.django_db


def test_the_mechanism_list_is_public_and_shows_scope(client):
    agreement = SectorAgreementFactory(slug="textile")
    Mechanism.objects.create(
        name="Committee",
        slug="committee",
        kind="agreement_committee",
        agreement=agreement,
        sectors=["garments_textile"],
        languages=["en", "bn"],
    )
    Mechanism.objects.create(name="Old", slug="old", kind="other", is_active=False)
    response = client.get("/api/v1/mechanisms/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["agreement"] == "textile"
    assert body["results"][0]["languages"] == ["en", "bn"]


def test_an_unknown_mechanism_is_404(client):
    assert client.get("/api/v1/mechanisms/none/").status_code == 404


def test_the_schema_is_openapi_3_and_lists_the_endpoints(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/mechanisms/" in schema["paths"]


def test_the_docs_are_served_from_this_site(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
