#pragma once
// Helpers shared by the host service tests: waiting for something that
// happens on another thread, a logger whose messages a test can read, and a
// turnstile that holds jobs inside a job engine.

#include "support/RecordingChannel.h"

#include <Poco/AutoPtr.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace motel::test {

/// Poll `condition` until it holds or `limit` passes; returns whether it held.
/// The limit is generous on purpose: it only bounds a failing test.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

/// A logger of its own (unique name) writing to a RecordingChannel.
struct RecordingLogger {
    Poco::AutoPtr<RecordingChannel> channel{new RecordingChannel};
    Poco::Logger& logger;

    RecordingLogger() : logger(Poco::Logger::get(uniqueName())) {
        logger.setChannel(channel);
        logger.setLevel(Poco::Message::PRIO_TRACE);
    }

private:
    static std::string uniqueName() {
        static std::atomic<int> counter{0};
        return "test.services." + std::to_string(++counter);
    }
};

/// Holds jobs until the test opens it; counts how many are inside at once,
/// so a test can see a job engine's concurrency limits from the outside.
class Turnstile {
public:
    void pass() {
        std::unique_lock<std::mutex> lock(mutex_);
        ++inside_;
        mostInside_ = std::max(mostInside_, inside_);
        changed_.wait(lock, [this] { return open_; });
        --inside_;
    }
    void open() {
        std::lock_guard<std::mutex> lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    int inside() {
        std::lock_guard<std::mutex> lock(mutex_);
        return inside_;
    }
    int mostInside() {
        std::lock_guard<std::mutex> lock(mutex_);
        return mostInside_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;
    int inside_ = 0;
    int mostInside_ = 0;
};

} // namespace motel::test
