#pragma once
// Turning "whatever a plugin's code threw" into a message.

#include <string>

namespace motel::host {

/// Call only inside a `catch (...)` block: the text of the exception being
/// handled — Poco's displayText(), std::exception's what(), or
/// "unknown exception". The services use it wherever they run plugin code
/// (subscribers, health checks, scrape hooks, jobs) and must keep going.
/// The same as sdk::describeCurrentException(), which plugins use.
std::string describeCurrentException();

} // namespace motel::host
