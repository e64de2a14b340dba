"""Pages of the knowledge base and the helpdesk."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from remedyhub.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path(_("knowledge/"), views.knowledge_list, name="list"),
    path(_("knowledge/faq/"), views.faq_page, name="faq"),
    path(_("knowledge/suggest/"), views.suggest, name="suggest"),
    path(_("knowledge/<slug:slug>/"), views.article_page, name="article"),
    path(_("helpdesk/"), views.helpdesk, name="helpdesk"),
    path(_("helpdesk/ask/"), views.ask, name="ask"),
    path(_("helpdesk/queue/"), views.queue, name="queue"),
    path(_("helpdesk/<int:pk>/"), views.question_page, name="question"),
    path(_("helpdesk/<int:pk>/file/"), views.question_file_download, name="question-file"),
]
