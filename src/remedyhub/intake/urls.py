"""Pages of the reporter: the reporting steps, the receipt, the follow-up."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from remedyhub.intake import staff, views

app_name = "intake"

urlpatterns = [
    path(_("report/"), views.report_start, name="start"),
    path(_("report/done/"), views.report_done, name="done"),
    path(_("report/<slug:step>/"), views.report_step, name="step"),
    path(_("follow-up/"), views.follow_up_open, name="follow-up"),
    path(_("follow-up/complaint/"), views.follow_up_case, name="follow-up-case"),
    path(_("follow-up/close/"), views.follow_up_close, name="follow-up-close"),
    path(_("follow-up/files/<uuid:storage_name>/"), views.follow_up_file, name="follow-up-file"),
    path(_("complaints/"), staff.inbox, name="inbox"),
    path(_("complaints/new/"), staff.staff_entry, name="staff-entry"),
    path(_("complaints/files/<uuid:storage_name>/"), staff.staff_file, name="staff-file"),
    path(_("complaints/<str:reference>/"), staff.complaint_detail, name="staff-complaint"),
]
