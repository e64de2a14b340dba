import io
import json

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from remedyhub.registry import parsing
from remedyhub.registry.models import Facility, SupplyLink
from remedyhub.registry.parsing import (
    MAX_BYTES,
    MAX_LENGTHS,
    MAX_ROWS,
    ParsedList,
    RowError,
    SupplierRow,
    parse_supplier_file,
    resolve_country,
)

HEADER = "name,address,country"


def csv_file(*lines, encoding="utf-8"):
    return "\r\n".join(lines).encode(encoding)


def xlsx_file(*rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def only_file_error(parsed):
    assert parsed.rows == []
    assert len(parsed.errors) == 1
    assert parsed.file_errors == parsed.errors
    return parsed.errors[0].message


def row_errors(parsed):
    return [(error.row_number, error.field) for error in parsed.errors]


# A good list


def test_a_well_formed_csv_gives_clean_rows_numbered_as_in_a_spreadsheet():
    parsed = parse_supplier_file(
        csv_file(
            "name,address,country,sector,product_type,number_of_workers,lat,lng,os_id",
            '  Sunrise   Garments Ltd ,"Plot 12,  Savar\n Dhaka",bd,Apparel,Shirts,1200,'
            "23.85,90.26,BD2019123ABCDEF",
            "Anatolia Denim,Organize Sanayi 4 Denizli,Türkiye,,,,,,",
        ),
        "suppliers.csv",
    )
    assert parsed.errors == []
    assert parsed.duplicates == []
    assert parsed.rows == [
        SupplierRow(
            row_number=2,
            name="Sunrise Garments Ltd",
            address="Plot 12, Savar Dhaka",
            country="BD",
            sector="Apparel",
            product_type="Shirts",
            number_of_workers="1200",
            lat=23.85,
            lng=90.26,
            os_id="BD2019123ABCDEF",
        ),
        SupplierRow(
            row_number=3, name="Anatolia Denim", address="Organize Sanayi 4 Denizli", country="TR"
        ),
    ]


def test_parsed_list_file_errors_are_the_errors_without_a_row():
    file_error = RowError(None, None, "bad file")
    parsed = ParsedList(rows=[], errors=[RowError(2, "name", "bad row"), file_error])
    assert parsed.file_errors == [file_error]


def test_column_names_are_read_case_insensitively_and_aliases_are_understood():
    parsed = parse_supplier_file(
        csv_file(
            " Facility Name ,ADDRESS,Country-Code,Latitude,LON,Workers,Products,Parent Company",
            "Mekong Knit,Lot 5 Binh Duong,vn,11.05,106.65,300,T-shirts,Mekong Group",
        ),
        "list.csv",
    )
    assert parsed.errors == []
    (row,) = parsed.rows
    assert (row.name, row.country, row.lat, row.lng) == ("Mekong Knit", "VN", 11.05, 106.65)
    assert (row.number_of_workers, row.product_type, row.parent_company) == (
        "300",
        "T-shirts",
        "Mekong Group",
    )


def test_unknown_extra_columns_are_ignored():
    parsed = parse_supplier_file(
        csv_file("name,internal code,address,country,notes", "Mill,=ZZ9,Road 1,India,=bad"),
        "list.csv",
    )
    assert parsed.errors == []
    assert parsed.rows[0].country == "IN"


def test_blank_rows_are_skipped_and_later_rows_keep_their_spreadsheet_number():
    parsed = parse_supplier_file(
        csv_file(HEADER, "A,Road 1,CN", "", ",,", "  ,\t, ", "B,Road 2,CN"), "list.csv"
    )
    assert parsed.errors == []
    assert [row.row_number for row in parsed.rows] == [2, 6]


# Empty and malformed files


@pytest.mark.parametrize("data", [b"", b"   \r\n\n", b"\xef\xbb\xbf", "".encode("utf-16")])
def test_an_empty_file_is_a_file_error(data):
    assert only_file_error(parse_supplier_file(data, "list.csv")) == "The file is empty."


@pytest.mark.parametrize("data", [csv_file(HEADER), csv_file(HEADER, "", ",,", "")])
def test_a_header_without_rows_is_a_file_error(data):
    message = only_file_error(parse_supplier_file(data, "list.csv"))
    assert message == "The file has a header but no rows."


def test_missing_required_columns_are_named_in_one_error_with_the_columns_found():
    parsed = parse_supplier_file(
        csv_file("Supplier,Street,Country", "Mill,Road 1,China"), "list.csv"
    )
    message = only_file_error(parsed)
    assert "missing: name, address." in message
    assert "The columns found are: Supplier, Street, Country." in message


def test_a_file_without_a_header_row_is_reported_as_missing_columns():
    message = only_file_error(parse_supplier_file(csv_file("Mill,Road 1,China"), "list.csv"))
    assert "missing: name, address, country" in message


def test_a_file_larger_than_the_limit_is_a_file_error():
    message = only_file_error(parse_supplier_file(b"a" * (MAX_BYTES + 1), "list.csv"))
    assert "20.0" in message
    assert "MB" in message


def test_a_value_too_long_for_the_csv_reader_is_a_file_error_not_a_crash():
    message = only_file_error(
        parse_supplier_file(csv_file(HEADER, f'"{"x" * 200_000}",Road,CN'), "list.csv")
    )
    assert "could not be read as CSV" in message


# Encodings and delimiters


def test_a_latin1_csv_is_read_without_mojibake():
    data = csv_file(HEADER, "Zoë Façonnage,Rua São João 5,Côte d'Ivoire", encoding="latin-1")
    parsed = parse_supplier_file(data, "list.csv")
    assert parsed.errors == []
    row = parsed.rows[0]
    assert (row.name, row.address, row.country) == ("Zoë Façonnage", "Rua São João 5", "CI")


def test_a_cp1252_csv_keeps_its_curly_quotes_and_dashes():
    name = "\u201cStar\u201d Knit \u2013 Unit 2"
    data = csv_file(HEADER, f"{name},Road 1,Bangladesh", encoding="cp1252")
    assert parse_supplier_file(data, "list.csv").rows[0].name == name


def test_a_utf8_bom_does_not_hide_the_first_column():
    data = b"\xef\xbb\xbf" + csv_file(HEADER, "Şahin Tekstil,Bursa,TR")
    parsed = parse_supplier_file(data, "list.csv")
    assert parsed.errors == []
    assert parsed.rows[0].name == "Şahin Tekstil"


def test_a_utf16_tab_separated_file_as_excel_saves_unicode_text_is_read():
    data = "\r\n".join(["name\taddress\tcountry", "Nhà máy Việt,Hà Nội\tKCN 3\tViet Nam"])
    parsed = parse_supplier_file(data.encode("utf-16"), "list.txt")
    assert parsed.errors == []
    assert (parsed.rows[0].name, parsed.rows[0].country) == ("Nhà máy Việt,Hà Nội", "VN")


def test_a_semicolon_separated_csv_with_decimal_commas_is_read():
    data = csv_file(
        "name;address;country;lat;lng", "Mill, Unit 2;Road 1, Tiruppur;India;11,1085;77,3411"
    )
    parsed = parse_supplier_file(data, "list.csv")
    assert parsed.errors == []
    row = parsed.rows[0]
    assert (row.name, row.address, row.lat, row.lng) == (
        "Mill, Unit 2",
        "Road 1, Tiruppur",
        11.1085,
        77.3411,
    )


def test_the_delimiter_is_the_one_the_header_uses_most():
    data = csv_file("name;address;country;notes, if any", "Mill;Road 1, Dhaka;BD;none")
    parsed = parse_supplier_file(data, "list.csv")
    assert parsed.errors == []
    assert parsed.rows[0].address == "Road 1, Dhaka"


def test_old_mac_line_endings_are_read():
    data = "\r".join([HEADER, "A,Road 1,CN", "B,Road 2,CN"]).encode()
    assert [row.name for row in parse_supplier_file(data, "list.csv").rows] == ["A", "B"]


# Row errors


def test_an_unknown_country_is_a_row_error_quoting_the_value():
    parsed = parse_supplier_file(csv_file(HEADER, "A,Road 1,CN", "B,Road 2,Narnia"), "list.csv")
    assert [row.name for row in parsed.rows] == ["A"]
    (error,) = parsed.errors
    assert (error.row_number, error.field) == (3, "country")
    assert error.message.startswith("Row 3: unknown country 'Narnia'.")


def test_missing_name_address_and_country_are_each_a_row_error_on_their_field():
    parsed = parse_supplier_file(
        csv_file(HEADER, ",Road 1,CN", "B,,CN", "C,Road 3,", "D,Road 4,CN"), "list.csv"
    )
    assert [row.name for row in parsed.rows] == ["D"]
    assert row_errors(parsed) == [(2, "name"), (3, "address"), (4, "country")]
    assert parsed.errors[0].message == "Row 2: the facility name is missing."


def test_a_row_with_several_problems_reports_each_of_them():
    parsed = parse_supplier_file(csv_file("name,address,country,lat", ",,Atlantis,95"), "x.csv")
    assert sorted(field for _row, field in row_errors(parsed)) == [
        "address",
        "country",
        "lat",
        "name",
    ]


@pytest.mark.parametrize(
    ("lat", "lng", "field"),
    [
        ("abc", "90", "lat"),
        ("91", "90", "lat"),
        ("-90.5", "90", "lat"),
        ("45", "180.01", "lng"),
        ("45", "-181", "lng"),
        ("45", "nan", "lng"),
        ("45", "inf", "lng"),
        ("12.3.4", "90", "lat"),
    ],
)
def test_a_broken_coordinate_is_a_row_error(lat, lng, field):
    parsed = parse_supplier_file(
        csv_file("name,address,country,lat,lng", f"A,Road 1,CN,{lat},{lng}"), "list.csv"
    )
    assert parsed.rows == []
    assert row_errors(parsed) == [(2, field)]


def test_coordinates_at_the_edges_and_with_a_unicode_minus_are_accepted():
    parsed = parse_supplier_file(
        csv_file("name,address,country,lat,lng", "A,Road 1,NZ,-90,180", "B,Road 2,NZ,\u22126.5,-0"),
        "list.csv",
    )
    assert parsed.errors == []
    assert [(row.lat, row.lng) for row in parsed.rows] == [(-90.0, 180.0), (-6.5, 0.0)]


def test_a_latitude_without_a_longitude_is_a_row_error():
    parsed = parse_supplier_file(
        csv_file("name,address,country,lat,lng", "A,Road 1,CN,31.2,", "B,Road 2,CN,,"), "x.csv"
    )
    assert row_errors(parsed) == [(2, "lng")]
    assert parsed.rows[0].lat is None


def test_text_longer_than_its_database_column_is_a_row_error():
    parsed = parse_supplier_file(csv_file(HEADER, f"{'N' * 256},Road 1,CN"), "list.csv")
    assert row_errors(parsed) == [(2, "name")]
    assert "256 characters" in parsed.errors[0].message


def test_the_length_limits_are_those_of_the_database_columns():
    columns = {
        "name": Facility._meta.get_field("name"),
        "address": Facility._meta.get_field("address"),
        "facility_type": Facility._meta.get_field("facility_type"),
        "number_of_workers": Facility._meta.get_field("number_of_workers"),
        "os_id": Facility._meta.get_field("os_id"),
        "product_type": SupplyLink._meta.get_field("products"),
    }
    assert {name: column.max_length for name, column in columns.items()} == MAX_LENGTHS


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        '=HYPERLINK("http://evil.example","click")',
        "+cmd|' /C calc'!A0",
        "-cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "-(2+3)",
        "+A1",
        "  =1+1",
    ],
)
def test_formula_injection_in_a_csv_is_rejected(value):
    data = csv_file(HEADER, "A,Road 1,CN", f"B,{json.dumps(value)},CN")
    parsed = parse_supplier_file(data.replace(b'\\"', b'""'), "list.csv")
    assert [row.name for row in parsed.rows] == ["A"]
    (error,) = parsed.errors
    assert (error.row_number, error.field) == (3, "address")
    assert "formulas are not accepted" in error.message
    assert "column 'address'" in error.message


