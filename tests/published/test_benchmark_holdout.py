"""Which corpus documents the published-report benchmark holds out (benchmarks/bench_published.py,
tests/data/published/corpus/README.md): batches 1 to 3 by the hash of the stem as before, batches 4 to 13 whole, and
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


@pytest.mark.parametrize(
    "batch, at_least", [(4, 30), (5, 35), (6, 30), (7, 30), (8, 20), (9, 20), (10, 20), (11, 25), (12, 25), (13, 22)]
)
def test_every_document_of_a_batch_collected_blind_is_held_out(bench, batch, at_least):
    documents = [path for path in _corpus(bench) if bench._batch(path) == batch]
    assert len(documents) >= at_least
    assert all(bench.is_holdout(path) for path in documents)


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
    assert not any(f"第 {batch} 批" in out for batch in (4, 5, 6, 7, 8, 9, 10, 11, 12, 13))
