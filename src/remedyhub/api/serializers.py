"""Output shapes of the public API."""

from rest_framework import serializers

from remedyhub.registry.models import SectorAgreement
from remedyhub.routing.models import Mechanism


class MechanismSerializer(serializers.ModelSerializer):
    agreement: serializers.SlugRelatedField[SectorAgreement] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    sectors = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    home_countries = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Mechanism
        fields = [
            "slug",
            "name",
            "kind",
            "description",
            "agreement",
            "sectors",
            "countries",
            "home_countries",
            "languages",
            "accepts_anonymous",
            "binding_decisions",
            "website",
        ]
        read_only_fields = fields
