"""Who reported: an agency's name normalised, its kind, its region, and a stable id.

Reports name their agency as they like: ``洪泽区人民政府`` one year and ``淮安市洪泽区人民政府``
the next, a crawler's ``标题:平潭综合实验区``. :func:`identify` turns such a name into an
:class:`Agency`:

* ``name``: the name with a crawler's field prefix (``标题:``, ``来源：``) and spaces taken
  away, and without the city in front of a county-level name or the province in front of a
  city-level one (淮安市洪泽区人民政府 → 洪泽区人民政府);
* ``kind`` (:data:`KINDS`): ``province`` 省级政府, ``city`` 市级政府, ``county`` 县级政府,
  ``township`` 乡镇/街道, ``department`` 部门, ``zone`` 开发区/园区, or None, with
  ``reason`` saying what in the name decided it;
* ``province``, ``city``, ``county`` and ``adcode``: the region, from the name, by the
  gazetteer ``cpca`` (its data ships with it; the ``frame`` extra installs it). A region is
  kept only when the name it was found in spells it out (cpca reads 沐阳县 as 重庆市's 县:
  not kept). Without cpca the region is unknown and the kind is told from the name alone;
* ``agency_id``: ``ADCODE:REST`` (the region's code and the name without the region:
  ``320813:人民政府``) when the region is known, else ``name:NAME``. The two 洪泽区 reports
  share one; :func:`govdisclose.check_panel` links an agency's years by it.
"""
from __future__ import annotations

import functools
import re

import attrs

__all__ = ["Agency", "KINDS", "OFFICE", "identify", "agency_kind", "cleaned"]

KINDS = {"province": "省级政府", "city": "市级政府", "county": "县级政府", "township": "乡镇/街道",
         "department": "部门", "zone": "开发区/园区"}

#: a government's office (人民政府办公室): a department, which often publishes its government's report
OFFICE = re.compile(r"人民政府办公(?:室|厅)$")
_PREFIX = re.compile(r"^(?:标题|名称|来源|发布机构|发文机关|信息来源|索引号)\s*[:：]\s*")
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_TOWNSHIP = re.compile(r"(?:乡|镇|街道|街道办事处|苏木)(?:人民政府)?$")
_ZONE = re.compile(r"(?:开发区|园区|新区|实验区|示范区|试验区|管委会|管理委员会)$")
_DEPARTMENT = re.compile(r"(?:局|委员会|委|厅|办公室|办公厅|办|中心|院|所|署|会|处|队|站|社|馆|部|行)$")
_GOVERNMENT = re.compile(r"(?P<place>.+?(?P<level>省|自治区|市|自治州|州|盟|地区|县|自治县|区|旗|自治旗|特区|林区))"
                         r"(?:人民政府)?$")
_ZONE_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,3}?)(?:综合实验区|综合试验区|经济技术开发区|高新技术产业开发区|开发区|新区)$")
_CITY_THEN_COUNTY = re.compile(r"^(?P<city>.{2,8}?(?:市|自治州|州|盟|地区))(?P<rest>.{1,10}?(?:县|区|旗|市).*)$")
_PROVINCE_THEN = re.compile(r"^(?P<province>.{2,8}?(?:省|自治区))(?P<rest>.{2,}(?:市|州|盟|地区).*)$")


@attrs.frozen
class Agency:
    """An agency as a panel needs it (see the module doc)."""

    name: str | None
    kind: str | None = None
    reason: str = ""
    province: str | None = None
    city: str | None = None
    county: str | None = None
    adcode: str | None = None
    agency_id: str | None = None

    @property
    def kind_zh(self) -> str | None:
        return KINDS.get(self.kind) if self.kind else None


def cleaned(name: str) -> str:
    """*name* without spaces and a crawler's field prefix (``标题:``)."""
    return _PREFIX.sub("", re.sub(r"\s+", "", name))


