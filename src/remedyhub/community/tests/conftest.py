import datetime as dt

import pytest
from django.utils import timezone, translation

from remedyhub.accounts.models import Affiliation, User
from remedyhub.community.models import Event


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    translation.activate("en")


@pytest.fixture
def make_event():
    def make(**fields):
        start = timezone.now() + dt.timedelta(days=7)
        values = {
            "kind": "webinar",
            "title": "Remedy in practice",
            "slug": "remedy-in-practice",
            "description": "How mechanisms agree remedy.",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=2),
            "online_url": "https://meet.example.org/remedy",
            "capacity": 2,
        }
        values.update(fields)
        return Event.objects.create(**values)

    return make


@pytest.fixture
def company_user(db):
    from remedyhub.registry.tests.factories import CompanyFactory

    company = CompanyFactory(name="Noordkust Fashion", slug="noordkust")
    user = User.objects.create_user("rep", password="x" * 20)
    Affiliation.objects.create(user=user, role="company", company=company)
    return user
