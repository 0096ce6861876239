// Default options of the sanitizer runtimes for the test program, compiled into it so that ctest
// and a direct run of build-asan/tests/xdd_tests or build-tsan/tests/xdd_tests behave alike. The
// runtimes call these functions before main(); a variable of the same name in the environment
// (ASAN_OPTIONS, ...) still overrides any setting. In a build without the sanitizer they are never
// called.

#if defined(__SANITIZE_ADDRESS__)
#define XDD_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define XDD_TSAN 1
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XDD_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define XDD_TSAN 1
#endif
#endif

#ifdef XDD_ASAN
// A single allocation above 1 GiB is a bug in this test program (the largest real one, the full
// MNIST training set as float32, is 188 MB): it fails instead of succeeding or swapping.
// allocator_may_return_null turns it into a null return, so operator new throws std::bad_alloc
// and LibTorch a c10::Error; the fuzz suites count either as a failure (tests/fuzz_support.h),
// other tests fail on the uncaught exception. Leaks are reported at exit (LeakSanitizer).
extern "C" const char* __asan_default_options() {
  return "max_allocation_size_mb=1024:allocator_may_return_null=1:detect_leaks=1:"
         "check_initialization_order=1:strict_init_order=1";
}

// The asan preset pairs AddressSanitizer with UndefinedBehaviorSanitizer, built with
// -fno-sanitize-recover so the first report stops the test; print where it happened.
extern "C" const char* __ubsan_default_options() {
  return "print_stacktrace=1:halt_on_error=1";
}
#endif

#ifdef XDD_TSAN
// tests/tsan.supp lists the reports TSan makes inside uninstrumented third-party libraries
// (LibTorch, libgomp) and why each is a false positive; halt_on_error stops the test at the first
// real race so ctest shows it failed.
extern "C" const char* __tsan_default_options() {
  return "halt_on_error=1:second_deadlock_stack=1:suppressions=" XDD_TSAN_SUPPRESSIONS;
}
#endif
