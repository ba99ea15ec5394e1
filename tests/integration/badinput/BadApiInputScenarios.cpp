#include "BadApiInputScenarios.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <tuple>
#include <vector>

namespace motel::test {

namespace {
Poco::JSON::Object::Ptr objectOf(const HttpResult& result) {
    return result.json().extract<Poco::JSON::Object::Ptr>();
}

void expectNot5xx(const HttpResult& result, const std::string& what) {
    CPPUNIT_ASSERT_MESSAGE(what + " -> " + std::to_string(result.status) + " " + result.body,
                           result.status > 0 && result.status < 500);
}
} // namespace

const std::vector<std::string>& BadApiInputScenarios::injections() {
    static const std::vector<std::string> strings{
        "1' OR '1'='1",
        "1; DROP TABLE suites; --",
        "' UNION SELECT id, email, password_hash FROM users --",
        "1) OR (1=1",
        "\" OR \"\"=\"",
        "vacant' --",
        "1/**/OR/**/1=1",
        "'; SELECT pg_sleep(10); --",
        "x' AND (SELECT COUNT(*) FROM sqlite_master) > 0 --",
        "$1",
        "?",
        "%' OR 1=1 --",
        "\\'; DELETE FROM tasks; --",
    };
    return strings;
}

std::string BadApiInputScenarios::encoded(const std::string& text) {
    static const char* const hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.') {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

std::string BadApiInputScenarios::quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            static const char* const hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::int64_t BadApiInputScenarios::createSuite(const std::string& number) {
    const auto created = call("POST", "/api/suites", "{\"number\":" + quoted(number) + ",\"floor\":1}");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.body, 201, created.status);
    return objectOf(created)->getValue<std::int64_t>("id");
}

std::int64_t BadApiInputScenarios::countOf(const std::string& collection) {
    const auto list = call("GET", "/api/" + collection + "?limit=1");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(list.body, 200, list.status);
    return objectOf(list)->getValue<std::int64_t>("total");
}

void BadApiInputScenarios::wrongContentTypesGet415() {
    const std::string body = R"({"number":"101","floor":1})";
    for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                   "application/xml", "application/jsonp", "json", "text/json", "*/*"}) {
        expectClientError(call("POST", "/api/suites", body, type), "POST with Content-Type " + type, 415);
        expectClientError(call("PATCH", "/api/suites/1", body, type), "PATCH with Content-Type " + type, 415);
        expectClientError(call("POST", "/api/auth/login", body, type), "login with Content-Type " + type, 415);
    }
    expectClientError(call("POST", "/api/suites", body, ""), "POST without Content-Type", 415);
    expectClientError(call("POST", "/api/suites", "number=101&floor=1", "application/x-www-form-urlencoded"),
                      "a form post", 415);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, countOf("suites"));
    expectHostServes();
}

void BadApiInputScenarios::invalidUtf8Gets400() {
    for (const std::string bytes : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\xf8\x88\x80\x80\x80", "a\x80z"}) {
        expectClientError(call("POST", "/api/suites", "{\"number\":\"" + bytes + "\"}"), "a body with invalid UTF-8",
                          400);
        expectClientError(call("POST", "/api/auth/login", "{\"email\":\"" + bytes + "\",\"password\":\"x\"}"),
                          "a login with invalid UTF-8", 400);
    }
    // In the query and the path, percent-encoded or raw.
    expectClientError(call("GET", "/api/suites?occupancy=%FF%FE"), "a filter with invalid UTF-8", 400);
    expectClientError(call("GET", "/api/suites/%FF"), "an id with invalid UTF-8", 400);
    // A lone surrogate written as a JSON escape is valid JSON syntax: it may
    // be refused or stored, but never break the database.
    expectNot5xx(call("POST", "/api/suites", R"({"number":"\ud800","floor":1})"), "a lone surrogate escape");
    expectNot5xx(call("GET", "/api/suites"), "listing after a lone surrogate");
    expectHostServes();
}

void BadApiInputScenarios::deeplyNestedJsonGets400() {
    const std::vector<std::size_t> depths{65, 1000, 100000};
    for (const auto depth : depths) {
        const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
        expectClientError(call("POST", "/api/suites", arrays), std::to_string(depth) + " nested arrays", 400);
        std::string objects;
        for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
        objects += "1" + std::string(depth, '}');
        expectClientError(call("POST", "/api/tasks", objects), std::to_string(depth) + " nested objects", 400);
    }
    // Within the parser's depth, the validator refuses the shape.
    expectClientError(call("POST", "/api/suites", R"({"number":"1","floor":1,"notes":[[[[[[[[["deep"]]]]]]]]]})"),
                      "notes as nested arrays", 400);
    // Unterminated nesting (the parser must not wait or run off the end).
    expectClientError(call("POST", "/api/suites", std::string(50000, '[')), "50000 unterminated arrays", 400);
    expectHostServes();
}

