#pragma once
// The host's in-process domain event bus.

#include <motel/sdk/Events.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace Poco {
class Logger;
}

namespace motel::host {

/// The EventBus every plugin receives. Delivery is synchronous, on the
/// publishing thread, in subscription order; a subscriber that throws is
/// logged and skipped, so neither the publisher nor the other subscribers
/// notice. publish/subscribe/unsubscribe may be called from any thread and
/// from inside a subscriber (subscribers run without the bus's lock held).
///
/// Bridges to the outside world (a Redis fan-out to other hosts, the
/// realtime plugin's WebSocket push) are ordinary `*` subscribers: the bus
/// needs no special "tap" hook for them.
class InProcessEventBus : public sdk::EventBus {
public:
    /// `logger` receives subscriber failures; it must outlive the bus.
    explicit InProcessEventBus(Poco::Logger& logger);
    ~InProcessEventBus() override;

    InProcessEventBus(const InProcessEventBus&) = delete;
    InProcessEventBus& operator=(const InProcessEventBus&) = delete;

    void publish(const std::string& topic, const Poco::Dynamic::Var& payload) override;
    /// Throws std::invalid_argument for an empty subscriber or a pattern that
    /// is not an exact topic, `<prefix>.*` or `*`.
    SubscriptionId subscribe(const std::string& pattern, Subscriber subscriber) override;
    /// After this returns the subscriber is not called again (a call already
    /// running on another thread finishes). Unknown ids are ignored.
    void unsubscribe(SubscriptionId id) override;

    /// Number of live subscriptions (for diagnostics and tests).
    std::size_t subscriptionCount() const;

private:
    struct Subscription {
        SubscriptionId id;
        std::string pattern;
        Subscriber subscriber;
        std::atomic<bool> active{true};
    };

    static bool matches(const std::string& pattern, const std::string& topic);
    void deliver(const Subscription& subscription, const sdk::Event& event);

    Poco::Logger& logger_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<Subscription>> subscriptions_; ///< in subscription order
    SubscriptionId nextId_ = 1;
};

} // namespace motel::host
