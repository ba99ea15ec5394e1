// AuthConfig: the secret policy and the settings the plugin reads at start.
#include "AuthConfig.h"

#include <cppunit/extensions/HelperMacros.h>

#include <map>

using motel::auth::AuthConfig;
using motel::sdk::ConfigError;
using motel::sdk::Settings;

namespace {

const std::string kGoodSecret(64, 's');

Settings hostSettings(std::map<std::string, std::string> values) {
    return Settings("", std::move(values));
}

AuthConfig::Environment environment(std::map<std::string, std::string> values = {}) {
    return [values](const std::string& name) {
        auto it = values.find(name);
        return it == values.end() ? std::string() : it->second;
    };
}

const Settings kNoPluginSettings("plugins.auth.", {});

/// The message of the ConfigError `fn` throws.
template <class Fn> std::string configErrorOf(Fn fn) {
    try {
        fn();
    } catch (const ConfigError& error) {
        return error.what();
    }
    CPPUNIT_FAIL("expected a ConfigError");
    return {};
}

} // namespace

class AuthConfigTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AuthConfigTest);
    CPPUNIT_TEST(productionRefusesMissingSecret);
    CPPUNIT_TEST(readListsEveryProblemAtOnce);
    CPPUNIT_TEST(productionRefusesShortSecret);
    CPPUNIT_TEST(productionRefusesExampleSecret);
    CPPUNIT_TEST(productionAcceptsLongSecret);
    CPPUNIT_TEST(developmentGeneratesSecretWithWarning);
    CPPUNIT_TEST(developmentWarnsAboutWeakSecret);
    CPPUNIT_TEST(secretFallsBackToEnvironment);
    CPPUNIT_TEST(previousSecretIsReadAndChecked);
    CPPUNIT_TEST(lifetimeAcceptsUnitsAndSeconds);
    CPPUNIT_TEST(lifetimeFallsBackToEnvironment);
    CPPUNIT_TEST(badLifetimeStopsTheHost);
    CPPUNIT_TEST(loginThrottleDefaultsAndOverrides);
    CPPUNIT_TEST(auditRetentionDefaultsToNinetyDays);
    CPPUNIT_TEST(userCacheTtlDefaultsToFiveSeconds);
    CPPUNIT_TEST(firstAdminComesFromEnvironment);
    CPPUNIT_TEST_SUITE_END();

