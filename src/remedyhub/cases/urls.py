"""Pages of the case handlers."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from remedyhub.cases import privacy_views, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path(_("company/"), views.company_portal, name="company"),
    path(_("conflicts/"), views.conflicts_view, name="conflicts"),
    path(_("route/<str:reference>/"), views.complaint_route, name="route"),
    path(_("<int:pk>/refer/"), views.referral_propose_view, name="refer"),
    path(_("referral/<int:pk>/answer/"), views.referral_answer_view, name="referral-answer"),
    path(_("retaliation/"), views.retaliation_report_view, name="retaliation"),
    path(_("withdraw/"), views.withdraw_view, name="withdraw"),
    path(_("my-data/"), privacy_views.my_data_view, name="my-data"),
    path(_("erase/"), privacy_views.erase_view, name="erase"),
]
