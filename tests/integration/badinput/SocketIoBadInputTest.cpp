// Bad input at /socket.io/, where the realtime plugin speaks Engine.IO:
// unknown protocol versions and transports, session ids nobody issued,
// malformed polling payloads, broken WebSocket upgrades. Each gets a 4xx
// (in Engine.IO's own error shape, which socket.io-client reads) and the
// host keeps serving.
#include "BadInputFixture.h"
#include "RawHttpClient.h"

#include <string>
#include <vector>

namespace motel::test {

class SocketIoBadInputTest : public BadInputFixture {
    CPPUNIT_TEST_SUITE(SocketIoBadInputTest);
    CPPUNIT_TEST(badHandshakesAndSessionsGet4xx);
    CPPUNIT_TEST_SUITE_END();

public:
    void badHandshakesAndSessionsGet4xx() {
        const std::string polling = "/socket.io/?EIO=4&transport=polling";
        const std::vector<std::pair<std::string, std::string>> gets{
            {"GET", "/socket.io/?EIO=3&transport=polling"},
            {"GET", "/socket.io/?EIO=99999999999999999999&transport=polling"},
            {"GET", "/socket.io/?EIO=4&transport=carrier-pigeon"},
            {"GET", "/socket.io/?transport=polling"},
            {"GET", polling + "&sid=nobody-issued-this"},
            {"GET", polling + "&sid=" + std::string(2000, 'x')},
            {"GET", polling + "&sid=%00%FF"},
            {"GET", "/socket.io/?EIO=4&transport=websocket"}, // no Upgrade
            {"POST", polling + "&sid=nobody-issued-this"},
        };
        for (const auto& [method, path] : gets) {
            const auto result = host_->request(method, path, method == "POST" ? "4hello" : "",
                                               {{"Content-Type", "text/plain;charset=UTF-8"}});
            CPPUNIT_ASSERT_MESSAGE(method + " " + path.substr(0, 80) + " -> " + std::to_string(result.status) + " " +
                                       result.body,
                                   result.status >= 400 && result.status < 500);
        }
        // A real session, then garbage in its polling POSTs.
        const auto open = host_->request("GET", polling);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(open.body, 200, open.status);
        const std::string sid = sidOf(open.body);
        const std::vector<std::string> payloads{"",
                                                "9",
                                                "b!!!",
                                                "4\x1e\x1e",
                                                "bAQ=\x1e"
                                                "x",
                                                std::string(1, '\0'),
                                                std::string(2000000, '4')};
        for (const auto& garbage : payloads) {
            // A fresh session each time: the server closes one that sent garbage.
            const auto session = host_->request("GET", polling);
            const auto result = host_->request("POST", polling + "&sid=" + sidOf(session.body), garbage,
                                               {{"Content-Type", "text/plain;charset=UTF-8"}});
            CPPUNIT_ASSERT_MESSAGE("payload " + garbage.substr(0, 20) + " -> " + std::to_string(result.status),
                                   result.status >= 400 && result.status < 500);
        }
        // Broken upgrades on raw sockets.
        const std::string upgrade = "GET /socket.io/?EIO=4&transport=websocket&sid=" + sid +
                                    " HTTP/1.1\r\nHost: x\r\n"
                                    "Upgrade: websocket\r\nConnection: Upgrade\r\n";
        const std::vector<std::string> brokenHeaders{
            "Sec-WebSocket-Version: 13\r\n\r\n", "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n"};
        for (const auto& headers : brokenHeaders) {
            const auto result = RawHttpClient::exchange(host_->port(), upgrade + headers);
            CPPUNIT_ASSERT_MESSAGE(headers + " -> " + std::to_string(result.status),
                                   result.status >= 400 && result.status < 500);
        }
        expectHostServes();
    }

private:
    /// The sid of an Engine.IO open packet `0{"sid":"..."...}`.
    static std::string sidOf(const std::string& body) {
        const std::size_t at = body.find("\"sid\":\"");
        CPPUNIT_ASSERT_MESSAGE(body, at != std::string::npos);
        return body.substr(at + 7, body.find('"', at + 7) - at - 7);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SocketIoBadInputTest);

} // namespace motel::test
