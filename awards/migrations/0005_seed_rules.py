"""Seed the quota, exclusion and prerequisite rules of domain.md, with legal basis and years.

Years are achievement years (inclusive). Where domain.md says "verify", the note says so
and the numbers stay editable data.
"""

from decimal import Decimal

from django.db import migrations

OLD = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP"
NEW = (
    "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP "
    "(từ 01/7/2025: Nghị định 152/2025/NĐ-CP)"
)
BOTH = f"{OLD} (đến 2023); {NEW} (từ 2024)"
VERIFY = "Verify the wording of the law before relying on it."

# code, name, award, recipients, kind, required awards, min rating, years, min count,
# valid from, valid to, legal basis, notes
PREREQUISITES = [
    ("prov-flag-leads-bloc", "Cờ thi đua cấp tỉnh: tập thể dẫn đầu khối, cụm thi đua",
     "prov_flag", "collective", "leads_bloc", [], "", None, None, 2024, None,
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 26", ""),
    ("gov-flag-leads-bloc", "Cờ thi đua của Chính phủ: tập thể dẫn đầu khối, cụm thi đua",
     "gov_flag", "collective", "leads_bloc", [], "", None, None, 2024, None,
     "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 25", ""),
    ("gov-flag-holds-flag-same-year",
     "Cờ thi đua của Chính phủ: đã nhận Cờ thi đua cấp tỉnh hoặc cấp bộ cùng năm",
     "gov_flag", "collective", "held_same_year", ["prov_flag", "ministry_flag"], "", None, None,
     2010, 2013, "Nghị định 42/2010/NĐ-CP", "Until Decree 65/2014 replaced it. " + VERIFY),
    ("soldier-province-3-grassroots",
     "Chiến sĩ thi đua cấp tỉnh: 3 lần liên tục Chiến sĩ thi đua cơ sở",
     "emulation_soldier_province", "individual", "chain", ["emulation_soldier_grassroots"], "",
     3, None, None, None, BOTH, ""),
    ("soldier-national-2-province",
     "Chiến sĩ thi đua toàn quốc: 2 lần liên tục Chiến sĩ thi đua cấp tỉnh",
     "emulation_soldier_national", "individual", "chain", ["emulation_soldier_province"], "",
     2, None, None, None, BOTH, ""),
    ("pm-cert-individual-holds-cert",
     "Bằng khen Thủ tướng (cá nhân): đã có Bằng khen cấp tỉnh hoặc cấp bộ",
     "pm_cert", "individual", "held_before", ["prov_cert", "ministry_cert"], "", None, None,
     None, None, BOTH, ""),
    ("pm-cert-individual-5-good",
     "Bằng khen Thủ tướng (cá nhân): 5 năm liên tục hoàn thành tốt nhiệm vụ trở lên",
     "pm_cert", "individual", "chain", [], "good", 5, None, None, None, BOTH, ""),
    ("pm-cert-individual-3-soldier",
     "Bằng khen Thủ tướng (cá nhân): trong 5 năm có 3 lần Chiến sĩ thi đua cơ sở",
     "pm_cert", "individual", "count", ["emulation_soldier_grassroots"], "", 5, 3, None, None,
     BOTH, ""),
    ("pm-cert-collective-holds-cert",
     "Bằng khen Thủ tướng (tập thể): đã có Bằng khen cấp tỉnh hoặc cấp bộ",
     "pm_cert", "collective", "held_before", ["prov_cert", "ministry_cert"], "", None, None,
     None, 2023, OLD, ""),
    ("pm-cert-collective-5-excellent",
     "Bằng khen Thủ tướng (tập thể): 5 năm liên tục hoàn thành xuất sắc nhiệm vụ",
     "pm_cert", "collective", "chain", [], "excellent", 5, None, None, 2023, OLD, ""),
    ("pm-cert-collective-1-flag",
     "Bằng khen Thủ tướng (tập thể): trong 5 năm có 1 Cờ thi đua cấp tỉnh hoặc cấp bộ",
     "pm_cert", "collective", "count", ["prov_flag", "ministry_flag"], "", 5, 1, None, 2023,
     OLD, ""),
    ("prov-cert-collective-2-excellent",
     "Bằng khen tỉnh (tập thể): 2 năm liên tục hoàn thành xuất sắc nhiệm vụ "
     "hoặc Tập thể lao động xuất sắc",
     "prov_cert", "collective", "chain", ["excellent_collective"], "excellent", 2, None, None,
     None, BOTH, VERIFY),
    ("labor-order-3-holds-pm-cert",
     "Huân chương Lao động hạng Ba (cá nhân): đã có Bằng khen Thủ tướng",
     "labor_order_3", "individual", "held_before", ["pm_cert"], "", None, None, None, None,
     BOTH, ""),
    ("labor-order-3-5-good",
     "Huân chương Lao động hạng Ba (cá nhân): 5 năm liên tục hoàn thành tốt nhiệm vụ trở lên",
     "labor_order_3", "individual", "chain", [], "good", 5, None, None, None, BOTH, ""),
    ("labor-order-3-1-excellent",
     "Huân chương Lao động hạng Ba (cá nhân): trong 5 năm có 1 năm hoàn thành xuất sắc",
     "labor_order_3", "individual", "count", [], "excellent", 5, 1, None, None, BOTH, ""),
    ("labor-order-3-3-soldier",
     "Huân chương Lao động hạng Ba (cá nhân): trong 5 năm có 3 lần Chiến sĩ thi đua cơ sở",
     "labor_order_3", "individual", "count", ["emulation_soldier_grassroots"], "", 5, 3, None,
     None, BOTH, ""),
]

# code, name, awards, valid from, valid to, legal basis, notes
EXCLUSIONS = [
    ("one-commendation-per-achievement",
     "Không khen nhiều hình thức cho một thành tích (một hình thức khen thưởng mỗi năm)",
     ["labor_order_1", "labor_order_2", "labor_order_3", "pm_cert", "ministry_cert",
      "prov_cert", "merit_paper"],
     2024, None, "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5",
     "Override when the awards reward different achievements."),
]

# code, name, award, scope, organiser, max count, max share, share of, from, to, basis, notes
QUOTAS = [
    ("quang-nam-one-prov-flag-per-bloc", "Quảng Nam: mỗi khối, cụm đề nghị 1 Cờ thi đua tỉnh",
     "prov_flag", "bloc", "Quảng Nam", 1, None, None, 2023, None,
     "Quy định thi đua, khen thưởng của UBND tỉnh Quảng Nam",
     "Practice seen in 2023; each province sets its own quota. Verify."),
    ("gov-flag-20-percent", "Cờ thi đua của Chính phủ: tối đa 20% số tập thể đạt Cờ thi đua tỉnh",
     "gov_flag", "organiser", "", None, "0.200", "prov_flag", 2017, 2023,
     "Nghị định 91/2017/NĐ-CP, Điều 11",
     "Counted over all blocs of one organiser against its provincial-flag nominees."),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    PrerequisiteRule = apps.get_model("awards", "PrerequisiteRule")
    ExclusionRule = apps.get_model("awards", "ExclusionRule")
    QuotaRule = apps.get_model("awards", "QuotaRule")
    awards = {a.code: a for a in AwardType.objects.all()}
    if not awards:  # the catalogue is re-seeded by tests after a flush
        return
    for (code, name, award, recipients, kind, required, rating, years, count, start, end,
         basis, notes) in PREREQUISITES:
        rule, _ = PrerequisiteRule.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "award_type": awards[award], "recipients": recipients,
                "kind": kind, "min_rating": rating, "years": years, "min_count": count,
                "valid_from": start, "valid_to": end, "legal_basis": basis, "notes": notes,
            },
        )
        rule.required_awards.set([awards[c] for c in required])
    for code, name, codes, start, end, basis, notes in EXCLUSIONS:
        rule, _ = ExclusionRule.objects.update_or_create(
            code=code,
            defaults={"name": name, "valid_from": start, "valid_to": end,
                      "legal_basis": basis, "notes": notes},
        )
        rule.award_types.set([awards[c] for c in codes])
    for (code, name, award, scope, organiser, count, share, share_of, start, end, basis,
         notes) in QUOTAS:
        QuotaRule.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "award_type": awards[award], "scope": scope,
                "organiser": organiser, "max_count": count,
                "max_share": Decimal(share) if share else None,
                "share_of": awards[share_of] if share_of else None,
                "valid_from": start, "valid_to": end, "legal_basis": basis, "notes": notes,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("awards", "PrerequisiteRule").objects.filter(
        code__in=[r[0] for r in PREREQUISITES]).delete()
    apps.get_model("awards", "ExclusionRule").objects.filter(
        code__in=[r[0] for r in EXCLUSIONS]).delete()
    apps.get_model("awards", "QuotaRule").objects.filter(code__in=[r[0] for r in QUOTAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_rules_ratings_secretaries")]
    operations = [migrations.RunPython(seed, unseed)]
