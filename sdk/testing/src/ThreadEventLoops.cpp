#include <motel/sdk/testing/ThreadEventLoops.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace motel::sdk::testing {

namespace {

thread_local EventLoop* currentLoop = nullptr;

std::uint32_t epollBits(IoEvents interest) {
    std::uint32_t bits = EPOLLRDHUP;
    if (hasAny(interest, IoEvents::readable)) bits |= EPOLLIN;
    if (hasAny(interest, IoEvents::writable)) bits |= EPOLLOUT;
    return bits;
}

IoEvents readiness(std::uint32_t bits) {
    IoEvents ready = IoEvents::none;
    if (bits & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) ready = ready | IoEvents::readable;
    if (bits & (EPOLLOUT | EPOLLHUP | EPOLLERR)) ready = ready | IoEvents::writable;
    return ready;
}

std::runtime_error systemError(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

} // namespace

/// One loop: the same reactor shape as the host's (epoll, an eventfd for
/// post(), an ordered timer map), reading the injected clock.
class ThreadEventLoop : public EventLoop {
public:
    ThreadEventLoop(ThreadEventLoops::Now now, std::shared_ptr<std::atomic<std::size_t>> failures)
        : now_(std::move(now)), failures_(std::move(failures)) {
        epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
        wakeup_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (epoll_ < 0 || wakeup_ < 0) throw systemError("cannot create a test event loop");
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = wakeup_;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wakeup_, &event);
    }

    ~ThreadEventLoop() override {
        stop();
        ::close(wakeup_);
        ::close(epoll_);
    }

    void start() {
        if (thread_.joinable()) return;
        quit_ = false;
        thread_ = std::thread([this] { run(); });
    }

    void stop() {
        if (!thread_.joinable()) return;
        quit_ = true;
        wake();
        thread_.join();
        std::lock_guard<std::mutex> lock(postedMutex_);
        posted_.clear();
    }

    bool inLoopThread() const override { return std::this_thread::get_id() == thread_.get_id(); }

    void post(Task task) override {
        {
            std::lock_guard<std::mutex> lock(postedMutex_);
            posted_.push_back(std::move(task));
        }
        wake();
    }

    void watch(int fd, IoEvents interest, IoHandler handler) override {
        if (handlers_.count(fd)) throw std::runtime_error("descriptor " + std::to_string(fd) + " already watched");
        epoll_event event{};
        event.events = epollBits(interest);
        event.data.fd = fd;
        if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) throw systemError("epoll_ctl(ADD)");
        handlers_[fd] = std::make_shared<IoHandler>(std::move(handler));
    }

    void rewatch(int fd, IoEvents interest) override {
        if (!handlers_.count(fd)) return;
        epoll_event event{};
        event.events = epollBits(interest);
        event.data.fd = fd;
        ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &event);
    }

    void unwatch(int fd) override {
        if (handlers_.erase(fd) == 0) return;
        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr); // an already closed fd just fails: nothing to undo
    }

    TimerId runAfter(std::chrono::milliseconds delay, Task task) override {
        TimerId id{now_() + delay, nextSequence_++};
        timers_.emplace(std::make_pair(id.when, id.sequence), std::move(task));
        return id;
    }

    void cancel(TimerId timer) override {
        if (timer.valid()) timers_.erase(std::make_pair(timer.when, timer.sequence));
    }

    std::size_t watchCount() const { return handlers_.size(); }
    std::size_t timerCount() const { return timers_.size(); }

private:
    void wake() {
        const std::uint64_t one = 1;
        [[maybe_unused]] auto written = ::write(wakeup_, &one, sizeof one);
    }

    // Looks at the clock at least once a second; a test that moves the
    // clock post()s anything to make the loop look at once.
    int nextTimeoutMs() const {
        constexpr int kLongest = 1000;
        if (timers_.empty()) return kLongest;
        const auto wait = timers_.begin()->first.first - now_();
        if (wait <= Clock::duration::zero()) return 0;
        const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
        return ms > kLongest ? kLongest : static_cast<int>(ms);
    }

    void guarded(const std::function<void()>& work) {
        try {
            work();
        } catch (...) {
            ++*failures_;
        }
    }

    void run() {
        currentLoop = this;
        epoll_event events[64];
        std::vector<Task> tasks;
        while (!quit_) {
            const int count = ::epoll_wait(epoll_, events, 64, nextTimeoutMs());
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
                const auto handler = found->second; // alive even if it unwatches itself
                const IoEvents ready = readiness(events[i].events);
                guarded([&] { (*handler)(ready); });
            }
            {
                std::lock_guard<std::mutex> lock(postedMutex_);
                tasks.swap(posted_);
            }
            for (auto& task : tasks) guarded(task);
            tasks.clear();
            const auto now = now_();
            while (!timers_.empty() && timers_.begin()->first.first <= now) {
                auto node = timers_.extract(timers_.begin());
                guarded(node.mapped());
            }
        }
        currentLoop = nullptr;
    }

    ThreadEventLoops::Now now_;
    std::shared_ptr<std::atomic<std::size_t>> failures_;
    int epoll_ = -1;
    int wakeup_ = -1;
    std::thread thread_;
    std::atomic<bool> quit_{false};
    std::mutex postedMutex_;
    std::vector<Task> posted_;
    std::unordered_map<int, std::shared_ptr<IoHandler>> handlers_;
    std::map<std::pair<Clock::time_point, std::uint64_t>, Task> timers_;
    std::uint64_t nextSequence_ = 1;
};

ThreadEventLoops::ThreadEventLoops(std::size_t count, Now now)
    : failures_(std::make_shared<std::atomic<std::size_t>>(0)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i)
        loops_.push_back(std::make_unique<ThreadEventLoop>(now, failures_));
}

ThreadEventLoops::~ThreadEventLoops() {
    stop();
}

void ThreadEventLoops::start() {
    for (auto& loop : loops_) loop->start();
}

void ThreadEventLoops::stop() {
    for (auto& loop : loops_) loop->stop();
}

EventLoop& ThreadEventLoops::at(std::size_t index) {
    return *loops_.at(index);
}

EventLoop* ThreadEventLoops::current() {
    for (auto& loop : loops_)
        if (loop.get() == currentLoop) return loop.get();
    return nullptr;
}

std::size_t ThreadEventLoops::watchCount(std::size_t index) const {
    return loops_.at(index)->watchCount();
}

std::size_t ThreadEventLoops::timerCount(std::size_t index) const {
    return loops_.at(index)->timerCount();
}

} // namespace motel::sdk::testing
