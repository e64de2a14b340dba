"""Endpoints of the public API."""

from django.db.models import QuerySet
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from remedyhub.api.schema import VALIDATION_ERROR
from remedyhub.api.serializers import (
    FacilityDetailSerializer,
    FacilityResultSerializer,
    ImportResultSerializer,
    MechanismSerializer,
    SupplierListUploadSerializer,
)
from remedyhub.registry.parsing import MAX_BYTES, resolve_country
from remedyhub.registry.selectors import (
    facility_buyers,
    facility_resolve,
    facility_search,
    may_upload,
    upload_companies_for,
)
from remedyhub.registry.services import supplier_list_import
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
    q = serializers.CharField(max_length=200, help_text="What the reporter or handler typed")
    country = serializers.CharField(
        required=False, allow_blank=True, max_length=60, help_text="ISO code or name"
    )
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

    @extend_schema(parameters=[FacilitySearchQuery], responses=FacilityResultSerializer(many=True))
    def get(self, request: Request) -> Response:
        # A plain dict, not the QueryDict: DRF reads a blank form value of an optional field
        # as absent, which would make ``limit=`` quietly mean ten.
        query = FacilitySearchQuery(data=request.query_params.dict())
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


class SupplierListUploadView(APIView):
    """Upload a supplier list. Staff name the publisher; a company representative uploads for
    her own company. A list with invalid rows imports nothing unless ``skip_invalid``."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": SupplierListUploadSerializer},
        responses={
            200: ImportResultSerializer,
            201: ImportResultSerializer,
            400: PolymorphicProxySerializer(
                component_name="SupplierListRefused",
                serializers=[ImportResultSerializer, VALIDATION_ERROR],
                resource_type_field_name=None,
            ),
        },
    )
    def post(self, request: Request) -> Response:
        # Who may upload at all comes first: a caller who may not learns nothing about the form.
        if not may_upload(user=request.user):
            raise PermissionDenied(_("Only staff and company representatives upload lists."))
        upload = SupplierListUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        allowed = upload_companies_for(user=request.user)
        company = None
        if allowed is not None:
            company = allowed.filter(slug=data.get("company", "")).first() or (
                allowed.first() if allowed.count() == 1 and not data.get("company") else None
            )
            if company is None:
                raise PermissionDenied(_("You may upload lists only for your own company."))
        elif not data.get("contributor"):
            raise serializers.ValidationError({"contributor": [_("Say who published the list.")]})
        if data["file"].size > MAX_BYTES:
            raise serializers.ValidationError(
                {
                    "file": [
                        _("The file is larger than %(limit)s MB.") % {"limit": MAX_BYTES // 2**20}
                    ]
                }
            )
        result = supplier_list_import(
            data=data["file"].read(),
            filename=data["file"].name,
            contributor=company.name if company else data["contributor"],
            contributor_type=data["contributor_type"],
            skip_invalid=data["skip_invalid"],
            uploaded_by=request.user,
            list_date=data.get("list_date"),
            dry_run=data["dry_run"],
            company=company,
            workers=1,
        )
        body = ImportResultSerializer(result.as_dict()).data
        if result.imported:
            return Response(body, status=201)
        return Response(body, status=200 if data["dry_run"] and not result.invalid else 400)
