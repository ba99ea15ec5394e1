#pragma once
/// The in-host domain event bus. Plugins publish after commit (see
/// SqlSession::afterCommit); subscribers run synchronously on the publishing
/// thread, in subscription order, and must be quick (hand heavy work to a
/// job). An exception from one subscriber is logged and does not reach the
/// publisher or the other subscribers.
///
/// Topics are `<resource>.<verb>`: `suite.created`, `task.assigned`, ...
/// The payload is the resource as REST returns it (a JSON object).

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <functional>
#include <string>

namespace motel::sdk {

struct Event {
    std::string topic;
    Poco::Dynamic::Var payload;
};

class EventBus {
public:
    using Subscriber = std::function<void(const Event&)>;
    using SubscriptionId = std::uint64_t;

    virtual ~EventBus() = default;
    virtual void publish(const std::string& topic, const Poco::Dynamic::Var& payload) = 0;
    /// `pattern` is an exact topic, a prefix ending in `.*` (`task.*`), or `*`.
    virtual SubscriptionId subscribe(const std::string& pattern, Subscriber subscriber) = 0;
    virtual void unsubscribe(SubscriptionId id) = 0;
};

} // namespace motel::sdk