def test_a_sign_before_a_digit_is_a_number_not_a_formula():
    parsed = parse_supplier_file(
        csv_file("name,address,country,lat,lng,number_of_workers", "A,-,Peru,-12.05,-77.04,+250"),
        "list.csv",
    )
    assert parsed.errors == []
    row = parsed.rows[0]
    assert (row.address, row.lat, row.lng, row.number_of_workers) == ("-", -12.05, -77.04, "+250")


# Duplicates


def test_a_repeated_row_is_dropped_and_reported_with_the_first_row_number():
    parsed = parse_supplier_file(
        csv_file(
            HEADER,
            "Sunrise Garments,Plot 12 Savar,BD",
            "Other Mill,Road 9,BD",
            "  SUNRISE  garments , plot 12   savar ,Bangladesh",
            "Sunrise Garments,Plot 12 Savar,IN",
        ),
        "list.csv",
    )
    assert parsed.errors == []
    assert [row.row_number for row in parsed.rows] == [2, 3, 5]
    (duplicate,) = parsed.duplicates
    assert duplicate.row_number == 4
    assert "repeats row 2" in duplicate.message


# Row limit


def list_of(count):
    lines = [HEADER] + [f"Mill {number},Road {number},CN" for number in range(count)]
    return csv_file(*lines)


