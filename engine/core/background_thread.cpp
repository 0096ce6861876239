#include "core/background_thread.h"

#include "core/compute.h"

namespace xdd {

BackgroundThread::BackgroundThread(std::function<void()> body)
    : thread_([body = std::move(body)] {
        run_at_background_priority();
        body();
      }) {}

}  // namespace xdd
