"""Progress of long work on the command line: one line rewritten in place on a terminal, plain
lines (one per change) when the output goes to a file or a log."""

from __future__ import annotations


class ProgressPrinter:
    def __init__(self, stream, width: int = 30):
        self.stream, self.width = stream, width
        self.terminal = stream.isatty()
        self.last = None

    def show(self, done: int, total: int, note: str = "") -> None:
        if (done, total) == self.last and not self.terminal:
            return
        self.last = (done, total)
        share = done / total if total else 1
        if self.terminal:
            filled = int(share * self.width)
            bar = "█" * filled + "·" * (self.width - filled)
            print(f"\r[{bar}] {done}/{total} {share:.0%} {note}   ", end="", file=self.stream, flush=True)
        else:
            print(f"[{done}/{total}] {share:.0%} {note}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.terminal:
            print(file=self.stream, flush=True)
