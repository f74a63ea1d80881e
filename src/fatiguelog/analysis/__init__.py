"""Series, intake events, flag rules and the period summary. Pure Python, no Textual."""
