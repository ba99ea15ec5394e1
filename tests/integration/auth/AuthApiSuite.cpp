#include "AuthApiSuite.h"

#include <Poco/Base64Encoder.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/NumberParser.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <future>
#include <set>
#include <sstream>

namespace motel::test {

namespace {

/// `{"statusCode","message","error"}` in a canonical order, so bodies compare whatever order the host writes.
std::string envelope(int status, const std::string& message, const std::string& error) {
    return std::to_string(status) + "|" + message + "|" + error;
}

std::string envelopeOf(const HttpResult& result) {
    const auto body = result.json().extract<Poco::JSON::Object::Ptr>();
    const auto message = body->get("message");
    std::string text;
    if (message.type() == typeid(Poco::JSON::Array::Ptr)) {
        const auto list = message.extract<Poco::JSON::Array::Ptr>();
        for (std::size_t i = 0; i < list->size(); ++i) text += (i ? "," : "[") + list->getElement<std::string>(i);
        text += "]";
    } else {
        text = message.toString();
    }
    return body->getValue<std::string>("statusCode") + "|" + text + "|" + body->getValue<std::string>("error");
}

const std::string kUnauthorized = envelope(401, "Unauthorized", "Unauthorized");
const std::string kBadCredentials = envelope(401, "Invalid email or password", "Unauthorized");

std::string credentials(const std::string& email, const std::string& password) {
    return R"({"email":")" + email + R"(","password":")" + password + R"("})";
}

std::string base64Url(const std::string& data) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder << data;
    encoder.close();
    return out.str();
}

/// A token as an attacker (or a confused peer) might make it.
std::string craftToken(const std::string& secret, const std::string& algorithm, std::int64_t userId,
                       std::int64_t expiresInSeconds) {
    Poco::JWT::Token token;
    token.setType("JWT");
    token.setSubject(std::to_string(userId));
    token.payload().set("role", std::string("admin"));
    const Poco::Int64 now = Poco::Timestamp().epochTime();
    token.payload().set("iat", now);
    token.payload().set("exp", now + expiresInSeconds);
    Poco::JWT::Signer signer(secret);
    return signer.sign(token, algorithm);
}

std::vector<std::string> namesOf(const Poco::JSON::Object::Ptr& object) {
    std::vector<std::string> names;
    object->getNames(names);
    std::sort(names.begin(), names.end());
    return names;
}

void assertUserShape(const Poco::JSON::Object::Ptr& user) {
    const std::vector<std::string> expected{"active", "createdAt", "email", "id", "name", "role", "updatedAt"};
    CPPUNIT_ASSERT(expected == namesOf(user));
    CPPUNIT_ASSERT(user->get("id").isInteger());
    CPPUNIT_ASSERT(user->get("active").isBoolean());
    const std::string createdAt = user->getValue<std::string>("createdAt");
    CPPUNIT_ASSERT_EQUAL(std::size_t(24), createdAt.size()); // 2026-01-01T09:30:00.000Z
    CPPUNIT_ASSERT_EQUAL('Z', createdAt.back());
}

std::map<std::string, std::string> jsonHeaders(const std::string& token = "") {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return headers;
}

} // namespace

void AuthApiSuite::tearDown() {
    for (const auto& dir : scratchDirs_) {
        try {
            Poco::File(dir).remove(true);
        } catch (...) {
        }
    }
    scratchDirs_.clear();
}

HostOptions AuthApiSuite::options(const std::string& databaseUrl) {
    HostOptions options;
    options.plugins = {"health", "auth"};
    options.databaseUrl = databaseUrl;
    options.properties["jwt.secret"] = kSecret;
    options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
    options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
    return options;
}

std::unique_ptr<HostProcess> AuthApiSuite::startHost(const HostOptions& options) {
    return std::make_unique<HostProcess>(options);
}

std::string AuthApiSuite::login(const HostProcess& host, const std::string& email, const std::string& password) {
    const auto result = host.json("POST", "/api/auth/login", credentials(email, password));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
    return object(result)->getValue<std::string>("accessToken");
}

Poco::JSON::Object::Ptr AuthApiSuite::object(const HttpResult& result) {
    return result.json().extract<Poco::JSON::Object::Ptr>();
}

std::string AuthApiSuite::usersBody(const std::string& email, const std::string& role, const std::string& password) {
    return R"({"email":")" + email + R"(","name":"User )" + email + R"(","password":")" + password + R"(","role":")" +
           role + R"("})";
}

std::int64_t AuthApiSuite::createUser(const HostProcess& host, const std::string& adminToken, const std::string& email,
                                      const std::string& role, const std::string& password) {
    const auto result = host.json("POST", "/api/users", usersBody(email, role, password), adminToken);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 201, result.status);
    return object(result)->getValue<Poco::Int64>("id");
}

