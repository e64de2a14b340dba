"""Public read endpoints of events: what is planned, and the materials of past events."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from remedyhub.community.models import Event, EventMaterial
from remedyhub.community.selectors import event_has_ended, materials_visible, places_left


class EventMaterialSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = EventMaterial
        fields = ["title", "url"]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_url(self, material: EventMaterial) -> str:
        if material.storage_name is None:
            return material.url
        path = reverse(
            "community:event-material", args=[material.event.slug, material.storage_name]
        )
        return self.context["request"].build_absolute_uri(path)


class EventSerializer(serializers.ModelSerializer):
    places_left = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    calendar = serializers.SerializerMethodField()
    ended = serializers.SerializerMethodField()
    materials = serializers.SerializerMethodField()
    online = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "timezone",
            "location",
            "online",
            "capacity",
            "places_left",
            "registration_open",
            "ended",
            "page",
            "calendar",
            "materials",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "integer", "nullable": True, "readOnly": True})
    def get_places_left(self, event: Event) -> int | None:
        return places_left(event)

    @extend_schema_field({"type": "boolean", "readOnly": True})
    def get_online(self, event: Event) -> bool:
        # The link itself is for registered participants only.
        return bool(event.online_url)

    @extend_schema_field({"type": "boolean", "readOnly": True})
    def get_ended(self, event: Event) -> bool:
        return event_has_ended(event)

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_page(self, event: Event) -> str:
        path = reverse("community:event", args=[event.slug])
        return self.context["request"].build_absolute_uri(path)

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_calendar(self, event: Event) -> str:
        path = reverse("community:event-ics", args=[event.slug])
        return self.context["request"].build_absolute_uri(path)

    @extend_schema_field(EventMaterialSerializer(many=True))
    def get_materials(self, event: Event) -> list[dict[str, str]]:
        materials = materials_visible(event).select_related("event")
        return list(EventMaterialSerializer(materials, many=True, context=self.context).data)


class EventListView(generics.ListAPIView):
    """Published events, the coming ones first, then past ones (with their materials)."""

    serializer_class = EventSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[Event]:
        return Event.objects.filter(published=True).order_by("-starts_at", "pk")


class EventDetailView(generics.RetrieveAPIView):
    serializer_class = EventSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[Event]:
        return Event.objects.filter(published=True)
