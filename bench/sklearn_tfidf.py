"""scikit-learn TfidfVectorizer baseline for bench/tfidf.bench.ts.

Loads the documents (a JSON array of strings written by the TypeScript benchmark),
times TfidfVectorizer().fit_transform(docs) and fit(docs) + transform(docs) with
time.perf_counter over several repeats, and prints one JSON object on stdout: timings
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


def timings(samples):
    ms = [s * 1000.0 for s in samples]
    return {"samples": ms, "best": min(ms), "median": statistics.median(ms)}


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(path, encoding="utf-8") as f:
        docs = json.load(f)

    fit_transform_s, fit_s, transform_s = [], [], []
    x = est = None
    for r in range(warmup + repeats):
        t0 = time.perf_counter()
        x = TfidfVectorizer().fit_transform(docs)
        t1 = time.perf_counter()
        est = TfidfVectorizer().fit(docs)
        t2 = time.perf_counter()
        est.transform(docs)
        t3 = time.perf_counter()
        if r >= warmup:
            fit_transform_s.append(t1 - t0)
            fit_s.append(t2 - t1)
            transform_s.append(t3 - t2)

    vocab = est.get_feature_names_out().tolist()
    head = x[:FIRST_ROWS].tocsr()
    head.sort_indices()
    result = {
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
        "fitTransform": timings(fit_transform_s),
        "fit": timings(fit_s),
        "transform": timings(transform_s),
        "vocabularySize": len(vocab),
        "vocabularySha256": hashlib.sha256("\n".join(vocab).encode("utf-8")).hexdigest(),
        "nnz": int(x.nnz),
        "head": {"indptr": head.indptr.tolist(), "indices": head.indices.tolist(), "data": head.data.tolist()},
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