void AuthApiSuite::loginAnswersTokenAndUser() {
    auto opts = options(freshDatabaseUrl());
    opts.properties["jwt.expiresIn"] = "12h";
    auto host = startHost(opts);
    // The email is matched whatever its case.
    const auto result = host->json("POST", "/api/auth/login", credentials("root@motel.test", kAdminPassword));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
    CPPUNIT_ASSERT_EQUAL(std::string("no-store"), result.header("cache-control"));
    const auto body = object(result);
    const std::vector<std::string> expected{"accessToken", "expiresIn", "tokenType", "user"};
    CPPUNIT_ASSERT(expected == namesOf(body));
    CPPUNIT_ASSERT_EQUAL(std::string("Bearer"), body->getValue<std::string>("tokenType"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(43200), body->getValue<Poco::Int64>("expiresIn"));
    const std::string token = body->getValue<std::string>("accessToken");
    CPPUNIT_ASSERT_EQUAL(2L, static_cast<long>(std::count(token.begin(), token.end(), '.')));

    const auto user = body->getObject("user");
    assertUserShape(user);
    CPPUNIT_ASSERT_EQUAL(std::string(kAdminEmail), user->getValue<std::string>("email"));
    CPPUNIT_ASSERT_EQUAL(std::string("admin"), user->getValue<std::string>("role"));
    CPPUNIT_ASSERT(user->getValue<bool>("active"));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, result.body.find("password"));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, result.body.find("argon2"));

    // The token's claims: sub (the id as a string), role, iat, exp = iat + 12h.
    Poco::JWT::Token decoded(token);
    CPPUNIT_ASSERT_EQUAL(std::string("HS256"), decoded.getAlgorithm());
    CPPUNIT_ASSERT_EQUAL(std::to_string(user->getValue<Poco::Int64>("id")), decoded.getSubject());
    CPPUNIT_ASSERT_EQUAL(std::string("admin"), decoded.payload().getValue<std::string>("role"));
    CPPUNIT_ASSERT_EQUAL(decoded.payload().getValue<Poco::Int64>("iat") + 43200,
                         decoded.payload().getValue<Poco::Int64>("exp"));
}

void AuthApiSuite::wrongPasswordUnknownEmailAndInactiveAnswerAlike() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto id = createUser(*host, admin, "leaver@motel.test", "staff");
    CPPUNIT_ASSERT_EQUAL(204, host->json("DELETE", "/api/users/" + std::to_string(id), "", admin).status);

    const auto wrongPassword = host->json("POST", "/api/auth/login", credentials(kAdminEmail, "not-the-password"));
    const auto unknownEmail = host->json("POST", "/api/auth/login", credentials("nobody@motel.test", kAdminPassword));
    const auto inactive = host->json("POST", "/api/auth/login", credentials("leaver@motel.test", "user-password-1"));
    CPPUNIT_ASSERT_EQUAL(wrongPassword.body, unknownEmail.body);
    CPPUNIT_ASSERT_EQUAL(wrongPassword.body, inactive.body);
    for (const auto* result : {&wrongPassword, &unknownEmail, &inactive}) {
        CPPUNIT_ASSERT_EQUAL(401, result->status);
        CPPUNIT_ASSERT_EQUAL(kBadCredentials, envelopeOf(*result));
    }
    // The log is written asynchronously: wait for the audit line, then check the rest.
    CPPUNIT_ASSERT(host->waitForLog("audit action=login.failure"));
    const std::string log = host->logText();
    CPPUNIT_ASSERT_EQUAL(std::string::npos, log.find("not-the-password"));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, log.find(kAdminPassword));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, log.find(admin));
}

void AuthApiSuite::missingOrInvalidTokensAre401() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto adminId = object(host->json("GET", "/api/auth/me", "", admin))->getValue<Poco::Int64>("id");

    // The control: a token made by hand the way the plugin makes them is accepted...
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", craftToken(kSecret, "HS256", adminId, 600)).status);

    // ... so each refusal below is about the one thing that differs.
    const auto parts = [&] {
        std::vector<std::string> out;
        std::stringstream in(admin);
        for (std::string part; std::getline(in, part, '.');) out.push_back(part);
        return out;
    }();
    const std::string noneHeader = base64Url(R"({"alg":"none","typ":"JWT"})");
    const std::vector<std::pair<std::string, std::string>> refused{
        {"garbage", "not-a-token"},
        {"alg none", noneHeader + "." + parts[1] + "."},
        {"alg none with signature", noneHeader + "." + parts[1] + "." + parts[2]},
        {"HS512", craftToken(kSecret, "HS512", adminId, 600)},
        {"HS384", craftToken(kSecret, "HS384", adminId, 600)},
        {"expired", craftToken(kSecret, "HS256", adminId, -10)},
        {"other secret", craftToken(std::string(70, 'z'), "HS256", adminId, 600)},
        {"unknown user", craftToken(kSecret, "HS256", 999999, 600)},
        {"tampered payload",
         parts[0] + "." + base64Url(R"({"sub":"999","role":"admin","iat":1,"exp":4102444800})") + "." + parts[2]},
    };
    for (const auto& [what, token] : refused) {
        const auto result = host->json("GET", "/api/auth/me", "", token);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 401, result.status);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, kUnauthorized, envelopeOf(result));
    }
    CPPUNIT_ASSERT_EQUAL(401, host->request("GET", "/api/users").status);
    CPPUNIT_ASSERT_EQUAL(401, host->request("GET", "/api/auth/me", "", {{"Authorization", "Basic " + admin}}).status);
    CPPUNIT_ASSERT_EQUAL(401, host->request("GET", "/api/auth/me", "", {{"Authorization", "Bearer"}}).status);
}

