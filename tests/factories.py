"""factory_boy factories for the domain; every test builds its data through these."""

import datetime

import factory
from django.contrib.auth import get_user_model

from awards import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pw-for-tests-only")
    is_staff = True


class EmulationYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EmulationYear
        django_get_or_create = ["year"]

    year = 2019


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agency

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    kind = models.Agency.Kind.DEPARTMENT
    province = "Bắc Ninh"


class AgencyNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgencyName

    agency = factory.SubFactory(AgencyFactory)
    name = factory.LazyAttribute(lambda o: o.agency.name)


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Alias

    agency = factory.SubFactory(AgencyFactory)
    text = factory.Sequence(lambda n: f"Bí danh {n}")


class BlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Bloc

    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    kind = models.Bloc.Kind.KHOI
    organiser = "Bắc Ninh"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    bloc = factory.SubFactory(BlocFactory)
    agency = factory.SubFactory(AgencyFactory)
    year = factory.SubFactory(EmulationYearFactory)
    role = models.Membership.Role.MEMBER


class BlocMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BlocMeeting

    bloc = factory.SubFactory(BlocFactory)
    year = factory.SubFactory(EmulationYearFactory)
    kind = models.BlocMeeting.Kind.SUMMARY
    date = factory.LazyAttribute(lambda o: datetime.date(o.year.year, 12, 2))
    venue = "Sở Công thương"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    position = "Chuyên viên"


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SourceDocument

    title = factory.Sequence(lambda n: f"Khối thi đua tổng kết năm 2019 (bài {n})")
    publisher = "BTV"
    raw_text = factory.Sequence(lambda n: f"Nội dung bài báo số {n}.")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Decision

    number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    date = datetime.date(2020, 3, 15)
    issuer = "Chủ tịch UBND tỉnh Bắc Ninh"
    signer = "Nguyễn Văn A"


def award_type(code: str) -> models.AwardType:
    """The seeded catalogue entry (the data migration puts them in every test database)."""
    return models.AwardType.objects.get(code=code)


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Nomination

    year = factory.SubFactory(EmulationYearFactory)
    bloc = factory.SubFactory(BlocFactory)
    award_type = factory.LazyFunction(lambda: award_type("prov_cert"))
    agency = factory.SubFactory(AgencyFactory)
    person = None
    status = models.Nomination.Status.PROPOSED
