#include "http/EventLoop.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace motel::host {

namespace {

thread_local EventLoop* currentLoop = nullptr;

std::runtime_error systemError(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

} // namespace

EventLoop::EventLoop(TimeSource clock)
    : clock_(std::move(clock)), epoll_(::epoll_create1(EPOLL_CLOEXEC)),
      wakeup_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (!epoll_) throw systemError("epoll_create1");
    if (!wakeup_) throw systemError("eventfd");
    now_ = currentTime();
    add(wakeup_.get(), Interest::read, Handlers{[this] { drainWakeup(); }, {}});
}

EventLoop::~EventLoop() = default;

EventLoop* EventLoop::current() {
    return currentLoop;
}

bool EventLoop::isInLoopThread() const {
    return thread_.load() == std::this_thread::get_id();
}

std::uint32_t EventLoop::epollEvents(Interest interest, bool edgeTriggered) {
    std::uint32_t events = EPOLLRDHUP;
    if (static_cast<std::uint32_t>(interest) & static_cast<std::uint32_t>(Interest::read)) events |= EPOLLIN;
    if (static_cast<std::uint32_t>(interest) & static_cast<std::uint32_t>(Interest::write)) events |= EPOLLOUT;
    if (edgeTriggered) events |= EPOLLET;
    return events;
}

void EventLoop::add(int fd, Interest interest, Handlers handlers, bool edgeTriggered) {
    if (fd < 0) throw std::invalid_argument("EventLoop::add: negative descriptor");
    if (static_cast<std::size_t>(fd) >= watches_.size()) watches_.resize(static_cast<std::size_t>(fd) + 64);
    if (watches_[fd]) throw std::logic_error("EventLoop::add: descriptor " + std::to_string(fd) + " already watched");
    auto watch = std::make_shared<Watch>();
    watch->handlers = std::move(handlers);
    watch->events = epollEvents(interest, edgeTriggered);
    epoll_event event{};
    event.events = watch->events;
    event.data.fd = fd;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &event) != 0) throw systemError("epoll_ctl(ADD)");
    watches_[fd] = std::move(watch);
    ++watchCount_;
}

void EventLoop::modify(int fd, Interest interest) {
    if (!watches(fd)) return;
    Watch& watch = *watches_[fd];
    const std::uint32_t events = epollEvents(interest, (watch.events & EPOLLET) != 0);
    if (events == watch.events) return;
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, fd, &event) != 0) throw systemError("epoll_ctl(MOD)");
    watch.events = events;
}

void EventLoop::remove(int fd) {
    if (!watches(fd)) return;
    ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
    watches_[fd].reset();
    --watchCount_;
}

bool EventLoop::watches(int fd) const {
    return fd >= 0 && static_cast<std::size_t>(fd) < watches_.size() && watches_[fd] != nullptr;
}

EventLoop::TimerId EventLoop::runAt(Clock::time_point when, Task task) {
    TimerId id{when, nextTimerSequence_++};
    timers_.emplace(std::make_pair(id.when, id.sequence), std::move(task));
    return id;
}

EventLoop::TimerId EventLoop::runAfter(std::chrono::milliseconds delay, Task task) {
    return runAt(currentTime() + delay, std::move(task));
}

void EventLoop::cancel(TimerId timer) {
    if (timer.valid()) timers_.erase(std::make_pair(timer.when, timer.sequence));
}

void EventLoop::post(Task task) {
    bool wasEmpty;
    {
        std::lock_guard<std::mutex> lock(postedMutex_);
        wasEmpty = posted_.empty();
        posted_.push_back(std::move(task));
    }
    // One wake-up per batch: a non-empty queue means the loop is already due
    // to run it (it drains the eventfd before taking the queue).
    if (wasEmpty) wake();
}

void EventLoop::dispatch(Task task) {
    if (isInLoopThread())
        task();
    else
        post(std::move(task));
}

void EventLoop::quit() {
    quit_.store(true);
    wake();
}

void EventLoop::wake() {
    const std::uint64_t one = 1;
    ssize_t written;
    do {
        written = ::write(wakeup_.get(), &one, sizeof one);
    } while (written < 0 && errno == EINTR);
}

void EventLoop::drainWakeup() {
    std::uint64_t count;
    while (::read(wakeup_.get(), &count, sizeof count) > 0) {
    }
}

int EventLoop::waitTimeoutMs() const {
    if (quit_.load(std::memory_order_relaxed)) return 0;
    if (timers_.empty()) return -1;
    const auto wait = timers_.begin()->first.first - currentTime();
    if (wait <= Clock::duration::zero()) return 0;
    // Round up so a timer never fires a little early and spins.
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    const int ceiling = clock_ ? kInjectedClockPollMs : 60000;
    return ms > ceiling ? ceiling : static_cast<int>(ms);
}

void EventLoop::run() {
    thread_.store(std::this_thread::get_id());
    EventLoop* const previous = currentLoop;
    currentLoop = this;
    constexpr int maxEvents = 256;
    epoll_event events[maxEvents];
    while (!quit_.load()) {
        const int ready = ::epoll_wait(epoll_.get(), events, maxEvents, waitTimeoutMs());
        now_ = currentTime();
        if (ready < 0 && errno != EINTR) {
            Poco::Logger::get("motel.http").error("epoll_wait failed: %s", std::string(std::strerror(errno)));
            break;
        }
        for (int i = 0; i < ready; ++i) handleEvent(events[i].data.fd, events[i].events);
        runPostedTasks();
        runDueTimers();
    }
    currentLoop = previous;
    thread_.store(std::thread::id{});
}

void EventLoop::handleEvent(int fd, std::uint32_t events) {
    if (!watches(fd)) return;
    // Hold the watch so a callback that removes its own descriptor (and with
    // it the last reference to the handlers and what they captured) is safe.
    const std::shared_ptr<Watch> watch = watches_[fd];
    if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) && watch->handlers.onReadable)
        runGuarded(watch->handlers.onReadable, "read callback");
    if (!watches(fd) || watches_[fd] != watch) return;
    if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) && (watch->events & EPOLLOUT) && watch->handlers.onWritable)
        runGuarded(watch->handlers.onWritable, "write callback");
}

void EventLoop::runPostedTasks() {
    {
        std::lock_guard<std::mutex> lock(postedMutex_);
        if (posted_.empty()) return;
        running_.swap(posted_);
    }
    for (const Task& task : running_) runGuarded(task, "posted task");
    running_.clear(); // keeps its capacity: no allocation per batch
}

void EventLoop::runDueTimers() {
    if (timers_.empty()) return;
    const auto now = currentTime();
    while (!timers_.empty() && timers_.begin()->first.first <= now) {
        auto node = timers_.extract(timers_.begin());
        runGuarded(node.mapped(), "timer");
    }
}

void EventLoop::runGuarded(const Task& task, const char* what) {
    try {
        task();
    } catch (...) {
        Poco::Logger::get("motel.http").error("Event loop %s threw: %s", std::string(what), describeCurrentException());
    }
}

} // namespace motel::host
