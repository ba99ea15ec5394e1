#include "DemoSeeder.h"

#include "UserRepository.h"

#include <motel/sdk/Time.h>

#include <vector>

namespace motel::auth {

DemoSeeder::DemoSeeder(sdk::Database& database, const PasswordHasher& hasher, Poco::Logger& logger)
    : database_(database), hasher_(hasher), logger_(logger) {}

int DemoSeeder::run() {
    // One hash for all demo accounts: they share the demo password anyway.
    const std::string hash = hasher_.hash(kDemoPassword);
    int created = 0;
    database_.transaction([&](sdk::SqlSession& session) {
        UserRepository users(session);
        std::vector<UserRecord> records;
        if (users.isEmpty()) records.push_back({"admin@motel.test", "Demo Admin", "admin", true, hash});
        records.push_back({"manager@motel.test", "Demo Manager", "manager", true, hash});
        for (int i = 1; i <= 3; ++i)
            records.push_back(
                {"staff" + std::to_string(i) + "@motel.test", "Demo Staff " + std::to_string(i), "staff", true, hash});
        const std::string now = sdk::nowTimestamp();
        for (const auto& record : records) {
            if (users.insertIfAbsent(record, now)) {
                ++created;
                logger_.information("seeded demo user " + record.email + " (" + record.role + ")");
            }
        }
    });
    return created;
}

} // namespace motel::auth
