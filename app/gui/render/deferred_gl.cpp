#include "render/deferred_gl.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace xdd::gui {
namespace {

struct Queued {
  const void* owner;
  std::function<void()> work;
};

std::vector<Queued>& queue() {
  static std::vector<Queued> queued;  // main thread only, like the GL context
  return queued;
}

}  // namespace

void defer_gl_work(const void* owner, std::function<void()> work) {
  auto& q = queue();
  const auto same =
      std::find_if(q.begin(), q.end(), [&](const Queued& e) { return e.owner == owner; });
  if (same != q.end()) {
    same->work = std::move(work);
  } else {
    q.push_back({owner, std::move(work)});
  }
}

void forget_gl_work(const void* owner) {
  auto& q = queue();
  q.erase(std::remove_if(q.begin(), q.end(), [&](const Queued& e) { return e.owner == owner; }),
          q.end());
}

void run_deferred_gl_work() {
  std::vector<Queued> work;
  work.swap(queue());  // work that queues more work runs next frame
  for (Queued& e : work) e.work();
}

}  // namespace xdd::gui
