#pragma once
/// Demo accounts for `motel-host seed` in development: a manager
/// (`manager@motel.test`), three staff (`staff1..3@motel.test`), and an admin
/// (`admin@motel.test`) when no user exists yet, all with the password
/// kDemoPassword. Idempotent: existing emails are left alone.

#include "PasswordHasher.h"

#include <motel/sdk/Database.h>

#include <Poco/Logger.h>

namespace motel::auth {

class DemoSeeder {
public:
    DemoSeeder(sdk::Database& database, const PasswordHasher& hasher, Poco::Logger& logger);

    /// Returns the number of users created.
    int run();

    static constexpr const char* kDemoPassword = "motel-demo-password";

private:
    sdk::Database& database_;
    const PasswordHasher& hasher_;
    Poco::Logger& logger_;
};

} // namespace motel::auth
