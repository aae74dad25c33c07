"""scikit-learn TfidfVectorizer baseline for bench/tfidf.bench.ts.

Loads the documents (a JSON array of strings written by the TypeScript benchmark),
times TfidfVectorizer().fit_transform(docs) and fit(docs) + transform(docs) with
time.perf_counter (and time.process_time, CPU) over several repeats, and prints one JSON object on stdout: timings
in milliseconds (samples, best, median), library versions, and what the TypeScript side
needs to check both computed the same thing (vocabulary size and SHA-256, nnz, the
first rows of the output).

Usage: python3 sklearn_tfidf.py DOCS.json [REPEATS] [WARMUP]
"""
import hashlib
import json
import platform
import statistics
import sys
import time

import numpy as np
import scipy
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

FIRST_ROWS = 200


def timings(samples, cpu):
    """Wall-clock (perf_counter) and CPU (process_time) milliseconds of each repeat."""
    ms = [s * 1000.0 for s in samples]
    cpu_ms = [c * 1000.0 for c in cpu]
    return {"samples": ms, "best": min(ms), "median": statistics.median(ms), "cpuMedian": statistics.median(cpu_ms), "cpuSamples": cpu_ms}


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(path, encoding="utf-8") as f:
        docs = json.load(f)

    wall = {"fitTransform": [], "fit": [], "transform": []}
    cpu = {"fitTransform": [], "fit": [], "transform": []}
    x = est = None
    for r in range(warmup + repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        x = TfidfVectorizer().fit_transform(docs)
        t1, c1 = time.perf_counter(), time.process_time()
        est = TfidfVectorizer().fit(docs)
        t2, c2 = time.perf_counter(), time.process_time()
        est.transform(docs)
        t3, c3 = time.perf_counter(), time.process_time()
        if r >= warmup:
            for k, w, c in (("fitTransform", t1 - t0, c1 - c0), ("fit", t2 - t1, c2 - c1), ("transform", t3 - t2, c3 - c2)):
                wall[k].append(w)
                cpu[k].append(c)

    vocab = est.get_feature_names_out().tolist()
    head = x[:FIRST_ROWS].tocsr()
    head.sort_indices()
    result = {
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
        "fitTransform": timings(wall["fitTransform"], cpu["fitTransform"]),
        "fit": timings(wall["fit"], cpu["fit"]),
        "transform": timings(wall["transform"], cpu["transform"]),
        "vocabularySize": len(vocab),
        "vocabularySha256": hashlib.sha256("\n".join(vocab).encode("utf-8")).hexdigest(),
        "nnz": int(x.nnz),
        "head": {"indptr": head.indptr.tolist(), "indices": head.indices.tolist(), "data": head.data.tolist()},
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
