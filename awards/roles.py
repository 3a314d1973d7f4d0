"""Who may see and change what: the four staff roles and the bloc scoping every admin uses.

Board administrators and board staff see every bloc, viewers see every bloc read-only
(their group has only view permissions), and a bloc secretary sees only the blocs
assigned in BlocSecretary. Model permissions come from the groups (migration 0006);
this module adds the row-level part that Django's permissions do not cover.
"""

from django.conf import settings
from django.db.models import Q, QuerySet

from awards.models import (
    Agency,
    Bloc,
    BlocMeeting,
    EmulationYear,
    Membership,
    Nomination,
    Person,
    TaskRating,
)

BOARD_ADMIN = settings.BOARD_ADMIN_GROUP
BOARD_STAFF = "Board staff"
SECRETARY = "Bloc secretaries"
VIEWER = "Viewers"
GROUPS = (BOARD_ADMIN, BOARD_STAFF, SECRETARY, VIEWER)


# The records that belong to one bloc (a quota rule or an alias may name a bloc, but is
# board configuration, not the bloc's record).
BLOC_RECORDS = (Membership, BlocMeeting, Nomination)


def _groups(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_award_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._award_groups = cache
    return cache


def is_board_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or BOARD_ADMIN in _groups(user)


def is_board(user) -> bool:
    """Board administrators and board staff: the provincial board's own people."""
    return is_board_admin(user) or BOARD_STAFF in _groups(user)


def sees_every_bloc(user) -> bool:
    """Board administrators, board staff and viewers; a secretary alone does not."""
    return is_board_admin(user) or bool(_groups(user) & {BOARD_STAFF, VIEWER})


def visible_blocs(user) -> QuerySet:
    """The blocs whose records this user may see (and, with change permission, edit)."""
    if sees_every_bloc(user):
        return Bloc.objects.all()
    if SECRETARY in _groups(user):
        return Bloc.objects.filter(secretaries__user=user)
    return Bloc.objects.none()


def visible_bloc_ids(user) -> set[int]:
    cache = getattr(user, "_award_bloc_ids", None)
    if cache is None:
        cache = set(visible_blocs(user).values_list("pk", flat=True))
        user._award_bloc_ids = cache
    return cache


def can_use_bloc(user, bloc_id) -> bool:
    """True when a record of this bloc (None: a record without bloc) is in the user's scope."""
    if sees_every_bloc(user):
        return True
    return bloc_id is not None and bloc_id in visible_bloc_ids(user)


def closed_years() -> set[int]:
    return set(
        EmulationYear.objects.filter(status=EmulationYear.Status.CLOSED).values_list(
            "year", flat=True
        )
    )


def can_edit_year(user, year) -> bool:
    """A closed year is read-only except for board administrators."""
    if year is None or is_board_admin(user):
        return True
    if isinstance(year, EmulationYear):
        return not year.is_closed
    cache = getattr(user, "_award_closed_years", None)
    if cache is None:  # read once per request (or per import) for this user
        cache = closed_years()
        if user is not None:
            user._award_closed_years = cache
    return int(year) not in cache


def member_agency_ids(user) -> set[int]:
    """Agencies that were ever members of the user's blocs (a secretary's reach)."""
    cache = getattr(user, "_award_member_agencies", None)
    if cache is None:
        cache = set(
            Membership.objects.filter(bloc__in=visible_blocs(user)).values_list(
                "agency_id", flat=True
            )
        )
        user._award_member_agencies = cache
    return cache


def agency_id_of(obj):
    """The agency a rating or a person belongs to (a person's own agency)."""
    if isinstance(obj, Person):
        return obj.agency_id
    if getattr(obj, "agency_id", None):
        return obj.agency_id
    person_id = getattr(obj, "person_id", None)
    if person_id:
        return Person.objects.filter(pk=person_id).values_list("agency_id", flat=True).first()
    return None


def can_use_agency(user, agency_id) -> bool:
    """Whether the user may write a record of this agency (ratings, people)."""
    if sees_every_bloc(user):
        return True
    return agency_id is not None and agency_id in member_agency_ids(user)


def closed_years_of_decision(user, decision) -> list[int]:
    """Closed years whose awards this decision granted (empty for board administrators)."""
    if decision is None or not decision.pk or is_board_admin(user):
        return []
    return sorted(
        set(
            decision.nominations.filter(year__status=EmulationYear.Status.CLOSED).values_list(
                "year_id", flat=True
            )
        )
    )


def scope_queryset(queryset: QuerySet, user) -> QuerySet:
    """Restrict any award-register queryset to what the user may see."""
    if sees_every_bloc(user):
        return queryset
    model = queryset.model
    blocs = visible_blocs(user)
    if model is Bloc:
        return queryset.filter(pk__in=blocs)
    if model in (Membership, BlocMeeting, Nomination):
        return queryset.filter(bloc__in=blocs)
    member_agencies = Membership.objects.filter(bloc__in=blocs).values("agency_id")
    if model is TaskRating:
        return queryset.filter(
            Q(agency_id__in=member_agencies) | Q(person__agency_id__in=member_agencies)
        )
    if model in (Agency, Person):
        # Shared reference data: every secretary may pick any agency or person.
        return queryset
    return queryset


def can_see(user, obj) -> bool:
    """Row-level visibility of one record (the lists are scoped by ``scope_queryset``)."""
    if obj is None or sees_every_bloc(user):
        return True
    if isinstance(obj, Bloc):
        return obj.pk in visible_bloc_ids(user)
    if isinstance(obj, BLOC_RECORDS) and not can_use_bloc(user, obj.bloc_id):
        return False
    return not (
        isinstance(obj, TaskRating)
        and obj.pk
        and not scope_queryset(TaskRating.objects.filter(pk=obj.pk), user).exists()
    )


def can_touch(user, obj) -> bool:
    """Row-level check for changing one record: visible, its agency in reach, its year editable."""
    if obj is None:
        return True
    if (
        isinstance(obj, (Person, TaskRating))
        and obj.pk
        and not can_use_agency(user, agency_id_of(obj))
    ):
        return False
    if closed_years_of_decision(user, obj if obj.__class__.__name__ == "Decision" else None):
        return False
    return can_see(user, obj) and can_edit_year(user, getattr(obj, "year_id", None))