void AuthApiSuite::meReturnsTheCaller() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    createUser(*host, admin, "sam@motel.test", "staff");
    const auto loggedIn = host->json("POST", "/api/auth/login", credentials("SAM@motel.test", "user-password-1"));
    CPPUNIT_ASSERT_EQUAL(200, loggedIn.status);
    const auto body = object(loggedIn);
    const auto me = host->json("GET", "/api/auth/me", "", body->getValue<std::string>("accessToken"));
    CPPUNIT_ASSERT_EQUAL(200, me.status);
    assertUserShape(object(me));
    std::ostringstream expected;
    body->getObject("user")->stringify(expected);
    std::ostringstream actual;
    object(me)->stringify(actual);
    CPPUNIT_ASSERT_EQUAL(expected.str(), actual.str());
    CPPUNIT_ASSERT_EQUAL(std::string("staff"), object(me)->getValue<std::string>("role"));
}

void AuthApiSuite::usersCrudAsAdmin() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);

    const auto created =
        host->json("POST", "/api/users", R"({"email":"Kim@Motel.Test","name":"Kim","password":"kim-password"})", admin);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.body, 201, created.status);
    const auto user = object(created);
    assertUserShape(user);
    CPPUNIT_ASSERT_EQUAL(std::string("staff"), user->getValue<std::string>("role")); // the default
    CPPUNIT_ASSERT_EQUAL(std::string("Kim@Motel.Test"), user->getValue<std::string>("email"));
    CPPUNIT_ASSERT(user->getValue<bool>("active"));
    const std::string path = "/api/users/" + std::to_string(user->getValue<Poco::Int64>("id"));

    const auto fetched = host->json("GET", path, "", admin);
    CPPUNIT_ASSERT_EQUAL(200, fetched.status);
    CPPUNIT_ASSERT_EQUAL(created.body, fetched.body);

    const auto patched = host->json("PATCH", path, R"({"name":"Kim Lee","role":"manager"})", admin);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(patched.body, 200, patched.status);
    CPPUNIT_ASSERT_EQUAL(std::string("Kim Lee"), object(patched)->getValue<std::string>("name"));
    CPPUNIT_ASSERT_EQUAL(std::string("manager"), object(patched)->getValue<std::string>("role"));
    CPPUNIT_ASSERT_EQUAL(user->getValue<std::string>("createdAt"), object(patched)->getValue<std::string>("createdAt"));

    CPPUNIT_ASSERT_EQUAL(200, host->json("PATCH", path, R"({"password":"kim-new-password"})", admin).status);
    CPPUNIT_ASSERT_EQUAL(401,
                         host->json("POST", "/api/auth/login", credentials("kim@motel.test", "kim-password")).status);
    login(*host, "kim@motel.test", "kim-new-password");

    CPPUNIT_ASSERT_EQUAL(200, host->json("PATCH", path, R"({"email":"kim.lee@motel.test"})", admin).status);
    login(*host, "kim.lee@motel.test", "kim-new-password");

    const auto deleted = host->json("DELETE", path, "", admin);
    CPPUNIT_ASSERT_EQUAL(204, deleted.status);
    CPPUNIT_ASSERT(deleted.body.empty());
    // Gone for the API (the row stays for the tasks and the audit log that point at its id).
    const auto id = user->getValue<Poco::Int64>("id");
    const std::string gone = envelope(404, "User " + std::to_string(id) + " not found", "Not Found");
    CPPUNIT_ASSERT_EQUAL(gone, envelopeOf(host->json("GET", path, "", admin)));
    CPPUNIT_ASSERT_EQUAL(gone, envelopeOf(host->json("PATCH", path, R"({"name":"Back"})", admin)));
    CPPUNIT_ASSERT_EQUAL(gone, envelopeOf(host->json("DELETE", path, "", admin)));
    const auto listed = object(host->json("GET", "/api/users?limit=200", "", admin));
    CPPUNIT_ASSERT(listed->get("data").extract<Poco::JSON::Array::Ptr>()->size() ==
                   static_cast<std::size_t>(listed->getValue<Poco::Int64>("total")));
    CPPUNIT_ASSERT(host->json("GET", "/api/users?limit=200", "", admin).body.find("kim.lee@motel.test") ==
                   std::string::npos);
    CPPUNIT_ASSERT_EQUAL(
        401, host->json("POST", "/api/auth/login", credentials("kim.lee@motel.test", "kim-new-password")).status);
    // Its email may be used again: a new account with a new id.
    CPPUNIT_ASSERT(createUser(*host, admin, "kim.lee@motel.test", "staff") != id);

    const auto missing = host->json("GET", "/api/users/424242", "", admin);
    CPPUNIT_ASSERT_EQUAL(404, missing.status);
    CPPUNIT_ASSERT_EQUAL(std::string("User 424242 not found"), object(missing)->getValue<std::string>("message"));
    CPPUNIT_ASSERT_EQUAL(404, host->json("DELETE", "/api/users/424242", "", admin).status);
    CPPUNIT_ASSERT_EQUAL(404, host->json("PATCH", "/api/users/424242", R"({"name":"x"})", admin).status);

    for (const char* action :
         {"action=user.create", "action=user.update", "action=user.delete", "action=login.success"})
        CPPUNIT_ASSERT_MESSAGE(action, host->waitForLog(action)); // the log is written asynchronously
    CPPUNIT_ASSERT_EQUAL(std::string::npos, host->logText().find("kim-new-password"));
}

