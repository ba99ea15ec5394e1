#pragma once
// Test helpers for the input readers of the suites and tasks plugins (the
// tasks tests include this file too): a request with a JSON body, and the
// validation problems a call reports.

#include <motel/sdk/Errors.h>
#include <motel/sdk/Request.h>

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace motel::test {

inline sdk::Request withBody(const std::string& json) {
    sdk::Request request;
    request.body = json;
    if (!json.empty()) request.json = Poco::JSON::Parser().parse(json);
    return request;
}

/// The messages of the sdk::ValidationError `fn` throws; empty when it does not.
inline std::vector<std::string> problemsOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const sdk::ValidationError& error) {
        return error.messages();
    }
    return {};
}

inline bool contains(const std::vector<std::string>& list, const std::string& text) {
    return std::find(list.begin(), list.end(), text) != list.end();
}

} // namespace motel::test
