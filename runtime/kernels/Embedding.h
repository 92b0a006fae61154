// Reference kernels of dlc.embedding (Keras `Embedding`) and its gradient
// (dlc.embedding_grad).
//
// Layouts: ids of any shape, flattened row-major to `count` entries; table
// [vocab, dim]; result [..ids shape.., dim], i.e. [count, dim].
// Every id is checked before anything is written: an id outside [0, vocab)
// is an InvalidArgument error naming its (row-major, flat) position and its
// value, and leaves the output untouched.
#ifndef DLC_RUNTIME_KERNELS_EMBEDDING_H
#define DLC_RUNTIME_KERNELS_EMBEDDING_H

#include <cstdint>

#include "absl/status/status.h"

namespace dlc::rt::kernels {

struct EmbeddingShape {
  int64_t count = 0; ///< number of ids (product of the ids' dimensions)
  int64_t vocab = 0; ///< table rows
  int64_t dim = 0;   ///< table columns
};

/// OK when every ids[p] is in [0, vocab); otherwise the error for the first
/// bad one.
template <typename Index>
absl::Status checkEmbeddingIds(const EmbeddingShape &shape, const Index *ids);

/// y[p, :] = table[ids[p], :].
template <typename T, typename Index>
absl::Status embeddingForward(const EmbeddingShape &shape, const Index *ids,
                              const T *table, T *y);

/// dtable = 0, then dtable[ids[p], :] += dy[p, :] for every p (repeated ids
/// add up; rows no id selects stay 0).
template <typename T, typename Index>
absl::Status embeddingBackward(const EmbeddingShape &shape, const Index *ids,
                               const T *dy, T *dtable);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_EMBEDDING_H