void AuthApiSuite::listIsPagedAndOrderedById() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto a = createUser(*host, admin, "c@motel.test", "staff");
    const auto b = createUser(*host, admin, "a@motel.test", "manager");
    const auto c = createUser(*host, admin, "b@motel.test", "staff");

    const auto all = object(host->json("GET", "/api/users", "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), all->getValue<Poco::Int64>("total"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(50), all->getValue<Poco::Int64>("limit"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), all->getValue<Poco::Int64>("offset"));
    const auto data = all->getArray("data");
    CPPUNIT_ASSERT_EQUAL(std::size_t(4), data->size());
    std::vector<Poco::Int64> ids;
    for (std::size_t i = 0; i < data->size(); ++i) {
        assertUserShape(data->getObject(i));
        ids.push_back(data->getObject(i)->getValue<Poco::Int64>("id"));
    }
    CPPUNIT_ASSERT(std::is_sorted(ids.begin(), ids.end()));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, host->json("GET", "/api/users", "", admin).body.find("password"));

    const auto page = object(host->json("GET", "/api/users?limit=2&offset=1", "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), page->getValue<Poco::Int64>("total"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), page->getArray("data")->size());
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(a), page->getArray("data")->getObject(0)->getValue<Poco::Int64>("id"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(b), page->getArray("data")->getObject(1)->getValue<Poco::Int64>("id"));

    CPPUNIT_ASSERT_EQUAL(Poco::Int64(200),
                         object(host->json("GET", "/api/users?limit=500", "", admin))->getValue<Poco::Int64>("limit"));
    const auto staff = object(host->json("GET", "/api/users?role=staff", "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), staff->getValue<Poco::Int64>("total"));
    const auto byEmail = object(host->json("GET", "/api/users?sort=email", "", admin))->getArray("data");
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(b), byEmail->getObject(0)->getValue<Poco::Int64>("id"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(c), byEmail->getObject(1)->getValue<Poco::Int64>("id"));
    for (const char* bad : {"?limit=0", "?offset=-1", "?limit=ten", "?role=owner", "?sort=password", "?active=maybe"})
        CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, 400, host->json("GET", std::string("/api/users") + bad, "", admin).status);
}

void AuthApiSuite::rolesLimitWhoMayManageUsers() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    createUser(*host, admin, "boss@motel.test", "manager");
    const auto staffId = createUser(*host, admin, "maid@motel.test", "staff");
    const std::string manager = login(*host, "boss@motel.test", "user-password-1");
    const std::string staff = login(*host, "maid@motel.test", "user-password-1");
    const std::string one = "/api/users/" + std::to_string(staffId);
    const std::string forbidden = envelope(403, "Forbidden resource", "Forbidden");

    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/users", "", manager).status);
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", staff).status);
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> refused{
        {"staff list", "GET", "/api/users", staff}, {"staff create", "POST", "/api/users", staff},
        {"staff read", "GET", one, staff},          {"manager create", "POST", "/api/users", manager},
        {"manager read", "GET", one, manager},      {"manager update", "PATCH", one, manager},
        {"manager delete", "DELETE", one, manager}, {"staff delete", "DELETE", one, staff},
    };
    for (const auto& [what, method, path, token] : refused) {
        const std::string body = method == "POST"    ? usersBody("x@motel.test", "admin", "password-123")
                                 : method == "PATCH" ? R"({"role":"admin"})"
                                                     : "";
        const auto result = host->json(method, path, body, token);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 403, result.status);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, forbidden, envelopeOf(result));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("staff"),
                         object(host->json("GET", one, "", admin))->getValue<std::string>("role"));
}

void AuthApiSuite::duplicateEmailIsConflictWhateverItsCase() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    createUser(*host, admin, "dup@motel.test", "staff");
    const auto other = createUser(*host, admin, "other@motel.test", "staff");
    for (const std::string email : {"dup@motel.test", "DUP@Motel.TEST", "root@motel.test"}) {
        const auto result = host->json("POST", "/api/users", usersBody(email, "staff", "duplicate-password"), admin);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(email, 409, result.status);
        CPPUNIT_ASSERT_EQUAL(envelope(409, "Email already in use", "Conflict"), envelopeOf(result));
    }
    const auto patch =
        host->json("PATCH", "/api/users/" + std::to_string(other), R"({"email":"Dup@motel.test"})", admin);
    CPPUNIT_ASSERT_EQUAL(409, patch.status);
    // Changing only the case of one's own email is not a conflict.
    CPPUNIT_ASSERT_EQUAL(
        200,
        host->json("PATCH", "/api/users/" + std::to_string(other), R"({"email":"Other@motel.test"})", admin).status);
}

