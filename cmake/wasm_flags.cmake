# Code generation flags of the WebAssembly build (included only under Emscripten, before
# any target is defined, so SQLite, the core and the bindings all get them).
#
# The browser loads the core's wasm on first visit: its size is a budget (docs/benchmarks.md,
# "First-load size"). Each choice below was measured there:
# - INVENTO_WASM_OPT (default -Oz): the optimisation level of every object and of the link
#   (emcc runs wasm-opt with it). -O2/-O3 are ~2x larger for a small speed gain.
# - INVENTO_WASM_EXCEPTIONS (default none): the browser's core is built without C++
#   exceptions (-fno-exceptions; -83 KB gzip, a seventh of the module: no landing pads
#   around every call that may throw). No expected error is an exception in core/: every
#   refusal is a Status, JSON parsing reports its errors without throwing
#   (core/base/json_parse.cc), and the fuzzers hold every mutator and query to never fail
#   `internal` natively, where an escaping exception is still caught and reported as such
#   (core/mutators/registry.cc). In the browser such a bug (a nlohmann-json type error, an
#   allocation failure) aborts the module instead: the worker then refuses every later call
#   with an error that asks for a reload (wasm/core_call.ts); nothing committed is lost, the
#   aborted call's transaction never commits. "wasm" builds with WebAssembly exception
#   handling (-fwasm-exceptions), "js" with Emscripten's JS emulation.
# - INVENTO_WASM_LTO (default ON): link-time optimisation across SQLite, core and bindings.
# - Post-MVP instructions that every browser with OPFS synchronous access handles has
#   (Chromium 102+, Safari 15.2+, Firefox 111+): bulk memory (memory.copy/fill instead of
#   calls), non-trapping float-to-int conversions, sign extension.
set(INVENTO_WASM_OPT "-Oz" CACHE STRING "Optimisation level of the wasm build (-Oz, -Os, -O2, -O3)")
set(INVENTO_WASM_EXCEPTIONS "none" CACHE STRING "C++ exceptions in wasm: none, wasm (native) or js (emulated)")
option(INVENTO_WASM_LTO "Link-time optimisation of the wasm build" ON)

set(INVENTO_WASM_FEATURES -mbulk-memory -mnontrapping-fptoint -msign-ext)
# After CMAKE_<LANG>_FLAGS_<CONFIG> on the command line, so this level wins over -O3.
add_compile_options(${INVENTO_WASM_OPT} ${INVENTO_WASM_FEATURES})
add_link_options(${INVENTO_WASM_OPT} ${INVENTO_WASM_FEATURES})
if(INVENTO_WASM_LTO)
  add_compile_options(-flto)
  add_link_options(-flto)
endif()
if(INVENTO_WASM_EXCEPTIONS STREQUAL "wasm")
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-fwasm-exceptions>)
  add_link_options(-fwasm-exceptions)
  set(INVENTO_WASM_EH_LINK_FLAGS -fwasm-exceptions)
elseif(INVENTO_WASM_EXCEPTIONS STREQUAL "js")
  set(INVENTO_WASM_EH_LINK_FLAGS -fexceptions -sDISABLE_EXCEPTION_CATCHING=0)
elseif(INVENTO_WASM_EXCEPTIONS STREQUAL "none")
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions>)
  set(INVENTO_WASM_EH_LINK_FLAGS)
else()
  message(FATAL_ERROR "INVENTO_WASM_EXCEPTIONS must be wasm, js or none")
endif()

# Link flags of every wasm module of the project (the core, bench/browser's SQLite module):
# an ES6 factory for a dedicated worker.
# FILESYSTEM=0 (-13 KB gzip of loader): no Emscripten file system. SQLite has no unix VFS in
# wasm (cmake/sqlite.cmake: SQLITE_OS_OTHER with wasm/sqlite_os_wasm.c); with the unix VFS,
# FILESYSTEM=0 hung open(): file syscalls become no-ops returning 0 and robust_open() looped
# forever on "fd 0" reading /dev/urandom.
# INCOMING_MODULE_JS_API: the only Module option our workers pass is locateFile.
# MALLOC=emmalloc: -2.7 KB gzip against dlmalloc; the mutation round trip (dominated by OPFS)
# measured p50 +6 % under heavy load, within noise (docs/benchmarks.md; re-measure quietly). BINARYEN_EXTRA_PASSES=--converge: emcc's
# wasm-opt run repeats its passes while they shrink the module (-1.9 KB).
# DYNAMIC_EXECUTION=0: embind must not build functions with new Function() (our CSP
# forbids eval).
set(INVENTO_WASM_MALLOC "emmalloc" CACHE STRING "Emscripten allocator of the wasm modules (emmalloc or dlmalloc)")
set(INVENTO_WASM_MODULE_LINK_FLAGS
  -lembind ${INVENTO_WASM_EH_LINK_FLAGS}
  -sMODULARIZE=1 -sEXPORT_ES6=1
  -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432
  -sFILESYSTEM=0 -sINCOMING_MODULE_JS_API=[locateFile]
  -sMALLOC=${INVENTO_WASM_MALLOC} -sBINARYEN_EXTRA_PASSES=--converge
  -sDYNAMIC_EXECUTION=0)

# INVENTO_WASM_CLOSURE: minify the JS loader with Closure Compiler (--closure 1; about -4 KB
# gzip of loader). scripts/setup.sh fetches the compiler (a native binary, sha256-pinned) to
# third_party/closure/compiler; emcc finds it through EM_CLOSURE_COMPILER, set here by a
# linker launcher. Without it the module is linked unminified (with a warning).
option(INVENTO_WASM_CLOSURE "Minify the wasm modules' JS loaders with Closure Compiler" ON)
set(INVENTO_CLOSURE_COMPILER ${PROJECT_SOURCE_DIR}/third_party/closure/compiler)
if(INVENTO_WASM_CLOSURE AND EXISTS ${INVENTO_CLOSURE_COMPILER})
  list(APPEND INVENTO_WASM_MODULE_LINK_FLAGS --closure 1)
  set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env EM_CLOSURE_COMPILER=${INVENTO_CLOSURE_COMPILER})
elseif(INVENTO_WASM_CLOSURE)
  message(WARNING "No ${INVENTO_CLOSURE_COMPILER} (scripts/setup.sh fetches it): "
                  "the wasm loaders are linked without Closure Compiler (larger)")
endif()

# After the link, one more `wasm-opt -Oz` over the finished module (-1.1 KB gzip). emcc's
# last wasm-opt run (after its JS dead-code elimination removes unused imports/exports) does
# not optimise again, so code that only became dead or simplifiable then stays.
# BINARYEN_EXTRA_PASSES=--converge (above) only repeats emcc's first run. The features are
# those of INVENTO_WASM_FEATURES plus exception handling (emcc strips the features section).
find_program(INVENTO_WASM_OPT_TOOL wasm-opt HINTS $ENV{EM_BINARYEN_ROOT}/bin /usr/bin)
function(invento_wasm_post_opt target)
  if(NOT INVENTO_WASM_OPT_TOOL)
    message(WARNING "wasm-opt not found: ${target} is not optimised after the link")
    return()
  endif()
  set(wasm $<TARGET_FILE_DIR:${target}>/$<TARGET_FILE_BASE_NAME:${target}>.wasm)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${INVENTO_WASM_OPT_TOOL} --enable-exception-handling --enable-bulk-memory
            --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
            ${INVENTO_WASM_OPT} ${wasm} -o ${wasm}
    VERBATIM)
endfunction()
