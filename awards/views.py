"""Public views (the public pages issue fills these in)."""

from django.shortcuts import get_object_or_404, render

from .models import Agency, AwardType, Bloc, EmulationYear, Nomination, SourceDocument


def home(request):
    latest = EmulationYear.objects.filter(nominations__isnull=False).first()
    rows = Nomination.objects.public().for_list()
    if latest:
        rows = rows.for_year(latest.year)
    return render(request, "awards/home.html", {"year": latest, "nominations": rows[:200]})


def year_detail(request, year):
    year = get_object_or_404(EmulationYear, year=year)
    rows = Nomination.objects.public().for_list().for_year(year.year)
    return render(request, "awards/home.html", {"year": year, "nominations": rows})


def bloc_detail(request, slug):
    bloc = get_object_or_404(Bloc, slug=slug)
    rows = Nomination.objects.public().for_list().filter(bloc=bloc)
    return render(request, "awards/home.html", {"title": bloc, "nominations": rows})


def agency_detail(request, slug):
    agency = get_object_or_404(Agency, slug=slug)
    rows = Nomination.objects.public().for_list().filter(agency=agency)
    return render(request, "awards/home.html", {"title": agency, "nominations": rows})


def award_type_detail(request, code):
    award_type = get_object_or_404(AwardType, code=code)
    rows = Nomination.objects.public().for_list().filter(award_type=award_type)
    return render(request, "awards/home.html", {"title": award_type, "nominations": rows})


def source_detail(request, pk):
    source = get_object_or_404(SourceDocument, pk=pk)
    rows = Nomination.objects.for_list().filter(source=source)
    return render(request, "awards/home.html", {"title": source, "nominations": rows})
