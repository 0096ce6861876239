#include "core/background_thread.h"

#include <pthread.h>

#include "core/compute.h"

namespace xdd {

BackgroundThread::BackgroundThread(std::string name, std::function<void()> body)
    : thread_([name = name.substr(0, 15), body = std::move(body)] {
        pthread_setname_np(pthread_self(), name.c_str());
        run_at_background_priority();
        body();
      }) {}

}  // namespace xdd
