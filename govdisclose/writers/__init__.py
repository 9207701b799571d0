"""Writers: a Report written out — as a report in any layout the readers read
(``render``), as JSON, as a terminal table, as the generated data dictionary."""
