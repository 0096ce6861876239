#pragma once
// The phases of one run and the stages at which its test set is embedded, as types (no LibTorch,
// so the UI can include it). Names are for files and the screen only; code compares the enums.

namespace xdd {

enum class Phase { kLoading, kPretraining, kScoringBefore, kRetraining, kScoringAfter, kDone };

const char* phase_name(Phase phase);  // for the screen: "pre-training GAN", ...

// Whether the pre-trained GAN exists in this phase (so a beta change need not wait for it).
bool gan_ready_in(Phase phase);

// When a test-set embedding was taken: scored after pre-training, during or after re-training.
enum class EmbeddingStage { kBefore, kDuring, kAfter };

const char* stage_name(EmbeddingStage stage);  // "before", "during", "after" (files, screen)

}  // namespace xdd