void AuthApiSuite::invalidBodiesAndIdsAre400Or404() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto invalid = host->json("POST", "/api/users",
                                    R"({"email":"bad","name":"","password":"short","role":"owner","extra":1})", admin);
    CPPUNIT_ASSERT_EQUAL(400, invalid.status);
    const auto messages = object(invalid)->getArray("message");
    std::set<std::string> problems;
    for (std::size_t i = 0; i < messages->size(); ++i) problems.insert(messages->getElement<std::string>(i));
    for (const char* expected : {"property extra should not exist", "email must be an email", "name must not be empty",
                                 "password must be longer than or equal to 12 characters",
                                 "role must be one of the following values: admin, manager, staff"})
        CPPUNIT_ASSERT_MESSAGE(expected, problems.count(expected) == 1);

    const auto notAnId = host->json("GET", "/api/users/abc", "", admin);
    CPPUNIT_ASSERT_EQUAL(400, notAnId.status);
    CPPUNIT_ASSERT_EQUAL(envelope(400, "[id must be an integer]", "Bad Request"), envelopeOf(notAnId));
    CPPUNIT_ASSERT_EQUAL(404, host->json("GET", "/api/users/99999999999999999999999", "", admin).status);
    CPPUNIT_ASSERT_EQUAL(400, host->json("PATCH", "/api/users/1", R"({"active":"no"})", admin).status);
    CPPUNIT_ASSERT_EQUAL(400, host->json("POST", "/api/auth/login", R"({"email":"a@motel.test"})").status);
    CPPUNIT_ASSERT_EQUAL(
        400, host->json("POST", "/api/auth/login", R"({"email":"a@motel.test","password":"x","x":1})").status);
}

void AuthApiSuite::deactivationEndsExistingSessions() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto id = createUser(*host, admin, "temp@motel.test", "staff");
    const std::string path = "/api/users/" + std::to_string(id);
    const std::string token = login(*host, "temp@motel.test", "user-password-1");
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", token).status);

    CPPUNIT_ASSERT_EQUAL(200, host->json("PATCH", path, R"({"active":false})", admin).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", token).status);
    // Reactivating lets the user log in again, but the tokens from before stay
    // revoked (the deactivation bumped the token version).
    CPPUNIT_ASSERT_EQUAL(200, host->json("PATCH", path, R"({"active":true})", admin).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", token).status);
    const std::string again = login(*host, "temp@motel.test", "user-password-1");
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", again).status);
    CPPUNIT_ASSERT_EQUAL(204, host->json("DELETE", path, "", admin).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", again).status);
}

void AuthApiSuite::logoutRevokesOnlyThatToken() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    createUser(*host, admin, "two@motel.test", "staff");
    const std::string phone = login(*host, "two@motel.test", "user-password-1");
    const std::string desk = login(*host, "two@motel.test", "user-password-1");
    CPPUNIT_ASSERT(Poco::JWT::Token(phone).payload().has("jti"));

    const auto out = host->json("POST", "/api/auth/logout", "", phone);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(out.body, 204, out.status);
    CPPUNIT_ASSERT(out.body.empty());
    CPPUNIT_ASSERT_EQUAL(kUnauthorized, envelopeOf(host->json("GET", "/api/auth/me", "", phone)));
    CPPUNIT_ASSERT_EQUAL(401, host->json("POST", "/api/auth/logout", "", phone).status);
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", desk).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("POST", "/api/auth/logout", "").status);
    CPPUNIT_ASSERT_EQUAL(envelope(400, "[property everywhere should not exist]", "Bad Request"),
                         envelopeOf(host->json("POST", "/api/auth/logout", R"({"everywhere":true})", desk)));
    CPPUNIT_ASSERT_EQUAL(204, host->json("POST", "/api/auth/logout", "{}", desk).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", desk).status);
    login(*host, "two@motel.test", "user-password-1"); // logging out does not lock the account
}

void AuthApiSuite::ownPasswordChange() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    createUser(*host, admin, "self@motel.test", "staff");
    const std::string before = login(*host, "self@motel.test", "user-password-1");
    const std::string other = login(*host, "self@motel.test", "user-password-1");

    CPPUNIT_ASSERT_EQUAL(
        envelope(403, "currentPassword is incorrect", "Forbidden"),
        envelopeOf(host->json("POST", "/api/auth/password",
                              R"({"currentPassword":"not-my-password","newPassword":"a-new-password-1"})", before)));
    CPPUNIT_ASSERT_EQUAL(
        envelope(400, "[newPassword must be longer than or equal to 12 characters]", "Bad Request"),
        envelopeOf(host->json("POST", "/api/auth/password",
                              R"({"currentPassword":"user-password-1","newPassword":"short"})", before)));
    for (const char* common : {"Password123!", "123456789012", "winniethepooh"}) {
        const auto refused =
            host->json("POST", "/api/auth/password",
                       std::string(R"({"currentPassword":"user-password-1","newPassword":")") + common + "\"}", before);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(common,
                                     envelope(400,
                                              "[newPassword is too common; choose a password that is not on a list "
                                              "of frequently used ones]",
                                              "Bad Request"),
                                     envelopeOf(refused));
    }
    CPPUNIT_ASSERT_EQUAL(
        400, host->json("POST", "/api/auth/password", R"({"newPassword":"a-new-password-1"})", before).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("POST", "/api/auth/password",
                                         R"({"currentPassword":"user-password-1","newPassword":"a-new-password-1"})")
                                  .status);

    const auto changed =
        host->json("POST", "/api/auth/password",
                   R"({"currentPassword":"user-password-1","newPassword":"a-new-password-1"})", before);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(changed.body, 204, changed.status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", before).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", other).status);
    CPPUNIT_ASSERT_EQUAL(
        401, host->json("POST", "/api/auth/login", credentials("self@motel.test", "user-password-1")).status);
    const std::string after = login(*host, "self@motel.test", "a-new-password-1");
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", after).status);

    // The admin reset applies the same policy, and creation too.
    const auto selfId = object(host->json("GET", "/api/auth/me", "", after))->getValue<Poco::Int64>("id");
    CPPUNIT_ASSERT_EQUAL(envelope(400,
                                  "[password is too common; choose a password that is not on a list of frequently "
                                  "used ones]",
                                  "Bad Request"),
                         envelopeOf(host->json("PATCH", "/api/users/" + std::to_string(selfId),
                                               R"({"password":"Password2024!"})", admin)));
    CPPUNIT_ASSERT_EQUAL(
        400, host->json("POST", "/api/users", usersBody("weak@motel.test", "staff", "qwertyuiop12"), admin).status);
}

