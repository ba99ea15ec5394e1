#pragma once
/// sdk::EventLoops for a plugin's unit tests: epoll loops on threads of their
/// own, with the clock their timers read injected, so a test crosses time
/// limits by moving a clock by hand instead of sleeping:
///
///   ManualClock clock;                                  // the test's own
///   motel::sdk::testing::ThreadEventLoops loops(2, [&clock] { return clock.now(); });
///   loops.start();
///   ... clock.advance(30s); loops.at(0).post([] {});    // the loop looks again
///   loops.stop();
///
/// Same contract as the host's loops (sdk/EventLoops.h): level-triggered
/// watches, readable reported for data, end of stream, hang-up and errors,
/// callbacks' exceptions swallowed (and counted, see failures()).

#include <motel/sdk/EventLoops.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace motel::sdk::testing {

class ThreadEventLoop;

class ThreadEventLoops : public sdk::EventLoops {
public:
    /// Where timers read the time.
    using Now = std::function<EventLoop::Clock::time_point()>;

    explicit ThreadEventLoops(std::size_t count, Now now = EventLoop::Clock::now);
    ~ThreadEventLoops() override; ///< stops the loops
    ThreadEventLoops(const ThreadEventLoops&) = delete;
    ThreadEventLoops& operator=(const ThreadEventLoops&) = delete;

    void start();
    /// Stops and joins every thread; tasks posted later are dropped. Idempotent.
    void stop();

    std::size_t size() const override { return loops_.size(); }
    EventLoop& at(std::size_t index) override;
    EventLoop* current() override;

    /// Descriptors watched on loop `index` (read it on that loop or while stopped).
    std::size_t watchCount(std::size_t index) const;
    /// Timers pending on loop `index` (read it on that loop or while stopped).
    std::size_t timerCount(std::size_t index) const;
    /// Callbacks, tasks and timers that threw so far, on every loop.
    std::size_t failures() const { return failures_->load(); }

private:
    std::vector<std::unique_ptr<ThreadEventLoop>> loops_;
    std::shared_ptr<std::atomic<std::size_t>> failures_;
};

} // namespace motel::sdk::testing
