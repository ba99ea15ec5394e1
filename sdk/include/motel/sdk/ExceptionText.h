#pragma once
/// Turning "whatever was thrown" into a message for a log line, for code
/// that calls someone else's (a handler, a subscriber, another plugin's
/// service) and must keep going. Header-only.

#include <Poco/Exception.h>

#include <exception>
#include <string>

namespace motel::sdk {

/// Call only while an exception is being handled (inside a catch block):
/// its text — Poco's displayText() (a Poco exception's what() is only its
/// class name, e.g. "Not found"), std::exception's what(), or "unknown
/// exception".
inline std::string describeCurrentException() {
    try {
        throw;
    } catch (const Poco::Exception& error) {
        return error.displayText();
    } catch (const std::exception& error) {
        return error.what();
    } catch (...) {
        return "unknown exception";
    }
}

} // namespace motel::sdk
