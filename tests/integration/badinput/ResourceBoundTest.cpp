// Thousands of bad requests cost nothing lasting: the host's resident memory
// after them stays within a generous bound of what it was after a warm-up,
// and its thread count does not grow with them.
#include "BadInputFixture.h"
#include "RawHttpClient.h"

#include <iostream>
#include <string>
#include <vector>

namespace motel::test {

class ResourceBoundTest : public BadInputFixture {
    CPPUNIT_TEST_SUITE(ResourceBoundTest);
    CPPUNIT_TEST(badRequestsDoNotGrowMemoryOrThreads);
    CPPUNIT_TEST_SUITE_END();

public:
    void badRequestsDoNotGrowMemoryOrThreads() {
        sendRound(1000); // warm-up: pools, caches and allocator arenas reach their size
        const long rssBefore = hostRssKiB();
        const long threadsBefore = hostThreads();
        sendRound(6000);
        const long rssAfter = hostRssKiB();
        const long threadsAfter = hostThreads();
        const std::string figures = "RSS " + std::to_string(rssBefore) + " KiB -> " + std::to_string(rssAfter) +
                                    " KiB, threads " + std::to_string(threadsBefore) + " -> " +
                                    std::to_string(threadsAfter);
        std::cout << "\n  6000 bad requests: " << figures << std::endl;
        // A leak of even 5 KiB per request would show as 30 MB here. Under
        // AddressSanitizer freed memory waits in its quarantine (up to 256 MiB
        // by design), so RSS says nothing there; LeakSanitizer checks leaks.
#if !defined(__SANITIZE_ADDRESS__)
        CPPUNIT_ASSERT_MESSAGE(figures, rssAfter - rssBefore < 24 * 1024);
#endif
        CPPUNIT_ASSERT_MESSAGE(figures, threadsAfter <= threadsBefore + 2);
        expectHostServes();
    }

private:
    /// `count` bad requests of every kind, over raw sockets and keep-alive.
    void sendRound(int count) {
        const std::string token = "Authorization: Bearer " + admin_ + "\r\n";
        const std::vector<std::string> requests{
            "GET /health/live HTTP/1.1\r\nBad Header\r\n\r\n",
            "POST /api/suites HTTP/1.1\r\n" + token +
                "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n",
            "GET /api/suites?floor=' OR 1=1 HTTP/1.1\r\n" + token + "\r\n",
            "GET /api/suites?floor=%27%20OR%201%3D1 HTTP/1.1\r\n" + token + "\r\n",
            "POST /api/suites HTTP/1.1\r\n" + token +
                "Content-Type: application/json\r\nContent-Length: 14\r\n\r\n"
                "[[[[[[[[[[[[[[",
            "POST /api/tasks HTTP/1.1\r\n" + token + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
            "GET /api/suites/99999999999999999999 HTTP/1.1\r\n" + token + "\r\n",
            "GET /api/suites HTTP/1.1\r\nAuthorization: Bearer a.b.c\r\n\r\n",
            "GET /../../etc/passwd HTTP/1.1\r\n\r\n",
            "GET /health/live HTTP/1.1\r\nX-Big: " + std::string(20000, 'x') + "\r\n\r\n",
        };
        for (int i = 0; i < count; ++i) {
            const auto result =
                RawHttpClient::exchange(host_->port(), requests[static_cast<std::size_t>(i) % requests.size()]);
            CPPUNIT_ASSERT_MESSAGE(std::to_string(i) + ": " + result.body, result.status >= 400 && result.status < 500);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResourceBoundTest);

} // namespace motel::test
