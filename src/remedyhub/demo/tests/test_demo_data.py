import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp

from remedyhub.accounts.models import Affiliation, User
from remedyhub.demo.services import (
    DEMO_PASSWORDS,
    DEMO_TOTP_KEY,
    demo_data_load,
    demo_totp_code,
    demo_totp_secret,
)
from remedyhub.registry.models import Company, Facility, Membership, SupplyLink
from remedyhub.routing.models import Mechanism

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        model.__name__: sorted(map(str, model.objects.values_list("pk", flat=True)))
        for model in (Mechanism, Company, Facility, SupplyLink, Membership, User, Affiliation)
    }


def test_loading_twice_changes_nothing():
    demo_data_load()
    first = snapshot()
    demo_data_load()
    assert snapshot() == first


def test_the_demo_holds_what_a_newcomer_needs():
    summary = demo_data_load()
    assert summary.counts["mechanisms"] >= 3
    assert set(Mechanism.objects.values_list("kind", flat=True)) >= {"agreement_committee", "ncp"}
    assert summary.counts["companies"] >= 6
    assert Company.objects.exclude(home_country="").count() == summary.counts["companies"]
    assert summary.counts["facilities"] >= 60
    assert summary.counts["countries"] >= 6
    assert Facility.objects.filter(supply_links__isnull=True).count() == 0
    shared = [f for f in Facility.objects.all() if f.supply_links.count() > 1]
    assert shared, "some sites should supply several companies"


def test_demo_users_log_in_with_the_printed_passwords_and_code(client):
    demo_data_load()
    for username, password in DEMO_PASSWORDS.items():
        step = client.post("/en/account/login/", {"username": username, "password": password})
        assert step["Location"] == "/en/account/login/code/", username
        # Each user's code counts once per 30 seconds; the window before also works.
        done = client.post(step["Location"], {"code": demo_totp_code()})
        if done.status_code != 302:
            done = client.post(step["Location"], {"code": previous_code()})
        assert done["Location"] == "/en/account/", username
        client.post("/en/account/logout/")
    company_users = Affiliation.objects.filter(role="company").values_list("company", flat=True)
    assert len(set(company_users)) == 2, "company and company2 act for different companies"


def previous_code():
    return f"{totp(DEMO_TOTP_KEY, t0=-30):06d}"


def test_the_command_prints_the_passwords_marked_as_demo_only(capsys):
    call_command("demo_data")
    out = capsys.readouterr().out
    assert "DEMO ONLY" in out
    assert DEMO_PASSWORDS["handler"] in out
    assert demo_totp_secret() in out
    call_command("demo_code")
    assert capsys.readouterr().out.strip() in {demo_totp_code(), previous_code()}


def test_the_demo_authenticator_refuses_to_run_in_production(settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="never goes to production"):
        call_command("demo_code")


def test_the_command_refuses_to_run_in_production(settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="never goes to production"):
        call_command("demo_data")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_demo_shows_a_case_in_every_state():
    from remedyhub.cases.models import Case
    from remedyhub.routing.rules import Stage

    demo_data_load()
    assert set(Case.objects.values_list("state", flat=True)) == set(Stage.values)
    textile = Case.objects.filter(mechanism__slug="textile-committee")
    assert textile.exists() and all(case.companies.exists() for case in textile)


def test_the_demo_shows_remedy_items_a_follow_up_check_an_assignment_and_a_conflict():
    from remedyhub.cases.models import CaseAssignment, CaseEvent, ConflictOfInterest, RemedyItem

    demo_data_load()
    monitored = RemedyItem.objects.filter(case__state="remedy_monitoring")
    assert {item.status for item in monitored} == {"planned", "done"}
    assert monitored.filter(due_on__lt=dt.date.today()).exclude(status="done").exists()
    assert CaseEvent.objects.filter(kind="follow_up_check", case__state="closed").exists()
    assert CaseAssignment.objects.filter(user__username="committee").exists()
    assert ConflictOfInterest.objects.filter(user__username="committee").exists()


def test_the_readme_gives_the_demo_authenticator_secret():
    from pathlib import Path

    readme = Path(__file__).resolve().parents[4] / "README.md"
    assert demo_totp_secret() in readme.read_text()
