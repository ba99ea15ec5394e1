#pragma once
/// Declared settings. A plugin lists every `plugins.<name>.*` key it reads in
/// PluginInfo::settings: key, type, default, bounds and one line of doc. The
/// host validates every loaded plugin's settings against these declarations
/// before any migration runs or any plugin starts, reports every problem of
/// every plugin at once and stops; `motel-host config check` does the same
/// without touching the database, and `motel-host plugins describe NAME`
/// prints the declarations. The Settings a plugin gets from
/// PluginContext::config() already hold the declared defaults.
///
///   info.settings = {
///       sdk::SettingSpec::integer("maxGreetings", 100, 1, 10000, "greetings kept per user"),
///       sdk::SettingSpec::duration("purgeAfter", "30d", "how long a greeting is kept"),
///       sdk::SettingSpec::oneOf("tone", "warm", {"warm", "formal"}, "how greetings sound"),
///   };
///
/// A key the plugin did not declare is reported as a warning (a typo is the
/// usual cause), not an error, so an older plugin keeps running beside a
/// config written for a newer one.

#include <motel/sdk/Export.h>
#include <motel/sdk/Settings.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::sdk {

enum class SettingType { text, integer, number, boolean, duration, list, secret };

/// The name of a type as `plugins describe` prints it ("integer", "duration", ...).
MOTEL_SDK_API const char* settingTypeName(SettingType type);

struct MOTEL_SDK_API SettingSpec {
    std::string key; ///< without the `plugins.<name>.` prefix
    SettingType type = SettingType::text;
    std::string defaultValue;         ///< as it would be written in the properties file; "" none
    std::optional<double> min;        ///< integer/number: smallest value; duration: in milliseconds
    std::optional<double> max;        ///< integer/number: largest value; duration: in milliseconds
    std::vector<std::string> choices; ///< text: the allowed values (empty: any)
    bool required = false;            ///< must be set (and not empty)
    std::string doc;                  ///< one line: what it changes

    static SettingSpec text(std::string key, std::string defaultValue, std::string doc);
    static SettingSpec oneOf(std::string key, std::string defaultValue, std::vector<std::string> choices,
                             std::string doc);
    static SettingSpec integer(std::string key, std::int64_t defaultValue, std::int64_t min, std::int64_t max,
                               std::string doc);
    static SettingSpec number(std::string key, double defaultValue, double min, double max, std::string doc);
    static SettingSpec boolean(std::string key, bool defaultValue, std::string doc);
    /// `defaultValue` as written in the file ("15s"); min/max bound the value.
    static SettingSpec duration(std::string key, std::string defaultValue, std::string doc,
                                std::chrono::milliseconds min = std::chrono::milliseconds(0),
                                std::optional<std::chrono::milliseconds> max = std::nullopt);
    static SettingSpec list(std::string key, std::string defaultValue, std::string doc);
    /// Never printed (describe shows `(secret)`); never has a default.
    static SettingSpec secret(std::string key, std::string doc, bool required = false);

    /// The bounds and choices as one phrase ("1..10000", "warm|formal"); "" when none.
    std::string constraint() const;
};

/// Every problem with `settings` (a plugin's own block, prefix as in
/// Settings::prefix()) against `specs`: wrong type, out of bounds, not one of
/// the choices, required but missing. Each message names the full key.
MOTEL_SDK_API std::vector<std::string> validateSettings(const std::vector<SettingSpec>& specs,
                                                        const Settings& settings);
/// Keys set in `settings` that no spec declares (full keys).
MOTEL_SDK_API std::vector<std::string> undeclaredSettings(const std::vector<SettingSpec>& specs,
                                                          const Settings& settings);
/// `settings` with every declared default filled in where the key is unset.
MOTEL_SDK_API Settings withDefaults(const std::vector<SettingSpec>& specs, const Settings& settings);

} // namespace motel::sdk