def _normalised(name: str) -> str:
    for pattern in (_PROVINCE_THEN, _CITY_THEN_COUNTY):
        m = pattern.match(name)
        if m and not name.startswith(_MUNICIPALITIES):
            rest = m.group("rest")
            if not _ZONE.search(rest) and (_GOVERNMENT.match(rest) or _DEPARTMENT.search(rest)
                                           or _TOWNSHIP.search(rest)):
                name = rest
    return name


def agency_kind(name: str | None, adcode: str | None = None) -> tuple[str | None, str]:
    """(kind, why) of an agency named *name* (see :data:`KINDS`); *adcode* (the region's code,
    when known) tells a county-level 市 from a city."""
    if not name:
        return None, "no agency name"
    name = cleaned(name)
    if name.endswith("社区"):
        return None, "a 社区 (a community) publishes no report of its own"
    if _TOWNSHIP.search(name):
        return "township", "the name ends with 乡, 镇 or 街道"
    if _ZONE.search(name):
        return "zone", "the name ends with 开发区, 园区, 新区, 实验区 or 管委会"
    if OFFICE.search(name):
        return "department", "a government's office (人民政府办公室)"
    government = _GOVERNMENT.match(name)
    if government and (name.endswith("人民政府") or government.group(0) == name):
        level = government.group("level")
        place = government.group("place")
        if level in ("省", "自治区") or place in _MUNICIPALITIES:
            return "province", f"a government of a province ({place})"
        if level in ("自治州", "州", "盟", "地区"):
            return "city", f"a government of a city-level {level} ({place})"
        if level == "市":
            if adcode and not adcode.endswith("00"):
                return "county", f"a government of a county-level city ({place}, {adcode})"
            return "city", f"a government of a city ({place})"
        return "county", f"a government of a {level} ({place})"
    if _DEPARTMENT.search(name):
        return "department", "the name ends with 局, 委员会, 办公室 … (a department)"
    return None, "the name tells no kind"


def _region(name: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(province, city, county, adcode) of *name* by cpca, or Nones: kept only when the name
    spells out the lowest level found. A zone named after its place (平潭综合实验区) is
    looked up as that place's county (平潭县) when cpca knows one by that name."""
    zone = _ZONE_PLACE.match(name)
    if zone:
        for suffix in ("县", "区", "市"):
            found = _cpca(zone.group("place") + suffix)
            if found is not None and found[2] == zone.group("place") + suffix:
                return found
    found = _cpca(name)
    if found is None:
        return None, None, None, None
    province, city, county, adcode = found
    lowest = county or city or province
    if not lowest or len(lowest) < 2 or lowest not in name and (lowest[:-1] not in name or len(lowest) < 3):
        return None, None, None, None
    return province, city, county, adcode


@functools.lru_cache(maxsize=4096)
def _cpca(name: str) -> tuple[str | None, str | None, str | None, str | None] | None:
    try:
        import cpca
    except ImportError:
        return None
    import pandas as pd
    row = cpca.transform([name]).iloc[0]

    def text(value) -> str | None:
        return None if pd.isna(value) or not str(value).strip() else str(value)
    province, city, county = text(row["省"]), text(row["市"]), text(row["区"])
    if city in ("县", "市辖区"):
        city = None
    adcode = text(row.get("adcode"))
    return province, city, county, adcode


def identify(name: str | None) -> Agency:
    """The :class:`Agency` of a report's agency name (``meta.agency``)."""
    if not name:
        return Agency(None, None, "no agency name")
    written = cleaned(name)
    normal = _normalised(written)
    province, city, county, adcode = _region(written)        # (with its city or province, when written)
    if adcode is None and normal != written:
        province, city, county, adcode = _region(normal)
    kind, reason = agency_kind(normal, adcode)
    if adcode:
        rest = normal
        for part in (province, city, county):
            if part and rest.startswith(part):
                rest = rest[len(part):]
        if kind in ("province", "city", "county") and (not rest or rest == county or rest == city):
            rest = "人民政府"                   # a place's bare name stands for its government
        agency_id = f"{adcode}:{rest or normal}"
    else:
        agency_id = f"name:{normal}"
    return Agency(normal, kind, reason, province, city, county, adcode, agency_id)