void BadApiInputScenarios::numbersOutOfRangeGet400() {
    for (const std::string floor : {"1e400", "-1e400", "99999999999999999999", "-99999999999999999999", "1.5", "\"1\"",
                                    "true", "[]", "{}", "NaN", "Infinity", "0x10", "01", "1e", "-"}) {
        expectClientError(call("POST", "/api/suites", R"({"number":"n)" + floor + R"(","floor":)" + floor + "}"),
                          "floor " + floor, 400);
    }
    // In range for JSON and 64 bits but maybe not for a column: refused or stored, never a 500.
    for (const std::string floor : {"9223372036854775807", "-9223372036854775808", "2147483648", "-2147483649"}) {
        const auto result = call("POST", "/api/suites", R"({"number":"f)" + floor + R"(","floor":)" + floor + "}");
        expectNot5xx(result, "floor " + floor);
        if (result.status == 201) expectNot5xx(call("GET", "/api/suites?floor=" + encoded(floor)), "filter " + floor);
    }
    for (const std::string query : {"floor=99999999999999999999", "floor=1.5", "floor=1e3", "limit=-1", "limit=0",
                                    "limit=1.5", "offset=-1", "offset=1e2", "limit=99999999999999999999x"})
        expectClientError(call("GET", "/api/suites?" + query), "GET /api/suites?" + query, 400);
    for (const std::string query : {"limit=99999999999999999999", "offset=99999999999999999999",
                                    "offset=9223372036854775807", "floor=-9223372036854775808"})
        expectNot5xx(call("GET", "/api/suites?" + query), "GET /api/suites?" + query);
    for (const std::string due : {"\"9999999-01-01T00:00:00.000Z\"", "\"2026-13-45T99:99:99.000Z\"", "1e400",
                                  "\"2026-01-01\\u0000T00:00:00.000Z\""})
        expectClientError(call("POST", "/api/tasks", R"({"title":"t","type":"other","dueAt":)" + due + "}"),
                          "dueAt " + due, 400);
    for (const std::string id : {"1e400", "1.5", "-1", "0", "\"1\""})
        expectClientError(call("POST", "/api/tasks", R"({"title":"t","type":"other","suiteId":)" + id + "}"),
                          "suiteId " + id);
    expectClientError(call("POST", "/api/tasks", R"({"title":"t","type":"other","suiteId":99999999999999999999})"),
                      "suiteId beyond 64 bits");
    // Valid JSON beyond what the host holds is a validation error naming the
    // field, like any other type error, not "Malformed JSON".
    for (const auto& [path, body, problem] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"/api/suites", R"({"number":"big","floor":1e400})", "floor must be an integer"},
             {"/api/suites", R"({"number":"big","floor":-99999999999999999999})", "floor must be an integer"},
             {"/api/tasks", R"({"title":"t","type":"other","suiteId":99999999999999999999})",
              "suiteId must be an integer"}}) {
        const auto result = call("POST", path, body);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(body + " -> " + result.body, 400, result.status);
        CPPUNIT_ASSERT_MESSAGE(body + " -> " + result.body,
                               result.body.find("[\"" + problem + "\"]") != std::string::npos);
    }
    expectHostServes();
}

