#pragma once
/// How other plugins' client-event calls ended, for operators:
/// `motel_realtime_handler_calls_total{outcome}` with outcome `ok`,
/// `client_error` (4xx: refused by the access rule or the handler's
/// HttpError), `server_error` (the handler threw something else), `busy`
/// (queue full, 503) and `timeout` (budget over, 504). Every series exists
/// from the start. Thread-safe.

#include <motel/sdk/Metrics.h>

namespace motel::realtime {

class HandlerCallStats {
public:
    void bind(sdk::MetricsRegistry& metrics);
    /// One call answered with `status` (200 for success).
    void answered(int status);

private:
    sdk::Counter* ok_ = nullptr;
    sdk::Counter* clientError_ = nullptr;
    sdk::Counter* serverError_ = nullptr;
    sdk::Counter* busy_ = nullptr;
    sdk::Counter* timeout_ = nullptr;
};

} // namespace motel::realtime
