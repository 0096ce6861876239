#pragma once
// OpenMP's wait policy for LibTorch and OpenBLAS. With the default (active) policy a thread that
// finishes a parallel region spins instead of sleeping; on a 2-core machine shared with the UI,
// the t-SNE worker or any other process, that spinning steals the time slice its partner thread
// needs, and a training step (hundreds of short parallel regions) runs 3-15x slower
// (docs/bench/pretrain.md). libgomp reads OMP_WAIT_POLICY once, when it loads, before main() runs,
// so the only way to change it from inside the program is to start the program again with it set.

namespace xdd {

// When OMP_WAIT_POLICY is not set, sets it to PASSIVE and re-executes this program with the same
// arguments (call it first thing in main). A user's own OMP_WAIT_POLICY is left alone. If the
// re-execution fails the program simply continues with the default policy.
void use_passive_openmp_wait(char** argv);

}  // namespace xdd
