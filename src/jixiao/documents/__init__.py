"""File forms of the evaluation document: mappings, workbooks, reports, parsing of published reports."""
