// TokenService: what gets a caller in and, above all, what does not.
#include "TokenService.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

using motel::auth::TokenService;

namespace {

const std::string kSecret(64, 'k');

std::string base64Url(const std::string& data) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder << data;
    encoder.close();
    return out.str();
}

std::vector<std::string> segments(const std::string& jwt) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto dot = jwt.find('.', start);
        parts.push_back(jwt.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return parts;
}

/// A token with our claims, signed by Poco with `algorithm` and `secret`.
std::string pocoToken(const std::string& algorithm, const std::string& secret, bool withExpiry = true) {
    Poco::JWT::Token token;
    token.setType("JWT");
    token.setSubject("42");
    token.payload().set("role", std::string("admin"));
    token.setIssuedAt(Poco::Timestamp());
    if (withExpiry) token.setExpiration(Poco::Timestamp() + Poco::Timespan(3600, 0));
    Poco::JWT::Signer signer(secret);
    return signer.sign(token, algorithm);
}

} // namespace

class TokenServiceTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TokenServiceTest);
    CPPUNIT_TEST(issuedTokenVerifiesWithItsClaims);
    CPPUNIT_TEST(tokenIsHs256WithStandardClaims);
    CPPUNIT_TEST(tokenVersionIsAnIntegerClaim);
    CPPUNIT_TEST(algNoneIsRejected);
    CPPUNIT_TEST(otherHmacAlgorithmsAreRejected);
    CPPUNIT_TEST(rs256TokenIsRejected);
    CPPUNIT_TEST(headerClaimingRs256WithHmacSignatureIsRejected);
    CPPUNIT_TEST(signatureFromAnotherSecretIsRejected);
    CPPUNIT_TEST(tamperedPayloadIsRejected);
    CPPUNIT_TEST(tamperedSignatureIsRejected);
    CPPUNIT_TEST(nonCanonicalSignatureEncodingIsRejected);
    CPPUNIT_TEST(expiredTokenIsRejected);
    CPPUNIT_TEST(tokenWithoutExpiryIsRejected);
    CPPUNIT_TEST(malformedTokensAreRejected);
    CPPUNIT_TEST(secretChangeInvalidatesTokens);
    CPPUNIT_TEST(previousSecretStillVerifiesButNeverSigns);
    CPPUNIT_TEST(concurrentUseIsSafe);
    CPPUNIT_TEST(everyTokenHasItsOwnId);
    CPPUNIT_TEST(futureIssuedAtOrNotBeforeIsRejected);
    CPPUNIT_TEST(tokenIdClaimMustBeShortBase64Url);
    CPPUNIT_TEST(issuedTokensCarryTheHeaderVerifiedWithoutParsing);
    CPPUNIT_TEST(aRememberedTokenStillExpiresAndStillWaitsForItsTime);
    CPPUNIT_TEST(aRememberedTokenDoesNotPassWithAnotherSignature);
    CPPUNIT_TEST(rememberedTokensAreBounded);
    CPPUNIT_TEST_SUITE_END();