def test_more_than_the_row_limit_is_a_file_error_giving_the_limit_and_the_count():
    message = only_file_error(parse_supplier_file(list_of(MAX_ROWS + 1), "list.csv"))
    assert "10,001 rows" in message
    assert "10,000" in message


def test_a_list_at_the_row_limit_is_accepted_in_full():
    data = list_of(MAX_ROWS) + b"\r\n,,\r\n\r\n"
    parsed = parse_supplier_file(data, "list.csv")
    assert parsed.errors == []
    assert len(parsed.rows) == MAX_ROWS
    assert parsed.rows[-1].row_number == MAX_ROWS + 1


# Excel


def test_an_xlsx_list_gives_rows_with_numbers_written_as_text():
    data = xlsx_file(
        ["Name", "Address", "Country", "Number of workers", "Lat", "Lng", "os_id"],
        ["Mill A", "Road 1", "Pakistan", 250, 31.52, 74, 12345],
        ["Mill B", "Road 2", "PK", 1200.0, None, None, None],
    )
    parsed = parse_supplier_file(data, "list.xlsx")
    assert parsed.errors == []
    first, second = parsed.rows
    assert (first.row_number, first.number_of_workers, first.lat, first.lng, first.os_id) == (
        2,
        "250",
        31.52,
        74.0,
        "12345",
    )
    assert isinstance(first.lng, float)
    assert (second.number_of_workers, second.lat) == ("1200", None)


