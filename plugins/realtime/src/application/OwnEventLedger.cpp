#include "application/OwnEventLedger.h"

namespace motel::realtime {

bool OwnEventLedger::deliverOnce(const RelayMessage& message, const Deliver& deliver) {
    if (message.sequence <= deliveredThrough_) return false;
    deliveredThrough_ = message.sequence;
    deliver(message);
    return true;
}

void OwnEventLedger::appended(const RelayMessage& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (message.sequence > deliveredThrough_) notReadBack_.push_back(message);
}

bool OwnEventLedger::readBack(const RelayMessage& message, const Deliver& deliver) {
    std::lock_guard<std::mutex> lock(mutex_);
    while (!notReadBack_.empty() && notReadBack_.front().sequence <= message.sequence) notReadBack_.pop_front();
    return deliverOnce(message, deliver);
}

void OwnEventLedger::deliverLocally(const std::deque<RelayMessage>& waiting, const Deliver& deliver) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& message : notReadBack_) deliverOnce(message, deliver);
    notReadBack_.clear();
    for (const auto& message : waiting) deliverOnce(message, deliver);
}

void OwnEventLedger::deliverLocally(const RelayMessage& message, const Deliver& deliver) {
    std::lock_guard<std::mutex> lock(mutex_);
    deliverOnce(message, deliver);
}

} // namespace motel::realtime
