// sdk::Exchange as the HttpServer implements it, over real loopback sockets
// (port 0): answers deferred by handlers and sent later from other threads
// (long-polling), and connections taken over through `request.exchange`.
#include "http/HttpServer.h"

#include "TestClient.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/Exchange.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

using motel::host::HttpServer;
using motel::host::HttpServerOptions;
using motel::sdk::DeferredReply;
using motel::test::RawResponse;
using motel::test::TestClient;

namespace {

constexpr auto patience = std::chrono::seconds(30); ///< only a broken server waits this long

/// The deferred replies handed out by a test's handler, in arrival order.
class ParkedReplies {
public:
    void add(std::shared_ptr<DeferredReply> reply) {
        std::lock_guard<std::mutex> lock(mutex_);
        replies_.push_back(std::move(reply));
        changed_.notify_all();
    }
    /// The first `count` replies, once that many were parked.
    std::vector<std::shared_ptr<DeferredReply>> waitFor(std::size_t count) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!changed_.wait_for(lock, patience, [&] { return replies_.size() >= count; }))
            throw std::runtime_error("only " + std::to_string(replies_.size()) + " of " + std::to_string(count) +
                                     " requests were deferred");
        return {replies_.begin(), replies_.begin() + static_cast<std::ptrdiff_t>(count)};
    }
    void clear() {
        std::lock_guard<std::mutex> lock(mutex_);
        replies_.clear();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::shared_ptr<DeferredReply>> replies_;
};

/// Counts onClose callbacks and lets a test wait for them. The callbacks
/// share the count, so one that runs after a failed test (the server's stop
/// in tearDown) touches nothing of the test's stack.
class CloseCounter {
public:
    std::function<void()> callback() {
        return [state = state_] {
            std::lock_guard<std::mutex> lock(state->mutex);
            ++state->count;
            state->changed.notify_all();
        };
    }
    bool waitFor(int count) {
        std::unique_lock<std::mutex> lock(state_->mutex);
        return state_->changed.wait_for(lock, patience, [&] { return state_->count >= count; });
    }
    int count() {
        std::lock_guard<std::mutex> lock(state_->mutex);
        return state_->count;
    }

private:
    struct State {
        std::mutex mutex;
        std::condition_variable changed;
        int count = 0;
    };
    std::shared_ptr<State> state_ = std::make_shared<State>();
};

/// A thread that waits for the test's signal; the signal is given and the
/// thread joined on scope exit too, so a failed assertion cannot hang or abort.
class SignalledThread {
public:
    explicit SignalledThread(std::function<void(std::shared_future<void>)> body)
        : signal_(), thread_([body = std::move(body), signalled = signal_.get_future().share()] { body(signalled); }) {}
    ~SignalledThread() {
        signal();
        thread_.join();
    }
    void signal() {
        if (signalled_.exchange(true)) return;
        signal_.set_value();
    }

private:
    std::promise<void> signal_;
    std::atomic<bool> signalled_{false};
    std::thread thread_;
};

motel::sdk::Response textAnswer(const std::string& body) {
    motel::sdk::Response response;
    response.text(200, "text/plain", body);
    return response;
}

std::string get(const std::string& target) {
    return "GET " + target + " HTTP/1.1\r\nHost: test\r\n\r\n";
}

/// "inline" on an I/O thread (it runs an EventLoop), "pool" on a worker.
std::string whereAmI() {
    return motel::host::EventLoop::current() ? "inline" : "pool";
}

} // namespace

class HttpExchangeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HttpExchangeTest);
    CPPUNIT_TEST(answersFromAnotherThreadAfterTheHandlerReturned);
    CPPUNIT_TEST(parksHundredsOfRequestsWithoutHoldingWorkers);
    CPPUNIT_TEST(closesTheReplyWhenTheClientLeaves);
    CPPUNIT_TEST(noticesAClientThatLeftWhileTheHandlerRan);
    CPPUNIT_TEST(sendsOnlyTheFirstAnswer);
    CPPUNIT_TEST(keepsPipelinedAnswersBehindADeferredOne);
    CPPUNIT_TEST(closesParkedRepliesWhenTheServerStops);
    CPPUNIT_TEST(acceptsAnAnswerSentBeforeTheHandlerReturned);
    CPPUNIT_TEST(answersWhatTheHandlerLeftWhenItDeferredAndKeptTheReply);
    CPPUNIT_TEST(answers500WhenADeferredReplyIsDroppedUnanswered);
    CPPUNIT_TEST(neverInlinesARequestTypeThatDefers);
    CPPUNIT_TEST(handsTheConnectionOverThroughTheExchange);
    CPPUNIT_TEST(refusesToDeferARequestTakenOver);
    CPPUNIT_TEST_SUITE_END();

