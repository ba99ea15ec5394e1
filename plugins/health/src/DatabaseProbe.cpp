#include "DatabaseProbe.h"

#include <Poco/Exception.h>

#include <cmath>

namespace motel::health {

namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return std::round(ms * 100) / 100;
}

} // namespace

DatabaseProbe::DatabaseProbe(RoundTrip roundTrip, ChangeLog changeLog)
    : roundTrip_(std::move(roundTrip)), changeLog_(std::move(changeLog)) {}

DatabaseProbe::~DatabaseProbe() {
    shutdown();
}

ProbeOutcome DatabaseProbe::probe(std::chrono::milliseconds timeout) {
    const auto start = Clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return ProbeOutcome{false, 0, "the health plugin is stopping"};
    if (!worker_.joinable()) {
        try {
            worker_ = std::thread([this] { work(); });
        } catch (const std::system_error& error) {
            return ProbeOutcome{false, 0, std::string("could not start the probe: ") + error.what()};
        }
    }
    // Either a round trip is running (wait for it: it is as fresh as any we
    // could start) or we ask for one; both finish as number finished_ + 1.
    const std::uint64_t awaited = finished_ + 1;
    if (!requested_) {
        requested_ = true;
        changed_.notify_all();
    }
    if (changed_.wait_until(lock, start + timeout, [&] { return finished_ >= awaited || stopping_; }) &&
        finished_ >= awaited)
        return last_;
    return ProbeOutcome{false, millisecondsSince(start), "no answer within " + std::to_string(timeout.count()) + " ms"};
}

sdk::HealthResult DatabaseProbe::check(std::chrono::milliseconds timeout) {
    const ProbeOutcome outcome = probe(timeout);
    sdk::HealthResult result;
    result.up = outcome.up;
    result.level = outcome.up ? sdk::HealthLevel::ok : sdk::HealthLevel::critical;
    result.responseTimeMs = outcome.responseTimeMs;
    if (!outcome.up) {
        result.details = new Poco::JSON::Object;
        result.details->set("error", outcome.problem);
    }
    return result;
}

void DatabaseProbe::shutdown() noexcept {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void DatabaseProbe::work() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        changed_.wait(lock, [this] { return requested_ || stopping_; });
        if (stopping_) return;
        lock.unlock();
        std::string error;
        ProbeOutcome outcome = roundTripOnce(error);
        if (outcome.up != reportedUp_ && changeLog_) {
            try {
                changeLog_(outcome.up, error);
            } catch (...) {
                // logging must never stop the probe
            }
        }
        reportedUp_ = outcome.up;
        lock.lock();
        last_ = std::move(outcome);
        ++finished_;
        requested_ = false;
        changed_.notify_all();
    }
}

ProbeOutcome DatabaseProbe::roundTripOnce(std::string& error) const {
    const auto start = Clock::now();
    // What the database said goes to the log only: /health is public and
    // driver messages can name hosts, users and SQL.
    try {
        roundTrip_();
        return ProbeOutcome{true, millisecondsSince(start), ""};
    } catch (const Poco::Exception& e) {
        error = e.displayText();
    } catch (const std::exception& e) {
        error = e.what();
    } catch (...) {
        error = "unknown exception";
    }
    return ProbeOutcome{false, millisecondsSince(start), "query failed"};
}

} // namespace motel::health
