#!/usr/bin/python3
"""Writes assets/testdata/mnist-small: the first 1,000 training and 500 test images of MNIST as gzip IDX.

The tests run on this subset so that they need no download and stay fast. Regenerate with
    /usr/bin/python3 scripts/make_test_subset.py data/mnist assets/testdata/mnist-small
"""
import gzip
import pathlib
import struct
import sys

SIZES = {"train": 1000, "t10k": 500}


def subset(src: pathlib.Path, dst: pathlib.Path, prefix: str, n: int) -> None:
    for kind, header_len, item in (("images-idx3-ubyte", 16, 784), ("labels-idx1-ubyte", 8, 1)):
        raw = (src / f"{prefix}-{kind}").read_bytes()
        header = bytearray(raw[:header_len])
        struct.pack_into(">I", header, 4, n)
        body = raw[header_len:header_len + n * item]
        with open(dst / f"{prefix}-{kind}.gz", "wb") as f:
            # mtime=0 keeps the file byte-identical across regenerations.
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
                gz.write(bytes(header) + body)


def main() -> None:
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    dst.mkdir(parents=True, exist_ok=True)
    for prefix, n in SIZES.items():
        subset(src, dst, prefix, n)


if __name__ == "__main__":
    main()
