"""Fixtures for the staff workflow: users per role, rules and groups, history builders."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from awards import roles
from awards.models import BlocSecretary, Nomination, PrerequisiteRule, TaskRating
from tests.factories import (
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    NominationFactory,
    UserFactory,
    award_type,
)


@pytest.fixture(autouse=True)
def seeded_rules_and_groups(award_catalogue, request):
    """Re-seed rules and groups after a flush (transactional tests), like the catalogue."""
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if not uses_db and not request.node.get_closest_marker("django_db"):
        return
    if not PrerequisiteRule.objects.exists():
        importlib.import_module("awards.migrations.0005_seed_rules").seed(apps, None)
    if not Group.objects.filter(name=roles.SECRETARY).exists():
        importlib.import_module("awards.migrations.0006_staff_groups").forwards(apps, None)


def make_user(group: str | None, *, blocs=(), **kwargs):
    user = UserFactory(**kwargs)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for bloc in blocs:
        BlocSecretary.objects.create(user=user, bloc=bloc)
    return user


@pytest.fixture
def bloc(db):
    return BlocFactory(name="Khối các Sở kinh tế")


@pytest.fixture
def other_bloc(db):
    return BlocFactory(name="Khối Văn hóa – Xã hội")


@pytest.fixture
def board_admin(db):
    return make_user(roles.BOARD_ADMIN, username="admin1")


@pytest.fixture
def board_staff(db):
    return make_user(roles.BOARD_STAFF, username="staff1")


@pytest.fixture
def secretary(bloc):
    return make_user(roles.SECRETARY, blocs=[bloc], username="secretary1")


@pytest.fixture
def viewer(db):
    return make_user(roles.VIEWER, username="viewer1")


def year(y: int):
    return EmulationYearFactory(year=y)


def rate(subject, y: int, level: str) -> TaskRating:
    key = "person" if subject.__class__.__name__ == "Person" else "agency"
    return TaskRating.objects.create(year=year(y), level=level, **{key: subject})


def held(subject, code: str, y: int, **kwargs) -> Nomination:
    """An awarded nomination in the history of an agency or a person."""
    key = "person" if subject.__class__.__name__ == "Person" else "agency"
    values = {"agency": None, "person": None, key: subject}
    values.update(kwargs)
    return NominationFactory(
        year=year(y),
        award_type=award_type(code),
        status=Nomination.Status.AWARDED,
        decision=DecisionFactory(),
        **values,
    )


def propose(subject, code: str, y: int, **kwargs) -> Nomination:
    key = "person" if subject.__class__.__name__ == "Person" else "agency"
    values = {"agency": None, "person": None, key: subject}
    values.update(kwargs)
    return NominationFactory(year=year(y), award_type=award_type(code), **values)
