// Graceful shutdown under load: SIGTERM to a host while wrk (Debian's
// package) hammers an authenticated, database-backed route over keep-alive
// connections. Once the host stops accepting, wrk's new connections are
// refused — the only errors allowed. wrk connects without blocking, so it
// counts a refused connection as a *write* error (tens of thousands: it
// retries at once until its time is up). Anything else shows as a *read*
// error: a response cut short, or a request sent on a kept-alive connection
// that the host then closed without answering (the write itself succeeds,
// the reset or EOF comes back on the read). So: no read error, no timeout,
// no status other than 200, and the host exits 0.
#include "support/HostProcess.h"

#include <Poco/JSON/Object.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <iostream>
#include <regex>
#include <thread>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::test {

namespace {

/// The number after `label` in wrk's summary (0 when wrk printed no such line).
long figure(const std::string& output, const std::string& pattern) {
    std::smatch match;
    return std::regex_search(output, match, std::regex(pattern)) ? std::stol(match[1]) : 0;
}

} // namespace

class GracefulShutdownTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(GracefulShutdownTest);
    CPPUNIT_TEST(sigtermUnderLoadTruncatesNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void sigtermUnderLoadTruncatesNothing() {
        HostOptions options;
        options.plugins = {"health", "auth", "suites"};
        options.environment["MOTEL_ADMIN_EMAIL"] = "admin@motel.test";
        options.environment["MOTEL_ADMIN_PASSWORD"] = "shutdown-test-password";
        HostProcess host(options);
        const auto login =
            host.json("POST", "/api/auth/login", R"({"email":"admin@motel.test","password":"shutdown-test-password"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(login.body, 200, login.status);
        const std::string token = login.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
        for (int i = 0; i < 20; ++i)
            CPPUNIT_ASSERT_EQUAL(
                201, host.json("POST", "/api/suites", R"({"number":"S)" + std::to_string(i) + R"(","floor":1})", token)
                         .status);

        Poco::Pipe out;
        Poco::ProcessHandle wrk =
            Poco::Process::launch("wrk",
                                  {"-t2", "-c32", "-d6s", "--timeout", "5s", "-H", "Authorization: Bearer " + token,
                                   "http://127.0.0.1:" + std::to_string(host.port()) + "/api/suites?limit=20"},
                                  nullptr, &out, &out);
        std::string output;
        std::thread reader([&out, &output] {
            Poco::PipeInputStream stream(out);
            Poco::StreamCopier::copyToString(stream, output);
        });
        std::this_thread::sleep_for(std::chrono::seconds(2));
        const int exitCode = host.stop();
        const int wrkCode = wrk.wait();
        reader.join();
        std::cout << "\n[shutdown] wrk while SIGTERM after 2 s:\n" << output << std::endl;

        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 0, wrkCode);
        CPPUNIT_ASSERT_EQUAL_MESSAGE("host exit code\n" + host.logText(), 0, exitCode);
        CPPUNIT_ASSERT_MESSAGE(output, figure(output, R"((\d+) requests in)") > 0);
        CPPUNIT_ASSERT_EQUAL_MESSAGE("read errors (truncated/reset responses)\n" + output, 0L,
                                     figure(output, R"(Socket errors: connect \d+, read (\d+))"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE("timeouts\n" + output, 0L, figure(output, R"(timeout (\d+))"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE("non-2xx responses\n" + output, 0L,
                                     figure(output, R"(Non-2xx or 3xx responses: (\d+))"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(GracefulShutdownTest);

} // namespace motel::test