void AuthApiSuite::wrongCurrentPasswordCountsAsFailedLogin() {
    auto opts = options(freshDatabaseUrl());
    opts.properties["plugins.auth.loginMaxAttempts"] = "2";
    auto host = startHost(opts);
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    createUser(*host, admin, "guess@motel.test", "staff");
    const std::string token = login(*host, "guess@motel.test", "user-password-1");
    for (int i = 0; i < 2; ++i)
        CPPUNIT_ASSERT_EQUAL(403, host->json("POST", "/api/auth/password",
                                             R"({"currentPassword":"guess-1","newPassword":"a-new-password-1"})", token)
                                      .status);
    const auto locked = host->json("POST", "/api/auth/password",
                                   R"({"currentPassword":"user-password-1","newPassword":"a-new-password-1"})", token);
    CPPUNIT_ASSERT_EQUAL(429, locked.status);
    CPPUNIT_ASSERT(!locked.header("retry-after").empty());
    CPPUNIT_ASSERT_EQUAL(
        429, host->json("POST", "/api/auth/login", credentials("guess@motel.test", "user-password-1")).status);
}

void AuthApiSuite::futureIssuedAtOrNotBeforeIs401() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto id = object(host->json("GET", "/api/auth/me", "", admin))->getValue<Poco::Int64>("id");
    const Poco::Int64 now = Poco::Timestamp().epochTime();
    auto signedToken = [&](Poco::Int64 iat, Poco::Int64 nbf) {
        Poco::JWT::Token token;
        token.setType("JWT");
        token.setSubject(std::to_string(id));
        token.payload().set("role", std::string("admin"));
        token.payload().set("iat", iat);
        token.payload().set("nbf", nbf);
        token.payload().set("exp", now + 7200);
        return Poco::JWT::Signer(kSecret).sign(token, "HS256");
    };
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", signedToken(now, now)).status);
    CPPUNIT_ASSERT_EQUAL(kUnauthorized, envelopeOf(host->json("GET", "/api/auth/me", "", signedToken(now + 600, now))));
    CPPUNIT_ASSERT_EQUAL(kUnauthorized, envelopeOf(host->json("GET", "/api/auth/me", "", signedToken(now, now + 600))));
}

void AuthApiSuite::sprayingFromOneAddressIsThrottled() {
    auto host = startHost();
    for (int i = 0; i < 20; ++i)
        CPPUNIT_ASSERT_EQUAL(401, host->json("POST", "/api/auth/login",
                                             credentials("user" + std::to_string(i) + "@motel.test", "guess-password"))
                                      .status);
    const auto started = std::chrono::steady_clock::now();
    const auto sprayed = host->json("POST", "/api/auth/login", credentials(kAdminEmail, kAdminPassword));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(sprayed.body, 429, sprayed.status);
    const int retryAfter = std::stoi(sprayed.header("retry-after"));
    CPPUNIT_ASSERT(retryAfter >= 1 && retryAfter <= 60);
    // Refused before any hash: far quicker than one argon2 verification.
    CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(500));
    CPPUNIT_ASSERT(host->waitForLog("action=login.locked"));
}

