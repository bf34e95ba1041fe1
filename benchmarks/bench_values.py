"""Benchmark of reading values as people write them (:func:`jixiao.domain.values.parse_value`).

Reads every distinct target and actual of a synthetic province, plus the wordings of real tables
(signs in words and after the number, multipliers, deadlines, qualitative wording with negation),
cold: the memo of parsed values is emptied before each run. The floor, in the same process, is the
least any reader must do: one regular expression match and one ``Decimal`` per text. Prints the
texts per second and the ratio to the floor, then the memoised rate (values repeat across rows).

    .venv/bin/python benchmarks/bench_values.py [--indicators N] [--repeat R]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from decimal import Decimal

from jixiao.demo.synthetic import documents
from jixiao.domain.values import ValueParseError, parse_value

# Wordings seen in real tables (tests/data/published, /work/shared/reference/examples); some are
# refused on purpose (the parser then asks instead of guessing), and refusing is timed too.
WORDINGS = (
    "≥95%", "100%", "≤5天", "＝100%", "≧98%", ">=90%", "90%≤", "10人及以上", "95%+", "≥95%（含）", "大于或等于90%",
    "不低于95%", "不少于4场", "控制在500元以内", "≤90万元", "≥1万人次", "5千册", "1.2亿元", "−5%", "1,291.73",
    "12月底前完成", "6月30日前", "年底前完成", "按时完成", "有效提升", "明显改善", "较上年提高", "逐步完善", "基本达成",
    "部分完成", "效果明显", "效果不明显，未能达成", "没有完成", "不及时", "不规范", "持续推进中", "长期有效", "无安全事故",
    "零投诉", "不断提升", "未完全达成", "达成年度指标", "效果尚可",
)
_FLOOR = re.compile(r"[+-]?\d+(?:\.\d+)?")


def texts_of(indicators: int) -> list[str]:
    seen: dict[str, None] = dict.fromkeys(WORDINGS)
    count = 0
    for doc in documents(departments=indicators // 80 + 1, years=(2022,)):
        for indicator in doc.indicators:
            seen.setdefault(indicator.target.text)
            seen.setdefault(indicator.actual.text)
            count += 1
        if count >= indicators:
            break
    return list(seen)


def read_all(texts: list[str], parse) -> int:
    refused = 0
    for text in texts:
        try:
            parse(text)
        except ValueParseError:
            refused += 1
    return refused


def floor(texts: list[str]) -> int:
    found = 0
    for text in texts:
        match = _FLOOR.search(text)
        if match:
            Decimal(match.group())
            found += 1
    return found


def best(repeat: int, function, *args) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        function(*args)
        times.append(time.process_time() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=200_000, help="indicators of the synthetic province")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the best is kept")
    args = parser.parse_args(argv)
    texts = texts_of(args.indicators)
    cold = parse_value.__wrapped__  # the reader without its memo
    refused = read_all(texts, cold)
    parse_time = best(args.repeat, read_all, texts, cold)
    floor_time = best(args.repeat, floor, texts)
    parse_value.cache_clear()
    read_all(texts, parse_value)
    memo_time = best(args.repeat, read_all, texts, parse_value)
    print(f"values: {len(texts):,} distinct texts ({refused} refused), best of {args.repeat}, CPU time")
    print(f"parse_value (cold)        {parse_time * 1000:8.1f} ms   {len(texts) / parse_time:>10,.0f} texts/s")
    print(f"floor (regex + Decimal)   {floor_time * 1000:8.1f} ms   {len(texts) / floor_time:>10,.0f} texts/s")
    print(f"ratio parse_value / floor {parse_time / floor_time:8.2f} x")
    print(f"parse_value (memoised)    {memo_time * 1000:8.1f} ms   {len(texts) / memo_time:>10,.0f} texts/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
