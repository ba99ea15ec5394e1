#include "DomainFixture.h"

#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <atomic>

#include <unistd.h>

namespace motel::test {

namespace {
const char* const kUserPassword = "user-password-1";
}

void DomainFixture::tearDown() {
    for (const auto& dir : scratchDirs_) {
        try {
            Poco::File(dir).remove(true);
        } catch (...) {
        }
    }
    scratchDirs_.clear();
}

std::string DomainFixture::scratchSqliteUrl() {
    static std::atomic<int> counter{0};
    const std::string dir =
        Poco::Path::temp() + "motel-domain-db-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    Poco::File(dir).createDirectories();
    scratchDirs_.push_back(dir);
    return "sqlite:" + dir + "/motel.db";
}

HostOptions DomainFixture::options(const std::string& databaseUrl, std::vector<std::string> plugins) {
    HostOptions options;
    options.plugins = plugins.empty() ? std::vector<std::string>{"health", "auth", "suites", "tasks"} : plugins;
    options.databaseUrl = databaseUrl;
    options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
    options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
    return options;
}

Motel DomainFixture::start(const std::map<std::string, std::string>& properties, std::vector<std::string> plugins) {
    HostOptions opts = options(freshDatabaseUrl(), std::move(plugins));
    for (const auto& [key, value] : properties) opts.properties[key] = value;
    Motel motel;
    motel.host = std::make_unique<HostProcess>(opts);
    try {
        motel.admin = login(*motel.host, kAdminEmail, kAdminPassword);
    } catch (const std::exception& error) {
        CPPUNIT_FAIL(std::string("the host does not answer (") + error.what() + "); its output:\n" +
                     motel.host->logText());
    }
    motel.adminId = integer(object(motel.host->json("GET", "/api/auth/me", "", motel.admin)), "id");
    motel.managerId = createUser(motel, "manager@motel.test", "manager");
    motel.staffId = createUser(motel, "staff1@motel.test", "staff");
    motel.otherStaffId = createUser(motel, "staff2@motel.test", "staff");
    motel.manager = login(*motel.host, "manager@motel.test", kUserPassword);
    motel.staff = login(*motel.host, "staff1@motel.test", kUserPassword);
    motel.otherStaff = login(*motel.host, "staff2@motel.test", kUserPassword);
    return motel;
}

std::int64_t DomainFixture::createUser(const Motel& motel, const std::string& email, const std::string& role) {
    const std::string body = R"({"email":")" + email + R"(","name":"User )" + email + R"(","password":")" +
                             kUserPassword + R"(","role":")" + role + R"("})";
    return integer(expect(201, motel.host->json("POST", "/api/users", body, motel.admin)), "id");
}

std::string DomainFixture::login(const HostProcess& host, const std::string& email, const std::string& password) {
    const auto result =
        host.json("POST", "/api/auth/login", R"({"email":")" + email + R"(","password":")" + password + R"("})");
    return text(expect(200, result), "accessToken");
}

HttpResult DomainFixture::call(const Motel& motel, const std::string& method, const std::string& path,
                               const std::string& token, const std::string& body, const std::string& ifMatch) {
    std::map<std::string, std::string> headers;
    if (!body.empty()) headers["Content-Type"] = "application/json";
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    if (!ifMatch.empty()) headers["If-Match"] = "\"" + ifMatch + "\"";
    return motel.host->request(method, path, body, headers);
}

Poco::JSON::Object::Ptr DomainFixture::object(const HttpResult& result) {
    return result.json().extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr DomainFixture::data(const HttpResult& result) {
    return expect(200, result)->getArray("data");
}

std::vector<std::string> DomainFixture::namesOf(const Poco::JSON::Object::Ptr& object) {
    std::vector<std::string> names;
    object->getNames(names);
    std::sort(names.begin(), names.end());
    return names;
}

std::string DomainFixture::messageOf(const HttpResult& result) {
    const auto message = object(result)->get("message");
    if (message.type() != typeid(Poco::JSON::Array::Ptr)) return message.toString();
    const auto list = message.extract<Poco::JSON::Array::Ptr>();
    std::string out = "[";
    for (std::size_t i = 0; i < list->size(); ++i) out += (i ? "|" : "") + list->getElement<std::string>(i);
    return out + "]";
}

Poco::JSON::Object::Ptr DomainFixture::expect(int status, const HttpResult& result) {
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, status, result.status);
    if (result.body.empty() || result.body[0] != '{') return nullptr;
    return object(result);
}

void DomainFixture::expectProblem(const HttpResult& result, const std::string& message) {
    expect(400, result);
    const std::string messages = messageOf(result);
    CPPUNIT_ASSERT_MESSAGE(messages + " lacks " + message, messages.find(message) != std::string::npos);
}

Poco::JSON::Object::Ptr DomainFixture::createSuite(const Motel& motel, const std::string& body) {
    return expect(201, call(motel, "POST", "/api/suites", motel.manager, body));
}

Poco::JSON::Object::Ptr DomainFixture::createTask(const Motel& motel, const std::string& token,
                                                  const std::string& body) {
    return expect(201, call(motel, "POST", "/api/tasks", token, body));
}

Poco::JSON::Object::Ptr DomainFixture::getSuite(const Motel& motel, std::int64_t id) {
    return expect(200, call(motel, "GET", path("/api/suites", id), motel.staff));
}

Poco::JSON::Object::Ptr DomainFixture::getTask(const Motel& motel, std::int64_t id) {
    return expect(200, call(motel, "GET", path("/api/tasks", id), motel.staff));
}

HttpResult DomainFixture::act(const Motel& motel, std::int64_t taskId, const std::string& action,
                              const std::string& token, const std::string& body, const std::string& ifMatch) {
    return call(motel, "POST", path("/api/tasks", taskId, "/" + action), token, body, ifMatch);
}

std::string DomainFixture::text(const Poco::JSON::Object::Ptr& object, const std::string& field) {
    CPPUNIT_ASSERT_MESSAGE("no " + field, object && object->has(field));
    return object->getValue<std::string>(field);
}

std::int64_t DomainFixture::integer(const Poco::JSON::Object::Ptr& object, const std::string& field) {
    CPPUNIT_ASSERT_MESSAGE("no " + field, object && object->has(field));
    return object->getValue<Poco::Int64>(field);
}

std::string DomainFixture::path(const std::string& base, std::int64_t id, const std::string& tail) {
    return base + "/" + std::to_string(id) + tail;
}

} // namespace motel::test
