"""The Hubei 2020 variant (湖北省人民政府办公厅关于做好2020年政府信息公开年度报告编制和发布工作的通知).

It follows the 2019 national format and adds one row to table 1's block （一）:
``其他主动公开文件`` (``other_active_documents``), with the same columns as 规章. Its
row labels and headers carry long bracketed guidance, which the national matching
already ignores. Declared with the public template API only.
"""
from __future__ import annotations

from typing import Mapping

from govdisclose.hookspecs import hookimpl
from govdisclose.templates import Row, Template, national

TEMPLATE_ID = "hubei-2020"
BASE = "pre2021"
OTHER_ACTIVE_DOCUMENTS = Row(
    "other_active_documents", "其他主动公开文件",
    aliases=("其他主动公开文件（含以本单位或本单位办公室名义正式签发的、除规范性文件以外的主动公开文件）",))
MARKERS = ("其他主动公开文件",)


def variant(base: Template) -> Template:
    return base.extend(
        TEMPLATE_ID, title=base.title + " — 湖北省变体", markers=MARKERS,
        add_rows={("active_disclosure", "item1"): [("normative_documents", OTHER_ACTIVE_DOCUMENTS)]},
        description="Hubei 2020: 2019 format plus 其他主动公开文件 in block （一）.")


@hookimpl
def govdisclose_templates():
    return [variant(national(BASE))]


@hookimpl
def govdisclose_recognize(text: str, templates: Mapping[str, Template]):
    own = templates[TEMPLATE_ID].marker_score(text)
    if not own:
        return {TEMPLATE_ID: 0.0}
    # Above the national base whenever the Hubei row is there.
    return {TEMPLATE_ID: templates[BASE].marker_score(text) + 10.0 * own}