def test_xlsx_formulas_are_rejected_naming_the_column():
    data = xlsx_file(
        ["name", "address", "country", "number_of_workers"],
        ["Mill A", "Road 1", "CN", "=10*25"],
        ["Mill B", '=HYPERLINK("http://evil.example","Road 2")', "CN", 5],
        ["Mill C", "Road 3", "CN", 5],
    )
    parsed = parse_supplier_file(data, "list.xlsx")
    assert [row.name for row in parsed.rows] == ["Mill C"]
    assert row_errors(parsed) == [(2, "number_of_workers"), (3, "address")]
    assert all("formulas are not accepted" in error.message for error in parsed.errors)
    assert "column 'number_of_workers'" in parsed.errors[0].message


def test_an_xlsx_text_cell_that_would_run_as_a_formula_is_rejected():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "address", "country"])
    sheet.append(["Mill", "Road 1", "CN"])
    sheet["A2"].value = "+cmd|' /C calc'!A0"
    sheet["A2"].data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = parse_supplier_file(buffer.getvalue(), "list.xlsx")
    assert row_errors(parsed) == [(2, "name")]


def test_an_xlsx_error_cell_is_a_row_error():
    parsed = parse_supplier_file(
        xlsx_file(["name", "address", "country"], ["Mill", "#N/A", "CN"]), "list.xlsx"
    )
    assert row_errors(parsed) == [(2, "address")]
    assert "#N/A" in parsed.errors[0].message


