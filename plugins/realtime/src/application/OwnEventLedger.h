#pragma once
/// This host's own events reach its sockets by one of two routes: normally
/// read back from the Redis stream (with the stream id as offset), or, while
/// Redis is away, at once and locally (the relay's fallback; other hosts get
/// them from the stream once it is back). The ledger makes sure each one is
/// delivered here exactly once and in sequence order whichever route comes
/// first: it keeps the sequence delivered so far and the events that are in
/// the stream but not read back yet (they must go locally first if Redis
/// goes away before the reader sees them). Thread-safe.

#include "application/RelayMessage.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

namespace motel::realtime {

class OwnEventLedger {
public:
    using Deliver = std::function<void(const RelayMessage& message)>;

    /// The publisher appended `message` to the stream.
    void appended(const RelayMessage& message);
    /// The reader read back one of this host's events: delivers it unless
    /// the fallback already did. True when delivered.
    bool readBack(const RelayMessage& message, const Deliver& deliver);
    /// Redis is away: delivers locally, in order, what was appended but not
    /// read back yet, then `waiting` (in order), skipping what was delivered.
    void deliverLocally(const std::deque<RelayMessage>& waiting, const Deliver& deliver);
    /// One event published during the outage: delivered locally at once.
    void deliverLocally(const RelayMessage& message, const Deliver& deliver);

private:
    bool deliverOnce(const RelayMessage& message, const Deliver& deliver); ///< with mutex_ held

    std::mutex mutex_;
    std::uint64_t deliveredThrough_ = 0;
    std::deque<RelayMessage> notReadBack_;
};

} // namespace motel::realtime
