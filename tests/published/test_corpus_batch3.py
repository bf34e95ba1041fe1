"""Key figures of batch 3's development documents (tests/data/published/corpus/, ``batch: 3``) that the
parser once missed, read as a careful reader reads them (the shapes, not the documents, are the point)."""

from decimal import Decimal
from pathlib import Path

from jixiao.published import parse_report_file

CORPUS = Path(__file__).parents[1] / "data" / "published" / "corpus"


def figures(stem: str) -> dict:
    return parse_report_file(CORPUS / f"{stem}.txt").to_json()


def test_a_transfer_payment_forms_summary_cell_runs_amounts_and_rate_together():
    # 全年預算數(A)全年執行數(B)預算執行率(B/A×100%)年度資金總額:390390100% — no 分值 nor 得分: 390 | 390 | 100%
    data = figures("anhui-2024-table-xuancheng-animal-epidemic-traditional")
    assert (data["budget_total"], data["executed_total"], data["execution_rate"]) == ("390", "390", "100%")
    assert data["department"] == "市农业农村局-市畜牧兽医服务中心"  # 獸 folded like the rest of the name