public:
    void readListsEveryProblemAtOnce() {
        const Settings plugin("plugins.auth.", {{"passwordHashStrength", "extreme"}, {"revocationChannel", ""}});
        const auto config = AuthConfig::read(hostSettings({{"jwt.previousSecret", "short"}}), plugin, true,
                                             environment({{"JWT_EXPIRES_IN", "soon"}}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), config.errors.size());
        for (const char* key :
             {"jwt.secret", "jwt.previousSecret", "JWT_EXPIRES_IN", "passwordHashStrength", "revocationChannel"}) {
            bool named = false;
            for (const auto& error : config.errors) named = named || error.find(key) != std::string::npos;
            CPPUNIT_ASSERT_MESSAGE(key, named);
        }
        // load() refuses with all of them in one message.
        const auto message = configErrorOf([&] {
            AuthConfig::load(hostSettings({{"jwt.previousSecret", "short"}}), plugin, true,
                             environment({{"JWT_EXPIRES_IN", "soon"}}));
        });
        CPPUNIT_ASSERT(message.find("passwordHashStrength") != std::string::npos);
        CPPUNIT_ASSERT(message.find("jwt.secret") != std::string::npos);
    }

    void productionRefusesMissingSecret() {
        const auto message =
            configErrorOf([] { AuthConfig::load(hostSettings({}), kNoPluginSettings, true, environment()); });
        CPPUNIT_ASSERT(message.find("jwt.secret") != std::string::npos);
    }

    void productionRefusesShortSecret() {
        const auto message = configErrorOf([] {
            AuthConfig::load(hostSettings({{"jwt.secret", std::string(63, 'x')}}), kNoPluginSettings, true,
                             environment());
        });
        CPPUNIT_ASSERT(message.find("63") != std::string::npos);
        CPPUNIT_ASSERT(message.find("64") != std::string::npos);
    }

    void productionRefusesExampleSecret() {
        CPPUNIT_ASSERT_EQUAL(std::size_t(66), std::string(motel::auth::kExampleSecret).size());
        const auto message = configErrorOf([] {
            AuthConfig::load(hostSettings({{"jwt.secret", motel::auth::kExampleSecret}}), kNoPluginSettings, true,
                             environment());
        });
        CPPUNIT_ASSERT(message.find("example") != std::string::npos);
        // Not even through the environment.
        configErrorOf([] {
            AuthConfig::load(hostSettings({}), kNoPluginSettings, true,
                             environment({{"JWT_SECRET", motel::auth::kExampleSecret}}));
        });
    }

    void productionAcceptsLongSecret() {
        const auto config =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true, environment());
        CPPUNIT_ASSERT_EQUAL(kGoodSecret, config.jwtSecret);
        CPPUNIT_ASSERT(!config.secretGenerated);
        CPPUNIT_ASSERT(config.warnings.empty());
    }

    void developmentGeneratesSecretWithWarning() {
        const auto first = AuthConfig::load(hostSettings({}), kNoPluginSettings, false, environment());
        const auto second = AuthConfig::load(hostSettings({}), kNoPluginSettings, false, environment());
        CPPUNIT_ASSERT(first.secretGenerated);
        CPPUNIT_ASSERT(first.jwtSecret.size() >= 64);
        CPPUNIT_ASSERT(first.jwtSecret != second.jwtSecret);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), first.warnings.size());
        CPPUNIT_ASSERT(first.warnings[0].find("restart") != std::string::npos);
    }

    void developmentWarnsAboutWeakSecret() {
        const auto config =
            AuthConfig::load(hostSettings({{"jwt.secret", "short"}}), kNoPluginSettings, false, environment());
        CPPUNIT_ASSERT_EQUAL(std::string("short"), config.jwtSecret);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), config.warnings.size());
    }

    void secretFallsBackToEnvironment() {
        const auto config =
            AuthConfig::load(hostSettings({}), kNoPluginSettings, true, environment({{"JWT_SECRET", kGoodSecret}}));
        CPPUNIT_ASSERT_EQUAL(kGoodSecret, config.jwtSecret);
        const std::string other(70, 'o');
        const auto fromHost = AuthConfig::load(hostSettings({{"jwt.secret", other}}), kNoPluginSettings, true,
                                               environment({{"JWT_SECRET", kGoodSecret}}));
        CPPUNIT_ASSERT_EQUAL(other, fromHost.jwtSecret);
    }

    void previousSecretIsReadAndChecked() {
        const std::string previous(70, 'p');
        const auto none =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true, environment());
        CPPUNIT_ASSERT(none.previousJwtSecret.empty());
        const auto fromEnv = AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true,
                                              environment({{"JWT_PREVIOUS_SECRET", previous}}));
        CPPUNIT_ASSERT_EQUAL(previous, fromEnv.previousJwtSecret);
        const auto fromHost =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}, {"jwt.previousSecret", previous}}),
                             kNoPluginSettings, true, environment());
        CPPUNIT_ASSERT_EQUAL(previous, fromHost.previousJwtSecret);

        const std::string error = configErrorOf([] {
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}, {"jwt.previousSecret", "weakling"}}),
                             kNoPluginSettings, true, environment());
        });
        CPPUNIT_ASSERT(error.find("jwt.previousSecret") != std::string::npos);
        CPPUNIT_ASSERT(error.find("weakling") == std::string::npos); // never echoes a secret

        const auto same =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}, {"jwt.previousSecret", kGoodSecret}}),
                             kNoPluginSettings, true, environment());
        CPPUNIT_ASSERT(same.previousJwtSecret.empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), same.warnings.size());
    }

    void lifetimeAcceptsUnitsAndSeconds() {
        const std::map<std::string, long long> cases{
            {"1d", 86400}, {"12h", 43200}, {"30m", 1800}, {"45s", 45}, {"3600", 3600}};
        for (const auto& [text, seconds] : cases) {
            const auto config = AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}, {"jwt.expiresIn", text}}),
                                                 kNoPluginSettings, true, environment());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(text, seconds, static_cast<long long>(config.tokenLifetime.count()));
        }
        const auto byDefault =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true, environment());
        CPPUNIT_ASSERT_EQUAL(86400LL, static_cast<long long>(byDefault.tokenLifetime.count()));
    }

    void lifetimeFallsBackToEnvironment() {
        const auto config = AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true,
                                             environment({{"JWT_EXPIRES_IN", "12h"}}));
        CPPUNIT_ASSERT_EQUAL(43200LL, static_cast<long long>(config.tokenLifetime.count()));
    }

    void badLifetimeStopsTheHost() {
        for (const std::string bad : {"soon", "-5", "10x", "0", "500ms"}) {
            const auto message = configErrorOf([&] {
                AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}, {"jwt.expiresIn", bad}}), kNoPluginSettings,
                                 true, environment());
            });
            CPPUNIT_ASSERT_MESSAGE(bad + ": " + message, message.find("jwt.expiresIn") != std::string::npos);
        }
        const auto fromEnv = configErrorOf([] {
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true,
                             environment({{"JWT_EXPIRES_IN", "forever"}}));
        });
        CPPUNIT_ASSERT(fromEnv.find("JWT_EXPIRES_IN") != std::string::npos);
    }

    void loginThrottleDefaultsAndOverrides() {
        const auto defaults =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true, environment());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), defaults.loginMaxAttempts);
        CPPUNIT_ASSERT_EQUAL(60000LL, static_cast<long long>(defaults.loginWindow.count()));
        CPPUNIT_ASSERT(defaults.passwordStrength == motel::auth::PasswordStrength::interactive);

        const Settings plugin("plugins.auth.",
                              {{"loginMaxAttempts", "3"}, {"loginWindow", "5m"}, {"passwordHashStrength", "moderate"}});
        const auto custom = AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), plugin, true, environment());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), custom.loginMaxAttempts);
        CPPUNIT_ASSERT_EQUAL(300000LL, static_cast<long long>(custom.loginWindow.count()));
        CPPUNIT_ASSERT(custom.passwordStrength == motel::auth::PasswordStrength::moderate);

        const Settings bad("plugins.auth.", {{"loginMaxAttempts", "0"}});
        const auto message = configErrorOf([&] {
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), bad, true, environment());
        });
        CPPUNIT_ASSERT(message.find("plugins.auth.loginMaxAttempts") != std::string::npos);
    }

    void auditRetentionDefaultsToNinetyDays() {
        const auto defaults =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true, environment());
        CPPUNIT_ASSERT(defaults.auditRetention == std::chrono::hours(24 * 90));
        const auto custom =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}),
                             Settings("plugins.auth.", {{"auditRetention", "400d"}}), true, environment());
        CPPUNIT_ASSERT(custom.auditRetention == std::chrono::hours(24 * 400));
        for (const char* bad : {"10m", "soon", "-1d"}) {
            const auto message = configErrorOf([&] {
                AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}),
                                 Settings("plugins.auth.", {{"auditRetention", bad}}), true, environment());
            });
            CPPUNIT_ASSERT_MESSAGE(message, message.find("plugins.auth.auditRetention") != std::string::npos);
        }
    }

    void userCacheTtlDefaultsToFiveSeconds() {
        const auto defaults =
            AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true, environment());
        CPPUNIT_ASSERT(defaults.userCacheTtl == std::chrono::seconds(5));
        const auto off = AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}),
                                          Settings("plugins.auth.", {{"userCacheTtl", "0"}}), true, environment());
        CPPUNIT_ASSERT(off.userCacheTtl.count() == 0);
        for (const char* bad : {"10m", "soon", "-1s"}) {
            const auto message = configErrorOf([&] {
                AuthConfig::load(hostSettings({{"jwt.secret", kGoodSecret}}),
                                 Settings("plugins.auth.", {{"userCacheTtl", bad}}), true, environment());
            });
            CPPUNIT_ASSERT_MESSAGE(message, message.find("plugins.auth.userCacheTtl") != std::string::npos);
        }
    }

    void firstAdminComesFromEnvironment() {
        const auto config = AuthConfig::load(
            hostSettings({{"jwt.secret", kGoodSecret}}), kNoPluginSettings, true,
            environment({{"MOTEL_ADMIN_EMAIL", "boss@motel.test"}, {"MOTEL_ADMIN_PASSWORD", "boss-password"}}));
        CPPUNIT_ASSERT_EQUAL(std::string("boss@motel.test"), config.adminEmail);
        CPPUNIT_ASSERT_EQUAL(std::string("boss-password"), config.adminPassword);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthConfigTest);
