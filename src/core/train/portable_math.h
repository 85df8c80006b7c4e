#pragma once

namespace tb::train {

// exp and log from + - * / only, which IEEE 754 rounds the same everywhere: glibc's and Emscripten's
// libm round differently in the last bit, and one differing softmax would make the browser train
// another model than the native build from the same seed. Accurate to a few units in the last place
// of a double, far below the float weights' precision.
double portable_exp(double x);
double portable_log(double x);

}  // namespace tb::train
