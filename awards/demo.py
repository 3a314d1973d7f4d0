"""Demo data: a realistic, generated history of Bắc Ninh's emulation blocs, 2015–2025.

Agencies carry real department names, the renames of their time (Từ Sơn became a
city in 2021, Quế Võ and Thuận Thành towns in 2023) and the 2025 reform (Decree
45/2025: departments merged, split and absorbed; districts abolished on 1 July).
Everything is keyed on natural keys, so loading twice changes nothing. The seed
article itself is not typed in here: ``load_demo`` imports it through the importer.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction

from awards.models import (
    Agency,
    AgencyLineage,
    AgencyName,
    Alias,
    AwardType,
    Bloc,
    BlocMeeting,
    Decision,
    EmulationYear,
    Membership,
    Nomination,
    Person,
)
from awards.text import slugify_vi

FIRST_YEAR, LAST_YEAR = 2015, 2025
PROVINCE = "Bắc Ninh"
REFORM_DAY = datetime.date(2025, 3, 1)
DISTRICTS_ABOLISHED = datetime.date(2025, 7, 1)
DECREE_45 = "Nghị định 45/2025/NĐ-CP; Nghị quyết HĐND tỉnh Bắc Ninh về sắp xếp các sở"
TOWNS_2023 = "Nghị quyết 723/NQ-UBTVQH15"

# The seed article's bloc; its 2019 results and its head for 2020 come from the article.
SEED_BLOC = "Khối thi đua các sở, ban, ngành tham mưu và quản lý Nhà nước về kinh tế, kỹ thuật"
SEED_YEAR = 2019


@dataclass
class AgencySpec:
    name: str
    kind: str = Agency.Kind.DEPARTMENT
    aliases: tuple[str, ...] = ()
    # (new name, from date, legal basis): renames keeping the identity
    renames: tuple[tuple[str, datetime.date, str], ...] = ()
    dissolved_on: datetime.date | None = None


@dataclass
class BlocSpec:
    name: str
    kind: str
    members: list[AgencySpec] = field(default_factory=list)
    aliases: tuple[str, ...] = ()


D = Agency.Kind
BLOCS = [
    BlocSpec(
        SEED_BLOC,
        Bloc.Kind.KHOI,
        [
            AgencySpec("Sở Công Thương", aliases=("Sở CT",)),
            AgencySpec("Sở Xây dựng"),
            AgencySpec(
                "Sở Thông tin và Truyền thông",
                aliases=("Sở TT&TT", "Sở TTTT"),
                dissolved_on=REFORM_DAY,
            ),
            AgencySpec("Cục Dự trữ quốc gia khu vực Hà Bắc", kind=D.CENTRAL),
            AgencySpec("Sở Giao thông vận tải", aliases=("Sở GTVT",), dissolved_on=REFORM_DAY),
            AgencySpec(
                "Quỹ Đầu tư phát triển tỉnh Bắc Ninh",
                kind=D.AGENCY,
                aliases=("Quỹ Đầu tư phát triển tỉnh",),
            ),
            AgencySpec(
                "Sở Tài nguyên và Môi trường",
                aliases=("Sở TN&MT", "Sở TNMT"),
                dissolved_on=REFORM_DAY,
            ),
            AgencySpec(
                "Liên minh Hợp tác xã tỉnh Bắc Ninh",
                kind=D.MASS_ORGANISATION,
                aliases=("Liên minh HTX tỉnh", "Liên minh Hợp tác xã tỉnh"),
            ),
            AgencySpec("Ban Quản lý khu vực phát triển đô thị Bắc Ninh", kind=D.AGENCY),
            AgencySpec(
                "Sở Kế hoạch và Đầu tư", aliases=("Sở KH&ĐT", "Sở KHĐT"), dissolved_on=REFORM_DAY
            ),
            AgencySpec("Sở Tài chính"),
            AgencySpec(
                "Sở Nông nghiệp và Phát triển nông thôn",
                aliases=("Sở NN&PTNT",),
                renames=(("Sở Nông nghiệp và Môi trường", REFORM_DAY, DECREE_45),),
            ),
            AgencySpec("Sở Khoa học và Công nghệ", aliases=("Sở KH&CN",)),
            AgencySpec(
                "Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh",
                kind=D.AGENCY,
                aliases=("BQL các KCN tỉnh", "Ban Quản lý các KCN Bắc Ninh"),
            ),
            AgencySpec("Cục Thuế tỉnh Bắc Ninh", kind=D.CENTRAL),
            AgencySpec("Kho bạc Nhà nước Bắc Ninh", kind=D.CENTRAL),
        ],
    ),
    BlocSpec(
        "Khối thi đua các sở, ban, ngành tham mưu và quản lý Nhà nước về văn hóa – xã hội",
        Bloc.Kind.KHOI,
        [
            AgencySpec("Sở Giáo dục và Đào tạo", aliases=("Sở GD&ĐT", "Sở GDĐT")),
            AgencySpec("Sở Y tế"),
            AgencySpec(
                "Sở Lao động – Thương binh và Xã hội",
                aliases=("Sở LĐ-TB&XH", "Sở LĐTBXH"),
                dissolved_on=REFORM_DAY,
            ),
            AgencySpec("Sở Văn hóa, Thể thao và Du lịch", aliases=("Sở VH-TT&DL", "Sở VHTTDL")),
            AgencySpec("Sở Nội vụ"),
            AgencySpec("Sở Tư pháp"),
            AgencySpec("Thanh tra tỉnh Bắc Ninh", kind=D.AGENCY),
            AgencySpec("Báo Bắc Ninh", kind=D.AGENCY),
            AgencySpec("Đài Phát thanh và Truyền hình Bắc Ninh", kind=D.AGENCY),
            AgencySpec("Bảo hiểm xã hội tỉnh Bắc Ninh", kind=D.CENTRAL, aliases=("BHXH tỉnh",)),
        ],
    ),
    BlocSpec(
        "Khối thi đua các cơ quan Đảng, Mặt trận Tổ quốc và các đoàn thể tỉnh",
        Bloc.Kind.KHOI,
        [
            AgencySpec(
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh",
                kind=D.MASS_ORGANISATION,
                aliases=("Ủy ban MTTQ tỉnh", "UB MTTQ tỉnh"),
            ),
            AgencySpec(
                "Liên đoàn Lao động tỉnh Bắc Ninh",
                kind=D.MASS_ORGANISATION,
                aliases=("LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh"),
            ),
            AgencySpec(
                "Tỉnh đoàn Bắc Ninh", kind=D.MASS_ORGANISATION, aliases=("Tỉnh Đoàn Bắc Ninh",)
            ),
            AgencySpec(
                "Hội Liên hiệp Phụ nữ tỉnh Bắc Ninh",
                kind=D.MASS_ORGANISATION,
                aliases=("Hội LHPN tỉnh",),
            ),
            AgencySpec("Hội Nông dân tỉnh Bắc Ninh", kind=D.MASS_ORGANISATION),
            AgencySpec(
                "Hội Cựu chiến binh tỉnh Bắc Ninh",
                kind=D.MASS_ORGANISATION,
                aliases=("Hội CCB tỉnh Bắc Ninh", "Hội CCB tỉnh"),
            ),
            AgencySpec("Ban Tuyên giáo Tỉnh ủy Bắc Ninh", kind=D.AGENCY),
            AgencySpec("Ban Tổ chức Tỉnh ủy Bắc Ninh", kind=D.AGENCY),
        ],
    ),
    BlocSpec(
        "Cụm thi đua các huyện, thị xã, thành phố",
        Bloc.Kind.CUM,
        [
            AgencySpec(
                "UBND thành phố Bắc Ninh",
                kind=D.DISTRICT,
                aliases=("UBND TP. Bắc Ninh", "Ủy ban nhân dân thành phố Bắc Ninh"),
                dissolved_on=DISTRICTS_ABOLISHED,
            ),
            AgencySpec(
                "UBND thị xã Từ Sơn",
                kind=D.DISTRICT,
                renames=(
                    (
                        "UBND thành phố Từ Sơn",
                        datetime.date(2021, 11, 1),
                        "Nghị quyết 387/NQ-UBTVQH15",
                    ),
                ),
                dissolved_on=DISTRICTS_ABOLISHED,
            ),
            AgencySpec(
                "UBND huyện Quế Võ",
                kind=D.DISTRICT,
                renames=(("UBND thị xã Quế Võ", datetime.date(2023, 11, 1), TOWNS_2023),),
                dissolved_on=DISTRICTS_ABOLISHED,
            ),
            AgencySpec(
                "UBND huyện Thuận Thành",
                kind=D.DISTRICT,
                renames=(("UBND thị xã Thuận Thành", datetime.date(2023, 11, 1), TOWNS_2023),),
                dissolved_on=DISTRICTS_ABOLISHED,
            ),
            AgencySpec("UBND huyện Tiên Du", kind=D.DISTRICT, dissolved_on=DISTRICTS_ABOLISHED),
            AgencySpec("UBND huyện Yên Phong", kind=D.DISTRICT, dissolved_on=DISTRICTS_ABOLISHED),
            AgencySpec("UBND huyện Gia Bình", kind=D.DISTRICT, dissolved_on=DISTRICTS_ABOLISHED),
            AgencySpec("UBND huyện Lương Tài", kind=D.DISTRICT, dissolved_on=DISTRICTS_ABOLISHED),
        ],
    ),
]

# The 2025 reform: (predecessor, successor, kind).
LINEAGE = [
    ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ", AgencyLineage.Kind.ABSORBED),
    ("Sở Giao thông vận tải", "Sở Xây dựng", AgencyLineage.Kind.MERGED),
    ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường", AgencyLineage.Kind.MERGED),
    ("Sở Kế hoạch và Đầu tư", "Sở Tài chính", AgencyLineage.Kind.MERGED),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ", AgencyLineage.Kind.SPLIT),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Y tế", AgencyLineage.Kind.SPLIT),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Giáo dục và Đào tạo", AgencyLineage.Kind.SPLIT),
]

PEOPLE = [
    ("Nguyễn Thị Hương", "Phó Giám đốc", "Sở Giáo dục và Đào tạo"),
    ("Trần Văn Đức", "Trưởng phòng", "Sở Y tế"),
    ("Lê Minh Tuấn", "Chánh Văn phòng", "Sở Tư pháp"),
    ("Phạm Thu Trang", "Phó Chánh Thanh tra", "Thanh tra tỉnh Bắc Ninh"),
    ("Đỗ Quang Huy", "Trưởng phòng", "Sở Công Thương"),
    ("Vũ Thị Lan", "Chuyên viên chính", "Sở Tài chính"),
]


def _agency(spec: AgencySpec) -> Agency:
    current = spec.renames[-1][0] if spec.renames else spec.name
    agency, _ = Agency.objects.get_or_create(
        slug=slugify_vi(spec.name),
        defaults={
            "name": current,
            "kind": spec.kind,
            "province": PROVINCE,
            "dissolved_on": spec.dissolved_on,
        },
    )
    start = None
    names = [spec.name, *(r[0] for r in spec.renames)]
    starts = [None, *(r[1] for r in spec.renames)]
    bases = ["", *(r[2] for r in spec.renames)]
    for i, name in enumerate(names):
        start = starts[i]
        end = starts[i + 1] - datetime.timedelta(days=1) if i + 1 < len(names) else None
        AgencyName.objects.get_or_create(
            agency=agency,
            name=name,
            defaults={"valid_from": start, "valid_to": end, "legal_basis": bases[i]},
        )
    for text in spec.aliases:
        Alias.objects.get_or_create(text=text, defaults={"agency": agency})
    return agency


def _members_in(year: int, agencies: list[tuple[AgencySpec, Agency]]) -> list[Agency]:
    """Members that existed through the year (a unit dissolved during it drops out)."""
    end_of_year = datetime.date(year, 12, 31)
    return [a for spec, a in agencies if not spec.dissolved_on or spec.dissolved_on > end_of_year]


class DecisionBook:
    """Hands out realistic decision numbers: UBND in March, TTg in June of the next year."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.cache: dict[tuple[int, str], Decision] = {}

    def for_award(self, year: int, level: str, agency: Agency | None = None) -> Decision:
        national = level in (AwardType.Level.GOVERNMENT, AwardType.Level.STATE)
        grassroots = level == AwardType.Level.GRASSROOTS and agency is not None
        issuer_code = "TTg" if national else ("UBND" if not grassroots else agency.slug)
        key = (year, issuer_code)
        if key not in self.cache:
            rng = random.Random(f"{year}-{issuer_code}")
            if grassroots:
                initials = "".join(w[0] for w in agency.slug.split("-")).upper()
                number = f"{rng.randint(10, 99)}/QĐ-{initials}"
                date = datetime.date(year, 12, rng.randint(20, 30))
                issuer, signer = f"Thủ trưởng {agency.name}", ""
            elif national:
                number = f"{rng.randint(300, 1900)}/QĐ-TTg"
                date = datetime.date(year + 1, 6, rng.randint(1, 28))
                issuer, signer = "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ"
            else:
                number = f"{rng.randint(60, 400)}/QĐ-UBND"
                date = datetime.date(year + 1, 3, rng.randint(1, 28))
                issuer, signer = "Chủ tịch UBND tỉnh Bắc Ninh", "Chủ tịch UBND tỉnh"
            self.cache[key], _ = Decision.objects.get_or_create(
                number=number, date=date, defaults={"issuer": issuer, "signer": signer}
            )
        return self.cache[key]


