// The HTTP server's loops as plugins get them: running before the server
// listens and after it stops serving (the host starts and stops plugins in
// between), and reached through sdk::EventLoops (HostEventLoops): watches,
// timers, posts, and the serving loop as current() in a takeover handler.
#include "http/HttpServer.h"
#include "services/HostEventLoops.h"

#include "TestClient.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <future>
#include <memory>
#include <stdexcept>

#include <sys/socket.h>
#include <unistd.h>

using motel::host::ConnectionTakeover;
using motel::host::EventLoop;
using motel::host::HostEventLoops;
using motel::host::HttpServer;
using motel::host::HttpServerOptions;
using motel::sdk::IoEvents;
using motel::test::TestClient;

namespace {

/// Runs `task` on `loop` and returns what it returned.
template <class Result, class Task> Result on(motel::sdk::EventLoop& loop, Task task) {
    auto done = std::make_shared<std::promise<Result>>();
    auto result = done->get_future();
    loop.post([done, task] { done->set_value(task()); });
    if (result.wait_for(std::chrono::seconds(5)) != std::future_status::ready)
        throw std::runtime_error("the loop did not run a posted task");
    return result.get();
}

struct SocketPair {
    int fds[2] = {-1, -1};
    SocketPair() {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0)
            throw std::runtime_error("socketpair");
    }
    ~SocketPair() {
        for (int fd : fds)
            if (fd >= 0) ::close(fd);
    }
};

} // namespace

class HostEventLoopsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HostEventLoopsTest);
    CPPUNIT_TEST(loopsRunBeforeListeningAndAfterServing);
    CPPUNIT_TEST(watchesTimersAndPostsGoThroughTheSdkInterface);
    CPPUNIT_TEST(aTakeoverHandlerRunsOnItsLoopAsCurrent);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        options_.host = "127.0.0.1";
        options_.port = 0;
        options_.ioThreads = 2;
        options_.workerThreads = 2;
    }

    void tearDown() override {
        if (server_) server_->stop(std::chrono::milliseconds(0));
        loops_.reset();
        server_.reset();
    }

    void loopsRunBeforeListeningAndAfterServing() {
        makeServer([](motel::sdk::Request&, motel::sdk::Response& response, ConnectionTakeover&) {
            response.text(200, "text/plain", "ok");
        });
        server_->startLoops();
        CPPUNIT_ASSERT(!server_->running());
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(0), server_->port());
        loops_ = std::make_unique<HostEventLoops>(*server_);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), loops_->size());
        CPPUNIT_ASSERT(loops_->current() == nullptr);
        for (std::size_t i = 0; i < loops_->size(); ++i) {
            motel::sdk::EventLoop* loop = &loops_->at(i);
            CPPUNIT_ASSERT(on<bool>(*loop, [this, loop] { return loops_->current() == loop && loop->inLoopThread(); }));
        }

        server_->start();
        CPPUNIT_ASSERT(server_->port() != 0);
        TestClient client(server_->port());
        client.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(200, client.readResponse().status);

        server_->stopServing(std::chrono::milliseconds(1000));
        CPPUNIT_ASSERT(!server_->running());
        CPPUNIT_ASSERT(client.closedByPeer());
        // HTTP is over, the loops still run what plugins post...
        CPPUNIT_ASSERT(on<bool>(loops_->at(1), [] { return true; }));
        // ...and the server does not listen again before it is stopped.
        CPPUNIT_ASSERT_THROW(server_->start(), std::logic_error);
        server_->stop(std::chrono::milliseconds(0));
    }

    void watchesTimersAndPostsGoThroughTheSdkInterface() {
        // The loops' timers read a clock the test moves (below), never the real one.
        const auto start = EventLoop::Clock::now();
        auto elapsedSeconds = std::make_shared<std::atomic<long>>(0);
        options_.clock = [start, elapsedSeconds] { return start + std::chrono::seconds(elapsedSeconds->load()); };
        makeServer([](motel::sdk::Request&, motel::sdk::Response&, ConnectionTakeover&) {});
        server_->startLoops();
        loops_ = std::make_unique<HostEventLoops>(*server_);
        motel::sdk::EventLoop& loop = loops_->at(0);
        SocketPair pair;
        const int fd = pair.fds[0];
        auto readable = std::make_shared<std::promise<void>>();
        auto writable = std::make_shared<std::promise<void>>();
        auto readableSeen = readable->get_future();
        auto writableSeen = writable->get_future();
        on<bool>(loop, [&loop, fd, readable, writable] {
            auto seenReadable = std::make_shared<bool>(false);
            auto seenWritable = std::make_shared<bool>(false);
            loop.watch(fd, IoEvents::readable, [fd, readable, writable, seenReadable, seenWritable](IoEvents ready) {
                if (motel::sdk::hasAny(ready, IoEvents::readable)) {
                    char byte;
                    while (::read(fd, &byte, 1) > 0) {
                    }
                    if (!*seenReadable) readable->set_value();
                    *seenReadable = true;
                }
                // Level-triggered: writable is reported until the test unwatches.
                if (motel::sdk::hasAny(ready, IoEvents::writable) && !*seenWritable) {
                    *seenWritable = true;
                    writable->set_value();
                }
            });
            return true;
        });
        CPPUNIT_ASSERT(readableSeen.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);
        CPPUNIT_ASSERT_EQUAL(ssize_t(1), ::write(pair.fds[1], "x", 1));
        CPPUNIT_ASSERT(readableSeen.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        on<bool>(loop, [&loop, fd] {
            loop.rewatch(fd, IoEvents::readable | IoEvents::writable);
            return true;
        });
        CPPUNIT_ASSERT(writableSeen.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        // Watching twice is the SDK's runtime_error; unwatching twice is harmless.
        CPPUNIT_ASSERT(on<bool>(loop, [&loop, fd] {
            try {
                loop.watch(fd, IoEvents::readable, [](IoEvents) {});
                return false;
            } catch (const std::runtime_error&) {
                loop.unwatch(fd);
                loop.unwatch(fd);
                return true;
            }
        }));

        auto fired = std::make_shared<std::promise<int>>();
        auto cancelled = std::make_shared<std::atomic<bool>>(false);
        on<bool>(loop, [&loop, fired, cancelled] {
            const auto doomed = loop.runAfter(std::chrono::seconds(5), [cancelled] { *cancelled = true; });
            loop.runAfter(std::chrono::seconds(20), [fired] { fired->set_value(1); });
            loop.cancel(doomed);
            loop.cancel(doomed); // harmless
            return true;
        });
        auto firing = fired->get_future();
        *elapsedSeconds = 19;
        CPPUNIT_ASSERT(firing.wait_for(std::chrono::milliseconds(50)) == std::future_status::timeout);
        *elapsedSeconds = 20;
        CPPUNIT_ASSERT(firing.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL(1, firing.get());
        CPPUNIT_ASSERT(!cancelled->load());
    }

    void aTakeoverHandlerRunsOnItsLoopAsCurrent() {
        std::promise<bool> seen;
        makeServer([&](motel::sdk::Request&, motel::sdk::Response& response, ConnectionTakeover& takeover) {
            response.status = 101;
            response.setHeader("Upgrade", "echo");
            response.setHeader("Connection", "Upgrade");
            takeover.claim([&](int fd, std::string) {
                motel::sdk::EventLoop* here = loops_->current();
                seen.set_value(here != nullptr && here->inLoopThread());
                ::close(fd);
            });
        });
        server_->startLoops();
        loops_ = std::make_unique<HostEventLoops>(*server_);
        server_->start();
        TestClient client(server_->port());
        client.send("GET /up HTTP/1.1\r\nHost: t\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(101, client.readResponse().status);
        CPPUNIT_ASSERT(seen.get_future().get());
    }

private:
    void makeServer(motel::host::RequestDispatch dispatch) {
        server_ = std::make_unique<HttpServer>(options_, std::move(dispatch));
    }

    HttpServerOptions options_;
    std::unique_ptr<HttpServer> server_;
    std::unique_ptr<HostEventLoops> loops_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostEventLoopsTest);
