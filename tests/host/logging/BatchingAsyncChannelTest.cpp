// BatchingAsyncChannel: every line reaches the sink, in order, whoever logs;
// a batch written as one message holds the same bytes as one write per line.
#include "logging/BatchingAsyncChannel.h"
#include "logging/JsonLogFormatter.h"
#include "logging/RequestLogFields.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Formatter.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Message.h>
#include <Poco/PatternFormatter.h>

#include <cppunit/extensions/HelperMacros.h>

#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using motel::host::BatchingAsyncChannel;
namespace logfields = motel::host::logfields;

namespace {

// What the sink received: each message's text, and the lines in them.
class RecordingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override {
        std::lock_guard<std::mutex> lock(mutex_);
        messages_.push_back(message.getText());
    }
    std::vector<std::string> messages() {
        std::lock_guard<std::mutex> lock(mutex_);
        return messages_;
    }
    std::vector<std::string> lines() {
        std::vector<std::string> out;
        for (const auto& text : messages()) {
            std::istringstream in(text);
            for (std::string line; std::getline(in, line);) out.push_back(line);
        }
        return out;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> messages_;
};

class TextOnly : public Poco::Formatter {
public:
    void format(const Poco::Message& message, std::string& text) override { text = message.getText(); }
};

Poco::Message line(const std::string& source, const std::string& text) {
    return Poco::Message(source, text, Poco::Message::PRIO_INFORMATION);
}

Poco::AutoPtr<BatchingAsyncChannel> textChannel(const Poco::AutoPtr<Poco::Channel>& sink) {
    return new BatchingAsyncChannel(new TextOnly, sink);
}

// HostLogging's two formats.
Poco::AutoPtr<Poco::Formatter> textFormat() {
    Poco::AutoPtr<Poco::PatternFormatter> text(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
    text->setProperty("times", "UTC");
    return text;
}

std::vector<Poco::Message> accessLines(int count) {
    std::vector<Poco::Message> out;
    for (int i = 0; i < count; ++i) {
        Poco::Message message("motel.access", "GET /api/suites/" + std::to_string(i) + " 200 0.1ms 127.0.0.1",
                              i % 7 == 0 ? Poco::Message::PRIO_WARNING : Poco::Message::PRIO_INFORMATION);
        message.setTime(Poco::Timestamp::fromEpochTime(1700000000 + i));
        message.set(logfields::requestId, "rid-" + std::to_string(i));
        message.set(logfields::status, "200");
        message.set(logfields::durationMs, "0.125");
        message.set(logfields::path, "/api/suites/" + std::to_string(i));
        out.push_back(message);
    }
    return out;
}

// The bytes a ConsoleChannel writes when the batching channel hands it the
// messages, and when each message is formatted and written on its own (what
// a FormattingChannel in front of the ConsoleChannel did).
std::string batched(const Poco::AutoPtr<Poco::Formatter>& formatter, const std::vector<Poco::Message>& messages) {
    std::ostringstream out;
    Poco::AutoPtr<BatchingAsyncChannel> channel(new BatchingAsyncChannel(formatter, new Poco::ConsoleChannel(out)));
    for (const auto& message : messages) channel->log(message);
    channel->close();
    return out.str();
}

std::string oneByOne(const Poco::AutoPtr<Poco::Formatter>& formatter, const std::vector<Poco::Message>& messages) {
    std::ostringstream out;
    Poco::AutoPtr<Poco::FormattingChannel> channel(
        new Poco::FormattingChannel(formatter, new Poco::ConsoleChannel(out)));
    for (const auto& message : messages) channel->log(message);
    return out.str();
}

} // namespace

class BatchingAsyncChannelTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BatchingAsyncChannelTest);
    CPPUNIT_TEST(closeWritesEverythingInOrder);
    CPPUNIT_TEST(concurrentLoggersLoseNothing);
    CPPUNIT_TEST(loggingAfterCloseStartsAgain);
    CPPUNIT_TEST(textLinesAreTheSameBytesAsOneWritePerLine);
    CPPUNIT_TEST(jsonLinesAreTheSameBytesAsOneWritePerLine);
    CPPUNIT_TEST(aLongBatchIsWrittenInChunksOfWholeLines);
    CPPUNIT_TEST_SUITE_END();