def _nominate(*, year, bloc, award, agency=None, person=None, status, decision=None, reason=""):
    Nomination.objects.get_or_create(
        year=year,
        bloc=bloc,
        award_type=award,
        agency=agency,
        person=person,
        defaults={"status": status, "decision": decision, "status_reason": reason},
    )


@transaction.atomic
def load_history(*, seed: int = 2019) -> dict[str, int]:
    """Create (or complete) the generated history; returns counts of what now exists."""
    rng = random.Random(seed)
    awards = {a.code: a for a in AwardType.objects.all()}
    years = {
        y: EmulationYear.objects.get_or_create(year=y)[0] for y in range(FIRST_YEAR, LAST_YEAR + 1)
    }
    for y in range(FIRST_YEAR, 2023):
        EmulationYear.objects.filter(year=y).update(status=EmulationYear.Status.CLOSED)
    book = DecisionBook(rng)
    by_name: dict[str, Agency] = {}
    for bloc_spec in BLOCS:
        bloc, _ = Bloc.objects.get_or_create(
            slug=slugify_vi(f"{bloc_spec.name} {PROVINCE}"),
            defaults={"name": bloc_spec.name, "kind": bloc_spec.kind, "organiser": PROVINCE},
        )
        agencies = [(spec, _agency(spec)) for spec in bloc_spec.members]
        for _spec, agency in agencies:
            by_name[agency.name] = agency
            for row in agency.names.all():
                by_name[row.name] = agency
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            members = _members_in(year, agencies)
            if not members:
                continue
            _load_bloc_year(bloc, years[year], members, awards, book, rng)
    _link_lineage(by_name)
    _load_people(by_name, years, awards, book)
    return {
        "agencies": Agency.objects.count(),
        "blocs": Bloc.objects.count(),
        "nominations": Nomination.objects.count(),
        "memberships": Membership.objects.count(),
    }


