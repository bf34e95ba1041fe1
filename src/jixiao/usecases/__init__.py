"""Use cases (用例): one function for each thing a user asks of jixiao — score a document, review it,
produce its report, export its workbook, produce the official forms, publish open data.

A command, a web view, an API view and a background job call the same function, so they cannot
drift apart. The functions here work on evaluation documents and their assessments and touch no
database: a document comes from a file (:func:`jixiao.documents.registry.read_document`) or from
the database through the selectors (:mod:`jixiao.evaluations.selectors`); what changes stored data
is a service (:mod:`jixiao.evaluations.services`). Files come back as :class:`Produced` (name, MIME
type, bytes) for a command to write or a view to send.
"""

from jixiao.usecases.common import Produced  # noqa: F401
