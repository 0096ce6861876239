# LibTorch's headers dominate compile time, so the engine precompiles <torch/torch.h> once and the
# CLI, the app and the tests reuse it. But the precompiled header is 570 MB: loading it costs a
# translation unit about 10 s and 1 GB of memory even when it never names a tensor (axis_ticks.cpp:
# 11 s with it, 0.3 s without). So only the sources that reach LibTorch through their includes get
# it; the others (the t-SNE, the run store, the figures, most of the app) compile without it.
#
# Which sources reach LibTorch is found here, at configure time, by following quoted includes
# through the given include roots. A wrong guess costs only time, never correctness: every file
# includes what it uses. A header that starts including LibTorch is noticed at the next configure.

# Sets ${out} to TRUE when ${file} or anything it includes (transitively) includes LibTorch.
function(_xdd_reaches_torch file roots out)
  get_property(known GLOBAL PROPERTY "XDD_REACHES_TORCH:${file}" SET)
  if(known)
    get_property(answer GLOBAL PROPERTY "XDD_REACHES_TORCH:${file}")
    set(${out} ${answer} PARENT_SCOPE)
    return()
  endif()
  set_property(GLOBAL PROPERTY "XDD_REACHES_TORCH:${file}" FALSE)  # stops include cycles
  file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  get_filename_component(own_dir "${file}" DIRECTORY)
  set(answer FALSE)
  foreach(line IN LISTS includes)
    if(line MATCHES "<(torch|ATen|c10)/")
      set(answer TRUE)
    elseif(line MATCHES "\"([^\"]+)\"")
      set(name "${CMAKE_MATCH_1}")
      foreach(root IN LISTS own_dir roots)
        if(EXISTS "${root}/${name}")
          get_filename_component(found "${root}/${name}" REALPATH)
          _xdd_reaches_torch("${found}" "${roots}" nested)
          if(nested)
            set(answer TRUE)
          endif()
          break()
        endif()
      endforeach()
    endif()
    if(answer)
      break()
    endif()
  endforeach()
  set_property(GLOBAL PROPERTY "XDD_REACHES_TORCH:${file}" ${answer})
  set(${out} ${answer} PARENT_SCOPE)
endfunction()

# Gives ${target} the engine's precompiled LibTorch header, for the sources that reach LibTorch
# only. Call it in the directory that defines ${target}.
function(xdd_precompile_torch target)
  if(NOT target STREQUAL "xdd_engine")
    target_precompile_headers(${target} REUSE_FROM xdd_engine)
  endif()
  set(roots "${CMAKE_SOURCE_DIR}/engine" "${CMAKE_SOURCE_DIR}/app" "${CMAKE_SOURCE_DIR}/app/gui"
            "${CMAKE_SOURCE_DIR}/tests")
  get_target_property(sources ${target} SOURCES)
  foreach(source IN LISTS sources)
    get_filename_component(path "${source}" ABSOLUTE)
    _xdd_reaches_torch("${path}" "${roots}" reaches)
    if(NOT reaches)
      set_source_files_properties("${source}" PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
  endforeach()
endfunction()
