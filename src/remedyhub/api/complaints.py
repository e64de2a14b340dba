"""Complaint intake and follow-up for intermediaries: unions, NGOs, partner mechanisms.

The receipt travels in the ``X-Receipt`` header, never in a URL, so that it does not end up in
logs, browser histories or proxies.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from remedyhub.accounts.tokens import ApiTokenAuthentication
from remedyhub.cases.models import ReferralProposal
from remedyhub.cases.services import complainant_withdraw, referral_answer, retaliation_report
from remedyhub.common.countries import validate_country_code
from remedyhub.intake import receipts, throttle
from remedyhub.intake.contact import normalise_phone
from remedyhub.intake.files import UploadRejected, check_batch, clean_upload
from remedyhub.intake.models import Complaint, Message
from remedyhub.intake.selectors import complaint_progress
from remedyhub.intake.services import (
    ComplaintWithdrawn,
    complaint_find,
    complaint_submit,
    reporter_message,
)
from remedyhub.intake.taxonomy import AffectedGroup, Issue, ReporterType
from remedyhub.registry.selectors import facility_resolve

logger = logging.getLogger(__name__)

REPLAY_WINDOW = dt.timedelta(hours=24)
RECEIPT_HEADER = "X-Receipt"


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=300)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    messaging = serializers.CharField(required=False, allow_blank=True, max_length=200)


class JSONObjectField(serializers.JSONField):
    """A nested object that multipart requests send as a JSON string."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                raise serializers.ValidationError(_("Not valid JSON.")) from None
        return super().to_internal_value(data)


