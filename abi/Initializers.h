// Initial values of parameters: Keras' initialisers, drawn from Philox so that
// every target (and the compiler, which writes a bundle's initial state) gets
// bit-identical weights for a (seed, parameter) pair. The compiler reads a spec
// from the dlc.init attribute, the runtime from the manifest's "init" object;
// both hand its fields to parseInitSpec here.
//
// The compiler records a normalised spec per parameter (the manifest tensor's
// "init" object); exactly these kinds:
//   {kind: variance_scaling, scale, mode: fan_in|fan_out|fan_avg,
//          distribution: uniform|truncated_normal|normal}
//   {kind: orthogonal, gain}          {kind: identity, gain}
//   {kind: zeros}  {kind: ones}       {kind: constant, value}
//   {kind: random_uniform, minval, maxval}
//   {kind: random_normal, mean, stddev}   {kind: truncated_normal, mean, stddev}
//   {kind: lstm_unit_forget_bias}     zeros with ones in the second quarter
//                                     [n/4, n/2) (the forget gate, Keras' unit_forget_bias)
// glorot_uniform = variance_scaling(1, fan_avg, uniform); he_normal =
// variance_scaling(2, fan_in, truncated_normal); lecun_uniform = (1, fan_in, uniform).
//
// Fans (Keras' _compute_fans, channels-last):
//   rank 2 [in, out] (dense kernels, recurrent kernels): fan_in = in, fan_out = out
//   rank 3..5 [k..., in, out] (conv filters): rf = product of the leading dims,
//                             fan_in = in * rf, fan_out = out * rf
//   otherwise (rank 0, 1, > 5): fan_in = fan_out = sqrt(number of elements)
// variance_scaling: s = scale / max(1, fan) with fan = fan_in, fan_out or
//   (fan_in + fan_out) / 2; uniform: U(-sqrt(3 s), sqrt(3 s)); truncated_normal:
//   σ = sqrt(s) truncated at ±2σ (Keras 2.0.8's 'normal'; a compiler normalising
//   Keras ≥ 2.3's 'truncated_normal' divides `scale` by 0.87962566103423978²);
//   normal: N(0, sqrt(s)) untruncated (Keras ≥ 2.3's 'untruncated_normal').
//
// Draws. Parameter #p (its ordinal among the manifest's "param" tensors) uses
//   block(e) = philoxDraw(seed, uint32_t(Stream::Init) | p, /*step=*/0, /*index=*/e)
// for element e (row-major index), and every value is computed in double and
// rounded once to the tensor's element type:
//   uniform(lo, hi)   = lo + (hi - lo) * u,  u = uniform01(block(e)[0]) (24 bits, [0, 1))
//   normal(m, σ)      = m + σ * sqrt(-2 ln u1) * cos(2π u2)         (Box–Muller)
//                       u1 = (block(e)[0] + 0.5) / 2^32  ∈ (0, 1)
//                       u2 =  block(e)[1]        / 2^32  ∈ [0, 1)
//   truncated(m, σ)   = m + σ * Φ⁻¹(Φ(-2) + u * (Φ(2) - Φ(-2))),   u = (block(e)[0] + 0.5) / 2^32
//                       (inverse CDF restricted to ±2σ: one draw, no rejection loop)
//   Φ⁻¹ is Acklam's rational approximation refined by one Halley step on erfc
//   (|error| < 1e-15 in double).
// orthogonal(gain), Keras 2.0.8 semantics with QR instead of SVD: the tensor is
//   viewed as the matrix A [rows = product of all dims but the last, cols = last dim]
//   with A[r][c] = normal(0, 1) of element e = r * cols + c. If rows < cols,
//   A is transposed (to [cols, rows]). Householder QR of that [m >= n] matrix
//   (double; reflector v = x + sign(x0)|x| e0, sign(0) = +1), Q = its first n
//   columns, each column j multiplied by sign(R[j][j]) (+1 when R[j][j] = 0);
//   the result is gain * Q, transposed back when rows < cols. So the rows
//   (rows < cols) or the columns (rows >= cols) are orthonormal.
// identity(gain): gain on the diagonal of the [rows, cols] view, 0 elsewhere.
#ifndef DLC_ABI_INITIALIZERS_H
#define DLC_ABI_INITIALIZERS_H

#include "abi/Expected.h"
#include "abi/ManifestSchema.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dlc::abi {

enum class InitKind {
  VarianceScaling,
  Orthogonal,
  Identity,
  Zeros,
  Ones,
  Constant,
  RandomUniform,
  RandomNormal,
  TruncatedNormal,
  LstmUnitForgetBias,
};
enum class FanMode { FanIn, FanOut, FanAvg };
enum class Distribution { Uniform, TruncatedNormal, Normal };

struct InitSpec {
  InitKind kind = InitKind::Zeros;
  double scale = 1.0;                             ///< variance_scaling
  FanMode mode = FanMode::FanAvg;                 ///< variance_scaling
  Distribution distribution = Distribution::Uniform; ///< variance_scaling
  double gain = 1.0;                              ///< orthogonal, identity
  double value = 0.0;                             ///< constant
  double minval = -0.05, maxval = 0.05;           ///< random_uniform
  double mean = 0.0, stddev = 0.05;               ///< random_normal, truncated_normal
};

/// One field of a spec as its reader found it.
struct InitField {
  enum class Type { Number, String, Other } type = Type::Other;
  double number = 0;
  std::string text; ///< the string, or how an Other value is written
};
using InitFields = std::map<std::string, InitField>;

/// Parses a normalised spec. Every field listed above for the kind is
/// required; errors name the field and the kind ("init: variance_scaling
/// needs 'mode' ..."); an unknown kind lists the known ones.
Expected<InitSpec> parseInitSpec(const InitFields &fields);

struct Fans {
  double fanIn = 0, fanOut = 0;
};
/// Keras' _compute_fans for a channels-last shape (see the header comment).
Fans computeFans(const std::vector<int64_t> &shape);

/// The four words of draw `element` of parameter #paramIndex.
std::array<uint32_t, 4> initBlock(uint64_t seed, uint32_t paramIndex, uint64_t element);
/// The primitive draws (header comment), in double.
double drawUniform(uint64_t seed, uint32_t paramIndex, uint64_t element, double lo, double hi);
double drawNormal(uint64_t seed, uint32_t paramIndex, uint64_t element, double mean,
                  double stddev);
double drawTruncatedNormal(uint64_t seed, uint32_t paramIndex, uint64_t element, double mean,
                           double stddev);
/// Φ⁻¹(p) for p in (0, 1).
double inverseNormalCdf(double p);

/// The values of a tensor of `shape`, in double (before rounding to the
/// element type). Errors: a spec that does not fit the shape (identity needs
/// rank 2, orthogonal rank >= 1, lstm_unit_forget_bias rank 1 with a
/// multiple of 4 elements), paramIndex >= 2^28.
Expected<std::vector<double>> initialValues(const InitSpec &spec,
                                            const std::vector<int64_t> &shape, uint64_t seed,
                                            uint32_t paramIndex);

/// initialValues rounded once to `dtype` (f32 or f64) and written to `out`
/// (numElements of them). Returns false with `error` set on failure.
bool initializeTensor(const InitSpec &spec, const std::vector<int64_t> &shape, uint64_t seed,
                      uint32_t paramIndex, DType dtype, void *out, Error *error = nullptr);

} // namespace dlc::abi

#endif // DLC_ABI_INITIALIZERS_H
