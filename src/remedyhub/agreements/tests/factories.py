"""factory_boy factories for the agreements' monitoring; every name is invented."""

import factory

from remedyhub.agreements.models import AssessmentFramework, Commitment, Criterion
from remedyhub.registry.tests.factories import SectorAgreementFactory


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    agreement = factory.SubFactory(SectorAgreementFactory)
    code = factory.Sequence(lambda n: f"commitment-{n}")
    title = "Publish the list of production locations"
    rule = Commitment.Rule.AFTER_JOINING
    months = 12


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentFramework
        skip_postgeneration_save = True

    agreement = factory.SubFactory(SectorAgreementFactory)
    name = factory.Sequence(lambda n: f"Framework {n}")
    pass_mark = 60
    first_year = 2017

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        for code, name, weight in extracted or [
            ("policy", "Policy", 1),
            ("risks", "Risks identified", 2),
            ("remedy", "Remedy", 2),
        ]:
            Criterion.objects.create(framework=self, code=code, name=name, weight=weight)
