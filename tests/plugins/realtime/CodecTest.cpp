// The wire codecs of the realtime plugin: JSON as JavaScript writes it,
// Engine.IO packets and polling payloads, Socket.IO packets with binary
// attachments (the cases of the official test suites among them).
#include "engine/EnginePacket.h"
#include "engine/PollingPayload.h"
#include "json/JsonText.h"
#include "socketio/SocketPacket.h"
#include "socketio/SocketPacketDecoder.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::realtime {

class CodecTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CodecTest);
    CPPUNIT_TEST(jsonRoundTripKeepsKeyOrderAndText);
    CPPUNIT_TEST(jsonEscapesLikeJavaScript);
    CPPUNIT_TEST(jsonRejectsGarbage);
    CPPUNIT_TEST(enginePacketsEncodeBothForms);
    CPPUNIT_TEST(enginePacketRejectsUnknownType);
    CPPUNIT_TEST(pollingPayloadSplitsTextAndBinary);
    CPPUNIT_TEST(pollingPayloadRejectsBadBodies);
    CPPUNIT_TEST(socketPacketsDecodeNamespaceIdAndData);
    CPPUNIT_TEST(socketPacketsRejectMalformedInput);
    CPPUNIT_TEST(binaryEventIsReassembledFromAttachments);
    CPPUNIT_TEST(unexpectedBinaryIsMalformed);
    CPPUNIT_TEST(socketPacketsEncodeAsTheOfficialParser);
    CPPUNIT_TEST_SUITE_END();