def test_xlsx_rows_are_numbered_as_the_sheet_shows_them():
    workbook = Workbook()
    sheet = workbook.active
    sheet["A3"], sheet["B3"], sheet["C3"] = "name", "address", "country"
    sheet["A5"], sheet["B5"], sheet["C5"] = "Mill", "Road 1", "Narnia"
    sheet["A6"], sheet["B6"], sheet["C6"] = "Mill 2", "Road 2", "China"
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = parse_supplier_file(buffer.getvalue(), "list.xlsx")
    assert row_errors(parsed) == [(5, "country")]
    assert [row.row_number for row in parsed.rows] == [6]


def test_an_empty_workbook_and_one_with_only_a_header_are_file_errors():
    assert only_file_error(parse_supplier_file(xlsx_file(), "a.xlsx")) == "The file is empty."
    header_only = xlsx_file(["name", "address", "country"])
    message = only_file_error(parse_supplier_file(header_only, "a.xlsx"))
    assert message == "The file has a header but no rows."


def test_a_file_named_xlsx_that_is_not_a_zip_is_not_a_valid_excel_file():
    message = only_file_error(parse_supplier_file(csv_file(HEADER, "A,B,CN"), "list.xlsx"))
    assert "not a valid Excel file" in message


def test_a_zip_that_is_not_a_workbook_is_not_a_valid_excel_file():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    message = only_file_error(parse_supplier_file(buffer.getvalue(), "list.xlsx"))
    assert "not a valid Excel file" in message
    truncated = xlsx_file(["name", "address", "country"], ["A", "B", "CN"])[:600]
    assert "not a valid Excel file" in only_file_error(parse_supplier_file(truncated, "a.xlsx"))


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_UNPACKED_BYTES", 1024)
    data = xlsx_file(["name", "address", "country"], ["A", "B" * 5000, "CN"])
    assert "unpacks to more than" in only_file_error(parse_supplier_file(data, "a.xlsx"))


def test_old_excel_and_password_protected_workbooks_say_what_to_do():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert ".xls format" in only_file_error(parse_supplier_file(ole, "list.xls"))
    assert "password" in only_file_error(parse_supplier_file(ole, "list.xlsx"))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00",
        b"\x1f\x8b\x08\x00",
        b"name,address\x00\x00country",
    ],
)
def test_pdf_images_and_other_binary_files_are_rejected(data):
    message = only_file_error(parse_supplier_file(data, "list.csv"))
    assert "cannot be read" in message


def test_text_that_happens_to_start_like_a_binary_signature_is_still_read():
    data = csv_file("PK,MZ,name,address,country", "1,2,Mill,Road 1,CN")
    assert len(parse_supplier_file(data, "list.csv").rows) == 1


def test_the_format_is_told_by_the_content_not_the_name():
    workbook = xlsx_file(["name", "address", "country"], ["A", "Road", "CN"])
    assert len(parse_supplier_file(workbook, "list.csv").rows) == 1
    assert len(parse_supplier_file(csv_file(HEADER, "A,Road,CN"), "list.json").rows) == 1
    assert len(parse_supplier_file(b'[{"name":"A","address":"R","country":"CN"}]', "x").rows) == 1


# JSON


def test_a_json_list_of_objects_gives_rows_numbered_by_position():
    data = json.dumps(
        [
            {"name": "Mill A", "address": "Road 1", "country": "CN", "lat": 31.2, "lng": 121.5},
            {},
            {"Facility Name": "Mill C", "address": "Road 3", "country_code": "bd", "workers": 40},
            {"name": "Mill D", "address": "Road 4", "country": "Narnia"},
        ]
    ).encode()
    parsed = parse_supplier_file(data, "list.json")
    assert [(row.row_number, row.name, row.country) for row in parsed.rows] == [
        (1, "Mill A", "CN"),
        (3, "Mill C", "BD"),
    ]
    assert parsed.rows[0].lat == 31.2
    assert parsed.rows[1].number_of_workers == "40"
    assert row_errors(parsed) == [(4, "country")]


