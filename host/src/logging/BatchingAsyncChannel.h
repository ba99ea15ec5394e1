#pragma once
// Hands log messages to one writer thread, as Poco::AsyncChannel does, but
// wakes that thread only when it is idle, and after each batch the writer
// lets lines gather for kGatherTime: under load it takes whole batches and a
// request pays a copy and a short lock, not a condition-variable wake-up (a
// futex call and a context switch) per line, which cost more than the rest
// of an API request. A line waits at most kGatherTime before it is written.
//
// The writer formats each message of a batch with the formatter and hands
// the sink one message whose text is the batch's lines joined by newlines
// (up to kChunkBytes at a time): ConsoleChannel and FileChannel end each
// message they write with a newline, so the output holds the same lines, in
// the same order, for one write per batch instead of one (or two) per line.
// close() writes what is queued first.

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Formatter.h>
#include <Poco/Message.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace motel::host {

class BatchingAsyncChannel : public Poco::Channel {
public:
    /// `sink` receives the formatted lines, several per message, joined by
    /// '\n' without a trailing one: it must end each message with a newline.
    BatchingAsyncChannel(Poco::AutoPtr<Poco::Formatter> formatter, Poco::AutoPtr<Poco::Channel> sink);

    /// Starts the writer (log() starts it too).
    void open() override;
    /// Writes every queued message, then stops the writer; a later log()
    /// starts it again.
    void close() override;
    void log(const Poco::Message& message) override;

    /// A batch's text is handed to the sink once it is this long, so a burst
    /// does not build one huge string.
    static constexpr std::size_t kChunkBytes = 64 * 1024;
    /// How long the writer lets lines gather after writing a batch.
    static constexpr std::chrono::milliseconds kGatherTime{5};

protected:
    ~BatchingAsyncChannel() override;

private:
    Poco::AutoPtr<Poco::Formatter> formatter_;
    Poco::AutoPtr<Poco::Channel> sink_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Poco::Message> pending_;
    bool stopping_ = false; ///< the writer is to finish what is queued and end
    bool running_ = false;  ///< a writer is started and not stopping
    bool idle_ = false;     ///< the writer waits for a line: log() wakes it
    std::thread writer_;
    std::mutex lifecycle_; ///< serialises open() and close()

    void startLocked();
    void run();
    // Writer thread only: formats `batch` and hands it to the sink in chunks.
    void write(const std::vector<Poco::Message>& batch, std::string& chunk, std::string& line);
    void emit(const Poco::Message& first, std::string& chunk);
};

} // namespace motel::host