public:
    void jsonRoundTripKeepsKeyOrderAndText() {
        for (const std::string text : {R"({"z":1,"a":[true,false,null],"m":{"3":[true]}})", R"([1,"2",{"3":[false]}])",
                                       R"({"n":-12,"f":1.5,"big":12345678901234,"s":"é ✓"})", R"("plain")", "42"}) {
            CPPUNIT_ASSERT_EQUAL(text, JsonText::write(JsonText::parse(text)));
        }
    }

    void jsonEscapesLikeJavaScript() {
        std::string out;
        JsonText::writeString("a/b \"q\" \\ \n\t\x01", out);
        CPPUNIT_ASSERT_EQUAL(std::string(R"("a/b \"q\" \\ \n\t\u0001")"), out);
    }

    void jsonRejectsGarbage() {
        CPPUNIT_ASSERT_THROW(JsonText::parse("{"), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(JsonText::parse("abc[1]"), std::invalid_argument);
    }

    void enginePacketsEncodeBothForms() {
        const auto message = EnginePacket::text(EnginePacket::Type::message, "hello");
        CPPUNIT_ASSERT_EQUAL(std::string("4hello"), message.encodeForWebSocket());
        CPPUNIT_ASSERT_EQUAL(std::string("4hello"), message.encodeForPolling());
        const auto binary = EnginePacket::bytes(std::string("\x01\x02\x03\x04", 4));
        CPPUNIT_ASSERT_EQUAL(std::string("bAQIDBA=="), binary.encodeForPolling());
        CPPUNIT_ASSERT_EQUAL(std::string("\x01\x02\x03\x04", 4), binary.encodeForWebSocket());
        CPPUNIT_ASSERT(EnginePacket::decodeText("2probe") == EnginePacket::text(EnginePacket::Type::ping, "probe"));
    }

    void enginePacketRejectsUnknownType() {
        CPPUNIT_ASSERT_THROW(EnginePacket::decodeText("abc"), MalformedPacket);
        CPPUNIT_ASSERT_THROW(EnginePacket::decodeText(""), MalformedPacket);
        CPPUNIT_ASSERT_THROW(EnginePacket::decodeText("7"), MalformedPacket);
    }

    void pollingPayloadSplitsTextAndBinary() {
        const auto packets = PollingPayload::decode("4hello\x1e"
                                                    "bAQIDBA==\x1e"
                                                    "3");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), packets.size());
        CPPUNIT_ASSERT(packets[0] == EnginePacket::text(EnginePacket::Type::message, "hello"));
        CPPUNIT_ASSERT(packets[1] == EnginePacket::bytes(std::string("\x01\x02\x03\x04", 4)));
        CPPUNIT_ASSERT(packets[2] == EnginePacket::text(EnginePacket::Type::pong));
        CPPUNIT_ASSERT_EQUAL(std::string("4test1\x1e"
                                         "4test2"),
                             PollingPayload::join({"4test1", "4test2"}));
    }

    void pollingPayloadRejectsBadBodies() {
        CPPUNIT_ASSERT_THROW(PollingPayload::decode(""), MalformedPacket);
        CPPUNIT_ASSERT_THROW(PollingPayload::decode("abc"), MalformedPacket);
        CPPUNIT_ASSERT_THROW(PollingPayload::decode("4ok\x1e"), MalformedPacket);
        CPPUNIT_ASSERT_THROW(PollingPayload::decode("b!!!"), MalformedPacket);
    }

    void socketPacketsDecodeNamespaceIdAndData() {
        std::size_t attachments = 0;
        auto connect = SocketPacketDecoder::decodeText("0/custom,{\"token\":\"abc\"}", attachments);
        CPPUNIT_ASSERT(connect.type == SocketPacket::Type::connect);
        CPPUNIT_ASSERT_EQUAL(std::string("/custom"), connect.nsp);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"token":"abc"})"), JsonText::write(*connect.data));

        auto bare = SocketPacketDecoder::decodeText("0/custom", attachments);
        CPPUNIT_ASSERT_EQUAL(std::string("/custom"), bare.nsp);
        CPPUNIT_ASSERT(!bare.data);

        auto event = SocketPacketDecoder::decodeText(R"(2456["message-with-ack",1,"2",{"3":[false]}])", attachments);
        CPPUNIT_ASSERT_EQUAL(std::string("/"), event.nsp);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(456), *event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("message-with-ack"), event.eventName());
        CPPUNIT_ASSERT_EQUAL(std::string(R"(1,"2",{"3":[false]})"), event.argumentsJson(1));
    }

    void socketPacketsRejectMalformedInput() {
        std::size_t attachments = 0;
        for (const std::string bad : {"abc", "2{}", R"(2abc["message-with-ack",1])", "0[1]", "1{}", "2[]",
                                      R"(2["connect"])", "5x-[\"a\"]", "3{}", "2[\"a\"]trailing", ""}) {
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, SocketPacketDecoder::decodeText(bad, attachments), MalformedPacket);
        }
    }

    void binaryEventIsReassembledFromAttachments() {
        SocketPacketDecoder decoder;
        CPPUNIT_ASSERT(!decoder.addText(
            R"(52-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"));
        CPPUNIT_ASSERT(decoder.awaitingAttachments());
        CPPUNIT_ASSERT(!decoder.addBinary("\x01\x02\x03"));
        auto packet = decoder.addBinary("\x04\x05\x06");
        CPPUNIT_ASSERT(packet);
        CPPUNIT_ASSERT(packet->type == SocketPacket::Type::binaryEvent);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), packet->attachments.size());
        CPPUNIT_ASSERT_EQUAL(std::string("\x04\x05\x06"), packet->attachments[1]);
        // An ack answering with the same arguments is a BINARY_ACK with the same placeholders.
        CPPUNIT_ASSERT_EQUAL(std::string(R"(62-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"),
                             SocketPacket::encodeWith(SocketPacket::Type::ack, "/", packet->id,
                                                      "[" + packet->argumentsJson(1) + "]",
                                                      packet->attachments.size()));
        CPPUNIT_ASSERT(!decoder.awaitingAttachments());
    }

    void unexpectedBinaryIsMalformed() {
        SocketPacketDecoder decoder;
        CPPUNIT_ASSERT_THROW(decoder.addBinary("x"), MalformedPacket);
        decoder.addText(R"(51-["a",{"_placeholder":true,"num":0}])");
        CPPUNIT_ASSERT_THROW(decoder.addText("2[\"b\"]"), MalformedPacket);
    }

    void socketPacketsEncodeAsTheOfficialParser() {
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"(0/custom,{"sid":"x"})"),
            SocketPacket::encodeWith(SocketPacket::Type::connect, "/custom", std::nullopt, R"({"sid":"x"})"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(4/random,{"message":"Invalid namespace"})"),
                             SocketPacket::encodeWith(SocketPacket::Type::connectError, "/random", std::nullopt,
                                                      R"({"message":"Invalid namespace"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"),
                             SocketPacket::encodeWith(SocketPacket::Type::disconnect, "/", std::nullopt, ""));
        SocketPacket event;
        event.type = SocketPacket::Type::event;
        event.id = 12;
        Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
        data->add("hi");
        event.data = Poco::Dynamic::Var(data);
        CPPUNIT_ASSERT_EQUAL(std::string(R"(212["hi"])"), event.encode());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CodecTest);

} // namespace motel::realtime
