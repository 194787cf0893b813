# Code generation flags of the WebAssembly build (included only under Emscripten, before
# any target is defined, so SQLite, the core and the bindings all get them).
#
# The browser loads the core's wasm on first visit: its size is a budget (docs/benchmarks.md,
# "First-load size"). Each choice below was measured there:
# - INVENTO_WASM_OPT (default -Oz): the optimisation level of every object and of the link
#   (emcc runs wasm-opt with it). -O2/-O3 are ~2x larger for a small speed gain.
# - INVENTO_WASM_EXCEPTIONS (default wasm): C++ exceptions as WebAssembly exception
#   handling (-fwasm-exceptions; Chromium 95+, Firefox 100+, Safari 15.2+) instead of
#   Emscripten's JS emulation, which routes every call that may throw through a JS
#   trampoline (larger and slower). "js" restores the emulation.
# - INVENTO_WASM_LTO (default ON): link-time optimisation across SQLite, core and bindings.
# - Post-MVP instructions that every browser with OPFS synchronous access handles has
#   (Chromium 102+, Safari 15.2+, Firefox 111+): bulk memory (memory.copy/fill instead of
#   calls), non-trapping float-to-int conversions, sign extension.
set(INVENTO_WASM_OPT "-Oz" CACHE STRING "Optimisation level of the wasm build (-Oz, -Os, -O2, -O3)")
set(INVENTO_WASM_EXCEPTIONS "wasm" CACHE STRING "C++ exceptions in wasm: wasm (native) or js (emulated)")
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
else()
  message(FATAL_ERROR "INVENTO_WASM_EXCEPTIONS must be wasm or js")
endif()

# Link flags of every wasm module of the project (the core, bench/browser's SQLite module):
# an ES6 factory for a dedicated worker. FILESYSTEM stays 1 (13 KB gzip of loader): with
# FILESYSTEM=0 Emscripten's file syscalls become no-ops returning 0, and SQLite's default
# unix VFS (still used for randomness, time and ":memory:") then loops forever in
# robust_open() on "fd 0" when it reads /dev/urandom (seen in Chromium: open() hangs).
# DYNAMIC_EXECUTION=0: embind must not build functions with new Function() (our CSP
# forbids eval).
set(INVENTO_WASM_MODULE_LINK_FLAGS
  -lembind ${INVENTO_WASM_EH_LINK_FLAGS}
  -sMODULARIZE=1 -sEXPORT_ES6=1
  -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432
  -sFILESYSTEM=1
  -sDYNAMIC_EXECUTION=0)

