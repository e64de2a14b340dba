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
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from remedyhub.accounts.models import User
from remedyhub.accounts.selectors import is_secretariat
from remedyhub.accounts.tokens import ApiTokenAuthentication
from remedyhub.cases import workflow
from remedyhub.cases.access import (
    COMPANY,
    MECHANISM,
    cases_visible_to,
    complainant_for,
    messages_for,
    side_of,
)
from remedyhub.cases.models import (
    Case,
    CaseAssignment,
    CaseMessage,
    ConflictOfInterest,
    Decision,
    ReferralProposal,
    RemedyItem,
)
from remedyhub.cases.outcomes import ADMISSIBILITY_CRITERIA
from remedyhub.cases.services import (
    ConflictOfInterestError,
    InvalidTransition,
    ReasonRequired,
    RemedyPlanItem,
    admissibility_decide,
    case_assign,
    case_message_post,
    case_transition,
    complaint_route_confirm,
    conflict_cases_for,
    conflict_declare,
    follow_up_check_record,
    may_declare_conflict,
    may_handle,
    outcome_decide,
    referral_propose,
    remedy_item_add,
    remedy_item_update,
    remedy_plan_start,
)
from remedyhub.intake.models import Complaint
from remedyhub.registry.models import Company
from remedyhub.routing.models import Mechanism
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
        """The steps the caller may take: none for the company, nor for an assigned member or
        mediator, who read and write but do not move the case."""
        if self.context.get("side") != MECHANISM or not may_handle(
            self.context.get("user"), case.mechanism
        ):
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
        return Response(CaseSerializer(case, context={"side": side, "user": request.user}).data)


class RouteChoiceSerializer(serializers.Serializer):
    mechanism_id = serializers.IntegerField()
    reason = serializers.CharField(max_length=2000)


