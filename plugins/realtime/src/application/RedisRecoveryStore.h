#pragma once
/// Connection state recovery on any host sharing a Redis (`redis.url`), as
/// the official Redis Streams adapter does it: the broadcasts are the entries
/// of the relay's stream (offset = stream id, the same on every host), and a
/// dropped socket is saved as one key `<stream>:session:<pid>` that expires
/// after the window. restore() checks the owner first (a stranger presenting
/// the pid neither gets nor spends the session), then reads the entries after
/// the client's offset (at most `maxMissed`: a client that missed more gets a
/// fresh session and refetches). The key is not consumed but kept until its
/// window ends: a client whose new connection is cut again at once (a
/// long-polling session whose requests the proxy sent to two hosts while one
/// restarted) recovers again from its own offset, so it still gets each event
/// once; the session it left behind just times out. One connection, one
/// caller at a time; short timeouts, and when Redis is away sessions are
/// neither saved nor restored (the client gets a fresh session, as after the
/// window).

#include "application/RedisConnection.h"
#include "socketio/RecoveryStore.h"

#include <Poco/Logger.h>

#include <chrono>
#include <mutex>

namespace motel::realtime {

class RedisRecoveryStore : public RecoveryStore {
public:
    RedisRecoveryStore(sdk::RedisUrl url, std::string stream, std::chrono::milliseconds window, std::size_t maxMissed,
                       Poco::Logger& logger);

    void record(const std::string& offset, const std::string& nsp, const std::string& room,
                SharedPacket packet) override;
    void save(RecoverySession session) override;
    std::optional<RecoveredSession> restore(const RecoveryRequest& request) override;

    /// The key a session is saved under.
    std::string sessionKey(const std::string& pid) const { return stream_ + ":session:" + pid; }

private:
    /// The owner check prefix of a saved value: `<userId>\n<nsp>\n`.
    static std::string ownerTag(std::int64_t userId, const std::string& nsp);
    /// The broadcasts of `session`'s rooms after `from` up to `upTo` ("" =
    /// newest); nullopt when `from` is no longer in the stream or more than
    /// maxMissed entries follow it.
    std::optional<std::vector<SharedPacket>> missedSince(const RecoverySession& session, const std::string& from,
                                                         const std::string& upTo);
    void noteFailure(const char* what);
    /// False while a recent failure says Redis is away (it is tried again
    /// after a second): a socket loop never waits on it twice in a row.
    bool reachable();

    const std::string stream_;
    const std::chrono::milliseconds window_;
    const std::size_t maxMissed_;
    Poco::Logger& logger_;
    std::mutex mutex_;
    RedisConnection link_;
    bool failing_ = false;
    std::chrono::steady_clock::time_point retryAt_{};
};

} // namespace motel::realtime
