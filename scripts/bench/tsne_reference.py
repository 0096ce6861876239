"""Helpers of scripts/bench/tsne.sh (run with /usr/bin/python3: numpy, scikit-learn 1.2.1).

  sklearn IMAGES OUT_CSV THREADS  scikit-learn's Barnes-Hut t-SNE, timed from the raw pixels (PCA to
                                  50, neighbours, 1000 iterations; perplexity 30, angle 0.5; defaults
                                  otherwise: PCA init, learning rate 'auto')
  perturb IMAGES OUT_NPY          the images plus Gaussian noise (sd 2 grey levels) as float32 NPY:
                                  "new embeddings" of the same points for the live-mode measurement
  kl IMAGES CSV...                KL(P || Q) of each layout under one common P (scikit-learn's, from
                                  exact neighbours of the PCA-50 pixels) with the exact Q (no
                                  Barnes-Hut), so every tool is judged by the same yardstick
"""
import sys
import time

import numpy as np


def read_idx_images(path):
    with open(path, "rb") as f:
        data = f.read()
    if int.from_bytes(data[0:4], "big") != 2051:
        raise SystemExit(f"{path} is not an IDX image file")
    n, rows, cols = (int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(3))
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32)


def run_sklearn(images, out_csv, threads):
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    x = read_idx_images(images)
    start = time.perf_counter()
    x50 = PCA(n_components=50, random_state=0).fit_transform(x)
    tsne = TSNE(n_components=2, perplexity=30.0, angle=0.5, n_iter=1000, method="barnes_hut",
                init="pca", learning_rate="auto", n_jobs=int(threads), random_state=0)
    y = tsne.fit_transform(x50)
    seconds = time.perf_counter() - start
    np.savetxt(out_csv, y, delimiter=",", header="x,y", comments="")
    print(f"sklearn_seconds {seconds:.3f}\nsklearn_kl {tsne.kl_divergence_:.6f}")


def perturb(images, out_npy):
    x = read_idx_images(images)
    rng = np.random.default_rng(1)
    np.save(out_npy, (x + rng.normal(0.0, 2.0, x.shape)).astype(np.float32))


def common_kl(images, layouts):
    from sklearn.decomposition import PCA
    from sklearn.manifold._t_sne import _joint_probabilities_nn
    from sklearn.neighbors import NearestNeighbors

    x50 = PCA(n_components=50, svd_solver="full").fit_transform(read_idx_images(images))
    knn = NearestNeighbors(n_neighbors=90, algorithm="brute").fit(x50)
    dist = knn.kneighbors_graph(mode="distance")
    dist.data **= 2
    p = _joint_probabilities_nn(dist, 30.0, 0).tocoo()
    for path in layouts:
        y = np.loadtxt(path, delimiter=",", skiprows=1).astype(np.float64)
        z = 0.0
        for start in range(0, len(y), 1000):  # sum_{k != l} 1 / (1 + |y_k - y_l|^2), in blocks
            block = y[start:start + 1000]
            d2 = (block ** 2).sum(1)[:, None] + (y ** 2).sum(1)[None, :] - 2.0 * block @ y.T
            z += (1.0 / (1.0 + np.maximum(d2, 0.0))).sum() - len(block)
        d2 = ((y[p.row] - y[p.col]) ** 2).sum(1)
        q = 1.0 / (1.0 + d2) / z
        kl = float((p.data * np.log(np.maximum(p.data, 1e-300) / q)).sum())
        print(f"common_kl {path} {kl:.6f}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "sklearn":
        run_sklearn(*rest)
    elif command == "perturb":
        perturb(*rest)
    elif command == "kl":
        common_kl(rest[0], rest[1:])
    else:
        raise SystemExit(__doc__)
