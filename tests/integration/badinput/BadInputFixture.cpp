#include "BadInputFixture.h"
#include "HostProcessInfo.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace motel::test {

void BadInputFixture::setUp() {
    HostOptions options;
    options.plugins = {"health", "auth", "suites", "tasks", "metrics", "realtime"};
    options.databaseUrl = freshDatabaseUrl();
    options.properties = hostProperties();
    options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
    options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
    host_ = std::make_unique<HostProcess>(options);
    const auto login =
        host_->json("POST", "/api/auth/login",
                    std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(login.body, 200, login.status);
    admin_ = login.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
}

void BadInputFixture::tearDown() {
    if (!host_) return;
    // Whatever a test threw at it, the host must still be there and stop cleanly.
    const std::string log = host_->logText();
    const int code = host_->stop();
    host_.reset();
    CPPUNIT_ASSERT_EQUAL_MESSAGE("the host did not stop cleanly; its output:\n" + log, 0, code);
}

HttpResult BadInputFixture::call(const std::string& method, const std::string& path, const std::string& body,
                                 const std::string& contentType) const {
    std::map<std::string, std::string> headers{{"Authorization", "Bearer " + admin_}};
    if (!body.empty() && !contentType.empty()) headers["Content-Type"] = contentType;
    return host_->request(method, path, body, headers);
}

void BadInputFixture::expectClientError(const HttpResult& result, const std::string& what, int status) {
    const std::string context = what + " -> " + std::to_string(result.status) + " " + result.body;
    if (status != 0)
        CPPUNIT_ASSERT_EQUAL_MESSAGE(context, status, result.status);
    else
        CPPUNIT_ASSERT_MESSAGE(context, result.status >= 400 && result.status < 500);
    CPPUNIT_ASSERT_MESSAGE(context, result.header("content-type").find("application/json") != std::string::npos);
    Poco::JSON::Object::Ptr envelope;
    try {
        envelope = result.json().extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        CPPUNIT_FAIL("not a JSON envelope: " + context);
    }
    CPPUNIT_ASSERT_MESSAGE(context, envelope->has("statusCode") && envelope->has("message") && envelope->has("error"));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(context, result.status, envelope->getValue<int>("statusCode"));
    const Poco::Dynamic::Var message = envelope->get("message");
    CPPUNIT_ASSERT_MESSAGE(context, message.isString() || message.type() == typeid(Poco::JSON::Array::Ptr));
    // Never an internal detail: no SQL, no stack, no exception class names.
    for (const char* leak : {"SELECT", "INSERT", "syntax error", "std::", "Poco::", "sqlite", "SQLSTATE"})
        CPPUNIT_ASSERT_MESSAGE(context, result.body.find(leak) == std::string::npos);
}

void BadInputFixture::expectHostServes() const {
    const auto live = host_->request("GET", "/health/live");
    CPPUNIT_ASSERT_EQUAL_MESSAGE("the host stopped serving; its output:\n" + host_->logText(), 200, live.status);
}

long BadInputFixture::hostRssKiB() const {
    return HostProcessInfo::residentKiB(host_->pid());
}
long BadInputFixture::hostThreads() const {
    return HostProcessInfo::threads(host_->pid());
}

} // namespace motel::test
