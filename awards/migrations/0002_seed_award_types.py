"""Seed the award catalogue with the stable codes the importer and exports use.

Multipliers: Decree 152/2025 Art. 50, where the law gives one; the rest stay empty.
"""

from decimal import Decimal

from django.db import migrations

LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"

AWARD_TYPES = [
    # code, name, name_en, short, category, recipients, level, precedence, multiplier, spellings
    ("gov_flag", "Cờ thi đua của Chính phủ", "Government emulation flag", "Cờ Chính phủ",
     "title", "collective", "government", 10, "12",
     ["Cờ thi đua của Chính phủ", "Cờ thi đua Chính phủ", "Cờ thi đua của Thủ tướng Chính phủ"]),
    ("ministry_flag", "Cờ thi đua của Bộ, ban, ngành, đoàn thể Trung ương",
     "Emulation flag of a ministry or central organisation", "Cờ thi đua Bộ",
     "title", "collective", "ministry", 20, "8",
     ["Cờ thi đua của Bộ", "Cờ thi đua của Bộ Công an", "Cờ thi đua của Trung ương Hội"]),
    ("prov_flag", "Cờ thi đua của UBND tỉnh", "Provincial emulation flag", "Cờ thi đua tỉnh",
     "title", "collective", "province", 30, "8",
     ["Cờ thi đua của UBND tỉnh", "Cờ thi đua xuất sắc của tỉnh", "cờ thi đua cấp tỉnh",
      "Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua xuất sắc", "Cờ thi đua của UBND thành phố"]),
    ("labor_order_1", "Huân chương Lao động hạng Nhất", "Labour Order, first class",
     "HCLĐ hạng Nhất", "commendation", "both", "state", 40, None,
     ["Huân chương Lao động hạng Nhất"]),
    ("labor_order_2", "Huân chương Lao động hạng Nhì", "Labour Order, second class",
     "HCLĐ hạng Nhì", "commendation", "both", "state", 41, None,
     ["Huân chương Lao động hạng Nhì"]),
    ("labor_order_3", "Huân chương Lao động hạng Ba", "Labour Order, third class",
     "HCLĐ hạng Ba", "commendation", "both", "state", 42, None,
     ["Huân chương Lao động hạng Ba"]),
    ("pm_cert", "Bằng khen của Thủ tướng Chính phủ", "Prime Minister's certificate of merit",
     "Bằng khen Thủ tướng", "commendation", "both", "government", 50, None,
     ["Bằng khen của Thủ tướng Chính phủ", "Bằng khen của Chính phủ", "Bằng khen Thủ tướng"]),
    ("ministry_cert", "Bằng khen của Bộ, ban, ngành, đoàn thể Trung ương",
     "Certificate of merit of a ministry or central organisation", "Bằng khen Bộ",
     "commendation", "both", "ministry", 60, None,
     ["Bằng khen của Bộ", "Bằng khen của Bộ trưởng", "Bằng khen của Trung ương Hội"]),
    ("prov_cert", "Bằng khen của Chủ tịch UBND tỉnh", "Provincial certificate of merit",
     "Bằng khen tỉnh", "commendation", "both", "province", 70, None,
     ["Bằng khen của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen của tỉnh"]),
    ("emulation_soldier_national", "Chiến sĩ thi đua toàn quốc", "National emulation soldier",
     "CSTĐ toàn quốc", "title", "individual", "government", 80, "4.5",
     ["Chiến sĩ thi đua toàn quốc"]),
    ("emulation_soldier_province", "Chiến sĩ thi đua cấp tỉnh", "Provincial emulation soldier",
     "CSTĐ cấp tỉnh", "title", "individual", "province", 81, "3",
     ["Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp bộ"]),
    ("emulation_soldier_grassroots", "Chiến sĩ thi đua cơ sở", "Grassroots emulation soldier",
     "CSTĐ cơ sở", "title", "individual", "grassroots", 82, "1",
     ["Chiến sĩ thi đua cơ sở"]),
    ("excellent_collective", "Tập thể lao động xuất sắc", "Excellent labour collective",
     "TTLĐ xuất sắc", "title", "collective", "province", 90, "1.5",
     ["Tập thể lao động xuất sắc"]),
    ("advanced_collective", "Tập thể lao động tiên tiến", "Advanced labour collective",
     "TTLĐ tiên tiến", "title", "collective", "grassroots", 91, None,
     ["Tập thể lao động tiên tiến"]),
    ("advanced_worker", "Lao động tiên tiến", "Advanced worker", "Lao động tiên tiến",
     "title", "individual", "grassroots", 92, None, ["Lao động tiên tiến"]),
    ("merit_paper", "Giấy khen", "Certificate of commendation", "Giấy khen",
     "commendation", "both", "grassroots", 95, None, ["Giấy khen"]),
    ("other", "Khen thưởng khác", "Other award", "Khác", "other", "both", "other", 999, None, []),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    for (code, name, name_en, short, category, recipients, level, precedence, multiplier,
         spellings) in AWARD_TYPES:
        AwardType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "short_name": short,
                "category": category,
                "recipients": recipients,
                "level": level,
                "precedence": precedence,
                "cash_multiplier": Decimal(multiplier) if multiplier else None,
                "spellings": spellings,
                "legal_basis": LAW_2022,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("awards", "AwardType").objects.filter(
        code__in=[row[0] for row in AWARD_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
