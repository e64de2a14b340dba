"""Assessment scoring: weighted percentages, the pass mark, and refusals with clear messages."""

import datetime as dt
from decimal import Decimal

import pytest

from remedyhub.agreements.models import Assessment
from remedyhub.agreements.scoring import Criterion, InvalidScores, score
from remedyhub.agreements.services import Refused, action_plan_submit, assessment_record
from remedyhub.agreements.tests.factories import FrameworkFactory
from remedyhub.registry.services import membership_create
from remedyhub.registry.tests.factories import CompanyFactory, SectorAgreementFactory

CRITERIA = [Criterion("policy", "Policy", 1, 4), Criterion("remedy", "Remedy", 3, 4)]


def test_the_score_is_the_weighted_share_of_the_maximum():
    # (1 x 4/4 + 3 x 2/4) / 4 = 62.5 %
    result = score(CRITERIA, {"policy": 4, "remedy": 2}, pass_mark=60)
    assert result.percent == Decimal("62.5") and result.passed


def test_a_score_just_below_the_pass_mark_fails_and_the_mark_itself_passes():
    assert not score(CRITERIA, {"policy": 3, "remedy": 2}, pass_mark=57).passed  # 56.3
    assert score(CRITERIA, {"policy": 4, "remedy": 2}, pass_mark=62).passed
    assert score(CRITERIA, {"policy": 0, "remedy": 0}, pass_mark=1).percent == 0


def test_missing_unknown_and_out_of_range_scores_are_each_named():
    with pytest.raises(InvalidScores) as invalid:
        score(CRITERIA, {"remedy": 5, "wages": 3}, pass_mark=60)
    assert invalid.value.messages == [
        "wages is not a criterion of this framework.",
        "Give Policy a whole score.",
        "The score of Remedy must be between 0 and 4; it was 5.",
    ]
    with pytest.raises(InvalidScores, match="whole score"):
        score(CRITERIA, {"policy": 2.5, "remedy": True}, pass_mark=60)


@pytest.mark.django_db
class TestAssessmentRecord:
    @pytest.fixture
    def member(self):
        agreement = SectorAgreementFactory(name="Textile Agreement", starts_on=dt.date(2016, 1, 1))
        company = CompanyFactory(name="Lindqvist Apparel AB")
        membership_create(
            agreement=agreement,
            company=company,
            valid_from=dt.date(2018, 6, 1),
            valid_until=dt.date(2021, 3, 31),
        )
        return agreement, company, FrameworkFactory(agreement=agreement, pass_mark=60)

    def test_a_members_assessment_is_scored_and_stored(self, member):
        agreement, company, framework = member
        assessment = assessment_record(
            agreement=agreement,
            company=company,
            year=2018,
            framework=framework,
            scores={"policy": 4, "risks": 2, "remedy": 1},
            assessed_on=dt.date(2019, 2, 1),
        )
        # (1 x 1 + 2 x 0.5 + 2 x 0.25) / 5 = 50 %
        assert (assessment.percent, assessment.passed) == (Decimal("50.0"), False)

    @pytest.mark.parametrize("year", [2017, 2022])
    def test_an_assessment_for_a_year_without_membership_is_refused(self, member, year):
        agreement, company, framework = member
        with pytest.raises(Refused) as refused:
            assessment_record(
                agreement=agreement,
                company=company,
                year=year,
                framework=framework,
                scores={"policy": 4, "risks": 4, "remedy": 4},
                assessed_on=dt.date(2023, 1, 1),
            )
        assert refused.value.errors == {
            "year": f"Lindqvist Apparel AB was not a member of Textile Agreement at any time "
            f"in {year}."
        }
        assert not Assessment.objects.exists()
        with pytest.raises(Refused):
            action_plan_submit(
                agreement=agreement,
                company=company,
                year=year,
                submitted_on=dt.date(2023, 1, 1),
                summary="",
            )

    def test_another_agreements_framework_and_bad_scores_are_refused(self, member):
        agreement, company, _framework = member
        other = FrameworkFactory()
        with pytest.raises(Refused, match="another agreement"):
            assessment_record(
                agreement=agreement,
                company=company,
                year=2019,
                framework=other,
                scores={},
                assessed_on=dt.date(2020, 1, 1),
            )
        with pytest.raises(Refused, match="must be between 0 and 4"):
            assessment_record(
                agreement=agreement,
                company=company,
                year=2019,
                framework=_framework,
                scores={"policy": 9, "risks": 1, "remedy": 1},
                assessed_on=dt.date(2020, 1, 1),
            )


@pytest.mark.django_db
def test_the_admin_refuses_an_assessment_for_a_year_without_membership_and_keeps_the_input(
    client,
):
    from django.urls import reverse

    from remedyhub.accounts.models import User
    from remedyhub.accounts.tests.helpers import verified_login

    agreement = SectorAgreementFactory(name="Textile Agreement", starts_on=dt.date(2016, 1, 1))
    company = CompanyFactory(name="Maison Durand SA")
    membership_create(
        agreement=agreement,
        company=company,
        valid_from=dt.date(2017, 1, 1),
        valid_until=dt.date(2019, 6, 30),
    )
    framework = FrameworkFactory(agreement=agreement)
    verified_login(client, User.objects.create_superuser("admin", password="x" * 20))
    values = {
        "agreement": agreement.pk,
        "company": company.pk,
        "framework": framework.pk,
        "assessed_on": "2021-02-01",
        "scores": '{"policy": 4, "risks": 4, "remedy": 4}',
        "notes": "Kept after the refusal",
    }
    url = reverse("admin:agreements_assessment_add")
    page = client.post(url, {**values, "year": 2020}).content.decode()
    assert "Maison Durand SA was not a member of Textile Agreement at any time in 2020." in page
    assert "Kept after the refusal" in page
    assert not Assessment.objects.exists()
    done = client.post(url, {**values, "year": 2019})
    assert done.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.percent, assessment.passed) == (Decimal("100.0"), True)
