from pathlib import Path

import pytest
from django.utils.translation import override

from remedyhub.accounts.models import Affiliation, User
from remedyhub.knowledge.models import ExpertGroup
from remedyhub.knowledge.services import articles_load
from remedyhub.registry.tests.factories import CompanyFactory

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture
def articles(db):
    articles_load(folder=FIXTURES)


@pytest.fixture
def helpdesk(db):
    """Two expert groups (SER for garments, RVO by default), an expert each, a company user."""
    ser_expert = User.objects.create_user("ser-expert", email="ser@example.org", password="x" * 20)
    rvo_expert = User.objects.create_user("rvo-expert", email="rvo@example.org", password="x" * 20)
    ser = ExpertGroup.objects.create(
        name="SER", slug="ser", sectors=["garments_textile"], response_days=10
    )
    rvo = ExpertGroup.objects.create(name="RVO", slug="rvo", is_default=True, response_days=5)
    ser.members.add(ser_expert)
    rvo.members.add(rvo_expert)
    company = CompanyFactory(name="Zwaluw Apparel BV", slug="zwaluw")
    asker = User.objects.create_user("asker", email="asker@zwaluw.example", password="x" * 20)
    Affiliation.objects.create(user=asker, role="company", company=company)
    return {"ser": ser, "rvo": rvo, "ser_expert": ser_expert, "rvo_expert": rvo_expert,
            "company": company, "asker": asker}  # fmt: skip


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English, whatever page a previous test in this thread rendered."""
    with override("en"):
        yield
