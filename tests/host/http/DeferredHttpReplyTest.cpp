// DeferredHttpReply on its own: one answer, close callbacks once, and the
// 500 that follows a reply dropped without an answer.
#include "http/DeferredHttpReply.h"

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <stdexcept>
#include <vector>

using motel::host::DeferredHttpReply;

namespace {

/// Collects what a reply delivers to its connection.
struct Delivered {
    std::vector<motel::sdk::Response> answers;
    std::shared_ptr<DeferredHttpReply> makeReply() {
        return std::make_shared<DeferredHttpReply>([this](motel::sdk::Response r) { answers.push_back(std::move(r)); });
    }
};

motel::sdk::Response textAnswer(const std::string& body) {
    motel::sdk::Response response;
    response.text(200, "text/plain", body);
    return response;
}

} // namespace

class DeferredHttpReplyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DeferredHttpReplyTest);
    CPPUNIT_TEST(deliversOnlyTheFirstAnswer);
    CPPUNIT_TEST(runsCloseCallbacksOnceWhenClosedUnanswered);
    CPPUNIT_TEST(runsALateCloseCallbackAtOnce);
    CPPUNIT_TEST(skipsCloseCallbacksOnceAnswered);
    CPPUNIT_TEST(dropsAnswersAfterClose);
    CPPUNIT_TEST(answers500WhenTheLastHandleGoesUnanswered);
    CPPUNIT_TEST(staysQuietWhenTheLastHandleGoesAfterAnAnswer);
    CPPUNIT_TEST(withdrawsOnlyAnUnansweredOpenReply);
    CPPUNIT_TEST(survivesThrowingCallbacks);
    CPPUNIT_TEST_SUITE_END();

public:
    void deliversOnlyTheFirstAnswer() {
        Delivered delivered;
        auto reply = delivered.makeReply();
        reply->send(textAnswer("first"));
        reply->send(textAnswer("second"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), delivered.answers.size());
        CPPUNIT_ASSERT_EQUAL(std::string("first"), delivered.answers.front().body);
        CPPUNIT_ASSERT(!reply->closed());
    }

    void runsCloseCallbacksOnceWhenClosedUnanswered() {
        Delivered delivered;
        auto reply = delivered.makeReply();
        int calls = 0;
        reply->onClose([&calls] { ++calls; });
        reply->onClose([&calls] { calls += 10; });
        reply->close();
        reply->close();
        CPPUNIT_ASSERT_EQUAL(11, calls);
        CPPUNIT_ASSERT(reply->closed());
    }

    void runsALateCloseCallbackAtOnce() {
        Delivered delivered;
        auto reply = delivered.makeReply();
        reply->close();
        bool ran = false;
        reply->onClose([&ran] { ran = true; });
        CPPUNIT_ASSERT(ran);
    }

    void skipsCloseCallbacksOnceAnswered() {
        Delivered delivered;
        auto reply = delivered.makeReply();
        bool ran = false;
        reply->onClose([&ran] { ran = true; });
        reply->send(textAnswer("done"));
        reply->close(); // the connection went away before writing it
        CPPUNIT_ASSERT(!ran);
        CPPUNIT_ASSERT(reply->closed());
    }

    void dropsAnswersAfterClose() {
        Delivered delivered;
        auto reply = delivered.makeReply();
        reply->close();
        reply->send(textAnswer("too late"));
        CPPUNIT_ASSERT(delivered.answers.empty());
    }

    void answers500WhenTheLastHandleGoesUnanswered() {
        Delivered delivered;
        auto handle = DeferredHttpReply::handOut(delivered.makeReply());
        auto copy = handle;
        handle.reset();
        CPPUNIT_ASSERT(delivered.answers.empty()); // a copy is still out there
        copy.reset();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), delivered.answers.size());
        CPPUNIT_ASSERT_EQUAL(500, delivered.answers.front().status);
    }

    void staysQuietWhenTheLastHandleGoesAfterAnAnswer() {
        Delivered delivered;
        auto handle = DeferredHttpReply::handOut(delivered.makeReply());
        handle->send(textAnswer("ok"));
        handle.reset();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), delivered.answers.size());
        CPPUNIT_ASSERT_EQUAL(200, delivered.answers.front().status);

        auto closedHandle = DeferredHttpReply::handOut(delivered.makeReply());
        static_cast<DeferredHttpReply&>(*closedHandle).close();
        closedHandle.reset();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), delivered.answers.size());
    }

    void withdrawsOnlyAnUnansweredOpenReply() {
        Delivered delivered;
        auto open = delivered.makeReply();
        CPPUNIT_ASSERT(open->withdraw());
        open->send(textAnswer("ignored"));
        CPPUNIT_ASSERT(delivered.answers.empty());
        auto answered = delivered.makeReply();
        answered->send(textAnswer("kept"));
        CPPUNIT_ASSERT(!answered->withdraw());
        auto closed = delivered.makeReply();
        closed->close();
        CPPUNIT_ASSERT(!closed->withdraw());
    }

    void survivesThrowingCallbacks() {
        Delivered delivered;
        auto reply = delivered.makeReply();
        bool secondRan = false;
        reply->onClose([] { throw std::runtime_error("plugin bug"); });
        reply->onClose([&secondRan] { secondRan = true; });
        reply->close();
        CPPUNIT_ASSERT(secondRan);
        auto throwing =
            std::make_shared<DeferredHttpReply>([](motel::sdk::Response) { throw std::runtime_error("x"); });
        throwing->send(textAnswer("x")); // logged, not thrown at the plugin
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DeferredHttpReplyTest);
