"""Problems found in a workbook (工作簿问题), each naming its sheet, row and column.

Reading a workbook never stops at the first problem: every problem is collected and raised at once
as one :class:`WorkbookError`, so a person can fix the whole file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem at one place: ``str(problem)`` reads ``指标!F12：“≥约30场”无法识别为数值``.

    ``row`` is the Excel row number (1-based) and ``column`` the column letter; either may be
    missing for a problem of a whole sheet or of the whole file. ``value`` is the offending text.
    """

    sheet: str
    row: int | None
    column: str | None
    value: str
    message: str

    @property
    def location(self) -> str:
        if self.sheet and self.column and self.row:
            return f"{self.sheet}!{self.column}{self.row}"
        if self.sheet and self.row:
            return f"{self.sheet}!第{self.row}行"
        if self.sheet and self.column:
            return f"{self.sheet}!{self.column}列"
        return self.sheet

    def __str__(self) -> str:
        return f"{self.location}：{self.message}" if self.location else self.message


class WorkbookError(ValueError):
    """A workbook that cannot be read; ``problems`` lists every problem found, in sheet order."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        if len(self.problems) == 1:
            text = str(self.problems[0])
        else:
            lines = "\n".join(f"  {index}. {problem}" for index, problem in enumerate(self.problems, 1))
            text = f"工作簿有 {len(self.problems)} 处问题：\n{lines}"
        super().__init__(text)

    @classmethod
    def file(cls, message: str, value: str = "") -> "WorkbookError":
        """A problem with the file as a whole (not an xlsx, encrypted, too large…)."""
        return cls([Problem(sheet="", row=None, column=None, value=value, message=message)])
