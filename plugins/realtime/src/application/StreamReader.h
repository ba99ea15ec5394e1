#pragma once
/// The reading half of the relay between hosts: a thread follows the shared
/// Redis stream (XREAD BLOCK from the last id it handled) and hands every
/// entry, this host's own included, to `onEntry` in stream order, so every
/// host delivers every broadcast in the same order with the same offset.
/// After a lost connection it reconnects and goes on from the last id, so
/// entries appended meanwhile are not missed. An entry seen twice (same
/// origin and sequence) is skipped.

#include "application/RedisConnection.h"
#include "application/RelayMessage.h"

#include <Poco/Logger.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace motel::realtime {

class StreamReader {
public:
    using EntryHandler = std::function<void(const StreamEntry& entry)>;
    /// Called once, on the reader thread, with the id it starts after ("0-0"
    /// for an empty stream), before any entry.
    using StartHandler = std::function<void(const std::string& startId)>;

    StreamReader(sdk::RedisUrl url, std::string stream, EntryHandler onEntry, StartHandler onStart,
                 Poco::Logger& logger);
    ~StreamReader(); ///< stop()
    StreamReader(const StreamReader&) = delete;
    StreamReader& operator=(const StreamReader&) = delete;

    void start();
    void stop();
    bool reading() const { return reading_.load(); }

private:
    void run();
    bool resolveStart();
    void deliver(const StreamEntry& entry);
    bool waitUnlessStopping(std::chrono::milliseconds delay);

    const std::string stream_;
    EntryHandler onEntry_;
    StartHandler onStart_;
    Poco::Logger& logger_;
    RedisConnection link_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::atomic<bool> reading_{false};

    // Reader thread only.
    std::string lastId_;
    std::map<std::string, std::uint64_t> lastSequenceByOrigin_;
};

} // namespace motel::realtime
