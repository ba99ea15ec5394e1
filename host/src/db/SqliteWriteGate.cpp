#include "db/SqliteWriteGate.h"

namespace motel::host {

bool SqliteWriteGate::acquire(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!released_.wait_for(lock, timeout, [this] { return !taken_; })) return false;
    taken_ = true;
    return true;
}

void SqliteWriteGate::release() noexcept {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        taken_ = false;
    }
    released_.notify_one();
}

} // namespace motel::host
