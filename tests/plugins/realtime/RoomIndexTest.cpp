// RoomIndex: members joined and left in any order are each visited once,
// with the session given at join, rooms of other namespaces stay apart, and
// an emptied room is gone. The pointers are never read, so stand-ins do.
#include "socketio/RoomIndex.h"

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace motel::realtime {

namespace {
SocketIoSocket* socketNo(int n) {
    return reinterpret_cast<SocketIoSocket*>(static_cast<std::uintptr_t>(0x1000 + n * 16));
}
EngineSession* sessionNo(int n) {
    return reinterpret_cast<EngineSession*>(static_cast<std::uintptr_t>(0x9000 + n * 16));
}

std::vector<int> membersOf(const RoomIndex& rooms, const std::string& nsp, const std::string& room) {
    std::vector<int> found;
    rooms.forEachMember(nsp, room, [&found](const RoomIndex::Member& member) {
        const int n = static_cast<int>((reinterpret_cast<std::uintptr_t>(member.socket) - 0x1000) / 16);
        CPPUNIT_ASSERT(member.session == sessionNo(n));
        found.push_back(n);
    });
    std::sort(found.begin(), found.end());
    return found;
}
} // namespace

class RoomIndexTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RoomIndexTest);
    CPPUNIT_TEST(membersLeavingInAnyOrderLeaveTheOthersWhole);
    CPPUNIT_TEST(namespacesAndRoomsStayApart);
    CPPUNIT_TEST_SUITE_END();

public:
    void membersLeavingInAnyOrderLeaveTheOthersWhole() {
        RoomIndex rooms;
        for (int n = 0; n < 6; ++n) rooms.join("/", "", socketNo(n), sessionNo(n));
        rooms.join("/", "", socketNo(2), sessionNo(2)); // again: still once
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), rooms.size("/", ""));
        rooms.leave("/", "", socketNo(2)); // a middle one
        rooms.leave("/", "", socketNo(5)); // the last one
        rooms.leave("/", "", socketNo(0)); // the first one
        rooms.leave("/", "", socketNo(9)); // never joined: ignored
        CPPUNIT_ASSERT((membersOf(rooms, "/", "") == std::vector<int>{1, 3, 4}));
        rooms.join("/", "", socketNo(7), sessionNo(7));
        CPPUNIT_ASSERT((membersOf(rooms, "/", "") == std::vector<int>{1, 3, 4, 7}));
        for (int n : {4, 7, 1, 3}) rooms.leave("/", "", socketNo(n));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), rooms.size("/", ""));
        CPPUNIT_ASSERT(membersOf(rooms, "/", "").empty());
    }

    void namespacesAndRoomsStayApart() {
        RoomIndex rooms;
        rooms.join("/", "user:7", socketNo(1), sessionNo(1));
        rooms.join("/custom", "user:7", socketNo(2), sessionNo(2));
        rooms.join("/", "user:8", socketNo(3), sessionNo(3));
        CPPUNIT_ASSERT((membersOf(rooms, "/", "user:7") == std::vector<int>{1}));
        CPPUNIT_ASSERT((membersOf(rooms, "/custom", "user:7") == std::vector<int>{2}));
        rooms.leave("/", "user:7", socketNo(2)); // not in that namespace's room
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rooms.size("/custom", "user:7"));
        std::size_t visited = 0;
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rooms.forEach("/", "user:8", [&visited](SocketIoSocket&) { ++visited; }));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), visited);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RoomIndexTest);

} // namespace motel::realtime
