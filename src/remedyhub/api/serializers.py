"""Output shapes of the public API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from remedyhub.registry.models import Contributor, SectorAgreement
from remedyhub.routing.models import Mechanism


class MechanismSerializer(serializers.ModelSerializer):
    agreement: serializers.SlugRelatedField[SectorAgreement] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    sectors = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    home_countries = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    website = serializers.SerializerMethodField()

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

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
    def get_website(self, mechanism: Mechanism) -> str | None:
        return mechanism.website or None


class BuyerSerializer(serializers.Serializer):
    company = serializers.CharField(source="company_name")
    company_slug = serializers.CharField()
    current = serializers.BooleanField()
    first_seen = serializers.DateField()
    last_seen = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    list_date = serializers.DateField(allow_null=True)
    agreements = serializers.ListField(child=serializers.CharField())


class FacilitySerializer(serializers.Serializer):
    facility_id = serializers.CharField(source="public_id")
    os_id = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    other_names = serializers.ListField(child=serializers.CharField())
    address = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField()
    sector = serializers.CharField()


class FacilityResultSerializer(serializers.Serializer):
    facility = FacilitySerializer()
    score = serializers.FloatField(help_text="0 to 100: how well the facility fits the query.")
    matched_words = serializers.ListField(child=serializers.CharField())
    buyers = BuyerSerializer(many=True)


class FacilityDetailSerializer(serializers.Serializer):
    facility = FacilitySerializer()
    buyers = BuyerSerializer(many=True)


class SupplierListUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV, XLSX or JSON in Open Supply Hub's columns.")
    contributor = serializers.CharField(
        max_length=255, required=False, help_text="Staff only: who published the list."
    )
    contributor_type = serializers.ChoiceField(
        choices=Contributor.Type.choices, default=Contributor.Type.BRAND
    )
    company = serializers.SlugField(
        required=False, help_text="A company representative's company (its slug)."
    )
    list_date = serializers.DateField(required=False)
    skip_invalid = serializers.BooleanField(default=False)
    dry_run = serializers.BooleanField(default=False, help_text="Only report what would happen.")


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    field = serializers.CharField(allow_null=True, required=False)
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    new_facilities = serializers.IntegerField()
    exact_matches = serializers.IntegerField()
    automatic_matches = serializers.IntegerField()
    needs_review = serializers.IntegerField()
    already_decided = serializers.IntegerField()
    ended_links = serializers.IntegerField()
    invalid = RowErrorSerializer(many=True)
    duplicates = RowErrorSerializer(many=True)
    imported = serializers.BooleanField()
    warnings = serializers.ListField(child=serializers.CharField())