void BadApiInputScenarios::sqlInjectionInFiltersGets400() {
    const std::int64_t suites = createSuite("101");
    const std::vector<std::string> suiteFilters{"occupancy", "condition", "serviceState", "floor",
                                                "sort",      "limit",     "offset"};
    const std::vector<std::string> taskFilters{"status", "suiteId", "assigneeId", "type",  "priority",
                                               "mine",   "overdue", "sort",       "limit", "offset"};
    const std::vector<std::string> userFilters{"role", "active", "sort", "limit", "offset"};
    const std::map<std::string, std::vector<std::string>> lists{
        {"suites", suiteFilters}, {"tasks", taskFilters}, {"users", userFilters}};
    for (const auto& injection : injections())
        for (const auto& [collection, filters] : lists)
            for (const auto& filter : filters) {
                const std::string path = "/api/" + collection + "?" + filter + "=" + encoded(injection);
                expectClientError(call("GET", path), "GET " + path, 400);
            }
    // The history of a suite takes a page only.
    for (const auto& injection : injections())
        expectClientError(call("GET", "/api/suites/" + std::to_string(suites) + "/history?limit=" + encoded(injection)),
                          "history limit " + injection, 400);
    // Every table is still there, with what it had.
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, countOf("suites"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, countOf("tasks"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, countOf("users"));
    expectHostServes();
}

void BadApiInputScenarios::sqlInjectionInFieldsIsStoredAsText() {
    int n = 0;
    for (const auto& injection : injections()) {
        const std::string number = injection.substr(0, 40) + " #" + std::to_string(++n); // numbers: <= 50
        // Free text is text: stored and read back verbatim.
        const auto created = call("POST", "/api/suites",
                                  "{\"number\":" + quoted(number) + ",\"floor\":1,\"name\":" + quoted(injection) +
                                      ",\"notes\":" + quoted(injection) + ",\"type\":" + quoted(injection) + "}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(injection + ": " + created.body, 201, created.status);
        const auto suite = objectOf(created);
        const std::string id = std::to_string(suite->getValue<std::int64_t>("id"));
        const auto read = objectOf(call("GET", "/api/suites/" + id));
        CPPUNIT_ASSERT_EQUAL(number, read->getValue<std::string>("number"));
        CPPUNIT_ASSERT_EQUAL(injection, read->getValue<std::string>("notes"));
        const auto patched = call("PATCH", "/api/suites/" + id, "{\"notes\":" + quoted(injection + "!") + "}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(patched.body, 200, patched.status);
        const auto task =
            call("POST", "/api/tasks",
                 "{\"title\":" + quoted(injection) + ",\"type\":\"other\",\"description\":" + quoted(injection) +
                     ",\"suiteId\":" + id + "}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(task.body, 201, task.status);
        CPPUNIT_ASSERT_EQUAL(injection, objectOf(task)->getValue<std::string>("title"));
        // Closed vocabularies refuse it.
        for (const std::string field : {"occupancy", "condition", "serviceState"})
            expectClientError(call("PATCH", "/api/suites/" + id, "{\"" + field + "\":" + quoted(injection) + "}"),
                              field + " " + injection, 400);
        for (const std::string field : {"type", "priority", "dueAt", "assigneeId"})
            expectClientError(call("POST", "/api/tasks",
                                   "{\"title\":\"t\",\"type\":\"other\",\"" + field + "\":" + quoted(injection) + "}"),
                              "task " + field + " " + injection, 400);
        expectClientError(call("POST", "/api/users",
                               "{\"email\":" + quoted(injection) + ",\"name\":\"n\",\"password\":\"long-enough-1\"}"),
                          "user email " + injection, 400);
        expectClientError(call("POST", "/api/auth/login",
                               "{\"email\":" + quoted(injection) + ",\"password\":" + quoted(injection) + "}"),
                          "login " + injection);
    }
    const auto total = static_cast<std::int64_t>(injections().size());
    CPPUNIT_ASSERT_EQUAL(total, countOf("suites"));
    CPPUNIT_ASSERT_EQUAL(total, countOf("tasks"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, countOf("users"));
    expectHostServes();
}

void BadApiInputScenarios::pathTraversalFindsNothing() {
    for (const std::string path :
         {"/api/../health/live", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
          "/api/suites/..%2f..%2f..%2fetc%2fpasswd", "/api/suites/1/../../users", "/socket.io/../../../etc/passwd",
          "/health/..%5c..%5cwindows%5cwin.ini", "/api/%2e%2e/api/users", "/.env", "/.git/config", "/api/suites/%2e%2e",
          "//etc/passwd", "/metrics/../../etc/passwd"}) {
        const auto result = call("GET", path);
        expectClientError(result, "GET " + path);
        CPPUNIT_ASSERT_MESSAGE(path, result.body.find("root:") == std::string::npos);
    }
    expectHostServes();
}

void BadApiInputScenarios::unknownFieldsGet400() {
    const std::int64_t id = createSuite("201");
    const std::string suite = "/api/suites/" + std::to_string(id);
    for (const std::string extra :
         {"\"bogus\":1", "\"__proto__\":{\"admin\":true}", "\"constructor\":{}", "\"id\":5",
          "\"createdAt\":\"2026-01-01T00:00:00.000Z\"", "\"\":1", "\"number \":\"x\"", "\"Number\":\"x\""}) {
        expectClientError(call("POST", "/api/suites", R"({"number":"u1","floor":1,)" + extra + "}"),
                          "POST suite + " + extra, 400);
        expectClientError(call("PATCH", suite, "{" + extra + "}"), "PATCH suite + " + extra, 400);
        expectClientError(call("POST", "/api/tasks", R"({"title":"t","type":"other",)" + extra + "}"),
                          "POST task + " + extra, 400);
    }
    expectClientError(call("POST", "/api/tasks", R"({"title":"t","type":"other","status":"completed"})"),
                      "task status on POST", 400);
    const auto bogus = call("POST", "/api/suites", R"({"number":"u2","floor":1,"bogus":1})");
    CPPUNIT_ASSERT_MESSAGE(bogus.body, bogus.body.find("property bogus should not exist") != std::string::npos);
    for (const std::string body : {"[]", "\"text\"", "42", "null", "true", "[{\"number\":\"x\"}]"})
        expectClientError(call("POST", "/api/suites", body), "body " + body, 400);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, countOf("suites"));
    expectHostServes();
}

void BadApiInputScenarios::overflowingIdsAre404Or400() {
    for (const std::string id : {"99999999999999999999", "9223372036854775807", "9223372036854775808",
                                 "-9223372036854775809", "0", "18446744073709551616"}) {
        for (const std::string collection : {"suites", "tasks", "users"}) {
            expectClientError(call("GET", "/api/" + collection + "/" + id), "GET " + collection + " " + id, 404);
            expectClientError(call("DELETE", "/api/" + collection + "/" + id), "DELETE " + collection + " " + id, 404);
        }
        expectClientError(call("PATCH", "/api/suites/" + id, R"({"notes":"x"})"), "PATCH suite " + id, 404);
        expectClientError(call("POST", "/api/tasks/" + id + "/start"), "start task " + id, 404);
        expectClientError(call("GET", "/api/suites/" + id + "/history"), "history " + id, 404);
    }
    for (const std::string id : {"1.5", "1e3", "0x10", "abc", "1%20", "%201", "1;2", "1'", "NaN", "--1"}) {
        expectClientError(call("GET", "/api/suites/" + id), "GET suite " + id, 400);
        expectClientError(call("POST", "/api/tasks/" + id + "/complete"), "complete task " + id, 400);
    }
    expectHostServes();
}

void BadApiInputScenarios::brokenTokensGet401() {
    const std::string tampered = admin_.substr(0, admin_.find('.') + 1) + "eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0" +
                                 admin_.substr(admin_.rfind('.'));
    const std::vector<std::string> headers{"",
                                           "Bearer",
                                           "Bearer ",
                                           "Bearer a.b.c",
                                           "Basic YWRtaW46YWRtaW4=",
                                           "bearer",
                                           "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0.",
                                           "Bearer " + std::string(10000, 'a'),
                                           "Bearer " + admin_ + "x",
                                           "Bearer " + tampered,
                                           "Bearer \xff\xfe",
                                           "Bearer " + admin_ + " " + admin_};
    for (const auto& header : headers) {
        const auto result =
            host_->request("GET", "/api/suites", "",
                           header.empty() ? std::map<std::string, std::string>{}
                                          : std::map<std::string, std::string>{{"Authorization", header}});
        expectClientError(result, "Authorization: " + header.substr(0, 60), 401);
    }
    expectHostServes();
}

void BadApiInputScenarios::oddButValidTextIsKeptVerbatim() {
    int n = 0;
    for (const std::string& text :
         {std::string("emoji \xf0\x9f\x9b\x8f\xef\xb8\x8f"), std::string("quote \" backslash \\ slash /"),
          std::string("%s%n%x %d"), std::string("${jndi:ldap://127.0.0.1/x}"), std::string("<script>alert(1)</script>"),
          std::string("tab\there\nnewline"), std::string(100000, 'z'), std::string("\xe2\x80\xae right-to-left")}) {
        const std::string number = "odd-" + std::to_string(++n);
        const auto created = call("POST", "/api/suites",
                                  "{\"number\":" + quoted(number) + ",\"floor\":2,\"notes\":" + quoted(text) + "}");
        expectNot5xx(created, "notes " + text.substr(0, 40));
        if (created.status != 201) {
            expectClientError(created, "notes " + text.substr(0, 40), 400);
            continue;
        }
        const auto id = std::to_string(objectOf(created)->getValue<std::int64_t>("id"));
        const auto read = call("GET", "/api/suites/" + id);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(read.body.substr(0, 200), 200, read.status);
        const std::string stored = objectOf(read)->getValue<std::string>("notes");
        CPPUNIT_ASSERT_MESSAGE("sent " + quoted(text.substr(0, 60)) + ", read back " + quoted(stored.substr(0, 60)),
                               text == stored);
    }
    // U+0000 is refused everywhere alike: PostgreSQL cannot store it in text
    // (it used to be cut off there silently, and kept on SQLite).
    expectClientError(call("POST", "/api/suites", R"({"number":"nul","floor":1,"notes":"a\u0000b"})"), "NUL in notes",
                      400);
    expectClientError(call("POST", "/api/tasks", R"({"title":"t\u0000","type":"other"})"), "NUL in a title", 400);
    expectClientError(call("POST", "/api/suites", R"({"number":"nul","floor":1,"no\u0000tes":"x"})"), "NUL in a key",
                      400);
    expectClientError(call("POST", "/api/auth/login", R"({"email":"admin@motel.test\u0000","password":"x"})"),
                      "NUL in a login", 400);
    expectNot5xx(call("GET", "/api/suites?limit=200"), "listing the odd suites");
    expectHostServes();
}

} // namespace motel::test
