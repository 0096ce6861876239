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

void require_one_of(const std::string& field, const std::string& value,
                    const std::vector<std::string>& valid) {
  if (std::find(valid.begin(), valid.end(), value) != valid.end()) return;
  std::string list;
  for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
  throw InvalidArgument("loss option '" + field + "' must be one of " + list + "; got '" + value +
                        "'");
}

void validate(const LossOptions& o) {
  require_one_of("method", o.method, loss_method_names());
  if (!std::isfinite(o.beta) || o.beta < 0.0) {
    throw InvalidArgument("loss option 'beta' must be finite and >= 0; got " +
                          std::to_string(o.beta));
  }
  const int min_classes = o.method == "svdd" ? 1 : 2;
  if (o.num_classes < min_classes) {
    throw InvalidArgument("loss option 'num_classes' must be >= " + std::to_string(min_classes) +
                          " for " + o.method + "; got " + std::to_string(o.num_classes));
  }
  if (o.dim < 1) {
    throw InvalidArgument("loss option 'dim' must be >= 1; got " + std::to_string(o.dim));
  }
}

}  // namespace

std::vector<std::string> loss_method_names() {
  return {"xdd", "softmax", "mcdd", "isomax", "isomax_plus", "snn", "svdd", "bn_only"};
}

std::shared_ptr<EmbeddingLoss> make_loss(const LossOptions& o) {
  validate(o);
  if (o.method == "xdd") return std::make_shared<XddLoss>(o);
  if (o.method == "softmax") return std::make_shared<SoftmaxLoss>(o);
  if (o.method == "mcdd") return std::make_shared<McddLoss>(o);
  if (o.method == "isomax") return std::make_shared<IsoMaxLoss>(o);
  if (o.method == "isomax_plus") return std::make_shared<IsoMaxPlusLoss>(o);
  if (o.method == "snn") return std::make_shared<SnnLoss>(o);
  if (o.method == "bn_only") return std::make_shared<BnOnlyLoss>(o);
  return std::make_shared<SvddLoss>(o);
}

}  // namespace xdd