public:
    void issuedTokenVerifiesWithItsClaims() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        const Poco::Timestamp now;
        const auto claims = tokens.verify(tokens.issue(42, "manager", 3, now), now);
        CPPUNIT_ASSERT(claims.has_value());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(42), claims->userId);
        CPPUNIT_ASSERT_EQUAL(std::string("manager"), claims->role);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(now.epochTime()), claims->issuedAt);
        CPPUNIT_ASSERT_EQUAL(claims->issuedAt + 3600, claims->expiresAt);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), claims->tokenVersion);
    }

    void tokenVersionIsAnIntegerClaim() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        Poco::JWT::Token token(tokens.issue(7, "staff", 12));
        CPPUNIT_ASSERT(token.payload().get("ver").isInteger());
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(12), token.payload().getValue<Poco::Int64>("ver"));
        // A token issued before `ver` existed counts as version 0 (every user starts there).
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), tokens.verify(pocoToken("HS256", kSecret))->tokenVersion);
        // A signed token with a `ver` that is not an integer is not one of ours.
        Poco::JWT::Token odd;
        odd.setSubject("42");
        odd.payload().set("role", std::string("admin"));
        odd.payload().set("ver", std::string("1"));
        odd.payload().set("iat", Poco::Int64(Poco::Timestamp().epochTime()));
        odd.payload().set("exp", Poco::Int64(Poco::Timestamp().epochTime() + 3600));
        Poco::JWT::Signer signer(kSecret);
        CPPUNIT_ASSERT(!tokens.verify(signer.sign(odd, "HS256")).has_value());
    }

    void tokenIsHs256WithStandardClaims() {
        TokenService tokens(kSecret, std::chrono::seconds(60));
        const std::string jwt = tokens.issue(7, "staff");
        const auto parts = segments(jwt);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), parts.size());
        Poco::JWT::Token token(jwt);
        CPPUNIT_ASSERT_EQUAL(std::string("HS256"), token.getAlgorithm());
        CPPUNIT_ASSERT_EQUAL(std::string("7"), token.getSubject());
        CPPUNIT_ASSERT(token.payload().get("sub").isString());
        CPPUNIT_ASSERT_EQUAL(std::string("staff"), token.payload().getValue<std::string>("role"));
        CPPUNIT_ASSERT(token.payload().get("iat").isInteger());
        CPPUNIT_ASSERT(token.payload().get("exp").isInteger());
        CPPUNIT_ASSERT_EQUAL(token.payload().getValue<Poco::Int64>("iat") + 60,
                             token.payload().getValue<Poco::Int64>("exp"));
    }

    void algNoneIsRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        const auto valid = segments(tokens.issue(1, "admin"));
        const std::string noneHeader = base64Url(R"({"alg":"none","typ":"JWT"})");
        // Unsigned, with an empty signature, and with the valid HS256 signature kept.
        CPPUNIT_ASSERT(!tokens.verify(noneHeader + "." + valid[1] + ".").has_value());
        CPPUNIT_ASSERT(!tokens.verify(noneHeader + "." + valid[1]).has_value());
        CPPUNIT_ASSERT(!tokens.verify(noneHeader + "." + valid[1] + "." + valid[2]).has_value());
        const std::string noneUpper = base64Url(R"({"alg":"None","typ":"JWT"})");
        CPPUNIT_ASSERT(!tokens.verify(noneUpper + "." + valid[1] + ".").has_value());
    }

    void otherHmacAlgorithmsAreRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        CPPUNIT_ASSERT(tokens.verify(pocoToken("HS256", kSecret)).has_value()); // the control
        CPPUNIT_ASSERT(!tokens.verify(pocoToken("HS384", kSecret)).has_value());
        CPPUNIT_ASSERT(!tokens.verify(pocoToken("HS512", kSecret)).has_value());
    }

    void rs256TokenIsRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        Poco::SharedPtr<Poco::Crypto::RSAKey> key(
            new Poco::Crypto::RSAKey(Poco::Crypto::RSAKey::KL_2048, Poco::Crypto::RSAKey::EXP_LARGE));
        Poco::JWT::Token token;
        token.setSubject("42");
        token.payload().set("role", std::string("admin"));
        token.setIssuedAt(Poco::Timestamp());
        token.setExpiration(Poco::Timestamp() + Poco::Timespan(3600, 0));
        Poco::JWT::Signer signer(key);
        const std::string jwt = signer.sign(token, "RS256");
        CPPUNIT_ASSERT(!tokens.verify(jwt).has_value());
    }

    void headerClaimingRs256WithHmacSignatureIsRejected() {
        // Key confusion: a header naming RS256 whose signature is an HMAC with our secret.
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        const auto valid = segments(tokens.issue(1, "admin"));
        const std::string rsHeader = base64Url(R"({"alg":"RS256","typ":"JWT"})");
        CPPUNIT_ASSERT(!tokens.verify(rsHeader + "." + valid[1] + "." + valid[2]).has_value());
    }

    void signatureFromAnotherSecretIsRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        CPPUNIT_ASSERT(!tokens.verify(pocoToken("HS256", std::string(64, 'x'))).has_value());
    }

    void tamperedPayloadIsRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        const auto parts = segments(tokens.issue(5, "staff"));
        const std::string forged = base64Url(R"({"sub":"5","role":"admin","iat":1700000000,"exp":4102444800})");
        CPPUNIT_ASSERT(!tokens.verify(parts[0] + "." + forged + "." + parts[2]).has_value());
        const std::string otherUser = base64Url(R"({"sub":"1","role":"staff","iat":1700000000,"exp":4102444800})");
        CPPUNIT_ASSERT(!tokens.verify(parts[0] + "." + otherUser + "." + parts[2]).has_value());
    }

    void tamperedSignatureIsRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        std::string jwt = tokens.issue(5, "staff");
        const std::size_t middle = jwt.rfind('.') + 5;
        jwt[middle] = jwt[middle] == 'A' ? 'B' : 'A';
        CPPUNIT_ASSERT(!tokens.verify(jwt).has_value());
    }

    void nonCanonicalSignatureEncodingIsRejected() {
        // 32 signature bytes take 43 base64url characters; the last one carries
        // 2 unused bits. Setting them must not yield a second valid spelling.
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        std::string jwt = tokens.issue(5, "staff");
        const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const auto index = alphabet.find(jwt.back());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), index % 4);
        jwt.back() = alphabet[index + 1];
        CPPUNIT_ASSERT(!tokens.verify(jwt).has_value());
        // And trailing padding is not part of the format either.
        CPPUNIT_ASSERT(!tokens.verify(tokens.issue(5, "staff") + "=").has_value());
    }

    void expiredTokenIsRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(60));
        const Poco::Timestamp now;
        const Poco::Timestamp longAgo = now - Poco::Timespan(61, 0);
        CPPUNIT_ASSERT(!tokens.verify(tokens.issue(5, "staff", 0, longAgo), now).has_value());
        // Exactly at `exp` it is already expired.
        const Poco::Timestamp atExpiry = now - Poco::Timespan(60, 0);
        CPPUNIT_ASSERT(!tokens.verify(tokens.issue(5, "staff", 0, atExpiry), now).has_value());
        CPPUNIT_ASSERT(tokens.verify(tokens.issue(5, "staff", 0, now - Poco::Timespan(59, 0)), now).has_value());
    }

    void everyTokenHasItsOwnId() {
        TokenService tokens(kSecret, std::chrono::seconds(60));
        const Poco::Timestamp now;
        // Same user, role, version and second: still two tokens, two ids (logout revokes one).
        const std::string first = tokens.issue(5, "staff", 0, now);
        const std::string second = tokens.issue(5, "staff", 0, now);
        CPPUNIT_ASSERT(first != second);
        const auto a = tokens.verify(first, now);
        const auto b = tokens.verify(second, now);
        CPPUNIT_ASSERT_EQUAL(std::size_t(22), a->tokenId.size());
        CPPUNIT_ASSERT(a->tokenId != b->tokenId);
        CPPUNIT_ASSERT_EQUAL(Poco::JWT::Token(first).payload().getValue<std::string>("jti"), a->tokenId);
        // A token from before `jti` existed is known by its signature.
        const std::string old = pocoToken("HS256", kSecret);
        CPPUNIT_ASSERT_EQUAL(segments(old)[2], tokens.verify(old)->tokenId);
    }

    void futureIssuedAtOrNotBeforeIsRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        const Poco::Timestamp now;
        auto signedWith = [](Poco::Int64 iat, std::optional<Poco::Int64> nbf) {
            Poco::JWT::Token token;
            token.setSubject("42");
            token.payload().set("role", std::string("admin"));
            token.payload().set("iat", iat);
            token.payload().set("exp", iat + 7200);
            if (nbf) token.payload().set("nbf", *nbf);
            return Poco::JWT::Signer(kSecret).sign(token, "HS256");
        };
        const Poco::Int64 t = now.epochTime();
        CPPUNIT_ASSERT(tokens.verify(signedWith(t, std::nullopt), now).has_value());
        CPPUNIT_ASSERT_MESSAGE("a few seconds of clock skew pass",
                               tokens.verify(signedWith(t + TokenService::kClockSkewSeconds, t + 3), now));
        CPPUNIT_ASSERT_MESSAGE("iat in the future",
                               !tokens.verify(signedWith(t + TokenService::kClockSkewSeconds + 1, std::nullopt), now));
        CPPUNIT_ASSERT_MESSAGE("iat an hour ahead", !tokens.verify(signedWith(t + 3600, std::nullopt), now));
        CPPUNIT_ASSERT_MESSAGE("nbf in the future", !tokens.verify(signedWith(t, t + 600), now));
        CPPUNIT_ASSERT(tokens.verify(signedWith(t, t - 10), now).has_value());
        // An nbf that is not a number is not a token of ours.
        Poco::JWT::Token odd;
        odd.setSubject("42");
        odd.payload().set("role", std::string("admin"));
        odd.payload().set("iat", t);
        odd.payload().set("exp", t + 60);
        odd.payload().set("nbf", std::string("soon"));
        CPPUNIT_ASSERT(!tokens.verify(Poco::JWT::Signer(kSecret).sign(odd, "HS256"), now).has_value());
    }

    void tokenIdClaimMustBeShortBase64Url() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        auto withId = [](const Poco::Dynamic::Var& jti) {
            Poco::JWT::Token token;
            token.setSubject("42");
            token.payload().set("role", std::string("admin"));
            token.payload().set("iat", Poco::Int64(Poco::Timestamp().epochTime()));
            token.payload().set("exp", Poco::Int64(Poco::Timestamp().epochTime() + 60));
            token.payload().set("jti", jti);
            return Poco::JWT::Signer(kSecret).sign(token, "HS256");
        };
        CPPUNIT_ASSERT_EQUAL(std::string("abc_DEF-1"), tokens.verify(withId(std::string("abc_DEF-1")))->tokenId);
        CPPUNIT_ASSERT(!tokens.verify(withId(std::string(""))).has_value());
        CPPUNIT_ASSERT(!tokens.verify(withId(std::string(65, 'a'))).has_value());
        CPPUNIT_ASSERT(!tokens.verify(withId(std::string("a b"))).has_value());
        CPPUNIT_ASSERT(!tokens.verify(withId(Poco::Int64(7))).has_value());
    }

    void tokenWithoutExpiryIsRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(60));
        CPPUNIT_ASSERT(!tokens.verify(pocoToken("HS256", kSecret, false)).has_value());
    }

    void malformedTokensAreRejected() {
        TokenService tokens(kSecret, std::chrono::seconds(60));
        const std::string valid = tokens.issue(5, "staff");
        for (const std::string& bad :
             {std::string(), std::string("abc"), std::string("a.b"), std::string("a.b.c"), std::string(".."),
              valid + ".extra", std::string("Bearer ") + valid, std::string(5000, 'a'),
              base64Url("not json") + "." + segments(valid)[1] + "." + segments(valid)[2]})
            CPPUNIT_ASSERT_MESSAGE(bad.substr(0, 40), !tokens.verify(bad).has_value());
    }

    void secretChangeInvalidatesTokens() {
        TokenService before(kSecret, std::chrono::seconds(3600));
        TokenService after(std::string(64, 'n'), std::chrono::seconds(3600));
        const std::string jwt = before.issue(9, "admin");
        CPPUNIT_ASSERT(before.verify(jwt).has_value());
        CPPUNIT_ASSERT(!after.verify(jwt).has_value());
    }

    void previousSecretStillVerifiesButNeverSigns() {
        const std::string oldSecret = kSecret;
        const std::string newSecret(64, 'n');
        TokenService before(oldSecret, std::chrono::seconds(3600));
        TokenService rotating(newSecret, std::chrono::seconds(3600), oldSecret);
        TokenService after(newSecret, std::chrono::seconds(3600));

        const auto claims = rotating.verify(before.issue(9, "staff", 2));
        CPPUNIT_ASSERT(claims.has_value());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(9), claims->userId);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), claims->tokenVersion);

        const std::string fresh = rotating.issue(9, "staff");
        CPPUNIT_ASSERT(after.verify(fresh).has_value());   // signed with the new secret
        CPPUNIT_ASSERT(!before.verify(fresh).has_value()); // not with the old one
        CPPUNIT_ASSERT(!TokenService(std::string(64, 'x'), std::chrono::seconds(3600), oldSecret)
                            .verify(pocoToken("HS256", std::string(64, 'y')))
                            .has_value());
        CPPUNIT_ASSERT(!rotating.verify(pocoToken("HS512", oldSecret)).has_value());
    }

    void concurrentUseIsSafe() {
        // Requests verify tokens on many threads at once (this once crashed
        // inside Poco's OpenSSL set-up and tear-down).
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        std::atomic<int> accepted{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&tokens, &accepted, t] {
                for (int i = 0; i < 500; ++i) {
                    const auto claims = tokens.verify(tokens.issue(t + 1, "staff", i));
                    if (claims && claims->userId == t + 1 && claims->tokenVersion == i) ++accepted;
                }
            });
        for (auto& thread : threads) thread.join();
        CPPUNIT_ASSERT_EQUAL(8 * 500, accepted.load());
    }

    // verify() skips the JSON parse for exactly the header issue() writes.
    void issuedTokensCarryTheHeaderVerifiedWithoutParsing() {
        TokenService tokens(kSecret, std::chrono::seconds(60));
        const auto header = segments(tokens.issue(5, "staff")).front();
        CPPUNIT_ASSERT_EQUAL(base64Url(R"({"alg":"HS256","typ":"JWT"})"), header);
    }

    // A token that verified once is remembered without its time checks: the
    // next verify still refuses it once expired, and not yet valid stays so.
    void aRememberedTokenStillExpiresAndStillWaitsForItsTime() {
        TokenService tokens(kSecret, std::chrono::seconds(60));
        const Poco::Timestamp now;
        const std::string jwt = tokens.issue(5, "staff", 0, now);
        CPPUNIT_ASSERT(tokens.verify(jwt, now).has_value());
        CPPUNIT_ASSERT(tokens.verify(jwt, now + Poco::Timespan(59, 0)).has_value());
        CPPUNIT_ASSERT(!tokens.verify(jwt, now + Poco::Timespan(60, 0)).has_value());
        CPPUNIT_ASSERT(!tokens.verify(jwt, now - Poco::Timespan(TokenService::kClockSkewSeconds + 1, 0)).has_value());
        const auto claims = tokens.verify(jwt, now);
        CPPUNIT_ASSERT(claims.has_value());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), claims->userId);
        CPPUNIT_ASSERT_EQUAL(std::string("staff"), claims->role);

        Poco::JWT::Token later;
        later.setSubject("42");
        later.payload().set("role", std::string("admin"));
        later.payload().set("iat", now.epochTime());
        later.payload().set("exp", now.epochTime() + 7200);
        later.payload().set("nbf", now.epochTime() + 600);
        const std::string notYet = Poco::JWT::Signer(kSecret).sign(later, "HS256");
        CPPUNIT_ASSERT(!tokens.verify(notYet, now).has_value());
        CPPUNIT_ASSERT(tokens.verify(notYet, now + Poco::Timespan(600, 0)).has_value());
        CPPUNIT_ASSERT(!tokens.verify(notYet, now).has_value());
    }

    void aRememberedTokenDoesNotPassWithAnotherSignature() {
        TokenService tokens(kSecret, std::chrono::seconds(3600));
        const std::string jwt = tokens.issue(5, "staff");
        CPPUNIT_ASSERT(tokens.verify(jwt).has_value());
        std::string forged = jwt;
        const std::size_t middle = forged.rfind('.') + 5;
        forged[middle] = forged[middle] == 'A' ? 'B' : 'A';
        CPPUNIT_ASSERT(!tokens.verify(forged).has_value());
        CPPUNIT_ASSERT(tokens.verify(jwt).has_value());
        // The same claims under another service's secret are not this service's token.
        TokenService other(std::string(64, 'o'), std::chrono::seconds(3600));
        CPPUNIT_ASSERT(!other.verify(jwt).has_value());
    }

    void rememberedTokensAreBounded() {
        motel::auth::VerifiedTokens remembered(3);
        motel::auth::VerifiedToken token;
        for (int i = 0; i < 10; ++i) remembered.remember("token-" + std::to_string(i), token);
        CPPUNIT_ASSERT(remembered.size() <= 3);
        CPPUNIT_ASSERT(remembered.find("token-9").has_value());
        CPPUNIT_ASSERT(!remembered.find("token-0").has_value());
        motel::auth::VerifiedTokens none(0);
        none.remember("token", token);
        CPPUNIT_ASSERT(!none.find("token").has_value());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TokenServiceTest);
