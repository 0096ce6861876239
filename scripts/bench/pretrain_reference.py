#!/usr/bin/python3
"""PyTorch-Python reference for `xdd bench pretrain`: the same networks (SPEC section 3, paper Table 1)
and the same GAN step (one D step, one G step, non-saturating BCE, Adam 2e-4 / (0.5, 0.999), batch 64),
timed the same way (warm-up, then images/s of full train steps). Written for this project from the
SPEC; it is the plain, idiomatic PyTorch a user would write, so it is the baseline the C++ step must beat.

Usage: /usr/bin/python3 scripts/bench/pretrain_reference.py --gen-channels 512 --batches 30 --threads 2
(--gen-channels is the preset's generator width c; `xdd bench pretrain` prints it.)
"""
import argparse
import time

import torch
from torch import nn

LATENT = 100


def generator(c):
    return nn.Sequential(
        nn.Linear(LATENT, 7 * 7 * c), nn.BatchNorm1d(7 * 7 * c), nn.ReLU(),
        nn.Unflatten(1, (c, 7, 7)),
        nn.ConvTranspose2d(c, c // 2, 3, 2, 1, 1), nn.BatchNorm2d(c // 2), nn.LeakyReLU(),
        nn.ConvTranspose2d(c // 2, c // 4, 3, 1, 1), nn.BatchNorm2d(c // 4), nn.LeakyReLU(),
        nn.ConvTranspose2d(c // 4, c // 8, 3, 1, 1), nn.BatchNorm2d(c // 8), nn.LeakyReLU(),
        nn.ConvTranspose2d(c // 8, 1, 3, 2, 1, 1), nn.Tanh())


def discriminator():
    layers = []
    for cin, cout, stride in ((1, 8, 2), (8, 16, 1), (16, 32, 2), (32, 64, 1)):
        layers += [nn.Conv2d(cin, cout, 3, stride, 1), nn.BatchNorm2d(cout), nn.LeakyReLU()]
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(64 * 7 * 7, 1))  # Sigmoid folded into the loss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gen-channels", type=int, default=512, help="generator width c (paper: 512)")
    ap.add_argument("--batches", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    g, d = generator(args.gen_channels), discriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    b = args.batch_size
    real = torch.rand(b, 1, 28, 28) * 2 - 1
    ones, zeros = torch.ones(b, 1), torch.zeros(b, 1)

    def step():
        z = torch.randn(b, LATENT)
        fake = g(z)
        opt_d.zero_grad()
        d_loss = bce(d(real), ones) + bce(d(fake.detach()), zeros)
        d_loss.backward()
        opt_d.step()
        opt_g.zero_grad()
        g_loss = bce(d(fake), ones)
        g_loss.backward()
        opt_g.step()
        return d_loss.item() + g_loss.item()

    for _ in range(args.warmup):
        step()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.batches):
        step()
    seconds = time.perf_counter() - start
    cpu_ms_per_image = (time.process_time() - cpu_start) * 1e3 / (args.batches * b)
    print(f"python gen_channels={args.gen_channels} threads={args.threads} batches={args.batches} "
          f"images_per_s={args.batches * b / seconds:.1f} cpu_ms_per_image={cpu_ms_per_image:.3f}")


if __name__ == "__main__":
    main()
