"""The 2019 national format (国办公开办函〔2019〕60号): reports for 2019 and 2020."""
from __future__ import annotations

from ..values import MONEY_ASSUMED
from . import common
from .spec import Block, Column, Row, Table, Template

PREVIOUS = Column("previous_year_items", "上一年项目数量")
CHANGE = Column("change", "本年增/减", aliases=("本年增减", "本年增加/减少"), signed=True)
DECISIONS = Column("decisions", "处理决定数量", aliases=("本年处理决定数量",))

ACTIVE = Table("active_disclosure", common.ACTIVE_TITLE, (
    Block("item1", (Column("newly_made", "本年新制作数量"), Column("newly_published", "本年新公开数量"),
                    Column("total_published", "对外公开总数量")),
          (Row("regulations", "规章"), Row("normative_documents", "规范性文件", aliases=("行政规范性文件",))),
          caption=common.caption("一")),
    Block("item5", (PREVIOUS, CHANGE, DECISIONS),
          (Row("administrative_licensing", "行政许可"), Row("other_management_services", "其他对外管理服务事项")),
          caption=common.caption("五")),
    Block("item6", (PREVIOUS, CHANGE, DECISIONS),
          (Row("administrative_penalty", "行政处罚"), Row("administrative_coercion", "行政强制")),
          caption=common.caption("六")),
    Block("item8", (PREVIOUS, CHANGE), (Row("administrative_fees", "行政事业性收费"),), caption=common.caption("八")),
    Block("item9", (Column("procurement_items", "采购项目数量"),
                    Column("procurement_amount", "采购总金额", vtype=MONEY_ASSUMED)),
          (Row("centralized_procurement", "政府集中采购"),), caption=common.caption("九")),
), section=2)

TEMPLATE = Template(
    id="pre2021",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）（国办公开办函〔2019〕60号）",
    tables=(ACTIVE, common.applications((Row("other", common.OTHER),)), common.REVIEWS),
    markers=("本年新制作数量", "本年新公开数量", "对外公开总数", "上一年项目数量", "本年增/减",
             "采购项目数量", "采购总金额", "政府集中采购", "其他对外管理服务事项"),
    description="2019 format: reports for 2019 and 2020.",
)
