"""File forms of the evaluation document, one package or module each: the self-evaluation workbook
(:mod:`.workbook`), the official forms (:mod:`.forms`), the report renderers with their templates and
charts (:mod:`.report`), open data (:mod:`.opendata`) and the YAML/JSON data file (:mod:`.datafile`).
:mod:`.registry` maps a file suffix to its reader and writer. Reports others published are read by
:mod:`jixiao.published`, not here."""
