#include "SuiteSeeder.h"

#include "SuiteRepository.h"

#include <motel/sdk/Time.h>

#include <array>

namespace motel::suites {

namespace {

struct DemoState {
    const char* occupancy;
    const char* condition;
    const char* serviceState;
};

// A morning in a small motel: guests in some rooms, departures waiting to be
// cleaned, rooms ready for arrivals, one room out of order on each floor.
constexpr std::array<DemoState, 10> kStates{{
    {"occupied", "clean", "in_service"},
    {"vacant", "dirty", "in_service"},
    {"occupied", "dirty", "in_service"},
    {"vacant", "inspected", "in_service"},
    {"vacant", "clean", "in_service"},
    {"occupied", "clean", "in_service"},
    {"vacant", "dirty", "in_service"},
    {"vacant", "clean", "out_of_order"},
    {"occupied", "inspected", "in_service"},
    {"vacant", "dirty", "out_of_service"},
}};

const char* typeOf(int room) {
    if (room == 10) return "suite";
    if (room == 1 || room == 9) return "deluxe";
    if (room == 5) return "family";
    return "standard";
}

} // namespace

std::vector<Suite> SuiteSeeder::demoSuites() {
    std::vector<Suite> suites;
    for (int floor = 1; floor <= 3; ++floor) {
        for (int room = 1; room <= 10; ++room) {
            const DemoState& state = kStates[static_cast<std::size_t>((room - 1 + (floor - 1) * 3) % 10)];
            Suite suite;
            suite.number = std::to_string(floor * 100 + room);
            suite.floor = floor;
            suite.type = typeOf(room);
            suite.occupancy = state.occupancy;
            suite.condition = state.condition;
            suite.serviceState = state.serviceState;
            if (room == 10) suite.name = "Corner Suite " + std::to_string(floor);
            if (suite.serviceState == "out_of_order") suite.notes = "Waiting for maintenance";
            if (suite.serviceState == "out_of_service") suite.notes = "Held for renovation";
            suites.push_back(suite);
        }
    }
    return suites;
}

int SuiteSeeder::seed(sdk::Database& database) {
    int added = 0;
    database.transaction([&](sdk::SqlSession& session) {
        if (SuiteRepository::countAll(session) > 0) return;
        const std::string now = sdk::nowTimestamp();
        for (const Suite& suite : demoSuites()) {
            SuiteRepository::insert(session, suite, now);
            ++added;
        }
    });
    return added;
}

} // namespace motel::suites
