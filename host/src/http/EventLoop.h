#pragma once

#include "http/FileDescriptor.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace motel::host {

/// Which readiness a watched descriptor wants to hear about.
enum class Interest : std::uint32_t { none = 0, read = 1, write = 2, readWrite = 3 };

/// A single-threaded epoll reactor: the I/O heart of the HTTP server, and the
/// place where a later WebSocket layer registers the sockets it adopts from
/// HTTP (see ConnectionTakeover). One thread calls run(); everything else
/// happens through callbacks on that thread:
///   - descriptors: add()/modify()/remove() with a read and a write callback;
///     hang-ups and errors are reported to the read callback (a read then
///     reveals EOF or the error);
///   - timers: runAt()/runAfter() with cancel(), for header/body/idle timeouts;
///   - other threads: post() queues a task and wakes the loop (eventfd).
/// add/modify/remove/runAt/cancel must be called on the loop thread (or before
/// run() starts); post() and quit() are safe from any thread. A callback may
/// remove its own descriptor: the loop keeps the callbacks alive until it
/// returns. Exceptions thrown by callbacks are logged and swallowed.
class EventLoop {
public:
    using Task = std::function<void()>;
    using Clock = std::chrono::steady_clock;
    /// Where the loop reads the time. Empty: the steady clock. Tests inject a
    /// manual clock to cross timeouts without waiting; epoll cannot be woken
    /// by a clock it does not know, so with an injected clock the loop looks
    /// at it at least every kInjectedClockPollMs while timers are pending.
    using TimeSource = std::function<Clock::time_point()>;
    static constexpr int kInjectedClockPollMs = 5;

    struct Handlers {
        Task onReadable; ///< readable, peer hang-up or socket error
        Task onWritable; ///< writable (only while Interest includes write)
    };

    /// Names one scheduled timer for cancel(); a default value names none.
    struct TimerId {
        Clock::time_point when{};
        std::uint64_t sequence = 0;
        bool valid() const { return sequence != 0; }
    };

    explicit EventLoop(TimeSource clock = {});
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    /// Runs the loop on the calling thread until quit().
    void run();
    /// Asks run() to return after the current iteration. Any thread.
    void quit();
    bool isInLoopThread() const;
    /// The loop running on the calling thread, or nullptr (e.g. inside a
    /// takeover callback this is the loop that served the connection).
    static EventLoop* current();

    /// Watches `fd` (which the caller keeps owning). With `edgeTriggered` the
    /// callbacks fire once per readiness change and must read/write until
    /// EAGAIN (or remember that more may be waiting).
    void add(int fd, Interest interest, Handlers handlers, bool edgeTriggered = false);
    void modify(int fd, Interest interest);
    /// Stops watching `fd`; unknown descriptors are ignored. Does not close it.
    void remove(int fd);
    bool watches(int fd) const;
    std::size_t watchCount() const { return watchCount_; }

    TimerId runAt(Clock::time_point when, Task task);
    TimerId runAfter(std::chrono::milliseconds delay, Task task);
    /// Cancels a timer that has not fired yet; harmless otherwise.
    void cancel(TimerId timer);

    /// Queues `task` to run on the loop thread. Any thread.
    void post(Task task);
    /// Runs `task` now when called on the loop thread, else post()s it.
    void dispatch(Task task);

    /// The time at the start of the current iteration (cheap, for deadlines).
    Clock::time_point now() const { return now_; }
    /// The time now, read from the loop's clock.
    Clock::time_point currentTime() const { return clock_ ? clock_() : Clock::now(); }

private:
    struct Watch {
        Handlers handlers;
        std::uint32_t events = 0;
    };

    static std::uint32_t epollEvents(Interest interest, bool edgeTriggered);
    int waitTimeoutMs() const;
    void handleEvent(int fd, std::uint32_t events);
    void runPostedTasks();
    void runDueTimers();
    void drainWakeup();
    void wake();
    static void runGuarded(const Task& task, const char* what);

    TimeSource clock_;
    FileDescriptor epoll_;
    FileDescriptor wakeup_;
    std::vector<std::shared_ptr<Watch>> watches_; ///< indexed by descriptor
    std::size_t watchCount_ = 0;
    std::map<std::pair<Clock::time_point, std::uint64_t>, Task> timers_;
    std::uint64_t nextTimerSequence_ = 1;
    Clock::time_point now_;

    std::mutex postedMutex_;
    std::vector<Task> posted_;
    std::vector<Task> running_; ///< loop thread only
    std::atomic<bool> quit_{false};
    std::atomic<std::thread::id> thread_{};
};

} // namespace motel::host
