#include "services/ExceptionText.h"

#include <Poco/Exception.h>

#include <exception>

namespace motel::host {

std::string describeCurrentException() {
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

} // namespace motel::host
