// Slow and idle clients (slowloris and friends): with short timeouts
// configured, a client that trickles its head or its body gets 408 and is
// disconnected, an idle keep-alive connection is closed, hundreds of such
// clients cost no threads, and everybody else is served meanwhile.
#include "BadInputFixture.h"
#include "RawHttpClient.h"

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace motel::test {

class SlowClientTest : public BadInputFixture {
    CPPUNIT_TEST_SUITE(SlowClientTest);
    CPPUNIT_TEST(aTricklingHeadGets408AndIsClosed);
    CPPUNIT_TEST(aTricklingBodyGets408AndIsClosed);
    CPPUNIT_TEST(anIdleKeepAliveConnectionIsClosed);
    CPPUNIT_TEST(aSilentConnectionIsClosed);
    CPPUNIT_TEST(manySlowClientsCostNoThreadsAndOthersAreServed);
    CPPUNIT_TEST_SUITE_END();

protected:
    std::map<std::string, std::string> hostProperties() override {
        return {{"http.headerTimeout", "1s"},
                {"http.bodyTimeout", "1s"},
                {"http.idleTimeout", "1s"},
                {"http.workers", "4"}};
    }

public:
    void aTricklingHeadGets408AndIsClosed() {
        RawHttpClient client(host_->port());
        client.send("GET /health/live HTTP/1.1\r\nHost: x\r\n");
        // One header byte every 100 ms never finishes the head; the header
        // clock runs from the first byte, so trickling does not extend it.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        while (std::chrono::steady_clock::now() < deadline) {
            client.send("X");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        expectClientError(client.readResponse(), "a head trickled for 3 s", 408);
        CPPUNIT_ASSERT(client.closedByPeer(std::chrono::seconds(5)));
        expectHostServes();
    }

    void aTricklingBodyGets408AndIsClosed() {
        RawHttpClient client(host_->port());
        client.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: 100\r\n\r\n{\"email\":");
        expectClientError(client.readResponse(), "a body 10 of 100 bytes long", 408);
        CPPUNIT_ASSERT(client.closedByPeer(std::chrono::seconds(5)));
        expectHostServes();
    }

    void anIdleKeepAliveConnectionIsClosed() {
        RawHttpClient client(host_->port());
        client.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(200, client.readResponse().status);
        CPPUNIT_ASSERT(client.closedByPeer(std::chrono::seconds(10)));
    }

    void aSilentConnectionIsClosed() {
        RawHttpClient client(host_->port());
        CPPUNIT_ASSERT(client.closedByPeer(std::chrono::seconds(10)));
    }

    void manySlowClientsCostNoThreadsAndOthersAreServed() {
        expectHostServes();
        const long threadsBefore = hostThreads();
        std::vector<std::unique_ptr<RawHttpClient>> slow;
        for (int i = 0; i < 300; ++i) {
            slow.push_back(std::make_unique<RawHttpClient>(host_->port()));
            slow.back()->send(i % 2 ? "GET /api/suites HTTP/1.1\r\nHost: x\r\nX-Slow: "
                                    : "POST /api/auth/login HTTP/1.1\r\nContent-Length: 50\r\n\r\n{");
        }
        // While 300 connections hang, others are served and no thread is spent on them.
        for (int i = 0; i < 20; ++i) expectHostServes();
        const long threadsDuring = hostThreads();
        CPPUNIT_ASSERT_MESSAGE(std::to_string(threadsBefore) + " -> " + std::to_string(threadsDuring),
                               threadsDuring <= threadsBefore + 4);
        for (auto& client : slow) {
            expectClientError(client->readResponse(), "one of 300 slow clients", 408);
            CPPUNIT_ASSERT(client->closedByPeer(std::chrono::seconds(5)));
        }
        expectHostServes();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SlowClientTest);

} // namespace motel::test
