#pragma once
/// The writing half of the relay between hosts: publish() queues a
/// broadcast and a thread appends it to the shared Redis stream (XADD on one
/// connection, in the order queued). When Redis is away the broadcasts wait
/// in a bounded buffer: a failed XADD reconnects and retries the same entry
/// (checking first whether an attempt whose reply was lost did get through,
/// so nothing is written twice), and once Redis is back the buffer is sent
/// in order. Only when the buffer is full is the oldest entry dropped —
/// counted in `motel_realtime_relay_dropped_total` and logged. Meanwhile
/// this host's own sockets are not kept waiting: during an outage its events
/// are delivered here at once (OwnEventLedger keeps that exactly once). The
/// stream is trimmed to the recovery window (MINID, by Redis's own clock)
/// and to `maxLength` entries.
///
/// publish() may take a hold on the answer of the request that published
/// (sdk/AnswerHold.h): it is released once the entry is in the stream (the
/// XADD was acknowledged), or at once when the event goes to this host's
/// sockets directly (Redis away) or is dropped. So a client hears the REST
/// answer only after its event is where every host reads it, and its next
/// write (perhaps on another host) cannot be relayed first.

#include "application/OwnEventLedger.h"
#include "application/RedisConnection.h"
#include "application/RelayMessage.h"

#include <motel/sdk/AnswerHold.h>
#include <motel/sdk/Metrics.h>

#include <Poco/Logger.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace motel::realtime {

class StreamPublisher {
public:
    struct Options {
        std::string stream;
        std::size_t maxBuffered = 10000;
        std::size_t maxLength = 100000;
        std::chrono::milliseconds window{120000};
    };

    StreamPublisher(sdk::RedisUrl url, Options options, std::string origin, Poco::Logger& logger);
    ~StreamPublisher(); ///< stop()
    StreamPublisher(const StreamPublisher&) = delete;
    StreamPublisher& operator=(const StreamPublisher&) = delete;

    /// Registers `motel_realtime_relay_*`; before start().
    void bind(sdk::MetricsRegistry& metrics);
    /// How this host's sockets get an event while Redis is away; before start().
    void setLocalDelivery(OwnEventLedger::Deliver deliver) { localDelivery_ = std::move(deliver); }
    const std::string& origin() const { return origin_; }
    OwnEventLedger& ledger() { return ledger_; }
    void start();
    /// Lets the thread write (the reader knows where it starts reading, so
    /// this host's own entries cannot slip past it).
    void allow();
    /// Sends what is buffered for up to `flushFor` while Redis answers, then
    /// stops the thread.
    void stop(std::chrono::milliseconds flushFor = std::chrono::milliseconds(2000));
    /// Any thread; never blocks on the network. Fills origin and sequence.
    /// `hold` (may be null) is released once the message is in the stream
    /// (see the class comment).
    void publish(RelayMessage message, std::shared_ptr<sdk::AnswerHold> hold = nullptr);

    std::size_t buffered() const;
    std::uint64_t dropped() const { return dropped_.load(); }

private:
    void run();
    /// Appends `message`; true once it is in the stream.
    bool append(const RelayMessage& message);
    /// After a lost reply: whether `message` made it into the stream.
    std::optional<bool> alreadyAppended(const RelayMessage& message);
    bool allowed();
    /// Redis is away: this host's sockets get the waiting events now.
    void enterFallback();
    void leaveFallback();
    void refreshGauge();
    /// Releases the holds of messages up to `sequence` (all with the maximum).
    void releaseHoldsUpTo(std::uint64_t sequence);
    bool waitUnlessStopping(std::chrono::milliseconds delay);

    const Options options_;
    const std::string origin_;
    Poco::Logger& logger_;
    RedisConnection link_;
    OwnEventLedger ledger_;
    OwnEventLedger::Deliver localDelivery_;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<RelayMessage> outbox_;
    std::optional<RelayMessage> inFlight_; ///< taken from the outbox, not yet confirmed
    /// Answer holds of queued messages, by sequence (ascending).
    std::deque<std::pair<std::uint64_t, std::shared_ptr<sdk::AnswerHold>>> holds_;
    bool allowed_ = false;
    bool stopping_ = false;
    std::chrono::steady_clock::time_point flushDeadline_;
    std::uint64_t nextSequence_ = 1;
    std::atomic<std::uint64_t> dropped_{0};
    bool fallback_ = false; ///< guarded by mutex_: publish() delivers locally

    // Publisher thread only.
    bool uncertain_ = false; ///< the last XADD of inFlight_ may have got through
    std::uint64_t appendedSinceTrim_ = 0;
    std::string trimBefore_; ///< MINID for the next XADD ("" = not known yet)

    sdk::Gauge* bufferedGauge_ = nullptr;
    sdk::Counter* droppedCounter_ = nullptr;
    sdk::Counter* retriesCounter_ = nullptr;
};

} // namespace motel::realtime
