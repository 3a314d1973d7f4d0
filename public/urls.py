"""Every public URL, readable ASCII; names keep their namespaces ("awards:…", "reports:…")."""

from django.urls import include, path

from . import api, browse, views

pages = [
    path("", views.home, name="home"),
    path("awards/", views.award_list, name="award_list"),
    path("search/", views.search, name="search"),
    path("years/", browse.year_index, name="years"),
    path("years/<int:year>/", views.year_detail, name="year"),
    path("blocs/", browse.bloc_index, name="blocs"),
    path("blocs/<slug:slug>/", views.bloc_detail, name="bloc"),
    path("agencies/", browse.agency_index, name="agencies"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency"),
    path("award-types/", browse.award_type_index, name="award_types"),
    path("award-types/<slug:code>/", views.award_type_detail, name="award_type"),
    path("people/", browse.person_index, name="people"),
    path("people/<slug:slug>/", browse.person_detail, name="person"),
    path("sources/", browse.source_index, name="sources"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("about/", views.about, name="about"),
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
