import datetime as dt

import pytest

from remedyhub.accounts.models import Affiliation, User
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES


@pytest.fixture
def mechanism():
    mechanism = Mechanism.objects.create(name="Committee", slug="committee", kind="other")
    RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    return mechanism


@pytest.fixture
def handler(mechanism):
    user = User.objects.create_user("handler", password="x" * 20)
    Affiliation.objects.create(user=user, role="handler", mechanism=mechanism)
    return user
