"""The cyclic garbage collector paused while a large document is read or laid out.

Reading a workbook or laying out a report makes many objects and keeps most of them until the end
(the document read, WeasyPrint's boxes), which sets off collections that walk every object made so
far again and again: a fifth of the time of a 10,000-indicator import and of a PDF. Reference
counting still frees what is dropped; what forms cycles is collected once the work is done. The
collector is switched back on only if it was on, so two such jobs at once (threads of one server)
leave it as they found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
