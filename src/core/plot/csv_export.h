#pragma once

#include <span>
#include <string>

#include "core/plot/series.h"

namespace tb::plot {

// Every point of every series given, raw (not smoothed), in long format, one point a line:
//     run,series,step,value
// which spreadsheets and pandas pivot easily. Text fields are quoted as RFC 4180 says when they hold a
// comma, quote or line break; numbers are written with the fewest digits that read back exactly, and
// missing values as NaN. Lines end with \n.
std::string series_csv(std::span<const Series> series);

// The shortest decimal that parses back to exactly `value` ("0.1", "12000", "1e-07"); "NaN", "inf".
std::string exact_number(double value);

}  // namespace tb::plot
