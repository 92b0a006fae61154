// Initial values of parameters (implementation of Initializers.h).
#include "runtime/init/Initializers.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/Philox.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/bundle/StatusMacros.h"

namespace dlc::rt::init {

using nlohmann::json;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPow32 = 4294967296.0;

absl::Status specError(const std::string &message) {
  return absl::InvalidArgumentError(absl::StrCat("init: ", message));
}

absl::StatusOr<double> number(const json &spec, const std::string &kind, const char *field) {
  auto it = spec.find(field);
  if (it == spec.end())
    return specError(absl::StrCat(kind, " needs '", field, "'"));
  if (!it->is_number())
    return specError(absl::StrCat(kind, ": '", field, "' must be a number, got ", it->dump()));
  double v = it->get<double>();
  if (!std::isfinite(v))
    return specError(absl::StrCat(kind, ": '", field, "' must be finite"));
  return v;
}

absl::StatusOr<std::string> word(const json &spec, const std::string &kind, const char *field,
                                 std::initializer_list<const char *> allowed) {
  auto it = spec.find(field);
  if (it == spec.end()) return specError(absl::StrCat(kind, " needs '", field, "'"));
  if (!it->is_string())
    return specError(absl::StrCat(kind, ": '", field, "' must be a string, got ", it->dump()));
  std::string v = it->get<std::string>();
  for (const char *a : allowed)
    if (v == a) return v;
  return specError(absl::StrCat(kind, ": '", field, "' is \"", v, "\", expected one of ",
                                absl::StrJoin(allowed, ", ")));
}

} // namespace

absl::StatusOr<InitSpec> parseInitSpec(const json &spec) {
  if (!spec.is_object()) return specError(absl::StrCat("expected an object, got ", spec.dump()));
  auto kindIt = spec.find("kind");
  if (kindIt == spec.end() || !kindIt->is_string()) return specError("missing string 'kind'");
  const std::string kind = kindIt->get<std::string>();
  InitSpec s;
  if (kind == "variance_scaling") {
    s.kind = InitKind::VarianceScaling;
    DLC_RT_ASSIGN_OR_RETURN(s.scale, number(spec, kind, "scale"));
    if (s.scale <= 0) return specError("variance_scaling: 'scale' must be positive");
    DLC_RT_ASSIGN_OR_RETURN(std::string mode,
                            word(spec, kind, "mode", {"fan_in", "fan_out", "fan_avg"}));
    s.mode = mode == "fan_in" ? FanMode::FanIn : mode == "fan_out" ? FanMode::FanOut
                                                                  : FanMode::FanAvg;
    DLC_RT_ASSIGN_OR_RETURN(
        std::string dist,
        word(spec, kind, "distribution", {"uniform", "truncated_normal", "normal"}));
    s.distribution = dist == "uniform"            ? Distribution::Uniform
                     : dist == "truncated_normal" ? Distribution::TruncatedNormal
                                                  : Distribution::Normal;
  } else if (kind == "orthogonal" || kind == "identity") {
    s.kind = kind == "orthogonal" ? InitKind::Orthogonal : InitKind::Identity;
    DLC_RT_ASSIGN_OR_RETURN(s.gain, number(spec, kind, "gain"));
  } else if (kind == "zeros") {
    s.kind = InitKind::Zeros;
  } else if (kind == "ones") {
    s.kind = InitKind::Ones;
  } else if (kind == "constant") {
    s.kind = InitKind::Constant;
    DLC_RT_ASSIGN_OR_RETURN(s.value, number(spec, kind, "value"));
  } else if (kind == "random_uniform") {
    s.kind = InitKind::RandomUniform;
    DLC_RT_ASSIGN_OR_RETURN(s.minval, number(spec, kind, "minval"));
    DLC_RT_ASSIGN_OR_RETURN(s.maxval, number(spec, kind, "maxval"));
    if (s.maxval < s.minval) return specError("random_uniform: 'maxval' < 'minval'");
  } else if (kind == "random_normal" || kind == "truncated_normal") {
    s.kind = kind == "random_normal" ? InitKind::RandomNormal : InitKind::TruncatedNormal;
    DLC_RT_ASSIGN_OR_RETURN(s.mean, number(spec, kind, "mean"));
    DLC_RT_ASSIGN_OR_RETURN(s.stddev, number(spec, kind, "stddev"));
    if (s.stddev < 0) return specError(absl::StrCat(kind, ": 'stddev' must be >= 0"));
  } else if (kind == "lstm_unit_forget_bias") {
    s.kind = InitKind::LstmUnitForgetBias;
  } else {
    return specError(absl::StrCat(
        "unknown kind \"", kind,
        "\" (known: variance_scaling, orthogonal, identity, zeros, ones, constant, "
        "random_uniform, random_normal, truncated_normal, lstm_unit_forget_bias)"));
  }
  return s;
}

