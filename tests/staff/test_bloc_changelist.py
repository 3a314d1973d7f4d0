"""The bloc list links each bloc's recent year pages, reading the years once per request."""

import pytest
from django.urls import reverse

from tests.factories import BlocFactory, EmulationYearFactory

pytestmark = pytest.mark.django_db


def changelist(client):
    return client.get(reverse("admin:awards_bloc_changelist"))


def test_year_links_follow_the_years_of_each_request(admin_client):
    bloc = BlocFactory()
    EmulationYearFactory(year=2023)
    assert (
        reverse("admin:awards_bloc_year", args=[bloc.pk, 2023])
        in changelist(admin_client).content.decode()
    )
    EmulationYearFactory(year=2024)  # no request's years linger on the shared admin
    change_form = admin_client.get(reverse("admin:awards_bloc_change", args=[bloc.pk]))
    assert reverse("admin:awards_bloc_year", args=[bloc.pk, 2024]) in change_form.content.decode()


def test_bloc_list_queries_do_not_grow_with_blocs(admin_client, django_assert_max_num_queries):
    EmulationYearFactory(year=2024)
    BlocFactory.create_batch(2)
    with django_assert_max_num_queries(12) as few:
        changelist(admin_client)
    BlocFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        changelist(admin_client)
