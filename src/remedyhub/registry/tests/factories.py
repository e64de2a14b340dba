"""factory_boy factories for the registry; every name is invented."""

import datetime as dt

import factory

from remedyhub.registry.models import Company, Facility, Membership, SectorAgreement, SupplyLink


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Example Buyer {n} B.V.")
    slug = factory.Sequence(lambda n: f"example-buyer-{n}")
    home_country = "NL"


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Example Garments {n} Ltd")
    address = factory.Sequence(lambda n: f"Plot {n}, Export Zone")
    country = "BD"
    sector = "garments_textile"


class SectorAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectorAgreement

    name = factory.Sequence(lambda n: f"Example Agreement {n}")
    slug = factory.Sequence(lambda n: f"example-agreement-{n}")
    scope = SectorAgreement.Scope.NATIONAL
    sectors = factory.LazyFunction(lambda: ["garments_textile"])
    starts_on = dt.date(2020, 1, 1)

    class Params:
        ended = factory.Trait(ends_on=dt.date(2023, 12, 31))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    agreement = factory.SubFactory(SectorAgreementFactory)
    company = factory.SubFactory(CompanyFactory)
    valid_from = dt.date(2021, 1, 1)


class SupplyLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplyLink

    company = factory.SubFactory(CompanyFactory)
    facility = factory.SubFactory(FacilityFactory)
    first_seen = dt.date(2024, 1, 1)
    last_seen = dt.date(2026, 6, 30)
