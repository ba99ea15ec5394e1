#include "FaultSupport.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <thread>

namespace motel::test::faults {

HostOptions hostOptions(std::vector<std::string> plugins, const std::string& databaseUrl) {
    HostOptions options;
    options.plugins = std::move(plugins);
    options.databaseUrl = databaseUrl;
    options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
    options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
    return options;
}

std::string adminToken(const HostProcess& host) {
    const auto login =
        host.json("POST", "/api/auth/login",
                  std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(login), 200, login.status);
    return login.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
}

namespace {
HttpResult attempt(const std::function<HttpResult()>& ask) {
    try {
        return ask();
    } catch (const std::exception& error) {
        HttpResult failed;
        failed.body = error.what();
        return failed;
    }
}
} // namespace

HttpResult until(const std::function<HttpResult()>& ask, const std::function<bool(const HttpResult&)>& done,
                 std::chrono::seconds patience) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    HttpResult last = attempt(ask);
    while (!done(last) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        last = attempt(ask);
    }
    return last;
}

HttpResult timed(const std::function<HttpResult()>& ask, std::chrono::milliseconds& took) {
    const auto started = std::chrono::steady_clock::now();
    HttpResult result = attempt(ask);
    took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return result;
}

std::string describe(const HttpResult& result) {
    return std::to_string(result.status) + " " + result.body;
}

} // namespace motel::test::faults
