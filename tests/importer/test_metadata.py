"""The meeting's facts (bloc, results year, date, venue) where real leads put them.

Articles of our own writing: a byline or a document reference before the lead,
the lead printed as the first line, blocs named without "thi đua", shares that
look like dates, school years.
"""

from awards.importer.extracting import extract


def test_byline_before_the_lead_and_a_lower_case_place_as_venue():
    article = extract(
        "Tổng kết thi đua năm 2024 của cụm các huyện phía Nam\n\n"
        "MINH KHOA |\n\n"
        "Tại huyện Lâm Hà, Cụm thi đua số 4 các huyện phía Nam vừa tổ chức hội nghị tổng kết "
        "công tác thi đua, khen thưởng năm 2024 và triển khai nhiệm vụ năm 2025."
    )
    assert article.venue == "huyện Lâm Hà"
    assert article.bloc == "Cụm thi đua số 4 các huyện phía Nam"
    assert article.award_year == 2024


def test_a_document_reference_first_its_date_is_not_the_meeting():
    article = extract(
        "Ký kết giao ước thi đua năm 2025\n\n"
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh "
        "về việc tổ chức các hoạt động thi đua của các khối thi đua trên địa bàn tỉnh; Ngày 20 "
        "tháng 3 năm 2025, tại Hội trường Sở Y tế, Khối thi đua các sở văn hóa - xã hội tỉnh tổ "
        "chức hội nghị ký kết giao ước thi đua năm 2025."
    )
    assert article.meeting_date == "2025-03-20"
    assert article.venue == "Hội trường Sở Y tế"


def test_blocs_named_without_thi_dua():
    article = extract(
        "Triển khai nhiệm vụ năm 2025\n\n"
        "Ngày 15-1, Khối các sở quản lý nhà nước 2 gồm các sở: Tư pháp, Nội vụ, Xây dựng tổ "
        "chức hội nghị tổng kết phong trào thi đua năm 2024."
    )
    assert article.bloc == "Khối các sở quản lý nhà nước 2"
    numbered = extract(
        "Tổng kết năm 2024\n\n"
        "Hội nghị đã báo cáo tổng kết phong trào thi đua của Khối 7 trong năm 2024 tại Công ty "
        "Cổ phần Bao bì Sông Đà."
    )
    assert numbered.bloc == "Khối 7"


def test_a_share_of_votes_is_not_a_date():
    article = extract(
        "Thanh tra tỉnh được bình chọn xuất sắc\n\n"
        "Thanh tra tỉnh nhận được 8/8 phiếu đề nghị tặng cờ thi đua tại hội nghị tổng kết "
        "phong trào thi đua năm 2024 của khối thi đua số 3 diễn ra ngày 27-12."
    )
    assert article.meeting_date == "2024-12-27"


def test_a_lead_printed_as_the_first_line():
    article = extract(
        "Sáng 12/3/2025 tại trụ sở của Hội Nông dân tỉnh, Khối thi đua các tổ chức chính trị - "
        "xã hội tỉnh triển khai nhiệm vụ năm 2025.\n"
    )
    assert article.meeting_date == "2025-03-12"
    assert article.venue.startswith("trụ sở của Hội Nông dân tỉnh")


def test_a_school_year_summary_meets_in_the_year_it_ends():
    article = extract(
        "Cụm thi đua số 2 tổng kết năm học 2024-2025\n\n"
        "Ngày 25/5, tại Trường THPT Chu Văn An, Cụm thi đua số 2 các trường trung học tổ chức "
        "hội nghị tổng kết năm học 2024-2025."
    )
    assert article.award_year == 2025
    assert article.meeting_date == "2025-05-25"


def test_a_meeting_that_judges_the_year_names_its_results_year():
    article = extract(
        "Cụm thi đua số 5 họp xét thi đua năm 2024\n\n"
        "Ngày 9 tháng 01 năm 2025, tại Phòng họp UBND xã Tân Hòa, Cụm thi đua số 5 huyện Chợ "
        "Gạo tổ chức họp xét thi đua năm 2024."
    )
    assert article.award_year == 2024
    assert article.meeting_date == "2025-01-09"
    assert article.venue == "Phòng họp UBND xã Tân Hòa"


def test_a_midyear_review_hands_over_last_years_flag():
    article = extract(
        "Khối thi đua số 2 sơ kết công tác thi đua 6 tháng đầu năm 2025\n\n"
        "Chiều 15-7, Khối thi đua số 2 tổ chức sơ kết công tác thi đua 6 tháng đầu năm 2025, "
        "triển khai nhiệm vụ 6 tháng cuối năm 2025. Dịp này, Hội Nông dân tỉnh được UBND tỉnh "
        "tặng cờ thi đua vì có thành tích xuất sắc dẫn đầu Khối thi đua số 2 năm 2024."
    )
    assert article.meeting_kind == "midyear"
    assert article.award_year == 2024


def test_the_results_year_before_the_year_of_the_proposal():
    article = extract(
        "Liên đoàn Lao động tỉnh được đề nghị tặng Cờ thi đua của Chính phủ\n\n"
        "Tại hội nghị Ban Chấp hành sáng nay (18/12), Liên đoàn Lao động tỉnh được đánh giá là "
        "một trong các đơn vị xuất sắc nhất năm 2024 và được đề nghị tặng Cờ thi đua của Chính "
        "phủ năm 2025."
    )
    assert article.award_year == 2024


def test_a_bloc_named_in_passing_is_not_the_blocs_name():
    article = extract(
        "Các doanh nghiệp chung tay vì cộng đồng\n\n"
        "Năm qua, các đơn vị trong Khối thi đua luôn tích cực tham gia các hoạt động từ thiện, "
        "đóng góp hàng trăm triệu đồng cho quỹ vì người nghèo của tỉnh."
    )
    assert article.bloc is None


def test_the_full_form_of_a_blocs_name_wins_over_a_short_one():
    article = extract(
        "Cụm thi đua số 6 tổng kết năm 2024\n\n"
        "Ngày 8/1/2025, cụm số 6 gồm Hội Cựu chiến binh các tỉnh miền Tây đã tổ chức hội nghị "
        "tổng kết năm 2024."
    )
    assert article.bloc == "Cụm thi đua số 6"


def test_history_years_do_not_outweigh_the_year_of_the_results():
    article = extract(
        "Viện kiểm sát được đề nghị tặng Cờ thi đua của Chính phủ\n\n"
        "Viện kiểm sát nhân dân tỉnh, đơn vị được tặng Cờ thi đua năm 2003, tiếp tục dẫn đầu "
        "phong trào thi đua năm 2024. Với thành tích năm 2024, đơn vị được đề nghị tặng Cờ thi "
        "đua của Chính phủ."
    )
    assert article.award_year == 2024


def test_a_meeting_over_two_days_starts_on_the_first():
    article = extract(
        "Hội Nông dân tỉnh nhận Cờ thi đua\n\n"
        "Hội Nông dân tỉnh Kiên Giang nhận Cờ thi đua.\n\n"
        "Ngày 03-04/4/2025, tại Hà Nội, Ban Chấp hành Trung ương Hội Nông dân Việt Nam tổ chức "
        "hội nghị lần thứ 5."
    )
    assert article.meeting_date == "2025-04-03"
    assert article.venue == "Hà Nội"
