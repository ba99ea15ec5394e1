#pragma once
// Stores greetings and farewells in the plugin's own tables, through the
// SDK's database API (the same SQL runs on SQLite and PostgreSQL).

#include <motel/sdk/Database.h>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>

namespace hello {

class GreetingBook {
public:
    explicit GreetingBook(motel::sdk::Database& database) : database_(database) {}

    /// Records a greeting inside the caller's transaction and returns it as
    /// JSON ({"id","name","suite","at"}).
    Poco::JSON::Object::Ptr recordGreeting(motel::sdk::SqlSession& session, const std::string& name,
                                           const std::optional<std::string>& suite);
    void recordFarewell(const std::string& suite);
    std::int64_t greetings();
    std::int64_t farewells();

private:
    motel::sdk::Database& database_;
    std::int64_t count(const char* table);
};

} // namespace hello
