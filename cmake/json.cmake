# nlohmann-json (header-only, Debian package). In the wasm build we must NOT add
# -I/usr/include (it drags glibc headers in), so we point at a folder holding only
# a symlink nlohmann -> /usr/include/nlohmann.
set(JSON_SHIM_DIR ${CMAKE_BINARY_DIR}/json-include)
if(NOT EXISTS ${JSON_SHIM_DIR}/nlohmann)
  file(MAKE_DIRECTORY ${JSON_SHIM_DIR})
  file(CREATE_LINK /usr/include/nlohmann ${JSON_SHIM_DIR}/nlohmann SYMBOLIC)
endif()
add_library(json INTERFACE)
target_include_directories(json SYSTEM INTERFACE ${JSON_SHIM_DIR})
target_compile_definitions(json INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)
