# The web app: Dear ImGui (GLFW + OpenGL3 backends on WebGL2), the UI and app layers, linked twice from
# the same objects: the deployable site in build/web/ and one self-contained HTML file.

set(TB_IMGUI_DIR "${TB_DEPS_DIR}/imgui-1.90.1")
if(NOT EXISTS "${TB_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${TB_IMGUI_DIR}: run scripts/bootstrap.sh")
endif()
set(TB_SITE_DIR "${CMAKE_SOURCE_DIR}/build/web" CACHE PATH "Where the deployable site is written")

# Size matters more than speed for the UI code; core keeps -O3 for the data path.
set(TB_SIZE_FLAGS -Os)
# Core's cold code (state and its JSON, reports, provider calls, plots' maths) runs once a frame at most:
# compiled for size too. The data path (csv, data, text, tokens, train, linear, embed) keeps -O3.
# Of eval, what answers every row of a file being labelled is hot: it keeps -O3.
foreach(cold_dir workflow api eval plot prompt finetune frame map)
  file(GLOB_RECURSE TB_COLD_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/core/${cold_dir}/*.cpp")
  list(REMOVE_ITEM TB_COLD_SOURCES "${CMAKE_SOURCE_DIR}/src/core/eval/file_labeller.cpp"
       "${CMAKE_SOURCE_DIR}/src/core/eval/local_classifier.cpp" "${CMAKE_SOURCE_DIR}/src/core/eval/calibration.cpp")
  set_source_files_properties(${TB_COLD_SOURCES} PROPERTIES COMPILE_OPTIONS "${TB_SIZE_FLAGS}")
endforeach()

# Of the data path, what runs once a file or a model (sniffing a dialect, finding the header and the columns,
# the summary, drawing the split, formatting, the curves' and the blob's reading) is cold too.
foreach(cold_file csv/dialect csv/header csv/header_search csv/stats data/columns data/label_families data/split
                  data/split_csv data/summary text/base64 text/dates text/format text/json_text text/wrap
                  train/curve_reading train/hyperparameters train/model_blob train/scores embed/vector_requests
                  linear/learning_curve)
  set_source_files_properties("${CMAKE_SOURCE_DIR}/src/core/${cold_file}.cpp" PROPERTIES COMPILE_OPTIONS "${TB_SIZE_FLAGS}")
endforeach()

add_library(tb_imgui STATIC
  "${TB_IMGUI_DIR}/imgui.cpp" "${TB_IMGUI_DIR}/imgui_draw.cpp" "${TB_IMGUI_DIR}/imgui_tables.cpp"
  "${TB_IMGUI_DIR}/imgui_widgets.cpp"
  "${TB_IMGUI_DIR}/backends/imgui_impl_glfw.cpp" "${TB_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(tb_imgui SYSTEM PUBLIC "${TB_IMGUI_DIR}" "${TB_IMGUI_DIR}/backends")
# The test-engine hooks give window.tuneboard.items() every widget's label and rectangle. 32-bit draw
# indices (WebGL2 has them): a plot of 100,000-point series keeps one pixel per column in one draw list.
target_compile_definitions(tb_imgui PUBLIC "ImDrawIdx=unsigned int" IMGUI_ENABLE_TEST_ENGINE IMGUI_IMPL_OPENGL_ES3
                                           IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS
                                           IMGUI_DISABLE_DEBUG_TOOLS)
target_compile_options(tb_imgui PRIVATE ${TB_SIZE_FLAGS} -fno-rtti)

# Fonts: Inter from Debian's fonts-inter, cut to the glyphs we draw, compiled in.
set(TB_FONT_SOURCE "${CMAKE_BINARY_DIR}/generated/font_data.cpp")
set(TB_INTER_DIR /usr/share/fonts/opentype/inter)
add_custom_command(
  OUTPUT "${TB_FONT_SOURCE}"
  COMMAND python3 "${CMAKE_SOURCE_DIR}/scripts/make_font_source.py"
          "${CMAKE_SOURCE_DIR}/assets/fonts/glyph_ranges.txt" "${TB_FONT_SOURCE}"
          "Regular=${TB_INTER_DIR}/Inter-Regular.otf" "SemiBold=${TB_INTER_DIR}/Inter-SemiBold.otf"
  DEPENDS "${CMAKE_SOURCE_DIR}/scripts/make_font_source.py" "${CMAKE_SOURCE_DIR}/assets/fonts/glyph_ranges.txt"
          "${TB_INTER_DIR}/Inter-Regular.otf" "${TB_INTER_DIR}/Inter-SemiBold.otf"
  COMMENT "Subsetting Inter to the app's glyphs"
  VERBATIM)

# The fine-tuning price table, compiled in (the person's edits go on top of it).
set(TB_PRICES_SOURCE "${CMAKE_BINARY_DIR}/generated/bundled_prices.cpp")
add_custom_command(
  OUTPUT "${TB_PRICES_SOURCE}"
  COMMAND python3 "${CMAKE_SOURCE_DIR}/scripts/embed_text.py" tb::app kBundledPricesJson
          "${CMAKE_SOURCE_DIR}/assets/fine_tuning_prices.json" "${TB_PRICES_SOURCE}"
  DEPENDS "${CMAKE_SOURCE_DIR}/scripts/embed_text.py" "${CMAKE_SOURCE_DIR}/assets/fine_tuning_prices.json"
  COMMENT "Compiling in the fine-tuning price table"
  VERBATIM)

# The map's shaders (shaders/), compiled in: the page never fetches them, and works offline.
set(TB_SHADER_SOURCES)
foreach(shader_pair "map_points.vert=kMapPointsVertexShader" "map_points.frag=kMapPointsFragmentShader")
  string(REPLACE "=" ";" shader_parts "${shader_pair}")
  list(GET shader_parts 0 shader_file)
  list(GET shader_parts 1 shader_name)
  set(shader_source "${CMAKE_BINARY_DIR}/generated/${shader_file}.cpp")
  add_custom_command(
    OUTPUT "${shader_source}"
    COMMAND python3 "${CMAKE_SOURCE_DIR}/scripts/embed_text.py" tb::platform ${shader_name}
            "${CMAKE_SOURCE_DIR}/shaders/${shader_file}" "${shader_source}"
    DEPENDS "${CMAKE_SOURCE_DIR}/scripts/embed_text.py" "${CMAKE_SOURCE_DIR}/shaders/${shader_file}"
    COMMENT "Compiling in shaders/${shader_file}"
    VERBATIM)
  list(APPEND TB_SHADER_SOURCES "${shader_source}")
endforeach()

# The core's helpers of the charts' drawing run once a frame on a handful of values: built for size too.
set_source_files_properties(
  "${CMAKE_SOURCE_DIR}/src/core/plot/accuracy_chart.cpp" "${CMAKE_SOURCE_DIR}/src/core/plot/colour.cpp"
  "${CMAKE_SOURCE_DIR}/src/core/plot/heatmap.cpp" "${CMAKE_SOURCE_DIR}/src/core/plot/image_layout.cpp"
  "${CMAKE_SOURCE_DIR}/src/core/plot/short_labels.cpp" "${CMAKE_SOURCE_DIR}/src/core/plot/wheel.cpp"
  TARGET_DIRECTORY tb_core PROPERTIES COMPILE_OPTIONS "${TB_SIZE_FLAGS}")

file(GLOB_RECURSE TB_APP_SOURCES CONFIGURE_DEPENDS
  "${CMAKE_SOURCE_DIR}/src/platform/*.cpp" "${CMAKE_SOURCE_DIR}/src/ui/*.cpp" "${CMAKE_SOURCE_DIR}/src/app/*.cpp")
add_library(tb_app OBJECT ${TB_APP_SOURCES} "${TB_FONT_SOURCE}" "${TB_PRICES_SOURCE}" ${TB_SHADER_SOURCES})
target_link_libraries(tb_app PUBLIC tb_core tb_imgui)
target_compile_options(tb_app PRIVATE ${TB_SIZE_FLAGS} -Wall -Wextra -Wshadow)

set(TB_LINK_FLAGS
  -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sFETCH=1 -mbulk-memory
  -sENVIRONMENT=web -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sMAXIMUM_MEMORY=4GB
  # No eval or new Function, so the page runs under a Content-Security-Policy without 'unsafe-eval'.
  -sDYNAMIC_EXECUTION=0
  -sFILESYSTEM=0 -sEXIT_RUNTIME=0 -sASSERTIONS=0
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
  --pre-js "${CMAKE_SOURCE_DIR}/src/platform/strings.js"
  # Binaryen's passes at link for size first (-Oz: 7 KB gzipped less than -Os); which code is fast is
  # chosen when compiling, above. bench/label_file.sh at 100 MB: 61,000 rows/s either way.
  -Oz)

add_executable(tuneboard $<TARGET_OBJECTS:tb_app>)
target_link_libraries(tuneboard PRIVATE tb_app)
target_link_options(tuneboard PRIVATE ${TB_LINK_FLAGS})
set_target_properties(tuneboard PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${TB_SITE_DIR}"
                                           LINK_DEPENDS "${CMAKE_SOURCE_DIR}/src/platform/strings.js")

# The same app with the wasm inlined, then folded into one HTML file that works opened from disk.
add_executable(tuneboard_single $<TARGET_OBJECTS:tb_app>)
target_link_libraries(tuneboard_single PRIVATE tb_app)
target_link_options(tuneboard_single PRIVATE ${TB_LINK_FLAGS} -sSINGLE_FILE=1)
set_target_properties(tuneboard_single PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/single"
                                                  LINK_DEPENDS "${CMAKE_SOURCE_DIR}/src/platform/strings.js")

file(GLOB TB_WEB_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/*")
set(TB_OFFLINE_HTML "${TB_SITE_DIR}/tuneboard-offline.html")
add_custom_command(
  OUTPUT "${TB_OFFLINE_HTML}"
  COMMAND python3 "${CMAKE_SOURCE_DIR}/scripts/inline_page.py" "${CMAKE_SOURCE_DIR}/web/index.html"
          "$<TARGET_FILE:tuneboard_single>" "${TB_OFFLINE_HTML}"
  DEPENDS tuneboard_single "${CMAKE_SOURCE_DIR}/scripts/inline_page.py" ${TB_WEB_FILES}
  COMMENT "Writing the self-contained tuneboard-offline.html"
  VERBATIM)
# The built-in demo dataset: synthetic, generated here, fetched by the page only when asked for.
set(TB_DEMO_CSV "${TB_SITE_DIR}/demo/cfpb-demo-synthetic.csv")
add_custom_command(
  OUTPUT "${TB_DEMO_CSV}"
  COMMAND python3 "${CMAKE_SOURCE_DIR}/assets/make_demo_data.py" "${TB_DEMO_CSV}"
  DEPENDS "${CMAKE_SOURCE_DIR}/assets/make_demo_data.py"
  COMMENT "Generating the synthetic demo dataset"
  VERBATIM)

# The tokenizers, fetched by the page the first time a token count is needed (not before the first frame).
set(TB_SITE_TOKENS)
foreach(asset IN LISTS TB_TOKEN_ASSETS)
  get_filename_component(asset_name "${asset}" NAME)
  add_custom_command(
    OUTPUT "${TB_SITE_DIR}/tokens/${asset_name}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${asset}" "${TB_SITE_DIR}/tokens/${asset_name}"
    DEPENDS "${asset}"
    VERBATIM)
  list(APPEND TB_SITE_TOKENS "${TB_SITE_DIR}/tokens/${asset_name}")
endforeach()

add_custom_target(tuneboard_site ALL
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${TB_WEB_FILES} "${TB_SITE_DIR}/"
  DEPENDS tuneboard "${TB_OFFLINE_HTML}" "${TB_DEMO_CSV}" ${TB_WEB_FILES} ${TB_SITE_TOKENS}
  COMMENT "Copying the page shell into ${TB_SITE_DIR}")

# --- Cross-build check of the classifier ----------------------------------------------------------------
# tests/unit/train_golden_cases.h computed by this build (clang, -O3, SIMD128) and printed as JSON;
# tests/browser/train_golden.test.mjs runs it under node and holds it to the values the native unit test
# holds the native build to. Small (core's training code only), so it is part of the normal build; it
# goes into the build folder, never the site. `.cjs` because the repository's package.json makes `.js`
# an ES module, and this output is CommonJS. No async compilation: 3.1.6 would try fetch() under node.
add_executable(tb_train_golden "${CMAKE_SOURCE_DIR}/tests/wasm/train_golden.cpp")
target_link_libraries(tb_train_golden PRIVATE tb_core)
# No EXIT_RUNTIME: its process.exit() can cut off stdout still being written to a pipe (node writes pipes
# asynchronously); node exits by itself once the output is out.
target_link_options(tb_train_golden PRIVATE -sENVIRONMENT=node -sWASM_ASYNC_COMPILATION=0 -sALLOW_MEMORY_GROWTH=1
                                            -mbulk-memory -O3)
set_target_properties(tb_train_golden PROPERTIES OUTPUT_NAME train_golden SUFFIX ".cjs"
                                                 RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")

# --- Benchmark: the local classifier's native benchmark, built for the browser --------------------------
# bench/local_model_native.cpp as it is: bench/local_model_wasm.mjs loads it in headless Chromium, writes
# the train/test files into its in-memory file system and calls main() with fastText's flags. Built only
# when asked for by name (bench/local_model.sh does), so the site, its build time and its page-weight
# budget never see it; it goes into the build folder, not the site.
# The TF-IDF + logistic regression benchmark (bench/linear_native.cpp) and the vector classifier's
# (bench/vectors_native.cpp) are built the same way.
function(tb_bench_for_browser target source export_name)
  add_executable(${target} EXCLUDE_FROM_ALL "${CMAKE_SOURCE_DIR}/bench/${source}")
  target_link_libraries(${target} PRIVATE tb_core)
  target_link_options(${target} PRIVATE
    -sENVIRONMENT=web -sMODULARIZE=1 -sEXPORT_NAME=${export_name} -sINVOKE_RUN=0 -sFORCE_FILESYSTEM=1
    -sEXPORTED_RUNTIME_METHODS=FS,callMain -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -mbulk-memory -O3)
  set_target_properties(${target} PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bench")
endfunction()
tb_bench_for_browser(tb_local_model_bench_web local_model_native.cpp createLocalModelBench)
tb_bench_for_browser(tb_linear_bench_web linear_native.cpp createLinearBench)
tb_bench_for_browser(tb_vector_bench_web vectors_native.cpp createVectorBench)