Fans computeFans(absl::Span<const int64_t> shape) {
  Fans f;
  if (shape.size() == 2) {
    f.fanIn = double(shape[0]);
    f.fanOut = double(shape[1]);
  } else if (shape.size() >= 3 && shape.size() <= 5) {
    double rf = 1;
    for (size_t i = 0; i + 2 < shape.size(); ++i) rf *= double(shape[i]);
    f.fanIn = double(shape[shape.size() - 2]) * rf;
    f.fanOut = double(shape[shape.size() - 1]) * rf;
  } else {
    double n = 1;
    for (int64_t d : shape) n *= double(d);
    f.fanIn = f.fanOut = std::sqrt(n);
  }
  return f;
}

std::array<uint32_t, 4> initBlock(uint64_t seed, uint32_t paramIndex, uint64_t element) {
  return philoxDraw(seed, uint32_t(Stream::Init) | paramIndex, 0, element);
}

double drawUniform(uint64_t seed, uint32_t paramIndex, uint64_t element, double lo,
                   double hi) {
  const double u = double(uniform01(initBlock(seed, paramIndex, element)[0]));
  return lo + (hi - lo) * u;
}

double drawNormal(uint64_t seed, uint32_t paramIndex, uint64_t element, double mean,
                  double stddev) {
  const auto b = initBlock(seed, paramIndex, element);
  const double u1 = (double(b[0]) + 0.5) / kTwoPow32;
  const double u2 = double(b[1]) / kTwoPow32;
  return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
}

namespace {
double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
} // namespace

