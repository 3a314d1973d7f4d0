"""Every public URL, readable ASCII; names keep their namespaces ("awards:…", "reports:…")."""

from django.urls import include, path

from . import api, views

pages = [
    path("", views.home, name="home"),
    path("awards/", views.award_list, name="award_list"),
    path("search/", views.search, name="search"),
    path("years/<int:year>/", views.year_detail, name="year"),
    path("blocs/<slug:slug>/", views.bloc_detail, name="bloc"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency"),
    path("award-types/<slug:code>/", views.award_type_detail, name="award_type"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("healthz/", views.healthz, name="healthz"),
]
reports = [
    path("", views.report_index, name="index"),
    path("<int:year>/", views.yearly_report, name="year"),
]
urlpatterns = [
    path("reports/", include((reports, "reports"))),
    path("api/v1/", include((api.urlpatterns, "api"))),
    path("", include((pages, "awards"))),
]
