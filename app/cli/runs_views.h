#pragma once
// What `runs show` and `runs compare` print: a run's record, and several runs side by side.
#include <ostream>
#include <vector>

#include "store/run_record.h"

namespace xdd::cli {

// Identity, dataset, times, status, final metrics, loss terms (count and last value per term),
// info-plane points and the full config.
void print_run(std::ostream& out, const store::RunRecord& run);

// One column per run: identity, the settings whose values differ between the runs, the final
// metrics of every score kind, and each loss term's last value.
void print_comparison(std::ostream& out, const std::vector<store::RunRecord>& runs);

}  // namespace xdd::cli
