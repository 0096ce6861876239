#include "pipeline/observer.h"

namespace xdd {

const char* phase_name(Phase phase) {
  switch (phase) {
    case Phase::kLoading:
      return "loading data";
    case Phase::kPretraining:
      return "pre-training GAN";
    case Phase::kScoringBefore:
      return "scoring pre-trained embedding";
    case Phase::kRetraining:
      return "re-training embedding";
    case Phase::kScoringAfter:
      return "scoring re-trained embedding";
    case Phase::kDone:
      return "done";
  }
  return "unknown";
}

}  // namespace xdd
