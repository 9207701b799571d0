import attrs
from hypothesis import HealthCheck, given, settings

import govdisclose
from govdisclose import testing
from govdisclose.host import PluginHost

import govdisclose_example.plugin as example

UNPAID = ("applications", "other.unpaid_fee", "total")


def changed(report, unpaid, section_six=None):
    """*report* with *unpaid* applications given up after a fee notice (and section 六's text)."""
    cells = [attrs.evolve(c, value=unpaid) if c.key == UNPAID else c for c in report.cells]
    sections = [attrs.evolve(s, text=section_six) if s.number == 6 and section_six else s
                for s in report.sections]
    return attrs.evolve(report, cells=cells, sections=tuple(sections))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(testing.reports("post2021"))
def test_warns_only_when_table_2_has_fees_and_section_six_does_not(report):
    assert list(example.fee_not_reported(changed(report, 0), None)) == []
    (warning,) = example.fee_not_reported(changed(report, 2), None)
    assert (warning.rule, warning.severity, warning.row) == (example.RULE.code, "warning", "other.unpaid_fee")
    said = changed(report, 2, section_six="本年度收取信息处理费400元。")
    assert list(example.fee_not_reported(said, None)) == []


@settings(deadline=None, max_examples=5, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(testing.reports("post2021"))
def test_validate_runs_it_once_the_plugin_is_registered(report):
    with_it, without = PluginHost(entry_points=False, extra=[example]), PluginHost(entry_points=False)
    assert example.RULE.code in {f.rule for f in govdisclose.validate(changed(report, 2), plugins=with_it)}
    assert example.RULE.code not in {f.rule for f in govdisclose.validate(changed(report, 2), plugins=without)}
