// The plugin's adapter over the host's event loops (IoLoop, IoLoopGroup):
// timers on the injected clock, the calling thread's loop for sockets taken
// over, and shutdown(), which takes back every watch, timer and queued task
// so nothing of the plugin runs on the host's loops after its stop().
#include "ManualClock.h"
#include "TestLoops.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <future>
#include <memory>

#include <sys/socket.h>
#include <unistd.h>

namespace motel::realtime {

using test::ManualClock;
using test::TestLoops;

namespace {

/// Runs `task` on `loop` (straight on the host's loop) and waits for it.
template <class Task> void runOn(IoLoop& loop, Task task) {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    loop.hostLoop().post([done, task] {
        task();
        done->set_value();
    });
    CPPUNIT_ASSERT(finished.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
}

/// Sets its flag when destroyed: tells when a capture was released.
struct ReleaseFlag {
    std::shared_ptr<std::atomic<bool>> released;
    ~ReleaseFlag() { *released = true; }
};

} // namespace

class IoLoopTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(IoLoopTest);
    CPPUNIT_TEST(timersFollowTheInjectedClock);
    CPPUNIT_TEST(currentOrNextIsTheCallingThreadsLoop);
    CPPUNIT_TEST(shutdownTakesBackWatchesTimersAndQueuedTasks);
    CPPUNIT_TEST_SUITE_END();

public:
    void timersFollowTheInjectedClock() {
        ManualClock clock;
        TestLoops loops(1, clock.source());
        loops.start();
        IoLoop& loop = loops.at(0);
        std::atomic<int> fired{0};
        IoLoop::TimerId cancelled;
        runOn(loop, [&] {
            loop.runAfter(std::chrono::seconds(30), [&fired] { ++fired; });
            cancelled = loop.runAfter(std::chrono::seconds(10), [&fired] { fired += 100; });
            loop.cancel(cancelled);
        });
        CPPUNIT_ASSERT(!cancelled.valid());
        clock.advance(std::chrono::seconds(29));
        runOn(loop, [] {});
        runOn(loop, [] {});
        CPPUNIT_ASSERT_EQUAL(0, fired.load());
        clock.advance(std::chrono::seconds(1));
        runOn(loop, [] {});
        runOn(loop, [] {});
        CPPUNIT_ASSERT_EQUAL(1, fired.load());
        runOn(loop, [&] { CPPUNIT_ASSERT_EQUAL(std::size_t(0), loop.timerCount()); });
    }

    void currentOrNextIsTheCallingThreadsLoop() {
        TestLoops loops(3);
        loops.start();
        for (std::size_t i = 0; i < loops.size(); ++i) {
            IoLoop* expected = &loops.at(i);
            IoLoop* got = nullptr;
            runOn(*expected, [&] { got = &loops.currentOrNext(); });
            CPPUNIT_ASSERT(got == expected);
        }
        // Elsewhere: round robin over every loop.
        IoLoop* first = &loops.currentOrNext();
        CPPUNIT_ASSERT(&loops.currentOrNext() != first);
        CPPUNIT_ASSERT(&loops.currentOrNext() != first);
        CPPUNIT_ASSERT(&loops.currentOrNext() == first);
    }

    void shutdownTakesBackWatchesTimersAndQueuedTasks() {
        TestLoops loops(1);
        loops.start();
        IoLoop& loop = loops.at(0);
        int fds[2];
        CPPUNIT_ASSERT_EQUAL(0, ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds));
        auto timerReleased = std::make_shared<std::atomic<bool>>(false);
        auto watchReleased = std::make_shared<std::atomic<bool>>(false);
        auto taskReleased = std::make_shared<std::atomic<bool>>(false);
        std::atomic<bool> queuedTaskRan{false};
        runOn(loop, [&] {
            auto timerFlag = std::make_shared<ReleaseFlag>(ReleaseFlag{timerReleased});
            auto watchFlag = std::make_shared<ReleaseFlag>(ReleaseFlag{watchReleased});
            auto taskFlag = std::make_shared<ReleaseFlag>(ReleaseFlag{taskReleased});
            loop.runAfter(std::chrono::hours(1), [timerFlag] {});
            loop.watch(fds[0], IoLoop::Events::readable, [watchFlag](sdk::IoEvents) {});
            // Queued behind this task, then shut down before it could run.
            loop.post([taskFlag, &queuedTaskRan] { queuedTaskRan = true; });
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), loops.hostLoops().watchCount(0));
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), loops.hostLoops().timerCount(0));
            loop.shutdown();
            // Released by shutdown() itself, on the loop, while the plugin is whole.
            CPPUNIT_ASSERT(timerReleased->load() && watchReleased->load() && taskReleased->load());
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), loops.hostLoops().watchCount(0));
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), loops.hostLoops().timerCount(0));
            // After shutdown(): nothing reaches the host's loop any more.
            CPPUNIT_ASSERT(!loop.runAfter(std::chrono::milliseconds(0), [] {}).valid());
            loop.watch(fds[0], IoLoop::Events::readable, [](sdk::IoEvents) {});
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), loops.hostLoops().watchCount(0));
        });
        std::atomic<bool> lateTaskRan{false};
        loop.post([&lateTaskRan] { lateTaskRan = true; });
        runOn(loop, [] {});
        runOn(loop, [] {});
        CPPUNIT_ASSERT(!queuedTaskRan.load());
        CPPUNIT_ASSERT(!lateTaskRan.load());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), loops.hostLoops().failures());
        loops.stop();
        ::close(fds[0]);
        ::close(fds[1]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IoLoopTest);

} // namespace motel::realtime