def _load_bloc_year(bloc, year, members, awards, book, rng):
    """Memberships with a rotating head, the year-end meeting and the year's nominations."""
    y = year.year
    is_seed = bloc.name == SEED_BLOC
    order = sorted(members, key=lambda a: a.slug)
    head = order[y % len(order)]
    deputy = order[(y + 1) % len(order)]
    for agency in members:
        role = Membership.Role.MEMBER
        if agency == deputy:
            role = Membership.Role.DEPUTY
        elif agency == head and not (is_seed and y == SEED_YEAR + 1):
            role = Membership.Role.HEAD  # the seed article elects the 2020 head
        Membership.objects.get_or_create(
            bloc=bloc, agency=agency, year=year, defaults={"role": role}
        )
    if is_seed and y == SEED_YEAR:
        return  # the seed article supplies this year's meeting and nominations
    BlocMeeting.objects.get_or_create(
        bloc=bloc,
        year=year,
        kind=BlocMeeting.Kind.SUMMARY,
        defaults={
            "date": datetime.date(y, 12, 1 + (y * 7 + len(bloc.name)) % 27),
            "venue": head.name_on(datetime.date(y, 12, 1)),
            "venue_agency": head,
        },
    )
    ranked = random.Random(f"{bloc.slug}-{y}").sample(members, k=len(members))
    plan = [("prov_flag", ranked[:1]), ("pm_cert", ranked[1:2]), ("prov_cert", ranked[2:5])]
    if y % 2 == 0 and len(ranked) > 6:
        plan.insert(0, ("gov_flag", ranked[5:6]))
    if len(ranked) > 9:
        plan.append(("prov_flag", ranked[6:7]))
    for code, chosen in plan:
        award = awards[code]
        for agency in chosen:
            if y >= 2025:
                _nominate(year=year, bloc=bloc, award=award, agency=agency, status="proposed")
            elif rng.random() < 0.06:
                _nominate(
                    year=year,
                    bloc=bloc,
                    award=award,
                    agency=agency,
                    status="rejected",
                    reason="Hội đồng Thi đua – Khen thưởng tỉnh không đủ số phiếu tán thành.",
                )
            else:
                decision = book.for_award(y, award.level)
                _nominate(
                    year=year,
                    bloc=bloc,
                    award=award,
                    agency=agency,
                    status="awarded",
                    decision=decision,
                )


