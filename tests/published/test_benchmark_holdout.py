"""Which corpus documents the published-report benchmark holds out (benchmarks/bench_published.py,
tests/data/published/corpus/README.md): batches 1 to 3 by the hash of the stem as before, batches 4 to 10 whole, and
``--development-only`` hands no held-out document to the parser. Only the expected files are read here,
never a held-out text."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_published.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_published_under_test", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def _corpus(bench):
    return [path for path in bench.documents() if path.parent == bench.CORPUS]


def test_every_batch_4_document_is_held_out(bench):
    batch_4 = [path for path in _corpus(bench) if bench._batch(path) == 4]
    assert len(batch_4) >= 30
    assert all(bench.is_holdout(path) for path in batch_4)


def test_every_batch_5_document_is_held_out(bench):
    batch_5 = [path for path in _corpus(bench) if bench._batch(path) == 5]
    assert len(batch_5) >= 35
    assert all(bench.is_holdout(path) for path in batch_5)


def test_every_batch_6_document_is_held_out(bench):
    batch_6 = [path for path in _corpus(bench) if bench._batch(path) == 6]
    assert len(batch_6) >= 30
    assert all(bench.is_holdout(path) for path in batch_6)


def test_every_batch_7_document_is_held_out(bench):
    batch_7 = [path for path in _corpus(bench) if bench._batch(path) == 7]
    assert len(batch_7) >= 30
    assert all(bench.is_holdout(path) for path in batch_7)


def test_every_batch_8_document_is_held_out(bench):
    batch_8 = [path for path in _corpus(bench) if bench._batch(path) == 8]
    assert len(batch_8) >= 20
    assert all(bench.is_holdout(path) for path in batch_8)


def test_every_batch_9_document_is_held_out(bench):
    batch_9 = [path for path in _corpus(bench) if bench._batch(path) == 9]
    assert len(batch_9) >= 20
    assert all(bench.is_holdout(path) for path in batch_9)


def test_every_batch_10_document_is_held_out(bench):
    batch_10 = [path for path in _corpus(bench) if bench._batch(path) == 10]
    assert len(batch_10) >= 20
    assert all(bench.is_holdout(path) for path in batch_10)


def test_the_earlier_batches_keep_the_rule_fixed_before_they_were_parsed(bench):
    for path in _corpus(bench):
        batch = bench._batch(path)
        if batch >= 4:
            continue
        digest = int(hashlib.sha256(path.stem.encode()).hexdigest(), 16)
        expected = digest % 3 == 0 or (batch == 3 and digest % 2 == 0)
        assert bench.is_holdout(path) == expected, path.name


def test_the_examples_one_level_up_are_development_documents(bench):
    assert not any(bench.is_holdout(path) for path in bench.documents() if path.parent == bench.DATA)


def test_development_only_hands_no_held_out_document_to_the_parser(bench, monkeypatch, capsys):
    evaluated = []

    def record(path):
        evaluated.append(path)
        return bench.Result(path.stem, bench.is_holdout(path))

    monkeypatch.setattr(bench, "evaluate", record)
    bench.main(["--development-only", "--quiet"])
    assert evaluated and not any(bench.is_holdout(path) for path in evaluated)
    out = capsys.readouterr().out
    assert not any(f"第 {batch} 批" in out for batch in (4, 5, 6, 7, 8, 9, 10))
