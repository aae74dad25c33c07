"""scikit-learn OneHotEncoder / OrdinalEncoder baselines for bench/categorical.bench.ts.

Modes (each prints one JSON object on stdout; times in milliseconds, wall-clock from
time.perf_counter as {samples, best, median} and process CPU time from
time.process_time as cpuMedian, which a loaded machine inflates much less):

  encode DATA.txt OUT.i32 [REPEATS] [WARMUP]
      DATA.txt holds one UTF-8 category per line (the same strings the TypeScript side
      encodes). Fits OneHotEncoder() (sparse output, the default) and OrdinalEncoder() on
      the (n, 1) object array, times fit once each and transform REPEATS times after
      WARMUP untimed runs, and writes the CSR column indices of the one-hot output as
      little-endian int32 to OUT.i32 so the TypeScript side can check both encoded the
      same data to the same columns.
  vocab DATA.txt
      DATA.txt holds n distinct categories; times OneHotEncoder().fit once and reports
      the process's peak resident memory (ru_maxrss) before and after the fit.
"""
import json
import platform
import resource
import statistics
import sys
import time

import numpy as np
import scipy
import sklearn
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder


def timings(samples, cpu_samples):
    ms = [s * 1000.0 for s in samples]
    cpu_ms = [s * 1000.0 for s in cpu_samples]
    return {"samples": ms, "best": min(ms), "median": statistics.median(ms), "cpuMedian": statistics.median(cpu_ms)}


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.endswith("\n"):
        text = text[:-1]
    values = text.split("\n")
    x = np.empty((len(values), 1), dtype=object)
    x[:, 0] = values
    return x


def timed(fn, repeats, warmup):
    out = None
    samples, cpu = [], []
    for r in range(warmup + repeats):
        c0 = time.process_time()
        t0 = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t0
        dc = time.process_time() - c0
        if r >= warmup:
            samples.append(dt)
            cpu.append(dc)
    return out, timings(samples, cpu)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def versions():
    return {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__}


def encode(path, out_path, repeats, warmup):
    x = load(path)
    ohe, ohe_fit = timed(lambda: OneHotEncoder().fit(x), 1, 0)
    ord_, ord_fit = timed(lambda: OrdinalEncoder().fit(x), 1, 0)
    m, ohe_t = timed(lambda: ohe.transform(x), repeats, warmup)
    ids, ord_t = timed(lambda: ord_.transform(x), repeats, warmup)
    m.indices.astype("<i4").tofile(out_path)
    print(json.dumps({
        "versions": versions(),
        "rows": int(x.shape[0]),
        "categories": int(len(ohe.categories_[0])),
        "outputFormat": m.format,
        "outputDtype": str(m.dtype),
        "nnz": int(m.nnz),
        "ordinalDtype": str(ids.dtype),
        "oneHotFit": ohe_fit,
        "ordinalFit": ord_fit,
        "oneHotTransform": ohe_t,
        "ordinalTransform": ord_t,
    }))


def vocab(path):
    x = load(path)
    before = peak_rss_mb()
    ohe, fit = timed(lambda: OneHotEncoder().fit(x), 1, 0)
    print(json.dumps({
        "versions": versions(),
        "rows": int(x.shape[0]),
        "categories": int(len(ohe.categories_[0])),
        "fit": fit,
        "peakRssBeforeFitMB": before,
        "peakRssAfterFitMB": peak_rss_mb(),
    }))


def main():
    mode = sys.argv[1]
    if mode == "encode":
        repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 7
        warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        encode(sys.argv[2], sys.argv[3], repeats, warmup)
    elif mode == "vocab":
        vocab(sys.argv[2])
    else:
        sys.exit(f"unknown mode {mode!r}; use encode or vocab")


if __name__ == "__main__":
    main()
