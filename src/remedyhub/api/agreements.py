"""Public, read-only endpoints of sector agreements: the registry of agreements, each one's
members, commitments and progress, and its aggregated list of production locations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from remedyhub.agreements.selectors import (
    agreement_public_data,
    production_locations,
    reference_date,
)
from remedyhub.registry.models import SectorAgreement


class AgreementSerializer(serializers.ModelSerializer):
    successor: serializers.SlugRelatedField[SectorAgreement] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    sectors = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = SectorAgreement
        fields = [
            "slug",
            "name",
            "name_nl",
            "name_fr",
            "scope",
            "status",
            "sectors",
            "countries",
            "secretariat",
            "starts_on",
            "ends_on",
            "successor",
        ]
        read_only_fields = fields


class PartySerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField()
    country = serializers.CharField(allow_blank=True)


class MemberSerializer(serializers.Serializer):
    company = serializers.CharField()
    home_country = serializers.CharField()
    route = serializers.CharField()
    partner_initiative = serializers.CharField(allow_blank=True)
    valid_from = serializers.CharField()
    valid_until = serializers.CharField(allow_blank=True, help_text="Empty while a member")
    end_reason = serializers.CharField(allow_blank=True)


class CommitmentSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    rule = serializers.CharField()
    months = serializers.CharField(allow_blank=True)
    due_on = serializers.CharField(allow_blank=True)


class CountOnDaySerializer(serializers.Serializer):
    date = serializers.CharField(help_text="A year (its last day) or the reference date")


class MembersOnDaySerializer(CountOnDaySerializer):
    members = serializers.IntegerField()


class LocationsOnDaySerializer(CountOnDaySerializer):
    locations = serializers.IntegerField()


class AssessmentYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    assessed = serializers.IntegerField()
    passed = serializers.IntegerField()


class ProgressSerializer(serializers.Serializer):
    reference_date = serializers.DateField()
    members = serializers.IntegerField()
    disclosing_members = serializers.IntegerField()
    production_locations = serializers.IntegerField()
    overdue_commitments = serializers.IntegerField()
    complaints_received = serializers.IntegerField()
    complaints_resolved = serializers.IntegerField()
    remedy_items = serializers.IntegerField()
    remedy_items_done = serializers.IntegerField()
    members_over_time = MembersOnDaySerializer(many=True)
    production_locations_over_time = LocationsOnDaySerializer(many=True)
    assessments_by_year = AssessmentYearSerializer(many=True)


class AgreementDetailSerializer(serializers.Serializer):
    agreement = AgreementSerializer()
    parties = PartySerializer(many=True)
    members = MemberSerializer(many=True)
    commitments = CommitmentSerializer(many=True)
    progress = ProgressSerializer()


class LocationSerializer(serializers.Serializer):
    facility_id = serializers.CharField()
    name = serializers.CharField()
    address = serializers.CharField()
    city = serializers.CharField(allow_blank=True)
    country = serializers.CharField()
    sector = serializers.CharField(allow_blank=True)
    members_listing = serializers.IntegerField(help_text="How many members list the location")


class LocationsSerializer(serializers.Serializer):
    agreement = serializers.CharField()
    date = serializers.DateField()
    count = serializers.IntegerField()
    locations = LocationSerializer(many=True)


class LocationsQuery(serializers.Serializer):
    on = serializers.DateField(
        required=False, help_text="The day of the list (default: today, or the agreement's end)"
    )


def _agreement(slug: str) -> SectorAgreement:
    agreement = SectorAgreement.objects.select_related("successor").filter(slug=slug).first()
    if agreement is None:
        raise NotFound(_("No agreement has this slug."))
    return agreement


class AgreementListView(generics.ListAPIView):
    """Sector agreements, national and European, with their successors: public."""

    serializer_class = AgreementSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[SectorAgreement]:
        return SectorAgreement.objects.select_related("successor").order_by("slug")


class AgreementDetailView(APIView):
    """One agreement: parties, member companies (with the history of each membership),
    commitments and progress figures."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(responses=AgreementDetailSerializer)
    def get(self, request: Request, slug: str) -> Response:
        agreement = _agreement(slug)
        data = agreement_public_data(agreement)
        tables = data["tables"]
        body: dict[str, Any] = {
            "agreement": agreement,
            "parties": tables["parties"],
            "members": tables["members"],
            "commitments": tables["commitments"],
            "progress": data["progress"],
        }
        return Response(AgreementDetailSerializer(body).data)


class AgreementLocationsView(APIView):
    """The agreement's aggregated list of production locations on a day: each location once,
    however many members list it."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(parameters=[LocationsQuery], responses=LocationsSerializer)
    def get(self, request: Request, slug: str) -> Response:
        agreement = _agreement(slug)
        query = LocationsQuery(data=request.query_params.dict())  # blank "on" is an error
        query.is_valid(raise_exception=True)
        last = reference_date(agreement)
        day: dt.date = query.validated_data.get("on") or last
        if day < agreement.starts_on or day > last:
            raise serializers.ValidationError(
                {
                    "on": [
                        _("Choose a date between %(start)s and %(end)s.")
                        % {"start": agreement.starts_on.isoformat(), "end": last.isoformat()}
                    ]
                }
            )
        locations = production_locations(agreement, day)
        return Response(
            LocationsSerializer(
                {
                    "agreement": agreement.slug,
                    "date": day,
                    "count": len(locations),
                    "locations": locations,
                }
            ).data
        )
