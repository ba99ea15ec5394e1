# Building a plugin's web files with Node.js and npm (the dashboard's board,
# apidocs' reference), in the build tree, from the pinned package-lock.json.
#
# motel_require_node(<plugin> <option> [MIN_VERSION <major>])
#   Finds node and npm (MOTEL_NODE_EXECUTABLE, MOTEL_NPM_EXECUTABLE, cached)
#   or stops the configuration with what to install, or which option
#   (-D<option>=OFF) leaves <plugin> out.
#
# motel_npm_ci(<plugin> <source dir> <work dir> <stamp variable> [IGNORE_SCRIPTS])
#   `npm ci` of <source dir>/package.json + package-lock.json into
#   <work dir>/node_modules (never into the source tree), again only when
#   one of the two changes. Sets <stamp variable> to the file a build step
#   DEPENDS on. IGNORE_SCRIPTS: no package install scripts run.

function(motel_require_node plugin option)
  cmake_parse_arguments(ARG "" "MIN_VERSION" "" ${ARGN})
  find_program(MOTEL_NODE_EXECUTABLE node)
  find_program(MOTEL_NPM_EXECUTABLE npm)
  if(NOT MOTEL_NODE_EXECUTABLE OR NOT MOTEL_NPM_EXECUTABLE)
    message(FATAL_ERROR
      "The ${plugin} plugin builds its web files with Node.js and npm, which were not found. Install them "
      "(Debian: apt-get install nodejs npm) or configure with -D${option}=OFF.")
  endif()
  if(ARG_MIN_VERSION)
    execute_process(COMMAND ${MOTEL_NODE_EXECUTABLE} --version OUTPUT_VARIABLE version
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    string(REGEX REPLACE "^v" "" version "${version}")
    if(version VERSION_LESS ${ARG_MIN_VERSION})
      message(FATAL_ERROR
        "The ${plugin} plugin's web build needs Node.js >= ${ARG_MIN_VERSION}; ${MOTEL_NODE_EXECUTABLE} is "
        "${version}. Install a newer Node.js or configure with -D${option}=OFF.")
    endif()
  endif()
endfunction()

function(motel_npm_ci plugin source work stampVariable)
  cmake_parse_arguments(ARG "IGNORE_SCRIPTS" "" "" ${ARGN})
  set(flags --no-audit --no-fund --loglevel=error)
  if(ARG_IGNORE_SCRIPTS)
    list(PREPEND flags --ignore-scripts)
  endif()
  set(stamp ${work}/node_modules/.motel-npm-ci)
  file(MAKE_DIRECTORY ${work})
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${source}/package.json ${source}/package-lock.json ${work}
    COMMAND ${MOTEL_NPM_EXECUTABLE} ci ${flags}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    WORKING_DIRECTORY ${work}
    DEPENDS ${source}/package.json ${source}/package-lock.json
    COMMENT "${plugin}: npm ci"
    VERBATIM)
  set(${stampVariable} ${stamp} PARENT_SCOPE)
endfunction()
