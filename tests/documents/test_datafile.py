"""Reading a self-evaluation data file (.yaml/.json) is bounded: a file past the size limit, or one using
YAML aliases (the "billion laughs": 600 bytes that expand to a billion strings), is refused at once
with a Chinese message, by ``score`` and ``check`` alike."""

from __future__ import annotations

import pytest

from jixiao.cli import main
from jixiao.documents import datafile
from jixiao.documents.datafile import DocumentFormatError, load_document


def _laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    lines += ["region: {code: '440112', name: 广州市黄埔区}", f"department: {{code: '1', name: *a{levels}}}",
              "year: 2022"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["score", "check"])
def test_yaml_aliases_are_refused_before_they_expand(tmp_path, capsys, command):
    path = tmp_path / "laughs.yaml"
    path.write_text(_laughs(), encoding="utf-8")
    assert path.stat().st_size < 1024
    assert main([command, str(path)]) == 2
    assert capsys.readouterr().err.strip() == ("错误：laughs.yaml：自评文档中不能使用 YAML 别名（“*a0”），"
                                               "请直接写出各项内容")


def test_a_data_file_past_the_size_limit_is_refused_naming_both_sizes(tmp_path, monkeypatch):
    monkeypatch.setattr(datafile, "MAX_DATA_FILE_MB", 1)
    path = tmp_path / "big.yaml"
    path.write_text("notes: |\n" + "  全年预算数 100 万元。\n" * 60000, encoding="utf-8")
    with pytest.raises(DocumentFormatError, match=r"文件大小 1\.\d MB，超过自评文档的上限 1 MB"):
        load_document(path)
    with pytest.raises(DocumentFormatError, match=r"文件大小 1\.\d MB，超过自评文档的上限 1 MB"):
        from jixiao.documents.registry import YAML

        YAML.read(path.read_bytes())


def test_an_ordinary_data_file_still_reads(reference_document, tmp_path):
    from jixiao.documents.registry import YAML

    data = YAML.write(reference_document)
    assert YAML.read(data) == reference_document
