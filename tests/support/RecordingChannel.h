#pragma once
// Log capture for tests: a channel that keeps every message text, and a
// scope that points a named logger at one and restores it afterwards.

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

namespace motel::test {

/// A channel that keeps every message text.
class RecordingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override {
        std::lock_guard<std::mutex> lock(mutex_);
        messages_.push_back(message.getText());
    }
    std::vector<std::string> messages() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return messages_;
    }
    /// Whether some message contains `text`.
    bool contains(const std::string& text) const {
        const auto all = messages();
        return std::any_of(all.begin(), all.end(),
                           [&](const std::string& message) { return message.find(text) != std::string::npos; });
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> messages_;
};

/// While alive, the logger `name` (a logger the code under test looks up by
/// name, e.g. "motel.http") writes to `channel`; its channel and level come
/// back afterwards.
class CapturedLog {
public:
    explicit CapturedLog(const std::string& name)
        : logger_(Poco::Logger::get(name)), previous_(logger_.getChannel()), level_(logger_.getLevel()) {
        logger_.setChannel(channel);
        logger_.setLevel(Poco::Message::PRIO_TRACE);
    }
    ~CapturedLog() {
        logger_.setChannel(previous_);
        logger_.setLevel(level_);
    }
    CapturedLog(const CapturedLog&) = delete;
    CapturedLog& operator=(const CapturedLog&) = delete;

    Poco::AutoPtr<RecordingChannel> channel{new RecordingChannel};

private:
    Poco::Logger& logger_;
    Poco::AutoPtr<Poco::Channel> previous_;
    int level_;
};

} // namespace motel::test
