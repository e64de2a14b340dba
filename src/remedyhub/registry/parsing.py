"""Reading an uploaded supplier list (Open Supply Hub's columns) into clean rows or precise errors.

The format is told by the content, not the name: a zip is an Excel workbook, text that opens
with ``[`` or ``{`` is JSON, any other text is CSV. Nothing here touches the database; the import
service decides what to do with the rows.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import Any, Protocol

import pycountry
from babel import Locale
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_ROWS = 10_000
MAX_BYTES = 20 * 1024 * 1024
# A workbook is a zip: 20 MB of it can unpack to gigabytes of XML. Real lists of 10,000 rows
# unpack to a few megabytes.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

FIELDS = (
    "name",
    "address",
    "country",
    "sector",
    "product_type",
    "facility_type",
    "processing_type",
    "number_of_workers",
    "parent_company",
    "lat",
    "lng",
    "os_id",
)
REQUIRED_FIELDS = ("name", "address", "country")
COLUMN_ALIASES = {
    "facility_name": "name",
    "facility_address": "address",
    "country_code": "country",
    "country_name": "country",
    "latitude": "lat",
    "longitude": "lng",
    "lon": "lng",
    "workers": "number_of_workers",
    "product": "product_type",
    "products": "product_type",
}
# The lengths of the columns these values are stored in (registry.models: Facility, SupplyLink);
# a test keeps them in step.
MAX_LENGTHS = {
    "name": 255,
    "address": 500,
    "facility_type": 120,
    "number_of_workers": 32,
    "os_id": 32,
    "product_type": 255,
}

_FORMULA_LIKE = re.compile(r"[=@]|[+\-](?:[^\W\d_]|\()")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
_NOT_WORD = re.compile(r"[\W_]+")
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
# Files that are plainly not a list. Most other binary files hold a NUL byte early on, which
# text never does (UTF-16, which does, announces itself with a byte-order mark).
_BINARY_SIGNATURES = (
    _OLE_SIGNATURE,  # .xls, .doc, and workbooks encrypted with a password
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"PK\x05\x06",  # an empty zip
    b"\x1f\x8b",  # gzip
    b"Rar!",
    b"7z\xbc\xaf\x27\x1c",
    b"{\\rtf",
)


@dataclass(frozen=True)
class SupplierRow:
    row_number: int
    name: str
    address: str
    country: str
    sector: str = ""
    product_type: str = ""
    facility_type: str = ""
    processing_type: str = ""
    number_of_workers: str = ""
    parent_company: str = ""
    lat: float | None = None
    lng: float | None = None
    os_id: str = ""


@dataclass(frozen=True)
class RowError:
    row_number: int | None
    field: str | None
    message: str


@dataclass
class ParsedList:
    rows: list[SupplierRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[RowError] = field(default_factory=list)

    @property
    def file_errors(self) -> list[RowError]:
        return [error for error in self.errors if error.row_number is None]


class _FileError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class _Formula:
    text: str


@dataclass(frozen=True)
class _CellError:
    code: str


@dataclass(frozen=True)
class _Table:
    """Column labels as written and the records under them, each with its row number."""

    labels: list[str]
    records: Iterable[tuple[int, Sequence[object]]]
    errors: list[RowError] = field(default_factory=list)


def parse_supplier_file(data: bytes, filename: str) -> ParsedList:
    """The rows of an uploaded list, or what is wrong with it; never raises for bad input."""
    try:
        with _open_table(data, filename) as table:
            return _parse_table(table)
    except _FileError as error:
        return ParsedList(errors=[RowError(None, None, error.message)])


# Telling the format and reading the table


@contextmanager
def _open_table(data: bytes, filename: str) -> Iterator[_Table]:
    if data.startswith(_ZIP_SIGNATURE) and len(data) <= MAX_BYTES:
        with _open_xlsx(data) as table:
            yield table
    else:
        yield _read_table(data, filename)


def _read_table(data: bytes, filename: str) -> _Table:
    if len(data) > MAX_BYTES:
        raise _FileError(
            _("The file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(MAX_BYTES)}
        )
    if not data.strip():
        raise _FileError(_("The file is empty."))
    suffix = PurePath(filename or "").suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        if data.startswith(_OLE_SIGNATURE):
            raise _FileError(
                _(
                    "The Excel file is protected with a password. Remove the password, save "
                    "the file and upload it again."
                )
            )
        raise _FileError(_not_excel_message())
    if data.startswith(_OLE_SIGNATURE) and suffix == ".xls":
        raise _FileError(
            _(
                "This is an Excel file in the old .xls format. Open it in Excel, save it as "
                ".xlsx or CSV and upload it again."
            )
        )
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if data.startswith(_BINARY_SIGNATURES) or (not utf16 and b"\x00" in data[:4096]):
        raise _FileError(
            _(
                "This kind of file cannot be read. Upload the supplier list as an Excel "
                "(.xlsx), CSV or JSON file."
            )
        )
    text = _decode(data).removeprefix("\ufeff")
    if not text.strip():
        raise _FileError(_("The file is empty."))
    if text.lstrip()[0] in "[{":
        return _read_json(text)
    return _read_csv(text)


def _not_excel_message() -> str:
    return _(
        "The file is not a valid Excel file. Open it in Excel, save it as .xlsx and upload it "
        "again, or upload the list as a CSV file."
    )


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _FileError(
                _(
                    "The file says it is UTF-16 text but is damaged. Save it again as CSV "
                    "(UTF-8) and upload it again."
                )
            ) from error
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Excel on Windows saves CSV in the Windows code page, most often cp1252. Latin-1 decodes
    # the five bytes cp1252 leaves undefined.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _sniff_delimiter(header_line: str) -> str:
    # csv.Sniffer, given one line, falls back on its order of preference whenever a delimiter
    # occurs at all, so "Name;Address, street;Country" comes out as comma-separated. Counting
    # the candidates outside quotes on the header line is what tells them apart.
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda char: counts[char])  # ties go to the first: the comma
    return best if counts[best] else ","


def _read_csv(text: str) -> _Table:
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(header_line))

    def records() -> Iterator[tuple[int, list[str]]]:
        try:
            yield from enumerate(reader, start=1)
        except csv.Error as error:
            raise _FileError(
                _(
                    "The file could not be read as CSV near line %(line)s. Check that the "
                    "quotes around values are paired, or upload the list as an Excel file."
                )
                % {"line": reader.line_num}
            ) from error

    return _header_and_rows(records())


def _header_and_rows(records: Iterable[tuple[int, Sequence[object]]]) -> _Table:
    """Split records into the first non-blank one, the header, and the rest."""
    iterator = iter(records)
    for _row_number, values in iterator:
        if not _is_blank(values):
            return _Table(labels=[_text(value) for value in values], records=iterator)
    raise _FileError(_("The file is empty."))


@contextmanager
def _open_xlsx(data: bytes) -> Iterator[_Table]:
    # openpyxl is imported here so that reading CSV and JSON does not pay for it.
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _FileError(_not_excel_message()) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise _FileError(
            _(
                "The Excel file unpacks to more than %(limit)s. Upload a smaller file or "
                "split the list."
            )
            % {"limit": filesizeformat(MAX_UNPACKED_BYTES)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign zip
        raise _FileError(_not_excel_message()) from error
    try:
        if not workbook.worksheets:
            raise _FileError(_("The file is empty."))
        sheet = workbook.worksheets[0]
        # The dimensions stored in the file are sometimes wrong; read what is there instead.
        sheet.reset_dimensions()
        yield _header_and_rows(_xlsx_records(sheet))
    finally:
        workbook.close()


def _xlsx_records(sheet: Any) -> Iterator[tuple[int, list[object]]]:
    try:
        for row_number, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
            values: list[object] = []
            for cell in cells:
                data_type = getattr(cell, "data_type", None)
                if data_type == "f":
                    formula = cell.value
                    values.append(_Formula(str(getattr(formula, "text", None) or formula)))
                elif data_type == "e":
                    values.append(_CellError(str(cell.value)))
                else:
                    values.append(cell.value)
            yield row_number, values
    except Exception as error:  # a damaged sheet is one error, whatever openpyxl raises
        raise _FileError(_not_excel_message()) from error


def _read_json(text: str) -> _Table:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _FileError(
            _("The file is not valid JSON: there is a mistake at line %(line)s, column %(column)s.")
            % {"line": error.lineno, "column": error.colno}
        ) from error
    items = document
    if isinstance(document, dict):
        items = next(
            (
                document[key]
                for key in ("rows", "facilities")
                if isinstance(document.get(key), list)
            ),
            None,
        )
    if not isinstance(items, list):
        raise _FileError(
            _(
                'A JSON file must hold a list of suppliers, or an object with a "rows" or '
                '"facilities" list.'
            )
        )
    if not items:
        raise _FileError(_("The file is empty."))
    labels: dict[str, None] = {}
    for item in items:
        if isinstance(item, dict):
            labels.update(dict.fromkeys(str(key) for key in item))
    columns = list(labels)
    records: list[tuple[int, Sequence[object]]] = []
    errors: list[RowError] = []
    for index, item in enumerate(items, start=1):
        if isinstance(item, dict):
            by_label = {str(key): value for key, value in item.items()}
            records.append((index, [by_label.get(column) for column in columns]))
        elif item is not None:
            errors.append(
                RowError(
                    index,
                    None,
                    _(
                        "Row %(row)s is not a supplier: each one must be an object with a "
                        "name, an address and a country."
                    )
                    % {"row": index},
                )
            )
    return _Table(labels=columns, records=records, errors=errors)


# From a table to rows


def _normalise_column(label: str) -> str:
    """The field a column label stands for, or the label in canonical form if none."""
    key = _SPACES.sub("_", label.strip().strip("*").strip().casefold()).replace("-", "_")
    key = re.sub("_+", "_", key).strip("_")
    return COLUMN_ALIASES.get(key, key)


def _parse_table(table: _Table) -> ParsedList:
    columns: dict[str, list[int]] = {}
    for index, label in enumerate(table.labels):
        key = _normalise_column(label)
        if key in FIELDS:
            columns.setdefault(key, []).append(index)
    missing = [name for name in REQUIRED_FIELDS if name not in columns]
    if missing:
        found = [label.strip() for label in table.labels if label.strip()]
        shown = ", ".join(found[:30]) + (", …" if len(found) > 30 else "")
        raise _FileError(
            _(
                "Required columns are missing: %(missing)s. The columns found are: %(found)s. "
                "Name the columns name, address and country; other columns are optional."
            )
            % {"missing": ", ".join(missing), "found": shown or _("none")}
        )

    kept: list[tuple[int, Sequence[object]]] = []
    count = len(table.errors)
    for row_number, values in table.records:
        if _is_blank(values):
            continue
        count += 1
        if count <= MAX_ROWS:
            kept.append((row_number, values))
    if count > MAX_ROWS:
        raise _FileError(
            _(
                "The file has %(count)s rows; a file may have at most %(limit)s. Split the "
                "list into several files."
            )
            % {
                "count": number_format(count, force_grouping=True),
                "limit": number_format(MAX_ROWS, force_grouping=True),
            }
        )
    if not kept and not table.errors:
        raise _FileError(_("The file has a header but no rows."))

    result = ParsedList(errors=list(table.errors))
    first_seen: dict[tuple[str, str, str], int] = {}
    for row_number, values in kept:
        row, errors = _parse_record(row_number, values, columns, table.labels)
        if row is None:
            result.errors.extend(errors)
            continue
        identity = (_fold(row.name), _fold(row.address), row.country)
        first = first_seen.setdefault(identity, row_number)
        if first != row_number:
            result.duplicates.append(
                RowError(
                    row_number,
                    None,
                    _(
                        "Row %(row)s repeats row %(first)s (%(name)s): the same name, address "
                        "and country. The repeat is left out."
                    )
                    % {"row": row_number, "first": first, "name": row.name},
                )
            )
            continue
        result.rows.append(row)
    result.errors.sort(key=lambda error: error.row_number or 0)
    return result


def _parse_record(
    row_number: int,
    values: Sequence[object],
    columns: dict[str, list[int]],
    labels: list[str],
) -> tuple[SupplierRow | None, list[RowError]]:
    errors: list[RowError] = []
    raw: dict[str, tuple[object, str]] = {}
    for name, indexes in columns.items():
        present = [index for index in indexes if index < len(values)]
        chosen = next((i for i in present if not _is_blank_value(values[i])), None)
        if chosen is None:
            raw[name] = (None, labels[indexes[0]].strip())
        else:
            raw[name] = (values[chosen], labels[chosen].strip())

    def error(field_name: str, message: str, **params: object) -> None:
        params.update(row=row_number, column=raw[field_name][1])
        errors.append(RowError(row_number, field_name, message % params))

    texts: dict[str, str] = {}
    numbers: dict[str, float | None] = {}
    for name, (value, _label) in raw.items():
        if isinstance(value, _Formula) or (isinstance(value, str) and _looks_like_formula(value)):
            error(
                name,
                _(
                    "Row %(row)s, column '%(column)s': formulas are not accepted. Replace the "
                    "formula with the value itself."
                ),
            )
        elif isinstance(value, _CellError):
            error(
                name,
                _(
                    "Row %(row)s, column '%(column)s': the cell shows the error %(value)s. "
                    "Correct it and upload the file again."
                ),
                value=value.code,
            )
        elif isinstance(value, bool | dict | list):
            error(name, _("Row %(row)s, column '%(column)s': the value must be text or a number."))
        elif name in ("lat", "lng"):
            numbers[name] = _coordinate(name, value, error)
        else:
            texts[name] = _text(value)
            limit = MAX_LENGTHS.get(name)
            if limit is not None and len(texts[name]) > limit:
                error(
                    name,
                    _(
                        "Row %(row)s, column '%(column)s': the text is %(length)s characters "
                        "long; the most accepted is %(limit)s."
                    ),
                    length=len(texts[name]),
                    limit=limit,
                )

    if "name" in texts and not texts["name"]:
        error("name", _("Row %(row)s: the facility name is missing."))
    if "address" in texts and not texts["address"]:
        error("address", _("Row %(row)s: the address is missing."))
    country = texts.get("country", "")
    code = resolve_country(country)
    if "country" in texts and not country:
        error("country", _("Row %(row)s: the country is missing."))
    elif "country" in texts and code is None:
        error(
            "country",
            _(
                "Row %(row)s: unknown country '%(value)s'. Give the country's name in English "
                "or its two-letter ISO code, for example BD for Bangladesh."
            ),
            value=country,
        )
    lat, lng = numbers.get("lat"), numbers.get("lng")
    broken = any(problem.field in ("lat", "lng") for problem in errors)
    if "lat" in numbers and "lng" in numbers and not broken:
        if lat is not None and lng is None:
            error("lng", _("Row %(row)s: a latitude is given but the longitude is missing."))
        elif lng is not None and lat is None:
            error("lat", _("Row %(row)s: a longitude is given but the latitude is missing."))

    if errors or code is None:
        return None, errors
    return (
        SupplierRow(
            row_number=row_number,
            name=texts["name"],
            address=texts["address"],
            country=code,
            sector=texts.get("sector", ""),
            product_type=texts.get("product_type", ""),
            facility_type=texts.get("facility_type", ""),
            processing_type=texts.get("processing_type", ""),
            number_of_workers=texts.get("number_of_workers", ""),
            parent_company=texts.get("parent_company", ""),
            lat=lat,
            lng=lng,
            os_id=texts.get("os_id", ""),
        ),
        errors,
    )


class _Report(Protocol):
    """How ``_parse_record`` lets its helpers report an error in the row."""

    def __call__(self, field_name: str, message: str, **params: object) -> None: ...


def _coordinate(name: str, value: object, error: _Report) -> float | None:
    if _is_blank_value(value):
        return None
    if isinstance(value, int | float):
        number = float(value)
        shown = _text(value)
    else:
        shown = _text(value)
        candidate = shown.replace("\u2212", "-").replace(" ", "")
        if "," in candidate and "." not in candidate:
            candidate = candidate.replace(",", ".")  # a decimal comma, as in European lists
        try:
            number = float(candidate)
        except ValueError:
            number = math.nan
    if not math.isfinite(number):
        if name == "lat":
            error(name, _("Row %(row)s: the latitude '%(value)s' is not a number."), value=shown)
        else:
            error(name, _("Row %(row)s: the longitude '%(value)s' is not a number."), value=shown)
        return None
    if name == "lat" and not -90 <= number <= 90:
        error(
            name,
            _("Row %(row)s: the latitude %(value)s is not between -90 and 90."),
            value=shown,
        )
        return None
    if name == "lng" and not -180 <= number <= 180:
        error(
            name,
            _("Row %(row)s: the longitude %(value)s is not between -180 and 180."),
            value=shown,
        )
        return None
    return number


def _looks_like_formula(text: str) -> bool:
    # What a spreadsheet would run if the value were exported and opened again: "=...", "@...",
    # "+cmd|...", "-2+3" is left alone because a sign before a digit is a number.
    return bool(_FORMULA_LIKE.match(text.strip()))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, _Formula):
        return value.text
    return " ".join(str(value).split())


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _is_blank_value(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_blank(values: Sequence[object]) -> bool:
    return all(_is_blank_value(value) for value in values)


# Countries

# English names seen in supplier lists that neither ISO nor CLDR spell this way.
COUNTRY_ALIASES = {
    "USA": "US",
    "U.S.A.": "US",
    "U.S.": "US",
    "America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Great Britain": "GB",
    "Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "South Korea": "KR",
    "Korea, South": "KR",
    "Korea (South)": "KR",
    "Republic of Korea": "KR",
    "North Korea": "KP",
    "Vietnam": "VN",
    "Turkey": "TR",
    "Ivory Coast": "CI",
    "Cote dIvoire": "CI",
    "Chinese Taipei": "TW",
    "Republic of China (Taiwan)": "TW",
    "Hong Kong SAR": "HK",
    "Macau": "MO",
    "Macau SAR": "MO",
    "Macao SAR": "MO",
    "Russia": "RU",
    "Laos": "LA",
    "Lao PDR": "LA",
    "Burma": "MM",
    "Czech Republic": "CZ",
    "Palestine": "PS",
    "Palestinian Territories": "PS",
    "Iran": "IR",
    "Syria": "SY",
    "Tanzania": "TZ",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Moldova": "MD",
    "Swaziland": "SZ",
    "Cape Verde": "CV",
    "Holland": "NL",
    "Netherlands": "NL",
    "Brunei": "BN",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Macedonia": "MK",
    "East Timor": "TL",
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of the Congo": "CD",
    "Congo, Democratic Republic of the": "CD",
    "Republic of the Congo": "CG",
    "Congo, Republic of the": "CG",
    "UAE": "AE",
    "PRC": "CN",
    "P.R. China": "CN",
    "PR China": "CN",
    "Mainland China": "CN",
    "China (Mainland)": "CN",
    "Peoples Republic of China": "CN",
    "Micronesia": "FM",
    "Sao Tome and Principe": "ST",
    "Kyrgyz Republic": "KG",
    "Slovak Republic": "SK",
    "Gambia, The": "GM",
    "Bahamas, The": "BS",
}


def _country_key(value: str) -> str:
    """Case, accents, punctuation and a leading "the" do not tell countries apart."""
    text = unicodedata.normalize("NFKD", value)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = _APOSTROPHES.sub("", text.replace("&", " and "))
    words = _NOT_WORD.sub(" ", text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        key = _country_key(name) if name else ""
        if key:
            index.setdefault(key, code)  # the first source to claim a spelling keeps it

    for alias, code in COUNTRY_ALIASES.items():
        add(alias, code)
    countries = list(pycountry.countries)
    for country in countries:
        add(country.alpha_2, country.alpha_2)
        add(country.alpha_3, country.alpha_2)
    for country in countries:
        for attribute in ("name", "official_name", "common_name"):
            add(getattr(country, attribute, None), country.alpha_2)
    codes = {country.alpha_2 for country in countries}
    for code, name in Locale("en").territories.items():
        if code in codes:
            add(name, code)
    return index


@lru_cache(maxsize=4096)
def resolve_country(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country given by code or name, or None if unknown."""
    key = _country_key(value or "")
    if not key:
        return None
    code = _country_index().get(key)
    if code is not None:
        return code
    try:
        # Numeric codes ("156") and anything pycountry knows that the index does not.
        return str(pycountry.countries.lookup(value.strip()).alpha_2)
    except LookupError:
        return None
