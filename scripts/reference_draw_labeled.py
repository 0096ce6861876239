#!/usr/bin/python3
"""Independent Python re-implementation of xdd::draw_labeled (engine/data/split.cpp): a
std::mt19937_64 per class seeded with splitmix64(seed ^ splitmix64(class)), a partial Fisher-Yates
shuffle with rejection-sampled bounded integers. It prints the training-set indices that
tests/test_split.cpp (DrawMatchesIndependentReimplementation) expects on the committed subset:
    /usr/bin/python3 scripts/reference_draw_labeled.py
"""
import gzip
import pathlib

import numpy as np

M64 = (1 << 64) - 1
class MT64:
    def __init__(self, seed):
        self.mt = [0] * 312; self.mt[0] = seed & M64
        for i in range(1, 312):
            self.mt[i] = (6364136223846793005 * (self.mt[i-1] ^ (self.mt[i-1] >> 62)) + i) & M64
        self.i = 312
    def __call__(self):
        if self.i >= 312:
            for k in range(312):
                x = (self.mt[k] & 0xFFFFFFFF80000000) | (self.mt[(k+1) % 312] & 0x7FFFFFFF)
                xa = x >> 1
                if x & 1: xa ^= 0xB5026F5AA96619E9
                self.mt[k] = self.mt[(k+156) % 312] ^ xa
            self.i = 0
        y = self.mt[self.i]; self.i += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & M64
g = MT64(5489)
for _ in range(9999): g()
assert g() == 9981545732273789042, "mt19937_64 check"
def mix(x):
    x = (x + 0x9e3779b97f4a7c15) & M64
    x = ((x ^ (x >> 30)) * 0xbf58476d1ce4e5b9) & M64
    x = ((x ^ (x >> 27)) * 0x94d049bb133111eb) & M64
    return x ^ (x >> 31)
def below(rng, n):
    limit = M64 - M64 % n
    while True:
        x = rng()
        if x < limit: return x % n
labels = np.frombuffer(gzip.open(pathlib.Path(__file__).resolve().parent.parent / 'assets/testdata/mnist-small/train-labels-idx1-ubyte.gz').read()[8:], dtype=np.uint8)
def draw(seed, holdout, per):
    out = []
    for c in range(10):
        if c == holdout: continue
        pool = list(np.nonzero(labels == c)[0])
        rng = MT64(mix(seed ^ mix(c)))
        for k in range(per):
            j = k + below(rng, len(pool) - k)
            pool[k], pool[j] = pool[j], pool[k]
            out.append(int(pool[k]))
    return out
print(draw(7, 8, 2))
print(draw(12345678901234567890, 0, 1))
