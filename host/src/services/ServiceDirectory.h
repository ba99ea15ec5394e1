#pragma once
// The host's registry of services that plugins provide to each other.

#include <motel/sdk/Services.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace motel::host {

/// The ServiceRegistry every plugin receives: a name maps to one service and
/// the type it was provided as. Types are compared by their mangled names
/// (typeid(T).name()), which are equal across shared libraries even when the
/// std::type_info objects are not.
///
/// The host must clear() the directory after stopping the plugins and before
/// unloading their libraries: a service's destructor is plugin code.
class ServiceDirectory : public sdk::ServiceRegistry {
public:
    ServiceDirectory();
    ~ServiceDirectory() override;

    ServiceDirectory(const ServiceDirectory&) = delete;
    ServiceDirectory& operator=(const ServiceDirectory&) = delete;

    /// Names of the services provided so far, sorted.
    std::vector<std::string> names() const;
    /// Drop every service (see the class comment for when).
    void clear();
    /// findErased() for tests and tools: what a lookup compiled against
    /// `version` would get.
    std::shared_ptr<void> findVersioned(const std::string& name, const char* typeName,
                                        sdk::InterfaceVersion version) const {
        return findErased(name, typeName, version);
    }

protected:
    /// Throws std::invalid_argument for an empty name or a null service and
    /// std::logic_error when `name` is already provided.
    void provideErased(const std::string& name, std::shared_ptr<void> service, const char* typeName,
                       sdk::InterfaceVersion version) override;
    /// nullptr when absent; std::logic_error when provided as another type;
    /// sdk::ServiceVersionMismatch when both sides name a version and the
    /// majors differ or the caller needs a newer minor than provided.
    std::shared_ptr<void> findErased(const std::string& name, const char* typeName,
                                     sdk::InterfaceVersion version) const override;

private:
    struct Entry {
        std::string typeName; ///< mangled, as typeid(T).name() gives it
        std::shared_ptr<void> service;
        sdk::InterfaceVersion version; ///< {0, 0}: unversioned
    };

    mutable std::mutex mutex_;
    std::map<std::string, Entry> services_;
};

} // namespace motel::host
