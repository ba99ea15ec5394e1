// BatchingAsyncChannel: every line reaches the target, in order, whoever logs.
#include "logging/BatchingAsyncChannel.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <cppunit/extensions/HelperMacros.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

using motel::host::BatchingAsyncChannel;

namespace {

class RecordingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override {
        std::lock_guard<std::mutex> lock(mutex_);
        lines_.push_back(message.getText());
    }
    std::vector<std::string> lines() {
        std::lock_guard<std::mutex> lock(mutex_);
        return lines_;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> lines_;
};

Poco::Message line(const std::string& source, const std::string& text) {
    return Poco::Message(source, text, Poco::Message::PRIO_INFORMATION);
}

} // namespace

class BatchingAsyncChannelTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BatchingAsyncChannelTest);
    CPPUNIT_TEST(closeWritesEverythingInOrder);
    CPPUNIT_TEST(concurrentLoggersLoseNothing);
    CPPUNIT_TEST(loggingAfterCloseStartsAgain);
    CPPUNIT_TEST_SUITE_END();

public:
    void closeWritesEverythingInOrder() {
        Poco::AutoPtr<RecordingChannel> target(new RecordingChannel);
        Poco::AutoPtr<BatchingAsyncChannel> channel(new BatchingAsyncChannel(target));
        for (int i = 0; i < 1000; ++i) channel->log(line("test", std::to_string(i)));
        channel->close();
        const auto lines = target->lines();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1000), lines.size());
        for (int i = 0; i < 1000; ++i) CPPUNIT_ASSERT_EQUAL(std::to_string(i), lines[static_cast<std::size_t>(i)]);
    }

    void concurrentLoggersLoseNothing() {
        Poco::AutoPtr<RecordingChannel> target(new RecordingChannel);
        Poco::AutoPtr<BatchingAsyncChannel> channel(new BatchingAsyncChannel(target));
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&channel, t] {
                for (int i = 0; i < 5000; ++i)
                    channel->log(line("t" + std::to_string(t), std::to_string(t * 100000 + i)));
            });
        for (auto& thread : threads) thread.join();
        channel->close();
        const auto lines = target->lines();
        CPPUNIT_ASSERT_EQUAL(std::size_t(20000), lines.size());
        // Each thread's lines stay in the order it logged them.
        std::vector<int> last(4, -1);
        for (const auto& text : lines) {
            const int value = std::stoi(text);
            const int thread = value / 100000;
            CPPUNIT_ASSERT(value % 100000 > last[static_cast<std::size_t>(thread)]);
            last[static_cast<std::size_t>(thread)] = value % 100000;
        }
    }

    void loggingAfterCloseStartsAgain() {
        Poco::AutoPtr<RecordingChannel> target(new RecordingChannel);
        Poco::AutoPtr<BatchingAsyncChannel> channel(new BatchingAsyncChannel(target));
        channel->log(line("test", "before"));
        channel->close();
        channel->log(line("test", "after"));
        channel->close();
        CPPUNIT_ASSERT((target->lines() == std::vector<std::string>{"before", "after"}));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BatchingAsyncChannelTest);
