// Fuzzes the list endpoints' query strings (`GET /api/suites?...`,
// `GET /api/tasks?...`): the host decodes the target, then the suites and
// tasks plugins read filters, sort and page and build their SELECT. Every
// value must either be accepted or refused with a 4xx; accepted values only
// ever reach the SQL as bound parameters, which the built query shows.
#include "http/RequestTarget.h"

#include "SuiteListQuery.h"
#include "TaskListQuery.h"

#include <motel/sdk/testing/Callers.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/Request.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}

// The SQL text may hold only what the plugins wrote: apart from the one
// literal list of open states, no quote, so no client text.
void checkNoClientText(const motel::sdk::SqlQuery& query) {
    std::string sql = query.sql;
    const std::string openStates = "('pending', 'in_progress')";
    for (std::size_t at = sql.find(openStates); at != std::string::npos; at = sql.find(openStates))
        sql.erase(at, openStates.size());
    check(sql.find('\'') == std::string::npos);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string query(reinterpret_cast<const char*>(data), size);
    motel::sdk::Request request;
    request.method = "GET";
    request.principal = motel::sdk::testing::caller(7, "staff@motel.test", "Staff", "staff");
    try {
        auto target = motel::host::RequestTarget::decode("/api/tasks?" + query);
        request.path = target.path;
        request.query = std::move(target.query);
    } catch (const motel::sdk::HttpError& error) {
        check(error.status() == 400);
        return 0;
    }
    using namespace motel;
    try {
        const auto filters = suites::SuiteListQuery::read(request);
        checkNoClientText(suites::SuiteListQuery::page(filters));
        checkNoClientText(suites::SuiteListQuery::count(filters));
    } catch (const sdk::HttpError& error) {
        check(error.status() == 400);
    }
    try {
        const auto filters = tasks::TaskListQuery::read(request, "2026-01-01T00:00:00.000Z");
        checkNoClientText(tasks::TaskListQuery::page(filters));
        checkNoClientText(tasks::TaskListQuery::count(filters));
    } catch (const sdk::HttpError& error) {
        check(error.status() == 400);
    }
    return 0;
}