public:
    void closeWritesEverythingInOrder() {
        Poco::AutoPtr<RecordingChannel> sink(new RecordingChannel);
        auto channel = textChannel(sink);
        for (int i = 0; i < 1000; ++i) channel->log(line("test", std::to_string(i)));
        channel->close();
        const auto lines = sink->lines();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1000), lines.size());
        for (int i = 0; i < 1000; ++i) CPPUNIT_ASSERT_EQUAL(std::to_string(i), lines[static_cast<std::size_t>(i)]);
    }

    void concurrentLoggersLoseNothing() {
        Poco::AutoPtr<RecordingChannel> sink(new RecordingChannel);
        auto channel = textChannel(sink);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&channel, t] {
                for (int i = 0; i < 5000; ++i)
                    channel->log(line("t" + std::to_string(t), std::to_string(t * 100000 + i)));
            });
        for (auto& thread : threads) thread.join();
        channel->close();
        const auto lines = sink->lines();
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
        Poco::AutoPtr<RecordingChannel> sink(new RecordingChannel);
        auto channel = textChannel(sink);
        channel->log(line("test", "before"));
        channel->close();
        channel->log(line("test", "after"));
        channel->close();
        CPPUNIT_ASSERT((sink->lines() == std::vector<std::string>{"before", "after"}));
    }

    void textLinesAreTheSameBytesAsOneWritePerLine() {
        const auto messages = accessLines(500);
        const std::string written = batched(textFormat(), messages);
        CPPUNIT_ASSERT_EQUAL(oneByOne(textFormat(), messages), written);
        const std::string start = "2023-11-14T22:13:20.000Z Warning motel.access: GET /api/suites/0 200 0.1ms "
                                  "127.0.0.1\n2023-11-14T22:13:21.000Z Information motel.access";
        CPPUNIT_ASSERT_EQUAL(start, written.substr(0, start.size()));
    }

    void jsonLinesAreTheSameBytesAsOneWritePerLine() {
        const auto messages = accessLines(500);
        Poco::AutoPtr<Poco::Formatter> json(new motel::host::JsonLogFormatter);
        const std::string written = batched(json, messages);
        CPPUNIT_ASSERT_EQUAL(oneByOne(json, messages), written);
        std::istringstream in(written);
        int count = 0;
        for (std::string each; std::getline(in, each); ++count)
            CPPUNIT_ASSERT(each.find("\"requestId\":\"rid-" + std::to_string(count) + "\"") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(500, count);
    }

    void aLongBatchIsWrittenInChunksOfWholeLines() {
        Poco::AutoPtr<RecordingChannel> sink(new RecordingChannel);
        auto channel = textChannel(sink);
        const std::string padding(100, 'x');
        const int count = 5000; // ~0.5 MB: several chunks
        for (int i = 0; i < count; ++i) channel->log(line("test", std::to_string(i) + padding));
        channel->close();
        for (const auto& text : sink->messages()) {
            CPPUNIT_ASSERT(text.size() < BatchingAsyncChannel::kChunkBytes + 200);
            CPPUNIT_ASSERT(text.back() != '\n');
        }
        CPPUNIT_ASSERT(sink->messages().size() > 1);
        const auto lines = sink->lines();
        CPPUNIT_ASSERT_EQUAL(std::size_t(count), lines.size());
        for (int i = 0; i < count; ++i)
            CPPUNIT_ASSERT_EQUAL(std::to_string(i) + padding, lines[static_cast<std::size_t>(i)]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BatchingAsyncChannelTest);
