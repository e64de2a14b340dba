import pytest
from django.utils import translation

DOL = """good,country,iso2,child_labor,forced_labor,edition_year,source_url
Garments,Bangladesh,BD,true,true,2022,https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods
Garments,Pakistan,PK,true,false,2022,https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods
Cotton,Pakistan,PK,false,true,2022,https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods
Bricks,Pakistan,PK,true,true,2022,https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods
Diamonds,Namibia,NA,true,false,2022,https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods
"""
DOL_DETAIL = """good,country,iso2,sector,child_labor,forced_labor,forced_child_labor,edition_year
Garments,Bangladesh,BD,Manufacturing,true,true,false,2022
Garments,Pakistan,PK,Manufacturing,true,false,false,2022
Cotton,Pakistan,PK,Agriculture,false,true,false,2022
Bricks,Pakistan,PK,Manufacturing,true,true,true,2022
Diamonds,Namibia,NA,Mining,true,false,false,2022
"""
ITUC = """country,iso2,rating,edition_year,source_url
Bangladesh,BD,5,2025,https://www.ituc-csi.org/global-rights-index
Pakistan,PK,5,2025,https://www.ituc-csi.org/global-rights-index
Namibia,NA,3,2025,https://www.ituc-csi.org/global-rights-index
Afghanistan,AF,5+,2025,https://www.ituc-csi.org/global-rights-index
"""


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


@pytest.fixture
def risk_files(tmp_path, settings):
    """Small invented files in the published format, in a folder set as RISK_DATA_DIR."""
    folder = tmp_path / "risk"
    folder.mkdir()
    (folder / "dol_goods.csv").write_text(DOL, encoding="utf-8")
    (folder / "dol_goods_detail.csv").write_text(DOL_DETAIL, encoding="utf-8")
    (folder / "ituc_rights_index.csv").write_text(ITUC, encoding="utf-8")
    settings.RISK_DATA_DIR = folder
    return folder
