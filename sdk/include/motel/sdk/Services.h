#pragma once
/// Services one plugin provides to others by name (the `auth` plugin provides
/// the Authenticator). Providers register during start(); dependants declare
/// the provider as a dependency so it has started first.

#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>

namespace motel::sdk {

class ServiceRegistry {
public:
    virtual ~ServiceRegistry() = default;

    template <class T> void provide(const std::string& name, std::shared_ptr<T> service) {
        provideErased(name, std::static_pointer_cast<void>(std::move(service)), typeid(T).name());
    }
    /// The service, or nullptr when none is registered under `name`. Throws
    /// std::logic_error when it was registered with another type.
    template <class T> std::shared_ptr<T> find(const std::string& name) const {
        return std::static_pointer_cast<T>(findErased(name, typeid(T).name()));
    }

protected:
    virtual void provideErased(const std::string& name, std::shared_ptr<void> service, const char* typeName) = 0;
    virtual std::shared_ptr<void> findErased(const std::string& name, const char* typeName) const = 0;
};

} // namespace motel::sdk
