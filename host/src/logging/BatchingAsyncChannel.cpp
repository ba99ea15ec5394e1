#include "logging/BatchingAsyncChannel.h"

namespace motel::host {

BatchingAsyncChannel::BatchingAsyncChannel(Poco::AutoPtr<Poco::Channel> target) : target_(std::move(target)) {}

BatchingAsyncChannel::~BatchingAsyncChannel() {
    try {
        close();
    } catch (...) {
        // Nothing can be reported from here: the log is what is closing.
    }
}

void BatchingAsyncChannel::open() {
    std::lock_guard<std::mutex> lifecycle(lifecycle_);
    startLocked();
}

void BatchingAsyncChannel::startLocked() {
    if (writer_.joinable()) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = false;
        running_ = true;
    }
    writer_ = std::thread([this] { run(); });
}

void BatchingAsyncChannel::close() {
    std::lock_guard<std::mutex> lifecycle(lifecycle_);
    if (!writer_.joinable()) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        running_ = false;
    }
    wake_.notify_one();
    writer_.join();
}

void BatchingAsyncChannel::log(const Poco::Message& message) {
    bool wasEmpty;
    bool running;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        wasEmpty = pending_.empty();
        pending_.push_back(message);
        running = running_;
    }
    if (!running) {
        // First line, or logged after close(): (re)start the writer.
        std::lock_guard<std::mutex> lifecycle(lifecycle_);
        startLocked();
    }
    if (wasEmpty) wake_.notify_one();
}

void BatchingAsyncChannel::run() {
    std::vector<Poco::Message> batch;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return !pending_.empty() || stopping_; });
            if (pending_.empty()) return; // stopping, and everything is written
            batch.swap(pending_);
        }
        for (const Poco::Message& message : batch) {
            try {
                target_->log(message);
            } catch (...) {
                // A line that cannot be written is lost; the next ones are tried.
            }
        }
        batch.clear();
    }
}

} // namespace motel::host
