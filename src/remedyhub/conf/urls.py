"""Top-level routes: language-prefixed pages, and the language-neutral API and health check."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from remedyhub.common.views import ForCompaniesView, HomeView, HowItWorksView, healthz

handler404 = "remedyhub.common.views.not_found"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("remedyhub.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path(_("how-it-works/"), HowItWorksView.as_view(), name="how-it-works"),
    path(_("for-companies/"), ForCompaniesView.as_view(), name="for-companies"),
    path(_("account/"), include("remedyhub.accounts.urls")),
    path(_("facilities/"), include("remedyhub.registry.urls")),
    path("", include("remedyhub.intake.urls")),
    path(_("mechanisms/"), include("remedyhub.routing.urls")),
    path(_("cases/"), include("remedyhub.cases.urls")),
    path(_("risk-check/"), include("remedyhub.risk.urls")),
    path("", include("remedyhub.community.urls")),
    path(_("agreements/"), include("remedyhub.agreements.urls")),
    path("", include("remedyhub.knowledge.urls")),
    path("admin/", admin.site.urls),
)

admin.site.site_header = _("Remedy Hub administration")
admin.site.site_title = _("Remedy Hub")
