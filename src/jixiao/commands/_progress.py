"""Progress of long work on the command line: one line rewritten in place on a terminal, plain
lines (one per change) when the output goes to a file or a log."""

from __future__ import annotations

import shutil
import unicodedata


def columns(text: str) -> int:
    """Terminal columns ``text`` takes (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, ending in … when cut."""
    if columns(text) <= width:
        return text
    out, used = [], 1  # the … takes one column
    for ch in text:
        used += columns(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out) + "…"


class ProgressPrinter:
    """``show(done, total, note)`` as work goes on, ``close()`` at the end. On a terminal the line
    is rewritten in place, cut to the terminal's width (a line that wrapped could not be rewritten)
    and cleared to its end (a shorter note must not keep the tail of a longer one)."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width = stream, width
        self.terminal = stream.isatty()
        self.last = None
        self.open = False

    def show(self, done: int, total: int, note: str = "") -> None:
        if (done, total) == self.last and not self.terminal:
            return
        self.last = (done, total)
        share = done / total if total else 1
        if self.terminal:
            filled = int(share * self.width)
            bar = "█" * filled + "·" * (self.width - filled)
            line = fit(f"[{bar}] {done}/{total} {share:.0%} {note}".rstrip(), shutil.get_terminal_size().columns - 1)
            print(f"\r{line}\x1b[K", end="", file=self.stream, flush=True)
            self.open = True
        else:
            print(f"[{done}/{total}] {share:.0%} {note}".rstrip(), file=self.stream, flush=True)

    def close(self) -> None:
        if self.terminal and self.open:
            print(file=self.stream, flush=True)
            self.open = False
