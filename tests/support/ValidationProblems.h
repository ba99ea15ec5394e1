#pragma once
// What a validation error said, for tests of input checks: run the code that
// should refuse its input and get the 400's list of problems.

#include <motel/sdk/Errors.h>

#include <cppunit/TestAssert.h>

#include <algorithm>
#include <string>
#include <vector>

namespace motel::test {

/// The messages of the sdk::ValidationError (a 400) that `refuse()` throws;
/// fails the test when it throws nothing.
template <class Refuse> std::vector<std::string> problemsOf(Refuse refuse) {
    try {
        refuse();
    } catch (const sdk::ValidationError& error) {
        CPPUNIT_ASSERT_EQUAL(400, error.status());
        return error.messages();
    }
    CPPUNIT_FAIL("expected a ValidationError");
    return {};
}

inline bool contains(const std::vector<std::string>& messages, const std::string& message) {
    return std::find(messages.begin(), messages.end(), message) != messages.end();
}

} // namespace motel::test
