# Builds llama.cpp's own server, llama-server, inside llama-cpp-python's build of its vendored llama.cpp,
# so that one compile of ggml, llama and llama-common serves both (the Makefile passes this file as
# CMAKE_PROJECT_INCLUDE, which CMake reads at the end of every project() call). llama-cpp-python adds
# llama.cpp as a subdirectory, where its tools are off; this adds the server's two directories alone when
# llama.cpp's project starts (the targets they link to are defined later in the same directory), and
# installs the binary beside the shared libraries llama.cpp installs: site-packages/bin/llama-server,
# site-packages/lib/*.so.
if(PROJECT_NAME STREQUAL "llama.cpp")
    function(summarizer_add_llama_server)
        # The server's own libraries go into the binary: only the binary is installed.
        set(BUILD_SHARED_LIBS OFF)
        set(CMAKE_POSITION_INDEPENDENT_CODE ON)
        add_subdirectory(tools/ui)
        add_subdirectory(tools/server)
        set_target_properties(llama-server PROPERTIES INSTALL_RPATH "$ORIGIN/../lib")
    endfunction()
    summarizer_add_llama_server()
endif()
