"""One check: applications given up after a fee notice, but no word on fees in section 六.

A 2021-format report counts, in table 2, the applications dropped because the applicant
did not pay after a fee notice (（六）2). Section 六 (其他需要报告的事项) is where the report
states the 信息处理费 it charged (国办函〔2020〕109号); when table 2 has such applications
and section 六 never says 信息处理费, the report is likely to have left that out.
"""
from govdisclose.findings import finding
from govdisclose.hookspecs import hookimpl
from govdisclose.rules import declare, raises

RULE = declare("example.fee-not-reported", "warning", "fees charged but not reported",
               "收取了费用但未报告金额", doc="the govdisclose-example README")


@raises(RULE)
def fee_not_reported(report, template):
    cell = report.cell("applications", "other.unpaid_fee", "total")
    six = report.section(6)
    if cell is None or not cell.value or six is None or "信息处理费" in six.text:
        return
    yield finding(RULE, "warning", cell.location, table=cell.table, row=cell.row, column=cell.column,
                  en=f"{cell.value} application(s) were given up after a fee notice, "
                     "but section 六 does not mention 信息处理费",
                  zh="表二有逾期未缴费的申请，但第六部分未报告信息处理费收取情况",
                  details=(("cell", cell),))


@hookimpl
def govdisclose_checks(template):
    return [fee_not_reported] if template.national == "post2021" else []
