#include "pipeline/phase.h"

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

bool gan_ready_in(Phase phase) {
  return phase != Phase::kLoading && phase != Phase::kPretraining;
}

const char* stage_name(EmbeddingStage stage) {
  switch (stage) {
    case EmbeddingStage::kBefore:
      return "before";
    case EmbeddingStage::kDuring:
      return "during";
    case EmbeddingStage::kAfter:
      return "after";
  }
  return "unknown";
}

}  // namespace xdd
