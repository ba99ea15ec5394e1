#include "application/ChannelCalls.h"

namespace motel::realtime {

namespace {
/// The channel whose handler this thread is running (closeAndWait from
/// inside a handler must not wait for itself).
thread_local const ChannelCalls* runningOnThisThread = nullptr;
} // namespace

bool ChannelCalls::enter() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return false;
    ++running_;
    runningOnThisThread = this;
    return true;
}

void ChannelCalls::exit() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        --running_;
        runningOnThisThread = nullptr;
    }
    idle_.notify_all();
}

void ChannelCalls::closeAndWait() {
    std::unique_lock<std::mutex> lock(mutex_);
    closed_ = true;
    const std::size_t own = runningOnThisThread == this ? 1 : 0;
    idle_.wait(lock, [this, own] { return running_ <= own; });
}

bool ChannelCalls::closed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return closed_;
}

} // namespace motel::realtime
