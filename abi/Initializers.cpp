// Initial values of parameters (implementation of Initializers.h).
#include "abi/Initializers.h"

#include "abi/Philox.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>

namespace dlc::abi {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPow32 = 4294967296.0;

Error specError(const std::string &message) { return invalid("init: " + message); }

std::string describe(const InitField &f) {
  return f.type == InitField::Type::String ? "\"" + f.text + "\"" : f.text;
}

/// Reads a required number; sets `error` and returns false when it is not one.
bool number(const InitFields &spec, const std::string &kind, const char *field, double &out,
            std::optional<Error> &error) {
  auto it = spec.find(field);
  if (it == spec.end()) {
    error = specError(kind + " needs '" + field + "'");
    return false;
  }
  if (it->second.type != InitField::Type::Number) {
    error = specError(kind + ": '" + field + "' must be a number, got " + describe(it->second));
    return false;
  }
  if (!std::isfinite(it->second.number)) {
    error = specError(kind + ": '" + field + "' must be finite");
    return false;
  }
  out = it->second.number;
  return true;
}

bool word(const InitFields &spec, const std::string &kind, const char *field,
          std::initializer_list<const char *> allowed, std::string &out,
          std::optional<Error> &error) {
  auto it = spec.find(field);
  if (it == spec.end()) {
    error = specError(kind + " needs '" + field + "'");
    return false;
  }
  if (it->second.type != InitField::Type::String) {
    error = specError(kind + ": '" + field + "' must be a string, got " + describe(it->second));
    return false;
  }
  for (const char *a : allowed)
    if (it->second.text == a) {
      out = a;
      return true;
    }
  std::string list;
  for (const char *a : allowed)
    list += (list.empty() ? "" : ", ") + std::string(a);
  error = specError(kind + ": '" + field + "' is \"" + it->second.text +
                    "\", expected one of " + list);
  return false;
}

} // namespace

Expected<InitSpec> parseInitSpec(const InitFields &spec) {
  auto kindIt = spec.find("kind");
  if (kindIt == spec.end() || kindIt->second.type != InitField::Type::String)
    return specError("missing string 'kind'");
  const std::string kind = kindIt->second.text;
  InitSpec s;
  std::optional<Error> error;
  if (kind == "variance_scaling") {
    s.kind = InitKind::VarianceScaling;
    std::string mode, dist;
    if (!number(spec, kind, "scale", s.scale, error))
      return *error;
    if (s.scale <= 0)
      return specError("variance_scaling: 'scale' must be positive");
    if (!word(spec, kind, "mode", {"fan_in", "fan_out", "fan_avg"}, mode, error) ||
        !word(spec, kind, "distribution", {"uniform", "truncated_normal", "normal"}, dist, error))
      return *error;
    s.mode = mode == "fan_in" ? FanMode::FanIn : mode == "fan_out" ? FanMode::FanOut
                                                                  : FanMode::FanAvg;
    s.distribution = dist == "uniform"            ? Distribution::Uniform
                     : dist == "truncated_normal" ? Distribution::TruncatedNormal
                                                  : Distribution::Normal;
  } else if (kind == "orthogonal" || kind == "identity") {
    s.kind = kind == "orthogonal" ? InitKind::Orthogonal : InitKind::Identity;
    if (!number(spec, kind, "gain", s.gain, error))
      return *error;
  } else if (kind == "zeros") {
    s.kind = InitKind::Zeros;
  } else if (kind == "ones") {
    s.kind = InitKind::Ones;
  } else if (kind == "constant") {
    s.kind = InitKind::Constant;
    if (!number(spec, kind, "value", s.value, error))
      return *error;
  } else if (kind == "random_uniform") {
    s.kind = InitKind::RandomUniform;
    if (!number(spec, kind, "minval", s.minval, error) ||
        !number(spec, kind, "maxval", s.maxval, error))
      return *error;
    if (s.maxval < s.minval)
      return specError("random_uniform: 'maxval' < 'minval'");
  } else if (kind == "random_normal" || kind == "truncated_normal") {
    s.kind = kind == "random_normal" ? InitKind::RandomNormal : InitKind::TruncatedNormal;
    if (!number(spec, kind, "mean", s.mean, error) ||
        !number(spec, kind, "stddev", s.stddev, error))
      return *error;
    if (s.stddev < 0)
      return specError(kind + ": 'stddev' must be >= 0");
  } else if (kind == "lstm_unit_forget_bias") {
    s.kind = InitKind::LstmUnitForgetBias;
  } else {
    return specError("unknown kind \"" + kind +
                     "\" (known: variance_scaling, orthogonal, identity, zeros, ones, constant, "
                     "random_uniform, random_normal, truncated_normal, lstm_unit_forget_bias)");
  }
  return s;
}

Fans computeFans(const std::vector<int64_t> &shape) {
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

Expected<std::vector<double>> initialValues(const InitSpec &spec,
                                            const std::vector<int64_t> &shape, uint64_t seed,
                                            uint32_t paramIndex) {
  if (paramIndex >= (1u << 28))
    return specError("parameter index " + std::to_string(paramIndex) + " does not fit in 28 bits");
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
      return specError("identity needs a 2-D tensor, got rank " + std::to_string(shape.size()));
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

bool initializeTensor(const InitSpec &spec, const std::vector<int64_t> &shape, uint64_t seed,
                      uint32_t paramIndex, DType dtype, void *out, Error *error) {
  auto fail = [&](Error e) {
    if (error)
      *error = std::move(e);
    return false;
  };
  if (!isFloat(dtype))
    return fail(specError("a parameter must be f32 or f64"));
  Expected<std::vector<double>> values = initialValues(spec, shape, seed, paramIndex);
  if (!values)
    return fail(values.error());
  if (dtype == DType::F32) {
    float *f = static_cast<float *>(out);
    for (size_t i = 0; i < values->size(); ++i)
      f[i] = float((*values)[i]);
  } else if (!values->empty()) {
    std::memcpy(out, values->data(), values->size() * sizeof(double));
  }
  return true;
}

} // namespace dlc::abi
