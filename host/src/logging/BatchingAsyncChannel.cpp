#include "logging/BatchingAsyncChannel.h"

namespace motel::host {

BatchingAsyncChannel::BatchingAsyncChannel(Poco::AutoPtr<Poco::Formatter> formatter, Poco::AutoPtr<Poco::Channel> sink)
    : formatter_(std::move(formatter)), sink_(std::move(sink)) {}

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
    bool wake;
    bool running;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_.push_back(message);
        wake = idle_;
        idle_ = false; // one wake-up is enough
        running = running_;
    }
    if (!running) {
        // First line, or logged after close(): (re)start the writer.
        std::lock_guard<std::mutex> lifecycle(lifecycle_);
        startLocked();
    }
    if (wake) wake_.notify_one();
}

void BatchingAsyncChannel::run() {
    std::vector<Poco::Message> batch;
    std::string chunk; // reused: its capacity stays between batches
    std::string line;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            if (pending_.empty() && !stopping_) {
                idle_ = true;
                wake_.wait(lock, [this] { return !pending_.empty() || stopping_; });
                idle_ = false;
            }
            if (pending_.empty()) return; // stopping, and everything is written
            batch.swap(pending_);
        }
        write(batch, chunk, line);
        batch.clear();
        // Let the next lines gather (close() cuts this short): under load the
        // writer then wakes a few hundred times a second, not once per line.
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait_for(lock, kGatherTime, [this] { return stopping_; });
    }
}

void BatchingAsyncChannel::write(const std::vector<Poco::Message>& batch, std::string& chunk, std::string& line) {
    const Poco::Message* first = nullptr; // the chunk's first message
    for (const Poco::Message& message : batch) {
        line.clear(); // PatternFormatter appends to the string it is given
        try {
            formatter_->format(message, line);
        } catch (...) {
            continue; // a line that cannot be formatted is lost; the next ones are tried
        }
        if (first)
            chunk += '\n';
        else
            first = &message;
        chunk += line;
        if (chunk.size() >= kChunkBytes) {
            emit(*first, chunk);
            first = nullptr;
        }
    }
    if (first) emit(*first, chunk);
}

void BatchingAsyncChannel::emit(const Poco::Message& first, std::string& chunk) {
    try {
        sink_->log(Poco::Message(first.getSource(), chunk, first.getPriority()));
    } catch (...) {
        // Lines that cannot be written are lost; the next ones are tried.
    }
    chunk.clear();
}

} // namespace motel::host
