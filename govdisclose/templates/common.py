"""What both national templates share: table 2's columns and rows, and table 3.

Labels are the official ones (国办公开办函〔2019〕60号 and〔2021〕30号 formats); the
keys are the data dictionary's. This is the only place these labels are written.
"""
from __future__ import annotations

from ..values import COUNT
from .spec import Block, Column, Row, Table

ORG = "法人或其他组织"

APPLICATION_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial_enterprise", "商业企业", group=ORG),
    Column("research_institution", "科研机构", group=ORG),
    Column("social_welfare_org", "社会公益组织", group=ORG),
    Column("legal_service_org", "法律服务机构", group=ORG),
    Column("other_org", "其他", group=ORG),
    Column("total", "总计", aliases=("合计",)),
)

RESULTS = "三、本年度办理结果"
DENIED = "（三）不予公开"
UNABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"

APPLICATION_ROWS_BEFORE_OTHER = (
    Row("new_received", "一、本年新收政府信息公开申请数量", aliases=("本年新收政府信息公开申请",)),
    Row("carried_over", "二、上年结转政府信息公开申请数量", aliases=("上年结转政府信息公开申请",)),
    Row("granted", "（一）予以公开", group=RESULTS),
    Row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", group=RESULTS),
    Row("denied.state_secret", "1.属于国家秘密", group=DENIED),
    Row("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", group=DENIED),
    Row("denied.three_safeties_one_stability", "3.危及“三安全一稳定”", group=DENIED),
    Row("denied.third_party_rights", "4.保护第三方合法权益", group=DENIED),
    Row("denied.internal_affairs", "5.属于三类内部事务信息", group=DENIED),
    Row("denied.process_info", "6.属于四类过程性信息", group=DENIED),
    Row("denied.law_enforcement_file", "7.属于行政执法案卷", group=DENIED),
    Row("denied.administrative_inquiry", "8.属于行政查询事项", group=DENIED),
    Row("unable.not_held", "1.本机关不掌握相关政府信息", group=UNABLE),
    Row("unable.needs_creation", "2.没有现成信息需要另行制作", group=UNABLE),
    Row("unable.unclear_after_correction", "3.补正后申请内容仍不明确", group=UNABLE),
    Row("not_processed.petition", "1.信访举报投诉类申请", group=NOT_PROCESSED),
    Row("not_processed.repeated", "2.重复申请", group=NOT_PROCESSED),
    Row("not_processed.publications", "3.要求提供公开出版物", group=NOT_PROCESSED),
    Row("not_processed.mass_repeated", "4.无正当理由大量反复申请", group=NOT_PROCESSED),
    Row("not_processed.confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息", group=NOT_PROCESSED),
)

APPLICATION_ROWS_AFTER_OTHER = (
    Row("total", "（七）总计", aliases=("总计", "合计")),
    Row("carried_forward", "四、结转下年度继续办理", aliases=("结转下年度继续办理",)),
)

APPLICATIONS_TITLE = "收到和处理政府信息公开申请情况"
APPLICATIONS_HEADER = ("申请人情况", ORG, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")


def applications(other_rows: tuple[Row, ...]) -> Table:
    """Table 2 with the template's own （六）其他处理 row(s)."""
    rows = APPLICATION_ROWS_BEFORE_OTHER + other_rows + APPLICATION_ROWS_AFTER_OTHER
    block = Block("applications", APPLICATION_COLUMNS, rows, label_title="")
    return Table("applications", APPLICATIONS_TITLE, (block,), header_words=APPLICATIONS_HEADER, section=3)


REVIEW = "行政复议"
LITIGATION = "行政诉讼"
DIRECT = "未经复议直接起诉"
AFTER_REVIEW = "复议后起诉"
OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
            ("pending", "尚未审结"), ("total", "总计"))


def _review_columns() -> tuple[Column, ...]:
    groups = (("review", REVIEW), ("litigation_direct", f"{LITIGATION}·{DIRECT}"),
              ("litigation_after_review", f"{LITIGATION}·{AFTER_REVIEW}"))
    return tuple(Column(f"{g}.{k}", f"{glabel}·{label}", group=glabel, vtype=COUNT)
                 for g, glabel in groups for k, label in OUTCOMES)


REVIEWS = Table(
    "reviews", "政府信息公开行政复议、行政诉讼情况",
    (Block("reviews", _review_columns(), (Row("reviews", ""),), label_title=""),),
    header_words=(REVIEW, LITIGATION, DIRECT, AFTER_REVIEW),
    positional=True, section=4,
)

ACTIVE_TITLE = "主动公开政府信息情况"


def caption(item: str) -> str:
    return f"第二十条第（{item}）项"
