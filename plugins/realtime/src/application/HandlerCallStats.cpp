#include "application/HandlerCallStats.h"

namespace motel::realtime {

namespace {
const char* const kCalls = "motel_realtime_handler_calls_total";
const char* const kCallsHelp = "Other plugins' Socket.IO client-event calls by outcome";
} // namespace

void HandlerCallStats::bind(sdk::MetricsRegistry& metrics) {
    ok_ = &metrics.counter(kCalls, kCallsHelp, {{"outcome", "ok"}});
    clientError_ = &metrics.counter(kCalls, kCallsHelp, {{"outcome", "client_error"}});
    serverError_ = &metrics.counter(kCalls, kCallsHelp, {{"outcome", "server_error"}});
    busy_ = &metrics.counter(kCalls, kCallsHelp, {{"outcome", "busy"}});
    timeout_ = &metrics.counter(kCalls, kCallsHelp, {{"outcome", "timeout"}});
}

void HandlerCallStats::answered(int status) {
    sdk::Counter* counter = status < 400    ? ok_
                            : status == 503 ? busy_
                            : status == 504 ? timeout_
                            : status >= 500 ? serverError_
                                            : clientError_;
    if (counter) counter->increment();
}

} // namespace motel::realtime
