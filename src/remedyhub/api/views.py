"""Endpoints of the public API."""

from django.db.models import QuerySet
from rest_framework import generics
from rest_framework.permissions import AllowAny

from remedyhub.api.serializers import MechanismSerializer
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
