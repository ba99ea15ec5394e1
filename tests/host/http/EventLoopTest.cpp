// EventLoop: descriptor callbacks, timers, cross-thread posts and quit.
#include "http/EventLoop.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

using motel::host::EventLoop;
using motel::host::FileDescriptor;
using motel::host::Interest;

class EventLoopTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EventLoopTest);
    CPPUNIT_TEST(callsTheReadCallbackWhenDataArrives);
    CPPUNIT_TEST(letsACallbackRemoveItsOwnDescriptor);
    CPPUNIT_TEST(runsTimersInOrderAndSkipsCancelledOnes);
    CPPUNIT_TEST(runsTasksPostedFromOtherThreadsOnTheLoopThread);
    CPPUNIT_TEST(survivesThrowingCallbacks);
    CPPUNIT_TEST_SUITE_END();

public:
    void callsTheReadCallbackWhenDataArrives() {
        int pair[2];
        CPPUNIT_ASSERT_EQUAL(0, ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, pair));
        FileDescriptor a(pair[0]), b(pair[1]);
        EventLoop loop;
        std::string received;
        loop.add(a.get(), Interest::read,
                 EventLoop::Handlers{[&] {
                                         char buffer[16];
                                         const ssize_t n = ::read(a.get(), buffer, sizeof buffer);
                                         if (n > 0) received.append(buffer, static_cast<std::size_t>(n));
                                         if (received == "ping") loop.quit();
                                     },
                                     {}});
        CPPUNIT_ASSERT(loop.watches(a.get()));
        CPPUNIT_ASSERT_EQUAL(ssize_t(4), ::write(b.get(), "ping", 4));
        loop.run();
        CPPUNIT_ASSERT_EQUAL(std::string("ping"), received);
        loop.remove(a.get());
        CPPUNIT_ASSERT(!loop.watches(a.get()));
    }

    void letsACallbackRemoveItsOwnDescriptor() {
        int pair[2];
        CPPUNIT_ASSERT_EQUAL(0, ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, pair));
        FileDescriptor a(pair[0]), b(pair[1]);
        EventLoop loop;
        auto owned = std::make_shared<int>(7);
        std::weak_ptr<int> watch = owned;
        int calls = 0;
        loop.add(a.get(), Interest::readWrite,
                 EventLoop::Handlers{[&, owned] {
                                         ++calls;
                                         loop.remove(a.get()); // drops this very callback
                                         CPPUNIT_ASSERT_EQUAL(7, *owned);
                                         loop.quit();
                                     },
                                     [&, owned] { ++calls; }});
        owned.reset();
        ::write(b.get(), "x", 1);
        loop.run();
        CPPUNIT_ASSERT(watch.expired());
        CPPUNIT_ASSERT_EQUAL(1, calls);
    }

    void runsTimersInOrderAndSkipsCancelledOnes() {
        // The loop's clock is moved by hand: 25 s have passed when it runs,
        // then the timer at 25 s moves it on to 45 s. No test time is waited.
        const auto start = EventLoop::Clock::now();
        std::atomic<long> elapsedSeconds{0};
        EventLoop loop([&] { return start + std::chrono::seconds(elapsedSeconds.load()); });
        std::string order;
        loop.runAfter(std::chrono::seconds(30), [&] { order += "b"; });
        loop.runAfter(std::chrono::seconds(10), [&] { order += "a"; });
        const auto cancelled = loop.runAfter(std::chrono::seconds(20), [&] { order += "x"; });
        loop.runAfter(std::chrono::seconds(25), [&] {
            order += "|"; // what was due by 25 s ran first
            elapsedSeconds = 45;
        });
        loop.runAfter(std::chrono::seconds(40), [&] { loop.quit(); });
        loop.cancel(cancelled);
        elapsedSeconds = 25;
        loop.run();
        CPPUNIT_ASSERT_EQUAL(std::string("a|b"), order);
    }

    void runsTasksPostedFromOtherThreadsOnTheLoopThread() {
        EventLoop loop;
        std::thread::id ranOn;
        std::atomic<int> count{0};
        std::thread runner([&] { loop.run(); });
        std::thread poster([&] {
            for (int i = 0; i < 1000; ++i) loop.post([&] { ++count; });
            loop.post([&] {
                ranOn = std::this_thread::get_id();
                CPPUNIT_ASSERT(loop.isInLoopThread());
                CPPUNIT_ASSERT_EQUAL(&loop, EventLoop::current());
                loop.quit();
            });
        });
        poster.join();
        runner.join();
        CPPUNIT_ASSERT_EQUAL(1000, count.load());
        CPPUNIT_ASSERT(ranOn != std::this_thread::get_id());
    }

    void survivesThrowingCallbacks() {
        EventLoop loop;
        bool after = false;
        loop.post([] { throw std::runtime_error("boom"); });
        loop.post([&] {
            after = true;
            loop.quit();
        });
        loop.run();
        CPPUNIT_ASSERT(after);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventLoopTest);
