// Fuzzes the path of a request body from the wire to a validated value: the
// host's JsonBody (content type, UTF-8, depth, Poco's JSON parser), then the
// suites and tasks validators built on sdk::BodyReader. Anything a client
// sends must end as a value or an sdk::HttpError (a 4xx envelope); any other
// exception would be a 500 and aborts the run here.
#include "routing/JsonBody.h"

#include "SuiteInput.h"
#include "TaskInput.h"
#include "TaskStateMachine.h"

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

template <typename Read> void expectValueOr4xx(Read read) {
    try {
        read();
    } catch (const motel::sdk::HttpError& error) {
        check(error.status() >= 400 && error.status() < 500);
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    motel::sdk::Request request;
    request.method = (size % 3 == 0) ? "PATCH" : "POST";
    request.path = "/api/tasks/1/complete";
    request.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    request.body.assign(reinterpret_cast<const char*>(data), size);
    request.principal = motel::sdk::testing::caller(7, "staff@motel.test", "Staff", "staff");
    try {
        request.json = motel::host::JsonBody::parse(request);
    } catch (const motel::sdk::HttpError& error) {
        check(error.status() == 400);
        return 0;
    }
    using namespace motel;
    expectValueOr4xx([&] { (void)suites::SuiteInput::readNew(request); });
    expectValueOr4xx([&] { (void)suites::SuiteInput::readChange(request); });
    expectValueOr4xx([&] { (void)tasks::TaskInput::readNew(request); });
    expectValueOr4xx([&] { (void)tasks::TaskInput::readChange(request); });
    expectValueOr4xx([&] { (void)tasks::TaskInput::readAction(request, tasks::TaskAction::complete); });
    expectValueOr4xx([&] { (void)request.jsonObject(); });
    return 0;
}