void AuthApiSuite::concurrentLoginsDoNotStallTheApi() {
    auto opts = options(freshDatabaseUrl());
    opts.properties["plugins.auth.loginMaxAttempts"] = "1000";
    opts.properties["plugins.auth.loginMaxFailuresPerAddress"] = "1000";
    auto host = startHost(opts);
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    std::atomic<bool> flooding{true};
    std::atomic<int> refused{0}, answered{0};
    std::vector<std::thread> flood;
    for (int i = 0; i < 24; ++i) {
        flood.emplace_back([&] {
            while (flooding) {
                const auto result = host->json("POST", "/api/auth/login", credentials(kAdminEmail, "wrong-password-1"));
                ++answered;
                if (result.status == 429 && !result.header("retry-after").empty()) ++refused;
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::chrono::milliseconds slowest{0};
    for (int i = 0; i < 10; ++i) {
        const auto started = std::chrono::steady_clock::now();
        const auto me = host->json("GET", "/api/auth/me", "", admin);
        slowest = std::max(
            slowest, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started));
        CPPUNIT_ASSERT_EQUAL(200, me.status);
        CPPUNIT_ASSERT_EQUAL(200, host->request("GET", "/health/ready").status);
    }
    flooding = false;
    for (auto& thread : flood) thread.join();
    CPPUNIT_ASSERT_MESSAGE("some logins were refused at once", refused.load() > 0);
    CPPUNIT_ASSERT_MESSAGE("slowest request " + std::to_string(slowest.count()) + "ms while " +
                               std::to_string(answered.load()) + " logins ran",
                           slowest < std::chrono::milliseconds(1000));
}

void AuthApiSuite::roleChangeTakesEffectAtOnce() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto id = createUser(*host, admin, "chief@motel.test", "manager");
    const std::string token = login(*host, "chief@motel.test", "user-password-1");
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/users", "", token).status);
    CPPUNIT_ASSERT_EQUAL(200,
                         host->json("PATCH", "/api/users/" + std::to_string(id), R"({"role":"staff"})", admin).status);
    CPPUNIT_ASSERT_EQUAL(403, host->json("GET", "/api/users", "", token).status);
    CPPUNIT_ASSERT_EQUAL(std::string("staff"),
                         object(host->json("GET", "/api/auth/me", "", token))->getValue<std::string>("role"));
}

void AuthApiSuite::lastActiveAdminCannotBeRemoved() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto rootId = object(host->json("GET", "/api/auth/me", "", admin))->getValue<Poco::Int64>("id");
    const std::string root = "/api/users/" + std::to_string(rootId);
    const std::string lastAdmin = envelope(409, "At least one active admin must remain", "Conflict");
    CPPUNIT_ASSERT_EQUAL(lastAdmin, envelopeOf(host->json("DELETE", root, "", admin)));
    CPPUNIT_ASSERT_EQUAL(lastAdmin, envelopeOf(host->json("PATCH", root, R"({"role":"manager"})", admin)));
    CPPUNIT_ASSERT_EQUAL(lastAdmin, envelopeOf(host->json("PATCH", root, R"({"active":false})", admin)));
    createUser(*host, admin, "deputy@motel.test", "admin");
    CPPUNIT_ASSERT_EQUAL(204, host->json("DELETE", root, "", admin).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", admin).status);
}

void AuthApiSuite::secretChangeAndRestartInvalidatesTokens() {
    const std::string url = freshDatabaseUrl();
    std::string token;
    {
        auto host = startHost(options(url));
        token = login(*host, kAdminEmail, kAdminPassword);
    }
    {
        auto host = startHost(options(url)); // a restart alone keeps sessions
        CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", token).status);
    }
    auto rotated = options(url);
    rotated.properties["jwt.secret"] = std::string(80, 'r');
    auto host = startHost(rotated);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", token).status);
    const std::string fresh = login(*host, kAdminEmail, kAdminPassword);
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", fresh).status);
}

void AuthApiSuite::productionRefusesWeakSecrets() {
    const std::vector<std::pair<std::string, std::string>> weak{
        {"", "jwt.secret is not set"},
        {std::string(63, 'x'), "jwt.secret is 63 characters long"},
        {"change-me-to-a-long-random-secret-of-at-least-64-characters-000000", "example value"},
    };
    for (const auto& [secret, message] : weak) {
        auto opts = options(freshDatabaseUrl());
        opts.properties["motel.env"] = "production";
        opts.properties["jwt.secret"] = secret;
        // `serve` returns at once when start() refuses: a failure status and the reason.
        std::string output;
        const int status = HostProcess::runCommand(opts, {"serve"}, output);
        CPPUNIT_ASSERT_EQUAL_MESSAGE("host served with secret '" + secret + "'", 78, status); // EX_CONFIG
        CPPUNIT_ASSERT_MESSAGE(output, output.find(message) != std::string::npos);
        if (!secret.empty()) CPPUNIT_ASSERT_MESSAGE("secret printed", output.find(secret) == std::string::npos);
    }
    auto strong = options(freshDatabaseUrl());
    strong.properties["motel.env"] = "production";
    strong.properties["jwt.secret"] = std::string(64, 'p');
    auto host = startHost(strong);
    login(*host, kAdminEmail, kAdminPassword);
}

void AuthApiSuite::failedLoginsAreThrottledPerAddressAndEmail() {
    auto opts = options(freshDatabaseUrl());
    opts.properties["plugins.auth.loginMaxAttempts"] = "3";
    opts.properties["plugins.auth.loginWindow"] = "10m";
    opts.properties["http.trustProxy"] = "true"; // the client address comes from X-Forwarded-For
    auto host = startHost(opts);
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    createUser(*host, admin, "victim@motel.test", "staff", "victim-password");

    auto attempt = [&](const std::string& address, const std::string& email, const std::string& password) {
        auto headers = jsonHeaders();
        headers["X-Forwarded-For"] = address;
        return host->request("POST", "/api/auth/login", credentials(email, password), headers);
    };
    for (int i = 0; i < 3; ++i)
        CPPUNIT_ASSERT_EQUAL(401, attempt("10.9.8.7", "victim@motel.test", "guess-" + std::to_string(i)).status);
    const auto locked = attempt("10.9.8.7", "Victim@motel.test", "guess-4");
    CPPUNIT_ASSERT_EQUAL(429, locked.status);
    const int retryAfter = Poco::NumberParser::parse(locked.header("retry-after"));
    CPPUNIT_ASSERT(retryAfter >= 1 && retryAfter <= 600);
    CPPUNIT_ASSERT_EQUAL(std::string("Too Many Requests"), object(locked)->getValue<std::string>("error"));
    // Even the right password waits out the window from that address...
    CPPUNIT_ASSERT_EQUAL(429, attempt("10.9.8.7", "victim@motel.test", "victim-password").status);
    // ... while other accounts from the same address, and the victim from elsewhere, are unaffected.
    CPPUNIT_ASSERT_EQUAL(200, attempt("10.9.8.7", kAdminEmail, kAdminPassword).status);
    CPPUNIT_ASSERT_EQUAL(200, attempt("10.1.1.1", "victim@motel.test", "victim-password").status);
    CPPUNIT_ASSERT(host->waitForLog("audit action=login.locked"));
}

void AuthApiSuite::firstAdminIsCreatedOnceAcrossRestarts() {
    const std::string url = freshDatabaseUrl();
    {
        auto host = startHost(options(url));
        login(*host, kAdminEmail, kAdminPassword);
    }
    {
        auto host = startHost(options(url));
        const std::string admin = login(*host, kAdminEmail, kAdminPassword);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
                             object(host->json("GET", "/api/users", "", admin))->getValue<Poco::Int64>("total"));
    }
    auto other = options(url);
    other.environment["MOTEL_ADMIN_EMAIL"] = "second@motel.test";
    auto host = startHost(other);
    CPPUNIT_ASSERT_EQUAL(
        401, host->json("POST", "/api/auth/login", credentials("second@motel.test", kAdminPassword)).status);
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
                         object(host->json("GET", "/api/users", "", admin))->getValue<Poco::Int64>("total"));
}