double inverseNormalCdf(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                             -2.759285104469687e+02, 1.383577518672690e+02,
                             -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                             -1.556989798598866e+02, 6.680131188771972e+01,
                             -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                             -2.400758277161838e+00, -2.549732539343734e+00,
                             4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                             2.445134137142996e+00, 3.754408661907416e+00};
  const double pLow = 0.02425, pHigh = 1 - pLow;
  double x;
  if (p < pLow) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= pHigh) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step.
  const double e = normalCdf(x) - p;
  const double u = e * std::sqrt(2 * kPi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

double drawTruncatedNormal(uint64_t seed, uint32_t paramIndex, uint64_t element,
                           double mean, double stddev) {
  static const double lo = normalCdf(-2.0), hi = normalCdf(2.0);
  const double u = (double(initBlock(seed, paramIndex, element)[0]) + 0.5) / kTwoPow32;
  double z = inverseNormalCdf(lo + u * (hi - lo));
  z = std::min(2.0, std::max(-2.0, z)); // guard the last ulp
  return mean + stddev * z;
}

namespace {

// gain * Q of the [rows, cols] normal matrix (see the header).
std::vector<double> orthogonal(int64_t rows, int64_t cols, double gain, uint64_t seed,
                               uint32_t paramIndex) {
  const bool transpose = rows < cols;
  const int64_t m = transpose ? cols : rows, n = transpose ? rows : cols;
  std::vector<double> a(static_cast<size_t>(m * n)); // [m, n] row-major
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) {
      const double v = drawNormal(seed, paramIndex, uint64_t(r * cols + c), 0.0, 1.0);
      if (transpose)
        a[size_t(c * n + r)] = v;
      else
        a[size_t(r * n + c)] = v;
    }
  std::vector<std::vector<double>> reflectors(static_cast<size_t>(n));
  std::vector<double> diag(size_t(n), 0.0);
  for (int64_t k = 0; k < n; ++k) {
    double norm = 0;
    for (int64_t i = k; i < m; ++i) norm += a[size_t(i * n + k)] * a[size_t(i * n + k)];
    norm = std::sqrt(norm);
    std::vector<double> &v = reflectors[size_t(k)];
    if (norm == 0) {
      diag[size_t(k)] = 0;
      continue;
    }
    const double x0 = a[size_t(k * n + k)];
    const double sign = x0 < 0 ? -1.0 : 1.0;
    v.assign(size_t(m - k), 0.0);
    for (int64_t i = k; i < m; ++i) v[size_t(i - k)] = a[size_t(i * n + k)];
    v[0] += sign * norm;
    double vnorm = 0;
    for (double x : v) vnorm += x * x;
    vnorm = std::sqrt(vnorm);
    for (double &x : v) x /= vnorm;
    // A[k:, k:] -= 2 v (vᵀ A[k:, k:])
    for (int64_t j = k; j < n; ++j) {
      double dot = 0;
      for (int64_t i = k; i < m; ++i) dot += v[size_t(i - k)] * a[size_t(i * n + j)];
      for (int64_t i = k; i < m; ++i) a[size_t(i * n + j)] -= 2 * v[size_t(i - k)] * dot;
    }
    diag[size_t(k)] = a[size_t(k * n + k)];
  }
  // Q = H_0 ... H_{n-1} I[:, :n]
  std::vector<double> q(size_t(m * n), 0.0);
  for (int64_t i = 0; i < n; ++i) q[size_t(i * n + i)] = 1.0;
  for (int64_t k = n - 1; k >= 0; --k) {
    const std::vector<double> &v = reflectors[size_t(k)];
    if (v.empty()) continue;
    for (int64_t j = 0; j < n; ++j) {
      double dot = 0;
      for (int64_t i = k; i < m; ++i) dot += v[size_t(i - k)] * q[size_t(i * n + j)];
      for (int64_t i = k; i < m; ++i) q[size_t(i * n + j)] -= 2 * v[size_t(i - k)] * dot;
    }
  }
  std::vector<double> out(static_cast<size_t>(rows * cols));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      const double sign = diag[size_t(j)] < 0 ? -1.0 : 1.0;
      const double v = gain * sign * q[size_t(i * n + j)];
      if (transpose)
        out[size_t(j * cols + i)] = v; // [rows = n, cols = m]
      else
        out[size_t(i * cols + j)] = v;
    }
  return out;
}

} // namespace

absl::StatusOr<std::vector<double>> initialValues(const InitSpec &spec,
                                                  absl::Span<const int64_t> shape,
                                                  uint64_t seed, uint32_t paramIndex) {
  if (paramIndex >= (1u << 28))
    return specError(absl::StrCat("parameter index ", paramIndex, " does not fit in 28 bits"));
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) return specError("negative dimension");
    n *= d;
  }
  std::vector<double> out(size_t(n), 0.0);
  switch (spec.kind) {
  case InitKind::Zeros:
    break;
  case InitKind::Ones:
    std::fill(out.begin(), out.end(), 1.0);
    break;
  case InitKind::Constant:
    std::fill(out.begin(), out.end(), spec.value);
    break;
  case InitKind::RandomUniform:
    for (int64_t e = 0; e < n; ++e)
      out[size_t(e)] = drawUniform(seed, paramIndex, uint64_t(e), spec.minval, spec.maxval);
    break;
  case InitKind::RandomNormal:
    for (int64_t e = 0; e < n; ++e)
      out[size_t(e)] = drawNormal(seed, paramIndex, uint64_t(e), spec.mean, spec.stddev);
    break;
  case InitKind::TruncatedNormal:
    for (int64_t e = 0; e < n; ++e)
      out[size_t(e)] =
          drawTruncatedNormal(seed, paramIndex, uint64_t(e), spec.mean, spec.stddev);
    break;
  case InitKind::VarianceScaling: {
    const Fans f = computeFans(shape);
    const double fan = spec.mode == FanMode::FanIn    ? f.fanIn
                       : spec.mode == FanMode::FanOut ? f.fanOut
                                                      : (f.fanIn + f.fanOut) / 2;
    const double s = spec.scale / std::max(1.0, fan);
    for (int64_t e = 0; e < n; ++e) {
      double &v = out[size_t(e)];
      switch (spec.distribution) {
      case Distribution::Uniform: {
        const double limit = std::sqrt(3.0 * s);
        v = drawUniform(seed, paramIndex, uint64_t(e), -limit, limit);
        break;
      }
      case Distribution::TruncatedNormal:
        v = drawTruncatedNormal(seed, paramIndex, uint64_t(e), 0.0, std::sqrt(s));
        break;
      case Distribution::Normal:
        v = drawNormal(seed, paramIndex, uint64_t(e), 0.0, std::sqrt(s));
        break;
      }
    }
    break;
  }
  case InitKind::Orthogonal: {
    if (shape.empty()) return specError("orthogonal needs a tensor of rank >= 1");
    const int64_t cols = shape.back();
    const int64_t rows = cols == 0 ? 0 : n / cols;
    if (n > 0) out = orthogonal(rows, cols, spec.gain, seed, paramIndex);
    break;
  }
  case InitKind::Identity: {
    if (shape.size() != 2)
      return specError(absl::StrCat("identity needs a 2-D tensor, got rank ", shape.size()));
    for (int64_t i = 0; i < std::min(shape[0], shape[1]); ++i)
      out[size_t(i * shape[1] + i)] = spec.gain;
    break;
  }
  case InitKind::LstmUnitForgetBias: {
    if (shape.size() != 1 || shape[0] % 4 != 0)
      return specError("lstm_unit_forget_bias needs a 1-D tensor of 4 * units elements");
    const int64_t units = shape[0] / 4;
    for (int64_t i = units; i < 2 * units; ++i) out[size_t(i)] = 1.0;
    break;
  }
  }
  return out;
}

