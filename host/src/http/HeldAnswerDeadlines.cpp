#include "http/HeldAnswerDeadlines.h"

#include <Poco/Logger.h>

namespace motel::host {

HeldAnswerDeadlines::HeldAnswerDeadlines(std::chrono::milliseconds bound, EventLoop::TimeSource clock)
    : bound_(bound), clock_(std::move(clock)) {}

HeldAnswerDeadlines::~HeldAnswerDeadlines() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    for (auto& [deadline, weak] : watched_)
        if (auto holds = weak.lock()) holds->expire(); // answer now rather than never
}

void HeldAnswerDeadlines::watch(const std::shared_ptr<sdk::AnswerHolds>& holds) {
    {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!stopping_) {
            const bool wasEmpty = watched_.empty();
            watched_.emplace_back(now() + bound_, holds);
            if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
            lock.unlock();
            if (wasEmpty) wake_.notify_one();
            return;
        }
    }
    holds->expire(); // stopping: answer now
}

void HeldAnswerDeadlines::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        if (watched_.empty()) {
            wake_.wait(lock);
            continue;
        }
        const auto deadline = watched_.front().first;
        if (now() < deadline) {
            if (clock_)
                wake_.wait_for(lock, std::chrono::milliseconds(EventLoop::kInjectedClockPollMs));
            else
                wake_.wait_until(lock, deadline);
            continue;
        }
        auto holds = watched_.front().second.lock();
        watched_.pop_front();
        if (!holds) continue;
        lock.unlock();
        expire(holds);
        lock.lock();
    }
}

void HeldAnswerDeadlines::expire(const std::shared_ptr<sdk::AnswerHolds>& holds) {
    const std::size_t waiting = holds->pending();
    if (!holds->expire()) return; // released in time
    const std::uint64_t count = ++expired_;
    if (count == 1 || count % 100 == 0)
        Poco::Logger::get("motel.http")
            .warning(
                "An answer waited %Ld ms for %z hold(s) (an event not yet relayed) and was sent anyway; %Lu so far",
                static_cast<Poco::Int64>(bound_.count()), waiting, static_cast<Poco::UInt64>(count));
}

} // namespace motel::host
