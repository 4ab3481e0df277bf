// Precompiled for every HTTP test file: the heavy third-party headers only (project headers
// change too often to be worth it, and GCC's PCH + #pragma once dislikes edited headers).
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