absl::Status initializeTensor(const InitSpec &spec, absl::Span<const int64_t> shape,
                              uint64_t seed, uint32_t paramIndex, float *out) {
  DLC_RT_ASSIGN_OR_RETURN(std::vector<double> values,
                          initialValues(spec, shape, seed, paramIndex));
  for (size_t i = 0; i < values.size(); ++i) out[i] = float(values[i]);
  return absl::OkStatus();
}

absl::Status initializeTensor(const InitSpec &spec, absl::Span<const int64_t> shape,
                              uint64_t seed, uint32_t paramIndex, double *out) {
  DLC_RT_ASSIGN_OR_RETURN(std::vector<double> values,
                          initialValues(spec, shape, seed, paramIndex));
  std::copy(values.begin(), values.end(), out);
  return absl::OkStatus();
}

absl::Status fillInitialState(const bundle::Manifest &manifest, uint64_t seed,
                              uint8_t *state) {
  const uint64_t size = manifest.regionBytes[size_t(bundle::Region::State)];
  if (size) std::memset(state, 0, size);
  for (const bundle::TensorDesc &t : manifest.tensors) {
    if (t.role != bundle::Role::Param) continue;
    auto fail = [&](const absl::Status &s) {
      return absl::Status(s.code(), absl::StrCat("tensor '", t.name, "': ", s.message()));
    };
    absl::StatusOr<InitSpec> spec = parseInitSpec(t.init);
    if (!spec.ok()) return fail(spec.status());
    absl::Status s;
    uint8_t *dst = state + t.offset;
    if (t.dtype == bundle::DType::F32) {
      std::vector<float> tmp(size_t(t.numElements()));
      s = initializeTensor(*spec, t.shape, seed, uint32_t(t.paramIndex), tmp.data());
      if (!tmp.empty()) std::memcpy(dst, tmp.data(), tmp.size() * sizeof(float));
    } else if (t.dtype == bundle::DType::F64) {
      std::vector<double> tmp(size_t(t.numElements()));
      s = initializeTensor(*spec, t.shape, seed, uint32_t(t.paramIndex), tmp.data());
      if (!tmp.empty()) std::memcpy(dst, tmp.data(), tmp.size() * sizeof(double));
    } else {
      s = absl::InvalidArgumentError("a parameter must be f32 or f64");
    }
    if (!s.ok()) return fail(s);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> initialStateBytes(const bundle::Manifest &manifest, uint64_t seed) {
  std::string out(manifest.regionBytes[size_t(bundle::Region::State)], '\0');
  DLC_RT_RETURN_IF_ERROR(
      fillInitialState(manifest, seed, reinterpret_cast<uint8_t *>(out.data())));
  return out;
}

} // namespace dlc::rt::init
