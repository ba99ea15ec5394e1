#pragma once
/// The Engine.IO settings of one server (`plugins.realtime.*`, or the fixed
/// values of the compliance mode the official test suites expect).

#include <chrono>
#include <cstddef>

namespace motel::realtime {

struct EngineOptions {
    std::chrono::milliseconds pingInterval{25000};
    std::chrono::milliseconds pingTimeout{20000};
    std::size_t maxPayload = 1000000;                ///< bytes per HTTP body or WebSocket message
    std::chrono::milliseconds upgradeTimeout{10000}; ///< a probing WebSocket must finish the upgrade by then
    std::chrono::milliseconds sendTimeout{10000};    ///< a WebSocket that accepts no bytes for this long is dropped
    std::size_t maxQueuedBytes = 4u << 20;           ///< a WebSocket with more unsent bytes is dropped
};

} // namespace motel::realtime
