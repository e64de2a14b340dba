"""API v1 routes, its OpenAPI schema and the rendered documentation."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from remedyhub.api.agreements import (
    AgreementDetailView,
    AgreementListView,
    AgreementLocationsView,
)
from remedyhub.api.cases import (
    CaseAssignmentsView,
    CaseDecisionView,
    CaseDetailView,
    CaseFollowUpCheckView,
    CaseListView,
    CaseMessagesView,
    CaseReferralsView,
    CaseRemedyItemsView,
    CaseRemedyItemView,
    CaseRoutingView,
    CaseTransitionView,
    ConflictsView,
)
from remedyhub.api.complaints import (
    ComplaintCreateView,
    FollowUpMessageView,
    FollowUpReferralView,
    FollowUpView,
)
from remedyhub.api.events import EventDetailView, EventListView
from remedyhub.api.knowledge import ArticleDetailView, ArticleListView, FaqListView
from remedyhub.api.views import (
    FacilityDetailView,
    FacilitySearchView,
    MechanismDetailView,
    MechanismListView,
    SupplierListUploadView,
)

app_name = "api"

urlpatterns = [
    path("mechanisms/", MechanismListView.as_view(), name="mechanism-list"),
    path("mechanisms/<slug:slug>/", MechanismDetailView.as_view(), name="mechanism-detail"),
    path("facilities/", FacilitySearchView.as_view(), name="facility-search"),
    path("facilities/<str:public_id>/", FacilityDetailView.as_view(), name="facility-detail"),
    path("supplier-lists/", SupplierListUploadView.as_view(), name="supplier-list-upload"),
    path("complaints/", ComplaintCreateView.as_view(), name="complaint-create"),
    path("follow-up/", FollowUpView.as_view(), name="follow-up"),
    path("follow-up/messages/", FollowUpMessageView.as_view(), name="follow-up-message"),
    path("cases/", CaseListView.as_view(), name="case-list"),
    path("conflicts/", ConflictsView.as_view(), name="conflicts"),
    path("cases/<str:reference>/", CaseDetailView.as_view(), name="case-detail"),
    path("cases/<str:reference>/routing/", CaseRoutingView.as_view(), name="case-routing"),
    path(
        "cases/<str:reference>/transitions/", CaseTransitionView.as_view(), name="case-transition"
    ),
    path("cases/<str:reference>/messages/", CaseMessagesView.as_view(), name="case-messages"),
    path("cases/<str:reference>/decisions/", CaseDecisionView.as_view(), name="case-decisions"),
    path(
        "cases/<str:reference>/assignments/",
        CaseAssignmentsView.as_view(),
        name="case-assignments",
    ),
    path("cases/<str:reference>/referrals/", CaseReferralsView.as_view(), name="case-referrals"),
    path(
        "cases/<str:reference>/remedy-items/",
        CaseRemedyItemsView.as_view(),
        name="case-remedy-items",
    ),
    path(
        "cases/<str:reference>/remedy-items/<int:item_id>/",
        CaseRemedyItemView.as_view(),
        name="case-remedy-item",
    ),
    path(
        "cases/<str:reference>/follow-up-checks/",
        CaseFollowUpCheckView.as_view(),
        name="case-follow-up-checks",
    ),
    path(
        "follow-up/referrals/<int:proposal_id>/",
        FollowUpReferralView.as_view(),
        name="follow-up-referral",
    ),
    path("events/", EventListView.as_view(), name="event-list"),
    path("events/<int:pk>/", EventDetailView.as_view(), name="event-detail"),
    path("agreements/", AgreementListView.as_view(), name="agreement-list"),
    path("agreements/<slug:slug>/", AgreementDetailView.as_view(), name="agreement-detail"),
    path(
        "agreements/<slug:slug>/production-locations/",
        AgreementLocationsView.as_view(),
        name="agreement-locations",
    ),
    path("articles/", ArticleListView.as_view(), name="article-list"),
    path("articles/<slug:slug>/", ArticleDetailView.as_view(), name="article-detail"),
    path("faq/", FaqListView.as_view(), name="faq-list"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file, not inline, so a strict CSP can hold.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
