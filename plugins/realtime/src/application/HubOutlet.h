#pragma once
/// Where plugin channels send their emits and room changes (EventFanout::send)
/// for as long as the realtime plugin runs. Channels belong to other plugins
/// and may outlive it: after shutdown() every send is refused. Thread-safe.

#include "application/RelayMessage.h"

#include <functional>
#include <mutex>

namespace motel::realtime {

class HubOutlet {
public:
    using Send = std::function<void(RelayMessage message)>;

    explicit HubOutlet(Send send) : send_(std::move(send)) {}
    /// False once shut down.
    bool send(RelayMessage message) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!send_) return false;
        send_(std::move(message));
        return true;
    }
    /// Waits for sends in progress; later ones are refused.
    void shutdown() {
        std::lock_guard<std::mutex> lock(mutex_);
        send_ = nullptr;
    }

private:
    std::mutex mutex_;
    Send send_;
};

} // namespace motel::realtime
