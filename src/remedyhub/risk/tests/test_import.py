"""manage.py risk_import: the published formats, editions, re-import, missing files."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from remedyhub.risk.models import CountryRating, GoodRisk, RiskDataset
from remedyhub.risk.sources import SourceFileError, read_ituc

pytestmark = pytest.mark.django_db


def test_import_keeps_namibia_as_a_country_and_5_plus_as_text(risk_files):
    call_command("risk_import", stdout=open("/dev/null", "w"))  # noqa: SIM115
    namibia = GoodRisk.objects.get(country="NA")
    assert namibia.good == "Diamonds" and namibia.sectors == ["metals"]
    assert CountryRating.objects.get(country="NA").rating == "3"
    assert CountryRating.objects.get(country="AF").rating == "5+"
    dol = RiskDataset.objects.get(source="dol_goods")
    assert (dol.edition_year, dol.row_count) == (2022, 5)
    assert dol.url.startswith("https://www.dol.gov/") and dol.imported_at is not None
    assert RiskDataset.objects.get(source="ituc_index").edition_year == 2025
    cotton = GoodRisk.objects.get(good="Cotton")
    assert set(cotton.sectors) == {"garments_textile", "agriculture"}
    assert cotton.forced_labour and not cotton.child_labour
    assert GoodRisk.objects.get(good="Bricks").forced_child_labour


def test_importing_the_same_edition_again_replaces_it(risk_files):
    call_command("risk_import", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = RiskDataset.objects.get(source="dol_goods").imported_at
    shorter = (risk_files / "dol_goods.csv").read_text().splitlines()[:3]
    (risk_files / "dol_goods.csv").write_text("\n".join(shorter) + "\n")
    call_command("risk_import", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert RiskDataset.objects.filter(source="dol_goods").count() == 1
    assert GoodRisk.objects.count() == 2
    assert RiskDataset.objects.get(source="dol_goods").imported_at > first
    assert CountryRating.objects.count() == 4


def test_missing_files_are_named(tmp_path, settings):
    settings.RISK_DATA_DIR = tmp_path / "nowhere"
    with pytest.raises(CommandError, match=r"No risk data found.*dol_goods\.csv"):
        call_command("risk_import")


def test_one_missing_file_is_skipped_with_a_warning(risk_files, capsys):
    (risk_files / "ituc_rights_index.csv").unlink()
    call_command("risk_import")
    assert "Skipped" in capsys.readouterr().err
    assert GoodRisk.objects.count() == 5 and not CountryRating.objects.exists()


def test_a_bad_rating_stops_the_import_with_the_row(risk_files):
    path = risk_files / "ituc_rights_index.csv"
    path.write_text(path.read_text() + "Chad,TD,6,2025,https://www.ituc-csi.org/\n")
    with pytest.raises(SourceFileError, match="row 6"):
        read_ituc(path)
    with pytest.raises(CommandError):
        call_command("risk_import", ituc=path, dol=risk_files / "missing.csv")
    assert not CountryRating.objects.exists()


REAL = Path(settings.RISK_DATA_DIR)


@pytest.mark.skipif(
    not (REAL / "dol_goods.csv").is_file(),
    reason=f"the published risk files are not in {REAL} (set REMEDYHUB_RISK_DATA_DIR)",
)
def test_the_published_files_import_completely():
    call_command("risk_import", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert GoodRisk.objects.filter(input_country="").count() == 457
    assert CountryRating.objects.count() == 151
    assert CountryRating.objects.filter(rating="5+").count() == 12
    assert CountryRating.objects.get(country="NA").rating
    garments = GoodRisk.objects.filter(good="Garments", country__in=["BD", "PK"])
    assert garments.count() == 2
