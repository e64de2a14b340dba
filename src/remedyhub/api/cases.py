"""Cases through the API, addressed by their complaint's public reference.

Staff and handlers authenticate with a session or a token of ``manage.py create_api_token``.
Whoever may not handle the case gets 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from remedyhub.accounts.tokens import ApiTokenAuthentication
from remedyhub.cases import workflow
from remedyhub.cases.access import COMPANY, MECHANISM, complainant_for, messages_for, side_of
from remedyhub.cases.models import Case, CaseMessage, Decision
from remedyhub.cases.outcomes import ADMISSIBILITY_CRITERIA
from remedyhub.cases.services import (
    InvalidTransition,
    ReasonRequired,
    admissibility_decide,
    case_message_post,
    case_transition,
    may_handle,
    outcome_decide,
)
from remedyhub.routing.rules import Stage
from remedyhub.routing.selectors import routing_options


def _case_for(request: Request, reference: str, *, handling: bool = False) -> tuple[Case, str]:
    """The case and the caller's side; 404 for whoever may not see it (or act, if handling)."""
    case = (
        Case.objects.select_related("complaint", "mechanism", "rules")
        .filter(complaint__reference=reference)
        .order_by("-created_at", "-pk")
        .first()
    )
    side = side_of(request.user, case) if case is not None else None
    if case is None or side is None or (handling and not may_handle(request.user, case.mechanism)):
        raise NotFound(_("No case with this reference."))
    return case, side


class ComplainantSerializer(serializers.Serializer):
    display_name = serializers.CharField(source="label")
    identified = serializers.BooleanField()
    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()


class CaseSerializer(serializers.Serializer):
    reference = serializers.CharField(source="complaint.reference")
    mechanism = serializers.CharField(source="mechanism.slug")
    rules_version = serializers.IntegerField(source="rules.version", allow_null=True)
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    stage_started_at = serializers.DateTimeField()
    deadline = serializers.DateField(allow_null=True)
    overdue = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    complainant = serializers.SerializerMethodField()
    companies = serializers.SerializerMethodField()

    def get_overdue(self, case: Case) -> bool:
        return case.deadline is not None and case.deadline < timezone.localdate()

    def get_allowed_transitions(self, case: Case) -> list[str]:
        if self.context.get("side") != MECHANISM:
            return []
        return sorted(workflow.allowed_targets(case.state, held_from=case.held_from))

    @extend_schema_field(ComplainantSerializer)
    def get_complainant(self, case: Case) -> dict[str, Any]:
        """A pseudonym for the company unless the complainant consented (R3)."""
        complainant = complainant_for(case, self.context.get("side", COMPANY))
        return ComplainantSerializer(complainant).data

    def get_companies(self, case: Case) -> list[str]:
        return [company.slug for company in case.companies.all()]


class RouteOptionSerializer(serializers.Serializer):
    mechanism = serializers.CharField(source="mechanism_name")
    mechanism_id = serializers.IntegerField()
    kind = serializers.CharField()
    reason = serializers.CharField()


class TransitionSerializer(serializers.Serializer):
    to_state = serializers.ChoiceField(choices=Stage.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class _CaseView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]


class CaseDetailView(_CaseView):
    @extend_schema(responses={200: CaseSerializer})
    def get(self, request: Request, reference: str) -> Response:
        case, side = _case_for(request, reference)
        return Response(CaseSerializer(case, context={"side": side}).data)


class CaseRoutingView(_CaseView):
    @extend_schema(responses={200: RouteOptionSerializer(many=True)})
    def get(self, request: Request, reference: str) -> Response:
        case, _side = _case_for(request, reference, handling=True)
        complaint = case.complaint
        options = routing_options(
            country=complaint.country,
            facility=complaint.facility,
            harm_on=complaint.occurred_from or timezone.localdate(complaint.created_at),
            anonymous=complaint.anonymous,
        )
        return Response(RouteOptionSerializer(options, many=True).data)


