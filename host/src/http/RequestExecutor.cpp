#include "http/RequestExecutor.h"

#include "http/ForwardedFor.h"
#include "http/RequestTarget.h"
#include "http/ResponseSerializer.h"
#include "routing/ErrorEnvelope.h"
#include "services/ExceptionText.h"

#include <motel/sdk/Errors.h>

#include <Poco/Logger.h>
#include <Poco/String.h>

#include <ctime>
#include <stdexcept>

#include <sys/resource.h>

namespace motel::host {

namespace {

/// Measures the calling thread's CPU time, sleeps and wall time over a scope.
/// CPU time comes from the thread's CPU clock: getrusage's utime/stime are
/// split by scheduler ticks and jump by milliseconds.
class CostMeter {
public:
    explicit CostMeter(bool precise) : precise_(precise), wallStart_(std::chrono::steady_clock::now()) {
        if (!precise_) return;
        cpuStart_ = threadCpuNanos();
        ::getrusage(RUSAGE_THREAD, &usage_);
    }
    DispatchCost finish() const {
        DispatchCost cost;
        cost.precise = precise_;
        cost.wall =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - wallStart_);
        if (!precise_) return cost;
        rusage now{};
        ::getrusage(RUSAGE_THREAD, &now);
        cost.cpu = std::chrono::microseconds((threadCpuNanos() - cpuStart_) / 1000);
        cost.blocked = now.ru_nvcsw != usage_.ru_nvcsw;
        return cost;
    }

private:
    static long long threadCpuNanos() {
        timespec t{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<long long>(t.tv_sec) * 1000000000 + t.tv_nsec;
    }
    bool precise_;
    std::chrono::steady_clock::time_point wallStart_;
    long long cpuStart_ = 0;
    rusage usage_{};
};

void renderInternalError(sdk::Response& response) {
    response = sdk::Response{};
    renderError(500, "Internal server error", response);
}

} // namespace

RequestExecutor::RequestExecutor(RequestDispatch dispatch, bool trustForwardedFor,
                                 const std::atomic<bool>* serverStopping, CostReviser reviseCost,
                                 EventLoop::TimeSource clock)
    : dispatch_(std::move(dispatch)), trustForwardedFor_(trustForwardedFor), serverStopping_(serverStopping),
      reviseCost_(std::move(reviseCost)),
      holdDeadlines_(std::make_unique<HeldAnswerDeadlines>(kAnswerHoldBound, std::move(clock))) {}

std::string RequestExecutor::clientAddress(const ParsedRequest& request, const std::string& peerAddress) const {
    if (!trustForwardedFor_) return peerAddress;
    std::string_view forwarded;
    for (const auto& [name, value] : request.headers)
        if (Poco::icompare(name, "X-Forwarded-For") == 0) forwarded = value; // the last header is our proxy's
    return ForwardedFor::lastAddress(forwarded).value_or(peerAddress);
}

RequestExecutor::Outcome RequestExecutor::execute(ParsedRequest parsed, const std::string& peerAddress, bool closing,
                                                  bool preciseCost, const HttpExchange::ReplyFactory& makeReply) const {
    const CostMeter meter(preciseCost);
    std::string method, target; // copied for a cost reviser only: parsed is moved from below
    if (reviseCost_) method = parsed.method, target = parsed.target;
    const auto costSoFar = [&] { return reviseCost_ ? reviseCost_(method, target, meter.finish()) : meter.finish(); };
    ResponseFraming framing;
    framing.headRequest = parsed.method == "HEAD";
    framing.keepAlive = parsed.keepAlive && !closing;
    framing.http10 = parsed.minorVersion == 0;

    sdk::Request request;
    sdk::Response response;
    ConnectionTakeover takeover;
    HttpExchange exchange(takeover, makeReply);
    std::shared_ptr<sdk::AnswerHolds> holds; // created by the first sdk::holdAnswer(), if any
    try {
        RequestTarget target = RequestTarget::decode(parsed.target);
        request.path = std::move(target.path);
        request.query = std::move(target.query);
        request.remoteAddress = clientAddress(parsed, peerAddress);
        request.method = std::move(parsed.method);
        request.headers = std::move(parsed.headers);
        request.body = std::move(parsed.body);
        request.exchange = &exchange;
        const sdk::AnswerHolds::Scope holding(makeReply ? &holds : nullptr); // only a later answer can be held
        dispatch_(request, response, takeover);
    } catch (const sdk::HttpError& error) {
        takeover.release();
        response = sdk::Response{};
        renderError(error, response);
    } catch (...) {
        takeover.release();
        Poco::Logger::get("motel.http")
            .error("Unhandled exception for %s %s: %s", request.method, request.path, describeCurrentException());
        renderInternalError(response);
    }
    request.exchange = nullptr;

    Outcome outcome;
    outcome.workersOnly = exchange.workersOnly();
    if (holds && holds->pending() > 0 && !takeover.claimed()) holdAnswer(exchange, holds, response);
    if (exchange.settle()) {
        takeover.release(); // a deferred request is not taken over as well
        LaterAnswer later;
        later.framing = framing;
        later.inheritedHeaders = std::move(response.headers);
        outcome.deferred = std::move(later);
        outcome.cost = costSoFar();
        return outcome;
    }
    if (takeover.claimed()) {
        framing.upgrade = true;
        outcome.takeover = takeover.take();
    }
    serializeInto(outcome, response, framing);
    outcome.cost = costSoFar();
    return outcome;
}

bool RequestExecutor::holdAnswer(HttpExchange& exchange, const std::shared_ptr<sdk::AnswerHolds>& holds,
                                 const sdk::Response& response) const {
    std::shared_ptr<sdk::DeferredReply> reply;
    try {
        reply = exchange.defer(); // the handler's own deferral, if it made one, answers as it will
    } catch (const std::logic_error&) {
        return false;
    }
    if (reply.use_count() > 2) return false; // the handler deferred and keeps the reply: not ours to send
    holds->whenReleased([reply, response] { reply->send(response); });
    holdDeadlines_->watch(holds);
    return true;
}

RequestExecutor::Outcome RequestExecutor::answerLater(const LaterAnswer& later, sdk::Response answer,
                                                      bool closing) const {
    for (const auto& [name, value] : later.inheritedHeaders) {
        if (Poco::icompare(name, "Content-Type") == 0 || !answer.header(name).empty()) continue;
        answer.headers.emplace_back(name, value);
    }
    ResponseFraming framing = later.framing;
    if (closing) framing.keepAlive = false;
    Outcome outcome;
    serializeInto(outcome, answer, framing);
    return outcome;
}

void RequestExecutor::serializeInto(Outcome& outcome, const sdk::Response& response, ResponseFraming framing) const {
    if (serverStopping_ && serverStopping_->load()) framing.keepAlive = false;
    if (Poco::icompare(response.header("Connection"), "close") == 0) framing.keepAlive = false;
    outcome.keepAlive = framing.keepAlive;
    try {
        outcome.bytes = ResponseSerializer::serialize(response, framing);
    } catch (...) {
        Poco::Logger::get("motel.http").error("Cannot serialise a response: %s", describeCurrentException());
        outcome.takeover = nullptr;
        outcome.keepAlive = false;
        outcome.bytes = ResponseSerializer::error(500, "Internal server error", ResponseFraming{false, false});
    }
}

} // namespace motel::host
