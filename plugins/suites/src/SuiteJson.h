#pragma once
/// The REST representation of a suite and of its history rows. One renderer
/// for responses, lists and event payloads, so they can never disagree.

#include "SuiteTypes.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace motel::suites {

struct HistoryRow;

class SuiteJson {
public:
    /// Appends the suite's JSON object text to `out`.
    static void append(std::string& out, const Suite& suite);
    static std::string text(const Suite& suite);
    /// The same as an object (event payloads).
    static Poco::JSON::Object::Ptr object(const Suite& suite);

    /// `{"field","from","to","actorId","source","taskId","at"}`
    static void append(std::string& out, const HistoryRow& row);
};

} // namespace motel::suites