@pytest.mark.parametrize("key", ["rows", "facilities"])
def test_a_json_object_holding_a_rows_or_facilities_list_is_read(key):
    data = json.dumps({"source": "x", key: [{"name": "A", "address": "R", "country": "Laos"}]})
    parsed = parse_supplier_file(data.encode(), "list.json")
    assert [(row.row_number, row.country) for row in parsed.rows] == [(1, "LA")]


def test_json_items_that_are_not_suppliers_are_row_errors():
    data = json.dumps(
        [
            "Mill A",
            {"name": "B", "address": {"street": "x"}, "country": "CN"},
            {"name": "C", "address": "Road", "country": "CN"},
        ]
    )
    parsed = parse_supplier_file(data.encode(), "list.json")
    assert row_errors(parsed) == [(1, None), (2, "address")]
    assert [row.name for row in parsed.rows] == ["C"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'[{"name": "A",', "not valid JSON"),
        (b'{"suppliers": []}', '"rows" or "facilities"'),
        (b"[]", "The file is empty."),
        (b'[{"name": "A"}]', "missing: address, country"),
    ],
)
def test_malformed_json_is_a_file_error(data, expected):
    assert expected in only_file_error(parse_supplier_file(data, "list.json"))


# Countries


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("cn", "CN"),
        ("CN", "CN"),
        ("CHN", "CN"),
        ("China", "CN"),
        ("CHINA", "CN"),
        ("P.R. China", "CN"),
        ("People's Republic of China", "CN"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Turkiye", "TR"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("North Korea", "KP"),
        ("Bangladesh ", "BD"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d\u2019Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Taiwan", "TW"),
        ("Hong Kong", "HK"),
        ("USA", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("Great Britain", "GB"),
        ("United Kingdom", "GB"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Laos", "LA"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Macau", "MO"),
        ("Macao", "MO"),
        ("Palestine", "PS"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Tanzania", "TZ"),
        ("Bolivia", "BO"),
        ("Venezuela", "VE"),
        ("Moldova", "MD"),
        ("Swaziland", "SZ"),
        ("Eswatini", "SZ"),
        ("Cape Verde", "CV"),
        ("Cabo Verde", "CV"),
        ("the Netherlands", "NL"),
        ("Democratic Republic of the Congo", "CD"),
        ("Congo", "CG"),
        ("St. Kitts & Nevis", "KN"),
        ("Åland Islands", "AX"),
        ("156", "CN"),
    ],
)
def test_resolve_country_understands_common_spellings(value, code):
    assert resolve_country(value) == code


@pytest.mark.parametrize("value", ["Narnia", "", "   ", "XX", "Korea", "N/A", "China Town"])
def test_resolve_country_returns_none_for_what_is_not_one_country(value):
    assert resolve_country(value) is None


def test_every_iso_country_resolves_from_its_codes_and_names():
    for country in pycountry.countries:
        spellings = [country.alpha_2, country.alpha_3, country.name]
        spellings += [getattr(country, "official_name", ""), getattr(country, "common_name", "")]
        for spelling in filter(None, spellings):
            assert resolve_country(spelling) == country.alpha_2, spelling


@given(country=st.sampled_from(list(pycountry.countries)))
def test_any_country_resolves_from_its_lower_case_code_and_upper_case_name(country):
    assert resolve_country(country.alpha_2.lower()) == country.alpha_2
    assert resolve_country(country.name.upper()) == country.alpha_2


@given(
    country=st.sampled_from(list(pycountry.countries)),
    uppers=st.lists(st.booleans(), min_size=80, max_size=80),
    padding=st.sampled_from(["", " ", "  \t", "\u00a0"]),
)
def test_any_mix_of_case_and_surrounding_space_does_not_change_the_country(
    country, uppers, padding
):
    mixed = "".join(
        char.upper() if upper else char.lower()
        for char, upper in zip(country.name, uppers, strict=False)
    )
    assert resolve_country(f"{padding}{mixed}{padding}") == country.alpha_2
