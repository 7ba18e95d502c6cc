"""Batch-1 forward time of a TorchScript encoder on this machine (a measurement, not a test).

    python3 models/bench_encode.py models/signature/model.pt 1 64 128 [--threads 1]
"""
import argparse
import time

import torch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("shape", type=int, nargs=3, metavar=("C", "H", "W"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=300)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = torch.jit.load(args.model).eval()
    probe = torch.rand(1, *args.shape) * (255 if args.shape[0] == 3 else 1)
    timings = []
    with torch.no_grad():
        for _ in range(20):
            model(probe)
        for _ in range(args.iterations):
            started = time.perf_counter()
            model(probe)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(f"{args.model}: batch 1, {args.threads} thread(s), {args.iterations} runs: "
          f"p50 {timings[len(timings) // 2]:.2f} ms, p99 {timings[int(len(timings) * 0.99) - 1]:.2f} ms")


if __name__ == "__main__":
    main()
