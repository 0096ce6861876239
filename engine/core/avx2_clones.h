#pragma once
// XDD_AVX2_CLONES compiles a function twice, for AVX2 and for any x86-64, and lets the loader pick
// one (an ifunc resolver run while the program is relocated). Under ThreadSanitizer that resolver
// is instrumented and runs before the TSan runtime is set up, which crashes the program at start-up
// (GCC 12), so the tsan build keeps only the portable version.
#if defined(__SANITIZE_THREAD__)
#define XDD_AVX2_CLONES
#else
#define XDD_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#endif
