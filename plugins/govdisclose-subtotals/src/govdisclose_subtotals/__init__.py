"""govdisclose plugin for 2021-format reports with subtotals in table 2 (小计 column, subtotal rows)."""
