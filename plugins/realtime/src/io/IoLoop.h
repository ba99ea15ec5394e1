#pragma once
/// A small epoll reactor on its own thread: the home of the WebSocket
/// connections the plugin adopts from the host and of every Engine.IO
/// session assigned to it (their state is only touched on this thread, so
/// sessions need no locks). Offers descriptor watches, millisecond timers
/// and post() for other threads. Written here rather than on Poco's
/// SocketReactor/PollSet, whose 1.11 versions spin on stale write interest
/// and throw when removing an already-closed descriptor.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace motel::realtime {

class IoLoop {
public:
    using Task = std::function<void()>;
    using Clock = std::chrono::steady_clock;
    /// Where timers read the time. Tests pass a clock they move by hand and
    /// then post() anything to make the loop look at it again.
    using Now = std::function<Clock::time_point()>;
    /// Called with the epoll event bits (EPOLLIN, EPOLLOUT, EPOLLHUP, EPOLLERR).
    using EventHandler = std::function<void(std::uint32_t events)>;

    struct TimerId {
        Clock::time_point when{};
        std::uint64_t sequence = 0;
        bool valid() const { return sequence != 0; }
    };

    explicit IoLoop(std::string name, Now now = Clock::now);
    ~IoLoop(); ///< stops the thread if still running
    IoLoop(const IoLoop&) = delete;
    IoLoop& operator=(const IoLoop&) = delete;

    void start();
    /// Stops and joins the thread; tasks posted later are dropped. Idempotent.
    void stop();
    bool inLoopThread() const { return std::this_thread::get_id() == thread_.get_id(); }

    /// Any thread.
    void post(Task task);

    // Loop thread only (or before start()).
    void watch(int fd, std::uint32_t events, EventHandler handler);
    void rewatch(int fd, std::uint32_t events);
    /// Stops watching; unknown descriptors are ignored. Does not close `fd`.
    void unwatch(int fd);
    TimerId runAfter(std::chrono::milliseconds delay, Task task);
    void cancel(TimerId& timer); ///< resets `timer`; harmless when already fired
    std::size_t watchCount() const { return handlers_.size(); }

private:
    void run();
    void runDueTimers();
    int nextTimeoutMs() const;

    std::string name_;
    Now now_;
    int epoll_ = -1;
    int wakeup_ = -1;
    std::thread thread_;
    std::atomic<bool> quit_{false};
    std::mutex postedMutex_;
    std::vector<Task> posted_;
    std::unordered_map<int, std::shared_ptr<EventHandler>> handlers_;
    std::map<std::pair<Clock::time_point, std::uint64_t>, Task> timers_;
    std::uint64_t nextSequence_ = 1;
};

} // namespace motel::realtime
