#include "store/run_record.h"

#include "core/error.h"

namespace xdd::store {

std::string to_string(RunStatus status) {
  switch (status) {
    case RunStatus::running:
      return "running";
    case RunStatus::done:
      return "done";
    case RunStatus::failed:
      return "failed";
    case RunStatus::stopped:
      return "stopped";
  }
  return "running";
}

RunStatus parse_run_status(const std::string& text) {
  if (text == "running") return RunStatus::running;
  if (text == "done") return RunStatus::done;
  if (text == "failed") return RunStatus::failed;
  if (text == "stopped") return RunStatus::stopped;
  throw InvalidArgument("run status '" + text + "' is not one of running, done, failed, stopped");
}

}  // namespace xdd::store
