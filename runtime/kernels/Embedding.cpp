// Reference kernels of dlc.embedding (implementation of Embedding.h).
#include "runtime/kernels/Embedding.h"

#include <algorithm>

#include "runtime/kernels/Gemm.h"

#include "absl/strings/str_cat.h"

namespace dlc::rt::kernels {

template <typename Index>
absl::Status checkEmbeddingIds(const EmbeddingShape &s, const Index *ids) {
  for (int64_t p = 0; p < s.count; ++p) {
    const int64_t id = int64_t(ids[p]);
    if (id < 0 || id >= s.vocab)
      return absl::InvalidArgumentError(
          absl::StrCat("embedding: id ", id, " at position ", p,
                       " is outside [0, ", s.vocab, ")"));
  }
  return absl::OkStatus();
}

template <typename T, typename Index>
absl::Status embeddingForward(const EmbeddingShape &s, const Index *ids,
                              const T *table, T *y) {
  if (absl::Status status = checkEmbeddingIds(s, ids); !status.ok())
    return status;
  for (int64_t p = 0; p < s.count; ++p) {
    const T *row = table + int64_t(ids[p]) * s.dim;
    std::copy(row, row + s.dim, y + p * s.dim);
  }
  return absl::OkStatus();
}

template <typename T, typename Index>
absl::Status embeddingBackward(const EmbeddingShape &s, const Index *ids,
                               const T *dy, T *dtable) {
  if (absl::Status status = checkEmbeddingIds(s, ids); !status.ok())
    return status;
  // A row used many times (a frequent word) sums in double, rounded once.
  auto acc = detail::accumulators<T>(s.vocab * s.dim);
  for (int64_t p = 0; p < s.count; ++p) {
    detail::Accumulator<T> *row = acc.data() + int64_t(ids[p]) * s.dim;
    for (int64_t d = 0; d < s.dim; ++d)
      row[d] += dy[p * s.dim + d];
  }
  detail::roundInto(acc, dtable);
  return absl::OkStatus();
}

#define DLC_INSTANTIATE(T, Index)                                              \
  template absl::Status embeddingForward<T, Index>(                            \
      const EmbeddingShape &, const Index *, const T *, T *);                  \
  template absl::Status embeddingBackward<T, Index>(                           \
      const EmbeddingShape &, const Index *, const T *, T *);
DLC_INSTANTIATE(float, int32_t)
DLC_INSTANTIATE(float, int64_t)
DLC_INSTANTIATE(double, int32_t)
DLC_INSTANTIATE(double, int64_t)
#undef DLC_INSTANTIATE
template absl::Status checkEmbeddingIds<int32_t>(const EmbeddingShape &,
                                                 const int32_t *);
template absl::Status checkEmbeddingIds<int64_t>(const EmbeddingShape &,
                                                 const int64_t *);

} // namespace dlc::rt::kernels
