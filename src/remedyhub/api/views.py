"""Endpoints of the public API."""

from django.db.models import QuerySet
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from remedyhub.api.serializers import (
    FacilityDetailSerializer,
    FacilityResultSerializer,
    MechanismSerializer,
)
from remedyhub.registry.parsing import resolve_country
from remedyhub.registry.selectors import facility_buyers, facility_resolve, facility_search
from remedyhub.routing.models import Mechanism


class MechanismListView(generics.ListAPIView):
    """Active grievance mechanisms, with their scope: public, so anyone can see where to go."""

    serializer_class = MechanismSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[Mechanism]:
        return Mechanism.objects.filter(is_active=True).select_related("agreement").order_by("slug")


class MechanismDetailView(generics.RetrieveAPIView):
    serializer_class = MechanismSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Mechanism]:
        return Mechanism.objects.filter(is_active=True).select_related("agreement")


class FacilitySearchQuery(serializers.Serializer):
    q = serializers.CharField(max_length=200)
    country = serializers.CharField(required=False, allow_blank=True, max_length=60)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=50, default=10)

    def validate_country(self, value: str) -> str | None:
        if not value:
            return None
        code = resolve_country(value)
        if code is None:
            raise serializers.ValidationError(_("Unknown country."))
        return code


class FacilitySearchView(APIView):
    """Facilities that fit what a reporter or handler types (part of a name, a street, a town,
    with misspellings), each with its buyers, current and past, and their sector agreements."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, required=True),
            OpenApiParameter("country", OpenApiTypes.STR, description="ISO code or name"),
            OpenApiParameter("limit", OpenApiTypes.INT),
        ],
        responses=FacilityResultSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        query = FacilitySearchQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        results = facility_search(
            q=query.validated_data["q"],
            country=query.validated_data.get("country"),
            limit=query.validated_data["limit"],
        )
        return Response(FacilityResultSerializer(results, many=True).data)


class FacilityDetailView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(responses=FacilityDetailSerializer)
    def get(self, request: Request, public_id: str) -> Response:
        facility = facility_resolve(public_id)
        if facility is None:
            raise NotFound(_("No facility has this id."))
        if facility.public_id != public_id:
            return redirect("api:facility-detail", public_id=facility.public_id)  # type: ignore[return-value]
        buyers = facility_buyers([facility])[facility.pk]
        return Response(FacilityDetailSerializer({"facility": facility, "buyers": buyers}).data)
