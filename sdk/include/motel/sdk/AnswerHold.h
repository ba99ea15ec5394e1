#pragma once
/// Holding a request's answer until work it started elsewhere is done.
///
/// Why: an event a request publishes may travel on (the realtime plugin
/// appends it to a Redis stream that every host reads). If the client hears
/// the REST answer first, its next write can reach another host and publish
/// there before this event is in the stream, and every socket then sees the
/// two in the wrong order. A subscriber that forwards an event asynchronously
/// takes a hold while the request that published it is being dispatched,
/// and releases it once the event is where it must be (the XADD was
/// acknowledged); the host sends the answer when every hold of the request
/// is released, or after a bound (1 s: then it answers anyway and logs a
/// warning). No thread waits meanwhile: the answer is deferred like a
/// DeferredReply's.
///
/// Plugin-neutral: any subscriber or handler may hold the answer; outside a
/// request (a job, a timer, a test without a host) there is nothing to hold
/// and holdAnswer() returns null.

#include <motel/sdk/Export.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>

namespace motel::sdk {

class AnswerHolds;

/// One reason to hold the answer. Release it once (any thread); a hold
/// dropped without release() is released then, so a forgotten hold costs
/// only its wait, never the answer.
class MOTEL_SDK_API AnswerHold {
public:
    /// Keeps `holds` alive until released: the answer waits in it.
    explicit AnswerHold(std::shared_ptr<AnswerHolds> holds);
    ~AnswerHold();
    AnswerHold(const AnswerHold&) = delete;
    AnswerHold& operator=(const AnswerHold&) = delete;

    /// The work is done: the answer need not wait for it any longer.
    void release() noexcept;

private:
    std::shared_ptr<AnswerHolds> holds_;
    std::atomic<bool> released_{false};
};

/// On the thread dispatching a request (its handler, and the event
/// subscribers its publishes run): a new hold on that request's answer.
/// Null outside a request, or when the request cannot wait (it was taken
/// over or already deferred by its handler).
MOTEL_SDK_API std::shared_ptr<AnswerHold> holdAnswer();

/// The host's side: the holds of one request. Thread-safe.
class MOTEL_SDK_API AnswerHolds : public std::enable_shared_from_this<AnswerHolds> {
public:
    /// Takes a hold (what holdAnswer() returns while this collects).
    std::shared_ptr<AnswerHold> take();
    /// Holds taken and not released yet.
    std::size_t pending() const;
    /// Runs `then` once: when the last hold is released, or at once if none
    /// is pending, or from expire(). Only the first call counts.
    void whenReleased(std::function<void()> then);
    /// The bound passed: runs the waiting `then` now. True when holds were
    /// still pending (the answer did not wait for them all).
    bool expire();

    /// While the scope lives, holdAnswer() on this thread adds to the holds
    /// in `*slot`, creating them on the first call (so a request that holds
    /// nothing allocates nothing); a null `slot`: nothing can be held. The
    /// host opens one around a request's dispatch.
    class MOTEL_SDK_API Scope {
    public:
        explicit Scope(std::shared_ptr<AnswerHolds>* slot);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        std::shared_ptr<AnswerHolds>* previous_;
    };

private:
    friend class AnswerHold;
    void released();

    mutable std::mutex mutex_;
    std::size_t pending_ = 0;
    std::function<void()> then_;
    bool done_ = false;
};

} // namespace motel::sdk