public:
    using Handler = std::function<void(motel::sdk::Request&, motel::sdk::Response&)>;

    void setUp() override {
        options_ = HttpServerOptions{};
        options_.host = "127.0.0.1";
        options_.port = 0;
        options_.workerThreads = 2;
        parked_.clear();
        returned_ = 0;
        // The default handler parks /poll and answers anything else at once.
        handler_ = [this](motel::sdk::Request& request, motel::sdk::Response& response) {
            if (request.path == "/poll") {
                parked_.add(request.exchange->defer());
                return;
            }
            response.text(200, "text/plain",
                          request.path + (request.query.empty() ? "" : "?" + request.query[0].first));
        };
    }

    void tearDown() override {
        if (server_) server_->stop(std::chrono::milliseconds(1000));
        server_.reset();
    }

    void answersFromAnotherThreadAfterTheHandlerReturned() {
        start();
        TestClient client(server_->port());
        client.send(get("/poll"));
        const auto reply = parked_.waitFor(1).front();
        waitUntilHandlersReturned(1);
        CPPUNIT_ASSERT(!client.readable(std::chrono::milliseconds(100)));

        std::thread realtime([reply] {
            motel::sdk::Response answer = textAnswer("late data");
            answer.setHeader("X-Frame-Options", "SAMEORIGIN");
            reply->send(std::move(answer));
        });
        realtime.join();
        const RawResponse response = client.readResponse();
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("late data"), response.body);
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain"), response.header("content-type"));
        // What the dispatcher added to the handler's response carries over; the answer's own headers win.
        CPPUNIT_ASSERT_EQUAL(std::string("request-1"), response.header("x-request-id"));
        CPPUNIT_ASSERT_EQUAL(std::string("SAMEORIGIN"), response.header("x-frame-options"));
        // The connection stays usable.
        client.send(get("/next"));
        CPPUNIT_ASSERT_EQUAL(std::string("/next"), client.readResponse().body);
        CPPUNIT_ASSERT(!reply->closed());
    }

    void parksHundredsOfRequestsWithoutHoldingWorkers() {
        constexpr int parkedCount = 500;
        start(); // two workers
        std::vector<std::unique_ptr<TestClient>> pollers;
        for (int i = 0; i < parkedCount; ++i) {
            pollers.push_back(std::make_unique<TestClient>(server_->port(), patience));
            pollers.back()->send(get("/poll?" + std::to_string(i)));
        }
        const auto replies = parked_.waitFor(parkedCount);

        const auto started = std::chrono::steady_clock::now();
        TestClient normal(server_->port());
        normal.send(get("/normal"));
        CPPUNIT_ASSERT_EQUAL(std::string("/normal"), normal.readResponse().body);
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
        CPPUNIT_ASSERT(server_->connectionCount() >= static_cast<std::size_t>(parkedCount));

        // Answer every poll from one other thread; each client gets its own answer.
        std::thread publisher([&replies] {
            for (std::size_t i = 0; i < replies.size(); ++i)
                replies[i]->send(textAnswer("answer " + std::to_string(i)));
        });
        publisher.join();
        std::vector<bool> seen(parkedCount, false);
        for (auto& poller : pollers) {
            const RawResponse response = poller->readResponse();
            CPPUNIT_ASSERT_EQUAL(200, response.status);
            const int index = std::stoi(response.body.substr(std::string("answer ").size()));
            CPPUNIT_ASSERT(index >= 0 && index < parkedCount && !seen[index]);
            seen[index] = true;
        }
    }

    void closesTheReplyWhenTheClientLeaves() {
        start();
        CloseCounter closes;
        auto client = std::make_unique<TestClient>(server_->port());
        client->send(get("/poll"));
        const auto reply = parked_.waitFor(1).front();
        reply->onClose(closes.callback());
        CPPUNIT_ASSERT(!reply->closed());
        client.reset(); // the browser tab went away
        CPPUNIT_ASSERT(closes.waitFor(1));
        CPPUNIT_ASSERT(reply->closed());
        reply->send(textAnswer("nobody listens")); // dropped
        reply->onClose(closes.callback());         // already closed: runs at once
        CPPUNIT_ASSERT_EQUAL(2, closes.count());
        // The server goes on serving.
        TestClient other(server_->port());
        other.send(get("/still-here"));
        CPPUNIT_ASSERT_EQUAL(200, other.readResponse().status);
    }

    void noticesAClientThatLeftWhileTheHandlerRan() {
        CloseCounter closes;
        auto clientGone = std::make_shared<std::promise<void>>();
        auto gone = clientGone->get_future().share();
        handler_ = [this, &closes, gone](motel::sdk::Request& request, motel::sdk::Response&) {
            auto reply = request.exchange->defer();
            reply->onClose(closes.callback());
            parked_.add(reply);
            gone.wait_for(patience); // the client hangs up before the connection is parked
        };
        start();
        auto client = std::make_unique<TestClient>(server_->port());
        client->send(get("/poll"));
        parked_.waitFor(1);
        client.reset();
        clientGone->set_value();
        CPPUNIT_ASSERT(closes.waitFor(1));
    }

    void sendsOnlyTheFirstAnswer() {
        start();
        TestClient client(server_->port());
        client.send(get("/poll"));
        const auto reply = parked_.waitFor(1).front();
        std::thread twice([reply] {
            reply->send(textAnswer("first"));
            reply->send(textAnswer("second"));
        });
        twice.join();
        CPPUNIT_ASSERT_EQUAL(std::string("first"), client.readResponse().body);
        client.send(get("/after"));
        CPPUNIT_ASSERT_EQUAL(std::string("/after"), client.readResponse().body); // not "second"
        reply->send(textAnswer("third"));
        client.send(get("/again"));
        CPPUNIT_ASSERT_EQUAL(std::string("/again"), client.readResponse().body);
    }

    void keepsPipelinedAnswersBehindADeferredOne() {
        start();
        TestClient client(server_->port());
        client.send(get("/poll") + get("/one") + get("/two"));
        const auto reply = parked_.waitFor(1).front();
        CPPUNIT_ASSERT(!client.readable(std::chrono::milliseconds(200))); // /one waits behind the poll
        std::thread([reply] { reply->send(textAnswer("polled")); }).join();
        CPPUNIT_ASSERT_EQUAL(std::string("polled"), client.readResponse().body);
        CPPUNIT_ASSERT_EQUAL(std::string("/one"), client.readResponse().body);
        CPPUNIT_ASSERT_EQUAL(std::string("/two"), client.readResponse().body);
    }

    void closesParkedRepliesWhenTheServerStops() {
        start();
        CloseCounter closes;
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<TestClient>(server_->port()));
            clients.back()->send(get("/poll"));
        }
        const auto replies = parked_.waitFor(3);
        for (const auto& reply : replies) reply->onClose(closes.callback());

        const auto started = std::chrono::steady_clock::now();
        server_->stop(std::chrono::seconds(60));
        // Parked polls do not hold up the stop for the grace period.
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
        CPPUNIT_ASSERT_EQUAL(3, closes.count());
        for (const auto& reply : replies) {
            CPPUNIT_ASSERT(reply->closed());
            reply->send(textAnswer("after stop")); // dropped silently
        }
        for (auto& client : clients) CPPUNIT_ASSERT(client->closedByPeer());
        server_.reset();
        replies.front()->send(textAnswer("after the server is gone")); // still harmless
    }

    void acceptsAnAnswerSentBeforeTheHandlerReturned() {
        handler_ = [](motel::sdk::Request& request, motel::sdk::Response& response) {
            auto reply = request.exchange->defer();
            if (request.path == "/same-thread") {
                reply->send(textAnswer("sent by the handler"));
            } else {
                std::thread([reply] { reply->send(textAnswer("sent meanwhile")); }).join();
            }
            response.text(200, "text/plain", "ignored");
        };
        start();
        TestClient client(server_->port());
        client.send(get("/same-thread"));
        CPPUNIT_ASSERT_EQUAL(std::string("sent by the handler"), client.readResponse().body);
        client.send(get("/other-thread"));
        CPPUNIT_ASSERT_EQUAL(std::string("sent meanwhile"), client.readResponse().body);
    }

    void answersWhatTheHandlerLeftWhenItDeferredAndKeptTheReply() {
        handler_ = [](motel::sdk::Request& request, motel::sdk::Response& response) {
            request.exchange->defer();
            if (request.path == "/throws") throw motel::sdk::NotFound("Session not found");
            response.text(200, "text/plain", "answered after all");
        };
        start();
        TestClient client(server_->port());
        client.send(get("/throws"));
        const RawResponse failed = client.readResponse();
        CPPUNIT_ASSERT_EQUAL(404, failed.status);
        CPPUNIT_ASSERT(failed.body.find("Session not found") != std::string::npos);
        client.send(get("/forgets"));
        CPPUNIT_ASSERT_EQUAL(std::string("answered after all"), client.readResponse().body);
    }

    void answers500WhenADeferredReplyIsDroppedUnanswered() {
        // One worker: once it answered a later request, it is done with the first one too.
        options_.workerThreads = 1;
        options_.inlineFastHandlers = false;
        std::promise<std::shared_ptr<DeferredReply>> handedToPlugin;
        handler_ = [&handedToPlugin](motel::sdk::Request& request, motel::sdk::Response& response) {
            if (request.path != "/poll") return response.text(200, "text/plain", "other");
            handedToPlugin.set_value(request.exchange->defer());
        };
        start();
        // A plugin thread takes the reply and drops it without answering.
        auto reply = std::make_shared<std::shared_ptr<DeferredReply>>();
        SignalledThread owner([reply](std::shared_future<void> dispatchOver) {
            dispatchOver.wait();
            reply->reset();
        });
        TestClient client(server_->port());
        client.send(get("/poll"));
        *reply = handedToPlugin.get_future().get();
        waitUntilHandlersReturned(1);
        TestClient other(server_->port());
        other.send(get("/other"));
        CPPUNIT_ASSERT_EQUAL(std::string("other"), other.readResponse().body);
        owner.signal();
        const RawResponse response = client.readResponse();
        CPPUNIT_ASSERT_EQUAL(500, response.status);
        CPPUNIT_ASSERT(response.body.find("Internal server error") != std::string::npos);
    }

    void neverInlinesARequestTypeThatDefers() {
        options_.inlineFastHandlers = true;
        handler_ = [](motel::sdk::Request& request, motel::sdk::Response&) {
            // Trivially cheap for the thread that runs it: the work is elsewhere.
            request.exchange->defer()->send(textAnswer(whereAmI()));
        };
        start();
        TestClient client(server_->port());
        for (int i = 0; i < 300; ++i) {
            client.send(get("/socket.io/?EIO=4&transport=polling"));
            CPPUNIT_ASSERT_EQUAL(std::string("pool"), client.readResponse().body);
        }
    }

    void handsTheConnectionOverThroughTheExchange() {
        std::promise<std::string> handedOver;
        handler_ = [&handedOver](motel::sdk::Request& request, motel::sdk::Response& response) {
            response.status = 101;
            response.setHeader("Upgrade", "websocket");
            response.setHeader("Connection", "Upgrade");
            request.exchange->takeOver([&handedOver](int fd, std::string pendingBytes) {
                const std::string reply = "adopted:" + pendingBytes;
                ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
                ::close(fd);
                handedOver.set_value(pendingBytes);
            });
        };
        start();
        TestClient client(server_->port());
        client.send("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\n\r\nFIRST-FRAME");
        const RawResponse response = client.readResponse();
        CPPUNIT_ASSERT_EQUAL(101, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Upgrade"), response.header("connection"));
        auto pending = handedOver.get_future();
        CPPUNIT_ASSERT(pending.wait_for(patience) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL(std::string("FIRST-FRAME"), pending.get());
        CPPUNIT_ASSERT_EQUAL(std::string("adopted:FIRST-FRAME"), client.readExactly(19));
        CPPUNIT_ASSERT(client.closedByPeer());
    }

    void refusesToDeferARequestTakenOver() {
        handler_ = [](motel::sdk::Request& request, motel::sdk::Response& response) {
            response.status = 101;
            request.exchange->takeOver([](int fd, std::string) { ::close(fd); });
            request.exchange->defer(); // a plugin bug: std::logic_error
        };
        start();
        TestClient client(server_->port());
        client.send(get("/confused"));
        CPPUNIT_ASSERT_EQUAL(500, client.readResponse().status);
    }

private:
    void start() {
        Handler handler = handler_;
        auto* returned = &returned_;
        auto* requests = &requests_;
        server_ = std::make_unique<HttpServer>(
            options_, [handler, returned, requests](motel::sdk::Request& request, motel::sdk::Response& response,
                                                    motel::host::ConnectionTakeover&) {
                CPPUNIT_ASSERT(request.exchange != nullptr);
                // Like the host's dispatcher: decorate whatever the handler left.
                const int id = ++*requests;
                try {
                    handler(request, response);
                } catch (...) {
                    ++*returned;
                    throw;
                }
                response.setHeader("X-Request-Id", "request-" + std::to_string(id));
                if (response.header("X-Frame-Options").empty()) response.setHeader("X-Frame-Options", "DENY");
                ++*returned;
            });
        server_->start();
    }

    void waitUntilHandlersReturned(int count) {
        const auto deadline = std::chrono::steady_clock::now() + patience;
        while (returned_.load() < count && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        CPPUNIT_ASSERT(returned_.load() >= count);
    }

    HttpServerOptions options_;
    Handler handler_;
    ParkedReplies parked_;
    std::atomic<int> returned_{0};
    std::atomic<int> requests_{0};
    std::unique_ptr<HttpServer> server_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpExchangeTest);