class CaseTransitionView(_CaseView):
    @extend_schema(
        request=TransitionSerializer, responses={201: CaseSerializer, 409: None, 400: None}
    )
    def post(self, request: Request, reference: str) -> Response:
        case, side = _case_for(request, reference, handling=True)
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        try:
            case_transition(
                case, data["to_state"], actor=request.user, reason=data.get("reason", "")
            )
        except InvalidTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except ReasonRequired as error:
            return Response({"reason": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        except PermissionDenied:
            raise NotFound(_("No case with this reference.")) from None
        case.refresh_from_db()
        return Response(
            CaseSerializer(case, context={"side": side}).data, status=status.HTTP_201_CREATED
        )


class CaseMessageSerializer(serializers.Serializer):
    side = serializers.CharField(read_only=True)
    visibility = serializers.ChoiceField(choices=CaseMessage.Visibility.choices)
    body = serializers.CharField(max_length=20_000)
    confidential_reason = serializers.CharField(
        required=False, allow_blank=True, max_length=300, default=""
    )
    created_at = serializers.DateTimeField(read_only=True)


class CaseMessagesView(_CaseView):
    """Messages of a case that the caller's side may read; the caller may add one."""

    @extend_schema(responses={200: CaseMessageSerializer(many=True)})
    def get(self, request: Request, reference: str) -> Response:
        case, side = _case_for(request, reference)
        return Response(CaseMessageSerializer(messages_for(case, side), many=True).data)

    @extend_schema(request=CaseMessageSerializer, responses={201: CaseMessageSerializer})
    def post(self, request: Request, reference: str) -> Response:
        case, _side = _case_for(request, reference)
        serializer = CaseMessageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            message = case_message_post(case, actor=request.user, **serializer.validated_data)
        except ReasonRequired as error:
            return Response({"confidential_reason": [str(error)]}, status=400)
        except PermissionDenied:
            return Response(
                {"visibility": [_("You may not send a message with this visibility.")]},
                status=status.HTTP_403_FORBIDDEN,
            )
        return Response(CaseMessageSerializer(message).data, status=status.HTTP_201_CREATED)


class DecisionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Decision.Kind.choices)
    admissible = serializers.BooleanField(required=False)
    criteria = serializers.DictField(child=serializers.BooleanField(), required=False)
    finding = serializers.ChoiceField(choices=Decision.Finding.choices, required=False)
    binding = serializers.BooleanField(required=False, default=False)
    reasoning = serializers.CharField(max_length=20_000)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["kind"] == Decision.Kind.ADMISSIBILITY and "admissible" not in attrs:
            raise serializers.ValidationError({"admissible": [_("Say whether it is admissible.")]})
        if attrs["kind"] == Decision.Kind.OUTCOME and not attrs.get("finding"):
            raise serializers.ValidationError({"finding": [_("Give the finding.")]})
        unknown = set(attrs.get("criteria", {})) - set(ADMISSIBILITY_CRITERIA)
        if unknown:
            raise serializers.ValidationError(
                {"criteria": [_("Unknown criteria: %(names)s") % {"names": sorted(unknown)}]}
            )
        return attrs


class CaseDecisionView(_CaseView):
    """Record the decision on admissibility, or on the merits; the case moves with it."""

    @extend_schema(request=DecisionSerializer, responses={201: CaseSerializer, 409: None})
    def post(self, request: Request, reference: str) -> Response:
        case, side = _case_for(request, reference, handling=True)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            if data["kind"] == Decision.Kind.ADMISSIBILITY:
                admissibility_decide(
                    case,
                    actor=request.user,
                    admissible=data["admissible"],
                    criteria=data.get("criteria", {}),
                    reasons=data["reasoning"],
                )
            else:
                outcome_decide(
                    case,
                    actor=request.user,
                    finding=data["finding"],
                    reasoning=data["reasoning"],
                    binding=data["binding"],
                )
        except InvalidTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except ReasonRequired as error:
            return Response({"reasoning": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        except DjangoValidationError as error:
            return Response({"reasoning": error.messages}, status=status.HTTP_400_BAD_REQUEST)
        case.refresh_from_db()
        return Response(
            CaseSerializer(case, context={"side": side}).data, status=status.HTTP_201_CREATED
        )
