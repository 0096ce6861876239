#include "core/openmp_policy.h"

#include <unistd.h>

#include <cstdlib>

namespace xdd {

void use_passive_openmp_wait(char** argv) {
#ifdef __linux__
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;  // set by the user, or already re-executed
  if (setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Only reached when execv failed: carry on with the default policy (slower, still correct).
#else
  (void)argv;
#endif
}

}  // namespace xdd
