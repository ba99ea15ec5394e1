#pragma once
// The host's event loops as the realtime plugin sees them, for unit tests:
// the test kit's ThreadEventLoops (threads of their own, timers on the
// test's clock) behind the plugin's IoLoopGroup adapter.

#include "io/IoLoopGroup.h"

#include <motel/sdk/testing/ThreadEventLoops.h>

namespace motel::realtime::test {

namespace detail {
/// Built before the IoLoopGroup base that adapts it.
struct OwnLoops {
    OwnLoops(std::size_t count, sdk::testing::ThreadEventLoops::Now now) : host(count, std::move(now)) {}
    sdk::testing::ThreadEventLoops host;
};
} // namespace detail

class TestLoops : private detail::OwnLoops, public IoLoopGroup {
public:
    explicit TestLoops(std::size_t count, sdk::testing::ThreadEventLoops::Now now = sdk::EventLoop::Clock::now)
        : detail::OwnLoops(count, std::move(now)), IoLoopGroup(host) {}
    ~TestLoops() { stop(); }

    void start() {
        host.start();
        started_ = true;
    }
    /// What the plugin's stop() and then the host do: the adapter takes back
    /// what is left on the loops, then the loops stop.
    void stop() {
        if (!started_) return;
        started_ = false;
        shutdown();
        host.stop();
    }
    sdk::testing::ThreadEventLoops& hostLoops() { return host; }

    /// After the test moved the loops' clock: returns once every loop has run
    /// the timers that came due (a loop runs its timers after its posted
    /// tasks, so the second pass finds them done).
    void runDueTimers() {
        for (int pass = 0; pass < 2; ++pass) runOnAllAndWait([](IoLoop&) {});
    }
    /// Before the test moves the clock: returns once the loops have finished
    /// the work in progress. A loop may arm a timer at the end of the task
    /// whose effect the test has just seen (the open packet sent, a handler
    /// started); moving the clock before that would arm it on the new time.
    void settle() { runDueTimers(); }

private:
    bool started_ = false;
};

} // namespace motel::realtime::test
