// HttpServer over real loopback sockets (port 0) with a small dispatcher:
// what a client sees for normal, pipelined, malformed, oversized, slow and
// taken-over requests, and during a graceful stop.
#include "http/HttpServer.h"

#include "TestClient.h"
#include "support/Gate.h"

#include "http/RequestExecutor.h"

#include <motel/sdk/AnswerHold.h>
#include <motel/sdk/Errors.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

using motel::host::ConnectionTakeover;
using motel::host::EventLoop;
using motel::host::HttpServer;
using motel::host::HttpServerOptions;
using motel::test::RawResponse;
using motel::test::TestClient;

using motel::test::Gate;
namespace {

struct GateOpener {
    std::shared_ptr<Gate> gate;
    ~GateOpener() { gate->open(); }
};

Poco::JSON::Object::Ptr jsonOf(const RawResponse& response) {
    return Poco::JSON::Parser().parse(response.body).extract<Poco::JSON::Object::Ptr>();
}

void assertEnvelope(const RawResponse& response, int status, const std::string& message) {
    CPPUNIT_ASSERT_EQUAL(status, response.status);
    CPPUNIT_ASSERT_EQUAL(std::string("application/json; charset=utf-8"), response.header("content-type"));
    const auto envelope = jsonOf(response);
    CPPUNIT_ASSERT_EQUAL(status, envelope->getValue<int>("statusCode"));
    CPPUNIT_ASSERT_EQUAL(std::string(motel::sdk::HttpError::reasonFor(status)),
                         envelope->getValue<std::string>("error"));
    if (!message.empty()) CPPUNIT_ASSERT_EQUAL(message, envelope->getValue<std::string>("message"));
}

std::string get(const std::string& path, const std::string& extraHeaders = "") {
    return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n";
}

} // namespace

class HttpServerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HttpServerTest);
    CPPUNIT_TEST(answersGetWithTheDecodedRequest);
    CPPUNIT_TEST(answersPostWithTheBody);
    CPPUNIT_TEST(readsChunkedBodies);
    CPPUNIT_TEST(servesTwoRequestsOnOneKeptAliveConnection);
    CPPUNIT_TEST(answersPipelinedRequestsInOrder);
    CPPUNIT_TEST(closesHttp10ConnectionsUnlessAskedToKeepThem);
    CPPUNIT_TEST(answersHeadWithoutABody);
    CPPUNIT_TEST(sendsContinueBeforeTheBody);
    CPPUNIT_TEST(refusesBodiesOverTheLimitFromContentLength);
    CPPUNIT_TEST(refusesChunkedBodiesOverTheLimit);
    CPPUNIT_TEST(refusesHeadsOverTheLimit);
    CPPUNIT_TEST(answersMalformedRequestsWith400);
    CPPUNIT_TEST(answersNonOriginTargetsWith400);
    CPPUNIT_TEST(answersUnknownTransferEncodingsWith501);
    CPPUNIT_TEST(closesConnectionsThatSendHeadersTooSlowly);
    CPPUNIT_TEST(servesOthersWhile300ClientsHoldHalfSentRequests);
    CPPUNIT_TEST(answers503WhenTheQueueIsFull);
    CPPUNIT_TEST(turnsDispatchExceptionsInto500AndKeepsServing);
    CPPUNIT_TEST(rendersHttpErrorsThrownByDispatch);
    CPPUNIT_TEST(answersOnlyOnceTheAnswerHoldsAreReleased);
    CPPUNIT_TEST(answersAfterTheBoundWhenAHoldIsNeverReleased);
    CPPUNIT_TEST(handsATakenOverConnectionAndItsExtraBytesToTheClaimer);
    CPPUNIT_TEST(letsAnInFlightRequestFinishDuringAGracefulStop);
    CPPUNIT_TEST(takesTheClientAddressFromForwardedForWhenTrusted);
    CPPUNIT_TEST(reportsAnAddressInUseClearly);
    CPPUNIT_TEST(capsConnectionsPerAddressWithAClearAnswer);
    CPPUNIT_TEST(answersConnectionsOverTheTotalCapWith503);
    CPPUNIT_TEST(runsProvenFastHandlersOnTheIoThreadInOrder);
    CPPUNIT_TEST(keepsBlockingHandlersOnThePool);
    CPPUNIT_TEST(keepsEveryHandlerOnThePoolWhenInliningIsOff);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        options_ = HttpServerOptions{};
        options_.host = "127.0.0.1";
        options_.port = 0;
        options_.workerThreads = 4;
        handler_ = [](motel::sdk::Request& request, motel::sdk::Response& response, ConnectionTakeover&) {
            echo(request, response);
        };
    }

    void tearDown() override {
        if (server_) server_->stop(std::chrono::milliseconds(1000));
        server_.reset();
    }

    void answersGetWithTheDecodedRequest() {
        start();
        TestClient client(server_->port());
        client.send(get("/api/a%20b?x=1&y=two+words&x=3", "X-Custom: yes\r\n"));
        const RawResponse response = client.readResponse();
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        const auto echoed = jsonOf(response);
        CPPUNIT_ASSERT_EQUAL(std::string("GET"), echoed->getValue<std::string>("method"));
        CPPUNIT_ASSERT_EQUAL(std::string("/api/a b"), echoed->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("x=1;y=two words;x=3;"), echoed->getValue<std::string>("query"));
        CPPUNIT_ASSERT_EQUAL(std::string("yes"), echoed->getValue<std::string>("custom"));
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), echoed->getValue<std::string>("remote"));
        CPPUNIT_ASSERT(!response.header("date").empty());
        CPPUNIT_ASSERT(response.header("connection").empty()); // kept alive
    }

    void answersPostWithTheBody() {
        start();
        TestClient client(server_->port());
        client.send("POST /things HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
                    "13\r\n\r\n{\"name\":\"x\"}\n");
        const auto echoed = jsonOf(client.readResponse());
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), echoed->getValue<std::string>("method"));
        CPPUNIT_ASSERT_EQUAL(std::string("{\"name\":\"x\"}\n"), echoed->getValue<std::string>("body"));
    }

    void readsChunkedBodies() {
        start();
        TestClient client(server_->port());
        client.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n");
        client.send("5\r\npedia\r\n0\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(std::string("Wikipedia"), jsonOf(client.readResponse())->getValue<std::string>("body"));
    }

    void servesTwoRequestsOnOneKeptAliveConnection() {
        start();
        TestClient client(server_->port());
        client.send(get("/first"));
        CPPUNIT_ASSERT_EQUAL(std::string("/first"), jsonOf(client.readResponse())->getValue<std::string>("path"));
        client.send(get("/second"));
        CPPUNIT_ASSERT_EQUAL(std::string("/second"), jsonOf(client.readResponse())->getValue<std::string>("path"));
    }

    void answersPipelinedRequestsInOrder() {
        // The first request is the slowest: its answer must still come first.
        handler_ = [](motel::sdk::Request& request, motel::sdk::Response& response, ConnectionTakeover&) {
            if (request.path == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(200));
            echo(request, response);
        };
        start();
        TestClient client(server_->port());
        client.send(get("/slow") + get("/fast") + "POST /post HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi" + get("/last"));
        CPPUNIT_ASSERT_EQUAL(std::string("/slow"), jsonOf(client.readResponse())->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("/fast"), jsonOf(client.readResponse())->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("hi"), jsonOf(client.readResponse())->getValue<std::string>("body"));
        CPPUNIT_ASSERT_EQUAL(std::string("/last"), jsonOf(client.readResponse())->getValue<std::string>("path"));
    }

    void closesHttp10ConnectionsUnlessAskedToKeepThem() {
        start();
        {
            TestClient client(server_->port());
            client.send("GET /old HTTP/1.0\r\n\r\n");
            const RawResponse response = client.readResponse();
            CPPUNIT_ASSERT_EQUAL(200, response.status);
            CPPUNIT_ASSERT_EQUAL(std::string("close"), response.header("connection"));
            CPPUNIT_ASSERT(client.closedByPeer());
        }
        TestClient client(server_->port());
        client.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(std::string("keep-alive"), client.readResponse().header("connection"));
        client.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(200, client.readResponse().status);
    }

    void answersHeadWithoutABody() {
        start();
        TestClient client(server_->port());
        client.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\n");
        const RawResponse head = client.readResponse(true);
        CPPUNIT_ASSERT_EQUAL(200, head.status);
        CPPUNIT_ASSERT(std::stoul(head.header("content-length")) > 0);
        // The next response on the connection starts right after the head.
        client.send(get("/after"));
        CPPUNIT_ASSERT_EQUAL(std::string("/after"), jsonOf(client.readResponse())->getValue<std::string>("path"));
    }

    void sendsContinueBeforeTheBody() {
        start();
        TestClient client(server_->port());
        client.send("PUT /upload HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(100, client.readResponse().status);
        client.send("data");
        const RawResponse response = client.readResponse();
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("data"), jsonOf(response)->getValue<std::string>("body"));
    }

    void refusesBodiesOverTheLimitFromContentLength() {
        options_.maxBodyBytes = 1024;
        start();
        TestClient client(server_->port());
        // The whole body is sent; the answer must still arrive, not a reset.
        client.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 4096\r\n\r\n" + std::string(4096, 'x'));
        const RawResponse response = client.readResponse();
        assertEnvelope(response, 413, "");
        CPPUNIT_ASSERT_EQUAL(std::string("close"), response.header("connection"));
        CPPUNIT_ASSERT(client.closedByPeer());
        CPPUNIT_ASSERT_EQUAL(0, dispatched_.load());
    }

    void refusesChunkedBodiesOverTheLimit() {
        options_.maxBodyBytes = 1024;
        start();
        TestClient client(server_->port());
        client.send("POST /big HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 3; ++i) client.send("200\r\n" + std::string(512, 'y') + "\r\n");
        assertEnvelope(client.readResponse(), 413, "");
        CPPUNIT_ASSERT(client.closedByPeer());
        CPPUNIT_ASSERT_EQUAL(0, dispatched_.load());
    }

    void refusesHeadsOverTheLimit() {
        options_.maxHeaderBytes = 1024;
        start();
        TestClient client(server_->port());
        client.send(get("/", "X-Big: " + std::string(2000, 'h') + "\r\n"));
        assertEnvelope(client.readResponse(), 431, "");
        CPPUNIT_ASSERT(client.closedByPeer());
    }

    void answersMalformedRequestsWith400() {
        start();
        TestClient client(server_->port());
        client.send("THIS IS NOT HTTP\r\n\r\n");
        const RawResponse response = client.readResponse();
        assertEnvelope(response, 400, "Malformed request line");
        CPPUNIT_ASSERT(client.closedByPeer());
        TestClient headers(server_->port());
        headers.send("GET / HTTP/1.1\r\nBroken header\r\n\r\n");
        assertEnvelope(headers.readResponse(), 400, "");
    }

    void answersNonOriginTargetsWith400() {
        start();
        TestClient client(server_->port());
        client.send("GET http://example.com/ HTTP/1.1\r\nHost: t\r\n\r\n");
        assertEnvelope(client.readResponse(), 400, "Request target must be an absolute path");
        client.send(get("/nul%00byte"));
        assertEnvelope(client.readResponse(), 400, "");
        CPPUNIT_ASSERT_EQUAL(0, dispatched_.load());
    }

    void answersUnknownTransferEncodingsWith501() {
        start();
        TestClient client(server_->port());
        client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n");
        assertEnvelope(client.readResponse(), 501, "");
    }

    void closesConnectionsThatSendHeadersTooSlowly() {
        // A manual clock: the test moves time past the header timeout instead of waiting for it.
        const auto base = EventLoop::Clock::now();
        auto advancedMs = std::make_shared<std::atomic<long>>(0);
        options_.clock = [base, advancedMs] { return base + std::chrono::milliseconds(advancedMs->load()); };
        start();
        TestClient client(server_->port());
        client.send("GET /slow HTTP/1.1\r\nHost: t\r\n"); // never finished
        TestClient silent(server_->port());
        for (int i = 0; i < 500 && server_->connectionCount() < 2; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        CPPUNIT_ASSERT_EQUAL(std::size_t{2}, server_->connectionCount());
        // Until the clock moves, both wait (the timeout is 10 s of the manual clock).
        CPPUNIT_ASSERT(!client.closedByPeer(std::chrono::milliseconds(50)));
        advancedMs->store(options_.headerTimeout.count() + 1);
        assertEnvelope(client.readResponse(), 408, "");
        CPPUNIT_ASSERT(client.closedByPeer());
        // A connection that never sends anything is closed without an answer.
        CPPUNIT_ASSERT(silent.closedByPeer());
        CPPUNIT_ASSERT_EQUAL(0, dispatched_.load());
    }

    void servesOthersWhile300ClientsHoldHalfSentRequests() {
        start();
        std::vector<std::unique_ptr<TestClient>> slow;
        for (int i = 0; i < 300; ++i) {
            slow.push_back(std::make_unique<TestClient>(server_->port()));
            slow.back()->send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly part of the body");
            if (i % 2 == 0) slow.back()->send("X"); // and some trickle on
        }
        const auto started = std::chrono::steady_clock::now();
        TestClient normal(server_->port());
        normal.send(get("/health/live"));
        const RawResponse response = normal.readResponse();
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
        // The slow clients are still connected and waiting, not refused.
        CPPUNIT_ASSERT(!slow.front()->closedByPeer(std::chrono::milliseconds(10)));
        CPPUNIT_ASSERT(server_->connectionCount() >= 300);
    }

    void answers503WhenTheQueueIsFull() {
        options_.workerThreads = 1;
        options_.maxQueuedRequests = 1;
        auto gate = std::make_shared<Gate>();
        const GateOpener openOnExit{gate}; // a failed assertion must not leave the worker blocked
        std::promise<void> firstStarted;
        auto started = std::make_shared<std::atomic<bool>>(false);
        handler_ = [gate, &firstStarted, started](motel::sdk::Request& request, motel::sdk::Response& response,
                                                  ConnectionTakeover&) {
            if (request.path == "/block") {
                if (!started->exchange(true)) firstStarted.set_value();
                gate->wait();
            }
            echo(request, response);
        };
        start();
        TestClient busy(server_->port());
        busy.send(get("/block"));
        firstStarted.get_future().wait(); // the only worker is now busy
        // Five more requests on five connections: one fits the queue, four are refused.
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 5; ++i) {
            clients.push_back(std::make_unique<TestClient>(server_->port()));
            clients.back()->send(get("/more"));
        }
        std::vector<TestClient*> refused, waiting;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (refused.size() < 4 && std::chrono::steady_clock::now() < deadline) {
            refused.clear();
            waiting.clear();
            for (auto& client : clients)
                (client->readable(std::chrono::milliseconds(20)) ? refused : waiting).push_back(client.get());
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), refused.size());
        for (TestClient* client : refused) assertEnvelope(client->readResponse(), 503, "");
        gate->open();
        CPPUNIT_ASSERT_EQUAL(200, busy.readResponse().status);
        CPPUNIT_ASSERT_EQUAL(200, waiting.front()->readResponse().status);
        refused.front()->send(get("/again"));
        CPPUNIT_ASSERT_EQUAL(200, refused.front()->readResponse().status); // 503 kept the connection
    }

    void turnsDispatchExceptionsInto500AndKeepsServing() {
        handler_ = [](motel::sdk::Request& request, motel::sdk::Response& response, ConnectionTakeover&) {
            if (request.path == "/boom") throw std::runtime_error("SELECT secret FROM table failed");
            if (request.path == "/weird") throw 42;
            echo(request, response);
        };
        start();
        TestClient client(server_->port());
        client.send(get("/boom"));
        const RawResponse failed = client.readResponse();
        assertEnvelope(failed, 500, "Internal server error");
        CPPUNIT_ASSERT(failed.body.find("secret") == std::string::npos);
        client.send(get("/weird"));
        assertEnvelope(client.readResponse(), 500, "Internal server error");
        client.send(get("/fine"));
        CPPUNIT_ASSERT_EQUAL(200, client.readResponse().status);
    }

    void answersOnlyOnceTheAnswerHoldsAreReleased() {
        CPPUNIT_ASSERT(!motel::sdk::holdAnswer()); // outside a request nothing can wait
        std::atomic<bool> released{false};
        std::vector<std::thread> relays;
        std::mutex relaysMutex;
        handler_ = [&](motel::sdk::Request& request, motel::sdk::Response& response, ConnectionTakeover&) {
            if (request.path != "/api/tasks") return;
            response.status = 201;
            response.body = "made";
            std::lock_guard<std::mutex> lock(relaysMutex);
            // What the realtime relay does with an event the handler published.
            for (int delayMs : {50, 150}) {
                relays.emplace_back([&released, delayMs, hold = motel::sdk::holdAnswer()] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
                    if (delayMs == 150) released = true;
                    hold->release();
                });
            }
        };
        start();
        TestClient client(server_->port());
        const auto sent = std::chrono::steady_clock::now();
        client.send(get("/api/tasks"));
        const RawResponse response = client.readResponse();
        CPPUNIT_ASSERT(released.load()); // not before the last hold went
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - sent >= std::chrono::milliseconds(150));
        CPPUNIT_ASSERT_EQUAL(201, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("made"), response.body);
        {
            std::lock_guard<std::mutex> lock(relaysMutex);
            for (auto& relay : relays) relay.join();
            relays.clear();
        }
        // The connection serves the next request as usual.
        client.send(get("/next"));
        CPPUNIT_ASSERT_EQUAL(200, client.readResponse().status);
    }

    void answersAfterTheBoundWhenAHoldIsNeverReleased() {
        // A manual clock: the test moves time past the bound instead of waiting for it.
        const auto base = EventLoop::Clock::now();
        auto advancedMs = std::make_shared<std::atomic<long>>(0);
        options_.clock = [base, advancedMs] { return base + std::chrono::milliseconds(advancedMs->load()); };
        std::shared_ptr<motel::sdk::AnswerHold> forgotten;
        std::atomic<bool> handled{false};
        handler_ = [&](motel::sdk::Request&, motel::sdk::Response& response, ConnectionTakeover&) {
            forgotten = motel::sdk::holdAnswer(); // Redis hangs: never released
            response.body = "made anyway";
            handled = true;
        };
        start();
        TestClient client(server_->port());
        client.send(get("/api/tasks"));
        for (int i = 0; i < 500 && !handled; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        CPPUNIT_ASSERT(handled.load());
        CPPUNIT_ASSERT(!client.readable(std::chrono::milliseconds(50))); // held while the clock stands still
        // The hold is watched just after the handler returns: move the clock
        // one bound at a time until the answer goes.
        const auto bound = motel::host::RequestExecutor::kAnswerHoldBound;
        bool answered = false;
        for (int step = 0; step < 10 && !answered; ++step) {
            advancedMs->fetch_add(bound.count());
            answered = client.readable(std::chrono::milliseconds(20));
        }
        CPPUNIT_ASSERT(answered); // well before the bound had passed on the real clock
        const RawResponse response = client.readResponse();
        CPPUNIT_ASSERT_EQUAL(std::string("made anyway"), response.body);
        forgotten->release(); // too late: ignored
    }

    void rendersHttpErrorsThrownByDispatch() {
        handler_ = [](motel::sdk::Request&, motel::sdk::Response&, ConnectionTakeover&) {
            throw motel::sdk::NotFound("Suite 42 not found");
        };
        start();
        TestClient client(server_->port());
        client.send(get("/api/suites/42"));
        assertEnvelope(client.readResponse(), 404, "Suite 42 not found");
    }

    void handsATakenOverConnectionAndItsExtraBytesToTheClaimer() {
        std::promise<std::string> handedOver;
        std::atomic<bool> onLoopThread{false};
        handler_ = [&](motel::sdk::Request&, motel::sdk::Response& response, ConnectionTakeover& takeover) {
            response.status = 101;
            response.setHeader("Upgrade", "echo");
            response.setHeader("Connection", "Upgrade");
            takeover.claim([&](int fd, std::string alreadyRead) {
                onLoopThread = motel::host::EventLoop::current() != nullptr;
                const std::string reply = "got:" + alreadyRead;
                ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
                ::close(fd);
                handedOver.set_value(alreadyRead);
            });
        };
        start();
        TestClient client(server_->port());
        client.send(get("/upgrade", "Upgrade: echo\r\nConnection: Upgrade\r\n") + "FRAME1");
        const RawResponse response = client.readResponse();
        CPPUNIT_ASSERT_EQUAL(101, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Upgrade"), response.header("connection"));
        CPPUNIT_ASSERT(response.header("content-length").empty());
        CPPUNIT_ASSERT_EQUAL(std::string("FRAME1"), handedOver.get_future().get());
        CPPUNIT_ASSERT(onLoopThread.load());
        CPPUNIT_ASSERT_EQUAL(std::string("got:FRAME1"), client.readExactly(10));
        CPPUNIT_ASSERT(client.closedByPeer());
    }

    void letsAnInFlightRequestFinishDuringAGracefulStop() {
        std::promise<void> handlerStarted;
        handler_ = [&](motel::sdk::Request& request, motel::sdk::Response& response, ConnectionTakeover&) {
            if (request.path == "/slow") {
                handlerStarted.set_value();
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
            }
            echo(request, response);
        };
        start();
        TestClient idle(server_->port());
        idle.send(get("/warm"));
        CPPUNIT_ASSERT_EQUAL(200, idle.readResponse().status); // now an idle keep-alive connection
        TestClient inFlight(server_->port());
        inFlight.send(get("/slow"));
        handlerStarted.get_future().wait();
        std::thread stopper([this] { server_->stop(std::chrono::seconds(10)); });
        const RawResponse response = inFlight.readResponse();
        stopper.join();
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("/slow"), jsonOf(response)->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("close"), response.header("connection"));
        CPPUNIT_ASSERT(inFlight.closedByPeer());
        CPPUNIT_ASSERT(idle.closedByPeer());
        CPPUNIT_ASSERT(!server_->running());
        CPPUNIT_ASSERT_THROW(TestClient(server_->port()), std::runtime_error); // no longer listening
    }

    void takesTheClientAddressFromForwardedForWhenTrusted() {
        options_.trustForwardedFor = true;
        start();
        TestClient client(server_->port());
        client.send(get("/", "X-Forwarded-For: 203.0.113.9, 198.51.100.7\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("198.51.100.7"),
                             jsonOf(client.readResponse())->getValue<std::string>("remote"));
        client.send(get("/"));
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), jsonOf(client.readResponse())->getValue<std::string>("remote"));
        // An entry that is no address never becomes the client's address (it
        // would reach the access and audit logs as sent).
        client.send(get("/", "X-Forwarded-For: 198.51.100.7, <script>not-an-ip\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), jsonOf(client.readResponse())->getValue<std::string>("remote"));
    }

    /// Waits until the server counts `count` connections (closes are seen
    /// on the loop thread, a moment after the client's close).
    void awaitConnections(std::size_t count) {
        for (int i = 0; i < 200 && server_->connectionCount() != count; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        CPPUNIT_ASSERT_EQUAL(count, server_->connectionCount());
    }

    void capsConnectionsPerAddressWithAClearAnswer() {
        std::mutex takenMutex;
        std::vector<int> taken; // sockets "a plugin" took over and keeps open
        options_.maxConnectionsPerAddress = 3;
        handler_ = [&](motel::sdk::Request& request, motel::sdk::Response& response, ConnectionTakeover& takeover) {
            if (request.path != "/upgrade") return echo(request, response);
            response.status = 101;
            response.setHeader("Upgrade", "echo");
            response.setHeader("Connection", "Upgrade");
            takeover.claim([&](int fd, std::string) {
                std::lock_guard<std::mutex> lock(takenMutex);
                taken.push_back(fd);
            });
        };
        start();
        auto first = std::make_unique<TestClient>(server_->port());
        first->send(get("/one"));
        CPPUNIT_ASSERT_EQUAL(200, first->readResponse().status);
        TestClient second(server_->port());
        second.send(get("/two"));
        CPPUNIT_ASSERT_EQUAL(200, second.readResponse().status);
        TestClient upgraded(server_->port());
        upgraded.send(get("/upgrade", "Upgrade: echo\r\nConnection: Upgrade\r\n"));
        CPPUNIT_ASSERT_EQUAL(101, upgraded.readResponse().status);

        // A fourth connection from the same address: a 429 envelope, then closed.
        TestClient fourth(server_->port());
        fourth.send(get("/four"));
        const RawResponse refused = fourth.readResponse();
        CPPUNIT_ASSERT_EQUAL(429, refused.status);
        CPPUNIT_ASSERT_EQUAL(std::string("close"), refused.header("connection"));
        CPPUNIT_ASSERT(!refused.header("retry-after").empty());
        CPPUNIT_ASSERT_EQUAL(std::string("Too many connections from your address"),
                             jsonOf(refused)->getValue<std::string>("message"));
        CPPUNIT_ASSERT(fourth.closedByPeer());
        // The connections it already has are served as before.
        second.send(get("/again"));
        CPPUNIT_ASSERT_EQUAL(200, second.readResponse().status);

        // A closed connection frees its place; so does a closed taken-over socket.
        first.reset();
        awaitConnections(1);
        TestClient fifth(server_->port());
        fifth.send(get("/five"));
        CPPUNIT_ASSERT_EQUAL(200, fifth.readResponse().status);
        TestClient sixth(server_->port());
        sixth.send(get("/six"));
        CPPUNIT_ASSERT_EQUAL(429, sixth.readResponse().status);
        {
            std::lock_guard<std::mutex> lock(takenMutex);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), taken.size());
            ::close(taken.front());
        }
        TestClient seventh(server_->port());
        seventh.send(get("/seven"));
        CPPUNIT_ASSERT_EQUAL(200, seventh.readResponse().status);
    }

    void answersConnectionsOverTheTotalCapWith503() {
        options_.maxConnections = 2;
        start();
        TestClient first(server_->port());
        first.send(get("/one"));
        CPPUNIT_ASSERT_EQUAL(200, first.readResponse().status);
        TestClient second(server_->port());
        second.send(get("/two"));
        CPPUNIT_ASSERT_EQUAL(200, second.readResponse().status);
        TestClient third(server_->port());
        third.send(get("/three"));
        const RawResponse refused = third.readResponse();
        CPPUNIT_ASSERT_EQUAL(503, refused.status);
        CPPUNIT_ASSERT(!refused.header("retry-after").empty());
        CPPUNIT_ASSERT(third.closedByPeer());
        first.send(get("/again"));
        CPPUNIT_ASSERT_EQUAL(200, first.readResponse().status);
    }

    void reportsAnAddressInUseClearly() {
        start();
        HttpServerOptions clash = options_;
        clash.port = server_->port();
        HttpServer second(clash, handler_);
        try {
            second.start();
            CPPUNIT_FAIL("a second server bound the same port");
        } catch (const std::runtime_error& e) {
            const std::string message = e.what();
            CPPUNIT_ASSERT_MESSAGE(message,
                                   message.find("127.0.0.1:" + std::to_string(server_->port())) != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(message, message.find("Address already in use") != std::string::npos);
        }
    }

    void runsProvenFastHandlersOnTheIoThreadInOrder() {
        handler_ = [](motel::sdk::Request& request, motel::sdk::Response& response, ConnectionTakeover&) {
            response.text(200, "text/plain", whereAmI() + " " + request.path + " " + request.body);
        };
        options_.reviseCost = costs(std::chrono::microseconds(5), std::chrono::microseconds(5), false);
        start();
        TestClient client(server_->port());
        bool ranInline = false;
        for (int i = 0; i < 2 * int(motel::host::InlineDispatchPolicy::qualifyingRuns) && !ranInline; ++i) {
            client.send(get("/fast"));
            ranInline = client.readResponse().body.compare(0, 6, "inline") == 0;
        }
        CPPUNIT_ASSERT_MESSAGE("a trivial GET never ran on the I/O thread", ranInline);
        // Inline and pool requests pipelined together keep their order.
        client.send(get("/fast") + get("/slow") + "POST /fast HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody" +
                    get("/fast") + "HEAD /fast HTTP/1.1\r\n\r\n" + get("/fast"));
        CPPUNIT_ASSERT_EQUAL(std::string("inline /fast "), client.readResponse().body);
        CPPUNIT_ASSERT_EQUAL(std::string("pool /slow "), client.readResponse().body);
        CPPUNIT_ASSERT_EQUAL(std::string("pool /fast body"), client.readResponse().body);
        CPPUNIT_ASSERT_EQUAL(std::string("inline /fast "), client.readResponse().body);
        CPPUNIT_ASSERT_EQUAL(200, client.readResponse(true).status);
        CPPUNIT_ASSERT_EQUAL(std::string("inline /fast "), client.readResponse().body);
    }

    void keepsBlockingHandlersOnThePool() {
        handler_ = [](motel::sdk::Request&, motel::sdk::Response& response, ConnectionTakeover&) {
            response.text(200, "text/plain", whereAmI());
        };
        // Little CPU, 200 µs asleep: like a database round trip.
        options_.reviseCost = costs(std::chrono::microseconds(5), std::chrono::microseconds(205), true);
        start();
        TestClient client(server_->port());
        for (int i = 0; i < 200; ++i) {
            client.send(get("/db"));
            CPPUNIT_ASSERT_EQUAL(std::string("pool"), client.readResponse().body);
        }
    }

    void keepsEveryHandlerOnThePoolWhenInliningIsOff() {
        options_.inlineFastHandlers = false;
        handler_ = [](motel::sdk::Request&, motel::sdk::Response& response, ConnectionTakeover&) {
            response.text(200, "text/plain", whereAmI());
        };
        start();
        TestClient client(server_->port());
        for (int i = 0; i < 200; ++i) {
            client.send(get("/fast"));
            CPPUNIT_ASSERT_EQUAL(std::string("pool"), client.readResponse().body);
        }
    }

private:
    /// The inline policy sees every dispatch cost `cpu` and `wall` (`blocked`:
    /// the thread slept), whatever it measured: its decision is tested, not
    /// the CPU clock of a loaded or sanitised build.
    static motel::host::HttpServerOptions::CostReviser costs(std::chrono::microseconds cpu,
                                                             std::chrono::microseconds wall, bool blocked) {
        return [=](const std::string&, const std::string&, const motel::host::DispatchCost& measured) {
            motel::host::DispatchCost cost;
            cost.cpu = measured.precise ? cpu : std::chrono::microseconds(0);
            cost.wall = wall;
            cost.blocked = measured.precise && blocked;
            cost.precise = measured.precise;
            return cost;
        };
    }

    /// "inline" on an I/O thread (it runs an EventLoop), "pool" on a worker.
    static std::string whereAmI() { return motel::host::EventLoop::current() ? "inline" : "pool"; }

    static void echo(motel::sdk::Request& request, motel::sdk::Response& response) {
        Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
        out->set("method", request.method);
        out->set("path", request.path);
        std::string query;
        for (const auto& [name, value] : request.query) query += name + "=" + value + ";";
        out->set("query", query);
        out->set("body", request.body);
        out->set("custom", request.header("X-Custom"));
        out->set("remote", request.remoteAddress);
        response.json(200, out);
    }

    void start() {
        auto handler = handler_;
        auto* dispatched = &dispatched_;
        server_ = std::make_unique<HttpServer>(options_, [handler, dispatched](motel::sdk::Request& request,
                                                                               motel::sdk::Response& response,
                                                                               ConnectionTakeover& takeover) {
            ++*dispatched;
            handler(request, response, takeover);
        });
        server_->start();
        CPPUNIT_ASSERT(server_->port() != 0);
    }

    HttpServerOptions options_;
    motel::host::RequestDispatch handler_;
    std::unique_ptr<HttpServer> server_;
    std::atomic<int> dispatched_{0};
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpServerTest);
