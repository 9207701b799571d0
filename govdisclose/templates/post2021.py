"""The 2021 national format (国办公开办函〔2021〕30号): reports for 2021 and later."""
from __future__ import annotations

from ..values import MONEY
from . import common
from .spec import Block, Column, Row, Table, Template

DECISIONS = Column("decisions", "本年处理决定数量", aliases=("处理决定数量",))

ACTIVE = Table("active_disclosure", common.ACTIVE_TITLE, (
    Block("item1", (Column("issued", "本年制发件数"), Column("repealed", "本年废止件数"),
                    Column("in_force", "现行有效件数")),
          (Row("regulations", "规章"), Row("normative_documents", "行政规范性文件", aliases=("规范性文件",))),
          caption=common.caption("一")),
    Block("item5", (DECISIONS,), (Row("administrative_licensing", "行政许可"),), caption=common.caption("五")),
    Block("item6", (DECISIONS,), (Row("administrative_penalty", "行政处罚"), Row("administrative_coercion", "行政强制")),
          caption=common.caption("六")),
    Block("item8", (Column("fee_amount", "本年收费金额（单位：万元）", vtype=MONEY),),
          (Row("administrative_fees", "行政事业性收费"),), caption=common.caption("八")),
), section=2)

OTHER_ROWS = (
    Row("other.overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", group=common.OTHER),
    Row("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", group=common.OTHER),
    Row("other.other", "3.其他", group=common.OTHER),
)

TEMPLATE = Template(
    id="post2021",
    title="中华人民共和国政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）",
    tables=(ACTIVE, common.applications(OTHER_ROWS), common.REVIEWS),
    markers=("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "本年处理决定数量",
             "逾期不补正", "收费通知"),
    description="2021 format: reports for 2021 and later.",
)
