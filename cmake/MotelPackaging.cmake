# Debian packages of the normal build, made by CPack (`scripts/package`, or
# `cpack -G DEB` in a configured build folder). The install components pick
# the package:
#
#   motel-manager            components host + debian: motel-host, the
#                            standard plugins, libmotel-sdk.so.N, the packaged
#                            configuration (/etc/motel/motel.properties, a
#                            conffile), the systemd unit, maintainer scripts
#                            that add the `motel` user and /var/lib/motel
#   motel-manager-dashboard  component dashboard: the web board's plugin and files
#   motel-sdk-dev            component ${MOTEL_SDK_COMPONENT}: headers, CMake
#                            package, pkg-config file (anything later installed
#                            with that component joins it)
#
# Installed under /usr; dependencies come from dpkg-shlibdeps. The debian
# component is EXCLUDE_FROM_ALL, so `cmake --install` to a prefix (README,
# "Building and installing") never writes /etc or a unit file.

set(MOTEL_DEB_DIR ${PROJECT_SOURCE_DIR}/packaging/debian)
set(MOTEL_DEB_STAGE ${PROJECT_BINARY_DIR}/packaging/debian)

# The packaged configuration: the default one with the system paths and
# production mode (the JWT secret comes from /etc/motel/secrets.env, made by
# postinst). The dashboard is its own package, so not in plugins.load.
file(READ ${PROJECT_SOURCE_DIR}/config/motel.properties MOTEL_DEB_PROPERTIES)
foreach(change
    "motel.env = development|motel.env = production"
    ",dashboard\n|\n"
    "db.url = sqlite:var/motel.db|db.url = sqlite:/var/lib/motel/motel.db"
    "jwt.secret =\n|# JWT_SECRET is set in /etc/motel/secrets.env (generated at installation).\njwt.secret =\n")
  string(REPLACE "|" ";" pair "${change}")
  list(GET pair 0 from)
  list(GET pair 1 to)
  string(FIND "${MOTEL_DEB_PROPERTIES}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "cmake/MotelPackaging.cmake: config/motel.properties no longer has '${from}'; update the packaged configuration")
  endif()
  string(REPLACE "${from}" "${to}" MOTEL_DEB_PROPERTIES "${MOTEL_DEB_PROPERTIES}")
endforeach()
file(WRITE ${MOTEL_DEB_STAGE}/motel.properties.in "${MOTEL_DEB_PROPERTIES}")
configure_file(${MOTEL_DEB_STAGE}/motel.properties.in ${MOTEL_DEB_STAGE}/motel.properties COPYONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/config/motel.properties)

# Debian wants a copyright file and a max-compressed changelog per package.
execute_process(COMMAND date -u -R OUTPUT_VARIABLE MOTEL_DEB_DATE OUTPUT_STRIP_TRAILING_WHITESPACE)
set(MOTEL_DEB_MAINTAINER "Motel Manager maintainers <ops@motel.test>")
foreach(package motel-manager motel-manager-dashboard motel-sdk-dev)
  file(WRITE ${MOTEL_DEB_STAGE}/${package}/changelog.Debian
    "${package} (${PROJECT_VERSION}) stable; urgency=medium\n\n"
    "  * Release ${PROJECT_VERSION}, built from the project's CMake build by CPack.\n\n"
    " -- ${MOTEL_DEB_MAINTAINER}  ${MOTEL_DEB_DATE}\n")
  execute_process(COMMAND gzip -9nf ${MOTEL_DEB_STAGE}/${package}/changelog.Debian)
  configure_file(${MOTEL_DEB_DIR}/copyright ${MOTEL_DEB_STAGE}/${package}/copyright COPYONLY)
endforeach()

install(FILES ${MOTEL_DEB_STAGE}/motel.properties DESTINATION /etc/motel
  PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ COMPONENT debian EXCLUDE_FROM_ALL)
install(FILES ${MOTEL_DEB_DIR}/motel-manager.service DESTINATION /lib/systemd/system
  COMPONENT debian EXCLUDE_FROM_ALL)
install(FILES ${MOTEL_DEB_STAGE}/motel-manager/changelog.Debian.gz ${MOTEL_DEB_STAGE}/motel-manager/copyright
  ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/RUNBOOK.md ${PROJECT_SOURCE_DIR}/docs/configuration.md
  DESTINATION share/doc/motel-manager COMPONENT debian EXCLUDE_FROM_ALL)
install(FILES ${PROJECT_SOURCE_DIR}/config/motel.properties.example
  DESTINATION share/doc/motel-manager/examples COMPONENT debian EXCLUDE_FROM_ALL)
install(FILES ${MOTEL_DEB_STAGE}/motel-manager-dashboard/changelog.Debian.gz
  ${MOTEL_DEB_STAGE}/motel-manager-dashboard/copyright
  DESTINATION share/doc/motel-manager-dashboard COMPONENT dashboard EXCLUDE_FROM_ALL)
install(FILES ${MOTEL_DEB_STAGE}/motel-sdk-dev/changelog.Debian.gz ${MOTEL_DEB_STAGE}/motel-sdk-dev/copyright
  ${PROJECT_SOURCE_DIR}/docs/plugin-guide.md
  DESTINATION share/doc/motel-sdk-dev COMPONENT ${MOTEL_SDK_COMPONENT} EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME motel-manager)
set(CPACK_PACKAGE_VENDOR "Motel Manager")
set(CPACK_PACKAGE_CONTACT "${MOTEL_DEB_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# /etc and /lib/systemd are absolute destinations: install with DESTDIR,
# the prefix then being CPACK_INSTALL_PREFIX.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
# MOTEL_PACKAGE_RELEASE (environment, default 1) is the Debian revision,
# read when cpack runs: a rebuilt package of the same source upgrades the
# installed one (tests/package does exactly that).
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/cmake/MotelPackagingRelease.cmake)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL host debian dashboard ${MOTEL_SDK_COMPONENT})
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
set(CPACK_COMPONENT_HOST_GROUP manager)
set(CPACK_COMPONENT_DEBIAN_GROUP manager)
set(CPACK_COMPONENT_DASHBOARD_GROUP dashboard)
string(TOUPPER ${MOTEL_SDK_COMPONENT} MOTEL_SDK_COMPONENT_UPPER)
set(CPACK_COMPONENT_${MOTEL_SDK_COMPONENT_UPPER}_GROUP sdk)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Plugins in motel-manager-dashboard link libmotel-sdk.so.N from
# motel-manager: dpkg-shlibdeps finds it in the build tree (the dependency on
# motel-manager is explicit).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/lib)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://motel.test/")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_MANAGER_PACKAGE_NAME motel-manager)
# libpq5: the host loads libpq with dlopen on first use (host/src/db/LazyLibpq.h),
# so dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_MANAGER_PACKAGE_DEPENDS "adduser, libpq5")
# The common-password lists the auth plugin's password policy reads (it warns
# at start when they are missing).
set(CPACK_DEBIAN_MANAGER_PACKAGE_RECOMMENDS "john-data, cracklib-runtime")
set(CPACK_DEBIAN_MANAGER_DESCRIPTION "housekeeping and maintenance board for motels (server)
Motel Manager runs a motel's housekeeping and maintenance operations:
suites, cleaning, inspection and maintenance tasks, staff and a live
Socket.IO feed, served by motel-host and its standard plugins (auth,
suites, tasks, realtime, health, metrics). This package has the host, the
plugins, a systemd unit (motel-manager.service, user motel) and a
production configuration on SQLite in /var/lib/motel.")
set(CPACK_DEBIAN_MANAGER_PACKAGE_CONTROL_EXTRA
  ${MOTEL_DEB_DIR}/postinst ${MOTEL_DEB_DIR}/prerm ${MOTEL_DEB_DIR}/postrm
  ${MOTEL_DEB_DIR}/conffiles ${MOTEL_DEB_DIR}/triggers)
set(CPACK_DEBIAN_MANAGER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_DASHBOARD_PACKAGE_NAME motel-manager-dashboard)
set(CPACK_DEBIAN_DASHBOARD_PACKAGE_DEPENDS "motel-manager (= %MOTEL_DEB_VERSION%)")
set(CPACK_DEBIAN_DASHBOARD_DESCRIPTION "housekeeping and maintenance board for motels (web board)
The staff web board of Motel Manager (plugin dashboard): live suites and
tasks in the browser, served by motel-host at /. Add dashboard to
plugins.load in /etc/motel/motel.properties and restart motel-manager.")

set(CPACK_DEBIAN_SDK_PACKAGE_NAME motel-sdk-dev)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "motel-manager (= %MOTEL_DEB_VERSION%), libpoco-dev")
set(CPACK_DEBIAN_SDK_DESCRIPTION "housekeeping and maintenance board for motels (plugin SDK)
Headers, the CMake package (find_package(MotelSDK), motel_add_plugin())
and a pkg-config file (motel-sdk) for building Motel Manager plugins.")

include(CPack)
