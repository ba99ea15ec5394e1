#include "SuiteRules.h"

#include <motel/plugins/auth/Roles.h>
#include <motel/sdk/Errors.h>

namespace motel::suites {

namespace {
void refuseCheckIn(const Suite& suite) {
    throw sdk::Conflict("Suite " + suite.number + " cannot be checked in while it is " + suite.serviceState);
}
} // namespace

SuiteResolution SuiteRules::resolve(const Suite& current, const SuiteChange& change) {
    SuiteResolution result{current, false};
    Suite& next = result.next;
    if (change.number) next.number = *change.number;
    if (change.name) next.name = *change.name;
    if (change.floor) next.floor = *change.floor;
    if (change.type) next.type = *change.type;
    if (change.occupancy) next.occupancy = *change.occupancy;
    if (change.condition) next.condition = *change.condition;
    if (change.serviceState) next.serviceState = *change.serviceState;
    if (change.notes) next.notes = *change.notes;

    if (current.occupancy == "occupied" && next.occupancy == "vacant") {
        result.checkedOut = true;
        next.condition = "dirty"; // a check-out wins over a condition sent with it
    }
    return result;
}

void SuiteRules::checkPermission(const SuiteChange& change, const sdk::Principal& caller) {
    if (caller.hasRole(plugins::auth::kManagerRole)) return;
    SuiteChange others = change;
    others.condition.reset();
    if (!others.empty()) throw sdk::Forbidden("Staff may only change the condition of a suite");
    if (change.condition && *change.condition != "dirty" && *change.condition != "clean")
        throw sdk::Forbidden("Staff may only set a suite's condition to dirty or clean");
}

void SuiteRules::checkTransition(const Suite& current, const SuiteChange& change, const SuiteResolution& resolved) {
    const Suite& next = resolved.next;
    if (current.occupancy == "vacant" && next.occupancy == "occupied" && next.serviceState != "in_service")
        refuseCheckIn(next);
    if (!resolved.checkedOut && change.condition && *change.condition == "inspected" && current.condition != "clean" &&
        current.condition != "inspected")
        throw sdk::Conflict("Suite " + current.number + " must be clean before it can be inspected (it is " +
                            current.condition + ")");
}

} // namespace motel::suites
