#pragma once
/// Everything a plugin needs, in one include.

#include <motel/sdk/Authenticator.h>
#include <motel/sdk/BodyReader.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/Exchange.h>
#include <motel/sdk/JsonString.h>
#include <motel/sdk/ListQuery.h>
#include <motel/sdk/Plugin.h>
#include <motel/sdk/Time.h>