class ComplaintCreateSerializer(serializers.Serializer):
    description = serializers.CharField(min_length=10, max_length=20_000)
    country = serializers.CharField(
        min_length=2,
        max_length=2,
        help_text=gettext_lazy("ISO 3166-1 alpha-2 code of the country of harm"),
    )
    site_name = serializers.CharField(required=False, allow_blank=True, max_length=300)
    site_address = serializers.CharField(required=False, allow_blank=True, max_length=300)
    facility_id = serializers.CharField(required=False, allow_blank=True, max_length=40)
    issues = serializers.ListField(
        child=serializers.ChoiceField(choices=Issue.choices), required=False, default=list
    )
    occurred_from = serializers.DateField(required=False, allow_null=True)
    occurred_to = serializers.DateField(required=False, allow_null=True)
    ongoing = serializers.BooleanField(required=False, default=False)
    affected_count = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=10_000_000
    )
    affected_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=AffectedGroup.choices), required=False, default=list
    )
    reporter_type = serializers.ChoiceField(choices=ReporterType.choices, required=False)
    on_behalf_of_others = serializers.BooleanField(required=False, default=False)
    represented_people = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    organisation = serializers.CharField(required=False, allow_blank=True, max_length=300)
    anonymous = serializers.BooleanField(required=False, default=True)
    consent_identity_to_company = serializers.BooleanField(required=False, default=False)
    contact = JSONObjectField(
        required=False, help_text=gettext_lazy("name, phone, email, messaging")
    )
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES], required=False
    )
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, write_only=True
    )

    def validate_country(self, value: str) -> str:
        value = value.upper()
        try:
            validate_country_code(value)
        except Exception:
            raise serializers.ValidationError(
                _("Not an ISO 3166-1 alpha-2 country code.")
            ) from None
        return value

    def validate_facility_id(self, value: str) -> Any:
        if not value:
            return None
        facility = facility_resolve(value)
        if facility is None:
            raise serializers.ValidationError(_("No facility has this id."))
        return facility

    def validate_contact(self, value: Any) -> dict[str, str]:
        contact = ContactSerializer(data=value or {})
        contact.is_valid(raise_exception=True)
        return dict(contact.validated_data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        contact = attrs.get("contact") or {}
        if contact.get("phone"):
            try:
                contact["phone"] = normalise_phone(contact["phone"], attrs["country"])
            except Exception as error:
                errors["contact"] = {"phone": list(getattr(error, "messages", [str(error)]))}
        start, end = attrs.get("occurred_from"), attrs.get("occurred_to")
        today = timezone.localdate()
        if start and start > today:
            errors["occurred_from"] = [_("This date is in the future.")]
        if end and start and end < start:
            errors["occurred_to"] = [_("The end is before the start.")]
        if not attrs.get("anonymous", True) and not contact.get("name"):
            errors["contact"] = {"name": [_("Give a name, or file anonymously.")]}
        if attrs.get("anonymous", True) and attrs.get("consent_identity_to_company"):
            errors["consent_identity_to_company"] = [
                _("An anonymous complaint has no identity to share.")
            ]
        if attrs.get("on_behalf_of_others") and not attrs.get("represented_people"):
            errors["represented_people"] = [_("Say for whom the complaint is filed.")]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ComplaintCreatedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    receipt = serializers.CharField(help_text=gettext_lazy("Shown once: give it to the reporter"))
    follow_up_url = serializers.URLField()


class ComplaintCreateView(APIView):
    """File a complaint. Send an ``Idempotency-Key`` header so a retry never files twice."""

    permission_classes = [AllowAny]
    authentication_classes = [ApiTokenAuthentication]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        request={
            "application/json": ComplaintCreateSerializer,
            "multipart/form-data": ComplaintCreateSerializer,
        },
        responses={201: ComplaintCreatedSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=(
                    "A random value (16 to 200 characters) per complaint; a retry with the "
                    "same key within 24 hours returns the same complaint and receipt."
                ),
            )
        ],
    )
    def post(self, request: Request) -> Response:
        key = request.headers.get("Idempotency-Key", "")
        if key and not 16 <= len(key) <= 200:
            raise ValidationError(
                {"Idempotency-Key": [_("Use a random value of 16 to 200 characters.")]}
            )
        if not isinstance(request.data, Mapping):
            raise ValidationError(
                {"non_field_errors": [_("Send the complaint as one JSON object.")]}
            )
        data = request.data.copy() if hasattr(request.data, "copy") else dict(request.data)
        if hasattr(request.data, "getlist"):
            data = {name: request.data.get(name) for name in request.data}
            for name in ("issues", "affected_groups"):
                data[name] = request.data.getlist(name)
            data["files"] = request.FILES.getlist("files")
        serializer = ComplaintCreateSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        uploads = values.pop("files", [])
        try:
            check_batch([upload.size for upload in uploads])
            cleaned = [clean_upload(upload.name or "", upload.read()) for upload in uploads]
        except UploadRejected as rejected:
            raise ValidationError({"files": [str(rejected)]}) from None
        contact = values.pop("contact", None) or {}
        facility = values.pop("facility_id", None)
        language = values.pop("language", None) or request.LANGUAGE_CODE or "en"
        values.update(
            facility=facility,
            reporter_name=contact.get("name", ""),
            contact_phone=contact.get("phone", ""),
            contact_email=contact.get("email", ""),
            contact_other=contact.get("messaging", ""),
        )
        user = request.user if request.user.is_authenticated else None
        token = request.auth
        if user is None and not throttle.allow_submission(request):
            # Anonymous senders only: partners hold a token issued by an administrator.
            raise Throttled(
                wait=throttle.SUBMISSION_WINDOW_SECONDS,
                detail=_("Too many complaints were sent in a short time. Send again later."),
            )
        owner = f"user{user.pk}" if user else "public"
        seed = f"api:{owner}:{key}" if key else f"api:once:{secrets.token_urlsafe(32)}"
        try:
            submission = complaint_submit(
                data=values,
                seed=seed,
                channel=Complaint.Channel.API,
                language=language,
                files=cleaned,
                entered_by=user,
                partner_organisation=getattr(token, "organisation", ""),
            )
        except OperationalError:
            # The database is busy or away; the transaction rolled back, nothing is stored.
            logger.warning("complaint not stored: database unavailable", exc_info=True)
            return Response(
                {
                    "detail": _(
                        "The complaint was not stored because the service is busy. Nothing "
                        "was saved: send it again, with the same Idempotency-Key."
                    )
                },
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": "2"},
            )
        complaint = submission.complaint
        if user is None and submission.created:
            throttle.record_submission(request)
        if not submission.created and timezone.now() - complaint.created_at > REPLAY_WINDOW:
            return Response(
                {"detail": _("This Idempotency-Key was used for a complaint more than a day ago.")},
                status=status.HTTP_409_CONFLICT,
            )
        with override(complaint.language):
            follow_up = request.build_absolute_uri(reverse("intake:follow-up"))
        body = ComplaintCreatedSerializer(
            {
                "reference": complaint.reference,
                "receipt": receipts.display(submission.receipt),
                "follow_up_url": follow_up,
            }
        ).data
        response = Response(body, status=status.HTTP_201_CREATED)
        if not submission.created:
            response["Idempotent-Replayed"] = "true"
        response["Cache-Control"] = "no-store"
        return response


def _receipt_complaint(request: Request) -> Complaint:
    if not request.headers.get(RECEIPT_HEADER, "").strip():
        raise ValidationError({RECEIPT_HEADER: [_("Send the receipt code in this header.")]})
    client = throttle.client_key(request)
    if not throttle.allow_receipt_try(client):
        raise Throttled(detail=_("Too many tries. Please wait 15 minutes and try again."))
    complaint = complaint_find(request.headers.get(RECEIPT_HEADER, ""))
    if complaint is None:
        throttle.record_receipt_failure(client)
        raise NotFound(_("No complaint matches this receipt."))
    return complaint


RECEIPT_PARAMETER = OpenApiParameter(
    RECEIPT_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The 16-digit receipt code (spaces allowed).",
)


class AttachmentInfoSerializer(serializers.Serializer):
    name = serializers.CharField(source="original_name")
    kind = serializers.CharField()
    size = serializers.IntegerField()


