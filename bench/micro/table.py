#!/usr/bin/env python3
"""Markdown table of a dlc-micro-bench JSON result.

  build/bin/dlc-micro-bench --benchmark_out=micro.json --benchmark_out_format=json
  python3 bench/micro/table.py micro.json

With --benchmark_repetitions=N the medians are tabulated.
"""
import json
import sys


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    rows = {}
    order = []
    benchmarks = data["benchmarks"]
    # With --benchmark_repetitions, the medians stand for their rows.
    if any(b.get("aggregate_name") == "median" for b in benchmarks):
        benchmarks = [b for b in benchmarks if b.get("aggregate_name") == "median"]
    for b in benchmarks:
        if b.get("error_occurred"):
            continue
        parts = b.get("run_name", b["name"]).split("/")
        case, mode, target = "/".join(parts[:2]), parts[2], parts[3]
        key = (case, mode)
        if key not in rows:
            rows[key] = {}
            order.append(key)
        rows[key][target] = b

    def g(b, counter):
        return f"{b[counter] / 1e9:.1f}" if b and counter in b else "-"

    def r(b):
        return f"{b['sgemm_ratio']:.2f}" if b and "sgemm_ratio" in b else "-"

    def ms(b):
        return f"{b['real_time']:.2f}" if b else "-"

    print("| case | pass | cpu ms | cpu GFLOP/s | cpu / sgemm | cpu bwd GFLOP/s "
          "| cpu-ref ms | cpu-ref GFLOP/s | cpu-ref / sgemm | cpu-ref bwd GFLOP/s "
          "| sgemm GFLOP/s (cached) | openblas row GFLOP/s |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for key in order:
        t = rows[key]
        cpu, ref, blas = t.get("cpu"), t.get("cpu-ref"), t.get("openblas")
        sg = cpu or ref
        print(f"| {key[0]} | {key[1]} | {ms(cpu)} | {g(cpu, 'FLOPS')} | {r(cpu)} | "
              f"{g(cpu, 'bwd_FLOPS')} | {ms(ref)} | {g(ref, 'FLOPS')} | {r(ref)} | "
              f"{g(ref, 'bwd_FLOPS')} | {g(sg, 'sgemm_FLOPS')} | {g(blas, 'FLOPS')} |")


if __name__ == "__main__":
    main()
