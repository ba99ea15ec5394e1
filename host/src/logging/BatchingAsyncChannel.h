#pragma once
// Hands log messages to one writer thread, as Poco::AsyncChannel does, but
// wakes that thread only when its queue goes from empty to non-empty: under
// load the writer takes whole batches and a request pays a copy and a short
// lock, not a condition-variable wake-up (a futex call and a context switch)
// per line, which cost more than the rest of an API request. Lines keep their
// order and their content; close() writes what is queued first.

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace motel::host {

class BatchingAsyncChannel : public Poco::Channel {
public:
    explicit BatchingAsyncChannel(Poco::AutoPtr<Poco::Channel> target);

    /// Starts the writer (log() starts it too).
    void open() override;
    /// Writes every queued message, then stops the writer; a later log()
    /// starts it again.
    void close() override;
    void log(const Poco::Message& message) override;

protected:
    ~BatchingAsyncChannel() override;

private:
    Poco::AutoPtr<Poco::Channel> target_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Poco::Message> pending_;
    bool stopping_ = false; ///< the writer is to finish what is queued and end
    bool running_ = false;  ///< a writer is started and not stopping
    std::thread writer_;
    std::mutex lifecycle_; ///< serialises open() and close()

    void startLocked();
    void run();
};

} // namespace motel::host