class CaseRoutingView(_CaseView):
    """Where the complaint may go and why; the secretariat confirms or chooses one (as on the
    routing page). Before routing there is no case yet: the reference is the complaint's."""

    def _complaint(self, request: Request, reference: str) -> Complaint:
        complaint = Complaint.objects.filter(reference=reference).first()
        if complaint is None:
            raise NotFound(_("No case with this reference."))
        case = complaint.cases.order_by("-created_at", "-pk").first()
        # Before routing only the secretariat reads the complaint; afterwards the handlers of
        # the mechanism it went to read why.
        if case is None and not is_secretariat(request.user):
            raise NotFound(_("No case with this reference."))
        if case is not None and not may_handle(request.user, case.mechanism):
            raise NotFound(_("No case with this reference."))
        return complaint

    @extend_schema(responses={200: RouteOptionSerializer(many=True)})
    def get(self, request: Request, reference: str) -> Response:
        complaint = self._complaint(request, reference)
        options = routing_options(
            country=complaint.country,
            facility=complaint.facility,
            harm_on=complaint.occurred_from or timezone.localdate(complaint.created_at),
            anonymous=complaint.anonymous,
        )
        return Response(RouteOptionSerializer(options, many=True).data)

    @extend_schema(
        request=RouteChoiceSerializer, responses={201: CaseSerializer, 409: None, 400: None}
    )
    def post(self, request: Request, reference: str) -> Response:
        complaint = self._complaint(request, reference)
        serializer = RouteChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        mechanism = Mechanism.objects.filter(
            pk=serializer.validated_data["mechanism_id"], is_active=True
        ).first()
        if mechanism is None:
            return Response({"mechanism_id": [_("No such mechanism.")]}, status=400)
        try:
            case = complaint_route_confirm(
                complaint=complaint,
                mechanism=mechanism,
                reason=serializer.validated_data["reason"],
                actor=request.user,
            )
        except InvalidTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except ReasonRequired as error:
            return Response({"reason": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        side = side_of(request.user, case) or MECHANISM
        return Response(
            CaseSerializer(case, context={"side": side, "user": request.user}).data,
            status=status.HTTP_201_CREATED,
        )


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
            CaseSerializer(case, context={"side": side, "user": request.user}).data,
            status=status.HTTP_201_CREATED,
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
            CaseSerializer(case, context={"side": side, "user": request.user}).data,
            status=status.HTTP_201_CREATED,
        )


class CaseListQuery(serializers.Serializer):
    state = serializers.ChoiceField(choices=Stage.choices, required=False)
    mechanism = serializers.SlugField(required=False)


class CaseListView(_CaseView):
    """The cases the caller may open, on any side: a company's representatives get the cases
    that concern their company (the company portal), each with what their side may see."""

    @extend_schema(parameters=[CaseListQuery], responses={200: CaseSerializer(many=True)})
    def get(self, request: Request) -> Response:
        # A plain dict, not the QueryDict: DRF reads an empty form value as "not given", and
        # "?state=" is a client's mistake to hear about, not a request for every state.
        query = CaseListQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        cases = cases_visible_to(request.user).order_by("-created_at", "-pk")
        if "state" in query.validated_data:
            cases = cases.filter(state=query.validated_data["state"])
        if "mechanism" in query.validated_data:
            cases = cases.filter(mechanism__slug=query.validated_data["mechanism"])
        return Response(
            [
                CaseSerializer(
                    case, context={"side": side_of(request.user, case), "user": request.user}
                ).data
                for case in cases[:200]
            ]
        )


class AssignmentSerializer(serializers.Serializer):
    username = serializers.CharField(source="user.username", max_length=150)
    role = serializers.ChoiceField(choices=CaseAssignment.Role.choices)


class CaseAssignmentsView(_CaseView):
    """Who handles, sits on or mediates the case; a handler assigns a person of the mechanism,
    never one who declared a conflict of interest (409)."""

    @extend_schema(responses={200: AssignmentSerializer(many=True)})
    def get(self, request: Request, reference: str) -> Response:
        case, side = _case_for(request, reference)
        if side != MECHANISM:
            raise NotFound(_("No case with this reference."))
        return Response(
            AssignmentSerializer(case.assignments.select_related("user"), many=True).data
        )

    @extend_schema(
        request=AssignmentSerializer,
        responses={201: AssignmentSerializer, 409: None, 400: None},
    )
    def post(self, request: Request, reference: str) -> Response:
        case, _side = _case_for(request, reference, handling=True)
        serializer = AssignmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        person = User.objects.filter(username=data["user"]["username"], is_active=True).first()
        if person is None:
            return Response({"username": [_("No such person.")]}, status=400)
        try:
            assignment = case_assign(case, user=person, role=data["role"], actor=request.user)
        except ConflictOfInterestError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except PermissionDenied:
            return Response(
                {"username": [_("This person does not act for the case's mechanism.")]},
                status=400,
            )
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    to_mechanism = serializers.SlugField(source="to_mechanism.slug")
    reason = serializers.CharField(max_length=2000)
    status = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class CaseReferralsView(_CaseView):
    """Referral proposals: a handler proposes; the complainant answers with her receipt
    (``POST /api/v1/follow-up/referrals/{id}/``), as on her follow-up page."""

    @extend_schema(responses={200: ReferralSerializer(many=True)})
    def get(self, request: Request, reference: str) -> Response:
        case, _side = _case_for(request, reference, handling=True)
        proposals = case.referral_proposals.select_related("to_mechanism").order_by("created_at")
        return Response(ReferralSerializer(proposals, many=True).data)

    @extend_schema(
        request=ReferralSerializer, responses={201: ReferralSerializer, 409: None, 400: None}
    )
    def post(self, request: Request, reference: str) -> Response:
        case, _side = _case_for(request, reference, handling=True)
        serializer = ReferralSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        target = (
            Mechanism.objects.filter(slug=data["to_mechanism"]["slug"], is_active=True)
            .exclude(pk=case.mechanism_id)
            .first()
        )
        if target is None:
            return Response({"to_mechanism": [_("Choose another active mechanism.")]}, 400)
        if case.referral_proposals.filter(status=ReferralProposal.Status.PROPOSED).exists():
            return Response(
                {"detail": _("A proposal is already waiting.")}, status=status.HTTP_409_CONFLICT
            )
        try:
            proposal = referral_propose(
                case, to_mechanism=target, reason=data["reason"], actor=request.user
            )
        except InvalidTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except ReasonRequired as error:
            return Response({"reason": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ReferralSerializer(proposal).data, status=status.HTTP_201_CREATED)


class RemedyItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    description = serializers.CharField(max_length=5000)
    owner = serializers.CharField(max_length=255)
    due_on = serializers.DateField()
    status = serializers.ChoiceField(choices=RemedyItem.Status.choices, read_only=True)
    evidence = serializers.CharField(read_only=True)
    completed_on = serializers.DateField(read_only=True, allow_null=True)


class RemedyPlanSerializer(serializers.Serializer):
    items = RemedyItemSerializer(many=True, allow_empty=False)


class RemedyItemUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RemedyItem.Status.choices)
    evidence = serializers.CharField(required=False, allow_blank=True, max_length=20_000)


class CaseRemedyItemsView(_CaseView):
    """The remedy plan: both sides read it; a handler starts it (the case moves to monitoring)
    or, once monitored, adds items."""

    @extend_schema(responses={200: RemedyItemSerializer(many=True)})
    def get(self, request: Request, reference: str) -> Response:
        case, _side = _case_for(request, reference)
        return Response(RemedyItemSerializer(case.remedy_items.all(), many=True).data)

    @extend_schema(
        request=RemedyPlanSerializer,
        responses={201: RemedyItemSerializer(many=True), 409: None, 400: None},
    )
    def post(self, request: Request, reference: str) -> Response:
        case, _side = _case_for(request, reference, handling=True)
        serializer = RemedyPlanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = [
            RemedyPlanItem(item["description"], item["owner"], item["due_on"])
            for item in serializer.validated_data["items"]
        ]
        try:
            if case.state == Stage.REMEDY_MONITORING:
                created = [remedy_item_add(case, actor=request.user, item=item) for item in items]
            else:
                created = remedy_plan_start(case, actor=request.user, items=items)
        except InvalidTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as error:
            return Response({"items": error.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            RemedyItemSerializer(created, many=True).data, status=status.HTTP_201_CREATED
        )


class CaseRemedyItemView(_CaseView):
    """A handler records an item's status and the evidence (``done`` needs evidence)."""

    @extend_schema(
        request=RemedyItemUpdateSerializer, responses={200: RemedyItemSerializer, 400: None}
    )
    def patch(self, request: Request, reference: str, item_id: int) -> Response:
        case, _side = _case_for(request, reference, handling=True)
        item = case.remedy_items.filter(pk=item_id).first()
        if item is None:
            raise NotFound(_("No such remedy item."))
        serializer = RemedyItemUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            item = remedy_item_update(
                item,
                actor=request.user,
                status=serializer.validated_data["status"],
                evidence=serializer.validated_data.get("evidence", ""),
            )
        except ReasonRequired as error:
            return Response({"evidence": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(RemedyItemSerializer(item).data)


class FollowUpCheckSerializer(serializers.Serializer):
    findings = serializers.CharField(max_length=20_000)
    next_check_on = serializers.DateField(required=False, allow_null=True, default=None)


class CaseFollowUpCheckView(_CaseView):
    """The follow-up check of a monitored remedy (R11); 409 unless the remedy is monitored."""

    @extend_schema(
        request=FollowUpCheckSerializer, responses={201: CaseSerializer, 409: None, 400: None}
    )
    def post(self, request: Request, reference: str) -> Response:
        case, side = _case_for(request, reference, handling=True)
        serializer = FollowUpCheckSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            follow_up_check_record(case, actor=request.user, **serializer.validated_data)
        except InvalidTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except ReasonRequired as error:
            return Response({"findings": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        case.refresh_from_db()
        return Response(
            CaseSerializer(case, context={"side": side, "user": request.user}).data,
            status=status.HTTP_201_CREATED,
        )


class ConflictSerializer(serializers.Serializer):
    company = serializers.SlugField(required=False, allow_null=True, default=None)
    case = serializers.CharField(
        required=False, allow_null=True, default=None, help_text="A case's reference."
    )
    description = serializers.CharField(max_length=2000)
    created_at = serializers.DateTimeField(read_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("company")) == bool(attrs.get("case")):
            raise serializers.ValidationError(_("Choose either a company or a case."))
        return attrs


class ConflictsView(_CaseView):
    """A handler or committee member declares her own conflicts of interest (R14), as on the
    conflicts page; company representatives get 403."""

    def _serialize(self, conflict: ConflictOfInterest) -> dict[str, Any]:
        return {
            "company": conflict.company.slug if conflict.company else None,
            "case": conflict.case.complaint.reference if conflict.case else None,
            "description": conflict.description,
            "created_at": serializers.DateTimeField().to_representation(conflict.created_at),
        }

    @extend_schema(responses={200: ConflictSerializer(many=True)})
    def get(self, request: Request) -> Response:
        if not may_declare_conflict(request.user):
            raise DRFPermissionDenied
        user: Any = request.user
        conflicts = ConflictOfInterest.objects.filter(user=user).select_related(
            "company", "case__complaint"
        )
        return Response([self._serialize(conflict) for conflict in conflicts])

    @extend_schema(request=ConflictSerializer, responses={201: ConflictSerializer, 400: None})
    def post(self, request: Request) -> Response:
        if not may_declare_conflict(request.user):
            raise DRFPermissionDenied
        serializer = ConflictSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        company = case = None
        if data.get("company"):
            company = Company.objects.filter(slug=data["company"]).first()
            if company is None:
                return Response({"company": [_("No such company.")]}, status=400)
        else:
            case = (
                conflict_cases_for(request.user)
                .filter(complaint__reference=data["case"])
                .order_by("-created_at")
                .first()
            )
            if case is None:
                return Response({"case": [_("No open case of yours with this reference.")]}, 400)
        conflict = conflict_declare(
            user=request.user, company=company, case=case, description=data["description"]
        )
        return Response(self._serialize(conflict), status=status.HTTP_201_CREATED)
