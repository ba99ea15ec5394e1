#include "services/InProcessEventBus.h"

#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <stdexcept>

namespace motel::host {

namespace {

/// A pattern is `*`, `<prefix>.*`, or an exact topic without any `*`.
bool isValidPattern(const std::string& pattern) {
    if (pattern.empty()) return false;
    if (pattern == "*") return true;
    const auto star = pattern.find('*');
    if (star == std::string::npos) return true;
    return star == pattern.size() - 1 && pattern.size() >= 3 && pattern[star - 1] == '.';
}

} // namespace

InProcessEventBus::InProcessEventBus(Poco::Logger& logger) : logger_(logger) {}

InProcessEventBus::~InProcessEventBus() = default;

void InProcessEventBus::publish(const std::string& topic, const Poco::Dynamic::Var& payload) {
    // Snapshot the matching subscribers so they run without the lock: a
    // subscriber may subscribe, unsubscribe or publish itself.
    std::vector<std::shared_ptr<Subscription>> targets;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& subscription : subscriptions_)
            if (matches(subscription->pattern, topic)) targets.push_back(subscription);
    }
    const sdk::Event event{topic, payload};
    for (const auto& subscription : targets)
        if (subscription->active.load()) deliver(*subscription, event);
}

InProcessEventBus::SubscriptionId InProcessEventBus::subscribe(const std::string& pattern, Subscriber subscriber) {
    if (!subscriber) throw std::invalid_argument("event subscriber for '" + pattern + "' is empty");
    if (!isValidPattern(pattern))
        throw std::invalid_argument("invalid event pattern '" + pattern +
                                    "': expected an exact topic, '<prefix>.*' or '*'");
    auto subscription = std::make_shared<Subscription>();
    subscription->pattern = pattern;
    subscription->subscriber = std::move(subscriber);
    std::lock_guard<std::mutex> lock(mutex_);
    subscription->id = nextId_++;
    subscriptions_.push_back(subscription);
    return subscription->id;
}

void InProcessEventBus::unsubscribe(SubscriptionId id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = std::find_if(subscriptions_.begin(), subscriptions_.end(),
                                    [id](const auto& subscription) { return subscription->id == id; });
    if (found == subscriptions_.end()) return;
    (*found)->active.store(false);
    subscriptions_.erase(found);
}

std::size_t InProcessEventBus::subscriptionCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return subscriptions_.size();
}

bool InProcessEventBus::matches(const std::string& pattern, const std::string& topic) {
    if (pattern == "*") return true;
    if (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0) {
        const auto prefixLength = pattern.size() - 1; // keeps the dot: "task." matches "task.x" only
        return topic.size() > prefixLength && topic.compare(0, prefixLength, pattern, 0, prefixLength) == 0;
    }
    return pattern == topic;
}

void InProcessEventBus::deliver(const Subscription& subscription, const sdk::Event& event) {
    try {
        subscription.subscriber(event);
    } catch (...) {
        logger_.error("Event subscriber %s for '%s' failed on '%s': %s", std::to_string(subscription.id),
                      subscription.pattern, event.topic, describeCurrentException());
    }
}

} // namespace motel::host
