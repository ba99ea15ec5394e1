#include "services/DeadlineClock.h"

namespace motel::host {

namespace {

class MachineClock : public DeadlineClock {
public:
    Steady::time_point now() const override { return Steady::now(); }
    Wall::time_point wallNow() const override { return Wall::now(); }
    void waitUntil(std::condition_variable& condition, std::unique_lock<std::mutex>& lock,
                   Steady::time_point deadline) const override {
        condition.wait_until(lock, deadline);
    }
    void onJump(std::function<void()>) override {}
};

} // namespace

std::shared_ptr<DeadlineClock> DeadlineClock::machine() {
    static const auto clock = std::make_shared<MachineClock>();
    return clock;
}

} // namespace motel::host