class FollowUpMessageSerializer(serializers.Serializer):
    sender = serializers.CharField()
    kind = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    files = AttachmentInfoSerializer(source="attachments.all", many=True)


class PendingReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    to_mechanism = serializers.CharField(source="to_mechanism.name")
    reason = serializers.CharField()


class FollowUpSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    status_text = serializers.CharField()
    explanation = serializers.CharField()
    next_step = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    messages = FollowUpMessageSerializer(many=True)
    referrals = PendingReferralSerializer(
        many=True, help_text="Referral proposals waiting for the complainant's answer."
    )


class FollowUpView(APIView):
    """Where a complaint stands and what was said, for whoever holds its receipt."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(parameters=[RECEIPT_PARAMETER], responses={200: FollowUpSerializer})
    def get(self, request: Request) -> Response:
        complaint = _receipt_complaint(request)
        progress = complaint_progress(complaint)
        body = FollowUpSerializer(
            {
                "reference": complaint.reference,
                "status": complaint.status,
                "status_text": progress.status,
                "explanation": progress.explanation,
                "next_step": progress.next_step,
                "deadline": progress.deadline,
                "messages": complaint.messages.prefetch_related("attachments"),
                "referrals": _pending_referrals(complaint),
            }
        ).data
        return Response(body, headers={"Cache-Control": "no-store"})


class ReporterMessageSerializer(serializers.Serializer):
    body = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    kind = serializers.ChoiceField(
        choices=[
            Message.Kind.MESSAGE,
            Message.Kind.MEETING_REQUEST,
            Message.Kind.WITHDRAWAL,
            Message.Kind.RETALIATION,
        ],
        default=Message.Kind.MESSAGE,
    )
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class FollowUpMessageView(APIView):
    """The reporter answers, adds files, asks for a meeting (R10) or withdraws."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        parameters=[RECEIPT_PARAMETER],
        request={
            "application/json": ReporterMessageSerializer,
            "multipart/form-data": ReporterMessageSerializer,
        },
        responses={201: FollowUpMessageSerializer},
    )
    def post(self, request: Request) -> Response:
        complaint = _receipt_complaint(request)
        data: Any = request.data
        if hasattr(request.data, "getlist"):
            data = {name: request.data.get(name) for name in request.data}
            data["files"] = request.FILES.getlist("files")
        serializer = ReporterMessageSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        uploads = serializer.validated_data["files"]
        body = serializer.validated_data.get("body", "")
        kind = serializer.validated_data["kind"]
        if kind == Message.Kind.MESSAGE and not body and not uploads:
            raise ValidationError({"body": [_("Write a message or add a file.")]})
        try:
            check_batch([upload.size for upload in uploads])
            cleaned = [clean_upload(upload.name or "", upload.read()) for upload in uploads]
        except UploadRejected as rejected:
            raise ValidationError({"files": [str(rejected)]}) from None
        if kind == Message.Kind.RETALIATION and not body:
            raise ValidationError({"body": [_("Please describe what is happening.")]})
        try:
            # As on the follow-up page: a withdrawal also ends the open case, and a report of
            # retaliation makes it urgent (R3).
            if kind == Message.Kind.WITHDRAWAL:
                complainant_withdraw(complaint, reason=body)
                message = complaint.messages.filter(kind=kind).latest("created_at", "pk")
            elif kind == Message.Kind.RETALIATION:
                message = retaliation_report(complaint, body=body)
            else:
                message = reporter_message(complaint, body=body, kind=kind, files=cleaned)
        except ComplaintWithdrawn:
            raise ValidationError(
                {"detail": [_("This complaint was withdrawn; nothing more can be added.")]}
            ) from None
        return Response(
            FollowUpMessageSerializer(message).data,
            status=status.HTTP_201_CREATED,
            headers={"Cache-Control": "no-store"},
        )


def _pending_referrals(complaint: Complaint) -> Any:
    return ReferralProposal.objects.filter(
        case__complaint=complaint, status=ReferralProposal.Status.PROPOSED
    ).select_related("to_mechanism")


class ReferralAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=["accept", "decline"])


class FollowUpReferralView(APIView):
    """The complainant accepts or declines a proposed referral, with her receipt (item 7)."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(
        parameters=[RECEIPT_PARAMETER],
        request=ReferralAnswerSerializer,
        responses={200: FollowUpSerializer, 404: None, 409: None},
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        complaint = _receipt_complaint(request)
        proposal = ReferralProposal.objects.filter(
            pk=proposal_id, case__complaint=complaint
        ).first()
        if proposal is None:
            raise NotFound(_("No such proposal for this complaint."))
        if proposal.status != ReferralProposal.Status.PROPOSED:
            return Response(
                {"detail": _("This proposal was already answered.")},
                status=status.HTTP_409_CONFLICT,
            )
        serializer = ReferralAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral_answer(proposal, accept=serializer.validated_data["answer"] == "accept")
        return FollowUpView().get(request)