def _link_lineage(by_name):
    for old, new, kind in LINEAGE:
        AgencyLineage.objects.get_or_create(
            predecessor=by_name[old],
            successor=by_name[new],
            kind=kind,
            defaults={"date": REFORM_DAY, "legal_basis": DECREE_45},
        )


def _load_people(by_name, years, awards, book):
    """Individuals: grassroots emulation soldiers each year, the provincial title every third."""
    for full_name, position, agency_name in PEOPLE:
        person, _ = Person.objects.get_or_create(
            full_name=full_name, defaults={"position": position, "agency": by_name[agency_name]}
        )
        for y in range(2018, LAST_YEAR + 1):
            status = "proposed" if y >= 2025 else "awarded"
            grassroots = awards["emulation_soldier_grassroots"]
            decision = (
                None
                if status == "proposed"
                else book.for_award(y, grassroots.level, agency=person.agency)
            )
            bloc = person.agency.memberships.filter(year=years[y]).first()
            _nominate(
                year=years[y],
                bloc=bloc.bloc if bloc else None,
                award=grassroots,
                person=person,
                status=status,
                decision=decision,
            )
            if y % 3 == 2 and y < 2025:
                province = awards["emulation_soldier_province"]
                _nominate(
                    year=years[y],
                    bloc=bloc.bloc if bloc else None,
                    award=province,
                    person=person,
                    status="awarded",
                    decision=book.for_award(y, province.level),
                )
