#pragma once
// A gate that blocks threads in wait() until the test opens it, once and for
// all: a handler, a health check or a database round trip that "hangs" for
// as long as the test wants. Share it (std::shared_ptr) with threads that
// may outlive the test.

#include <condition_variable>
#include <mutex>

namespace motel::test {

class Gate {
public:
    void open() {
        std::lock_guard<std::mutex> lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    void wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;
};

} // namespace motel::test
