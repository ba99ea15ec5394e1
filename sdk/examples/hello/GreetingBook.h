#pragma once
// Stores who was greeted, in the plugin's own table, through the SDK's
// database API (the same SQL runs on SQLite and PostgreSQL).

#include <motel/sdk/Database.h>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>

namespace hello {

class GreetingBook {
public:
    explicit GreetingBook(motel::sdk::Database& database) : database_(database) {}

    /// Records a greeting and returns it as JSON ({"id","name","at"}).
    Poco::JSON::Object::Ptr record(const std::string& name);
    std::int64_t count();

private:
    motel::sdk::Database& database_;
};

} // namespace hello
