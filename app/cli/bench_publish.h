#pragma once
// `xdd bench publish`: what one snapshot publish costs at the start and at the end of a long
// re-training, with the histories as shared series (today) and as plain vectors copied whole (the
// first version), side by side in one run.
#include <cstdint>

namespace xdd::cli {

void bench_publish(int64_t steps);

}  // namespace xdd::cli
