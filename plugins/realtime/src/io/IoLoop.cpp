#include "io/IoLoop.h"

#include <motel/sdk/ExceptionText.h>

#include <Poco/Logger.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace motel::realtime {

IoLoop::IoLoop(std::string name, Now now) : name_(std::move(name)), now_(std::move(now)) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wakeup_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_ < 0 || wakeup_ < 0)
        throw std::runtime_error("cannot create epoll loop: " + std::string(std::strerror(errno)));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = wakeup_;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wakeup_, &event);
}

IoLoop::~IoLoop() {
    stop();
    ::close(wakeup_);
    ::close(epoll_);
}

void IoLoop::start() {
    if (thread_.joinable()) return;
    quit_ = false;
    thread_ = std::thread([this] { run(); });
}

void IoLoop::stop() {
    if (!thread_.joinable()) return;
    quit_ = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(wakeup_, &one, sizeof one);
    thread_.join();
    std::lock_guard<std::mutex> lock(postedMutex_);
    posted_.clear();
}

void IoLoop::post(Task task) {
    {
        std::lock_guard<std::mutex> lock(postedMutex_);
        posted_.push_back(std::move(task));
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(wakeup_, &one, sizeof one);
}

void IoLoop::watch(int fd, std::uint32_t events, EventHandler handler) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) {
        throw std::runtime_error("epoll_ctl ADD failed: " + std::string(std::strerror(errno)));
    }
    handlers_[fd] = std::make_shared<EventHandler>(std::move(handler));
}

void IoLoop::rewatch(int fd, std::uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &event);
}

void IoLoop::unwatch(int fd) {
    if (handlers_.erase(fd) == 0) return;
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr); // an already closed fd just fails: nothing to undo
}

IoLoop::TimerId IoLoop::runAfter(std::chrono::milliseconds delay, Task task) {
    TimerId id{now_() + delay, nextSequence_++};
    timers_.emplace(std::make_pair(id.when, id.sequence), std::move(task));
    return id;
}

void IoLoop::cancel(TimerId& timer) {
    if (timer.valid()) timers_.erase(std::make_pair(timer.when, timer.sequence));
    timer = TimerId{};
}

int IoLoop::nextTimeoutMs() const {
    if (timers_.empty()) return 1000;
    const auto wait = timers_.begin()->first.first - now_();
    if (wait <= Clock::duration::zero()) return 0;
    // Round up: waking a little late is fine, waking early spins.
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wait + std::chrono::microseconds(999));
    return static_cast<int>(std::min<long long>(ms.count(), 1000));
}

void IoLoop::runDueTimers() {
    const auto now = now_();
    while (!timers_.empty() && timers_.begin()->first.first <= now) {
        auto node = timers_.extract(timers_.begin());
        try {
            node.mapped()();
        } catch (...) {
            Poco::Logger::get("motel.realtime").error("timer failed on %s: %s", name_, sdk::describeCurrentException());
        }
    }
}

void IoLoop::run() {
    std::vector<epoll_event> events(256);
    std::vector<Task> tasks;
    while (!quit_) {
        const int count = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), nextTimeoutMs());
        if (quit_) break;
        for (int i = 0; i < count; ++i) {
            const int fd = events[i].data.fd;
            if (fd == wakeup_) {
                std::uint64_t value = 0;
                [[maybe_unused]] auto got = ::read(wakeup_, &value, sizeof value);
                continue;
            }
            const auto found = handlers_.find(fd);
            if (found == handlers_.end()) continue;
            const auto handler = found->second; // keeps the handler alive if it unwatches itself
            try {
                (*handler)(events[i].events);
            } catch (...) {
                Poco::Logger::get("motel.realtime")
                    .error("I/O handler failed on %s: %s", name_, sdk::describeCurrentException());
            }
        }
        {
            std::lock_guard<std::mutex> lock(postedMutex_);
            tasks.swap(posted_);
        }
        for (auto& task : tasks) {
            try {
                task();
            } catch (...) {
                Poco::Logger::get("motel.realtime")
                    .error("task failed on %s: %s", name_, sdk::describeCurrentException());
            }
        }
        tasks.clear();
        runDueTimers();
    }
}

} // namespace motel::realtime
