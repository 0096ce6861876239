#include "losses/loss_factory.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "losses/bn_only_loss.h"
#include "losses/isomax_loss.h"
#include "losses/isomax_plus_loss.h"
#include "losses/mcdd_loss.h"
#include "losses/snn_loss.h"
#include "losses/softmax_loss.h"
#include "losses/svdd_loss.h"
#include "losses/xdd_loss.h"

namespace xdd {

namespace {

void validate(const LossOptions& o) {
  if (!std::isfinite(o.beta) || o.beta < 0.0) {
    throw InvalidArgument("loss option 'beta' must be finite and >= 0; got " +
                          std::to_string(o.beta));
  }
  const int min_classes = o.method == Method::kSvdd ? 1 : 2;
  if (o.num_classes < min_classes) {
    throw InvalidArgument("loss option 'num_classes' must be >= " + std::to_string(min_classes) +
                          " for " + setting_name(o.method) + "; got " +
                          std::to_string(o.num_classes));
  }
  if (o.dim < 1) {
    throw InvalidArgument("loss option 'dim' must be >= 1; got " + std::to_string(o.dim));
  }
}

}  // namespace

std::shared_ptr<EmbeddingLoss> make_loss(const LossOptions& o) {
  validate(o);
  switch (o.method) {
    case Method::kXdd:
      return std::make_shared<XddLoss>(o);
    case Method::kSoftmax:
      return std::make_shared<SoftmaxLoss>(o);
    case Method::kMcdd:
      return std::make_shared<McddLoss>(o);
    case Method::kIsoMax:
      return std::make_shared<IsoMaxLoss>(o);
    case Method::kIsoMaxPlus:
      return std::make_shared<IsoMaxPlusLoss>(o);
    case Method::kSnn:
      return std::make_shared<SnnLoss>(o);
    case Method::kSvdd:
      return std::make_shared<SvddLoss>(o);
    case Method::kBnOnly:
      return std::make_shared<BnOnlyLoss>(o);
  }
  throw InvalidArgument("make_loss: a method without a loss");  // unreachable: every case returns
}

}  // namespace xdd