void AuthApiSuite::twoHostsBootstrappingAtOnceCreateOneAdmin() {
    const std::string url = freshDatabaseUrl();
    auto first = options(url);
    first.environment["MOTEL_ADMIN_EMAIL"] = "first@motel.test";
    auto second = options(url);
    second.environment["MOTEL_ADMIN_EMAIL"] = "second@motel.test";
    auto a = std::async(std::launch::async, [&] { return startHost(first); });
    auto b = std::async(std::launch::async, [&] { return startHost(second); });
    auto hostA = a.get();
    auto hostB = b.get();

    const auto loginFirst = hostA->json("POST", "/api/auth/login", credentials("first@motel.test", kAdminPassword));
    const auto loginSecond = hostB->json("POST", "/api/auth/login", credentials("second@motel.test", kAdminPassword));
    CPPUNIT_ASSERT_MESSAGE("exactly one bootstrap admin", (loginFirst.status == 200) != (loginSecond.status == 200));
    const std::string token =
        object(loginFirst.status == 200 ? loginFirst : loginSecond)->getValue<std::string>("accessToken");
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(1),
                         object(hostA->json("GET", "/api/users", "", token))->getValue<Poco::Int64>("total"));
}

void AuthApiSuite::seedAddsDemoUsersOnce() {
    const std::string url = freshDatabaseUrl();
    auto opts = options(url);
    opts.environment.clear(); // no first admin: the seed adds admin@motel.test
    for (int run = 0; run < 2; ++run) {
        std::string output;
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 0, HostProcess::runCommand(opts, {"seed"}, output));
    }
    auto host = startHost(opts);
    const std::string admin = login(*host, "admin@motel.test", "motel-demo-password");
    const auto list = object(host->json("GET", "/api/users", "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(5), list->getValue<Poco::Int64>("total"));
    std::map<std::string, std::string> roles;
    const auto data = list->getArray("data");
    for (std::size_t i = 0; i < data->size(); ++i)
        roles[data->getObject(i)->getValue<std::string>("email")] = data->getObject(i)->getValue<std::string>("role");
    const std::map<std::string, std::string> expected{{"admin@motel.test", "admin"},
                                                      {"manager@motel.test", "manager"},
                                                      {"staff1@motel.test", "staff"},
                                                      {"staff2@motel.test", "staff"},
                                                      {"staff3@motel.test", "staff"}};
    CPPUNIT_ASSERT(expected == roles);
    login(*host, "staff2@motel.test", "motel-demo-password");
}

} // namespace motel::test
