"""The award register's domain, one module per part; import models from here."""

from .agencies import Agency, AgencyLineage, AgencyName, Alias, Person
from .blocs import Bloc, BlocMeeting, BlocName, EmulationYear, Membership
from .catalogue import AwardType
from .nominations import Decision, Nomination
from .rules import BlocSecretary, ExclusionRule, PrerequisiteRule, QuotaRule, TaskRating
from .sources import SourceDocument

__all__ = [
    "Agency",
    "AgencyLineage",
    "AgencyName",
    "Alias",
    "AwardType",
    "Bloc",
    "BlocMeeting",
    "BlocName",
    "BlocSecretary",
    "Decision",
    "EmulationYear",
    "ExclusionRule",
    "Membership",
    "Nomination",
    "Person",
    "PrerequisiteRule",
    "QuotaRule",
    "SourceDocument",
    "TaskRating",
]
