"""What the use cases return and share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path



@dataclass(frozen=True)
class Produced:
    """A file a use case made: its suggested name, MIME type and bytes, and notes for the user
    (警告 / 提示 lines a command prints and a page shows)."""

    name: str
    content_type: str
    data: bytes
    notes: tuple[str, ...] = field(default=())

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self.data)
        return path
